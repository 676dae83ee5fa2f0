/* cs-test-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-package-private.h"
#include "cs-test-package.h"

static char *
fake_sha256 (const char *seed)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
}

static CsPackageFile *
fake_file (const char *path,
           guint64     size)
{
  g_autofree char *sha256 = fake_sha256 (path);

  return cs_package_file_new (path, size, sha256);
}

static void
add_slides (CsPackageManifest *manifest)
{
  CsPackageSlide *slide = g_new0 (CsPackageSlide, 1);
  guint64 size = G_GUINT64_CONSTANT (5000000000);

  slide->uuid = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_SLIDE_KEY);
  slide->file_name = g_strdup ("case-1.svs");
  slide->size = size;
  slide->deidentified = TRUE;
  slide->file = fake_file ("slides/" CS_TEST_PACKAGE_SLIDE_KEY "/case-1.svs", size);
  slide->sha256 = g_strdup (slide->file->sha256);
  g_ptr_array_add (manifest->slides, slide);

  slide = g_new0 (CsPackageSlide, 1);
  slide->uuid = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_SLIDE2_KEY);
  slide->sha256 = fake_sha256 ("second slide");
  slide->file_name = g_strdup ("B2.svs");
  g_ptr_array_add (manifest->slides, slide);
}

static void
add_annotations (CsPackageManifest *manifest,
                 const char        *author,
                 guint              count,
                 const char        *path)
{
  CsPackageAnnotations *annotations = g_new0 (CsPackageAnnotations, 1);

  annotations->slide_uuid = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_SLIDE_KEY);
  annotations->author = g_strdup (author);
  annotations->count = count;
  annotations->file = fake_file (path, 200 + count);
  g_ptr_array_add (manifest->annotations, annotations);
}

static void
add_opinions (CsPackageManifest *manifest)
{
  CsPackageOpinion *opinion = _cs_package_opinion_new ();
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;

  opinion->id = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_REPORT_KEY);
  opinion->revision = 3;
  opinion->status = g_strdup ("amended");
  opinion->consultant = g_strdup ("Dr. Bo Consultant");
  opinion->content_sha256 = fake_sha256 ("content");
  opinion->file = fake_file ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".json", 4000);
  g_ptr_array_add (opinion->revisions, fake_file ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".r1.json", 3000));
  g_ptr_array_add (opinion->revisions, fake_file ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".r2.json", 3500));
  opinion->pdf = fake_file ("reports/" CS_TEST_PACKAGE_REPORT_KEY ".pdf", 90000);
  g_ptr_array_add (manifest->opinions, opinion);

  opinion = _cs_package_opinion_new ();
  opinion->id = g_strdup ("local-report-7");
  opinion->revision = 1;
  opinion->status = g_strdup ("draft");
  opinion->consultant = g_strdup ("Dr. Ana Referrer");
  key = _cs_package_report_key (opinion->id);
  path = g_strdup_printf ("reports/%s.json", key);
  opinion->file = fake_file (path, 2000);
  g_ptr_array_add (manifest->opinions, opinion);
}

CsPackageManifest *
cs_test_package_sample_manifest (void)
{
  CsPackageManifest *manifest = cs_package_manifest_new ();

  manifest->created = g_strdup ("2026-11-28T10:00:00Z");
  manifest->generator = g_strdup ("Consilium " PACKAGE_VERSION);
  manifest->sender_name = g_strdup ("Dr. Ana Referrer");
  manifest->sender_institution = g_strdup ("Hospital A");
  manifest->message = g_strdup ("Please look at the margin.");
  manifest->case_id = g_strdup ("urn:uuid:" CS_TEST_PACKAGE_OTHER_UUID);
  manifest->case_title = g_strdup ("C-2026-0042");
  manifest->case_file = fake_file ("case.json", 1234);
  add_slides (manifest);
  add_annotations (manifest, "Dr. Ana Referrer", 5, "annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-1.geojson");
  add_annotations (manifest, "", 3, "annotations/" CS_TEST_PACKAGE_SLIDE_KEY "-2.geojson");
  add_opinions (manifest);
  return manifest;
}
