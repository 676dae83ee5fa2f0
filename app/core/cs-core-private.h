/* cs-core-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <openslide.h>
#include <tiffio.h>

/* Cleanup functions for C libraries whose Debian 12 headers define none.
 * Defined once, here: a second definition in one file does not compile. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (openslide_t, openslide_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TIFF, TIFFClose)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
