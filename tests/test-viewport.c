/* test-viewport.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-viewport.h"

static void
test_viewport_round_trip (void)
{
  CsViewport vp;
  double ix, iy, sx, sy;

  cs_viewport_init (&vp, 1000.5, -20, 0.25, 800, 600);
  cs_viewport_to_image (&vp, 400, 300, &ix, &iy);
  g_assert_cmpfloat_with_epsilon (ix, 1000.5 + 1600, 1e-9);
  g_assert_cmpfloat_with_epsilon (iy, -20 + 1200, 1e-9);

  cs_viewport_to_screen (&vp, ix, iy, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (sy, 300, 1e-9);
}

static void
test_viewport_zoom_at_keeps_anchor (void)
{
  const double anchors[][2] = { { 0, 0 }, { 123.5, 77.25 }, { 799, 599 } };
  const double zooms[] = { 0.01, 0.3333, 1, 2.5, 40 };

  for (guint a = 0; a < G_N_ELEMENTS (anchors); a++)
    for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
      {
        CsViewport vp;
        double before_x, before_y, after_x, after_y;

        cs_viewport_init (&vp, 5000, 3000, 0.5, 800, 600);
        cs_viewport_to_image (&vp, anchors[a][0], anchors[a][1], &before_x, &before_y);
        cs_viewport_zoom_at (&vp, zooms[z], anchors[a][0], anchors[a][1]);
        cs_viewport_to_image (&vp, anchors[a][0], anchors[a][1], &after_x, &after_y);

        g_assert_cmpfloat (vp.zoom, ==, zooms[z]);
        g_assert_cmpfloat_with_epsilon (after_x, before_x, 1e-6);
        g_assert_cmpfloat_with_epsilon (after_y, before_y, 1e-6);
      }
}

static void
test_viewport_zoom_is_clamped (void)
{
  CsViewport vp;

  cs_viewport_init (&vp, 0, 0, 1, 100, 100);
  cs_viewport_zoom_at (&vp, 1e6, 50, 50);
  g_assert_cmpfloat (vp.zoom, ==, CS_VIEWPORT_MAX_ZOOM);
  cs_viewport_zoom_at (&vp, 0, 50, 50);
  g_assert_cmpfloat (vp.zoom, ==, CS_VIEWPORT_MIN_ZOOM);
}

static void
test_viewport_fit_centres (void)
{
  CsViewport vp;
  double cx, cy, x0, y0, x1, y1;

  cs_viewport_init (&vp, 0, 0, 1, 1000, 500);
  cs_viewport_fit (&vp, 60000, 50000);

  g_assert_cmpfloat_with_epsilon (vp.zoom, 500.0 / 50000, 1e-12);
  cs_viewport_get_center (&vp, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (cx, 30000, 1e-6);
  g_assert_cmpfloat_with_epsilon (cy, 25000, 1e-6);

  cs_viewport_get_visible (&vp, 0, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (y0, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y1, 50000, 1e-6);
  g_assert_cmpfloat (x0, <, 0);
  g_assert_cmpfloat (x1, >, 60000);
}

static void
test_viewport_pan_follows_pointer (void)
{
  CsViewport vp;
  double ix, iy, sx, sy;

  cs_viewport_init (&vp, 100, 100, 2, 400, 400);
  cs_viewport_to_image (&vp, 10, 10, &ix, &iy);
  cs_viewport_pan (&vp, 30, -12);
  cs_viewport_to_screen (&vp, ix, iy, &sx, &sy);

  g_assert_cmpfloat_with_epsilon (sx, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (sy, -2, 1e-9);
}

static void
test_viewport_visible_grows (void)
{
  CsViewport vp;
  double x0, y0, x1, y1;

  cs_viewport_init (&vp, 0, 0, 0.5, 300, 600);
  cs_viewport_get_visible (&vp, 1.0 / 3.0, &x0, &y0, &x1, &y1);

  g_assert_cmpfloat_with_epsilon (x0, -200, 1e-9);
  g_assert_cmpfloat_with_epsilon (y0, -400, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, 800, 1e-9);
  g_assert_cmpfloat_with_epsilon (y1, 1600, 1e-9);
}

static void
test_viewport_rotation_round_trip (void)
{
  const double angles[] = { 0, 15, 90, 137.5, 180, 270, 359 };

  for (guint i = 0; i < G_N_ELEMENTS (angles); i++)
    {
      CsViewport vp;
      double cx, cy, ix, iy, sx, sy, px, py;

      cs_viewport_init (&vp, 1000, 2000, 0.37, 801, 600);
      cs_viewport_get_center (&vp, &cx, &cy);
      cs_viewport_set_rotation (&vp, angles[i]);
      g_assert_cmpfloat (vp.rotation, ==, angles[i]);

      /* The centre point and the zoom do not depend on the rotation. */
      cs_viewport_get_center (&vp, &ix, &iy);
      g_assert_cmpfloat_with_epsilon (ix, cx, 1e-9);
      g_assert_cmpfloat_with_epsilon (iy, cy, 1e-9);

      cs_viewport_to_image (&vp, 123.25, 456.5, &ix, &iy);
      cs_viewport_to_screen (&vp, ix, iy, &sx, &sy);
      g_assert_cmpfloat_with_epsilon (sx, 123.25, 1e-6);
      g_assert_cmpfloat_with_epsilon (sy, 456.5, 1e-6);

      /* The pivot stays put on screen. */
      cs_viewport_get_pivot (&vp, &px, &py);
      g_assert_cmpfloat (px, ==, 400);
      g_assert_cmpfloat (py, ==, 300);
    }
}

static void
test_viewport_rotation_is_clockwise (void)
{
  CsViewport vp;
  double sx, sy, ix, iy;

  /* A point right of the pivot on the slide appears below it at 90°. */
  cs_viewport_init (&vp, 0, 0, 1, 200, 200);
  cs_viewport_set_rotation (&vp, 90);
  cs_viewport_to_screen (&vp, 150, 100, &sx, &sy);
  g_assert_cmpfloat (sx, ==, 100);
  g_assert_cmpfloat (sy, ==, 150);

  cs_viewport_set_rotation (&vp, -90);
  g_assert_cmpfloat (vp.rotation, ==, 270);
  cs_viewport_set_rotation (&vp, 720 + 15);
  g_assert_cmpfloat (vp.rotation, ==, 15);

  cs_viewport_set_rotation (&vp, 180);
  cs_viewport_to_image (&vp, 0, 0, &ix, &iy);
  g_assert_cmpfloat (ix, ==, 200);
  g_assert_cmpfloat (iy, ==, 200);
}

static void
test_viewport_rotated_pan_and_zoom (void)
{
  CsViewport vp;
  double ix, iy, bx, by, sx, sy;

  cs_viewport_init (&vp, 500, 500, 2, 640, 480);
  cs_viewport_set_rotation (&vp, 33);

  /* Dragging moves the tissue under the pointer with the pointer. */
  cs_viewport_to_image (&vp, 100, 80, &ix, &iy);
  cs_viewport_pan (&vp, 25, -40);
  cs_viewport_to_screen (&vp, ix, iy, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 125, 1e-6);
  g_assert_cmpfloat_with_epsilon (sy, 40, 1e-6);

  /* Zooming keeps the anchor's tissue under the anchor. */
  cs_viewport_to_image (&vp, 500, 70, &bx, &by);
  cs_viewport_zoom_at (&vp, 0.3, 500, 70);
  cs_viewport_to_image (&vp, 500, 70, &ix, &iy);
  g_assert_cmpfloat_with_epsilon (ix, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (iy, by, 1e-6);
}

static void
test_viewport_unrotated_frame (void)
{
  CsViewport vp, frame;
  double cx, cy, fx, fy;

  cs_viewport_init (&vp, 10, 20, 0.5, 800, 600);
  cs_viewport_set_rotation (&vp, 90);
  cs_viewport_get_unrotated (&vp, &frame);
  g_assert_cmpint (frame.width, ==, 600);
  g_assert_cmpint (frame.height, ==, 800);
  g_assert_cmpfloat (frame.rotation, ==, 0);
  g_assert_cmpfloat (frame.zoom, ==, 0.5);

  cs_viewport_set_rotation (&vp, 45);
  cs_viewport_get_unrotated (&vp, &frame);
  g_assert_cmpint (frame.width, ==, (int) ceil ((800 + 600) * G_SQRT2 / 2 - 1e-9));
  g_assert_cmpint (frame.height, ==, frame.width);
  cs_viewport_get_center (&vp, &cx, &cy);
  cs_viewport_get_center (&frame, &fx, &fy);
  g_assert_cmpfloat_with_epsilon (fx, cx, 1e-9);
  g_assert_cmpfloat_with_epsilon (fy, cy, 1e-9);
}

static void
test_viewport_fit_rotated (void)
{
  CsViewport vp;

  /* A tall slide turned a quarter fits by its length across. */
  cs_viewport_init (&vp, 0, 0, 1, 1000, 500);
  cs_viewport_set_rotation (&vp, 90);
  cs_viewport_fit (&vp, 2000, 4000);
  g_assert_cmpfloat_with_epsilon (vp.zoom, 1000.0 / 4000, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/viewport/round-trip", test_viewport_round_trip);
  g_test_add_func ("/cs/viewport/zoom-at-keeps-anchor", test_viewport_zoom_at_keeps_anchor);
  g_test_add_func ("/cs/viewport/zoom-is-clamped", test_viewport_zoom_is_clamped);
  g_test_add_func ("/cs/viewport/fit-centres", test_viewport_fit_centres);
  g_test_add_func ("/cs/viewport/pan-follows-pointer", test_viewport_pan_follows_pointer);
  g_test_add_func ("/cs/viewport/visible-grows", test_viewport_visible_grows);
  g_test_add_func ("/cs/viewport/rotation-round-trip", test_viewport_rotation_round_trip);
  g_test_add_func ("/cs/viewport/rotation-is-clockwise", test_viewport_rotation_is_clockwise);
  g_test_add_func ("/cs/viewport/rotated-pan-and-zoom", test_viewport_rotated_pan_and_zoom);
  g_test_add_func ("/cs/viewport/unrotated-frame", test_viewport_unrotated_frame);
  g_test_add_func ("/cs/viewport/fit-rotated", test_viewport_fit_rotated);

  return g_test_run ();
}
