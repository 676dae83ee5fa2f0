/* cs-test-corpus.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

#include "cs-slide.h"
#include "cs-test-big-slide.h"
#include "cs-test-corpus.h"
#include "cs-test-slide.h"

static const CsTestCorpusCase cases[] = {
  { "truncated-16.svs", CS_TEST_CORPUS_ERROR, -1 },
  { "truncated-1k.svs", CS_TEST_CORPUS_ERROR, -1 },
  { "truncated-64k.svs", CS_TEST_CORPUS_ERROR, -1 },
  { "truncated-half.svs", CS_TEST_CORPUS_ERROR, -1 },
  { "truncated-end.svs", CS_TEST_CORPUS_ANY, -1 },
  { "empty.svs", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE },
  { "wrong-magic.svs", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE },
  { "wrong-magic.png", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE },
  { "damaged-header.tif", CS_TEST_CORPUS_ERROR, -1 },
  { "huge-tiled.tif", CS_TEST_CORPUS_ANY, -1 },
  { "huge-tile-count.tif", CS_TEST_CORPUS_ANY, -1 },
  { "many-tiles.tif", CS_TEST_CORPUS_ANY, -1 },
  { "huge-tile.tif", CS_TEST_CORPUS_ANY, -1 },
  { "huge-stripped.tif", CS_TEST_CORPUS_ERROR, -1 },
  { "big-stripped.tif", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_TOO_LARGE },
  { "huge.png", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_TOO_LARGE },
  { "huge.jpg", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_TOO_LARGE },
  { "bad-tiles.tif", CS_TEST_CORPUS_BAD_TILES, -1 },
  { "bad-strips.tif", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_OPEN },
  { "huge-associated.svs", CS_TEST_CORPUS_ANY, -1 },
  { "folder.svs", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE },
  { "loop.svs", CS_TEST_CORPUS_ERROR, -1 },
  { "fifo.tif", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE },
  { "fifo.vms", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE },
  { "zero.svs", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE },
  { "sparse.svs", CS_TEST_CORPUS_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE },
  { "sparse-ifd.tif", CS_TEST_CORPUS_ERROR, -1 },
  { NULL, 0, 0 },
};

const CsTestCorpusCase *
cs_test_corpus_cases (void)
{
  return cases;
}

static void
write_bytes (const char   *dir,
             const char   *name,
             const guint8 *data,
             gsize         len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, (gssize) len, &error);
  g_assert_no_error (error);
}

static void
write_truncated (const char *dir,
                 const char *name,
                 GBytes     *sample,
                 gsize       len)
{
  write_bytes (dir, name, g_bytes_get_data (sample, NULL), MIN (len, g_bytes_get_size (sample)));
}

/* A little-endian classic TIFF of one directory, entries sorted by tag,
 * every value inline (at most 4 bytes). */
typedef struct
{
  guint16 tag;
  guint16 type;   /* 3 SHORT, 4 LONG */
  guint32 count;
  guint32 value;
} Entry;

static void
put16 (GByteArray *out,
       guint16     v)
{
  guint8 b[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (out, b, 4);
}

static void
write_raw_tiff (const char  *dir,
                const char  *name,
                const Entry *entries,
                guint        n)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  static const guint8 pixels[64] = { 0x80 };

  g_byte_array_append (out, (const guint8 *) "II*\0", 4);
  put32 (out, 8);
  put16 (out, (guint16) n);
  for (guint i = 0; i < n; i++)
    {
      put16 (out, entries[i].tag);
      put16 (out, entries[i].type);
      put32 (out, entries[i].count);
      if (entries[i].type == 3 && entries[i].count == 1)
        {
          put16 (out, (guint16) entries[i].value);
          put16 (out, 0);
        }
      else
        put32 (out, entries[i].value);
    }
  put32 (out, 0);
  /* Offset 8 + 2 + 12 n + 4: the pixel data the offsets point to. */
  g_byte_array_append (out, pixels, sizeof pixels);
  write_bytes (dir, name, out->data, out->len);
}

#define DATA_OFFSET(n) (8 + 2 + 12 * (n) + 4)

/* One grey tiled image of @width x @height in @tile x @tile tiles, with
 * a single TileOffsets entry whatever the tile count. */
static void
write_tiled (const char *dir,
             const char *name,
             guint32     width,
             guint32     height,
             guint32     tile)
{
  const Entry entries[] = {
    { 256, 4, 1, width }, { 257, 4, 1, height }, { 258, 3, 1, 8 }, { 259, 3, 1, 1 },
    { 262, 3, 1, 1 }, { 277, 3, 1, 1 }, { 322, 4, 1, tile }, { 323, 4, 1, tile },
    { 324, 4, 1, DATA_OFFSET (10) }, { 325, 4, 1, 64 },
  };

  write_raw_tiff (dir, name, entries, G_N_ELEMENTS (entries));
}

static void
write_stripped (const char *dir,
                const char *name,
                guint32     width,
                guint32     height)
{
  const Entry entries[] = {
    { 256, 4, 1, width }, { 257, 4, 1, height }, { 258, 3, 1, 8 }, { 259, 3, 1, 1 },
    { 262, 3, 1, 1 }, { 273, 4, 1, DATA_OFFSET (9) }, { 277, 3, 1, 1 },
    { 278, 4, 1, height }, { 279, 4, 1, 64 },
  };

  write_raw_tiff (dir, name, entries, G_N_ELEMENTS (entries));
}

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return ~crc;
}

static void
store_be32 (guint8  *p,
            guint32  v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

/* A real small PNG whose header then claims 100000 x 100000 pixels. */
static void
write_huge_png (const char *dir)
{
  g_autofree char *path = cs_test_write_png (dir, "huge.png", 64, 64, NULL);
  g_autofree guint8 *data = NULL;
  gsize len;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
  /* Signature (8), length (4), "IHDR" at 12, width at 16, height at 20. */
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  store_be32 (data + 16, 100000);
  store_be32 (data + 20, 100000);
  store_be32 (data + 29, crc32 (data + 12, 17));
  write_bytes (dir, "huge.png", data, len);
}

/* A real small JPEG whose frame header then claims 60000 x 60000 pixels. */
static void
write_huge_jpeg (const char *dir)
{
  g_autofree char *path = cs_test_write_jpeg (dir, "huge.jpg", 64, 64, NULL);
  g_autofree guint8 *data = NULL;
  gsize len, i;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
  for (i = 2; i + 9 < len && !(data[i] == 0xff && data[i + 1] == 0xc0); i++)
    ;
  g_assert_cmpuint (i + 9, <, len);
  /* FF C0, length (2), precision (1), height (2), width (2). */
  data[i + 5] = data[i + 7] = 60000 >> 8;
  data[i + 6] = data[i + 8] = 60000 & 0xff;
  write_bytes (dir, "huge.jpg", data, len);
}

static void
write_level (TIFF *tiff,
             int   level,
             int   size)
{
  g_autofree guint8 *rgb = g_malloc (256 * 256 * 3);

  cs_test_set_jpeg_tiled_fields (tiff, size, size, level > 0);
  TIFFSetField (tiff, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
  for (gsize i = 0; i < 256 * 256 * 3; i++)
    rgb[i] = (guint8) (i * 7 / 3);
  for (int y = 0; y < size; y += 256)
    for (int x = 0; x < size; x += 256)
      g_assert_cmpint (TIFFWriteTile (tiff, rgb, x, y, 0, 0), >, 0);
  g_assert_true (TIFFWriteDirectory (tiff));
}

/* Overwrites strip or tile @index of @path's first directory with garbage. */
static void
spoil_strile (const char *path,
              guint32     index)
{
  TIFF *tiff = TIFFOpen (path, "r");
  guint64 offset, size;
  FILE *file;

  g_assert_nonnull (tiff);
  offset = TIFFGetStrileOffset (tiff, index);
  size = TIFFGetStrileByteCount (tiff, index);
  TIFFClose (tiff);
  g_assert_cmpuint (size, >, 0);
  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) offset, SEEK_SET), ==, 0);
  for (guint64 i = 0; i < size; i++)
    fputc (0x5a, file);
  fclose (file);
}

/* A JPEG tiled pyramid (1024 and 512 px square) whose level-0 tiles 1
 * and 5 hold garbage instead of JPEG data. */
static void
write_bad_tiles (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "bad-tiles.tif", NULL);
  const guint32 spoilt[] = { 1, 5 };
  TIFF *tiff = TIFFOpen (path, "w");

  g_assert_nonnull (tiff);
  write_level (tiff, 0, 1024);
  write_level (tiff, 1, 512);
  TIFFClose (tiff);

  for (guint k = 0; k < G_N_ELEMENTS (spoilt); k++)
    spoil_strile (path, spoilt[k]);
}

/* A plain (stripped, deflate) TIFF whose middle strip does not inflate:
 * the raster fallback must refuse it, not show a blank band. */
static void
write_bad_strips (const char *dir)
{
  g_autofree char *path = cs_test_write_stripped_tiff (dir, "bad-strips.tif", 512, 512, NULL);
  TIFF *tiff;
  guint32 n;

  g_assert_nonnull (path);
  tiff = TIFFOpen (path, "r");
  g_assert_nonnull (tiff);
  n = TIFFNumberOfStrips (tiff);
  TIFFClose (tiff);
  g_assert_cmpuint (n, >, 2);
  spoil_strile (path, n / 2);
}

/* An Aperio slide of one 256 px tile whose thumbnail (an associated
 * image) claims 30000 x 30000 pixels in one short strip. */
static void
write_huge_associated (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "huge-associated.svs", NULL);
  g_autofree guint8 *rgb = g_malloc0 (256 * 256 * 3);
  static guint8 strip[64];
  TIFF *tiff = TIFFOpen (path, "w");

  g_assert_nonnull (tiff);
  cs_test_set_jpeg_tiled_fields (tiff, 256, 256, FALSE);
  TIFFSetField (tiff, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
  TIFFSetField (tiff, TIFFTAG_IMAGEDESCRIPTION,
                "Aperio Image Library v10.0.0\n256x256 [0,0 256x256] (256x256) JPEG/RGB Q=70");
  g_assert_cmpint (TIFFWriteTile (tiff, rgb, 0, 0, 0, 0), >, 0);
  g_assert_true (TIFFWriteDirectory (tiff));

  TIFFSetField (tiff, TIFFTAG_SUBFILETYPE, FILETYPE_REDUCEDIMAGE);
  TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, 30000);
  TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, 30000);
  TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, 3);
  TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
  TIFFSetField (tiff, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
  TIFFSetField (tiff, TIFFTAG_ROWSPERSTRIP, 30000);
  TIFFSetField (tiff, TIFFTAG_IMAGEDESCRIPTION, "Aperio Image Library v10.0.0\n30000x30000");
  g_assert_cmpint (TIFFWriteRawStrip (tiff, 0, strip, sizeof strip), ==, sizeof strip);
  g_assert_true (TIFFWriteDirectory (tiff));
  TIFFClose (tiff);
}

static void
write_sparse (const char *dir,
              const char *name,
              gint64      size,
              gboolean    tiff_header)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  guint8 head[8] = { 'I', 'I', 42, 0 };
  guint32 ifd = (guint32) (size - 16);

  g_assert_cmpint (fd, >=, 0);
  /* A TIFF header whose first directory is all zeros, far away. */
  memcpy (head + 4, &ifd, 4);
  if (tiff_header)
    g_assert_cmpint (write (fd, head, sizeof head), ==, sizeof head);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  g_close (fd, NULL);
}

static void
make_special (const char *dir)
{
  g_autofree char *folder = g_build_filename (dir, "folder.svs", NULL);
  g_autofree char *loop = g_build_filename (dir, "loop.svs", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.tif", NULL);
  g_autofree char *fifo_vms = g_build_filename (dir, "fifo.vms", NULL);
  g_autofree char *zero = g_build_filename (dir, "zero.svs", NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (symlink ("loop.svs", loop), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (mkfifo (fifo_vms, 0644), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
}

void
cs_test_corpus_write (const char *dir,
                      const char *sample)
{
  static const guint8 gif[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00 not a slide";
  static const guint8 damaged[] = "II*\0\xff\xff\xff\x7f damaged";
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (sample, FALSE, NULL);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_nonnull (mapped);
  bytes = g_mapped_file_get_bytes (mapped);
  write_truncated (dir, "truncated-16.svs", bytes, 16);
  write_truncated (dir, "truncated-1k.svs", bytes, 1024);
  write_truncated (dir, "truncated-64k.svs", bytes, 65536);
  write_truncated (dir, "truncated-half.svs", bytes, g_bytes_get_size (bytes) / 2);
  write_truncated (dir, "truncated-end.svs", bytes, g_bytes_get_size (bytes) - 1024);
  write_bytes (dir, "empty.svs", (const guint8 *) "", 0);
  write_bytes (dir, "wrong-magic.svs", gif, sizeof gif);
  write_bytes (dir, "wrong-magic.png", gif, sizeof gif);
  write_bytes (dir, "damaged-header.tif", damaged, sizeof damaged);
  write_tiled (dir, "huge-tiled.tif", 1u << 31, 1u << 31, 256);
  write_tiled (dir, "huge-tile-count.tif", 1u << 24, 1u << 24, 16);
  write_tiled (dir, "many-tiles.tif", 1u << 18, 1u << 18, 16);
  write_tiled (dir, "huge-tile.tif", 1000, 1000, 1u << 30);
  write_stripped (dir, "huge-stripped.tif", G_MAXUINT32, G_MAXUINT32);
  write_stripped (dir, "big-stripped.tif", 40000, 40000);
  write_huge_png (dir);
  write_huge_jpeg (dir);
  write_bad_tiles (dir);
  write_bad_strips (dir);
  write_huge_associated (dir);
  make_special (dir);
  write_sparse (dir, "sparse.svs", G_GINT64_CONSTANT (16) << 30, FALSE);
  write_sparse (dir, "sparse-ifd.tif", G_GINT64_CONSTANT (3) << 30, TRUE);
}
