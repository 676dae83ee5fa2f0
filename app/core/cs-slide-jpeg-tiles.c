/* cs-slide-jpeg-tiles.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide"

#include "config.h"

#include <glib/gi18n.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <tiffio.h>

#include <jpeglib.h>

#include "cs-slide-private.h"

/* The direct path for display tiles of a generic tiled JPEG TIFF: one
 * native tile read with TIFFReadRawTile and decoded by libjpeg-turbo
 * straight into cairo's ARGB32, instead of OpenSlide's region read, which
 * costs 5-7 times as much for the same pixels (issue 7: ~1.2 ms against
 * ~0.26 ms a tile). It serves a level only when its native tiles are
 * exactly the display tiles (CS_TILE_SIZE square, contiguous 8-bit RGB or
 * YCbCr JPEG), so display tile (col, row) is native tile (col, row); every
 * other level, and every other format, goes through OpenSlide.
 *
 * libtiff handles are not thread-safe and switching a handle's directory
 * re-reads it, so each level keeps a queue of idle handles already on its
 * directory; a read borrows one for itself alone (opening one when none is
 * idle) and gives it back. Thread-safe. */

typedef struct
{
  tdir_t       directory;
  int          width;          /* the level's size */
  int          height;
  gboolean     ycbcr;
  GAsyncQueue *idle;           /* TIFF*, on @directory */
} Level;

struct _CsJpegTiles
{
  char  *path;
  guint  n_levels;
  Level *levels;               /* directory < 0 for levels OpenSlide reads */
  guint  n_reads;              /* atomic */
};

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;

  (*cinfo->err->format_message) (cinfo, err->message);
  longjmp (err->jump, 1);
}

static void
jpeg_output_message (j_common_ptr cinfo)
{
  /* Warnings about data the decoder got past are not printed. */
}

static void
close_tiff (gpointer data)
{
  TIFFClose (data);
}

/* Whether directory @dir of @tiff holds tiles this path decodes. */
static gboolean
directory_is_direct (TIFF     *tiff,
                     gboolean *ycbcr)
{
  guint32 tw = 0, th = 0;
  guint16 compression = 0, bits = 0, samples = 0, planar = 0, photometric = 0;

  if (!TIFFIsTiled (tiff) ||
      !TIFFGetField (tiff, TIFFTAG_TILEWIDTH, &tw) ||
      !TIFFGetField (tiff, TIFFTAG_TILELENGTH, &th) ||
      !TIFFGetField (tiff, TIFFTAG_COMPRESSION, &compression) ||
      !TIFFGetField (tiff, TIFFTAG_PHOTOMETRIC, &photometric))
    return FALSE;
  TIFFGetFieldDefaulted (tiff, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted (tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted (tiff, TIFFTAG_PLANARCONFIG, &planar);

  *ycbcr = photometric == PHOTOMETRIC_YCBCR;

  return tw == CS_TILE_SIZE && th == CS_TILE_SIZE && compression == COMPRESSION_JPEG &&
         bits == 8 && samples == 3 && planar == PLANARCONFIG_CONTIG &&
         (photometric == PHOTOMETRIC_YCBCR || photometric == PHOTOMETRIC_RGB);
}

/* Finds the directory of each level by its size, as OpenSlide's
 * generic-tiff driver lists the tiled directories. */
static gboolean
find_levels (CsJpegTiles  *self,
             TIFF         *tiff,
             const gint64 *widths,
             const gint64 *heights)
{
  gboolean any = FALSE;

  for (guint level = 0; level < self->n_levels; level++)
    self->levels[level].directory = (tdir_t) -1;

  do
    {
      guint32 w = 0, h = 0;
      gboolean ycbcr = FALSE;

      if (!TIFFGetField (tiff, TIFFTAG_IMAGEWIDTH, &w) ||
          !TIFFGetField (tiff, TIFFTAG_IMAGELENGTH, &h) ||
          !directory_is_direct (tiff, &ycbcr))
        continue;

      for (guint level = 0; level < self->n_levels; level++)
        {
          Level *l = &self->levels[level];

          if (widths[level] != w || heights[level] != h || l->directory != (tdir_t) -1)
            continue;
          l->directory = TIFFCurrentDirectory (tiff);
          l->width = (int) w;
          l->height = (int) h;
          l->ycbcr = ycbcr;
          any = TRUE;
          break;
        }
    }
  while (TIFFReadDirectory (tiff));

  return any;
}

void
_cs_jpeg_tiles_free (CsJpegTiles *self)
{
  if (self == NULL)
    return;

  for (guint level = 0; level < self->n_levels; level++)
    g_clear_pointer (&self->levels[level].idle, g_async_queue_unref);
  g_free (self->levels);
  g_free (self->path);
  g_free (self);
}

/**
 * _cs_jpeg_tiles_new:
 * @widths: (array length=n_levels): OpenSlide's level widths
 * @heights: (array length=n_levels): OpenSlide's level heights
 *
 * Returns: (nullable): the direct path for the levels of @path that it can
 *   serve, or %NULL when there is none
 */
CsJpegTiles *
_cs_jpeg_tiles_new (const char   *path,
                    guint         n_levels,
                    const gint64 *widths,
                    const gint64 *heights)
{
  CsJpegTiles *self;
  TIFF *tiff;

#ifndef JCS_EXTENSIONS
  /* Decoding straight into cairo's format needs libjpeg-turbo's
   * extended colour spaces; with another libjpeg, OpenSlide reads all. */
  return NULL;
#endif

  _cs_raster_install_tiff_handlers ();
  tiff = TIFFOpen (path, "rmD");
  if (tiff == NULL)
    return NULL;

  self = g_new0 (CsJpegTiles, 1);
  self->path = g_strdup (path);
  self->n_levels = n_levels;
  self->levels = g_new0 (Level, MAX (n_levels, 1));
  if (!find_levels (self, tiff, widths, heights))
    {
      TIFFClose (tiff);
      _cs_jpeg_tiles_free (self);
      return NULL;
    }
  TIFFClose (tiff);

  for (guint level = 0; level < n_levels; level++)
    self->levels[level].idle = g_async_queue_new_full (close_tiff);

  return self;
}

gboolean
_cs_jpeg_tiles_has_level (CsJpegTiles *self,
                          guint        level)
{
  return self != NULL && level < self->n_levels &&
         self->levels[level].directory != (tdir_t) -1;
}

guint
_cs_jpeg_tiles_get_n_reads (CsJpegTiles *self)
{
  return self ? (guint) g_atomic_int_get (&self->n_reads) : 0;
}

static TIFF *
acquire (CsJpegTiles  *self,
         Level        *level,
         GError      **error)
{
  TIFF *tiff = g_async_queue_try_pop (level->idle);

  if (tiff != NULL)
    return tiff;

  tiff = TIFFOpen (self->path, "rmD");
  if (tiff == NULL || !TIFFSetDirectory (tiff, level->directory))
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   _("Cannot read slide “%s”: libtiff cannot open it again"), self->path);
      g_clear_pointer (&tiff, TIFFClose);
      return NULL;
    }

  return tiff;
}

/**
 * _cs_jpeg_decode:
 * @tables: (nullable): abbreviated table specification (TIFF's JPEGTables)
 * @ycbcr: whether three components are YCbCr (else RGB); one component is
 *   grey whatever @ycbcr says
 *
 * Decodes @len bytes of JPEG into @dest (@width × @height of the image's
 * top-left corner, stride @width * 4), opaque ARGB32: TIFF tiles here,
 * DICOMweb frames in cs-dicomweb-decode.c. Thread-safe.
 */
gboolean
_cs_jpeg_decode (const guint8  *data,
                 gsize          len,
                 const guint8  *tables,
                 guint32        tables_len,
                 gboolean       ycbcr,
                 guint32       *dest,
                 int            width,
                 int            height,
                 GError       **error)
{
  struct jpeg_decompress_struct cinfo;
  JpegError err;
  guint8 row[CS_JPEG_MAX_WIDTH * 4];

#ifndef JCS_EXTENSIONS
  g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_UNSUPPORTED,
               _("this build’s libjpeg cannot decode into display pixels"));
  return FALSE;
#endif

  cinfo.err = jpeg_std_error (&err.pub);
  err.pub.error_exit = jpeg_error_exit;
  err.pub.output_message = jpeg_output_message;
  if (setjmp (err.jump))
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ, "%s", err.message);
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }

  jpeg_create_decompress (&cinfo);
  if (tables != NULL && tables_len > 0)
    {
      jpeg_mem_src (&cinfo, tables, tables_len);
      jpeg_read_header (&cinfo, FALSE);
    }
  jpeg_mem_src (&cinfo, data, len);
  jpeg_read_header (&cinfo, TRUE);
  /* TIFF's JPEG streams carry no JFIF or Adobe marker: the photometric
   * tag says what the components are (DICOM's PhotometricInterpretation
   * for frames). */
  if (cinfo.num_components == 3)
    cinfo.jpeg_color_space = ycbcr ? JCS_YCbCr : JCS_RGB;
  /* cairo's ARGB32 in memory: B, G, R, A on little-endian machines; the
   * X byte is written as 0xff, opaque. */
#ifdef JCS_EXTENSIONS
  cinfo.out_color_space = G_BYTE_ORDER == G_LITTLE_ENDIAN ? JCS_EXT_BGRX : JCS_EXT_XRGB;
#endif
  jpeg_start_decompress (&cinfo);
  if ((int) cinfo.output_width < width || (int) cinfo.output_height < height ||
      cinfo.output_width > CS_JPEG_MAX_WIDTH)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   _("a JPEG tile of %u × %u pixels where %d × %d were expected"),
                   cinfo.output_width,
                   cinfo.output_height, width, height);
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }

  while ((int) cinfo.output_scanline < height)
    {
      guint8 *out = (guint8 *) (dest + (gsize) cinfo.output_scanline * width);
      gboolean crop = (int) cinfo.output_width != width;
      JSAMPROW target = crop ? row : out;

      jpeg_read_scanlines (&cinfo, &target, 1);
      if (crop)
        memcpy (out, row, (gsize) width * 4);
    }
  /* The rows below the level's edge are not needed. */
  jpeg_abort_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);

  return TRUE;
}

static gboolean
read_raw (TIFF     *tiff,
          guint32   index,
          GBytes  **out)
{
  guint64 size = TIFFGetStrileByteCount (tiff, index);
  g_autofree guint8 *data = NULL;

  if (size == 0 || size > 64 * 1024 * 1024)
    return FALSE;
  data = g_malloc (size);
  if (TIFFReadRawTile (tiff, index, data, (tmsize_t) size) != (tmsize_t) size)
    return FALSE;

  *out = g_bytes_new_take (g_steal_pointer (&data), size);
  return TRUE;
}

/**
 * _cs_jpeg_tiles_read:
 * @level: a level _cs_jpeg_tiles_has_level() accepts
 * @dest: room for @width × @height pixels; @width and @height are the
 *   display tile's size, at most CS_TILE_SIZE (less at the level's edges)
 *
 * Reads display tile (@col, @row) of @level: native tile (@col, @row).
 * Thread-safe.
 */
gboolean
_cs_jpeg_tiles_read (CsJpegTiles  *self,
                     guint         level,
                     gint32        col,
                     gint32        row,
                     guint32      *dest,
                     int           width,
                     int           height,
                     GError      **error)
{
  Level *l = &self->levels[level];
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) local = NULL;
  const guint8 *tables = NULL;
  guint32 tables_len = 0;
  guint32 index;
  gboolean ok;
  TIFF *tiff;

  g_return_val_if_fail (_cs_jpeg_tiles_has_level (self, level), FALSE);

  tiff = acquire (self, l, error);
  if (tiff == NULL)
    return FALSE;

  index = TIFFComputeTile (tiff, (guint32) col * CS_TILE_SIZE, (guint32) row * CS_TILE_SIZE,
                           0, 0);
  if (!TIFFGetField (tiff, TIFFTAG_JPEGTABLES, &tables_len, &tables))
    tables_len = 0;
  ok = read_raw (tiff, index, &raw) &&
       _cs_jpeg_decode (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), tables, tables_len,
               l->ycbcr, dest, width, height, &local);
  g_async_queue_push (l->idle, tiff);
  g_atomic_int_inc (&self->n_reads);

  if (!ok)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   _("Cannot read tile %d, %d of level %u of slide “%s”: %s"), col, row, level,
                   self->path, local ? local->message : _("its data cannot be read"));
      return FALSE;
    }

  return TRUE;
}
