/* cs-viewport.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-viewport"

#include "config.h"

#include <math.h>

#include "cs-viewport.h"

/* The mapping between a view's device pixels and a slide's level-0 pixels:
 *   screen = (image - origin) * zoom
 * Pure arithmetic; no slide, no widget. */

G_DEFINE_BOXED_TYPE (CsViewport, cs_viewport, cs_viewport_copy, cs_viewport_free)

CsViewport *
cs_viewport_copy (const CsViewport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
cs_viewport_free (CsViewport *self)
{
  g_free (self);
}

void
cs_viewport_init (CsViewport *self,
                  double      x,
                  double      y,
                  double      zoom,
                  int         width,
                  int         height)
{
  g_return_if_fail (self != NULL);

  self->x = x;
  self->y = y;
  self->zoom = CLAMP (zoom, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  self->width = MAX (width, 0);
  self->height = MAX (height, 0);
}

gboolean
cs_viewport_equal (const CsViewport *a,
                   const CsViewport *b)
{
  return a->x == b->x && a->y == b->y && a->zoom == b->zoom &&
         a->width == b->width && a->height == b->height;
}

void
cs_viewport_to_image (const CsViewport *self,
                      double            screen_x,
                      double            screen_y,
                      double           *image_x,
                      double           *image_y)
{
  *image_x = self->x + screen_x / self->zoom;
  *image_y = self->y + screen_y / self->zoom;
}

void
cs_viewport_to_screen (const CsViewport *self,
                       double            image_x,
                       double            image_y,
                       double           *screen_x,
                       double           *screen_y)
{
  *screen_x = (image_x - self->x) * self->zoom;
  *screen_y = (image_y - self->y) * self->zoom;
}

void
cs_viewport_get_center (const CsViewport *self,
                        double           *image_x,
                        double           *image_y)
{
  cs_viewport_to_image (self, self->width / 2.0, self->height / 2.0, image_x, image_y);
}

void
cs_viewport_set_center (CsViewport *self,
                        double      image_x,
                        double      image_y)
{
  self->x = image_x - self->width / 2.0 / self->zoom;
  self->y = image_y - self->height / 2.0 / self->zoom;
}

/**
 * cs_viewport_zoom_at:
 * @new_zoom: the zoom wanted; clamped to the allowed range
 * @screen_x: the anchor, in device pixels
 * @screen_y: the anchor, in device pixels
 *
 * Changes the zoom so that the image point under the anchor stays under it.
 */
void
cs_viewport_zoom_at (CsViewport *self,
                     double      new_zoom,
                     double      screen_x,
                     double      screen_y)
{
  double ix, iy;

  g_return_if_fail (self != NULL);

  cs_viewport_to_image (self, screen_x, screen_y, &ix, &iy);
  self->zoom = CLAMP (new_zoom, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  self->x = ix - screen_x / self->zoom;
  self->y = iy - screen_y / self->zoom;
}

/* Moves the view by (dx, dy) device pixels: the image follows the pointer. */
void
cs_viewport_pan (CsViewport *self,
                 double      dx,
                 double      dy)
{
  self->x -= dx / self->zoom;
  self->y -= dy / self->zoom;
}

/* Shows the whole image, centred, as large as fits. */
void
cs_viewport_fit (CsViewport *self,
                 double      image_width,
                 double      image_height)
{
  double zoom;

  g_return_if_fail (self != NULL);

  if (image_width <= 0 || image_height <= 0 || self->width <= 0 || self->height <= 0)
    return;

  zoom = MIN (self->width / image_width, self->height / image_height);
  self->zoom = CLAMP (zoom, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  cs_viewport_set_center (self, image_width / 2.0, image_height / 2.0);
}

/**
 * cs_viewport_get_visible:
 * @grow: fraction of the view's size to add on each side (1/3 gives the
 *   preload ring)
 *
 * The level-0 rectangle the view shows, grown by @grow.
 */
void
cs_viewport_get_visible (const CsViewport *self,
                         double            grow,
                         double           *x0,
                         double           *y0,
                         double           *x1,
                         double           *y1)
{
  double gx = self->width * grow;
  double gy = self->height * grow;

  cs_viewport_to_image (self, -gx, -gy, x0, y0);
  cs_viewport_to_image (self, self->width + gx, self->height + gy, x1, y1);
}
