/* cs-test-big-slide.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cs-test-big-slide.h"

static const guint8 colours[CS_TEST_BIG_SLIDE_TILES][3] = {
  { 220, 180, 200 }, { 160, 90, 150 }, { 240, 230, 235 }, { 120, 60, 130 },
};

guint32
cs_test_big_slide_tile_colour (guint tile)
{
  const guint8 *c = colours[tile % CS_TEST_BIG_SLIDE_TILES];

  return 0xff000000u | ((guint32) c[0] << 16) | ((guint32) c[1] << 8) | c[2];
}

void
cs_test_set_jpeg_tiled_fields (TIFF     *tiff,
                               guint32   width,
                               guint32   height,
                               gboolean  reduced)
{
  TIFFSetField (tiff, TIFFTAG_SUBFILETYPE, reduced ? FILETYPE_REDUCEDIMAGE : 0);
  TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, width);
  TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, height);
  TIFFSetField (tiff, TIFFTAG_TILEWIDTH, 256);
  TIFFSetField (tiff, TIFFTAG_TILELENGTH, 256);
  TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, 3);
  TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tiff, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
  TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
}

/* The distinct tiles, JPEG-encoded by libtiff in a small TIFF: their raw
 * data and the JPEG tables they share. */
static void
encode_tiles (const char *path,
              GBytes    **tiles,
              GBytes    **tables)
{
  g_autofree guint8 *rgb = g_malloc (256 * 256 * 3);
  TIFF *tiff = TIFFOpen (path, "w");
  const guint8 *data = NULL;
  guint32 len = 0;

  g_assert_nonnull (tiff);
  cs_test_set_jpeg_tiled_fields (tiff, 256 * CS_TEST_BIG_SLIDE_TILES, 256, FALSE);
  TIFFSetField (tiff, TIFFTAG_JPEGQUALITY, 85);
  TIFFSetField (tiff, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
  for (guint t = 0; t < CS_TEST_BIG_SLIDE_TILES; t++)
    {
      for (int y = 0; y < 256; y++)
        for (int x = 0; x < 256; x++)
          for (int k = 0; k < 3; k++)
            rgb[(y * 256 + x) * 3 + k] = (guint8) CLAMP (colours[t][k] + (x + y) / 32 - 8, 0, 255);
      g_assert_cmpint (TIFFWriteTile (tiff, rgb, t * 256, 0, 0, 0), >, 0);
    }
  g_assert_true (TIFFWriteDirectory (tiff));
  TIFFClose (tiff);

  tiff = TIFFOpen (path, "r");
  g_assert_nonnull (tiff);
  for (guint t = 0; t < CS_TEST_BIG_SLIDE_TILES; t++)
    {
      guint64 size = TIFFGetStrileByteCount (tiff, t);
      guint8 *raw = g_malloc (size);

      g_assert_cmpint (TIFFReadRawTile (tiff, t, raw, (tmsize_t) size), ==, (tmsize_t) size);
      tiles[t] = g_bytes_new_take (raw, size);
    }
  g_assert_true (TIFFGetField (tiff, TIFFTAG_JPEGTABLES, &len, &data));
  *tables = g_bytes_new (data, len);
  TIFFClose (tiff);
}

char *
cs_test_write_big_slide (const char *dir,
                         const char *name,
                         guint32     size,
                         guint       n_levels)
{
  g_autofree char *template = g_build_filename (dir, "big-slide-tiles.tif", NULL);
  char *path = g_build_filename (dir, name, NULL);
  GBytes *tiles[CS_TEST_BIG_SLIDE_TILES];
  g_autoptr(GBytes) tables = NULL;
  guint32 level_size = size;
  TIFF *tiff;

  encode_tiles (template, tiles, &tables);
  g_assert_cmpint (g_remove (template), ==, 0);

  tiff = TIFFOpen (path, "w8");
  g_assert_nonnull (tiff);
  for (guint level = 0; level < n_levels; level++, level_size /= 4)
    {
      guint32 cols = (level_size + 255) / 256;

      cs_test_set_jpeg_tiled_fields (tiff, level_size, level_size, level > 0);
      TIFFSetField (tiff, TIFFTAG_YCBCRSUBSAMPLING, 2, 2);
      TIFFSetField (tiff, TIFFTAG_JPEGTABLES, (guint32) g_bytes_get_size (tables),
                    g_bytes_get_data (tables, NULL));
      for (guint32 row = 0; row < cols; row++)
        for (guint32 col = 0; col < cols; col++)
          {
            GBytes *tile = tiles[(col + 2 * row) % CS_TEST_BIG_SLIDE_TILES];

            g_assert_cmpint (TIFFWriteRawTile (tiff, row * cols + col,
                                               (void *) g_bytes_get_data (tile, NULL),
                                               (tmsize_t) g_bytes_get_size (tile)),
                             ==, (tmsize_t) g_bytes_get_size (tile));
          }
      g_assert_true (TIFFWriteDirectory (tiff));
    }
  TIFFClose (tiff);
  for (guint t = 0; t < CS_TEST_BIG_SLIDE_TILES; t++)
    g_bytes_unref (tiles[t]);

  return path;
}
