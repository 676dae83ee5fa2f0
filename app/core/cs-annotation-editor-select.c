/* cs-annotation-editor-select.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-editor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-annotation-editor-private.h"
#include "cs-geometry-ops.h"

/* The select tool: picking, moving, resizing by the box handles of a
 * rectangle or ellipse, and editing vertices. A drag is one undo step:
 * begun when the pointer first moves past the drag threshold, updated on
 * every motion (so the list, the view and the panel follow it live) and
 * committed on release. */

/* The single selected annotation that may change, or NULL. */
static CsAnnotation *
single_editable (CsAnnotationEditor *self)
{
  g_autoptr(GPtrArray) selected = _cs_annotation_editor_get_selected (self);
  CsAnnotation *annotation;

  if (selected->len != 1)
    return NULL;
  annotation = selected->pdata[0];
  if (cs_annotation_get_locked (annotation) || !cs_annotation_list_is_visible (self->list, annotation))
    return NULL;
  return annotation;
}

static gboolean
is_area (CsAnnotation *annotation)
{
  return cs_shape_is_area (cs_annotation_get_shape (annotation));
}

/* Box handles: 0 top-left, then clockwise (top, top-right, right, …), in
 * the shape's own rotated frame. */
static const int box_sx[8] = { -1, 0, 1, 1, 1, 0, -1, -1 };
static const int box_sy[8] = { -1, -1, -1, 0, 1, 1, 1, 0 };

static CsPoint
box_handle (const CsShapeParams *p,
            guint                i)
{
  double c = cos (p->rotation), s = sin (p->rotation);
  double u = box_sx[i] * p->width / 2, v = box_sy[i] * p->height / 2;

  return (CsPoint) { p->cx + u * c - v * s, p->cy + u * s + v * c };
}

static void
add_handle (CsAnnotationEditor *self,
            CsPoint             point,
            CsHandleRef         ref)
{
  g_array_append_val (self->handles, point);
  g_array_append_val (self->handle_refs, ref);
}

void
_cs_annotation_editor_update_handles (CsAnnotationEditor *self)
{
  CsAnnotation *annotation = single_editable (self);
  const CsShapeParams *params;
  CsGeometry *geometry;

  g_array_set_size (self->handles, 0);
  g_array_set_size (self->handle_refs, 0);
  if (annotation == NULL || cs_annotation_get_shape (annotation) == CS_SHAPE_TEXT)
    return;
  if ((params = cs_annotation_get_params (annotation)) != NULL)
    {
      for (guint i = 0; i < 8; i++)
        add_handle (self, box_handle (params, i), (CsHandleRef) { TRUE, i, 0, 0 });
      return;
    }
  geometry = cs_annotation_get_geometry (annotation);
  if (cs_geometry_get_n_points (geometry) > CS_EDITOR_MAX_HANDLES)
    return;
  for (guint part = 0; part < cs_geometry_get_n_parts (geometry); part++)
    for (guint ring = 0; ring < cs_geometry_get_n_rings (geometry, part); ring++)
      {
        guint n;
        const CsPoint *points = cs_geometry_get_ring (geometry, part, ring, &n);

        for (guint i = 0; i < n; i++)
          add_handle (self, points[i], (CsHandleRef) { FALSE, i, part, ring });
      }
}

/* The handle nearest to (x, y) within the handle tolerance. */
gboolean
_cs_annotation_editor_find_handle (CsAnnotationEditor *self,
                                   double              x,
                                   double              y,
                                   CsHandleRef        *ref)
{
  double best = _cs_annotation_editor_to_level0 (self, CS_EDITOR_HANDLE_PX);
  gboolean found = FALSE;

  _cs_annotation_editor_update_handles (self);
  for (guint i = 0; i < self->handles->len; i++)
    {
      CsPoint *h = &g_array_index (self->handles, CsPoint, i);
      double d = hypot (h->x - x, h->y - y);

      if (d <= best)
        {
          best = d;
          *ref = g_array_index (self->handle_refs, CsHandleRef, i);
          found = TRUE;
        }
    }
  return found;
}

/* A copy of @geometry with one ring replaced. */
static CsGeometry *
replace_ring (CsGeometry    *geometry,
              guint          part,
              guint          ring,
              const CsPoint *points,
              guint          n_points)
{
  CsGeometry *result = cs_geometry_new ();

  for (guint p = 0; p < cs_geometry_get_n_parts (geometry); p++)
    {
      cs_geometry_add_part (result);
      for (guint r = 0; r < cs_geometry_get_n_rings (geometry, p); r++)
        {
          guint n;
          const CsPoint *old = cs_geometry_get_ring (geometry, p, r, &n);

          if (p == part && r == ring)
            cs_geometry_add_ring (result, points, n_points);
          else
            cs_geometry_add_ring (result, old, n);
        }
    }
  return result;
}

/* The ring @ref points into, as an array to edit. */
static GArray *
ring_points (CsAnnotation      *annotation,
             const CsHandleRef *ref)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (CsPoint));
  guint n;
  const CsPoint *ring = cs_geometry_get_ring (cs_annotation_get_geometry (annotation),
                                              ref->part, ref->ring, &n);

  g_array_append_vals (points, ring, n);
  return points;
}

static CsAnnotation *
with_ring (CsAnnotation      *annotation,
           const CsHandleRef *ref,
           GArray            *points)
{
  CsAnnotation *copy = cs_annotation_copy (annotation);
  g_autoptr(CsGeometry) geometry = replace_ring (cs_annotation_get_geometry (annotation),
                                                ref->part, ref->ring,
                                                (CsPoint *) (gpointer) points->data, points->len);

  if (is_area (annotation))
    _cs_annotation_editor_set_area (copy, geometry);
  else
    cs_annotation_set_geometry (copy, geometry);
  return copy;
}

/* An area whose edited outline crosses itself, repaired (GEOS make-valid)
 * as the drawing tools repair theirs; NULL when it needs nothing. */
static CsAnnotation *
repaired (CsAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsGeometry) valid = NULL;
  CsAnnotation *copy;

  if (!is_area (annotation) || cs_geometry_ops_is_valid (cs_annotation_get_geometry (annotation)))
    return NULL;
  valid = cs_geometry_ops_make_valid (cs_annotation_get_geometry (annotation), &error);
  if (valid == NULL || cs_geometry_is_empty (valid))
    {
      g_debug ("Edited outline left as drawn: %s", error != NULL ? error->message : "empty");
      return NULL;
    }
  copy = cs_annotation_copy (annotation);
  _cs_annotation_editor_set_area (copy, valid);
  return copy;
}

static void
update_repaired (CsAnnotationEditor *self,
                 CsAnnotation       *edited)
{
  g_autoptr(CsAnnotation) valid = repaired (edited);

  cs_annotation_list_update (self->list, valid != NULL ? valid : edited);
}

static CsAnnotation *
moved_vertex (CsAnnotation      *annotation,
              const CsHandleRef *ref,
              double             x,
              double             y)
{
  g_autoptr(GArray) points = ring_points (annotation, ref);

  g_array_index (points, CsPoint, ref->index) = (CsPoint) { x, y };
  return with_ring (annotation, ref, points);
}

/* The box with the grabbed handle's edges at the pointer and the others
 * where they were, in the shape's frame; parameters kept. */
static CsAnnotation *
resized (CsAnnotationEditor *self,
         CsAnnotation       *annotation,
         guint               handle,
         double              x,
         double              y)
{
  CsShapeParams p = *cs_annotation_get_params (annotation);
  CsAnnotation *copy = cs_annotation_copy (annotation);
  double c = cos (p.rotation), s = sin (p.rotation);
  double dx = x - p.cx, dy = y - p.cy;
  double u = dx * c + dy * s, v = -dx * s + dy * c;
  double x0 = -p.width / 2, x1 = p.width / 2, y0 = -p.height / 2, y1 = p.height / 2;
  double min = _cs_annotation_editor_to_level0 (self, 1);
  double mu, mv;

  if (box_sx[handle] < 0)
    x0 = MIN (u, x1 - min);
  else if (box_sx[handle] > 0)
    x1 = MAX (u, x0 + min);
  if (box_sy[handle] < 0)
    y0 = MIN (v, y1 - min);
  else if (box_sy[handle] > 0)
    y1 = MAX (v, y0 + min);
  mu = (x0 + x1) / 2;
  mv = (y0 + y1) / 2;
  p.cx += mu * c - mv * s;
  p.cy += mu * s + mv * c;
  p.width = x1 - x0;
  p.height = y1 - y0;
  cs_annotation_set_params (copy, &p);
  return copy;
}

static void
begin_step (CsAnnotationEditor *self,
            const char         *label)
{
  if (self->step_open)
    return;
  cs_annotation_list_begin (self->list, label);
  self->step_open = TRUE;
}

static void
end_step (CsAnnotationEditor *self)
{
  if (!self->step_open)
    return;
  self->step_open = FALSE;
  cs_annotation_list_commit (self->list);
}

/* Puts the dragged annotations back, leaving no trace in the history. */
void
_cs_annotation_editor_cancel_drag (CsAnnotationEditor *self)
{
  if (!self->step_open)
    return;
  self->step_open = FALSE;
  cs_annotation_list_rollback (self->list);
}

static void
start_drag (CsAnnotationEditor *self,
            CsGesture           gesture,
            CsAnnotation       *annotation,
            double              x,
            double              y)
{
  self->gesture = gesture;
  self->press = (CsPoint) { x, y };
  g_ptr_array_set_size (self->originals, 0);
  if (annotation != NULL)
    g_ptr_array_add (self->originals, g_object_ref (annotation));
}

/* Double click on an edge of the selected polygon or line: a new vertex
 * there. */
static gboolean
insert_vertex (CsAnnotationEditor *self,
               double              x,
               double              y)
{
  CsAnnotation *annotation = single_editable (self);
  double best = _cs_annotation_editor_to_level0 (self, CS_EDITOR_HIT_PX);
  CsHandleRef at = { FALSE, 0, 0, 0 };
  gboolean found = FALSE, closed;
  CsGeometry *geometry;
  g_autoptr(GArray) points = NULL;
  g_autoptr(CsAnnotation) edited = NULL;
  CsPoint p = { x, y };

  if (annotation == NULL || cs_annotation_get_params (annotation) != NULL ||
      cs_annotation_get_shape (annotation) == CS_SHAPE_POINTS ||
      cs_annotation_get_shape (annotation) == CS_SHAPE_TEXT)
    return FALSE;
  geometry = cs_annotation_get_geometry (annotation);
  closed = is_area (annotation);
  for (guint part = 0; part < cs_geometry_get_n_parts (geometry); part++)
    for (guint ring = 0; ring < cs_geometry_get_n_rings (geometry, part); ring++)
      {
        guint n;
        const CsPoint *r = cs_geometry_get_ring (geometry, part, ring, &n);

        for (guint i = 0; i + (closed ? 0 : 1) < n; i++)
          {
            const CsPoint *a = &r[i], *b = &r[(i + 1) % n];
            g_autoptr(CsGeometry) edge = cs_geometry_new_ring ((CsPoint[]) { *a, *b }, 2);
            double d = cs_geometry_distance_to_outline (edge, x, y, FALSE);

            if (d <= best)
              {
                best = d;
                at = (CsHandleRef) { FALSE, i + 1, part, ring };
                found = TRUE;
              }
          }
      }
  if (!found)
    return FALSE;
  points = ring_points (annotation, &at);
  g_array_insert_val (points, at.index, p);
  edited = with_ring (annotation, &at, points);
  cs_annotation_list_begin (self->list, _("Insert Vertex"));
  update_repaired (self, edited);
  cs_annotation_list_commit (self->list);
  return TRUE;
}

/* Delete with the pointer on a vertex handle: that vertex goes, while the
 * ring keeps 3 (areas), 2 (lines) or 1 (points). */
gboolean
_cs_annotation_editor_delete_vertex (CsAnnotationEditor *self)
{
  CsAnnotation *annotation = single_editable (self);
  CsHandleRef ref;
  g_autoptr(GArray) points = NULL;
  g_autoptr(CsAnnotation) edited = NULL;
  CsShape shape;
  guint keep;

  if (self->tool != CS_TOOL_SELECT || annotation == NULL ||
      !_cs_annotation_editor_find_handle (self, self->pointer.x, self->pointer.y, &ref) || ref.box)
    return FALSE;
  shape = cs_annotation_get_shape (annotation);
  keep = shape == CS_SHAPE_POINTS                             ? 1
         : shape == CS_SHAPE_LINE || shape == CS_SHAPE_ARROW ? 2
                                                             : 3;
  points = ring_points (annotation, &ref);
  if (points->len <= keep)
    return TRUE;
  g_array_remove_index (points, ref.index);
  edited = with_ring (annotation, &ref, points);
  cs_annotation_list_begin (self->list, _("Delete Vertex"));
  update_repaired (self, edited);
  cs_annotation_list_commit (self->list);
  return TRUE;
}

static gboolean
double_click (CsAnnotationEditor *self,
              double              x,
              double              y)
{
  CsAnnotation *hit;

  if (insert_vertex (self, x, y))
    return TRUE;
  hit = cs_annotation_list_hit_test (self->list, x, y,
                                     _cs_annotation_editor_to_level0 (self, CS_EDITOR_HIT_PX));
  if (hit != NULL && cs_annotation_get_shape (hit) == CS_SHAPE_TEXT && !cs_annotation_get_locked (hit))
    {
      _cs_annotation_editor_request_text (self, hit);
      return TRUE;
    }
  return FALSE;
}

gboolean
_cs_annotation_editor_select_press (CsAnnotationEditor *self,
                                    double              x,
                                    double              y,
                                    guint               n_press)
{
  CsHandleRef ref;
  CsAnnotation *hit;

  g_clear_pointer (&self->select_only_id, g_free);
  if (n_press >= 2 && double_click (self, x, y))
    return TRUE;
  if (_cs_annotation_editor_find_handle (self, x, y, &ref))
    {
      start_drag (self, ref.box ? CS_GESTURE_RESIZE : CS_GESTURE_VERTEX, single_editable (self), x, y);
      self->grabbed = ref;
      return TRUE;
    }
  hit = cs_annotation_list_hit_test (self->list, x, y,
                                     _cs_annotation_editor_to_level0 (self, CS_EDITOR_HIT_PX));
  if (hit == NULL)
    {
      if ((self->modifiers & (CS_EDITOR_SHIFT | CS_EDITOR_CTRL)) == 0)
        cs_annotation_editor_select_none (self);
      return FALSE;
    }
  if (self->modifiers & CS_EDITOR_CTRL)
    {
      _cs_annotation_editor_toggle (self, hit);
      return TRUE;
    }
  if (self->modifiers & CS_EDITOR_SHIFT)
    cs_annotation_editor_select (self, hit, TRUE);
  else if (!cs_annotation_editor_is_selected (self, hit))
    cs_annotation_editor_select (self, hit, FALSE);
  else
    self->select_only_id = g_strdup (cs_annotation_get_id (hit));
  start_drag (self, CS_GESTURE_PRESSED, NULL, x, y);
  return TRUE;
}

static void
start_move (CsAnnotationEditor *self)
{
  g_autoptr(GPtrArray) movable = _cs_annotation_editor_get_editable (self, FALSE);

  self->gesture = CS_GESTURE_MOVE;
  g_clear_pointer (&self->select_only_id, g_free);
  for (guint i = 0; i < movable->len; i++)
    g_ptr_array_add (self->originals, g_object_ref (movable->pdata[i]));
}

static void
update_hover (CsAnnotationEditor *self,
              double              x,
              double              y)
{
  CsAnnotation *hit = cs_annotation_list_hit_test (self->list, x, y,
                                                   _cs_annotation_editor_to_level0 (self, CS_EDITOR_HIT_PX));
  const char *id = hit != NULL ? cs_annotation_get_id (hit) : NULL;

  if (g_strcmp0 (id, self->hovered_id) == 0)
    return;
  g_free (self->hovered_id);
  self->hovered_id = g_strdup (id);
  _cs_annotation_editor_changed (self);
}

/* A move that would take the moved annotations further off the slide
 * stops at its edge (one already beyond it may still move back). */
static void
clamp_move (CsAnnotationEditor *self,
            double             *dx,
            double             *dy)
{
  CsRect all = { 0, 0, 0, 0 };

  if (self->bounds_width <= 0 || self->originals->len == 0)
    return;
  for (guint i = 0; i < self->originals->len; i++)
    {
      CsRect b;

      cs_annotation_get_bounds (self->originals->pdata[i], &b);
      if (i == 0)
        all = b;
      else
        cs_rect_union (&all, &b);
    }
  *dx = CLAMP (*dx, MIN (0, -all.x), MAX (0, self->bounds_width - all.x - all.width));
  *dy = CLAMP (*dy, MIN (0, -all.y), MAX (0, self->bounds_height - all.y - all.height));
}

gboolean
_cs_annotation_editor_select_motion (CsAnnotationEditor *self,
                                     double              x,
                                     double              y)
{
  double dx = x - self->press.x, dy = y - self->press.y;
  gboolean past_threshold = hypot (dx, dy) >= _cs_annotation_editor_to_level0 (self, CS_EDITOR_DRAG_PX);

  switch (self->gesture)
    {
    case CS_GESTURE_PRESSED:
      if (!past_threshold)
        return TRUE;
      start_move (self);
      G_GNUC_FALLTHROUGH;
    case CS_GESTURE_MOVE:
      clamp_move (self, &dx, &dy);
      begin_step (self, _("Move"));
      for (guint i = 0; i < self->originals->len; i++)
        {
          g_autoptr(CsAnnotation) moved = _cs_annotation_editor_translated (self->originals->pdata[i], dx, dy);

          cs_annotation_touch (moved);
          cs_annotation_list_update (self->list, moved);
        }
      break;
    case CS_GESTURE_RESIZE:
    case CS_GESTURE_VERTEX:
      if (!self->step_open && !past_threshold)
        return TRUE;
      {
        CsAnnotation *original = self->originals->pdata[0];
        g_autoptr(CsAnnotation) edited = NULL;
        CsPoint p = { x, y };

        /* A handle dragged off the slide stays on its edge. */
        _cs_annotation_editor_clamp (self, &p);
        x = p.x;
        y = p.y;
        if (self->gesture == CS_GESTURE_RESIZE)
          {
            begin_step (self, _("Resize"));
            edited = resized (self, original, self->grabbed.index, x, y);
          }
        else
          {
            begin_step (self, _("Move Vertex"));
            edited = moved_vertex (original, &self->grabbed, x, y);
          }
        cs_annotation_touch (edited);
        cs_annotation_list_update (self->list, edited);
      }
      break;
    case CS_GESTURE_NONE:
    case CS_GESTURE_DRAW:
    default:
      update_hover (self, x, y);
      return FALSE;
    }
  _cs_annotation_editor_changed (self);
  return TRUE;
}

gboolean
_cs_annotation_editor_select_release (CsAnnotationEditor *self)
{
  gboolean used = self->gesture != CS_GESTURE_NONE;

  if (self->gesture == CS_GESTURE_VERTEX && self->step_open && self->originals->len > 0)
    {
      CsAnnotation *listed = cs_annotation_list_lookup (self->list,
                                                        cs_annotation_get_id (self->originals->pdata[0]));

      if (listed != NULL)
        update_repaired (self, listed);
    }
  end_step (self);
  if (self->select_only_id != NULL)
    {
      CsAnnotation *only = cs_annotation_list_lookup (self->list, self->select_only_id);

      if (only != NULL)
        cs_annotation_editor_select (self, only, FALSE);
      g_clear_pointer (&self->select_only_id, g_free);
    }
  self->gesture = CS_GESTURE_NONE;
  g_ptr_array_set_size (self->originals, 0);
  return used;
}
