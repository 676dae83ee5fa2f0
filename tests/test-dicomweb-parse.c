/* test-dicomweb-parse.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-dicomweb-private.h"

/* What the DICOMweb client makes of a server's bytes, without a server:
 * the DICOM JSON model of QIDO-RS and WADO-RS answers (good, malformed,
 * wrongly typed), multipart/related frames, the STOW-RS body, base URLs
 * and "dicomweb:" slide URLs. */

#define STUDY_UID "1.2.826.0.1.3680043.8.498.1"
#define SERIES_UID "1.2.826.0.1.3680043.8.498.2"

static GBytes *
text (const char *json)
{
  return g_bytes_new_static (json, strlen (json));
}

static void
test_studies (void)
{
  g_autoptr(GBytes) body = text (
    "[{\"0020000D\": {\"vr\": \"UI\", \"Value\": [\"" STUDY_UID "\"]},"
    "  \"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"DOE^J\"}]},"
    "  \"00100020\": {\"vr\": \"LO\", \"Value\": [\"P-1\"]},"
    "  \"00080020\": {\"vr\": \"DA\", \"Value\": [\"20260101\"]},"
    "  \"00080050\": {\"vr\": \"SH\"},"
    "  \"00080061\": {\"vr\": \"CS\", \"Value\": [\"SM\", \"DOC\"]},"
    "  \"00201206\": {\"vr\": \"IS\", \"Value\": [\"3\"]}},"
    " {\"0020000D\": {\"vr\": \"UI\", \"Value\": [\"1.2.3\"]},"
    "  \"00201206\": {\"vr\": \"IS\", \"Value\": [2]}}]");
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GError) error = NULL;
  CsDicomwebStudy *study;

  studies = _cs_dicomweb_parse_studies (body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, ==, 2);
  study = studies->pdata[0];
  g_assert_cmpstr (study->study_uid, ==, STUDY_UID);
  g_assert_cmpstr (study->patient_name, ==, "DOE^J");
  g_assert_cmpstr (study->patient_id, ==, "P-1");
  g_assert_cmpstr (study->study_date, ==, "20260101");
  g_assert_null (study->accession);
  g_assert_cmpuint (g_strv_length (study->modalities), ==, 2);
  g_assert_cmpstr (study->modalities[1], ==, "DOC");
  g_assert_cmpuint (study->n_series, ==, 3);
  study = studies->pdata[1];
  g_assert_cmpuint (study->n_series, ==, 2);
  g_assert_cmpuint (g_strv_length (study->modalities), ==, 0);
}

static void
test_empty_answers (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) array = text ("[]");
  g_autoptr(GPtrArray) no_content = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(GError) error = NULL;

  /* 204 No Content and [] are both empty lists. */
  no_content = _cs_dicomweb_parse_studies (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (no_content->len, ==, 0);
  none = _cs_dicomweb_parse_series (array, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  /* Metadata of a series cannot be nothing. */
  metadata = _cs_dicomweb_parse_metadata (empty, &error);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED);
  g_assert_null (metadata);
}

typedef struct
{
  const char *json;
  const char *message;   /* part of the error message */
} Hostile;

/* Malformed JSON and wrongly typed attributes: clear errors, no crash. */
static void
test_hostile_json (void)
{
  static const Hostile cases[] = {
    { "[{\"0020000D\": ", "not valid JSON" },
    { "{\"0020000D\": {}}", "not a JSON array" },
    { "[42]", "item 1" },
    { "[{\"00100020\": {\"vr\": \"LO\", \"Value\": [\"P\"]}}]", "(0020,000D) is missing" },
    { "[{\"0020000D\": \"1.2.3\"}]", "(0020,000D) is not a JSON object" },
    { "[{\"0020000D\": {\"vr\": \"UI\", \"Value\": \"1.2.3\"}}]", "not an array" },
    { "[{\"0020000D\": {\"vr\": \"UI\", \"Value\": [123]}}]", "(0020,000D) is not a string" },
    { "[{\"0020000D\": {\"vr\": \"UI\", \"Value\": [\"1.2\"]},"
      "  \"00201206\": {\"vr\": \"IS\", \"Value\": [\"many\"]}}]", "(0020,1206) is not a number" },
    { "[{\"0020000D\": {\"vr\": \"UI\", \"Value\": [\"1.2\"]},"
      "  \"00201206\": {\"vr\": \"IS\", \"Value\": [-4]}}]", "out of range" },
    { "[{\"0020000D\": {\"vr\": \"UI\", \"Value\": [\"1.2\"]},"
      "  \"00080061\": {\"vr\": \"CS\", \"Value\": [\"SM\", [1]]}}]", "(0008,0061) is not a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = text (cases[i].json);
      g_autoptr(GPtrArray) studies = NULL;
      g_autoptr(GError) error = NULL;

      studies = _cs_dicomweb_parse_studies (body, &error);
      g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED);
      g_assert_null (studies);
      g_test_message ("%s → %s", cases[i].json, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_series_and_metadata (void)
{
  g_autoptr(GBytes) series_body = text (
    "[{\"0020000E\": {\"vr\": \"UI\", \"Value\": [\"" SERIES_UID "\"]},"
    "  \"00080060\": {\"vr\": \"CS\", \"Value\": [\"SM\"]},"
    "  \"0008103E\": {\"vr\": \"LO\", \"Value\": [\"H&E\"]},"
    "  \"00201209\": {\"vr\": \"IS\", \"Value\": [4]}}]");
  g_autoptr(GBytes) metadata_body = text ("[{\"00480006\": {\"vr\": \"UL\", \"Value\": [2220]}}]");
  g_autoptr(GBytes) not_objects = text ("[{}, \"x\"]");
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(GError) error = NULL;
  CsDicomwebSeries *one;

  series = _cs_dicomweb_parse_series (series_body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 1);
  one = series->pdata[0];
  g_assert_cmpstr (one->series_uid, ==, SERIES_UID);
  g_assert_cmpstr (one->modality, ==, "SM");
  g_assert_cmpstr (one->description, ==, "H&E");
  g_assert_cmpuint (one->n_instances, ==, 4);

  metadata = _cs_dicomweb_parse_metadata (metadata_body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (metadata)), ==, 1);
  refused = _cs_dicomweb_parse_metadata (not_objects, &error);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "item 2"));
  g_assert_null (refused);
}

static void
test_store_answer (void)
{
  g_autoptr(GBytes) stored = text ("{\"00081199\": {\"vr\": \"SQ\", \"Value\": [{}]}}");
  g_autoptr(GBytes) failed = text ("{\"00081198\": {\"vr\": \"SQ\", \"Value\": [{}]}}");
  g_autoptr(GBytes) garbage = text ("<html>");
  g_autoptr(GError) error = NULL;

  g_assert_true (_cs_dicomweb_check_stored (stored, &error));
  g_assert_no_error (error);
  g_assert_false (_cs_dicomweb_check_stored (failed, &error));
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_false (_cs_dicomweb_check_stored (garbage, &error));
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED);
}

#define JPEG_BYTES "\xff\xd8 a frame \xff\xd9"

static GBytes *
frame_body (const char *part_type)
{
  g_autofree char *body = g_strdup_printf ("--XYZ\r\nContent-Type: %s\r\n\r\n" JPEG_BYTES
                                           "\r\n--XYZ--\r\n", part_type);

  return g_bytes_new_take (g_steal_pointer (&body), strlen (body));
}

static void
test_frames (void)
{
  static const struct
  {
    const char *content_type;
    const char *part_type;
    const char *syntax;
  } cases[] = {
    { "multipart/related; type=\"image/jpeg\"; boundary=XYZ",
      "image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.50" },
    { "multipart/related; type=\"image/jp2; transfer-syntax=1.2.840.10008.1.2.4.90\"; "
      "boundary=XYZ", "image/jp2", "1.2.840.10008.1.2.4.90" },
    { "multipart/related; boundary=XYZ", "image/jpeg", "1.2.840.10008.1.2.4.50" },
    { "multipart/related; boundary=XYZ", "application/octet-stream", "1.2.840.10008.1.2.1" },
  };
  g_autoptr(GBytes) unended = text ("--XYZ\r\nContent-Type: image/jpeg\r\n\r\n" JPEG_BYTES
                                    "\r\n--XYZ--");
  g_autoptr(GBytes) last = NULL;
  g_autoptr(GError) last_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = frame_body (cases[i].part_type);
      g_autoptr(GBytes) frame = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *syntax = NULL;

      frame = _cs_dicomweb_parse_frame (cases[i].content_type, body, &syntax, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (syntax, ==, cases[i].syntax);
      g_assert_cmpmem (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame),
                       JPEG_BYTES, strlen (JPEG_BYTES));
    }

  /* No line end after the close delimiter (RFC 2046 allows it). */
  last = _cs_dicomweb_parse_frame ("multipart/related; boundary=XYZ", unended, NULL,
                                   &last_error);
  g_assert_no_error (last_error);
  g_assert_cmpuint (g_bytes_get_size (last), ==, strlen (JPEG_BYTES));
}

static void
test_hostile_frames (void)
{
  static const struct
  {
    const char *content_type;
    const char *body;
    int         code;
  } cases[] = {
    { "image/jpeg", JPEG_BYTES, CS_DICOMWEB_ERROR_MALFORMED },
    { NULL, JPEG_BYTES, CS_DICOMWEB_ERROR_MALFORMED },
    { "multipart/related", "--XYZ\r\n\r\nx\r\n--XYZ--\r\n", CS_DICOMWEB_ERROR_MALFORMED },
    { "multipart/related; boundary=XYZ", JPEG_BYTES, CS_DICOMWEB_ERROR_MALFORMED },
    { "multipart/related; boundary=XYZ", "--XYZ--\r\n", CS_DICOMWEB_ERROR_MALFORMED },
    { "multipart/related; boundary=XYZ", "--XYZ\r\nContent-Type: image/jpeg\r\n\r\n\r\n--XYZ--\r\n",
      CS_DICOMWEB_ERROR_MALFORMED },
    { "multipart/related; boundary=XYZ", "--XYZ\r\nContent-Type: image/gif\r\n\r\nGIF\r\n--XYZ--\r\n",
      CS_DICOMWEB_ERROR_UNSUPPORTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = text (cases[i].body);
      g_autoptr(GBytes) frame = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *syntax = NULL;

      frame = _cs_dicomweb_parse_frame (cases[i].content_type, body, &syntax, &error);
      g_assert_error (error, CS_DICOMWEB_ERROR, cases[i].code);
      g_test_message ("case %u: %s", i, error->message);
      g_assert_null (frame);
      g_assert_null (syntax);
    }
}

/* The STOW-RS body holds the file as one application/dicom part, and
 * says so in its type. */
static void
test_store_body (void)
{
  g_autoptr(GBytes) part10 = text ("DICM and more");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *content_type = NULL;
  SoupMessageHeaders *part_headers = NULL;
  GBytes *part = NULL;

  body = _cs_dicomweb_build_store_body (part10, &content_type);
  soup_message_headers_replace (headers, "Content-Type", content_type);
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, &params), ==,
                   "multipart/related");
  g_assert_cmpstr (g_hash_table_lookup (params, "type"), ==, "application/dicom");
  multipart = soup_multipart_new_from_message (headers, body);
  g_assert_nonnull (multipart);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, 1);
  g_assert_true (soup_multipart_get_part (multipart, 0, &part_headers, &part));
  g_assert_cmpstr (soup_message_headers_get_content_type (part_headers, NULL), ==,
                   "application/dicom");
  g_assert_true (g_bytes_equal (part, part10));
}

static void
test_base_urls (void)
{
  static const char *const bad[] = {
    "", "dicom-web", "ftp://host/dicom-web", "http://", "https://host/dicom-web?x=1",
    "file:///tmp/x",
  };
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = cs_dicomweb_client_new ("https://pacs.example.org/dicom-web/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_dicomweb_client_get_base_url (client), ==,
                   "https://pacs.example.org/dicom-web");
  g_assert_cmpstr (cs_dicomweb_client_get_name (client), ==, "pacs.example.org");
  cs_dicomweb_client_set_name (client, "Pathology PACS");
  g_assert_cmpstr (cs_dicomweb_client_get_name (client), ==, "Pathology PACS");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CsDicomwebClient) refused = cs_dicomweb_client_new (bad[i], &error);

      g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_URL);
      g_assert_null (refused);
      g_clear_error (&error);
    }
}

static void
test_uids_in_paths (void)
{
  g_autoptr(CsDicomwebClient) client = cs_dicomweb_client_new ("http://127.0.0.1:9/x", NULL);
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;

  /* Refused before any request: a "UID" that would change the path. */
  series = cs_dicomweb_client_search_series (client, "1.2/../../admin", NULL, NULL, &error);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_URL);
  g_assert_null (series);
  g_clear_error (&error);
  frame = cs_dicomweb_client_get_frame (client, "1.2", "1.3", "1.4?x", 1, NULL, NULL, &error);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_URL);
  g_assert_null (frame);
}

static void
test_slide_urls (void)
{
  static const char *const bad[] = {
    "https://host/dicom-web/studies/1.2/series/1.3",
    "dicomweb:https://host/dicom-web/studies/1.2",
    "dicomweb:https://host/dicom-web/studies/1.2/series/",
    "dicomweb:https://host/dicom-web/studies/1.2/instances/1.3",
    "dicomweb:https://host/dicom-web/studies/1.2/series/1.3/x",
    "dicomweb:https://host/dicom-web/studies/1.2/series/1.3a",
    "dicomweb:/studies/1.2/series/1.3",
    "dicomweb:ftp://host/studies/1.2/series/1.3",
  };
  g_autofree char *url = cs_dicomweb_make_slide_url ("https://host/dicom-web/",
                                                     STUDY_UID, SERIES_UID);
  g_autofree char *base = NULL;
  g_autofree char *study = NULL;
  g_autofree char *series = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (url, ==, "dicomweb:https://host/dicom-web/studies/" STUDY_UID
                   "/series/" SERIES_UID);
  g_assert_true (cs_dicomweb_parse_slide_url (url, &base, &study, &series, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (base, ==, "https://host/dicom-web");
  g_assert_cmpstr (study, ==, STUDY_UID);
  g_assert_cmpstr (series, ==, SERIES_UID);
  /* A trailing slash, and a base that itself holds "studies". */
  g_clear_pointer (&study, g_free);
  g_assert_true (cs_dicomweb_parse_slide_url ("dicomweb:http://h:8042/studies/dw/studies/1.2/"
                                              "series/1.3/", NULL, &study, NULL, &error));
  g_assert_cmpstr (study, ==, "1.2");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (cs_dicomweb_parse_slide_url (bad[i], NULL, NULL, NULL, &error));
      g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_URL);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/dicomweb-parse/studies", test_studies);
  g_test_add_func ("/cs/dicomweb-parse/empty-answers", test_empty_answers);
  g_test_add_func ("/cs/dicomweb-parse/hostile-json", test_hostile_json);
  g_test_add_func ("/cs/dicomweb-parse/series-and-metadata", test_series_and_metadata);
  g_test_add_func ("/cs/dicomweb-parse/store-answer", test_store_answer);
  g_test_add_func ("/cs/dicomweb-parse/frames", test_frames);
  g_test_add_func ("/cs/dicomweb-parse/hostile-frames", test_hostile_frames);
  g_test_add_func ("/cs/dicomweb-parse/store-body", test_store_body);
  g_test_add_func ("/cs/dicomweb-parse/base-urls", test_base_urls);
  g_test_add_func ("/cs/dicomweb-parse/uids-in-paths", test_uids_in_paths);
  g_test_add_func ("/cs/dicomweb-parse/slide-urls", test_slide_urls);

  return g_test_run ();
}
