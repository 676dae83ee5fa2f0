/* test-report-stow.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-report-dicom.h"
#include "cs-test-cli.h"
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
#define SQUARE    "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", " \
                  "\"id\": \"6423a977-ffff-48db-affc-cd11632010f0\", \"geometry\": " \
                  "{\"type\": \"Polygon\", \"coordinates\": [[[1000, 1000], [1400, 1000], " \
                  "[1400, 1400], [1000, 1400], [1000, 1000]]]}, \"properties\": " \
                  "{\"objectType\": \"annotation\"}}]}"
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
  g_autofree char *slide = cs_test_sample_slide ();
  CsDicomwebQuery query = { .patient_id = PATIENT };
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  CsDicomwebStudy *study;

  memset (f, 0, sizeof *f);
  if (slide == NULL)
    {
      g_test_skip ("data/samples/" CMU_SLIDE " is absent: this test needs the "
                   "project's sample slide");
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
  g_autofree char *series_uid = NULL;
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
  /* The same signed revision again: the same instance, not a second one. */
  g_assert_true (cs_report_dicom_send (report, pdf, f.client, f.study_uid, f.series_uid,
                                       NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_doc_instances (&f), ==, before + 1);

  series_uid = cs_report_dicom_series_uid (report, f.study_uid);
  docs = cs_dicomweb_client_search_series (f.client, f.study_uid, "DOC", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpstr (((CsDicomwebSeries *) docs->pdata[0])->modality, ==, "DOC");
  /* the series is the one derived for the report, in the study */
  g_assert_cmpstr (((CsDicomwebSeries *) docs->pdata[0])->series_uid, ==, series_uid);
  stored = cs_test_report_retrieve (f.orthanc, f.study_uid, series_uid, instance_uid);

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

/* consilium-cli report send: a signed report filed (one more DOC
 * instance), a draft refused (exit 1, nothing sent), a wrong password an
 * access error naming the server, no dicomweb: slide a usage error. */
static void
test_cli_send (void)
{
  Fixture f;
  CsTestCli cli = { NULL };
  g_autoptr(CsReport) report = cs_test_report_new ("CONS-26-00778", "ACC-STOW", TRUE);
  g_autoptr(CsReport) draft = cs_test_report_new ("CONS-26-00779", "ACC-STOW", FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_path = NULL, *draft_path = NULL;
  g_autofree char *password = NULL, *wrong = NULL, *url = NULL;
  guint before;

  if (!setup (&f))
    return;
  cs_test_cli_setup (&cli, NULL);
  signed_path = cs_test_cli_path (&cli, "report.json");
  draft_path = cs_test_cli_path (&cli, "draft.json");
  password = cs_test_cli_path (&cli, "password");
  wrong = cs_test_cli_path (&cli, "wrong");
  g_assert_true (cs_report_save (report, signed_path, &error));
  g_assert_true (cs_report_save (draft, draft_path, &error));
  g_assert_true (g_file_set_contents (password, CS_TEST_ORTHANC_PASSWORD "\n", -1, &error));
  g_assert_true (g_file_set_contents (wrong, "guess\n", -1, &error));
  g_assert_no_error (error);
  url = cs_dicomweb_make_slide_url (cs_test_orthanc_get_dicomweb_url (f.orthanc), f.study_uid,
                                    f.series_uid);
  before = count_doc_instances (&f);

  g_assert_cmpint (cs_test_cli_run (&cli, "report", "send", signed_path, "--slide", url, "--user",
                                    CS_TEST_ORTHANC_USER, "--password-file", password, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (cli.out, cs_report_get_id (report)));
  g_assert_nonnull (strstr (cli.out, f.study_uid));
  g_assert_cmpuint (count_doc_instances (&f), ==, before + 1);

  g_assert_cmpint (cs_test_cli_run (&cli, "report", "send", draft_path, "--slide", url, "--user",
                                    CS_TEST_ORTHANC_USER, "--password-file", password, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (cli.err, "only a final, signed opinion"));
  g_assert_cmpint (cs_test_cli_run (&cli, "report", "send", signed_path, "--slide", url, "--user",
                                    CS_TEST_ORTHANC_USER, "--password-file", wrong, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (cli.err, "refused access"));
  g_assert_cmpuint (count_doc_instances (&f), ==, before + 1);
  g_assert_cmpint (cs_test_cli_run (&cli, "report", "send", signed_path, NULL), ==, 2);
  g_assert_nonnull (strstr (cli.err, "dicomweb:"));
  cs_test_cli_teardown (&cli, NULL);
  teardown (&f);
}

/* A report citing a region on the remote slide: report send renders its
 * figure from the archive's frames (no "not shown" warning) and the PDF
 * stored holds the figure's image. */
static void
test_cli_send_figure (void)
{
  Fixture f;
  CsTestCli cli = { NULL };
  g_autoptr(CsReport) report = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *geojson = NULL, *report_path = NULL, *password = NULL, *url = NULL;
  g_autofree char *series = NULL, *dcm = NULL, *pdf = NULL, *images = NULL;
  g_autofree char *instance_uid = NULL;
  g_auto(GStrv) lines = NULL;
  const char *instance;
  guint n_images = 0;

  if (!setup (&f))
    return;
  cs_test_cli_setup (&cli, NULL);
  geojson = cs_test_cli_path (&cli, "focus.geojson");
  report_path = cs_test_cli_path (&cli, "report.json");
  password = cs_test_cli_path (&cli, "password");
  g_assert_true (g_file_set_contents (geojson, SQUARE, -1, &error));
  g_assert_true (g_file_set_contents (password, CS_TEST_ORTHANC_PASSWORD, -1, &error));
  report = cs_test_report_new_citing ("CONS-26-00780", geojson, "A1-HE");
  g_assert_true (cs_report_save (report, report_path, &error));
  g_assert_no_error (error);
  url = cs_dicomweb_make_slide_url (cs_test_orthanc_get_dicomweb_url (f.orthanc), f.study_uid,
                                    f.series_uid);

  g_assert_cmpint (cs_test_cli_run (&cli, "report", "send", report_path, "--slide", url,
                                    "--annotations", geojson, "--user", CS_TEST_ORTHANC_USER,
                                    "--password-file", password, NULL), ==, 0);
  g_assert_null (strstr (cli.err, "not shown"));
  instance = strstr (cli.out, "Instance: ");
  g_assert_nonnull (instance);
  series = cs_report_dicom_series_uid (report, f.study_uid);
  instance_uid = g_strstrip (g_strdup (instance + strlen ("Instance: ")));
  stored = cs_test_report_retrieve (f.orthanc, f.study_uid, series, instance_uid);
  dcm = cs_test_cli_path (&cli, "stored.dcm");
  pdf = cs_test_cli_path (&cli, "stored.pdf");
  g_assert_true (cs_write_bytes_atomically (dcm, FALSE, stored, &error));
  g_free (cs_test_run_tool ("dcm2pdf", dcm, pdf, NULL));
  images = cs_test_run_tool ("pdfimages", "-list", pdf, NULL);
  g_test_message ("%s", images);
  lines = g_strsplit (images, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], " image ") != NULL)
      n_images++;
  /* the figure, and the overview with its marker */
  g_assert_cmpuint (n_images, >=, 2);
  cs_test_cli_teardown (&cli, NULL);
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
  g_test_add_func ("/cs/report-stow/cli-send", test_cli_send);
  g_test_add_func ("/cs/report-stow/cli-send-figure", test_cli_send_figure);

  return g_test_run ();
}
