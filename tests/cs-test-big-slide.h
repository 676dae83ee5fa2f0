/* cs-test-big-slide.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <tiffio.h>

G_BEGIN_DECLS

#define CS_TEST_BIG_SLIDE_TILES 4

/* A large generic tiled JPEG TIFF pyramid, written in seconds: levels of
 * @size, @size / 4, @size / 16 … (@n_levels of them, 256 px tiles), every
 * tile one of CS_TEST_BIG_SLIDE_TILES distinct JPEG tiles encoded once and
 * copied raw (TIFFWriteRawTile). Tile (col, row) of any level is tile
 * number (col + 2 * row) % CS_TEST_BIG_SLIDE_TILES, a flat colour with a
 * gentle ramp: cs_test_big_slide_tile_colour() gives its centre. */
/* The fields of a tiled (256 px), 8-bit RGB, JPEG (YCbCr) directory. */
void     cs_test_set_jpeg_tiled_fields   (TIFF       *tiff,
                                          guint32     width,
                                          guint32     height,
                                          gboolean    reduced);
char    *cs_test_write_big_slide         (const char *dir,
                                          const char *name,
                                          guint32     size,
                                          guint       n_levels);
guint32  cs_test_big_slide_tile_colour   (guint       tile);

G_END_DECLS
