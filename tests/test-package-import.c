/* test-package-import.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-annotation-store.h"
#include "cs-package.h"
#include "cs-test-exchange.h"
#include "cs-test-utils.h"
#include "cs-test-zip.h"

/* A case travels between two institutions with their own data folders:
 * the referrer sends CMU-1-Small-Region.svs (de-identified, or by identity
 * only), a question and two annotations; the consultant imports it, adds
 * an annotation and a signed opinion and sends them back encrypted; the
 * referrer imports that. Then the same package again (nothing changes),
 * and a package whose signed opinion was edited (tampered). */

/* ---- the round trip -------------------------------------------------------------- */

static void
check_round_trip (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *back = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsPackageImportResult) again = NULL;
  g_autoptr(CsAnnotationList) list = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autoptr(GError) error = NULL;

  back = cs_test_exchange_run (f, &kase);

  /* the referrer: without the passphrase, nothing */
  {
    CsPackageImportOptions options = { .cases = f->referrer.cases,
                                       .annotation_directory = f->referrer.annotations };

    g_assert_null (cs_package_import (&options, back, NULL, &error));
    g_assert_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_PASSPHRASE);
    g_clear_error (&error);
  }
  /* the slide open in another window: nothing changes */
  {
    CsPackageImportOptions options = { .cases = f->referrer.cases,
                                       .annotation_directory = f->referrer.annotations,
                                       .passphrase = CS_TEST_PASSPHRASE };
    g_autoptr(CsAnnotationList) open = cs_annotation_list_new ();
    g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (open, f->referrer.annotations,
                                                                  f->sha256);
    g_autofree char *listing = NULL;
    g_autofree char *unchanged = NULL;

    g_assert_true (cs_annotation_store_load (store, &error));
    listing = cs_test_tree_listing (f->referrer.root);
    g_assert_null (cs_package_import (&options, back, NULL, &error));
    g_assert_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_BUSY);
    g_clear_error (&error);
    unchanged = cs_test_tree_listing (f->referrer.root);
    g_assert_cmpstr (unchanged, ==, listing);
    g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (kase)), ==, 0);
    g_assert_true (cs_annotation_store_close (store, &error));
    g_assert_no_error (error);
  }
  result = cs_test_site_import (&f->referrer, back, CS_TEST_PASSPHRASE, NULL);
  g_assert_false (result->case_created);
  g_assert_cmpuint (result->opinions_added, ==, 1);
  g_assert_cmpuint (result->tampered->len, ==, 0);
  g_assert_cmpuint (result->annotations_added, ==, 1);
  g_assert_cmpuint (result->annotations_unchanged, ==, 2);
  /* the slide the referrer has, by its uuid: no "not found" */
  g_assert_cmpuint (result->warnings->len, ==, 0);
  opinion = cs_test_first_opinion (kase);
  g_assert_cmpint (cs_report_get_status (opinion), ==, CS_REPORT_STATUS_FINAL);
  g_assert_false (cs_report_get_tampered (opinion));
  g_assert_true (cs_report_verify (opinion, NULL, &error));
  g_assert_no_error (error);
  list = cs_test_site_load_annotations (&f->referrer, f->sha256);
  g_assert_cmpuint (cs_test_count_by_author (list, CS_TEST_REFERRER), ==, 2);
  g_assert_cmpuint (cs_test_count_by_author (list, CS_TEST_CONSULTANT), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* the same package again: nothing changes, nothing is written */
  before = cs_test_tree_listing (f->referrer.root);
  again = cs_test_site_import (&f->referrer, back, CS_TEST_PASSPHRASE, NULL);
  g_assert_cmpuint (again->opinions_added + again->opinions_updated, ==, 0);
  g_assert_cmpuint (again->opinions_unchanged, ==, 1);
  g_assert_cmpuint (again->annotations_added + again->annotations_updated, ==, 0);
  g_assert_cmpuint (again->annotations_unchanged, ==, 3);
  after = cs_test_tree_listing (f->referrer.root);
  g_assert_cmpstr (after, ==, before);
}

/* A package without slide files attaches to the slide the receiver has,
 * found by identity in the folders searched. */
static void
check_by_identity (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *package = NULL;
  g_autofree char *folder = g_path_get_dirname (f->slide_path);
  const char *search[] = { folder, NULL };
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsAnnotationList) list = NULL;
  CsPackageSlideResult *slide;

  kase = g_object_ref (cs_test_exchange_referrer_case (f));
  package = cs_test_exchange_create (f, &f->referrer, kase, f->sha256, f->slide_path,
                                     CS_PACKAGE_SLIDES_NONE, CS_TEST_REFERRER, NULL,
                                     "ref.consilium");
  result = cs_test_site_import (&f->consultant, package, NULL, search);
  g_assert_cmpuint (result->slides->len, ==, 1);
  slide = g_ptr_array_index (result->slides, 0);
  g_assert_false (slide->stored);
  g_assert_cmpstr (slide->sha256, ==, f->sha256);
  g_assert_cmpstr (slide->path, ==, f->slide_path);
  g_assert_false (g_file_test (f->consultant.slides, G_FILE_TEST_EXISTS));
  list = cs_test_site_load_annotations (&f->consultant, f->sha256);
  g_assert_cmpuint (cs_test_count_by_author (list, CS_TEST_REFERRER), ==, 2);
}

/* ---- slide files ------------------------------------------------------------------ */

/* Slide files need a folder; they never overwrite a file of the same name
 * (" (2)"), and one already there with the same identity is reused. */
static void
check_slide_files (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = g_object_ref (cs_test_exchange_referrer_case (f));
  g_autofree char *package = cs_test_exchange_create (f, &f->referrer, kase, f->sha256,
                                                      f->slide_path,
                                                      CS_PACKAGE_SLIDES_DEIDENTIFIED,
                                                      CS_TEST_REFERRER, NULL, "out.consilium");
  g_autoptr(CsPackageManifest) manifest = cs_package_inspect (package, NULL, FALSE, NULL, NULL);
  CsPackageSlide *sent = g_ptr_array_index (manifest->slides, 0);
  g_autofree char *folder = g_build_filename (f->consultant.slides, "C26-0042", NULL);
  g_autofree char *taken = g_build_filename (folder, sent->file_name, NULL);
  g_autofree char *listing = cs_test_tree_listing (f->dir);
  g_autofree char *unchanged = NULL;
  g_autoptr(CsPackageImportResult) first = NULL;
  g_autoptr(CsPackageImportResult) again = NULL;
  CsPackageSlideResult *stored, *reused;
  g_autoptr(GError) error = NULL;
  CsPackageImportOptions options = {
    .cases = f->consultant.cases,
    .annotation_directory = f->consultant.annotations,
  };

  g_assert_null (cs_package_import (&options, package, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, package));
  unchanged = cs_test_tree_listing (f->dir);
  g_assert_cmpstr (unchanged, ==, listing);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (taken, "another slide of that name", -1, NULL));
  first = cs_test_site_import (&f->consultant, package, NULL, NULL);
  stored = g_ptr_array_index (first->slides, 0);
  g_assert_true (stored->stored);
  g_assert_true (g_str_has_prefix (stored->path, folder));
  g_assert_nonnull (strstr (stored->path, " (2)."));
  g_assert_true (g_file_test (taken, G_FILE_TEST_IS_REGULAR));

  g_free (listing);
  listing = cs_test_tree_listing (f->consultant.root);
  again = cs_test_site_import (&f->consultant, package, NULL, NULL);
  reused = g_ptr_array_index (again->slides, 0);
  g_assert_false (reused->stored);
  g_assert_cmpstr (reused->path, ==, stored->path);
  g_assert_cmpuint (again->annotations_added, ==, 0);
  g_free (unchanged);
  unchanged = cs_test_tree_listing (f->consultant.root);
  g_assert_cmpstr (unchanged, ==, listing);
}

/* ---- tampered ------------------------------------------------------------------- */

/* Rewrites @path with the opinion's diagnosis changed and the manifest's
 * size and SHA-256 of it updated: only the opinion's own content hash can
 * tell. */
static void
tamper (const char *path,
        const char *passphrase)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) entries = cs_test_zip_read (path, passphrase, &names);
  GBytes *manifest_bytes = g_hash_table_lookup (entries, "manifest.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GArray) zip = g_array_new (FALSE, TRUE, sizeof (CsTestZipEntry));
  CsPackageOpinion *opinion;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *diagnosis;
  g_autofree char *edited = NULL;
  g_autofree char *manifest_data = NULL;
  g_autofree char *text = NULL;
  GBytes *bytes;
  gsize len = 0;

  manifest = cs_package_manifest_parse (g_bytes_get_data (manifest_bytes, NULL),
                                        g_bytes_get_size (manifest_bytes), path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (manifest->opinions->len, ==, 1);
  opinion = g_ptr_array_index (manifest->opinions, 0);
  bytes = g_hash_table_lookup (entries, opinion->file->path);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  diagnosis = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "diagnosis"), 0);
  json_object_set_string_member (diagnosis, "text", "Benign: no carcinoma");
  edited = json_to_string (root, TRUE);
  opinion->file->size = strlen (edited);
  g_free (opinion->file->sha256);
  opinion->file->sha256 = cs_test_sha256 (edited, strlen (edited));
  manifest_data = cs_package_manifest_to_data (manifest, &len);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      GBytes *content = g_hash_table_lookup (entries, name);
      CsTestZipEntry entry = { name, CS_TEST_ZIP_FILE, g_bytes_get_data (content, NULL),
                               g_bytes_get_size (content) };

      if (g_str_equal (name, "manifest.json"))
        {
          entry.data = manifest_data;
          entry.len = len;
        }
      else if (g_str_equal (name, opinion->file->path))
        {
          entry.data = edited;
          entry.len = strlen (edited);
        }
      g_array_append_val (zip, entry);
    }
  cs_test_zip_write (path, (CsTestZipEntry *) zip->data, zip->len, passphrase);
}

static void
check_tampered (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *back = NULL;
  g_autofree char *forged = NULL;
  g_autoptr(CsPackageImportResult) first = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autofree char *data_before = NULL;
  g_autofree char *data_after = NULL;

  back = cs_test_exchange_run (f, &kase);
  forged = g_build_filename (f->dir, "forged.consilium", NULL);
  {
    g_autofree char *bytes = NULL;
    gsize size = 0;

    g_assert_true (g_file_get_contents (back, &bytes, &size, NULL));
    g_assert_true (g_file_set_contents (forged, bytes, size, NULL));
  }
  tamper (forged, CS_TEST_PASSPHRASE);

  /* the trusted opinion first, then the forged one: not replaced */
  first = cs_test_site_import (&f->referrer, back, CS_TEST_PASSPHRASE, NULL);
  g_assert_cmpuint (first->opinions_added, ==, 1);
  opinion = cs_test_first_opinion (kase);
  data_before = cs_report_to_data (opinion, NULL);
  result = cs_test_site_import (&f->referrer, forged, CS_TEST_PASSPHRASE, NULL);
  g_assert_cmpuint (result->tampered->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->tampered, 0), CS_TEST_CONSULTANT));
  g_assert_nonnull (strstr (g_ptr_array_index (result->tampered, 0), "not trusted"));
  g_assert_cmpuint (result->opinions_unchanged, ==, 1);
  g_assert_cmpuint (result->opinions_updated, ==, 0);
  g_clear_object (&opinion);
  opinion = cs_test_first_opinion (kase);
  g_assert_false (cs_report_get_tampered (opinion));
  data_after = cs_report_to_data (opinion, NULL);
  g_assert_cmpstr (data_after, ==, data_before);
  g_assert_cmpstr (cs_report_get_text (opinion, "diagnosis.0.text"), ==,
                   "Adenocarcinoma, invasive");
}

/* Where the referrer has no trusted copy: imported, flagged, and still
 * flagged once the case store reads it back. */
static void
check_tampered_new (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *back = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autoptr(CsCaseStore) reread = NULL;
  g_autoptr(GError) error = NULL;
  CsCase *stored;

  back = cs_test_exchange_run (f, &kase);
  tamper (back, CS_TEST_PASSPHRASE);
  result = cs_test_site_import (&f->referrer, back, CS_TEST_PASSPHRASE, NULL);
  g_assert_cmpuint (result->tampered->len, ==, 1);
  g_assert_cmpuint (result->opinions_added, ==, 1);
  opinion = cs_test_first_opinion (kase);
  g_assert_true (cs_report_get_tampered (opinion));

  reread = cs_case_store_new (f->referrer.cases_dir);
  g_assert_true (cs_case_store_load (reread, &error));
  g_assert_no_error (error);
  stored = cs_case_store_lookup (reread, cs_case_get_id (kase));
  g_assert_nonnull (stored);
  g_clear_object (&opinion);
  opinion = cs_test_first_opinion (stored);
  g_assert_true (cs_report_get_tampered (opinion));
  g_assert_cmpstr (cs_report_get_text (opinion, "diagnosis.0.text"), ==, "Benign: no carcinoma");
}

static const CsTestExchangeCheck checks[] = {
  { "/package-import/round-trip", check_round_trip },
  { "/package-import/by-identity", check_by_identity },
  { "/package-import/slide-files", check_slide_files },
  { "/package-import/tampered", check_tampered },
  { "/package-import/tampered-new", check_tampered_new },
};

int
main (int   argc,
      char *argv[])
{
  return cs_test_exchange_main (argc, argv, checks, G_N_ELEMENTS (checks));
}
