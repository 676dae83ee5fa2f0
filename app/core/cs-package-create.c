/* cs-package-create.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cs-deidentify.h"
#include "cs-json-path.h"
#include "cs-package-create-private.h"
#include "cs-report-layout.h"
#include "cs-utils.h"

/* Making a package: every entry is first staged in a temporary folder
 * beside the package (the documents, PDFs, annotation files and
 * de-identified slide copies; original slides are read where they are)
 * and hashed, so that the manifest, which lists every entry's size and
 * SHA-256, can be written first; then the archive is written to a
 * temporary file, read back and checked, synced and renamed into place
 * (cs-package-write.c). On any error or cancellation both temporary
 * things are removed and an existing package at the path is left as it
 * was. */

static void
report_free (gpointer data)
{
  cs_deidentify_report_free (data);
}

/* The staging folder holds files only. */
static void
remove_staging (const char *staging)
{
  g_autoptr(GDir) dir = g_dir_open (staging, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (staging, name, NULL);

      if (g_unlink (path) != 0)
        g_warning ("Cannot remove %s: %s", path, g_strerror (errno));
    }
  if (g_rmdir (staging) != 0)
    g_warning ("Cannot remove %s: %s", staging, g_strerror (errno));
}

static void
entry_free (gpointer data)
{
  CsPackageEntry *entry = data;

  g_free (entry->source);
  g_free (entry);
}

const char *
_cs_package_builder_slide_path (CsPackageBuilder *builder,
                                const char       *sha256)
{
  if (builder->options->slide_paths == NULL || sha256 == NULL)
    return NULL;
  return g_hash_table_lookup (builder->options->slide_paths, sha256);
}

char *
_cs_package_builder_stage_path (CsPackageBuilder *builder,
                                const char       *suffix)
{
  g_autofree char *name = g_strdup_printf ("%u%s", ++builder->n_staged, suffix);

  return g_build_filename (builder->staging, name, NULL);
}

CsPackageFile *
_cs_package_builder_add_file (CsPackageBuilder *builder,
                              const char       *path,
                              const char       *source,
                              gboolean          stored,
                              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = NULL;
  CsPackageEntry *entry;
  guint64 size = 0;

  if (g_hash_table_contains (builder->entries, path))
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("Cannot write the package %s: two parts would both be named %s"),
                   builder->name, path);
      return NULL;
    }
  sha256 = cs_sha256_file (source, &size, builder->cancellable, &local_error);
  if (sha256 == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Cannot read %s: %s"), source, local_error->message);
      return NULL;
    }
  entry = g_new0 (CsPackageEntry, 1);
  entry->source = g_strdup (source);
  entry->stored = stored;
  g_hash_table_insert (builder->entries, g_strdup (path), entry);
  return cs_package_file_new (path, size, sha256);
}

CsPackageFile *
_cs_package_builder_add_data (CsPackageBuilder *builder,
                              const char       *path,
                              const char       *data,
                              gsize             len,
                              GError          **error)
{
  g_autofree char *staged = _cs_package_builder_stage_path (builder, ".part");

  if (!g_file_set_contents_full (staged, data, len, G_FILE_SET_CONTENTS_NONE, 0600, error))
    return NULL;
  return _cs_package_builder_add_file (builder, path, staged, FALSE, error);
}

/* ---- Opinions ----------------------------------------------------------- */

static CsPackageFile *
add_report (CsPackageBuilder *builder,
            CsReport         *report,
            const char       *path,
            GError          **error)
{
  g_autoptr(CsReport) sent = _cs_package_report_for_export (builder, report, error);
  g_autofree char *data = NULL;
  gsize len = 0;

  if (sent == NULL)
    return NULL;
  data = cs_report_to_data (sent, &len);

  return _cs_package_builder_add_data (builder, path, data, len, error);
}

/* The PDF of a signed opinion, with the figures of the slides the sender
 * has; a slide not given is printed as "not provided". */
static CsPackageFile *
add_pdf (CsPackageBuilder *builder,
         CsReport         *report,
         const char       *path,
         GError          **error)
{
  g_autoptr(CsReportLayout) layout = cs_report_layout_new (report);
  g_autofree char *staged = _cs_package_builder_stage_path (builder, ".pdf");
  CsCase *kase = builder->options->kase;

  for (guint i = 0; i < cs_case_get_n_slides (kase); i++)
    {
      const CsCaseSlide *entry = cs_case_get_slide (kase, i);
      const char *slide_id = cs_report_layout_match_slide (report, entry->sha256, entry->file_name);
      const char *slide_path = _cs_package_builder_slide_path (builder, entry->sha256);
      g_autoptr(CsSlide) slide = NULL;
      g_autoptr(GError) local_error = NULL;

      if (slide_id == NULL || slide_path == NULL)
        continue;
      slide = cs_slide_new (slide_path, &local_error);
      if (slide == NULL)
        {
          g_debug ("The PDF of %s goes without %s: %s", cs_report_get_id (report), slide_path,
                   local_error->message);
          continue;
        }
      cs_report_layout_add_slide (layout, slide_id, slide,
                                  g_hash_table_lookup (builder->lists, entry->sha256));
    }
  if (!cs_report_layout_write_pdf (layout, staged, error))
    {
      g_prefix_error (error, _("Cannot print the opinion %s: "), cs_report_get_id (report));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (builder->cancellable, error))
    return NULL;
  return _cs_package_builder_add_file (builder, path, staged, FALSE, error);
}

static gboolean
add_revisions (CsPackageBuilder *builder,
               CsReport         *report,
               CsPackageOpinion *opinion,
               const char       *key,
               GError          **error)
{
  GPtrArray *revisions = cs_report_get_signed_revisions (report);

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      CsReport *revision = g_ptr_array_index (revisions, i);
      gint64 number = cs_report_get_revision (revision);
      g_autofree char *path = NULL;
      CsPackageFile *file;

      /* the current revision travels as reports/<n>.json */
      if (number >= opinion->revision || number < 1)
        continue;
      path = g_strdup_printf ("reports/%s.r%" G_GINT64_FORMAT ".json", key, number);
      file = add_report (builder, revision, path, error);
      if (file == NULL)
        return FALSE;
      g_ptr_array_add (opinion->revisions, file);
    }
  return TRUE;
}

static gboolean
add_opinion (CsPackageBuilder *builder,
             CsReport         *report,
             GError          **error)
{
  const char *id = cs_report_get_id (report);
  CsReportStatus status = cs_report_get_status (report);
  const char *hash = cs_json_path_get_string (cs_report_get_root (report), "signature.content_sha256");
  const char *consultant = cs_report_get_text (report, "consultant.name");
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  CsPackageOpinion *opinion;

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("Cannot write the package %s: an opinion of the case has no id"),
                   builder->name);
      return FALSE;
    }
  key = _cs_package_report_key (id);
  opinion = _cs_package_opinion_new ();
  g_ptr_array_add (builder->manifest->opinions, opinion);
  opinion->id = g_strdup (id);
  opinion->revision = MAX (cs_report_get_revision (report), 0);
  opinion->status = g_strdup (cs_report_status_to_string (status));
  opinion->consultant = g_strdup (consultant != NULL ? consultant : "");
  if (cs_report_status_is_signed (status) && _cs_package_is_sha256 (hash))
    opinion->content_sha256 = g_strdup (hash);

  path = g_strdup_printf ("reports/%s.json", key);
  opinion->file = add_report (builder, report, path, error);
  if (opinion->file == NULL || !add_revisions (builder, report, opinion, key, error))
    return FALSE;
  if (!cs_report_status_is_signed (status))
    return TRUE;
  g_free (path);
  path = g_strdup_printf ("reports/%s.pdf", key);
  opinion->pdf = add_pdf (builder, report, path, error);
  return opinion->pdf != NULL;
}

static gboolean
stage_documents (CsPackageBuilder *builder,
                 GError          **error)
{
  GListModel *opinions = cs_case_get_opinions (builder->options->kase);
  g_autofree char *data = NULL;
  gsize len = 0;

  data = _cs_package_case_data (builder, &len);
  builder->manifest->case_file = _cs_package_builder_add_data (builder, CS_PACKAGE_CASE_NAME,
                                                               data, len, error);
  if (builder->manifest->case_file == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      if (g_cancellable_set_error_if_cancelled (builder->cancellable, error) ||
          !add_opinion (builder, report, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- The whole ---------------------------------------------------------- */

static void
fill_header (CsPackageBuilder *builder)
{
  const CsPackageCreateOptions *options = builder->options;
  CsPackageManifest *manifest = builder->manifest;

  manifest->created = cs_utc_now_iso8601 ();
  manifest->generator = g_strdup ("Consilium " PACKAGE_VERSION);
  manifest->sender_name = g_strdup (options->sender_name != NULL ? options->sender_name : "");
  manifest->sender_institution = g_strdup (options->sender_institution != NULL
                                           ? options->sender_institution : "");
  manifest->message = g_strdup (options->message);
  manifest->case_id = g_strdup (cs_case_get_id (options->kase));
  manifest->case_title = cs_case_dup_title (options->kase);
}

static void
builder_clear (CsPackageBuilder *builder)
{
  if (builder->staging != NULL)
    remove_staging (builder->staging);
  g_clear_pointer (&builder->staging, g_free);
  g_clear_pointer (&builder->name, g_free);
  g_clear_pointer (&builder->manifest, cs_package_manifest_free);
  g_clear_pointer (&builder->entries, g_hash_table_unref);
  g_clear_pointer (&builder->reports, g_ptr_array_unref);
  g_clear_pointer (&builder->lists, g_hash_table_unref);
}

/* The staging folder and the archive's temporary file, hidden beside
 * @path (same file system: the rename is atomic, and a de-identified copy
 * of a large slide needs the room the package will take anyway). */
static gboolean
builder_init (CsPackageBuilder             *builder,
              const CsPackageCreateOptions *options,
              const char                   *path,
              GCancellable                 *cancellable,
              GError                      **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX.staging", base);
  int saved;

  builder->options = options;
  builder->name = g_filename_display_name (path);
  builder->cancellable = cancellable;
  builder->manifest = cs_package_manifest_new ();
  builder->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  builder->reports = g_ptr_array_new_with_free_func (report_free);
  builder->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  builder->staging = g_build_filename (dir, template, NULL);
  if (g_mkdtemp_full (builder->staging, 0700) != NULL)
    return TRUE;
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Cannot write the package %s: cannot create a temporary folder in %s: %s"),
               builder->name, dir, g_strerror (saved));
  g_clear_pointer (&builder->staging, g_free);
  return FALSE;
}

static gboolean
write_and_rename (CsPackageBuilder *builder,
                  const char       *path,
                  GError          **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX.tmp", base);
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  gboolean ok;
  int fd, saved;

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the package %s: %s"), builder->name, g_strerror (saved));
      return FALSE;
    }
  ok = _cs_package_write_archive (builder, tmp_path, fd, error);
  close (fd);
  ok = ok && _cs_package_verify_archive (builder, tmp_path, error);
  if (ok && g_rename (tmp_path, path) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the package %s: %s"), builder->name, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp_path);
  else
    cs_fsync_path (dir, TRUE, NULL);
  return ok;
}

/**
 * cs_package_create:
 *
 * See cs-package.h. Blocks (hashing, de-identifying and compressing
 * gigabytes): run it in a worker thread.
 */
gboolean
cs_package_create (const CsPackageCreateOptions *options,
                   const char                   *path,
                   GPtrArray                   **deidentified,
                   GCancellable                 *cancellable,
                   GError                      **error)
{
  CsPackageBuilder builder = { 0 };
  gboolean ok;

  g_return_val_if_fail (options != NULL && CS_IS_CASE (options->kase), FALSE);
  g_return_val_if_fail (options->annotation_directory != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (deidentified != NULL)
    *deidentified = NULL;
  ok = builder_init (&builder, options, path, cancellable, error);
  if (ok)
    {
      fill_header (&builder);
      ok = _cs_package_stage_slides (&builder, error) &&
           _cs_package_stage_annotations (&builder, error) &&
           stage_documents (&builder, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           write_and_rename (&builder, path, error);
    }
  if (ok && deidentified != NULL && options->slide_mode == CS_PACKAGE_SLIDES_DEIDENTIFIED)
    *deidentified = g_steal_pointer (&builder.reports);
  builder_clear (&builder);
  return ok;
}
