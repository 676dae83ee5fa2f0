/* cs-test-zip.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-package.h"

G_BEGIN_DECLS

/* Writing packages entry by entry with libarchive, for the package tests:
 * hostile ones the application would never write. */

/* The slide of cs_test_package_manifest(), by identity only. */
#define CS_TEST_ZIP_SLIDE_KEY  "5f0c7c1e-3c52-4c0e-9f5e-2a5d6c7b8e90"
#define CS_TEST_ZIP_SLIDE_UUID "urn:uuid:" CS_TEST_ZIP_SLIDE_KEY

typedef enum
{
  CS_TEST_ZIP_FILE,
  CS_TEST_ZIP_DIRECTORY,
  CS_TEST_ZIP_SYMLINK,
  CS_TEST_ZIP_HARDLINK,
} CsTestZipType;

/**
 * CsTestZipEntry:
 * @name: the entry's name, as it is written (unchecked)
 * @type: what it is
 * @data: its content (a file), or the link's target
 * @len: the content's length (-1: strlen)
 */
typedef struct
{
  const char    *name;
  CsTestZipType  type;
  const char    *data;
  gssize         len;
} CsTestZipEntry;

/* Writes @entries, in order, as a deflated zip (AES-256 with @passphrase). */
void               cs_test_zip_write          (const char           *path,
                                               const CsTestZipEntry *entries,
                                               guint                 n_entries,
                                               const char           *passphrase);
/* The entries of @path (name → GBytes), in order in @names. */
GHashTable        *cs_test_zip_read           (const char           *path,
                                               const char           *passphrase,
                                               GPtrArray           **names);
/* A manifest of a case (case.json: @case_data) whose slide is referenced
 * by identity only; the caller lists more entries. */
CsPackageManifest *cs_test_package_manifest   (const char           *case_data);
/* Lists an annotations entry of the manifest's slide, by @author. */
CsPackageFile     *cs_test_package_add_annotations (CsPackageManifest *manifest,
                                                    const char        *path,
                                                    const char        *author,
                                                    const char        *data,
                                                    gsize              len);
/* Lists a saved views entry of the manifest's slide. */
CsPackageFile     *cs_test_package_add_views  (CsPackageManifest    *manifest,
                                               const char           *path,
                                               const char           *data);
/* manifest.json (@manifest), case.json (@case_data), then @extra. */
void               cs_test_package_write      (const char           *path,
                                               CsPackageManifest    *manifest,
                                               const char           *case_data,
                                               const CsTestZipEntry *extra,
                                               guint                 n_extra,
                                               const char           *passphrase);
/* A zip of @plain's entries (in its order), those named in @encrypted
 * taken from @aes instead (the same entries written with a passphrase):
 * a package mixing plain and encrypted entries, which libarchive cannot
 * write (its encryption is set for the whole archive). */
void               cs_test_zip_splice         (const char           *plain,
                                               const char           *aes,
                                               const char * const   *encrypted,
                                               const char           *out);
/* One rectangle by @author (nullable), as Consilium GeoJSON. */
char              *cs_test_annotation_geojson (const char *author,
                                               gsize      *len);
char              *cs_test_sha256             (const char           *data,
                                               gsize                 len);
/* Every file and folder below @root with its size and mtime, one a line,
 * sorted: compared before and after to show that nothing was written. */
char              *cs_test_tree_listing       (const char           *root);

G_END_DECLS
