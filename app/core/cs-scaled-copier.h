/* cs-scaled-copier.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-tile.h"

G_BEGIN_DECLS

/* Private to cs-core: the renderer's worker for scaled tile copies. */

typedef struct _CsScaledCopier CsScaledCopier;

typedef void (*CsScaledCopyFunc) (CsTile          *tile,
                                  cairo_surface_t *surface,
                                  gpointer         user_data);

cairo_surface_t *_cs_scale_tile               (CsTile           *tile,
                                               int               width,
                                               int               height);
CsScaledCopier  *_cs_scaled_copier_new        (void);
void             _cs_scaled_copier_free       (CsScaledCopier   *self);
gboolean         _cs_scaled_copier_request    (CsScaledCopier   *self,
                                               CsTile           *tile,
                                               int               width,
                                               int               height);
void             _cs_scaled_copier_take_done  (CsScaledCopier   *self,
                                               CsScaledCopyFunc  func,
                                               gpointer          user_data);
void             _cs_scaled_copier_forget     (CsScaledCopier   *self);
guint            _cs_scaled_copier_get_n_pending (CsScaledCopier *self);

G_END_DECLS
