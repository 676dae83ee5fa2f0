/* cs-test-exchange.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-annotation-store.h"
#include "cs-test-exchange.h"
#include "cs-test-utils.h"

/* The referrer sends CMU-1-Small-Region.svs (de-identified, or by identity
 * only), a question and two annotations; the consultant imports it, adds
 * an annotation and a signed opinion and sends them back encrypted. */

void
cs_test_site_init (CsTestSite *site,
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

void
cs_test_site_clear (CsTestSite *site)
{
  g_clear_object (&site->cases);
  g_free (site->root);
  g_free (site->cases_dir);
  g_free (site->annotations);
  g_free (site->slides);
}

void
cs_test_exchange_setup (CsTestExchange *f,
                        gconstpointer   data)
{
  f->dir = cs_test_make_tmpdir ();
  cs_test_site_init (&f->referrer, f->dir, "referrer");
  cs_test_site_init (&f->consultant, f->dir, "consultant");
}

void
cs_test_exchange_teardown (CsTestExchange *f,
                           gconstpointer   data)
{
  cs_test_site_clear (&f->referrer);
  cs_test_site_clear (&f->consultant);
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->slide_path);
  g_free (f->sha256);
}

/* The slide's annotations as stored in @site (a store opened and closed). */
CsAnnotationList *
cs_test_site_load_annotations (CsTestSite *site,
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
void
cs_test_site_annotate (CsTestSite *site,
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
      g_assert_true (cs_report_finalize (cite, CS_TEST_CONSULTANT, list, &error));
      g_assert_no_error (error);
    }
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
}

void
cs_test_site_flush (CsTestSite *site)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_case_store_flush (site->cases, &error));
  g_assert_no_error (error);
}

/* The referrer's case: the slide, a question, two annotations. */
CsCase *
cs_test_exchange_referrer_case (CsTestExchange *f)
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
  cs_case_set_text (kase, "requesting.pathologist.name", CS_TEST_REFERRER);
  cs_case_set_text (kase, "clinical_history", "Rectal mass.");
  g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  g_assert_no_error (error);
  cs_case_store_add (f->referrer.cases, kase);
  cs_test_site_flush (&f->referrer);
  cs_test_site_annotate (&f->referrer, f->sha256, CS_TEST_REFERRER, 2, NULL, NULL);
  return kase;
}

char *
cs_test_exchange_create (CsTestExchange     *f,
                         CsTestSite         *site,
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

CsPackageImportResult *
cs_test_site_import (CsTestSite         *site,
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

guint
cs_test_count_by_author (CsAnnotationList *list,
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

CsReport *
cs_test_first_opinion (CsCase *kase)
{
  g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (kase)), ==, 1);
  return g_list_model_get_item (cs_case_get_opinions (kase), 0);
}

/* The consultant's side: imports @package, checks what arrived, answers
 * with an annotation and a final opinion; returns the package back. */
char *
cs_test_exchange_consult (CsTestExchange *f,
                          const char     *package,
                          const char     *case_id)
{
  g_autoptr(CsPackageImportResult) result = cs_test_site_import (&f->consultant, package, NULL,
                                                                 NULL);
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
  list = cs_test_site_load_annotations (&f->consultant, slide->sha256);
  g_assert_cmpuint (cs_test_count_by_author (list, CS_TEST_REFERRER), ==, 2);

  report = g_object_ref (cs_case_add_opinion (kase, CS_TEST_CONSULTANT, "MD", "Consult Institute"));
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text", "Adenocarcinoma, invasive",
                                     &error));
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_MAJOR, &error));
  g_assert_true (cs_report_set_text (report, "agreement.rationale", "Invasion seen.", &error));
  g_assert_no_error (error);
  cs_test_site_annotate (&f->consultant, slide->sha256, CS_TEST_CONSULTANT, 1, report,
                         cs_case_find_slide (kase, slide->sha256)->slide_id);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_FINAL);
  cs_test_site_flush (&f->consultant);
  back = cs_test_exchange_create (f, &f->consultant, kase, slide->sha256, slide->path,
                                  CS_PACKAGE_SLIDES_NONE, CS_TEST_CONSULTANT, CS_TEST_PASSPHRASE,
                                  "back.consilium");
  return back;
}

/* The referrer sends the case with a de-identified copy of the slide; the
 * consultant answers. Returns the answer; *@kase is the referrer's case. */
char *
cs_test_exchange_run (CsTestExchange  *f,
                      CsCase         **kase)
{
  g_autofree char *package = NULL;

  *kase = g_object_ref (cs_test_exchange_referrer_case (f));
  package = cs_test_exchange_create (f, &f->referrer, *kase, f->sha256, f->slide_path,
                                     CS_PACKAGE_SLIDES_DEIDENTIFIED, CS_TEST_REFERRER, NULL,
                                     "out.consilium");
  return cs_test_exchange_consult (f, package, cs_case_get_id (*kase));
}

static void
run_check (CsTestExchange *f,
           gconstpointer   data)
{
  const CsTestExchangeCheck *check = data;
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide_path, CS_TEST_EXCHANGE_SLIDE);

  f->slide_path = g_steal_pointer (&slide_path);
  check->func (f);
}

int
cs_test_exchange_main (int                        argc,
                       char                     **argv,
                       const CsTestExchangeCheck *checks,
                       guint                      n_checks)
{
  g_autofree char *home = cs_test_make_tmpdir ();
  int status;

  /* slide identities are remembered in the user's cache: not ours */
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < n_checks; i++)
    g_test_add (checks[i].path, CsTestExchange, &checks[i], cs_test_exchange_setup, run_check,
                cs_test_exchange_teardown);
  status = g_test_run ();
  cs_test_remove_tree (home);
  return status;
}
