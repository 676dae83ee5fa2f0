/* cs-slide-view.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-slide.h"
#include "cs-viewport.h"

G_BEGIN_DECLS

/* The largest zoom the view allows: 40 device pixels per slide pixel. */
#define CS_SLIDE_VIEW_MAX_ZOOM 40.0

#define CS_TYPE_SLIDE_VIEW (cs_slide_view_get_type ())

G_DECLARE_FINAL_TYPE (CsSlideView, cs_slide_view, CS, SLIDE_VIEW, GtkWidget)

GtkWidget *cs_slide_view_new            (void);
CsSlide   *cs_slide_view_get_slide      (CsSlideView      *self);
void       cs_slide_view_set_slide      (CsSlideView      *self,
                                         CsSlide          *slide);
void       cs_slide_view_get_viewport   (CsSlideView      *self,
                                         CsViewport       *viewport);
void       cs_slide_view_set_viewport   (CsSlideView      *self,
                                         const CsViewport *viewport);
void       cs_slide_view_get_zoom_range (CsSlideView      *self,
                                         double           *min_zoom,
                                         double           *max_zoom);
void       cs_slide_view_zoom_at        (CsSlideView      *self,
                                         double            zoom,
                                         double            x,
                                         double            y);
void       cs_slide_view_zoom_to_fit    (CsSlideView      *self);
gboolean   cs_slide_view_is_complete    (CsSlideView      *self);
void       cs_slide_view_get_background (CsSlideView      *self,
                                         GdkRGBA          *color);

G_END_DECLS
