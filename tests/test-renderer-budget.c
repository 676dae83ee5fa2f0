/* test-renderer-budget.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-core-private.h"
#include "cs-renderer.h"
#include "cs-test-source.h"

/* The renderer's time budget for scaled tile copies: a frame that runs out
 * of it draws the remaining shrunk tiles through a bilinear filter, and
 * that frame must look like the one drawn from copies. */

#define VIEW_W 800
#define VIEW_H 600

typedef struct
{
  CsTestSource *source;
  CsTileCache  *cache;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->source = cs_test_source_new (4096, 4096, 3);
  f->cache = cs_tile_cache_new (G_MAXSIZE);

  /* Every level-0 tile the views below need. */
  for (gint32 row = 0; row < 10; row++)
    for (gint32 col = 0; col < 10; col++)
      {
        g_autoptr(CsTile) tile = NULL;

        tile = cs_tile_source_read_tile (CS_TILE_SOURCE (f->source),
                                         &CS_TILE_KEY_INIT (0, col, row), NULL);
        cs_tile_cache_insert (f->cache, tile);
      }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->cache);
  g_clear_object (&f->source);
}

static cairo_surface_t *
draw (Fixture    *f,
      CsRenderer *renderer,
      double      zoom)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  g_autoptr(CsRenderPlan) plan = NULL;
  CsViewport viewport;

  cs_viewport_init (&viewport, 37, 21, zoom, VIEW_W, VIEW_H);
  plan = cs_render_plan_compute (&viewport, CS_TILE_SOURCE (f->source), f->cache);
  g_assert_true (plan->complete);
  g_assert_cmpuint (plan->level, ==, 0);
  cs_renderer_draw (renderer, plan, cr);
  cairo_surface_flush (surface);

  return surface;
}

/* The largest difference of one channel between two frames. */
static int
max_difference (cairo_surface_t *a,
                cairo_surface_t *b)
{
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  int worst = 0;

  for (int y = 0; y < VIEW_H; y++)
    for (int x = 0; x < VIEW_W * 4; x++)
      worst = MAX (worst, abs (pa[(gsize) y * stride + x] - pb[(gsize) y * stride + x]));

  return worst;
}

static double
mean_difference (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint64 sum = 0;

  for (int y = 0; y < VIEW_H; y++)
    for (int x = 0; x < VIEW_W * 4; x++)
      sum += abs (pa[(gsize) y * stride + x] - pb[(gsize) y * stride + x]);

  return (double) sum / ((double) VIEW_W * VIEW_H * 4);
}

/* Draws @zoom until the worker has made every scaled copy (at most 10 s). */
static cairo_surface_t *
draw_until_copied (Fixture    *f,
                   CsRenderer *renderer,
                   double      zoom)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  cairo_surface_t *frame = draw (f, renderer, zoom);

  while (cs_renderer_has_pending_copies (renderer) && g_get_monotonic_time () < end)
    {
      g_usleep (2000);
      cairo_surface_destroy (frame);
      frame = draw (f, renderer, zoom);
    }
  g_assert_false (cs_renderer_has_pending_copies (renderer));

  return frame;
}

/* The default: no copy is made on the main thread. Frames are complete
 * anyway, the worker's copies come in later frames and show exactly what
 * copies made at once show. */
static void
test_budget_spent (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsRenderer) copies = cs_renderer_new ();
  g_autoptr(CsRenderer) direct = cs_renderer_new ();
  g_autoptr(cairo_surface_t) reference = NULL;
  g_autoptr(cairo_surface_t) filtered = NULL;
  g_autoptr(cairo_surface_t) later = NULL;
  double zoom = 0.7;

  cs_renderer_set_scale_budget (copies, -1);
  reference = draw (f, copies, zoom);
  g_assert_cmpuint (cs_renderer_get_cached_bytes (copies), >, 0);
  g_assert_false (cs_renderer_has_pending_copies (copies));

  /* The first frame is a new zoom; the second asks the worker. */
  filtered = draw (f, direct, zoom);
  cairo_surface_destroy (filtered);
  filtered = draw (f, direct, zoom);
  g_assert_cmpuint (cs_renderer_get_cached_bytes (direct), ==, 0);
  g_assert_true (cs_renderer_has_pending_copies (direct));
  g_assert_cmpfloat (mean_difference (reference, filtered), <, 2);

  later = draw_until_copied (f, direct, zoom);
  g_assert_cmpuint (cs_renderer_get_cached_bytes (direct), ==,
                    cs_renderer_get_cached_bytes (copies));
  g_assert_cmpint (max_difference (reference, later), ==, 0);
}

/* Copies the worker made for a zoom that was left are dropped: after a
 * move to another zoom (which shows fewer tiles), the frames there keep
 * only that zoom's copies. */
static void
test_copies_of_left_zoom_dropped (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(CsRenderer) copies = cs_renderer_new ();
  g_autoptr(CsRenderer) worker = cs_renderer_new ();
  g_autoptr(cairo_surface_t) reference = NULL;
  g_autoptr(cairo_surface_t) frame = NULL;

  cs_renderer_set_scale_budget (copies, -1);
  reference = draw (f, copies, 0.8);

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(cairo_surface_t) asked = draw (f, worker, 0.55);
    }
  g_assert_true (cs_renderer_has_pending_copies (worker));
  g_usleep (50000);
  frame = draw (f, worker, 0.8);
  g_assert_cmpuint (cs_renderer_get_cached_bytes (worker), ==, 0);
  cairo_surface_destroy (frame);
  frame = draw_until_copied (f, worker, 0.8);
  g_assert_cmpuint (cs_renderer_get_cached_bytes (worker), ==,
                    cs_renderer_get_cached_bytes (copies));
  g_assert_cmpint (max_difference (reference, frame), ==, 0);
}

/* A renderer can go while its worker has copies to make. */
static void
test_freed_while_copying (Fixture       *f,
                          gconstpointer  data)
{
  for (int round = 0; round < 20; round++)
    {
      g_autoptr(CsRenderer) renderer = cs_renderer_new ();

      for (int i = 0; i < 2; i++)
        {
          g_autoptr(cairo_surface_t) frame = draw (f, renderer, 0.55 + round * 0.01);
        }
      g_assert_true (cs_renderer_has_pending_copies (renderer));
      if (round % 2 == 1)
        g_usleep (1000);
    }
}

/* Strong reductions (below half size) are copied through a halving step;
 * the filtered stand-in frame stays close to them. */
static void
test_budget_strong_reduction (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CsTestSource) source = cs_test_source_new (4096, 4096, 1);
  g_autoptr(CsRenderer) copies = cs_renderer_new ();
  g_autoptr(CsRenderer) direct = cs_renderer_new ();
  g_autoptr(cairo_surface_t) reference = NULL;
  g_autoptr(cairo_surface_t) filtered = NULL;

  /* One level only, so that level 0 is drawn at 0.4. */
  g_set_object (&f->source, source);
  cs_renderer_set_scale_budget (copies, -1);
  cs_renderer_set_scale_budget (direct, 0);
  reference = draw (f, copies, 0.4);
  filtered = draw (f, direct, 0.4);
  g_assert_cmpuint (cs_renderer_get_cached_bytes (direct), ==, 0);
  /* The test pattern's ramps wrap every 256 pixels: only there may a
   * bilinear sample and a halved one differ much, so on average they
   * agree within a few levels. */
  g_assert_cmpfloat (mean_difference (reference, filtered), <, 3);
  g_assert_cmpint (max_difference (reference, filtered), >, 0);
}

/* Whether @frame's pixel (@x, @y) is @item's tile sampled nearest: the
 * tile pixel under the device pixel's centre. */
static gboolean
is_nearest_sample (cairo_surface_t  *frame,
                   const CsDrawItem *item,
                   int               x,
                   int               y)
{
  cairo_surface_t *tile = cs_tile_get_surface (item->tile);
  int tx = (int) floor ((x + 0.5 - item->dest.x) * cs_tile_get_width (item->tile) /
                        item->dest.width);
  int ty = (int) floor ((y + 0.5 - item->dest.y) * cs_tile_get_height (item->tile) /
                        item->dest.height);
  const guint8 *want = cairo_image_surface_get_data (tile) +
                       (gsize) ty * cairo_image_surface_get_stride (tile) + tx * 4;
  const guint8 *got = cairo_image_surface_get_data (frame) +
                      (gsize) y * cairo_image_surface_get_stride (frame) + x * 4;

  return memcmp (want, got, 4) == 0;
}

/* The share of @frame's pixels (a sample of them) that are the tiles of
 * @plan sampled nearest. */
static double
nearest_share (cairo_surface_t    *frame,
               const CsRenderPlan *plan)
{
  guint n_samples = 0, n_nearest = 0;

  for (guint i = 0; i < plan->draw->len; i++)
    {
      const CsDrawItem *item = &g_array_index (plan->draw, CsDrawItem, i);

      for (int y = item->clip.y + 1; y < item->clip.y + item->clip.height; y += 7)
        for (int x = item->clip.x + 1; x < item->clip.x + item->clip.width; x += 7)
          {
            n_samples++;
            n_nearest += is_nearest_sample (frame, item, x, y);
          }
    }
  g_assert_cmpuint (n_samples, >, 5000);

  return (double) n_nearest / n_samples;
}

/* A frame without the scaled copies (a changing zoom, or the worker still
 * at work) samples its mildly shrunk tiles nearest (half the cost of
 * bilinear, shown for a refresh or two); once the copies are there, the
 * frame is filtered again. */
static void
test_changing_zoom_nearest (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CsRenderer) copies = cs_renderer_new ();
  g_autoptr(CsRenderer) moving = cs_renderer_new ();
  g_autoptr(cairo_surface_t) reference = NULL;
  g_autoptr(cairo_surface_t) previous = NULL;
  g_autoptr(cairo_surface_t) frame = NULL;
  g_autoptr(cairo_surface_t) held = NULL;
  g_autoptr(CsRenderPlan) plan = NULL;
  CsViewport viewport;

  cs_renderer_set_scale_budget (copies, -1);
  reference = draw (f, copies, 0.7);
  previous = draw (f, moving, 0.6);
  frame = draw (f, moving, 0.7);
  g_assert_true (cs_renderer_has_pending_copies (moving));
  g_assert_cmpfloat (mean_difference (reference, frame), <, 2);

  /* pixman's fixed-point placement moves a few centres that fall near a
   * pixel edge to the neighbour (2 % here); bilinear frames match in
   * about 6 % only. */
  cs_viewport_init (&viewport, 37, 21, 0.7, VIEW_W, VIEW_H);
  plan = cs_render_plan_compute (&viewport, CS_TILE_SOURCE (f->source), f->cache);
  g_assert_cmpfloat (nearest_share (frame, plan), >=, 0.95);
  held = draw_until_copied (f, moving, 0.7);
  g_assert_cmpint (max_difference (reference, held), ==, 0);
  g_assert_cmpfloat (nearest_share (held, plan), <, 0.5);
  g_assert_cmpfloat (nearest_share (reference, plan), <, 0.5);
}

static CsRenderPlan *
plan_loaded (CsTestSource     *source,
             CsTileCache      *cache,
             const CsViewport *viewport)
{
  g_autoptr(CsRenderPlan) plan = cs_render_plan_compute (viewport, CS_TILE_SOURCE (source),
                                                         cache);

  for (guint i = 0; i < plan->missing->len; i++)
    {
      g_autoptr(CsTile) tile = NULL;

      tile = cs_tile_source_read_tile (CS_TILE_SOURCE (source),
                                       &g_array_index (plan->missing, CsTileKey, i), NULL);
      cs_tile_cache_insert (cache, tile);
    }

  return cs_render_plan_compute (viewport, CS_TILE_SOURCE (source), cache);
}

/* Panning at one zoom: over the byte cap, only the copies the previous
 * frame did not draw go; those of the screen just left stay with the new
 * screen's (a cap that dropped everything would keep the new screen
 * only), and memory stays bounded. */
static void
test_copies_trimmed_when_panning (void)
{
  g_autoptr(CsTestSource) source = cs_test_source_new (65536, 4096, 1);
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderer) renderer = cs_renderer_new ();
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                                   1920, 1080);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  gsize most = 0;

  cs_renderer_set_scale_budget (renderer, -1);
  for (int step = 0; step < 12; step++)
    {
      g_autoptr(CsRenderer) fresh = cs_renderer_new ();
      g_autoptr(CsRenderPlan) plan = NULL;
      CsViewport viewport;
      gsize bytes;

      cs_viewport_init (&viewport, step * 1200.0, 0, 0.7, 1920, 1080);
      plan = plan_loaded (source, cache, &viewport);
      cs_renderer_draw (renderer, plan, cr);
      bytes = cs_renderer_get_cached_bytes (renderer);
      most = MAX (most, bytes);

      /* More than this screen's copies alone: the last screen's stay. */
      cs_renderer_set_scale_budget (fresh, -1);
      cs_renderer_draw (fresh, plan, cr);
      if (step > 0)
        g_assert_cmpuint (bytes, >, cs_renderer_get_cached_bytes (fresh));
    }

  /* Twelve screens of copies (~35 MiB each) were never all kept. */
  g_assert_cmpuint (most, <=, (gsize) 140 * 1024 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/renderer-budget/spent", Fixture, NULL,
              fixture_set_up, test_budget_spent, fixture_tear_down);
  g_test_add ("/cs/renderer-budget/copies-of-left-zoom-dropped", Fixture, NULL,
              fixture_set_up, test_copies_of_left_zoom_dropped, fixture_tear_down);
  g_test_add ("/cs/renderer-budget/freed-while-copying", Fixture, NULL,
              fixture_set_up, test_freed_while_copying, fixture_tear_down);
  g_test_add ("/cs/renderer-budget/changing-zoom-nearest", Fixture, NULL,
              fixture_set_up, test_changing_zoom_nearest, fixture_tear_down);
  g_test_add ("/cs/renderer-budget/strong-reduction", Fixture, NULL,
              fixture_set_up, test_budget_strong_reduction, fixture_tear_down);

  g_test_add_func ("/cs/renderer-budget/copies-trimmed-when-panning",
                   test_copies_trimmed_when_panning);

  return g_test_run ();
}
