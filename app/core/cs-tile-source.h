/* cs-tile-source.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-tile.h"

G_BEGIN_DECLS

/* Display tiles are a constant size, independent of a slide's native tiles. */
#define CS_TILE_SIZE 256

#define CS_TYPE_TILE_SOURCE (cs_tile_source_get_type ())

G_DECLARE_INTERFACE (CsTileSource, cs_tile_source, CS, TILE_SOURCE, GObject)

/**
 * CsTileSourceInterface:
 * @get_n_levels: number of pyramid levels
 * @get_level_size: width and height of a level in its own pixels
 * @get_level_downsample: a level's downsample, from the source's own table
 * @get_native_tile_size: a level's native tile size, or 0 when untiled
 * @read_region: fills @dest (premultiplied ARGB32, stride @width * 4) with
 *   the region whose top-left corner is (@x, @y) in level-0 pixels, read at
 *   @level. Must be thread-safe.
 * @read_tile: (nullable): optional; fills @dest (@width × @height, the
 *   display tile's size) with display tile @key when the source has a
 *   faster way than @read_region, setting @handled; leaves @handled
 *   %FALSE to have @read_region do it. Must be thread-safe.
 *
 * Geometry is immutable after construction, so every vfunc may be called
 * from any thread.
 */
struct _CsTileSourceInterface
{
  GTypeInterface parent_iface;

  guint    (*get_n_levels)         (CsTileSource *self);
  void     (*get_level_size)       (CsTileSource *self,
                                    guint         level,
                                    gint64       *width,
                                    gint64       *height);
  double   (*get_level_downsample) (CsTileSource *self,
                                    guint         level);
  void     (*get_native_tile_size) (CsTileSource *self,
                                    guint         level,
                                    int          *width,
                                    int          *height);
  gboolean (*read_region)          (CsTileSource *self,
                                    guint32      *dest,
                                    gint64        x,
                                    gint64        y,
                                    guint         level,
                                    int           width,
                                    int           height,
                                    GError      **error);
  gboolean (*read_tile)            (CsTileSource    *self,
                                    const CsTileKey *key,
                                    guint32         *dest,
                                    int              width,
                                    int              height,
                                    gboolean        *handled,
                                    GError         **error);
};

guint    cs_tile_source_get_n_levels         (CsTileSource    *self);
void     cs_tile_source_get_level_size       (CsTileSource    *self,
                                              guint            level,
                                              gint64          *width,
                                              gint64          *height);
double   cs_tile_source_get_level_downsample (CsTileSource    *self,
                                              guint            level);
void     cs_tile_source_get_native_tile_size (CsTileSource    *self,
                                              guint            level,
                                              int             *width,
                                              int             *height);
guint    cs_tile_source_pick_level           (CsTileSource    *self,
                                              double           downsample);
gboolean cs_tile_source_read_region          (CsTileSource    *self,
                                              guint32         *dest,
                                              gint64           x,
                                              gint64           y,
                                              guint            level,
                                              int              width,
                                              int              height,
                                              GError         **error);
void     cs_tile_source_get_grid_size        (CsTileSource    *self,
                                              guint            level,
                                              gint32          *n_cols,
                                              gint32          *n_rows);
void     cs_tile_source_get_tile_bounds      (CsTileSource    *self,
                                              const CsTileKey *key,
                                              double          *x0,
                                              double          *y0,
                                              double          *x1,
                                              double          *y1,
                                              int             *width,
                                              int             *height);
gint32   cs_tile_source_get_pinnable_level   (CsTileSource    *self,
                                              gsize            budget);
CsTile  *cs_tile_source_read_tile            (CsTileSource    *self,
                                              const CsTileKey *key,
                                              GError         **error);

G_END_DECLS
