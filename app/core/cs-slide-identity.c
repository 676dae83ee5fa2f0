/* cs-slide-identity.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-identity"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cs-slide-identity.h"
#include "cs-slide-private.h"
#include "cs-utils.h"

/* A slide's identity is the SHA-256 of its file as received (FORMATS.md
 * §9); for a multi-file slide (MIRAX, Hamamatsu VMS) it is the SHA-256 of
 * the sorted lines "relative-path TAB sha256 LF" of every file.
 * openslide.quickhash-1 is no identity: it changes when metadata is
 * scrubbed and is absent for large levels.
 *
 * Hashing gigabytes takes seconds, so results are cached by (path, total
 * size, newest modification time) in memory and in
 * $XDG_CACHE_HOME/consilium/slide-identity.ini. Thread-safe: a GMutex
 * guards the cache; hashing itself runs on the caller's (worker) thread. */

G_LOCK_DEFINE_STATIC (cache);
static GKeyFile *cache_file;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_existing (GPtrArray  *files,
              const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_ptr_array_add (files, g_strdup (path));
}

static void
list_mirax (GPtrArray  *files,
            const char *path)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!g_str_has_suffix (path, ".mrxs"))
    return;

  data_dir = g_strndup (path, strlen (path) - strlen (".mrxs"));
  dir = g_dir_open (data_dir, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (data_dir, name, NULL));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    add_existing (files, g_ptr_array_index (names, i));
}

static void
list_vms (GPtrArray  *files,
          const char *path)
{
  static const char *group = "Virtual Microscope Specimen";
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_auto(GStrv) keys = NULL;

  /* Loading a FIFO named *.vms would wait for a writer for ever. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      !g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return;

  keys = g_key_file_get_keys (key_file, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *file = NULL;

      if (!g_str_has_prefix (keys[i], "ImageFile") &&
          !g_str_equal (keys[i], "MapFile") &&
          !g_str_equal (keys[i], "OptimisationFile"))
        continue;

      value = g_key_file_get_string (key_file, group, keys[i], NULL);
      if (value == NULL || *value == '\0' || strchr (value, '/') != NULL)
        continue;
      file = g_build_filename (dir, value, NULL);
      add_existing (files, file);
    }
}

/**
 * cs_slide_identity_is_remote:
 *
 * Returns: whether @identity names a remote slide's series rather than
 *   the SHA-256 of a file
 */
gboolean
cs_slide_identity_is_remote (const char *identity)
{
  return identity != NULL && g_str_has_prefix (identity, CS_SLIDE_REMOTE_IDENTITY_PREFIX);
}

/**
 * cs_slide_identity_list_files:
 * @path: the slide's main file
 * @vendor: (nullable): OpenSlide's vendor name
 *
 * Returns: (transfer full) (element-type utf8): the slide's files, the main
 *   file first
 */
GPtrArray *
cs_slide_identity_list_files (const char *path,
                              const char *vendor)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (files, g_strdup (path));

  if (g_strcmp0 (vendor, "mirax") == 0)
    list_mirax (files, path);
  else if (g_strcmp0 (vendor, "hamamatsu") == 0 && g_str_has_suffix (path, ".vms"))
    list_vms (files, path);

  return files;
}

static char *
relative_name (const char *main_path,
               const char *file)
{
  g_autofree char *dir = g_path_get_dirname (main_path);

  if (g_str_has_prefix (file, dir) && file[strlen (dir)] == G_DIR_SEPARATOR)
    return g_strdup (file + strlen (dir) + 1);

  return g_path_get_basename (file);
}

/**
 * cs_slide_identity_hash_files:
 * @files: (element-type utf8): from cs_slide_identity_list_files()
 * @main_path: the slide's main file
 *
 * Blocks; run it on a worker thread.
 *
 * Returns: (transfer full) (nullable): the identity, lower-case hex
 */
char *
cs_slide_identity_hash_files (GPtrArray     *files,
                              const char    *main_path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) combined = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (files != NULL && files->len > 0, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *sha = cs_sha256_file (file, NULL, cancellable, &local_error);
      g_autofree char *rel = NULL;

      if (sha == NULL)
        {
          g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                       _("Cannot compute the identity of “%s”: %s"),
                       file, local_error->message);
          return NULL;
        }

      if (files->len == 1)
        return g_steal_pointer (&sha);

      rel = relative_name (main_path, file);
      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s\n", rel, sha));
    }

  g_ptr_array_sort (lines, compare_strings);
  combined = g_checksum_new (G_CHECKSUM_SHA256);
  for (guint i = 0; i < lines->len; i++)
    g_checksum_update (combined, g_ptr_array_index (lines, i),
                       strlen (g_ptr_array_index (lines, i)));

  return g_strdup (g_checksum_get_string (combined));
}

/* Total size and newest mtime over the slide's files: the cache key. */
static gboolean
stat_files (const char *path,
            gint64     *size,
            gint64     *mtime)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *vendor = NULL;
  GStatBuf st;

  if (g_str_has_suffix (path, ".mrxs"))
    vendor = g_strdup ("mirax");
  else if (g_str_has_suffix (path, ".vms"))
    vendor = g_strdup ("hamamatsu");
  files = cs_slide_identity_list_files (path, vendor);

  *size = 0;
  *mtime = 0;
  for (guint i = 0; i < files->len; i++)
    {
      if (g_stat (g_ptr_array_index (files, i), &st) != 0)
        return FALSE;
      *size += st.st_size;
      *mtime = MAX (*mtime, (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC +
                            st.st_mtim.tv_nsec / 1000);
    }

  return TRUE;
}

static char *
cache_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "consilium", "slide-identity.ini", NULL);
}

static GKeyFile *
ensure_cache_locked (void)
{
  if (cache_file == NULL)
    {
      g_autofree char *file = cache_path ();

      cache_file = g_key_file_new ();
      /* A missing or damaged cache only costs a re-hash. */
      g_key_file_load_from_file (cache_file, file, G_KEY_FILE_NONE, NULL);
    }

  return cache_file;
}

static char *
canonical (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

/**
 * cs_slide_identity_lookup:
 *
 * Returns: (transfer full) (nullable): the cached identity of @path, if
 *   its files have not changed since it was computed
 */
char *
cs_slide_identity_lookup (const char *path)
{
  g_autofree char *group = canonical (path);
  gint64 size, mtime;
  char *sha = NULL;
  GKeyFile *kf;

  if (!stat_files (path, &size, &mtime))
    return NULL;

  G_LOCK (cache);
  kf = ensure_cache_locked ();
  if (g_key_file_get_int64 (kf, group, "size", NULL) == size &&
      g_key_file_get_int64 (kf, group, "mtime", NULL) == mtime)
    sha = g_key_file_get_string (kf, group, "sha256", NULL);
  G_UNLOCK (cache);

  if (sha != NULL && strlen (sha) != 64)
    g_clear_pointer (&sha, g_free);

  return sha;
}

/**
 * cs_slide_identity_find:
 *
 * Returns: (transfer full) (nullable): the path of a slide whose cached
 *   identity is @sha256 and whose files have not changed since
 */
char *
cs_slide_identity_find (const char *sha256)
{
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (sha256 != NULL, NULL);

  G_LOCK (cache);
  groups = g_key_file_get_groups (ensure_cache_locked (), NULL);
  G_UNLOCK (cache);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *known = cs_slide_identity_lookup (groups[i]);

      if (g_strcmp0 (known, sha256) == 0)
        return g_strdup (groups[i]);
    }

  return NULL;
}

void
cs_slide_identity_remember (const char *path,
                            const char *sha256)
{
  g_autofree char *group = canonical (path);
  g_autofree char *file = cache_path ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size, mtime;
  GKeyFile *kf;

  if (!stat_files (path, &size, &mtime))
    return;

  G_LOCK (cache);
  kf = ensure_cache_locked ();
  g_key_file_set_int64 (kf, group, "size", size);
  g_key_file_set_int64 (kf, group, "mtime", mtime);
  g_key_file_set_string (kf, group, "sha256", sha256);
  data = g_key_file_to_data (kf, NULL, NULL);
  G_UNLOCK (cache);

  /* g_file_set_contents() writes a temporary file and renames it: atomic. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (file, data, -1, &error))
    g_debug ("Cannot save the slide identity cache %s: %s", file,
             error ? error->message : g_strerror (errno));
}
