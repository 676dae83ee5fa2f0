/* cs-test-source.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-tile-source.h"

G_BEGIN_DECLS

/* A CsTileSource with computed pixels (cs_test_pyramid_pixel()), no I/O,
 * an injectable per-read delay and an injectable failing tile, for loader
 * and view tests. Thread-safe.
 *
 * Level L: downsample 2^L, size ceil (width / 2^L) x ceil (height / 2^L),
 * pixel cs_test_pyramid_pixel (L, x, y) in the level's own pixels and
 * 0x00000000 beyond its edge (as OpenSlide). A read of the region starting
 * at level-0 (x, y) at level L counts for the key
 * (L, floor (x / 2^L / CS_TILE_SIZE), floor (y / 2^L / CS_TILE_SIZE)) as
 * soon as it starts (before the delay), failed reads included. With a
 * failing key set, every read at that level touching that display tile's
 * pixels fails with CS_SLIDE_ERROR / CS_SLIDE_ERROR_READ after the delay,
 * leaving the destination zeroed. */

#define CS_TYPE_TEST_SOURCE (cs_test_source_get_type ())

G_DECLARE_FINAL_TYPE (CsTestSource, cs_test_source, CS, TEST_SOURCE, GObject)

/* Native tiles of CS_TILE_SIZE. */
CsTestSource *cs_test_source_new          (gint64           width,
                                           gint64           height,
                                           guint            n_levels);
/* @native_tile_size: 0 (untiled) or CS_TILE_SIZE. */
CsTestSource *cs_test_source_new_full     (gint64           width,
                                           gint64           height,
                                           guint            n_levels,
                                           int              native_tile_size);
void          cs_test_source_set_delay    (CsTestSource    *self,
                                           guint            delay_ms);
/* @key: (nullable): NULL for no failing tile. */
void          cs_test_source_set_failing  (CsTestSource    *self,
                                           const CsTileKey *key);
guint         cs_test_source_get_n_reads  (CsTestSource    *self);
guint         cs_test_source_get_n_active (CsTestSource    *self);
guint         cs_test_source_count_reads  (CsTestSource    *self,
                                           const CsTileKey *key);

G_END_DECLS
