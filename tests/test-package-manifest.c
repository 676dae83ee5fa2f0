/* test-package-manifest.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-json-path.h"
#include "cs-package-private.h"
#include "cs-test-package.h"

#define NAME "sample.consilium"

/* ---- the manifest ---- */

static void
test_manifest_round_trip (void)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_sample_manifest ();
  g_autoptr(CsPackageManifest) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  CsPackageSlide *slide;
  CsPackageOpinion *opinion;
  CsPackageAnnotations *annotations;
  gsize len = 0;

  data = cs_package_manifest_to_data (manifest, &len);
  parsed = cs_package_manifest_parse (data, len, NAME, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);

  again = cs_package_manifest_to_data (parsed, NULL);
  g_assert_cmpstr (again, ==, data);

  g_assert_cmpint (parsed->version, ==, CS_PACKAGE_VERSION);
  g_assert_cmpstr (parsed->created, ==, manifest->created);
  g_assert_cmpstr (parsed->sender_name, ==, "Dr. Ana Referrer");
  g_assert_cmpstr (parsed->sender_institution, ==, "Hospital A");
  g_assert_cmpstr (parsed->message, ==, "Please look at the margin.");
  g_assert_cmpstr (parsed->case_id, ==, manifest->case_id);
  g_assert_cmpstr (parsed->case_file->path, ==, "case.json");
  g_assert_cmpuint (parsed->case_file->size, ==, 1234);

  g_assert_cmpuint (parsed->slides->len, ==, 2);
  slide = g_ptr_array_index (parsed->slides, 0);
  g_assert_true (slide->deidentified);
  g_assert_nonnull (slide->file);
  g_assert_cmpuint (slide->size, ==, G_GUINT64_CONSTANT (5000000000));
  g_assert_cmpuint (slide->file->size, ==, G_GUINT64_CONSTANT (5000000000));
  slide = g_ptr_array_index (parsed->slides, 1);
  g_assert_false (slide->deidentified);
  g_assert_null (slide->file);
  g_assert_cmpuint (slide->size, ==, 0);

  g_assert_cmpuint (parsed->annotations->len, ==, 2);
  annotations = g_ptr_array_index (parsed->annotations, 1);
  g_assert_cmpstr (annotations->author, ==, "");
  g_assert_cmpuint (annotations->count, ==, 3);

  g_assert_cmpuint (parsed->opinions->len, ==, 2);
  opinion = g_ptr_array_index (parsed->opinions, 0);
  g_assert_cmpstr (opinion->status, ==, "amended");
  g_assert_cmpint (opinion->revision, ==, 3);
  g_assert_cmpuint (opinion->revisions->len, ==, 2);
  g_assert_nonnull (opinion->pdf);
  g_assert_nonnull (opinion->content_sha256);
  opinion = g_ptr_array_index (parsed->opinions, 1);
  g_assert_null (opinion->pdf);
  g_assert_null (opinion->content_sha256);

  {
    g_autoptr(GPtrArray) files = cs_package_manifest_list_files (parsed);

    /* case, 3 + 1 report files, a PDF, 2 annotation files, 1 slide */
    g_assert_cmpuint (files->len, ==, 9);
    g_assert_true (g_ptr_array_index (files, 0) == parsed->case_file);
    g_assert_cmpuint (cs_package_manifest_get_total_size (parsed), ==,
                      cs_package_manifest_get_total_size (manifest));
  }
}

/* A change to the sample manifest: the member at @path (dotted, numbers
 * index arrays) set to the JSON @value, or removed when @value is NULL. */
typedef struct
{
  const char *path;
  const char *value;
  gint        code;
  const char *message;   /* a part the message must hold */
} Mutation;

static const Mutation mutations[] = {
  { "format", NULL, CS_PACKAGE_ERROR_INVALID, "“format”: missing" },
  { "format", "\"io.example.other\"", CS_PACKAGE_ERROR_INVALID, "not a consult package" },
  { "format", "7", CS_PACKAGE_ERROR_INVALID, "“format”: not a string" },
  { "version", "2", CS_PACKAGE_ERROR_VERSION, "made by a newer Consilium: format version 2; this version reads 1" },
  { "version", "0", CS_PACKAGE_ERROR_VERSION, "format version 0" },
  { "version", "\"1\"", CS_PACKAGE_ERROR_INVALID, "“version”: not an integer" },
  { "version", "1.0", CS_PACKAGE_ERROR_INVALID, "“version”: not an integer" },
  { "created", NULL, CS_PACKAGE_ERROR_INVALID, "“created”: missing" },
  { "generator", "null", CS_PACKAGE_ERROR_INVALID, "“generator”: not a string" },
  { "sender", "[]", CS_PACKAGE_ERROR_INVALID, "“sender”: not an object" },
  { "sender.name", "12", CS_PACKAGE_ERROR_INVALID, "“sender.name”: not a string" },
  { "message", "false", CS_PACKAGE_ERROR_INVALID, "“message”: not a string" },
  { "case.id", "\"\"", CS_PACKAGE_ERROR_INVALID, "“case.id”: empty" },
  { "case.file", NULL, CS_PACKAGE_ERROR_INVALID, "“case.file”: missing" },
  { "case.file.sha256", "\"" CS_TEST_PACKAGE_UPPER_SHA "\"", CS_PACKAGE_ERROR_INVALID, "“case.file.sha256”: not a SHA-256" },
  { "case.file.sha256", "\"abc\"", CS_PACKAGE_ERROR_INVALID, "“case.file.sha256”: not a SHA-256" },
  { "case.file.size", "-1", CS_PACKAGE_ERROR_INVALID, "“case.file.size”: negative" },
  { "case.file.size", "12.5", CS_PACKAGE_ERROR_INVALID, "“case.file.size”: not an integer" },
  { "case.file.size", "\"12\"", CS_PACKAGE_ERROR_INVALID, "“case.file.size”: not an integer" },
  { "case.file.path", "\"manifest.json\"", CS_PACKAGE_ERROR_INVALID, "never lists itself" },
  { "case.file.path", "\"case.txt\"", CS_PACKAGE_ERROR_INVALID, "not an entry of a consult package" },
  { "opinions.0.file.path", "\"case.json\"", CS_PACKAGE_ERROR_INVALID, "listed twice" },
  { "opinions.0.file.path", "\"reports/../case.json\"", CS_PACKAGE_ERROR_UNSAFE, "“..”" },
  { "opinions.0.file.path", "\"/etc/passwd\"", CS_PACKAGE_ERROR_UNSAFE, "absolute path" },
  { "opinions.0.file.path", "\"reports//x.json\"", CS_PACKAGE_ERROR_UNSAFE, "empty" },
  { "opinions.0.file.path", "\"reports/" CS_TEST_PACKAGE_OTHER_UUID ".json\"", CS_PACKAGE_ERROR_INVALID, "does not match" },
  { "opinions.0.status", "\"approved\"", CS_PACKAGE_ERROR_INVALID, "“opinions[0].status”: not a known status" },
  { "opinions.0.revision", "-3", CS_PACKAGE_ERROR_INVALID, "“opinions[0].revision”: negative" },
  { "opinions.0.content_sha256", "\"xyz\"", CS_PACKAGE_ERROR_INVALID, "“opinions[0].content_sha256”: not a SHA-256" },
  { "opinions.0.revisions", "{}", CS_PACKAGE_ERROR_INVALID, "“opinions[0].revisions”: not an array" },
  { "opinions.0.revisions.0.path", "\"reports/" CS_TEST_PACKAGE_REPORT_KEY ".r3.json\"", CS_PACKAGE_ERROR_INVALID, "not an earlier revision" },
  { "opinions.0.revisions.0.path", "\"reports/" CS_TEST_PACKAGE_REPORT_KEY ".r01.json\"", CS_PACKAGE_ERROR_INVALID, "not reports/" },
  { "opinions.0.pdf.path", "\"reports/" CS_TEST_PACKAGE_REPORT_KEY ".json\"", CS_PACKAGE_ERROR_INVALID, "listed twice" },
  { "opinions.1.id", NULL, CS_PACKAGE_ERROR_INVALID, "“opinions[1].id”: missing" },
  { "opinions", NULL, CS_PACKAGE_ERROR_INVALID, "“opinions”: missing" },
  { "slides.0.uuid", "\"urn:uuid:not-a-uuid\"", CS_PACKAGE_ERROR_INVALID, "“slides[0].uuid”: not “urn:uuid:”" },
  { "slides.0.uuid", "\"" CS_TEST_PACKAGE_SLIDE_KEY "\"", CS_PACKAGE_ERROR_INVALID, "“slides[0].uuid”" },
  { "slides.1.uuid", "\"urn:uuid:" CS_TEST_PACKAGE_SLIDE_KEY "\"", CS_PACKAGE_ERROR_INVALID, "this slide is listed twice" },
  { "slides.0.size", "-5", CS_PACKAGE_ERROR_INVALID, "“slides[0].size”: negative" },
  { "slides.0.size", "5", CS_PACKAGE_ERROR_INVALID, "size or SHA-256 differs" },
  { "slides.0.sha256", "\"" CS_TEST_PACKAGE_OTHER_SHA "\"", CS_PACKAGE_ERROR_INVALID, "size or SHA-256 differs" },
  { "slides.0.deidentified", "\"yes\"", CS_PACKAGE_ERROR_INVALID, "not true or false" },
  { "slides.0.file", NULL, CS_PACKAGE_ERROR_INVALID, "a de-identified slide must be included" },
  { "slides.0.file_name", "\"a/b.svs\"", CS_PACKAGE_ERROR_UNSAFE, "“slides[0].file_name”" },
  { "slides.0.file_name", "\"..\"", CS_PACKAGE_ERROR_UNSAFE, "“slides[0].file_name”" },
  { "slides.0.file_name", "\"a\\\\b.svs\"", CS_PACKAGE_ERROR_UNSAFE, "backslash" },
  { "slides.0.file_name", "\"a\\u0001.svs\"", CS_PACKAGE_ERROR_UNSAFE, "control character" },
  { "slides.0.file_name", "\"other.svs\"", CS_PACKAGE_ERROR_INVALID, "file name differs" },
  { "slides.0.file.path", "\"slides/" CS_TEST_PACKAGE_SLIDE_KEY "/..\"", CS_PACKAGE_ERROR_UNSAFE, "“..”" },
  { "slides.0.file.path", "\"slides/" CS_TEST_PACKAGE_SLIDE_KEY "/a\\\\b.svs\"", CS_PACKAGE_ERROR_UNSAFE, "backslash" },
  { "slides.0.file.path", "\"slides/" CS_TEST_PACKAGE_SLIDE_KEY "/sub/a.svs\"", CS_PACKAGE_ERROR_UNSAFE, "not a plain file name" },
  { "slides.0.file.path", "\"slides/" CS_TEST_PACKAGE_OTHER_UUID "/case-1.svs\"", CS_PACKAGE_ERROR_INVALID, "does not match" },
  { "annotations.0.slide_uuid", "\"urn:uuid:" CS_TEST_PACKAGE_OTHER_UUID "\"", CS_PACKAGE_ERROR_INVALID, "not a slide of the package" },
  { "annotations.0.count", "-1", CS_PACKAGE_ERROR_INVALID, "“annotations[0].count”: negative" },
  { "annotations.0.count", "4294967296", CS_PACKAGE_ERROR_INVALID, "too large" },
  { "annotations.0.file.path", "\"annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-2.geojson\"", CS_PACKAGE_ERROR_INVALID, "listed twice" },
  { "annotations.0.file.path", "\"annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-Ana.geojson\"", CS_PACKAGE_ERROR_INVALID, "not annotations/" },
  { "annotations", "[3]", CS_PACKAGE_ERROR_INVALID, "“annotations[0]”: not an object" },
  { "slides", "{}", CS_PACKAGE_ERROR_INVALID, "“slides”: not an array" },
};

static void
apply_mutation (JsonObject     *root,
                const Mutation *mutation)
{
  g_autofree char *parent_path = g_strdup (mutation->path);
  char *dot = strrchr (parent_path, '.');
  const char *last = dot != NULL ? dot + 1 : parent_path;
  JsonNode *parent = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  if (dot != NULL)
    {
      *dot = '\0';
      parent = cs_json_path_lookup (root, parent_path);
      g_assert_nonnull (parent);
    }
  if (mutation->value != NULL)
    {
      value = json_from_string (mutation->value, &error);
      g_assert_no_error (error);
    }

  {
    JsonObject *object = parent != NULL ? json_node_get_object (parent) : root;

    if (value != NULL)
      json_object_set_member (object, last, g_steal_pointer (&value));
    else
      json_object_remove_member (object, last);
  }
}

static void
test_manifest_strict (void)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_sample_manifest ();
  g_autofree char *data = cs_package_manifest_to_data (manifest, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      const Mutation *mutation = &mutations[i];
      g_autoptr(JsonNode) root = json_from_string (data, NULL);
      g_autoptr(CsPackageManifest) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *changed = NULL;

      g_test_message ("%s = %s", mutation->path, mutation->value ? mutation->value : "(removed)");
      apply_mutation (json_node_get_object (root), mutation);
      changed = json_to_string (root, FALSE);
      parsed = cs_package_manifest_parse (changed, strlen (changed), NAME, &error);
      g_assert_null (parsed);
      g_assert_error (error, CS_PACKAGE_ERROR, mutation->code);
      g_assert_true (g_str_has_prefix (error->message, NAME ": "));
      if (strstr (error->message, mutation->message) == NULL)
        g_error ("%s: “%s” does not hold “%s”", mutation->path, error->message, mutation->message);
    }
}

/* Texts that are not a manifest at all. */
static void
test_manifest_not_json (void)
{
  static const char *texts[] = {
    "",
    "not json",
    "[1, 2]",
    "{\"format\": \"io.github.consilium.package\", \"format\": \"io.github.consilium.package\"}",
    "{\"format\": \"io.github.consilium.package\"",
    /* json-glib would cut the string at the nul: refused before */
    "{\"format\": \"io.github.consilium.package\\u0000.evil\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(CsPackageManifest) parsed = NULL;
      g_autoptr(GError) error = NULL;

      parsed = cs_package_manifest_parse (texts[i], strlen (texts[i]), NAME, &error);
      g_assert_null (parsed);
      g_assert_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, NAME ": "));
    }
}

/* ---- entry names ---- */

typedef struct
{
  const char *path;
  gint        code;   /* -1: accepted */
} EntryName;

static void
test_entry_names (void)
{
  g_autofree char *long_name = g_strnfill (256, 'a');
  g_autofree char *longest_name = g_strnfill (255, 'a');
  g_autofree char *long_path = g_strconcat ("slides/" CS_TEST_PACKAGE_SLIDE_KEY "/", long_name, NULL);
  g_autofree char *longest_path = g_strconcat ("slides/" CS_TEST_PACKAGE_SLIDE_KEY "/", longest_name, NULL);
  const EntryName names[] = {
    { "manifest.json", -1 },
    { "case.json", -1 },
    { "reports/" CS_TEST_PACKAGE_REPORT_KEY ".json", -1 },
    { "reports/" CS_TEST_PACKAGE_REPORT_KEY ".r12.json", -1 },
    { "reports/" CS_TEST_PACKAGE_REPORT_KEY ".pdf", -1 },
    { "reports/" CS_TEST_PACKAGE_OTHER_SHA ".json", -1 },
    { "annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-1.geojson", -1 },
    { "annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-999999.geojson", -1 },
    { "slides/" CS_TEST_PACKAGE_SLIDE_KEY "/A1 HE.svs", -1 },
    { "slides/" CS_TEST_PACKAGE_SLIDE_KEY "/Präparat.svs", -1 },
    { longest_path, -1 },
    { long_path, CS_PACKAGE_ERROR_INVALID },
    { "", CS_PACKAGE_ERROR_UNSAFE },
    { "/case.json", CS_PACKAGE_ERROR_UNSAFE },
    { "../case.json", CS_PACKAGE_ERROR_UNSAFE },
    { "./case.json", CS_PACKAGE_ERROR_UNSAFE },
    { "reports\\x.json", CS_PACKAGE_ERROR_UNSAFE },
    { "case.json/", CS_PACKAGE_ERROR_UNSAFE },
    { "case\n.json", CS_PACKAGE_ERROR_UNSAFE },
    { "slides/" CS_TEST_PACKAGE_SLIDE_KEY "/\xff\xfe.svs", CS_PACKAGE_ERROR_UNSAFE },
    { "slides/" CS_TEST_PACKAGE_SLIDE_KEY "/..", CS_PACKAGE_ERROR_UNSAFE },
    { "slides/" CS_TEST_PACKAGE_SLIDE_KEY "/a/b.svs", CS_PACKAGE_ERROR_UNSAFE },
    { "slides/" CS_TEST_PACKAGE_SLIDE_KEY, CS_PACKAGE_ERROR_INVALID },
    { "slides/NOT-A-UUID/a.svs", CS_PACKAGE_ERROR_INVALID },
    { "Manifest.json", CS_PACKAGE_ERROR_INVALID },
    { "reports/" CS_TEST_PACKAGE_REPORT_KEY ".r0.json", CS_PACKAGE_ERROR_INVALID },
    { "reports/" CS_TEST_PACKAGE_REPORT_KEY ".txt", CS_PACKAGE_ERROR_INVALID },
    { "reports/" CS_TEST_PACKAGE_UPPER_SHA ".json", CS_PACKAGE_ERROR_INVALID },
    { "annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-0.geojson", CS_PACKAGE_ERROR_INVALID },
    { "annotations/" CS_TEST_PACKAGE_SLIDE_KEY ".geojson", CS_PACKAGE_ERROR_INVALID },
    { "notes.txt", CS_PACKAGE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = _cs_package_check_entry_name (names[i].path, &error);
      /* Some names are not UTF-8 on purpose; TAP output must be. */
      g_autofree char *shown = g_strescape (names[i].path, NULL);

      g_test_message ("%s", shown);
      if (names[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, CS_PACKAGE_ERROR, names[i].code);
        }
    }
}

static void
test_entry_name_parts (void)
{
  g_auto(CsPackageEntryName) name = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (_cs_package_parse_entry_name ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".r7.json", &name, &error));
  g_assert_no_error (error);
  g_assert_cmpint (name.kind, ==, CS_PACKAGE_ENTRY_REVISION);
  g_assert_cmpstr (name.key, ==, CS_TEST_PACKAGE_REPORT_KEY);
  g_assert_cmpint (name.revision, ==, 7);

  g_assert_true (_cs_package_parse_entry_name ("annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-12.geojson", &name, &error));
  g_assert_cmpint (name.kind, ==, CS_PACKAGE_ENTRY_ANNOTATIONS);
  g_assert_cmpstr (name.key, ==, CS_TEST_PACKAGE_SLIDE_KEY);
  g_assert_cmpuint (name.author, ==, 12);

  g_assert_true (_cs_package_parse_entry_name ("slides/" CS_TEST_PACKAGE_SLIDE_KEY "/A1.svs", &name, &error));
  g_assert_cmpint (name.kind, ==, CS_PACKAGE_ENTRY_SLIDE);
  g_assert_cmpstr (name.file_name, ==, "A1.svs");

  {
    g_autofree char *key = _cs_package_report_key ("urn:uuid:" CS_TEST_PACKAGE_REPORT_KEY);
    g_autofree char *upper = _cs_package_report_key ("urn:uuid:11111111-2222-4333-8444-55555555555A");

    g_assert_cmpstr (key, ==, CS_TEST_PACKAGE_REPORT_KEY);
    g_assert_cmpstr (upper, ==, "11111111-2222-4333-8444-55555555555a");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/package/entry-names", test_entry_names);
  g_test_add_func ("/package/entry-name-parts", test_entry_name_parts);
  g_test_add_func ("/package/manifest/round-trip", test_manifest_round_trip);
  g_test_add_func ("/package/manifest/strict", test_manifest_strict);
  g_test_add_func ("/package/manifest/not-json", test_manifest_not_json);

  return g_test_run ();
}
