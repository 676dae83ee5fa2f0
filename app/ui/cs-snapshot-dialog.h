/* cs-snapshot-dialog.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-viewport.h"

G_BEGIN_DECLS

/* Asks at which resolution to export the view: the screen's, or the one of
 * a higher objective magnification up to the scan's own (or twice and four
 * times the screen's when the magnification is unknown). Responses:
 * "cancel" and "export". */

/* The longest side of an exported image, in pixels. */
#define CS_SNAPSHOT_MAX_SIDE 16384

#define CS_TYPE_SNAPSHOT_DIALOG (cs_snapshot_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsSnapshotDialog, cs_snapshot_dialog, CS, SNAPSHOT_DIALOG, AdwMessageDialog)

CsSnapshotDialog *cs_snapshot_dialog_new              (GtkWindow        *parent,
                                                       const CsViewport *viewport,
                                                       double            base_magnification);
double            cs_snapshot_dialog_get_factor       (CsSnapshotDialog *self);
double            cs_snapshot_dialog_get_magnification (CsSnapshotDialog *self);

G_END_DECLS
