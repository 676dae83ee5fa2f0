/* cs-slide-raster.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-raster"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cs-core-private.h"
#include "cs-slide-private.h"
#include "cs-utils.h"

/* Ordinary images that OpenSlide refuses: micrographs saved as plain
 * (stripped) TIFF, PNG or JPEG. They are decoded whole, once, into
 * premultiplied ARGB32 and then served as a one-level slide. TIFF goes
 * through libtiff, PNG and JPEG through gdk-pixbuf. Loading runs on the
 * slide's opening thread; the result is immutable. */

static const guint8 tiff_le[] = { 'I', 'I', 42, 0 };
static const guint8 tiff_be[] = { 'M', 'M', 0, 42 };
static const guint8 bigtiff_le[] = { 'I', 'I', 43, 0 };
static const guint8 bigtiff_be[] = { 'M', 'M', 0, 43 };
static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
static const guint8 jpeg_magic[] = { 0xff, 0xd8, 0xff };

CsRasterKind
_cs_raster_sniff (const char *path)
{
  guint8 head[132] = { 0 };
  gssize n;
  int fd = cs_open_regular_file (path, NULL);

  if (fd < 0)
    return CS_RASTER_KIND_NONE;
  do
    n = read (fd, head, sizeof head);
  while (n < 0 && errno == EINTR);
  g_close (fd, NULL);

  if (n >= 4 && (memcmp (head, tiff_le, 4) == 0 || memcmp (head, tiff_be, 4) == 0 ||
                 memcmp (head, bigtiff_le, 4) == 0 || memcmp (head, bigtiff_be, 4) == 0))
    return CS_RASTER_KIND_TIFF;
  if (n >= (gssize) sizeof png_magic && memcmp (head, png_magic, sizeof png_magic) == 0)
    return CS_RASTER_KIND_PNG;
  if (n >= (gssize) sizeof jpeg_magic && memcmp (head, jpeg_magic, sizeof jpeg_magic) == 0)
    return CS_RASTER_KIND_JPEG;
  if (n >= 132 && memcmp (head + 128, "DICM", 4) == 0)
    return CS_RASTER_KIND_DICOM;

  return CS_RASTER_KIND_NONE;
}

void
_cs_raster_free (CsRaster *raster)
{
  if (raster == NULL)
    return;

  g_clear_pointer (&raster->pixels, g_bytes_unref);
  g_free (raster);
}

static gint64 max_pixels = CS_RASTER_MAX_PIXELS;

/* A lower limit, for the fuzz target (tests/fuzz/fuzz-raster.c): a few
 * hundred bytes may declare a valid image of 2^28 pixels, which takes
 * seconds to decode; the fuzzer is after memory errors, not that. Call
 * before any image is loaded. */
void
_cs_raster_set_max_pixels (gint64 pixels)
{
  max_pixels = pixels;
}

static gboolean
check_size (const char  *path,
            gint64       width,
            gint64       height,
            GError     **error)
{
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("Cannot open “%s”: the image has no pixels"), path);
      return FALSE;
    }

  /* Each side first: the product of two 32-bit sides from a header
   * overflows a gint64. */
  if (width > G_MAXINT / 4 || height > G_MAXINT / 4 || width * height > max_pixels)
    {
      /* Formatted apart: translators cannot handle G_GINT64_FORMAT. */
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT,
                                               width, height);

      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_TOO_LARGE,
                   _("Cannot open “%s”: at %s pixels it is too large to open as a plain "
                     "image; convert it to a tiled pyramidal TIFF"),
                   path, size);
      return FALSE;
    }

  return TRUE;
}

static inline guint32
premultiply (guint a,
             guint r,
             guint g,
             guint b)
{
  if (a != 255)
    {
      r = (r * a + 127) / 255;
      g = (g * a + 127) / 255;
      b = (b * a + 127) / 255;
    }

  return ((guint32) a << 24) | (r << 16) | (g << 8) | b;
}

/* libtiff reports errors through a handler; keep the last one per thread. */
static GPrivate tiff_error_message = G_PRIVATE_INIT (g_free);

static void G_GNUC_PRINTF (2, 0)
tiff_error_handler (const char *module,
                    const char *fmt,
                    va_list     ap)
{
  char *message = g_strdup_vprintf (fmt, ap);

  g_debug ("libtiff: %s: %s", module ? module : "", message);
  g_private_replace (&tiff_error_message, message);
}

/* Routes libtiff's messages to g_debug; the last error of each thread
 * explains a failed TIFF open. Process-wide, set once. */
void
_cs_raster_install_tiff_handlers (void)
{
  TIFFSetErrorHandler (tiff_error_handler);
  TIFFSetWarningHandler (NULL);
}

static void
set_tiff_error (GError     **error,
                const char  *path)
{
  const char *message = g_private_get (&tiff_error_message);

  g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
               _("Cannot open “%s”: %s"), path,
               message ? message : _("the TIFF file is damaged"));
}

static CsRaster *
load_tiff (const char  *path,
           GError     **error)
{
  g_autoptr(TIFF) tif = NULL;
  g_autofree guint32 *rgba = NULL;
  guint32 *argb;
  guint32 width = 0, height = 0;
  CsRaster *raster;

  g_private_replace (&tiff_error_message, NULL);

  tif = TIFFOpen (path, "r");
  if (tif == NULL)
    {
      set_tiff_error (error, path);
      return NULL;
    }

  TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField (tif, TIFFTAG_IMAGELENGTH, &height);
  if (!check_size (path, width, height, error))
    return NULL;

  /* Stop at the first strip or tile that cannot be read (a truncated
   * file): libtiff would otherwise leave it blank, with no error, and a
   * hole would look like glass. */
  rgba = g_try_new (guint32, (gsize) width * height);
  if (rgba == NULL ||
      !TIFFReadRGBAImageOriented (tif, width, height, rgba, ORIENTATION_TOPLEFT, 1))
    {
      set_tiff_error (error, path);
      return NULL;
    }

  /* libtiff packs A B G R from the high byte down; alpha is unassociated. */
  argb = rgba;
  for (gsize i = 0; i < (gsize) width * height; i++)
    argb[i] = premultiply (TIFFGetA (rgba[i]), TIFFGetR (rgba[i]),
                           TIFFGetG (rgba[i]), TIFFGetB (rgba[i]));

  raster = g_new0 (CsRaster, 1);
  raster->width = (int) width;
  raster->height = (int) height;
  raster->pixels = g_bytes_new_take (g_steal_pointer (&rgba), (gsize) width * height * 4);
  raster->format = "tiff";

  return raster;
}

typedef struct
{
  int width;
  int height;
} PixbufSize;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  PixbufSize      *size)
{
  size->width = width;
  size->height = height;
  /* The loader allocates the whole image as soon as this returns, at
   * the header's word: a size of 0 makes it stop with an error instead
   * (as gdk_pixbuf_get_file_info() does). */
  if (!check_size ("", width, height, NULL))
    gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* Feeds the file to a loader of the sniffed type (no MIME database needed),
 * stopping as soon as the header shows an image too large to hold. */
static GdkPixbuf *
decode_pixbuf (const char    *path,
               const char    *format,
               GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (65536);
  PixbufSize size = { 0, 0 };
  GdkPixbuf *pixbuf;
  gssize n;

  loader = gdk_pixbuf_loader_new_with_type (format, &local_error);
  stream = loader ? g_file_read (file, NULL, &local_error) : NULL;
  if (stream == NULL)
    goto fail;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &size);

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 65536, NULL,
                                   &local_error)) > 0)
    {
      gboolean written = gdk_pixbuf_loader_write (loader, buffer, n, &local_error);

      if (size.width > 0 && !check_size (path, size.width, size.height, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }
      if (!written)
        goto fail;
    }
  if (n < 0 || !gdk_pixbuf_loader_close (loader, &local_error))
    goto fail;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("Cannot open “%s”: the image is incomplete"), path);
      return NULL;
    }

  return gdk_pixbuf_apply_embedded_orientation (pixbuf);

fail:
  if (loader != NULL)
    gdk_pixbuf_loader_close (loader, NULL);
  g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
               _("Cannot open “%s”: %s"), path, local_error->message);
  return NULL;
}

static CsRaster *
load_pixbuf (const char    *path,
             const char    *format,
             GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int width, height, stride, channels;
  const guint8 *src;
  guint32 *argb;
  CsRaster *raster;

  pixbuf = decode_pixbuf (path, format, error);
  if (pixbuf == NULL)
    return NULL;

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (!check_size (path, width, height, error))
    return NULL;
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  src = gdk_pixbuf_read_pixels (pixbuf);
  argb = g_new (guint32, (gsize) width * height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = src + (gsize) y * stride + (gsize) x * channels;

        argb[(gsize) y * width + x] = premultiply (channels == 4 ? p[3] : 255, p[0], p[1], p[2]);
      }

  raster = g_new0 (CsRaster, 1);
  raster->width = width;
  raster->height = height;
  raster->pixels = g_bytes_new_take (argb, (gsize) width * height * 4);
  raster->format = format;

  return raster;
}

/**
 * _cs_raster_load:
 *
 * Returns: (transfer full) (nullable): the decoded image
 */
CsRaster *
_cs_raster_load (const char    *path,
                 CsRasterKind   kind,
                 GError       **error)
{
  switch (kind)
    {
    case CS_RASTER_KIND_TIFF:
      return load_tiff (path, error);

    case CS_RASTER_KIND_PNG:
      return load_pixbuf (path, "png", error);

    case CS_RASTER_KIND_JPEG:
      return load_pixbuf (path, "jpeg", error);

    case CS_RASTER_KIND_NONE:
    case CS_RASTER_KIND_DICOM:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Copies a region; pixels outside the image are transparent, as OpenSlide's. */
void
_cs_raster_read_region (const CsRaster *raster,
                        guint32        *dest,
                        gint64          x,
                        gint64          y,
                        int             width,
                        int             height)
{
  const guint32 *src = g_bytes_get_data (raster->pixels, NULL);
  gint64 x0 = CLAMP (x, 0, raster->width);
  gint64 x1 = CLAMP (x + width, 0, raster->width);

  memset (dest, 0, (gsize) width * height * 4);
  if (x1 <= x0)
    return;

  for (int row = 0; row < height; row++)
    {
      gint64 sy = y + row;

      if (sy < 0 || sy >= raster->height)
        continue;
      memcpy (dest + (gsize) row * width + (x0 - x),
              src + (gsize) sy * raster->width + x0,
              (gsize) (x1 - x0) * 4);
    }
}
