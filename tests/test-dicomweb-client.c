/* test-dicomweb-client.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "cs-dicomweb-private.h"
#include "cs-test-orthanc.h"
#include "cs-test-utils.h"

/* The DICOMweb client against a real Orthanc (tests/cs-test-orthanc.h)
 * holding CMU-1-Small-Region.svs: one server for the whole program, the
 * slide loaded once. */

#define CMU_SLIDE "CMU-1-Small-Region.svs"
#define CMU_DATASET "{\"PatientID\": \"PSEUDO-0001\", \"AccessionNumber\": \"ACC-9\", " \
                    "\"PatientName\": \"PSEUDO^ONE\"}"
/* The same slide as a second study, for paging. */
#define CMU_DATASET_2 "{\"PatientID\": \"PSEUDO-0002\", \"AccessionNumber\": \"ACC-10\"}"
#define JPEG_BASELINE "1.2.840.10008.1.2.4.50"

/* The server with the CMU slide as two studies, or NULL when the test
 * was skipped or failed. */
static CsTestOrthanc *
orthanc_with_slide (void)
{
  if (cs_test_orthanc_get_with_slide_or_skip (CMU_SLIDE, CMU_DATASET) == NULL)
    return NULL;

  return cs_test_orthanc_get_with_slide_or_skip (CMU_SLIDE, CMU_DATASET_2);
}

/* The harness itself: Orthanc answers QIDO-RS with the loaded study,
 * and only with the right password. */
static void
test_harness_serves_the_slide (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(SoupMessage) anonymous = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *authorization = NULL;

  if (orthanc == NULL)
    return;

  uri = g_strconcat (cs_test_orthanc_get_dicomweb_url (orthanc),
                     "/studies?PatientID=PSEUDO-0001", NULL);
  message = soup_message_new ("GET", uri);
  encoded = g_base64_encode ((const guchar *) CS_TEST_ORTHANC_USER ":"
                             CS_TEST_ORTHANC_PASSWORD,
                             strlen (CS_TEST_ORTHANC_USER ":" CS_TEST_ORTHANC_PASSWORD));
  authorization = g_strconcat ("Basic ", encoded, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/dicom+json");
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_true (cs_test_bytes_contains (body, "PSEUDO-0001"));

  anonymous = soup_message_new ("GET", uri);
  refused = soup_session_send_and_read (session, anonymous, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (anonymous), ==, 401);
}

/* A client for @orthanc logged in as alice, with @password. */
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

static CsDicomwebStudy *
find_study (CsDicomwebClient *client,
            const char       *patient_id)
{
  CsDicomwebQuery query = { .patient_id = patient_id };
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GError) error = NULL;

  studies = cs_dicomweb_client_search_studies (client, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, ==, 1);

  return g_ptr_array_steal_index (studies, 0);
}

static void
study_free (CsDicomwebStudy *study)
{
  cs_dicomweb_study_free (study);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDicomwebStudy, study_free)

/* Filters by patient, accession and modality; limit and offset page
 * through the two studies. */
static void
test_search_studies (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(CsDicomwebStudy) study = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autoptr(GPtrArray) by_accession = NULL;
  g_autoptr(GError) error = NULL;
  /* Orthanc 1.10 answers nothing past the first page when paging is
   * combined with ModalitiesInStudy: page without it. */
  CsDicomwebQuery query = { .limit = 1 };
  CsDicomwebQuery accession = { .accession = "ACC-10" };
  CsDicomwebQuery nobody = { .patient_id = "NOBODY" };

  if (orthanc == NULL)
    return;
  client = new_client (orthanc, CS_TEST_ORTHANC_PASSWORD);

  study = find_study (client, "PSEUDO-0001");
  g_assert_cmpstr (study->accession, ==, "ACC-9");
  g_assert_cmpstr (study->patient_name, ==, "PSEUDO^ONE");
  g_assert_nonnull (study->modalities);
  g_assert_true (g_strv_contains ((const char *const *) study->modalities, "SM"));
  g_assert_cmpuint (study->n_series, ==, 1);

  /* DICOM wildcards reach the server. */
  g_clear_pointer (&study, cs_dicomweb_study_free);
  study = find_study (client, "PSEUDO-000*1");
  g_assert_cmpstr (study->accession, ==, "ACC-9");

  none = cs_dicomweb_client_search_studies (client, &nobody, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  by_accession = cs_dicomweb_client_search_studies (client, &accession, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_accession->len, ==, 1);
  g_assert_cmpstr (((CsDicomwebStudy *) by_accession->pdata[0])->patient_id, ==,
                   "PSEUDO-0002");

  page1 = cs_dicomweb_client_search_studies (client, &query, NULL, &error);
  g_assert_no_error (error);
  query.offset = 1;
  page2 = cs_dicomweb_client_search_studies (client, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page1->len, ==, 1);
  g_assert_cmpuint (page2->len, ==, 1);
  g_assert_cmpstr (((CsDicomwebStudy *) page1->pdata[0])->study_uid, !=,
                   ((CsDicomwebStudy *) page2->pdata[0])->study_uid);
}

/* The study's SM series, its metadata and a frame: a JPEG baseline tile
 * of 240×240 as the dicomizer wrote it. */
static void
test_series_metadata_frame (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(CsDicomwebStudy) study = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *syntax = NULL;
  CsDicomwebSeries *sm;
  JsonObject *instance;
  const char *instance_uid;
  const guint8 *bytes;
  gsize size = 0;

  if (orthanc == NULL)
    return;
  client = new_client (orthanc, CS_TEST_ORTHANC_PASSWORD);
  study = find_study (client, "PSEUDO-0001");

  series = cs_dicomweb_client_search_series (client, study->study_uid, "SM", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 1);
  sm = series->pdata[0];
  g_assert_cmpstr (sm->modality, ==, "SM");
  g_assert_cmpuint (sm->n_instances, ==, 1);
  other = cs_dicomweb_client_search_series (client, study->study_uid, "CT", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->len, ==, 0);

  metadata = cs_dicomweb_client_get_series_metadata (client, study->study_uid,
                                                     sm->series_uid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (metadata)), ==, 1);
  instance = json_array_get_object_element (json_node_get_array (metadata), 0);
  /* TotalPixelMatrixColumns (0048,0006) and the SOP Instance UID. */
  g_assert_cmpint (json_array_get_int_element (
    json_object_get_array_member (json_object_get_object_member (instance, "00480006"),
                                  "Value"), 0), ==, 2220);
  instance_uid = json_array_get_string_element (
    json_object_get_array_member (json_object_get_object_member (instance, "00080018"),
                                  "Value"), 0);

  frame = cs_dicomweb_client_get_frame (client, study->study_uid, sm->series_uid,
                                        instance_uid, 1, &syntax, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (syntax, ==, JPEG_BASELINE);
  bytes = g_bytes_get_data (frame, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpuint (bytes[0], ==, 0xff);
  g_assert_cmpuint (bytes[1], ==, 0xd8);
  /* The end of image, perhaps followed by DICOM's padding to an even
   * length. */
  g_assert_true ((bytes[size - 2] == 0xff && bytes[size - 1] == 0xd9) ||
                 (bytes[size - 3] == 0xff && bytes[size - 2] == 0xd9 && bytes[size - 1] == 0));
}

static void
test_wrong_password (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GError) error = NULL;

  if (orthanc == NULL)
    return;
  client = new_client (orthanc, "wrong");
  cs_dicomweb_client_set_name (client, "Pathology PACS");

  studies = cs_dicomweb_client_search_studies (client, NULL, NULL, &error);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_AUTH);
  g_assert_null (studies);
  g_assert_nonnull (strstr (error->message, "Pathology PACS"));
  g_assert_nonnull (strstr (error->message, "401"));
}

typedef struct
{
  CsTestOrthanc *orthanc;
  const char    *password;
  guint          n_calls;
} Keyring;

static CsDicomwebCredentials *
keyring_cb (const char *base_url,
            gpointer    user_data)
{
  Keyring *keyring = user_data;
  CsDicomwebCredentials *credentials = g_new0 (CsDicomwebCredentials, 1);

  g_assert_cmpstr (base_url, ==, cs_test_orthanc_get_dicomweb_url (keyring->orthanc));
  keyring->n_calls++;
  credentials->auth = CS_DICOMWEB_AUTH_BASIC;
  credentials->username = g_strdup (CS_TEST_ORTHANC_USER);
  credentials->secret = g_strdup (keyring->password);

  return credentials;
}

static guint
count_studies (CsDicomwebClient *client,
               GError          **error)
{
  g_autoptr(GPtrArray) studies = cs_dicomweb_client_search_studies (client, NULL, NULL, error);

  return studies != NULL ? studies->len : 0;
}

/* Without credentials of its own, the client asks the application's
 * function, once while the server accepts the answer; after a refusal,
 * or when told that credentials changed, it asks again. A token Orthanc
 * does not know is an authentication error. */
static void
test_credentials_func (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  CsDicomwebCredentials bearer = { CS_DICOMWEB_AUTH_BEARER, NULL, (char *) "not-a-token" };
  Keyring keyring = { orthanc, "wrong", 0 };
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (orthanc == NULL)
    return;
  client = cs_dicomweb_client_new (cs_test_orthanc_get_dicomweb_url (orthanc), &error);
  g_assert_no_error (error);
  cs_dicomweb_set_credentials_func (keyring_cb, &keyring);

  g_assert_cmpuint (count_studies (client, &error), ==, 0);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_AUTH);
  g_clear_error (&error);
  keyring.password = CS_TEST_ORTHANC_PASSWORD;
  g_assert_cmpuint (count_studies (client, &error), ==, 2);
  g_assert_cmpuint (count_studies (client, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (keyring.n_calls, ==, 2);
  cs_dicomweb_credentials_changed ();
  g_assert_cmpuint (count_studies (client, &error), ==, 2);
  g_assert_cmpuint (keyring.n_calls, ==, 3);
  cs_dicomweb_set_credentials_func (NULL, NULL);

  cs_dicomweb_client_set_credentials (client, &bearer);
  g_assert_cmpuint (count_studies (client, &error), ==, 0);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_AUTH);
}

static void
test_not_found (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(GError) error = NULL;

  if (orthanc == NULL)
    return;
  client = new_client (orthanc, CS_TEST_ORTHANC_PASSWORD);

  metadata = cs_dicomweb_client_get_series_metadata (client, "1.2.3.4", "1.2.3.5", NULL,
                                                     &error);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_NOT_FOUND);
  g_assert_null (metadata);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "404"));
}

/* Nothing listens: a connection error after the retries, quickly with
 * the tests' short delays. */
static void
test_server_down (void)
{
  static const guint delays[] = { 20, 20, 20 };
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/dicom-web",
                                          cs_test_orthanc_unused_port ());
  g_autoptr(CsDicomwebClient) client = cs_dicomweb_client_new (url, NULL);
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  _cs_dicomweb_set_retry_delays (delays, G_N_ELEMENTS (delays));
  studies = cs_dicomweb_client_search_studies (client, NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  _cs_dicomweb_set_retry_delays (NULL, 0);

  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_CONNECT);
  g_assert_null (studies);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  /* Three pauses of 20 ms were waited. */
  g_assert_cmpint (elapsed, >=, 60 * 1000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
}

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (100 * 1000);
  g_cancellable_cancel (data);

  return NULL;
}

/* A cancelled call gives G_IO_ERROR_CANCELLED, also while it waits to
 * retry. */
static void
test_cancel (void)
{
  static const guint delays[] = { 10 * 1000 };
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/dicom-web",
                                          cs_test_orthanc_unused_port ());
  g_autoptr(CsDicomwebClient) client = cs_dicomweb_client_new (url, NULL);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) later = g_cancellable_new ();
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) retried = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) retry_error = NULL;
  GThread *thread;
  gint64 start;

  g_cancellable_cancel (cancelled);
  studies = cs_dicomweb_client_search_studies (client, NULL, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (studies);

  _cs_dicomweb_set_retry_delays (delays, G_N_ELEMENTS (delays));
  start = g_get_monotonic_time ();
  thread = g_thread_new ("cancel", cancel_later_thread, later);
  retried = cs_dicomweb_client_search_studies (client, NULL, later, &retry_error);
  g_thread_join (thread);
  _cs_dicomweb_set_retry_delays (NULL, 0);
  g_assert_error (retry_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (retried);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* STOW-RS of a DICOM file the dicomizer wrote: the server then lists
 * its study. Into another study's URL, Orthanc refuses it. */
static void
test_store (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autofree char *slide = cs_test_shared_slide (CMU_SLIDE);
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(CsDicomwebStudy) study = NULL;
  g_autoptr(GBytes) part10 = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  if (orthanc == NULL)
    return;
  client = new_client (orthanc, CS_TEST_ORTHANC_PASSWORD);
  folder = cs_test_make_tmpdir ();
  file = cs_test_orthanc_dicomize (slide, "{\"PatientID\": \"PSEUDO-STOW\"}", folder, &error);
  g_assert_no_error (error);
  g_file_get_contents (file, &contents, &size, &error);
  g_assert_no_error (error);
  part10 = g_bytes_new_take (g_steal_pointer (&contents), size);

  g_assert_false (cs_dicomweb_client_store (client, "1.2.3.4.5", part10, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("into another study: %s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_clear_error (&error);

  g_assert_true (cs_dicomweb_client_store (client, NULL, part10, NULL, &error));
  g_assert_no_error (error);
  study = find_study (client, "PSEUDO-STOW");
  g_assert_true (g_strv_contains ((const char *const *) study->modalities, "SM"));

  cs_test_remove_tree (folder);
}

typedef struct
{
  CsDicomwebClient *client;
  const char       *study_uid;
  const char       *series_uid;
  const char       *instance_uid;
  guint             first;
  guint             n_ok;
} FrameJob;

#define N_FETCHERS 4
#define FRAMES_PER_FETCHER 8

static gpointer
fetch_frames_thread (gpointer data)
{
  FrameJob *job = data;

  for (guint i = 0; i < FRAMES_PER_FETCHER; i++)
    {
      g_autoptr(GBytes) frame = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *syntax = NULL;

      frame = cs_dicomweb_client_get_frame (job->client, job->study_uid, job->series_uid,
                                            job->instance_uid, job->first + i, &syntax, NULL,
                                            &error);
      if (frame != NULL && g_strcmp0 (syntax, JPEG_BASELINE) == 0 &&
          g_bytes_get_size (frame) > 2 &&
          ((const guint8 *) g_bytes_get_data (frame, NULL))[0] == 0xff)
        job->n_ok++;
      else
        g_test_message ("frame %u: %s", job->first + i, error != NULL ? error->message : "?");
    }

  return NULL;
}

/* The tile loader's workers share one client: frames fetched from four
 * threads at once all arrive whole. */
static void
test_frames_from_threads (void)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(CsDicomwebStudy) study = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(GError) error = NULL;
  FrameJob jobs[N_FETCHERS];
  GThread *threads[N_FETCHERS];
  const char *series_uid;
  JsonObject *instance;

  if (orthanc == NULL)
    return;
  client = new_client (orthanc, CS_TEST_ORTHANC_PASSWORD);
  study = find_study (client, "PSEUDO-0001");
  series = cs_dicomweb_client_search_series (client, study->study_uid, NULL, NULL, &error);
  g_assert_no_error (error);
  series_uid = ((CsDicomwebSeries *) series->pdata[0])->series_uid;
  metadata = cs_dicomweb_client_get_series_metadata (client, study->study_uid, series_uid,
                                                     NULL, &error);
  g_assert_no_error (error);
  instance = json_array_get_object_element (json_node_get_array (metadata), 0);

  for (guint t = 0; t < N_FETCHERS; t++)
    {
      jobs[t] = (FrameJob) { client, study->study_uid, series_uid,
                             json_array_get_string_element (
                               json_object_get_array_member (
                                 json_object_get_object_member (instance, "00080018"), "Value"),
                               0),
                             1 + t * FRAMES_PER_FETCHER, 0 };
      threads[t] = g_thread_new ("fetcher", fetch_frames_thread, &jobs[t]);
    }
  for (guint t = 0; t < N_FETCHERS; t++)
    {
      g_thread_join (threads[t]);
      g_assert_cmpuint (jobs[t].n_ok, ==, FRAMES_PER_FETCHER);
    }
}

/* The server stops while a client is in use, then comes back with what
 * it held: an error naming the server while it is down, answers again
 * once it is up (the harness's stop and restart, as the remote-slide
 * tests use them). */
static void
test_server_stops_and_returns (void)
{
  static const guint delays[] = { 10 };
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (orthanc == NULL)
    return;
  client = new_client (orthanc, CS_TEST_ORTHANC_PASSWORD);
  g_assert_cmpuint (count_studies (client, &error), >=, 2);
  g_assert_no_error (error);

  cs_test_orthanc_stop (orthanc);
  _cs_dicomweb_set_retry_delays (delays, G_N_ELEMENTS (delays));
  g_assert_cmpuint (count_studies (client, &error), ==, 0);
  _cs_dicomweb_set_retry_delays (NULL, 0);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_CONNECT);
  g_clear_error (&error);

  cs_test_orthanc_restart (orthanc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_studies (client, &error), >=, 2);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/dicomweb-client/harness", test_harness_serves_the_slide);
  g_test_add_func ("/cs/dicomweb-client/search-studies", test_search_studies);
  g_test_add_func ("/cs/dicomweb-client/series-metadata-frame", test_series_metadata_frame);
  g_test_add_func ("/cs/dicomweb-client/frames-from-threads", test_frames_from_threads);
  g_test_add_func ("/cs/dicomweb-client/wrong-password", test_wrong_password);
  g_test_add_func ("/cs/dicomweb-client/credentials-func", test_credentials_func);
  g_test_add_func ("/cs/dicomweb-client/not-found", test_not_found);
  g_test_add_func ("/cs/dicomweb-client/server-down", test_server_down);
  g_test_add_func ("/cs/dicomweb-client/cancel", test_cancel);
  g_test_add_func ("/cs/dicomweb-client/store", test_store);
  g_test_add_func ("/cs/dicomweb-client/server-stops-and-returns",
                   test_server_stops_and_returns);

  return g_test_run ();
}
