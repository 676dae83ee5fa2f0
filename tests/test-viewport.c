/* test-viewport.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

  return g_test_run ();
}
