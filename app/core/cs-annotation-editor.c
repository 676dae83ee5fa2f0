/* cs-annotation-editor.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-annotation-editor-private.h"
#include "cs-geometry-ops.h"

/* The editor object: settings, selection, preview and the dispatch of
 * pointer and key events to the select tool (cs-annotation-editor-select.c)
 * or the drawing tools (cs-annotation-editor-tools.c). Commands on the
 * selection are in cs-annotation-editor-commands.c. The selection is kept
 * as ids, since an edit replaces the listed annotation by a new object. */

G_DEFINE_QUARK (cs-annotation-editor-error-quark, cs_annotation_editor_error)

G_DEFINE_ENUM_TYPE (CsTool, cs_tool,
                    G_DEFINE_ENUM_VALUE (CS_TOOL_SELECT, "select"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_RECTANGLE, "rectangle"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_ELLIPSE, "ellipse"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_POLYGON, "polygon"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_FREEHAND, "freehand"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_BRUSH, "brush"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_POINTS, "points"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_RULER, "ruler"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_ARROW, "arrow"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_TEXT, "text"),
                    G_DEFINE_ENUM_VALUE (CS_TOOL_SPLIT, "split"))

const char *
cs_tool_to_string (CsTool tool)
{
  GEnumClass *klass = g_type_class_ref (CS_TYPE_TOOL);
  GEnumValue *value = g_enum_get_value (klass, tool);

  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : NULL;
}

gboolean
cs_tool_from_string (const char *str,
                     CsTool     *tool)
{
  GEnumClass *klass;
  GEnumValue *value;

  if (str == NULL)
    return FALSE;
  klass = g_type_class_ref (CS_TYPE_TOOL);
  value = g_enum_get_value_by_nick (klass, str);
  g_type_class_unref (klass);
  if (value == NULL)
    return FALSE;
  *tool = value->value;
  return TRUE;
}

G_DEFINE_FINAL_TYPE (CsAnnotationEditor, cs_annotation_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_TEXT_REQUESTED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_annotation_editor_dispose (GObject *object)
{
  CsAnnotationEditor *self = (CsAnnotationEditor *) object;

  if (self->step_open)
    {
      self->step_open = FALSE;
      cs_annotation_list_commit (self->list);
    }
  g_clear_object (&self->pending_note);
  g_clear_signal_handler (&self->list_changed_id, self->list);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (cs_annotation_editor_parent_class)->dispose (object);
}

static void
cs_annotation_editor_finalize (GObject *object)
{
  CsAnnotationEditor *self = (CsAnnotationEditor *) object;

  _cs_annotation_editor_clear_preview (self);
  g_ptr_array_unref (self->selection);
  g_array_unref (self->points);
  g_array_unref (self->handles);
  g_array_unref (self->handle_refs);
  g_ptr_array_unref (self->originals);
  g_ptr_array_unref (self->selection_out);
  g_free (self->class_name);
  g_free (self->author);
  g_free (self->institution);
  g_free (self->last_points_id);
  g_free (self->hovered_id);
  g_free (self->select_only_id);

  G_OBJECT_CLASS (cs_annotation_editor_parent_class)->finalize (object);
}

static void
cs_annotation_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CsAnnotationEditor *self = CS_ANNOTATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_enum (value, self->tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_annotation_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CsAnnotationEditor *self = CS_ANNOTATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      cs_annotation_editor_set_tool (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_annotation_editor_class_init (CsAnnotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_annotation_editor_dispose;
  object_class->finalize = cs_annotation_editor_finalize;
  object_class->get_property = cs_annotation_editor_get_property;
  object_class->set_property = cs_annotation_editor_set_property;

  properties[PROP_TOOL] =
    g_param_spec_enum ("tool", NULL, NULL, CS_TYPE_TOOL, CS_TOOL_SELECT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_TEXT_REQUESTED] =
    g_signal_new ("text-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CS_TYPE_ANNOTATION);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

/* A gesture that could not do what it was meant to (a split GEOS refused):
 * the view tells the user. */
void
_cs_annotation_editor_failed (CsAnnotationEditor *self,
                              const char         *message)
{
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, message);
}

static void
cs_annotation_editor_init (CsAnnotationEditor *self)
{
  self->selection = g_ptr_array_new_with_free_func (g_free);
  self->points = g_array_new (FALSE, FALSE, sizeof (CsPoint));
  self->handles = g_array_new (FALSE, FALSE, sizeof (CsPoint));
  self->handle_refs = g_array_new (FALSE, FALSE, sizeof (CsHandleRef));
  self->originals = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection_out = g_ptr_array_new_with_free_func (g_object_unref);
  self->zoom = 1;
  self->brush_radius = 20;
  self->tool = CS_TOOL_SELECT;
}

/* After every step (ours, undo, redo, a load): forget selected and hovered
 * annotations that are gone. */
static void
on_list_changed (CsAnnotationEditor *self,
                 GPtrArray          *ids,
                 gboolean            loaded)
{
  gboolean dropped = FALSE;

  for (guint i = self->selection->len; i > 0; i--)
    {
      if (cs_annotation_list_lookup (self->list, self->selection->pdata[i - 1]) == NULL)
        {
          g_ptr_array_remove_index (self->selection, i - 1);
          dropped = TRUE;
        }
    }
  if (cs_annotation_list_lookup (self->list, self->hovered_id) == NULL)
    g_clear_pointer (&self->hovered_id, g_free);
  if (dropped)
    g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
  _cs_annotation_editor_changed (self);
}

CsAnnotationEditor *
cs_annotation_editor_new (CsAnnotationList *list)
{
  CsAnnotationEditor *self;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (list), NULL);

  self = g_object_new (CS_TYPE_ANNOTATION_EDITOR, NULL);
  self->list = g_object_ref (list);
  self->list_changed_id = g_signal_connect_swapped (list, "changed",
                                                    G_CALLBACK (on_list_changed), self);
  return self;
}

CsAnnotationList *
cs_annotation_editor_get_list (CsAnnotationEditor *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), NULL);

  return self->list;
}

/* Internal helpers shared by the tools and commands */

void
_cs_annotation_editor_changed (CsAnnotationEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

double
_cs_annotation_editor_to_level0 (CsAnnotationEditor *self,
                                 double              device_px)
{
  return device_px / self->zoom;
}

CsAnnotation *
_cs_annotation_editor_new_annotation (CsAnnotationEditor *self,
                                      CsShape             shape,
                                      CsGeometry         *geometry)
{
  CsAnnotation *annotation = cs_annotation_new (shape, geometry);

  cs_annotation_set_class_name (annotation, self->class_name);
  cs_annotation_set_author (annotation, self->author);
  cs_annotation_set_institution (annotation, self->institution);
  return annotation;
}

/* A copy of @annotation moved by (dx, dy); rectangles and ellipses keep
 * their parameters. */
CsAnnotation *
_cs_annotation_editor_translated (CsAnnotation *annotation,
                                  double        dx,
                                  double        dy)
{
  CsAnnotation *copy = cs_annotation_copy (annotation);
  const CsShapeParams *params = cs_annotation_get_params (annotation);

  if (params != NULL)
    {
      CsShapeParams moved = *params;

      moved.cx += dx;
      moved.cy += dy;
      cs_annotation_set_params (copy, &moved);
    }
  else
    {
      g_autoptr(CsGeometry) geometry = cs_geometry_translate (cs_annotation_get_geometry (annotation),
                                                              dx, dy);

      cs_annotation_set_geometry (copy, geometry);
    }
  return copy;
}

/* New outline for an area: a rectangle or ellipse that no longer is one
 * becomes a polygon. */
void
_cs_annotation_editor_set_area (CsAnnotation *copy,
                                CsGeometry   *geometry)
{
  CsShape shape = cs_annotation_get_shape (copy);

  cs_annotation_set_geometry (copy, geometry);
  if (shape == CS_SHAPE_RECTANGLE || shape == CS_SHAPE_ELLIPSE)
    cs_annotation_set_shape (copy, CS_SHAPE_POLYGON);
}

/* The selected annotations that may change: listed, not locked, not
 * hidden; only areas when @areas_only. */
GPtrArray *
_cs_annotation_editor_get_editable (CsAnnotationEditor *self,
                                    gboolean            areas_only)
{
  GPtrArray *selected = _cs_annotation_editor_get_selected (self);

  for (guint i = selected->len; i > 0; i--)
    {
      CsAnnotation *annotation = selected->pdata[i - 1];

      if (cs_annotation_get_locked (annotation) || !cs_annotation_list_is_visible (self->list, annotation) ||
          (areas_only && !cs_shape_is_area (cs_annotation_get_shape (annotation))))
        g_ptr_array_remove_index (selected, i - 1);
    }
  return selected;
}

/* Selects exactly @annotations (listed or copies: by id). */
void
_cs_annotation_editor_select_ids (CsAnnotationEditor *self,
                                  GPtrArray          *annotations)
{
  g_ptr_array_set_size (self->selection, 0);
  for (guint i = 0; i < annotations->len; i++)
    g_ptr_array_add (self->selection, g_strdup (cs_annotation_get_id (annotations->pdata[i])));
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
  _cs_annotation_editor_changed (self);
}

void
_cs_annotation_editor_clear_preview (CsAnnotationEditor *self)
{
  g_clear_pointer (&self->preview.geometry, cs_geometry_unref);
  g_clear_pointer (&self->preview.label, g_free);
}

/* The shape in progress and its live measurement; takes @geometry. */
void
_cs_annotation_editor_set_preview (CsAnnotationEditor *self,
                                   CsShape             shape,
                                   CsGeometry         *geometry)
{
  CsMeasurement measurement;

  _cs_annotation_editor_clear_preview (self);
  self->preview.shape = shape;
  self->preview.geometry = geometry;
  if (geometry != NULL && shape != CS_SHAPE_TEXT && shape != CS_SHAPE_POINTS)
    {
      cs_measure_geometry (shape, geometry, &self->calibration, &measurement);
      self->preview.label = cs_shape_is_area (shape)
                              ? cs_measure_format_area (measurement.area, measurement.calibrated)
                              : cs_measure_format (shape, &measurement);
    }
}

/* Settings */

CsTool
cs_annotation_editor_get_tool (CsAnnotationEditor *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), CS_TOOL_SELECT);

  return self->tool;
}

void
cs_annotation_editor_set_tool (CsAnnotationEditor *self,
                               CsTool              tool)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  if (self->tool == tool)
    return;
  cs_annotation_editor_cancel (self);
  self->tool = tool;
  g_clear_pointer (&self->hovered_id, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
  _cs_annotation_editor_changed (self);
}

void
cs_annotation_editor_set_class_name (CsAnnotationEditor *self,
                                     const char         *class_name)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  g_free (self->class_name);
  self->class_name = class_name != NULL && *class_name != '\0' ? g_strdup (class_name) : NULL;
}

const char *
cs_annotation_editor_get_class_name (CsAnnotationEditor *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), NULL);

  return self->class_name;
}

void
cs_annotation_editor_set_author (CsAnnotationEditor *self,
                                 const char         *author,
                                 const char         *institution)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  g_free (self->author);
  g_free (self->institution);
  self->author = g_strdup (author);
  self->institution = g_strdup (institution);
}

void
cs_annotation_editor_set_zoom (CsAnnotationEditor *self,
                               double              zoom)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (zoom > 0);

  self->zoom = zoom;
  _cs_annotation_editor_changed (self);
}

void
cs_annotation_editor_set_calibration (CsAnnotationEditor  *self,
                                      const CsCalibration *calibration)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  if (calibration != NULL)
    self->calibration = *calibration;
  else
    self->calibration = (CsCalibration) { 0, 0 };
}

void
cs_annotation_editor_set_brush_radius (CsAnnotationEditor *self,
                                       double              radius)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (radius > 0);

  self->brush_radius = radius;
  _cs_annotation_editor_changed (self);
}

/**
 * cs_annotation_editor_set_bounds:
 * @width: the slide's level-0 width, 0 for no bounds
 * @height: its height
 *
 * New shapes are kept on the slide: areas are cut to it (one left with
 * nothing is not added), points, line ends and text anchors are moved
 * onto its edge.
 */
void
cs_annotation_editor_set_bounds (CsAnnotationEditor *self,
                                 double              width,
                                 double              height)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  self->bounds_width = width > 0 && height > 0 ? width : 0;
  self->bounds_height = width > 0 && height > 0 ? height : 0;
}

void
_cs_annotation_editor_clamp (CsAnnotationEditor *self,
                             CsPoint            *point)
{
  if (self->bounds_width <= 0)
    return;
  point->x = CLAMP (point->x, 0, self->bounds_width);
  point->y = CLAMP (point->y, 0, self->bounds_height);
}

/* @area cut to the slide: a new reference, or NULL when nothing is left
 * (or the cut failed). */
CsGeometry *
_cs_annotation_editor_clip (CsAnnotationEditor *self,
                            CsGeometry         *area)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsGeometry) slide = NULL;
  CsGeometry *clipped;
  CsRect bounds;

  if (area == NULL)
    return NULL;
  cs_geometry_get_bounds (area, &bounds);
  if (self->bounds_width <= 0 ||
      (bounds.x >= 0 && bounds.y >= 0 && bounds.x + bounds.width <= self->bounds_width &&
       bounds.y + bounds.height <= self->bounds_height))
    return cs_geometry_ref (area);
  slide = cs_geometry_new_rotated_rectangle (self->bounds_width / 2, self->bounds_height / 2,
                                             self->bounds_width, self->bounds_height, 0);
  clipped = cs_geometry_ops_intersection (area, slide, &error);
  if (clipped == NULL)
    {
      g_debug ("Shape dropped: %s", error->message);
      return NULL;
    }
  if (cs_geometry_is_empty (clipped) || cs_geometry_ops_area (clipped) <= 0)
    {
      cs_geometry_unref (clipped);
      return NULL;
    }
  return clipped;
}

double
cs_annotation_editor_get_brush_radius (CsAnnotationEditor *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), 0);

  return self->brush_radius;
}

void
cs_annotation_editor_set_temporary_rulers (CsAnnotationEditor *self,
                                           gboolean            temporary)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  self->temporary_rulers = !!temporary;
}

/* Events */

static gboolean
is_select_tool (CsAnnotationEditor *self)
{
  return self->tool == CS_TOOL_SELECT;
}

static void
track_pointer (CsAnnotationEditor *self,
               double              x,
               double              y,
               CsEditorModifiers   modifiers)
{
  self->pointer = (CsPoint) { x, y };
  self->modifiers = modifiers;
  self->preview.cursor = self->pointer;
  self->preview.brush_radius = self->tool == CS_TOOL_BRUSH
                                 ? _cs_annotation_editor_to_level0 (self, self->brush_radius)
                                 : 0;
  if (self->gesture != CS_GESTURE_DRAW)
    self->preview.erasing = self->tool == CS_TOOL_BRUSH && (modifiers & CS_EDITOR_ALT) != 0;
}

gboolean
cs_annotation_editor_press (CsAnnotationEditor *self,
                            double              x,
                            double              y,
                            CsEditorModifiers   modifiers,
                            guint               n_press)
{
  gboolean used;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  track_pointer (self, x, y, modifiers);
  if (is_select_tool (self))
    used = _cs_annotation_editor_select_press (self, x, y, n_press);
  else
    used = _cs_annotation_editor_tool_press (self, x, y, n_press);
  _cs_annotation_editor_changed (self);
  return used;
}

gboolean
cs_annotation_editor_motion (CsAnnotationEditor *self,
                             double              x,
                             double              y,
                             CsEditorModifiers   modifiers)
{
  gboolean used;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  track_pointer (self, x, y, modifiers);
  if (is_select_tool (self))
    used = _cs_annotation_editor_select_motion (self, x, y);
  else
    used = _cs_annotation_editor_tool_motion (self, x, y);
  return used;
}

gboolean
cs_annotation_editor_release (CsAnnotationEditor *self,
                              double              x,
                              double              y,
                              CsEditorModifiers   modifiers)
{
  gboolean used;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  track_pointer (self, x, y, modifiers);
  if (is_select_tool (self))
    used = _cs_annotation_editor_select_release (self);
  else
    used = _cs_annotation_editor_tool_release (self, x, y);
  _cs_annotation_editor_changed (self);
  return used;
}

gboolean
cs_annotation_editor_key (CsAnnotationEditor *self,
                          CsEditorKey         key)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  switch (key)
    {
    case CS_EDITOR_KEY_ESCAPE:
      if (self->gesture == CS_GESTURE_NONE)
        {
          gboolean had_selection = self->selection->len > 0;

          cs_annotation_editor_select_none (self);
          return had_selection;
        }
      cs_annotation_editor_cancel (self);
      return TRUE;
    case CS_EDITOR_KEY_DELETE:
      if (self->gesture != CS_GESTURE_NONE)
        return FALSE;
      if (_cs_annotation_editor_delete_vertex (self))
        return TRUE;
      return cs_annotation_editor_delete_selection (self);
    case CS_EDITOR_KEY_ENTER:
    case CS_EDITOR_KEY_BACKSPACE:
    default:
      return !is_select_tool (self) && _cs_annotation_editor_tool_key (self, key);
    }
}

gboolean
cs_annotation_editor_is_drawing (CsAnnotationEditor *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);

  return self->gesture == CS_GESTURE_DRAW || self->step_open;
}

/* Drops the shape being drawn, or puts back what a drag moved. */
void
cs_annotation_editor_cancel (CsAnnotationEditor *self)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  if (self->gesture == CS_GESTURE_NONE)
    return;
  if (self->gesture != CS_GESTURE_DRAW)
    _cs_annotation_editor_cancel_drag (self);
  self->gesture = CS_GESTURE_NONE;
  g_array_set_size (self->points, 0);
  g_ptr_array_set_size (self->originals, 0);
  _cs_annotation_editor_clear_preview (self);
  _cs_annotation_editor_changed (self);
}

static const char *
box_handle_cursor (guint index)
{
  static const char *names[] = {
    "nwse-resize", "ns-resize", "nesw-resize", "ew-resize",
    "nwse-resize", "ns-resize", "nesw-resize", "ew-resize",
  };

  return names[index % 8];
}

const char *
cs_annotation_editor_get_cursor (CsAnnotationEditor *self,
                                 double              x,
                                 double              y)
{
  CsHandleRef ref;
  CsAnnotation *hit;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), "default");

  if (self->tool == CS_TOOL_POINTS)
    return "cell";
  if (self->tool == CS_TOOL_TEXT)
    return "text";
  if (self->tool != CS_TOOL_SELECT)
    return "crosshair";
  if (self->gesture == CS_GESTURE_MOVE)
    return "move";
  if (_cs_annotation_editor_find_handle (self, x, y, &ref))
    return ref.box ? box_handle_cursor (ref.index) : "pointer";
  hit = cs_annotation_list_hit_test (self->list, x, y,
                                     _cs_annotation_editor_to_level0 (self, CS_EDITOR_HIT_PX));
  if (hit != NULL && !cs_annotation_get_locked (hit))
    return "move";
  return hit != NULL ? "pointer" : "default";
}

/* Selection */

/* A new array of the selected listed annotations (borrowed). */
GPtrArray *
_cs_annotation_editor_get_selected (CsAnnotationEditor *self)
{
  GPtrArray *selected = g_ptr_array_new ();

  for (guint i = 0; i < self->selection->len; i++)
    {
      CsAnnotation *listed = cs_annotation_list_lookup (self->list, self->selection->pdata[i]);

      if (listed != NULL)
        g_ptr_array_add (selected, listed);
    }
  return selected;
}

/* The lent array holds references, so that an annotation an edit has
 * since replaced in the list stays alive until the next call. */
GPtrArray *
cs_annotation_editor_get_selection (CsAnnotationEditor *self)
{
  g_autoptr(GPtrArray) selected = NULL;

  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), NULL);

  selected = _cs_annotation_editor_get_selected (self);
  g_ptr_array_set_size (self->selection_out, 0);
  for (guint i = 0; i < selected->len; i++)
    g_ptr_array_add (self->selection_out, g_object_ref (selected->pdata[i]));
  return self->selection_out;
}

static gboolean
find_id (CsAnnotationEditor *self,
         CsAnnotation       *annotation,
         guint              *index)
{
  const char *id = cs_annotation_get_id (annotation);

  for (guint i = 0; i < self->selection->len; i++)
    {
      if (g_strcmp0 (self->selection->pdata[i], id) == 0)
        {
          if (index != NULL)
            *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
cs_annotation_editor_is_selected (CsAnnotationEditor *self,
                                  CsAnnotation       *annotation)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), FALSE);
  g_return_val_if_fail (CS_IS_ANNOTATION (annotation), FALSE);

  return find_id (self, annotation, NULL);
}

/* Selects @annotation alone, or adds it when @extend. */
void
cs_annotation_editor_select (CsAnnotationEditor *self,
                             CsAnnotation       *annotation,
                             gboolean            extend)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (CS_IS_ANNOTATION (annotation));

  if (extend && find_id (self, annotation, NULL))
    return;
  if (!extend)
    {
      if (self->selection->len == 1 && find_id (self, annotation, NULL))
        return;
      g_ptr_array_set_size (self->selection, 0);
    }
  g_ptr_array_add (self->selection, g_strdup (cs_annotation_get_id (annotation)));
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
  _cs_annotation_editor_changed (self);
}

/* Ctrl+click: in or out of the selection. */
void
_cs_annotation_editor_toggle (CsAnnotationEditor *self,
                              CsAnnotation       *annotation)
{
  guint index;

  if (find_id (self, annotation, &index))
    g_ptr_array_remove_index (self->selection, index);
  else
    g_ptr_array_add (self->selection, g_strdup (cs_annotation_get_id (annotation)));
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
  _cs_annotation_editor_changed (self);
}

void
cs_annotation_editor_select_none (CsAnnotationEditor *self)
{
  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  if (self->selection->len == 0)
    return;
  g_ptr_array_set_size (self->selection, 0);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
  _cs_annotation_editor_changed (self);
}

/* Every visible annotation. */
void
cs_annotation_editor_select_all (CsAnnotationEditor *self)
{
  g_autoptr(GPtrArray) visible = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_if_fail (CS_IS_ANNOTATION_EDITOR (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  for (guint i = 0; i < n; i++)
    {
      CsAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      if (cs_annotation_list_is_visible (self->list, annotation))
        g_ptr_array_add (visible, annotation);
      else
        g_object_unref (annotation);
    }
  _cs_annotation_editor_select_ids (self, visible);
}

/* Preview, handles, hover */

const CsEditorPreview *
cs_annotation_editor_get_preview (CsAnnotationEditor *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), NULL);

  return &self->preview;
}

GArray *
cs_annotation_editor_get_handles (CsAnnotationEditor *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), NULL);

  _cs_annotation_editor_update_handles (self);
  return self->handles;
}

CsAnnotation *
cs_annotation_editor_get_hovered (CsAnnotationEditor *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_EDITOR (self), NULL);

  return cs_annotation_list_lookup (self->list, self->hovered_id);
}

/* Emitted by the text tool and by a double click on a note. */
void
_cs_annotation_editor_request_text (CsAnnotationEditor *self,
                                    CsAnnotation       *note)
{
  g_signal_emit (self, signals[SIGNAL_TEXT_REQUESTED], 0, note);
}
