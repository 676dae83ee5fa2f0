/* cs-test-package.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

G_END_DECLS
