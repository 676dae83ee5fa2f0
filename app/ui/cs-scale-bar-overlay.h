/* cs-scale-bar-overlay.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CS_TYPE_SCALE_BAR_OVERLAY (cs_scale_bar_overlay_get_type ())

G_DECLARE_FINAL_TYPE (CsScaleBarOverlay, cs_scale_bar_overlay, CS, SCALE_BAR_OVERLAY, GtkWidget)

GtkWidget *cs_scale_bar_overlay_new            (void);
double     cs_scale_bar_overlay_get_um_per_px  (CsScaleBarOverlay *self);
void       cs_scale_bar_overlay_set_um_per_px  (CsScaleBarOverlay *self,
                                                double             um_per_px);
gboolean   cs_scale_bar_overlay_get_length     (CsScaleBarOverlay *self,
                                                double            *length_um,
                                                double            *length_px);

G_END_DECLS
