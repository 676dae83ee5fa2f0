/* cs-annotation-raster-draw.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-raster"

#include "config.h"

#include "cs-case-teaching.h"
#include "cs-annotation-raster-private.h"

#include "cs-core-private.h"

#include <math.h>

/* The raster layer's frame: the tiles of the view's level from the
 * cache, the missing ones from another level, their last rendering or
 * rendered here, then the selection and the highlights as vectors, then
 * the tiles around the view asked for. Main thread. */

#define TILE            CS_ANNOTATION_RASTER_TILE
/* A tile whose last rendering held at most this many annotations is
 * rendered again synchronously after a change, not shown stale. */
#define CHEAP_TILE      2000
/* Prefetched tiles around the view are asked for only while the worker
 * has fewer than this many waiting. */
#define PREFETCH_QUEUE  24
/* Coarser levels tried for a missing tile. */
#define FALLBACK_LEVELS 8

/* Paints @surface, a tile of @level at (@tx, @ty), into @cr whose user
 * space is level pixels of @level + @shift: scaled by 2^shift. */
static void
paint_surface (cairo_t         *cr,
               cairo_surface_t *surface,
               gint64           tx,
               gint64           ty,
               int              shift)
{
  cairo_pattern_t *pattern;

  if (surface == NULL)
    return;
  cairo_save (cr);
  cairo_scale (cr, ldexp (1.0, shift), ldexp (1.0, shift));
  cairo_rectangle (cr, (double) tx * TILE, (double) ty * TILE, TILE, TILE);
  cairo_set_source_surface (cr, surface, (double) tx * TILE, (double) ty * TILE);
  pattern = cairo_get_source (cr);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
add_stats (CsAnnotationRasterStats       *stats,
           const CsAnnotationRenderStats *tile)
{
  stats->n_visible += tile->n_visible;
  stats->n_drawn += tile->n_shapes + tile->n_dots + tile->n_dense;
}

/* Another level's rendered tiles that can stand in for the tile at
 * @key: a coarser one (@shift > 0, in @found[0]) or the four finer ones
 * (@shift -1); FALSE for none. */
static gboolean
find_other_level (CsAnnotationRaster *self,
                  const TileKey      *k,
                  Tile               *found[4],
                  int                *shift)
{
  gboolean all = TRUE;

  for (int d = 1; d <= FALLBACK_LEVELS; d++)
    {
      Tile *other = _cs_raster_tile_get (self, k->level + d, k->tx >> d, k->ty >> d, FALSE);

      if (other != NULL && other->fresh)
        {
          found[0] = other;
          *shift = d;
          return TRUE;
        }
    }
  for (int i = 0; i < 4 && all; i++)
    {
      found[i] = _cs_raster_tile_get (self, k->level - 1, 2 * k->tx + i % 2, 2 * k->ty + i / 2, FALSE);
      all = found[i] != NULL && found[i]->fresh;
    }
  *shift = -1;
  return all;
}

/* Another level's tiles for @tile, painted clipped to it. */
static gboolean
paint_other_level (CsAnnotationRaster      *self,
                   cairo_t                 *cr,
                   const Tile              *tile,
                   CsAnnotationRasterStats *stats)
{
  const TileKey *k = &tile->key;
  Tile *found[4];
  int shift;

  if (!find_other_level (self, k, found, &shift))
    return FALSE;
  if (shift > 0)
    {
      cairo_save (cr);
      cairo_rectangle (cr, (double) k->tx * TILE, (double) k->ty * TILE, TILE, TILE);
      cairo_clip (cr);
      paint_surface (cr, found[0]->surface, found[0]->key.tx, found[0]->key.ty, shift);
      cairo_restore (cr);
      add_stats (stats, &found[0]->stats);
      return TRUE;
    }
  for (int i = 0; i < 4; i++)
    {
      paint_surface (cr, found[i]->surface, found[i]->key.tx, found[i]->key.ty, -1);
      add_stats (stats, &found[i]->stats);
    }
  return TRUE;
}

/* A tile not up to date: rendered here when cheap or when nothing else
 * shows it, else its last rendering or another level's, while the worker
 * renders it. */
static void
paint_missing (CsAnnotationRaster              *self,
               cairo_t                         *cr,
               Tile                            *tile,
               const CsAnnotationRenderOptions *options,
               CsAnnotationRasterStats         *stats)
{
  CsAnnotationRenderStats rendered;
  cairo_surface_t *surface;

  if (tile->rendered && tile->stats.n_visible > CHEAP_TILE)
    {
      _cs_raster_request (self, tile);
      paint_surface (cr, tile->surface, tile->key.tx, tile->key.ty, 0);
      add_stats (stats, &tile->stats);
      stats->n_stale++;
      return;
    }
  if (!tile->rendered && paint_other_level (self, cr, tile, stats))
    {
      _cs_raster_request (self, tile);
      stats->n_scaled++;
      return;
    }

  surface = _cs_raster_render_tile (_cs_annotation_list_get_index (self->list), options,
                                    tile->key.level, tile->key.tx, tile->key.ty, &rendered);
  /* The worker's rendering of the same list, when it comes, is the same. */
  tile->epoch++;
  tile->queued = FALSE;
  _cs_raster_tile_set (self, tile, surface, &rendered);
  paint_surface (cr, tile->surface, tile->key.tx, tile->key.ty, 0);
  add_stats (stats, &tile->stats);
  stats->n_rendered++;
}

/* The tiles of @level that @viewport shows, grown by @grow tiles. */
static void
tile_range (const CsViewport *viewport,
            int               level,
            int               grow,
            gint64            range[4])
{
  double zoom = _cs_raster_level_zoom (level), x0, y0, x1, y1;

  cs_viewport_get_visible (viewport, 0, &x0, &y0, &x1, &y1);
  range[0] = (gint64) floor (x0 * zoom / TILE) - grow;
  range[1] = (gint64) floor (y0 * zoom / TILE) - grow;
  range[2] = (gint64) floor (x1 * zoom / TILE - 1e-9) + grow;
  range[3] = (gint64) floor (y1 * zoom / TILE - 1e-9) + grow;
}

/* The overview: every annotation in a few tiles of a coarse level, kept
 * as the fallback of last resort (scaled up) for tiles of finer levels
 * not rendered yet, so that they are seldom rendered on this thread. */
static void
request_overview (CsAnnotationRaster *self,
                  int                 level)
{
  double side, zoom;
  int overview;

  if (!self->has_extent)
    return;
  side = MAX (self->extent.width, self->extent.height);
  overview = MAX (level + 1, (int) ceil (log2 (MAX (side, 1) / (2.0 * TILE))));
  if (overview - level > FALLBACK_LEVELS)
    return;
  zoom = _cs_raster_level_zoom (overview);
  for (gint64 ty = (gint64) floor (self->extent.y * zoom / TILE);
       ty <= (gint64) floor ((self->extent.y + self->extent.height) * zoom / TILE); ty++)
    for (gint64 tx = (gint64) floor (self->extent.x * zoom / TILE);
         tx <= (gint64) floor ((self->extent.x + self->extent.width) * zoom / TILE); tx++)
      {
        Tile *tile = _cs_raster_tile_get (self, overview, tx, ty, TRUE);

        tile->last_used = self->frame;
        _cs_raster_request (self, tile);
      }
}

static void
prefetch (CsAnnotationRaster *self,
          const CsViewport   *viewport,
          int                 level)
{
  gint64 range[4];
  guint waiting;

  request_overview (self, level);

  g_mutex_lock (&self->lock);
  waiting = self->pending;
  g_mutex_unlock (&self->lock);
  if (waiting >= PREFETCH_QUEUE)
    return;

  tile_range (viewport, level, 1, range);
  for (gint64 ty = range[1]; ty <= range[3]; ty++)
    for (gint64 tx = range[0]; tx <= range[2]; tx++)
      _cs_raster_request (self, _cs_raster_tile_get (self, level, tx, ty, TRUE));
}

/* The selection over the tiles, highlighted, and the highlights. */
static void
draw_selection (cairo_t                         *cr,
                const CsViewport                *viewport,
                const CsAnnotationRenderOptions *options,
                CsAnnotationList                *list)
{
  GPtrArray *selection = options->editor != NULL ?
                         cs_annotation_editor_get_selection (options->editor) : NULL;
  CsAnnotationRenderStats stats = { 0 };
  CsRenderContext ctx;
  CsRect view = { 0, 0, viewport->width, viewport->height };

  _cs_render_context_init (&ctx, cr, viewport, options);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  cairo_clip (cr);
  for (guint i = 0; selection != NULL && i < selection->len; i++)
    {
      CsAnnotation *annotation = selection->pdata[i];
      CsRect bounds, screen;

      if (!cs_annotation_list_is_visible (list, annotation) ||
          (options->hide_teaching_answers && cs_annotation_get_teaching_answer (annotation)) ||
          (options->classes != NULL && !cs_class_table_is_visible (options->classes, annotation)) ||
          !cs_annotation_list_get_bounds (list, annotation, &bounds))
        continue;
      _cs_render_screen_bounds (&ctx, &bounds, &screen);
      if (cs_rect_intersects (&screen, &view))
        _cs_render_annotation (&ctx, annotation, &screen, &stats);
    }
  _cs_render_highlights (&ctx, &stats);
  cairo_restore (cr);
}

/* Nothing of the view's tiles can be shown (none rendered, at this level
 * or another) and none was asked for before: a view not seen yet. Asked
 * for and still missing in a later frame, they are rendered here (once)
 * rather than the view's vectors drawn again in every frame. */
static gboolean
nothing_to_show (CsAnnotationRaster *self,
                 int                 level,
                 const gint64        range[4])
{
  for (gint64 ty = range[1]; ty <= range[3]; ty++)
    for (gint64 tx = range[0]; tx <= range[2]; tx++)
      {
        Tile *tile = _cs_raster_tile_get (self, level, tx, ty, FALSE);
        TileKey key = { level, tx, ty };
        Tile *found[4];
        int shift;

        if ((tile != NULL && (tile->fresh || tile->rendered || tile->queued)) ||
            find_other_level (self, &key, found, &shift))
          return FALSE;
      }
  return TRUE;
}

/* The view's vectors, its tiles asked for. */
static void
draw_cold (CsAnnotationRaster              *self,
           cairo_t                         *cr,
           const CsViewport                *viewport,
           const CsAnnotationRenderOptions *options,
           int                              level,
           const gint64                     range[4],
           CsAnnotationRasterStats         *stats)
{
  CsAnnotationRenderStats vector;

  for (gint64 ty = range[1]; ty <= range[3]; ty++)
    for (gint64 tx = range[0]; tx <= range[2]; tx++)
      {
        Tile *tile = _cs_raster_tile_get (self, level, tx, ty, TRUE);

        tile->last_used = self->frame;
        _cs_raster_request (self, tile);
      }
  cs_annotation_render_annotations (cr, self->list, viewport, options, &vector);
  stats->vector = TRUE;
  add_stats (stats, &vector);
}

/* Few enough annotations in view (and near it) to draw as vectors. */
static gboolean
few_in_view (CsAnnotationRaster *self,
             const CsViewport   *viewport)
{
  double x0, y0, x1, y1, margin = CS_RASTER_CHANGE_MARGIN / viewport->zoom;
  CsRect rect;

  cs_viewport_get_visible (viewport, 0, &x0, &y0, &x1, &y1);
  rect = (CsRect) { x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin };

  return cs_annotation_index_count (_cs_annotation_list_get_index (self->list), &rect,
                                    CS_ANNOTATION_RASTER_VECTOR_LOAD) <= CS_ANNOTATION_RASTER_VECTOR_LOAD;
}

void
cs_annotation_raster_draw (CsAnnotationRaster              *self,
                           cairo_t                         *cr,
                           const CsViewport                *viewport,
                           const CsAnnotationRenderOptions *options,
                           CsAnnotationRasterStats         *stats)
{
  CsAnnotationRasterStats local;
  cairo_matrix_t matrix;
  gint64 range[4];
  int level;

  g_return_if_fail (CS_IS_ANNOTATION_RASTER (self));
  g_return_if_fail (cr != NULL && viewport != NULL && options != NULL);

  if (stats == NULL)
    stats = &local;
  *stats = (CsAnnotationRasterStats) { 0 };
  _cs_raster_take_done (self);
  if (!(viewport->zoom > 0) || viewport->width <= 0 || viewport->height <= 0)
    return;
  if (few_in_view (self, viewport) || !_cs_raster_ensure_snapshot (self, options))
    {
      CsAnnotationRenderStats vector;

      cs_annotation_render_annotations (cr, self->list, viewport, options, &vector);
      stats->vector = TRUE;
      add_stats (stats, &vector);
      return;
    }

  self->frame++;
  level = (int) lround (-log2 (viewport->zoom));
  stats->level = level;
  tile_range (viewport, level, 0, range);
  if (nothing_to_show (self, level, range))
    {
      /* A slide just opened, a jump to a zoom not seen yet: the view's
       * vectors now cost no more than rendering its tiles here, often
       * less; the worker renders the tiles meanwhile. */
      draw_cold (self, cr, viewport, options, level, range, stats);
      prefetch (self, viewport, level);
      return;
    }
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  cairo_clip (cr);
  cs_annotation_render_get_matrix (viewport, &matrix);
  cairo_transform (cr, &matrix);
  cairo_scale (cr, 1 / _cs_raster_level_zoom (level), 1 / _cs_raster_level_zoom (level));
  for (gint64 ty = range[1]; ty <= range[3]; ty++)
    for (gint64 tx = range[0]; tx <= range[2]; tx++)
      {
        Tile *tile = _cs_raster_tile_get (self, level, tx, ty, TRUE);

        tile->last_used = self->frame;
        stats->n_tiles++;
        if (!tile->fresh)
          {
            paint_missing (self, cr, tile, options, stats);
            continue;
          }
        paint_surface (cr, tile->surface, tx, ty, 0);
        add_stats (stats, &tile->stats);
        stats->n_ready++;
      }
  cairo_restore (cr);

  draw_selection (cr, viewport, options, self->list);
  prefetch (self, viewport, level);
  _cs_raster_evict (self);
}
