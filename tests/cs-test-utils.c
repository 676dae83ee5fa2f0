/* cs-test-utils.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-test-utils"

#include "config.h"

#include "cs-test-utils.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* Helpers shared by the test programs: waiting on the main context, finding
 * the shared and shipped slides, temporary directories. Main thread only. */

/* How long one blocking main-context iteration may wait before the
 * predicate is checked again: predicates may depend on state that other
 * threads change without waking the context. */
#define WAIT_SLICE_MS 5

static gboolean
wait_slice_cb (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;

  return G_SOURCE_REMOVE;
}

/**
 * cs_test_wait_until:
 * @predicate: checked between main-context iterations
 * @data: passed to @predicate
 * @timeout_ms: how long to wait at most
 *
 * Iterates the default main context until @predicate returns %TRUE or
 * @timeout_ms have passed. Pending events are dispatched without blocking;
 * when none is pending, one iteration blocks for at most a few milliseconds
 * (a timeout source wakes it), so the loop neither spins nor sleeps without
 * iterating.
 *
 * Returns: %TRUE if @predicate became true, %FALSE on timeout
 */
gboolean
cs_test_wait_until (CsTestPredicate predicate,
                    gpointer        data,
                    guint           timeout_ms)
{
  GMainContext *context = g_main_context_default ();
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  g_return_val_if_fail (predicate != NULL, FALSE);

  while (!predicate (data))
    {
      if (g_get_monotonic_time () >= deadline)
        return predicate (data);

      if (!g_main_context_iteration (context, FALSE))
        {
          gboolean fired = FALSE;
          guint id = g_timeout_add (WAIT_SLICE_MS, wait_slice_cb, &fired);

          g_main_context_iteration (context, TRUE);
          if (!fired)
            g_source_remove (id);
        }
    }

  return TRUE;
}

static char *
existing_file_or_null (char *path)
{
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;

  g_free (path);

  return NULL;
}

/**
 * cs_test_shared_slide:
 * @name: a file name in the shared slides directory
 *
 * The directory is `$CS_SHARED_DIR/slides`, else
 * `$CS_SOURCE_ROOT/../shared/slides`.
 *
 * Returns: (transfer full) (nullable): the slide's path, or %NULL when it
 *   is absent
 */
char *
cs_test_shared_slide (const char *name)
{
  const char *shared = g_getenv ("CS_SHARED_DIR");
  const char *root = g_getenv ("CS_SOURCE_ROOT");

  g_return_val_if_fail (name != NULL, NULL);

  if (shared != NULL && *shared != '\0')
    return existing_file_or_null (g_build_filename (shared, "slides", name, NULL));

  if (root != NULL && *root != '\0')
    return existing_file_or_null (g_build_filename (root, "..", "shared", "slides",
                                                    name, NULL));

  return NULL;
}

/**
 * cs_test_sample_slide:
 *
 * The slide the project ships, `$CS_SOURCE_ROOT/data/samples/`, else
 * `$G_TEST_SRCDIR/../data/samples/`.
 *
 * Returns: (transfer full) (nullable): the path of
 *   CMU-1-Small-Region.svs, or %NULL when it cannot be found
 */
char *
cs_test_sample_slide (void)
{
  const char *root = g_getenv ("CS_SOURCE_ROOT");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  char *path;

  if (root != NULL && *root != '\0')
    {
      path = existing_file_or_null (g_build_filename (root, "data", "samples",
                                                      "CMU-1-Small-Region.svs",
                                                      NULL));
      if (path != NULL)
        return path;
    }

  if (srcdir != NULL && *srcdir != '\0')
    return existing_file_or_null (g_build_filename (srcdir, "..", "data", "samples",
                                                    "CMU-1-Small-Region.svs", NULL));

  return NULL;
}

/**
 * cs_test_make_tmpdir:
 *
 * Returns: (transfer full): a new, empty directory; remove it with
 *   cs_test_remove_tree()
 */
char *
cs_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("consilium-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

/**
 * cs_test_workload:
 * @full: the loop's size in an ordinary run
 * @light: its size under ASan or valgrind
 *
 * Returns: @light when the environment variable CS_TEST_LIGHT is set to
 *   anything but "0", else @full
 */
guint
cs_test_workload (guint full,
                  guint light)
{
  const char *light_env = g_getenv ("CS_TEST_LIGHT");

  if (light_env != NULL && g_strcmp0 (light_env, "0") != 0)
    return light;
  return full;
}

/**
 * cs_test_remove_tree:
 * @path: (nullable): a file or directory
 *
 * Removes @path and, for a directory, everything below it. Symbolic links
 * are removed, never followed. Directories a test made unreadable are
 * made accessible again first.
 */
void
cs_test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (path == NULL)
    return;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) ||
      g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if (g_remove (path) != 0 && errno != ENOENT)
        g_test_message ("could not remove %s: %s", path, g_strerror (errno));
      return;
    }

  g_chmod (path, 0700);

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          cs_test_remove_tree (child);
        }
      g_dir_close (dir);
    }

  if (g_rmdir (path) != 0)
    g_test_message ("could not remove %s: %s", path, g_strerror (errno));
}

gboolean
cs_test_bytes_contains (GBytes     *bytes,
                        const char *needle)
{
  gsize len = 0, n = strlen (needle);
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; n <= len && i <= len - n; i++)
    if (data[i] == (guint8) needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Runs @tool (found in PATH) with up to two arguments; returns its stdout
 * and stderr together, and its wait status in @status (nullable). */
char *
cs_test_run_tool (const char *tool,
                  const char *arg1,
                  const char *arg2,
                  int        *status)
{
  const char *argv[] = { tool, arg1, arg2, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                status, &error);
  g_assert_no_error (error);
  return g_strconcat (out, err, NULL);
}
