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
#include <stdio.h>
#include <string.h>
#include <tiffio.h>
#include <time.h>
#include <utime.h>

#include "cs-bench-baselines-private.h"
#include "cs-bench-gen.h"
#include "cs-slide.h"
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

/* Mean absolute difference per channel between level @level of @path and
 * the 2^level box filter of level 0, over the whole level. */
static double
level_vs_box_filter (const char *path,
                     int         level)
{
  openslide_t *osr = openslide_open (path);
  int64_t w0 = 0, h0 = 0, w = 0, h = 0;
  g_autofree guint32 *full = NULL;
  g_autofree guint32 *reduced = NULL;
  int n = 1 << level;
  double sum = 0;

  g_assert_nonnull (osr);
  openslide_get_level0_dimensions (osr, &w0, &h0);
  openslide_get_level_dimensions (osr, level, &w, &h);
  full = g_new (guint32, w0 * h0);
  reduced = g_new (guint32, w * h);
  openslide_read_region (osr, full, 0, 0, 0, w0, h0);
  openslide_read_region (osr, reduced, 0, 0, level, w, h);
  g_assert_null (openslide_get_error (osr));
  openslide_close (osr);

  for (int64_t y = 0; y < h; y++)
    for (int64_t x = 0; x < w; x++)
      for (int shift = 0; shift < 24; shift += 8)
        {
          guint box = 0;

          for (int dy = 0; dy < n; dy++)
            for (int dx = 0; dx < n; dx++)
              box += (full[(y * n + dy) * w0 + x * n + dx] >> shift) & 0xff;
          sum += fabs ((double) box / (n * n) - ((reduced[y * w + x] >> shift) & 0xff));
        }
  return sum / (3.0 * w * h);
}

typedef struct
{
  char          *dir;
  char          *tissue;
  CsBenchContext ctx;
} SlideFixture;

static void
slide_setup (SlideFixture *f,
             gconstpointer data)
{
  (void) data;
  f->dir = cs_test_make_tmpdir ();
  f->tissue = cs_test_shared_slide ("CMU-1-Small-Region.svs");
  f->ctx.seed = 1;
  f->ctx.cache_dir = g_build_filename (f->dir, "cache", NULL);
  f->ctx.tissue_path = f->tissue;
}

static void
slide_teardown (SlideFixture *f,
                gconstpointer data)
{
  (void) data;
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->tissue);
  g_free (f->ctx.cache_dir);
  g_free (f->ctx.slide_path);
}

#define SKIP_WITHOUT_TISSUE(f)                                              \
  if ((f)->tissue == NULL)                                                  \
    {                                                                       \
      g_test_skip ("../shared/slides/CMU-1-Small-Region.svs is absent: the " \
                   "generator needs the project's shared tissue slide");    \
      return;                                                               \
    }

static char *
ensure_small (SlideFixture *f,
              gboolean     *generated)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (cs_bench_ensure_slide_sized (&f->ctx, SMALL_WIDTH, SMALL_HEIGHT,
                                              generated, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (f->ctx.slide_path);
  return g_strdup (f->ctx.slide_path);
}

static const char *
property (openslide_t *osr,
          const char  *name)
{
  const char *value = openslide_get_property_value (osr, name);

  g_assert_nonnull (value);
  return value;
}

/* Level 2's pixels (750x500), ARGB. */
static guint32 *
read_level2 (const char *path)
{
  openslide_t *osr = openslide_open (path);
  guint32 *pixels = g_new (guint32, 750 * 500);

  g_assert_nonnull (osr);
  openslide_read_region (osr, pixels, 0, 0, 2, 750, 500);
  g_assert_null (openslide_get_error (osr));
  openslide_close (osr);
  return pixels;
}

static void
test_slide_geometry (SlideFixture *f,
                     gconstpointer data)
{
  g_autofree char *path = NULL;
  gboolean generated = FALSE;
  const gint64 sizes[][2] = { { 3000, 2000 }, { 1500, 1000 }, { 750, 500 } };
  g_autoptr (CsSlide) slide = NULL;
  g_autoptr (GError) error = NULL;
  double mpp_x = 0, mpp_y = 0;
  openslide_t *osr;

  (void) data;
  SKIP_WITHOUT_TISSUE (f);
  path = ensure_small (f, &generated);
  g_assert_true (generated);
  g_assert_true (g_str_has_prefix (path, f->ctx.cache_dir));

  g_assert_cmpstr (openslide_detect_vendor (path), ==, "generic-tiff");
  osr = openslide_open (path);
  g_assert_nonnull (osr);
  g_assert_null (openslide_get_error (osr));
  g_assert_cmpint (openslide_get_level_count (osr), ==, G_N_ELEMENTS (sizes));
  g_assert_cmpuint (cs_bench_slide_n_levels (SMALL_WIDTH, SMALL_HEIGHT), ==, G_N_ELEMENTS (sizes));
  for (int level = 0; level < (int) G_N_ELEMENTS (sizes); level++)
    {
      g_autofree char *tw = g_strdup_printf ("openslide.level[%d].tile-width", level);
      g_autofree char *th = g_strdup_printf ("openslide.level[%d].tile-height", level);
      int64_t w = 0, h = 0;

      openslide_get_level_dimensions (osr, level, &w, &h);
      g_assert_cmpint (w, ==, sizes[level][0]);
      g_assert_cmpint (h, ==, sizes[level][1]);
      g_assert_cmpfloat (openslide_get_level_downsample (osr, level), ==, 1 << level);
      g_assert_cmpstr (property (osr, tw), ==, "256");
      g_assert_cmpstr (property (osr, th), ==, "256");
    }
  /* 0.25 µm per pixel: 40000 pixels per centimetre. */
  g_assert_cmpstr (property (osr, "tiff.ResolutionUnit"), ==, "centimeter");
  g_assert_cmpfloat (g_ascii_strtod (property (osr, "tiff.XResolution"), NULL), ==, 40000);
  g_assert_cmpfloat (g_ascii_strtod (property (osr, "tiff.YResolution"), NULL), ==, 40000);
  openslide_close (osr);

  /* Which CsSlide takes as its calibration. */
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (cs_slide_get_mpp (slide, &mpp_x, &mpp_y));
  g_assert_cmpfloat_with_epsilon (mpp_x, CS_BENCH_MPP, 1e-9);
  g_assert_cmpfloat_with_epsilon (mpp_y, CS_BENCH_MPP, 1e-9);
}

/* Tissue where blocks landed, glass elsewhere; the same for the same
 * seed, different for another. */
static void
test_slide_pixels (SlideFixture *f,
                   gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;
  g_autofree guint32 *pixels = NULL;
  g_autofree guint32 *again = NULL;
  g_autofree guint32 *other = NULL;
  guint n_tissue = 0, n_glass = 0;
  gboolean generated = FALSE;

  (void) data;
  SKIP_WITHOUT_TISSUE (f);
  path = ensure_small (f, &generated);
  pixels = read_level2 (path);

  for (gsize i = 0; i < 750 * 500; i++)
    {
      guint32 px = pixels[i];
      guint sum = ((px >> 16) & 0xff) + ((px >> 8) & 0xff) + (px & 0xff);

      g_assert_cmpuint (px >> 24, ==, 0xff);
      if (sum < 600)
        n_tissue++;
      else if (sum > 700)
        n_glass++;
    }
  /* Both, in earnest: sections of tissue on glass. */
  g_assert_cmpuint (n_tissue, >, 750 * 500 / 10);
  g_assert_cmpuint (n_glass, >, 750 * 500 / 10);

  /* Each level is level 0 box-filtered, but for JPEG's losses: a mean
   * difference of 2.9 (level 1) and 3.4 (level 2) here; level 1 one
   * pixel off gives about 15 over tissue. */
  for (int level = 1; level <= 2; level++)
    {
      double error = level_vs_box_filter (path, level);

      g_test_message ("level %d: mean difference from the box filter %g", level, error);
      g_assert_cmpfloat (error, <, 5.0);
    }

  /* The same seed in another cache: the same pixels. */
  g_free (f->ctx.cache_dir);
  f->ctx.cache_dir = g_build_filename (f->dir, "again", NULL);
  g_free (ensure_small (f, &generated));
  g_assert_true (generated);
  again = read_level2 (f->ctx.slide_path);
  g_assert_cmpmem (pixels, 750 * 500 * 4, again, 750 * 500 * 4);

  f->ctx.seed = 2;
  other_path = ensure_small (f, &generated);
  g_assert_true (generated);
  g_assert_cmpstr (other_path, !=, path);
  other = read_level2 (other_path);
  g_assert_true (memcmp (pixels, other, 750 * 500 * 4) != 0);
}

static gint64
modification_time (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mtime * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

/* A cached slide is reused as it is; a broken one is written anew. */
static void
test_slide_cache (SlideFixture *f,
                  gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autofree char *reused = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *young = NULL;
  struct utimbuf times;
  gboolean generated = FALSE;
  gint64 mtime;
  gsize len = 0;

  (void) data;
  SKIP_WITHOUT_TISSUE (f);
  path = ensure_small (f, &generated);
  g_assert_true (generated);
  mtime = modification_time (path);

  reused = ensure_small (f, &generated);
  g_assert_false (generated);
  g_assert_cmpstr (reused, ==, path);
  g_assert_cmpint (modification_time (path), ==, mtime);

  /* Truncated, as by a full disk or an interrupted copy. */
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_true (g_file_set_contents (path, contents, len * 2 / 3, &error));
  g_assert_no_error (error);
  g_free (ensure_small (f, &generated));
  g_assert_true (generated);
  g_assert_cmpstr (openslide_detect_vendor (path), ==, "generic-tiff");

  /* Garbage under the cached name. */
  g_assert_true (g_file_set_contents (path, "not a slide", -1, &error));
  g_free (ensure_small (f, &generated));
  g_assert_true (generated);
  g_assert_cmpstr (openslide_detect_vendor (path), ==, "generic-tiff");

  /* No temporary file is left behind; those of an interrupted run go
   * once they are old. */
  dir = g_dir_open (f->ctx.cache_dir, 0, &error);
  g_assert_no_error (error);
  name = g_path_get_basename (path);
  g_assert_cmpstr (g_dir_read_name (dir), ==, name);
  g_assert_null (g_dir_read_name (dir));

  stale = g_strconcat (path, ".AbC123", NULL);
  young = g_strconcat (path, ".XyZ789", NULL);
  g_assert_true (g_file_set_contents (stale, "half a slide", -1, &error));
  g_assert_true (g_file_set_contents (young, "being written", -1, &error));
  times.actime = times.modtime = time (NULL) - 2 * 3600;
  g_assert_cmpint (g_utime (stale, &times), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  g_free (ensure_small (f, &generated));
  g_assert_true (generated);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young, G_FILE_TEST_EXISTS));
}

static void
test_slide_bad_tissue (SlideFixture *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *not_slide = cs_test_shared_slide ("not-a-slide.svs");
  g_autoptr (GDir) dir = NULL;
  gboolean generated = TRUE;

  (void) data;
  SKIP_WITHOUT_TISSUE (f);
  f->ctx.tissue_path = not_slide;
  g_assert_false (cs_bench_ensure_slide_sized (&f->ctx, SMALL_WIDTH, SMALL_HEIGHT,
                                               &generated, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "not-a-slide.svs"));
  g_assert_false (generated);
  g_assert_null (f->ctx.slide_path);

  /* Nothing half written in the cache. */
  dir = g_dir_open (f->ctx.cache_dir, 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  f->ctx.tissue_path = f->tissue;
}

static gboolean
has_tile (GArray *tiles,
          guint   level,
          gint64  col,
          gint64  row)
{
  for (guint i = 0; i < tiles->len; i++)
    {
      gint64 c, r;

      if (cs_bench_native_tile_level (tiles, i, &c, &r) == level && c == col && r == row)
        return TRUE;
    }
  return FALSE;
}

/* Overwrites the first level-0 tile's JPEG data with zeros. */
static void
spoil_first_tile (const char *path)
{
  TIFF *tiff = TIFFOpen (path, "r+");
  guint64 offset, size;
  g_autofree char *zeros = NULL;
  FILE *file;

  g_assert_nonnull (tiff);
  offset = TIFFGetStrileOffset (tiff, 0);
  size = TIFFGetStrileByteCount (tiff, 0);
  TIFFClose (tiff);
  g_assert_cmpuint (size, >, 0);

  zeros = g_malloc0 (size);
  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (zeros, 1, size, file), ==, size);
  fclose (file);
}

/* The decode limit's tiles: those the review shows at the level the
 * viewer reads, each once; all decode, and a broken one is an error. */
static void
test_decode_tiles (SlideFixture *f,
                   gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (CsSlide) slide = NULL;
  g_autoptr (GArray) trajectory = NULL;
  g_autoptr (GArray) tiles = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  gboolean generated = FALSE;

  (void) data;
  SKIP_WITHOUT_TISSUE (f);
  path = ensure_small (f, &generated);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  f->ctx.n_frames = 60;
  trajectory = cs_bench_make_trajectory (&f->ctx, SMALL_WIDTH, SMALL_HEIGHT);
  tiles = cs_bench_collect_native_tiles (slide, trajectory);

  for (guint i = 0; i < tiles->len; i++)
    {
      gint64 col, row, w, h;
      guint level = cs_bench_native_tile_level (tiles, i, &col, &row);

      g_assert_cmpuint (level, <, cs_slide_get_n_levels (slide));
      cs_slide_get_level_size (slide, level, &w, &h);
      g_assert_cmpint (col, >=, 0);
      g_assert_cmpint (row, >=, 0);
      g_assert_cmpint (col * 256, <, w);
      g_assert_cmpint (row * 256, <, h);
      g_assert_true (g_hash_table_add (seen, g_strdup_printf ("%u/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                              level, col, row)));
    }
  /* The opening fit-to-window (zoom 0.54 reads level 0) shows every tile
   * of level 0; the look below it reads level 1. */
  for (gint64 row = 0; row < 8; row++)
    for (gint64 col = 0; col < 12; col++)
      g_assert_true (has_tile (tiles, 0, col, row));
  g_assert_true (has_tile (tiles, 1, 0, 0));

  g_assert_cmpfloat (cs_bench_decode_tiles (path, tiles, 1, &error), >=, 0);
  g_assert_no_error (error);
  g_assert_cmpfloat (cs_bench_decode_tiles (path, tiles, 2, &error), >=, 0);
  g_assert_no_error (error);

  spoil_first_tile (path);
  g_assert_cmpfloat (cs_bench_decode_tiles (path, tiles, 2, &error), <, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bench/trajectory/seeded", test_trajectory_is_seeded);
  g_test_add_func ("/bench/trajectory/levels", test_trajectory_covers_levels);
  g_test_add_func ("/bench/trajectory/pan-speed", test_trajectory_pan_speed);
  g_test_add ("/bench/slide/geometry", SlideFixture, NULL,
              slide_setup, test_slide_geometry, slide_teardown);
  g_test_add ("/bench/slide/pixels", SlideFixture, NULL,
              slide_setup, test_slide_pixels, slide_teardown);
  g_test_add ("/bench/slide/cache", SlideFixture, NULL,
              slide_setup, test_slide_cache, slide_teardown);
  g_test_add ("/bench/decode/tiles", SlideFixture, NULL,
              slide_setup, test_decode_tiles, slide_teardown);
  g_test_add ("/bench/slide/bad-tissue", SlideFixture, NULL,
              slide_setup, test_slide_bad_tissue, slide_teardown);

  return g_test_run ();
}
