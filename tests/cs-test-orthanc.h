/* cs-test-orthanc.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real DICOMweb server for the tests: Debian's Orthanc with its
 * DICOMweb plugin, on a free loopback port, with a temporary storage
 * directory, HTTP basic authentication (CS_TEST_ORTHANC_USER,
 * CS_TEST_ORTHANC_PASSWORD) and slides loaded with OrthancWSIDicomizer.
 *
 * One server per test program: cs_test_orthanc_get_or_skip () starts it
 * on the first call and returns the same one afterwards. It is always
 * stopped when the program ends: by an atexit handler on a normal exit,
 * and because the server is started with PR_SET_PDEATHSIG, by the kernel
 * when the test program dies (a failed assertion aborts without running
 * atexit handlers). Its log goes to orthanc.log in its temporary
 * directory, kept when CS_TEST_ORTHANC_KEEP is set. Main thread only. */

#define CS_TEST_ORTHANC_USER     "alice"
#define CS_TEST_ORTHANC_PASSWORD "secret"

typedef struct _CsTestOrthanc CsTestOrthanc;

/* %NULL with @reason set (for g_test_skip) when Orthanc, its DICOMweb
 * plugin or the dicomizer is not installed. */
gboolean       cs_test_orthanc_available      (char          **reason);
/* The program's server, started on the first call. When it is not
 * installed, skips the current test (naming what is missing) and returns
 * %NULL; when it is installed but does not start, fails the current test
 * and returns %NULL. */
CsTestOrthanc *cs_test_orthanc_get_or_skip    (void);

/* The program's server with the shared slide @name (in
 * CS_SHARED_DIR/slides) loaded with @dataset (see
 * cs_test_orthanc_load_slide ()); skips the current test when the slide
 * or the server is absent, fails it when loading fails. */
CsTestOrthanc *cs_test_orthanc_get_with_slide_or_skip (const char *name,
                                                       const char *dataset);

/* "http://127.0.0.1:PORT" (Orthanc's REST API) and
 * "http://127.0.0.1:PORT/dicom-web" (the DICOMweb base URL). */
const char    *cs_test_orthanc_get_url        (CsTestOrthanc  *self);
const char    *cs_test_orthanc_get_dicomweb_url (CsTestOrthanc *self);
guint          cs_test_orthanc_get_port       (CsTestOrthanc  *self);

/* Uploads @slide with OrthancWSIDicomizer, with @dataset (nullable: a
 * JSON object of DICOM attributes by keyword, as the dicomizer's
 * --dataset takes, e.g. {"PatientID": "P1", "AccessionNumber": "A1"}).
 * A slide already loaded with the same dataset is not loaded again, so
 * that every test may ask for what it needs. */
gboolean       cs_test_orthanc_load_slide     (CsTestOrthanc  *self,
                                               const char     *slide,
                                               const char     *dataset,
                                               GError        **error);

/* Writes @slide as DICOM files into @folder (no server needed) and
 * returns the path of the first (the full-resolution instance), with
 * new UIDs on every call: a Part 10 file to send with STOW-RS. */
char          *cs_test_orthanc_dicomize       (const char     *slide,
                                               const char     *dataset,
                                               const char     *folder,
                                               GError        **error);

/* Stops the server (as a failure would) and starts it again on the same
 * port with the same storage: what was loaded is still there. */
void           cs_test_orthanc_stop           (CsTestOrthanc  *self);
gboolean       cs_test_orthanc_restart        (CsTestOrthanc  *self,
                                               GError        **error);

/* A loopback port on which nothing listens (for "server down" tests). */
guint          cs_test_orthanc_unused_port    (void);

G_END_DECLS
