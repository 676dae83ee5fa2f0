/* cs-test-hostile.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-package.h"
#include "cs-test-zip.h"

G_BEGIN_DECLS

/* The fixture of the hostile-package tests (test-package-hostile.c,
 * test-package-limits.c): a receiver's empty data folders and a package
 * path, everything below one temporary root that the checks list whole
 * before and after, to show that a refused package leaves nothing. */

#define CS_TEST_EMPTY_GEOJSON "{\"type\": \"FeatureCollection\", \"features\": []}"
#define CS_TEST_ANNOTATIONS   "annotations/" CS_TEST_ZIP_SLIDE_KEY "-1.geojson"

typedef struct
{
  char        *dir;
  char        *package;
  char        *cases;
  char        *annotations;
  char        *slides;
  char        *case_data;
  CsCaseStore *store;
} CsTestHostile;

#define CS_TEST_HOSTILE_ADD(path, func) \
  g_test_add (path, CsTestHostile, NULL, cs_test_hostile_setup, func, cs_test_hostile_teardown)

/* g_test_init, with TMPDIR, XDG_CACHE_HOME and XDG_DATA_HOME in the
 * temporary root; cs_test_hostile_run() runs the tests and removes it. */
void  cs_test_hostile_init          (int                  *argc,
                                     char               ***argv);
int   cs_test_hostile_run           (void);
void  cs_test_hostile_setup         (CsTestHostile        *f,
                                     gconstpointer         data);
void  cs_test_hostile_teardown      (CsTestHostile        *f,
                                     gconstpointer         data);
char *cs_test_hostile_manifest_data (CsPackageManifest    *manifest);
/* Imports (and, unless @max_size, inspects with verification) the
 * package, expecting @code with a message naming the package and @entry
 * (nullable), and nothing written. */
void  cs_test_hostile_assert_refused (CsTestHostile       *f,
                                      guint64              max_size,
                                      const char          *passphrase,
                                      int                  code,
                                      const char          *entry);
void  cs_test_hostile_write         (CsTestHostile        *f,
                                     CsPackageManifest    *manifest,
                                     const CsTestZipEntry *extra,
                                     guint                 n_extra,
                                     const char           *passphrase);
/* A valid package (one empty annotation file): the control that shows the
 * refusals are not a bug. */
void  cs_test_hostile_write_valid   (CsTestHostile        *f,
                                     const char           *passphrase);

G_END_DECLS
