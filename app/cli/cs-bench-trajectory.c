/* cs-bench-trajectory.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include <math.h>

#include "cs-bench-gen.h"
#include "cs-viewport.h"

/* The scripted review: what a pathologist does with a slide in a
 * 1920x1080 window, one viewport per frame. It starts at fit-to-window,
 * looks once below it, then zooms in by wheel notches (a factor of sqrt 2
 * per frame) around a point of interest, the first time down to 1:1 or
 * 2:1, later mostly to the 10x and 20x a pathologist screens at (zoom 1/4
 * to 1/2) and less often to 40x (1:1) or beyond, dragging a little at the
 * zooms on the way; pans at that zoom with drags (a few
 * hundred screen pixels per frame) and flings (a fast start that decays);
 * zooms partly out and in again; jumps to another region, returns to a
 * place seen before, or zooms all the way out. Every choice comes from a
 * GRand seeded with ctx->seed, so the same seed gives the same review. */

#define ZOOM_STEP   G_SQRT2
#define DRAG_MIN_PX 120.0
#define DRAG_MAX_PX 420.0
#define FLING_DECAY 0.85

typedef struct
{
  GRand     *rand;
  GArray    *frames;
  guint      n_frames;
  double     width;
  double     height;
  double     fit_zoom;
  CsViewport vp;
  GArray    *seen;
} Script;

static gboolean
script_full (Script *s)
{
  return s->frames->len >= s->n_frames;
}

/* Keeps the view within the slide: a side the view cannot fill is
 * centred, otherwise the view stays inside it. Returns which axes were
 * held back (1 for x, 2 for y). */
static guint
clamp_axis (double *origin,
            double  view_px,
            double  zoom,
            double  extent)
{
  double visible = view_px / zoom;
  double clamped;

  if (visible >= extent)
    clamped = (extent - visible) / 2.0;
  else
    clamped = CLAMP (*origin, 0.0, extent - visible);

  if (clamped == *origin)
    return 0;
  *origin = clamped;
  return 1;
}

static guint
script_clamp (Script *s)
{
  guint held = 0;

  held |= clamp_axis (&s->vp.x, s->vp.width, s->vp.zoom, s->width);
  held |= clamp_axis (&s->vp.y, s->vp.height, s->vp.zoom, s->height) << 1;
  return held;
}

/* Records the current view as the next frame; FALSE once the review is
 * complete. */
static gboolean
script_emit (Script *s)
{
  if (script_full (s))
    return FALSE;
  script_clamp (s);
  g_array_append_val (s->frames, s->vp);
  return !script_full (s);
}

static double
script_range (Script *s,
              double  lo,
              double  hi)
{
  return g_rand_double_range (s->rand, lo, hi);
}

/* Steps the zoom towards @target by wheel notches, keeping the image
 * point (@ax, @ay) under the pointer (the view's centre when it is off
 * screen). */
static void
script_zoom_to (Script *s,
                double  target,
                double  ax,
                double  ay)
{
  while (!script_full (s) && fabs (log (s->vp.zoom / target)) > 1e-9)
    {
      double sx, sy, zoom;

      if (s->vp.zoom < target)
        zoom = MIN (s->vp.zoom * ZOOM_STEP, target);
      else
        zoom = MAX (s->vp.zoom / ZOOM_STEP, target);

      cs_viewport_to_screen (&s->vp, ax, ay, &sx, &sy);
      if (sx < 0 || sy < 0 || sx >= s->vp.width || sy >= s->vp.height)
        {
          sx = s->vp.width / 2.0;
          sy = s->vp.height / 2.0;
        }
      cs_viewport_zoom_at (&s->vp, zoom, sx, sy);
      script_emit (s);
    }
}

/* Pans by (vx, vy) screen pixels per frame for @n frames, each frame's
 * speed multiplied by @decay (1 for a drag, < 1 for a fling); bounces off
 * the slide's edges as a user would turn back. */
static void
script_pan (Script *s,
            guint   n,
            double  vx,
            double  vy,
            double  decay)
{
  for (guint i = 0; i < n && !script_full (s); i++)
    {
      double jitter = script_range (s, 0.9, 1.1);
      guint held;

      cs_viewport_pan (&s->vp, vx * jitter, vy * jitter);
      held = script_clamp (s);
      if (held & 1)
        vx = -vx;
      if (held & 2)
        vy = -vy;
      script_emit (s);
      vx *= decay;
      vy *= decay;
    }
}

static void
script_drag (Script *s,
             guint   min_frames,
             guint   max_frames)
{
  double angle = script_range (s, 0, 2 * G_PI);
  double speed = script_range (s, DRAG_MIN_PX, DRAG_MAX_PX);
  guint n = g_rand_int_range (s->rand, min_frames, max_frames + 1);

  script_pan (s, n, speed * cos (angle), speed * sin (angle), 1.0);
}

static void
script_fling (Script *s)
{
  double angle = script_range (s, 0, 2 * G_PI);
  double speed = script_range (s, 500, 900);
  /* Until the speed falls below ~20 px per frame. */
  guint n = (guint) ceil (log (20.0 / speed) / log (FLING_DECAY));

  script_pan (s, n, speed * cos (angle), speed * sin (angle), FLING_DECAY);
}

/* A point inside the slide, away from its edges, where tissue may be. */
static void
script_point (Script *s,
              double *x,
              double *y)
{
  *x = s->width * script_range (s, 0.15, 0.85);
  *y = s->height * script_range (s, 0.15, 0.85);
}

static void
script_remember (Script *s)
{
  g_array_append_val (s->seen, s->vp);
}

/* The zoom a closer look goes to: 10x and 20x (on a 40x slide) most,
 * 40x less, beyond it rarely; wheel notches in between too. */
static double
script_pick_depth (Script *s)
{
  static const struct { double zoom; double weight; } depths[] = {
    { 0.25, 0.15 }, { 0.5 / G_SQRT2, 0.15 }, { 0.5, 0.25 },
    { 1.0 / G_SQRT2, 0.15 }, { 1.0, 0.2 }, { 2.0, 0.1 },
  };
  double pick = g_rand_double (s->rand);

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      if (pick < depths[i].weight)
        return MAX (depths[i].zoom, s->fit_zoom);
      pick -= depths[i].weight;
    }
  return 1.0;
}

/* Zooms from wherever the view is into a point of interest (to @deep, or
 * a depth picked when 0), dragging a little at some of the zooms on the
 * way, then looks around there. */
static void
script_examine (Script *s,
                double  deep,
                double  drag_chance)
{
  double px, py, cx, cy;

  if (deep <= 0)
    deep = script_pick_depth (s);
  cs_viewport_get_center (&s->vp, &cx, &cy);
  if (s->vp.zoom < s->fit_zoom * 1.5)
    script_point (s, &px, &py);
  else
    {
      px = CLAMP (cx + script_range (s, -0.3, 0.3) * s->vp.width / s->vp.zoom, 0, s->width);
      py = CLAMP (cy + script_range (s, -0.3, 0.3) * s->vp.height / s->vp.zoom, 0, s->height);
    }

  while (!script_full (s) && s->vp.zoom < deep * (1 - 1e-9))
    {
      script_zoom_to (s, MIN (s->vp.zoom * ZOOM_STEP, deep), px, py);
      if (g_rand_double (s->rand) < drag_chance)
        script_drag (s, 2, 4);
    }
  /* Already closer than that: out to it. */
  script_zoom_to (s, deep, px, py);

  script_drag (s, 6, 16);
  script_remember (s);
  if (g_rand_double (s->rand) < 0.5)
    script_fling (s);
  script_drag (s, 4, 10);
}

/* Zooms out a few notches to get one's bearings, pans, and goes on. */
static void
script_step_back (Script *s)
{
  double cx, cy;
  guint notches = g_rand_int_range (s->rand, 2, 6);

  cs_viewport_get_center (&s->vp, &cx, &cy);
  script_zoom_to (s, MAX (s->vp.zoom / pow (ZOOM_STEP, notches), s->fit_zoom), cx, cy);
  script_drag (s, 3, 8);
}

/* Jumps to another region at the same zoom (a click in the overview). */
static void
script_jump (Script *s)
{
  double x, y;

  script_point (s, &x, &y);
  cs_viewport_set_center (&s->vp, x, y);
  script_emit (s);
  script_drag (s, 4, 10);
}

/* Goes back to a place seen before, as it was seen. */
static void
script_return (Script *s)
{
  guint i = g_rand_int_range (s->rand, 0, s->seen->len);

  s->vp = g_array_index (s->seen, CsViewport, i);
  script_emit (s);
  script_drag (s, 3, 8);
}

static void
script_zoom_out_fully (Script *s)
{
  double cx, cy;

  cs_viewport_get_center (&s->vp, &cx, &cy);
  script_zoom_to (s, s->fit_zoom, cx, cy);
}

double
cs_bench_fit_zoom (guint64 width,
                   guint64 height)
{
  CsViewport vp;

  cs_viewport_init (&vp, 0, 0, 1, CS_BENCH_VIEW_WIDTH, CS_BENCH_VIEW_HEIGHT);
  cs_viewport_fit (&vp, width, height);
  return vp.zoom;
}

static void
script_opening (Script *s)
{
  double cx = s->width / 2.0;
  double cy = s->height / 2.0;

  /* Fit to the window, as the viewer opens; a look below it and back. */
  cs_viewport_init (&s->vp, 0, 0, 1, CS_BENCH_VIEW_WIDTH, CS_BENCH_VIEW_HEIGHT);
  cs_viewport_fit (&s->vp, s->width, s->height);
  script_emit (s);
  script_zoom_to (s, s->fit_zoom / 2.0, cx, cy);
  script_zoom_to (s, s->fit_zoom, cx, cy);
  /* The first descent goes through every level, with few detours so that
   * even a short review covers them all. */
  script_examine (s, g_rand_double (s->rand) < 0.3 ? 2.0 : 1.0, 0.3);
}

static void
script_review (Script *s)
{
  script_opening (s);
  while (!script_full (s))
    {
      double what = g_rand_double (s->rand);

      if (what < 0.3)
        script_jump (s);
      else if (what < 0.55)
        script_return (s);
      else if (what < 0.7)
        script_zoom_out_fully (s);
      else
        script_step_back (s);

      if (g_rand_double (s->rand) < 0.6)
        script_examine (s, 0, 0.5);
    }
}

/**
 * cs_bench_make_trajectory:
 *
 * Returns: (transfer full): @ctx->n_frames CsViewport of 1920x1080, the
 *   same for the same seed and slide size
 */
GArray *
cs_bench_make_trajectory (CsBenchContext *ctx,
                          guint64         slide_width,
                          guint64         slide_height)
{
  Script s = { 0 };
  guint32 seed[2];

  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (slide_width > 0 && slide_height > 0, NULL);

  seed[0] = (guint32) (ctx->seed & 0xffffffffu);
  seed[1] = (guint32) (ctx->seed >> 32);
  s.rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
  s.frames = g_array_sized_new (FALSE, TRUE, sizeof (CsViewport), ctx->n_frames);
  s.seen = g_array_new (FALSE, TRUE, sizeof (CsViewport));
  s.n_frames = ctx->n_frames;
  s.width = slide_width;
  s.height = slide_height;
  s.fit_zoom = cs_bench_fit_zoom (slide_width, slide_height);

  script_review (&s);

  g_array_unref (s.seen);
  g_rand_free (s.rand);
  return s.frames;
}
