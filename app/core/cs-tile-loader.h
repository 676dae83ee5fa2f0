/* cs-tile-loader.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-tile-cache.h"
#include "cs-tile-source.h"

G_BEGIN_DECLS

#define CS_TYPE_TILE_LOADER (cs_tile_loader_get_type ())

G_DECLARE_FINAL_TYPE (CsTileLoader, cs_tile_loader, CS, TILE_LOADER, GObject)

CsTileLoader *cs_tile_loader_new            (CsTileSource *source,
                                             CsTileCache  *cache,
                                             guint         n_threads);
void          cs_tile_loader_request        (CsTileLoader *self,
                                             GArray       *keys);
void          cs_tile_loader_cancel         (CsTileLoader *self);
gboolean      cs_tile_loader_is_busy        (CsTileLoader *self);
guint         cs_tile_loader_get_n_read     (CsTileLoader *self);
guint         cs_tile_loader_get_n_dropped  (CsTileLoader *self);
void          cs_tile_loader_set_retry_interval (CsTileLoader *self,
                                                 guint         ms);

G_END_DECLS
