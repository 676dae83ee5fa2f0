/* cs-dicomweb-read.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb-slide"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cs-dicomweb-slide-private.h"
#include "cs-slide.h"

/* Reading a remote slide's pixels: a region is composed from the frames
 * it touches, each from the disk cache when there, else fetched (WADO-RS)
 * and cached, then decoded. Thread-safe (the client and the cache are),
 * so the tile loader's workers fetch frames concurrently; a fetch gives
 * up when the thread's g_cancellable_get_current() is cancelled (the
 * loader's, when the view no longer wants the tile). A failed fetch
 * fails that read only (CS_SLIDE_ERROR_REMOTE): the slide is never
 * "failed", a later read asks the server again. */

/* Largest associated image read: as OpenSlide's bound for local ones. */
#define MAX_ASSOCIATED_SIDE 32767

static guint n_frame_fetches;      /* atomic */

guint
_cs_dicomweb_get_n_frame_fetches (void)
{
  return (guint) g_atomic_int_get (&n_frame_fetches);
}

/* Frame @frame (1-based) of @image, decoded into @dest (its tile size). */
static gboolean
read_frame (CsDicomwebPyramid      *self,
            const CsDicomwebImage  *image,
            guint                   frame,
            guint32                *dest,
            GError                **error)
{
  g_autofree char *key = _cs_dicomweb_cache_make_key (self->base_url, self->study_uid,
                                                      self->series_uid, image->instance_uid,
                                                      frame);
  g_autofree char *transfer_syntax = NULL;
  g_autoptr(GBytes) decoded = _cs_dicomweb_memory_lookup (self->decoded, key);
  g_autoptr(GBytes) data = NULL;
  gsize size = (gsize) image->tile_width * image->tile_height * 4;

  if (decoded != NULL)
    {
      memcpy (dest, g_bytes_get_data (decoded, NULL), size);
      return TRUE;
    }

  data = _cs_dicomweb_cache_lookup (self->cache, key, &transfer_syntax);
  if (data == NULL && self->client == NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   _("no server to fetch frames from"));
      return FALSE;
    }
  if (data == NULL)
    {
      data = cs_dicomweb_client_get_frame (self->client, self->study_uid, self->series_uid,
                                           image->instance_uid, frame, &transfer_syntax,
                                           g_cancellable_get_current (), error);
      if (data == NULL)
        return FALSE;
      g_atomic_int_inc (&n_frame_fetches);
      if (transfer_syntax != NULL)
        _cs_dicomweb_cache_store (self->cache, key, transfer_syntax, data);
    }

  if (!_cs_dicomweb_decode_frame (data, transfer_syntax, image, dest, error))
    return FALSE;
  decoded = g_bytes_new (dest, size);
  _cs_dicomweb_memory_insert (self->decoded, key, decoded);

  return TRUE;
}

/* Fills @dest (@width × @height) with @image's pixels from (@x, @y) in its
 * own pixels; transparent outside it. */
static gboolean
read_image (CsDicomwebPyramid      *self,
            const CsDicomwebImage  *image,
            guint32                *dest,
            gint64                  x,
            gint64                  y,
            int                     width,
            int                     height,
            GError                **error)
{
  int tw = image->tile_width, th = image->tile_height;
  gint64 x0 = MAX (x, 0), y0 = MAX (y, 0);
  gint64 x1 = MIN (x + width, image->width), y1 = MIN (y + height, image->height);
  g_autofree guint32 *frame = NULL;

  memset (dest, 0, (gsize) width * height * 4);
  if (x0 >= x1 || y0 >= y1)
    return TRUE;

  frame = g_new (guint32, (gsize) tw * th);
  for (gint64 row = y0 / th; row * th < y1; row++)
    for (gint64 col = x0 / tw; col * tw < x1; col++)
      {
        gint64 fx0 = MAX (col * tw, x0), fx1 = MIN ((col + 1) * tw, x1);
        gint64 fy0 = MAX (row * th, y0), fy1 = MIN ((row + 1) * th, y1);
        guint number = _cs_dicomweb_image_get_frame (image, col, row);
        g_autoptr(GError) local_error = NULL;

        /* A tile the server does not have (TILED_SPARSE): transparent. */
        if (number == 0)
          continue;
        if (!read_frame (self, image, number, frame, &local_error))
          {
            /* The server's failure may pass, and a cancelled fetch may
             * be asked for again; bad data stays bad. */
            g_set_error (error, CS_SLIDE_ERROR,
                         local_error->domain == CS_DICOMWEB_ERROR ||
                         g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                           ? CS_SLIDE_ERROR_REMOTE : CS_SLIDE_ERROR_READ,
                         _("Cannot read the pixels of “%s”: %s"), self->url,
                         local_error->message);
            return FALSE;
          }
        for (gint64 py = fy0; py < fy1; py++)
          memcpy (dest + (gsize) (py - y) * width + (fx0 - x),
                  frame + (gsize) (py - row * th) * tw + (fx0 - col * tw),
                  (gsize) (fx1 - fx0) * 4);
      }

  return TRUE;
}

/**
 * _cs_dicomweb_pyramid_read_region:
 * @x: level-0 x of the region's top-left corner
 * @y: level-0 y
 *
 * As cs_slide_read_region(). Thread-safe; blocks on the network.
 */
gboolean
_cs_dicomweb_pyramid_read_region (CsDicomwebPyramid  *self,
                                  guint32            *dest,
                                  gint64              x,
                                  gint64              y,
                                  guint               level,
                                  int                 width,
                                  int                 height,
                                  GError            **error)
{
  double downsample = _cs_dicomweb_pyramid_get_downsample (self, level);

  return read_image (self, g_ptr_array_index (self->levels, level), dest,
                     (gint64) floor ((double) x / downsample),
                     (gint64) floor ((double) y / downsample), width, height, error);
}

/**
 * _cs_dicomweb_pyramid_read_associated:
 * @name: one of _cs_dicomweb_pyramid_dup_associated_names()
 *
 * Returns: (transfer full) (nullable): an ARGB32 image surface
 */
cairo_surface_t *
_cs_dicomweb_pyramid_read_associated (CsDicomwebPyramid  *self,
                                      const char         *name,
                                      GError            **error)
{
  const CsDicomwebImage *image = NULL;
  cairo_surface_t *surface;
  guint index;

  if (g_ptr_array_find_with_equal_func (self->associated_names, name, g_str_equal, &index))
    image = g_ptr_array_index (self->associated, index);
  if (image == NULL || image->width > MAX_ASSOCIATED_SIDE || image->height > MAX_ASSOCIATED_SIDE)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   _("Cannot read the associated image “%s” of “%s”: bad size"), name, self->url);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) image->width,
                                        (int) image->height);
  cairo_surface_flush (surface);
  /* A width below 32768 makes cairo's stride exactly width * 4. */
  if (!read_image (self, image, (guint32 *) cairo_image_surface_get_data (surface), 0, 0,
                   (int) image->width, (int) image->height, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_mark_dirty (surface);

  return surface;
}
