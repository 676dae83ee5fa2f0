/* test-dicomweb-client.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "cs-test-orthanc.h"
#include "cs-test-utils.h"

/* The DICOMweb client against a real Orthanc (tests/cs-test-orthanc.h)
 * holding CMU-1-Small-Region.svs: one server for the whole program, the
 * slide loaded once. */

#define CMU_SLIDE "CMU-1-Small-Region.svs"
#define CMU_DATASET "{\"PatientID\": \"PSEUDO-0001\", \"AccessionNumber\": \"ACC-9\", " \
                    "\"PatientName\": \"PSEUDO^ONE\"}"

/* The server with the CMU slide, or NULL when the test was skipped or
 * failed. */
static CsTestOrthanc *
orthanc_with_slide (void)
{
  g_autofree char *slide = cs_test_shared_slide (CMU_SLIDE);
  g_autoptr(GError) error = NULL;
  CsTestOrthanc *orthanc;

  if (slide == NULL)
    {
      g_test_skip ("../shared/slides/" CMU_SLIDE " is absent: this test needs the "
                   "project's shared test slides");
      return NULL;
    }
  orthanc = cs_test_orthanc_get_or_skip ();
  if (orthanc == NULL)
    return NULL;
  cs_test_orthanc_load_slide (orthanc, slide, CMU_DATASET, &error);
  g_assert_no_error (error);

  return orthanc;
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/dicomweb-client/harness", test_harness_serves_the_slide);

  return g_test_run ();
}
