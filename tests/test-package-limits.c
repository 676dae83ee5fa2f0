/* test-package-limits.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-geojson.h"
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

/* One annotation by @author, as Consilium GeoJSON. */
static char *
annotation_by (const char *author,
               gsize      *len)
{
  CsRect rect = { 10, 20, 30, 40 };
  CsGeometry *geometry = cs_geometry_new_rectangle (&rect);
  g_autoptr(CsAnnotation) annotation = cs_annotation_new (CS_SHAPE_RECTANGLE, geometry);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  CsAnnotationExport context = { .slide_sha256 = NULL };

  cs_geometry_unref (geometry);
  cs_annotation_set_author (annotation, author);
  g_ptr_array_add (annotations, annotation);
  g_assert_true (cs_geojson_write (stream, annotations, &context, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  g_assert_no_error (error);
  *len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

/* A file the manifest lists as Dr. Sender's holding an annotation by the
 * receiver: a forgery under the receiver's name, refused. */
static void
test_annotation_author_spoofed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CsPackageManifest) manifest = cs_test_package_manifest (f->case_data);
  gsize len = 0;
  g_autofree char *geojson = annotation_by ("Dr. Receiver", &len);
  CsTestZipEntry extra[] = { { CS_TEST_ANNOTATIONS, CS_TEST_ZIP_FILE, geojson, len } };

  cs_test_package_add_annotations (manifest, CS_TEST_ANNOTATIONS, "Dr. Sender", geojson, len);
  cs_test_hostile_write (f, manifest, extra, G_N_ELEMENTS (extra), NULL);
  cs_test_hostile_assert_refused (f, CS_PACKAGE_DEFAULT_MAX_SIZE, NULL,
                                  CS_PACKAGE_ERROR_INVALID, CS_TEST_ANNOTATIONS);
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
  ADD ("/package-limits/opinion-listing-lies", test_opinion_listing_lies);
  ADD ("/package-limits/annotation-author-spoofed", test_annotation_author_spoofed);

  return cs_test_hostile_run ();
}
