/* cs-bench-slide-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The generated slide's pixels, independent of the file they are written
 * to: the tissue (a box-filtered pyramid of the real slide's level 0, RGB)
 * and the layout (which block of it, turned how, lands on each 512-pixel
 * cell of level 0). A level-k pixel is the mean of its 2^k x 2^k level-0
 * pixels, computed from the tissue's own level k: blocks, cells and block
 * origins in the tissue are aligned so that the two agree. */

#define CS_BENCH_CELL      512
#define CS_BENCH_MAX_LEVEL 9

typedef struct _CsBenchLayout CsBenchLayout;

CsBenchLayout *cs_bench_layout_new         (const char     *tissue_path,
                                            guint64         width,
                                            guint64         height,
                                            guint           n_levels,
                                            guint64         seed,
                                            GError        **error);
void           cs_bench_layout_free        (CsBenchLayout  *layout);
/* Fills @rgb (tile x tile x 3) with the level's tile (@col, @row); pixels
 * beyond the level's edge are background. Returns FALSE when the tile is
 * all background (no block touches it). Thread-safe. */
gboolean       cs_bench_layout_render_tile (CsBenchLayout  *layout,
                                            guint           level,
                                            guint64         col,
                                            guint64         row,
                                            int             tile,
                                            guint8         *rgb);
void           cs_bench_layout_get_background (CsBenchLayout *layout,
                                               guint8         rgb[3]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsBenchLayout, cs_bench_layout_free)

/* JPEG (libjpeg-turbo) of an RGB image, YCbCr 4:2:0; a complete
 * stream with its own tables. */
GBytes   *cs_bench_jpeg_encode (const guint8 *rgb,
                                int           width,
                                int           height,
                                int           quality);
/* Decodes a JPEG stream (after the abbreviated @tables of a TIFF's
 * JPEGTables, when given) whose colour space is YCbCr (@ycbcr) or RGB
 * into @pixels of @width x @height, 4 bytes a pixel as cairo's ARGB32
 * holds them (opaque), rows of @width * 4 bytes. */
gboolean  cs_bench_jpeg_decode (const guint8 *tables,
                                gsize         tables_len,
                                const guint8 *data,
                                gsize         len,
                                gboolean      ycbcr,
                                guint8       *pixels,
                                int           width,
                                int           height,
                                GError      **error);

G_END_DECLS
