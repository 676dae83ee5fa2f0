/* cs-report.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-annotation-list.h"

G_BEGIN_DECLS

#define CS_REPORT_SCHEMA "io.github.consilium.report/1.0"

#define CS_REPORT_ERROR (cs_report_error_quark ())

typedef enum
{
  CS_REPORT_ERROR_INVALID,     /* not a report, or a required field missing: named */
  CS_REPORT_ERROR_FROZEN,      /* a final opinion changes only by addendum or amendment */
  CS_REPORT_ERROR_INCOMPLETE,  /* cannot be finalised: what is missing is named */
  CS_REPORT_ERROR_TAMPERED,    /* content hash does not match: modified after signing */
} CsReportError;

GQuark cs_report_error_quark (void);

typedef enum
{
  CS_REPORT_STATUS_DRAFT,
  CS_REPORT_STATUS_PRELIMINARY,
  CS_REPORT_STATUS_FINAL,
  CS_REPORT_STATUS_AMENDED,
  CS_REPORT_STATUS_ADDENDED,
  CS_REPORT_STATUS_WITHDRAWN,
} CsReportStatus;

const char *cs_report_status_to_string (CsReportStatus status);
const char *cs_report_status_get_label (CsReportStatus status);
gboolean    cs_report_status_is_signed (CsReportStatus status);

typedef enum
{
  CS_AGREEMENT_NONE,
  CS_AGREEMENT_AGREE,
  CS_AGREEMENT_MINOR,
  CS_AGREEMENT_MAJOR,
  CS_AGREEMENT_CANNOT_ASSESS,
  CS_AGREEMENT_NOT_APPLICABLE,
} CsAgreement;

const char *cs_agreement_to_string (CsAgreement agreement);
const char *cs_agreement_get_label (CsAgreement agreement);

/**
 * CsReport:
 *
 * One consultant's second opinion: the JSON document of docs/FORMATS.md
 * §8, kept whole (unknown members survive load and save), with typed
 * access to what the editor and the PDF need.
 *
 * Status rules: a draft or preliminary opinion is edited freely; finalising
 * checks it is complete, locks the cited annotations, records signer and
 * time, stores each cited region's geometry_sha256 and the content_sha256
 * of the whole (canonical JSON without "signature"). A signed opinion then
 * changes only through cs_report_add_addendum() or cs_report_amend(); every
 * other setter fails with CS_REPORT_ERROR_FROZEN. "changed" is emitted after
 * every change.
 */
#define CS_TYPE_REPORT (cs_report_get_type ())

G_DECLARE_FINAL_TYPE (CsReport, cs_report, CS, REPORT, GObject)

CsReport       *cs_report_new                (void);
/* Parses a report; a signed one whose content hash does not match loads
 * with cs_report_get_tampered() TRUE (never silently accepted). */
CsReport       *cs_report_new_from_data      (const char    *data,
                                              gssize         len,
                                              GError       **error);
CsReport       *cs_report_new_from_file      (const char    *path,
                                              GError       **error);
/* Canonical-order pretty JSON of the document, as stored and exported. */
char           *cs_report_to_data            (CsReport      *self,
                                              gsize         *len);
gboolean        cs_report_save               (CsReport      *self,
                                              const char    *path,
                                              GError       **error);
JsonObject     *cs_report_get_root           (CsReport      *self);

const char     *cs_report_get_id             (CsReport      *self);
gint64          cs_report_get_revision       (CsReport      *self);
CsReportStatus  cs_report_get_status         (CsReport      *self);
gboolean        cs_report_get_tampered       (CsReport      *self);
gboolean        cs_report_is_frozen          (CsReport      *self);

/* Text members addressed by a dotted path in the schema, e.g.
 * "microscopic_description", "consultant.name", "agreement.rationale",
 * "diagnosis.0.text". set fails on a frozen report. */
const char     *cs_report_get_text           (CsReport      *self,
                                              const char    *path);
gboolean        cs_report_set_text           (CsReport      *self,
                                              const char    *path,
                                              const char    *value,
                                              GError       **error);
CsAgreement     cs_report_get_agreement      (CsReport      *self);
gboolean        cs_report_set_agreement      (CsReport      *self,
                                              CsAgreement    agreement,
                                              GError       **error);
/* The impact flags of the agreement: "diagnosis_changed",
 * "treatment_impact", "prognosis_impact". set fails on a frozen report. */
gboolean        cs_report_get_agreement_flag (CsReport      *self,
                                              const char    *flag);
gboolean        cs_report_set_agreement_flag (CsReport      *self,
                                              const char    *flag,
                                              gboolean       value,
                                              GError       **error);

/* Cited regions, in order (figures 1, 2, …). */
guint           cs_report_get_n_regions      (CsReport      *self);
const char     *cs_report_get_region_annotation (CsReport   *self,
                                                 guint       index);
const char     *cs_report_get_region_caption (CsReport      *self,
                                              guint          index);
const char     *cs_report_get_region_slide   (CsReport      *self,
                                              guint          index);
gboolean        cs_report_cite               (CsReport      *self,
                                              CsAnnotation  *annotation,
                                              const char    *slide_id,
                                              const char    *caption,
                                              GError       **error);
gboolean        cs_report_uncite             (CsReport      *self,
                                              guint          index,
                                              GError       **error);
gboolean        cs_report_move_region        (CsReport      *self,
                                              guint          from,
                                              guint          to,
                                              GError       **error);
gboolean        cs_report_set_region_caption (CsReport      *self,
                                              guint          index,
                                              const char    *caption,
                                              GError       **error);

/* draft → preliminary (still edited freely; shown as not final). */
gboolean        cs_report_set_preliminary    (CsReport      *self,
                                              GError       **error);
/* Checks what §8 requires for a final opinion; names every missing field. */
gboolean        cs_report_validate           (CsReport      *self,
                                              GError       **error);
/* Signs: validates, computes geometry_sha256 of each cited annotation
 * found in @annotations (which are locked, one undo step), records
 * signature.signer/signed_at/content_sha256, status final. */
gboolean        cs_report_finalize           (CsReport         *self,
                                              const char       *signer,
                                              CsAnnotationList *annotations,
                                              GError          **error);
gboolean        cs_report_add_addendum       (CsReport      *self,
                                              const char    *by,
                                              const char    *reason,
                                              const char    *text,
                                              GError       **error);
/* Starts an amendment: the signed revision is kept (see
 * cs_report_get_signed_revisions), a new draft revision supersedes it;
 * finalising it signs the amendment. */
gboolean        cs_report_amend              (CsReport      *self,
                                              const char    *by,
                                              const char    *reason,
                                              GError       **error);
/* Withdraws a signed opinion (wrong case, issued in error): the document
 * is kept, a signed revision of type "withdrawal" says who and why;
 * status withdrawn, frozen for good. */
gboolean        cs_report_withdraw           (CsReport      *self,
                                              const char    *by,
                                              const char    *reason,
                                              GError       **error);
/* The stored copies of earlier signed revisions (report.r<N>.json), as
 * CsReport objects, oldest first; the current revision is among them once
 * it is signed. */
GPtrArray      *cs_report_get_signed_revisions (CsReport    *self);
/* Adds a revision read from its report.r<N>.json (the case store). */
void            cs_report_add_signed_revision (CsReport     *self,
                                               CsReport     *revision);
/* For opinions citing several slides: stores the geometry_sha256 of each
 * cited annotation found in @annotations (one slide's list) and locks
 * them, one undo step; finalize then needs @annotations only for the
 * regions still without a hash. Fails on a frozen report. */
gboolean        cs_report_hash_regions       (CsReport         *self,
                                              CsAnnotationList *annotations,
                                              GError          **error);
/* SHA-256 of @annotation's GeoJSON "geometry" member, canonical. */
char           *cs_report_geometry_sha256    (CsAnnotation     *annotation,
                                              GError          **error);
char           *cs_report_compute_hash       (CsReport      *self,
                                              GError       **error);
/* Recomputes the content hash of every signed revision (and, with
 * @annotations, each cited geometry); FALSE naming the first mismatch. */
gboolean        cs_report_verify             (CsReport         *self,
                                              CsAnnotationList *annotations,
                                              GError          **error);

G_END_DECLS
