/* cs-bench-targets.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench.h"

#include <glib/gi18n.h>
#include <math.h>

/* The targets of issue 7 ("Deliver 2"), from the figures the sections
 * added: each a ratio against the naive viewer of the same run, plus the
 * absolute limits the issue names. A figure that no section measured
 * (a section left out with --only, or one that could not run) makes its
 * target "not measured", which counts as missed. */

typedef struct
{
  const char *name;
  const char *label;
  const char *value;    /* figure id */
  const char *baseline; /* figure id the value is divided by, or NULL */
  double      limit;
  gboolean    at_least;
} TargetSpec;

static const TargetSpec targets[] = {
  /* Opening */
  { "first_paint_ratio", N_("first paint / naive first frame"),
    "viewer.first_paint_ms", "naive.first_frame_ms", 0.1, FALSE },
  { "first_sharp_ratio", N_("first sharp fit-to-window frame / naive first frame"),
    "viewer.first_sharp_ms", "naive.first_frame_ms", 0.5, FALSE },

  /* Warm pan and zoom */
  { "replay_p95_ratio", N_("replay frame p95 / naive frame p95"),
    "viewer.replay_frame_p95_ms", "naive.frame_p95_ms", 1.0 / 50, FALSE },
  { "replay_p95", N_("replay frame p95, ms"),
    "viewer.replay_frame_p95_ms", NULL, 12, FALSE },
  { "replay_max", N_("replay slowest frame, ms"),
    "viewer.replay_frame_max_ms", NULL, 1000.0 / 60, FALSE },

  /* Cold pan and zoom */
  { "cold_p95_ratio", N_("cold frame p95 / naive frame p95"),
    "viewer.cold_frame_p95_ms", "naive.frame_p95_ms", 1.0 / 40, FALSE },
  { "cold_p95", N_("cold frame p95, ms"),
    "viewer.cold_frame_p95_ms", NULL, 1000.0 / 60, FALSE },
  { "cold_sharp_p50_ratio", N_("cold time until sharp p50 / naive frame p50"),
    "viewer.cold_sharp_p50_ms", "naive.frame_p50_ms", 0.1, FALSE },
  { "cold_sharp_p95_ratio", N_("cold time until sharp p95 / naive frame p50"),
    "viewer.cold_sharp_p95_ms", "naive.frame_p50_ms", 0.3, FALSE },

  /* Memory */
  { "rss_with_cache_mib",
    N_("memory with 100,000 annotations and a full 256 MiB tile cache (measured), MiB"),
    "memory.rss_with_cache_mib", NULL, 512, FALSE },

  /* Library (issue 10): a warm scan reads no pixels, and the grid lists
   * every slide long before the thumbnails are done. */
  { "library_warm_ratio", N_("library warm full scan / cold full scan"),
    "library.warm_filled_ms", "library.cold_filled_ms", 0.2, FALSE },
  { "library_list_ratio", N_("library listing / cold full scan"),
    "library.cold_listed_ms", "library.cold_filled_ms", 0.05, FALSE },
  { "library_warm_opened", N_("slides the warm library scan opened"),
    "library.warm_slides_opened", NULL, 0, FALSE },

  /* Loader */
  { "loader_speedup", N_("tiles per second, 2 loader threads / 1"),
    "viewer.loader_speedup", NULL, 1.7, TRUE },
};

static double
target_value (CsBenchResults   *results,
              const TargetSpec *spec)
{
  double value = cs_bench_results_get (results, spec->value);
  double baseline;

  if (spec->baseline == NULL)
    return value;

  baseline = cs_bench_results_get (results, spec->baseline);
  if (isnan (value) || isnan (baseline) || baseline <= 0)
    return NAN;

  return value / baseline;
}

/* The annotations section checks its own targets (cs-bench-annotations.c,
 * same names); when it did not run they are listed here as not measured,
 * so that a partial run never looks like a complete success. */
static const struct
{
  const char *name;
  const char *label;
  double      limit;
} annotation_targets[] = {
  { "overlay_100k_fit_p95_ms", N_("100,000 polygons, overlay frame p95 at fit, ms"), 1000.0 / 60 },
  { "overlay_100k_4x_p95_ms", N_("100,000 polygons, overlay frame p95 at 4× fit, ms"),
    1000.0 / 60 },
  { "overlay_100k_1to1_p95_ms", N_("100,000 polygons, overlay frame p95 at 1:1, ms"),
    1000.0 / 60 },
  { "points_1m_fit_p95_ms", N_("1,000,000 points, overlay frame p95 at fit, ms"), 2000.0 / 60 },
  { "points_1m_4x_p95_ms", N_("1,000,000 points, overlay frame p95 at 4× fit, ms"),
    2000.0 / 60 },
  { "points_1m_1to1_p95_ms", N_("1,000,000 points, overlay frame p95 at 1:1, ms"), 2000.0 / 60 },
  { "dropped", N_("annotations in view not drawn"), 0 },
  { "geojson_save_s", N_("GeoJSON save of 100,000 polygons, s"), 0.5 },
  { "geojson_save_mib", N_("GeoJSON save of 100,000 polygons, MiB added"), 50 },
  { "geojson_load_s", N_("GeoJSON load of 100,000 polygons, s"), 1.5 },
  { "geojson_load_mib", N_("GeoJSON load of 100,000 polygons, MiB added"), 150 },
};

/**
 * cs_bench_check_targets:
 *
 * Adds the viewer's targets (ratios against the naive viewer of the same
 * run, and the absolute limits of issue 7), and the annotation targets the
 * annotations section did not add, as not measured.
 */
void
cs_bench_check_targets (CsBenchContext *ctx)
{
  g_return_if_fail (ctx != NULL && ctx->results != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    cs_bench_results_add_target (ctx->results, targets[i].name, _(targets[i].label),
                                 target_value (ctx->results, &targets[i]),
                                 targets[i].limit, targets[i].at_least);

  for (guint i = 0; i < G_N_ELEMENTS (annotation_targets); i++)
    if (!cs_bench_results_has_target (ctx->results, annotation_targets[i].name))
      cs_bench_results_add_target (ctx->results, annotation_targets[i].name,
                                   _(annotation_targets[i].label), NAN,
                                   annotation_targets[i].limit, FALSE);
}
