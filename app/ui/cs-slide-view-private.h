/* cs-slide-view-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-raster.h"
#include "cs-annotation-render.h"
#include "cs-renderer.h"
#include "cs-slide-view.h"
#include "cs-tile-cache.h"
#include "cs-tile-loader.h"

G_BEGIN_DECLS

/* Recent drag positions, for the velocity at release. */
#define CS_SLIDE_VIEW_N_SAMPLES 8

typedef struct
{
  guint32 time;                 /* event time, ms */
  double  x;                    /* drag offset, logical pixels */
  double  y;
} CsDragSample;

struct _CsSlideView
{
  GtkWidget     parent_instance;

  /* Owned References */
  CsSlide      *slide;
  CsTileCache  *cache;
  CsTileLoader *loader;
  CsRenderer   *renderer;
  GHashTable   *reported;       /* messages of tile errors already emitted */

  /* The view, in device pixels */
  CsViewport    viewport;
  int           scale_factor;   /* the one the viewport was sized for */
  double        notified_rotation;
  guint         tile_cache_mb;
  guint         first_frame_source;
  guint         redraw_source;  /* the renderer has scaled copies to make */
  guint         changed_source; /* "viewport-changed" after an allocation */
  guint         best_fit : 1;   /* follow the widget's size with a fit */
  guint         complete : 1;   /* the last frame had every visible tile */
  guint         first_frame : 1; /* "first-frame" emitted for this slide */
  guint         aligning : 1;   /* a Ctrl+drag moves only this view */

  /* Borrowed References */
  GtkGesture   *drag;

  /* Input, in widget coordinates */
  double        drag_x;         /* offset of the last drag update */
  double        drag_y;
  double        pointer_x;      /* -1 when the pointer is elsewhere */
  double        pointer_y;
  CsDragSample  samples[CS_SLIDE_VIEW_N_SAMPLES];
  guint         n_samples;

  /* Kinetic panning, in logical pixels per second */
  double        velocity_x;
  double        velocity_y;
  gint64        kinetic_time;   /* frame time of the last step, µs */
  guint         kinetic_tick;

  /* A glide to a place (cs_slide_view_glide_to) */
  guint         glide_tick;
  gint64        glide_start;    /* frame time of the first step, µs */
  double        glide_from[4];  /* centre x, y, log zoom, rotation */
  double        glide_to[4];

  /* Two-finger gestures */
  double        gesture_zoom;   /* the zoom when the pinch began */
  double        gesture_rotation;
  double        gesture_x;      /* the touches' centre at the last update */
  double        gesture_y;

  /* Annotations (Owned References), all NULL when they are off */
  CsAnnotationList   *annotations;
  CsAnnotationEditor *editor;
  CsClassTable       *classes;

  /* The annotation layer, cached (STYLE.md §4.4 item 7) */
  GskRenderNode      *overlay;          /* drawn OVERLAY_MARGIN px past each edge */
  CsViewport          overlay_viewport; /* the view's viewport it was drawn for */
  guint64             overlay_generation;
  guint               overlay_renders;  /* times the layer was drawn, for tests */
  gint64              overlay_render_us; /* how long it took, the last time */
  guint               overlay_settle;   /* redraws a layer shifted by a fraction */
  CsAnnotationRenderStats overlay_stats;
  CsAnnotationRaster *raster;          /* the annotations' tiles, at mid and low zoom */
  CsAnnotationRasterStats raster_stats; /* what the layer's last drawing did */
  guint               overlay_valid : 1;
  guint               show_labels : 1;  /* names and measurements */
  guint               color_by_author : 1;  /* the report pane's comparison */
  guint               hide_teaching_answers : 1;  /* a teaching case not revealed */
  GPtrArray          *highlights;       /* CsAnnotationHighlight, the comparison's */
  guint               editing : 1;      /* the primary button went to the editor */
};

void _cs_slide_view_input_init         (CsSlideView    *self);
void _cs_slide_view_class_actions_init (GtkWidgetClass *widget_class);
void _cs_slide_view_update_actions     (CsSlideView    *self);
void _cs_slide_view_viewport_changed   (CsSlideView    *self);
void _cs_slide_view_fit                (CsSlideView    *self);
void _cs_slide_view_clamp              (CsSlideView    *self);
void _cs_slide_view_pan                (CsSlideView    *self,
                                        double          dx,
                                        double          dy);
void _cs_slide_view_keep_anchor        (CsSlideView    *self,
                                        double          image_x,
                                        double          image_y,
                                        double          x,
                                        double          y);
void _cs_slide_view_set_aligning       (CsSlideView    *self,
                                        gboolean        aligning);

/* cs-slide-view-annotations.c */
void     _cs_slide_view_annotations_init     (CsSlideView     *self);
void     _cs_slide_view_annotations_dispose  (CsSlideView     *self);
void     _cs_slide_view_notify_annotations   (CsSlideView     *self);
void     _cs_slide_view_annotations_update   (CsSlideView     *self);
void     _cs_slide_view_snapshot_annotations (CsSlideView     *self,
                                              GtkSnapshot     *snapshot);
void     _cs_slide_view_class_annotations_init (GtkWidgetClass *widget_class);
void     _cs_slide_view_invalidate_overlay   (CsSlideView     *self);

/* The primary button and the pointer, in widget coordinates, as the
 * gestures of cs-slide-view-input.c pass them (tests call them directly:
 * GTK 4.8 cannot synthesise events). press() returns TRUE when the editor
 * took the press: the drag that follows edits instead of panning. */
gboolean _cs_slide_view_editor_press         (CsSlideView     *self,
                                              double           x,
                                              double           y,
                                              guint            n_press,
                                              GdkModifierType  state);
void     _cs_slide_view_editor_drag          (CsSlideView     *self,
                                              double           x,
                                              double           y,
                                              GdkModifierType  state);
void     _cs_slide_view_editor_release       (CsSlideView     *self,
                                              double           x,
                                              double           y,
                                              GdkModifierType  state);
void     _cs_slide_view_editor_hover         (CsSlideView     *self,
                                              double           x,
                                              double           y,
                                              GdkModifierType  state);

G_END_DECLS
