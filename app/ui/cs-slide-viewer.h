/* cs-slide-viewer.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-slide-view.h"

G_BEGIN_DECLS

/* One slide on screen: the CsSlideView with its overlays (overview
 * navigator, scale bar, pointer position, magnification and zoom, rotation
 * control).
 *
 * Properties: "slide" (CsSlide), "show-overview" (bool, default TRUE),
 * "show-scale-bar" (bool, default TRUE), "tile-cache-mb" (uint, default
 * 512), "annotation-list" (CsAnnotationList), "annotation-editor"
 * (CsAnnotationEditor), "class-table" (CsClassTable): NULL turns the
 * annotations off for this viewer (no tool bar, no overlay); all
 * G_PARAM_EXPLICIT_NOTIFY.
 * Signals: "first-frame" () once the first tile of a newly set slide is
 * drawn; "tile-failed" (GError*) when a tile could not be read (the view
 * draws it as a marked error area). */

#define CS_TYPE_SLIDE_VIEWER (cs_slide_viewer_get_type ())

G_DECLARE_FINAL_TYPE (CsSlideViewer, cs_slide_viewer, CS, SLIDE_VIEWER, GtkWidget)

GtkWidget   *cs_slide_viewer_new        (void);
CsSlide     *cs_slide_viewer_get_slide  (CsSlideViewer *self);
void         cs_slide_viewer_set_slide  (CsSlideViewer *self,
                                         CsSlide       *slide);
CsSlideView *cs_slide_viewer_get_view   (CsSlideViewer *self);
void         cs_slide_viewer_get_free_area (CsSlideViewer   *self,
                                            graphene_rect_t *area);
gboolean     cs_slide_viewer_get_show_overview  (CsSlideViewer *self);
void         cs_slide_viewer_set_show_overview  (CsSlideViewer *self,
                                                 gboolean       show_overview);
gboolean     cs_slide_viewer_get_show_scale_bar (CsSlideViewer *self);
void         cs_slide_viewer_set_show_scale_bar (CsSlideViewer *self,
                                                 gboolean       show_scale_bar);
void         cs_slide_viewer_set_annotations    (CsSlideViewer      *self,
                                                 CsAnnotationList   *list,
                                                 CsAnnotationEditor *editor,
                                                 CsClassTable       *classes);

G_END_DECLS
