/* cs-renderer.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-render-plan.h"

G_BEGIN_DECLS

#define CS_TYPE_RENDERER (cs_renderer_get_type ())

G_DECLARE_FINAL_TYPE (CsRenderer, cs_renderer, CS, RENDERER, GObject)

CsRenderer *cs_renderer_new              (void);
void        cs_renderer_draw             (CsRenderer         *self,
                                          const CsRenderPlan *plan,
                                          cairo_t            *cr);
void        cs_renderer_clear            (CsRenderer         *self);
void        cs_renderer_set_scale_budget (CsRenderer         *self,
                                          gint64              usec);
gboolean    cs_renderer_has_pending_copies (CsRenderer       *self);
gsize       cs_renderer_get_cached_bytes (CsRenderer         *self);
gboolean    cs_render_viewport           (CsTileSource       *source,
                                          const CsViewport   *viewport,
                                          cairo_surface_t   **out_surface,
                                          GCancellable       *cancellable,
                                          GError            **error);
gboolean    cs_render_region             (CsTileSource       *source,
                                          double              x,
                                          double              y,
                                          double              zoom,
                                          int                 width,
                                          int                 height,
                                          cairo_surface_t   **out_surface,
                                          GError            **error);

G_END_DECLS
