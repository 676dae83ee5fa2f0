/* cs-package-merge.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-merge"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cs-annotation-store.h"
#include "cs-package-import-private.h"
#include "cs-slide-identity.h"

/* The second half of an import, on the main thread (it changes the case
 * store and live annotation lists): the annotation stores are opened
 * first, so that a slide another process holds stops the import before
 * anything changes; then slides are moved into place, the case and its
 * opinions merged by id and the annotations by UUID. What the receiver has
 * is never lost: an incoming opinion replaces one only when it is a newer,
 * trusted revision; an incoming annotation replaces one only when the same
 * author changed it later. */

/* One slide's annotations as the receiver has them. */
typedef struct
{
  char              *sha256;
  CsAnnotationList  *list;
  CsAnnotationStore *store;   /* opened here, or NULL: a live list */
} Target;

static void
target_free (gpointer data)
{
  Target *target = data;

  g_free (target->sha256);
  g_clear_object (&target->list);
  g_clear_object (&target->store);
  g_free (target);
}

typedef struct
{
  CsPackageImport       *import;
  CsPackageImportResult *result;
  CsCase                *kase;      /* the receiver's, existing or not */
  GHashTable            *targets;   /* receiver sha256 → Target */
} Merge;

void
cs_package_import_result_free (CsPackageImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->case_id);
  g_clear_pointer (&result->tampered, g_ptr_array_unref);
  g_clear_pointer (&result->authors, g_ptr_array_unref);
  g_clear_pointer (&result->slides, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

static void
slide_result_free (gpointer data)
{
  CsPackageSlideResult *slide = data;

  g_free (slide->uuid);
  g_free (slide->sha256);
  g_free (slide->file_name);
  g_free (slide->path);
  g_free (slide);
}

static CsPackageImportResult *
result_new (CsPackageImport *import)
{
  CsPackageImportResult *result = g_new0 (CsPackageImportResult, 1);

  result->case_id = g_strdup (import->manifest->case_id);
  result->tampered = g_ptr_array_new_with_free_func (g_free);
  result->authors = g_ptr_array_new_with_free_func (g_free);
  result->slides = g_ptr_array_new_with_free_func (slide_result_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < import->warnings->len; i++)
    g_ptr_array_add (result->warnings, g_strdup (g_ptr_array_index (import->warnings, i)));
  return result;
}

/* The identity the receiver has for the package's slide @uuid: the one of
 * the slide of that uuid in their case, else the package's. */
static const char *
receiver_sha256 (Merge      *merge,
                 const char *uuid)
{
  CsPackageManifest *manifest = merge->import->manifest;
  const CsCaseSlide *own = merge->kase != NULL ? cs_case_find_slide_by_uuid (merge->kase, uuid)
                                               : NULL;

  if (own != NULL)
    return own->sha256;
  for (guint i = 0; i < manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);

      if (g_strcmp0 (slide->uuid, uuid) == 0)
        return slide->sha256;
    }
  return NULL;
}

/* ---- annotation stores, opened before anything changes ------------------- */

static gboolean
open_target (Merge      *merge,
             const char *sha256,
             GError    **error)
{
  const CsPackageImportOptions *options = &merge->import->options;
  g_autoptr(GError) local = NULL;
  Target *target;

  if (g_hash_table_contains (merge->targets, sha256))
    return TRUE;
  target = g_new0 (Target, 1);
  target->sha256 = g_strdup (sha256);
  g_hash_table_insert (merge->targets, target->sha256, target);
  if (options->list_func != NULL)
    target->list = options->list_func (sha256, options->list_data);
  if (target->list != NULL)
    {
      g_object_ref (target->list);
      return TRUE;
    }
  target->list = cs_annotation_list_new ();
  target->store = cs_annotation_store_new (target->list, options->annotation_directory, sha256);
  if (cs_annotation_store_load (target->store, &local))
    return TRUE;
  g_clear_object (&target->store);
  if (g_error_matches (local, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_LOCKED))
    g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_BUSY,
                 _("%s cannot be imported now: the annotations of one of its slides are "
                   "open in another window (%s)"), merge->import->path, local->message);
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&local), _("%s cannot be imported: "),
                                merge->import->path);
  return FALSE;
}

static gboolean
close_targets (Merge   *merge,
               GError **error)
{
  GHashTableIter iter;
  gpointer value;
  gboolean ok = TRUE;

  g_hash_table_iter_init (&iter, merge->targets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Target *target = value;

      if (target->store != NULL && !cs_annotation_store_close (target->store, ok ? error : NULL))
        ok = FALSE;
    }
  return ok;
}

static gboolean
open_targets (Merge   *merge,
              GError **error)
{
  CsPackageManifest *manifest = merge->import->manifest;

  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *entry = g_ptr_array_index (manifest->annotations, i);
      const char *sha256 = receiver_sha256 (merge, entry->slide_uuid);

      if (sha256 == NULL)
        {
          g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                       _("%s: the annotations in “%s” are of a slide the package does not "
                         "list"), merge->import->path, entry->file->path);
          return FALSE;
        }
      if (!open_target (merge, sha256, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- slides ----------------------------------------------------------------- */

/* The longest folder name made from a case's title, in bytes. */
#define FOLDER_NAME_MAX 100
/* The longest file name most file systems take, in bytes. */
#define FILE_NAME_MAX 255

/* The longest prefix of @text (valid UTF-8) of at most @max bytes that
 * ends between two characters. */
static gsize
utf8_prefix_length (const char *text,
                    gsize       max)
{
  const char *end = text;

  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);

      if ((gsize) (next - text) > max)
        break;
      end = next;
    }
  return end - text;
}

/* A folder name from the case's title: no separators, no leading dot, at
 * most FOLDER_NAME_MAX bytes. */
static char *
case_folder_name (CsCase *kase)
{
  g_autofree char *title = cs_case_dup_title (kase);
  g_autofree char *valid = g_utf8_make_valid (title != NULL ? title : "", -1);
  GString *name = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c) || (name->len == 0 && c == '.'))
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }
  g_string_truncate (name, utf8_prefix_length (name->str, FOLDER_NAME_MAX));
  if (name->len == 0)
    g_string_append_c (name, '_');
  return g_string_free (name, FALSE);
}

/* "stem (n).ext", the stem shortened so that the whole stays within
 * FILE_NAME_MAX bytes. */
static char *
numbered_name (const char *file_name,
               guint       n)
{
  const char *dot = strrchr (file_name, '.');
  g_autofree char *suffix = NULL;
  gsize stem;

  if (n == 1)
    return g_strdup (file_name);
  suffix = g_strdup_printf (" (%u)", n);
  /* no extension, or one too long to keep */
  if (dot == NULL || dot == file_name || strlen (dot) + strlen (suffix) + 1 > FILE_NAME_MAX)
    dot = file_name + strlen (file_name);
  stem = utf8_prefix_length (file_name, MIN ((gsize) (dot - file_name),
                                             FILE_NAME_MAX - strlen (suffix) - strlen (dot)));
  return g_strdup_printf ("%.*s%s%s", (int) stem, file_name, suffix, dot);
}

static gboolean
same_identity (const char *path,
               const char *sha256)
{
  g_autofree char *known = cs_slide_identity_lookup (path);
  g_autoptr(GPtrArray) files = NULL;

  if (known == NULL)
    {
      files = cs_slide_identity_list_files (path, NULL);
      known = cs_slide_identity_hash_files (files, path, NULL, NULL);
      if (known != NULL)
        cs_slide_identity_remember (path, known);
    }
  return known != NULL && g_ascii_strcasecmp (known, sha256) == 0;
}

/* Moves the extracted slide to <slide_directory>/<case>/<file name>,
 * never over another file (" (2)" …), or reuses the file already there
 * with its identity. Returns the path; *@stored when moved. */
static char *
store_slide (Merge                *merge,
             const CsPackageSlide *slide,
             const char           *extracted,
             gboolean             *stored,
             GError              **error)
{
  g_autofree char *case_name = case_folder_name (merge->kase != NULL ? merge->kase
                                                                  : merge->import->kase);
  g_autofree char *folder = g_build_filename (merge->import->options.slide_directory,
                                              case_name, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the folder %s: %s"), folder, g_strerror (saved));
      return NULL;
    }
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = numbered_name (slide->file_name, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      /* the extracted file stays until the import is freed: a failure
       * later in this commit only unlinks the new name (rollback) */
      if (link (extracted, path) == 0)
        {
          cs_slide_identity_remember (path, slide->sha256);
          *stored = TRUE;
          return g_steal_pointer (&path);
        }
      if (errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot store the slide %s: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (same_identity (path, slide->sha256))
        return g_steal_pointer (&path);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Cannot store the slide %s in %s: too many files of that name"),
               slide->file_name, folder);
  return NULL;
}

/* Undoes place_slides(): the files it stored are removed, and the case
 * folders it made when empty again. */
static void
unplace_slides (Merge *merge)
{
  for (guint i = 0; i < merge->result->slides->len; i++)
    {
      CsPackageSlideResult *entry = g_ptr_array_index (merge->result->slides, i);
      g_autofree char *folder = NULL;

      if (!entry->stored || entry->path == NULL)
        continue;
      folder = g_path_get_dirname (entry->path);
      g_unlink (entry->path);
      g_rmdir (folder);
      entry->stored = FALSE;
      g_clear_pointer (&entry->path, g_free);
    }
}

static gboolean
place_slides (Merge   *merge,
              GError **error)
{
  CsPackageManifest *manifest = merge->import->manifest;

  for (guint i = 0; i < manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);
      const char *found = g_ptr_array_index (merge->import->slide_paths, i);
      CsPackageSlideResult *entry = g_new0 (CsPackageSlideResult, 1);

      entry->uuid = g_strdup (slide->uuid);
      entry->sha256 = g_strdup (slide->sha256);
      entry->file_name = g_strdup (slide->file_name);
      g_ptr_array_add (merge->result->slides, entry);
      if (slide->file != NULL)
        {
          entry->path = store_slide (merge, slide, found, &entry->stored, error);
          if (entry->path == NULL)
            {
              unplace_slides (merge);
              return FALSE;
            }
        }
      else
        entry->path = g_strdup (found);
      /* a slide the receiver's case holds (by its uuid) is theirs already */
      if (entry->path == NULL &&
          (merge->kase == NULL || cs_case_find_slide_by_uuid (merge->kase, slide->uuid) == NULL))
        g_ptr_array_add (merge->result->warnings,
                         g_strdup_printf (_("The slide %s was not found in the folders "
                                            "searched: open it to see its annotations"),
                                          slide->file_name));
    }
  return TRUE;
}

/* The receiver's identity of each manifest views entry's slide. */
static GPtrArray *
views_targets (Merge   *merge,
               GError **error)
{
  CsPackageManifest *manifest = merge->import->manifest;
  g_autoptr(GPtrArray) sha256s = g_ptr_array_new ();

  for (guint i = 0; i < manifest->views->len; i++)
    {
      CsPackageViews *entry = g_ptr_array_index (manifest->views, i);
      const char *sha256 = receiver_sha256 (merge, entry->slide_uuid);

      if (sha256 == NULL)
        {
          g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                       _("%s: the saved views in “%s” are of a slide the package does not "
                         "list"), merge->import->path, entry->file->path);
          return NULL;
        }
      g_ptr_array_add (sha256s, (gpointer) sha256);
    }
  return g_steal_pointer (&sha256s);
}

static GHashTable *
target_lists (Merge *merge)
{
  GHashTable *lists = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, merge->targets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (lists, key, ((Target *) value)->list);
  return lists;
}

/**
 * cs_package_import_commit:
 * @import: a prepared import
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): what changed
 */
CsPackageImportResult *
cs_package_import_commit (CsPackageImport *import,
                          GError         **error)
{
  g_autoptr(CsPackageImportResult) result = result_new (import);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         target_free);
  g_autoptr(GHashTable) lists = NULL;
  g_autoptr(GPtrArray) views_sha256s = NULL;
  g_autoptr(GPtrArray) views = NULL;
  Merge merge = { import, result, NULL, targets };
  gboolean ok;

  g_return_val_if_fail (import != NULL && import->kase != NULL, NULL);
  g_return_val_if_fail (!import->committed, NULL);

  merge.kase = cs_case_store_lookup (import->options.cases, import->manifest->case_id);
  if (!open_targets (&merge, error)
      || (views_sha256s = views_targets (&merge, error)) == NULL
      || (views = _cs_package_merge_views_load (import, views_sha256s, result, error)) == NULL)
    {
      close_targets (&merge, NULL);
      return NULL;
    }
  if (!place_slides (&merge, error))
    {
      g_prefix_error (error, _("%s: "), import->path);
      close_targets (&merge, NULL);
      return NULL;
    }
  import->committed = TRUE;
  result->case_created = _cs_package_merge_case (import, &merge.kase, result);
  lists = target_lists (&merge);
  _cs_package_merge_annotations (import, merge.kase, lists, result);
  ok = cs_case_store_flush (import->options.cases, error);
  ok = ok && _cs_package_merge_views_save (import, views_sha256s, views, error);
  ok = close_targets (&merge, ok ? error : NULL) && ok;
  if (!ok)
    g_prefix_error (error, _("%s: "), import->path);
  return ok ? g_steal_pointer (&result) : NULL;
}
