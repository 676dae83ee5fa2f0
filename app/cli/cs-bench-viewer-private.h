/* cs-bench-viewer-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-bench.h"
#include "cs-renderer.h"
#include "cs-slide.h"
#include "cs-tile-loader.h"

G_BEGIN_DECLS

/* The viewer section's machinery, shared by cs-bench-viewer.c (the
 * review) and cs-bench-viewer-loader.c (1 vs 2 loader threads). */

#define CS_BENCH_CACHE_BYTES    ((gsize) 256 * 1024 * 1024)
#define CS_BENCH_LOADER_THREADS 2

/* A slide opened as CsSlideView opens it, drawing into an image surface. */
typedef struct
{
  CsSlide         *slide;
  CsTileCache     *cache;
  CsTileLoader    *loader;
  CsRenderer      *renderer;
  cairo_surface_t *surface;
  cairo_t         *cr;
  gint64           next_tick;
} CsBenchViewer;

gboolean _cs_bench_viewer_open         (CsBenchViewer   *viewer,
                                        const char      *path,
                                        guint            n_threads,
                                        GError         **error);
void     _cs_bench_viewer_clear        (CsBenchViewer   *viewer);
/* Draws @viewport as the window draws a frame, then lets the main loop
 * deliver tiles until the next 60 Hz tick. */
void     _cs_bench_viewer_show         (CsBenchViewer    *viewer,
                                        const CsViewport *viewport);
/* Adds a figure to the section "viewer". */
void     _cs_bench_viewer_add          (CsBenchContext  *ctx,
                                        const char      *name,
                                        double           value,
                                        const char      *unit,
                                        const char      *label);
/* The 1 vs 2 loader threads figures. */
gboolean _cs_bench_measure_loader_threads (CsBenchContext  *ctx,
                                           GArray          *trajectory,
                                           GError         **error);

G_END_DECLS
