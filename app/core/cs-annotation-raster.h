/* cs-annotation-raster.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-render.h"

G_BEGIN_DECLS

/* The annotation layer: the annotations of a zoom level (2^-k) are
 * rendered into CS_ANNOTATION_RASTER_TILE px tiles on a worker thread,
 * with the renderer of cs-annotation-render.h (grid index, level of
 * detail, density layer), kept while the view pans and zooms, and painted
 * scaled by at most sqrt(2). When few annotations are in view (at most
 * CS_ANNOTATION_RASTER_VECTOR_LOAD, a point set counting its points: at
 * high zoom, or on a sparse slide) they are drawn as vectors, sharp at
 * any zoom; the selection is drawn as vectors over the tiles at every
 * zoom.
 *
 * A change to the list ("changed") invalidates only the tiles that the
 * changed annotations' old and new bounds touch. A tile not rendered yet
 * is drawn synchronously when it is cheap (its last rendering held few
 * annotations, or there is no other picture of it), else shown from its
 * previous rendering or from the next coarser or finer level, scaled,
 * until the worker has it: an annotation is never left out. */

#define CS_ANNOTATION_RASTER_TILE        512
#define CS_ANNOTATION_RASTER_VECTOR_LOAD 64

#define CS_TYPE_ANNOTATION_RASTER (cs_annotation_raster_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotationRaster, cs_annotation_raster, CS, ANNOTATION_RASTER, GObject)

/**
 * CsAnnotationRasterStats:
 * @vector: drawn as vectors (few in view); the tile counts are 0
 * @level: the tiles' level k (zoom 2^-k)
 * @n_tiles: tiles in view
 * @n_ready: painted from the cache, up to date
 * @n_rendered: rendered on this thread during the call
 * @n_scaled: shown from another level while the worker renders them
 * @n_stale: shown from before a change while the worker renders them
 * @n_visible: annotations in the tiles painted (summed per tile), or in
 *   view when drawn as vectors
 * @n_drawn: of @n_visible, drawn as shapes, dots or in the density layer
 *   (equal to @n_visible: nothing is dropped)
 *
 * What one cs_annotation_raster_draw() did, for tests and benchmarks.
 */
typedef struct
{
  gboolean vector;
  int      level;
  guint    n_tiles;
  guint    n_ready;
  guint    n_rendered;
  guint    n_scaled;
  guint    n_stale;
  guint64  n_visible;
  guint64  n_drawn;
} CsAnnotationRasterStats;

/* Signals: "updated" (main context): tiles the last frame showed (from
 * another level, or from before a change) arrived; draw again. */
CsAnnotationRaster *cs_annotation_raster_new        (CsAnnotationList              *list);
/* Bytes of tile pixels kept (default 64 MiB); least recently used first
 * out, never a tile of the last frame. */
void                cs_annotation_raster_set_budget (CsAnnotationRaster            *self,
                                                     gsize                          bytes);
gsize               cs_annotation_raster_get_size   (CsAnnotationRaster            *self);
/* Draws what cs_annotation_render_annotations() draws, on @cr whose user
 * space is @viewport's device pixels. Main thread. */
void                cs_annotation_raster_draw       (CsAnnotationRaster            *self,
                                                     cairo_t                       *cr,
                                                     const CsViewport              *viewport,
                                                     const CsAnnotationRenderOptions *options,
                                                     CsAnnotationRasterStats       *stats);
/* Waits until the worker has nothing queued (at most @timeout_ms) and
 * takes its tiles; for tests and benchmarks. FALSE on time-out. */
gboolean            cs_annotation_raster_wait       (CsAnnotationRaster            *self,
                                                     guint                          timeout_ms);
/* Tiles rendered since the raster was made (worker and synchronous). */
guint               cs_annotation_raster_get_n_renders (CsAnnotationRaster         *self);

G_END_DECLS
