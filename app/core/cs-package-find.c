/* cs-package-find.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-import"

#include "config.h"

#include <glib/gstdio.h>

#include "cs-package-import-private.h"
#include "cs-slide-identity.h"

/* Finding the slides a package references by identity only: the search
 * folders are walked once, whatever the number of slides, and only the
 * files of a size some slide has (or, for a slide of unknown size, of its
 * name) are kept; each slide then hashes its few candidates, each file
 * at most once. A package listing many slides costs one walk, not one per
 * slide. */

#define SEARCH_DEPTH 4

struct _CsSlideFinder
{
  GHashTable   *sizes;     /* guint64 size (wanted) → GPtrArray of paths */
  GHashTable   *names;     /* file name (wanted) → GPtrArray of paths */
  GHashTable   *hashes;    /* path → its identity ("" when none) */
  GCancellable *cancellable;
};

void
_cs_slide_finder_free (CsSlideFinder *finder)
{
  if (finder == NULL)
    return;
  g_clear_pointer (&finder->sizes, g_hash_table_unref);
  g_clear_pointer (&finder->names, g_hash_table_unref);
  g_clear_pointer (&finder->hashes, g_hash_table_unref);
  g_clear_object (&finder->cancellable);
  g_free (finder);
}

static void
paths_free (gpointer data)
{
  g_ptr_array_unref (data);
}

static void
add_candidate (GHashTable    *index,
               gconstpointer  key,
               const char    *path)
{
  GPtrArray *paths = g_hash_table_lookup (index, key);

  if (paths != NULL)
    g_ptr_array_add (paths, g_strdup (path));
}

static gboolean
walk (CsSlideFinder *finder,
      const char    *folder,
      guint          depth,
      GError       **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (g_cancellable_set_error_if_cancelled (finder->cancellable, error))
        return FALSE;
      if (name[0] == '.' || g_stat (path, &st) != 0)
        continue;
      if (S_ISREG (st.st_mode))
        {
          guint64 size = st.st_size;

          add_candidate (finder->sizes, &size, path);
          add_candidate (finder->names, name, path);
        }
      else if (S_ISDIR (st.st_mode) && depth < SEARCH_DEPTH &&
               !walk (finder, path, depth + 1, error))
        return FALSE;
    }
  return TRUE;
}

static void
want (CsSlideFinder        *finder,
      const CsPackageSlide *slide)
{
  if (slide->size > 0 && !g_hash_table_contains (finder->sizes, &slide->size))
    g_hash_table_insert (finder->sizes, g_memdup2 (&slide->size, sizeof slide->size),
                         g_ptr_array_new_with_free_func (g_free));
  else if (slide->size == 0 && !g_hash_table_contains (finder->names, slide->file_name))
    g_hash_table_insert (finder->names, g_strdup (slide->file_name),
                         g_ptr_array_new_with_free_func (g_free));
}

/**
 * _cs_slide_finder_new:
 *
 * Returns: (transfer full) (nullable): the index, NULL when cancelled
 */
CsSlideFinder *
_cs_slide_finder_new (CsPackageManifest  *manifest,
                      const char * const *folders,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(CsSlideFinder) finder = g_new0 (CsSlideFinder, 1);
  gboolean wanted = FALSE;

  finder->sizes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, paths_free);
  finder->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, paths_free);
  finder->hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  finder->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  for (guint i = 0; i < manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);

      if (slide->file == NULL)
        {
          want (finder, slide);
          wanted = TRUE;
        }
    }
  for (guint i = 0; wanted && folders != NULL && folders[i] != NULL; i++)
    if (!walk (finder, folders[i], 0, error))
      return NULL;
  return g_steal_pointer (&finder);
}

/* The identity of @path, hashed once per import (and remembered). */
static const char *
identity_of (CsSlideFinder *finder,
             const char    *path)
{
  g_autoptr(GPtrArray) files = NULL;
  char *sha256 = g_hash_table_lookup (finder->hashes, path);

  if (sha256 != NULL)
    return sha256;
  sha256 = cs_slide_identity_lookup (path);
  if (sha256 == NULL)
    {
      files = cs_slide_identity_list_files (path, NULL);
      sha256 = cs_slide_identity_hash_files (files, path, finder->cancellable, NULL);
      if (sha256 != NULL)
        cs_slide_identity_remember (path, sha256);
    }
  g_hash_table_insert (finder->hashes, g_strdup (path), sha256 != NULL ? sha256 : g_strdup (""));
  return g_hash_table_lookup (finder->hashes, path);
}

char *
_cs_slide_finder_find (CsSlideFinder        *finder,
                       const CsPackageSlide *slide)
{
  GPtrArray *candidates = slide->size > 0 ? g_hash_table_lookup (finder->sizes, &slide->size)
                                          : g_hash_table_lookup (finder->names, slide->file_name);

  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      const char *path = g_ptr_array_index (candidates, i);

      if (g_cancellable_is_cancelled (finder->cancellable))
        return NULL;
      if (g_ascii_strcasecmp (identity_of (finder, path), slide->sha256) == 0)
        return g_strdup (path);
    }
  return NULL;
}
