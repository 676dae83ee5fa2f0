/* test-window-live-dicom.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-live-dicom"

#include "config.h"

#include <string.h>

#include "cs-archive-browse-dialog.h"
#include "cs-archive-servers.h"
#include "cs-dicomweb.h"
#include "cs-secret-store.h"
#include "cs-settings.h"
#include "cs-test-annotation-ui.h"
#include "cs-test-orthanc.h"
#include "cs-test-window.h"

/* A live session on a slide from a DICOMweb archive, through two
 * CsWindows in one process, against a real Orthanc (tests/cs-test-orthanc.h)
 * holding CMU-1-Small-Region.svs: the host window opens the series from
 * the archive and starts a session; its link names the series, the
 * archive's base URL and the study. The guest window, with the same
 * archive configured, joins from the link and code alone: the series is
 * opened from the archive, and annotations cross. A link naming an archive
 * the guest does not have is refused saying which, unless the series is
 * already open in a tab. The archive's password is in the in-memory secret
 * store, reaching the client as in the application. */

#define CMU_SLIDE   "CMU-1-Small-Region.svs"
#define SERVER_NAME "Referring Hospital PACS"
#define DATASET     "{\"PatientID\": \"PSEUDO-LIVE\", \"AccessionNumber\": \"ACC-LIVE\", " \
                    "\"StudyDescription\": \"Second opinion: live consultation\"}"
#define HOST_NAME   "Dr Ivanova"
#define GUEST_NAME  "Dr Sato"
#define OTHER_URL   "https://pacs.other-hospital.example/dicom-web"

static CsTestOrthanc *
orthanc_with_slide (void)
{
  if (!cs_test_ui_have_display)
    {
      g_test_skip ("no display");
      return NULL;
    }
  return cs_test_orthanc_get_with_slide_or_skip (CMU_SLIDE, DATASET);
}

/* One archive, the Orthanc at @url (basic authentication). */
static void
use_server (const char *url)
{
  g_autoptr(GPtrArray) servers = cs_archive_servers_new ();

  g_ptr_array_add (servers, cs_archive_server_new (SERVER_NAME, url, CS_DICOMWEB_AUTH_BASIC,
                                                   CS_TEST_ORTHANC_USER));
  g_assert_true (cs_secret_store_save (url, SERVER_NAME, CS_TEST_ORTHANC_PASSWORD, NULL));
  cs_archive_servers_save (cs_settings_get_default (), servers);
}

static gboolean
is_idle (gpointer data)
{
  return !cs_archive_browse_dialog_get_busy (data);
}

/* The study's series opened through "Open from Archive…", as the user
 * would; the page ready with its annotations read. */
static CsSlidePage *
open_from_archive (CsWindow *window)
{
  CsArchiveBrowseDialog *dialog = cs_window_open_archive (window);
  GtkEditable *entry = cs_test_window_child (dialog, CS_TYPE_ARCHIVE_BROWSE_DIALOG,
                                             "patient_entry");
  CsSlidePage *page;

  gtk_editable_set_text (entry, "PSEUDO-LIVE");
  cs_archive_browse_dialog_search (dialog);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (cs_archive_browse_dialog_get_n_studies (dialog), ==, 1);
  cs_archive_browse_dialog_select_study (dialog, 0);
  g_assert_true (cs_test_wait_until (is_idle, dialog, CS_TEST_UI_TIMEOUT_MS));
  cs_archive_browse_dialog_open_series (dialog, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  page = cs_window_get_nth_page (window, cs_window_get_n_pages (window) - 1);
  g_assert_true (cs_test_wait_until (cs_test_window_page_settled, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpint (cs_slide_page_get_state (page), ==, CS_SLIDE_PAGE_READY);
  g_assert_true (cs_test_wait_until (cs_test_annotations_ready, page, CS_TEST_UI_TIMEOUT_MS));
  return page;
}

/* The host window on the archive's series, hosting: its link and code. */
static CsWindow *
host_on_series (CsSlidePage **page,
                char        **link,
                char        **code)
{
  CsWindow *host = cs_test_window_new (NULL);
  g_autoptr(GError) error = NULL;
  CsLiveHostDialog *dialog;

  *page = open_from_archive (host);
  g_assert_true (g_str_has_prefix (cs_slide_page_get_annotation_sha256 (*page), "dicom-series:"));
  dialog = cs_window_live_host_as (host, HOST_NAME, &error);
  g_assert_no_error (error);
  *link = g_strdup (cs_live_host_dialog_get_link_text (dialog));
  *code = g_strdup (cs_live_host_dialog_get_code_text (dialog));
  return host;
}

static gboolean
has_live (gpointer data)
{
  CsWindow *window = data;
  CsLiveController *live;

  if (cs_window_get_n_pages (window) != 1)
    return FALSE;
  live = cs_window_get_live (window, cs_window_get_nth_page (window, 0));
  return live != NULL &&
         cs_live_session_get_state (cs_live_controller_get_session (live)) == CS_LIVE_STATE_JOINED;
}

static gboolean
join_failed (gpointer data)
{
  return cs_live_join_dialog_get_error (data) != NULL;
}

/* The link carries the archive and the study; the guest, with no tab
 * open, joins from the link and code and gets the series from the
 * archive; an annotation drawn on either side reaches the other. */
static void
test_join_opens_series (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autofree char *link = NULL;
  g_autofree char *code = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *study_uid = NULL;
  g_autoptr(GError) error = NULL;
  CsWindow *host, *guest;
  CsSlidePage *host_page, *guest_page;
  CsLiveJoinDialog *dialog;
  CsTestWantedAnnotation on_guest = { NULL, "Mitosis", HOST_NAME };
  CsTestWantedAnnotation on_host = { NULL, "Necrosis", GUEST_NAME };

  if (orthanc == NULL)
    return;
  use_server (cs_test_orthanc_get_dicomweb_url (orthanc));
  host = host_on_series (&host_page, &link, &code);
  g_test_message ("link: %s", link);
  escaped = g_uri_escape_string (cs_test_orthanc_get_dicomweb_url (orthanc), NULL, FALSE);
  g_assert_nonnull (strstr (link, escaped));
  g_assert_true (cs_dicomweb_parse_slide_url (cs_slide_get_path (cs_slide_page_get_slide (host_page)),
                                              NULL, &study_uid, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (link, study_uid));
  g_assert_null (strstr (link, CS_TEST_ORTHANC_USER));

  guest = cs_test_window_new (NULL);
  g_assert_cmpuint (cs_window_get_n_pages (guest), ==, 0);
  dialog = cs_window_live_join_as (guest, GUEST_NAME);
  cs_live_join_dialog_set_link (dialog, link);
  cs_live_join_dialog_set_code (dialog, code);
  cs_live_join_dialog_join (dialog);
  g_assert_true (cs_test_wait_until (has_live, guest, CS_TEST_UI_TIMEOUT_MS));
  guest_page = cs_window_get_nth_page (guest, 0);
  g_assert_cmpstr (cs_slide_page_get_annotation_sha256 (guest_page), ==,
                   cs_slide_page_get_annotation_sha256 (host_page));
  g_assert_cmpstr (cs_slide_get_path (cs_slide_page_get_slide (guest_page)), ==,
                   cs_slide_get_path (cs_slide_page_get_slide (host_page)));

  on_guest.page = guest_page;
  on_host.page = host_page;
  cs_test_annotations_add (host_page, cs_test_annotations_rectangle (100, 100, 300, 200, "Mitosis",
                                                                     NULL, HOST_NAME));
  g_assert_true (cs_test_wait_until (cs_test_annotations_has_wanted, &on_guest, CS_TEST_UI_TIMEOUT_MS));
  cs_test_annotations_add (guest_page, cs_test_annotations_rectangle (900, 1200, 250, 250,
                                                                      "Necrosis", NULL, GUEST_NAME));
  g_assert_true (cs_test_wait_until (cs_test_annotations_has_wanted, &on_host, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_wait_until (cs_test_window_page_drawn, guest_page, CS_TEST_UI_TIMEOUT_MS));
  cs_test_window_save_screenshot (GTK_WIDGET (guest), "live-dicom-guest.png");

  cs_test_ui_window_destroy (GTK_WINDOW (guest));
  cs_test_ui_window_destroy (GTK_WINDOW (host));
}

/* A link naming an archive the guest does not have: refused, naming it
 * and where to add it; with the series already open in a tab (from the
 * guest's own archive), that tab is used as is and the guest joins. */
static void
test_unknown_archive (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autofree char *link = NULL;
  g_autofree char *code = NULL;
  g_autofree char *other_text = NULL;
  g_autoptr(CsLiveLink) other = NULL;
  g_autoptr(GError) error = NULL;
  CsWindow *host, *guest;
  CsSlidePage *host_page, *guest_page;
  CsLiveJoinDialog *dialog;
  const char *text;

  if (orthanc == NULL)
    return;
  use_server (cs_test_orthanc_get_dicomweb_url (orthanc));
  host = host_on_series (&host_page, &link, &code);
  other = cs_live_link_parse (link, &error);
  g_assert_no_error (error);
  g_free (other->server_url);
  other->server_url = g_strdup (OTHER_URL);
  other_text = cs_live_link_format (other);

  guest = cs_test_window_new (NULL);
  dialog = cs_window_live_join_as (guest, GUEST_NAME);
  cs_live_join_dialog_set_link (dialog, other_text);
  cs_live_join_dialog_set_code (dialog, code);
  cs_live_join_dialog_join (dialog);
  g_assert_true (cs_test_wait_until (join_failed, dialog, CS_TEST_UI_TIMEOUT_MS));
  text = cs_live_join_dialog_get_error (dialog);
  g_test_message ("unknown archive: %s", text);
  g_assert_nonnull (strstr (text, OTHER_URL));
  g_assert_nonnull (strstr (text, "Preferences"));
  g_assert_cmpuint (cs_window_get_n_pages (guest), ==, 0);
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "live-dicom-unknown-archive.png");

  guest_page = open_from_archive (guest);
  cs_live_join_dialog_join (dialog);
  g_assert_true (cs_test_wait_until (has_live, guest, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_window_get_nth_page (guest, 0) == guest_page);

  cs_test_ui_window_destroy (GTK_WINDOW (guest));
  cs_test_ui_window_destroy (GTK_WINDOW (host));
}

int
main (int   argc,
      char *argv[])
{
  _cs_secret_store_use_memory ();
  cs_test_window_init (&argc, &argv);
  if (cs_settings_get_default () != NULL)
    cs_archive_servers_install (cs_settings_get_default ());

  g_test_add_func ("/window-live-dicom/join-opens-series", test_join_opens_series);
  g_test_add_func ("/window-live-dicom/unknown-archive", test_unknown_archive);

  return cs_test_window_run ();
}
