/* test-case.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-case.h"
#include "cs-test-slide.h"
#include "cs-test-utils.h"
#include "cs-utils.h"

typedef struct
{
  char *dir;      /* the store */
  char *slides;   /* synthetic slides */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cs_test_make_tmpdir ();
  f->slides = cs_test_make_tmpdir ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cs_test_remove_tree (f->dir);
  cs_test_remove_tree (f->slides);
  g_free (f->dir);
  g_free (f->slides);
}

static CsSlide *
open_slide (Fixture    *f,
            const char *name,
            int         size)
{
  CsTestPyramid spec;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CsSlide *slide;

  cs_test_pyramid_init_simple (&spec);
  spec.widths[0] = size;
  path = cs_test_write_pyramid (f->slides, name, &spec, &error);
  g_assert_no_error (error);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_slide_compute_identity (slide, NULL, &error));
  g_assert_no_error (error);
  return slide;
}

static CsCaseStore *
load_store (Fixture *f)
{
  CsCaseStore *store = cs_case_store_new (f->dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_case_store_load (store, &error));
  g_assert_no_error (error);
  return store;
}

static void
flush (CsCaseStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);
}

static char *
case_file (Fixture    *f,
           CsCase     *kase,
           const char *name)
{
  const char *id = cs_case_get_id (kase) + strlen ("urn:uuid:");

  return g_build_filename (f->dir, id, name, NULL);
}

static char *
report_file (Fixture    *f,
             CsCase     *kase,
             CsReport   *report,
             const char *suffix)
{
  g_autofree char *name = g_strconcat ("reports/", cs_report_get_id (report) + strlen ("urn:uuid:"),
                                       suffix, NULL);

  return case_file (f, kase, name);
}

static void
set (CsReport   *report,
     const char *path,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_set_text (report, path, value, &error));
  g_assert_no_error (error);
}

static CsCase *
make_case (Fixture    *f,
           CsSlide    *slide,
           const char *accession)
{
  CsCase *kase = cs_case_new ();
  g_autoptr(GError) error = NULL;

  cs_case_set_text (kase, "case.consult_accession", accession);
  cs_case_set_text (kase, "case.referring_accession", "S26-4567");
  cs_case_set_text (kase, "case.patient.pseudonym", "P-7f3a");
  cs_case_set_text (kase, "requesting.institution", "Hôpital Saint-Louis");
  cs_case_set_text (kase, "requesting.pathologist.name", "Dr. Petrova Петрова");
  cs_case_set_text (kase, "clinical_history", "not provided");
  cs_case_set_text (kase, "question", "Invasive carcinoma?");
  cs_case_set_text (kase, "referring_diagnosis.text", "Adenoma");
  if (slide != NULL)
    g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  g_assert_no_error (error);
  return kase;
}

/* An opinion ready to sign. */
static CsReport *
add_opinion (CsCase *kase)
{
  CsReport *report = cs_case_add_opinion (kase, "Dr. Müller", "MD", "Universitätsklinikum");
  g_autoptr(GError) error = NULL;

  set (report, "diagnosis.0.text", "Adenocarcinoma, invasive");
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_MAJOR, &error));
  g_assert_no_error (error);
  set (report, "agreement.rationale", "Invasion through the muscularis mucosae.");
  return report;
}

static void
test_save_reload (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsSlide) slide = open_slide (f, "a.tiff", 1000);
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, slide, "CONS-26-00123");
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsCase) loaded = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autoptr(GError) error = NULL;
  CsReport *report;
  const CsCaseSlide *entry;
  g_autofree char *title = NULL;

  cs_case_set_slide_labels (kase, cs_slide_get_sha256 (slide), "A1-HE", "H&E", "A", "1");
  report = add_opinion (kase);
  /* a new opinion starts with a copy of the case */
  g_assert_cmpstr (cs_report_get_text (report, "question"), ==, "Invasive carcinoma?");
  g_assert_cmpstr (cs_report_get_text (report, "materials.slides.0.slide_id"), ==, "A1-HE");
  g_assert_cmpstr (cs_report_get_text (report, "consultant.institution"), ==, "Universitätsklinikum");
  g_assert_true (cs_report_validate (report, &error));
  g_assert_no_error (error);

  cs_case_store_add (store, kase);
  flush (store);

  again = load_store (f);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cs_case_get_id (loaded), ==, cs_case_get_id (kase));
  g_assert_cmpstr (cs_case_get_text (loaded, "requesting.pathologist.name"), ==, "Dr. Petrova Петрова");
  title = cs_case_dup_title (loaded);
  g_assert_cmpstr (title, ==, "CONS-26-00123");
  g_assert_cmpuint (cs_case_get_n_slides (loaded), ==, 1);
  entry = cs_case_get_slide (loaded, 0);
  g_assert_cmpstr (entry->sha256, ==, cs_slide_get_sha256 (slide));
  g_assert_cmpstr (entry->slide_id, ==, "A1-HE");
  g_assert_cmpstr (entry->stain, ==, "H&E");
  g_assert_cmpstr (entry->file_name, ==, "a.tiff");
  g_assert_true (g_str_has_prefix (entry->uuid, "urn:uuid:"));
  g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (loaded)), ==, 1);
  opinion = g_list_model_get_item (cs_case_get_opinions (loaded), 0);
  g_assert_cmpstr (cs_report_get_id (opinion), ==, cs_report_get_id (report));
  g_assert_cmpstr (cs_report_get_text (opinion, "diagnosis.0.text"), ==, "Adenocarcinoma, invasive");
}

static gboolean
file_holds (gpointer data)
{
  const char * const *args = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (args[0], &contents, NULL, NULL) && strstr (contents, args[1]) != NULL;
}

static void
test_autosave (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  g_autofree char *path = case_file (f, kase, "case.json");
  g_autofree char *report_path = NULL;
  const char *args[2] = { path, "CONS-1" };
  CsReport *report;
  gint64 start;

  start = g_get_monotonic_time ();
  cs_case_store_add (store, kase);
  g_assert_true (cs_test_wait_until (file_holds, args, 1000));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  cs_case_set_text (kase, "question", "Margins?");
  args[1] = "Margins?";
  g_assert_true (cs_test_wait_until (file_holds, args, 1000));

  /* an opinion's edits save the case too */
  report = add_opinion (kase);
  report_path = report_file (f, kase, report, ".json");
  g_assert_true (cs_test_wait_until (file_holds, (const char *[]) { report_path, "invasive" }, 1000));
  set (report, "comment", "Recut levels advised");
  g_assert_true (cs_test_wait_until (file_holds, (const char *[]) { report_path, "Recut levels" }, 1000));
}

static void
test_slide_in_two_cases (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsSlide) shared = open_slide (f, "shared.tiff", 1000);
  g_autoptr(CsSlide) own = open_slide (f, "own.tiff", 900);
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) first = make_case (f, shared, "CONS-1");
  g_autoptr(CsCase) second = make_case (f, own, "CONS-2");
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) only = NULL;
  g_autoptr(GError) error = NULL;
  const CsCaseSlide *entry;

  g_assert_cmpstr (cs_slide_get_sha256 (shared), !=, cs_slide_get_sha256 (own));
  entry = cs_case_add_slide (second, shared, &error);
  g_assert_cmpstr (entry->slide_id, ==, "S2");
  /* added again: the same entry */
  g_assert_true (cs_case_add_slide (second, shared, &error) == cs_case_find_slide (second, cs_slide_get_sha256 (shared)));
  g_assert_cmpuint (cs_case_get_n_slides (second), ==, 2);
  cs_case_store_add (store, first);
  cs_case_store_add (store, second);
  flush (store);

  again = load_store (f);
  found = cs_case_store_find_by_slide (again, cs_slide_get_sha256 (shared));
  g_assert_cmpuint (found->len, ==, 2);
  only = cs_case_store_find_by_slide (again, cs_slide_get_sha256 (own));
  g_assert_cmpuint (only->len, ==, 1);
  g_assert_cmpstr (cs_case_get_text (g_ptr_array_index (only, 0), "case.consult_accession"), ==, "CONS-2");
}

static guint
count_prefixed (const char *dir,
                const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) good = make_case (f, NULL, "CONS-GOOD");
  g_autoptr(CsCase) bad = make_case (f, NULL, "CONS-BAD");
  g_autoptr(CsCaseStore) again = NULL;
  g_autofree char *bad_path = case_file (f, bad, "case.json");
  g_autofree char *bad_folder = g_path_get_dirname (bad_path);
  g_autofree char *aside = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  const char *message;

  cs_case_store_add (store, good);
  cs_case_store_add (store, bad);
  flush (store);
  g_assert_true (g_file_set_contents (bad_path, "{\"schema\": \"io.github.consilium.case/1.0\",", -1, NULL));

  again = load_store (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 1);
  message = g_ptr_array_index (cs_case_store_get_problems (again), 0);
  g_assert_nonnull (strstr (message, bad_path));
  g_assert_nonnull (strstr (message, "set aside"));

  /* kept byte for byte, never overwritten */
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_prefixed (bad_folder, "case.json.damaged-"), ==, 1);
  dir = g_dir_open (bad_folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "case.json.damaged-"))
      aside = g_build_filename (bad_folder, name, NULL);
  g_assert_true (file_holds ((const char *[]) { aside, "consilium.case/1.0\"," }));
}

static void
test_tampered_report (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsCase) loaded = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) edited = NULL;
  CsReport *report;
  const char *message;

  cs_case_store_add (store, kase);
  report = add_opinion (kase);
  g_assert_true (cs_report_finalize (report, "Dr. Müller", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cs_report_add_addendum (report, "Dr. Müller", "IHC", "p63 negative", &error));
  g_assert_no_error (error);
  flush (store);

  /* each signed revision as its own file */
  path = report_file (f, kase, report, ".json");
  r1 = report_file (f, kase, report, ".r1.json");
  r2 = report_file (f, kase, report, ".r2.json");
  g_assert_true (file_holds ((const char *[]) { r1, "\"status\": \"final\"" }));
  g_assert_true (file_holds ((const char *[]) { r2, "\"status\": \"addended\"" }));

  again = load_store (f);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 0);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  opinion = g_list_model_get_item (cs_case_get_opinions (loaded), 0);
  g_assert_cmpuint (cs_report_get_signed_revisions (opinion)->len, ==, 2);
  g_assert_true (cs_report_verify (opinion, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&opinion);
  g_clear_object (&loaded);
  g_clear_object (&again);

  /* edited by hand */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "Adenocarcinoma, invasive", "Adenoma", 0), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));

  again = load_store (f);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 1);
  message = g_ptr_array_index (cs_case_store_get_problems (again), 0);
  g_assert_nonnull (strstr (message, "modified after signing"));
  g_assert_nonnull (strstr (message, path));
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  opinion = g_list_model_get_item (cs_case_get_opinions (loaded), 0);
  g_assert_true (cs_report_get_tampered (opinion));
  g_assert_false (cs_report_verify (opinion, NULL, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED);

  /* the tampered file is kept as found, not rewritten */
  cs_case_set_text (loaded, "comment", "seen");
  flush (again);
  g_assert_true (file_holds ((const char *[]) { path, "\"Adenoma\"" }));
}

static void
test_damaged_report (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsCase) loaded = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reports = NULL;
  g_autofree char *aside = NULL;
  CsReport *report;

  cs_case_store_add (store, kase);
  report = add_opinion (kase);
  add_opinion (kase);
  flush (store);
  path = report_file (f, kase, report, ".json");
  g_assert_true (g_file_set_contents (path, "{\"schema\": 1", -1, NULL));

  again = load_store (f);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (loaded)), ==, 1);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (cs_case_store_get_problems (again), 0), "set aside"));
  reports = g_path_get_dirname (path);
  aside = g_strconcat (cs_report_get_id (report) + strlen ("urn:uuid:"), ".json.damaged-", NULL);
  g_assert_cmpuint (count_prefixed (reports, aside), ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

typedef struct
{
  const char *text;
  gboolean    fail;
} PartialWrite;

static gboolean
write_then_fail (GOutputStream *stream,
                 gpointer       data,
                 GError       **error)
{
  PartialWrite *job = data;

  if (!g_output_stream_write_all (stream, job->text, strlen (job->text), NULL, NULL, error))
    return FALSE;
  if (job->fail)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full (simulated)");
      return FALSE;
    }
  return TRUE;
}

/* A write that stops half-way (a crash, a full disk) leaves the old
 * file whole and no temporary file behind. */
static void
test_atomic_write (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  g_autofree char *path = case_file (f, kase, "case.json");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *leftover = NULL;
  g_autoptr(CsCaseStore) again = NULL;
  PartialWrite partial = { "{\"schema\": \"io.github.consilium.case/1.0\", \"cas", TRUE };
  g_autoptr(GError) error = NULL;

  cs_case_store_add (store, kase);
  flush (store);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  g_assert_false (cs_write_file_atomically (path, TRUE, write_then_fail, &partial, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_prefixed (folder, "."), ==, 0);

  /* a temporary file left by a crash is ignored */
  leftover = g_build_filename (folder, ".case.json.1234abcd.tmp", NULL);
  g_assert_true (g_file_set_contents (leftover, partial.text, -1, NULL));
  again = load_store (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 0);
}

/* A case with one signed opinion, saved; returns the opinion. */
static CsReport *
save_signed (Fixture     *f,
             CsCaseStore *store,
             CsCase      *kase)
{
  CsReport *report;
  g_autoptr(GError) error = NULL;

  cs_case_store_add (store, kase);
  report = add_opinion (kase);
  g_assert_true (cs_report_finalize (report, "Dr. Müller", NULL, &error));
  g_assert_no_error (error);
  flush (store);
  return report;
}

static gboolean
problems_hold (CsCaseStore *store,
               const char  *part)
{
  GPtrArray *problems = cs_case_store_get_problems (store);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static CsReport *
first_opinion (CsCaseStore *store)
{
  g_autoptr(CsCase) kase = g_list_model_get_item (G_LIST_MODEL (store), 0);

  g_assert_nonnull (kase);
  g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (kase)), >=, 1);
  return g_list_model_get_item (cs_case_get_opinions (kase), 0);
}

/* A signed file whose signature was removed and status set back to
 * draft: its r1.json tells it was signed. */
static void
test_stripped_signature (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  CsReport *report = save_signed (f, store, kase);
  g_autofree char *path = report_file (f, kase, report, ".json");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autofree char *text = NULL;

  /* the same document, unsigned */
  root = json_node_init_object (json_node_alloc (), cs_report_get_root (report));
  json_object_remove_member (json_node_get_object (root), "signature");
  json_object_set_string_member (json_node_get_object (root), "status", "draft");
  text = json_to_string (root, TRUE);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  again = load_store (f);
  g_assert_true (problems_hold (again, "modified after signing"));
  opinion = first_opinion (again);
  g_assert_true (cs_report_get_tampered (opinion));
  g_assert_false (cs_report_set_text (opinion, "comment", "x", NULL));
  g_assert_false (cs_report_amend (opinion, "Dr. Müller", "x", NULL));
}

/* The current file edited and its hash recomputed by hand: it no longer
 * matches its r1.json. */
static void
test_resigned_by_hand (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  CsReport *report = save_signed (f, store, kase);
  g_autofree char *path = report_file (f, kase, report, ".json");
  g_autoptr(CsReport) forged = NULL;
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;

  forged = cs_report_new_from_file (path, &error);
  g_assert_no_error (error);
  root = cs_report_get_root (forged);
  json_object_set_string_member (json_array_get_object_element (
                                   json_object_get_array_member (root, "diagnosis"), 0),
                                 "text", "Benign");
  hash = cs_report_compute_hash (forged, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_object_get_object_member (root, "signature"),
                                 "content_sha256", hash);
  text = cs_report_to_data (forged, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  again = load_store (f);
  g_assert_true (problems_hold (again, "differs from the signed revision"));
  opinion = first_opinion (again);
  g_assert_true (cs_report_get_tampered (opinion));
  g_assert_false (cs_report_verify (opinion, NULL, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_false (cs_report_add_addendum (opinion, "Dr. Müller", "IHC", "p63", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED);
}

/* A damaged or missing current file falls back to its signed revision. */
static void
test_current_file_lost (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  CsReport *report = save_signed (f, store, kase);
  g_autofree char *path = report_file (f, kase, report, ".json");
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsCaseStore) third = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autoptr(CsReport) restored = NULL;

  g_assert_true (g_file_set_contents (path, "{ \"schema\": \"io.github", -1, NULL));
  again = load_store (f);
  g_assert_true (problems_hold (again, "set aside"));
  g_assert_true (problems_hold (again, "signed revision 1"));
  opinion = first_opinion (again);
  g_assert_cmpstr (cs_report_get_text (opinion, "diagnosis.0.text"), ==, "Adenocarcinoma, invasive");
  g_assert_cmpint (cs_report_get_status (opinion), ==, CS_REPORT_STATUS_FINAL);
  g_assert_false (cs_report_get_tampered (opinion));
  /* written back */
  flush (again);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* only r1.json left */
  g_assert_cmpint (g_unlink (path), ==, 0);
  third = load_store (f);
  g_assert_true (problems_hold (third, "signed revision 1"));
  restored = first_opinion (third);
  g_assert_cmpstr (cs_report_get_id (restored), ==, cs_report_get_id (report));
}

/* A change that cannot be written is kept in memory, not replaced by
 * the older file, and written once it can be. */
static void
test_unsaved_kept (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  g_autofree char *reports = case_file (f, kase, "reports");
  g_autofree char *moved = g_strconcat (reports, ".moved", NULL);
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autoptr(CsReport) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  CsReport *report;

  cs_case_store_add (store, kase);
  report = add_opinion (kase);
  flush (store);
  set (report, "comment", "Important unsaved comment");
  /* the reports folder cannot be written */
  g_assert_cmpint (g_rename (reports, moved), ==, 0);
  g_assert_true (g_file_set_contents (reports, "", -1, NULL));

  g_assert_true (cs_case_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_true (problems_hold (store, reports));
  opinion = first_opinion (store);
  g_assert_cmpstr (cs_report_get_text (opinion, "comment"), ==, "Important unsaved comment");

  g_assert_cmpint (g_unlink (reports), ==, 0);
  g_assert_cmpint (g_rename (moved, reports), ==, 0);
  flush (store);
  again = load_store (f);
  on_disk = first_opinion (again);
  g_assert_cmpstr (cs_report_get_text (on_disk, "comment"), ==, "Important unsaved comment");
}

/* The current file is written before its own signed copy r<N>.json
 * (a crash while signing must not leave a draft beside its signed copy,
 * which reads as a signature removed), and both before case.json; a case
 * folder without case.json is rebuilt. */
static void
test_write_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  g_autofree char *case_json = case_file (f, kase, "case.json");
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsCase) rebuilt = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autofree char *path = NULL;
  g_autofree char *r1 = NULL;
  g_autoptr(GError) error = NULL;
  CsReport *report;

  cs_case_store_add (store, kase);
  report = add_opinion (kase);
  g_assert_true (cs_report_finalize (report, "Dr. Müller", NULL, &error));
  g_assert_no_error (error);
  path = report_file (f, kase, report, ".json");
  r1 = report_file (f, kase, report, ".r1.json");
  /* the signed copy cannot be written: the current file is there */
  g_assert_cmpint (g_mkdir_with_parents (r1, 0700), ==, 0);
  g_assert_false (cs_case_store_flush (store, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (case_json, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (r1), ==, 0);
  /* case.json cannot be written: the reports are there */
  g_assert_cmpint (g_mkdir_with_parents (case_json, 0700), ==, 0);
  g_assert_false (cs_case_store_flush (store, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (r1, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_rmdir (case_json), ==, 0);

  /* a crash now: the case is rebuilt from its signed report */
  again = cs_case_store_new (f->dir);
  g_assert_true (cs_case_store_load (again, &error));
  g_assert_no_error (error);
  g_assert_true (problems_hold (again, "rebuilt"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  rebuilt = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cs_case_get_id (rebuilt), ==, cs_case_get_id (kase));
  g_assert_cmpstr (cs_case_get_text (rebuilt, "case.consult_accession"), ==, "CONS-1");
  opinion = first_opinion (again);
  g_assert_cmpstr (cs_report_get_id (opinion), ==, cs_report_get_id (report));
  g_assert_false (cs_report_get_tampered (opinion));
  flush (again);
  g_assert_true (g_file_test (case_json, G_FILE_TEST_IS_REGULAR));
}

/* A crash after the signed current file and before its r<N>.json: it
 * loads signed and untampered, and r<N>.json is written again. */
static void
test_signed_copy_lost (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autofree char *r1 = NULL;
  g_autoptr(GError) error = NULL;
  CsReport *report;

  cs_case_store_add (store, kase);
  report = add_opinion (kase);
  g_assert_true (cs_report_finalize (report, "Dr. Müller", NULL, &error));
  g_assert_no_error (error);
  flush (store);
  r1 = report_file (f, kase, report, ".r1.json");
  g_assert_cmpint (g_unlink (r1), ==, 0);

  again = load_store (f);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 0);
  opinion = first_opinion (again);
  g_assert_false (cs_report_get_tampered (opinion));
  g_assert_true (cs_report_verify (opinion, NULL, &error));
  g_assert_no_error (error);
  flush (again);
  g_assert_true (g_file_test (r1, G_FILE_TEST_IS_REGULAR));
}

/* Ids that differ only in characters a file name cannot hold get
 * different files. */
static void
test_report_file_names (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  const char *ids[] = { "urn:uuid:ext/1", "urn:uuid:ext:1" };
  g_autoptr(CsCaseStore) again = NULL;
  g_autoptr(CsCase) loaded = NULL;

  cs_case_store_add (store, kase);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"schema\": \"io.github.consilium.report/1.0\", "
                                               "\"report_id\": \"%s\", \"revision\": 1, "
                                               "\"status\": \"draft\", \"comment\": \"%u\"}",
                                               ids[i], i);
      g_autoptr(CsReport) report = cs_report_new_from_data (text, -1, NULL);

      g_assert_nonnull (report);
      cs_case_add_report (kase, report);
    }
  flush (store);
  again = load_store (f);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (loaded)), ==, 2);
}

/* Reading one case folder renames nothing, even a damaged file. */
static void
test_read_case (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsCaseStore) store = load_store (f);
  g_autoptr(CsCase) kase = make_case (f, NULL, "CONS-1");
  g_autoptr(CsCase) other = make_case (f, NULL, "CONS-2");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = NULL;
  g_autofree char *other_json = case_file (f, other, "case.json");
  g_autoptr(CsCase) read = NULL;
  g_autoptr(GError) error = NULL;
  CsReport *report = save_signed (f, store, kase);
  g_autofree char *path = report_file (f, kase, report, ".json");

  cs_case_store_add (store, other);
  flush (store);
  g_assert_true (g_file_set_contents (path, "{", -1, NULL));
  g_assert_true (g_file_set_contents (other_json, "{", -1, NULL));
  folder = cs_case_store_dup_case_folder (f->dir, cs_case_get_id (kase));
  read = cs_case_store_read_case (folder, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_case_get_id (read), ==, cs_case_get_id (kase));
  g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (read)), ==, 1);
  g_assert_cmpuint (problems->len, ==, 2);
  /* nothing renamed, here or in the other case */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (other_json, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_prefixed (folder, "case.json.damaged"), ==, 0);
  g_assert_null (cs_case_store_read_case (f->slides, problems, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_case_text (void)
{
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autofree char *untitled = cs_case_dup_title (kase);
  g_autofree char *title = NULL;
  g_autoptr(CsSlide) slide = NULL;
  guint changes = 0;

  g_assert_true (g_str_has_prefix (cs_case_get_id (kase), "urn:uuid:"));
  g_assert_cmpstr (untitled, ==, "Untitled case");
  g_signal_connect_swapped (kase, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  cs_case_set_text (kase, "case.patient.pseudonym", "P-1");
  cs_case_set_text (kase, "case.patient.pseudonym", "P-1");
  g_assert_cmpuint (changes, ==, 1);
  title = cs_case_dup_title (kase);
  g_assert_cmpstr (title, ==, "P-1");
  /* NFC */
  cs_case_set_text (kase, "question", "Ce\xcc\x81line?");
  g_assert_cmpstr (cs_case_get_text (kase, "question"), ==, "C\xc3\xa9line?");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = cs_test_make_tmpdir ();
  int status;

  /* slide identities are remembered in the user's cache: not ours */
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case/text", test_case_text);
  g_test_add ("/case/save-reload", Fixture, NULL, fixture_setup, test_save_reload, fixture_teardown);
  g_test_add ("/case/autosave", Fixture, NULL, fixture_setup, test_autosave, fixture_teardown);
  g_test_add ("/case/slide-in-two-cases", Fixture, NULL, fixture_setup, test_slide_in_two_cases, fixture_teardown);
  g_test_add ("/case/damaged", Fixture, NULL, fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/case/damaged-report", Fixture, NULL, fixture_setup, test_damaged_report, fixture_teardown);
  g_test_add ("/case/tampered-report", Fixture, NULL, fixture_setup, test_tampered_report, fixture_teardown);
  g_test_add ("/case/atomic-write", Fixture, NULL, fixture_setup, test_atomic_write, fixture_teardown);
  g_test_add ("/case/stripped-signature", Fixture, NULL, fixture_setup, test_stripped_signature, fixture_teardown);
  g_test_add ("/case/resigned-by-hand", Fixture, NULL, fixture_setup, test_resigned_by_hand, fixture_teardown);
  g_test_add ("/case/current-file-lost", Fixture, NULL, fixture_setup, test_current_file_lost, fixture_teardown);
  g_test_add ("/case/unsaved-kept", Fixture, NULL, fixture_setup, test_unsaved_kept, fixture_teardown);
  g_test_add ("/case/write-order", Fixture, NULL, fixture_setup, test_write_order, fixture_teardown);
  g_test_add ("/case/signed-copy-lost", Fixture, NULL, fixture_setup, test_signed_copy_lost,
              fixture_teardown);
  g_test_add ("/case/report-file-names", Fixture, NULL, fixture_setup, test_report_file_names, fixture_teardown);
  g_test_add ("/case/read-case", Fixture, NULL, fixture_setup, test_read_case, fixture_teardown);

  status = g_test_run ();
  cs_test_remove_tree (home);
  return status;
}
