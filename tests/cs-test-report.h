/* cs-test-report.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-report.h"

G_BEGIN_DECLS

/* A complete opinion citing no region (consult @accession, referring
 * @referring_accession, consultant "Dr. Müller" of "Universitätsklinikum"),
 * signed by its consultant when @sign. */
CsReport *cs_test_report_new (const char *accession,
                              const char *referring_accession,
                              gboolean    sign);

G_END_DECLS
