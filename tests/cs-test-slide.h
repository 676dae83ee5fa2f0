/* cs-test-slide.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Synthetic slides written with libtiff, per test, in milliseconds.
 * Pixels are a function of (level, x, y) in that level's own pixels:
 * R = x & 0xff, G = y & 0xff, B = 40 * level, fully opaque. */

#define CS_TEST_PYRAMID_MAX_LEVELS 8

typedef struct
{
  int    n_levels;
  gint64 widths[CS_TEST_PYRAMID_MAX_LEVELS];   /* each level's own size */
  gint64 heights[CS_TEST_PYRAMID_MAX_LEVELS];
  int    tile_size;                            /* native tiles, multiple of 16 */
  int    missing_level;                        /* -1 for none */
  int    missing_col;                          /* native tile column */
  int    missing_row;                          /* native tile row */
} CsTestPyramid;

/* A missing tile (missing_level >= 0) is left unwritten: libtiff records
 * TileOffsets and TileByteCounts 0 for it. What OpenSlide 3.4.1
 * (generic-tiff) does with it, checked by hand and by test-slide:
 *  - openslide_open () succeeds, even when the tile is in the lowest
 *    level (quickhash-1 is still computed);
 *  - reads that do not touch the tile return the right pixels;
 *  - the first openslide_read_region () touching it fills the whole
 *    destination with 0x00000000 and sets the sticky error
 *    "TIFFRGBAImageGet failed" (libtiff prints "TIFFFillTile: 0: Invalid
 *    tile byte count, tile N." on stderr);
 *  - from then on every read, anywhere, returns zeros with that error.
 * So CsSlide reports CS_SLIDE_ERROR_READ and becomes failed: never
 * garbage, never a crash. */

/* OpenSlide 4 reads a missing tile as transparent, with no error: tests
 * that need a bad tile call this first; with OpenSlide 4 it marks the
 * test skipped and returns FALSE. */
gboolean cs_test_missing_tile_fails         (void);

/* Keep every level at least one tile wide and high. OpenSlide 3.4.1 reads
 * non-JPEG TIFF tiles with TIFFRGBAImageGet (), and libtiff 4.5 shrinks the
 * raster of a tile wider or taller than its image ("Raster width of 64
 * shall not be larger than image width of 37") while OpenSlide keeps the
 * tile's stride: such a level reads as misplaced and uninitialised pixels,
 * different on every open, with no error (boxes.tiff levels 2 and 3 too). */

/* 1000 x 600, levels halving (1000x600, 500x300, 250x150), 64 px tiles. */
void     cs_test_pyramid_init_simple        (CsTestPyramid       *spec);
/* 1000 x 600 / 333 x 200 / 111 x 66: downsamples 3.0015..., not powers of two. */
void     cs_test_pyramid_init_non_integer   (CsTestPyramid       *spec);
char    *cs_test_write_pyramid              (const char          *dir,
                                             const char          *name,
                                             const CsTestPyramid *spec,
                                             GError             **error);
guint32  cs_test_pyramid_pixel              (guint                level,
                                             gint64               x,
                                             gint64               y);
char    *cs_test_write_stripped_tiff        (const char          *dir,
                                             const char          *name,
                                             int                  width,
                                             int                  height,
                                             GError             **error);
char    *cs_test_write_png                  (const char          *dir,
                                             const char          *name,
                                             int                  width,
                                             int                  height,
                                             GError             **error);
char    *cs_test_write_jpeg                 (const char          *dir,
                                             const char          *name,
                                             int                  width,
                                             int                  height,
                                             GError             **error);

/* Stripped TIFFs and PNGs hold cs_test_pyramid_pixel (0, x, y). JPEGs hold
 * smooth ramps, so that lossy decoding stays within CS_TEST_JPEG_TOLERANCE
 * of cs_test_jpeg_pixel (): R = round (x * 255 / (width - 1)),
 * G = round (y * 255 / (height - 1)), B = 128, opaque. */
#define CS_TEST_JPEG_TOLERANCE 8

guint32  cs_test_jpeg_pixel                 (int                  width,
                                             int                  height,
                                             int                  x,
                                             int                  y);
/* TRUE when each of the four channels differs by at most @tolerance. */
gboolean cs_test_pixel_near                 (guint32              actual,
                                             guint32              expected,
                                             int                  tolerance);

G_END_DECLS
