/* test-package-teaching.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-annotation-store.h"
#include "cs-case-teaching.h"
#include "cs-package.h"
#include "cs-test-exchange.h"
#include "cs-test-utils.h"

/* A teaching case sent in a consult package: the teacher (here the
 * referrer's site, local user "tess") marks it, asks a multiple-choice
 * question, answers it in preview and marks an annotation as the answer.
 * The trainee's site (local user "anna") receives the member, the question
 * and the annotation's property, without the teacher's preview answer,
 * and sees the case hidden; the trainee's answer, sent back, joins the
 * teacher's case under the trainee's name. */

#define TEACHER "tess"
#define TRAINEE "anna"

static const char * const options[] = { "Adenoma", "Adenocarcinoma", "Carcinoid", NULL };

static void
mark_answer (CsTestSite *site,
             const char *sha256)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, site->annotations, sha256);
  g_autoptr(CsAnnotation) first = NULL;
  g_autoptr(CsAnnotation) marked = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_annotation_store_load (store, &error));
  g_assert_no_error (error);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  marked = cs_annotation_copy (first);
  cs_annotation_set_teaching_answer (marked, TRUE);
  cs_annotation_list_update (list, marked);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
}

static guint
count_answers (CsAnnotationList *list)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      n += cs_annotation_get_teaching_answer (annotation);
    }
  return n;
}

/* The teacher's case, marked and answered in preview; returns it. */
static CsCase *
teaching_case (CsTestExchange *f)
{
  CsCase *kase = cs_test_exchange_referrer_case (f);
  g_autoptr(GError) error = NULL;

  cs_case_set_teaching_teacher (kase, TEACHER, "Dr Tess Teacher");
  cs_case_set_teaching (kase, TRUE);
  g_assert_true (cs_case_set_teaching_choice_question (kase, "Diagnosis?", options, 1, &error));
  g_assert_true (cs_case_record_teaching_choice (kase, TEACHER, 0, &error));
  g_assert_true (cs_case_reveal_teaching (kase, TEACHER, &error));
  g_assert_no_error (error);
  cs_test_site_flush (&f->referrer);
  mark_answer (&f->referrer, f->sha256);
  return kase;
}

static void
check_round_trip (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = g_object_ref (teaching_case (f));
  g_autofree char *folder = g_path_get_dirname (f->slide_path);
  const char *search[] = { folder, NULL };
  g_autofree char *package = cs_test_exchange_create (f, &f->referrer, kase, f->sha256,
                                                      f->slide_path, CS_PACKAGE_SLIDES_NONE,
                                                      CS_TEST_REFERRER, NULL, "teach.consilium");
  g_autoptr(CsPackageImportResult) result = cs_test_site_import (&f->consultant, package, NULL,
                                                                 search);
  g_autoptr(CsAnnotationList) list = cs_test_site_load_annotations (&f->consultant, f->sha256);
  g_autoptr(CsTeachingResponse) preview = NULL;
  g_autoptr(CsPackageImportResult) back_result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) received_options = NULL;
  g_autofree char *back = NULL;
  CsCase *received;

  g_assert_true (result->case_created);
  received = cs_case_store_lookup (f->consultant.cases, cs_case_get_id (kase));
  g_assert_nonnull (received);
  g_assert_true (cs_case_get_teaching (received));
  g_assert_cmpstr (cs_case_get_teaching_teacher (received), ==, TEACHER);
  g_assert_cmpstr (cs_case_get_teaching_teacher_name (received), ==, "Dr Tess Teacher");
  g_assert_cmpint (cs_case_get_teaching_kind (received), ==, CS_TEACHING_QUESTION_CHOICE);
  g_assert_cmpstr (cs_case_get_teaching_question (received), ==, "Diagnosis?");
  received_options = cs_case_dup_teaching_options (received);
  g_assert_cmpstrv (received_options, options);
  g_assert_cmpint (cs_case_get_teaching_correct (received), ==, 1);
  /* the teacher's preview answer stayed home */
  g_assert_null (cs_case_dup_teaching_response (received, TEACHER));
  g_assert_true (cs_case_teaching_hides (received, TRAINEE, FALSE));
  g_assert_false (cs_case_teaching_hides (received, TEACHER, FALSE));
  /* the answer annotation arrived marked */
  g_assert_cmpuint (count_answers (list), ==, 1);

  /* the trainee answers; their answer travels back, keyed by user */
  g_assert_true (cs_case_record_teaching_choice (received, TRAINEE, 2, &error));
  g_assert_true (cs_case_reveal_teaching (received, TRAINEE, &error));
  g_assert_no_error (error);
  cs_test_site_flush (&f->consultant);
  back = cs_test_exchange_create (f, &f->consultant, received, f->sha256, f->slide_path,
                                  CS_PACKAGE_SLIDES_NONE, CS_TEST_CONSULTANT, NULL,
                                  "answer.consilium");
  back_result = cs_test_site_import (&f->referrer, back, NULL, search);
  g_assert_false (back_result->case_created);
  g_assert_cmpint (cs_case_judge_teaching (kase, TRAINEE), ==, CS_TEACHING_VERDICT_INCORRECT);
  preview = cs_case_dup_teaching_response (kase, TEACHER);
  g_assert_nonnull (preview);
  g_assert_cmpint (preview->choice, ==, 0);
}

static const CsTestExchangeCheck checks[] = {
  { "/package-teaching/round-trip", check_round_trip },
};

int
main (int   argc,
      char *argv[])
{
  return cs_test_exchange_main (argc, argv, checks, G_N_ELEMENTS (checks));
}
