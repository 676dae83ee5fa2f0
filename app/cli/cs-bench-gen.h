/* cs-bench-gen.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-bench.h"

G_BEGIN_DECLS

/* The benchmark's generated slide and scripted review (issue 7): what the
 * generator, the trajectory and the baselines share, and the parameters
 * the tests set that the command line does not. */

/* Bump when the generated pixels or file layout change: cached slides of
 * another version are not reused. */
#define CS_BENCH_SLIDE_VERSION 2

#define CS_BENCH_TILE_SIZE 256

/* The viewer's window while the review is replayed. */
#define CS_BENCH_VIEW_WIDTH  1920
#define CS_BENCH_VIEW_HEIGHT 1080

/* Microns per pixel written into the generated slide (40x). */
#define CS_BENCH_MPP 0.25

/* The library section's collection: this many slides (a fifth with
 * --quick), each a small two-level pyramidal TIFF of its own pixels. */
#define CS_BENCH_LIBRARY_SIZE 500

gboolean cs_bench_write_library_slide (const char     *path,
                                       guint           index,
                                       guint64         seed,
                                       GError        **error);
gboolean cs_bench_write_library       (const char     *dir,
                                       guint           n,
                                       guint64         seed,
                                       GError        **error);

/* The level-0 size of the generated slide for @quick. */
void     cs_bench_slide_size          (gboolean        quick,
                                       guint64        *width,
                                       guint64        *height);
/* Levels of the generated pyramid: each half the size of the one above
 * (rounded down), the last no side larger than 1024. */
guint    cs_bench_slide_n_levels      (guint64         width,
                                       guint64         height);

/* Writes the pyramidal tiled JPEG TIFF of @width x @height built from
 * @tissue_path's blocks placed by @seed to @path (not atomically; see
 * cs_bench_ensure_slide_sized). */
gboolean cs_bench_generate_slide      (const char     *tissue_path,
                                       const char     *path,
                                       guint64         width,
                                       guint64         height,
                                       guint64         seed,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* cs_bench_ensure_slide with an explicit size: the cached file
 * (@ctx->cache_dir, named by size, seed and CS_BENCH_SLIDE_VERSION) when
 * OpenSlide opens it with the expected geometry, else a new one written
 * atomically. Sets @ctx->slide_path; @generated (optional) says whether it
 * had to be written. */
gboolean cs_bench_ensure_slide_sized  (CsBenchContext *ctx,
                                       guint64         width,
                                       guint64         height,
                                       gboolean       *generated,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* Whether cs_bench_ensure_slide_sized would find the slide in the cache. */
gboolean cs_bench_slide_is_cached     (CsBenchContext *ctx,
                                       guint64         width,
                                       guint64         height);

/* The zoom at which the slide fits the benchmark's view. */
double   cs_bench_fit_zoom            (guint64         width,
                                       guint64         height);

G_END_DECLS
