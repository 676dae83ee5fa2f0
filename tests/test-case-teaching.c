/* test-case-teaching.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-case-teaching.h"
#include "cs-geojson.h"
#include "cs-test-annotation-set.h"
#include "cs-test-report.h"
#include "cs-test-utils.h"

/* Saves @kase in a fresh store under @dir and reads it back. */
static CsCase *
round_trip (CsCase     *kase,
            const char *dir)
{
  g_autoptr(CsCaseStore) again = cs_case_store_new (dir);
  g_autoptr(GError) error = NULL;

  cs_test_case_save (dir, kase);
  g_assert_true (cs_case_store_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cs_case_store_get_problems (again)->len, ==, 0);
  return g_object_ref (cs_case_store_lookup (again, cs_case_get_id (kase)));
}

static void
test_teaching_round_trip (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(CsCase) loaded = NULL;
  g_autoptr(CsTeachingResponse) mine = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) options = NULL;
  g_auto(GStrv) users = NULL;
  const char * const choices[] = { "Nodular fasciitis", "Leiomyosarcoma", "Schwannoma", NULL };

  g_assert_false (cs_case_get_teaching (kase));
  cs_case_set_teaching (kase, TRUE);
  g_assert_true (cs_case_set_teaching_choice_question (kase, "Diagnosis?", choices, 1, &error));
  g_assert_no_error (error);
  g_assert_true (cs_case_record_teaching_choice (kase, "anna", 2, &error));
  g_assert_true (cs_case_record_teaching_text (kase, "boris", "Сарко́ма", &error));
  g_assert_true (cs_case_reveal_teaching (kase, "boris", &error));
  g_assert_no_error (error);

  loaded = round_trip (kase, dir);
  g_assert_true (cs_case_get_teaching (loaded));
  g_assert_cmpint (cs_case_get_teaching_kind (loaded), ==, CS_TEACHING_QUESTION_CHOICE);
  g_assert_cmpstr (cs_case_get_teaching_question (loaded), ==, "Diagnosis?");
  options = cs_case_dup_teaching_options (loaded);
  g_assert_cmpstrv (options, choices);
  g_assert_cmpint (cs_case_get_teaching_correct (loaded), ==, 1);
  mine = cs_case_dup_teaching_response (loaded, "anna");
  g_assert_nonnull (mine);
  g_assert_cmpint (mine->choice, ==, 2);
  g_assert_null (mine->text);
  g_assert_true (g_str_has_suffix (mine->recorded, "Z"));
  g_assert_false (mine->revealed);
  g_assert_false (cs_case_teaching_shows_all (loaded, "anna"));
  g_assert_true (cs_case_teaching_shows_all (loaded, "boris"));
  g_assert_cmpint (cs_case_judge_teaching (loaded, "anna"), ==, CS_TEACHING_VERDICT_INCORRECT);
  g_assert_null (cs_case_dup_teaching_response (loaded, "carol"));
  users = cs_case_dup_teaching_users (loaded);
  g_assert_cmpstrv (users, ((const char * const[]) { "anna", "boris", NULL }));
  g_clear_pointer (&mine, cs_teaching_response_free);
  mine = cs_case_dup_teaching_response (loaded, "boris");
  g_assert_true (g_utf8_validate (mine->text, -1, NULL));
  g_assert_true (mine->revealed);
  cs_test_remove_tree (dir);
}

static void
test_teaching_old_file (void)
{
  const char *old = "{\"case_id\":\"urn:uuid:0d4c9a4e-8f1a-4d5e-9b55-0c7a3f1d2e11\","
                    "\"opinions\":[],\"schema\":\"io.github.consilium.case/1.0\",\"slides\":[]}";
  const char *damaged = "{\"case_id\":\"urn:uuid:0d4c9a4e-8f1a-4d5e-9b55-0c7a3f1d2e12\","
                        "\"schema\":\"io.github.consilium.case/1.0\",\"teaching\":{\"enabled\":\"yes\","
                        "\"question\":{\"kind\":\"choice\",\"options\":[\"a\",\"b\"],\"correct\":7}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCase) kase = cs_case_new_from_data (old, -1, &error);
  g_autoptr(CsCase) bad = NULL;
  g_autofree char *data = NULL;

  g_assert_no_error (error);
  g_assert_false (cs_case_get_teaching (kase));
  g_assert_true (cs_case_teaching_shows_all (kase, "anna"));
  g_assert_cmpint (cs_case_get_teaching_kind (kase), ==, CS_TEACHING_QUESTION_NONE);
  data = cs_case_to_data (kase, NULL);
  g_assert_null (strstr (data, "teaching"));

  bad = cs_case_new_from_data (damaged, -1, &error);
  g_assert_no_error (error);
  g_assert_false (cs_case_get_teaching (bad));
  g_assert_cmpint (cs_case_get_teaching_correct (bad), ==, -1);
  g_assert_cmpint (cs_case_get_teaching_kind (bad), ==, CS_TEACHING_QUESTION_NONE);
}

static void
test_teaching_answer_rules (void)
{
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GError) error = NULL;
  const char * const one[] = { "only", NULL };
  const char * const two[] = { "yes", "no", NULL };

  cs_case_set_teaching (kase, TRUE);
  cs_case_set_teaching_text_question (kase, "What is it?", "Granuloma");
  g_assert_cmpint (cs_case_get_teaching_kind (kase), ==, CS_TEACHING_QUESTION_TEXT);
  g_assert_cmpstr (cs_case_get_teaching_answer (kase), ==, "Granuloma");
  g_assert_false (cs_case_teaching_shows_all (kase, "anna"));

  g_assert_false (cs_case_reveal_teaching (kase, "anna", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (cs_case_record_teaching_text (kase, "anna", "  ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (cs_case_record_teaching_text (kase, "anna", "Granuloma", &error));
  g_assert_cmpint (cs_case_judge_teaching (kase, "anna"), ==, CS_TEACHING_VERDICT_NONE);
  g_assert_true (cs_case_reveal_teaching (kase, "anna", &error));
  g_assert_true (cs_case_teaching_shows_all (kase, "anna"));
  g_assert_false (cs_case_record_teaching_text (kase, "anna", "Other", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_false (cs_case_set_teaching_choice_question (kase, "Q", one, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (cs_case_set_teaching_choice_question (kase, "Q", two, 2, &error));
  g_clear_error (&error);
  /* the refused question left the old one and its answers in place */
  g_assert_cmpint (cs_case_get_teaching_kind (kase), ==, CS_TEACHING_QUESTION_TEXT);
  g_assert_true (cs_case_teaching_shows_all (kase, "anna"));

  g_assert_true (cs_case_set_teaching_choice_question (kase, "Q", two, 0, &error));
  g_assert_null (cs_case_dup_teaching_response (kase, "anna"));
  g_assert_false (cs_case_record_teaching_choice (kase, "anna", 2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (cs_case_record_teaching_choice (kase, "anna", 0, &error));
  g_assert_cmpint (cs_case_judge_teaching (kase, "anna"), ==, CS_TEACHING_VERDICT_CORRECT);

  cs_case_set_teaching (kase, FALSE);
  g_assert_true (cs_case_teaching_shows_all (kase, "carol"));
}

static void
test_teaching_annotation_answer (void)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  CsAnnotation *marked = annotations->pdata[0];
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(CsAnnotation) back = NULL;
  g_autoptr(CsAnnotation) back_plain = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cs_annotation_get_teaching_answer (marked));
  cs_annotation_set_teaching_answer (marked, TRUE);
  g_assert_true (cs_annotation_get_teaching_answer (marked));
  cs_geojson_append_feature (line, marked, NULL);
  back = cs_geojson_parse_feature (line->str, line->len, &error);
  g_assert_no_error (error);
  g_assert_true (cs_annotation_get_teaching_answer (back));

  cs_annotation_set_teaching_answer (marked, FALSE);
  cs_geojson_append_feature (plain, marked, NULL);
  g_assert_null (strstr (plain->str, CS_ANNOTATION_EXTRA_TEACHING_ANSWER));
  back_plain = cs_geojson_parse_feature (plain->str, plain->len, &error);
  g_assert_no_error (error);
  g_assert_false (cs_annotation_get_teaching_answer (back_plain));
}

static void
test_teaching_roles (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(CsCase) loaded = NULL;
  g_autoptr(GError) error = NULL;

  cs_case_set_teaching (kase, TRUE);
  cs_case_set_teaching_text_question (kase, "What is it?", "Granuloma");
  /* no teacher recorded (an older file): hidden for everyone */
  g_assert_null (cs_case_get_teaching_teacher (kase));
  g_assert_false (cs_case_is_teaching_teacher (kase, "tess"));
  g_assert_false (cs_case_teaching_shows_all (kase, "tess"));

  cs_case_set_teaching_teacher (kase, "tess", "Dr Tess Ivanova");
  loaded = round_trip (kase, dir);
  g_assert_cmpstr (cs_case_get_teaching_teacher (loaded), ==, "tess");
  g_assert_cmpstr (cs_case_get_teaching_teacher_name (loaded), ==, "Dr Tess Ivanova");
  g_assert_true (cs_case_is_teaching_teacher (loaded, "tess"));
  g_assert_true (cs_case_teaching_shows_all (loaded, "tess"));
  g_assert_false (cs_case_teaching_hides (loaded, "tess", FALSE));
  g_assert_false (cs_case_teaching_shows_all (loaded, "anna"));
  g_assert_true (cs_case_teaching_hides (loaded, "anna", FALSE));
  g_assert_true (cs_case_teaching_hides (loaded, NULL, FALSE));

  /* the teacher previewing sees it as a trainee until they reveal it */
  g_assert_true (cs_case_teaching_hides (loaded, "tess", TRUE));
  g_assert_true (cs_case_record_teaching_text (loaded, "tess", "Granuloma", &error));
  g_assert_true (cs_case_reveal_teaching (loaded, "tess", &error));
  g_assert_no_error (error);
  g_assert_false (cs_case_teaching_hides (loaded, "tess", TRUE));
  g_assert_true (cs_case_teaching_hides (loaded, "anna", TRUE));

  /* a trainee's reveal shows them all; preview changes nothing for them */
  g_assert_true (cs_case_record_teaching_text (loaded, "anna", "Sarcoid", &error));
  g_assert_true (cs_case_reveal_teaching (loaded, "anna", &error));
  g_assert_false (cs_case_teaching_hides (loaded, "anna", FALSE));
  g_assert_false (cs_case_teaching_hides (loaded, "anna", TRUE));

  /* a name-less teacher; not a teaching case any more: nothing hidden */
  cs_case_set_teaching_teacher (loaded, "boris", NULL);
  g_assert_null (cs_case_get_teaching_teacher_name (loaded));
  g_assert_false (cs_case_is_teaching_teacher (loaded, "tess"));
  g_assert_true (cs_case_teaching_shows_all (loaded, "boris"));
  g_assert_true (cs_case_teaching_hides (loaded, "boris", TRUE));
  g_assert_true (cs_case_teaching_hides (loaded, "carol", FALSE));
  cs_case_set_teaching (loaded, FALSE);
  g_assert_false (cs_case_teaching_hides (loaded, "tess", TRUE));
}

/* A teacher member that is not a user name reads as no teacher. */
static void
test_teaching_old_teacher (void)
{
  const char *json = "{\"case_id\":\"urn:uuid:0d4c9a4e-8f1a-4d5e-9b55-0c7a3f1d2e13\","
                     "\"schema\":\"io.github.consilium.case/1.0\",\"teaching\":{\"enabled\":true,"
                     "\"teacher\":{\"user\":7},\"question\":{\"kind\":\"text\",\"text\":\"Q\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCase) kase = cs_case_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (cs_case_get_teaching (kase));
  g_assert_null (cs_case_get_teaching_teacher (kase));
  g_assert_false (cs_case_teaching_shows_all (kase, "7"));
}

static void
test_teaching_merge (void)
{
  g_autoptr(CsCase) teacher = cs_case_new ();
  g_autoptr(CsCase) trainee = NULL;
  g_autoptr(CsCase) empty = cs_case_new ();
  g_autoptr(CsTeachingResponse) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;

  cs_case_set_teaching (teacher, TRUE);
  cs_case_set_teaching_teacher (teacher, "tess", NULL);
  cs_case_set_teaching_text_question (teacher, "What is it?", "Granuloma");
  g_assert_true (cs_case_record_teaching_text (teacher, "tess", "preview", &error));

  /* what the teacher sends leaves out their own answer */
  data = cs_case_to_data (teacher, NULL);
  root = json_from_string (data, &error);
  g_assert_no_error (error);
  cs_teaching_drop_teacher_response (json_node_get_object (root));
  g_clear_pointer (&data, g_free);
  data = json_to_string (root, FALSE);
  trainee = cs_case_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_null (cs_case_dup_teaching_response (trainee, "tess"));
  g_assert_true (cs_case_teaching_hides (trainee, "anna", FALSE));

  /* a case without teaching takes the member whole */
  g_assert_true (cs_case_merge_teaching (empty, trainee));
  g_assert_cmpstr (cs_case_get_teaching_teacher (empty), ==, "tess");
  g_assert_false (cs_case_merge_teaching (empty, trainee));

  /* the trainee's answer travels back, keyed by user; the teacher's stays */
  g_assert_true (cs_case_record_teaching_text (trainee, "anna", "Sarcoid", &error));
  g_assert_true (cs_case_record_teaching_text (trainee, "tess", "forged", &error));
  g_assert_true (cs_case_merge_teaching (teacher, trainee));
  back = cs_case_dup_teaching_response (teacher, "anna");
  g_assert_cmpstr (back->text, ==, "Sarcoid");
  g_clear_pointer (&back, cs_teaching_response_free);
  back = cs_case_dup_teaching_response (teacher, "tess");
  g_assert_cmpstr (back->text, ==, "preview");
  /* the same answer again changes nothing */
  g_assert_false (cs_case_merge_teaching (teacher, trainee));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case/teaching/round-trip", test_teaching_round_trip);
  g_test_add_func ("/case/teaching/old-file", test_teaching_old_file);
  g_test_add_func ("/case/teaching/answer-rules", test_teaching_answer_rules);
  g_test_add_func ("/case/teaching/annotation-answer", test_teaching_annotation_answer);
  g_test_add_func ("/case/teaching/roles", test_teaching_roles);
  g_test_add_func ("/case/teaching/old-teacher", test_teaching_old_teacher);
  g_test_add_func ("/case/teaching/merge", test_teaching_merge);
  return g_test_run ();
}
