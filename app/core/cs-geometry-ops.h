/* cs-geometry-ops.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-geometry.h"

G_BEGIN_DECLS

/* Geometry operations on areas, done by GEOS (its reentrant C API, one
 * context per thread). Results are valid polygons or multipolygons: one
 * part per polygon, ring 0 its shell, holes after, rings not closed
 * explicitly. An empty result is an empty geometry, not an error; errors
 * are for input GEOS cannot make valid. */

#define CS_GEOMETRY_ERROR (cs_geometry_error_quark ())

typedef enum
{
  CS_GEOMETRY_ERROR_INVALID,
} CsGeometryError;

GQuark      cs_geometry_error_quark       (void);

/* Area with holes subtracted and parts added, level-0 pixels squared. */
double      cs_geometry_ops_area          (const CsGeometry *geometry);
gboolean    cs_geometry_ops_is_valid      (const CsGeometry *geometry);
/* TRUE when the areas overlap or touch (invalid input is repaired first). */
gboolean    cs_geometry_ops_intersects    (const CsGeometry *a,
                                           const CsGeometry *b);
CsGeometry *cs_geometry_ops_make_valid    (const CsGeometry *geometry,
                                           GError          **error);
CsGeometry *cs_geometry_ops_union         (const CsGeometry *a,
                                           const CsGeometry *b,
                                           GError          **error);
CsGeometry *cs_geometry_ops_difference    (const CsGeometry *a,
                                           const CsGeometry *b,
                                           GError          **error);
CsGeometry *cs_geometry_ops_intersection  (const CsGeometry *a,
                                           const CsGeometry *b,
                                           GError          **error);
/* The area swept by a round brush of @radius along @path (one point: a
 * disc). */
CsGeometry *cs_geometry_ops_buffer_path   (const CsPoint    *path,
                                           guint             n_points,
                                           double            radius,
                                           GError          **error);
/* Topology-preserving simplification within @tolerance level-0 pixels;
 * for areas, or for a polyline when @closed is FALSE. */
CsGeometry *cs_geometry_ops_simplify      (const CsGeometry *geometry,
                                           double            tolerance,
                                           gboolean          closed);
/* Cuts an area along a polyline; returns the pieces (CsGeometry, owned),
 * or a single piece when the line does not cross it. */
GPtrArray  *cs_geometry_ops_split         (const CsGeometry *geometry,
                                           const CsPoint    *line,
                                           guint             n_points,
                                           GError          **error);

G_END_DECLS
