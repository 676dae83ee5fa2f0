/* cs-slide-preview.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-preview"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cs-core-private.h"
#include "cs-library.h"
#include "cs-renderer.h"
#include "cs-slide-preview.h"
#include "cs-utils.h"

/* Thumbnails of slides, shared by the start page and the library: the
 * slide's own "thumbnail" image when it has one, else the whole slide
 * rendered small, on white as on glass. Label and macro images, which may
 * show patient details, are never used. */

static const char * const slide_suffixes[] = {
  "svs", "tif", "tiff", "ndpi", "vms", "vmu", "scn", "mrxs", "bif",
  "svslide",
#if HAVE_OPENSLIDE_ICC
  /* DICOM opens with OpenSlide 4 only. */
  "dcm",
#endif
  "png", "jpg", "jpeg", NULL,
};

/**
 * cs_slide_get_known_suffixes:
 *
 * Returns: (transfer none): the file name suffixes of the slides and images
 *   Consilium opens, lower case, without the dot
 */
const char * const *
cs_slide_get_known_suffixes (void)
{
  return slide_suffixes;
}

/**
 * cs_slide_has_known_suffix:
 *
 * Returns: whether @path ends in one of cs_slide_get_known_suffixes (),
 *   in any case
 */
gboolean
cs_slide_has_known_suffix (const char *path)
{
  const char *dot = strrchr (path, '.');
  g_autofree char *suffix = NULL;

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  suffix = g_ascii_strdown (dot + 1, -1);

  return g_strv_contains (slide_suffixes, suffix);
}

/**
 * cs_slide_thumbnail_fit_on_white:
 * @image: an image surface
 * @scale: how much to scale it, at most 1
 *
 * Returns: (transfer full): @image scaled by @scale, on white
 */
cairo_surface_t *
cs_slide_thumbnail_fit_on_white (cairo_surface_t *image,
                                 double           scale)
{
  int width = MAX (1, (int) round (cairo_image_surface_get_width (image) * scale));
  int height = MAX (1, (int) round (cairo_image_surface_get_height (image) * scale));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_surface_flush (surface);

  return surface;
}

/**
 * cs_slide_render_thumbnail:
 * @size: the longer side, in pixels
 *
 * Returns: (transfer full): the thumbnail of @slide, at most @size wide
 *   and high, or %NULL with @error set
 */
cairo_surface_t *
cs_slide_render_thumbnail (CsSlide  *slide,
                           int       size,
                           GError  **error)
{
  g_autoptr(cairo_surface_t) image = NULL;
  gint64 width, height;
  double zoom;

  if (g_strv_contains (cs_slide_get_associated_names (slide), "thumbnail"))
    image = cs_slide_read_associated (slide, "thumbnail", NULL);

  if (image != NULL)
    {
      width = cairo_image_surface_get_width (image);
      height = cairo_image_surface_get_height (image);

      return cs_slide_thumbnail_fit_on_white (image, MIN (1.0, (double) size /
                                                                   MAX (width, height)));
    }

  cs_slide_get_level_size (slide, 0, &width, &height);
  zoom = MIN (1.0, (double) size / MAX (width, height));
  if (!cs_render_region (CS_TILE_SOURCE (slide), 0, 0, zoom,
                         MAX (1, (int) floor (width * zoom)), MAX (1, (int) floor (height * zoom)),
                         &image, error))
    return NULL;

  return cs_slide_thumbnail_fit_on_white (image, 1.0);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/**
 * cs_surface_save_png_atomically:
 *
 * Writes @surface as a PNG file at @path, atomically, making its folder.
 */
gboolean
cs_surface_save_png_atomically (cairo_surface_t  *surface,
                                const char       *path,
                                GError          **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (cairo_surface_write_to_png_stream (surface, append_bytes, png) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot encode the PNG image %s"),
                   path);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot create %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));

  return cs_write_bytes_atomically (path, FALSE, bytes, error);
}
