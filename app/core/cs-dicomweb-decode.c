/* cs-dicomweb-decode.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb-slide"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <openjpeg.h>
#include <string.h>

#include "cs-dicomweb-slide-private.h"
#include "cs-slide-private.h"

/* A WADO-RS frame, as stored, to a frame-sized buffer of opaque
 * premultiplied ARGB32 (stride tile_width * 4): JPEG baseline through the
 * libjpeg-turbo decoder of the TIFF tiles (cs-slide-jpeg-tiles.c), JPEG
 * 2000 through OpenJPEG, uncompressed 8-bit pixels copied. Thread-safe:
 * every call has its own decoder. */

#define TS_EXPLICIT_LE      "1.2.840.10008.1.2.1"
#define TS_IMPLICIT_LE      "1.2.840.10008.1.2"
#define TS_JPEG_BASELINE    "1.2.840.10008.1.2.4.50"
#define TS_JPEG_EXTENDED    "1.2.840.10008.1.2.4.51"
#define TS_JPEG2000_LOSSLESS "1.2.840.10008.1.2.4.90"
#define TS_JPEG2000         "1.2.840.10008.1.2.4.91"

static inline guint32
opaque (guint r,
        guint g,
        guint b)
{
  return 0xff000000u | (r << 16) | (g << 8) | b;
}

static gboolean
decode_raw (GBytes                 *data,
            const CsDicomwebImage  *image,
            guint32                *dest,
            GError                **error)
{
  gsize n_pixels = (gsize) image->tile_width * image->tile_height;
  gsize size = 0;
  const guint8 *p = g_bytes_get_data (data, &size);

  if (size < n_pixels * image->samples)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   _("an uncompressed frame of %" PRIu64 " bytes is too short"),
                   (guint64) size);
      return FALSE;
    }

  /* YBR_FULL is not allowed uncompressed for WSI: samples are RGB or grey. */
  for (gsize i = 0; i < n_pixels; i++)
    dest[i] = image->samples == 3 ? opaque (p[3 * i], p[3 * i + 1], p[3 * i + 2])
                                  : opaque (p[i], p[i], p[i]);

  return TRUE;
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         offset;
} MemoryStream;

static OPJ_SIZE_T
stream_read (void      *buffer,
             OPJ_SIZE_T n,
             void      *user_data)
{
  MemoryStream *stream = user_data;
  gsize left = stream->size - stream->offset;

  if (left == 0)
    return (OPJ_SIZE_T) -1;
  n = MIN (n, left);
  memcpy (buffer, stream->data + stream->offset, n);
  stream->offset += n;

  return n;
}

static OPJ_OFF_T
stream_skip (OPJ_OFF_T  n,
             void      *user_data)
{
  MemoryStream *stream = user_data;

  if (n < 0 || (gsize) n > stream->size - stream->offset)
    return -1;
  stream->offset += (gsize) n;

  return n;
}

static OPJ_BOOL
stream_seek (OPJ_OFF_T  n,
             void      *user_data)
{
  MemoryStream *stream = user_data;

  if (n < 0 || (gsize) n > stream->size)
    return OPJ_FALSE;
  stream->offset = (gsize) n;

  return OPJ_TRUE;
}

static void
opj_message (const char *message,
             void       *user_data)
{
  char **last = user_data;

  g_free (*last);
  *last = g_strchomp (g_strdup (message));
}

/* Copies OpenJPEG's component planes (RGB after its inverse colour
 * transform, or grey) into @dest. */
static gboolean
copy_components (opj_image_t            *j2k,
                 const CsDicomwebImage  *image,
                 guint32                *dest,
                 GError                **error)
{
  opj_image_comp_t *c = j2k->comps;
  guint n = j2k->numcomps >= 3 ? 3 : 1;
  int w = image->tile_width, h = image->tile_height;

  for (guint i = 0; i < n; i++)
    if (c[i].data == NULL || (int) c[i].w < w || (int) c[i].h < h || c[i].prec != 8 ||
        c[i].dx != 1 || c[i].dy != 1)
      {
        g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                     _("a JPEG 2000 frame of %u × %u pixels where %d × %d were expected"),
                     c[i].w, c[i].h, w, h);
        return FALSE;
      }

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize at = (gsize) y * c[0].w + x;
        guint r = (guint) CLAMP (c[0].data[at], 0, 255);
        guint g = n == 3 ? (guint) CLAMP (c[1].data[at], 0, 255) : r;
        guint b = n == 3 ? (guint) CLAMP (c[2].data[at], 0, 255) : r;

        dest[(gsize) y * w + x] = opaque (r, g, b);
      }

  return TRUE;
}

static gboolean
decode_j2k (GBytes                 *data,
            const CsDicomwebImage  *image,
            guint32                *dest,
            GError                **error)
{
  static const guint8 jp2_magic[] = { 0, 0, 0, 0x0c, 'j', 'P', ' ', ' ' };
  MemoryStream memory = { NULL, 0, 0 };
  g_autofree char *message = NULL;
  opj_dparameters_t parameters;
  opj_image_t *j2k = NULL;
  opj_stream_t *stream;
  opj_codec_t *codec;
  gboolean ok;

  memory.data = g_bytes_get_data (data, &memory.size);
  codec = opj_create_decompress (memory.size >= sizeof jp2_magic &&
                                 memcmp (memory.data, jp2_magic, sizeof jp2_magic) == 0
                                   ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
  opj_set_default_decoder_parameters (&parameters);
  opj_set_error_handler (codec, opj_message, &message);
  opj_setup_decoder (codec, &parameters);

  stream = opj_stream_create (64 * 1024, OPJ_TRUE);
  opj_stream_set_user_data (stream, &memory, NULL);
  opj_stream_set_user_data_length (stream, memory.size);
  opj_stream_set_read_function (stream, stream_read);
  opj_stream_set_skip_function (stream, stream_skip);
  opj_stream_set_seek_function (stream, stream_seek);

  ok = opj_read_header (stream, codec, &j2k) && opj_decode (codec, stream, j2k) &&
       opj_end_decompress (codec, stream);
  if (!ok)
    g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ, _("a bad JPEG 2000 frame: %s"),
                 message ? message : _("OpenJPEG cannot decode it"));
  else
    ok = copy_components (j2k, image, dest, error);

  g_clear_pointer (&j2k, opj_image_destroy);
  opj_stream_destroy (stream);
  opj_destroy_codec (codec);

  return ok;
}

/**
 * _cs_dicomweb_decode_frame:
 * @transfer_syntax: the frame's transfer syntax UID, as the server said
 * @dest: room for @image's tile_width × tile_height pixels
 *
 * Returns: %TRUE, or %FALSE with @error set (CS_SLIDE_ERROR_READ for bad
 *   data, CS_SLIDE_ERROR_UNSUPPORTED for a transfer syntax Consilium does
 *   not decode), without the slide's name
 */
gboolean
_cs_dicomweb_decode_frame (GBytes                 *data,
                           const char             *transfer_syntax,
                           const CsDicomwebImage  *image,
                           guint32                *dest,
                           GError                **error)
{
  const char *ts = transfer_syntax ? transfer_syntax : "";

  if (g_str_equal (ts, TS_JPEG_BASELINE) || g_str_equal (ts, TS_JPEG_EXTENDED))
    return _cs_jpeg_decode (g_bytes_get_data (data, NULL), g_bytes_get_size (data), NULL, 0,
                            image->ycbcr, dest, image->tile_width, image->tile_height, error);
  if (g_str_equal (ts, TS_JPEG2000) || g_str_equal (ts, TS_JPEG2000_LOSSLESS))
    return decode_j2k (data, image, dest, error);
  if (g_str_equal (ts, TS_EXPLICIT_LE) || g_str_equal (ts, TS_IMPLICIT_LE))
    return decode_raw (data, image, dest, error);

  g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_UNSUPPORTED,
               _("frames in transfer syntax %s, which Consilium cannot decode"),
               *ts ? ts : _("(none given)"));
  return FALSE;
}
