/* test-package-limits.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-package.h"
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cs_test_hostile_setup, func, cs_test_hostile_teardown)

int
main (int   argc,
      char *argv[])
{
  cs_test_hostile_init (&argc, &argv);

  ADD ("/package-limits/empty-passphrase", test_empty_passphrase);
  ADD ("/package-limits/passphrase-not-needed", test_passphrase_not_needed);
  ADD ("/package-limits/declared-caps", test_declared_caps);
  ADD ("/package-limits/too-many-slides", test_too_many_slides);

  return cs_test_hostile_run ();
}
