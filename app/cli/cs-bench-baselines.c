/* cs-bench-baselines.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-baselines-private.h"
#include "cs-bench-gen.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <math.h>
#include <openslide.h>
#include <string.h>

#include "cs-viewport.h"

/* The baselines of consilium-cli bench, on the review the viewer section
 * replays and the same slide:
 *  - "naive": a viewer that, for every frame, reads the whole viewport
 *    with openslide_read_region at OpenSlide's best level for the zoom and
 *    scales it onto a 1920x1080 cairo surface with cairo's default filter
 *    (CAIRO_FILTER_GOOD), as a naive viewer writes it (see naive_frame());
 *    the targets are ratios against this one;
 *  - "naive_bilinear": the previous, kinder baseline, an extra figure no
 *    target uses: the read starts on a whole pixel of the level and cairo
 *    scales bilinear;
 *  - "openslide": openslide_read_region of one aligned 256x256 tile, the
 *    first time (not in OpenSlide's cache) and again (cached, the best of
 *    three runs, by one thread and by two);
 *  - "decode": the decode limit (see cs-bench-decode.c), the best of
 *    three runs by one thread and by two.
 * Each run stops early once it has taken its time budget, and says how
 * many frames or tiles it measured. */

#define NAIVE_BUDGET_QUICK_S 15
#define NAIVE_BUDGET_FULL_S  240
#define DECODE_MAX_QUICK     3000
#define DECODE_MAX_FULL      20000
#define OPENSLIDE_TILES      200
#define TILE                 256
#define RUNS                 3 /* of the tile measurements, the best kept */

static void
add (CsBenchContext *ctx,
     const char     *section,
     const char     *name,
     double          value,
     const char     *unit,
     const char     *label)
{
  cs_bench_results_add (ctx->results, section, name, value, unit, label);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
openslide_failed (openslide_t *osr,
                  const char  *path,
                  GError     **error)
{
  const char *message = osr == NULL ? _("not a slide OpenSlide can open")
                                    : openslide_get_error (osr);

  if (message == NULL)
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not read the benchmark slide “%s”: %s"), path, message);
  return TRUE;
}

/* One naive frame: the viewport read whole at the best level, scaled.
 * As a naive viewer writes it, the read starts at the viewport's origin
 * in level-0 pixels, which is mostly not a whole pixel of the level read,
 * and cairo scales with its default filter. @tuned is the previous,
 * kinder baseline: the origin moved to a whole pixel of the level (which
 * OpenSlide reads about 3 times faster, issue 7) and a bilinear scale. */
static void
naive_frame (openslide_t      *osr,
             const CsViewport *vp,
             cairo_t          *cr,
             GByteArray       *buffer,
             gboolean          tuned)
{
  int32_t level = openslide_get_best_level_for_downsample (osr, 1.0 / vp->zoom);
  double ds = openslide_get_level_downsample (osr, level);
  double x = floor (vp->x), y = floor (vp->y);
  int w, h;
  cairo_surface_t *region;

  if (tuned)
    {
      x = floor (vp->x / ds) * ds;
      y = floor (vp->y / ds) * ds;
    }
  w = (int) ceil (vp->width / vp->zoom / ds) + 2;
  h = (int) ceil (vp->height / vp->zoom / ds) + 2;
  g_byte_array_set_size (buffer, (guint) w * h * 4);
  openslide_read_region (osr, (guint32 *) buffer->data, (int64_t) x, (int64_t) y, level, w, h);
  region = cairo_image_surface_create_for_data (buffer->data, CAIRO_FORMAT_ARGB32,
                                                w, h, w * 4);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, vp->zoom * ds, vp->zoom * ds);
  cairo_set_source_surface (cr, region, (x - vp->x) / ds, (y - vp->y) / ds);
  if (tuned)
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_flush (cairo_get_target (cr));
  cairo_surface_destroy (region);
}

static void
add_distribution (CsBenchContext *ctx,
                  const char     *section,
                  GArray         *ms,
                  const char     *what)
{
  const struct { const char *name; double p; } points[] = {
    { "frame_p50_ms", 50 }, { "frame_p95_ms", 95 }, { "frame_p99_ms", 99 }, { "frame_max_ms", 100 },
  };
  g_autofree char *mean_label = g_strdup_printf (_("%s: frame mean"), what);
  double sum = 0;

  for (guint i = 0; i < ms->len; i++)
    sum += g_array_index (ms, double, i);
  add (ctx, section, "frame_mean_ms", sum / MAX (1, ms->len), "ms", mean_label);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *label = points[i].p < 100
        ? g_strdup_printf (_("%s: frame p%g"), what, points[i].p)
        : g_strdup_printf (_("%s: slowest frame"), what);

      add (ctx, section, points[i].name, cs_bench_percentile (ms, points[i].p), "ms", label);
    }
}

/* The naive viewer on the review, from opening OpenSlide to the last
 * frame; figures in @section. */
static gboolean
run_naive (CsBenchContext *ctx,
           GArray         *trajectory,
           const char     *section,
           gboolean        tuned,
           GError        **error)
{
  g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GByteArray) buffer = g_byte_array_new ();
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                       CS_BENCH_VIEW_WIDTH,
                                                       CS_BENCH_VIEW_HEIGHT);
  cairo_t *cr = cairo_create (frame);
  const char *what = tuned ? _("naive viewer, aligned and bilinear (no target)")
                              : _("naive viewer");
  double budget_ms = 1000.0 * (ctx->quick ? NAIVE_BUDGET_QUICK_S : NAIVE_BUDGET_FULL_S);
  gint64 start = g_get_monotonic_time ();
  openslide_t *osr = openslide_open (ctx->slide_path);
  gboolean ok = !openslide_failed (osr, ctx->slide_path, error);

  for (guint i = 0; ok && i < trajectory->len && (i == 0 || ms_since (start) < budget_ms); i++)
    {
      gint64 frame_start = g_get_monotonic_time ();

      naive_frame (osr, &g_array_index (trajectory, CsViewport, i), cr, buffer, tuned);
      g_array_append_val (ms, (double) { ms_since (frame_start) });
      if (i == 0)
        {
          g_autofree char *label = g_strdup_printf (_("%s: open and first frame"), what);

          add (ctx, section, "first_frame_ms", ms_since (start), "ms", label);
        }
      ok = !openslide_failed (osr, ctx->slide_path, error);
    }

  if (osr != NULL)
    openslide_close (osr);
  cairo_destroy (cr);
  cairo_surface_destroy (frame);
  if (!ok)
    return FALSE;

  add (ctx, section, "frames", ms->len, "",
       tuned ? _("naive viewer as above, but reading from a whole pixel of the level and "
                 "scaling with CAIRO_FILTER_BILINEAR (the previous baseline, an extra figure "
                 "no target uses): frames measured")
                : _("naive viewer (whole viewport read with openslide_read_region at the best "
                    "level, cairo scale with the default filter): frames measured"));
  add_distribution (ctx, section, ms, what);
  return TRUE;
}

/* Level-0 tiles of the review, for OpenSlide's own tile reads; the
 * coarsest level's when the review never reached level 0. */
static GArray *
pick_openslide_tiles (GArray *tiles)
{
  GArray *picked = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
  guint wanted_level = G_MAXUINT;

  for (guint i = 0; i < tiles->len; i++)
    {
      gint64 col, row;

      wanted_level = MIN (wanted_level, cs_bench_native_tile_level (tiles, i, &col, &row));
    }
  for (guint i = 0; i < tiles->len && picked->len < OPENSLIDE_TILES; i++)
    {
      gint64 t[3];

      t[0] = cs_bench_native_tile_level (tiles, i, &t[1], &t[2]);
      if (t[0] == wanted_level)
        g_array_append_val (picked, t);
    }
  return picked;
}

typedef struct
{
  openslide_t *osr;
  gint64       tile[3];
  guint        n;
} CachedReads;

static void
read_tile (openslide_t  *osr,
           const gint64 *t,
           guint32      *dest)
{
  double ds = openslide_get_level_downsample (osr, (int32_t) t[0]);

  openslide_read_region (osr, dest, (int64_t) (t[1] * TILE * ds),
                         (int64_t) (t[2] * TILE * ds), (int32_t) t[0], TILE, TILE);
}

static gpointer
read_cached (gpointer data)
{
  CachedReads *reads = data;
  g_autofree guint32 *dest = g_new (guint32, TILE * TILE);

  for (guint i = 0; i < reads->n; i++)
    read_tile (reads->osr, reads->tile, dest);
  return NULL;
}

/* One aligned 256x256 tile through openslide_read_region: each of a
 * run of tiles read for the first time (not in OpenSlide's cache), then
 * one of them again and again (cached) by one thread and by two. */
static gboolean
run_openslide (CsBenchContext *ctx,
               GArray         *tiles,
               GError        **error)
{
  g_autoptr (GArray) picked = pick_openslide_tiles (tiles);
  g_autofree guint32 *dest = g_new (guint32, TILE * TILE);
  openslide_t *osr = openslide_open (ctx->slide_path);
  CachedReads reads[2];
  GThread *threads[2];
  gint64 start;
  double uncached, cached, two;

  if (openslide_failed (osr, ctx->slide_path, error) || picked->len == 0)
    {
      if (osr != NULL)
        openslide_close (osr);
      return picked->len == 0;
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < picked->len; i++)
    read_tile (osr, &g_array_index (picked, gint64, 3 * i), dest);
  uncached = ms_since (start) / picked->len;

  /* Cached: the first tile again and again; with two threads, each its
   * own tile (the second, when there is one). */
  for (guint i = 0; i < 2; i++)
    {
      reads[i] = (CachedReads) { osr, { 0 }, OPENSLIDE_TILES };
      memcpy (reads[i].tile, &g_array_index (picked, gint64, 3 * MIN (i, picked->len - 1)),
              sizeof reads[i].tile);
    }
  cached = two = G_MAXDOUBLE;
  for (guint run = 0; run < RUNS; run++)
    {
      start = g_get_monotonic_time ();
      read_cached (&reads[0]);
      cached = MIN (cached, ms_since (start) / OPENSLIDE_TILES);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < 2; i++)
        threads[i] = g_thread_new ("bench-openslide", read_cached, &reads[i]);
      for (guint i = 0; i < 2; i++)
        g_thread_join (threads[i]);
      two = MIN (two, ms_since (start) / (2 * OPENSLIDE_TILES));
    }

  if (openslide_failed (osr, ctx->slide_path, error))
    {
      openslide_close (osr);
      return FALSE;
    }
  openslide_close (osr);

  add (ctx, "openslide", "tiles", picked->len, "",
       _("openslide_read_region of one aligned 256×256 tile: tiles read uncached"));
  add (ctx, "openslide", "uncached_ms", uncached, "ms",
       _("openslide tile, not in OpenSlide's cache"));
  add (ctx, "openslide", "cached_ms", cached, "ms", _("openslide tile, cached"));
  add (ctx, "openslide", "cached_2_threads_ms", two, "ms",
       _("openslide tile, cached, 2 threads (wall time per tile)"));
  return TRUE;
}

/* The best of a few runs: other processes on the machine only ever make
 * a run slower. */
static double
best_decode_time (const char *path,
                  GArray     *tiles,
                  guint       n_threads,
                  GError    **error)
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      double seconds = cs_bench_decode_tiles (path, tiles, n_threads, error);

      if (seconds < 0)
        return seconds;
      best = MIN (best, seconds);
    }
  return best;
}

static gboolean
run_decode (CsBenchContext *ctx,
            GArray         *tiles,
            GError        **error)
{
  guint max = ctx->quick ? DECODE_MAX_QUICK : DECODE_MAX_FULL;
  double one, two, cached;

  if (tiles->len > max)
    g_array_set_size (tiles, max);
  one = best_decode_time (ctx->slide_path, tiles, 1, error);
  if (one < 0)
    return FALSE;
  two = best_decode_time (ctx->slide_path, tiles, 2, error);
  if (two < 0)
    return FALSE;

  add (ctx, "decode", "tiles", tiles->len, "",
       _("decode limit (TIFFReadRawTile + libjpeg-turbo): native tiles the review shows"));
  add (ctx, "decode", "1_thread_tiles_per_s", tiles->len / one, "tiles/s",
       _("decode limit, 1 thread"));
  add (ctx, "decode", "1_thread_ms_per_tile", 1000.0 * one / tiles->len, "ms",
       _("decode limit, 1 thread: per tile"));
  add (ctx, "decode", "2_threads_tiles_per_s", tiles->len / two, "tiles/s",
       _("decode limit, 2 threads"));
  add (ctx, "decode", "2_threads_ms_per_tile", 1000.0 * two / tiles->len, "ms",
       _("decode limit, 2 threads: wall time per tile"));
  add (ctx, "decode", "speedup", one / two, "×", _("decode limit: 2 threads / 1 thread"));

  cached = cs_bench_results_get (ctx->results, "openslide.cached_ms");
  if (!isnan (cached))
    add (ctx, "decode", "openslide_cached_ratio", cached / (1000.0 * one / tiles->len), "×",
         _("openslide cached tile / decode limit tile (1 thread)"));
  return TRUE;
}

gboolean
cs_bench_run_baselines (CsBenchContext *ctx,
                        GError        **error)
{
  g_autoptr (CsSlide) slide = NULL;
  g_autoptr (GArray) trajectory = NULL;
  g_autoptr (GArray) tiles = NULL;
  gint64 width = 0, height = 0;

  g_return_val_if_fail (ctx != NULL && ctx->slide_path != NULL, FALSE);

  slide = cs_slide_new (ctx->slide_path, error);
  if (slide == NULL)
    return FALSE;
  cs_slide_get_level_size (slide, 0, &width, &height);
  trajectory = cs_bench_make_trajectory (ctx, width, height);
  tiles = cs_bench_collect_native_tiles (slide, trajectory);

  return run_naive (ctx, trajectory, "naive", FALSE, error)
         && run_naive (ctx, trajectory, "naive_bilinear", TRUE, error)
         && run_openslide (ctx, tiles, error)
         && run_decode (ctx, tiles, error);
}
