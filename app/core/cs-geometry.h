/* cs-geometry.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
} CsPoint;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} CsRect;

/**
 * CsGeometry:
 *
 * The points of one annotation in level-0 pixel coordinates, as parts made
 * of rings. Immutable once built and reference counted, so that copies of
 * an annotation (for undo) share it.
 *
 * - Areas (rectangle, ellipse, polygon, freehand, brush): each part is a
 *   polygon; ring 0 is its shell, rings 1..n its holes. Rings are closed
 *   implicitly: the first point is never repeated at the end.
 * - Point sets: one part with one ring holding the points.
 * - Lines, rulers and arrows: one part with one open ring (a polyline);
 *   an arrow points at its last point.
 * - Text notes: one part with one ring holding the anchor point.
 */
typedef struct _CsGeometry CsGeometry;

#define CS_TYPE_GEOMETRY (cs_geometry_get_type ())

GType          cs_geometry_get_type      (void) G_GNUC_CONST;

/* Building: rings are added to the current (last) part. */
CsGeometry    *cs_geometry_new           (void);
void           cs_geometry_add_part      (CsGeometry       *self);
void           cs_geometry_add_ring      (CsGeometry       *self,
                                          const CsPoint    *points,
                                          guint             n_points);
CsGeometry    *cs_geometry_new_ring      (const CsPoint    *points,
                                          guint             n_points);
CsGeometry    *cs_geometry_new_rectangle (const CsRect     *rect);

CsGeometry    *cs_geometry_ref           (CsGeometry       *self);
void           cs_geometry_unref         (CsGeometry       *self);

guint          cs_geometry_get_n_parts   (const CsGeometry *self);
guint          cs_geometry_get_n_rings   (const CsGeometry *self,
                                          guint             part);
const CsPoint *cs_geometry_get_ring      (const CsGeometry *self,
                                          guint             part,
                                          guint             ring,
                                          guint            *n_points);
guint          cs_geometry_get_n_points  (const CsGeometry *self);
gboolean       cs_geometry_is_empty      (const CsGeometry *self);
gboolean       cs_geometry_equal         (const CsGeometry *a,
                                          const CsGeometry *b);
void           cs_geometry_get_bounds    (const CsGeometry *self,
                                          CsRect           *bounds);
CsGeometry    *cs_geometry_translate     (const CsGeometry *self,
                                          double            dx,
                                          double            dy);
gboolean       cs_geometry_is_finite     (const CsGeometry *self);

/* Measures and hit tests in level-0 pixels; areas are measured with GEOS,
 * in cs-geometry-ops.h. Rings test even-odd, so holes are outside. */
double         cs_geometry_perimeter     (const CsGeometry *self);
double         cs_geometry_polyline_length (const CsGeometry *self);
gboolean       cs_geometry_contains      (const CsGeometry *self,
                                          double            x,
                                          double            y);
double         cs_geometry_distance_to_points (const CsGeometry *self,
                                               double            x,
                                               double            y);
double         cs_geometry_distance_to_outline (const CsGeometry *self,
                                                double            x,
                                                double            y,
                                                gboolean          closed);

/* Ellipse and rectangle as polygons, rotation in radians, clockwise on
 * screen (y down). */
CsGeometry    *cs_geometry_new_ellipse   (double            cx,
                                          double            cy,
                                          double            width,
                                          double            height,
                                          double            rotation);
CsGeometry    *cs_geometry_new_rotated_rectangle (double     cx,
                                                  double     cy,
                                                  double     width,
                                                  double     height,
                                                  double     rotation);

gboolean       cs_rect_intersects        (const CsRect     *a,
                                          const CsRect     *b);
void           cs_rect_union             (CsRect           *dest,
                                          const CsRect     *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsGeometry, cs_geometry_unref)

G_END_DECLS
