/* cs-bench.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* consilium-cli bench: measurements of what a pathologist feels, each set
 * against a baseline measured in the same run (issue 7). The command
 * (cs-cli-bench.c) builds a CsBenchContext, runs the sections in order and
 * prints the table; with --json it writes every figure and ratio.
 *
 * A section adds figures (a measured value with its unit) and targets (a
 * ratio or an absolute figure checked against its limit). Figure names
 * are stable identifiers ("replay.frame_p95_ms"); labels are for people
 * and translatable. */

typedef struct _CsBenchResults CsBenchResults;

/**
 * CsBenchContext:
 * @quick: --quick: a ~20000x20000 slide and fewer frames, under a minute
 * @seed: the seed of every generator (--seed, default 1)
 * @n_frames: frames of the scripted review (300, or 60 with --quick)
 * @cache_dir: where generated slides are kept between runs
 *   ($XDG_CACHE_HOME/consilium/bench, or --cache-dir)
 * @tissue_path: the real slide the generated one is built from
 *   (CMU-1-Small-Region.svs: --tissue, else the installed sample)
 * @slide_path: the generated pyramidal JPEG TIFF, set by the generator
 *   section (cs_bench_ensure_slide) before the others run
 * @results: where sections add what they measured
 */
typedef struct
{
  gboolean        quick;
  guint64         seed;
  guint           n_frames;
  char           *cache_dir;
  char           *tissue_path;
  char           *slide_path;
  CsBenchResults *results;
} CsBenchContext;

CsBenchResults *cs_bench_results_new        (void);
void            cs_bench_results_free       (CsBenchResults *results);
/* Adds (or replaces) one figure under @section ("replay", "naive", …). */
void            cs_bench_results_add        (CsBenchResults *results,
                                             const char     *section,
                                             const char     *name,
                                             double          value,
                                             const char     *unit,
                                             const char     *label);
/* Looks a figure up ("replay.frame_p95_ms"); NAN when absent. */
double          cs_bench_results_get        (CsBenchResults *results,
                                             const char     *id);
/* A target: @value must be <= @limit (or >= with @at_least). @label says
 * what it means ("warm frame p95 / naive frame p95"). */
void            cs_bench_results_add_target (CsBenchResults *results,
                                             const char     *name,
                                             const char     *label,
                                             double          value,
                                             double          limit,
                                             gboolean        at_least);
/* Every figure and target as a table for people. */
char           *cs_bench_results_to_table   (CsBenchResults *results);
/* Every figure and target as JSON: {"figures": {id: {value, unit,
 * label}}, "targets": [{name, label, value, limit, at_least, met}],
 * "machine": {cpu, cores, …}}. */
char           *cs_bench_results_to_json    (CsBenchResults *results,
                                             gsize          *len);
guint           cs_bench_results_get_n_missed (CsBenchResults *results);
/* Whether a section already added the target @name. */
gboolean        cs_bench_results_has_target (CsBenchResults *results,
                                             const char     *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsBenchResults, cs_bench_results_free)

/* Percentile (0..100) of @values (double), by nearest rank; sorts them. */
double          cs_bench_percentile         (GArray         *values,
                                             double          percentile);
/* Peak resident memory of this process so far (VmHWM), bytes; and the
 * current resident size (VmRSS). */
guint64         cs_bench_peak_rss           (void);
guint64         cs_bench_current_rss        (void);
/* Resets VmHWM to the current RSS (writes 5 to /proc/self/clear_refs),
 * so a section can measure its own peak; FALSE when not possible. */
gboolean        cs_bench_reset_peak_rss     (void);

/* Sections. Each returns FALSE with @error only when it could not run at
 * all; a missed target is a result, not an error. */

/* Generates (or finds in the cache) the large pyramidal JPEG TIFF:
 * >= 60000x50000 (20000x20000 with --quick), 256-pixel tiles, built from
 * blocks of the tissue slide flipped and rotated by a seeded generator,
 * libtiff + libjpeg. Sets @ctx->slide_path. */
gboolean        cs_bench_ensure_slide       (CsBenchContext *ctx,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* The scripted review: 300 viewports (pans, zoom steps across all levels,
 * jumps; 1920x1080) from @ctx->seed. */
GArray         *cs_bench_make_trajectory    (CsBenchContext *ctx,
                                             guint64         slide_width,
                                             guint64         slide_height);
/* The review replayed through the real machinery (render plan, loader
 * threads, tile cache, cairo executor), frames paced at 60 Hz: cold, then
 * replay; open-to-first-frame; time until sharp; 1 vs 2 loader threads. */
gboolean        cs_bench_run_viewer         (CsBenchContext *ctx,
                                             GError        **error);
/* The baselines on the same trajectory: the naive viewer (whole-viewport
 * openslide_read_region + cairo scale) and the decode limit
 * (TIFFReadRawTile + libjpeg-turbo on the same tiles). */
gboolean        cs_bench_run_baselines      (CsBenchContext *ctx,
                                             GError        **error);
/* Annotation overlay frames (10k and 100k polygons, 1M points at fit, 4x
 * and 1:1) and GeoJSON save and load of 100k polygons with peak memory. */
gboolean        cs_bench_run_annotations    (CsBenchContext *ctx,
                                             GError        **error);
/* The library of issue 10: a generated collection of 500 slides scanned
 * with a cold cache and again warm: until listed, until filled in. */
gboolean        cs_bench_run_library        (CsBenchContext *ctx,
                                             GError        **error);
/* The targets of issue 7, from the figures the sections added. */
void            cs_bench_check_targets      (CsBenchContext *ctx);

G_END_DECLS
