/* cs-bench-results-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-bench.h"

G_BEGIN_DECLS

/* Shared by cs-bench-results.c and cs-bench-measure.c. */

/* A string member, or null for @value NULL. */
void _cs_bench_add_string_member (JsonBuilder *builder,
                                  const char  *name,
                                  const char  *value);
/* "machine": {cpu, cores, memory_bytes, openslide, cairo, libjpeg, glib} */
void _cs_bench_add_machine       (JsonBuilder *builder);

G_END_DECLS
