/* cs-report-dicom.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-dicomweb.h"
#include "cs-report.h"
#include "cs-report-layout.h"

G_BEGIN_DECLS

/* A signed opinion filed back into the slide's study: its PDF as a DICOM
 * Encapsulated PDF instance (cs-dicom-writer.h), sent with STOW-RS. */

#define CS_REPORT_DICOM_ERROR (cs_report_dicom_error_quark ())

typedef enum
{
  CS_REPORT_DICOM_ERROR_NOT_FINAL, /* a draft, preliminary or withdrawn opinion */
  CS_REPORT_DICOM_ERROR_TAMPERED,  /* modified after signing */
  CS_REPORT_DICOM_ERROR_STUDY,     /* the series metadata does not describe the study */
} CsReportDicomError;

GQuark cs_report_dicom_error_quark (void);

/* Whether @report may be filed: final, amended or addended, and its
 * content matching its signature; else a clear error. */
gboolean  cs_report_dicom_check         (CsReport     *report,
                                         GError      **error);

/* The DICOM title of a filed opinion: "Second opinion CONS-… sha256:…". */
char     *cs_report_dicom_title         (CsReport     *report);

/* The series into which @report's revisions are filed in @study_uid (one
 * per opinion and study, derived from both). */
char     *cs_report_dicom_series_uid    (CsReport     *report,
                                         const char   *study_uid);

/* The Part 10 Encapsulated PDF of @report's @pdf for the study that
 * @series_metadata (WADO-RS series metadata of the slide, a JSON array of
 * instances in the DICOM JSON model) belongs to: patient and study
 * attributes copied from it, its instances listed as sources, the signer
 * as verifying observer. The series and instance UIDs are derived from
 * the report id, revision, content hash and study, so filing the same
 * signed revision twice gives the same instance. @sop_instance_uid
 * (nullable) receives the instance's UID. */
GBytes   *cs_report_dicom_build         (CsReport     *report,
                                         GBytes       *pdf,
                                         JsonNode     *series_metadata,
                                         const char   *study_uid,
                                         char        **sop_instance_uid,
                                         GError      **error);

/* The PDF of @layout (cs_report_layout_write_pdf) as bytes, through a
 * private temporary file that is removed again. Blocks. */
GBytes   *cs_report_dicom_render_pdf    (CsReportLayout    *layout,
                                         GError           **error);

/* Checks @report, reads the metadata of the slide's series, builds the
 * instance and stores it into the study with STOW-RS. Blocks: call it from
 * a worker. */
gboolean  cs_report_dicom_send          (CsReport          *report,
                                         GBytes            *pdf,
                                         CsDicomwebClient  *client,
                                         const char        *study_uid,
                                         const char        *series_uid,
                                         char             **sop_instance_uid,
                                         GCancellable      *cancellable,
                                         GError           **error);

G_END_DECLS
