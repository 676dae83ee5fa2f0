/* cs-viewport.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CsViewport:
 * @x: level-0 x of the view's top-left device pixel
 * @y: level-0 y of the view's top-left device pixel
 * @zoom: device pixels per level-0 pixel (1.0 is 1:1)
 * @width: width of the view in device pixels
 * @height: height of the view in device pixels
 * @rotation: clockwise rotation of the slide on screen, in degrees, about
 *   the view's centre; 0 <= rotation < 360
 *
 * What part of a slide a view shows, and how large. A plain value type:
 * copy it freely.
 *
 * Without rotation, screen = (image - (x, y)) * zoom. With rotation, that
 * unrotated picture is turned by @rotation about the view's centre, so the
 * image point at the centre, and @zoom, do not depend on the rotation:
 *   screen = P + R(rotation) ((image - (x, y)) * zoom - P)
 * where the pivot P is the view's centre rounded down to whole pixels.
 */
typedef struct
{
  double x;
  double y;
  double zoom;
  int    width;
  int    height;
  double rotation;
} CsViewport;

#define CS_TYPE_VIEWPORT (cs_viewport_get_type ())

#define CS_VIEWPORT_MIN_ZOOM (1.0 / 4096.0)
#define CS_VIEWPORT_MAX_ZOOM 64.0

GType       cs_viewport_get_type     (void) G_GNUC_CONST;
CsViewport *cs_viewport_copy         (const CsViewport *self);
void        cs_viewport_free         (CsViewport       *self);
void        cs_viewport_init         (CsViewport       *self,
                                      double            x,
                                      double            y,
                                      double            zoom,
                                      int               width,
                                      int               height);
gboolean    cs_viewport_equal        (const CsViewport *a,
                                      const CsViewport *b);
void        cs_viewport_to_image     (const CsViewport *self,
                                      double            screen_x,
                                      double            screen_y,
                                      double           *image_x,
                                      double           *image_y);
void        cs_viewport_to_screen    (const CsViewport *self,
                                      double            image_x,
                                      double            image_y,
                                      double           *screen_x,
                                      double           *screen_y);
void        cs_viewport_get_center   (const CsViewport *self,
                                      double           *image_x,
                                      double           *image_y);
void        cs_viewport_set_center   (CsViewport       *self,
                                      double            image_x,
                                      double            image_y);
void        cs_viewport_zoom_at      (CsViewport       *self,
                                      double            new_zoom,
                                      double            screen_x,
                                      double            screen_y);
void        cs_viewport_pan          (CsViewport       *self,
                                      double            dx,
                                      double            dy);
void        cs_viewport_fit          (CsViewport       *self,
                                      double            image_width,
                                      double            image_height);
void        cs_viewport_set_rotation (CsViewport       *self,
                                      double            degrees);
gboolean    cs_viewport_is_rotated   (const CsViewport *self);
void        cs_viewport_get_pivot    (const CsViewport *self,
                                      double           *x,
                                      double           *y);
void        cs_viewport_rotate_vector (double           degrees,
                                       double           x,
                                       double           y,
                                       double          *rx,
                                       double          *ry);
void        cs_viewport_get_unrotated (const CsViewport *self,
                                       CsViewport       *unrotated);
void        cs_viewport_get_visible  (const CsViewport *self,
                                      double            grow,
                                      double           *x0,
                                      double           *y0,
                                      double           *x1,
                                      double           *y1);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsViewport, cs_viewport_free)

G_END_DECLS
