/* cs-surface-texture.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *cs_surface_texture_new (cairo_surface_t *surface);

G_END_DECLS
