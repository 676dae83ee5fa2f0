/* cs-test-remote.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-dicomweb.h"
#include "cs-test-remote.h"

/* Remote slides for the tests: a slide loaded into the test Orthanc and
 * named as Consilium names a remote slide, and the credentials. */

static char *password_used;

static CsDicomwebCredentials *
credentials (const char *base_url,
             gpointer    user_data)
{
  CsDicomwebCredentials *found = g_new0 (CsDicomwebCredentials, 1);

  found->auth = CS_DICOMWEB_AUTH_BASIC;
  found->username = g_strdup (CS_TEST_ORTHANC_USER);
  found->secret = g_strdup (password_used ? password_used : CS_TEST_ORTHANC_PASSWORD);

  return found;
}

void
cs_test_remote_set_password (const char *password)
{
  g_free (password_used);
  password_used = g_strdup (password);
  cs_dicomweb_set_credentials_func (credentials, NULL);
}

char *
cs_test_remote_slide_url (CsTestOrthanc *orthanc,
                          const char    *path,
                          const char    *dataset,
                          const char    *patient_id)
{
  const char *base = cs_test_orthanc_get_dicomweb_url (orthanc);
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  CsDicomwebQuery query = { .patient_id = patient_id };
  CsDicomwebStudy *study;

  cs_test_orthanc_load_slide (orthanc, path, dataset, &error);
  g_assert_no_error (error);
  client = cs_dicomweb_client_new (base, &error);
  g_assert_no_error (error);
  studies = cs_dicomweb_client_search_studies (client, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, ==, 1);
  study = g_ptr_array_index (studies, 0);
  series = cs_dicomweb_client_search_series (client, study->study_uid, "SM", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 1);

  return cs_dicomweb_make_slide_url (base, study->study_uid,
                                     ((CsDicomwebSeries *) g_ptr_array_index (series, 0))
                                       ->series_uid);
}
