/* cs-test-report.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-report.h"

CsReport *
cs_test_report_new (const char *accession,
                    const char *referring_accession,
                    gboolean    sign)
{
  g_autoptr(CsReport) report = cs_report_new ();
  g_autoptr(GError) error = NULL;
  const char *const fields[] = {
    "case.consult_accession", accession, "case.referring_accession", referring_accession,
    "requesting.institution", "Клиника № 1", "requesting.pathologist.name", "Dr. Ito",
    "consultant.name", "Dr. Müller", "consultant.institution", "Universitätsklinikum",
    "clinical_history", "not provided", "question", "Invasive?",
    "materials.mode", "digital_only", "diagnosis.0.text", "Adenocarcinoma", NULL
  };

  for (guint i = 0; fields[i] != NULL; i += 2)
    g_assert_true (cs_report_set_text (report, fields[i], fields[i + 1], NULL));
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_NOT_APPLICABLE, NULL));
  if (sign)
    g_assert_true (cs_report_finalize (report, "Dr. Müller", NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&report);
}
