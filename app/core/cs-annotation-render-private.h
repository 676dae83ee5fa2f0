/* cs-annotation-render-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "cs-annotation-index.h"
#include "cs-annotation-render.h"

G_BEGIN_DECLS

/* Shared by cs-annotation-render.c (shapes, level of detail),
 * cs-annotation-render-density.c (the density layer) and
 * cs-annotation-render-editor.c (labels, the editor's live layer). Every
 * length here is in logical pixels, multiplied by ui_scale when drawn. */

/* Annotations plus points of point sets in a view of 1920 x 1080 device
 * pixels beyond which the small ones go into the density layer
 * (cs-annotation-render-density.c). */
#define CS_RENDER_DENSITY_LOAD   30000
#define CS_RENDER_DENSITY_AREA   (1920.0 * 1080.0)

/* Annotations smaller than this on screen are drawn as one dot. */
#define CS_RENDER_TINY_PX        2.0
/* Polygon vertices closer than this to the previous one are skipped. */
#define CS_RENDER_DECIMATE_PX    0.5
#define CS_RENDER_LINE_WIDTH     2.0
#define CS_RENDER_HALO_WIDTH     6.0
#define CS_RENDER_DOT_RADIUS     1.5
#define CS_RENDER_POINT_RADIUS   4.0
#define CS_RENDER_HANDLE_SIZE    8.0
#define CS_RENDER_FONT_PX        12.0
#define CS_RENDER_LABEL_PAD      4.0

typedef struct
{
  cairo_t                         *cr;
  const CsViewport                *viewport;
  const CsAnnotationRenderOptions *options;
  cairo_matrix_t                   matrix;  /* image -> device pixels */
  double                           ui;      /* ui_scale */
} CsRenderContext;

/* A level-0 point in the viewport's device pixels. */
static inline void
_cs_render_to_screen (const CsRenderContext *ctx,
                      double                 x,
                      double                 y,
                      double                *sx,
                      double                *sy)
{
  *sx = x;
  *sy = y;
  cairo_matrix_transform_point (&ctx->matrix, sx, sy);
}

/* @bounds (level-0) on screen, device pixels. */
void _cs_render_screen_bounds (const CsRenderContext           *ctx,
                               const CsRect                    *bounds,
                               CsRect                          *screen);
/* The options' highlights in view, over the annotations. */
void _cs_render_highlights    (CsRenderContext                 *ctx,
                               CsAnnotationRenderStats         *stats);
void _cs_render_context_init  (CsRenderContext                 *ctx,
                               cairo_t                         *cr,
                               const CsViewport                *viewport,
                               const CsAnnotationRenderOptions *options);
void _cs_render_set_rgb       (cairo_t                         *cr,
                               guint32                          rgb,
                               double                           alpha);
guint32 _cs_render_class_color (const CsAnnotationRenderOptions *options,
                                const char                      *class_name);
/* Appends @geometry's rings to the current path in device pixels,
 * decimated; @closed rings end with close_path. */
void _cs_render_path_geometry (CsRenderContext                 *ctx,
                               CsGeometry                      *geometry,
                               gboolean                         closed);
/* Draws @shape with @geometry as an annotation of colour @rgb would be. */
void _cs_render_shape         (CsRenderContext                 *ctx,
                               CsShape                          shape,
                               CsGeometry                      *geometry,
                               guint32                          rgb,
                               gboolean                         selected,
                               gboolean                         dashed);
/* One annotation as itself, or as a dot when it is tiny on screen. */
void _cs_render_annotation    (CsRenderContext                 *ctx,
                               CsAnnotation                    *annotation,
                               const CsRect                    *screen,
                               CsAnnotationRenderStats         *stats);
/* The density layer for @shown (with their screen bounds in @screens). */
void _cs_render_dense         (CsRenderContext                 *ctx,
                               GPtrArray                       *shown,
                               GArray                          *screens,
                               CsAnnotationRenderStats         *stats);
/* A label in a readable box: white text on a translucent dark backdrop
 * with a stripe of @rgb on its left (none when @rgb is CS_COLOR_UNSET).
 * (@x, @y) is the box's anchor, moved to stay inside the view. */
void _cs_render_label         (CsRenderContext                 *ctx,
                               const char                      *text,
                               double                           x,
                               double                           y,
                               guint32                          rgb);
void _cs_render_label_size    (CsRenderContext                 *ctx,
                               const char                      *text,
                               double                          *width,
                               double                          *height);

/* The list's spatial index (cs-annotation-list.c), for the renderer. */
CsAnnotationIndex *_cs_annotation_list_get_index (CsAnnotationList *list);
void _cs_render_annotations_indexed (cairo_t                         *cr,
                                     CsAnnotationIndex               *index,
                                     const CsViewport                *viewport,
                                     const CsAnnotationRenderOptions *options,
                                     double                           density_load,
                                     CsAnnotationRenderStats         *stats);

G_END_DECLS
