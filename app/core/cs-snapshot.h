/* cs-snapshot.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cs-tile-source.h"
#include "cs-viewport.h"

G_BEGIN_DECLS

cairo_surface_t *cs_snapshot_render   (CsTileSource      *source,
                                       const CsViewport  *viewport,
                                       double             mpp,
                                       double             ui_scale,
                                       gboolean           scale_bar,
                                       GCancellable      *cancellable,
                                       GError           **error);
gboolean         cs_snapshot_save_png (cairo_surface_t   *surface,
                                       const char        *path,
                                       GCancellable      *cancellable,
                                       GError           **error);

G_END_DECLS
