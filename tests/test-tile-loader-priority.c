/* test-tile-loader-priority.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include "cs-tile-loader.h"
#include "cs-test-source.h"

/* Loader threads read at a lower priority than the main thread, so that
 * on a machine with few cores decoding never delays a frame. Read from
 * /proc: the nice value of every thread of this process. */

/* The largest nice value among this process's threads, or G_MININT. */
static int
max_thread_nice (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  int highest = G_MININT;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", name, "stat", NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;
      const char *after_name;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      /* "tid (comm) state ...": the command may hold spaces. */
      after_name = strrchr (text, ')');
      g_assert_nonnull (after_name);
      fields = g_strsplit (after_name + 2, " ", -1);
      /* Fields from "state" (3rd of stat): nice is the 19th. */
      g_assert_cmpuint (g_strv_length (fields), >, 16);
      highest = MAX (highest, (int) g_ascii_strtoll (fields[16], NULL, 10));
    }

  return highest;
}

static void
test_loader_workers_are_nicer (void)
{
  g_autoptr(CsTestSource) source = cs_test_source_new (4096, 4096, 1);
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsTileLoader) loader = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  int main_nice;
  int worker_nice = G_MININT;

  errno = 0;
  main_nice = getpriority (PRIO_PROCESS, 0);
  g_assert_cmpint (errno, ==, 0);
  if (main_nice > 9)
    {
      g_test_skip ("This test already runs at the lowest priorities");
      return;
    }

  loader = cs_tile_loader_new (CS_TILE_SOURCE (source), cache, 1);
  cs_test_source_set_delay (source, 300);
  g_array_append_val (keys, CS_TILE_KEY_INIT (0, 0, 0));
  cs_tile_loader_request (loader, keys);

  /* While the read sleeps in the worker, look at the threads. */
  while (cs_test_source_get_n_active (source) == 0)
    g_usleep (1000);
  worker_nice = max_thread_nice ();
  g_assert_cmpint (worker_nice, ==, MIN (main_nice + 10, 19));
  /* The main thread itself is untouched. */
  g_assert_cmpint (getpriority (PRIO_PROCESS, 0), ==, main_nice);

  while (cs_tile_loader_is_busy (loader))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (cs_tile_loader_get_n_read (loader), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/tile-loader/workers-are-nicer", test_loader_workers_are_nicer);

  return g_test_run ();
}
