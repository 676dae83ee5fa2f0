/* cs-geometry.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-geometry"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-geometry.h"

/* All points of all rings sit in one array; rings and parts are offsets into
 * it, so a geometry is four allocations however many rings it has. The
 * arrays are allocated to the size their first ring or part needs and grow
 * by half when more come: a polygon read from a file (one ring, built
 * once, kept for the session) holds no spare room, where a GArray holds up
 * to twice its points (100,000 polygons of 21 points: about 30 MiB). */
typedef struct
{
  guint first_point;
  guint n_points;
} Ring;

typedef struct
{
  guint first_ring;
  guint n_rings;
} Part;

typedef struct
{
  gpointer data;
  guint    len;
  guint    capacity;
} Vec;

#define vec_index(vec, type, i) (((type *) (vec).data)[(i)])

struct _CsGeometry
{
  Vec points; /* CsPoint */
  Vec rings;  /* Ring */
  Vec parts;  /* Part */
};

G_DEFINE_BOXED_TYPE (CsGeometry, cs_geometry, cs_geometry_ref, cs_geometry_unref)

/* Room for @n more elements of @size bytes: exactly what the first ones
 * need, then half as much again. */
static void
vec_reserve (Vec   *vec,
             guint  n,
             gsize  size)
{
  guint want;

  if (vec->len + n <= vec->capacity)
    return;
  want = vec->len == 0 ? n : MAX (vec->len + n, vec->len + vec->len / 2);
  vec->data = g_realloc_n (vec->data, want, size);
  vec->capacity = want;
}

static void
vec_append (Vec           *vec,
            gconstpointer  elements,
            guint          n,
            gsize          size)
{
  if (n == 0)
    return;
  vec_reserve (vec, n, size);
  memcpy ((char *) vec->data + (gsize) vec->len * size, elements, (gsize) n * size);
  vec->len += n;
}

/* Of the same length. */
static gboolean
vec_equal (const Vec *a,
           const Vec *b,
           gsize      size)
{
  return a->len == 0 || memcmp (a->data, b->data, (gsize) a->len * size) == 0;
}

static void
geometry_clear (gpointer data)
{
  CsGeometry *self = data;

  g_free (self->points.data);
  g_free (self->rings.data);
  g_free (self->parts.data);
}

CsGeometry *
cs_geometry_new (void)
{
  return g_atomic_rc_box_new0 (CsGeometry);
}

CsGeometry *
cs_geometry_ref (CsGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
cs_geometry_unref (CsGeometry *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, geometry_clear);
}

void
cs_geometry_add_part (CsGeometry *self)
{
  Part part = { self->rings.len, 0 };

  vec_append (&self->parts, &part, 1, sizeof (Part));
}

void
cs_geometry_add_ring (CsGeometry    *self,
                      const CsPoint *points,
                      guint          n_points)
{
  Ring ring = { self->points.len, n_points };

  if (self->parts.len == 0)
    cs_geometry_add_part (self);

  vec_append (&self->points, points, n_points, sizeof (CsPoint));
  vec_append (&self->rings, &ring, 1, sizeof (Ring));
  vec_index (self->parts, Part, self->parts.len - 1).n_rings++;
}

CsGeometry *
cs_geometry_new_ring (const CsPoint *points,
                      guint          n_points)
{
  CsGeometry *self = cs_geometry_new ();

  cs_geometry_add_ring (self, points, n_points);
  return self;
}

CsGeometry *
cs_geometry_new_rectangle (const CsRect *rect)
{
  return cs_geometry_new_rotated_rectangle (rect->x + rect->width / 2,
                                            rect->y + rect->height / 2,
                                            rect->width, rect->height, 0);
}

static void
rotate_about (CsPoint *p,
              double   cx,
              double   cy,
              double   c,
              double   s)
{
  double dx = p->x, dy = p->y;

  p->x = cx + dx * c - dy * s;
  p->y = cy + dx * s + dy * c;
}

CsGeometry *
cs_geometry_new_rotated_rectangle (double cx,
                                   double cy,
                                   double width,
                                   double height,
                                   double rotation)
{
  double c = cos (rotation), s = sin (rotation);
  double hw = width / 2, hh = height / 2;
  CsPoint corners[4] = { { -hw, -hh }, { hw, -hh }, { hw, hh }, { -hw, hh } };

  for (guint i = 0; i < 4; i++)
    {
      if (rotation == 0)
        corners[i] = (CsPoint) { cx + corners[i].x, cy + corners[i].y };
      else
        rotate_about (&corners[i], cx, cy, c, s);
    }
  return cs_geometry_new_ring (corners, 4);
}

/* Enough vertices that the polygon's sagitta stays under a tenth of a pixel
 * of the largest radius (an ellipse 100,000 px across needs about 1,600),
 * at least 64. */
static guint
ellipse_n_vertices (double width,
                    double height)
{
  double r = MAX (fabs (width), fabs (height)) / 2;
  double n = r > 0.1 ? G_PI / acos (1 - 0.1 / r) : 32;

  return (guint) CLAMP (ceil (n / 4) * 4, 64, 4096);
}

CsGeometry *
cs_geometry_new_ellipse (double cx,
                         double cy,
                         double width,
                         double height,
                         double rotation)
{
  guint n = ellipse_n_vertices (width, height);
  g_autofree CsPoint *points = g_new (CsPoint, n);
  double c = cos (rotation), s = sin (rotation);

  for (guint i = 0; i < n; i++)
    {
      double t = 2 * G_PI * i / n;

      points[i] = (CsPoint) { width / 2 * cos (t), height / 2 * sin (t) };
      rotate_about (&points[i], cx, cy, c, s);
    }
  return cs_geometry_new_ring (points, n);
}

guint
cs_geometry_get_n_parts (const CsGeometry *self)
{
  return self->parts.len;
}

guint
cs_geometry_get_n_rings (const CsGeometry *self,
                         guint             part)
{
  g_return_val_if_fail (part < self->parts.len, 0);

  return vec_index (self->parts, Part, part).n_rings;
}

const CsPoint *
cs_geometry_get_ring (const CsGeometry *self,
                      guint             part,
                      guint             ring,
                      guint            *n_points)
{
  const Part *p;
  const Ring *r;

  g_return_val_if_fail (part < self->parts.len, NULL);
  p = &vec_index (self->parts, Part, part);
  g_return_val_if_fail (ring < p->n_rings, NULL);
  r = &vec_index (self->rings, Ring, p->first_ring + ring);

  *n_points = r->n_points;
  return &vec_index (self->points, CsPoint, r->first_point);
}

guint
cs_geometry_get_n_points (const CsGeometry *self)
{
  return self->points.len;
}

gboolean
cs_geometry_is_empty (const CsGeometry *self)
{
  return self->points.len == 0;
}

gboolean
cs_geometry_equal (const CsGeometry *a,
                   const CsGeometry *b)
{
  if (a == b)
    return TRUE;
  if (a->points.len != b->points.len || a->rings.len != b->rings.len ||
      a->parts.len != b->parts.len)
    return FALSE;
  return vec_equal (&a->points, &b->points, sizeof (CsPoint)) &&
         vec_equal (&a->rings, &b->rings, sizeof (Ring)) &&
         vec_equal (&a->parts, &b->parts, sizeof (Part));
}

void
cs_geometry_get_bounds (const CsGeometry *self,
                        CsRect           *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if (self->points.len == 0)
    {
      *bounds = (CsRect) { 0, 0, 0, 0 };
      return;
    }
  for (guint i = 0; i < self->points.len; i++)
    {
      const CsPoint *p = &vec_index (self->points, CsPoint, i);

      x0 = MIN (x0, p->x);
      y0 = MIN (y0, p->y);
      x1 = MAX (x1, p->x);
      y1 = MAX (y1, p->y);
    }
  *bounds = (CsRect) { x0, y0, x1 - x0, y1 - y0 };
}

CsGeometry *
cs_geometry_translate (const CsGeometry *self,
                       double            dx,
                       double            dy)
{
  CsGeometry *copy = cs_geometry_new ();

  vec_append (&copy->rings, self->rings.data, self->rings.len, sizeof (Ring));
  vec_append (&copy->parts, self->parts.data, self->parts.len, sizeof (Part));
  vec_reserve (&copy->points, self->points.len, sizeof (CsPoint));
  copy->points.len = self->points.len;
  for (guint i = 0; i < self->points.len; i++)
    {
      const CsPoint *p = &vec_index (self->points, CsPoint, i);

      vec_index (copy->points, CsPoint, i) = (CsPoint) { p->x + dx, p->y + dy };
    }
  return copy;
}

gboolean
cs_geometry_is_finite (const CsGeometry *self)
{
  for (guint i = 0; i < self->points.len; i++)
    {
      const CsPoint *p = &vec_index (self->points, CsPoint, i);

      if (!isfinite (p->x) || !isfinite (p->y))
        return FALSE;
    }
  return TRUE;
}

static double
ring_length (const CsPoint *p,
             guint          n,
             gboolean       closed)
{
  double length = 0;

  for (guint i = 1; i < n; i++)
    length += hypot (p[i].x - p[i - 1].x, p[i].y - p[i - 1].y);
  if (closed && n > 2)
    length += hypot (p[0].x - p[n - 1].x, p[0].y - p[n - 1].y);
  return length;
}

/* The perimeter of an area: every ring, holes included, as QuPath counts. */
double
cs_geometry_perimeter (const CsGeometry *self)
{
  double length = 0;

  for (guint i = 0; i < self->rings.len; i++)
    {
      const Ring *r = &vec_index (self->rings, Ring, i);

      length += ring_length (&vec_index (self->points, CsPoint, r->first_point),
                             r->n_points, TRUE);
    }
  return length;
}

double
cs_geometry_polyline_length (const CsGeometry *self)
{
  double length = 0;

  for (guint i = 0; i < self->rings.len; i++)
    {
      const Ring *r = &vec_index (self->rings, Ring, i);

      length += ring_length (&vec_index (self->points, CsPoint, r->first_point),
                             r->n_points, FALSE);
    }
  return length;
}

static gboolean
ring_contains (const CsPoint *p,
               guint          n,
               double         x,
               double         y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      if ((p[i].y > y) != (p[j].y > y) &&
          x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
        inside = !inside;
    }
  return inside;
}

/* Even-odd over every ring of every part, like the renderer's fill. */
gboolean
cs_geometry_contains (const CsGeometry *self,
                      double            x,
                      double            y)
{
  gboolean inside = FALSE;

  for (guint i = 0; i < self->rings.len; i++)
    {
      const Ring *r = &vec_index (self->rings, Ring, i);

      if (r->n_points >= 3 &&
          ring_contains (&vec_index (self->points, CsPoint, r->first_point),
                         r->n_points, x, y))
        inside = !inside;
    }
  return inside;
}

static double
segment_distance (const CsPoint *a,
                  const CsPoint *b,
                  double         x,
                  double         y)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((x - a->x) * dx + (y - a->y) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (x - (a->x + t * dx), y - (a->y + t * dy));
}

/* Distance from (x, y) to the nearest edge, or to the nearest point of a
 * ring of one point; closed rings include the closing edge. */
double
cs_geometry_distance_to_outline (const CsGeometry *self,
                                 double            x,
                                 double            y,
                                 gboolean          closed)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < self->rings.len; i++)
    {
      const Ring *r = &vec_index (self->rings, Ring, i);
      const CsPoint *p = &vec_index (self->points, CsPoint, r->first_point);
      guint n = r->n_points;

      if (n == 1)
        best = MIN (best, hypot (x - p[0].x, y - p[0].y));
      for (guint k = 1; k < n; k++)
        best = MIN (best, segment_distance (&p[k - 1], &p[k], x, y));
      if (closed && n > 2)
        best = MIN (best, segment_distance (&p[n - 1], &p[0], x, y));
    }
  return best;
}

/* Distance from (x, y) to the nearest point, ignoring edges: for point
 * sets, whose points are not joined. */
double
cs_geometry_distance_to_points (const CsGeometry *self,
                                double            x,
                                double            y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < self->points.len; i++)
    {
      const CsPoint *p = &vec_index (self->points, CsPoint, i);

      best = MIN (best, hypot (x - p->x, y - p->y));
    }
  return best;
}

gboolean
cs_rect_intersects (const CsRect *a,
                    const CsRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

void
cs_rect_union (CsRect       *dest,
               const CsRect *src)
{
  double x0 = MIN (dest->x, src->x), y0 = MIN (dest->y, src->y);
  double x1 = MAX (dest->x + dest->width, src->x + src->width);
  double y1 = MAX (dest->y + dest->height, src->y + src->height);

  *dest = (CsRect) { x0, y0, x1 - x0, y1 - y0 };
}
