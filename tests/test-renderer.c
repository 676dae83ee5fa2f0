/* test-renderer.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <openslide.h>
#include <string.h>

#include "cs-renderer.h"
#include "cs-slide.h"
#include "cs-test-slide.h"
#include "cs-test-source.h"
#include "cs-test-utils.h"

/* Pixel tests of the one cairo executor, through cs_render_region(), the
 * same plan + executor the window and `consilium-cli render` use. */

typedef struct
{
  char    *dir;
  CsSlide *simple;
  CsSlide *non_integer;
} Fixture;

static CsSlide *
open_pyramid (Fixture       *f,
              const char    *name,
              CsTestPyramid *spec)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_test_write_pyramid (f->dir, name, spec, &error);
  CsSlide *slide;

  g_assert_no_error (error);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);

  return slide;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  CsTestPyramid spec;

  f->dir = cs_test_make_tmpdir ();
  cs_test_pyramid_init_simple (&spec);
  f->simple = open_pyramid (f, "simple.tiff", &spec);
  cs_test_pyramid_init_non_integer (&spec);
  f->non_integer = open_pyramid (f, "non-integer.tiff", &spec);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->simple);
  g_clear_object (&f->non_integer);
  cs_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static cairo_surface_t *
render (CsTileSource *source,
        double        x,
        double        y,
        double        zoom,
        int           width,
        int           height)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = NULL;

  g_assert_true (cs_render_region (source, x, y, zoom, width, height, &surface, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);

  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4);
}

/* Compares a render at zoom 1/downsample with openslide_read_region at
 * that level: bit for bit. */
static void
assert_matches_openslide (const char *path,
                          CsSlide    *slide,
                          guint       level,
                          gint64      x,
                          gint64      y,
                          int         width,
                          int         height)
{
  openslide_t *osr = openslide_open (path);
  g_autofree guint32 *expected = g_new0 (guint32, (gsize) width * height);
  double ds = cs_slide_get_level_downsample (slide, level);
  cairo_surface_t *surface;
  guint mismatches = 0;

  g_assert_nonnull (osr);
  openslide_read_region (osr, expected, x, y, (int32_t) level, width, height);
  g_assert_null (openslide_get_error (osr));
  openslide_close (osr);

  surface = render (CS_TILE_SOURCE (slide), x, y, 1.0 / ds, width, height);
  for (int row = 0; row < height; row++)
    for (int col = 0; col < width; col++)
      if (pixel_at (surface, col, row) != expected[row * width + col])
        mismatches++;
  cairo_surface_destroy (surface);

  g_assert_cmpuint (mismatches, ==, 0);
}

static void
test_renderer_bit_exact_sample (void)
{
  g_autofree char *path = cs_test_sample_slide ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = cs_slide_new (path, &error);

  g_assert_no_error (error);
  /* Across tile boundaries, and past the right and bottom edges. */
  assert_matches_openslide (path, slide, 0, 200, 300, 700, 500);
  assert_matches_openslide (path, slide, 0, 1900, 2700, 400, 300);
  assert_matches_openslide (path, slide, 0, -30, -20, 100, 90);
}

static void
test_renderer_bit_exact_pyramid (Fixture       *f,
                                 gconstpointer  data)
{
  const char *path = cs_slide_get_path (f->simple);

  assert_matches_openslide (path, f->simple, 0, 37, 11, 700, 520);
  /* Level 1 at its own 1:1: an even level-0 origin is a whole level pixel. */
  assert_matches_openslide (path, f->simple, 1, 64, 128, 400, 260);
  assert_matches_openslide (path, f->simple, 2, 0, 0, 250, 150);
}

/* Every pixel whose footprint lies inside the slide is opaque (no gap lets
 * the background through), has the blue of the level the plan picked, and
 * has the red/green of its position (a misplaced tile would shift them). */
static void
assert_seamless (CsSlide *slide,
                 double   x,
                 double   y,
                 double   zoom,
                 int      width,
                 int      height)
{
  cairo_surface_t *surface = render (CS_TILE_SOURCE (slide), x, y, zoom, width, height);
  guint level = cs_tile_source_pick_level (CS_TILE_SOURCE (slide), 1 / zoom);
  double ds = cs_slide_get_level_downsample (slide, level);
  gint64 w0, h0;
  guint checked = 0;

  cs_slide_get_level_size (slide, 0, &w0, &h0);

  for (int py = 0; py < height; py++)
    for (int px = 0; px < width; px++)
      {
        double ix = round (x * zoom) / zoom + (px + 0.5) / zoom;
        double iy = round (y * zoom) / zoom + (py + 0.5) / zoom;
        double lx = ix / ds, ly = iy / ds;
        guint32 pixel = pixel_at (surface, px, py);
        double margin = 2.5 / zoom + ds;

        if (ix < margin || iy < margin || ix > w0 - margin || iy > h0 - margin)
          continue;
        g_assert_cmphex (pixel >> 24, ==, 0xff);
        g_assert_cmphex (pixel & 0xff, ==, 40 * level);

        /* R = lx mod 256 and G = ly mod 256, blurred by filtering: skip
         * the wrap from 255 to 0. */
        if (fmod (lx, 256) > 6 && fmod (lx, 256) < 250)
          g_assert_cmpfloat (fabs (((pixel >> 16) & 0xff) - fmod (lx, 256)), <, 3.5 + 0.5 / (zoom * ds));
        if (fmod (ly, 256) > 6 && fmod (ly, 256) < 250)
          g_assert_cmpfloat (fabs (((pixel >> 8) & 0xff) - fmod (ly, 256)), <, 3.5 + 0.5 / (zoom * ds));
        checked++;
      }

  cairo_surface_destroy (surface);
  /* Most of the slide's part of the output was checked. */
  g_assert_cmpfloat (checked, >, 0.5 * MIN (width, (w0 - x) * zoom) * MIN (height, (h0 - y) * zoom));
}

static void
test_renderer_no_seams (Fixture       *f,
                        gconstpointer  data)
{
  const double zooms[] = { 1, 0.8, 0.5, 0.4321, 0.3, 0.25, 0.2, 1.7, 3.25 };

  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      g_test_message ("zoom %g", zooms[i]);
      assert_seamless (f->simple, 13.3, 7.9, zooms[i], 400, 300);
      assert_seamless (f->non_integer, 21.7, 3.1, zooms[i], 400, 300);
    }
}

static void
test_renderer_non_integer_level (Fixture       *f,
                                 gconstpointer  data)
{
  double ds = cs_slide_get_level_downsample (f->non_integer, 1);

  /* Exactly level 1's scale: read from level 1, and seamless. */
  assert_seamless (f->non_integer, 0, 0, 1 / ds, 333, 200);
  assert_seamless (f->non_integer, 300.5, 100.25, 1 / ds, 200, 120);
}

static void
test_renderer_transparent_outside (Fixture       *f,
                                   gconstpointer  data)
{
  cairo_surface_t *surface = render (CS_TILE_SOURCE (f->simple), -100, -50, 1, 300, 200);

  g_assert_cmphex (pixel_at (surface, 0, 0), ==, 0);
  g_assert_cmphex (pixel_at (surface, 99, 49), ==, 0);
  g_assert_cmphex (pixel_at (surface, 100, 50), ==, cs_test_pyramid_pixel (0, 0, 0));
  g_assert_cmphex (pixel_at (surface, 299, 199), ==, cs_test_pyramid_pixel (0, 199, 149));
  cairo_surface_destroy (surface);
}

/* A coarse stand-in is drawn until the real tile comes; then the real one
 * replaces it completely (SOURCE), and a repeated frame reuses scaled
 * copies instead of filtering again. */
static void
test_renderer_fallback_then_sharp (void)
{
  g_autoptr(CsTestSource) source = cs_test_source_new (2048, 2048, 3);
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderer) renderer = cs_renderer_new ();
  g_autoptr(CsRenderPlan) plan = NULL;
  g_autoptr(CsTile) coarse = NULL;
  g_autoptr(CsTile) fine = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);
  gsize cached;
  CsViewport vp;

  coarse = cs_tile_source_read_tile (CS_TILE_SOURCE (source), &CS_TILE_KEY_INIT (2, 0, 0), NULL);
  cs_tile_cache_insert (cache, coarse);
  cs_viewport_init (&vp, 0, 0, 1, 256, 256);

  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
  cs_renderer_draw (renderer, plan, cr);
  cairo_surface_flush (surface);
  g_assert_cmphex (pixel_at (surface, 10, 10) & 0xff, ==, 80);   /* level 2's blue */
  g_assert_cmphex (pixel_at (surface, 255, 255) >> 24, ==, 0xff);

  fine = cs_tile_source_read_tile (CS_TILE_SOURCE (source), &CS_TILE_KEY_INIT (0, 0, 0), NULL);
  cs_tile_cache_insert (cache, fine);
  g_clear_pointer (&plan, cs_render_plan_free);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
  g_assert_true (plan->complete);
  cs_renderer_draw (renderer, plan, cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < 256; y += 15)
    for (int x = 0; x < 256; x += 15)
      g_assert_cmphex (pixel_at (surface, x, y), ==, cs_test_pyramid_pixel (0, x, y));

  /* Shrinking: the first frame at a new zoom samples the tiles (the zoom
   * may be changing every frame); once the zoom holds, the worker makes
   * one scaled copy per tile, taken by a later frame and reused by the
   * next ones. */
  cs_viewport_init (&vp, 0, 0, 0.7, 256, 256);
  g_clear_pointer (&plan, cs_render_plan_free);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
  cs_renderer_draw (renderer, plan, cr);
  g_assert_cmpuint (cs_renderer_get_cached_bytes (renderer), ==, 0);
  g_assert_true (cs_renderer_has_pending_copies (renderer));
  for (int i = 0; i < 5000 && cs_renderer_has_pending_copies (renderer); i++)
    {
      g_usleep (2000);
      cs_renderer_draw (renderer, plan, cr);
    }
  cached = cs_renderer_get_cached_bytes (renderer);
  g_assert_cmpuint (cached, >, 0);
  g_assert_false (cs_renderer_has_pending_copies (renderer));
  cs_renderer_draw (renderer, plan, cr);
  g_assert_cmpuint (cs_renderer_get_cached_bytes (renderer), ==, cached);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* OpenSlide 3.4.1 reads garbage from a deflate TIFF level smaller than one
 * tile: such levels are reported but never rendered. */
static void
test_renderer_skips_levels_smaller_than_a_tile (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(CsSlide) slide = NULL;
  cairo_surface_t *surface;
  CsTestPyramid spec;

  cs_test_pyramid_init_simple (&spec);
  spec.n_levels = 4;
  spec.widths[3] = 125;     /* wider than a 64 px tile, but shorter */
  spec.heights[3] = 37;
  slide = open_pyramid (f, "tiny-level.tiff", &spec);

  g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, 4);
  g_assert_cmpuint (cs_tile_source_get_n_levels (CS_TILE_SOURCE (slide)), ==, 3);

  /* Level 3's scale draws from level 2, correctly. */
  surface = render (CS_TILE_SOURCE (slide), 0, 0, 1.0 / 8, 125, 75);
  g_assert_cmphex (pixel_at (surface, 10, 10), ==, cs_test_pyramid_pixel (2, 20, 20));
  g_assert_cmphex (pixel_at (surface, 120, 70) & 0xff, ==, 80);
  cairo_surface_destroy (surface);
}

static void
test_renderer_boxes_overview (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  cairo_surface_t *fine, *coarse;
  guint far = 0;
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "boxes.tiff");

  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, 4);
  g_assert_cmpuint (cs_tile_source_get_n_levels (CS_TILE_SOURCE (slide)), ==, 2);

  /* An eighth of the size looks like the full-size image shrunk. */
  fine = render (CS_TILE_SOURCE (slide), 0, 0, 0.5, 150, 125);
  coarse = render (CS_TILE_SOURCE (slide), 0, 0, 0.125, 37, 31);
  for (int y = 2; y < 29; y++)
    for (int x = 2; x < 35; x++)
      {
        guint32 a = pixel_at (coarse, x, y);
        guint32 b = pixel_at (fine, x * 4 + 2, y * 4 + 2);

        g_assert_cmphex (a >> 24, ==, 0xff);
        if (abs ((int) ((a >> 8) & 0xff) - (int) ((b >> 8) & 0xff)) > 96)
          far++;
      }
  g_assert_cmpuint (far, <, 40);
  cairo_surface_destroy (fine);
  cairo_surface_destroy (coarse);
}

static cairo_surface_t *
render_viewport (CsTileSource     *source,
                 const CsViewport *vp)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = NULL;

  g_assert_true (cs_render_viewport (source, vp, &surface, NULL, &error));
  g_assert_no_error (error);

  return surface;
}

/* Quarter turns are exact permutations of the unrotated pixels. */
static void
test_renderer_quarter_turns_exact (Fixture       *f,
                                   gconstpointer  data)
{
  const int sizes[][2] = { { 300, 200 }, { 301, 200 }, { 255, 256 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int turn = 1; turn < 4; turn++)
      {
        int w = sizes[i][0], h = sizes[i][1];
        CsViewport flat, vp;
        cairo_surface_t *a, *b;
        guint wrong = 0;

        cs_viewport_init (&flat, 100, 50, 1, w, h);
        vp = flat;
        cs_viewport_set_rotation (&vp, 90 * turn);
        a = render_viewport (CS_TILE_SOURCE (f->simple), &flat);
        b = render_viewport (CS_TILE_SOURCE (f->simple), &vp);

        /* Each screen pixel of the turned view shows the image point that
         * cs_viewport_to_image gives; the flat render has it 1:1. */
        for (int y = 0; y < h; y++)
          for (int x = 0; x < w; x++)
            {
              double ix, iy;
              int fx, fy;

              cs_viewport_to_image (&vp, x + 0.5, y + 0.5, &ix, &iy);
              fx = (int) floor (ix - 100);
              fy = (int) floor (iy - 50);
              if (fx < 0 || fy < 0 || fx >= w || fy >= h)
                continue;
              if (pixel_at (b, x, y) != pixel_at (a, fx, fy))
                wrong++;
            }
        cairo_surface_destroy (a);
        cairo_surface_destroy (b);
        g_assert_cmpuint (wrong, ==, 0);
      }
}

static void
test_renderer_free_rotation (Fixture       *f,
                             gconstpointer  data)
{
  CsViewport vp;
  cairo_surface_t *surface;
  guint checked = 0;

  cs_viewport_init (&vp, 200, 150, 1, 320, 240);
  cs_viewport_set_rotation (&vp, 30);
  surface = render_viewport (CS_TILE_SOURCE (f->simple), &vp);

  for (int y = 10; y < 230; y += 7)
    for (int x = 10; x < 310; x += 7)
      {
        double ix, iy;
        guint32 p = pixel_at (surface, x, y);

        cs_viewport_to_image (&vp, x + 0.5, y + 0.5, &ix, &iy);
        if (ix < 3 || iy < 3 || ix > 997 || iy > 597 ||
            fmod (ix, 256) < 3 || fmod (ix, 256) > 253 ||
            fmod (iy, 256) < 3 || fmod (iy, 256) > 253)
          continue;
        g_assert_cmphex (p >> 24, ==, 0xff);
        g_assert_cmpfloat (fabs (((p >> 16) & 0xff) - fmod (ix, 256)), <, 2.5);
        g_assert_cmpfloat (fabs (((p >> 8) & 0xff) - fmod (iy, 256)), <, 2.5);
        checked++;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (checked, >, 1000);
}

/* A tile that fails to read is drawn as a red-hatched error area, never
 * as tissue, and the rest of the view is drawn. */
static void
test_renderer_error_area (void)
{
  g_autoptr(CsTestSource) source = cs_test_source_new (1024, 1024, 1);
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsRenderer) renderer = cs_renderer_new ();
  g_autoptr(CsRenderPlan) plan = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 512);
  cairo_t *cr = cairo_create (surface);
  guint red = 0;
  CsViewport vp;

  for (gint32 row = 0; row < 2; row++)
    for (gint32 col = 0; col < 2; col++)
      {
        CsTileKey key = { 0, col, row };
        g_autoptr(CsTile) tile = NULL;

        if (col == 1 && row == 0)
          {
            cs_tile_cache_mark_failed (cache, &key);
            continue;
          }
        tile = cs_tile_source_read_tile (CS_TILE_SOURCE (source), &key, NULL);
        cs_tile_cache_insert (cache, tile);
      }

  cs_viewport_init (&vp, 0, 0, 1, 512, 512);
  plan = cs_render_plan_compute (&vp, CS_TILE_SOURCE (source), cache);
  cs_renderer_draw (renderer, plan, cr);
  cairo_surface_flush (surface);

  for (int y = 0; y < 256; y++)
    for (int x = 256; x < 512; x++)
      {
        guint32 p = pixel_at (surface, x, y);

        g_assert_cmphex (p >> 24, ==, 0xff);
        g_assert_cmphex (p & 0xff, <, 0x40);
        if (((p >> 16) & 0xff) > 0xc0)
          red++;
      }
  g_assert_cmpuint (red, >, 256 * 256 / 8);
  g_assert_cmphex (pixel_at (surface, 10, 300), ==, cs_test_pyramid_pixel (0, 10, 300));
  g_assert_cmphex (pixel_at (surface, 300, 300), ==, cs_test_pyramid_pixel (0, 300, 300));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_renderer_read_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  cairo_surface_t *surface = NULL;
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "unreadable.svs");

  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (cs_render_region (CS_TILE_SOURCE (slide), 0, 0, 1, 16, 16, &surface, &error));
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
  g_assert_null (surface);
  g_assert_nonnull (strstr (error->message, "unreadable.svs"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/renderer/bit-exact-sample", test_renderer_bit_exact_sample);
  g_test_add ("/cs/renderer/bit-exact-pyramid", Fixture, NULL,
              fixture_setup, test_renderer_bit_exact_pyramid, fixture_teardown);
  g_test_add ("/cs/renderer/no-seams", Fixture, NULL,
              fixture_setup, test_renderer_no_seams, fixture_teardown);
  g_test_add ("/cs/renderer/non-integer-level", Fixture, NULL,
              fixture_setup, test_renderer_non_integer_level, fixture_teardown);
  g_test_add ("/cs/renderer/transparent-outside", Fixture, NULL,
              fixture_setup, test_renderer_transparent_outside, fixture_teardown);
  g_test_add_func ("/cs/renderer/fallback-then-sharp", test_renderer_fallback_then_sharp);
  g_test_add ("/cs/renderer/skips-levels-smaller-than-a-tile", Fixture, NULL,
              fixture_setup, test_renderer_skips_levels_smaller_than_a_tile, fixture_teardown);
  g_test_add_func ("/cs/renderer/boxes-overview", test_renderer_boxes_overview);
  g_test_add_func ("/cs/renderer/read-error", test_renderer_read_error);
  g_test_add ("/cs/renderer/quarter-turns-exact", Fixture, NULL,
              fixture_setup, test_renderer_quarter_turns_exact, fixture_teardown);
  g_test_add ("/cs/renderer/free-rotation", Fixture, NULL,
              fixture_setup, test_renderer_free_rotation, fixture_teardown);
  g_test_add_func ("/cs/renderer/error-area", test_renderer_error_area);

  return g_test_run ();
}
