/* cs-review-area.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-slide-viewer.h"
#include "cs-view-sync.h"

G_BEGIN_DECLS

/* The content of a tab: one CsSlideViewer, or two side by side (a split
 * view of, say, the H&E and an IHC of the same block) with synchronized
 * navigation: pan, zoom and rotation of one follow the other through a
 * CsSyncTransform, which the user adjusts by dragging either view with
 * Ctrl held and which is remembered for that pair of slides.
 *
 * Properties: "split" (bool, read-only), "sync" (bool, default TRUE),
 * "active-viewer" (CsSlideViewer, read-only: the one last focused or
 * clicked; the primary one when not split). */

#define CS_TYPE_REVIEW_AREA (cs_review_area_get_type ())

G_DECLARE_FINAL_TYPE (CsReviewArea, cs_review_area, CS, REVIEW_AREA, GtkWidget)

GtkWidget     *cs_review_area_new                  (void);
CsSlideViewer *cs_review_area_get_primary          (CsReviewArea *self);
CsSlideViewer *cs_review_area_get_secondary        (CsReviewArea *self);
CsSlideViewer *cs_review_area_get_active_viewer    (CsReviewArea *self);
void           cs_review_area_set_secondary_slide  (CsReviewArea *self,
                                                    CsSlide      *slide);
gboolean       cs_review_area_get_split            (CsReviewArea *self);
gboolean       cs_review_area_get_sync             (CsReviewArea *self);
void           cs_review_area_set_sync             (CsReviewArea *self,
                                                    gboolean      sync);
gboolean       cs_review_area_get_transform        (CsReviewArea    *self,
                                                    CsSyncTransform *transform);

G_END_DECLS
