/* cs-surface-texture.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-surface-texture"

#include "config.h"

#include "cs-surface-texture.h"

static cairo_surface_t *
to_argb32 (cairo_surface_t *surface)
{
  cairo_surface_t *argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                      cairo_image_surface_get_width (surface),
                                                      cairo_image_surface_get_height (surface));
  cairo_t *cr = cairo_create (argb);

  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);

  return argb;
}

/**
 * cs_surface_texture_new:
 * @surface: a cairo image surface
 *
 * Makes a texture of a cairo image, for a GtkPicture or the clipboard.
 * Cairo's premultiplied native-endian ARGB32 is exactly GDK_MEMORY_DEFAULT,
 * so its pixels are copied once, unconverted; other formats (associated
 * images may come as RGB24) are painted into ARGB32 first.
 *
 * Returns: (transfer full): a texture holding a copy of @surface's pixels
 */
GdkTexture *
cs_surface_texture_new (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *argb;
  GdkTexture *texture;
  int height;
  int stride;

  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  if (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32)
    argb = cairo_surface_reference (surface);
  else
    argb = to_argb32 (surface);

  cairo_surface_flush (argb);
  height = cairo_image_surface_get_height (argb);
  stride = cairo_image_surface_get_stride (argb);
  bytes = g_bytes_new (cairo_image_surface_get_data (argb), (gsize) height * stride);
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (argb), height,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  cairo_surface_destroy (argb);

  return texture;
}
