/* cs-bench-viewer.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench.h"
#include "cs-bench-gen.h"
#include "cs-bench-viewer-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <time.h>

#include "cs-core-private.h"
#include "cs-renderer.h"
#include "cs-slide.h"
#include "cs-tile-loader.h"

/* The "viewer" section of consilium-cli bench: the scripted review
 * replayed through the machinery the window uses, without GTK. Each frame
 * does what CsSlideView's snapshot does: compute the render plan, hand its
 * requests to the loader, clear the frame and let the renderer draw the
 * plan, here into a 1920 x 1080 image surface. Frames are paced at 60 Hz;
 * between frames the main loop delivers what the loader's two threads
 * read, as it does in the window. Only the frame itself (plan, request,
 * draw) is timed: that is what the main thread owes every 16.7 ms.
 *
 * The review is drawn one viewport per frame, cold (a freshly opened
 * slide) and replayed on the same cache: frame times, and how many frames
 * show coarser stand-ins. For the "time until sharp" it is drawn again
 * from a freshly opened slide, each move held (frames still at 60 Hz)
 * until every visible tile is at its target level, as when the
 * pathologist stops to look. Objects live on the thread that runs the
 * bench. */

#define FRAME_US          (G_USEC_PER_SEC / 60)
#define SHARP_TIMEOUT_US  (5 * G_USEC_PER_SEC)

typedef struct
{
  GArray *frame_ms;   /* double, every frame */
  GArray *cpu_ms;     /* double, the main thread's CPU time of every frame */
  GArray *sharp_ms;   /* double, one per move (settled runs) */
  guint   n_fallback; /* frames not yet at the target level everywhere */
  guint   n_timeouts; /* moves that were not sharp within SHARP_TIMEOUT_US */
  guint   n_over;     /* frames over 1/60 s */
} Run;

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* CPU time of the calling thread, ms: what a frame costs when nothing
 * else wants the cores. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

void
_cs_bench_viewer_clear (CsBenchViewer *viewer)
{
  if (viewer->loader != NULL)
    cs_tile_loader_cancel (viewer->loader);
  g_clear_object (&viewer->loader);
  g_clear_object (&viewer->cache);
  g_clear_object (&viewer->renderer);
  g_clear_object (&viewer->slide);
  g_clear_pointer (&viewer->cr, cairo_destroy);
  g_clear_pointer (&viewer->surface, cairo_surface_destroy);
}

/* Opens the slide as the window does: a CsSlide, a tile cache with the
 * overview levels pinned, a loader and a renderer. */
gboolean
_cs_bench_viewer_open (CsBenchViewer  *viewer,
                       const char     *path,
                       guint           n_threads,
                       GError        **error)
{
  CsTileSource *source;

  viewer->slide = cs_slide_new (path, error);
  if (viewer->slide == NULL)
    return FALSE;

  source = CS_TILE_SOURCE (viewer->slide);
  viewer->cache = cs_tile_cache_new (CS_BENCH_CACHE_BYTES);
  cs_tile_cache_set_pinned_min_level (viewer->cache,
                                      cs_tile_source_get_pinnable_level (source, CS_BENCH_CACHE_BYTES));
  /* As CsSlideView: the overview read while opening goes in first. */
  for (guint i = 0; i < cs_slide_get_overview (viewer->slide)->len; i++)
    cs_tile_cache_insert (viewer->cache, g_ptr_array_index (cs_slide_get_overview (viewer->slide),
                                                            i));
  viewer->loader = cs_tile_loader_new (source, viewer->cache, n_threads);
  viewer->renderer = cs_renderer_new ();
  viewer->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CS_BENCH_VIEW_WIDTH, CS_BENCH_VIEW_HEIGHT);
  viewer->cr = cairo_create (viewer->surface);
  viewer->next_tick = g_get_monotonic_time ();

  return TRUE;
}

/* One frame, timed: what CsSlideView's snapshot does. */
static double
viewer_frame (CsBenchViewer           *viewer,
              const CsViewport *viewport,
              gboolean         *complete,
              gboolean         *painted,
              double           *cpu_ms)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = thread_cpu_ms ();
  g_autoptr(CsRenderPlan) plan = NULL;
  g_autoptr(GArray) requests = NULL;
  double ms;

  plan = cs_render_plan_compute (viewport, CS_TILE_SOURCE (viewer->slide), viewer->cache);
  requests = cs_render_plan_get_requests (plan);
  cs_tile_loader_request (viewer->loader, requests);

  /* The window's background under the slide, as GTK clears a node. */
  cairo_save (viewer->cr);
  cairo_set_operator (viewer->cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgb (viewer->cr, 0x30 / 255.0, 0x30 / 255.0, 0x30 / 255.0);
  cairo_paint (viewer->cr);
  cairo_restore (viewer->cr);
  cs_renderer_draw (viewer->renderer, plan, viewer->cr);
  cairo_surface_flush (viewer->surface);
  ms = elapsed_ms (start);
  if (cpu_ms != NULL)
    *cpu_ms = thread_cpu_ms () - cpu_start;

  *complete = plan->complete;
  *painted = FALSE;
  for (guint i = 0; i < plan->draw->len && !*painted; i++)
    *painted = g_array_index (plan->draw, CsDrawItem, i).tile != NULL;

  return ms;
}

/* Lets the main loop deliver tiles until the next 60 Hz tick. A frame
 * that overran its tick starts the next one at once, as a late frame
 * clock does. */
static void
viewer_wait_tick (CsBenchViewer *viewer)
{
  gint64 now = g_get_monotonic_time ();

  viewer->next_tick += FRAME_US;
  if (viewer->next_tick < now)
    viewer->next_tick = now;

  while ((now = g_get_monotonic_time ()) < viewer->next_tick)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (MIN (500, viewer->next_tick - now));
}

/* One frame of @viewport, untimed, then the loader's time until the next
 * tick: the window showing a view. */
void
_cs_bench_viewer_show (CsBenchViewer    *viewer,
                       const CsViewport *viewport)
{
  gboolean complete, painted;

  viewer_frame (viewer, viewport, &complete, &painted, NULL);
  viewer_wait_tick (viewer);
}

static void
run_init (Run *run)
{
  run->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run->cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run->sharp_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run->n_fallback = run->n_timeouts = run->n_over = 0;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->frame_ms, g_array_unref);
  g_clear_pointer (&run->cpu_ms, g_array_unref);
  g_clear_pointer (&run->sharp_ms, g_array_unref);
}

static void
run_record (Run      *run,
            double    ms,
            double    cpu_ms,
            gboolean  complete)
{
  g_array_append_val (run->frame_ms, ms);
  g_array_append_val (run->cpu_ms, cpu_ms);
  if (ms > 1000.0 / 60)
    run->n_over++;
  if (!complete)
    run->n_fallback++;
}

/* Shows @viewport until it is sharp (or SHARP_TIMEOUT_US passed), one
 * frame per tick; the time from the move to the end of the first sharp
 * frame. Only the move's first frame is recorded: the others are the
 * waiting of a settled review, not frames of the review. */
static void
run_settle (CsBenchViewer           *viewer,
            Run              *run,
            const CsViewport *viewport)
{
  gint64 start = g_get_monotonic_time ();

  for (guint n = 0;; n++)
    {
      gboolean complete, painted;
      double cpu_ms;
      double ms = viewer_frame (viewer, viewport, &complete, &painted, &cpu_ms);

      if (n == 0)
        run_record (run, ms, cpu_ms, complete);
      if (complete || g_get_monotonic_time () - start > SHARP_TIMEOUT_US)
        {
          double sharp = elapsed_ms (start);

          g_array_append_val (run->sharp_ms, sharp);
          run->n_timeouts += !complete;
          viewer_wait_tick (viewer);
          return;
        }
      viewer_wait_tick (viewer);
    }
}

/* The review: one viewport per frame (@settle FALSE), as the window
 * draws a drag or a wheel zoom; or each move held until it is sharp. */
static void
run_trajectory (CsBenchViewer   *viewer,
                Run      *run,
                GArray   *trajectory,
                gboolean  settle)
{
  run_init (run);
  viewer->next_tick = g_get_monotonic_time ();
  for (guint i = 0; i < trajectory->len; i++)
    {
      const CsViewport *viewport = &g_array_index (trajectory, CsViewport, i);
      gboolean complete, painted;
      double ms, cpu_ms;

      if (settle)
        {
          run_settle (viewer, run, viewport);
          continue;
        }
      ms = viewer_frame (viewer, viewport, &complete, &painted, &cpu_ms);
      run_record (run, ms, cpu_ms, complete);
      viewer_wait_tick (viewer);
    }
}

void
_cs_bench_viewer_add (CsBenchContext *ctx,
                      const char     *name,
                      double          value,
                      const char     *unit,
                      const char     *label)
{
  cs_bench_results_add (ctx->results, "viewer", name, value, unit, label);
}

/* A figure of the cold run or the replay: "cold_frame_p95_ms", labelled
 * "cold: main-thread frame time p95". */
static void
add_run_figure (CsBenchContext *ctx,
                const char     *prefix,
                const char     *what,
                const char     *name,
                double          value,
                const char     *unit,
                const char     *label)
{
  g_autofree char *id = g_strconcat (prefix, "_", name, NULL);
  /* Translators: "cold" or "replay", then what a figure measures */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), what, label);

  _cs_bench_viewer_add (ctx, id, value, unit, text);
}

static void
report_frames (CsBenchContext *ctx,
               Run            *run,
               const char     *prefix,
               const char     *what)
{
  static const struct { const char *name; double p; const char *label; } frames[] = {
    { "frame_p50_ms", 50, N_("main-thread frame time p50") },
    { "frame_p95_ms", 95, N_("main-thread frame time p95") },
    { "frame_p99_ms", 99, N_("main-thread frame time p99") },
    { "frame_max_ms", 100, N_("main-thread frame time, slowest") },
  };
  guint n_frames = run->frame_ms->len;

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    add_run_figure (ctx, prefix, what, frames[i].name,
                    cs_bench_percentile (run->frame_ms, frames[i].p), "ms", _(frames[i].label));

  add_run_figure (ctx, prefix, what, "frame_cpu_p95_ms", cs_bench_percentile (run->cpu_ms, 95),
                  "ms", _("main-thread CPU time per frame p95"));
  add_run_figure (ctx, prefix, what, "frame_cpu_max_ms", cs_bench_percentile (run->cpu_ms, 100),
                  "ms", _("main-thread CPU time per frame, most"));
  add_run_figure (ctx, prefix, what, "frames", n_frames, "", _("frames drawn"));
  add_run_figure (ctx, prefix, what, "fallback_share",
                  100.0 * run->n_fallback / MAX (n_frames, 1), "%",
                  _("frames showing coarser stand-ins or holes"));
  add_run_figure (ctx, prefix, what, "frames_over_16ms", run->n_over, "",
                  _("frames over 16.7 ms"));
}

static void
report_settle (CsBenchContext *ctx,
               Run            *run)
{
  const char *what = _("cold");
  guint n_moves = run->sharp_ms->len;

  add_run_figure (ctx, "cold", what, "sharp_p50_ms", cs_bench_percentile (run->sharp_ms, 50),
                  "ms", _("time until sharp after a move p50"));
  add_run_figure (ctx, "cold", what, "sharp_p95_ms", cs_bench_percentile (run->sharp_ms, 95),
                  "ms", _("time until sharp after a move p95"));
  add_run_figure (ctx, "cold", what, "blurry_moves_share",
                  100.0 * run->n_fallback / MAX (n_moves, 1), "%",
                  _("moves whose first frame shows stand-ins"));
  add_run_figure (ctx, "cold", what, "sharp_timeouts", run->n_timeouts, "",
                  _("moves not sharp within 5 s"));
}

/* Opens the slide and shows it fitted to the window, frame by frame at
 * 60 Hz, until it is sharp: the time to the first frame that shows any
 * pixels of the slide, and to the first sharp one. */
static gboolean
measure_open (CsBenchContext  *ctx,
              CsBenchViewer          *viewer,
              GError         **error)
{
  gint64 start = g_get_monotonic_time ();
  double first_paint = NAN, first_sharp = NAN;
  CsViewport viewport;
  gint64 width, height;

  if (!_cs_bench_viewer_open (viewer, ctx->slide_path, CS_BENCH_LOADER_THREADS, error))
    return FALSE;
  _cs_bench_viewer_add (ctx, "open_ms", elapsed_ms (start), "ms", _("opening the slide"));

  cs_slide_get_level_size (viewer->slide, 0, &width, &height);
  cs_viewport_init (&viewport, 0, 0, 1, CS_BENCH_VIEW_WIDTH, CS_BENCH_VIEW_HEIGHT);
  cs_viewport_fit (&viewport, width, height);

  while (isnan (first_sharp) && g_get_monotonic_time () - start < SHARP_TIMEOUT_US)
    {
      gboolean complete, painted;

      viewer_frame (viewer, &viewport, &complete, &painted, NULL);
      if (painted && isnan (first_paint))
        first_paint = elapsed_ms (start);
      if (complete)
        first_sharp = elapsed_ms (start);
      else
        viewer_wait_tick (viewer);
    }

  _cs_bench_viewer_add (ctx, "first_paint_ms", first_paint, "ms",
       _("open to first frame (coarse pixels allowed)"));
  _cs_bench_viewer_add (ctx, "first_sharp_ms", first_sharp, "ms", _("open to first sharp fit-to-window frame"));

  return TRUE;
}

/* The review on a freshly opened slide, one viewport per frame; then,
 * freshly opened again, each move held until it is sharp, which leaves
 * every tile of the review in the cache (as far as 256 MiB hold them) for
 * the replay, one viewport per frame again. */
static gboolean
measure_review (CsBenchContext  *ctx,
                GArray          *trajectory,
                GError         **error)
{
  CsBenchViewer viewer = { 0 };
  Run cold, replay, settle;
  guint n_read;

  if (!_cs_bench_viewer_open (&viewer, ctx->slide_path, CS_BENCH_LOADER_THREADS, error))
    return FALSE;
  run_trajectory (&viewer, &cold, trajectory, FALSE);
  _cs_bench_viewer_add (ctx, "cold_tiles_read", cs_tile_loader_get_n_read (viewer.loader), "",
       _("cold: tiles read"));
  report_frames (ctx, &cold, "cold", _("cold"));
  _cs_bench_viewer_clear (&viewer);

  if (!_cs_bench_viewer_open (&viewer, ctx->slide_path, CS_BENCH_LOADER_THREADS, error))
    return FALSE;
  run_trajectory (&viewer, &settle, trajectory, TRUE);
  report_settle (ctx, &settle);
  n_read = cs_tile_loader_get_n_read (viewer.loader);
  run_trajectory (&viewer, &replay, trajectory, FALSE);
  _cs_bench_viewer_add (ctx, "replay_tiles_read", cs_tile_loader_get_n_read (viewer.loader) - n_read, "",
       _("replay: tiles read again (evicted from the cache)"));
  report_frames (ctx, &replay, "replay", _("replay"));
  _cs_bench_viewer_clear (&viewer);

  run_clear (&cold);
  run_clear (&replay);
  run_clear (&settle);

  return TRUE;
}

gboolean
cs_bench_run_viewer (CsBenchContext  *ctx,
                     GError         **error)
{
  CsBenchViewer viewer = { 0 };
  g_autoptr(GArray) trajectory = NULL;
  gint64 width, height;

  g_return_val_if_fail (ctx != NULL && ctx->slide_path != NULL, FALSE);

  cs_bench_reset_peak_rss ();
  if (!measure_open (ctx, &viewer, error))
    {
      _cs_bench_viewer_clear (&viewer);
      return FALSE;
    }
  cs_slide_get_level_size (viewer.slide, 0, &width, &height);
  _cs_bench_viewer_clear (&viewer);

  trajectory = cs_bench_make_trajectory (ctx, width, height);
  if (!measure_review (ctx, trajectory, error))
    return FALSE;
  _cs_bench_viewer_add (ctx, "peak_rss_mib", cs_bench_peak_rss () / (1024.0 * 1024.0), "MiB",
       _("peak resident memory, 256 MiB tile cache"));

  return _cs_bench_measure_loader_threads (ctx, trajectory, error);
}
