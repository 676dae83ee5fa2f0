/* cs-test-package.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-store.h"
#include "cs-package.h"

G_BEGIN_DECLS

/* The keys and hashes of the sample manifest. */
#define CS_TEST_PACKAGE_SLIDE_KEY  "3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
#define CS_TEST_PACKAGE_SLIDE2_KEY "7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a"
#define CS_TEST_PACKAGE_OTHER_UUID "9a8b7c6d-5e4f-4321-8765-43210fedcba9"
#define CS_TEST_PACKAGE_REPORT_KEY "11111111-2222-4333-8444-555555555555"
#define CS_TEST_PACKAGE_OTHER_SHA  "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define CS_TEST_PACKAGE_UPPER_SHA  "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"

/* A valid manifest listing every kind of entry: a case, a de-identified
 * slide included (5 GB, to need 64-bit sizes) and one by identity only,
 * two annotation files (one by an unknown author), an amended opinion with
 * two earlier revisions and a PDF, and a draft whose id is not a UUID. */
CsPackageManifest *cs_test_package_sample_manifest (void);

#define CS_TEST_PACKAGE_DIAGNOSIS "Adenocarcinoma, invasive"
#define CS_TEST_PACKAGE_REFERRER  "Dr. Ana Referrer"
#define CS_TEST_PACKAGE_SIGNER    "Dr. Müller"

/**
 * CsTestPackageCase:
 *
 * A case as a referrer sends it: the shared CMU-1-Small-Region.svs as
 * slide "A1-HE", annotations in an annotation store folder (3 by the
 * referrer, 2 by the signer, 1 without author; the last one only in the
 * journal, and the store held open as a window holds it), a draft opinion
 * and a signed one citing the signer's first annotation (amended once,
 * so with an earlier signed revision, when asked).
 */
typedef struct
{
  char              *dir;           /* temporary: everything below */
  char              *annotations;   /* the annotation stores */
  char              *out;           /* an empty folder for packages */
  char              *slide_path;    /* the shared slide (read-only) */
  char              *sha256;
  CsCase            *kase;
  CsReport          *draft;
  CsReport          *signed_report;
  CsAnnotationList  *list;
  CsAnnotationStore *store;         /* held open */
  GHashTable        *slide_paths;   /* sha256 -> path */
} CsTestPackageCase;

/* FALSE (the test skipped) when the shared slides are absent. */
gboolean cs_test_package_case_init  (CsTestPackageCase *c,
                                     gboolean           amend);
void     cs_test_package_case_clear (CsTestPackageCase *c);
/* Options for @c's case (annotation folder, slide paths, sender). */
void     cs_test_package_case_options (CsTestPackageCase      *c,
                                       CsPackageCreateOptions *options,
                                       CsPackageSlideMode      mode);

/**
 * CsTestPackageContents:
 * @names: (element-type utf8): entry names, in archive order
 * @contents: name -> GBytes
 */
typedef struct
{
  GPtrArray  *names;
  GHashTable *contents;
} CsTestPackageContents;

void cs_test_package_contents_free (CsTestPackageContents *contents);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTestPackageContents, cs_test_package_contents_free)

/* Every entry of the zip at @path, read with libarchive; NULL with
 * @error (libarchive's message) when it cannot be read. */
CsTestPackageContents *cs_test_package_read (const char  *path,
                                             const char  *passphrase,
                                             GError     **error);
/* The names in @dir (sorted), to find files left behind. */
GStrv cs_test_package_list_dir (const char *dir);

G_END_DECLS
