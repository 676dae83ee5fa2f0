/* cs-bench-jpeg.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-slide-private.h"

#include <glib/gi18n.h>
#include <setjmp.h>
#include <stdio.h>

#include <jpeglib.h>

/* libjpeg-turbo, for the generator's tiles and the decode-limit baseline.
 * libjpeg reports errors by calling error_exit, which must not return:
 * it jumps back here with the message. */

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
} ErrorManager;

static void
error_exit (j_common_ptr cinfo)
{
  ErrorManager *err = (ErrorManager *) cinfo->err;

  (*cinfo->err->format_message) (cinfo, err->message);
  longjmp (err->jump, 1);
}

static void
output_message (j_common_ptr cinfo)
{
  /* Warnings (corrupt data the decoder got past) are not printed. */
  (void) cinfo;
}

GBytes *
cs_bench_jpeg_encode (const guint8 *rgb,
                      int           width,
                      int           height,
                      int           quality)
{
  struct jpeg_compress_struct cinfo;
  ErrorManager err;
  unsigned char *out = NULL;
  unsigned long out_len = 0;

  cinfo.err = jpeg_std_error (&err.pub);
  err.pub.error_exit = error_exit;
  err.pub.output_message = output_message;
  if (setjmp (err.jump))
    {
      /* Only running out of memory gets here: the input is ours. */
      g_error ("JPEG encoding failed: %s", err.message);
    }

  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &out, &out_len);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo); /* YCbCr, 2x2 chroma subsampling */
  jpeg_set_quality (&cinfo, quality, TRUE);
  cinfo.dct_method = JDCT_ISLOW;
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = (JSAMPROW) (rgb + (gsize) cinfo.next_scanline * width * 3);

      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);

  {
    GBytes *bytes = g_bytes_new (out, out_len);

    /* jpeg_mem_dest's buffer comes from the C allocator, as g_malloc's. */
    g_free (out);
    return bytes;
  }
}

gboolean
cs_bench_jpeg_decode (const guint8 *tables,
                      gsize         tables_len,
                      const guint8 *data,
                      gsize         len,
                      gboolean      ycbcr,
                      guint8       *pixels,
                      int           width,
                      int           height,
                      GError      **error)
{
  struct jpeg_decompress_struct cinfo;
  ErrorManager err;

  cinfo.err = jpeg_std_error (&err.pub);
  err.pub.error_exit = error_exit;
  err.pub.output_message = output_message;
  if (setjmp (err.jump))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Could not decode a JPEG tile: %s"), err.message);
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
  cinfo.jpeg_color_space = ycbcr ? JCS_YCbCr : JCS_RGB;
  /* Cairo's ARGB32 in memory on a little-endian machine: B, G, R, X. */
  cinfo.out_color_space = G_BYTE_ORDER == G_LITTLE_ENDIAN ? JCS_EXT_BGRX : JCS_EXT_XRGB;
  jpeg_start_decompress (&cinfo);
  if ((int) cinfo.output_width > width || (int) cinfo.output_height > height)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A JPEG tile is %u×%u pixels, larger than its TIFF tile"),
                   cinfo.output_width, cinfo.output_height);
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW row = pixels + (gsize) cinfo.output_scanline * width * 4;

      jpeg_read_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  return TRUE;
}
