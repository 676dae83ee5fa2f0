/* cs-annotation-store-read.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cs-annotation-io-private.h"
#include "cs-annotation-store-private.h"
#include "cs-geojson-private.h"

/* Reading a slide's saved annotations from outside: no lock, no write.
 * A window holding the slide may compact meanwhile (rewrite the store,
 * then empty the journal); reading the old store and the emptied journal
 * would lose changes, so the store file's identity is compared before and
 * after, and the read repeated when it changed. */

#define MAX_ATTEMPTS 5

typedef struct
{
  gboolean exists;
  guint64  inode;
  gint64   size;
  gint64   mtime_ns;
} FileStamp;

static FileStamp
stamp_file (const char *path)
{
  FileStamp stamp = { FALSE, 0, 0, 0 };
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    {
      stamp.exists = TRUE;
      stamp.inode = st.st_ino;
      stamp.size = st.st_size;
      stamp.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
    }
  return stamp;
}

static gboolean
same_stamp (const FileStamp *a,
            const FileStamp *b)
{
  return a->exists == b->exists && a->inode == b->inode && a->size == b->size &&
         a->mtime_ns == b->mtime_ns;
}

static gboolean
read_store_file (const char    *path,
                 GPtrArray     *annotations,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  guint n_skipped = 0;

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL && _cs_annotation_store_is_absent (local_error))
    return TRUE;
  if (in == NULL || !_cs_geojson_read_own (G_INPUT_STREAM (in), name, result, &n_skipped,
                                           &local_error))
    {
      g_set_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_UNREADABLE,
                   _("The saved annotations in %s cannot be read: %s"), path, local_error->message);
      return FALSE;
    }
  g_ptr_array_extend_and_steal (annotations, g_steal_pointer (&result->annotations));
  result->annotations = g_ptr_array_new ();
  return TRUE;
}

static gboolean
read_journal_file (const char  *path,
                   GPtrArray   *annotations,
                   GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  guint lines = 0, damaged_line = 0;

  /* no journal: nothing to replay (the replay still keeps one
   * annotation per id, as loading does) */
  if (!g_file_get_contents (path, &text, &len, &local_error) &&
      !_cs_annotation_store_is_absent (local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
    {
      g_set_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_UNREADABLE,
                   _("The saved annotations in %s cannot be read: %s"), path, local_error->message);
      return FALSE;
    }
  _cs_annotation_store_replay (annotations, text != NULL ? text : "", len, &lines, &damaged_line);
  if (damaged_line != 0)
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
                   _("%s, line %u: a saved change could not be read"), path, damaged_line);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
cs_annotation_store_read (const char    *directory,
                          const char    *slide_sha256,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *store_name = NULL;
  g_autofree char *journal_name = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *journal_path = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (slide_sha256 != NULL && *slide_sha256 != '\0', NULL);

  store_name = g_strconcat (slide_sha256, ".geojson", NULL);
  journal_name = g_strconcat (slide_sha256, ".journal", NULL);
  store_path = g_build_filename (directory, store_name, NULL);
  journal_path = g_build_filename (directory, journal_name, NULL);

  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
      FileStamp before = stamp_file (store_path);
      FileStamp after;

      if (!read_store_file (store_path, annotations, cancellable, error) ||
          !read_journal_file (journal_path, annotations, error))
        return NULL;
      after = stamp_file (store_path);
      if (same_stamp (&before, &after))
        return g_steal_pointer (&annotations);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_usleep (20 * 1000);
    }
  g_set_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_UNREADABLE,
               _("The saved annotations in %s kept changing while being read; try again"),
               store_path);
  return NULL;
}
