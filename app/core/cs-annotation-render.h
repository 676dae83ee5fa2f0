/* cs-annotation-render.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-class-table.h"
#include "cs-annotation-editor.h"
#include "cs-annotation-list.h"
#include "cs-measure.h"
#include "cs-viewport.h"

G_BEGIN_DECLS

/**
 * CsAnnotationHighlight:
 * @geometry: areas, level-0 pixels
 * @rgb: 0xRRGGBB
 * @bounds: @geometry's bounds, level-0 pixels
 *
 * An area drawn over the annotations, hatched and outlined in @rgb: the
 * parts of one author's regions that another's do not cover
 * (cs-opinion-compare.h).
 */
typedef struct
{
  CsGeometry *geometry;
  guint32     rgb;
  CsRect      bounds;
} CsAnnotationHighlight;

CsAnnotationHighlight *cs_annotation_highlight_new  (CsGeometry            *geometry,
                                                     guint32                rgb);
void                   cs_annotation_highlight_free (CsAnnotationHighlight *self);

/**
 * CsAnnotationRenderOptions:
 * @classes: colours and visibility per class, or NULL
 * @calibration: for labels with measurements
 * @editor: selection, hover, handles and the shape being drawn, or NULL
 * @ui_scale: device pixels per logical pixel (line widths, fonts)
 * @show_labels: draw names and measurements next to annotations
 * @fill_alpha: fill opacity of areas (0 for outlines only)
 * @pointer_away: the pointer is not over the view: the editor's layer
 *   leaves out what follows it (hover, brush disc, rubber band, live
 *   measurement) unless a shape is being drawn
 * @color_by_author: colour each annotation by its author
 *   (cs_annotation_render_author_color) instead of its class, to compare
 *   where each consultant looked; hidden classes stay hidden
 * @hide_teaching_answers: leave out the annotations marked as a teaching
 *   case's answer (cs_annotation_get_teaching_answer), until revealed
 * @highlights: (element-type CsAnnotationHighlight) (nullable): areas
 *   drawn over the annotations, hatched, in their own colours
 */
typedef struct
{
  CsClassTable *classes;
  CsCalibration        calibration;
  CsAnnotationEditor  *editor;
  double               ui_scale;
  gboolean             show_labels;
  double               fill_alpha;
  gboolean             pointer_away;
  gboolean             color_by_author;
  GPtrArray           *highlights;
  gboolean             hide_teaching_answers;
} CsAnnotationRenderOptions;

void cs_annotation_render_options_init (CsAnnotationRenderOptions *options);

/* The colour (0xRRGGBB) of @author's annotations when coloured by author:
 * one of a fixed palette of well-separated colours, always the same for the
 * same name; CS_UNCLASSIFIED_COLOR for none. */
guint32 cs_annotation_render_author_color (const char *author);
/* The colour @annotation is drawn in under @options. */
guint32 cs_annotation_render_color        (const CsAnnotationRenderOptions *options,
                                           CsAnnotation                    *annotation);

/* Draws the annotations visible in @viewport on @cr, whose user space is the
 * viewport's device pixels (the same space cs_renderer_draw uses), rotation
 * included. Uses the list's spatial index; annotations smaller than a pixel
 * or too many to draw one by one are drawn as dots or a density layer,
 * never dropped. */
void cs_annotation_render (cairo_t                         *cr,
                           CsAnnotationList                *list,
                           const CsViewport                *viewport,
                           const CsAnnotationRenderOptions *options);

/* Multiplies @cr's matrix (user space: the viewport's device pixels) so
 * that user space becomes level-0 image pixels. */
void cs_annotation_render_set_image_matrix (cairo_t          *cr,
                                            const CsViewport *viewport);

/**
 * CsAnnotationRenderStats:
 * @n_visible: annotations in view and shown (not hidden, class shown)
 * @n_shapes: drawn as their shape
 * @n_dots: drawn as a single dot (smaller than TINY px on screen)
 * @n_dense: counted into the density layer
 * @density: a density layer was drawn
 * @n_highlights: highlights in view, drawn
 *
 * What one cs_annotation_render_annotations() call drew, for tests and
 * CS_DEBUG=timings.
 */
typedef struct
{
  guint    n_visible;
  guint    n_shapes;
  guint    n_dots;
  guint    n_dense;
  gboolean density;
  guint    n_highlights;
} CsAnnotationRenderStats;

/* The matrix from level-0 image pixels to the viewport's device pixels. */
void cs_annotation_render_get_matrix (const CsViewport *viewport,
                                      cairo_matrix_t   *matrix);

/* The two layers cs_annotation_render() draws, for callers that cache the
 * first: the annotations (with the selection highlighted when
 * @options->editor is set), and the editor's live layer (the shape being
 * drawn, the rubber band, the brush, the live measurement, the selection
 * handles and the hovered outline; nothing without an editor). */
void cs_annotation_render_annotations (cairo_t                         *cr,
                                       CsAnnotationList                *list,
                                       const CsViewport                *viewport,
                                       const CsAnnotationRenderOptions *options,
                                       CsAnnotationRenderStats         *stats);
void cs_annotation_render_editor      (cairo_t                         *cr,
                                       const CsViewport                *viewport,
                                       const CsAnnotationRenderOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsAnnotationHighlight, cs_annotation_highlight_free)

G_END_DECLS
