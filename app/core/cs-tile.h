/* cs-tile.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* The address of one display tile: a level of the pyramid and the tile's
 * column and row in that level's grid of display tiles. */
typedef struct
{
  gint32 level;
  gint32 col;
  gint32 row;
} CsTileKey;

#define CS_TILE_KEY_INIT(l, c, r) ((CsTileKey) { (l), (c), (r) })

guint    cs_tile_key_hash  (gconstpointer key);
gboolean cs_tile_key_equal (gconstpointer a,
                            gconstpointer b);

#define CS_TYPE_TILE (cs_tile_get_type ())

G_DECLARE_FINAL_TYPE (CsTile, cs_tile, CS, TILE, GObject)

CsTile          *cs_tile_new         (const CsTileKey *key,
                                      int              width,
                                      int              height,
                                      GBytes          *pixels);
const CsTileKey *cs_tile_get_key     (CsTile          *self);
int              cs_tile_get_width   (CsTile          *self);
int              cs_tile_get_height  (CsTile          *self);
GBytes          *cs_tile_get_pixels  (CsTile          *self);
cairo_surface_t *cs_tile_get_surface (CsTile          *self);
gsize            cs_tile_get_n_bytes (CsTile          *self);

G_END_DECLS
