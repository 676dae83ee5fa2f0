/* cs-bench-slide.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-gen.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <openslide.h>
#include <string.h>

/* The generated slide in the cache: named by its size, seed and the
 * generator's version, reused when OpenSlide opens it as the expected
 * generic TIFF and reads the last tile of every level, else written anew
 * to a temporary file in the same directory and renamed over it, so that
 * an interrupted run never leaves a broken slide under the cached name. */

#define FULL_WIDTH   60000
#define FULL_HEIGHT  50000
#define QUICK_WIDTH  20000
#define QUICK_HEIGHT 20000
#define SMALLEST     1024
#define STALE_SECONDS 3600

void
cs_bench_slide_size (gboolean quick,
                     guint64 *width,
                     guint64 *height)
{
  *width = quick ? QUICK_WIDTH : FULL_WIDTH;
  *height = quick ? QUICK_HEIGHT : FULL_HEIGHT;
}

guint
cs_bench_slide_n_levels (guint64 width,
                         guint64 height)
{
  guint n = 1;

  while (MAX (width, height) > SMALLEST && MIN (width, height) >= 2)
    {
      width /= 2;
      height /= 2;
      n++;
    }
  return n;
}

static char *
cached_path (CsBenchContext *ctx,
             guint64         width,
             guint64         height)
{
  g_autofree char *name =
    g_strdup_printf ("consilium-bench-v%d-%" G_GUINT64_FORMAT "x%" G_GUINT64_FORMAT
                     "-seed%" G_GUINT64_FORMAT ".tiff",
                     CS_BENCH_SLIDE_VERSION, width, height, ctx->seed);

  return g_build_filename (ctx->cache_dir, name, NULL);
}

/* TRUE when @path is the slide we would write: OpenSlide's generic TIFF
 * with our levels, every level's last tile readable. */
static gboolean
cached_slide_is_valid (const char *path,
                       guint64     width,
                       guint64     height)
{
  openslide_t *osr;
  const char *vendor;
  guint n_levels = cs_bench_slide_n_levels (width, height);
  gboolean ok;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  vendor = openslide_detect_vendor (path);
  if (g_strcmp0 (vendor, "generic-tiff") != 0)
    return FALSE;
  osr = openslide_open (path);
  if (osr == NULL)
    return FALSE;

  ok = openslide_get_error (osr) == NULL
       && openslide_get_level_count (osr) == (int32_t) n_levels;
  for (guint level = 0; ok && level < n_levels; level++)
    {
      guint32 tile[16 * 16];
      int64_t w = 0, h = 0;
      double ds = 1u << level;

      openslide_get_level_dimensions (osr, level, &w, &h);
      ok = w == (int64_t) (width >> level) && h == (int64_t) (height >> level);
      if (ok)
        openslide_read_region (osr, tile, (int64_t) ((w - 16) * ds),
                               (int64_t) ((h - 16) * ds), level, 16, 16);
      ok = ok && openslide_get_error (osr) == NULL;
    }
  openslide_close (osr);
  return ok;
}

/* Temporary files of generations that were interrupted (killed, power
 * lost) are hundreds of megabytes: those of this slide older than an hour
 * (a generation takes a few minutes; a younger one may still be written)
 * are removed. */
static void
remove_stale_temporaries (const char *dir_path,
                          const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autofree char *base = g_path_get_basename (path);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stale = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, base) || strlen (name) != strlen (base) + 7
          || name[strlen (base)] != '.')
        continue;
      stale = g_build_filename (dir_path, name, NULL);
      if (g_stat (stale, &st) == 0 && now - st.st_mtime > STALE_SECONDS)
        g_unlink (stale);
    }
}

static gboolean
generate_atomically (CsBenchContext *ctx,
                     const char     *path,
                     guint64         width,
                     guint64         height,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  int fd;

  if (g_mkdir_with_parents (ctx->cache_dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the benchmark cache “%s”: %s"),
                   ctx->cache_dir, g_strerror (saved));
      return FALSE;
    }
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create a file in “%s”: %s"),
                   ctx->cache_dir, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);
  remove_stale_temporaries (ctx->cache_dir, path);
  /* A cache file like any other, not mkstemp's private one. */
  g_chmod (tmp, 0644);

  if (!cs_bench_generate_slide (ctx->tissue_path, tmp, width, height, ctx->seed,
                                cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (!cached_slide_is_valid (tmp, width, height))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The generated benchmark slide “%s” does not open as a generic TIFF"),
                   tmp);
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not rename “%s” to “%s”: %s"), tmp, path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_bench_slide_is_cached (CsBenchContext *ctx,
                          guint64         width,
                          guint64         height)
{
  g_autofree char *path = cached_path (ctx, width, height);

  return cached_slide_is_valid (path, width, height);
}

gboolean
cs_bench_ensure_slide_sized (CsBenchContext *ctx,
                             guint64         width,
                             guint64         height,
                             gboolean       *generated,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ctx != NULL && ctx->cache_dir != NULL, FALSE);
  g_return_val_if_fail (ctx->tissue_path != NULL, FALSE);

  if (generated != NULL)
    *generated = FALSE;
  path = cached_path (ctx, width, height);
  if (!cached_slide_is_valid (path, width, height))
    {
      if (!generate_atomically (ctx, path, width, height, cancellable, error))
        return FALSE;
      if (generated != NULL)
        *generated = TRUE;
    }

  g_free (ctx->slide_path);
  ctx->slide_path = g_steal_pointer (&path);
  return TRUE;
}
