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
#include "cs-test-utils.h"
#include "cs-test-zip.h"

/* A case travels between two institutions with their own data folders:
 * the referrer sends CMU-1-Small-Region.svs (de-identified, or by identity
 * only), a question and two annotations; the consultant imports it, adds
 * an annotation and a signed opinion and sends them back encrypted; the
 * referrer imports that. Then the same package again (nothing changes),
 * and a package whose signed opinion was edited (tampered). */

#define SLIDE      "CMU-1-Small-Region.svs"
#define REFERRER   "Dr. Referrer"
#define CONSULTANT "Dr. Consultant"
#define PASSPHRASE "a long passphrase for the test"

/* One institution's data folders. */
typedef struct
{
  char        *root;
  char        *cases_dir;
  char        *annotations;
  char        *slides;
  CsCaseStore *cases;
} Site;

typedef struct
{
  char   *dir;
  char   *slide_path;   /* the referrer's original */
  char   *sha256;       /* its identity */
  Site    referrer;
  Site    consultant;
} Fixture;

static void
site_init (Site       *site,
           const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;

  site->root = g_build_filename (dir, name, NULL);
  site->cases_dir = g_build_filename (site->root, "cases", NULL);
  site->annotations = g_build_filename (site->root, "annotations", NULL);
  site->slides = g_build_filename (site->root, "slides", NULL);
  site->cases = cs_case_store_new (site->cases_dir);
  g_assert_true (cs_case_store_load (site->cases, &error));
  g_assert_no_error (error);
}

static void
site_clear (Site *site)
{
  g_clear_object (&site->cases);
  g_free (site->root);
  g_free (site->cases_dir);
  g_free (site->annotations);
  g_free (site->slides);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cs_test_make_tmpdir ();
  site_init (&f->referrer, f->dir, "referrer");
  site_init (&f->consultant, f->dir, "consultant");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  site_clear (&f->referrer);
  site_clear (&f->consultant);
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->slide_path);
  g_free (f->sha256);
}

/* ---- helpers ----------------------------------------------------------------- */

/* The slide's annotations as stored in @site (a store opened and closed). */
static CsAnnotationList *
load_annotations (Site       *site,
                  const char *sha256)
{
  CsAnnotationList *list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, site->annotations, sha256);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_annotation_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  return list;
}

static CsAnnotation *
rectangle (const char *author,
           double      x)
{
  CsRect rect = { x, 100, 200, 150 };
  CsGeometry *geometry = cs_geometry_new_rectangle (&rect);
  CsAnnotation *annotation = cs_annotation_new (CS_SHAPE_RECTANGLE, geometry);

  cs_geometry_unref (geometry);
  cs_annotation_set_author (annotation, author);
  cs_annotation_set_name (annotation, "Region");
  return annotation;
}

/* Adds annotations by @author at each x of @xs to @site's store of the
 * slide, and @cite (nullable) receives the list for finalising. */
static void
annotate (Site       *site,
          const char *sha256,
          const char *author,
          guint       n,
          CsReport   *cite,
          const char *slide_id)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, site->annotations, sha256);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_annotation_store_load (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) annotation = rectangle (author, 300.0 * (i + 1));

      cs_annotation_list_add (list, annotation);
      if (cite != NULL)
        {
          g_assert_true (cs_report_cite (cite, annotation, slide_id, "Invasive front", &error));
          g_assert_no_error (error);
        }
    }
  if (cite != NULL)
    {
      g_assert_true (cs_report_finalize (cite, CONSULTANT, list, &error));
      g_assert_no_error (error);
    }
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
}

static void
flush (Site *site)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_case_store_flush (site->cases, &error));
  g_assert_no_error (error);
}

/* The referrer's case: the slide, a question, two annotations. */
static CsCase *
referrer_case (Fixture *f)
{
  g_autoptr(CsSlide) slide = cs_slide_new (f->slide_path, NULL);
  g_autoptr(GError) error = NULL;
  CsCase *kase = cs_case_new ();

  g_assert_nonnull (slide);
  f->sha256 = g_strdup (cs_slide_compute_identity (slide, NULL, &error));
  g_assert_no_error (error);
  cs_case_set_text (kase, "case.consult_accession", "C26-0042");
  cs_case_set_text (kase, "question", "Invasive carcinoma?");
  cs_case_set_text (kase, "case.referring_accession", "S26-4567");
  cs_case_set_text (kase, "requesting.institution", "Referring Hospital");
  cs_case_set_text (kase, "requesting.pathologist.name", REFERRER);
  cs_case_set_text (kase, "clinical_history", "Rectal mass.");
  g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  g_assert_no_error (error);
  cs_case_store_add (f->referrer.cases, kase);
  flush (&f->referrer);
  annotate (&f->referrer, f->sha256, REFERRER, 2, NULL, NULL);
  return kase;
}

static char *
create (Fixture            *f,
        Site               *site,
        CsCase             *kase,
        const char         *sha256,
        const char         *slide_path,
        CsPackageSlideMode  mode,
        const char         *sender,
        const char         *passphrase,
        const char         *name)
{
  g_autoptr(GHashTable) paths = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  CsPackageCreateOptions options = {
    .kase = kase,
    .annotation_directory = site->annotations,
    .slide_paths = paths,
    .slide_mode = mode,
    .sender_name = sender,
    .sender_institution = "Test Institute",
    .passphrase = passphrase,
  };

  g_hash_table_insert (paths, (gpointer) sha256, (gpointer) slide_path);
  g_assert_true (cs_package_create (&options, path, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static CsPackageImportResult *
import (Site               *site,
        const char         *path,
        const char         *passphrase,
        const char * const *search)
{
  g_autoptr(GError) error = NULL;
  CsPackageImportOptions options = {
    .cases = site->cases,
    .annotation_directory = site->annotations,
    .slide_directory = site->slides,
    .search_folders = search,
    .passphrase = passphrase,
  };
  CsPackageImportResult *result = cs_package_import (&options, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static guint
count_by (CsAnnotationList *list,
          const char       *author)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      n += g_strcmp0 (cs_annotation_get_author (annotation), author) == 0;
    }
  return n;
}

static CsReport *
first_opinion (CsCase *kase)
{
  g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (kase)), ==, 1);
  return g_list_model_get_item (cs_case_get_opinions (kase), 0);
}

/* The consultant's side: imports @package, checks what arrived, answers
 * with an annotation and a final opinion; returns the package back. */
static char *
consult (Fixture    *f,
         const char *package,
         const char *case_id)
{
  g_autoptr(CsPackageImportResult) result = import (&f->consultant, package, NULL, NULL);
  CsPackageSlideResult *slide;
  CsCase *kase;
  g_autoptr(CsAnnotationList) list = NULL;
  g_autoptr(CsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  char *back;

  g_assert_true (result->case_created);
  g_assert_cmpuint (result->annotations_added, ==, 2);
  g_assert_cmpuint (result->slides->len, ==, 1);
  slide = g_ptr_array_index (result->slides, 0);
  g_assert_true (slide->stored);
  g_assert_true (g_str_has_prefix (slide->path, f->consultant.slides));
  /* a de-identified copy: another identity, the same slide uuid */
  g_assert_cmpstr (slide->sha256, !=, f->sha256);
  kase = cs_case_store_lookup (f->consultant.cases, case_id);
  g_assert_nonnull (kase);
  g_assert_cmpstr (cs_case_get_text (kase, "question"), ==, "Invasive carcinoma?");
  g_assert_nonnull (cs_case_find_slide (kase, slide->sha256));
  list = load_annotations (&f->consultant, slide->sha256);
  g_assert_cmpuint (count_by (list, REFERRER), ==, 2);

  report = g_object_ref (cs_case_add_opinion (kase, CONSULTANT, "MD", "Consult Institute"));
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text", "Adenocarcinoma, invasive",
                                     &error));
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_MAJOR, &error));
  g_assert_true (cs_report_set_text (report, "agreement.rationale", "Invasion seen.", &error));
  g_assert_no_error (error);
  annotate (&f->consultant, slide->sha256, CONSULTANT, 1, report,
            cs_case_find_slide (kase, slide->sha256)->slide_id);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_FINAL);
  flush (&f->consultant);
  back = create (f, &f->consultant, kase, slide->sha256, slide->path, CS_PACKAGE_SLIDES_NONE,
                 CONSULTANT, PASSPHRASE, "back.consilium");
  return back;
}

/* The referrer sends the case with a de-identified copy of the slide; the
 * consultant answers. Returns the answer; *@kase is the referrer's case. */
static char *
exchange (Fixture *f,
          CsCase **kase)
{
  g_autofree char *package = NULL;

  *kase = g_object_ref (referrer_case (f));
  package = create (f, &f->referrer, *kase, f->sha256, f->slide_path,
                    CS_PACKAGE_SLIDES_DEIDENTIFIED, REFERRER, NULL, "out.consilium");
  return consult (f, package, cs_case_get_id (*kase));
}

/* ---- the round trip -------------------------------------------------------------- */

static void
check_round_trip (Fixture *f)
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

  back = exchange (f, &kase);

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
                                       .passphrase = PASSPHRASE };
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
  result = import (&f->referrer, back, PASSPHRASE, NULL);
  g_assert_false (result->case_created);
  g_assert_cmpuint (result->opinions_added, ==, 1);
  g_assert_cmpuint (result->tampered->len, ==, 0);
  g_assert_cmpuint (result->annotations_added, ==, 1);
  g_assert_cmpuint (result->annotations_unchanged, ==, 2);
  /* the slide the referrer has, by its uuid: no "not found" */
  g_assert_cmpuint (result->warnings->len, ==, 0);
  opinion = first_opinion (kase);
  g_assert_cmpint (cs_report_get_status (opinion), ==, CS_REPORT_STATUS_FINAL);
  g_assert_false (cs_report_get_tampered (opinion));
  g_assert_true (cs_report_verify (opinion, NULL, &error));
  g_assert_no_error (error);
  list = load_annotations (&f->referrer, f->sha256);
  g_assert_cmpuint (count_by (list, REFERRER), ==, 2);
  g_assert_cmpuint (count_by (list, CONSULTANT), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* the same package again: nothing changes, nothing is written */
  before = cs_test_tree_listing (f->referrer.root);
  again = import (&f->referrer, back, PASSPHRASE, NULL);
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
check_by_identity (Fixture *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *package = NULL;
  g_autofree char *folder = g_path_get_dirname (f->slide_path);
  const char *search[] = { folder, NULL };
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsAnnotationList) list = NULL;
  CsPackageSlideResult *slide;

  kase = g_object_ref (referrer_case (f));
  package = create (f, &f->referrer, kase, f->sha256, f->slide_path, CS_PACKAGE_SLIDES_NONE,
                    REFERRER, NULL, "ref.consilium");
  result = import (&f->consultant, package, NULL, search);
  g_assert_cmpuint (result->slides->len, ==, 1);
  slide = g_ptr_array_index (result->slides, 0);
  g_assert_false (slide->stored);
  g_assert_cmpstr (slide->sha256, ==, f->sha256);
  g_assert_cmpstr (slide->path, ==, f->slide_path);
  g_assert_false (g_file_test (f->consultant.slides, G_FILE_TEST_EXISTS));
  list = load_annotations (&f->consultant, f->sha256);
  g_assert_cmpuint (count_by (list, REFERRER), ==, 2);
}

/* ---- slide files ------------------------------------------------------------------ */

/* Slide files need a folder; they never overwrite a file of the same name
 * (" (2)"), and one already there with the same identity is reused. */
static void
check_slide_files (Fixture *f)
{
  g_autoptr(CsCase) kase = g_object_ref (referrer_case (f));
  g_autofree char *package = create (f, &f->referrer, kase, f->sha256, f->slide_path,
                                     CS_PACKAGE_SLIDES_DEIDENTIFIED, REFERRER, NULL,
                                     "out.consilium");
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
  first = import (&f->consultant, package, NULL, NULL);
  stored = g_ptr_array_index (first->slides, 0);
  g_assert_true (stored->stored);
  g_assert_true (g_str_has_prefix (stored->path, folder));
  g_assert_nonnull (strstr (stored->path, " (2)."));
  g_assert_true (g_file_test (taken, G_FILE_TEST_IS_REGULAR));

  g_free (listing);
  listing = cs_test_tree_listing (f->consultant.root);
  again = import (&f->consultant, package, NULL, NULL);
  reused = g_ptr_array_index (again->slides, 0);
  g_assert_false (reused->stored);
  g_assert_cmpstr (reused->path, ==, stored->path);
  g_assert_cmpuint (again->annotations_added, ==, 0);
  g_free (unchanged);
  unchanged = cs_test_tree_listing (f->consultant.root);
  g_assert_cmpstr (unchanged, ==, listing);
}

/* ---- later changes ------------------------------------------------------------ */

/* The consultant's opinion (amended: revision 2) and annotation (renamed
 * later) in the consultant's data; returns a new package of them. */
static char *
amend_and_resend (Fixture    *f,
                  const char *case_id)
{
  CsCase *kase = cs_case_store_lookup (f->consultant.cases, case_id);
  g_autoptr(CsReport) report = first_opinion (kase);
  const CsCaseSlide *slide = cs_case_get_slide (kase, 0);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->consultant.annotations,
                                                                slide->sha256);
  g_autoptr(CsAnnotation) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slide_path = g_build_filename (f->consultant.slides, "C26-0042",
                                                  slide->file_name, NULL);

  g_assert_true (cs_report_amend (report, CONSULTANT, "Deeper levels reviewed", &error));
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text", "Adenocarcinoma in situ",
                                     &error));
  /* times are to the second: sign in a later one than the amendment began */
  g_usleep (1100 * 1000);
  g_assert_true (cs_report_finalize (report, CONSULTANT, NULL, &error));
  g_assert_no_error (error);
  flush (&f->consultant);

  g_assert_true (cs_annotation_store_load (store, &error));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && edited == NULL; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (cs_annotation_get_author (annotation), CONSULTANT) == 0)
        edited = cs_annotation_copy (annotation);
    }
  g_assert_nonnull (edited);
  cs_annotation_set_name (edited, "Invasive front (revised)");
  cs_annotation_set_modified (edited, cs_annotation_get_modified (edited) + G_USEC_PER_SEC);
  cs_annotation_list_update (list, edited);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (slide_path, G_FILE_TEST_IS_REGULAR));
  return create (f, &f->consultant, kase, slide->sha256, slide_path, CS_PACKAGE_SLIDES_NONE,
                 CONSULTANT, NULL, "amended.consilium");
}

static CsAnnotation *
find_by_author (CsAnnotationList *list,
                const char       *author)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (cs_annotation_get_author (annotation), author) == 0)
        return annotation;
    }
  return NULL;
}

/* A newer signed revision replaces the opinion; the same author's later
 * change replaces the annotation; a change made here later is kept, with
 * a warning. */
static void
check_updates (Fixture *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *back = exchange (f, &kase);
  g_autoptr(CsPackageImportResult) first = import (&f->referrer, back, PASSPHRASE, NULL);
  g_autofree char *amended = amend_and_resend (f, cs_case_get_id (kase));
  g_autoptr(CsPackageImportResult) result = import (&f->referrer, amended, NULL, NULL);
  g_autoptr(CsPackageImportResult) conflict = NULL;
  g_autoptr(CsReport) opinion = first_opinion (kase);
  g_autoptr(CsAnnotationList) list = load_annotations (&f->referrer, f->sha256);
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotation) local = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (result->opinions_updated, ==, 1);
  g_assert_cmpint (cs_report_get_revision (opinion), ==, 2);
  g_assert_cmpstr (cs_report_get_text (opinion, "diagnosis.0.text"), ==,
                   "Adenocarcinoma in situ");
  g_assert_true (cs_report_verify (opinion, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations_updated, ==, 1);
  g_assert_cmpuint (result->annotations_unchanged, ==, 2);
  g_assert_cmpstr (cs_annotation_get_name (find_by_author (list, CONSULTANT)), ==,
                   "Invasive front (revised)");

  /* the referrer edits the consultant's region afterwards */
  g_clear_object (&list);
  list = cs_annotation_list_new ();
  store = cs_annotation_store_new (list, f->referrer.annotations, f->sha256);
  g_assert_true (cs_annotation_store_load (store, &error));
  local = cs_annotation_copy (find_by_author (list, CONSULTANT));
  cs_annotation_set_comment (local, "Seen at the tumour board");
  cs_annotation_set_modified (local, cs_annotation_get_modified (local) + 60 * G_USEC_PER_SEC);
  cs_annotation_list_update (list, local);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  conflict = import (&f->referrer, amended, NULL, NULL);
  g_assert_cmpuint (conflict->annotations_updated, ==, 0);
  g_assert_cmpuint (conflict->annotations_unchanged, ==, 3);
  g_assert_cmpuint (conflict->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (conflict->warnings, 0), "was kept"));
  g_clear_object (&list);
  list = load_annotations (&f->referrer, f->sha256);
  g_assert_cmpstr (cs_annotation_get_comment (find_by_author (list, CONSULTANT)), ==,
                   "Seen at the tumour board");
}

static CsAnnotationList *
live_list (const char *sha256,
           gpointer    data)
{
  return data;
}

/* A slide open in the window: its live list receives the annotations, as
 * one step that can be undone. */
static void
check_live_list (Fixture *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *back = exchange (f, &kase);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->referrer.annotations,
                                                                f->sha256);
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageImportOptions options = {
    .cases = f->referrer.cases,
    .annotation_directory = f->referrer.annotations,
    .list_func = live_list,
    .list_data = list,
    .passphrase = PASSPHRASE,
  };

  g_assert_true (cs_annotation_store_load (store, &error));
  g_assert_false (cs_annotation_list_can_undo (list));
  result = cs_package_import (&options, back, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations_added, ==, 1);
  g_assert_cmpuint (count_by (list, CONSULTANT), ==, 1);
  g_assert_true (cs_annotation_list_can_undo (list));
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_cmpuint (count_by (list, CONSULTANT), ==, 0);
  g_assert_cmpuint (count_by (list, REFERRER), ==, 2);
  g_assert_false (cs_annotation_list_can_undo (list));
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
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
check_tampered (Fixture *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *back = NULL;
  g_autofree char *forged = NULL;
  g_autoptr(CsPackageImportResult) first = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autofree char *data_before = NULL;
  g_autofree char *data_after = NULL;

  back = exchange (f, &kase);
  forged = g_build_filename (f->dir, "forged.consilium", NULL);
  {
    g_autofree char *bytes = NULL;
    gsize size = 0;

    g_assert_true (g_file_get_contents (back, &bytes, &size, NULL));
    g_assert_true (g_file_set_contents (forged, bytes, size, NULL));
  }
  tamper (forged, PASSPHRASE);

  /* the trusted opinion first, then the forged one: not replaced */
  first = import (&f->referrer, back, PASSPHRASE, NULL);
  g_assert_cmpuint (first->opinions_added, ==, 1);
  opinion = first_opinion (kase);
  data_before = cs_report_to_data (opinion, NULL);
  result = import (&f->referrer, forged, PASSPHRASE, NULL);
  g_assert_cmpuint (result->tampered->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->tampered, 0), CONSULTANT));
  g_assert_nonnull (strstr (g_ptr_array_index (result->tampered, 0), "not trusted"));
  g_assert_cmpuint (result->opinions_unchanged, ==, 1);
  g_assert_cmpuint (result->opinions_updated, ==, 0);
  g_clear_object (&opinion);
  opinion = first_opinion (kase);
  g_assert_false (cs_report_get_tampered (opinion));
  data_after = cs_report_to_data (opinion, NULL);
  g_assert_cmpstr (data_after, ==, data_before);
  g_assert_cmpstr (cs_report_get_text (opinion, "diagnosis.0.text"), ==,
                   "Adenocarcinoma, invasive");
}

/* Where the referrer has no trusted copy: imported, flagged, and still
 * flagged once the case store reads it back. */
static void
check_tampered_new (Fixture *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *back = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsReport) opinion = NULL;
  g_autoptr(CsCaseStore) reread = NULL;
  g_autoptr(GError) error = NULL;
  CsCase *stored;

  back = exchange (f, &kase);
  tamper (back, PASSPHRASE);
  result = import (&f->referrer, back, PASSPHRASE, NULL);
  g_assert_cmpuint (result->tampered->len, ==, 1);
  g_assert_cmpuint (result->opinions_added, ==, 1);
  opinion = first_opinion (kase);
  g_assert_true (cs_report_get_tampered (opinion));

  reread = cs_case_store_new (f->referrer.cases_dir);
  g_assert_true (cs_case_store_load (reread, &error));
  g_assert_no_error (error);
  stored = cs_case_store_lookup (reread, cs_case_get_id (kase));
  g_assert_nonnull (stored);
  g_clear_object (&opinion);
  opinion = first_opinion (stored);
  g_assert_true (cs_report_get_tampered (opinion));
  g_assert_cmpstr (cs_report_get_text (opinion, "diagnosis.0.text"), ==, "Benign: no carcinoma");
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide_path, SLIDE);

  f->slide_path = g_steal_pointer (&slide_path);
  check_round_trip (f);
}

static void
test_by_identity (Fixture       *f,
                  gconstpointer  data)
{
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide_path, SLIDE);

  f->slide_path = g_steal_pointer (&slide_path);
  check_by_identity (f);
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide_path, SLIDE);

  f->slide_path = g_steal_pointer (&slide_path);
  check_tampered (f);
}

static void
test_tampered_new (Fixture       *f,
                   gconstpointer  data)
{
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide_path, SLIDE);

  f->slide_path = g_steal_pointer (&slide_path);
  check_tampered_new (f);
}

static void
test_updates (Fixture       *f,
              gconstpointer  data)
{
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide_path, SLIDE);

  f->slide_path = g_steal_pointer (&slide_path);
  check_updates (f);
}

static void
test_live_list (Fixture       *f,
                gconstpointer  data)
{
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide_path, SLIDE);

  f->slide_path = g_steal_pointer (&slide_path);
  check_live_list (f);
}

static void
test_slide_files (Fixture       *f,
                  gconstpointer  data)
{
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide_path, SLIDE);

  f->slide_path = g_steal_pointer (&slide_path);
  check_slide_files (f);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

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

  ADD ("/package-import/round-trip", test_round_trip);
  ADD ("/package-import/by-identity", test_by_identity);
  ADD ("/package-import/slide-files", test_slide_files);
  ADD ("/package-import/updates", test_updates);
  ADD ("/package-import/live-list", test_live_list);
  ADD ("/package-import/tampered", test_tampered);
  ADD ("/package-import/tampered-new", test_tampered_new);

  status = g_test_run ();
  cs_test_remove_tree (home);
  return status;
}
