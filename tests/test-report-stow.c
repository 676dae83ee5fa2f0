/* test-report-stow.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "cs-report-dicom.h"
#include "cs-test-orthanc.h"
#include "cs-test-report.h"
#include "cs-test-utils.h"
#include "cs-utils.h"

/* Filing a signed opinion into a real Orthanc (tests/cs-test-orthanc.h)
 * holding CMU-1-Small-Region.svs: STOW-RS, then QIDO-RS lists a DOC
 * series in the slide's study and WADO-RS gives back the instance, whose
 * PDF is the one sent and whose title carries the content hash. A draft is
 * refused before anything is sent; a wrong password is an auth error. */

#define CMU_SLIDE "CMU-1-Small-Region.svs"
#define PATIENT   "PSEUDO-STOW"
#define DATASET   "{\"PatientID\": \"" PATIENT "\", \"PatientName\": \"PSEUDO^STOW\", " \
                  "\"AccessionNumber\": \"ACC-STOW\"}"

typedef struct
{
  CsTestOrthanc    *orthanc;
  CsDicomwebClient *client;
  char             *study_uid;
  char             *series_uid;
} Fixture;

static CsDicomwebClient *
new_client (CsTestOrthanc *orthanc,
            const char    *password)
{
  CsDicomwebCredentials credentials = { CS_DICOMWEB_AUTH_BASIC,
                                        (char *) CS_TEST_ORTHANC_USER, (char *) password };
  g_autoptr(GError) error = NULL;
  CsDicomwebClient *client = cs_dicomweb_client_new (cs_test_orthanc_get_dicomweb_url (orthanc),
                                                     &error);

  g_assert_no_error (error);
  cs_dicomweb_client_set_credentials (client, &credentials);
  return client;
}

/* The server with the slide, its study and SM series; FALSE when skipped. */
static gboolean
setup (Fixture *f)
{
  g_autofree char *slide = cs_test_shared_slide (CMU_SLIDE);
  CsDicomwebQuery query = { .patient_id = PATIENT };
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  CsDicomwebStudy *study;

  memset (f, 0, sizeof *f);
  if (slide == NULL)
    {
      g_test_skip ("../shared/slides/" CMU_SLIDE " is absent: this test needs the "
                   "project's shared test slides");
      return FALSE;
    }
  f->orthanc = cs_test_orthanc_get_or_skip ();
  if (f->orthanc == NULL)
    return FALSE;
  cs_test_orthanc_load_slide (f->orthanc, slide, DATASET, &error);
  g_assert_no_error (error);
  f->client = new_client (f->orthanc, CS_TEST_ORTHANC_PASSWORD);
  studies = cs_dicomweb_client_search_studies (f->client, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, ==, 1);
  study = studies->pdata[0];
  f->study_uid = g_strdup (study->study_uid);
  series = cs_dicomweb_client_search_series (f->client, f->study_uid, "SM", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 1);
  f->series_uid = g_strdup (((CsDicomwebSeries *) series->pdata[0])->series_uid);
  return TRUE;
}

static void
teardown (Fixture *f)
{
  g_clear_object (&f->client);
  g_free (f->study_uid);
  g_free (f->series_uid);
}

static guint
count_doc_instances (Fixture *f)
{
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  series = cs_dicomweb_client_search_series (f->client, f->study_uid, "DOC", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < series->len; i++)
    n += ((CsDicomwebSeries *) series->pdata[i])->n_instances;
  return n;
}

/* WADO-RS of one instance: the DICOM file from its multipart answer. */
static GBytes *
retrieve_instance (Fixture    *f,
                   const char *series_uid,
                   const char *instance_uid)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;
  GBytes *part = NULL;

  uri = g_strdup_printf ("%s/studies/%s/series/%s/instances/%s",
                         cs_test_orthanc_get_dicomweb_url (f->orthanc), f->study_uid,
                         series_uid, instance_uid);
  message = soup_message_new ("GET", uri);
  encoded = g_base64_encode ((const guchar *) CS_TEST_ORTHANC_USER ":" CS_TEST_ORTHANC_PASSWORD,
                             strlen (CS_TEST_ORTHANC_USER ":" CS_TEST_ORTHANC_PASSWORD));
  authorization = g_strconcat ("Basic ", encoded, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "multipart/related; type=\"application/dicom\"");
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  multipart = soup_multipart_new_from_message (soup_message_get_response_headers (message), body);
  g_assert_nonnull (multipart);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, 1);
  g_assert_true (soup_multipart_get_part (multipart, 0, &headers, &part));
  return g_bytes_ref (part);
}

static void
test_send_final (void)
{
  Fixture f;
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00777", "ACC-STOW", TRUE);
  g_autoptr(CsReportLayout) layout = cs_report_layout_new (report);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *instance_uid = NULL;
  g_autofree char *dir = NULL, *path = NULL, *out_pdf = NULL;
  g_autofree char *dump = NULL, *title = NULL, *extracted = NULL;
  gsize extracted_len = 0;
  guint before;

  if (!setup (&f))
    return;
  pdf = cs_report_dicom_render_pdf (layout, &error);
  g_assert_no_error (error);
  g_assert_true (cs_test_bytes_contains (pdf, "%PDF-"));
  before = count_doc_instances (&f);
  g_assert_true (cs_report_dicom_send (report, pdf, f.client, f.study_uid, f.series_uid,
                                       &instance_uid, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_doc_instances (&f), ==, before + 1);

  docs = cs_dicomweb_client_search_series (f.client, f.study_uid, "DOC", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpstr (((CsDicomwebSeries *) docs->pdata[0])->modality, ==, "DOC");
  stored = retrieve_instance (&f, ((CsDicomwebSeries *) docs->pdata[0])->series_uid,
                              instance_uid);

  dir = cs_test_make_tmpdir ();
  path = g_build_filename (dir, "stored.dcm", NULL);
  out_pdf = g_build_filename (dir, "stored.pdf", NULL);
  g_assert_true (cs_write_bytes_atomically (path, FALSE, stored, &error));
  dump = cs_test_run_tool ("dcmdump", "+L", path, NULL);
  title = cs_report_dicom_title (report);
  g_assert_nonnull (strstr (dump, title));
  g_assert_nonnull (strstr (dump, "(0010,0020) LO [" PATIENT "]"));
  g_assert_nonnull (strstr (dump, "(0008,0050) SH [ACC-STOW]"));
  g_free (cs_test_run_tool ("dcm2pdf", path, out_pdf, NULL));
  g_assert_true (g_file_get_contents (out_pdf, &extracted, &extracted_len, NULL));
  g_assert_cmpmem (extracted, extracted_len, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  cs_test_remove_tree (dir);
  teardown (&f);
}

static void
test_send_draft_refused (void)
{
  Fixture f;
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00777", "ACC-STOW", FALSE);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GError) error = NULL;
  guint before;

  if (!setup (&f))
    return;
  before = count_doc_instances (&f);
  g_assert_false (cs_report_dicom_send (report, pdf, f.client, f.study_uid, f.series_uid,
                                        NULL, NULL, &error));
  g_assert_error (error, CS_REPORT_DICOM_ERROR, CS_REPORT_DICOM_ERROR_NOT_FINAL);
  g_assert_cmpuint (count_doc_instances (&f), ==, before);
  teardown (&f);
}

static void
test_send_wrong_password (void)
{
  Fixture f;
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00777", "ACC-STOW", TRUE);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(CsDicomwebClient) intruder = NULL;
  g_autoptr(GError) error = NULL;

  if (!setup (&f))
    return;
  intruder = new_client (f.orthanc, "not-the-password");
  g_assert_false (cs_report_dicom_send (report, pdf, intruder, f.study_uid, f.series_uid,
                                        NULL, NULL, &error));
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_AUTH);
  teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/report-stow/send-final", test_send_final);
  g_test_add_func ("/cs/report-stow/send-draft-refused", test_send_draft_refused);
  g_test_add_func ("/cs/report-stow/send-wrong-password", test_send_wrong_password);

  return g_test_run ();
}
