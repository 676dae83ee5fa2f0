/* cs-bench-baselines-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-slide.h"

G_BEGIN_DECLS

/* The decode limit's tiles: the native tiles the review shows at the
 * level the viewer reads, each once, in the order first shown. */
GArray *cs_bench_collect_native_tiles (CsSlide    *slide,
                                       GArray     *trajectory);
/* The level and grid position of tile @index of @tiles. */
guint   cs_bench_native_tile_level    (GArray     *tiles,
                                       guint       index,
                                       gint64     *col,
                                       gint64     *row);
/* Reads (TIFFReadRawTile) and decodes (libjpeg-turbo) every tile of
 * @tiles, dealt to @n_threads threads; the wall time in seconds, or a
 * negative value with @error. */
double  cs_bench_decode_tiles         (const char *path,
                                       GArray     *tiles,
                                       guint       n_threads,
                                       GError    **error);

G_END_DECLS
