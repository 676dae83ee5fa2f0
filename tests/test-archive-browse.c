/* test-archive-browse.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-archive-browse"

#include "config.h"

#include <string.h>

#include "cs-archive-browse-dialog.h"
#include "cs-archive-servers.h"
#include "cs-archive-thumbnail.h"
#include "cs-secret-store.h"
#include "cs-settings.h"
#include "cs-test-orthanc.h"
#include "cs-report-dicom.h"
#include "cs-report-pane-private.h"
#include "cs-test-annotation-ui.h"
#include "cs-test-window.h"

/* "Open from Archive…" against a real Orthanc (tests/cs-test-orthanc.h),
 * holding CMU-1-Small-Region.svs twice, as two studies of two
 * pseudonymised patients. The server's password is in the in-memory
 * secret store (no keyring under Xvfb); the credentials reach the client
 * as in the application (cs_archive_servers_install ()). */

#define CMU_SLIDE   "CMU-1-Small-Region.svs"
#define SERVER_NAME "Referring Hospital PACS"
#define DATASET_1   "{\"PatientID\": \"PSEUDO-0001\", \"AccessionNumber\": \"ACC-1\", " \
                    "\"StudyDescription\": \"Second opinion: skin excision\"}"
#define DATASET_2   "{\"PatientID\": \"PSEUDO-0002\", \"AccessionNumber\": \"ACC-2\", " \
                    "\"StudyDescription\": \"Second opinion: lymph node\"}"

static CsTestOrthanc *
orthanc_with_slides (void)
{
  g_autofree char *slide = cs_test_shared_slide (CMU_SLIDE);
  g_autoptr(GError) error = NULL;
  CsTestOrthanc *orthanc;

  if (!cs_test_ui_have_display)
    {
      g_test_skip ("no display");
      return NULL;
    }
  if (slide == NULL)
    {
      g_test_skip ("../shared/slides/" CMU_SLIDE " is absent: this test needs the "
                   "project's shared test slides");
      return NULL;
    }
  orthanc = cs_test_orthanc_get_or_skip ();
  if (orthanc == NULL)
    return NULL;
  cs_test_orthanc_load_slide (orthanc, slide, DATASET_1, &error);
  g_assert_no_error (error);
  cs_test_orthanc_load_slide (orthanc, slide, DATASET_2, &error);
  g_assert_no_error (error);

  return orthanc;
}

/* One server, the Orthanc at @url (basic authentication), with @password
 * in the secret store. */
static GSettings *
use_server (const char *url,
            const char *password)
{
  GSettings *settings = cs_settings_get_default ();
  g_autoptr(GPtrArray) servers = cs_archive_servers_new ();

  g_ptr_array_add (servers, cs_archive_server_new (SERVER_NAME, url, CS_DICOMWEB_AUTH_BASIC,
                                                   CS_TEST_ORTHANC_USER));
  g_assert_true (cs_secret_store_save (url, SERVER_NAME, password, NULL));
  cs_archive_servers_save (settings, servers);

  return settings;
}

static gboolean
is_idle (gpointer data)
{
  return !cs_archive_browse_dialog_get_busy (data);
}

static gboolean
thumbnails_done (gpointer data)
{
  return !cs_archive_browse_dialog_get_busy (data) &&
         cs_archive_browse_dialog_get_n_loading_thumbnails (data) == 0;
}

static void
set_filter (CsArchiveBrowseDialog *dialog,
            const char            *name,
            const char            *text)
{
  GtkEditable *entry = cs_test_window_child (dialog, CS_TYPE_ARCHIVE_BROWSE_DIALOG, name);

  gtk_editable_set_text (entry, text);
}

static CsArchiveBrowseDialog *
search (GSettings  *settings,
        const char *patient_id)
{
  CsArchiveBrowseDialog *dialog = cs_archive_browse_dialog_new (NULL, settings);

  gtk_window_present (GTK_WINDOW (dialog));
  set_filter (dialog, "patient_entry", patient_id);
  cs_archive_browse_dialog_search (dialog);
  g_assert_true (cs_archive_browse_dialog_get_busy (dialog));
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));

  return dialog;
}

static void
on_open_url_cb (CsArchiveBrowseDialog *dialog,
                const char            *url,
                char                 **opened)
{
  *opened = g_strdup (url);
}

/* The study found by its pseudonym, its SM series listed with a
 * thumbnail drawn from its frames, and opened as a dicomweb: URL. */
static void
test_lists_study_and_series (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slides ();
  CsArchiveBrowseDialog *dialog;
  GSettings *settings;
  g_autofree char *opened = NULL;
  g_autofree char *prefix = NULL;

  if (orthanc == NULL)
    return;
  settings = use_server (cs_test_orthanc_get_dicomweb_url (orthanc), CS_TEST_ORTHANC_PASSWORD);
  dialog = search (settings, "PSEUDO-0001");
  g_assert_null (cs_archive_browse_dialog_get_error (dialog));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_studies (dialog), ==, 1);
  g_assert_false (cs_archive_browse_dialog_get_has_more (dialog));

  cs_archive_browse_dialog_select_study (dialog, 0);
  g_assert_true (cs_test_wait_until (thumbnails_done, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_null (cs_archive_browse_dialog_get_error (dialog));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_series (dialog), ==, 1);
  g_assert_true (cs_archive_browse_dialog_get_series_has_thumbnail (dialog, 0));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "archive-browse.png");

  g_signal_connect (dialog, "open-url", G_CALLBACK (on_open_url_cb), &opened);
  prefix = g_strconcat ("dicomweb:", cs_test_orthanc_get_dicomweb_url (orthanc), "/studies/",
                        cs_archive_browse_dialog_get_study_uid (dialog, 0), "/series/", NULL);
  cs_archive_browse_dialog_open_series (dialog, 0);
  g_assert_nonnull (opened);
  g_assert_true (g_str_has_prefix (opened, prefix));
}

/* A page of one study, then "More Results" brings the second (the
 * server holds exactly two). */
static void
test_paging (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slides ();
  CsArchiveBrowseDialog *dialog;
  GSettings *settings;
  g_autofree char *first = NULL;

  if (orthanc == NULL)
    return;
  settings = use_server (cs_test_orthanc_get_dicomweb_url (orthanc), CS_TEST_ORTHANC_PASSWORD);
  dialog = cs_archive_browse_dialog_new (NULL, settings);
  cs_archive_browse_dialog_set_page_size (dialog, 1);
  gtk_window_present (GTK_WINDOW (dialog));
  set_filter (dialog, "patient_entry", "");
  cs_archive_browse_dialog_search (dialog);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_null (cs_archive_browse_dialog_get_error (dialog));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_studies (dialog), ==, 1);
  g_assert_true (cs_archive_browse_dialog_get_has_more (dialog));
  first = g_strdup (cs_archive_browse_dialog_get_study_uid (dialog, 0));

  cs_archive_browse_dialog_more (dialog);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_null (cs_archive_browse_dialog_get_error (dialog));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_studies (dialog), ==, 2);
  g_assert_false (cs_archive_browse_dialog_get_has_more (dialog));
  g_assert_cmpstr (cs_archive_browse_dialog_get_study_uid (dialog, 0), ==, first);
  g_assert_cmpstr (cs_archive_browse_dialog_get_study_uid (dialog, 1), !=, first);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A wrong password names the server and says what is wrong. */
static void
test_wrong_password (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slides ();
  CsArchiveBrowseDialog *dialog;
  GSettings *settings;
  const char *error;

  if (orthanc == NULL)
    return;
  settings = use_server (cs_test_orthanc_get_dicomweb_url (orthanc), "not the password");
  dialog = search (settings, "PSEUDO-0001");
  error = cs_archive_browse_dialog_get_error (dialog);
  g_test_message ("shown: %s", error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, SERVER_NAME));
  g_assert_nonnull (strstr (error, "wrong user name or password"));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_studies (dialog), ==, 0);
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "archive-browse-error.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Stop ends a search without an error; closing the dialog while a search
 * and its thumbnails run cancels them, and their late answers touch
 * nothing. */
static void
test_stop_and_close (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slides ();
  CsArchiveBrowseDialog *dialog;
  GSettings *settings;

  if (orthanc == NULL)
    return;
  settings = use_server (cs_test_orthanc_get_dicomweb_url (orthanc), CS_TEST_ORTHANC_PASSWORD);
  dialog = g_object_ref (cs_archive_browse_dialog_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (dialog));
  cs_archive_browse_dialog_search (dialog);
  g_assert_true (cs_archive_browse_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "browse.stop", NULL));
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_null (cs_archive_browse_dialog_get_error (dialog));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_studies (dialog), ==, 0);

  /* Again to the series and their thumbnails, then closed meanwhile. */
  cs_archive_browse_dialog_search (dialog);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  cs_archive_browse_dialog_select_study (dialog, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (cs_test_wait_until (thumbnails_done, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_object_unref (dialog);
}

/* A server nobody answers at: an error naming it, not a hang. */
static void
test_unreachable (void)
{
  CsArchiveBrowseDialog *dialog;
  GSettings *settings;
  g_autofree char *url = NULL;
  const char *error;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();
  url = g_strdup_printf ("http://127.0.0.1:%u/dicom-web", cs_test_orthanc_unused_port ());
  settings = use_server (url, CS_TEST_ORTHANC_PASSWORD);
  dialog = search (settings, "");
  error = cs_archive_browse_dialog_get_error (dialog);
  g_test_message ("shown: %s", error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, SERVER_NAME));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The thumbnail drawn from the frames looks like the slide: compared
 * with the local rendering of the same file at the same size
 * (consilium-cli render), the mean difference per channel stays within
 * what JPEG re-encoding and reduction leave (stated: 12 of 255). */
static void
test_thumbnail_matches_local (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slides ();
  g_autofree char *slide = cs_test_shared_slide (CMU_SLIDE);
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GdkPixbuf) remote = NULL;
  g_autoptr(GdkPixbuf) local = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL;
  g_autofree char *command = NULL;
  CsDicomwebQuery query = { .patient_id = "PSEUDO-0001" };
  const CsDicomwebStudy *study;
  double total = 0;
  int status;

  if (orthanc == NULL)
    return;
  use_server (cs_test_orthanc_get_dicomweb_url (orthanc), CS_TEST_ORTHANC_PASSWORD);
  client = cs_dicomweb_client_new (cs_test_orthanc_get_dicomweb_url (orthanc), &error);
  g_assert_no_error (error);
  studies = cs_dicomweb_client_search_studies (client, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, ==, 1);
  study = studies->pdata[0];
  series = cs_dicomweb_client_search_series (client, study->study_uid, "SM", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 1);
  remote = cs_archive_thumbnail_fetch (client, study->study_uid,
                                       ((CsDicomwebSeries *) series->pdata[0])->series_uid,
                                       297, NULL, &error);
  g_assert_no_error (error);
  /* 2220 × 2967 reduced to fit 297 pixels: a tenth. */
  g_assert_cmpint (gdk_pixbuf_get_width (remote), ==, 222);
  g_assert_cmpint (gdk_pixbuf_get_height (remote), ==, 297);

  dir = cs_test_make_tmpdir ();
  png = g_build_filename (dir, "local.png", NULL);
  command = g_strdup_printf ("'%s' render '%s' --region 0,0,2220,2967 --zoom 0.1 -o '%s'",
                             g_getenv ("CS_CLI"), slide, png);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  local = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);

  for (int y = 0; y < 297; y++)
    for (int x = 0; x < 222; x++)
      for (int c = 0; c < 3; c++)
        {
          const guchar *a = gdk_pixbuf_read_pixels (remote) + y * gdk_pixbuf_get_rowstride (remote) +
                            x * gdk_pixbuf_get_n_channels (remote) + c;
          const guchar *b = gdk_pixbuf_read_pixels (local) + y * gdk_pixbuf_get_rowstride (local) +
                            x * gdk_pixbuf_get_n_channels (local) + c;

          total += ABS ((int) *a - (int) *b);
        }
  g_test_message ("mean difference %.2f of 255", total / (297 * 222 * 3));
  g_assert_cmpfloat (total / (297 * 222 * 3), <, 12.0);
  cs_test_remove_tree (dir);
}

/* Ctrl+Shift+O's dialog in the window: the series chosen opens in a tab
 * as a remote slide (its identity its series UID). */
static void
test_window_opens_series (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slides ();
  CsArchiveBrowseDialog *dialog;
  CsWindow *window;
  CsSlidePage *page;
  CsSlide *slide;
  gint64 width = 0;
  gint64 height = 0;

  if (orthanc == NULL)
    return;
  use_server (cs_test_orthanc_get_dicomweb_url (orthanc), CS_TEST_ORTHANC_PASSWORD);
  window = cs_test_window_new (NULL);
  dialog = cs_window_open_archive (window);
  set_filter (dialog, "patient_entry", "PSEUDO-0002");
  cs_archive_browse_dialog_search (dialog);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_studies (dialog), ==, 1);
  cs_archive_browse_dialog_select_study (dialog, 0);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_series (dialog), ==, 1);
  cs_archive_browse_dialog_open_series (dialog, 0);

  g_assert_cmpuint (cs_window_get_n_pages (window), ==, 1);
  page = cs_window_get_nth_page (window, 0);
  g_assert_true (cs_test_wait_until (cs_test_window_page_settled, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpint (cs_slide_page_get_state (page), ==, CS_SLIDE_PAGE_READY);
  slide = cs_slide_page_get_slide (page);
  g_assert_nonnull (slide);
  cs_slide_get_level_size (slide, 0, &width, &height);
  g_assert_cmpint (width, ==, 2220);
  g_assert_cmpint (height, ==, 2967);
  cs_test_ui_window_destroy (GTK_WINDOW (window));
}

static CsSlidePage *
open_remote_slide (CsWindow   *window,
                   const char *patient_id)
{
  CsArchiveBrowseDialog *dialog = cs_window_open_archive (window);
  CsSlidePage *page;

  set_filter (dialog, "patient_entry", patient_id);
  cs_archive_browse_dialog_search (dialog);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_studies (dialog), ==, 1);
  cs_archive_browse_dialog_select_study (dialog, 0);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  cs_archive_browse_dialog_open_series (dialog, 0);
  page = cs_window_get_nth_page (window, cs_window_get_n_pages (window) - 1);
  g_assert_true (cs_test_wait_until (cs_test_window_page_settled, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpint (cs_slide_page_get_state (page), ==, CS_SLIDE_PAGE_READY);

  return page;
}

static void
type_into (CsReportPane *pane,
           const char   *name,
           const char   *text)
{
  cs_test_set_text (cs_test_window_find_named (GTK_WIDGET (pane), name), text);
}

/* The slide's identity known: a case can be started. */
static gboolean
case_possible (gpointer data)
{
  CsReportPane *pane = data;

  return pane->sha256 != NULL;
}

static gboolean
file_action_enabled (gpointer data)
{
  /* What the action's enabled state follows. */
  return _cs_report_pane_can_file (data);
}

static gboolean
filed (gpointer data)
{
  CsDicomwebClient *client = data;
  const char *study_uid = g_object_get_data (data, "study-uid");
  g_autoptr(GPtrArray) series = cs_dicomweb_client_search_series (client, study_uid, "DOC",
                                                                  NULL, NULL);

  return series != NULL && series->len == 1;
}

/* A signed opinion on the remote slide: File in Archive… is enabled,
 * says what it sends, and after confirming, the study holds the
 * Encapsulated PDF (a DOC series). A draft cannot be filed. */
static void
test_file_in_archive (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slides ();
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  CsReportPane *pane;
  CsSlidePage *page;
  CsWindow *window;
  const char *body;

  if (orthanc == NULL)
    return;
  use_server (cs_test_orthanc_get_dicomweb_url (orthanc), CS_TEST_ORTHANC_PASSWORD);
  window = cs_test_window_new (NULL);
  page = open_remote_slide (window, "PSEUDO-0002");
  g_assert_true (cs_dicomweb_parse_slide_url (cs_slide_get_path (cs_slide_page_get_slide (page)),
                                              &base_url, &study_uid, NULL, &error));
  g_assert_no_error (error);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-report",
                                      g_variant_new_boolean (TRUE));
  pane = cs_test_window_child (window, CS_TYPE_WINDOW, "report_pane");

  g_assert_true (cs_test_wait_until (case_possible, pane, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.new-case", NULL));
  g_assert_nonnull (cs_report_pane_get_case (pane));
  type_into (pane, "case.consult_accession", "CONS-26-00999");
  type_into (pane, "case.patient.pseudonym", "PSEUDO-0002");
  type_into (pane, "case.referring_accession", "ACC-2");
  type_into (pane, "requesting.institution", "Referring Hospital");
  type_into (pane, "requesting.pathologist.name", "Dr Camille Bernard");
  type_into (pane, "clinical_history", "Nodule of the cheek, 8 mm.");
  type_into (pane, "question", "Margins?");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.new-opinion", NULL));
  dialog = cs_test_wait_dialog ();
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "report-consultant"), "Dr Bea Okafor");
  cs_test_respond ("create");
  type_into (pane, "diagnosis.0.text", "Basal cell carcinoma, nodular type");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cs_test_window_find_named (GTK_WIDGET (pane),
                                                                        "agreement.category")),
                              CS_AGREEMENT_AGREE);
  g_assert_false (file_action_enabled (pane));  /* a draft */

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.finalize", NULL));
  dialog = cs_test_wait_dialog ();
  g_test_message ("finalise: %s: %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  cs_test_respond ("sign");
  g_assert_cmpint (cs_report_get_status (cs_report_pane_get_report (pane)), ==,
                   CS_REPORT_STATUS_FINAL);
  g_assert_true (cs_test_wait_until (file_action_enabled, pane, CS_TEST_UI_TIMEOUT_MS));
  /* the pane's refresh, which enables the action, runs when idle */
  cs_test_wait_until (cs_test_window_never, NULL, 200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.file-archive", NULL));
  dialog = cs_test_wait_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("confirmation: %s", body);
  title = cs_report_dicom_title (cs_report_pane_get_report (pane));
  g_assert_nonnull (strstr (body, study_uid));
  g_assert_nonnull (strstr (body, title));
  g_assert_nonnull (strstr (body, "sha256:"));
  g_assert_nonnull (strstr (body, "Dr Bea Okafor"));
  g_assert_nonnull (strstr (body, SERVER_NAME));
  cs_test_respond ("file");

  client = cs_dicomweb_client_new (base_url, &error);
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (client), "study-uid", g_strdup (study_uid), g_free);
  g_assert_true (cs_test_wait_until (filed, client, CS_TEST_UI_TIMEOUT_MS));
  g_assert_null (cs_test_find_dialog ());  /* no error shown */
  cs_test_ui_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  _cs_secret_store_use_memory ();
  cs_test_window_init (&argc, &argv);
  if (cs_settings_get_default () != NULL)
    cs_archive_servers_install (cs_settings_get_default ());

  g_test_add_func ("/archive-browse/lists-study-and-series", test_lists_study_and_series);
  g_test_add_func ("/archive-browse/paging", test_paging);
  g_test_add_func ("/archive-browse/thumbnail-matches-local", test_thumbnail_matches_local);
  g_test_add_func ("/archive-browse/window-opens-series", test_window_opens_series);
  g_test_add_func ("/archive-browse/file-in-archive", test_file_in_archive);
  g_test_add_func ("/archive-browse/wrong-password", test_wrong_password);
  g_test_add_func ("/archive-browse/stop-and-close", test_stop_and_close);
  g_test_add_func ("/archive-browse/unreachable", test_unreachable);

  return cs_test_window_run ();
}
