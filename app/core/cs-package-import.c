/* cs-package-import.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cs-geojson.h"
#include "cs-saved-views.h"
#include "cs-package-import-private.h"
#include "cs-package-read-private.h"
#include "cs-report-private.h"
#include "cs-slide-identity.h"

/* The first half of an import (any thread): the package is extracted into
 * temporary folders (slide files into one inside the receiver's slide
 * folder, so that commit renames them; everything else into a private one
 * under the system's temporary folder), every document is parsed and
 * checked, and slides sent by identity only are looked for. The receiver's
 * cases, annotation stores and slide folders are not touched: that is
 * commit's (cs-package-merge.c), on the main thread.
 *
 * Objects are created, mutated, and emit signals on the main thread only;
 * the case and reports prepare builds are new, seen by no other thread
 * until commit takes them on the main thread. */

void
_cs_package_import_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  if (path == NULL || g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode) && (dir = g_dir_open (path, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        _cs_package_import_remove_tree (child);
      }
  g_remove (path);
}

static void
annotation_import_free (gpointer data)
{
  cs_annotation_import_free (data);
}

void
cs_package_import_free (CsPackageImport *import)
{
  if (import == NULL)
    return;
  _cs_package_import_remove_tree (import->text_dir);
  _cs_package_import_remove_tree (import->slide_tmp);
  g_free (import->text_dir);
  g_free (import->slide_tmp);
  g_free (import->path);
  g_clear_pointer (&import->manifest, cs_package_manifest_free);
  g_clear_object (&import->kase);
  g_clear_pointer (&import->reports, g_ptr_array_unref);
  g_clear_pointer (&import->annotations, g_ptr_array_unref);
  g_clear_pointer (&import->views, g_ptr_array_unref);
  g_clear_pointer (&import->slide_paths, g_ptr_array_unref);
  g_clear_pointer (&import->warnings, g_ptr_array_unref);
  g_free (import);
}

const CsPackageManifest *
cs_package_import_get_manifest (CsPackageImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);
  return import->manifest;
}

static gboolean
holds_slide_files (CsPackageManifest *manifest)
{
  for (guint i = 0; i < manifest->slides->len; i++)
    if (((CsPackageSlide *) g_ptr_array_index (manifest->slides, i))->file != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
make_folders (CsPackageImport *import,
              GError         **error)
{
  import->text_dir = g_dir_make_tmp ("consilium-import-XXXXXX", error);
  if (import->text_dir == NULL)
    return FALSE;
  if (import->documents_only || !holds_slide_files (import->manifest))
    return TRUE;
  if (import->options.slide_directory == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s holds slide files: choose a folder to store them in"), import->path);
      return FALSE;
    }
  if (g_mkdir_with_parents (import->options.slide_directory, 0700) == 0)
    {
      import->slide_tmp = g_build_filename (import->options.slide_directory,
                                            ".consilium-import-XXXXXX", NULL);
      if (g_mkdtemp_full (import->slide_tmp, 0700) != NULL)
        return TRUE;
      g_clear_pointer (&import->slide_tmp, g_free);
    }
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
               _("Cannot make a temporary folder in %s: %s"),
               import->options.slide_directory, g_strerror (errno));
  return FALSE;
}

static int
open_dir (const char *path)
{
  return path != NULL ? open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
}

static gboolean
extract (CsPackageImport *import,
         CsPackageReader *reader,
         GError         **error)
{
  int text_fd = open_dir (import->text_dir);
  int slide_fd = open_dir (import->slide_tmp);
  gboolean ok;

  if (text_fd < 0 || (import->slide_tmp != NULL && slide_fd < 0))
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot open a temporary folder: %s"), g_strerror (saved));
      ok = FALSE;
    }
  else
    ok = _cs_package_reader_extract (reader, text_fd, slide_fd, error);
  if (text_fd >= 0)
    close (text_fd);
  if (slide_fd >= 0)
    close (slide_fd);
  return ok;
}

static char *
entry_path (CsPackageImport     *import,
            const CsPackageFile *file)
{
  return g_build_filename (g_str_has_prefix (file->path, "slides/") ? import->slide_tmp
                                                                     : import->text_dir,
                           file->path, NULL);
}

static void
prefix_error (CsPackageImport *import,
              const char      *entry,
              GError         **error)
{
  g_prefix_error (error, _("%s: the entry “%s”: "), import->path, entry);
}

static gboolean
read_case (CsPackageImport *import,
           GError         **error)
{
  const CsPackageFile *file = import->manifest->case_file;
  g_autofree char *path = entry_path (import, file);
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, error))
    return FALSE;
  import->kase = cs_case_new_from_data (data, len, error);
  if (import->kase == NULL)
    {
      prefix_error (import, file->path, error);
      return FALSE;
    }
  if (g_strcmp0 (cs_case_get_id (import->kase), import->manifest->case_id) != 0)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s: the case in “%s” is not the case the manifest names"),
                   import->path, file->path);
      return FALSE;
    }
  return TRUE;
}

/* Flags the opinion as tampered as the case store does when loading: its
 * own content hash, then its signed revisions. */
static CsReport *
read_report (CsPackageImport     *import,
             const CsPackageFile *file,
             GError             **error)
{
  g_autofree char *path = entry_path (import, file);
  CsReport *report = cs_report_new_from_file (path, error);

  if (report == NULL)
    prefix_error (import, file->path, error);
  return report;
}

/* The manifest's listing of the opinion says what its document says:
 * inspect and the import dialog show the listing before trusting it. */
static gboolean
check_listing (CsPackageImport  *import,
               CsPackageOpinion *opinion,
               CsReport         *report,
               GError          **error)
{
  CsReportStatus status = cs_report_get_status (report);
  const char *consultant = cs_report_get_text (report, "consultant.name");
  const char *hash = cs_report_get_text (report, "signature.content_sha256");
  const char *member = NULL;

  if (opinion->revision != MAX (cs_report_get_revision (report), 0))
    member = "revision";
  else if (g_strcmp0 (opinion->status, cs_report_status_to_string (status)) != 0)
    member = "status";
  else if (g_strcmp0 (opinion->consultant, consultant != NULL ? consultant : "") != 0)
    member = "consultant";
  else if (g_strcmp0 (opinion->content_sha256,
                      cs_report_status_is_signed (status) ? hash : NULL) != 0)
    member = "content_sha256";
  if (member == NULL)
    return TRUE;
  g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
               _("%s: the manifest’s “%s” of the opinion %s differs from its document “%s”"),
               import->path, member, opinion->id, opinion->file->path);
  return FALSE;
}

static gboolean
read_opinion (CsPackageImport  *import,
              CsPackageOpinion *opinion,
              GError          **error)
{
  g_autoptr(CsReport) report = read_report (import, opinion->file, error);
  g_autoptr(GError) local = NULL;

  if (report == NULL)
    return FALSE;
  if (g_strcmp0 (cs_report_get_id (report), opinion->id) != 0)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s: the entry “%s” is not the opinion the manifest lists (%s)"),
                   import->path, opinion->file->path, opinion->id);
      return FALSE;
    }
  if (!check_listing (import, opinion, report, error))
    return FALSE;
  for (guint i = 0; opinion->revisions != NULL && i < opinion->revisions->len; i++)
    {
      g_autoptr(CsReport) revision = read_report (import, g_ptr_array_index (opinion->revisions, i),
                                                  error);

      if (revision == NULL)
        return FALSE;
      cs_report_add_signed_revision (report, revision);
    }
  if (!report->tampered && !cs_report_verify (report, NULL, &local))
    report->tampered = TRUE;
  g_ptr_array_add (import->reports, g_steal_pointer (&report));
  return TRUE;
}

static gboolean
read_annotations (CsPackageImport      *import,
                  CsPackageAnnotations *entry,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autofree char *path = entry_path (import, entry->file);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  g_autofree char *name = g_strdup_printf ("%s: %s", import->path, entry->file->path);

  if (stream == NULL ||
      !cs_geojson_read (G_INPUT_STREAM (stream), name, result, cancellable, error))
    return FALSE;
  /* the file is one author's, as the manifest says (the import dialog
   * shows whose annotations come): another author in it is a forgery */
  for (guint i = 0; i < result->annotations->len; i++)
    {
      CsAnnotation *annotation = g_ptr_array_index (result->annotations, i);
      const char *author = cs_annotation_get_author (annotation);

      if (g_strcmp0 (author != NULL ? author : "", entry->author) != 0)
        {
          g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                       _("%s: the entry “%s” holds an annotation by another author than the "
                         "manifest lists for it"), import->path, entry->file->path);
          return FALSE;
        }
    }
  g_ptr_array_add (import->annotations, g_steal_pointer (&result));
  return TRUE;
}

static gboolean
read_views (CsPackageImport *import,
            CsPackageViews  *entry,
            GError         **error)
{
  g_autofree char *path = entry_path (import, entry->file);
  g_autofree char *name = g_strdup_printf ("%s: %s", import->path, entry->file->path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  CsSavedViews *views;

  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s: the saved views are not valid JSON: %s"), name, local->message);
      return FALSE;
    }
  views = cs_saved_views_from_json (json_parser_get_root (parser), name, &local);
  if (views == NULL)
    {
      g_set_error_literal (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID, local->message);
      return FALSE;
    }
  g_ptr_array_add (import->views, views);
  return TRUE;
}

static gboolean
read_documents (CsPackageImport *import,
                GCancellable    *cancellable,
                GError         **error)
{
  CsPackageManifest *manifest = import->manifest;

  if (!read_case (import, error))
    return FALSE;
  for (guint i = 0; i < manifest->opinions->len; i++)
    if (!read_opinion (import, g_ptr_array_index (manifest->opinions, i), error))
      return FALSE;
  for (guint i = 0; i < manifest->annotations->len; i++)
    if (!read_annotations (import, g_ptr_array_index (manifest->annotations, i),
                           cancellable, error))
      return FALSE;
  for (guint i = 0; i < manifest->views->len; i++)
    if (!read_views (import, g_ptr_array_index (manifest->views, i), error))
      return FALSE;
  return TRUE;
}

/* ---- slides -------------------------------------------------------------- */

static gboolean
locate_slides (CsPackageImport *import,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(CsSlideFinder) finder = _cs_slide_finder_new (import->manifest,
                                                          import->options.search_folders,
                                                          cancellable, error);

  if (finder == NULL)
    return FALSE;
  for (guint i = 0; i < import->manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (import->manifest->slides, i);
      char *path = NULL;

      if (slide->file != NULL)
        {
          /* a slide sent as one file: its identity is the file's hash,
           * which the reader checked */
          if (g_ascii_strcasecmp (slide->file->sha256, slide->sha256) != 0)
            {
              g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_MISMATCH,
                           _("%s: the slide file “%s” is not the slide the manifest names"),
                           import->path, slide->file->path);
              return FALSE;
            }
          path = entry_path (import, slide->file);
        }
      else
        path = _cs_slide_finder_find (finder, slide);
      g_ptr_array_add (import->slide_paths, path);
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static CsPackageImport *
prepare (const CsPackageImportOptions *options,
         gboolean                      documents_only,
         const char                   *path,
         GCancellable                 *cancellable,
         GError                      **error)
{
  g_autoptr(CsPackageImport) import = g_new0 (CsPackageImport, 1);
  g_autoptr(CsPackageReader) reader = NULL;

  import->options = *options;
  import->documents_only = documents_only;
  import->path = g_strdup (path);
  import->reports = g_ptr_array_new_with_free_func (g_object_unref);
  import->annotations = g_ptr_array_new_with_free_func (annotation_import_free);
  import->views = g_ptr_array_new_with_free_func (cs_saved_views_free);
  import->slide_paths = g_ptr_array_new_with_free_func (g_free);
  import->warnings = g_ptr_array_new_with_free_func (g_free);
  reader = _cs_package_reader_open (path, options->passphrase, options->max_expanded_size,
                                    cancellable, error);
  if (reader == NULL)
    return NULL;
  import->manifest = _cs_package_reader_steal_manifest (reader);
  if (options->passphrase != NULL && *options->passphrase != '\0' &&
      !_cs_package_reader_is_encrypted (reader))
    g_ptr_array_add (import->warnings,
                     g_strdup_printf (_("%s is not encrypted: the passphrase was not needed"),
                                      path));
  if (!make_folders (import, error) || !_cs_package_import_check_room (import, error) ||
      !extract (import, reader, error) ||
      !read_documents (import, cancellable, error) ||
      (!documents_only && !locate_slides (import, cancellable, error)))
    return NULL;
  return g_steal_pointer (&import);
}

/**
 * cs_package_import_prepare:
 * @options: where and how to import; valid until commit
 * @path: the package
 * @cancellable: (nullable): stops it
 * @error: return location for an error naming the package
 *
 * Returns: (transfer full) (nullable): the checked package, ready to commit
 */
CsPackageImport *
cs_package_import_prepare (const CsPackageImportOptions *options,
                           const char                   *path,
                           GCancellable                 *cancellable,
                           GError                      **error)
{
  g_return_val_if_fail (options != NULL && path != NULL, NULL);

  return prepare (options, FALSE, path, cancellable, error);
}

/**
 * cs_package_inspect_opinions:
 * @path: the package
 * @passphrase: (nullable): its passphrase
 * @cancellable: (nullable): stops it
 * @error: return location for an error naming the package
 *
 * Checks every entry as import does (slide files are hashed, not written)
 * and reads the opinions.
 *
 * Returns: (transfer container) (element-type CsReport) (nullable): the
 *   opinions in the manifest's order, tampered ones flagged
 */
GPtrArray *
cs_package_inspect_opinions (const char   *path,
                             const char   *passphrase,
                             GCancellable *cancellable,
                             GError      **error)
{
  CsPackageImportOptions options = { .passphrase = passphrase };
  g_autoptr(CsPackageImport) import = prepare (&options, TRUE, path, cancellable, error);

  if (import == NULL)
    return NULL;
  return g_ptr_array_ref (import->reports);
}

/**
 * cs_package_import:
 *
 * prepare, then commit; on error nothing is changed.
 *
 * Returns: (transfer full) (nullable): what was imported
 */
CsPackageImportResult *
cs_package_import (const CsPackageImportOptions *options,
                   const char                   *path,
                   GCancellable                 *cancellable,
                   GError                      **error)
{
  g_autoptr(CsPackageImport) import = cs_package_import_prepare (options, path, cancellable,
                                                                 error);

  if (import == NULL)
    return NULL;
  return cs_package_import_commit (import, error);
}
