/* cs-report-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-report.h"

G_BEGIN_DECLS

struct _CsReport
{
  GObject     parent_instance;

  JsonObject *root;
  GPtrArray  *signed_revisions;  /* CsReport, oldest first */
  gboolean    tampered;
};

/* After a change: "modified" now, "changed" emitted. */
void      _cs_report_changed       (CsReport    *self);
/* FALSE with CS_REPORT_ERROR_FROZEN when signed. */
gboolean  _cs_report_check_editable (CsReport   *self,
                                     GError    **error);
void      _cs_report_set_status    (CsReport    *self,
                                    CsReportStatus status);
/* A deep copy (unsigned revisions list), for the revision history. */
CsReport *_cs_report_snapshot      (CsReport    *self);
/* Whether the stored content hash matches the document. */
gboolean  _cs_report_check_hash    (CsReport    *self,
                                    GError    **error);
/* The hash, and the signer and signing time consistent with the content. */
gboolean  _cs_report_check_signature (CsReport  *self,
                                      GError   **error);
/* Whether the document claims a signature: a signed status or a stored
 * content hash, whatever the status says. */
gboolean  _cs_report_has_signature (CsReport    *self);

G_END_DECLS
