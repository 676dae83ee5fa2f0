/* cs-slide-preview.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-slide.h"

G_BEGIN_DECLS

cairo_surface_t *cs_slide_thumbnail_fit_on_white (cairo_surface_t  *image,
                                                  double            scale);
cairo_surface_t *cs_slide_render_thumbnail       (CsSlide          *slide,
                                                  int               size,
                                                  GError          **error);
gboolean         cs_surface_save_png_atomically  (cairo_surface_t  *surface,
                                                  const char       *path,
                                                  GError          **error);

G_END_DECLS
