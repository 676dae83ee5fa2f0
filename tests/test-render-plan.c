/* test-render-plan.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-render-plan.h"
#include "cs-test-slide.h"
#include "cs-test-source.h"
#include "cs-test-utils.h"
#include "cs-slide.h"

/* The test source: 10000 x 6000, levels 1, 2, 4, 8, 16 (halving). */
static CsTestSource *
make_source (void)
{
  return cs_test_source_new (10000, 6000, 5);
}

static void
fill_level (CsTileCache  *cache,
            CsTileSource *source,
            guint         level)
{
  gint32 cols, rows;

  cs_tile_source_get_grid_size (source, level, &cols, &rows);
  for (gint32 row = 0; row < rows; row++)
    for (gint32 col = 0; col < cols; col++)
      {
        CsTileKey key = { (gint32) level, col, row };
        g_autoptr(CsTile) tile = cs_tile_source_read_tile (source, &key, NULL);

        g_assert_nonnull (tile);
        cs_tile_cache_insert (cache, tile);
      }
}

static void
test_render_plan_picks_level (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  const struct { double zoom; guint level; } cases[] = {
    { 8, 0 }, { 1, 0 }, { 0.9, 0 }, { 0.5, 1 }, { 0.3, 1 }, { 0.25, 2 },
    { 0.1, 3 }, { 1.0 / 16, 4 }, { 0.001, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsTileCache) cache = cs_tile_cache_new (1 << 20);
      g_autoptr(CsRenderPlan) plan = NULL;
      CsViewport vp;

      cs_viewport_init (&vp, 0, 0, cases[i].zoom, 640, 480);
      plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
      g_assert_cmpuint (plan->level, ==, cases[i].level);
    }
}

static void
test_render_plan_uses_the_slides_downsamples (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (1 << 26);
  g_autofree char *path = NULL;
  CsTestPyramid spec;
  double ds1;

  cs_test_pyramid_init_non_integer (&spec);
  path = cs_test_write_pyramid (dir, "non-integer.tiff", &spec, &error);
  g_assert_no_error (error);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);

  ds1 = cs_slide_get_level_downsample (slide, 1);
  g_assert_cmpfloat (fabs (ds1 - 3.0), >, 1e-6);

  /* Just coarse enough for level 1, and a hair too fine for it. */
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(CsRenderPlan) plan = NULL;
      CsViewport vp;

      cs_viewport_init (&vp, 0, 0, i == 0 ? 1.0 / ds1 : 1.0 / (ds1 * 0.999), 300, 200);
      plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (slide), cache);
      g_assert_cmpuint (plan->level, ==, i == 0 ? 1 : 0);
    }

  cs_test_remove_tree (dir);
}

/* Neighbouring destinations share edges exactly: no gaps, no overlaps. */
static void
test_render_plan_tiles_meet_exactly (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  const double zooms[] = { 1, 0.7311, 0.5, 0.377, 0.1234, 1.5, 3.3333 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      CsViewport vp;
      gint32 cols, rows;
      guint level;

      cs_viewport_init (&vp, 123.37, 45.81, zooms[z], 1000, 700);
      level = cs_tile_source_pick_level (CS_TILE_SOURCE (source), 1 / zooms[z]);
      cs_tile_source_get_grid_size (CS_TILE_SOURCE (source), level, &cols, &rows);

      for (gint32 row = 0; row < MIN (rows, 8); row++)
        for (gint32 col = 0; col < MIN (cols, 8); col++)
          {
            cairo_rectangle_int_t a, right, below;

            cs_render_plan_tile_dest (&vp, CS_TILE_SOURCE (source),
                                      &CS_TILE_KEY_INIT (level, col, row), &a);
            g_assert_cmpint (a.width, >, 0);
            g_assert_cmpint (a.height, >, 0);
            if (col + 1 < cols)
              {
                cs_render_plan_tile_dest (&vp, CS_TILE_SOURCE (source),
                                          &CS_TILE_KEY_INIT (level, col + 1, row), &right);
                g_assert_cmpint (a.x + a.width, ==, right.x);
                g_assert_cmpint (a.y, ==, right.y);
              }
            if (row + 1 < rows)
              {
                cs_render_plan_tile_dest (&vp, CS_TILE_SOURCE (source),
                                          &CS_TILE_KEY_INIT (level, col, row + 1), &below);
                g_assert_cmpint (a.y + a.height, ==, below.y);
              }
          }
    }
}

/* The destination size depends on the zoom only, so panning keeps it. */
static void
test_render_plan_pan_keeps_tile_sizes (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  CsTileKey key = { 1, 3, 2 };
  cairo_rectangle_int_t first = { 0, 0, 0, 0 };

  for (int step = 0; step < 50; step++)
    {
      cairo_rectangle_int_t dest;
      CsViewport vp;

      cs_viewport_init (&vp, 17.3 * step, 9.71 * step, 0.4321, 800, 600);
      cs_render_plan_tile_dest (&vp, CS_TILE_SOURCE (source), &key, &dest);
      if (step == 0)
        first = dest;
      g_assert_cmpint (dest.width, ==, first.width);
      g_assert_cmpint (dest.height, ==, first.height);
    }
}

static void
test_render_plan_edge_tiles (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderPlan) plan = NULL;
  CsViewport vp;
  const CsDrawItem *last;

  /* 1:1 at the bottom-right corner: the last tiles are partial. */
  cs_viewport_init (&vp, 10000 - 300, 6000 - 200, 1, 600, 400);
  fill_level (cache, CS_TILE_SOURCE (source), 0);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);

  g_assert_true (plan->complete);
  g_assert_cmpuint (plan->missing->len, ==, 0);
  /* columns 37..39 (9472..10000), rows 22..23 (5632..6000) */
  g_assert_cmpuint (plan->draw->len, ==, 6);
  last = &g_array_index (plan->draw, CsDrawItem, plan->draw->len - 1);
  /* 10000 = 39 * 256 + 16, 6000 = 23 * 256 + 112 */
  g_assert_cmpint (cs_tile_get_key (last->tile)->col, ==, 39);
  g_assert_cmpint (cs_tile_get_key (last->tile)->row, ==, 23);
  g_assert_cmpint (cs_tile_get_width (last->tile), ==, 16);
  g_assert_cmpint (cs_tile_get_height (last->tile), ==, 112);
  g_assert_cmpint (last->dest.x, ==, 300 - 16);
  g_assert_cmpint (last->dest.y, ==, 200 - 112);
  g_assert_cmpint (last->dest.width, ==, 16);
  g_assert_cmpint (last->clip.width, ==, 16);
}

static gint64
covered_area (const CsRenderPlan *plan,
              int                 width,
              int                 height)
{
  g_autofree guint8 *mask = g_malloc0 ((gsize) width * height);
  gint64 area = 0;

  for (guint i = 0; i < plan->draw->len; i++)
    {
      const CsDrawItem *item = &g_array_index (plan->draw, CsDrawItem, i);

      for (int y = item->clip.y; y < item->clip.y + item->clip.height; y++)
        for (int x = item->clip.x; x < item->clip.x + item->clip.width; x++)
          mask[y * width + x] = 1;
    }
  for (gint64 i = 0; i < (gint64) width * height; i++)
    area += mask[i];

  return area;
}

static void
test_render_plan_coarse_fallback (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderPlan) plan = NULL;
  CsViewport vp;

  fill_level (cache, CS_TILE_SOURCE (source), 4);
  cs_viewport_init (&vp, 2000, 1000, 1, 900, 700);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);

  g_assert_cmpuint (plan->level, ==, 0);
  g_assert_false (plan->complete);
  g_assert_cmpuint (plan->draw->len, >, 0);
  for (guint i = 0; i < plan->draw->len; i++)
    {
      const CsDrawItem *item = &g_array_index (plan->draw, CsDrawItem, i);

      g_assert_true (item->fallback);
      g_assert_cmpint (cs_tile_get_key (item->tile)->level, ==, 4);
    }
  /* Never blank: the stand-ins cover the whole view. */
  g_assert_cmpint (covered_area (plan, 900, 700), ==, 900 * 700);
}

static void
test_render_plan_finer_tiles_draw_last (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderPlan) plan = NULL;
  g_autoptr(CsTile) tile = NULL;
  CsViewport vp;
  gint32 prev_level = G_MAXINT32;

  fill_level (cache, CS_TILE_SOURCE (source), 4);
  fill_level (cache, CS_TILE_SOURCE (source), 3);
  tile = cs_tile_source_read_tile (CS_TILE_SOURCE (source), &CS_TILE_KEY_INIT (0, 8, 4), NULL);
  cs_tile_cache_insert (cache, tile);
  cs_viewport_init (&vp, 2000, 1000, 1, 900, 700);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);

  for (guint i = 0; i < plan->draw->len; i++)
    {
      const CsDrawItem *item = &g_array_index (plan->draw, CsDrawItem, i);
      gint32 level = cs_tile_get_key (item->tile)->level;

      g_assert_cmpint (level, <=, prev_level);
      prev_level = level;
    }
  g_assert_cmpint (prev_level, ==, 0);
  /* Level 3 covers everything: level 4 is not needed as a stand-in. */
  g_assert_cmpint (cs_tile_get_key (g_array_index (plan->draw, CsDrawItem, 0).tile)->level,
                   ==, 3);
}

static void
test_render_plan_missing_centre_out (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderPlan) plan = NULL;
  CsViewport vp;
  double cx, cy, prev = -1;

  cs_viewport_init (&vp, 3000, 2000, 1, 1900, 1000);
  cs_viewport_get_center (&vp, &cx, &cy);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);

  /* ceil-ish: columns 11..19, rows 7..11 */
  g_assert_cmpuint (plan->missing->len, ==, 9 * 5);
  for (guint i = 0; i < plan->missing->len; i++)
    {
      const CsTileKey *key = &g_array_index (plan->missing, CsTileKey, i);
      double x0, y0, x1, y1, d;
      int w, h;

      g_assert_cmpint (key->level, ==, 0);
      cs_tile_source_get_tile_bounds (CS_TILE_SOURCE (source), key, &x0, &y0, &x1, &y1, &w, &h);
      d = hypot ((x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy);
      g_assert_cmpfloat (d, >=, prev);
      prev = d;
    }

  /* The preload ring lies outside the view, grown by a third. */
  g_assert_cmpuint (plan->preload->len, >, 0);
  for (guint i = 0; i < plan->preload->len; i++)
    {
      const CsTileKey *key = &g_array_index (plan->preload, CsTileKey, i);
      cairo_rectangle_int_t dest;

      cs_render_plan_tile_dest (&vp, CS_TILE_SOURCE (source), key, &dest);
      g_assert_true (dest.x + dest.width <= 0 || dest.y + dest.height <= 0 ||
                     dest.x >= vp.width || dest.y >= vp.height);
      g_assert_cmpint (dest.x + dest.width, >, -(vp.width / 3) - 1);
      g_assert_cmpint (dest.x, <, vp.width + vp.width / 3 + 1);
    }
}

static void
test_render_plan_pinned_levels_first (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (1 << 30);
  g_autoptr(CsRenderPlan) plan = NULL;
  g_autoptr(GArray) requests = NULL;
  gint32 pinned;
  CsViewport vp;

  pinned = cs_tile_source_get_pinnable_level (CS_TILE_SOURCE (source), 1 << 30);
  g_assert_cmpint (pinned, ==, 3);
  cs_tile_cache_set_pinned_min_level (cache, pinned);

  cs_viewport_init (&vp, 0, 0, 1, 800, 600);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
  requests = cs_render_plan_get_requests (plan);

  g_assert_cmpuint (requests->len, ==, plan->missing->len + plan->preload->len);
  g_assert_cmpint (g_array_index (requests, CsTileKey, 0).level, ==, 4);
  g_assert_cmpint (g_array_index (requests, CsTileKey, 1).level, ==, 3);
  g_assert_cmpint (g_array_index (requests, CsTileKey, 2).level, ==, 0);

  /* A budget too small for the overview pins nothing. */
  g_assert_cmpint (cs_tile_source_get_pinnable_level (CS_TILE_SOURCE (source), 1 << 10), ==, -1);
}

static void
test_render_plan_empty_view (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (1 << 20);
  g_autoptr(CsRenderPlan) plan = NULL;
  CsViewport vp;

  cs_viewport_init (&vp, 0, 0, 1, 0, 0);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
  g_assert_cmpuint (plan->draw->len, ==, 0);
  g_assert_cmpuint (plan->missing->len, ==, 0);

  /* Entirely off the slide: nothing to draw or load. */
  g_clear_pointer (&plan, cs_render_plan_free);
  cs_viewport_init (&vp, -5000, -5000, 1, 800, 600);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
  g_assert_cmpuint (plan->draw->len, ==, 0);
  g_assert_cmpuint (plan->missing->len, ==, 0);
  g_assert_true (plan->complete);
}

/* A rotated plan covers exactly the turned view: its tiles all meet it,
 * and tiles of the axis-aligned frame's corners that it misses are left
 * out. */
static void
test_render_plan_rotated_covers_view (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderPlan) plan = NULL;
  g_autoptr(CsRenderPlan) flat = NULL;
  CsViewport vp;
  guint in_frame = 0;

  cs_viewport_init (&vp, 3000, 2000, 1, 1200, 300);
  flat = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
  cs_viewport_set_rotation (&vp, 45);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);

  /* (1200 + 300) / sqrt (2) across and down, and a pixel each side */
  g_assert_cmpint (plan->frame.width, ==, 1063);
  g_assert_cmpint (plan->frame.height, ==, 1063);
  g_assert_cmpfloat (plan->frame.rotation, ==, 0);

  /* Every tile whose centre is on screen is requested; tiles far outside
   * the turned band are not, though the frame holds them. */
  for (guint i = 0; i < plan->missing->len; i++)
    {
      const CsTileKey *key = &g_array_index (plan->missing, CsTileKey, i);
      double x0, y0, x1, y1, sx, sy;
      int w, h;

      cs_tile_source_get_tile_bounds (CS_TILE_SOURCE (source), key, &x0, &y0, &x1, &y1, &w, &h);
      cs_viewport_to_screen (&vp, (x0 + x1) / 2, (y0 + y1) / 2, &sx, &sy);
      /* Centres may lie outside by at most half a tile's diagonal. */
      g_assert_cmpfloat (sx, >, -182);
      g_assert_cmpfloat (sx, <, vp.width + 182);
      g_assert_cmpfloat (sy, >, -182);
      g_assert_cmpfloat (sy, <, vp.height + 182);
    }

  {
    gint32 c0 = (gint32) (plan->frame.x / CS_TILE_SIZE), r0 = (gint32) (plan->frame.y / CS_TILE_SIZE);
    gint32 c1 = (gint32) ((plan->frame.x + plan->frame.width) / CS_TILE_SIZE);
    gint32 r1 = (gint32) ((plan->frame.y + plan->frame.height) / CS_TILE_SIZE);

    in_frame = (guint) ((c1 - c0 + 1) * (r1 - r0 + 1));
  }
  g_assert_cmpuint (plan->missing->len, <, in_frame * 3 / 4);
  g_assert_cmpuint (plan->missing->len, >=, flat->missing->len);
}

static void
test_render_plan_failed_tiles (void)
{
  g_autoptr(CsTestSource) source = make_source ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderPlan) plan = NULL;
  CsViewport vp;
  guint errors = 0;

  fill_level (cache, CS_TILE_SOURCE (source), 0);
  cs_tile_cache_clear (cache);
  fill_level (cache, CS_TILE_SOURCE (source), 4);
  cs_tile_cache_mark_failed (cache, &CS_TILE_KEY_INIT (0, 1, 1));
  g_assert_true (cs_tile_cache_is_failed (cache, &CS_TILE_KEY_INIT (0, 1, 1)));
  g_assert_cmpuint (cs_tile_cache_get_n_failed (cache), ==, 1);

  cs_viewport_init (&vp, 0, 0, 1, 700, 500);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);

  g_assert_cmpuint (plan->n_failed, ==, 1);
  for (guint i = 0; i < plan->draw->len; i++)
    {
      const CsDrawItem *item = &g_array_index (plan->draw, CsDrawItem, i);

      if (item->tile == NULL)
        {
          errors++;
          g_assert_true (cs_tile_key_equal (&item->key, &CS_TILE_KEY_INIT (0, 1, 1)));
          g_assert_cmpint (item->dest.x, ==, 256);
          g_assert_cmpint (item->dest.y, ==, 256);
        }
    }
  g_assert_cmpuint (errors, ==, 1);

  /* A failed tile is never requested again. */
  for (guint i = 0; i < plan->missing->len; i++)
    g_assert_false (cs_tile_key_equal (&g_array_index (plan->missing, CsTileKey, i),
                                       &CS_TILE_KEY_INIT (0, 1, 1)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/render-plan/picks-level", test_render_plan_picks_level);
  g_test_add_func ("/cs/render-plan/uses-the-slides-downsamples",
                   test_render_plan_uses_the_slides_downsamples);
  g_test_add_func ("/cs/render-plan/tiles-meet-exactly", test_render_plan_tiles_meet_exactly);
  g_test_add_func ("/cs/render-plan/pan-keeps-tile-sizes",
                   test_render_plan_pan_keeps_tile_sizes);
  g_test_add_func ("/cs/render-plan/edge-tiles", test_render_plan_edge_tiles);
  g_test_add_func ("/cs/render-plan/coarse-fallback", test_render_plan_coarse_fallback);
  g_test_add_func ("/cs/render-plan/finer-tiles-draw-last",
                   test_render_plan_finer_tiles_draw_last);
  g_test_add_func ("/cs/render-plan/missing-centre-out", test_render_plan_missing_centre_out);
  g_test_add_func ("/cs/render-plan/pinned-levels-first", test_render_plan_pinned_levels_first);
  g_test_add_func ("/cs/render-plan/empty-view", test_render_plan_empty_view);
  g_test_add_func ("/cs/render-plan/rotated-covers-view", test_render_plan_rotated_covers_view);
  g_test_add_func ("/cs/render-plan/failed-tiles", test_render_plan_failed_tiles);

  return g_test_run ();
}
