/* cs-test-report.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-report.h"

#include <libsoup/soup.h>
#include <string.h>

#include "cs-annotation-io.h"

CsReport *
cs_test_report_new (const char *accession,
                    const char *referring_accession,
                    gboolean    sign)
{
  g_autoptr(CsReport) report = cs_report_new ();
  g_autoptr(GError) error = NULL;
  const char *const fields[] = {
    "case.consult_accession", accession, "case.referring_accession", referring_accession,
    "requesting.institution", "Клиника № 1", "requesting.pathologist.name", "Dr. Ito",
    "consultant.name", "Dr. Müller", "consultant.institution", "Universitätsklinikum",
    "clinical_history", "not provided", "question", "Invasive?",
    "materials.mode", "digital_only", "diagnosis.0.text", "Adenocarcinoma", NULL
  };

  for (guint i = 0; fields[i] != NULL; i += 2)
    g_assert_true (cs_report_set_text (report, fields[i], fields[i + 1], NULL));
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_NOT_APPLICABLE, NULL));
  if (sign)
    g_assert_true (cs_report_finalize (report, "Dr. Müller", NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&report);
}

CsReport *
cs_test_report_new_citing (const char *accession,
                           const char *annotations,
                           const char *slide_id)
{
  g_autoptr(CsReport) report = cs_test_report_new (accession, "S26-4567", FALSE);
  g_autoptr(CsAnnotationImport) import = cs_annotation_import_file (annotations, NULL, NULL);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (import);
  cs_annotation_list_load (list, import->annotations);
  g_assert_true (cs_report_cite (report, g_ptr_array_index (import->annotations, 0), slide_id,
                                 "The focus", &error));
  g_assert_true (cs_report_finalize (report, "Dr. Müller", list, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&report);
}

/* WADO-RS of one instance: the DICOM file from its multipart answer. */
GBytes *
cs_test_report_retrieve (CsTestOrthanc *orthanc,
                         const char    *study_uid,
                         const char    *series_uid,
                         const char    *instance_uid)
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
                         cs_test_orthanc_get_dicomweb_url (orthanc), study_uid,
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

CsCase *
cs_test_case_new_citing (const char *path,
                         const char *question)
{
  g_autoptr(CsSlide) slide = cs_slide_new (path, NULL);
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (slide);
  g_assert_nonnull (cs_slide_compute_identity (slide, NULL, NULL));
  g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  g_assert_no_error (error);
  cs_case_set_text (kase, "question", question);

  return g_steal_pointer (&kase);
}

void
cs_test_case_save (const char *directory,
                   CsCase     *kase)
{
  g_autoptr(CsCaseStore) store = cs_case_store_new (directory);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_case_store_load (store, &error));
  g_assert_no_error (error);
  cs_case_store_add (store, kase);
  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);
}
