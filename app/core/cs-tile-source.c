/* cs-tile-source.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-tile-source"

#include "config.h"

#include <math.h>

#include "cs-tile-source.h"

/* The interface every pixel source implements (CsSlide, and the computed
 * source of the tests), plus the geometry of display tiles that everything
 * else shares: which level-0 rectangle a tile covers and where it is read.
 *
 * A display tile (level, col, row) covers the level's own pixels
 * [col * CS_TILE_SIZE, (col + 1) * CS_TILE_SIZE). It is read at the level-0
 * origin round (col * CS_TILE_SIZE * downsample): a whole pixel of the level
 * whenever the downsample is an integer, which is what OpenSlide reads
 * fastest. Its level-0 extent ends where the next tile's read origin starts,
 * so the extents of neighbouring tiles meet exactly. */

G_DEFINE_INTERFACE (CsTileSource, cs_tile_source, G_TYPE_OBJECT)

static void
cs_tile_source_default_init (CsTileSourceInterface *iface)
{
}

guint
cs_tile_source_get_n_levels (CsTileSource *self)
{
  g_return_val_if_fail (CS_IS_TILE_SOURCE (self), 0);

  return CS_TILE_SOURCE_GET_IFACE (self)->get_n_levels (self);
}

void
cs_tile_source_get_level_size (CsTileSource *self,
                               guint         level,
                               gint64       *width,
                               gint64       *height)
{
  gint64 w = 0;
  gint64 h = 0;

  g_return_if_fail (CS_IS_TILE_SOURCE (self));

  if (level < cs_tile_source_get_n_levels (self))
    CS_TILE_SOURCE_GET_IFACE (self)->get_level_size (self, level, &w, &h);

  if (width)
    *width = w;
  if (height)
    *height = h;
}

double
cs_tile_source_get_level_downsample (CsTileSource *self,
                                     guint         level)
{
  g_return_val_if_fail (CS_IS_TILE_SOURCE (self), 1.0);
  g_return_val_if_fail (level < cs_tile_source_get_n_levels (self), 1.0);

  return CS_TILE_SOURCE_GET_IFACE (self)->get_level_downsample (self, level);
}

void
cs_tile_source_get_native_tile_size (CsTileSource *self,
                                     guint         level,
                                     int          *width,
                                     int          *height)
{
  CsTileSourceInterface *iface;
  int w = 0;
  int h = 0;

  g_return_if_fail (CS_IS_TILE_SOURCE (self));

  iface = CS_TILE_SOURCE_GET_IFACE (self);
  if (iface->get_native_tile_size != NULL)
    iface->get_native_tile_size (self, level, &w, &h);

  if (width)
    *width = w;
  if (height)
    *height = h;
}

/**
 * cs_tile_source_pick_level:
 * @downsample: level-0 pixels per displayed pixel
 *
 * Picks the coarsest level that is still at least as sharp as @downsample
 * asks, from the source's own table (levels are not powers of two).
 *
 * Returns: a level index
 */
guint
cs_tile_source_pick_level (CsTileSource *self,
                           double        downsample)
{
  guint n_levels;
  guint best = 0;

  g_return_val_if_fail (CS_IS_TILE_SOURCE (self), 0);

  n_levels = cs_tile_source_get_n_levels (self);
  for (guint level = 1; level < n_levels; level++)
    {
      /* A hair of tolerance so that 1/zoom computed in floating point picks
       * the level whose downsample it names. */
      if (cs_tile_source_get_level_downsample (self, level) <= downsample * (1.0 + 1e-9))
        best = level;
    }

  return best;
}

gboolean
cs_tile_source_read_region (CsTileSource  *self,
                            guint32       *dest,
                            gint64         x,
                            gint64         y,
                            guint          level,
                            int            width,
                            int            height,
                            GError       **error)
{
  g_return_val_if_fail (CS_IS_TILE_SOURCE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  return CS_TILE_SOURCE_GET_IFACE (self)->read_region (self, dest, x, y, level,
                                                       width, height, error);
}

void
cs_tile_source_get_grid_size (CsTileSource *self,
                              guint         level,
                              gint32       *n_cols,
                              gint32       *n_rows)
{
  gint64 w;
  gint64 h;

  cs_tile_source_get_level_size (self, level, &w, &h);

  if (n_cols)
    *n_cols = (gint32) ((w + CS_TILE_SIZE - 1) / CS_TILE_SIZE);
  if (n_rows)
    *n_rows = (gint32) ((h + CS_TILE_SIZE - 1) / CS_TILE_SIZE);
}

static void
tile_axis (gint64  level_size,
           double  downsample,
           gint32  index,
           double *start,
           double *end,
           int    *size)
{
  gint64 lstart = (gint64) index * CS_TILE_SIZE;
  gint64 lsize = MIN ((gint64) CS_TILE_SIZE, level_size - lstart);

  *size = (int) MAX (lsize, 0);
  *start = (double) llround (lstart * downsample);
  if (lstart + CS_TILE_SIZE < level_size)
    *end = (double) llround ((lstart + CS_TILE_SIZE) * downsample);
  else
    *end = *start + lsize * downsample;
}

/**
 * cs_tile_source_get_tile_bounds:
 * @key: a display tile
 * @x0: (out): level-0 left edge, also the level-0 x the tile is read at
 * @y0: (out): level-0 top edge, also the level-0 y the tile is read at
 * @x1: (out): level-0 right edge: the next tile's left edge
 * @y1: (out): level-0 bottom edge
 * @width: (out): the tile's width in its level's pixels
 * @height: (out): the tile's height in its level's pixels
 *
 * Thread-safe: geometry never changes.
 */
void
cs_tile_source_get_tile_bounds (CsTileSource    *self,
                                const CsTileKey *key,
                                double          *x0,
                                double          *y0,
                                double          *x1,
                                double          *y1,
                                int             *width,
                                int             *height)
{
  gint64 lw;
  gint64 lh;
  double ds;

  g_return_if_fail (CS_IS_TILE_SOURCE (self));
  g_return_if_fail (key != NULL);

  cs_tile_source_get_level_size (self, key->level, &lw, &lh);
  ds = cs_tile_source_get_level_downsample (self, key->level);
  tile_axis (lw, ds, key->col, x0, x1, width);
  tile_axis (lh, ds, key->row, y0, y1, height);
}

/**
 * cs_tile_source_read_tile:
 * @key: a display tile inside the level's grid
 *
 * Reads one display tile. Thread-safe; called on loader workers.
 *
 * Returns: (transfer full) (nullable): the tile, or %NULL with @error set
 */
CsTile *
cs_tile_source_read_tile (CsTileSource     *self,
                          const CsTileKey  *key,
                          GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  CsTileSourceInterface *iface;
  gboolean handled = FALSE;
  guint32 *pixels;
  double x0, y0, x1, y1;
  int width, height;

  g_return_val_if_fail (CS_IS_TILE_SOURCE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (key->level >= 0 &&
                        (guint) key->level < cs_tile_source_get_n_levels (self), NULL);

  cs_tile_source_get_tile_bounds (self, key, &x0, &y0, &x1, &y1, &width, &height);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  pixels = g_new0 (guint32, (gsize) width * height);
  bytes = g_bytes_new_take (pixels, (gsize) width * height * 4);

  iface = CS_TILE_SOURCE_GET_IFACE (self);
  if (iface->read_tile != NULL &&
      !iface->read_tile (self, key, pixels, width, height, &handled, error))
    return NULL;

  if (!handled &&
      !cs_tile_source_read_region (self, pixels, (gint64) x0, (gint64) y0,
                                   key->level, width, height, error))
    return NULL;

  return cs_tile_new (key, width, height, bytes);
}

/**
 * cs_tile_source_get_pinnable_level:
 * @budget: the tile cache's byte budget
 *
 * The finest of the (at most two) coarsest levels whose tiles together take
 * no more than a quarter of @budget: pin that level and coarser ones in the
 * cache so an overview is always at hand. A single-level gigapixel image
 * gets no pinned level.
 *
 * Returns: a level index, or -1 when even the coarsest level is too large
 */
gint32
cs_tile_source_get_pinnable_level (CsTileSource *self,
                                   gsize         budget)
{
  guint n_levels;
  gint32 pinned = -1;
  guint64 bytes = 0;

  g_return_val_if_fail (CS_IS_TILE_SOURCE (self), -1);

  n_levels = cs_tile_source_get_n_levels (self);
  for (guint i = 0; i < MIN (n_levels, 2); i++)
    {
      guint level = n_levels - 1 - i;
      gint32 cols, rows;

      cs_tile_source_get_grid_size (self, level, &cols, &rows);
      bytes += (guint64) cols * rows * CS_TILE_SIZE * CS_TILE_SIZE * 4;
      if (bytes > budget / 4)
        break;
      pinned = (gint32) level;
    }

  return pinned;
}
