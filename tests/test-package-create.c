/* test-package-create.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-deidentify.h"
#include "cs-geojson.h"
#include "cs-package-private.h"
#include "cs-test-package.h"
#include "cs-test-utils.h"

#define NAME "sample.consilium"

/* ---- creating a package ---- */

static CsPackageManifest *
check_listing (CsTestPackageContents *contents)
{
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;
  gsize len = 0;
  const char *data;

  g_assert_cmpuint (contents->names->len, >, 1);
  g_assert_cmpstr (g_ptr_array_index (contents->names, 0), ==, "manifest.json");
  bytes = g_hash_table_lookup (contents->contents, "manifest.json");
  data = g_bytes_get_data (bytes, &len);
  manifest = cs_package_manifest_parse (data, len, NAME, &error);
  g_assert_no_error (error);

  /* every listed entry, once, as listed; nothing else */
  files = cs_package_manifest_list_files (manifest);
  g_assert_cmpuint (contents->names->len, ==, files->len + 1);
  g_assert_cmpuint (g_hash_table_size (contents->contents), ==, files->len + 1);
  for (guint i = 0; i < files->len; i++)
    {
      CsPackageFile *file = g_ptr_array_index (files, i);
      GBytes *entry = g_hash_table_lookup (contents->contents, file->path);
      g_autofree char *sha256 = NULL;

      g_assert_nonnull (entry);
      g_assert_cmpuint (g_bytes_get_size (entry), ==, file->size);
      sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, entry);
      g_assert_cmpstr (sha256, ==, file->sha256);
    }
  return g_steal_pointer (&manifest);
}

/* The PDF's text (pdftotext), or NULL with the test skipped when
 * poppler-utils is absent. */
static char *
pdf_text (GBytes     *pdf,
          const char *dir)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *path = g_build_filename (dir, "opinion.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status = 0;

  if (tool == NULL)
    {
      g_test_skip ("poppler-utils (pdftotext) is not installed: .ci/install-deps installs it");
      return NULL;
    }
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  return g_steal_pointer (&out);
}

/* @amended: the signed opinion was amended once (revision 2, with r1) */
static void
check_opinions (CsTestPackageCase     *c,
                CsPackageManifest     *manifest,
                CsTestPackageContents *contents,
                gboolean               amended)
{
  g_assert_cmpuint (manifest->opinions->len, ==, 2);
  for (guint i = 0; i < manifest->opinions->len; i++)
    {
      CsPackageOpinion *opinion = g_ptr_array_index (manifest->opinions, i);
      GBytes *document = g_hash_table_lookup (contents->contents, opinion->file->path);
      g_autoptr(CsReport) report = NULL;
      g_autoptr(GError) error = NULL;

      report = cs_report_new_from_data (g_bytes_get_data (document, NULL), g_bytes_get_size (document), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cs_report_get_id (report), ==, opinion->id);
      if (g_strcmp0 (opinion->id, cs_report_get_id (c->signed_report)) == 0)
        {
          g_autofree char *text = NULL;
          GBytes *pdf;

          g_assert_cmpstr (opinion->status, ==, amended ? "amended" : "final");
          g_assert_cmpint (opinion->revision, ==, amended ? 2 : 1);
          g_assert_cmpstr (opinion->consultant, ==, CS_TEST_PACKAGE_SIGNER);
          g_assert_cmpstr (opinion->content_sha256, ==,
                           cs_report_get_text (c->signed_report, "signature.content_sha256"));
          g_assert_cmpuint (opinion->revisions->len, ==, amended ? 1 : 0);
          if (amended)
            g_assert_true (g_str_has_suffix (((CsPackageFile *) opinion->revisions->pdata[0])->path,
                                             ".r1.json"));
          g_assert_nonnull (opinion->pdf);
          pdf = g_hash_table_lookup (contents->contents, opinion->pdf->path);
          g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF"));
          text = pdf_text (pdf, c->out);
          g_assert_true (text == NULL || strstr (text, CS_TEST_PACKAGE_DIAGNOSIS) != NULL);
          g_assert_true (cs_report_verify (report, NULL, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_cmpstr (opinion->status, ==, "draft");
          g_assert_null (opinion->pdf);
          g_assert_null (opinion->content_sha256);
          g_assert_cmpuint (opinion->revisions->len, ==, 0);
        }
    }
}

static void
check_annotations (CsPackageManifest     *manifest,
                   CsTestPackageContents *contents,
                   const char            *slide_sha256)
{
  static const struct { const char *author; guint count; } expected[] = {
    { "", 1 }, { CS_TEST_PACKAGE_REFERRER, 3 }, { CS_TEST_PACKAGE_SIGNER, 2 },
  };
  CsPackageSlide *slide = g_ptr_array_index (manifest->slides, 0);

  g_assert_cmpuint (manifest->annotations->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *entry = g_ptr_array_index (manifest->annotations, i);
      GBytes *bytes = g_hash_table_lookup (contents->contents, entry->file->path);
      g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
      g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
      g_autofree char *header = g_strdup_printf ("\"slide_uuid\":\"%s\",\"slide_sha256\":\"%s\"",
                                                 slide->uuid, slide_sha256);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (entry->slide_uuid, ==, slide->uuid);
      g_assert_cmpstr (entry->author, ==, expected[i].author);
      g_assert_cmpuint (entry->count, ==, expected[i].count);
      g_assert_nonnull (strstr (text, header));
      g_assert_true (cs_geojson_read (in, entry->file->path, result, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result->annotations->len, ==, expected[i].count);
      for (guint j = 0; j < result->annotations->len; j++)
        {
          const char *author = cs_annotation_get_author (result->annotations->pdata[j]);

          g_assert_cmpstr (author != NULL ? author : "", ==, expected[i].author);
        }
    }
}

/* @c's case with its draft only (not the signed opinion). */
static CsCase *
case_with_draft (CsTestPackageCase *c)
{
  gsize len = 0;
  g_autofree char *data = cs_case_to_data (c->kase, &len);
  g_autoptr(GError) error = NULL;
  CsCase *kase = cs_case_new_from_data (data, len, &error);

  g_assert_no_error (error);
  cs_case_add_report (kase, c->draft);
  return kase;
}

static CsTestPackageContents *
create (CsTestPackageCase            *c,
        const CsPackageCreateOptions *options,
        const char                   *path,
        GPtrArray                   **reports)
{
  g_autoptr(GError) error = NULL;
  CsTestPackageContents *contents;

  cs_package_create (options, path, reports, NULL, &error);
  g_assert_no_error (error);
  contents = cs_test_package_read (path, options->passphrase, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_create_identity (void)
{
  CsTestPackageCase c;
  CsPackageCreateOptions options;
  g_autoptr(CsTestPackageContents) contents = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) left = NULL;
  CsPackageSlide *slide;
  GStatBuf st;

  if (!cs_test_package_case_init (&c, TRUE))
    return;
  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_NONE);
  path = g_build_filename (c.out, "case" CS_PACKAGE_EXTENSION, NULL);
  contents = create (&c, &options, path, &reports);
  g_assert_null (reports);
  manifest = check_listing (contents);

  g_assert_cmpstr (manifest->case_id, ==, cs_case_get_id (c.kase));
  g_assert_cmpstr (manifest->case_title, ==, "CONS-26-00123");
  g_assert_cmpstr (manifest->sender_name, ==, CS_TEST_PACKAGE_REFERRER);
  g_assert_cmpstr (manifest->message, ==, "Please look at the margin.");
  g_assert_cmpuint (manifest->slides->len, ==, 1);
  slide = g_ptr_array_index (manifest->slides, 0);
  g_assert_cmpstr (slide->sha256, ==, c.sha256);
  g_assert_cmpstr (slide->file_name, ==, "CMU-1-Small-Region.svs");
  g_assert_null (slide->file);
  g_assert_false (slide->deidentified);
  g_assert_cmpint (g_stat (c.slide_path, &st), ==, 0);
  g_assert_cmpuint (slide->size, ==, st.st_size);

  check_opinions (&c, manifest, contents, TRUE);
  check_annotations (manifest, contents, c.sha256);

  /* nothing left beside the package */
  left = cs_test_package_list_dir (c.out);
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  g_assert_cmpstr (left[0], ==, "case" CS_PACKAGE_EXTENSION);
  cs_test_package_case_clear (&c);
}

/* Without the slide files: slides by identity, size 0 (unknown), and
 * the PDF printed without figures, saying so. */
static void
test_create_without_files (void)
{
  CsTestPackageCase c;
  CsPackageCreateOptions options;
  g_autoptr(CsTestPackageContents) contents = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  CsPackageOpinion *opinion = NULL;
  CsPackageSlide *slide;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_NONE);
  options.slide_paths = NULL;
  path = g_build_filename (c.out, "case" CS_PACKAGE_EXTENSION, NULL);
  contents = create (&c, &options, path, NULL);
  manifest = check_listing (contents);

  slide = g_ptr_array_index (manifest->slides, 0);
  g_assert_cmpuint (slide->size, ==, 0);
  g_assert_cmpstr (slide->sha256, ==, c.sha256);
  for (guint i = 0; i < manifest->opinions->len; i++)
    if (((CsPackageOpinion *) manifest->opinions->pdata[i])->pdf != NULL)
      opinion = manifest->opinions->pdata[i];
  g_assert_nonnull (opinion);
  text = pdf_text (g_hash_table_lookup (contents->contents, opinion->pdf->path), c.out);
  g_assert_true (text == NULL || strstr (text, CS_TEST_PACKAGE_DIAGNOSIS) != NULL);
  g_assert_true (text == NULL || strstr (text, "was not provided") != NULL);
  check_annotations (manifest, contents, c.sha256);
  cs_test_package_case_clear (&c);
}

/* A case whose slide was opened from a slide archive: no package (it
 * carries slide files), and the message says where the opinion goes. */
static void
test_create_remote_slide (void)
{
  CsTestPackageCase c;
  CsPackageCreateOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const CsCaseSlide *slide;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_NONE);
  options.slide_paths = NULL;
  slide = cs_case_get_slide (c.kase, 0);
  cs_case_set_slide_sha256 (c.kase, slide->uuid, "dicom-series:1.2.826.0.1.3680043.2.1125.1");
  path = g_build_filename (c.out, "case" CS_PACKAGE_EXTENSION, NULL);
  g_assert_false (cs_package_create (&options, path, NULL, NULL, &error));
  g_assert_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "slide archive"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  cs_test_package_case_clear (&c);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (mapped);
}

static void
test_create_original (void)
{
  CsTestPackageCase c;
  CsPackageCreateOptions options;
  g_autoptr(CsTestPackageContents) contents = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *path = NULL;
  g_autofree char *entry = NULL;
  CsPackageSlide *slide;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_ORIGINAL);
  path = g_build_filename (c.out, "case" CS_PACKAGE_EXTENSION, NULL);
  contents = create (&c, &options, path, NULL);
  manifest = check_listing (contents);

  slide = g_ptr_array_index (manifest->slides, 0);
  g_assert_false (slide->deidentified);
  g_assert_cmpstr (slide->sha256, ==, c.sha256);
  g_assert_nonnull (slide->file);
  entry = g_strdup_printf ("slides/%s/CMU-1-Small-Region.svs", slide->uuid + strlen ("urn:uuid:"));
  g_assert_cmpstr (slide->file->path, ==, entry);
  original = read_bytes (c.slide_path);
  g_assert_true (g_bytes_equal (g_hash_table_lookup (contents->contents, entry), original));
  /* slides go last, after the documents */
  g_assert_cmpstr (g_ptr_array_index (contents->names, contents->names->len - 1), ==, entry);
  cs_test_package_case_clear (&c);
}

static void
test_create_deidentified (void)
{
  CsTestPackageCase c;
  CsPackageCreateOptions options;
  g_autoptr(CsTestPackageContents) contents = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(CsSlide) copy = NULL;
  g_autoptr(CsCase) sent = NULL;
  g_autoptr(CsCase) draft_only = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *sha256 = NULL;
  CsDeidentifyReport *report;
  CsPackageSlide *slide;
  GBytes *bytes;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_DEIDENTIFIED);
  path = g_build_filename (c.out, "case" CS_PACKAGE_EXTENSION, NULL);
  /* the signed opinion names the original and cannot be changed */
  g_assert_false (cs_package_create (&options, path, NULL, NULL, &error));
  g_assert_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, cs_report_get_id (c.signed_report)));
  g_assert_nonnull (strstr (error->message, "cannot be changed"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  /* without it: the draft travels, describing the copy */
  draft_only = case_with_draft (&c);
  options.kase = draft_only;
  contents = create (&c, &options, path, &reports);
  manifest = check_listing (contents);

  g_assert_nonnull (reports);
  g_assert_cmpuint (reports->len, ==, 1);
  report = g_ptr_array_index (reports, 0);
  g_assert_cmpuint (report->removed_images->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->removed_images, 0), "label"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->removed_images, 1), "macro"));

  slide = g_ptr_array_index (manifest->slides, 0);
  g_assert_true (slide->deidentified);
  g_assert_cmpstr (slide->file_name, ==, "A1-HE.svs");
  g_assert_cmpstr (slide->sha256, !=, c.sha256);
  g_assert_cmpstr (slide->sha256, ==, slide->file->sha256);
  g_assert_null (strstr (slide->file->path, "CMU"));

  /* the copy as the receiver gets it */
  bytes = g_hash_table_lookup (contents->contents, slide->file->path);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (sha256, ==, slide->sha256);
  copy_path = g_build_filename (c.out, "A1-HE.svs", NULL);
  g_assert_true (g_file_set_contents (copy_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  copy = cs_slide_new (copy_path, &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains (cs_slide_get_associated_names (copy), "label"));
  g_assert_false (g_strv_contains (cs_slide_get_associated_names (copy), "macro"));
  g_assert_false (cs_test_bytes_contains (bytes, "Filename = CMU-1"));

  /* case.json names the copy, as the receiver will have it */
  bytes = g_hash_table_lookup (contents->contents, "case.json");
  sent = cs_case_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_case_get_slide (sent, 0)->sha256, ==, slide->sha256);
  g_assert_cmpstr (cs_case_get_slide (sent, 0)->file_name, ==, "A1-HE.svs");
  g_assert_cmpstr (cs_case_get_slide (sent, 0)->uuid, ==, slide->uuid);
  check_annotations (manifest, contents, slide->sha256);
  cs_test_package_case_clear (&c);
}

static void
test_create_encrypted (void)
{
  CsTestPackageCase c;
  CsPackageCreateOptions options;
  g_autoptr(CsTestPackageContents) contents = NULL;
  g_autoptr(CsTestPackageContents) refused = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_ORIGINAL);
  options.passphrase = "correct horse battery staple";
  path = g_build_filename (c.out, "case" CS_PACKAGE_EXTENSION, NULL);
  contents = create (&c, &options, path, NULL);
  manifest = check_listing (contents);
  check_opinions (&c, manifest, contents, FALSE);

  refused = cs_test_package_read (path, NULL, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_test_message ("without a passphrase: %s", error->message);
  g_clear_error (&error);
  refused = cs_test_package_read (path, "wrong horse", &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_test_message ("with a wrong one: %s", error->message);

  /* nothing readable in the file itself: not the diagnosis, not the slide's text */
  raw = read_bytes (path);
  g_assert_false (cs_test_bytes_contains (raw, CS_TEST_PACKAGE_DIAGNOSIS));
  g_assert_false (cs_test_bytes_contains (raw, "Aperio"));
  cs_test_package_case_clear (&c);
}

/* A failing export leaves an existing package as it was, and nothing
 * beside it. */
static void
test_create_atomic (void)
{
  CsTestPackageCase c;
  CsPackageCreateOptions options;
  g_autoptr(GHashTable) no_slides = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) left = NULL;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  path = g_build_filename (c.out, "case" CS_PACKAGE_EXTENSION, NULL);
  g_assert_true (g_file_set_contents (path, "an earlier package", -1, &error));
  before = read_bytes (path);

  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_ORIGINAL);
  options.slide_paths = no_slides;
  g_assert_false (cs_package_create (&options, path, NULL, NULL, &error));
  g_assert_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "A1-HE"));
  g_assert_nonnull (strstr (error->message, "case" CS_PACKAGE_EXTENSION));
  g_clear_error (&error);

  /* a slide that cannot be de-identified stops the export the same way */
  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_DEIDENTIFIED);
  g_hash_table_insert (no_slides, c.sha256, (gpointer) "/nonexistent/A1.svs");
  options.slide_paths = no_slides;
  g_assert_false (cs_package_create (&options, path, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "A1-HE"));

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  left = cs_test_package_list_dir (c.out);
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  cs_test_package_case_clear (&c);
}

typedef struct
{
  const CsPackageCreateOptions *options;
  const char                   *path;
  GCancellable                 *cancellable;
  GError                       *error;
  gboolean                      ok;
  gint                          done;
} CreateJob;

static gpointer
create_thread (gpointer data)
{
  CreateJob *job = data;

  job->ok = cs_package_create (job->options, job->path, NULL, job->cancellable, &job->error);
  g_atomic_int_set (&job->done, TRUE);
  return NULL;
}

/* Creates a package in @dir in a thread, cancelled as soon as a file
 * named *@suffix appears there; then nothing is left in @dir. */
static void
cancel_when (const CsPackageCreateOptions *options,
             const char                   *dir,
             const char                   *suffix)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (dir, "case" CS_PACKAGE_EXTENSION, NULL);
  CreateJob job = { options, path, cancellable, NULL, FALSE, FALSE };
  GThread *thread = g_thread_new ("create", create_thread, &job);
  gboolean seen = FALSE;
  g_auto(GStrv) left = NULL;

  while (!seen && !g_atomic_int_get (&job.done))
    {
      g_auto(GStrv) names = cs_test_package_list_dir (dir);

      for (guint i = 0; names[i] != NULL; i++)
        seen |= g_str_has_suffix (names[i], suffix);
      if (seen)
        g_cancellable_cancel (cancellable);
      else
        g_usleep (100);
    }
  g_thread_join (thread);
  g_assert_true (seen);
  g_assert_false (job.ok);
  g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&job.error);
  left = cs_test_package_list_dir (dir);
  g_assert_cmpuint (g_strv_length (left), ==, 0);
}

/* A case of one slide of 64 MiB: the shared slide with zeros appended
 * (TIFF readers do not look past the directories), so that writing the
 * package takes long enough to be cancelled midway. */
static CsCase *
make_large_case (CsTestPackageCase *c,
                 GHashTable        *slide_paths)
{
  g_autofree char *path = g_build_filename (c->dir, "large.svs", NULL);
  g_autoptr(GBytes) original = read_bytes (c->slide_path);
  g_autoptr(GByteArray) data = g_byte_array_sized_new (g_bytes_get_size (original) + (64 << 20));
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  CsCase *kase = cs_case_new ();
  const char *sha256;

  g_byte_array_append (data, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  g_byte_array_set_size (data, g_bytes_get_size (original) + (64 << 20));
  memset (data->data + g_bytes_get_size (original), 0, 64 << 20);
  g_assert_true (g_file_set_contents (path, (const char *) data->data, data->len, &error));
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  sha256 = cs_slide_compute_identity (slide, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  g_assert_no_error (error);
  g_hash_table_insert (slide_paths, g_strdup (sha256), g_steal_pointer (&path));
  return kase;
}

static void
test_create_cancel (void)
{
  CsTestPackageCase c;
  CsPackageCreateOptions options;
  g_autoptr(GHashTable) slide_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(CsCase) large = NULL;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  /* while staging (hashing, printing the opinion) */
  cs_test_package_case_options (&c, &options, CS_PACKAGE_SLIDES_ORIGINAL);
  cancel_when (&options, c.out, ".staging");

  /* while writing the archive */
  large = make_large_case (&c, slide_paths);
  options.kase = large;
  options.slide_paths = slide_paths;
  cancel_when (&options, c.out, ".tmp");
  cs_test_package_case_clear (&c);
}

/* ---- reading an annotation store from outside ---- */

static GStrv
stamp_dir (const char *dir)
{
  g_auto(GStrv) names = cs_test_package_list_dir (dir);
  g_autoptr(GPtrArray) stamps = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_ptr_array_add (stamps, g_strdup_printf ("%s %" G_GINT64_FORMAT " %ld.%09ld", names[i],
                                                (gint64) st.st_size, (long) st.st_mtim.tv_sec,
                                                st.st_mtim.tv_nsec));
    }
  g_ptr_array_add (stamps, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&stamps), FALSE);
}

/* While a window holds the store (lock, journal with changes), the
 * store and its journal are read and nothing is written. */
static void
test_store_read_only (void)
{
  CsTestPackageCase c;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *store = NULL;
  g_autofree char *name = NULL;

  if (!cs_test_package_case_init (&c, FALSE))
    return;
  before = stamp_dir (c.annotations);
  annotations = cs_annotation_store_read (c.annotations, c.sha256, NULL, &error);
  g_assert_no_error (error);
  /* 5 in the store, 1 only in the journal */
  g_assert_cmpuint (annotations->len, ==, 6);
  g_assert_cmpuint (annotations->len, ==, g_list_model_get_n_items (G_LIST_MODEL (c.list)));
  for (guint i = 0; i < annotations->len; i++)
    g_assert_nonnull (cs_annotation_list_lookup (c.list, cs_annotation_get_id (annotations->pdata[i])));
  after = stamp_dir (c.annotations);
  g_assert_cmpstrv (before, after);

  /* a damaged store is an error, and is left as it is */
  g_clear_pointer (&annotations, g_ptr_array_unref);
  name = g_strconcat (c.sha256, ".geojson", NULL);
  store = g_build_filename (c.annotations, name, NULL);
  g_assert_true (g_file_set_contents (store, "{\"type\": \"FeatureCollection\", \"features\": [", -1, &error));
  g_strfreev (before);
  before = stamp_dir (c.annotations);
  annotations = cs_annotation_store_read (c.annotations, c.sha256, NULL, &error);
  g_assert_null (annotations);
  g_assert_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, store));
  g_clear_error (&error);
  g_strfreev (after);
  after = stamp_dir (c.annotations);
  g_assert_cmpstrv (before, after);

  /* no store at all: none */
  g_clear_pointer (&annotations, g_ptr_array_unref);
  annotations = cs_annotation_store_read (c.annotations, CS_TEST_PACKAGE_OTHER_SHA, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 0);
  cs_test_package_case_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/package/store-read-only", test_store_read_only);
  g_test_add_func ("/package/create/identity", test_create_identity);
  g_test_add_func ("/package/create/without-files", test_create_without_files);
  g_test_add_func ("/package/create/remote-slide", test_create_remote_slide);
  g_test_add_func ("/package/create/original", test_create_original);
  g_test_add_func ("/package/create/deidentified", test_create_deidentified);
  g_test_add_func ("/package/create/encrypted", test_create_encrypted);
  g_test_add_func ("/package/create/atomic", test_create_atomic);
  g_test_add_func ("/package/create/cancel", test_create_cancel);

  return g_test_run ();
}
