/* cs-slide-view-zoom.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-view-zoom"

#include "config.h"

#include "cs-slide-view-private.h"

#include "cs-magnification.h"

#include <math.h>

/* Where CsSlideView looks, and how closely: zoom limits, fitting the whole
 * (turned) slide, keeping it in sight, rotating about the centre and
 * moving. Every function here changes the viewport in device pixels and
 * ends in _cs_slide_view_viewport_changed (). */

#define MIN_ZOOM_OF_FIT   0.25
#define FIT_MARGIN        12     /* logical pixels */

static void
cs_slide_view_get_slide_size (CsSlideView *self,
                              double      *width,
                              double      *height)
{
  gint64 w = 0;
  gint64 h = 0;

  cs_slide_get_level_size (self->slide, 0, &w, &h);
  *width = w;
  *height = h;
}

/* The size, in level-0 pixels along the screen's axes, of the box around
 * the slide turned by the view's rotation. */
static void
cs_slide_view_get_turned_size (CsSlideView *self,
                               double      *width,
                               double      *height)
{
  double radians = self->viewport.rotation * G_PI / 180.0;
  double c = fabs (cos (radians));
  double s = fabs (sin (radians));
  double w, h;

  cs_slide_view_get_slide_size (self, &w, &h);

  /* Exact quarter turns give exact fits. */
  if (c < 1e-12)
    c = 0;
  if (s < 1e-12)
    s = 0;

  *width = c * w + s * h;
  *height = s * w + c * h;
}

/* The zoom that shows the whole slide, as turned, with a margin of dark
 * field around it, so that its edges stand out from the window's. */
static double
cs_slide_view_get_fit_zoom (CsSlideView *self)
{
  int margin = FIT_MARGIN * MAX (self->scale_factor, 1);
  double width, height;
  double inner_width, inner_height;

  if (self->slide == NULL || self->viewport.width <= 0 || self->viewport.height <= 0)
    return 1.0;

  cs_slide_view_get_turned_size (self, &width, &height);
  if (width <= 0 || height <= 0)
    return 1.0;

  inner_width = MAX (self->viewport.width - 2 * margin, 1);
  inner_height = MAX (self->viewport.height - 2 * margin, 1);

  return CLAMP (MIN (inner_width / width, inner_height / height),
                CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
}

/* Keeps the zoom in range and the slide in sight: the view's centre stays
 * over the slide, and along a screen axis where the whole (turned) slide
 * fits, the slide is centred. */
void
_cs_slide_view_clamp (CsSlideView *self)
{
  CsViewport *viewport = &self->viewport;
  double min_zoom, max_zoom;
  double width, height;
  double sx, sy, tx, ty;
  double half_width, half_height;
  double cx, cy;

  if (self->slide == NULL)
    return;

  cs_slide_view_get_zoom_range (self, &min_zoom, &max_zoom);
  if (viewport->zoom < min_zoom || viewport->zoom > max_zoom)
    {
      cs_viewport_get_center (viewport, &cx, &cy);
      viewport->zoom = CLAMP (viewport->zoom, min_zoom, max_zoom);
      cs_viewport_set_center (viewport, cx, cy);
    }

  /* Where the slide's centre is on screen, and how far its box reaches. */
  cs_slide_view_get_slide_size (self, &width, &height);
  cs_viewport_to_screen (viewport, width / 2, height / 2, &sx, &sy);
  cs_slide_view_get_turned_size (self, &width, &height);
  half_width = width * viewport->zoom / 2;
  half_height = height * viewport->zoom / 2;

  cx = viewport->width / 2.0;
  cy = viewport->height / 2.0;
  tx = 2 * half_width <= viewport->width ? cx : CLAMP (sx, cx - half_width, cx + half_width);
  ty = 2 * half_height <= viewport->height ? cy : CLAMP (sy, cy - half_height, cy + half_height);
  if (tx != sx || ty != sy)
    cs_viewport_pan (viewport, tx - sx, ty - sy);
}

void
_cs_slide_view_fit (CsSlideView *self)
{
  double min_zoom, max_zoom;
  double width, height;

  self->best_fit = TRUE;
  if (self->viewport.width <= 0 || self->viewport.height <= 0)
    return;

  cs_slide_view_get_slide_size (self, &width, &height);
  cs_slide_view_get_zoom_range (self, &min_zoom, &max_zoom);
  self->viewport.zoom = MIN (cs_slide_view_get_fit_zoom (self), max_zoom);
  cs_viewport_set_center (&self->viewport, width / 2, height / 2);
}

/**
 * cs_slide_view_set_viewport:
 * @viewport: the origin, zoom and rotation to show
 *
 * Moves the view to @viewport's origin, zoom and rotation, then clamps to
 * the allowed zooms and keeps the slide in sight. Its width and height are
 * ignored: they follow the widget.
 */
void
cs_slide_view_set_viewport (CsSlideView      *self,
                            const CsViewport *viewport)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));
  g_return_if_fail (viewport != NULL);

  self->viewport.x = viewport->x;
  self->viewport.y = viewport->y;
  self->viewport.zoom = CLAMP (viewport->zoom, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  cs_viewport_set_rotation (&self->viewport, viewport->rotation);
  self->best_fit = FALSE;
  _cs_slide_view_clamp (self);
  _cs_slide_view_viewport_changed (self);
}

/**
 * cs_slide_view_move_to:
 * @center_x: level-0 x to show at the view's centre
 * @center_y: level-0 y to show at the view's centre
 * @zoom: device pixels per level-0 pixel
 * @rotation: degrees, clockwise
 *
 * Shows exactly that, without the clamps of user navigation: a view
 * following another (CsReviewArea) must match it even where its own slide
 * ends.
 */
void
cs_slide_view_move_to (CsSlideView *self,
                       double       center_x,
                       double       center_y,
                       double       zoom,
                       double       rotation)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->slide == NULL)
    return;

  cs_slide_view_stop_kinetic (self);
  self->viewport.zoom = CLAMP (zoom, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  cs_viewport_set_rotation (&self->viewport, rotation);
  cs_viewport_set_center (&self->viewport, center_x, center_y);
  self->best_fit = FALSE;
  _cs_slide_view_viewport_changed (self);
}

/**
 * cs_slide_view_get_zoom_range:
 * @min_zoom: (out): the whole slide at a quarter of the size that fits
 * @max_zoom: (out): the digital zoom limit (see %CS_SLIDE_VIEW_MAX_ZOOM)
 *
 * The zooms the view allows, in device pixels per level-0 pixel.
 */
void
cs_slide_view_get_zoom_range (CsSlideView *self,
                              double      *min_zoom,
                              double      *max_zoom)
{
  double max = MIN (CS_SLIDE_VIEW_MAX_ZOOM, CS_VIEWPORT_MAX_ZOOM);
  double base;

  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  base = cs_slide_view_get_magnification_base (self);
  if (base > 0)
    max = MIN (max, cs_magnification_zoom_for (base, CS_SLIDE_VIEW_MAX_MAGNIFICATION));

  *max_zoom = max;
  *min_zoom = CLAMP (cs_slide_view_get_fit_zoom (self) * MIN_ZOOM_OF_FIT,
                     CS_VIEWPORT_MIN_ZOOM, max);
}

/**
 * cs_slide_view_zoom_at:
 * @zoom: the zoom wanted, in device pixels per level-0 pixel; clamped
 * @x: the anchor, in widget coordinates
 * @y: the anchor, in widget coordinates
 *
 * Zooms so that the part of the slide under (@x, @y) stays there, at any
 * rotation.
 */
void
cs_slide_view_zoom_at (CsSlideView *self,
                       double       zoom,
                       double       x,
                       double       y)
{
  double min_zoom, max_zoom;
  int scale;

  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->slide == NULL)
    return;

  scale = MAX (self->scale_factor, 1);
  cs_slide_view_get_zoom_range (self, &min_zoom, &max_zoom);
  cs_viewport_zoom_at (&self->viewport, CLAMP (zoom, min_zoom, max_zoom), x * scale, y * scale);
  self->best_fit = FALSE;
  _cs_slide_view_clamp (self);
  _cs_slide_view_viewport_changed (self);
}

/**
 * cs_slide_view_zoom_to_fit:
 *
 * Shows the whole slide, as turned, centred, as large as fits inside a
 * narrow margin; the view keeps it so when resized or rotated, until
 * zoomed or moved.
 */
void
cs_slide_view_zoom_to_fit (CsSlideView *self)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->slide == NULL)
    return;

  _cs_slide_view_fit (self);
  _cs_slide_view_viewport_changed (self);
}

/**
 * cs_slide_view_set_center:
 * @center_x: level-0 x
 * @center_y: level-0 y
 *
 * Centres the view on a point of the slide (clamped to the slide).
 */
void
cs_slide_view_set_center (CsSlideView *self,
                          double       center_x,
                          double       center_y)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->slide == NULL)
    return;

  cs_viewport_set_center (&self->viewport, center_x, center_y);
  self->best_fit = FALSE;
  _cs_slide_view_clamp (self);
  _cs_slide_view_viewport_changed (self);
}

double
cs_slide_view_get_rotation (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), 0);

  return self->viewport.rotation;
}

/**
 * cs_slide_view_set_rotation:
 * @degrees: clockwise, any value (taken modulo 360)
 *
 * Turns the slide about the view's centre, which keeps showing the same
 * point. A fitted view stays fitted.
 */
void
cs_slide_view_set_rotation (CsSlideView *self,
                            double       degrees)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  cs_viewport_set_rotation (&self->viewport, degrees);
  if (self->slide == NULL)
    {
      _cs_slide_view_viewport_changed (self);
      return;
    }

  if (self->best_fit)
    _cs_slide_view_fit (self);
  else
    _cs_slide_view_clamp (self);
  _cs_slide_view_viewport_changed (self);
}

/**
 * cs_slide_view_get_magnification_base:
 *
 * Returns: the objective magnification of the scan (at zoom 1.0), or 0
 *   when unknown or when no slide is shown
 */
double
cs_slide_view_get_magnification_base (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), 0);

  if (self->slide == NULL)
    return 0;

  return cs_magnification_get_slide_base (self->slide);
}

/* Moves the slide on screen by (dx, dy) logical pixels, at any rotation:
 * what was under the pointer follows it. */
void
_cs_slide_view_pan (CsSlideView *self,
                    double       dx,
                    double       dy)
{
  int scale;

  g_assert (CS_IS_SLIDE_VIEW (self));

  if (self->slide == NULL)
    return;

  scale = MAX (self->scale_factor, 1);
  cs_viewport_pan (&self->viewport, dx * scale, dy * scale);
  self->best_fit = FALSE;
  _cs_slide_view_clamp (self);
  _cs_slide_view_viewport_changed (self);
}

/* Moves the view so that the level-0 point (image_x, image_y) is at
 * (x, y) in widget coordinates; for two-finger gestures, which turn and
 * zoom about the touches' centre rather than the view's. */
void
_cs_slide_view_keep_anchor (CsSlideView *self,
                            double       image_x,
                            double       image_y,
                            double       x,
                            double       y)
{
  int scale = MAX (self->scale_factor, 1);
  double sx, sy;

  g_assert (CS_IS_SLIDE_VIEW (self));

  cs_viewport_to_screen (&self->viewport, image_x, image_y, &sx, &sy);
  _cs_slide_view_pan (self, x - sx / scale, y - sy / scale);
}

