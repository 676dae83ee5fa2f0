/* cs-geometry-ops-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include "cs-geometry-ops.h"

G_BEGIN_DECLS

/* The GEOS side of cs-geometry-ops.c, for core code that runs many
 * operations on the same shapes (cs-opinion-compare.c) and so converts
 * each once. Every function uses the calling thread's GEOS context. */

GEOSContextHandle_t _cs_geometry_ops_get_handle (void);
void                _cs_geometry_ops_geos_free  (GEOSGeometry       *geometry);
/* @geometry's areas as a valid GEOS geometry, repaired when needed
 * (@repaired set TRUE then); NULL with @error when it cannot be. */
GEOSGeometry       *_cs_geometry_ops_to_geos    (const CsGeometry   *geometry,
                                                 gboolean           *repaired,
                                                 GError            **error);
/* The polygonal parts of @g. */
CsGeometry         *_cs_geometry_ops_from_geos  (const GEOSGeometry *g);
/* Sets @error from the message GEOS left, after @message. */
void                _cs_geometry_ops_set_error  (GError            **error,
                                                 const char         *message);

G_END_DECLS
