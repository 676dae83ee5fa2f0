/* test-report.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-report.h"
#include "cs-test-utils.h"

static CsAnnotation *
make_square (double x)
{
  CsRect rect = { x, 100, 50, 40 };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);

  return cs_annotation_new (CS_SHAPE_RECTANGLE, geometry);
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

/* Everything §8 requires, and one cited region. */
static CsReport *
make_complete (CsAnnotationList *annotations)
{
  CsReport *report = cs_report_new ();
  g_autoptr(CsAnnotation) focus = make_square (1000);
  g_autoptr(GError) error = NULL;

  set (report, "case.consult_accession", "CONS-26-00123");
  set (report, "case.referring_accession", "S26-4567");
  set (report, "case.patient.pseudonym", "P-7f3a");
  set (report, "requesting.institution", "Клиника № 1");
  set (report, "requesting.pathologist.name", "Dr. Ito 伊藤");
  set (report, "consultant.name", "Dr. Müller");
  set (report, "clinical_history", "not provided");
  set (report, "question", "Invasive?");
  set (report, "materials.mode", "digital_only");
  set (report, "referring_diagnosis.text", "Adenoma");
  set (report, "diagnosis.0.text", "Adenocarcinoma, invasive");
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_MAJOR, &error));
  g_assert_no_error (error);
  set (report, "agreement.rationale", "Invasion through the muscularis mucosae.");
  cs_annotation_list_add (annotations, focus);
  g_assert_true (cs_report_cite (report, focus, "A1-HE", "Invasive focus", &error));
  g_assert_no_error (error);
  return report;
}

static CsReport *
make_final (CsAnnotationList *annotations)
{
  CsReport *report = make_complete (annotations);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_finalize (report, "Dr. Müller", annotations, &error));
  g_assert_no_error (error);
  return report;
}

static CsReport *
reload (CsReport *report)
{
  g_autofree char *data = cs_report_to_data (report, NULL);
  g_autoptr(GError) error = NULL;
  CsReport *copy = cs_report_new_from_data (data, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static void
test_new (void)
{
  g_autoptr(CsReport) report = cs_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (cs_report_get_id (report), "urn:uuid:"));
  g_assert_cmpint (cs_report_get_revision (report), ==, 1);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_DRAFT);
  g_assert_false (cs_report_is_frozen (report));
  g_assert_cmpstr (cs_report_get_text (report, "schema"), ==, CS_REPORT_SCHEMA);

  /* NFC when entered: e + U+0301 is stored as é */
  set (report, "consultant.name", "Ce\xcc\x81line");
  g_assert_cmpstr (cs_report_get_text (report, "consultant.name"), ==, "C\xc3\xa9line");
  set (report, "diagnosis.0.text", "first");
  set (report, "diagnosis.1.text", "second");
  g_assert_cmpstr (cs_report_get_text (report, "diagnosis.1.text"), ==, "second");
  set (report, "diagnosis.0.text", NULL);
  g_assert_null (cs_report_get_text (report, "diagnosis.0.text"));

  /* managed members follow the status rules, not the setters */
  g_assert_false (cs_report_set_text (report, "status", "final", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cs_report_set_text (report, "signature.signer", "x", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  /* through a string: not a container */
  g_assert_false (cs_report_set_text (report, "consultant.name.first", "x", &error));
  g_assert_nonnull (error);
}

static void
assert_names (GError     *error,
              const char *field)
{
  if (strstr (error->message, field) == NULL)
    g_error ("“%s” does not name %s", error->message, field);
}

static void
test_validate (void)
{
  static const char * const required[] = {
    "case.consult_accession", "case.referring_accession", "requesting.institution",
    "requesting.pathologist.name", "consultant.name", "clinical_history", "question",
    "materials.mode", "diagnosis",
  };
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) empty = cs_report_new ();
  g_autoptr(CsReport) report = make_complete (annotations);
  g_autoptr(CsAnnotation) focus = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cs_report_validate (empty, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    assert_names (error, required[i]);
  g_clear_error (&error);

  g_assert_true (cs_report_validate (report, &error));
  g_assert_no_error (error);

  set (report, "question", "   ");
  set (report, "diagnosis.1.text", "");
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_NONE, &error));
  g_assert_false (cs_report_validate (report, &error));
  assert_names (error, "question");
  assert_names (error, "diagnosis.1.text");
  /* a referring diagnosis asks for the agreement with it */
  assert_names (error, "agreement.category");
  g_assert_null (strstr (error->message, "consultant.name"));
  /* named as the form names them, the schema path beside */
  g_assert_nonnull (strstr (error->message, "Question [question]"));
  g_clear_error (&error);

  /* a disagreement states its rationale */
  set (report, "agreement.rationale", "");
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_MINOR, &error));
  g_assert_false (cs_report_validate (report, &error));
  assert_names (error, "agreement.rationale");
  g_clear_error (&error);
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_AGREE, &error));
  g_assert_false (cs_report_validate (report, &error));
  g_assert_null (strstr (error->message, "agreement.rationale"));
  g_clear_error (&error);

  /* finalize refuses, and changes nothing */
  g_assert_false (cs_report_finalize (report, "Dr. Müller", annotations, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_DRAFT);
  focus = g_list_model_get_item (G_LIST_MODEL (annotations), 0);
  g_assert_false (cs_annotation_get_locked (focus));
}

static void
test_final_frozen (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autoptr(CsAnnotation) focus = g_list_model_get_item (G_LIST_MODEL (annotations), 0);
  g_autoptr(CsAnnotation) other = make_square (5000);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cs_report_compute_hash (report, &error);
  g_autofree char *geometry = cs_report_geometry_sha256 (focus, &error);

  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_FINAL);
  g_assert_true (cs_report_is_frozen (report));
  g_assert_cmpstr (cs_report_get_text (report, "signature.signer"), ==, "Dr. Müller");
  g_assert_cmpstr (cs_report_get_text (report, "signature.content_sha256"), ==, hash);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_nonnull (cs_report_get_text (report, "signature.signed_at"));
  g_assert_nonnull (cs_report_get_text (report, "signature.attestation"));
  g_assert_cmpstr (cs_report_get_text (report, "referenced_regions.0.geometry_sha256"), ==, geometry);
  g_assert_cmpuint (cs_report_get_signed_revisions (report)->len, ==, 1);

  /* the cited annotation is locked, as one undo step */
  g_assert_true (cs_annotation_get_locked (focus));
  g_assert_cmpstr (cs_annotation_list_get_undo_label (annotations), ==, "Lock Cited Annotations");
  g_assert_true (cs_annotation_list_undo (annotations));
  {
    g_autoptr(CsAnnotation) unlocked = g_list_model_get_item (G_LIST_MODEL (annotations), 0);

    g_assert_false (cs_annotation_get_locked (unlocked));
    /* the step before it: the annotation's addition */
    g_assert_cmpstr (cs_annotation_list_get_undo_label (annotations), !=, "Lock Cited Annotations");
  }
  g_assert_true (cs_annotation_list_redo (annotations));
  g_clear_object (&focus);
  focus = g_list_model_get_item (G_LIST_MODEL (annotations), 0);
  g_assert_true (cs_annotation_get_locked (focus));

  /* a final opinion refuses edits */
  g_assert_false (cs_report_set_text (report, "diagnosis.0.text", "Adenoma", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (cs_report_set_agreement (report, CS_AGREEMENT_AGREE, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (cs_report_cite (report, other, "A1-HE", "more", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (cs_report_uncite (report, 0, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (cs_report_set_region_caption (report, 0, "x", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (cs_report_finalize (report, "Dr. Müller", annotations, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_cmpstr (cs_report_get_text (report, "diagnosis.0.text"), ==, "Adenocarcinoma, invasive");

  g_assert_true (cs_report_verify (report, annotations, &error));
  g_assert_no_error (error);
}

static void
test_preliminary (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_complete (annotations);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_set_preliminary (report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_PRELIMINARY);
  g_assert_false (cs_report_is_frozen (report));
  set (report, "comment", "Pending IHC");
  g_assert_true (cs_report_finalize (report, "Dr. Müller", annotations, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_FINAL);
  g_assert_false (cs_report_set_preliminary (report, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN);
}

static void
test_hash_stable (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autoptr(CsReport) copy = reload (report);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = cs_report_compute_hash (report, &error);
  g_autofree char *after = cs_report_compute_hash (copy, &error);
  g_autofree char *first = cs_report_to_data (report, NULL);
  g_autofree char *second = cs_report_to_data (copy, NULL);

  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (first, ==, second);
  g_assert_false (cs_report_get_tampered (copy));
  g_assert_cmpint (cs_report_get_status (copy), ==, CS_REPORT_STATUS_FINAL);
  g_assert_true (cs_report_verify (copy, annotations, &error));
  g_assert_no_error (error);
}

static void
test_hash_changes (void)
{
  static const char * const edits[][2] = {
    { "diagnosis.0.text", "Adenocarcinoma, invasive." },
    { "case.patient.pseudonym", "P-7f3b" },
    { "comment", "" },
    { "diagnosis.0.certainty", "definitive" },
  };
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_complete (annotations);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = cs_report_compute_hash (report, &error);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *hash = NULL;

      set (report, edits[i][0], edits[i][1]);
      hash = cs_report_compute_hash (report, &error);
      g_assert_cmpstr (hash, !=, last);
      g_free (last);
      last = g_steal_pointer (&hash);
    }
  g_assert_true (cs_report_set_region_caption (report, 0, "Invasive focus, figure", &error));
  {
    g_autofree char *hash = cs_report_compute_hash (report, &error);

    g_assert_cmpstr (hash, !=, last);
  }
}

static char *
save_to (CsReport   *report,
         const char *dir)
{
  char *path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_save (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
replace_in_file (const char *path,
                 const char *from,
                 const char *to)
{
  g_autofree char *data = NULL;
  g_autoptr(GString) text = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, from));
  text = g_string_new (data);
  g_string_replace (text, from, to, 1);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
}

static void
test_tampered (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autofree char *path = save_to (report, dir);
  g_autoptr(CsReport) edited = NULL;
  g_autoptr(CsReport) layout = NULL;
  g_autoptr(GError) error = NULL;

  /* layout alone (indentation) is not a change of content */
  replace_in_file (path, "\n  \"case\"", "\n\n      \"case\"");
  layout = cs_report_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_false (cs_report_get_tampered (layout));

  replace_in_file (path, "Adenocarcinoma, invasive", "Adenoma");
  edited = cs_report_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (cs_report_get_tampered (edited));
  g_assert_true (cs_report_is_frozen (edited));
  g_assert_false (cs_report_verify (edited, NULL, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_false (cs_report_add_addendum (edited, "Dr. Müller", "IHC", "p63 negative", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED);
  cs_test_remove_tree (dir);
}

/* Loads @path after replacing @from by @to; it must be tampered, and
 * verification must say @why. */
static void
assert_tampered_by (const char *path,
                    const char *from,
                    const char *to,
                    const char *why)
{
  g_autofree char *original = NULL;
  g_autoptr(CsReport) edited = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  replace_in_file (path, from, to);
  edited = cs_report_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (cs_report_get_tampered (edited));
  g_assert_true (cs_report_is_frozen (edited));
  g_assert_false (cs_report_set_text (edited, "comment", "x", NULL));
  g_assert_false (cs_report_verify (edited, NULL, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, why));
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
}

/* The status is inside the hash, but a signed file turned back into a
 * draft must not become an editable, unchecked draft. */
static void
test_tampered_status (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autofree char *path = save_to (report, dir);

  assert_tampered_by (path, "\"status\": \"final\"", "\"status\": \"draft\"", "content hash");
  assert_tampered_by (path, "\"status\": \"final\"", "\"status\": \"preliminary\"",
                      "content hash");
  cs_test_remove_tree (dir);
}

/* signer and signed_at are outside the hash (§8) but must agree with
 * what it covers. */
static void
test_tampered_signature_block (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autofree char *path = save_to (report, dir);
  const char *signed_at = cs_report_get_text (report, "signature.signed_at");
  g_autofree char *at = g_strdup_printf ("\"signed_at\": \"%s\"", signed_at);
  g_autoptr(CsReport) plain = NULL;
  g_autoptr(GError) error = NULL;

  plain = cs_report_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_false (cs_report_get_tampered (plain));
  assert_tampered_by (path, at, "\"signed_at\": \"2020-01-01T00:00:00Z\"", "signing time");
  assert_tampered_by (path, "\"signer\": \"Dr. Müller\"", "\"signer\": \"Dr. Forger\"",
                      "signer");
  cs_test_remove_tree (dir);
}

static void
test_addendum (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autoptr(CsReport) draft = cs_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_hash = g_strdup (cs_report_get_text (report, "signature.content_sha256"));
  GPtrArray *revisions;
  CsReport *first;

  g_assert_false (cs_report_add_addendum (draft, "Dr. Müller", "IHC", "p63 negative", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cs_report_add_addendum (report, "Dr. Müller", "", "p63 negative", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE);
  g_clear_error (&error);

  g_assert_true (cs_report_add_addendum (report, "Dr. Müller", "IHC received",
                                         "p63 negative, supporting invasion.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_report_get_revision (report), ==, 2);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_ADDENDED);
  g_assert_true (cs_report_is_frozen (report));
  g_assert_cmpstr (cs_report_get_text (report, "revisions.0.type"), ==, "addendum");
  g_assert_cmpstr (cs_report_get_text (report, "revisions.0.text"), ==, "p63 negative, supporting invasion.");
  g_assert_cmpstr (cs_report_get_text (report, "revisions.0.reason"), ==, "IHC received");
  g_assert_cmpstr (cs_report_get_text (report, "signature.content_sha256"), !=, signed_hash);
  /* the diagnosis is untouched: an addendum only appends */
  g_assert_cmpstr (cs_report_get_text (report, "diagnosis.0.text"), ==, "Adenocarcinoma, invasive");

  revisions = cs_report_get_signed_revisions (report);
  g_assert_cmpuint (revisions->len, ==, 2);
  first = g_ptr_array_index (revisions, 0);
  g_assert_cmpint (cs_report_get_revision (first), ==, 1);
  g_assert_cmpint (cs_report_get_status (first), ==, CS_REPORT_STATUS_FINAL);
  g_assert_cmpstr (cs_report_get_text (first, "signature.content_sha256"), ==, signed_hash);
  g_assert_null (cs_report_get_text (first, "revisions.0.type"));

  g_assert_true (cs_report_add_addendum (report, "Dr. Müller", "Molecular", "KRAS G12D.", &error));
  g_assert_cmpint (cs_report_get_revision (report), ==, 3);
  g_assert_cmpstr (cs_report_get_text (report, "revisions.1.text"), ==, "KRAS G12D.");
  g_assert_true (cs_report_verify (report, annotations, &error));
  g_assert_no_error (error);
}

static void
test_amendment (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autoptr(CsReport) copy = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *revisions;
  JsonNode *changed;

  g_assert_false (cs_report_amend (report, "Dr. Müller", " ", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_true (cs_report_amend (report, "Dr. Müller", "Deeper levels reviewed", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_report_get_revision (report), ==, 2);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_DRAFT);
  g_assert_false (cs_report_is_frozen (report));
  g_assert_cmpint (json_object_get_int_member (cs_report_get_root (report), "supersedes_revision"), ==, 1);
  g_assert_null (cs_report_get_text (report, "signature.content_sha256"));

  set (report, "diagnosis.0.text", "Adenocarcinoma in situ");
  /* times are to the second: sign in a later one than the amendment began */
  g_usleep (1100 * 1000);
  g_assert_true (cs_report_finalize (report, "Dr. Müller", annotations, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_AMENDED);
  g_assert_true (cs_report_is_frozen (report));
  g_assert_cmpstr (cs_report_get_text (report, "revisions.0.type"), ==, "amendment");
  g_assert_cmpstr (cs_report_get_text (report, "revisions.0.reason"), ==, "Deeper levels reviewed");
  /* dated when signed, not when begun */
  g_assert_cmpstr (cs_report_get_text (report, "revisions.0.at"), ==,
                   cs_report_get_text (report, "signature.signed_at"));
  changed = json_object_get_member (json_node_get_object (json_array_get_element (
              json_object_get_array_member (cs_report_get_root (report), "revisions"), 0)), "changed_fields");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changed)), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (changed), 0), ==, "diagnosis");

  /* the superseded revision stays readable */
  revisions = cs_report_get_signed_revisions (report);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (cs_report_get_text (g_ptr_array_index (revisions, 0), "diagnosis.0.text"), ==,
                   "Adenocarcinoma, invasive");
  g_assert_cmpstr (cs_report_get_text (g_ptr_array_index (revisions, 1), "diagnosis.0.text"), ==,
                   "Adenocarcinoma in situ");
  g_assert_true (cs_report_verify (report, annotations, &error));
  g_assert_no_error (error);

  copy = reload (report);
  g_assert_false (cs_report_get_tampered (copy));
  g_assert_cmpint (cs_report_get_status (copy), ==, CS_REPORT_STATUS_AMENDED);
}

static void
test_withdraw (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_withdraw (report, "Dr. Müller", "Issued on the wrong case", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_WITHDRAWN);
  g_assert_cmpint (cs_report_get_revision (report), ==, 2);
  g_assert_cmpstr (cs_report_get_text (report, "revisions.0.type"), ==, "withdrawal");
  /* the document is kept, and nothing more is added to it */
  g_assert_cmpstr (cs_report_get_text (report, "diagnosis.0.text"), ==, "Adenocarcinoma, invasive");
  g_assert_cmpuint (cs_report_get_signed_revisions (report)->len, ==, 2);
  g_assert_false (cs_report_add_addendum (report, "Dr. Müller", "x", "y", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cs_report_amend (report, "Dr. Müller", "x", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cs_report_verify (report, annotations, &error));
  g_assert_no_error (error);
}

static void
test_cited_geometry (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  CsAnnotation *focus = g_list_model_get_item (G_LIST_MODEL (annotations), 0);
  g_autoptr(CsAnnotation) moved = cs_annotation_copy (focus);
  CsRect rect = { 1000, 100, 50, 41 };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);
  g_autofree char *before = cs_report_geometry_sha256 (focus, NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_object_unref (focus);
  cs_annotation_set_geometry (moved, geometry);
  after = cs_report_geometry_sha256 (moved, NULL);
  g_assert_cmpstr (before, !=, after);
  cs_annotation_list_update (annotations, moved);

  g_assert_false (cs_report_verify (report, annotations, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED);
  assert_names (error, "Figure 1");
  g_clear_error (&error);
  /* the report itself is intact */
  g_assert_true (cs_report_verify (report, NULL, &error));
  g_assert_no_error (error);
}

/* Annotations given without the cited one: the figure is not verified. */
static void
test_cited_geometry_missing (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsAnnotationList) other = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_final (annotations);
  g_autoptr(GError) error = NULL;

  g_assert_false (cs_report_verify (report, other, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  assert_names (error, "Figure 1");
  assert_names (error, "not found in the given annotation files");
}

static void
test_region_not_found (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsAnnotationList) other = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_complete (annotations);
  g_autoptr(GError) error = NULL;

  g_assert_false (cs_report_finalize (report, "Dr. Müller", other, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE);
  assert_names (error, "1");
  g_clear_error (&error);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_DRAFT);

  /* hashed beforehand from its own slide's list, then signed */
  g_assert_true (cs_report_hash_regions (report, annotations, &error));
  g_assert_true (cs_report_finalize (report, "Dr. Müller", NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cs_report_get_text (report, "referenced_regions.0.geometry_sha256"));
}

static void
test_regions (void)
{
  g_autoptr(CsReport) report = cs_report_new ();
  g_autoptr(CsAnnotation) a = make_square (0);
  g_autoptr(CsAnnotation) b = make_square (100);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_cite (report, a, "A1", "first", &error));
  g_assert_true (cs_report_cite (report, b, "A2", "second", &error));
  g_assert_false (cs_report_cite (report, a, "A1", "again", &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (cs_report_get_n_regions (report), ==, 2);
  g_assert_true (cs_report_move_region (report, 1, 0, &error));
  g_assert_cmpstr (cs_report_get_region_annotation (report, 0), ==, cs_annotation_get_id (b));
  g_assert_cmpstr (cs_report_get_region_slide (report, 0), ==, "A2");
  g_assert_cmpstr (cs_report_get_region_caption (report, 1), ==, "first");
  g_assert_true (cs_report_set_region_caption (report, 1, "Cribriform", &error));
  g_assert_cmpstr (cs_report_get_region_caption (report, 1), ==, "Cribriform");
  g_assert_true (cs_report_uncite (report, 0, &error));
  g_assert_cmpuint (cs_report_get_n_regions (report), ==, 1);
  g_assert_cmpstr (cs_report_get_region_annotation (report, 0), ==, cs_annotation_get_id (a));
  g_assert_false (cs_report_uncite (report, 3, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
}

static void
test_unknown_members (void)
{
  const char *data = "{\"schema\": \"io.github.consilium.report/1.0\", \"report_id\": \"urn:uuid:x\",\n"
                     " \"revision\": 1, \"status\": \"draft\", \"x_lab\": {\"n\": [1, 2.5, null, \"\"]},\n"
                     " \"case\": {\"consult_accession\": \"C-1\", \"x_flag\": true}, \"distribution\": []}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsReport) report = cs_report_new_from_data (data, -1, &error);
  g_autoptr(CsReport) copy = NULL;
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  set (report, "case.referring_accession", "S-2");
  copy = reload (report);
  saved = cs_report_to_data (copy, NULL);
  g_assert_nonnull (strstr (saved, "\"x_lab\": {\n    \"n\": [\n      1,\n      2.5,\n      null,\n      \"\"\n    ]\n  }"));
  g_assert_nonnull (strstr (saved, "\"x_flag\": true"));
  g_assert_nonnull (strstr (saved, "\"distribution\": []"));
  g_assert_cmpstr (cs_report_get_text (copy, "case.consult_accession"), ==, "C-1");
  g_assert_cmpstr (cs_report_get_text (copy, "case.referring_accession"), ==, "S-2");
}

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (cs_report_new_from_data ("[1]", -1, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cs_report_new_from_data ("{\"schema\": \"io.github.consilium.report/1.0\", \"status\": \"final\"}",
                                          -1, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID);
  assert_names (error, "report_id");
  assert_names (error, "revision");
  g_clear_error (&error);
  g_assert_null (cs_report_new_from_data ("{\"schema\": \"other/2\"}", -1, &error));
  assert_names (error, "other/2");
  g_clear_error (&error);
  g_assert_null (cs_report_new_from_data ("{\"status\": \"draft\",\n\"status\": \"final\"}", -1, &error));
  assert_names (error, "Line 2");
  g_clear_error (&error);
  g_assert_null (cs_report_new_from_file ("/nonexistent/report.json", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* The impact flags are booleans in "agreement", stored only when they
 * change, saved and reloaded, and frozen with the rest once signed. */
static void
test_agreement_flags (void)
{
  g_autoptr(CsAnnotationList) annotations = cs_annotation_list_new ();
  g_autoptr(CsReport) report = make_complete (annotations);
  g_autoptr(CsReport) back = NULL;
  g_autoptr(CsReport) final = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cs_report_get_agreement_flag (report, "treatment_impact"));
  g_assert_true (cs_report_set_agreement_flag (report, "treatment_impact", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (cs_report_get_agreement_flag (report, "treatment_impact"));
  g_assert_false (cs_report_get_agreement_flag (report, "prognosis_impact"));
  back = reload (report);
  g_assert_true (cs_report_get_agreement_flag (back, "treatment_impact"));
  g_assert_true (json_object_get_boolean_member (
    json_object_get_object_member (cs_report_get_root (back), "agreement"), "treatment_impact"));

  final = make_final (annotations);
  g_assert_false (cs_report_set_agreement_flag (final, "diagnosis_changed", TRUE, &error));
  g_assert_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN);
  g_assert_false (cs_report_get_agreement_flag (final, "diagnosis_changed"));
}

static void
on_changed (CsReport *report,
            guint    *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  g_autoptr(CsReport) report = cs_report_new ();
  guint count = 0;

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &count);
  set (report, "comment", "a");
  set (report, "comment", "a");
  g_assert_cmpuint (count, ==, 1);
  set (report, "comment", NULL);
  g_assert_cmpuint (count, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/new", test_new);
  g_test_add_func ("/report/agreement-flags", test_agreement_flags);
  g_test_add_func ("/report/validate", test_validate);
  g_test_add_func ("/report/final-frozen", test_final_frozen);
  g_test_add_func ("/report/preliminary", test_preliminary);
  g_test_add_func ("/report/hash-stable", test_hash_stable);
  g_test_add_func ("/report/hash-changes", test_hash_changes);
  g_test_add_func ("/report/tampered", test_tampered);
  g_test_add_func ("/report/tampered-status", test_tampered_status);
  g_test_add_func ("/report/tampered-signature-block", test_tampered_signature_block);
  g_test_add_func ("/report/addendum", test_addendum);
  g_test_add_func ("/report/amendment", test_amendment);
  g_test_add_func ("/report/withdraw", test_withdraw);
  g_test_add_func ("/report/cited-geometry", test_cited_geometry);
  g_test_add_func ("/report/cited-geometry-missing", test_cited_geometry_missing);
  g_test_add_func ("/report/region-not-found", test_region_not_found);
  g_test_add_func ("/report/regions", test_regions);
  g_test_add_func ("/report/unknown-members", test_unknown_members);
  g_test_add_func ("/report/load-errors", test_load_errors);
  g_test_add_func ("/report/changed-signal", test_changed_signal);

  return g_test_run ();
}
