/* cs-render-plan.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-render-plan"

#include "config.h"

#include <math.h>

#include "cs-render-plan.h"

/* Which tiles a frame draws, and where: a pure function of the viewport,
 * the source's geometry and what the cache holds. No I/O, no drawing.
 *
 * Placement: a tile's level-0 edges E map to device pixels as
 *   round (E * zoom) - round (viewport.x * zoom)
 * Both terms are whole pixels and neighbours share their edges, so tiles
 * never leave a gap or overlap, whatever the downsample; and a tile's
 * destination size depends only on the zoom, never on the pan, so scaled
 * copies of tiles stay valid while panning. At zoom 1 on level 0 with a
 * whole-pixel origin every tile lands 1:1.
 *
 * Fallbacks: where a tile of the wanted level is not cached, the cached
 * tiles of the nearest coarser level that cover it stand in, clipped to
 * the missing tile; items are drawn coarse first, so sharper tiles win. */

#define PRELOAD_GROW (1.0 / 3.0)

typedef struct
{
  double    cx;   /* viewport centre, level-0 */
  double    cy;
  CsTileKey key;
} Candidate;

static int
round_edge (double edge,
            double zoom)
{
  return (int) lround (edge * zoom);
}

/**
 * cs_render_plan_tile_dest:
 * @dest: (out): where @key lands in @viewport, in device pixels
 */
void
cs_render_plan_tile_dest (const CsViewport      *viewport,
                          CsTileSource          *source,
                          const CsTileKey       *key,
                          cairo_rectangle_int_t *dest)
{
  double x0, y0, x1, y1;
  int w, h;
  int ox = round_edge (viewport->x, viewport->zoom);
  int oy = round_edge (viewport->y, viewport->zoom);

  cs_tile_source_get_tile_bounds (source, key, &x0, &y0, &x1, &y1, &w, &h);
  dest->x = round_edge (x0, viewport->zoom) - ox;
  dest->y = round_edge (y0, viewport->zoom) - oy;
  dest->width = round_edge (x1, viewport->zoom) - ox - dest->x;
  dest->height = round_edge (y1, viewport->zoom) - oy - dest->y;
}

static gboolean
intersect (const cairo_rectangle_int_t *a,
           const cairo_rectangle_int_t *b,
           cairo_rectangle_int_t       *out)
{
  int x0 = MAX (a->x, b->x);
  int y0 = MAX (a->y, b->y);
  int x1 = MIN (a->x + a->width, b->x + b->width);
  int y1 = MIN (a->y + a->height, b->y + b->height);

  if (x1 <= x0 || y1 <= y0)
    return FALSE;

  *out = (cairo_rectangle_int_t) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

/* The view's screen rectangle grown by @grow on each side, as a polygon in
 * the frame's device pixels. */
static void
view_polygon (const CsRenderPlan *plan,
              double              grow,
              double              poly[4][2])
{
  const CsViewport *vp = &plan->viewport;
  double gx = ceil (vp->width * grow), gy = ceil (vp->height * grow);
  const double corners[4][2] = {
    { -gx, -gy }, { vp->width + gx, -gy },
    { vp->width + gx, vp->height + gy }, { -gx, vp->height + gy },
  };
  double fx = round (plan->frame.x * plan->frame.zoom);
  double fy = round (plan->frame.y * plan->frame.zoom);

  for (guint i = 0; i < 4; i++)
    {
      double ix, iy;

      cs_viewport_to_image (vp, corners[i][0], corners[i][1], &ix, &iy);
      poly[i][0] = ix * plan->frame.zoom - fx;
      poly[i][1] = iy * plan->frame.zoom - fy;
    }
}

/* Whether the projections of the rectangle and the quadrilateral on @axis
 * overlap (separating axis test). */
static gboolean
overlap_on_axis (const cairo_rectangle_int_t *r,
                 double                       poly[4][2],
                 double                       ax,
                 double                       ay)
{
  const double rc[4][2] = {
    { r->x, r->y }, { r->x + r->width, r->y },
    { r->x, r->y + r->height }, { r->x + r->width, r->y + r->height },
  };
  double rmin = G_MAXDOUBLE, rmax = -G_MAXDOUBLE;
  double pmin = G_MAXDOUBLE, pmax = -G_MAXDOUBLE;

  for (guint i = 0; i < 4; i++)
    {
      double a = rc[i][0] * ax + rc[i][1] * ay;
      double b = poly[i][0] * ax + poly[i][1] * ay;

      rmin = MIN (rmin, a);
      rmax = MAX (rmax, a);
      pmin = MIN (pmin, b);
      pmax = MAX (pmax, b);
    }

  return rmax > pmin && pmax > rmin;
}

/* Whether a tile's destination meets the (rotated) view grown by @grow. */
static gboolean
in_view (const CsRenderPlan          *plan,
         const cairo_rectangle_int_t *dest,
         double                       grow)
{
  double poly[4][2];

  view_polygon (plan, grow, poly);
  if (!overlap_on_axis (dest, poly, 1, 0) || !overlap_on_axis (dest, poly, 0, 1))
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      double ex = poly[i + 1][0] - poly[i][0];
      double ey = poly[i + 1][1] - poly[i][1];

      if (!overlap_on_axis (dest, poly, -ey, ex))
        return FALSE;
    }

  return TRUE;
}

/* The tiles of @level that may meet the level-0 rectangle, one tile of
 * margin for the rounding of tile edges. */
static void
tile_range (CsTileSource *source,
            guint         level,
            double        x0,
            double        y0,
            double        x1,
            double        y1,
            gint32       *c0,
            gint32       *r0,
            gint32       *c1,
            gint32       *r1)
{
  double ds = cs_tile_source_get_level_downsample (source, level);
  double span = CS_TILE_SIZE * ds;
  gint32 cols, rows;

  cs_tile_source_get_grid_size (source, level, &cols, &rows);
  *c0 = (gint32) CLAMP (floor (x0 / span) - 1, 0, cols - 1);
  *r0 = (gint32) CLAMP (floor (y0 / span) - 1, 0, rows - 1);
  *c1 = (gint32) CLAMP (floor (x1 / span) + 1, 0, cols - 1);
  *r1 = (gint32) CLAMP (floor (y1 / span) + 1, 0, rows - 1);
}

static void
add_item (CsRenderPlan                *plan,
          const CsTileKey             *key,
          CsTile                      *tile,
          const cairo_rectangle_int_t *dest,
          const cairo_rectangle_int_t *clip,
          gboolean                     fallback)
{
  CsDrawItem item = { tile ? g_object_ref (tile) : NULL, *dest, *clip, fallback, *key };

  g_array_append_val (plan->draw, item);
}

/* Finds cached coarser tiles to stand in for the missing @key, clipped to
 * @clip; returns once a level covers it completely. */
static void
add_fallbacks (CsRenderPlan                *plan,
               CsTileSource                *source,
               CsTileCache                 *cache,
               const CsTileKey             *key,
               const cairo_rectangle_int_t *clip)
{
  guint n_levels = cs_tile_source_get_n_levels (source);
  double x0, y0, x1, y1;
  int w, h;

  cs_tile_source_get_tile_bounds (source, key, &x0, &y0, &x1, &y1, &w, &h);

  for (guint level = key->level + 1; level < n_levels; level++)
    {
      gint32 c0, r0, c1, r1;
      gboolean covered = TRUE;

      tile_range (source, level, x0, y0, x1, y1, &c0, &r0, &c1, &r1);
      for (gint32 row = r0; row <= r1; row++)
        for (gint32 col = c0; col <= c1; col++)
          {
            CsTileKey ckey = { (gint32) level, col, row };
            cairo_rectangle_int_t dest, part;
            CsTile *tile;

            cs_render_plan_tile_dest (&plan->frame, source, &ckey, &dest);
            if (!intersect (&dest, clip, &part))
              continue;
            tile = cs_tile_cache_lookup (cache, &ckey);
            if (tile == NULL)
              covered = FALSE;
            else
              add_item (plan, &ckey, tile, &dest, &part, TRUE);
          }

      if (covered)
        return;
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  CsTileSource *source = user_data;
  const Candidate *ca = a;
  const Candidate *cb = b;
  double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1;
  double da, db;
  int w, h;

  cs_tile_source_get_tile_bounds (source, &ca->key, &ax0, &ay0, &ax1, &ay1, &w, &h);
  cs_tile_source_get_tile_bounds (source, &cb->key, &bx0, &by0, &bx1, &by1, &w, &h);
  da = hypot ((ax0 + ax1) / 2 - ca->cx, (ay0 + ay1) / 2 - ca->cy);
  db = hypot ((bx0 + bx1) / 2 - cb->cx, (by0 + by1) / 2 - cb->cy);

  return (da > db) - (da < db);
}

/* Appends the uncached tiles of @level in the view grown by @grow, nearest
 * to the viewport's centre first, skipping those already listed. */
static void
add_missing_centre_out (CsRenderPlan *plan,
                        GArray       *out,
                        GHashTable   *listed,
                        CsTileSource *source,
                        CsTileCache  *cache,
                        guint         level,
                        double        grow)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  double x0, y0, x1, y1, cx, cy;
  gint32 c0, r0, c1, r1;

  cs_viewport_get_visible (&plan->viewport, grow, &x0, &y0, &x1, &y1);
  cs_viewport_get_center (&plan->viewport, &cx, &cy);
  tile_range (source, level, x0, y0, x1, y1, &c0, &r0, &c1, &r1);

  for (gint32 row = r0; row <= r1; row++)
    for (gint32 col = c0; col <= c1; col++)
      {
        Candidate candidate = { cx, cy, { (gint32) level, col, row } };
        cairo_rectangle_int_t dest;

        cs_render_plan_tile_dest (&plan->frame, source, &candidate.key, &dest);
        if (g_hash_table_contains (listed, &candidate.key) ||
            cs_tile_cache_contains (cache, &candidate.key) ||
            cs_tile_cache_is_failed (cache, &candidate.key) ||
            !in_view (plan, &dest, grow))
          continue;
        g_array_append_val (found, candidate);
      }

  g_array_sort_with_data (found, compare_candidates, source);
  for (guint i = 0; i < found->len; i++)
    {
      CsTileKey *key = &g_array_index (found, Candidate, i).key;

      g_array_append_val (out, *key);
      g_hash_table_add (listed, g_memdup2 (key, sizeof *key));
    }
}

static void
plan_visible (CsRenderPlan *plan,
              CsTileSource *source,
              CsTileCache  *cache)
{
  cairo_rectangle_int_t view = { 0, 0, plan->frame.width, plan->frame.height };
  double x0, y0, x1, y1;
  gint32 c0, r0, c1, r1;

  cs_viewport_get_visible (&plan->viewport, 0, &x0, &y0, &x1, &y1);
  tile_range (source, plan->level, x0, y0, x1, y1, &c0, &r0, &c1, &r1);
  plan->complete = TRUE;

  for (gint32 row = r0; row <= r1; row++)
    for (gint32 col = c0; col <= c1; col++)
      {
        CsTileKey key = { (gint32) plan->level, col, row };
        cairo_rectangle_int_t dest, clip;
        CsTile *tile;

        cs_render_plan_tile_dest (&plan->frame, source, &key, &dest);
        if (!intersect (&dest, &view, &clip) || !in_view (plan, &dest, 0))
          continue;

        tile = cs_tile_cache_lookup (cache, &key);
        if (tile != NULL)
          {
            add_item (plan, &key, tile, &dest, &clip, FALSE);
          }
        else if (cs_tile_cache_is_failed (cache, &key))
          {
            add_item (plan, &key, NULL, &dest, &clip, FALSE);
            plan->n_failed++;
          }
        else
          {
            plan->complete = FALSE;
            add_fallbacks (plan, source, cache, &key, &clip);
          }
      }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CsDrawItem *ia = a;
  const CsDrawItem *ib = b;
  gint32 la = ia->key.level;
  gint32 lb = ib->key.level;

  /* Coarse first; g_array_sort is not stable, so break ties by position. */
  if (la != lb)
    return lb - la;
  if (ia->dest.y != ib->dest.y)
    return ia->dest.y - ib->dest.y;
  return ia->dest.x - ib->dest.x;
}

static void
draw_item_clear (gpointer data)
{
  CsDrawItem *item = data;

  g_clear_object (&item->tile);
}

/**
 * cs_render_plan_compute:
 * @viewport: what to show
 * @source: the slide's geometry
 * @cache: what is loaded; looked-up tiles count as recently used
 *
 * Main thread only (the cache is).
 *
 * Returns: (transfer full): the plan
 */
CsRenderPlan *
cs_render_plan_compute (const CsViewport *viewport,
                        CsTileSource     *source,
                        CsTileCache      *cache)
{
  g_autoptr(GHashTable) listed = NULL;
  CsRenderPlan *plan;
  guint n_levels;
  gint32 pinned;

  g_return_val_if_fail (viewport != NULL, NULL);
  g_return_val_if_fail (CS_IS_TILE_SOURCE (source), NULL);
  g_return_val_if_fail (CS_IS_TILE_CACHE (cache), NULL);

  plan = g_new0 (CsRenderPlan, 1);
  plan->viewport = *viewport;
  if (cs_viewport_is_rotated (viewport))
    {
      double cx, cy;

      /* A pixel of margin on each side: the view turns about its pivot,
       * which is up to half a pixel off its centre. */
      cs_viewport_get_unrotated (viewport, &plan->frame);
      cs_viewport_get_center (&plan->frame, &cx, &cy);
      plan->frame.width += 2;
      plan->frame.height += 2;
      cs_viewport_set_center (&plan->frame, cx, cy);
    }
  else
    plan->frame = *viewport;
  plan->draw = g_array_new (FALSE, FALSE, sizeof (CsDrawItem));
  g_array_set_clear_func (plan->draw, draw_item_clear);
  plan->missing = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  plan->preload = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  n_levels = cs_tile_source_get_n_levels (source);
  if (n_levels == 0 || viewport->width <= 0 || viewport->height <= 0)
    return plan;

  plan->level = cs_tile_source_pick_level (source, 1.0 / viewport->zoom);
  plan_visible (plan, source, cache);
  g_array_sort (plan->draw, compare_items);

  /* Loading order: the pinned overview levels (visible part), then the
   * wanted level centre-out, then the preload ring. */
  listed = g_hash_table_new_full (cs_tile_key_hash, cs_tile_key_equal, g_free, NULL);
  pinned = cs_tile_cache_get_pinned_min_level (cache);
  for (gint32 level = (gint32) n_levels - 1; pinned >= 0 && level >= pinned; level--)
    if ((guint) level != plan->level)
      add_missing_centre_out (plan, plan->missing, listed, source, cache, level, 0);
  add_missing_centre_out (plan, plan->missing, listed, source, cache, plan->level, 0);
  add_missing_centre_out (plan, plan->preload, listed, source, cache, plan->level,
                          PRELOAD_GROW);

  return plan;
}

void
cs_render_plan_free (CsRenderPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->draw, g_array_unref);
  g_clear_pointer (&plan->missing, g_array_unref);
  g_clear_pointer (&plan->preload, g_array_unref);
  g_free (plan);
}

/**
 * cs_render_plan_get_requests:
 *
 * Returns: (transfer full) (element-type CsTileKey): @plan's missing tiles
 *   then its preload ring, for cs_tile_loader_request()
 */
GArray *
cs_render_plan_get_requests (const CsRenderPlan *plan)
{
  GArray *keys = g_array_sized_new (FALSE, FALSE, sizeof (CsTileKey),
                                    plan->missing->len + plan->preload->len);

  g_array_append_vals (keys, plan->missing->data, plan->missing->len);
  g_array_append_vals (keys, plan->preload->data, plan->preload->len);

  return keys;
}
