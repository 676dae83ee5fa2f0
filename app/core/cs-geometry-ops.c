/* cs-geometry-ops.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-geometry-ops"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-geometry-ops-private.h"

G_DEFINE_QUARK (cs-geometry-error-quark, cs_geometry_error)

/* One GEOS context per thread, made on first use and finished when the
 * thread ends. Its error handler keeps the last message for the GError. */
typedef struct
{
  GEOSContextHandle_t handle;
  char               *message;
} Context;

static void
context_free (gpointer data)
{
  Context *context = data;

  GEOS_finish_r (context->handle);
  g_free (context->message);
  g_free (context);
}

static GPrivate context_key = G_PRIVATE_INIT (context_free);

static void
context_error (const char *message,
               void       *user_data)
{
  Context *context = user_data;

  g_free (context->message);
  context->message = g_strdup (message);
}

static void
context_notice (const char *message,
                void       *user_data)
{
  g_debug ("GEOS: %s", message);
}

static Context *
get_context (void)
{
  Context *context = g_private_get (&context_key);

  if (context == NULL)
    {
      context = g_new0 (Context, 1);
      context->handle = GEOS_init_r ();
      GEOSContext_setErrorMessageHandler_r (context->handle, context_error, context);
      GEOSContext_setNoticeMessageHandler_r (context->handle, context_notice, context);
      g_private_set (&context_key, context);
    }
  return context;
}

/* Every operation starts here, so an error message left by an earlier
 * failure that was not reported cannot be pinned on a later one. */
static GEOSContextHandle_t
get_handle (void)
{
  Context *context = get_context ();

  g_clear_pointer (&context->message, g_free);
  return context->handle;
}

static void
geos_free (GEOSGeometry *geometry)
{
  GEOSGeom_destroy_r (get_handle (), geometry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GEOSGeometry, geos_free)

/* @message says what failed; GEOS's own message, when it gave one, says
 * why. */
static void
set_error (GError    **error,
           const char *message)
{
  Context *context = get_context ();

  if (context->message != NULL)
    g_set_error (error, CS_GEOMETRY_ERROR, CS_GEOMETRY_ERROR_INVALID,
                 /* Translators: what failed, then the geometry library's reason */
                 _("%s: %s"), message, g_strstrip (context->message));
  else
    g_set_error_literal (error, CS_GEOMETRY_ERROR, CS_GEOMETRY_ERROR_INVALID, message);
  g_clear_pointer (&context->message, g_free);
}

static void
geometry_free (gpointer data)
{
  cs_geometry_unref (data);
}

/* CsGeometry → GEOS */

static GEOSCoordSequence *
make_sequence (const CsPoint *points,
               guint          n_points,
               gboolean       close)
{
  GEOSContextHandle_t h = get_handle ();
  GEOSCoordSequence *seq = GEOSCoordSeq_create_r (h, n_points + (close ? 1 : 0), 2);

  if (seq == NULL)
    return NULL;
  for (guint i = 0; i < n_points; i++)
    GEOSCoordSeq_setXY_r (h, seq, i, points[i].x, points[i].y);
  if (close)
    GEOSCoordSeq_setXY_r (h, seq, n_points, points[0].x, points[0].y);
  return seq;
}

static GEOSGeometry *
make_ring (const CsPoint *points,
           guint          n_points)
{
  GEOSCoordSequence *seq;

  if (n_points < 3)
    return NULL;
  seq = make_sequence (points, n_points, TRUE);
  return seq != NULL ? GEOSGeom_createLinearRing_r (get_handle (), seq) : NULL;
}

/* One part as a GEOS polygon; degenerate holes are dropped, a degenerate
 * shell gives NULL. */
static GEOSGeometry *
make_polygon (const CsGeometry *geometry,
              guint             part)
{
  guint n_rings = cs_geometry_get_n_rings (geometry, part);
  g_autofree GEOSGeometry **holes = g_new0 (GEOSGeometry *, MAX (n_rings, 1));
  GEOSGeometry *shell;
  GEOSGeometry *polygon;
  const CsPoint *points;
  guint n_points, n_holes = 0;

  if (n_rings == 0)
    return NULL;
  points = cs_geometry_get_ring (geometry, part, 0, &n_points);
  shell = make_ring (points, n_points);
  if (shell == NULL)
    return NULL;
  for (guint r = 1; r < n_rings; r++)
    {
      GEOSGeometry *hole;

      points = cs_geometry_get_ring (geometry, part, r, &n_points);
      if ((hole = make_ring (points, n_points)) != NULL)
        holes[n_holes++] = hole;
    }
  /* GEOS owns shell and holes from here, and frees them itself on failure. */
  polygon = GEOSGeom_createPolygon_r (get_handle (), shell, holes, n_holes);
  return polygon;
}

/* Every part as one multipolygon (possibly empty), as drawn: not repaired. */
static GEOSGeometry *
to_geos (const CsGeometry *geometry)
{
  guint n_parts = cs_geometry_get_n_parts (geometry);
  g_autofree GEOSGeometry **polygons = g_new0 (GEOSGeometry *, MAX (n_parts, 1));
  GEOSGeometry *multi;
  guint n = 0;

  for (guint i = 0; i < n_parts; i++)
    {
      GEOSGeometry *polygon = make_polygon (geometry, i);

      if (polygon != NULL)
        polygons[n++] = polygon;
    }
  /* GEOS owns the polygons from here, failure included. */
  multi = GEOSGeom_createCollection_r (get_handle (), GEOS_MULTIPOLYGON, polygons, n);
  return multi;
}

/* GEOS → CsGeometry, polygonal parts only */

static void
add_ring (CsGeometry         *geometry,
          const GEOSGeometry *ring,
          gboolean            new_part)
{
  GEOSContextHandle_t h = get_handle ();
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (h, ring);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (CsPoint));
  unsigned int size = 0;

  if (seq == NULL || !GEOSCoordSeq_getSize_r (h, seq, &size))
    return;
  for (unsigned int i = 0; i < size; i++)
    {
      CsPoint p;

      GEOSCoordSeq_getXY_r (h, seq, i, &p.x, &p.y);
      g_array_append_val (points, p);
    }
  if (points->len > 1)
    {
      CsPoint *first = &g_array_index (points, CsPoint, 0);
      CsPoint *last = &g_array_index (points, CsPoint, points->len - 1);

      if (first->x == last->x && first->y == last->y)
        g_array_set_size (points, points->len - 1);
    }
  if (points->len < 3)
    return;
  if (new_part)
    cs_geometry_add_part (geometry);
  cs_geometry_add_ring (geometry, (CsPoint *) (gpointer) points->data, points->len);
}

static void
add_polygonal (CsGeometry         *geometry,
               const GEOSGeometry *g)
{
  GEOSContextHandle_t h = get_handle ();
  int type = GEOSGeomTypeId_r (h, g);

  if (type == GEOS_POLYGON && !GEOSisEmpty_r (h, g))
    {
      guint n_points_before = cs_geometry_get_n_points (geometry);
      int n_holes = GEOSGetNumInteriorRings_r (h, g);

      add_ring (geometry, GEOSGetExteriorRing_r (h, g), TRUE);
      if (cs_geometry_get_n_points (geometry) == n_points_before)
        return;
      for (int i = 0; i < n_holes; i++)
        add_ring (geometry, GEOSGetInteriorRingN_r (h, g, i), FALSE);
    }
  else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
    {
      int n = GEOSGetNumGeometries_r (h, g);

      for (int i = 0; i < n; i++)
        add_polygonal (geometry, GEOSGetGeometryN_r (h, g, i));
    }
}

static CsGeometry *
from_geos (const GEOSGeometry *g)
{
  CsGeometry *geometry = cs_geometry_new ();

  add_polygonal (geometry, g);
  return geometry;
}

/* A valid GEOS multipolygon of @geometry, repaired when needed. */
/* The repaired shape's area only: collapsed spikes and edges, which plain
 * make-valid keeps as lines beside the polygons, are dropped, so boundary
 * operations (split) accept the result. */
static GEOSGeometry *
make_valid_polygonal (GEOSContextHandle_t  h,
                      const GEOSGeometry  *g)
{
#if GEOS_VERSION_MAJOR > 3 || (GEOS_VERSION_MAJOR == 3 && GEOS_VERSION_MINOR >= 10)
  GEOSMakeValidParams *params = GEOSMakeValidParams_create_r (h);
  GEOSGeometry *valid;

  GEOSMakeValidParams_setMethod_r (h, params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r (h, params, 0);
  valid = GEOSMakeValidWithParams_r (h, g, params);
  GEOSMakeValidParams_destroy_r (h, params);
  return valid;
#else
  return GEOSMakeValid_r (h, g);
#endif
}

static GEOSGeometry *
to_valid_geos_repaired (const CsGeometry *geometry,
                        gboolean         *repaired,
                        GError          **error)
{
  GEOSContextHandle_t h = get_handle ();
  g_autoptr(GEOSGeometry) g = NULL;

  if (!cs_geometry_is_finite (geometry))
    {
      g_set_error_literal (error, CS_GEOMETRY_ERROR, CS_GEOMETRY_ERROR_INVALID,
                           _("The shape has coordinates that are not finite numbers"));
      return NULL;
    }
  g = to_geos (geometry);
  if (g == NULL)
    {
      set_error (error, _("The shape could not be converted"));
      return NULL;
    }
  if (GEOSisValid_r (h, g) == 1)
    return g_steal_pointer (&g);
  if (repaired != NULL)
    *repaired = TRUE;
  {
    GEOSGeometry *valid = make_valid_polygonal (h, g);

    if (valid == NULL)
      set_error (error, _("The shape could not be repaired"));
    return valid;
  }
}

static GEOSGeometry *
to_valid_geos (const CsGeometry *geometry,
               GError          **error)
{
  return to_valid_geos_repaired (geometry, NULL, error);
}

GEOSContextHandle_t
_cs_geometry_ops_get_handle (void)
{
  return get_handle ();
}

void
_cs_geometry_ops_geos_free (GEOSGeometry *geometry)
{
  if (geometry != NULL)
    geos_free (geometry);
}

GEOSGeometry *
_cs_geometry_ops_to_geos (const CsGeometry *geometry,
                          gboolean         *repaired,
                          GError          **error)
{
  if (repaired != NULL)
    *repaired = FALSE;
  return to_valid_geos_repaired (geometry, repaired, error);
}

CsGeometry *
_cs_geometry_ops_from_geos (const GEOSGeometry *g)
{
  return from_geos (g);
}

void
_cs_geometry_ops_set_error (GError    **error,
                            const char *message)
{
  set_error (error, message);
}

double
cs_geometry_ops_area (const CsGeometry *geometry)
{
  g_autoptr(GEOSGeometry) g = NULL;
  double area = 0;

  g_return_val_if_fail (geometry != NULL, 0);

  /* An outline that crosses itself (from a file) is measured as repaired,
   * not with its lobes cancelling out. */
  g = to_valid_geos (geometry, NULL);
  if (g == NULL || !GEOSArea_r (get_handle (), g, &area))
    return 0;
  return area;
}

gboolean
cs_geometry_ops_is_valid (const CsGeometry *geometry)
{
  g_autoptr(GEOSGeometry) g = NULL;

  g_return_val_if_fail (geometry != NULL, FALSE);

  if (!cs_geometry_is_finite (geometry))
    return FALSE;
  g = to_geos (geometry);
  return g != NULL && GEOSisValid_r (get_handle (), g) == 1;
}

CsGeometry *
cs_geometry_ops_make_valid (const CsGeometry *geometry,
                            GError          **error)
{
  g_autoptr(GEOSGeometry) g = NULL;

  g_return_val_if_fail (geometry != NULL, NULL);

  g = to_valid_geos (geometry, error);
  return g != NULL ? from_geos (g) : NULL;
}

typedef GEOSGeometry *(*BinaryOp) (GEOSContextHandle_t,
                                   const GEOSGeometry *,
                                   const GEOSGeometry *);

static CsGeometry *
binary_op (const CsGeometry *a,
           const CsGeometry *b,
           BinaryOp          op,
           const char       *what,
           GError          **error)
{
  g_autoptr(GEOSGeometry) ga = NULL;
  g_autoptr(GEOSGeometry) gb = NULL;
  g_autoptr(GEOSGeometry) result = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  if ((ga = to_valid_geos (a, error)) == NULL || (gb = to_valid_geos (b, error)) == NULL)
    return NULL;
  result = op (get_handle (), ga, gb);
  if (result == NULL)
    {
      set_error (error, what);
      return NULL;
    }
  return from_geos (result);
}

CsGeometry *
cs_geometry_ops_union (const CsGeometry *a,
                       const CsGeometry *b,
                       GError          **error)
{
  return binary_op (a, b, GEOSUnion_r, _("The shapes could not be merged"), error);
}

CsGeometry *
cs_geometry_ops_difference (const CsGeometry *a,
                            const CsGeometry *b,
                            GError          **error)
{
  return binary_op (a, b, GEOSDifference_r, _("The shapes could not be subtracted"), error);
}

CsGeometry *
cs_geometry_ops_intersection (const CsGeometry *a,
                              const CsGeometry *b,
                              GError          **error)
{
  return binary_op (a, b, GEOSIntersection_r, _("The shapes could not be intersected"), error);
}

/* Segments per quarter circle so that a chord strays less than a quarter
 * pixel from the arc: r (1 - cos (π / 4n)) < 0.25. */
static int
buffer_quadrant_segments (double radius)
{
  double half_step;

  if (radius <= 0.25)
    return 2;
  half_step = acos (1 - 0.25 / radius);
  return (int) CLAMP (ceil (G_PI / (4 * half_step)), 2, 512);
}

/* The path without repeated points, as a point or a line string. */
static GEOSGeometry *
make_path (const CsPoint *path,
           guint          n_points)
{
  GEOSContextHandle_t h = get_handle ();
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (CsPoint));
  GEOSCoordSequence *seq;

  for (guint i = 0; i < n_points; i++)
    {
      const CsPoint *last = points->len > 0 ? &g_array_index (points, CsPoint, points->len - 1) : NULL;

      if (last == NULL || last->x != path[i].x || last->y != path[i].y)
        g_array_append_val (points, path[i]);
    }
  if (points->len == 1)
    return GEOSGeom_createPointFromXY_r (h, path[0].x, path[0].y);
  seq = make_sequence ((CsPoint *) (gpointer) points->data, points->len, FALSE);
  return seq != NULL ? GEOSGeom_createLineString_r (h, seq) : NULL;
}

static gboolean
points_are_finite (const CsPoint *points,
                   guint          n_points)
{
  for (guint i = 0; i < n_points; i++)
    if (!isfinite (points[i].x) || !isfinite (points[i].y))
      return FALSE;
  return TRUE;
}

CsGeometry *
cs_geometry_ops_buffer_path (const CsPoint *path,
                             guint          n_points,
                             double         radius,
                             GError       **error)
{
  GEOSContextHandle_t h = get_handle ();
  g_autoptr(GEOSGeometry) line = NULL;
  g_autoptr(GEOSGeometry) buffer = NULL;

  if (n_points == 0 || !(radius > 0))
    return cs_geometry_new ();
  if (!points_are_finite (path, n_points) || !isfinite (radius))
    {
      g_set_error_literal (error, CS_GEOMETRY_ERROR, CS_GEOMETRY_ERROR_INVALID,
                           _("The brush stroke has coordinates that are not finite numbers"));
      return NULL;
    }
  line = make_path (path, n_points);
  if (line != NULL)
    buffer = GEOSBufferWithStyle_r (h, line, radius, buffer_quadrant_segments (radius),
                                    GEOSBUF_CAP_ROUND, GEOSBUF_JOIN_ROUND, 5.0);
  if (buffer == NULL)
    {
      set_error (error, _("The brush stroke could not be drawn"));
      return NULL;
    }
  return from_geos (buffer);
}

static CsGeometry *
simplify_polyline (const CsGeometry *geometry,
                   double            tolerance)
{
  GEOSContextHandle_t h = get_handle ();
  g_autoptr(GEOSGeometry) line = NULL;
  g_autoptr(GEOSGeometry) simple = NULL;
  const GEOSCoordSequence *seq;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (CsPoint));
  const CsPoint *ring;
  unsigned int size = 0;
  guint n_points;

  if (cs_geometry_get_n_parts (geometry) != 1 || cs_geometry_get_n_rings (geometry, 0) != 1)
    return cs_geometry_ref ((CsGeometry *) geometry);
  ring = cs_geometry_get_ring (geometry, 0, 0, &n_points);
  if (n_points < 3 || (line = make_path (ring, n_points)) == NULL ||
      GEOSGeomTypeId_r (h, line) != GEOS_LINESTRING ||
      (simple = GEOSSimplify_r (h, line, tolerance)) == NULL ||
      (seq = GEOSGeom_getCoordSeq_r (h, simple)) == NULL ||
      !GEOSCoordSeq_getSize_r (h, seq, &size) || size < 2)
    return cs_geometry_ref ((CsGeometry *) geometry);
  for (unsigned int i = 0; i < size; i++)
    {
      CsPoint p;

      GEOSCoordSeq_getXY_r (h, seq, i, &p.x, &p.y);
      g_array_append_val (points, p);
    }
  return cs_geometry_new_ring ((CsPoint *) (gpointer) points->data, points->len);
}

/* Returns the geometry itself (a new reference) when there is nothing to
 * simplify or GEOS cannot. */
CsGeometry *
cs_geometry_ops_simplify (const CsGeometry *geometry,
                          double            tolerance,
                          gboolean          closed)
{
  g_autoptr(GEOSGeometry) g = NULL;
  g_autoptr(GEOSGeometry) simple = NULL;
  CsGeometry *result;

  g_return_val_if_fail (geometry != NULL, NULL);

  if (!(tolerance > 0) || !cs_geometry_is_finite (geometry))
    return cs_geometry_ref ((CsGeometry *) geometry);
  if (!closed)
    return simplify_polyline (geometry, tolerance);
  g = to_geos (geometry);
  if (g == NULL || (simple = GEOSTopologyPreserveSimplify_r (get_handle (), g, tolerance)) == NULL)
    return cs_geometry_ref ((CsGeometry *) geometry);
  result = from_geos (simple);
  if (cs_geometry_is_empty (result) && !cs_geometry_is_empty (geometry))
    {
      cs_geometry_unref (result);
      return cs_geometry_ref ((CsGeometry *) geometry);
    }
  return result;
}

/* The faces of the area's boundary noded with the line, kept when they lie
 * inside the area. */
static GPtrArray *
split_faces (const GEOSGeometry *area,
             const GEOSGeometry *line,
             GError            **error)
{
  GEOSContextHandle_t h = get_handle ();
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (geometry_free);
  g_autoptr(GEOSGeometry) boundary = NULL;
  g_autoptr(GEOSGeometry) noded = NULL;
  g_autoptr(GEOSGeometry) faces = NULL;
  const GEOSGeometry *inputs[1];
  int n;

  if ((boundary = GEOSBoundary_r (h, area)) == NULL ||
      (noded = GEOSUnion_r (h, boundary, line)) == NULL)
    {
      set_error (error, _("The shape could not be split"));
      return NULL;
    }
  inputs[0] = noded;
  if ((faces = GEOSPolygonize_r (h, inputs, 1)) == NULL)
    {
      set_error (error, _("The shape could not be split"));
      return NULL;
    }
  n = GEOSGetNumGeometries_r (h, faces);
  for (int i = 0; i < n; i++)
    {
      const GEOSGeometry *face = GEOSGetGeometryN_r (h, faces, i);
      g_autoptr(GEOSGeometry) inside = GEOSPointOnSurface_r (h, face);

      if (inside != NULL && GEOSContains_r (h, area, inside) == 1)
        g_ptr_array_add (pieces, from_geos (face));
    }
  return g_steal_pointer (&pieces);
}

GPtrArray *
cs_geometry_ops_split (const CsGeometry *geometry,
                       const CsPoint    *line,
                       guint             n_points,
                       GError          **error)
{
  GEOSContextHandle_t h = get_handle ();
  g_autoptr(GEOSGeometry) area = NULL;
  g_autoptr(GEOSGeometry) cut = NULL;
  g_autoptr(GPtrArray) pieces = NULL;

  g_return_val_if_fail (geometry != NULL, NULL);

  if ((area = to_valid_geos (geometry, error)) == NULL)
    return NULL;
  if (!points_are_finite (line, n_points))
    {
      g_set_error_literal (error, CS_GEOMETRY_ERROR, CS_GEOMETRY_ERROR_INVALID,
                           _("The cutting line has coordinates that are not finite numbers"));
      return NULL;
    }
  if (n_points >= 2 && (cut = make_path (line, n_points)) != NULL &&
      GEOSGeomTypeId_r (h, cut) == GEOS_LINESTRING && GEOSIntersects_r (h, cut, area) == 1)
    {
      pieces = split_faces (area, cut, error);
      if (pieces == NULL)
        return NULL;
    }
  if (pieces == NULL || pieces->len < 2)
    {
      g_clear_pointer (&pieces, g_ptr_array_unref);
      pieces = g_ptr_array_new_with_free_func (geometry_free);
      g_ptr_array_add (pieces, from_geos (area));
    }
  return g_steal_pointer (&pieces);
}

gboolean
cs_geometry_ops_intersects (const CsGeometry *a,
                            const CsGeometry *b)
{
  g_autoptr(GEOSGeometry) ga = NULL;
  g_autoptr(GEOSGeometry) gb = NULL;
  CsRect ra, rb;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  cs_geometry_get_bounds (a, &ra);
  cs_geometry_get_bounds (b, &rb);
  if (cs_geometry_is_empty (a) || cs_geometry_is_empty (b) || !cs_rect_intersects (&ra, &rb))
    return FALSE;
  if ((ga = to_valid_geos (a, NULL)) == NULL || (gb = to_valid_geos (b, NULL)) == NULL)
    return FALSE;
  return GEOSIntersects_r (get_handle (), ga, gb) == 1;
}
