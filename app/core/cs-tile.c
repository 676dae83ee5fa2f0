/* cs-tile.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-tile"

#include "config.h"

#include "cs-tile.h"

/* One display tile: immutable premultiplied ARGB32 pixels in a GBytes and a
 * cairo image surface wrapping the same memory, without a copy. Tiles are
 * built on worker threads and only read afterwards, so they may be shared
 * between threads freely. */

struct _CsTile
{
  GObject          parent_instance;

  CsTileKey        key;
  int              width;
  int              height;
  GBytes          *pixels;
  cairo_surface_t *surface;
};

G_DEFINE_FINAL_TYPE (CsTile, cs_tile, G_TYPE_OBJECT)

static const cairo_user_data_key_t pixels_key;

guint
cs_tile_key_hash (gconstpointer key)
{
  const CsTileKey *k = key;

  return ((guint) k->level * 2654435761u) ^ ((guint) k->col * 40503u) ^ ((guint) k->row << 16);
}

gboolean
cs_tile_key_equal (gconstpointer a,
                   gconstpointer b)
{
  const CsTileKey *ka = a;
  const CsTileKey *kb = b;

  return ka->level == kb->level && ka->col == kb->col && ka->row == kb->row;
}

static void
bytes_unref (void *data)
{
  g_bytes_unref (data);
}

static void
cs_tile_finalize (GObject *object)
{
  CsTile *self = (CsTile *)object;

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->pixels, g_bytes_unref);

  G_OBJECT_CLASS (cs_tile_parent_class)->finalize (object);
}

static void
cs_tile_class_init (CsTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_tile_finalize;
}

static void
cs_tile_init (CsTile *self)
{
}

/**
 * cs_tile_new:
 * @key: the tile's address
 * @width: width in pixels
 * @height: height in pixels
 * @pixels: premultiplied native-endian ARGB32, stride @width * 4
 *
 * Wraps @pixels in a cairo image surface without copying them.
 *
 * Returns: (transfer full): a new tile
 */
CsTile *
cs_tile_new (const CsTileKey *key,
             int              width,
             int              height,
             GBytes          *pixels)
{
  CsTile *self;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (pixels) == (gsize) width * height * 4, NULL);
  g_assert (cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width) == width * 4);

  self = g_object_new (CS_TYPE_TILE, NULL);
  self->key = *key;
  self->width = width;
  self->height = height;
  self->pixels = g_bytes_ref (pixels);
  self->surface = cairo_image_surface_create_for_data ((guchar *) g_bytes_get_data (pixels, NULL),
                                                       CAIRO_FORMAT_ARGB32,
                                                       width, height, width * 4);
  cairo_surface_set_user_data (self->surface, &pixels_key,
                               g_bytes_ref (pixels), bytes_unref);

  return self;
}

const CsTileKey *
cs_tile_get_key (CsTile *self)
{
  g_return_val_if_fail (CS_IS_TILE (self), NULL);

  return &self->key;
}

int
cs_tile_get_width (CsTile *self)
{
  g_return_val_if_fail (CS_IS_TILE (self), 0);

  return self->width;
}

int
cs_tile_get_height (CsTile *self)
{
  g_return_val_if_fail (CS_IS_TILE (self), 0);

  return self->height;
}

/**
 * cs_tile_get_pixels:
 *
 * Returns: (transfer none): the tile's pixels
 */
GBytes *
cs_tile_get_pixels (CsTile *self)
{
  g_return_val_if_fail (CS_IS_TILE (self), NULL);

  return self->pixels;
}

/**
 * cs_tile_get_surface:
 *
 * Returns: (transfer none): a cairo image surface on the tile's pixels; use
 *   it as a source only
 */
cairo_surface_t *
cs_tile_get_surface (CsTile *self)
{
  g_return_val_if_fail (CS_IS_TILE (self), NULL);

  return self->surface;
}

gsize
cs_tile_get_n_bytes (CsTile *self)
{
  g_return_val_if_fail (CS_IS_TILE (self), 0);

  return g_bytes_get_size (self->pixels);
}
