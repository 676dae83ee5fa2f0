/* cs-annotation-raster-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-raster.h"
#include "cs-annotation-render-private.h"

G_BEGIN_DECLS

/* Shared by cs-annotation-raster.c (the cache, the frame) and
 * cs-annotation-raster-tile.c (what the worker renders from). */

/**
 * CsRasterSnapshot:
 *
 * The list and the style as they were when a tile was asked for, for the
 * worker: references to the (frozen) annotations in list order, a copy of
 * the class table, and an index built by the worker on first use. Only
 * one thread renders from a snapshot at a time (the index's queries are
 * not reentrant): the raster's single worker.
 */
typedef struct
{
  gatomicrefcount            ref;
  GPtrArray                 *annotations;
  CsAnnotationIndex         *index;
  CsClassTable              *classes;
  CsAnnotationRenderOptions  options;
} CsRasterSnapshot;

CsRasterSnapshot *_cs_raster_snapshot_new   (CsAnnotationList                *list,
                                             const CsAnnotationRenderOptions *options);
CsRasterSnapshot *_cs_raster_snapshot_ref   (CsRasterSnapshot                *snapshot);
void              _cs_raster_snapshot_unref (CsRasterSnapshot                *snapshot);
CsAnnotationIndex *_cs_raster_snapshot_get_index (CsRasterSnapshot           *snapshot);

/* What a tile's pixels depend on besides the list: classes (colours,
 * visibility), colouring, fill, labels, scale, calibration. */
char             *_cs_raster_style          (const CsAnnotationRenderOptions *options);
/* The zoom of level @level: 2^-level. */
double            _cs_raster_level_zoom     (int                              level);
/* Tile (@tx, @ty) of @level rendered from @index with @options (editor
 * and highlights left out); NULL when nothing in it is drawn. */
cairo_surface_t  *_cs_raster_render_tile    (CsAnnotationIndex               *index,
                                             const CsAnnotationRenderOptions *options,
                                             int                              level,
                                             gint64                           tx,
                                             gint64                           ty,
                                             CsAnnotationRenderStats         *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRasterSnapshot, _cs_raster_snapshot_unref)

G_END_DECLS
