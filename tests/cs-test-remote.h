/* cs-test-remote.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-test-orthanc.h"

G_BEGIN_DECLS

/* Loads @path into @orthanc with @dataset (which must set PatientID to
 * @patient_id, alone on the server) and returns the "dicomweb:" URL of
 * the series the dicomizer made of it, found with QIDO-RS. Asserts. */
char *cs_test_remote_slide_url (CsTestOrthanc *orthanc,
                                const char    *path,
                                const char    *dataset,
                                const char    *patient_id);

/* Has every DICOMweb client of the program log in to the test Orthanc as
 * CS_TEST_ORTHANC_USER with @password (%NULL: the right one). */
void  cs_test_remote_set_password (const char    *password);

G_END_DECLS
