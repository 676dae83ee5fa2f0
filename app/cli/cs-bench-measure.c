/* cs-bench-measure.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-results-private.h"

#include <cairo.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <openslide.h>
#include <stdio.h>
#include <jpeglib.h>
#include <string.h>
#include <unistd.h>

/* What the benchmark's sections measure with: nearest-rank percentiles,
 * the process's resident memory from /proc/self/status, and a
 * description of the machine for the JSON. */

/* The first "model name" of /proc/cpuinfo, or NULL. */
static char *
read_cpu_model (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL))
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (g_str_has_prefix (lines[i], "model name") && colon != NULL)
        return g_strstrip (g_strdup (colon + 1));
    }

  return NULL;
}

/* A "Key:   123 kB" line of a /proc file, in bytes; 0 when absent. */
static guint64
read_proc_kb (const char *path,
              const char *key)
{
  g_autofree char *text = NULL;
  g_autofree char *prefix = g_strconcat (key, ":", NULL);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_ascii_strtoull (lines[i] + strlen (prefix), NULL, 10) * 1024;

  return 0;
}

void
_cs_bench_add_machine (JsonBuilder *builder)
{
  g_autofree char *cpu = read_cpu_model ();
  g_autofree char *jpeg = NULL;
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);

#ifdef LIBJPEG_TURBO_VERSION
  jpeg = g_strdup_printf ("libjpeg-turbo %s (libjpeg API %d)",
                          G_STRINGIFY (LIBJPEG_TURBO_VERSION), JPEG_LIB_VERSION);
#else
  jpeg = g_strdup_printf ("libjpeg API %d", JPEG_LIB_VERSION);
#endif

  json_builder_set_member_name (builder, "machine");
  json_builder_begin_object (builder);
  _cs_bench_add_string_member (builder, "cpu", cpu);
  json_builder_set_member_name (builder, "cores");
  json_builder_add_int_value (builder, g_get_num_processors ());
  json_builder_set_member_name (builder, "memory_bytes");
  json_builder_add_int_value (builder, (gint64) read_proc_kb ("/proc/meminfo", "MemTotal"));
  _cs_bench_add_string_member (builder, "openslide", openslide_get_version ());
  _cs_bench_add_string_member (builder, "cairo", cairo_version_string ());
  _cs_bench_add_string_member (builder, "libjpeg", jpeg);
  _cs_bench_add_string_member (builder, "glib", glib);
  json_builder_end_object (builder);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * cs_bench_percentile:
 * @values: (element-type double): the samples; sorted in place
 * @percentile: 0 to 100
 *
 * By nearest rank: the smallest sample such that at least @percentile
 * per cent of the samples are at most it (percentile 0 is the minimum).
 *
 * Returns: the percentile, NAN when @values is empty
 */
double
cs_bench_percentile (GArray *values,
                     double  percentile)
{
  double rank;
  guint index;

  g_return_val_if_fail (values != NULL, NAN);
  g_return_val_if_fail (percentile >= 0 && percentile <= 100, NAN);

  if (values->len == 0)
    return NAN;

  g_array_sort (values, compare_doubles);
  rank = ceil (percentile / 100.0 * values->len);
  index = rank < 1 ? 0 : (guint) rank - 1;

  return g_array_index (values, double, MIN (index, values->len - 1));
}

guint64
cs_bench_peak_rss (void)
{
  return read_proc_kb ("/proc/self/status", "VmHWM");
}

guint64
cs_bench_current_rss (void)
{
  return read_proc_kb ("/proc/self/status", "VmRSS");
}

/* Not g_file_set_contents(): it writes a temporary file and renames it,
 * which /proc does not allow. */
gboolean
cs_bench_reset_peak_rss (void)
{
  int fd = g_open ("/proc/self/clear_refs", O_WRONLY, 0);
  gboolean done;

  if (fd < 0)
    return FALSE;
  done = write (fd, "5", 1) == 1;
  close (fd);

  return done;
}
