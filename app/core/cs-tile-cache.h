/* cs-tile-cache.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-tile.h"

G_BEGIN_DECLS

#define CS_TYPE_TILE_CACHE (cs_tile_cache_get_type ())

G_DECLARE_FINAL_TYPE (CsTileCache, cs_tile_cache, CS, TILE_CACHE, GObject)

CsTileCache *cs_tile_cache_new            (gsize            max_bytes);
CsTile      *cs_tile_cache_lookup         (CsTileCache     *self,
                                           const CsTileKey *key);
gboolean     cs_tile_cache_contains       (CsTileCache     *self,
                                           const CsTileKey *key);
void         cs_tile_cache_insert         (CsTileCache     *self,
                                           CsTile          *tile);
void         cs_tile_cache_clear          (CsTileCache     *self);
void         cs_tile_cache_mark_failed    (CsTileCache     *self,
                                           const CsTileKey *key);
void         cs_tile_cache_mark_failed_until (CsTileCache     *self,
                                              const CsTileKey *key,
                                              gint64           deadline);
gboolean     cs_tile_cache_is_failed      (CsTileCache     *self,
                                           const CsTileKey *key);
guint        cs_tile_cache_get_n_failed   (CsTileCache     *self);
void         cs_tile_cache_set_pinned_min_level (CsTileCache *self,
                                                 gint32       level);
gint32       cs_tile_cache_get_pinned_min_level (CsTileCache *self);
gsize        cs_tile_cache_get_max_bytes  (CsTileCache     *self);
void         cs_tile_cache_set_max_bytes  (CsTileCache     *self,
                                           gsize            max_bytes);
gsize        cs_tile_cache_get_n_bytes    (CsTileCache     *self);
guint        cs_tile_cache_get_n_tiles    (CsTileCache     *self);

G_END_DECLS
