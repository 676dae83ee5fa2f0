/* cs-package-merge-views.c: a package's saved views and tours joined to
 * the receiver's
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-package-import-private.h"
#include "cs-saved-views-store.h"

/* Read before anything changes, so a receiver's file that cannot be read
 * stops the import with nothing applied. Two entries for one receiver
 * slide merge into the same views. */
GPtrArray *
_cs_package_merge_views_load (CsPackageImport       *import,
                              GPtrArray             *sha256s,
                              CsPackageImportResult *result,
                              GError               **error)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (cs_saved_views_free);
  g_autoptr(GHashTable) by_sha256 = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < import->views->len; i++)
    {
      const char *sha256 = g_ptr_array_index (sha256s, i);
      CsSavedViews *own = g_hash_table_lookup (by_sha256, sha256);
      guint added = 0, kept = 0;

      if (own == NULL)
        {
          own = cs_saved_views_load (import->options.annotation_directory, sha256, error);
          if (own == NULL)
            {
              g_prefix_error (error, _("%s cannot be imported: "), import->path);
              return NULL;
            }
          g_hash_table_insert (by_sha256, (gpointer) sha256, own);
          g_ptr_array_add (merged, own);
        }
      else
        g_ptr_array_add (merged, NULL);
      cs_saved_views_merge (own, g_ptr_array_index (import->views, i), &added, &kept);
      result->views_added += added;
      result->views_kept += kept;
    }
  return g_steal_pointer (&merged);
}

gboolean
_cs_package_merge_views_save (CsPackageImport *import,
                              GPtrArray       *sha256s,
                              GPtrArray       *merged,
                              GError         **error)
{
  for (guint i = 0; i < merged->len; i++)
    {
      CsSavedViews *views = g_ptr_array_index (merged, i);

      if (views != NULL
          && !cs_saved_views_save (views, import->options.annotation_directory,
                                   g_ptr_array_index (sha256s, i), error))
        return FALSE;
    }
  return TRUE;
}
