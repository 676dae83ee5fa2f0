/* cs-render-plan.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-tile-cache.h"
#include "cs-tile-source.h"
#include "cs-viewport.h"

G_BEGIN_DECLS

/**
 * CsDrawItem:
 * @tile: (nullable): the cached tile to draw, the plan holds a ref; %NULL
 *   for a tile that failed to read, drawn as a marked error area
 * @dest: where the whole tile lands, in device pixels, snapped to whole
 *   pixels so neighbouring tiles share their edges exactly
 * @clip: the part of @dest to paint (smaller when a coarse tile stands in
 *   for one missing finer tile)
 * @fallback: %TRUE when the tile is coarser than the plan's level
 * @key: the tile's address (also for failed tiles)
 */
typedef struct
{
  CsTile                *tile;
  cairo_rectangle_int_t  dest;
  cairo_rectangle_int_t  clip;
  gboolean               fallback;
  CsTileKey              key;
} CsDrawItem;

/**
 * CsRenderPlan:
 * @viewport: the viewport it was computed for
 * @frame: the unrotated viewport the items are placed in: @viewport itself
 *   when not rotated, else the axis-aligned viewport around the rotated one
 *   (same centre and zoom); the renderer turns it by @viewport's rotation
 * @level: the level whose tiles match the zoom best
 * @draw: (element-type CsDrawItem): tiles to paint, coarse first
 * @missing: (element-type CsTileKey): tiles to load, in priority order:
 *   the coarsest levels first, then visible tiles centre-out
 * @preload: (element-type CsTileKey): tiles in the preload ring not cached
 * @complete: %TRUE when every visible tile of @level is cached (or failed)
 * @n_failed: visible tiles that failed to read
 *
 * Which tiles go where for one frame. Computed without I/O.
 */
typedef struct
{
  CsViewport  viewport;
  CsViewport  frame;
  guint       level;
  GArray     *draw;
  GArray     *missing;
  GArray     *preload;
  gboolean    complete;
  guint       n_failed;
} CsRenderPlan;

CsRenderPlan *cs_render_plan_compute        (const CsViewport *viewport,
                                             CsTileSource     *source,
                                             CsTileCache      *cache);
void          cs_render_plan_free           (CsRenderPlan     *plan);
GArray       *cs_render_plan_get_requests   (const CsRenderPlan *plan);
void          cs_render_plan_tile_dest      (const CsViewport *viewport,
                                             CsTileSource     *source,
                                             const CsTileKey  *key,
                                             cairo_rectangle_int_t *dest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRenderPlan, cs_render_plan_free)

G_END_DECLS
