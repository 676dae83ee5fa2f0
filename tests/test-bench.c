/* test-bench.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <openslide.h>

#include "cs-bench-gen.h"
#include "cs-test-utils.h"
#include "cs-viewport.h"

/* The benchmark's helpers (issue 7): the scripted review and the
 * generated slide. The benchmark itself only runs with meson test
 * --benchmark. */

#define SMALL_WIDTH  3000
#define SMALL_HEIGHT 2000

static GArray *
make_trajectory (guint64 seed,
                 guint   n_frames,
                 guint64 width,
                 guint64 height)
{
  CsBenchContext ctx = { 0 };

  ctx.seed = seed;
  ctx.n_frames = n_frames;
  return cs_bench_make_trajectory (&ctx, width, height);
}

static gboolean
same_frames (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!cs_viewport_equal (&g_array_index (a, CsViewport, i),
                            &g_array_index (b, CsViewport, i)))
      return FALSE;
  return TRUE;
}

static void
test_trajectory_is_seeded (void)
{
  g_autoptr (GArray) a = make_trajectory (1, 300, 60000, 50000);
  g_autoptr (GArray) b = make_trajectory (1, 300, 60000, 50000);
  g_autoptr (GArray) c = make_trajectory (2, 300, 60000, 50000);

  g_assert_cmpuint (a->len, ==, 300);
  g_assert_true (same_frames (a, b));
  g_assert_false (same_frames (a, c));
}

/* Along one axis: the view lies inside the slide, or, when it is larger,
 * holds it centred. */
static void
assert_axis_inside (double origin,
                    int    view_px,
                    double zoom,
                    double extent)
{
  double visible = view_px / zoom;

  if (visible >= extent)
    g_assert_cmpfloat_with_epsilon (origin, (extent - visible) / 2.0, 1e-6 * visible);
  else
    {
      g_assert_cmpfloat (origin, >=, -1e-6);
      g_assert_cmpfloat (origin + visible, <=, extent + 1e-6 * extent);
    }
}

static void
check_trajectory (guint64 seed,
                  guint   n_frames,
                  guint64 width,
                  guint64 height)
{
  g_autoptr (GArray) frames = make_trajectory (seed, n_frames, width, height);
  guint n_levels = cs_bench_slide_n_levels (width, height);
  g_autofree guint *per_level = g_new0 (guint, n_levels);
  double fit = cs_bench_fit_zoom (width, height);
  guint moved = 0, zoomed = 0;

  g_assert_cmpuint (frames->len, ==, n_frames);
  for (guint i = 0; i < frames->len; i++)
    {
      const CsViewport *vp = &g_array_index (frames, CsViewport, i);
      double downsample = 1.0 / vp->zoom;
      guint level = 0;

      g_assert_cmpint (vp->width, ==, 1920);
      g_assert_cmpint (vp->height, ==, 1080);
      g_assert_cmpfloat (vp->rotation, ==, 0);
      assert_axis_inside (vp->x, vp->width, vp->zoom, width);
      assert_axis_inside (vp->y, vp->height, vp->zoom, height);
      g_assert_cmpfloat (vp->zoom, >=, fit / 2.0 - 1e-12);
      g_assert_cmpfloat (vp->zoom, <=, 2.0 + 1e-12);

      /* The level a viewer would read: the coarsest at least as sharp. */
      while (level + 1 < n_levels && (double) (1u << (level + 1)) <= downsample)
        level++;
      per_level[level]++;

      if (i > 0)
        {
          const CsViewport *prev = &g_array_index (frames, CsViewport, i - 1);
          double dx = (vp->x - prev->x) * vp->zoom, dy = (vp->y - prev->y) * vp->zoom;

          if (vp->zoom != prev->zoom)
            zoomed++;
          else if (dx != 0 || dy != 0)
            moved++;
        }
    }

  /* Every level the viewer reads between half the fit and 2:1: all of
   * them on the benchmark's slides, fewer on a slide that nearly fits. */
  for (guint level = 0; level < n_levels && (double) (1u << level) <= 2.0 / fit; level++)
    {
      if (per_level[level] == 0)
        g_error ("seed %" G_GUINT64_FORMAT ", %u frames: no frame reads level %u of %u",
                 seed, n_frames, level, n_levels);
    }
  /* Both pans and zooms, and the opening fit-to-window. */
  g_assert_cmpuint (moved, >=, n_frames / 4);
  g_assert_cmpuint (zoomed, >=, n_levels);
  g_assert_cmpfloat_with_epsilon (g_array_index (frames, CsViewport, 0).zoom, fit, 1e-12);
}

static void
test_trajectory_covers_levels (void)
{
  guint64 sizes[][2] = { { 60000, 50000 }, { 20000, 20000 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      guint n_levels = cs_bench_slide_n_levels (sizes[i][0], sizes[i][1]);
      double fit = cs_bench_fit_zoom (sizes[i][0], sizes[i][1]);

      g_assert_cmpfloat ((double) (1u << (n_levels - 1)), <=, 2.0 / fit);
    }
  for (guint64 seed = 1; seed <= 20; seed++)
    {
      check_trajectory (seed, 300, 60000, 50000);
      check_trajectory (seed, 60, 20000, 20000);
      check_trajectory (seed, 60, 60000, 50000);
    }
  check_trajectory (7, 120, SMALL_WIDTH, SMALL_HEIGHT);
}

/* Pans go at a pathologist's speed: a few hundred pixels per frame. */
static void
test_trajectory_pan_speed (void)
{
  g_autoptr (GArray) frames = make_trajectory (1, 300, 60000, 50000);
  double fastest = 0;
  guint n_pans = 0;

  for (guint i = 1; i < frames->len; i++)
    {
      const CsViewport *a = &g_array_index (frames, CsViewport, i - 1);
      const CsViewport *b = &g_array_index (frames, CsViewport, i);
      double d = hypot (b->x - a->x, b->y - a->y) * b->zoom;

      /* Same zoom and less than a screen away: a pan, not a jump. */
      if (a->zoom == b->zoom && d > 0 && d < 1920)
        {
          fastest = MAX (fastest, d);
          n_pans++;
        }
    }
  g_assert_cmpuint (n_pans, >=, 100);
  g_assert_cmpfloat (fastest, <=, 1000);
  g_assert_cmpfloat (fastest, >=, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bench/trajectory/seeded", test_trajectory_is_seeded);
  g_test_add_func ("/bench/trajectory/levels", test_trajectory_covers_levels);
  g_test_add_func ("/bench/trajectory/pan-speed", test_trajectory_pan_speed);

  return g_test_run ();
}
