/* cs-slide-view-annotations.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-view-annotations"

#include "config.h"

#include "cs-slide-view-private.h"

#include "cs-measure.h"

#include <glib/gi18n.h>
#include <math.h>

/* The annotations over the slide, and the tools' input. The view only
 * converts and draws: the CsAnnotationEditor is the selection and the
 * tools' state machine, in level-0 image coordinates, and the core's
 * cs_annotation_render draws.
 *
 * Drawing: the annotations go through the core's raster layer
 * (cs-annotation-raster.h: cached tiles rendered by a worker where many
 * are in view, vectors where few are, the selection over them), whose
 * "updated" (tiles arrived) draws the layer anew. The layer is one
 * render node, drawn OVERLAY_MARGIN
 * device pixels past each edge of the view and cached by the viewport,
 * the list's generation, the classes and the selection; a frame that only
 * brings new tiles, or a pan within the margin, re-appends it translated;
 * a layer that is slow to draw (tens of thousands of annotations) follows
 * zooms and long pans transformed, and is drawn anew once the view rests.
 * The editor's live layer (the shape being drawn, the handles) is drawn
 * each frame over it: it is small and changes with every motion.
 *
 * Input: with a tool other than Select, or when Select presses on an
 * annotation or a handle, the primary button goes to the editor; else it
 * pans as before. Keys: Escape, Enter, Delete and BackSpace go to the
 * editor; letters choose tools; [ and ] size the brush while the brush is
 * chosen (and turn the slide otherwise). */

/* Device pixels drawn past each edge of the view. */
#define OVERLAY_MARGIN    160
/* A layer shown shifted by a fraction of a pixel is redrawn this soon
 * after the last move, sharp again. */
#define OVERLAY_SETTLE_MS 120
/* A layer that took longer than this to draw is not drawn again while the
 * view moves: the old one is shown moved, scaled and turned to match, and
 * drawn anew OVERLAY_SETTLE_MS after the last move (STYLE.md §4.4 1c). */
#define OVERLAY_SLOW_US   12000
/* Hit tolerance of the tooltip, logical pixels. */
#define HOVER_TOLERANCE   4.0
#define BRUSH_STEP        1.25
#define BRUSH_MIN         2.0
#define BRUSH_MAX         400.0

/* Letters free of the view's other keys (R turns the slide, digits
 * zoom) and of N and P (next and previous annotation, the panel's). */
const CsSlideViewTool cs_slide_view_tools[CS_SLIDE_VIEW_N_TOOLS] = {
  { CS_TOOL_SELECT, GDK_KEY_s, "cs-tool-select-symbolic", N_("Select and move") },
  { CS_TOOL_RECTANGLE, GDK_KEY_q, "cs-tool-rectangle-symbolic", N_("Rectangle") },
  { CS_TOOL_ELLIPSE, GDK_KEY_e, "cs-tool-ellipse-symbolic", N_("Ellipse") },
  { CS_TOOL_POLYGON, GDK_KEY_g, "cs-tool-polygon-symbolic", N_("Polygon") },
  { CS_TOOL_FREEHAND, GDK_KEY_f, "cs-tool-freehand-symbolic", N_("Freehand") },
  { CS_TOOL_BRUSH, GDK_KEY_b, "cs-tool-brush-symbolic", N_("Brush") },
  { CS_TOOL_POINTS, GDK_KEY_c, "cs-tool-points-symbolic", N_("Count points") },
  { CS_TOOL_RULER, GDK_KEY_m, "cs-tool-ruler-symbolic", N_("Measure") },
  { CS_TOOL_ARROW, GDK_KEY_a, "cs-tool-arrow-symbolic", N_("Arrow") },
  { CS_TOOL_TEXT, GDK_KEY_t, "cs-tool-text-symbolic", N_("Text note") },
  { CS_TOOL_SPLIT, GDK_KEY_k, "cs-tool-split-symbolic", N_("Split region") },
};

static void
cs_slide_view_annotations_disconnect (CsSlideView *self)
{
  if (self->raster != NULL)
    g_signal_handlers_disconnect_by_data (self->raster, self);
  g_clear_object (&self->raster);
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  if (self->classes != NULL)
    g_signal_handlers_disconnect_by_data (self->classes, self);
}

void
_cs_slide_view_annotations_dispose (CsSlideView *self)
{
  cs_slide_view_annotations_disconnect (self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->editor);
  g_clear_object (&self->classes);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  g_clear_handle_id (&self->overlay_settle, g_source_remove);
  self->overlay_valid = FALSE;
  self->editing = FALSE;
}

void
_cs_slide_view_invalidate_overlay (CsSlideView *self)
{
  self->overlay_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_list_items_changed_cb (CsSlideView *self,
                          guint        position,
                          guint        removed,
                          guint        added,
                          GListModel  *list)
{
  _cs_slide_view_invalidate_overlay (self);
}

static void
on_classes_changed_cb (CsSlideView  *self,
                       CsClassTable *classes)
{
  _cs_slide_view_invalidate_overlay (self);
}

static void
on_editor_changed_cb (CsSlideView        *self,
                      CsAnnotationEditor *editor)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Calibration and zoom, which the editor measures and hit-tests with. */
void
_cs_slide_view_annotations_update (CsSlideView *self)
{
  CsCalibration calibration = { 0, 0 };

  if (self->editor == NULL)
    return;

  if (self->slide == NULL || !cs_slide_get_mpp (self->slide, &calibration.mpp_x,
                                                &calibration.mpp_y))
    calibration = (CsCalibration) { 0, 0 };
  cs_annotation_editor_set_calibration (self->editor, &calibration);
  if (self->viewport.zoom > 0)
    cs_annotation_editor_set_zoom (self->editor, self->viewport.zoom);
}

/**
 * cs_slide_view_set_annotations:
 * @list: (nullable): the slide's annotations, or NULL for none
 * @editor: (nullable): the editor of @list, or NULL to only show them
 * @classes: (nullable): colours and visibility of the classes
 *
 * Shows @list over the slide and lets the editor's tools draw on it.
 */
void
cs_slide_view_set_annotations (CsSlideView        *self,
                               CsAnnotationList   *list,
                               CsAnnotationEditor *editor,
                               CsClassTable       *classes)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));
  g_return_if_fail (list == NULL || CS_IS_ANNOTATION_LIST (list));
  g_return_if_fail (editor == NULL || CS_IS_ANNOTATION_EDITOR (editor));
  g_return_if_fail (classes == NULL || CS_IS_CLASS_TABLE (classes));

  if (self->annotations == list && self->editor == editor && self->classes == classes)
    return;

  if (self->editing && self->editor != NULL)
    cs_annotation_editor_cancel (self->editor);
  cs_slide_view_annotations_disconnect (self);
  g_set_object (&self->annotations, list);
  g_set_object (&self->editor, editor);
  g_set_object (&self->classes, classes);
  self->editing = FALSE;

  if (list != NULL)
    {
      g_signal_connect_object (list, "items-changed",
                               G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);
      self->raster = cs_annotation_raster_new (list);
      g_signal_connect_object (self->raster, "updated",
                               G_CALLBACK (_cs_slide_view_invalidate_overlay), self, G_CONNECT_SWAPPED);
    }
  if (classes != NULL)
    g_signal_connect_object (classes, "changed",
                             G_CALLBACK (on_classes_changed_cb), self, G_CONNECT_SWAPPED);
  if (editor != NULL)
    {
      g_signal_connect_object (editor, "changed",
                               G_CALLBACK (on_editor_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (editor, "selection-changed",
                               G_CALLBACK (on_classes_changed_cb), self, G_CONNECT_SWAPPED);
    }

  _cs_slide_view_annotations_update (self);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  _cs_slide_view_invalidate_overlay (self);
  _cs_slide_view_notify_annotations (self);
}

CsAnnotationList *
cs_slide_view_get_annotation_list (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), NULL);

  return self->annotations;
}

CsAnnotationEditor *
cs_slide_view_get_annotation_editor (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), NULL);

  return self->editor;
}

CsClassTable *
cs_slide_view_get_class_table (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), NULL);

  return self->classes;
}

static void
cs_slide_view_annotations_options (CsSlideView               *self,
                                   CsAnnotationRenderOptions *options)
{
  cs_annotation_render_options_init (options);
  options->classes = self->classes;
  options->editor = self->editor;
  options->ui_scale = MAX (self->scale_factor, 1);
  options->show_labels = self->show_labels;
  options->color_by_author = self->color_by_author;
  options->hide_teaching_answers = self->hide_teaching_answers;
  options->highlights = self->highlights;
  options->pointer_away = !self->editing && (self->pointer_x < 0 || self->pointer_y < 0);
  if (self->slide == NULL ||
      !cs_slide_get_mpp (self->slide, &options->calibration.mpp_x, &options->calibration.mpp_y))
    options->calibration = (CsCalibration) { 0, 0 };
}

static gboolean
cs_slide_view_overlay_settle_cb (gpointer user_data)
{
  CsSlideView *self = CS_SLIDE_VIEW (user_data);

  self->overlay_settle = 0;
  _cs_slide_view_invalidate_overlay (self);

  return G_SOURCE_REMOVE;
}

/* Where the cached layer goes in this frame: (@dx, @dy) is how far the
 * view moved on screen since it was drawn. FALSE when it must be drawn
 * anew. */
static gboolean
cs_slide_view_overlay_offset (CsSlideView *self,
                              double      *dx,
                              double      *dy)
{
  const CsViewport *old = &self->overlay_viewport;
  const CsViewport *now = &self->viewport;
  double cx, cy, ox, oy, nx, ny;

  if (!self->overlay_valid ||
      self->overlay_generation != cs_annotation_list_get_generation (self->annotations) ||
      old->zoom != now->zoom || old->rotation != now->rotation ||
      old->width != now->width || old->height != now->height)
    return FALSE;

  cs_viewport_get_center (old, &cx, &cy);
  cs_viewport_to_screen (old, cx, cy, &ox, &oy);
  cs_viewport_to_screen (now, cx, cy, &nx, &ny);
  *dx = nx - ox;
  *dy = ny - oy;

  return fabs (*dx) <= OVERLAY_MARGIN && fabs (*dy) <= OVERLAY_MARGIN;
}

/* Takes the cached layer's pixels where they now belong: node space
 * (the old view grown by the margin) to the old screen, to the image, to
 * the new screen. */
static GskTransform *
cs_slide_view_overlay_transform (CsSlideView *self)
{
  cairo_matrix_t old, now, to_image, shift, m;
  GskTransform *transform;

  cs_annotation_render_get_matrix (&self->overlay_viewport, &old);
  cs_annotation_render_get_matrix (&self->viewport, &now);
  to_image = old;
  if (cairo_matrix_invert (&to_image) != CAIRO_STATUS_SUCCESS)
    return NULL;
  cairo_matrix_init_translate (&shift, -OVERLAY_MARGIN, -OVERLAY_MARGIN);
  cairo_matrix_multiply (&m, &shift, &to_image);
  cairo_matrix_multiply (&m, &m, &now);

  /* m is a similarity (a zoom and a turn): said as one, GSK's cairo
   * renderer draws it; as a general matrix, it does not. */
  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (m.x0, m.y0));
  transform = gsk_transform_rotate (transform, atan2 (m.yx, m.xx) * 180 / G_PI);
  transform = gsk_transform_scale (transform, hypot (m.xx, m.yx), hypot (m.xx, m.yx));

  return transform;
}

static void
cs_slide_view_overlay_settle_later (CsSlideView *self)
{
  g_clear_handle_id (&self->overlay_settle, g_source_remove);
  self->overlay_settle = g_timeout_add (OVERLAY_SETTLE_MS, cs_slide_view_overlay_settle_cb, self);
}

static void
cs_slide_view_overlay_render (CsSlideView                     *self,
                              const CsAnnotationRenderOptions *options)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  CsViewport grown = self->viewport;
  gint64 start = g_get_monotonic_time ();
  cairo_t *cr;

  /* The same view, OVERLAY_MARGIN px larger all round (cs-viewport.h):
   * the pivot moves by the margin, the origin by margin / zoom. */
  grown.width += 2 * OVERLAY_MARGIN;
  grown.height += 2 * OVERLAY_MARGIN;
  grown.x -= OVERLAY_MARGIN / grown.zoom;
  grown.y -= OVERLAY_MARGIN / grown.zoom;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, grown.width, grown.height));
  cs_annotation_raster_draw (self->raster, cr, &grown, options, &self->raster_stats);
  cairo_destroy (cr);
  self->overlay_stats = (CsAnnotationRenderStats) {
    .n_visible = (guint) MIN (self->raster_stats.n_visible, G_MAXUINT),
    .n_highlights = options->highlights != NULL ? options->highlights->len : 0,
  };

  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  if (self->overlay_stats.n_visible > 0 || self->overlay_stats.n_highlights > 0)
    self->overlay = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  self->overlay_viewport = self->viewport;
  self->overlay_generation = cs_annotation_list_get_generation (self->annotations);
  self->overlay_valid = TRUE;
  self->overlay_renders++;
  self->overlay_render_us = g_get_monotonic_time () - start;
}

static gboolean
cs_slide_view_editor_is_live (CsSlideView *self)
{
  const CsEditorPreview *preview;
  GArray *handles;

  if (self->editor == NULL)
    return FALSE;

  preview = cs_annotation_editor_get_preview (self->editor);
  handles = cs_annotation_editor_get_handles (self->editor);

  return (preview != NULL &&
          (preview->geometry != NULL || preview->brush_radius > 0 || preview->label != NULL)) ||
         (handles != NULL && handles->len > 0) ||
         cs_annotation_editor_get_hovered (self->editor) != NULL;
}

/* In device pixels, after the tiles. */
void
_cs_slide_view_snapshot_annotations (CsSlideView *self,
                                     GtkSnapshot *snapshot)
{
  g_autoptr(GskTransform) transform = NULL;
  CsAnnotationRenderOptions options;
  graphene_rect_t bounds;
  double dx = 0, dy = 0;

  if (self->annotations == NULL)
    return;

  bounds = GRAPHENE_RECT_INIT (0, 0, self->viewport.width, self->viewport.height);
  cs_slide_view_annotations_options (self, &options);
  if (cs_slide_view_overlay_offset (self, &dx, &dy))
    {
      transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (dx - OVERLAY_MARGIN,
                                                                       dy - OVERLAY_MARGIN));
      /* Shown between pixels it blurs a little: sharp once the view rests. */
      if (fabs (dx - round (dx)) > 0.01 || fabs (dy - round (dy)) > 0.01)
        cs_slide_view_overlay_settle_later (self);
    }
  else if (self->overlay_valid && self->overlay != NULL &&
           self->overlay_render_us > OVERLAY_SLOW_US &&
           self->overlay_generation == cs_annotation_list_get_generation (self->annotations))
    {
      /* Only the view moved, and drawing is slow: follow it for now. */
      transform = cs_slide_view_overlay_transform (self);
      cs_slide_view_overlay_settle_later (self);
    }
  if (transform == NULL)
    {
      g_clear_handle_id (&self->overlay_settle, g_source_remove);
      cs_slide_view_overlay_render (self, &options);
      transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (-OVERLAY_MARGIN,
                                                                       -OVERLAY_MARGIN));
    }

  if (self->overlay != NULL)
    {
      gtk_snapshot_push_clip (snapshot, &bounds);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_transform (snapshot, transform);
      gtk_snapshot_append_node (snapshot, self->overlay);
      gtk_snapshot_restore (snapshot);
      gtk_snapshot_pop (snapshot);
    }

  if (cs_slide_view_editor_is_live (self))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      cs_annotation_render_editor (cr, &self->viewport, &options);
      cairo_destroy (cr);
    }
}

static CsEditorModifiers
cs_slide_view_modifiers (GdkModifierType state)
{
  CsEditorModifiers modifiers = 0;

  if (state & GDK_SHIFT_MASK)
    modifiers |= CS_EDITOR_SHIFT;
  if (state & GDK_CONTROL_MASK)
    modifiers |= CS_EDITOR_CTRL;
  if (state & GDK_ALT_MASK)
    modifiers |= CS_EDITOR_ALT;

  return modifiers;
}

static void
cs_slide_view_to_image (CsSlideView *self,
                        double       x,
                        double       y,
                        double      *ix,
                        double      *iy)
{
  int scale = MAX (self->scale_factor, 1);

  cs_viewport_to_image (&self->viewport, x * scale, y * scale, ix, iy);
}

static void
cs_slide_view_update_cursor (CsSlideView *self,
                             double       ix,
                             double       iy)
{
  const char *name = cs_annotation_editor_get_cursor (self->editor, ix, iy);

  if (name != NULL && g_strcmp0 (name, "default") == 0)
    name = NULL;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

gboolean
_cs_slide_view_editor_press (CsSlideView     *self,
                             double           x,
                             double           y,
                             guint            n_press,
                             GdkModifierType  state)
{
  double ix, iy;

  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  self->editing = FALSE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->editor == NULL || self->slide == NULL)
    return FALSE;

  cs_slide_view_to_image (self, x, y, &ix, &iy);
  self->editing = cs_annotation_editor_press (self->editor, ix, iy,
                                              cs_slide_view_modifiers (state), n_press);
  if (self->editing)
    {
      cs_slide_view_stop_kinetic (self);
      cs_slide_view_update_cursor (self, ix, iy);
    }

  return self->editing;
}

void
_cs_slide_view_editor_drag (CsSlideView     *self,
                            double           x,
                            double           y,
                            GdkModifierType  state)
{
  double ix, iy;

  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (!self->editing || self->editor == NULL)
    return;

  cs_slide_view_to_image (self, x, y, &ix, &iy);
  cs_annotation_editor_motion (self->editor, ix, iy, cs_slide_view_modifiers (state));
}

void
_cs_slide_view_editor_release (CsSlideView     *self,
                               double           x,
                               double           y,
                               GdkModifierType  state)
{
  double ix, iy;

  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (!self->editing || self->editor == NULL)
    return;

  self->editing = FALSE;
  cs_slide_view_to_image (self, x, y, &ix, &iy);
  cs_annotation_editor_release (self->editor, ix, iy, cs_slide_view_modifiers (state));
  cs_slide_view_update_cursor (self, ix, iy);
}

/* The pointer moving with no button held: hover, the rubber band of a
 * polygon, the brush's footprint. */
void
_cs_slide_view_editor_hover (CsSlideView     *self,
                             double           x,
                             double           y,
                             GdkModifierType  state)
{
  double ix, iy;

  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->editing || self->editor == NULL || self->slide == NULL)
    return;

  cs_slide_view_to_image (self, x, y, &ix, &iy);
  cs_annotation_editor_motion (self->editor, ix, iy, cs_slide_view_modifiers (state));
  cs_slide_view_update_cursor (self, ix, iy);
}

/* Name (or shape), class, measurement and author. */
static char *
cs_slide_view_tooltip_markup (CsSlideView  *self,
                              CsAnnotation *annotation)
{
  CsCalibration calibration = { 0, 0 };
  CsShape shape = cs_annotation_get_shape (annotation);
  const char *name = cs_annotation_get_name (annotation);
  const char *class_name = cs_annotation_get_class_name (annotation);
  const char *author = cs_annotation_get_author (annotation);
  g_autofree char *measure = NULL;
  GString *markup = g_string_new (NULL);
  CsMeasurement measurement;
  char *line;

  if (self->slide == NULL || !cs_slide_get_mpp (self->slide, &calibration.mpp_x,
                                                &calibration.mpp_y))
    calibration = (CsCalibration) { 0, 0 };
  cs_measure_annotation (annotation, &calibration, &measurement);
  measure = cs_measure_format (shape, &measurement);

  line = g_markup_printf_escaped ("<b>%s</b>", name != NULL && *name != '\0' ?
                                                 name : cs_shape_get_label (shape));
  g_string_append (markup, line);
  g_free (line);
  if (class_name != NULL && *class_name != '\0')
    {
      line = g_markup_printf_escaped ("\n%s", class_name);
      g_string_append (markup, line);
      g_free (line);
    }
  if (measure != NULL && *measure != '\0')
    {
      line = g_markup_printf_escaped ("\n%s", measure);
      g_string_append (markup, line);
      g_free (line);
    }
  if (author != NULL && *author != '\0')
    {
      /* TRANSLATORS: who drew an annotation, in its tooltip */
      line = g_markup_printf_escaped (_("\nBy %s"), author);
      g_string_append (markup, line);
      g_free (line);
    }

  return g_string_free (markup, FALSE);
}

static gboolean
on_query_tooltip_cb (CsSlideView *self,
                     int          x,
                     int          y,
                     gboolean     keyboard,
                     GtkTooltip  *tooltip)
{
  g_autofree char *markup = NULL;
  CsAnnotation *annotation;
  double ix, iy, tolerance;

  if (keyboard || self->annotations == NULL || self->slide == NULL || self->editing ||
      (self->editor != NULL && cs_annotation_editor_is_drawing (self->editor)))
    return FALSE;

  cs_slide_view_to_image (self, x, y, &ix, &iy);
  tolerance = HOVER_TOLERANCE * MAX (self->scale_factor, 1) / self->viewport.zoom;
  annotation = cs_annotation_list_hit_test (self->annotations, ix, iy, tolerance);
  if (annotation == NULL ||
      (self->classes != NULL && !cs_class_table_is_visible (self->classes, annotation)))
    return FALSE;

  markup = cs_slide_view_tooltip_markup (self, annotation);
  gtk_tooltip_set_markup (tooltip, markup);

  return TRUE;
}

static gboolean
cs_slide_view_key_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);

  if (self->editor == NULL || self->slide == NULL)
    return FALSE;

  return cs_annotation_editor_key (self->editor, g_variant_get_int32 (args));
}

static gboolean
cs_slide_view_tool_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);

  if (self->editor == NULL || self->slide == NULL)
    return FALSE;

  cs_annotation_editor_set_tool (self->editor, g_variant_get_int32 (args));

  return TRUE;
}

/* [ and ]: the brush's size while it is chosen, else a turn by 15°. */
static gboolean
cs_slide_view_bracket_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);
  int direction = g_variant_get_int32 (args);

  if (self->editor != NULL && cs_annotation_editor_get_tool (self->editor) == CS_TOOL_BRUSH)
    {
      double radius = cs_annotation_editor_get_brush_radius (self->editor);

      radius = direction > 0 ? radius * BRUSH_STEP : radius / BRUSH_STEP;
      cs_annotation_editor_set_brush_radius (self->editor, CLAMP (radius, BRUSH_MIN, BRUSH_MAX));
      return TRUE;
    }

  return gtk_widget_activate_action (widget, "view.rotate", "d", direction * 15.0);
}

/**
 * cs_slide_view_activate_shortcut:
 * @keyval: a key, lower case
 * @state: GDK_SHIFT_MASK or 0
 *
 * The view's single keys that are not about text: R (Shift+R) turns it,
 * [ and ] turn it or size the brush, the tool letters choose a tool. For
 * the window, so that they work while the focus is on the panel or the
 * tool bar, as on the view.
 *
 * Returns: TRUE when @keyval is one of them and was handled
 */
gboolean
cs_slide_view_activate_shortcut (CsSlideView    *self,
                                 guint           keyval,
                                 GdkModifierType state)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  if (self->slide == NULL)
    return FALSE;
  if (keyval == GDK_KEY_r)
    return gtk_widget_activate_action (GTK_WIDGET (self), "view.rotate", "d",
                                       (state & GDK_SHIFT_MASK) ? -90.0 : 90.0);
  if (state != 0)
    return FALSE;
  if (keyval == GDK_KEY_bracketright || keyval == GDK_KEY_bracketleft)
    {
      g_autoptr(GVariant) direction = g_variant_ref_sink (g_variant_new_int32 (keyval == GDK_KEY_bracketright
                                                                               ? 1 : -1));

      return cs_slide_view_bracket_cb (GTK_WIDGET (self), direction, NULL);
    }
  for (guint i = 0; i < CS_SLIDE_VIEW_N_TOOLS; i++)
    if (cs_slide_view_tools[i].keyval == keyval)
      {
        g_autoptr(GVariant) tool = g_variant_ref_sink (g_variant_new_int32 (cs_slide_view_tools[i].tool));

        return cs_slide_view_tool_cb (GTK_WIDGET (self), tool, NULL);
      }
  return FALSE;
}

void
_cs_slide_view_class_annotations_init (GtkWidgetClass *widget_class)
{
  static const struct { guint keyval; CsEditorKey key; } keys[] = {
    { GDK_KEY_Escape, CS_EDITOR_KEY_ESCAPE },
    { GDK_KEY_Return, CS_EDITOR_KEY_ENTER },
    { GDK_KEY_KP_Enter, CS_EDITOR_KEY_ENTER },
    { GDK_KEY_Delete, CS_EDITOR_KEY_DELETE },
    { GDK_KEY_KP_Delete, CS_EDITOR_KEY_DELETE },
    { GDK_KEY_BackSpace, CS_EDITOR_KEY_BACKSPACE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding (widget_class, keys[i].keyval, 0,
                                  cs_slide_view_key_cb, "i", keys[i].key);

  for (guint i = 0; i < CS_SLIDE_VIEW_N_TOOLS; i++)
    gtk_widget_class_add_binding (widget_class, cs_slide_view_tools[i].keyval, 0,
                                  cs_slide_view_tool_cb, "i", cs_slide_view_tools[i].tool);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_bracketright, 0,
                                cs_slide_view_bracket_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_bracketleft, 0,
                                cs_slide_view_bracket_cb, "i", -1);
}

void
_cs_slide_view_annotations_init (CsSlideView *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/**
 * cs_slide_view_set_color_by_author:
 *
 * Draws each annotation in its author's colour
 * (cs_annotation_render_author_color) instead of its class's.
 */
void
cs_slide_view_set_color_by_author (CsSlideView *self,
                                   gboolean     color_by_author)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->color_by_author == !!color_by_author)
    return;
  self->color_by_author = !!color_by_author;
  _cs_slide_view_invalidate_overlay (self);
}

void
cs_slide_view_set_hide_teaching_answers (CsSlideView *self,
                                         gboolean     hide)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->hide_teaching_answers == !!hide)
    return;
  self->hide_teaching_answers = !!hide;
  _cs_slide_view_invalidate_overlay (self);
}

gboolean
cs_slide_view_get_hide_teaching_answers (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  return self->hide_teaching_answers;
}

gboolean
cs_slide_view_get_color_by_author (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  return self->color_by_author;
}

/**
 * cs_slide_view_set_highlights:
 * @highlights: (nullable) (element-type CsAnnotationHighlight): areas drawn
 *   over the annotations (a reference is taken; not changed afterwards)
 *
 * The report pane's comparison of opinions: the parts of each
 * consultant's regions outside the reference author's.
 */
void
cs_slide_view_set_highlights (CsSlideView *self,
                              GPtrArray   *highlights)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->highlights == highlights)
    return;
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  if (highlights != NULL)
    self->highlights = g_ptr_array_ref (highlights);
  _cs_slide_view_invalidate_overlay (self);
}

/**
 * cs_slide_view_get_highlights:
 *
 * Returns: (transfer none) (nullable) (element-type CsAnnotationHighlight):
 *   the areas drawn over the annotations
 */
GPtrArray *
cs_slide_view_get_highlights (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), NULL);

  return self->highlights;
}
