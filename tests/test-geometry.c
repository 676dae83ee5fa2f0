/* test-geometry.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "cs-geometry-ops.h"

static CsGeometry *
square_with_hole (double x,
                  double y,
                  double size,
                  double hole)
{
  CsGeometry *g = cs_geometry_new ();
  CsPoint shell[] = { { x, y }, { x + size, y }, { x + size, y + size }, { x, y + size } };
  double h0 = x + (size - hole) / 2, h1 = h0 + hole;
  double v0 = y + (size - hole) / 2, v1 = v0 + hole;
  CsPoint inner[] = { { h0, v0 }, { h0, v1 }, { h1, v1 }, { h1, v0 } };

  cs_geometry_add_part (g);
  cs_geometry_add_ring (g, shell, 4);
  if (hole > 0)
    cs_geometry_add_ring (g, inner, 4);
  return g;
}

static CsGeometry *
rect (double x,
      double y,
      double w,
      double h)
{
  CsRect r = { x, y, w, h };

  return cs_geometry_new_rectangle (&r);
}

static void
test_geometry_area (void)
{
  g_autoptr(CsGeometry) holed = square_with_hole (0, 0, 100, 10);
  g_autoptr(CsGeometry) multi = cs_geometry_new ();
  g_autoptr(CsGeometry) empty = cs_geometry_new ();
  CsPoint a[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 } };
  CsPoint b[] = { { 20, 0 }, { 50, 0 }, { 50, 20 }, { 20, 20 } };

  g_assert_cmpfloat (cs_geometry_ops_area (holed), ==, 9900);
  cs_geometry_add_part (multi);
  cs_geometry_add_ring (multi, a, 4);
  cs_geometry_add_part (multi);
  cs_geometry_add_ring (multi, b, 4);
  g_assert_cmpfloat (cs_geometry_ops_area (multi), ==, 100 + 600);
  g_assert_cmpfloat (cs_geometry_ops_area (empty), ==, 0);
  g_assert_true (cs_geometry_ops_is_valid (holed));
  g_assert_true (cs_geometry_ops_is_valid (multi));
}

static void
test_geometry_perimeter_and_hits (void)
{
  g_autoptr(CsGeometry) holed = square_with_hole (0, 0, 100, 10);

  /* Every ring counts, the hole's too. */
  g_assert_cmpfloat (cs_geometry_perimeter (holed), ==, 400 + 40);
  g_assert_true (cs_geometry_contains (holed, 10, 10));
  g_assert_false (cs_geometry_contains (holed, 150, 10));
  g_assert_false (cs_geometry_contains (holed, 50, 50));
  g_assert_cmpfloat_with_epsilon (cs_geometry_distance_to_outline (holed, 103, 50, TRUE), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cs_geometry_distance_to_outline (holed, 50, 50, TRUE), 5, 1e-12);
}

static void
test_geometry_ellipse (void)
{
  g_autoptr(CsGeometry) ellipse = cs_geometry_new_ellipse (500, 300, 400, 200, 0.3);
  const CsPoint *p;
  guint n;

  p = cs_geometry_get_ring (ellipse, 0, 0, &n);
  for (guint i = 0; i < n; i++)
    {
      /* Back into the ellipse's frame: every vertex on the curve. */
      double dx = p[i].x - 500, dy = p[i].y - 300;
      double u = dx * cos (0.3) + dy * sin (0.3), v = -dx * sin (0.3) + dy * cos (0.3);
      double r = hypot (u / 200, v / 100);

      g_assert_cmpfloat (fabs (r - 1) * 200, <, 0.1);
    }
  /* The polygon's area is within the chords' sagitta of π a b. */
  g_assert_cmpfloat (fabs (cs_geometry_ops_area (ellipse) - G_PI * 200 * 100), <, G_PI * 200 * 100 * 0.002);
}

static void
test_geometry_simplify (void)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (CsPoint));
  g_autoptr(CsGeometry) wobbly = NULL;
  g_autoptr(CsGeometry) simple = NULL;
  g_autoptr(CsGeometry) line = NULL;
  g_autoptr(CsGeometry) straight = NULL;
  CsPoint polyline[] = { { 0, 0 }, { 10, 0.1 }, { 20, -0.1 }, { 30, 0 }, { 30, 30 } };
  double before, after;
  guint n;

  /* A hand-drawn circle: many points, jitter well below a pixel. */
  for (guint i = 0; i < 2000; i++)
    {
      double t = 2 * G_PI * i / 2000;
      double r = 300 + 0.2 * sin (i * 1.7);
      CsPoint p = { 1000 + r * cos (t), 1000 + r * sin (t) };

      g_array_append_val (points, p);
    }
  wobbly = cs_geometry_new_ring ((CsPoint *) (gpointer) points->data, points->len);
  simple = cs_geometry_ops_simplify (wobbly, 0.5, TRUE);
  before = cs_geometry_ops_area (wobbly);
  after = cs_geometry_ops_area (simple);
  g_assert_cmpuint (cs_geometry_get_n_points (simple), <, 400);
  g_assert_cmpuint (cs_geometry_get_n_points (simple), >=, 3);
  g_assert_cmpfloat (fabs (after - before) / before, <, 0.005);
  g_assert_true (cs_geometry_ops_is_valid (simple));

  line = cs_geometry_new_ring (polyline, G_N_ELEMENTS (polyline));
  straight = cs_geometry_ops_simplify (line, 0.5, FALSE);
  cs_geometry_get_ring (straight, 0, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (cs_geometry_polyline_length (straight), ==, 60);
}

static void
test_geometry_make_valid (void)
{
  /* A bow-tie: two triangles of 25 each meeting at (5, 5). */
  CsPoint bow[] = { { 0, 0 }, { 10, 10 }, { 10, 0 }, { 0, 10 } };
  g_autoptr(CsGeometry) tie = cs_geometry_new_ring (bow, 4);
  g_autoptr(CsGeometry) valid = NULL;
  g_autoptr(CsGeometry) nan = NULL;
  g_autoptr(GError) error = NULL;
  CsPoint bad[] = { { 0, 0 }, { NAN, 1 }, { 1, 1 } };

  g_assert_false (cs_geometry_ops_is_valid (tie));
  /* Measured as repaired, not with the lobes cancelling out to 0. */
  g_assert_cmpfloat_with_epsilon (cs_geometry_ops_area (tie), 50, 1e-9);
  valid = cs_geometry_ops_make_valid (tie, &error);
  g_assert_no_error (error);
  g_assert_true (cs_geometry_ops_is_valid (valid));
  g_assert_cmpuint (cs_geometry_get_n_parts (valid), ==, 2);
  g_assert_cmpfloat_with_epsilon (cs_geometry_ops_area (valid), 50, 1e-9);

  nan = cs_geometry_new_ring (bad, 3);
  g_assert_false (cs_geometry_ops_is_valid (nan));
  g_assert_null (cs_geometry_ops_make_valid (nan, &error));
  g_assert_error (error, CS_GEOMETRY_ERROR, CS_GEOMETRY_ERROR_INVALID);
}

static void
test_geometry_union_difference (void)
{
  g_autoptr(CsGeometry) a = rect (0, 0, 100, 100);
  g_autoptr(CsGeometry) b = rect (50, 50, 100, 100);
  g_autoptr(CsGeometry) far = rect (500, 0, 10, 10);
  g_autoptr(CsGeometry) inner = rect (25, 25, 50, 50);
  g_autoptr(CsGeometry) u = NULL;
  g_autoptr(CsGeometry) d = NULL;
  g_autoptr(CsGeometry) apart = NULL;
  g_autoptr(CsGeometry) holed = NULL;
  g_autoptr(CsGeometry) nothing = NULL;
  g_autoptr(GError) error = NULL;

  u = cs_geometry_ops_union (a, b, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cs_geometry_ops_area (u), ==, 17500);
  g_assert_cmpuint (cs_geometry_get_n_parts (u), ==, 1);

  d = cs_geometry_ops_difference (a, b, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cs_geometry_ops_area (d), ==, 7500);

  apart = cs_geometry_ops_union (a, far, &error);
  g_assert_cmpuint (cs_geometry_get_n_parts (apart), ==, 2);
  g_assert_cmpfloat (cs_geometry_ops_area (apart), ==, 10100);

  /* A difference inside makes a hole: ring 0 the shell, ring 1 the hole. */
  holed = cs_geometry_ops_difference (a, inner, &error);
  g_assert_cmpuint (cs_geometry_get_n_parts (holed), ==, 1);
  g_assert_cmpuint (cs_geometry_get_n_rings (holed, 0), ==, 2);
  g_assert_cmpfloat (cs_geometry_ops_area (holed), ==, 7500);
  g_assert_false (cs_geometry_contains (holed, 50, 50));

  nothing = cs_geometry_ops_difference (inner, a, &error);
  g_assert_no_error (error);
  g_assert_true (cs_geometry_is_empty (nothing));
}

static void
test_geometry_buffer (void)
{
  CsPoint dot = { 100, 100 };
  CsPoint path[] = { { 0, 0 }, { 100, 0 }, { 100, 0 } };
  g_autoptr(CsGeometry) disc = NULL;
  g_autoptr(CsGeometry) stroke = NULL;
  g_autoptr(CsGeometry) big = NULL;
  g_autoptr(GError) error = NULL;
  const CsPoint *p;
  guint n;

  disc = cs_geometry_ops_buffer_path (&dot, 1, 10, &error);
  g_assert_no_error (error);
  /* Chords within 0.25 px of the arc: the area within 0.25 × perimeter. */
  g_assert_cmpfloat (cs_geometry_ops_area (disc), <, G_PI * 100);
  g_assert_cmpfloat (G_PI * 100 - cs_geometry_ops_area (disc), <, 2 * G_PI * 10 * 0.25);

  /* A capsule: a 100 × 20 band and two half discs. */
  stroke = cs_geometry_ops_buffer_path (path, 3, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (cs_geometry_ops_area (stroke) - (2000 + G_PI * 100)), <, 2 * G_PI * 10 * 0.25);
  g_assert_true (cs_geometry_contains (stroke, 50, 9));
  g_assert_false (cs_geometry_contains (stroke, 50, 11));

  /* Vertices within a quarter pixel of the circle, even for a large brush. */
  big = cs_geometry_ops_buffer_path (&dot, 1, 2000, &error);
  p = cs_geometry_get_ring (big, 0, 0, &n);
  for (guint i = 0; i < n; i++)
    {
      CsPoint mid = { (p[i].x + p[(i + 1) % n].x) / 2, (p[i].y + p[(i + 1) % n].y) / 2 };

      g_assert_cmpfloat (2000 - hypot (mid.x - 100, mid.y - 100), <, 0.25);
    }
}

/* Two pieces, of @small and @large areas in either order. */
static void
assert_two_pieces (GPtrArray *pieces,
                   double     small,
                   double     large)
{
  double a0, a1;

  g_assert_cmpuint (pieces->len, ==, 2);
  a0 = cs_geometry_ops_area (pieces->pdata[0]);
  a1 = cs_geometry_ops_area (pieces->pdata[1]);
  g_assert_cmpfloat (MIN (a0, a1), ==, small);
  g_assert_cmpfloat (MAX (a0, a1), ==, large);
}

static void
test_geometry_split (void)
{
  g_autoptr(CsGeometry) square = rect (0, 0, 100, 100);
  g_autoptr(CsGeometry) holed = square_with_hole (0, 0, 100, 20);
  CsPoint across[] = { { 30, -10 }, { 30, 110 } };
  CsPoint bent[] = { { -10, 50 }, { 50, 50 }, { 50, 110 } };
  CsPoint inside[] = { { 20, 20 }, { 60, 60 } };
  CsPoint outside[] = { { 200, 0 }, { 200, 100 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) corner = NULL;
  g_autoptr(GPtrArray) through_hole = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) away = NULL;

  two = cs_geometry_ops_split (square, across, 2, &error);
  g_assert_no_error (error);
  assert_two_pieces (two, 3000, 7000);

  corner = cs_geometry_ops_split (square, bent, 3, &error);
  assert_two_pieces (corner, 2500, 7500);

  /* Through the hole: two pieces, each with half the hole cut out of it. */
  through_hole = cs_geometry_ops_split (holed, (CsPoint[]) { { 50, -10 }, { 50, 110 } }, 2, &error);
  assert_two_pieces (through_hole, 4800, 4800);

  /* A line that stops inside or passes by cuts nothing. */
  none = cs_geometry_ops_split (square, inside, 2, &error);
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_cmpfloat (cs_geometry_ops_area (none->pdata[0]), ==, 10000);
  away = cs_geometry_ops_split (square, outside, 2, &error);
  g_assert_cmpuint (away->len, ==, 1);
}

static gpointer
thread_work (gpointer data)
{
  for (guint i = 0; i < 20; i++)
    {
      test_geometry_union_difference ();
      test_geometry_split ();
    }
  return NULL;
}

static void
test_geometry_threads (void)
{
  /* One GEOS context per thread: the same work from two threads at once;
   * each thread's context is finished when it ends. */
  g_autoptr(GThread) t1 = NULL;
  g_autoptr(GThread) t2 = NULL;

  t1 = g_thread_new ("geos-1", thread_work, NULL);
  t2 = g_thread_new ("geos-2", thread_work, NULL);
  g_thread_join (g_steal_pointer (&t1));
  g_thread_join (g_steal_pointer (&t2));
}

/* A region with a collapsed spike (an edge drawn out and back) repairs to
 * its area alone, so it can still be split. */
static void
test_geometry_split_spike (void)
{
  CsPoint ring[] = { { 0, 0 }, { 100, 0 }, { 100, 100 }, { 50, 100 }, { 50, 150 }, { 50, 100 }, { 0, 100 } };
  CsPoint line[] = { { 25, -10 }, { 25, 110 } };
  g_autoptr(CsGeometry) region = cs_geometry_new_ring (ring, G_N_ELEMENTS (ring));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pieces = cs_geometry_ops_split (region, line, 2, &error);
  double a0, a1;

  g_assert_no_error (error);
  g_assert_nonnull (pieces);
  g_assert_cmpuint (pieces->len, ==, 2);
  a0 = cs_geometry_ops_area (pieces->pdata[0]);
  a1 = cs_geometry_ops_area (pieces->pdata[1]);
  g_assert_cmpfloat_with_epsilon (MIN (a0, a1), 2500, 1e-6);
  g_assert_cmpfloat_with_epsilon (MAX (a0, a1), 7500, 1e-6);
}

/* Parts and rings added one by one (a point set, a multipolygon) grow the
 * arrays past their first size: every ring keeps its own points, and a
 * translated copy and an empty geometry compare as they should. */
static void
test_geometry_growth (void)
{
  g_autoptr(CsGeometry) g = cs_geometry_new ();
  g_autoptr(CsGeometry) moved = NULL;
  g_autoptr(CsGeometry) empty = cs_geometry_new ();
  g_autoptr(CsGeometry) other_empty = cs_geometry_new ();
  CsRect bounds;

  for (guint i = 0; i < 1000; i++)
    {
      CsPoint ring[3] = { { i, 0 }, { i + 1, 0 }, { i, 2.0 * i } };

      if (i % 3 == 0)
        cs_geometry_add_part (g);
      cs_geometry_add_ring (g, ring, i % 2 == 0 ? 1 : 3);
    }
  g_assert_cmpuint (cs_geometry_get_n_parts (g), ==, 334);
  g_assert_cmpuint (cs_geometry_get_n_points (g), ==, 500 + 500 * 3);
  for (guint i = 0; i < 1000; i++)
    {
      guint n = 0;
      const CsPoint *p = cs_geometry_get_ring (g, i / 3, i % 3, &n);

      g_assert_cmpuint (n, ==, i % 2 == 0 ? 1 : 3);
      g_assert_cmpfloat (p[0].x, ==, i);
      if (n == 3)
        g_assert_cmpfloat (p[2].y, ==, 2.0 * i);
    }
  cs_geometry_get_bounds (g, &bounds);
  g_assert_cmpfloat (bounds.width, ==, 1000);
  g_assert_cmpfloat (bounds.height, ==, 2.0 * 999);

  moved = cs_geometry_translate (g, 5, -5);
  g_assert_false (cs_geometry_equal (g, moved));
  g_assert_cmpuint (cs_geometry_get_n_points (moved), ==, cs_geometry_get_n_points (g));
  g_clear_pointer (&moved, cs_geometry_unref);
  moved = cs_geometry_translate (g, 0, 0);
  g_assert_true (cs_geometry_equal (g, moved));
  g_assert_true (cs_geometry_equal (empty, other_empty));
  g_assert_true (cs_geometry_is_empty (empty));
  g_assert_false (cs_geometry_equal (g, empty));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/geometry/area", test_geometry_area);
  g_test_add_func ("/cs/geometry/growth", test_geometry_growth);
  g_test_add_func ("/cs/geometry/perimeter-and-hits", test_geometry_perimeter_and_hits);
  g_test_add_func ("/cs/geometry/ellipse", test_geometry_ellipse);
  g_test_add_func ("/cs/geometry/simplify", test_geometry_simplify);
  g_test_add_func ("/cs/geometry/make-valid", test_geometry_make_valid);
  g_test_add_func ("/cs/geometry/union-difference", test_geometry_union_difference);
  g_test_add_func ("/cs/geometry/buffer", test_geometry_buffer);
  g_test_add_func ("/cs/geometry/split", test_geometry_split);
  g_test_add_func ("/cs/geometry/split-spike", test_geometry_split_spike);
  g_test_add_func ("/cs/geometry/threads", test_geometry_threads);

  return g_test_run ();
}
