/* test-cli-dicomweb.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-test-cli.h"
#include "cs-test-orthanc.h"

/* consilium-cli dicomweb studies/series against a real Orthanc holding
 * CMU-1-Small-Region.svs (tests/cs-test-orthanc.h), run as the user runs
 * it; the password comes from a file. */

typedef CsTestCli Fixture;

#define CMU_DATASET "{\"PatientID\": \"CLI-0001\", \"AccessionNumber\": \"CLI-ACC\"}"

static CsTestOrthanc *
orthanc_with_slide (void)
{
  return cs_test_orthanc_get_with_slide_or_skip ("CMU-1-Small-Region.svs", CMU_DATASET);
}

static char *
write_secret (Fixture    *f,
              const char *name,
              const char *secret)
{
  g_autoptr(GError) error = NULL;
  char *path = cs_test_cli_path (f, name);

  g_file_set_contents (path, secret, -1, &error);
  g_assert_no_error (error);

  return path;
}

static JsonArray *
parse_output (Fixture     *f,
              JsonParser  *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));

  return json_node_get_array (json_parser_get_root (parser));
}

/* studies --json with a filter, then series --json of that study: the
 * SM series with the dicomweb: address that opens it. */
static void
test_studies_and_series_json (Fixture      *f,
                              gconstpointer data)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autoptr(JsonParser) studies_parser = json_parser_new ();
  g_autoptr(JsonParser) series_parser = json_parser_new ();
  g_autofree char *password = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *prefix = NULL;
  JsonArray *studies;
  JsonArray *series;
  JsonObject *study;
  JsonObject *one;

  if (orthanc == NULL)
    return;
  password = write_secret (f, "password", CS_TEST_ORTHANC_PASSWORD "\n");

  cs_test_cli_run (f, "dicomweb", "studies", cs_test_orthanc_get_dicomweb_url (orthanc),
                   "--patient-id", "CLI-0001", "--modality", "SM", "--user",
                   CS_TEST_ORTHANC_USER, "--password-file", password, "--json", NULL);
  studies = parse_output (f, studies_parser);
  g_assert_cmpuint (json_array_get_length (studies), ==, 1);
  study = json_array_get_object_element (studies, 0);
  g_assert_cmpstr (json_object_get_string_member (study, "accession"), ==, "CLI-ACC");
  g_assert_cmpint (json_object_get_int_member (study, "n_series"), ==, 1);
  study_uid = g_strdup (json_object_get_string_member (study, "study_uid"));

  cs_test_cli_run (f, "dicomweb", "series", cs_test_orthanc_get_dicomweb_url (orthanc),
                   study_uid, "--modality", "SM", "--user", CS_TEST_ORTHANC_USER,
                   "--password-file", password, "--json", NULL);
  series = parse_output (f, series_parser);
  g_assert_cmpuint (json_array_get_length (series), ==, 1);
  one = json_array_get_object_element (series, 0);
  g_assert_cmpstr (json_object_get_string_member (one, "modality"), ==, "SM");
  g_assert_cmpint (json_object_get_int_member (one, "n_instances"), ==, 1);
  prefix = g_strconcat ("dicomweb:", cs_test_orthanc_get_dicomweb_url (orthanc), "/studies/",
                        study_uid, "/series/", json_object_get_string_member (one, "series_uid"),
                        NULL);
  g_assert_cmpstr (json_object_get_string_member (one, "slide_url"), ==, prefix);
}

/* The text output: a header and one row per study, --limit obeyed. */
static void
test_studies_text (Fixture      *f,
                   gconstpointer data)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autofree char *password = NULL;
  g_auto(GStrv) lines = NULL;

  if (orthanc == NULL)
    return;
  password = write_secret (f, "password", CS_TEST_ORTHANC_PASSWORD);

  cs_test_cli_run (f, "dicomweb", "studies", cs_test_orthanc_get_dicomweb_url (orthanc),
                   "--accession", "CLI-ACC", "--user", CS_TEST_ORTHANC_USER,
                   "--password-file", password, "--limit", "1", NULL);
  g_assert_cmpint (f->status, ==, 0);
  lines = g_strsplit (f->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "Study UID"));
  g_assert_nonnull (strstr (lines[1], "CLI-0001"));
  g_assert_nonnull (strstr (lines[1], "CLI-ACC"));

  cs_test_cli_run (f, "dicomweb", "studies", cs_test_orthanc_get_dicomweb_url (orthanc),
                   "--patient-id", "NOBODY", "--user", CS_TEST_ORTHANC_USER,
                   "--password-file", password, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->out, ==, "No study matches.\n");
}

static void
test_errors (Fixture      *f,
             gconstpointer data)
{
  CsTestOrthanc *orthanc = orthanc_with_slide ();
  g_autofree char *wrong = NULL;
  g_autofree char *empty = NULL;
  const char *url;

  if (orthanc == NULL)
    return;
  url = cs_test_orthanc_get_dicomweb_url (orthanc);
  wrong = write_secret (f, "wrong", "not-the-password\n");
  empty = write_secret (f, "empty", "\n");

  cs_test_cli_run (f, "dicomweb", "studies", url, "--user", CS_TEST_ORTHANC_USER,
                   "--password-file", wrong, NULL);
  cs_test_cli_assert_error (f, 1, "refused access (HTTP 401");
  g_assert_nonnull (strstr (f->err, "127.0.0.1"));
  g_assert_null (strstr (f->err, "not-the-password"));

  cs_test_cli_run (f, "dicomweb", "studies", url, NULL);
  cs_test_cli_assert_error (f, 1, "HTTP 401");
  cs_test_cli_run (f, "dicomweb", "studies", url, "--user", CS_TEST_ORTHANC_USER, NULL);
  cs_test_cli_assert_error (f, 2, "--user and --password-file go together");
  cs_test_cli_run (f, "dicomweb", "studies", url, "--token-file", empty, NULL);
  cs_test_cli_assert_error (f, 2, "holds no password or token");
  cs_test_cli_run (f, "dicomweb", "studies", url, "--limit", "-1", NULL);
  cs_test_cli_assert_error (f, 2, "--limit must be 0 or more");
  cs_test_cli_run (f, "dicomweb", "studies", "ftp://example.org/dicom-web", NULL);
  cs_test_cli_assert_error (f, 1, "is not the http or https address");
  cs_test_cli_run (f, "dicomweb", "series", url, "1.2/../x", NULL);
  cs_test_cli_assert_error (f, 1, "is not a DICOM UID");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cs/cli-dicomweb/" path, Fixture, NULL, cs_test_cli_setup, func, \
              cs_test_cli_teardown)
  ADD ("studies-and-series-json", test_studies_and_series_json);
  ADD ("studies-text", test_studies_text);
  ADD ("errors", test_errors);
#undef ADD

  return g_test_run ();
}
