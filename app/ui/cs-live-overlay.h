/* cs-live-overlay.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-slide-view.h"

G_BEGIN_DECLS

/* How long the other person's pointer stays without an update, ms. */
#define CS_LIVE_POINTER_HIDE_MS 4000
/* How long a "look here" ping's rings last, ms. */
#define CS_LIVE_PING_MS 2000

#define CS_TYPE_LIVE_OVERLAY (cs_live_overlay_get_type ())

G_DECLARE_FINAL_TYPE (CsLiveOverlay, cs_live_overlay, CS, LIVE_OVERLAY, GtkWidget)

/* Draws, over a CsSlideView (the overlay is laid over it and takes no
 * input), what the other side of a live session points at: its pointer
 * as an arrow labelled with the person's name, and "look here" pings as
 * expanding rings (an arrow at the edge when the point is off-screen).
 * Points are level-0 pixels; they turn and scale with the view. */

GtkWidget *cs_live_overlay_new          (void);
void       cs_live_overlay_set_view     (CsLiveOverlay *self,
                                         CsSlideView   *view);
void       cs_live_overlay_set_pointer  (CsLiveOverlay *self,
                                         double         x,
                                         double         y,
                                         gboolean       visible,
                                         const char    *name);
void       cs_live_overlay_add_ping     (CsLiveOverlay *self,
                                         double         x,
                                         double         y);
void       cs_live_overlay_clear        (CsLiveOverlay *self);
/* For tests: whether the pointer is shown, and where (level-0). */
gboolean   cs_live_overlay_get_pointer  (CsLiveOverlay *self,
                                         double        *x,
                                         double        *y);
const char *cs_live_overlay_get_name    (CsLiveOverlay *self);
guint      cs_live_overlay_get_n_pings  (CsLiveOverlay *self);
/* The pointer's colour (distinct from the annotation colours). */
void       cs_live_overlay_get_color    (GdkRGBA       *color);

G_END_DECLS
