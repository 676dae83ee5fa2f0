/* test-slide-jpeg-tiles.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <openslide.h>
#include <stdio.h>
#include <string.h>
#include <tiffio.h>

#include "cs-slide-private.h"
#include "cs-test-utils.h"

/* The direct path for native JPEG tiles of generic TIFFs: the same pixels
 * as OpenSlide's region reads, for YCbCr and RGB JPEG, at the levels'
 * edges too; a spoilt tile is a read error of that tile only. */

#define LEVEL0_W 700
#define LEVEL0_H 600

typedef struct
{
  char *tmpdir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmpdir = cs_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cs_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

/* Smooth colours, so that JPEG keeps them close to what was written. */
static void
fill_tile (guint8 *rgb,
           int     level,
           int     x0,
           int     y0)
{
  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      {
        guint8 *p = rgb + ((gsize) y * 256 + x) * 3;

        p[0] = (guint8) ((x0 + x) / 3);
        p[1] = (guint8) ((y0 + y) / 3);
        p[2] = (guint8) (60 + 50 * level);
      }
}

static void
write_level (TIFF *tiff,
             int   level,
             int   width,
             int   height,
             int   photometric)
{
  g_autofree guint8 *rgb = g_malloc (256 * 256 * 3);

  TIFFSetField (tiff, TIFFTAG_SUBFILETYPE, level == 0 ? 0 : FILETYPE_REDUCEDIMAGE);
  TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, width);
  TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, height);
  TIFFSetField (tiff, TIFFTAG_TILEWIDTH, 256);
  TIFFSetField (tiff, TIFFTAG_TILELENGTH, 256);
  TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, 3);
  TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tiff, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
  TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, photometric);
  TIFFSetField (tiff, TIFFTAG_JPEGQUALITY, 90);
  if (photometric == PHOTOMETRIC_YCBCR)
    TIFFSetField (tiff, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);

  for (int y = 0; y < height; y += 256)
    for (int x = 0; x < width; x += 256)
      {
        fill_tile (rgb, level, x, y);
        g_assert_cmpint (TIFFWriteTile (tiff, rgb, x, y, 0, 0), >, 0);
      }
  g_assert_true (TIFFWriteDirectory (tiff));
}

/* Two levels, 700 x 600 and 350 x 300: edge tiles at both. */
static char *
write_slide (Fixture    *f,
             const char *name,
             int         photometric)
{
  char *path = g_build_filename (f->tmpdir, name, NULL);
  TIFF *tiff = TIFFOpen (path, "w");

  g_assert_nonnull (tiff);
  write_level (tiff, 0, LEVEL0_W, LEVEL0_H, photometric);
  write_level (tiff, 1, LEVEL0_W / 2, LEVEL0_H / 2, photometric);
  TIFFClose (tiff);

  return path;
}

/* Every tile of every level, read directly and by OpenSlide. */
static void
check_same_as_openslide (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = cs_slide_new (path, &error);
  openslide_t *osr = openslide_open (path);
  CsTileSource *source = CS_TILE_SOURCE (slide);
  guint n_tiles = 0;

  g_assert_no_error (error);
  g_assert_nonnull (osr);
  g_assert_cmpuint (cs_tile_source_get_n_levels (source), ==, 2);

  for (guint level = 0; level < 2; level++)
    {
      gint32 cols, rows;

      cs_tile_source_get_grid_size (source, level, &cols, &rows);
      for (gint32 row = 0; row < rows; row++)
        for (gint32 col = 0; col < cols; col++)
          {
            CsTileKey key = { (gint32) level, col, row };
            g_autoptr(CsTile) tile = cs_tile_source_read_tile (source, &key, &error);
            g_autofree guint32 *expected = NULL;
            const guint32 *got;
            double x0, y0, x1, y1;
            int w, h;

            g_assert_no_error (error);
            cs_tile_source_get_tile_bounds (source, &key, &x0, &y0, &x1, &y1, &w, &h);
            expected = g_new (guint32, (gsize) w * h);
            openslide_read_region (osr, expected, (gint64) x0, (gint64) y0, level, w, h);
            g_assert_null (openslide_get_error (osr));

            got = g_bytes_get_data (cs_tile_get_pixels (tile), NULL);
            g_assert_cmpint (cs_tile_get_width (tile), ==, w);
            g_assert_cmpint (cs_tile_get_height (tile), ==, h);
            for (int i = 0; i < w * h; i++)
              if (got[i] != expected[i])
                g_error ("Level %u tile %d,%d pixel %d,%d: 0x%08x, OpenSlide 0x%08x", level,
                         col, row, i % w, i / w, got[i], expected[i]);
            n_tiles++;
          }
    }

  /* All of them through the direct path, as the overview read while
   * opening. */
  g_assert_cmpuint (_cs_slide_get_n_direct_reads (slide), ==,
                    n_tiles + cs_slide_get_overview (slide)->len);
  openslide_close (osr);
}

static void
test_direct_ycbcr (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_slide (f, "ycbcr.tiff", PHOTOMETRIC_YCBCR);

  check_same_as_openslide (path);
}

static void
test_direct_rgb (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_slide (f, "rgb.tiff", PHOTOMETRIC_RGB);

  check_same_as_openslide (path);
}

/* Overwrites the middle of one tile's JPEG data with garbage. */
static void
spoil_tile (const char *path,
            guint32     index)
{
  TIFF *tiff = TIFFOpen (path, "r");
  guint64 offset, size;
  FILE *file;

  g_assert_nonnull (tiff);
  offset = TIFFGetStrileOffset (tiff, index);
  size = TIFFGetStrileByteCount (tiff, index);
  TIFFClose (tiff);
  g_assert_cmpuint (size, >, 64);

  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) offset, SEEK_SET), ==, 0);
  for (guint64 i = 0; i < size; i++)
    fputc (i < 4 ? 0xff : 0x5a, file);
  fclose (file);
}

static void
test_direct_spoilt_tile (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_slide (f, "spoilt.tiff", PHOTOMETRIC_YCBCR);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(CsTile) bad = NULL;
  g_autoptr(CsTile) good = NULL;

  spoil_tile (path, 1);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);

  bad = cs_tile_source_read_tile (CS_TILE_SOURCE (slide), &CS_TILE_KEY_INIT (0, 1, 0), &error);
  g_assert_null (bad);
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  good = cs_tile_source_read_tile (CS_TILE_SOURCE (slide), &CS_TILE_KEY_INIT (0, 0, 0), &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);
}

/* The coarsest level is read while opening, for the first frame. */
static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = write_slide (f, "overview.tiff", PHOTOMETRIC_YCBCR);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = cs_slide_new (path, &error);
  GPtrArray *overview;

  g_assert_no_error (error);
  overview = cs_slide_get_overview (slide);
  /* 350 x 300: 2 x 2 tiles of level 1. */
  g_assert_cmpuint (overview->len, ==, 4);
  for (guint i = 0; i < overview->len; i++)
    {
      CsTile *tile = g_ptr_array_index (overview, i);
      g_autoptr(CsTile) again = cs_tile_source_read_tile (CS_TILE_SOURCE (slide),
                                                          cs_tile_get_key (tile), &error);

      g_assert_no_error (error);
      g_assert_cmpint (cs_tile_get_key (tile)->level, ==, 1);
      g_assert_true (g_bytes_equal (cs_tile_get_pixels (tile), cs_tile_get_pixels (again)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/slide-jpeg-tiles/ycbcr", Fixture, NULL,
              fixture_set_up, test_direct_ycbcr, fixture_tear_down);
  g_test_add ("/cs/slide-jpeg-tiles/rgb", Fixture, NULL,
              fixture_set_up, test_direct_rgb, fixture_tear_down);
  g_test_add ("/cs/slide-jpeg-tiles/overview", Fixture, NULL,
              fixture_set_up, test_overview, fixture_tear_down);
  g_test_add ("/cs/slide-jpeg-tiles/spoilt-tile", Fixture, NULL,
              fixture_set_up, test_direct_spoilt_tile, fixture_tear_down);

  return g_test_run ();
}
