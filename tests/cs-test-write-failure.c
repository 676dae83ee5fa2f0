/* cs-test-write-failure.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* unshare () */

#include "config.h"

#include "cs-test-write-failure.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

static struct rlimit saved_limit;
static gboolean limited;
static const char *no_mounts_why = "cs_test_private_mounts() was not called";
static gboolean private_mounts;

void
cs_test_limit_file_size (guint64 bytes)
{
  struct rlimit limit;

  g_assert_false (limited);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  limit = saved_limit;
  limit.rlim_cur = bytes;
  /* Without this the process would be killed instead of seeing EFBIG. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limited = TRUE;
}

void
cs_test_unlimit_file_size (void)
{
  g_assert_true (limited);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  limited = FALSE;
}

gboolean
cs_test_private_mounts (const char **why)
{
  if (geteuid () != 0)
    no_mounts_why = "not running as root";
  else if (unshare (CLONE_NEWNS) != 0)
    no_mounts_why = "unshare (CLONE_NEWNS) is not permitted here";
  /* Nothing mounted here may reach the rest of the system. ("none" where
   * the kernel ignores the source and type: valgrind flags NULL.) */
  else if (mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0)
    no_mounts_why = "the mounts cannot be made private";
  else
    private_mounts = TRUE;
  if (why != NULL)
    *why = no_mounts_why;
  return private_mounts;
}

gboolean
cs_test_mount_tmpfs (const char *dir,
                     guint       size_kib,
                     char      **why)
{
  g_autofree char *options = g_strdup_printf ("size=%uk,mode=0700", size_kib);

  if (!private_mounts)
    {
      *why = g_strdup_printf ("a small tmpfs needs a private mount namespace: %s",
                              no_mounts_why);
      return FALSE;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (mount ("tmpfs", dir, "tmpfs", 0, options) != 0)
    {
      *why = g_strdup_printf ("a tmpfs cannot be mounted: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

void
cs_test_remount_tmpfs (const char *dir,
                       gboolean    read_only)
{
  g_assert_cmpint (mount ("none", dir, "none", MS_REMOUNT | (read_only ? MS_RDONLY : 0), NULL), ==, 0);
}

void
cs_test_unmount (const char *dir)
{
  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
}

static void
snapshot_into (GHashTable *snapshot,
               const char *root,
               const char *relative)
{
  g_autofree char *dir = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *rel = g_build_filename (relative, name, NULL);
      g_autofree char *path = g_build_filename (root, rel, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        snapshot_into (snapshot, root, rel);
      else if (g_file_get_contents (path, &contents, &len, NULL))
        g_hash_table_insert (snapshot, g_steal_pointer (&rel),
                             g_bytes_new_take (g_steal_pointer (&contents), len));
    }
}

static void
bytes_unref (gpointer bytes)
{
  g_bytes_unref (bytes);
}

GHashTable *
cs_test_snapshot_tree (const char *dir)
{
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, bytes_unref);

  snapshot_into (snapshot, dir, "");
  return snapshot;
}

void
cs_test_assert_tree_equal (const char *dir,
                           GHashTable *snapshot)
{
  g_autoptr(GHashTable) now = cs_test_snapshot_tree (dir);
  GHashTableIter iter;
  gpointer name, bytes;

  g_hash_table_iter_init (&iter, snapshot);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      GBytes *found = g_hash_table_lookup (now, name);

      if (found == NULL || !g_bytes_equal (found, bytes))
        g_error ("%s/%s was changed or removed", dir, (char *) name);
    }
  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (snapshot, name))
      g_error ("%s/%s was left behind", dir, (char *) name);
}

guint
cs_test_count_named (const char *dir,
                     const char *part)
{
  g_autoptr(GHashTable) files = cs_test_snapshot_tree (dir);
  GHashTableIter iter;
  gpointer name;
  guint n = 0;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_autofree char *base = g_path_get_basename (name);

      n += strstr (base, part) != NULL;
    }
  return n;
}

void
cs_test_assert_write_error (const GError *error,
                            const char   *file_part,
                            int           errnum)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, file_part));
  g_assert_nonnull (strstr (error->message, g_strerror (errnum)));
}

void
cs_test_chmod_tree (const char *dir,
                    int         dir_mode,
                    int         file_mode)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  /* Listable first, whatever @dir_mode is now. */
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        cs_test_chmod_tree (path, dir_mode, file_mode);
      else
        g_assert_cmpint (g_chmod (path, file_mode), ==, 0);
    }
  g_assert_cmpint (g_chmod (dir, dir_mode), ==, 0);
}
