/* cs-package-limits.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-read"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-package-import-private.h"
#include "cs-package-read-private.h"

/* Caps on what one entry may declare, by kind: the documents are parsed in
 * memory (a case or an opinion far beyond any real one is an attack on
 * the receiver's memory), annotation files are parsed as a stream but
 * still held whole, PDFs are stored. Checked against the manifest before a
 * byte is extracted; the reader then stops any entry at its declared
 * size. */

#define DOCUMENT_MAX    (G_GUINT64_CONSTANT (16) << 20)
#define PDF_MAX         (G_GUINT64_CONSTANT (256) << 20)
#define ANNOTATIONS_MAX (G_GUINT64_CONSTANT (2) << 30)

static gboolean
check_file (const CsPackageFile *file,
            guint64              limit,
            const char          *package,
            GError             **error)
{
  g_autofree char *declared = NULL;
  g_autofree char *allowed = NULL;

  if (file == NULL || file->size <= limit)
    return TRUE;
  declared = g_format_size_full (file->size, G_FORMAT_SIZE_LONG_FORMAT);
  allowed = g_format_size_full (limit, G_FORMAT_SIZE_LONG_FORMAT);
  g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_TOO_LARGE,
               _("%s: the entry “%s” declares %s, more than the %s allowed for it"),
               package, file->path, declared, allowed);
  return FALSE;
}

static gboolean
check_opinion (const CsPackageOpinion *opinion,
               const char             *package,
               GError                **error)
{
  if (!check_file (opinion->file, DOCUMENT_MAX, package, error) ||
      !check_file (opinion->pdf, PDF_MAX, package, error))
    return FALSE;
  for (guint i = 0; opinion->revisions != NULL && i < opinion->revisions->len; i++)
    if (!check_file (g_ptr_array_index (opinion->revisions, i), DOCUMENT_MAX, package, error))
      return FALSE;
  return TRUE;
}

gboolean
_cs_package_check_declared_sizes (CsPackageManifest *manifest,
                                  const char        *package,
                                  GError           **error)
{
  if (!check_file (manifest->case_file, DOCUMENT_MAX, package, error))
    return FALSE;
  for (guint i = 0; i < manifest->opinions->len; i++)
    if (!check_opinion (g_ptr_array_index (manifest->opinions, i), package, error))
      return FALSE;
  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *entry = g_ptr_array_index (manifest->annotations, i);

      if (!check_file (entry->file, ANNOTATIONS_MAX, package, error))
        return FALSE;
    }
  for (guint i = 0; i < manifest->views->len; i++)
    {
      CsPackageViews *entry = g_ptr_array_index (manifest->views, i);

      if (!check_file (entry->file, DOCUMENT_MAX, package, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- room on disk ---------------------------------------------------------- */

/* Whether @folder's file system has @needed bytes free (TRUE when it
 * does not say). */
static gboolean
check_space (CsPackageImport *import,
             const char      *folder,
             guint64          needed,
             GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *need = NULL;
  g_autofree char *have = NULL;
  guint64 free_bytes;

  if (needed == 0)
    return TRUE;
  info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return TRUE;
  free_bytes = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  if (free_bytes >= needed)
    return TRUE;
  need = g_format_size (needed);
  have = g_format_size (free_bytes);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
               _("%s cannot be imported: it needs %s in %s, which has %s free"),
               import->path, need, folder, have);
  return FALSE;
}

/* Room for what will be written, before a byte is: the documents in the
 * temporary folder, the slide files beside the slide folder. */
gboolean
_cs_package_import_check_room (CsPackageImport *import,
                               GError         **error)
{
  g_autoptr(GPtrArray) files = cs_package_manifest_list_files (import->manifest);
  guint64 slides = 0, documents = 0;
  g_autofree char *tmp_parent = g_path_get_dirname (import->text_dir);

  for (guint i = 0; i < files->len; i++)
    {
      CsPackageFile *file = g_ptr_array_index (files, i);

      if (g_str_has_prefix (file->path, "slides/"))
        slides += file->size;
      else
        documents += file->size;
    }
  if (import->slide_tmp == NULL)
    slides = 0;
  return check_space (import, tmp_parent, documents, error) &&
         (import->slide_tmp == NULL ||
          check_space (import, import->options.slide_directory, slides, error));
}
