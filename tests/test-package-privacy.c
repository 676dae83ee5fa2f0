/* test-package-privacy.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "cs-package.h"
#include "cs-test-package.h"
#include "cs-test-utils.h"

/* A de-identified export carries nothing of the original slide: not its
 * file name (here a patient's name and an accession number), not its
 * SHA-256, not its OpenSlide quickhash, in any entry (the case, a draft
 * opinion's materials, the manifest); and nothing of the sender's system
 * in the zip headers (owner, the time each file was staged). */

#define ORIGINAL_NAME "S26-4567 DOE-JANE A1.svs"

/* Each zip header: no owner, the manifest's creation time. */
static void
check_headers (const char *path,
               const char *created)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (created, NULL);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  guint n = 0;

  g_assert_nonnull (time);
  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 1 << 16), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      g_assert_cmpint (archive_entry_uid (entry), ==, 0);
      g_assert_cmpint (archive_entry_gid (entry), ==, 0);
      g_assert_null (archive_entry_uname (entry));
      g_assert_null (archive_entry_gname (entry));
      g_assert_cmpint (archive_entry_mtime (entry), ==, g_date_time_to_unix (time));
      n++;
    }
  g_assert_cmpuint (n, >, 3);
  archive_read_free (archive);
}

static void
test_deidentified_private (void)
{
  g_autofree char *shared = cs_test_shared_slide ("CMU-1-Small-Region.svs");
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *package = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *draft_data = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *quickhash = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GHashTable) paths = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CsTestPackageContents) contents = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageCreateOptions options = { NULL };
  CsPackageSlide *sent;
  CsReport *draft;

  if (shared == NULL)
    {
      g_test_skip ("../shared/slides/CMU-1-Small-Region.svs is absent: this test needs the "
                   "project's shared test slides");
      return;
    }
  dir = cs_test_make_tmpdir ();
  copy = g_build_filename (dir, ORIGINAL_NAME, NULL);
  package = g_build_filename (dir, "case" CS_PACKAGE_EXTENSION, NULL);
  annotations = g_build_filename (dir, "annotations", NULL);
  source = g_file_new_for_path (shared);
  target = g_file_new_for_path (copy);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  slide = cs_slide_new (copy, &error);
  g_assert_no_error (error);
  sha256 = g_strdup (cs_slide_compute_identity (slide, NULL, &error));
  g_assert_no_error (error);
  quickhash = g_strdup (cs_slide_get_quickhash (slide));
  g_assert_nonnull (quickhash);
  g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  g_assert_no_error (error);
  draft = cs_case_add_opinion (kase, "Dr. Bo Second", "MD", "Hospital B");
  /* the draft's materials name the original, as the case does */
  draft_data = cs_report_to_data (draft, NULL);
  g_assert_nonnull (strstr (draft_data, "DOE-JANE"));
  g_assert_nonnull (strstr (draft_data, quickhash));

  g_hash_table_insert (paths, sha256, copy);
  options.kase = kase;
  options.annotation_directory = annotations;
  options.slide_paths = paths;
  options.slide_mode = CS_PACKAGE_SLIDES_DEIDENTIFIED;
  g_assert_true (cs_package_create (&options, package, NULL, NULL, &error));
  g_assert_no_error (error);

  contents = cs_test_package_read (package, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contents->names->len; i++)
    {
      const char *name = g_ptr_array_index (contents->names, i);
      GBytes *bytes = g_hash_table_lookup (contents->contents, name);

      g_test_message ("checking %s", name);
      g_assert_false (cs_test_bytes_contains (bytes, "DOE-JANE"));
      g_assert_false (cs_test_bytes_contains (bytes, "S26-4567"));
      g_assert_false (cs_test_bytes_contains (bytes, sha256));
      g_assert_false (cs_test_bytes_contains (bytes, quickhash));
    }
  {
    GBytes *bytes = g_hash_table_lookup (contents->contents, "manifest.json");

    manifest = cs_package_manifest_parse (g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), package, &error);
    g_assert_no_error (error);
  }
  /* the draft describes the copy instead */
  sent = g_ptr_array_index (manifest->slides, 0);
  g_assert_true (sent->deidentified);
  g_assert_cmpuint (manifest->opinions->len, ==, 1);
  {
    CsPackageOpinion *opinion = g_ptr_array_index (manifest->opinions, 0);
    GBytes *bytes = g_hash_table_lookup (contents->contents, opinion->file->path);

    g_assert_true (cs_test_bytes_contains (bytes, sent->sha256));
    g_assert_true (cs_test_bytes_contains (bytes, sent->file_name));
  }
  check_headers (package, manifest->created);
  cs_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/package-privacy/deidentified", test_deidentified_private);
  return g_test_run ();
}
