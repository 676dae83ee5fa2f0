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
 *   u = (image - origin) * zoom              the unrotated picture
 *   screen = C + R(rotation) (u - C)         turned about the view centre C
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
  self->rotation = 0;
}

gboolean
cs_viewport_equal (const CsViewport *a,
                   const CsViewport *b)
{
  return a->x == b->x && a->y == b->y && a->zoom == b->zoom &&
         a->width == b->width && a->height == b->height && a->rotation == b->rotation;
}

/**
 * cs_viewport_get_pivot:
 *
 * The screen point the view turns about: its centre, rounded down to whole
 * device pixels so that quarter turns map pixel centres onto pixel centres.
 */
void
cs_viewport_get_pivot (const CsViewport *self,
                       double           *x,
                       double           *y)
{
  *x = self->width / 2;
  *y = self->height / 2;
}

/**
 * cs_viewport_rotate_vector:
 *
 * Turns (@x, @y) clockwise by @degrees on screen (y down), exactly for
 * quarter turns.
 */
void
cs_viewport_rotate_vector (double  degrees,
                           double  x,
                           double  y,
                           double *rx,
                           double *ry)
{
  double rad = degrees * G_PI / 180.0;
  double c = cos (rad), s = sin (rad);

  if (fmod (degrees, 90.0) == 0)
    {
      c = round (c);
      s = round (s);
    }

  *rx = c * x - s * y;
  *ry = s * x + c * y;
}

static void
rotate (double  degrees,
        double  x,
        double  y,
        double *rx,
        double *ry)
{
  cs_viewport_rotate_vector (degrees, x, y, rx, ry);
}

void
cs_viewport_to_image (const CsViewport *self,
                      double            screen_x,
                      double            screen_y,
                      double           *image_x,
                      double           *image_y)
{
  double cx, cy;
  double ux = screen_x, uy = screen_y;

  cs_viewport_get_pivot (self, &cx, &cy);

  if (self->rotation != 0)
    {
      rotate (-self->rotation, screen_x - cx, screen_y - cy, &ux, &uy);
      ux += cx;
      uy += cy;
    }

  *image_x = self->x + ux / self->zoom;
  *image_y = self->y + uy / self->zoom;
}

void
cs_viewport_to_screen (const CsViewport *self,
                       double            image_x,
                       double            image_y,
                       double           *screen_x,
                       double           *screen_y)
{
  double ux = (image_x - self->x) * self->zoom;
  double uy = (image_y - self->y) * self->zoom;
  double cx, cy;

  cs_viewport_get_pivot (self, &cx, &cy);

  if (self->rotation != 0)
    {
      rotate (self->rotation, ux - cx, uy - cy, &ux, &uy);
      ux += cx;
      uy += cy;
    }

  *screen_x = ux;
  *screen_y = uy;
}

void
cs_viewport_get_center (const CsViewport *self,
                        double           *image_x,
                        double           *image_y)
{
  /* Independent of the rotation (within half a pixel of the pivot). */
  *image_x = self->x + self->width / 2.0 / self->zoom;
  *image_y = self->y + self->height / 2.0 / self->zoom;
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
  double ix, iy, ax, ay;

  g_return_if_fail (self != NULL);

  cs_viewport_to_image (self, screen_x, screen_y, &ix, &iy);
  self->zoom = CLAMP (new_zoom, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  cs_viewport_to_image (self, screen_x, screen_y, &ax, &ay);
  self->x += ix - ax;
  self->y += iy - ay;
}

/* Moves the view by (dx, dy) device pixels: the image follows the pointer. */
void
cs_viewport_pan (CsViewport *self,
                 double      dx,
                 double      dy)
{
  double ux, uy;

  rotate (-self->rotation, dx, dy, &ux, &uy);
  self->x -= ux / self->zoom;
  self->y -= uy / self->zoom;
}

/* The size of the axis-aligned box around a w × h rectangle turned by
 * @degrees. */
static void
rotated_extent (double  degrees,
                double  w,
                double  h,
                double *out_w,
                double *out_h)
{
  double ax, ay, bx, by;

  rotate (degrees, w, 0, &ax, &ay);
  rotate (degrees, 0, h, &bx, &by);
  *out_w = fabs (ax) + fabs (bx);
  *out_h = fabs (ay) + fabs (by);
}

/**
 * cs_viewport_set_rotation:
 * @degrees: clockwise; any value, normalised to [0, 360)
 *
 * Turns the view about its centre: the image point at the centre and the
 * zoom stay.
 */
void
cs_viewport_set_rotation (CsViewport *self,
                          double      degrees)
{
  g_return_if_fail (self != NULL);

  degrees = fmod (degrees, 360.0);
  if (degrees < 0)
    degrees += 360.0;
  /* Snap values within rounding of a whole degree tenth-thousandth. */
  if (fabs (degrees - round (degrees)) < 1e-9)
    degrees = round (degrees);
  if (degrees >= 360.0)
    degrees = 0;
  self->rotation = degrees;
}

gboolean
cs_viewport_is_rotated (const CsViewport *self)
{
  return self->rotation != 0;
}

/**
 * cs_viewport_get_unrotated:
 * @unrotated: (out): the axis-aligned viewport, same centre and zoom, just
 *   large enough to hold @self turned by its rotation
 */
void
cs_viewport_get_unrotated (const CsViewport *self,
                           CsViewport       *unrotated)
{
  double cx, cy, w, h;

  cs_viewport_get_center (self, &cx, &cy);
  rotated_extent (self->rotation, self->width, self->height, &w, &h);
  *unrotated = *self;
  unrotated->rotation = 0;
  unrotated->width = (int) ceil (w - 1e-9);
  unrotated->height = (int) ceil (h - 1e-9);
  cs_viewport_set_center (unrotated, cx, cy);
}

/* Shows the whole image, centred, as large as fits. */
void
cs_viewport_fit (CsViewport *self,
                 double      image_width,
                 double      image_height)
{
  double zoom, bw, bh;

  g_return_if_fail (self != NULL);

  if (image_width <= 0 || image_height <= 0 || self->width <= 0 || self->height <= 0)
    return;

  rotated_extent (self->rotation, image_width, image_height, &bw, &bh);
  zoom = MIN (self->width / bw, self->height / bh);
  self->zoom = CLAMP (zoom, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  cs_viewport_set_center (self, image_width / 2.0, image_height / 2.0);
}

/**
 * cs_viewport_get_visible:
 * @grow: fraction of the view's size to add on each side (1/3 gives the
 *   preload ring)
 *
 * The level-0 rectangle around what the view shows (turned, if rotated),
 * grown by @grow.
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
  const double corners[4][2] = {
    { -gx, -gy }, { self->width + gx, -gy },
    { -gx, self->height + gy }, { self->width + gx, self->height + gy },
  };

  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < 4; i++)
    {
      double ix, iy;

      cs_viewport_to_image (self, corners[i][0], corners[i][1], &ix, &iy);
      *x0 = MIN (*x0, ix);
      *y0 = MIN (*y0, iy);
      *x1 = MAX (*x1, ix);
      *y1 = MAX (*y1, iy);
    }
}
