/* test-report-dicom.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-report-dicom.h"
#include "cs-test-report.h"
#include "cs-test-utils.h"
#include "cs-utils.h"

/* A signed opinion as the Encapsulated PDF filed into a slide's study:
 * patient and study copied from the slide's series metadata (DICOM JSON,
 * as WADO-RS gives it), checked with dciodvfy and dcmdump; drafts,
 * tampered opinions and a foreign study refused. The server round trip is
 * in test-report-stow.c. */

#define STUDY "1.2.826.0.1.3680043.10.1234.500"
#define METADATA                                                                  \
  "[{\"00080016\": {\"vr\": \"UI\", \"Value\": [\"1.2.840.10008.5.1.4.1.1.77.1.6\"]}," \
  "  \"00080018\": {\"vr\": \"UI\", \"Value\": [\"1.2.826.0.1.3680043.10.1234.501\"]}," \
  "  \"00080020\": {\"vr\": \"DA\", \"Value\": [\"20260801\"]},"                      \
  "  \"00080050\": {\"vr\": \"SH\", \"Value\": [\"S26-4567\"]},"                      \
  "  \"00080090\": {\"vr\": \"PN\"},"                                                 \
  "  \"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"PSEUDO^7F3A\"}]},"  \
  "  \"00100020\": {\"vr\": \"LO\", \"Value\": [\"P-7f3a\"]},"                        \
  "  \"0020000D\": {\"vr\": \"UI\", \"Value\": [\"" STUDY "\"]},"                     \
  "  \"00200010\": {\"vr\": \"SH\", \"Value\": [\"1\"]}},"                            \
  " {\"00080016\": {\"vr\": \"UI\", \"Value\": [\"1.2.840.10008.5.1.4.1.1.77.1.6\"]}," \
  "  \"00080018\": {\"vr\": \"UI\", \"Value\": [\"1.2.826.0.1.3680043.10.1234.502\"]}}]"

static JsonNode *
metadata (void)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (METADATA, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_build (void)
{
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00123", "S26-4567", TRUE);
  g_autoptr(JsonNode) node = metadata ();
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n%%EOF\n", 15);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *uid_again = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *check = NULL;
  g_autofree char *title = NULL;
  g_autofree char *dcmdump = g_find_program_in_path ("dcmdump");
  g_autofree char *dciodvfy = g_find_program_in_path ("dciodvfy");

  if (dcmdump == NULL || dciodvfy == NULL)
    {
      g_test_skip ("dcmdump or dciodvfy is not installed (Debian: dcmtk, dicom3tools)");
      return;
    }
  file = cs_report_dicom_build (report, pdf, node, STUDY, &uid, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uid, "2.25."));
  /* The same signed revision into the same study: the same instance. */
  again = cs_report_dicom_build (report, pdf, node, STUDY, &uid_again, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uid, ==, uid_again);
  g_assert_true (g_bytes_equal (file, again));

  dir = cs_test_make_tmpdir ();
  path = g_build_filename (dir, "opinion.dcm", NULL);
  g_assert_true (cs_write_bytes_atomically (path, FALSE, file, &error));
  check = cs_test_run_tool ("dciodvfy", "-new", path, NULL);
  g_test_message ("%s", check);
  g_assert_null (strstr (check, "Error"));

  dump = cs_test_run_tool ("dcmdump", "+L", path, NULL);
  title = cs_report_dicom_title (report);
  g_assert_true (g_str_has_prefix (title, "Second opinion CONS-26-00123 sha256:"));
  g_assert_nonnull (strstr (title, cs_report_get_text (report, "signature.content_sha256")));
  g_assert_nonnull (strstr (dump, title));
  g_assert_nonnull (strstr (dump, "(0010,0010) PN [PSEUDO^7F3A]"));
  g_assert_nonnull (strstr (dump, "(0010,0020) LO [P-7f3a]"));
  g_assert_nonnull (strstr (dump, "(0008,0050) SH [S26-4567]"));
  g_assert_nonnull (strstr (dump, "(0020,000d) UI [" STUDY "]"));
  g_assert_nonnull (strstr (dump, "(0008,1155) UI [1.2.826.0.1.3680043.10.1234.502]"));
  g_assert_nonnull (strstr (dump, "(0040,a075) PN [Dr. Müller]"));
  g_assert_nonnull (strstr (dump, "(0040,a027) LO [Universitätsklinikum]"));
  g_assert_nonnull (strstr (dump, "(0008,0104) LO [Pathology Consult note]"));
  g_assert_nonnull (strstr (dump, "(0020,0013) IS [1]"));
  g_assert_nonnull (strstr (dump, cs_report_get_id (report)));
  cs_test_remove_tree (dir);
}

static void
test_refuses_draft (void)
{
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00123", "S26-4567", FALSE);
  g_autoptr(JsonNode) node = metadata ();
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = cs_report_dicom_build (report, pdf, node, STUDY, NULL, &error);

  g_assert_null (file);
  g_assert_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_NOT_FINAL);
  g_assert_nonnull (strstr (error->message, "only a final, signed opinion"));
}

static void
test_refuses_tampered (void)
{
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00123", "S26-4567", TRUE);
  g_autoptr(CsReport) tampered = NULL;
  g_autoptr(JsonNode) node = metadata ();
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autofree char *data = cs_report_to_data (report, NULL);
  g_autofree char *edited = NULL;
  char *at = strstr (data, "Adenocarcinoma");

  g_assert_nonnull (at);
  at[0] = 'X';
  edited = g_strdup (data);
  tampered = cs_report_new_from_data (edited, -1, &error);
  g_assert_no_error (error);
  g_assert_true (cs_report_get_tampered (tampered));
  file = cs_report_dicom_build (tampered, pdf, node, STUDY, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_TAMPERED);
}

static void
test_refuses_other_study (void)
{
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00123", "S26-4567", TRUE);
  g_autoptr(JsonNode) node = metadata ();
  g_autoptr(JsonNode) empty = json_from_string ("[]", NULL);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;

  file = cs_report_dicom_build (report, pdf, node, "1.2.3", NULL, &error);
  g_assert_null (file);
  g_assert_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_STUDY);
  g_assert_nonnull (strstr (error->message, STUDY));
  g_clear_error (&error);

  file = cs_report_dicom_build (report, pdf, empty, STUDY, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_STUDY);
}

/* An amendment, signed again, is a new instance (number 2) in the same
 * series as the first revision. */
static void
test_amendment (void)
{
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00123", "S26-4567", TRUE);
  g_autoptr(JsonNode) node = metadata ();
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid1 = NULL;
  g_autofree char *uid2 = NULL;
  g_autofree char *series1 = cs_report_dicom_series_uid (report, STUDY);
  g_autofree char *series2 = NULL;

  first = cs_report_dicom_build (report, pdf, node, STUDY, &uid1, &error);
  g_assert_no_error (error);
  g_assert_true (cs_report_amend (report, "Dr. Müller", "Grade corrected", &error));
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text", "Adenocarcinoma, grade 2",
                                     &error));
  /* a draft amendment is not filed */
  g_assert_null (cs_report_dicom_build (report, pdf, node, STUDY, NULL, &error));
  g_assert_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_NOT_FINAL);
  g_clear_error (&error);
  g_assert_true (cs_report_finalize (report, "Dr. Müller", NULL, &error));
  g_assert_no_error (error);
  second = cs_report_dicom_build (report, pdf, node, STUDY, &uid2, &error);
  g_assert_no_error (error);
  series2 = cs_report_dicom_series_uid (report, STUDY);
  g_assert_cmpstr (uid1, !=, uid2);
  g_assert_cmpstr (series1, ==, series2);
  g_assert_true (cs_test_bytes_contains (second, series1));
  g_assert_true (cs_test_bytes_contains (first, series1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/report-dicom/build", test_build);
  g_test_add_func ("/cs/report-dicom/refuses-draft", test_refuses_draft);
  g_test_add_func ("/cs/report-dicom/refuses-tampered", test_refuses_tampered);
  g_test_add_func ("/cs/report-dicom/refuses-other-study", test_refuses_other_study);
  g_test_add_func ("/cs/report-dicom/amendment", test_amendment);

  return g_test_run ();
}
