/* cs-test-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cs-geometry.h"
#include "cs-package-private.h"
#include "cs-test-package.h"
#include "cs-test-utils.h"

static char *
fake_sha256 (const char *seed)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
}

static CsPackageFile *
fake_file (const char *path,
           guint64     size)
{
  g_autofree char *sha256 = fake_sha256 (path);

  return cs_package_file_new (path, size, sha256);
}

static void
add_slides (CsPackageManifest *manifest)
{
  CsPackageSlide *slide = g_new0 (CsPackageSlide, 1);
  guint64 size = G_GUINT64_CONSTANT (5000000000);

  slide->uuid = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_SLIDE_KEY);
  slide->file_name = g_strdup ("case-1.svs");
  slide->size = size;
  slide->deidentified = TRUE;
  slide->file = fake_file ("slides/" CS_TEST_PACKAGE_SLIDE_KEY "/case-1.svs", size);
  slide->sha256 = g_strdup (slide->file->sha256);
  g_ptr_array_add (manifest->slides, slide);

  slide = g_new0 (CsPackageSlide, 1);
  slide->uuid = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_SLIDE2_KEY);
  slide->sha256 = fake_sha256 ("second slide");
  slide->file_name = g_strdup ("B2.svs");
  g_ptr_array_add (manifest->slides, slide);
}

static void
add_annotations (CsPackageManifest *manifest,
                 const char        *author,
                 guint              count,
                 const char        *path)
{
  CsPackageAnnotations *annotations = g_new0 (CsPackageAnnotations, 1);

  annotations->slide_uuid = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_SLIDE_KEY);
  annotations->author = g_strdup (author);
  annotations->count = count;
  annotations->file = fake_file (path, 200 + count);
  g_ptr_array_add (manifest->annotations, annotations);
}

static void
add_opinions (CsPackageManifest *manifest)
{
  CsPackageOpinion *opinion = _cs_package_opinion_new ();
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;

  opinion->id = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_REPORT_KEY);
  opinion->revision = 3;
  opinion->status = g_strdup ("amended");
  opinion->consultant = g_strdup ("Dr. Bo Consultant");
  opinion->content_sha256 = fake_sha256 ("content");
  opinion->file = fake_file ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".json", 4000);
  g_ptr_array_add (opinion->revisions, fake_file ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".r1.json", 3000));
  g_ptr_array_add (opinion->revisions, fake_file ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".r2.json", 3500));
  opinion->pdf = fake_file ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".pdf", 90000);
  g_ptr_array_add (manifest->opinions, opinion);

  opinion = _cs_package_opinion_new ();
  opinion->id = g_strdup ("local-report-7");
  opinion->revision = 1;
  opinion->status = g_strdup ("draft");
  opinion->consultant = g_strdup ("Dr. Ana Referrer");
  key = _cs_package_report_key (opinion->id);
  path = g_strdup_printf ("reports/%s.json", key);
  opinion->file = fake_file (path, 2000);
  g_ptr_array_add (manifest->opinions, opinion);
}

CsPackageManifest *
cs_test_package_sample_manifest (void)
{
  CsPackageManifest *manifest = cs_package_manifest_new ();

  manifest->created = g_strdup ("2026-11-28T10:00:00Z");
  manifest->generator = g_strdup ("Consilium " PACKAGE_VERSION);
  manifest->sender_name = g_strdup ("Dr. Ana Referrer");
  manifest->sender_institution = g_strdup ("Hospital A");
  manifest->message = g_strdup ("Please look at the margin.");
  manifest->case_id = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_OTHER_UUID);
  manifest->case_title = g_strdup ("C-2026-0042");
  manifest->case_file = fake_file ("case.json", 1234);
  add_slides (manifest);
  add_annotations (manifest, "Dr. Ana Referrer", 5, "annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-1.geojson");
  add_annotations (manifest, "", 3, "annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-2.geojson");
  add_opinions (manifest);
  return manifest;
}

/* ---- A real case ---------------------------------------------------------- */

static void
add_annotation (CsAnnotationList *list,
                double            x,
                const char       *author,
                CsAnnotation    **out)
{
  CsRect rect = { x, 500, 120, 80 };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);
  g_autoptr(CsAnnotation) annotation = cs_annotation_new (CS_SHAPE_RECTANGLE, geometry);

  if (author != NULL)
    cs_annotation_set_author (annotation, author);
  cs_annotation_list_add (list, annotation);
  if (out != NULL)
    *out = g_object_ref (annotation);
}

static void
set_text (CsReport   *report,
          const char *path,
          const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_set_text (report, path, value, &error));
  g_assert_no_error (error);
}

static CsAnnotation *
first_by (CsAnnotationList *list,
          const char       *author)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (cs_annotation_get_author (annotation), author) == 0)
        return g_steal_pointer (&annotation);
    }
  g_assert_not_reached ();
}

static void
open_store (CsTestPackageCase *c)
{
  g_autoptr(GError) error = NULL;

  c->list = cs_annotation_list_new ();
  c->store = cs_annotation_store_new (c->list, c->annotations, c->sha256);
  g_assert_true (cs_annotation_store_load (c->store, &error));
  g_assert_no_error (error);
}

static void
sign (CsTestPackageCase *c,
      CsAnnotation      *cited,
      gboolean           amend)
{
  CsReport *report = cs_case_add_opinion (c->kase, CS_TEST_PACKAGE_SIGNER, "MD", "Universitätsklinikum");
  g_autoptr(GError) error = NULL;

  set_text (report, "diagnosis.0.text", CS_TEST_PACKAGE_DIAGNOSIS);
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_MAJOR, &error));
  set_text (report, "agreement.rationale", "Invasion through the muscularis mucosae.");
  g_assert_true (cs_report_cite (report, cited, "A1-HE", "Invasive focus", &error));
  g_assert_no_error (error);
  cs_report_finalize (report, CS_TEST_PACKAGE_SIGNER, c->list, &error);
  g_assert_no_error (error);
  if (amend)
    {
      g_assert_true (cs_report_amend (report, CS_TEST_PACKAGE_SIGNER, "Deeper levels reviewed", &error));
      set_text (report, "comment", "Deeper levels confirm the invasion.");
      /* signing times are to the second */
      g_usleep (1100 * 1000);
      g_assert_true (cs_report_finalize (report, CS_TEST_PACKAGE_SIGNER, c->list, &error));
      g_assert_no_error (error);
    }
  c->signed_report = g_object_ref (report);
}

gboolean
cs_test_package_case_init (CsTestPackageCase *c,
                           gboolean           amend)
{
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(CsAnnotation) cited = NULL;
  g_autoptr(GError) error = NULL;

  memset (c, 0, sizeof *c);
  c->slide_path = cs_test_shared_slide ("CMU-1-Small-Region.svs");
  if (c->slide_path == NULL)
    {
      g_test_skip ("../shared/slides/CMU-1-Small-Region.svs is absent: this test needs the "
                   "project's shared test slides");
      return FALSE;
    }
  c->dir = cs_test_make_tmpdir ();
  c->annotations = g_build_filename (c->dir, "annotations", NULL);
  c->out = g_build_filename (c->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (c->out, 0700), ==, 0);

  slide = cs_slide_new (c->slide_path, &error);
  g_assert_no_error (error);
  c->sha256 = g_strdup (cs_slide_compute_identity (slide, NULL, &error));
  g_assert_no_error (error);
  c->slide_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (c->slide_paths, g_strdup (c->sha256), g_strdup (c->slide_path));

  c->kase = cs_case_new ();
  cs_case_set_text (c->kase, "case.consult_accession", "CONS-26-00123");
  cs_case_set_text (c->kase, "case.referring_accession", "S26-4567");
  cs_case_set_text (c->kase, "case.patient.pseudonym", "P-7f3a");
  cs_case_set_text (c->kase, "requesting.institution", "Hôpital Saint-Louis");
  cs_case_set_text (c->kase, "requesting.pathologist.name", CS_TEST_PACKAGE_REFERRER);
  cs_case_set_text (c->kase, "clinical_history", "not provided");
  cs_case_set_text (c->kase, "question", "Invasive carcinoma?");
  cs_case_set_text (c->kase, "referring_diagnosis.text", "Adenoma");
  g_assert_nonnull (cs_case_add_slide (c->kase, slide, &error));
  g_assert_no_error (error);
  cs_case_set_slide_labels (c->kase, c->sha256, "A1-HE", "H&E", "A", "1");

  /* saved and compacted, as after a closed window */
  open_store (c);
  for (guint i = 0; i < 3; i++)
    add_annotation (c->list, 100 + 200 * i, CS_TEST_PACKAGE_REFERRER, NULL);
  add_annotation (c->list, 800, CS_TEST_PACKAGE_SIGNER, &cited);
  add_annotation (c->list, 1000, CS_TEST_PACKAGE_SIGNER, NULL);
  g_assert_true (cs_annotation_store_close (c->store, &error));
  g_assert_no_error (error);
  g_clear_object (&c->store);
  g_clear_object (&c->list);

  /* open again, as in a window: one more change, in the journal only */
  open_store (c);
  add_annotation (c->list, 1200, NULL, NULL);
  g_clear_object (&cited);
  cited = first_by (c->list, CS_TEST_PACKAGE_SIGNER);
  sign (c, cited, amend);
  g_assert_true (cs_annotation_store_flush (c->store, &error));
  g_assert_no_error (error);

  c->draft = g_object_ref (cs_case_add_opinion (c->kase, "Dr. Bo Second", "MD", "Hospital B"));
  set_text (c->draft, "diagnosis.0.text", "Adenoma with high-grade dysplasia");
  return TRUE;
}

void
cs_test_package_case_clear (CsTestPackageCase *c)
{
  if (c->store != NULL)
    g_assert_true (cs_annotation_store_close (c->store, NULL));
  g_clear_object (&c->store);
  g_clear_object (&c->list);
  g_clear_object (&c->draft);
  g_clear_object (&c->signed_report);
  g_clear_object (&c->kase);
  g_clear_pointer (&c->slide_paths, g_hash_table_unref);
  if (c->dir != NULL)
    cs_test_remove_tree (c->dir);
  g_clear_pointer (&c->dir, g_free);
  g_clear_pointer (&c->annotations, g_free);
  g_clear_pointer (&c->out, g_free);
  g_clear_pointer (&c->slide_path, g_free);
  g_clear_pointer (&c->sha256, g_free);
}

void
cs_test_package_case_options (CsTestPackageCase      *c,
                              CsPackageCreateOptions *options,
                              CsPackageSlideMode      mode)
{
  memset (options, 0, sizeof *options);
  options->kase = c->kase;
  options->annotation_directory = c->annotations;
  options->slide_paths = c->slide_paths;
  options->slide_mode = mode;
  options->sender_name = CS_TEST_PACKAGE_REFERRER;
  options->sender_institution = "Hôpital Saint-Louis";
  options->message = "Please look at the margin.";
}

/* ---- Reading a zip -------------------------------------------------------- */

typedef struct archive TestArchive;

static void
test_archive_free (TestArchive *archive)
{
  archive_read_free (archive);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestArchive, test_archive_free)

static void
bytes_unref (gpointer bytes)
{
  g_bytes_unref (bytes);
}

void
cs_test_package_contents_free (CsTestPackageContents *contents)
{
  g_ptr_array_unref (contents->names);
  g_hash_table_unref (contents->contents);
  g_free (contents);
}

static gboolean
archive_fail (TestArchive *archive,
              GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
               archive_error_string (archive) != NULL ? archive_error_string (archive) : "?");
  return FALSE;
}

CsTestPackageContents *
cs_test_package_read (const char  *path,
                      const char  *passphrase,
                      GError     **error)
{
  g_autoptr(TestArchive) archive = archive_read_new ();
  g_autoptr(CsTestPackageContents) contents = g_new0 (CsTestPackageContents, 1);
  struct archive_entry *entry = NULL;
  int status;

  contents->names = g_ptr_array_new_with_free_func (g_free);
  contents->contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              bytes_unref);
  archive_read_support_format_zip (archive);
  if (passphrase != NULL)
    archive_read_add_passphrase (archive, passphrase);
  if (archive_read_open_filename (archive, path, 64 * 1024) != ARCHIVE_OK)
    {
      archive_fail (archive, error);
      return NULL;
    }
  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      guint8 buffer[64 * 1024];
      la_ssize_t n;

      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, buffer, n);
      if (n < 0)
        {
          archive_fail (archive, error);
          return NULL;
        }
      g_ptr_array_add (contents->names, g_strdup (archive_entry_pathname (entry)));
      g_hash_table_insert (contents->contents, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  if (status != ARCHIVE_EOF)
    {
      archive_fail (archive, error);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
cs_test_package_list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}
