/* cs-test-load.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-renderer.h"
#include "cs-tile-loader.h"

G_BEGIN_DECLS

/* The process's resources, from /proc/self (Linux): what the hostile-slide
 * and resource-limit tests watch. */

typedef struct
{
  gint64 rss_kib;        /* VmRSS */
  gint64 peak_rss_kib;   /* VmHWM */
  guint  n_fds;          /* entries of /proc/self/fd */
  guint  n_threads;      /* entries of /proc/self/task */
} CsTestProc;

void     cs_test_proc_sample     (CsTestProc          *out);
/* FALSE under AddressSanitizer or valgrind, whose own memory (shadow,
 * quarantine) swamps what the process uses: resident-memory bounds are
 * then not checked (descriptors and threads still are). */
gboolean cs_test_memory_is_measurable (void);
/* The least-squares slope of @y over @x (@n >= 2 points, @x not all the
 * same); 0 when it cannot be computed. */
double   cs_test_slope           (const double        *x,
                                  const double        *y,
                                  guint                n);

/* A view as CsSlideView drives one: the tile cache, the loader (@n_threads
 * workers) and the renderer, over @source. */
typedef struct
{
  CsTileSource *source;
  CsTileCache  *cache;
  CsTileLoader *loader;
  CsRenderer   *renderer;
} CsTestView;

void     cs_test_view_init       (CsTestView          *view,
                                  CsTileSource        *source,
                                  gsize                cache_bytes,
                                  guint                n_threads);
void     cs_test_view_clear      (CsTestView          *view);
/* Plans @viewport, asks the loader for what is missing, runs the main
 * context until the plan is complete (read or failed) or @timeout_ms
 * pass, and draws the frame. Returns the frame; @n_failed (nullable)
 * receives the failed tiles it shows, @complete (nullable) whether it was
 * complete. */
cairo_surface_t *cs_test_view_draw (CsTestView        *view,
                                    const CsViewport  *viewport,
                                    guint              timeout_ms,
                                    guint             *n_failed,
                                    gboolean          *complete);
/* Pixels of @frame that are the renderer's error hatching (bright red). */
guint    cs_test_count_error_pixels (cairo_surface_t  *frame);

G_END_DECLS
