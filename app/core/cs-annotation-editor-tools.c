/* cs-annotation-editor-tools.c
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

/* The drawing tools. A shape in progress lives in self->points and the
 * preview; it reaches the list in one step when it is finished. */

static CsPoint *
point_at (CsAnnotationEditor *self,
          guint               i)
{
  return &g_array_index (self->points, CsPoint, i);
}

static CsPoint *
last_point (CsAnnotationEditor *self)
{
  return point_at (self, self->points->len - 1);
}

static CsGeometry *
points_geometry (CsAnnotationEditor *self)
{
  return cs_geometry_new_ring (point_at (self, 0), self->points->len);
}

static void
finish (CsAnnotationEditor *self)
{
  self->gesture = CS_GESTURE_NONE;
  g_array_set_size (self->points, 0);
  _cs_annotation_editor_clear_preview (self);
}

/* Adds @annotation in its own step and selects it. */
static void
add_new (CsAnnotationEditor *self,
         CsAnnotation       *annotation,
         const char         *label)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  cs_annotation_list_begin (self->list, label);
  cs_annotation_list_add (self->list, annotation);
  cs_annotation_list_commit (self->list);
  g_ptr_array_add (added, annotation);
  _cs_annotation_editor_select_ids (self, added);
}

/* Rectangles and ellipses: the box from the press to @p, square when
 * Shift is held. */

static CsShapeParams
box_params (CsAnnotationEditor *self)
{
  CsPoint *a = point_at (self, 0), *b = point_at (self, 1);
  double dx = b->x - a->x, dy = b->y - a->y;

  if (self->modifiers & CS_EDITOR_SHIFT)
    {
      double side = MAX (fabs (dx), fabs (dy));

      dx = copysign (side, dx);
      dy = copysign (side, dy);
    }
  return (CsShapeParams) { a->x + dx / 2, a->y + dy / 2, fabs (dx), fabs (dy), 0 };
}

static CsShape
tool_shape (CsTool tool)
{
  switch (tool)
    {
    case CS_TOOL_RECTANGLE:
      return CS_SHAPE_RECTANGLE;
    case CS_TOOL_ELLIPSE:
      return CS_SHAPE_ELLIPSE;
    case CS_TOOL_FREEHAND:
    case CS_TOOL_BRUSH:
      return CS_SHAPE_FREEHAND;
    case CS_TOOL_POINTS:
      return CS_SHAPE_POINTS;
    case CS_TOOL_ARROW:
      return CS_SHAPE_ARROW;
    case CS_TOOL_TEXT:
      return CS_SHAPE_TEXT;
    case CS_TOOL_RULER:
    case CS_TOOL_SPLIT:
      return CS_SHAPE_LINE;
    case CS_TOOL_POLYGON:
    case CS_TOOL_SELECT:
    default:
      return CS_SHAPE_POLYGON;
    }
}

static void
update_preview (CsAnnotationEditor *self)
{
  CsShape shape = tool_shape (self->tool);
  g_autoptr(GError) error = NULL;

  if (self->tool == CS_TOOL_RECTANGLE || self->tool == CS_TOOL_ELLIPSE)
    {
      CsShapeParams p = box_params (self);
      CsGeometry *box = shape == CS_SHAPE_ELLIPSE
                          ? cs_geometry_new_ellipse (p.cx, p.cy, p.width, p.height, 0)
                          : cs_geometry_new_rotated_rectangle (p.cx, p.cy, p.width, p.height, 0);

      _cs_annotation_editor_set_preview (self, shape, box);
    }
  else if (self->tool == CS_TOOL_POLYGON)
    {
      /* The area measured includes the rubber band to the pointer. */
      g_autoptr(CsGeometry) closed = NULL;
      CsMeasurement m;

      g_array_append_val (self->points, self->pointer);
      closed = points_geometry (self);
      g_array_set_size (self->points, self->points->len - 1);
      _cs_annotation_editor_set_preview (self, CS_SHAPE_LINE, points_geometry (self));
      self->preview.shape = CS_SHAPE_POLYGON;
      g_clear_pointer (&self->preview.label, g_free);
      if (self->points->len >= 2)
        {
          cs_measure_geometry (CS_SHAPE_POLYGON, closed, &self->calibration, &m);
          self->preview.label = cs_measure_format_area (m.area, m.calibrated);
        }
    }
  else if (self->tool == CS_TOOL_BRUSH)
    {
      CsGeometry *stroke = cs_geometry_ops_buffer_path (point_at (self, 0), self->points->len,
                                                        self->preview.brush_radius, &error);

      _cs_annotation_editor_set_preview (self, CS_SHAPE_POLYGON, stroke);
      g_clear_pointer (&self->preview.label, g_free);
    }
  else
    {
      _cs_annotation_editor_set_preview (self, shape, points_geometry (self));
      if (self->tool == CS_TOOL_SPLIT)
        g_clear_pointer (&self->preview.label, g_free);
    }
}

static gboolean
too_small (CsAnnotationEditor *self,
           double              width,
           double              height)
{
  double min = _cs_annotation_editor_to_level0 (self, CS_EDITOR_DRAG_PX);

  return width < min || height < min;
}

static void add_area (CsAnnotationEditor *self,
                      CsShape             shape,
                      CsGeometry         *geometry,
                      const char         *label);

static void
finish_box (CsAnnotationEditor *self)
{
  CsShapeParams params = box_params (self);
  CsShape shape = tool_shape (self->tool);
  g_autoptr(CsAnnotation) box = NULL;
  g_autoptr(CsGeometry) unused = cs_geometry_new ();

  if (too_small (self, params.width, params.height))
    return;
  if (shape == CS_SHAPE_ELLIPSE && self->bounds_width > 0 &&
      (params.cx - params.width / 2 < 0 || params.cy - params.height / 2 < 0 ||
       params.cx + params.width / 2 > self->bounds_width || params.cy + params.height / 2 > self->bounds_height))
    {
      /* Across the slide's edge: what is on the slide, as a polygon. */
      g_autoptr(CsGeometry) ellipse = cs_geometry_new_ellipse (params.cx, params.cy, params.width,
                                                               params.height, 0);

      add_area (self, CS_SHAPE_POLYGON, ellipse, _("Draw Ellipse"));
      return;
    }
  box = _cs_annotation_editor_new_annotation (self, shape, unused);
  cs_annotation_set_params (box, &params);
  add_new (self, box, shape == CS_SHAPE_ELLIPSE ? _("Draw Ellipse") : _("Draw Rectangle"));
}

/* Polygons and freehand areas: repaired when they cross themselves. */
static CsGeometry *
valid_area (CsGeometry *geometry)
{
  g_autoptr(GError) error = NULL;
  CsGeometry *valid;

  if (cs_geometry_ops_is_valid (geometry))
    return cs_geometry_ref (geometry);
  valid = cs_geometry_ops_make_valid (geometry, &error);
  if (valid == NULL)
    g_debug ("Shape dropped: %s", error->message);
  return valid;
}

static void
add_area (CsAnnotationEditor *self,
          CsShape             shape,
          CsGeometry         *geometry,
          const char         *label)
{
  g_autoptr(CsAnnotation) area = NULL;
  g_autoptr(CsGeometry) on_slide = NULL;

  if (geometry == NULL || cs_geometry_is_empty (geometry) || cs_geometry_ops_area (geometry) <= 0)
    return;
  /* Cut to the slide; nothing left, nothing added. */
  if ((on_slide = _cs_annotation_editor_clip (self, geometry)) == NULL)
    return;
  area = _cs_annotation_editor_new_annotation (self, shape, on_slide);
  add_new (self, area, label);
}

static gboolean
close_polygon (CsAnnotationEditor *self)
{
  g_autoptr(CsGeometry) ring = NULL;
  g_autoptr(CsGeometry) valid = NULL;

  if (self->points->len < 3)
    return FALSE;
  ring = points_geometry (self);
  valid = valid_area (ring);
  add_area (self, CS_SHAPE_POLYGON, valid, _("Draw Polygon"));
  finish (self);
  return TRUE;
}

/* Simplified within half a screen pixel, so the outline looks the same. */
static void
finish_freehand (CsAnnotationEditor *self)
{
  g_autoptr(CsGeometry) ring = NULL;
  g_autoptr(CsGeometry) valid = NULL;
  g_autoptr(CsGeometry) simple = NULL;
  g_autoptr(CsGeometry) result = NULL;
  CsRect bounds;

  if (self->points->len < 3)
    return;
  ring = points_geometry (self);
  cs_geometry_get_bounds (ring, &bounds);
  if (too_small (self, bounds.width, bounds.height) || (valid = valid_area (ring)) == NULL)
    return;
  simple = cs_geometry_ops_simplify (valid, _cs_annotation_editor_to_level0 (self, CS_EDITOR_SIMPLIFY_PX),
                                     TRUE);
  result = valid_area (simple);
  add_area (self, CS_SHAPE_FREEHAND, result, _("Draw Freehand"));
}

static void
finish_line (CsAnnotationEditor *self)
{
  CsShape shape = tool_shape (self->tool);
  CsPoint *a = point_at (self, 0), *b = point_at (self, 1);
  g_autoptr(CsGeometry) line = NULL;
  g_autoptr(CsAnnotation) annotation = NULL;

  if (hypot (b->x - a->x, b->y - a->y) < _cs_annotation_editor_to_level0 (self, CS_EDITOR_DRAG_PX))
    return;
  line = cs_geometry_new_ring (point_at (self, 0), 2);
  annotation = _cs_annotation_editor_new_annotation (self, shape, line);
  if (self->tool == CS_TOOL_RULER && self->temporary_rulers)
    cs_annotation_set_temporary (annotation, TRUE);
  add_new (self, annotation,
           self->tool == CS_TOOL_ARROW ? _("Draw Arrow")
           : self->temporary_rulers    ? _("Measure")
                                       : _("Draw Line"));
}

/* Points: into the selected point set, else the last one of the current
 * class made here, else a new one. */
static CsAnnotation *
target_point_set (CsAnnotationEditor *self)
{
  g_autoptr(GPtrArray) selected = _cs_annotation_editor_get_editable (self, FALSE);
  CsAnnotation *last;

  if (selected->len == 1 && cs_annotation_get_shape (selected->pdata[0]) == CS_SHAPE_POINTS)
    return selected->pdata[0];
  last = cs_annotation_list_lookup (self->list, self->last_points_id);
  if (last != NULL && !cs_annotation_get_locked (last) && cs_annotation_list_is_visible (self->list, last) &&
      g_strcmp0 (cs_annotation_get_class_name (last), self->class_name) == 0)
    return last;
  return NULL;
}

static void
add_point (CsAnnotationEditor *self,
           double              x,
           double              y)
{
  CsAnnotation *target = target_point_set (self);
  CsPoint p = { x, y };
  g_autoptr(CsAnnotation) edited = NULL;
  g_autoptr(CsGeometry) geometry = NULL;

  if (target == NULL)
    {
      geometry = cs_geometry_new_ring (&p, 1);
      edited = _cs_annotation_editor_new_annotation (self, CS_SHAPE_POINTS, geometry);
      g_free (self->last_points_id);
      self->last_points_id = g_strdup (cs_annotation_get_id (edited));
      add_new (self, edited, _("Add Point"));
      return;
    }
  {
    CsGeometry *old = cs_annotation_get_geometry (target);
    g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (CsPoint));
    guint n = 0;
    const CsPoint *ring = cs_geometry_get_n_parts (old) > 0 ? cs_geometry_get_ring (old, 0, 0, &n) : NULL;

    g_array_append_vals (points, ring, n);
    g_array_append_val (points, p);
    geometry = cs_geometry_new_ring ((CsPoint *) (gpointer) points->data, points->len);
  }
  edited = cs_annotation_copy (target);
  cs_annotation_set_geometry (edited, geometry);
  g_free (self->last_points_id);
  self->last_points_id = g_strdup (cs_annotation_get_id (edited));
  cs_annotation_list_begin (self->list, _("Add Point"));
  cs_annotation_list_update (self->list, edited);
  cs_annotation_list_commit (self->list);
  cs_annotation_editor_select (self, cs_annotation_list_lookup (self->list, cs_annotation_get_id (edited)),
                               FALSE);
}

static void
place_text (CsAnnotationEditor *self,
            double              x,
            double              y)
{
  CsPoint p = { x, y };
  g_autoptr(CsGeometry) anchor = cs_geometry_new_ring (&p, 1);
  g_autoptr(CsAnnotation) note = _cs_annotation_editor_new_annotation (self, CS_SHAPE_TEXT, anchor);

  /* Listed only once it has a text: a dismissed prompt leaves nothing. */
  g_set_object (&self->pending_note, note);
  _cs_annotation_editor_request_text (self, note);
}

/* The brush: paint into one region of the current class, or erase from
 * every region of the class it touches. */

static gboolean
is_brush_target (CsAnnotationEditor *self,
                 CsAnnotation       *annotation)
{
  return cs_shape_is_area (cs_annotation_get_shape (annotation)) &&
         !cs_annotation_get_locked (annotation) && cs_annotation_list_is_visible (self->list, annotation) &&
         g_strcmp0 (cs_annotation_get_class_name (annotation), self->class_name) == 0;
}

/* Regions of the current class the stroke touches, top-most last. */
static GPtrArray *
touched_regions (CsAnnotationEditor *self,
                 CsGeometry         *stroke)
{
  GPtrArray *touched = g_ptr_array_new ();
  g_autoptr(GPtrArray) near = NULL;
  CsRect bounds;

  cs_geometry_get_bounds (stroke, &bounds);
  near = cs_annotation_list_query (self->list, &bounds);
  for (guint i = 0; i < near->len; i++)
    {
      CsAnnotation *annotation = near->pdata[i];

      if (is_brush_target (self, annotation) &&
          cs_geometry_ops_intersects (cs_annotation_get_geometry (annotation), stroke))
        g_ptr_array_add (touched, annotation);
    }
  return touched;
}

static CsAnnotation *
paint_target (CsAnnotationEditor *self,
              CsGeometry         *stroke)
{
  g_autoptr(GPtrArray) selected = _cs_annotation_editor_get_editable (self, TRUE);
  g_autoptr(GPtrArray) touched = NULL;

  /* A selected region is extended only when the stroke touches it: a
   * stroke elsewhere starts a region of its own. */
  touched = touched_regions (self, stroke);
  for (guint i = 0; i < selected->len; i++)
    if (g_ptr_array_find (touched, selected->pdata[i], NULL))
      return selected->pdata[i];
  return touched->len > 0 ? touched->pdata[touched->len - 1] : NULL;
}

static void
paint (CsAnnotationEditor *self,
       CsGeometry         *whole_stroke)
{
  g_autoptr(CsGeometry) stroke = _cs_annotation_editor_clip (self, whole_stroke);
  CsAnnotation *target;
  g_autoptr(CsGeometry) merged = NULL;
  g_autoptr(CsAnnotation) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (stroke == NULL)
    return;
  target = paint_target (self, stroke);
  if (target == NULL)
    {
      add_area (self, CS_SHAPE_POLYGON, stroke, _("Brush"));
      return;
    }
  merged = cs_geometry_ops_union (cs_annotation_get_geometry (target), stroke, &error);
  if (merged == NULL)
    {
      g_warning ("Brush stroke not applied: %s", error->message);
      return;
    }
  edited = cs_annotation_copy (target);
  _cs_annotation_editor_set_area (edited, merged);
  cs_annotation_list_begin (self->list, _("Brush"));
  cs_annotation_list_update (self->list, edited);
  cs_annotation_list_commit (self->list);
  cs_annotation_editor_select (self, cs_annotation_list_lookup (self->list, cs_annotation_get_id (edited)),
                               FALSE);
}

static void
erase (CsAnnotationEditor *self,
       CsGeometry         *stroke)
{
  g_autoptr(GPtrArray) touched = touched_regions (self, stroke);

  cs_annotation_list_begin (self->list, _("Erase"));
  for (guint i = 0; i < touched->len; i++)
    {
      CsAnnotation *region = touched->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(CsGeometry) rest = cs_geometry_ops_difference (cs_annotation_get_geometry (region),
                                                               stroke, &error);
      g_autoptr(CsAnnotation) edited = NULL;

      if (rest == NULL)
        {
          g_warning ("Erasing skipped a region: %s", error->message);
          continue;
        }
      if (cs_geometry_is_empty (rest))
        {
          cs_annotation_list_remove (self->list, region);
          continue;
        }
      edited = cs_annotation_copy (region);
      _cs_annotation_editor_set_area (edited, rest);
      cs_annotation_list_update (self->list, edited);
    }
  cs_annotation_list_commit (self->list);
}

static void
finish_brush (CsAnnotationEditor *self)
{
  g_autoptr(GError) error = NULL;
  double radius = _cs_annotation_editor_to_level0 (self, self->brush_radius);
  g_autoptr(CsGeometry) stroke = cs_geometry_ops_buffer_path (point_at (self, 0), self->points->len,
                                                              radius, &error);

  if (stroke == NULL)
    {
      g_warning ("Brush stroke dropped: %s", error->message);
      return;
    }
  if (self->preview.erasing)
    erase (self, stroke);
  else
    paint (self, stroke);
}

/* Split: the selected areas, or else the top-most area the line cuts,
 * replaced by their pieces. */
static gboolean
split_one (CsAnnotationEditor *self,
           CsAnnotation       *region,
           CsGeometry         *line,
           GPtrArray          *pieces_out)
{
  guint n;
  const CsPoint *points = cs_geometry_get_ring (line, 0, 0, &n);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pieces = cs_geometry_ops_split (cs_annotation_get_geometry (region), points, n, &error);

  if (pieces == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot split “%s”: %s"),
                                                  cs_annotation_get_name (region) != NULL
                                                    ? cs_annotation_get_name (region)
                                                    : cs_shape_get_label (cs_annotation_get_shape (region)),
                                                  error->message);

      _cs_annotation_editor_failed (self, message);
      return FALSE;
    }
  if (pieces->len < 2)
    return FALSE;
  /* The pieces replace it: it is not a deleted annotation. */
  cs_annotation_list_discard (self->list, region);
  for (guint i = 0; i < pieces->len; i++)
    {
      g_autoptr(CsAnnotation) piece = cs_annotation_duplicate (region);

      _cs_annotation_editor_set_area (piece, pieces->pdata[i]);
      cs_annotation_list_add (self->list, piece);
      g_ptr_array_add (pieces_out, g_object_ref (piece));
    }
  return TRUE;
}

static void
finish_split (CsAnnotationEditor *self)
{
  g_autoptr(CsGeometry) drawn = NULL;
  g_autoptr(CsGeometry) line = NULL;
  g_autoptr(GPtrArray) targets = _cs_annotation_editor_get_editable (self, TRUE);
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean from_selection = targets->len > 0;
  CsRect bounds;

  if (self->points->len < 2)
    return;
  drawn = points_geometry (self);
  line = cs_geometry_ops_simplify (drawn, _cs_annotation_editor_to_level0 (self, CS_EDITOR_SIMPLIFY_PX),
                                   FALSE);
  if (!from_selection)
    {
      g_autoptr(GPtrArray) near = NULL;

      cs_geometry_get_bounds (line, &bounds);
      near = cs_annotation_list_query (self->list, &bounds);
      for (guint i = near->len; i > 0; i--)
        {
          CsAnnotation *a = near->pdata[i - 1];

          if (cs_shape_is_area (cs_annotation_get_shape (a)) && !cs_annotation_get_locked (a) &&
              cs_annotation_list_is_visible (self->list, a))
            g_ptr_array_add (targets, a);
        }
    }
  cs_annotation_list_begin (self->list, _("Split"));
  for (guint i = 0; i < targets->len; i++)
    if (split_one (self, targets->pdata[i], line, pieces) && !from_selection)
      break;
  cs_annotation_list_commit (self->list);
  if (pieces->len > 0)
    _cs_annotation_editor_select_ids (self, pieces);
}

/* Events */

/* Tools whose points are kept on the slide as they are placed; the
 * ellipse and the brush are cut to it when finished, a split line may
 * cross its edge. */
static gboolean
clamps_points (CsTool tool)
{
  return tool == CS_TOOL_RECTANGLE || tool == CS_TOOL_POLYGON || tool == CS_TOOL_FREEHAND ||
         tool == CS_TOOL_POINTS || tool == CS_TOOL_RULER || tool == CS_TOOL_ARROW || tool == CS_TOOL_TEXT;
}

static CsPoint
tool_point (CsAnnotationEditor *self,
            double              x,
            double              y)
{
  CsPoint p = { x, y };

  if (clamps_points (self->tool))
    _cs_annotation_editor_clamp (self, &p);
  return p;
}

gboolean
_cs_annotation_editor_tool_press (CsAnnotationEditor *self,
                                  double              x,
                                  double              y,
                                  guint               n_press)
{
  CsPoint p = tool_point (self, x, y);
  double near = _cs_annotation_editor_to_level0 (self, CS_EDITOR_HANDLE_PX);

  x = p.x;
  y = p.y;

  if (self->tool == CS_TOOL_POINTS)
    {
      add_point (self, x, y);
      return TRUE;
    }
  if (self->tool == CS_TOOL_TEXT)
    {
      place_text (self, x, y);
      return TRUE;
    }
  if (self->tool == CS_TOOL_POLYGON && self->gesture == CS_GESTURE_DRAW)
    {
      if (n_press >= 2 ||
          (self->points->len >= 3 && hypot (x - point_at (self, 0)->x, y - point_at (self, 0)->y) <= near))
        {
          close_polygon (self);
          return TRUE;
        }
      if (hypot (x - last_point (self)->x, y - last_point (self)->y) > near / 2)
        g_array_append_val (self->points, p);
      update_preview (self);
      return TRUE;
    }

  self->gesture = CS_GESTURE_DRAW;
  self->preview.erasing = self->tool == CS_TOOL_BRUSH && (self->modifiers & CS_EDITOR_ALT) != 0;
  g_array_set_size (self->points, 0);
  g_array_append_val (self->points, p);
  if (self->tool == CS_TOOL_RECTANGLE || self->tool == CS_TOOL_ELLIPSE ||
      self->tool == CS_TOOL_RULER || self->tool == CS_TOOL_ARROW)
    g_array_append_val (self->points, p);
  update_preview (self);
  return TRUE;
}

static gboolean
is_two_point_tool (CsTool tool)
{
  return tool == CS_TOOL_RECTANGLE || tool == CS_TOOL_ELLIPSE ||
         tool == CS_TOOL_RULER || tool == CS_TOOL_ARROW;
}

/* Points closer than this add nothing: half a screen pixel, or for the
 * brush a quarter of its radius (its buffer hides the rest). */
static double
path_spacing (CsAnnotationEditor *self)
{
  double px = CS_EDITOR_SIMPLIFY_PX;

  if (self->tool == CS_TOOL_BRUSH)
    px = MAX (px, self->brush_radius / 4);
  return _cs_annotation_editor_to_level0 (self, px);
}

gboolean
_cs_annotation_editor_tool_motion (CsAnnotationEditor *self,
                                   double              x,
                                   double              y)
{
  CsPoint p = tool_point (self, x, y);

  x = p.x;
  y = p.y;
  if (self->gesture != CS_GESTURE_DRAW)
    {
      /* The brush disc follows the pointer. */
      if (self->tool == CS_TOOL_BRUSH)
        _cs_annotation_editor_changed (self);
      return FALSE;
    }
  if (is_two_point_tool (self->tool))
    *point_at (self, 1) = p;
  else if (self->tool != CS_TOOL_POLYGON &&
           hypot (x - last_point (self)->x, y - last_point (self)->y) >= path_spacing (self))
    g_array_append_val (self->points, p);
  update_preview (self);
  _cs_annotation_editor_changed (self);
  return TRUE;
}

gboolean
_cs_annotation_editor_tool_release (CsAnnotationEditor *self,
                                    double              x,
                                    double              y)
{
  CsPoint p = tool_point (self, x, y);

  x = p.x;
  y = p.y;
  if (self->gesture != CS_GESTURE_DRAW)
    return self->tool != CS_TOOL_SELECT;
  if (self->tool == CS_TOOL_POLYGON)
    return TRUE;
  if (is_two_point_tool (self->tool))
    *point_at (self, 1) = p;
  else if (last_point (self)->x != x || last_point (self)->y != y)
    g_array_append_val (self->points, p);

  switch (self->tool)
    {
    case CS_TOOL_RECTANGLE:
    case CS_TOOL_ELLIPSE:
      finish_box (self);
      break;
    case CS_TOOL_FREEHAND:
      finish_freehand (self);
      break;
    case CS_TOOL_BRUSH:
      finish_brush (self);
      break;
    case CS_TOOL_RULER:
    case CS_TOOL_ARROW:
      finish_line (self);
      break;
    case CS_TOOL_SPLIT:
      finish_split (self);
      break;
    case CS_TOOL_SELECT:
    case CS_TOOL_POLYGON:
    case CS_TOOL_POINTS:
    case CS_TOOL_TEXT:
    default:
      break;
    }
  finish (self);
  return TRUE;
}

gboolean
_cs_annotation_editor_tool_key (CsAnnotationEditor *self,
                                CsEditorKey         key)
{
  if (self->tool != CS_TOOL_POLYGON || self->gesture != CS_GESTURE_DRAW)
    return FALSE;
  switch (key)
    {
    case CS_EDITOR_KEY_ENTER:
      return close_polygon (self);
    case CS_EDITOR_KEY_BACKSPACE:
      g_array_set_size (self->points, self->points->len - 1);
      if (self->points->len == 0)
        finish (self);
      else
        update_preview (self);
      _cs_annotation_editor_changed (self);
      return TRUE;
    case CS_EDITOR_KEY_ESCAPE:
    case CS_EDITOR_KEY_DELETE:
    default:
      return FALSE;
    }
}
