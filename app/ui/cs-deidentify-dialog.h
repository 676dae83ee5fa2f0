/* cs-deidentify-dialog.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-deidentify-summary.h"

G_BEGIN_DECLS

/* The window of win.deidentify: progress with Cancel while the copy is
 * written and verified, then either the before/after summary with "Open
 * Copy" and "Close", or why nothing was written. Its "state" is the page
 * shown: "working", "cancelling", "done" or "failed". Cancel, or closing
 * it while working, cancels @cancellable; while cancelling it stays open
 * until the owner calls gtk_window_destroy () once the work has stopped.
 * "open-copy" (GFile *copy) asks the owner to open the copy. */

#define CS_TYPE_DEIDENTIFY_DIALOG (cs_deidentify_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsDeidentifyDialog, cs_deidentify_dialog, CS, DEIDENTIFY_DIALOG, AdwWindow)

CsDeidentifyDialog  *cs_deidentify_dialog_new         (GtkWindow                *parent,
                                                       GCancellable             *cancellable);
const char          *cs_deidentify_dialog_get_state   (CsDeidentifyDialog       *self);
CsDeidentifySummary *cs_deidentify_dialog_get_summary (CsDeidentifyDialog       *self);
void                 cs_deidentify_dialog_show_report (CsDeidentifyDialog       *self,
                                                       const CsDeidentifyReport *report,
                                                       CsSlide                  *original,
                                                       GFile                    *copy);
void                 cs_deidentify_dialog_show_error  (CsDeidentifyDialog       *self,
                                                       const GError             *error);

G_END_DECLS
