/* test-package-limits.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-package-private.h"
#include "cs-test-hostile.h"
#include "cs-test-utils.h"

/* Packages that cost the receiver more than they are worth (entries
 * declaring sizes no case needs, thousands of slides to search for) or
 * that mix encrypted and plain entries are refused before anything is
 * extracted; a passphrase that is empty or not needed is said as such. */

#define PASSPHRASE "correct horse battery staple"

typedef CsTestHostile Fixture;

/* An empty passphrase opens nothing: a passphrase is needed, the package
 * is not "damaged". */
static void
test_empty_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  cs_test_hostile_write_valid (f, PASSPHRASE);
  cs_test_hostile_assert_refused (f, 0, "", CS_PACKAGE_ERROR_PASSPHRASE, NULL);
}

/* A package mixing encrypted and plain entries: a plain one in an
 * encrypted package could have been replaced by anyone; an encrypted one
 * in a plain package is not what this application writes. */
static void
test_mixed_encryption (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (f->dir, "plain.zip", NULL);
  g_autofree char *aes = g_build_filename (f->dir, "aes.zip", NULL);
  const char * const manifest_only[] = { "manifest.json", NULL };
  const char * const case_only[] = { "case.json", NULL };

  cs_test_hostile_write_valid (f, NULL);
  g_assert_cmpint (g_rename (f->package, plain), ==, 0);
  cs_test_hostile_write_valid (f, PASSPHRASE);
  g_assert_cmpint (g_rename (f->package, aes), ==, 0);

  cs_test_zip_splice (plain, aes, manifest_only, f->package);
  cs_test_hostile_assert_refused (f, 0, PASSPHRASE, CS_PACKAGE_ERROR_UNSAFE, "case.json");
  cs_test_zip_splice (plain, aes, case_only, f->package);
  cs_test_hostile_assert_refused (f, 0, PASSPHRASE, CS_PACKAGE_ERROR_UNSAFE, "case.json");
  g_remove (plain);
  g_remove (aes);
}

/* A passphrase given for a plain package: imported, with a note. */
static void
test_passphrase_not_needed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  CsPackageImportOptions options = {
    .cases = f->store,
    .annotation_directory = f->annotations,
    .slide_directory = f->slides,
    .passphrase = PASSPHRASE,
  };
  gboolean noted = FALSE;

  cs_test_hostile_write_valid (f, NULL);
  result = cs_package_import (&options, f->package, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->warnings->len; i++)
    noted |= strstr (g_ptr_array_index (result->warnings, i), "not encrypted") != NULL;
  g_assert_true (noted);
}

/* Declared sizes beyond the cap of the entry's kind are refused from the
 * manifest, before a byte is read (the entries here are small: the
 * reader alone would accept them up to the declared size). */
static void
test_declared_caps (Fixture       *f,
                    gconstpointer  data)
{
  const guint64 sizes[] = { (G_GUINT64_CONSTANT (16) << 20) + 1,
                            (G_GUINT64_CONSTANT (2) << 30) + 1 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
      CsTestZipEntry extra[] = {
        { CS_TEST_ANNOTATIONS, CS_TEST_ZIP_FILE, CS_TEST_EMPTY_GEOJSON, -1 },
      };
      CsPackageFile *annotations;

      annotations = cs_test_package_add_annotations (manifest, CS_TEST_ANNOTATIONS,
                                                     "Dr. Sender", CS_TEST_EMPTY_GEOJSON,
                                                     strlen (CS_TEST_EMPTY_GEOJSON));
      if (i == 0)
        manifest->case_file->size = sizes[i];
      else
        annotations->size = sizes[i];
      cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), NULL);
      cs_test_hostile_assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_TOO_LARGE,
                                      i == 0 ? "case.json" : CS_TEST_ANNOTATIONS);
    }
}

/* Thousands of slides by identity, each to search for: refused when the
 * manifest is read. */
static void
test_too_many_slides (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  CsPackageSlide *first = g_ptr_array_index (manifest->slides, 0);

  for (guint i = 0; i < 1000; i++)
    {
      CsPackageSlide *slide = g_new0 (CsPackageSlide, 1);
      g_autofree char *uuid = g_uuid_string_random ();

      slide->uuid = g_strconcat ("urn:uuid:", uuid, NULL);
      slide->sha256 = g_strdup (first->sha256);
      slide->file_name = g_strdup_printf ("nope%u.svs", i);
      g_ptr_array_add (manifest->slides, slide);
    }
  cs_test_hostile_write (f, manifest, NULL, 0, NULL);
  cs_test_hostile_assert_refused (f, 0, NULL, CS_PACKAGE_ERROR_INVALID, "slides");
}

/* The manifest's listing of an opinion (shown before the import) claims
 * another status and consultant than the document: refused. */
static void
test_opinion_listing_lies (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCase) kase = cs_case_new_from_data (f->case_data, -1, &error);
  CsReport *report = cs_case_add_opinion (kase, "Dr. Mallory", "MD", "Elsewhere");
  gsize len = 0;
  g_autofree char *document = cs_report_to_data (report, &len);
  g_autofree char *key = _cs_package_report_key (cs_report_get_id (report));
  g_autofree char *path = g_strdup_printf ("reports/%s.json", key);
  g_autofree char *sha256 = cs_test_sha256 (document, len);
  const char *lies[][2] = { { "final", "Dr. Mallory" }, { "draft", "Dr. Trusted" } };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (lies); i++)
    {
      g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
      CsPackageOpinion *opinion = _cs_package_opinion_new ();
      CsTestZipEntry extra[] = { { path, CS_TEST_ZIP_FILE, document, len } };

      opinion->id = g_strdup (cs_report_get_id (report));
      opinion->revision = cs_report_get_revision (report);
      opinion->status = g_strdup (lies[i][0]);
      opinion->consultant = g_strdup (lies[i][1]);
      opinion->file = cs_package_file_new (path, len, sha256);
      g_ptr_array_add (manifest->opinions, opinion);
      cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), NULL);
      /* inspect without reading the documents shows the listing as such */
      cs_test_hostile_assert_refused (f, CS_PACKAGE_DEFAULT_MAX_SIZE, NULL,
                                      CS_PACKAGE_ERROR_INVALID,
                                      i == 0 ? "“status”" : "“consultant”");
    }
}

/* A file the manifest lists as Dr. Sender's holding an annotation by the
 * receiver: a forgery under the receiver's name, refused. */
static void
test_annotation_author_spoofed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  gsize len = 0;
  g_autofree char *geojson = cs_test_annotation_geojson ("Dr. Receiver", &len);
  CsTestZipEntry extra[] = { { CS_TEST_ANNOTATIONS, CS_TEST_ZIP_FILE, geojson, len } };

  cs_test_package_add_annotations (manifest, CS_TEST_ANNOTATIONS, "Dr. Sender", geojson, len);
  cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), NULL);
  cs_test_hostile_assert_refused (f, CS_PACKAGE_DEFAULT_MAX_SIZE, NULL,
                                  CS_PACKAGE_ERROR_INVALID, CS_TEST_ANNOTATIONS);
}

/* 1000 slides by identity (the most a package may list) and a search
 * folder of 5000 files: one walk of the folder, not one per slide (which
 * took 5 million stat() calls, many seconds). */
static void
test_many_slides_one_walk (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  g_autofree char *search = g_build_filename (f->dir, "search", NULL);
  const char *folders[] = { search, NULL };
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageImportOptions options = {
    .cases = f->store,
    .annotation_directory = f->annotations,
    .search_folders = folders,
  };
  gint64 start;

  for (guint i = 1; i < 1000; i++)
    {
      CsPackageSlide *slide = g_new0 (CsPackageSlide, 1);
      g_autofree char *uuid = g_uuid_string_random ();

      slide->uuid = g_strconcat ("urn:uuid:", uuid, NULL);
      slide->sha256 = cs_test_sha256 (uuid, strlen (uuid));
      slide->file_name = g_strdup_printf ("slide%u.svs", i);
      slide->size = 1000 + i;
      g_ptr_array_add (manifest->slides, slide);
    }
  cs_test_hostile_write (f, manifest, NULL, 0, NULL);
  for (guint d = 0; d < 10; d++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/d%u", search, d);

      g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
      for (guint i = 0; i < 500; i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/f%u.svs", sub, i);

          g_assert_true (g_file_set_contents_full (path, "x", 1, G_FILE_SET_CONTENTS_NONE, 0600,
                                                   NULL));
        }
    }
  start = g_get_monotonic_time ();
  result = cs_package_import (&options, f->package, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  /* Seconds: a walk per slide takes far longer; ASan and valgrind
   * (CS_TEST_LIGHT) make the one walk several times slower. */
  g_assert_cmpint (g_get_monotonic_time () - start, <,
                   (gint64) cs_test_workload (2, 10) * G_USEC_PER_SEC);
  g_assert_cmpuint (result->slides->len, ==, 1000);
}

/* ---- where slides are stored ------------------------------------------------ */

/* Lists a slide file named @name with @data in @manifest; returns its
 * entry. */
static CsTestZipEntry
add_slide_file (CsPackageManifest *manifest,
                const char        *name,
                const char        *data)
{
  CsPackageSlide *slide = g_new0 (CsPackageSlide, 1);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *path = g_strdup_printf ("slides/%s/%s", key, name);
  CsTestZipEntry entry = { NULL, CS_TEST_ZIP_FILE, data, -1 };

  slide->uuid = g_strconcat ("urn:uuid:", key, NULL);
  slide->sha256 = cs_test_sha256 (data, strlen (data));
  slide->file_name = g_strdup (name);
  slide->size = strlen (data);
  slide->file = cs_package_file_new (path, slide->size, slide->sha256);
  g_ptr_array_add (manifest->slides, slide);
  entry.name = slide->file->path;
  return entry;
}

static CsPackageImportResult *
import_package (Fixture  *f,
                GError  **error)
{
  CsPackageImportOptions options = {
    .cases = f->store,
    .annotation_directory = f->annotations,
    .slide_directory = f->slides,
  };

  return cs_package_import (&options, f->package, NULL, error);
}

/* A slide file declared at 400 GiB (within the total limit) where the
 * slide folder has less free: refused before extracting, naming the
 * folder. */
static void
test_no_room (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  g_autoptr(GFile) folder = g_file_new_for_path (f->slides);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsTestZipEntry extra[1];
  CsPackageSlide *slide;
  guint64 declared = G_GUINT64_CONSTANT (400) << 30;

  info = g_file_query_filesystem_info (folder, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info == NULL ||
      g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) >= declared)
    {
      g_test_skip ("the file system of the test's folder has 400 GiB free or does not say");
      return;
    }
  extra[0] = add_slide_file (manifest, "huge.svs", "not that huge");
  slide = g_ptr_array_index (manifest->slides, 1);
  slide->size = slide->file->size = declared;
  cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), NULL);
  result = import_package (f, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->slides));
  g_assert_nonnull (strstr (error->message, f->package));
}

/* The case folder the slides go to. */
static char *
case_folder (Fixture *f)
{
  g_autoptr(CsCase) kase = cs_case_new_from_data (f->case_data, -1, NULL);
  g_autofree char *title = cs_case_dup_title (kase);

  g_assert_null (strchr (title, '/'));
  return g_build_filename (f->slides, title, NULL);
}

/* The second slide cannot be stored: the first, already moved, is taken
 * back; the error names the package; the slide folder is as it was. */
static void
test_commit_rollback (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  g_autofree char *folder = case_folder (f);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsTestZipEntry extra[2];

  extra[0] = add_slide_file (manifest, "first.svs", "the first slide");
  extra[1] = add_slide_file (manifest, "second.svs", "the second slide");
  cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), NULL);
  /* every name the second could take is taken (by folders: nothing to
   * hash) */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup ("second.svs")
                                     : g_strdup_printf ("second (%u).svs", n);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
    }
  before = cs_test_tree_listing (f->slides);
  result = import_package (f, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, f->package));
  after = cs_test_tree_listing (f->slides);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
}

/* A 252-byte file name that must be numbered, in the folder of a
 * 300-character case title: shortened to names the file system takes. */
static void
test_long_names (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autofree char *accession = g_strnfill (300, 'A');
  g_autofree char *stem = g_strnfill (248, 'L');
  g_autofree char *name = g_strconcat (stem, ".svs", NULL);
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *base = NULL;
  CsPackageSlideResult *slide;
  CsTestZipEntry extra[1];

  cs_case_set_text (kase, "case.consult_accession", accession);
  g_free (f->case_data);
  f->case_data = cs_case_to_data (kase, NULL);
  manifest = cs_test_package_manifest (f->case_data);
  extra[0] = add_slide_file (manifest, name, "a slide with a long name");
  cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), NULL);

  result = import_package (f, &error);
  g_assert_no_error (error);
  slide = g_ptr_array_index (result->slides, 1);
  g_assert_true (slide->stored);
  folder = g_path_get_dirname (slide->path);
  base = g_path_get_basename (folder);
  g_assert_cmpuint (strlen (base), <=, 100);
  parent = g_path_get_dirname (folder);
  g_assert_cmpstr (parent, ==, f->slides);

  /* the same name, another file: numbered within NAME_MAX */
  g_clear_pointer (&result, cs_package_import_result_free);
  g_free (f->package);
  f->package = g_build_filename (f->dir, "other.consilium", NULL);
  g_clear_pointer (&manifest, cs_package_manifest_free);
  manifest = cs_test_package_manifest (f->case_data);
  extra[0] = add_slide_file (manifest, name, "another slide, the same name");
  cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), NULL);
  result = import_package (f, &error);
  g_assert_no_error (error);
  slide = g_ptr_array_index (result->slides, 1);
  g_assert_true (slide->stored);
  taken = g_path_get_basename (slide->path);
  g_test_message ("%s", taken);
  g_assert_cmpuint (strlen (taken), <=, 255);
  g_assert_true (g_str_has_suffix (taken, " (2).svs"));
}

#define ADD CS_TEST_HOSTILE_ADD

int
main (int   argc,
      char *argv[])
{
  cs_test_hostile_init (&argc, &argv);

  ADD ("/package-limits/empty-passphrase", test_empty_passphrase);
  ADD ("/package-limits/mixed-encryption", test_mixed_encryption);
  ADD ("/package-limits/passphrase-not-needed", test_passphrase_not_needed);
  ADD ("/package-limits/declared-caps", test_declared_caps);
  ADD ("/package-limits/too-many-slides", test_too_many_slides);
  ADD ("/package-limits/opinion-listing-lies", test_opinion_listing_lies);
  ADD ("/package-limits/annotation-author-spoofed", test_annotation_author_spoofed);
  ADD ("/package-limits/commit-rollback", test_commit_rollback);
  ADD ("/package-limits/many-slides-one-walk", test_many_slides_one_walk);
  ADD ("/package-limits/no-room", test_no_room);
  ADD ("/package-limits/long-names", test_long_names);

  return cs_test_hostile_run ();
}
