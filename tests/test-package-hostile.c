/* test-package-hostile.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-package.h"
#include "cs-test-hostile.h"
#include "cs-test-zip.h"
#include "cs-test-utils.h"

/* Hostile and damaged packages, written entry by entry with libarchive
 * (synthesised: no public sample covers them), are refused with the right
 * error, naming the package and the entry, and leave nothing behind: the
 * whole temporary tree (the receiver's data folders, the package, the
 * system's temporary folder of this test) is listed before and after. */

#define EMPTY_GEOJSON CS_TEST_EMPTY_GEOJSON
#define ANNOTATIONS   CS_TEST_ANNOTATIONS

typedef CsTestHostile Fixture;

#define assert_refused cs_test_hostile_assert_refused
#define write_package  cs_test_hostile_write
#define write_valid    cs_test_hostile_write_valid
#define manifest_data  cs_test_hostile_manifest_data

static void
test_valid_control (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  CsPackageImportOptions options = {
    .cases = f->store,
    .annotation_directory = f->annotations,
    .slide_directory = f->slides,
  };

  write_valid (f, NULL);
  manifest = cs_package_inspect (f->package, NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (manifest);
  result = cs_package_import (&options, f->package, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (result->case_created);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  /* the referenced slide is not here: said, not fatal */
  g_assert_cmpuint (result->warnings->len, ==, 1);
}

static void
test_zip_slip (Fixture       *f,
               gconstpointer  data)
{
  const char *names[] = { "../evil", "/abs", "reports/../../x", "annotations/..\\..\\x" };
  /* the message escapes the backslashes */
  const char *quoted[] = { "../evil", "/abs", "reports/../../x", "annotations/..\\\\..\\\\x" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
      CsTestZipEntry extra[] = { { names[i], CS_TEST_ZIP_FILE, "evil", -1 } };

      write_package (f, manifest, extra, 1, NULL);
      assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_UNSAFE, quoted[i]);
    }
}

static void
test_links_and_folders (Fixture       *f,
                        gconstpointer  data)
{
  const CsTestZipEntry cases[] = {
    { ANNOTATIONS, CS_TEST_ZIP_SYMLINK, "/etc/passwd", -1 },
    { ANNOTATIONS, CS_TEST_ZIP_SYMLINK, "../../../../outside", -1 },
    { "annotations/", CS_TEST_ZIP_DIRECTORY, "", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);

      cs_test_package_add_annotations (manifest, ANNOTATIONS, "Dr. Sender", EMPTY_GEOJSON,
                                       strlen (EMPTY_GEOJSON));
      write_package (f, manifest, &cases[i], 1, NULL);
      assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_UNSAFE, cases[i].name);
    }
}

/* Zip has no hard links: libarchive writes one as an empty regular file,
 * which then does not match its listing. */
static void
test_hardlink (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  CsTestZipEntry extra[] = { { ANNOTATIONS, CS_TEST_ZIP_HARDLINK, "case.json", -1 } };

  cs_test_package_add_annotations (manifest, ANNOTATIONS, "Dr. Sender", EMPTY_GEOJSON,
                                   strlen (EMPTY_GEOJSON));
  write_package (f, manifest, extra, 1, NULL);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_MISMATCH, ANNOTATIONS);
}

static void
test_larger_than_declared (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  CsTestZipEntry extra[] = { { ANNOTATIONS, CS_TEST_ZIP_FILE, EMPTY_GEOJSON, -1 } };
  CsPackageFile *file = cs_test_package_add_annotations (manifest, ANNOTATIONS, "Dr. Sender",
                                                         EMPTY_GEOJSON, 10);

  g_assert_cmpuint (file->size, ==, 10);
  write_package (f, manifest, extra, 1, NULL);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_TOO_LARGE, ANNOTATIONS);
}

/* 64 MiB of zeros deflate to 64 KiB: declared as 10 bytes, the read stops
 * after the first chunk. */
static void
test_zip_bomb (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  gsize len = 64 << 20;
  g_autofree char *zeros = g_malloc0 (len);
  CsTestZipEntry extra[] = { { ANNOTATIONS, CS_TEST_ZIP_FILE, zeros, len } };
  gint64 start;

  cs_test_package_add_annotations (manifest, ANNOTATIONS, "Dr. Sender", zeros, 10);
  write_package (f, manifest, extra, 1, NULL);
  start = g_get_monotonic_time ();
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_TOO_LARGE, ANNOTATIONS);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_total_above_limit (Fixture       *f,
                        gconstpointer  data)
{
  write_valid (f, NULL);
  assert_refused (f, 64, NULL, CS_PACKAGE_ERROR_TOO_LARGE, NULL);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  gsize len = 256 << 10;
  g_autofree char *noise = g_malloc (len);
  CsTestZipEntry extra[] = { { ANNOTATIONS, CS_TEST_ZIP_FILE, noise, len } };
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  for (gsize i = 0; i < len; i++)
    noise[i] = (char) g_rand_int_range (rand, 0, 256);
  cs_test_package_add_annotations (manifest, ANNOTATIONS, "Dr. Sender", noise, len);
  write_package (f, manifest, extra, 1, NULL);
  g_assert_true (g_file_get_contents (f->package, &bytes, &size, &error));
  g_assert_true (g_file_set_contents (f->package, bytes, size / 2, &error));
  g_assert_no_error (error);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_TRUNCATED, NULL);
}

static void
test_wrong_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);

  manifest->version = CS_PACKAGE_VERSION + 1;
  write_package (f, manifest, NULL, 0, NULL);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_VERSION, NULL);
}

/* The manifest's JSON without any member whose name holds @part. */
static char *
manifest_without (CsPackageManifest *manifest,
                  const char        *part)
{
  g_autofree char *data = manifest_data (manifest);
  g_autoptr(JsonNode) root = json_from_string (data, NULL);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GList) members = json_object_get_members (object);
  guint removed = 0;

  for (GList *l = members; l != NULL; l = l->next)
    if (strstr (l->data, part) != NULL)
      {
        json_object_remove_member (object, l->data);
        removed++;
      }
  g_assert_cmpuint (removed, >, 0);
  return json_to_string (root, TRUE);
}

static void
test_malformed_manifest (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  g_autofree char *no_case = manifest_without (manifest, "case");
  g_autofree char *no_slides = manifest_without (manifest, "slides");
  const char *bodies[] = { "this is not JSON", "[1, 2, 3]", "{}", no_case, no_slides };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      CsTestZipEntry entries[] = {
        { "manifest.json", CS_TEST_ZIP_FILE, bodies[i], -1 },
        { "case.json", CS_TEST_ZIP_FILE, f->case_data, -1 },
      };

      cs_test_zip_write (f->package, entries, G_N_ELEMENTS (entries), NULL);
      assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_INVALID, NULL);
    }
}

static void
test_unlisted_entry (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  CsTestZipEntry extra[] = { { ANNOTATIONS, CS_TEST_ZIP_FILE, EMPTY_GEOJSON, -1 } };

  write_package (f, manifest, extra, 1, NULL);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_INVALID, ANNOTATIONS);
}

static void
test_missing_entry (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);

  cs_test_package_add_annotations (manifest, ANNOTATIONS, "Dr. Sender", EMPTY_GEOJSON,
                                   strlen (EMPTY_GEOJSON));
  write_package (f, manifest, NULL, 0, NULL);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_TRUNCATED, ANNOTATIONS);
}

static void
test_hash_mismatch (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  const char *other = "{\"type\": \"FeatureCollection\", \"features\":[] }";
  CsTestZipEntry extra[] = { { ANNOTATIONS, CS_TEST_ZIP_FILE, other, -1 } };

  /* same size, other bytes */
  g_assert_cmpuint (strlen (other), ==, strlen (EMPTY_GEOJSON));
  cs_test_package_add_annotations (manifest, ANNOTATIONS, "Dr. Sender", EMPTY_GEOJSON,
                                   strlen (EMPTY_GEOJSON));
  write_package (f, manifest, extra, 1, NULL);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_MISMATCH, ANNOTATIONS);
}

static void
test_manifest_not_first (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  g_autofree char *body = manifest_data (manifest);
  CsTestZipEntry entries[] = {
    { "case.json", CS_TEST_ZIP_FILE, f->case_data, -1 },
    { "manifest.json", CS_TEST_ZIP_FILE, body, -1 },
  };

  cs_test_zip_write (f->package, entries, G_N_ELEMENTS (entries), NULL);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_INVALID, NULL);
}

static void
test_manifest_link (Fixture       *f,
                    gconstpointer  data)
{
  CsTestZipEntry entries[] = {
    { "manifest.json", CS_TEST_ZIP_SYMLINK, "/etc/passwd", -1 },
    { "case.json", CS_TEST_ZIP_FILE, f->case_data, -1 },
  };

  cs_test_zip_write (f->package, entries, G_N_ELEMENTS (entries), NULL);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_UNSAFE, "manifest.json");
}

static void
test_not_a_zip (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (f->package, "%PDF-1.7\n", -1, &error));
  g_assert_no_error (error);
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_INVALID, NULL);
}

static void
test_passphrase (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;

  write_valid (f, "correct horse battery staple");
  assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_PASSPHRASE, NULL);
  assert_refused (f, 0, "wrong", CS_PACKAGE_ERROR_WRONG_PASSPHRASE, NULL);
  manifest = cs_package_inspect (f->package, "correct horse battery staple", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (manifest);
}

/* Saved views that are not JSON, of a newer format, or with a stop naming
 * nothing: refused, naming the entry, nothing applied (import only: the
 * entries match their listing, so inspect accepts them). */
static void
test_bad_views (Fixture       *f,
                gconstpointer  data)
{
  const char *path = "views/" CS_TEST_ZIP_SLIDE_KEY ".json";
  const char *docs[] = {
    "{ \"views\": [",
    "{ \"consilium\": { \"format\": 9 } }",
    "{ \"consilium\": { \"format\": 1 }, \"tours\": [ { \"id\": \"t\", \"name\": \"n\","
    " \"stops\": [ { \"caption\": \"nowhere\" } ] } ] }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
      CsTestZipEntry extra[] = { { path, CS_TEST_ZIP_FILE, docs[i], -1 } };

      cs_test_package_add_views (manifest, path, docs[i]);
      write_package (f, manifest, extra, 1, NULL);
      assert_refused (f, G_GUINT64_CONSTANT (1) << 40, NULL, CS_PACKAGE_ERROR_INVALID, path);
    }
}

#define ADD CS_TEST_HOSTILE_ADD

int
main (int   argc,
      char *argv[])
{
  cs_test_hostile_init (&argc, &argv);

  ADD ("/package-hostile/valid-control", test_valid_control);
  ADD ("/package-hostile/zip-slip", test_zip_slip);
  ADD ("/package-hostile/links-and-folders", test_links_and_folders);
  ADD ("/package-hostile/hardlink", test_hardlink);
  ADD ("/package-hostile/larger-than-declared", test_larger_than_declared);
  ADD ("/package-hostile/zip-bomb", test_zip_bomb);
  ADD ("/package-hostile/total-above-limit", test_total_above_limit);
  ADD ("/package-hostile/truncated", test_truncated);
  ADD ("/package-hostile/wrong-version", test_wrong_version);
  ADD ("/package-hostile/malformed-manifest", test_malformed_manifest);
  ADD ("/package-hostile/unlisted-entry", test_unlisted_entry);
  ADD ("/package-hostile/missing-entry", test_missing_entry);
  ADD ("/package-hostile/hash-mismatch", test_hash_mismatch);
  ADD ("/package-hostile/bad-views", test_bad_views);
  ADD ("/package-hostile/manifest-not-first", test_manifest_not_first);
  ADD ("/package-hostile/manifest-link", test_manifest_link);
  ADD ("/package-hostile/not-a-zip", test_not_a_zip);
  ADD ("/package-hostile/passphrase", test_passphrase);

  return cs_test_hostile_run ();
}
