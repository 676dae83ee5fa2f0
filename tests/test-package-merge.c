/* test-package-merge.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-annotation-store.h"
#include "cs-package-import-private.h"
#include "cs-package.h"
#include "cs-test-exchange.h"
#include "cs-test-utils.h"

/* Later exchanges on the same case: a newer signed revision replaces the
 * opinion, the same author's later change replaces an annotation, a change
 * made here later is kept (with a warning), and a slide open in the window
 * gets the annotations in its live list as one step that can be undone. */

/* Referrer → consultant → the answer imported by the referrer; returns
 * the referrer's case. */
static CsCase *
answered_case (CsTestExchange *f)
{
  CsCase *kase = NULL;
  g_autofree char *back = cs_test_exchange_run (f, &kase);
  g_autoptr(CsPackageImportResult) first = cs_test_site_import (&f->referrer, back,
                                                                CS_TEST_PASSPHRASE, NULL);

  return kase;
}

/* ---- later changes ------------------------------------------------------------ */

/* The consultant amends their opinion (by @by), to @diagnosis, signing
 * it (by @by) when @sign. */
static void
amend_opinion (CsTestExchange *f,
               CsCase         *kase,
               const char     *by,
               const char     *diagnosis,
               gboolean        sign)
{
  g_autoptr(CsReport) report = cs_test_first_opinion (kase);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_amend (report, by, "Deeper levels reviewed", &error));
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text", diagnosis, &error));
  if (sign)
    {
      /* times are to the second: sign in a later one than the amendment began */
      g_usleep (1100 * 1000);
      g_assert_true (cs_report_finalize (report, by, NULL, &error));
    }
  g_assert_no_error (error);
  cs_test_site_flush (&f->consultant);
}

/* A package of the consultant's case, slides by identity. */
static char *
send_back (CsTestExchange *f,
           CsCase         *kase,
           const char     *name)
{
  const CsCaseSlide *slide = cs_case_get_slide (kase, 0);
  g_autofree char *slide_path = g_build_filename (f->consultant.slides, "C26-0042",
                                                  slide->file_name, NULL);

  g_assert_true (g_file_test (slide_path, G_FILE_TEST_IS_REGULAR));
  return cs_test_exchange_create (f, &f->consultant, kase, slide->sha256, slide_path,
                                  CS_PACKAGE_SLIDES_NONE, CS_TEST_CONSULTANT, NULL, name);
}

/* The consultant's opinion (amended: revision 2) and annotation (renamed
 * later) in the consultant's data; returns a new package of them. */
static char *
amend_and_resend (CsTestExchange *f,
                  const char     *case_id)
{
  CsCase *kase = cs_case_store_lookup (f->consultant.cases, case_id);
  const CsCaseSlide *slide = cs_case_get_slide (kase, 0);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->consultant.annotations,
                                                                slide->sha256);
  g_autoptr(CsAnnotation) edited = NULL;
  g_autoptr(GError) error = NULL;

  amend_opinion (f, kase, CS_TEST_CONSULTANT, "Adenocarcinoma in situ", TRUE);
  g_assert_true (cs_annotation_store_load (store, &error));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && edited == NULL; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (cs_annotation_get_author (annotation), CS_TEST_CONSULTANT) == 0)
        edited = cs_annotation_copy (annotation);
    }
  g_assert_nonnull (edited);
  cs_annotation_set_name (edited, "Invasive front (revised)");
  cs_annotation_set_modified (edited, cs_annotation_get_modified (edited) + G_USEC_PER_SEC);
  cs_annotation_list_update (list, edited);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  return send_back (f, kase, "amended.consilium");
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
check_updates (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = answered_case (f);
  g_autofree char *amended = amend_and_resend (f, cs_case_get_id (kase));
  g_autoptr(CsPackageImportResult) result = cs_test_site_import (&f->referrer, amended, NULL, NULL);
  g_autoptr(CsPackageImportResult) conflict = NULL;
  g_autoptr(CsReport) opinion = cs_test_first_opinion (kase);
  g_autoptr(CsAnnotationList) list = cs_test_site_load_annotations (&f->referrer, f->sha256);
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
  g_assert_cmpstr (cs_annotation_get_name (find_by_author (list, CS_TEST_CONSULTANT)), ==,
                   "Invasive front (revised)");

  /* the referrer edits the consultant's region afterwards */
  g_clear_object (&list);
  list = cs_annotation_list_new ();
  store = cs_annotation_store_new (list, f->referrer.annotations, f->sha256);
  g_assert_true (cs_annotation_store_load (store, &error));
  local = cs_annotation_copy (find_by_author (list, CS_TEST_CONSULTANT));
  cs_annotation_set_comment (local, "Seen at the tumour board");
  cs_annotation_set_modified (local, cs_annotation_get_modified (local) + 60 * G_USEC_PER_SEC);
  cs_annotation_list_update (list, local);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  conflict = cs_test_site_import (&f->referrer, amended, NULL, NULL);
  g_assert_cmpuint (conflict->annotations_updated, ==, 0);
  g_assert_cmpuint (conflict->annotations_unchanged, ==, 3);
  g_assert_cmpuint (conflict->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (conflict->warnings, 0), "was kept"));
  g_clear_object (&list);
  list = cs_test_site_load_annotations (&f->referrer, f->sha256);
  g_assert_cmpstr (cs_annotation_get_comment (find_by_author (list, CS_TEST_CONSULTANT)), ==,
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
check_live_list (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = NULL;
  g_autofree char *back = cs_test_exchange_run (f, &kase);
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
    .passphrase = CS_TEST_PASSPHRASE,
  };

  g_assert_true (cs_annotation_store_load (store, &error));
  g_assert_false (cs_annotation_list_can_undo (list));
  result = cs_package_import (&options, back, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations_added, ==, 1);
  g_assert_cmpuint (cs_test_count_by_author (list, CS_TEST_CONSULTANT), ==, 1);
  g_assert_true (cs_annotation_list_can_undo (list));
  g_assert_true (cs_annotation_list_undo (list));
  g_assert_cmpuint (cs_test_count_by_author (list, CS_TEST_CONSULTANT), ==, 0);
  g_assert_cmpuint (cs_test_count_by_author (list, CS_TEST_REFERRER), ==, 2);
  g_assert_false (cs_annotation_list_can_undo (list));
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
}

/* ---- signed opinions are kept ----------------------------------------------- */

/* The consultant's opinion amended by @by: signed by @by when @sign, else
 * left an unsigned draft; returns a new package of it. */
static char *
resend_amended (CsTestExchange *f,
                const char     *case_id,
                const char     *by,
                gboolean        sign)
{
  CsCase *kase = cs_case_store_lookup (f->consultant.cases, case_id);

  amend_opinion (f, kase, by, "Benign", sign);
  return send_back (f, kase, sign ? "signed.consilium" : "draft.consilium");
}

static gboolean
has_warning (CsPackageImportResult *result,
             const char            *text)
{
  for (guint i = 0; i < result->warnings->len; i++)
    if (strstr (g_ptr_array_index (result->warnings, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The referrer's signed opinion is still revision 1, as signed. */
static void
assert_kept (CsCase                *kase,
             CsPackageImportResult *result)
{
  g_autoptr(CsReport) opinion = cs_test_first_opinion (kase);

  g_assert_cmpuint (result->opinions_updated, ==, 0);
  g_assert_cmpuint (result->opinions_unchanged, ==, 1);
  g_assert_true (has_warning (result, "kept yours"));
  g_assert_cmpint (cs_report_get_revision (opinion), ==, 1);
  g_assert_cmpint (cs_report_get_status (opinion), ==, CS_REPORT_STATUS_FINAL);
  g_assert_cmpstr (cs_report_get_text (opinion, "diagnosis.0.text"), !=, "Benign");
}

/* An unsigned draft, newer and by the same consultant, never replaces a
 * signed opinion. */
static void
check_draft_keeps_signed (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = answered_case (f);
  g_autofree char *draft = resend_amended (f, cs_case_get_id (kase), CS_TEST_CONSULTANT, FALSE);
  g_autoptr(CsPackageImportResult) result = cs_test_site_import (&f->referrer, draft, NULL, NULL);

  assert_kept (kase, result);
  g_assert_true (has_warning (result, "never replaces a signed opinion"));
}

/* A newer signed revision by someone else (a valid hash, but not the
 * consultant who signed the opinion here) is not taken. */
static void
check_other_signer_kept (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = answered_case (f);
  g_autofree char *forged = resend_amended (f, cs_case_get_id (kase), "Dr. Mallory", TRUE);
  g_autoptr(CsPackageImportResult) result = cs_test_site_import (&f->referrer, forged, NULL,
                                                                 NULL);

  assert_kept (kase, result);
  g_assert_true (has_warning (result, "another consultant"));
}

/* The opinion here was replaced earlier by a forgery of the same
 * revision (another signer): the genuine one arriving is not silently
 * "unchanged". */
static void
check_same_revision_differs (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = answered_case (f);
  g_autoptr(CsReport) here = cs_test_first_opinion (kase);
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autofree char *genuine = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_amend (here, "Dr. Mallory", "Forged", &error));
  g_assert_true (cs_report_set_text (here, "diagnosis.0.text", "Forged", &error));
  g_usleep (1100 * 1000);
  g_assert_true (cs_report_finalize (here, "Dr. Mallory", NULL, &error));
  g_assert_no_error (error);
  genuine = resend_amended (f, cs_case_get_id (kase), CS_TEST_CONSULTANT, TRUE);
  result = cs_test_site_import (&f->referrer, genuine, NULL, NULL);
  g_assert_cmpuint (result->opinions_updated, ==, 0);
  g_assert_true (has_warning (result, "differs from yours of the same revision"));
}

/* What a final opinion needs of its case. */
static const char * const case_texts[] = {
  "case.consult_accession", "case.referring_accession", "requesting.institution",
  "requesting.pathologist.name", "clinical_history", "question",
};

/* A draft here, the same revision signed by its consultant arriving
 * (signing keeps the revision): replaced. The other way round: kept. */
static void
check_draft_then_signed (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(CsReport) draft = NULL;
  g_autoptr(CsReport) signed_copy = NULL;
  g_autoptr(CsPackageImportResult) result = g_new0 (CsPackageImportResult, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  result->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (case_texts); i++)
    cs_case_set_text (kase, case_texts[i], "given");
  draft = g_object_ref (cs_case_add_opinion (kase, CS_TEST_CONSULTANT, "MD", "Consult Institute"));
  g_assert_true (cs_report_set_text (draft, "diagnosis.0.text", "Adenocarcinoma", &error));
  g_assert_true (cs_report_set_agreement (draft, CS_AGREEMENT_MAJOR, &error));
  g_assert_true (cs_report_set_text (draft, "agreement.rationale", "Invasion seen.", &error));
  data = cs_report_to_data (draft, &len);
  signed_copy = cs_report_new_from_data (data, len, &error);
  g_assert_true (cs_report_finalize (signed_copy, CS_TEST_CONSULTANT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_report_get_revision (signed_copy), ==, cs_report_get_revision (draft));

  g_assert_true (_cs_package_merge_opinion_into (kase, draft, signed_copy, result));
  g_assert_cmpuint (result->warnings->len, ==, 0);
  /* now the signed one is here: the draft does not come back */
  g_assert_false (_cs_package_merge_opinion_into (kase, signed_copy, draft, result));
  g_assert_true (has_warning (result, "kept yours"));
}

/* ---- the receiver's own annotations ---------------------------------------- */

/* The consultant renames one of the referrer's annotations, dated
 * @modified (0: a second after it was); returns a new package. */
static char *
resend_edited_referrer_annotation (CsTestExchange *f,
                                   const char     *case_id,
                                   gint64          modified)
{
  CsCase *kase = cs_case_store_lookup (f->consultant.cases, case_id);
  const CsCaseSlide *slide = cs_case_get_slide (kase, 0);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->consultant.annotations,
                                                                slide->sha256);
  g_autoptr(CsAnnotation) edited = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_annotation_store_load (store, &error));
  edited = cs_annotation_copy (find_by_author (list, CS_TEST_REFERRER));
  cs_annotation_set_name (edited, "Renamed by the consultant");
  cs_annotation_set_modified (edited, modified != 0 ? modified
                                      : cs_annotation_get_modified (edited) + G_USEC_PER_SEC);
  cs_annotation_list_update (list, edited);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  return send_back (f, kase, "edited.consilium");
}

static guint
count_named (CsAnnotationList *list,
             const char       *name)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      n += g_strcmp0 (cs_annotation_get_name (annotation), name) == 0;
    }
  return n;
}

/* Imports @package into the referrer's data as @receiver; asserts that
 * no annotation was updated and a warning says @why. */
static void
assert_annotation_kept (CsTestExchange *f,
                        const char     *package,
                        const char     *receiver,
                        const char     *why)
{
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsAnnotationList) list = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageImportOptions options = {
    .cases = f->referrer.cases,
    .annotation_directory = f->referrer.annotations,
    .receiver_author = receiver,
  };

  result = cs_package_import (&options, package, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations_updated, ==, 0);
  g_assert_true (has_warning (result, why));
  list = cs_test_site_load_annotations (&f->referrer, f->sha256);
  g_assert_cmpuint (count_named (list, "Renamed by the consultant"), ==, 0);
}

/* The referrer's own annotation, changed by someone else: never replaced
 * in the referrer's data, although the author field says it is theirs. */
static void
check_own_annotation_kept (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = answered_case (f);
  g_autofree char *edited = resend_edited_referrer_annotation (f, cs_case_get_id (kase), 0);

  assert_annotation_kept (f, edited, CS_TEST_REFERRER, "your own annotation");
}

/* A change dated far in the future is not "later". */
static void
check_future_not_later (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = answered_case (f);
  gint64 future = g_get_real_time () + 2 * G_TIME_SPAN_DAY;
  g_autofree char *edited = resend_edited_referrer_annotation (f, cs_case_get_id (kase), future);

  assert_annotation_kept (f, edited, NULL, "in the future");
}

static const CsTestExchangeCheck checks[] = {
  { "/package-merge/updates", check_updates },
  { "/package-merge/live-list", check_live_list },
  { "/package-merge/draft-keeps-signed", check_draft_keeps_signed },
  { "/package-merge/other-signer-kept", check_other_signer_kept },
  { "/package-merge/same-revision-differs", check_same_revision_differs },
  { "/package-merge/draft-then-signed", check_draft_then_signed },
  { "/package-merge/own-annotation-kept", check_own_annotation_kept },
  { "/package-merge/future-not-later", check_future_not_later },
};

int
main (int   argc,
      char *argv[])
{
  return cs_test_exchange_main (argc, argv, checks, G_N_ELEMENTS (checks));
}
