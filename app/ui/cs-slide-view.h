/* cs-slide-view.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-annotation-editor.h"
#include "cs-class-table.h"
#include "cs-slide.h"
#include "cs-viewport.h"

G_BEGIN_DECLS

/* Zoom limits, in device pixels per level-0 pixel. Zooming out stops at a
 * quarter of the zoom that fits the whole slide. Zooming in goes past the
 * scan's own resolution (zoom 1.0, "100 %"), as digital zoom, up to
 * CS_SLIDE_VIEW_MAX_ZOOM (4 device pixels per scanned pixel: 80× on a 20×
 * scan, 160× on a 40× scan) or CS_SLIDE_VIEW_MAX_MAGNIFICATION, whichever
 * is smaller (a 63× scan stops at 160×, zoom 2.54). Past that, a
 * pathologist sees only blocks of pixels; before it, nuclei of a 20× scan
 * can still be inspected. */
#define CS_SLIDE_VIEW_MAX_ZOOM          4.0
#define CS_SLIDE_VIEW_MAX_MAGNIFICATION 160.0

/* The default tile cache budget, in MiB ("tile-cache-mb"). */
#define CS_SLIDE_VIEW_DEFAULT_CACHE_MB  512

/* The annotation tools, in tool-bar order, with the key that chooses
 * each while the view has the focus. */
typedef struct
{
  CsTool      tool;
  guint       keyval;
  const char *icon_name;
  const char *name;           /* N_ (): translate with _ () */
} CsSlideViewTool;

#define CS_SLIDE_VIEW_N_TOOLS 11

extern const CsSlideViewTool cs_slide_view_tools[CS_SLIDE_VIEW_N_TOOLS];

#define CS_TYPE_SLIDE_VIEW (cs_slide_view_get_type ())

G_DECLARE_FINAL_TYPE (CsSlideView, cs_slide_view, CS, SLIDE_VIEW, GtkWidget)

/* Shows one slide; pans, zooms and rotates with the pointer, touch and
 * keyboard, and through the "view.*" actions:
 *   view.zoom-in, view.zoom-out, view.zoom-fit, view.zoom-1to1,
 *   view.magnification ("d": 1.25 … 40, the objective's magnification),
 *   view.rotate ("d": degrees to add, clockwise),
 *   view.rotation-reset,
 *   view.pan ("(dd)": moves the view over the slide by that many logical
 *   pixels on screen; positive x shows more of what is to the right).
 *
 * Annotations: cs_slide_view_set_annotations () shows a list over the
 * slide (it turns with it) and passes the primary button to the editor's
 * tools; keys S, Q, E, G, F, B, C, M, A, T, K choose the tools (see
 * cs_slide_view_tools), Escape, Enter, Delete and BackSpace go to the
 * editor, [ and ] size the brush while it is chosen.
 *
 * Properties: "slide", "rotation" (degrees), "tile-cache-mb",
 * "annotation-list", "annotation-editor", "class-table",
 * "show-annotation-labels",
 * "aligning" (read-only: a drag begun with Ctrl held is moving only this
 * view, see CsReviewArea).
 * Signals: "viewport-changed" () whenever the viewport changes;
 * "tile-failed" (GError*) once per distinct error while one slide is
 * shown (the view keeps drawing, marking the failed area); "first-frame" ()
 * once the first frame with slide pixels in it has been drawn after a
 * slide was set. */

GtkWidget *cs_slide_view_new             (void);
gboolean   cs_slide_view_activate_shortcut (CsSlideView    *self,
                                            guint           keyval,
                                            GdkModifierType state);
CsSlide   *cs_slide_view_get_slide       (CsSlideView      *self);
void       cs_slide_view_set_slide       (CsSlideView      *self,
                                          CsSlide          *slide);
void       cs_slide_view_get_viewport    (CsSlideView      *self,
                                          CsViewport       *viewport);
void       cs_slide_view_set_viewport    (CsSlideView      *self,
                                          const CsViewport *viewport);
void       cs_slide_view_move_to         (CsSlideView      *self,
                                          double            center_x,
                                          double            center_y,
                                          double            zoom,
                                          double            rotation);
void       cs_slide_view_get_zoom_range  (CsSlideView      *self,
                                          double           *min_zoom,
                                          double           *max_zoom);
void       cs_slide_view_zoom_at         (CsSlideView      *self,
                                          double            zoom,
                                          double            x,
                                          double            y);
void       cs_slide_view_zoom_to_fit     (CsSlideView      *self);
void       cs_slide_view_set_center      (CsSlideView      *self,
                                          double            center_x,
                                          double            center_y);
/* Like move_to, gliding there over a moment (at once when animations are
 * off or the view is not shown); a new glide replaces a running one. */
void       cs_slide_view_glide_to        (CsSlideView      *self,
                                          double            center_x,
                                          double            center_y,
                                          double            zoom,
                                          double            rotation);
gboolean   cs_slide_view_is_gliding      (CsSlideView      *self);
void       cs_slide_view_stop_glide      (CsSlideView      *self);
double     cs_slide_view_get_rotation    (CsSlideView      *self);
void       cs_slide_view_set_rotation    (CsSlideView      *self,
                                          double            degrees);
double     cs_slide_view_get_magnification_base (CsSlideView *self);
guint      cs_slide_view_get_tile_cache_mb (CsSlideView    *self);
void       cs_slide_view_set_tile_cache_mb (CsSlideView    *self,
                                            guint           megabytes);
gboolean   cs_slide_view_get_aligning    (CsSlideView      *self);
gboolean   cs_slide_view_get_pointer     (CsSlideView      *self,
                                          double           *image_x,
                                          double           *image_y);
void       cs_slide_view_stop_kinetic    (CsSlideView      *self);
gboolean   cs_slide_view_is_complete     (CsSlideView      *self);
void       cs_slide_view_get_background  (CsSlideView      *self,
                                          GdkRGBA          *color);
void       cs_slide_view_set_annotations (CsSlideView        *self,
                                          CsAnnotationList   *list,
                                          CsAnnotationEditor *editor,
                                          CsClassTable       *classes);
CsAnnotationList   *cs_slide_view_get_annotation_list   (CsSlideView *self);
CsAnnotationEditor *cs_slide_view_get_annotation_editor (CsSlideView *self);
CsClassTable       *cs_slide_view_get_class_table       (CsSlideView *self);
gboolean   cs_slide_view_get_show_annotation_labels (CsSlideView *self);
void       cs_slide_view_set_show_annotation_labels (CsSlideView *self,
                                                     gboolean     show_labels);
/* Leaves out the annotations marked as a teaching case's answer. */
void       cs_slide_view_set_hide_teaching_answers (CsSlideView *self,
                                                    gboolean     hide);
gboolean   cs_slide_view_get_hide_teaching_answers (CsSlideView *self);
gboolean   cs_slide_view_get_color_by_author (CsSlideView *self);
void       cs_slide_view_set_color_by_author (CsSlideView *self,
                                              gboolean     color_by_author);
void       cs_slide_view_set_highlights      (CsSlideView *self,
                                              GPtrArray   *highlights);
GPtrArray *cs_slide_view_get_highlights      (CsSlideView *self);

G_END_DECLS
