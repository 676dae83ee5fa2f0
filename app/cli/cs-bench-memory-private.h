/* cs-bench-memory-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-bench.h"

G_BEGIN_DECLS

void     cs_bench_release_memory (void);

/* The section "memory" (cs-bench-memory.c); run it first, in a process
 * that has not yet allocated and freed much. */
gboolean cs_bench_run_memory     (CsBenchContext  *ctx,
                                  GError         **error);
/* cs-bench-annotations.c: its 100,000 polygons as a GeoJSON file. */
gboolean cs_bench_write_polygons (CsBenchContext  *ctx,
                                  guint            n,
                                  const char      *path,
                                  GError         **error);

G_END_DECLS
