/* cs-test-hostile.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-test-hostile.h"
#include "cs-test-utils.h"

static char *test_root;   /* TMPDIR of this test */

void
cs_test_hostile_setup (CsTestHostile       *f,
               gconstpointer  data)
{
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GError) error = NULL;

  f->dir = cs_test_make_tmpdir ();
  f->package = g_build_filename (f->dir, "case.consilium", NULL);
  f->cases = g_build_filename (f->dir, "cases", NULL);
  f->annotations = g_build_filename (f->dir, "annotations", NULL);
  f->slides = g_build_filename (f->dir, "slides", NULL);
  g_assert_cmpint (g_mkdir (f->slides, 0700), ==, 0);
  cs_case_set_text (kase, "question", "Invasive carcinoma?");
  f->case_data = cs_case_to_data (kase, NULL);
  f->store = cs_case_store_new (f->cases);
  g_assert_true (cs_case_store_load (f->store, &error));
  g_assert_no_error (error);
}

void
cs_test_hostile_teardown (CsTestHostile       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->package);
  g_free (f->cases);
  g_free (f->annotations);
  g_free (f->slides);
  g_free (f->case_data);
}

char *
cs_test_hostile_manifest_data (CsPackageManifest *manifest)
{
  gsize len = 0;

  return cs_package_manifest_to_data (manifest, &len);
}

/* Imports (and inspects with verification) the package, expecting @code
 * with a message naming the package and @entry, and nothing written. */
void
cs_test_hostile_assert_refused (CsTestHostile    *f,
                guint64     max_size,
                const char *passphrase,
                int         code,
                const char *entry)
{
  g_autofree char *before = cs_test_tree_listing (test_root);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  CsPackageImportOptions options = {
    .cases = f->store,
    .annotation_directory = f->annotations,
    .slide_directory = f->slides,
    .passphrase = passphrase,
    .max_expanded_size = max_size,
  };

  result = cs_package_import (&options, f->package, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CS_PACKAGE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->package));
  if (entry != NULL)
    g_assert_nonnull (strstr (error->message, entry));
  after = cs_test_tree_listing (test_root);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);

  if (max_size != 0)
    return;
  g_clear_error (&error);
  manifest = cs_package_inspect (f->package, passphrase, TRUE, NULL, &error);
  g_assert_null (manifest);
  g_assert_error (error, CS_PACKAGE_ERROR, code);
  g_assert_nonnull (strstr (error->message, f->package));
  g_free (after);
  after = cs_test_tree_listing (test_root);
  g_assert_cmpstr (after, ==, before);
}

void
cs_test_hostile_write (CsTestHostile              *f,
               CsPackageManifest    *manifest,
               const CsTestZipEntry *extra,
               guint                 n_extra,
               const char           *passphrase)
{
  cs_test_package_write (f->package, manifest, f->case_data, extra, n_extra, passphrase);
}

/* A valid package: the control that shows the refusals are not a bug. */
void
cs_test_hostile_write_valid (CsTestHostile    *f,
             const char *passphrase)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  CsTestZipEntry extra[] = { { CS_TEST_ANNOTATIONS, CS_TEST_ZIP_FILE, CS_TEST_EMPTY_GEOJSON, -1 } };

  cs_test_package_add_annotations (manifest, CS_TEST_ANNOTATIONS, "Dr. Sender", CS_TEST_EMPTY_GEOJSON,
                                   strlen (CS_TEST_EMPTY_GEOJSON));
  cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), passphrase);
}

void
cs_test_hostile_init (int    *argc,
                      char ***argv)
{
  /* everything the test writes, the import's temporary folders included,
   * is below test_root, which the checks list whole */
  test_root = g_build_filename (g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp",
                                "consilium-hostile-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (test_root));
  g_setenv ("TMPDIR", test_root, TRUE);
  g_setenv ("XDG_CACHE_HOME", test_root, TRUE);
  g_setenv ("XDG_DATA_HOME", test_root, TRUE);
  g_test_init (argc, argv, NULL);
}

int
cs_test_hostile_run (void)
{
  int status = g_test_run ();

  cs_test_remove_tree (test_root);
  g_clear_pointer (&test_root, g_free);
  return status;
}
