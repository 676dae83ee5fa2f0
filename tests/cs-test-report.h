/* cs-test-report.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-case.h"
#include "cs-report.h"
#include "cs-test-orthanc.h"

G_BEGIN_DECLS

/* A complete opinion citing no region (consult @accession, referring
 * @referring_accession, consultant "Dr. Müller" of "Universitätsklinikum"),
 * signed by its consultant when @sign. */
CsReport *cs_test_report_new (const char *accession,
                              const char *referring_accession,
                              gboolean    sign);

/* The same, signed, citing the first annotation of the GeoJSON file
 * @annotations as region 1 on slide @slide_id. */
CsReport *cs_test_report_new_citing (const char *accession,
                                     const char *annotations,
                                     const char *slide_id);

/* A new case citing the slide at @path (its identity computed), asking
 * @question. */
CsCase   *cs_test_case_new_citing   (const char *path,
                                     const char *question);
/* Adds @kase to the case store of @directory and writes it. */
void      cs_test_case_save         (const char *directory,
                                     CsCase     *kase);

/* WADO-RS of one instance from @orthanc: the DICOM file. */
GBytes   *cs_test_report_retrieve   (CsTestOrthanc *orthanc,
                                     const char    *study_uid,
                                     const char    *series_uid,
                                     const char    *instance_uid);

G_END_DECLS
