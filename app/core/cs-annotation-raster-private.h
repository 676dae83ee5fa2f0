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

/* Past an annotation's changed bounds, tile pixels: strokes, dots, the
 * density layer's smoothing and labels centred over their shape. */
#define CS_RASTER_CHANGE_MARGIN 128.0

typedef struct
{
  int    level;
  gint64 tx;
  gint64 ty;
} TileKey;

typedef struct
{
  TileKey                  key;
  cairo_surface_t         *surface;   /* NULL: not rendered, or empty */
  gboolean                 rendered;  /* @surface (or its absence) is a rendering */
  gboolean                 fresh;     /* ... of the current list and style */
  gboolean                 queued;
  guint                    epoch;     /* bumped by each invalidation */
  guint64                  last_used; /* frame */
  CsAnnotationRenderStats  stats;
} Tile;

struct _CsAnnotationRaster
{
  GObject           parent_instance;

  CsAnnotationList *list;
  GHashTable       *tiles;      /* TileKey* -> Tile* (owned) */
  gsize             budget;
  gsize             size;
  guint64           frame;
  guint64           seq;
  guint             n_renders;

  CsRasterSnapshot *snapshot;
  guint64           snapshot_generation;
  char             *style;
  guint64           seen_generation;
  GHashTable       *bounds;     /* id -> CsRect, of the tiles' annotations */
  CsRect            extent;     /* of the snapshot's annotations */
  gboolean          has_extent;

  GThreadPool      *pool;
  GMutex            lock;
  GCond             cond;
  GQueue            done;       /* Job*, under lock */
  guint             pending;    /* jobs pushed and not yet done, under lock */
  guint             idle_id;    /* under lock */
};

/* cs-annotation-raster.c, for the frame (cs-annotation-raster-draw.c). */
gsize     _cs_raster_surface_size    (cairo_surface_t               *surface);
Tile     *_cs_raster_tile_get        (CsAnnotationRaster            *self,
                                      int                            level,
                                      gint64                         tx,
                                      gint64                         ty,
                                      gboolean                       create);
/* Asks the worker for @tile unless it is up to date or asked for. */
void      _cs_raster_request         (CsAnnotationRaster            *self,
                                      Tile                          *tile);
void      _cs_raster_tile_set        (CsAnnotationRaster            *self,
                                      Tile                          *tile,
                                      cairo_surface_t               *surface,
                                      const CsAnnotationRenderStats *stats);
gboolean  _cs_raster_take_done       (CsAnnotationRaster            *self);
gboolean  _cs_raster_ensure_snapshot (CsAnnotationRaster            *self,
                                      const CsAnnotationRenderOptions *options);
void      _cs_raster_evict           (CsAnnotationRaster            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRasterSnapshot, _cs_raster_snapshot_unref)

G_END_DECLS
