/* cs-annotation-row.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-row"

#include "config.h"

#include "cs-annotation-row.h"

#include <glib/gi18n.h>

/* A row is recycled by the list view: set_annotation () fills it for
 * whichever annotation scrolls into it. The measurement comes from the one
 * calibration of the slide (cs-measure.h), in pixels when it has none. */

struct _CsAnnotationRow
{
  GtkWidget       parent_instance;

  /* Template Widgets */
  GtkDrawingArea *swatch;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *measurement_label;
  GtkImage       *hidden_image;
  GtkImage       *locked_image;

  /* Owned References */
  CsAnnotation   *annotation;

  guint32         color;
};

G_DEFINE_FINAL_TYPE (CsAnnotationRow, cs_annotation_row, GTK_TYPE_WIDGET)

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  CsAnnotationRow *self = CS_ANNOTATION_ROW (user_data);
  double size = MIN (width, height);

  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 1, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, ((self->color >> 16) & 0xff) / 255.0,
                        ((self->color >> 8) & 0xff) / 255.0, (self->color & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  /* A dark rim keeps a pale class colour visible on a light row. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
cs_annotation_row_dispose (GObject *object)
{
  CsAnnotationRow *self = CS_ANNOTATION_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_ANNOTATION_ROW);
  /* The template's unnamed top box is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->annotation);

  G_OBJECT_CLASS (cs_annotation_row_parent_class)->dispose (object);
}

static void
cs_annotation_row_class_init (CsAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_annotation_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-annotation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationRow, measurement_label);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationRow, hidden_image);
  gtk_widget_class_bind_template_child (widget_class, CsAnnotationRow, locked_image);
}

static void
cs_annotation_row_init (CsAnnotationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->swatch, swatch_draw, self, NULL);
}

GtkWidget *
cs_annotation_row_new (void)
{
  return g_object_new (CS_TYPE_ANNOTATION_ROW, NULL);
}

/**
 * cs_annotation_dup_display_name:
 *
 * Returns: (transfer full): the annotation's name, or what it is when it
 *   has none ("Unnamed polygon")
 */
char *
cs_annotation_dup_display_name (CsAnnotation *annotation)
{
  const char *name = cs_annotation_get_name (annotation);

  if (name != NULL && *name != '\0')
    return g_strdup (name);

  switch (cs_annotation_get_shape (annotation))
    {
    case CS_SHAPE_RECTANGLE:
      return g_strdup (_("Unnamed rectangle"));
    case CS_SHAPE_ELLIPSE:
      return g_strdup (_("Unnamed ellipse"));
    case CS_SHAPE_POLYGON:
      return g_strdup (_("Unnamed polygon"));
    case CS_SHAPE_FREEHAND:
      return g_strdup (_("Unnamed freehand region"));
    case CS_SHAPE_POINTS:
      return g_strdup (_("Unnamed points"));
    case CS_SHAPE_LINE:
      return g_strdup (_("Unnamed line"));
    case CS_SHAPE_ARROW:
      return g_strdup (_("Unnamed arrow"));
    case CS_SHAPE_TEXT:
      return g_strdup (_("Unnamed note"));
    default:
      return g_strdup (_("Unnamed annotation"));
    }
}

/**
 * cs_annotation_dup_measurement:
 *
 * Returns: (transfer full): the one-line measurement ("0.42 mm²",
 *   "12 points"), in pixels and marked so without a calibration
 */
char *
cs_annotation_dup_measurement (CsAnnotation        *annotation,
                               const CsCalibration *calibration)
{
  CsMeasurement measurement;

  cs_measure_annotation (annotation, calibration, &measurement);

  return cs_measure_format (cs_annotation_get_shape (annotation), &measurement);
}

/**
 * cs_annotation_row_set_annotation:
 * @annotation: (nullable): what the row shows
 * @classes: (nullable): for the class colour
 * @calibration: the slide's
 */
void
cs_annotation_row_set_annotation (CsAnnotationRow     *self,
                                  CsAnnotation        *annotation,
                                  CsClassTable        *classes,
                                  const CsCalibration *calibration)
{
  g_autofree char *title = NULL;
  g_autofree char *measurement = NULL;
  g_autoptr(GString) subtitle = NULL;
  const char *class_name;
  const char *author;
  const char *comment;

  g_return_if_fail (CS_IS_ANNOTATION_ROW (self));

  g_set_object (&self->annotation, annotation);
  if (annotation == NULL)
    return;

  title = cs_annotation_dup_display_name (annotation);
  measurement = cs_annotation_dup_measurement (annotation, calibration);
  class_name = cs_annotation_get_class_name (annotation);
  author = cs_annotation_get_author (annotation);
  comment = cs_annotation_get_comment (annotation);

  subtitle = g_string_new (NULL);
  if (class_name != NULL && *class_name != '\0')
    g_string_append (subtitle, cs_class_name_get_display (class_name));
  else
    g_string_append (subtitle, _("Unclassified"));
  if (author != NULL && *author != '\0')
    g_string_append_printf (subtitle, " · %s", author);

  /* A temporary ruler is never saved: said so, and dimmed. */
  if (cs_annotation_get_temporary (annotation))
    {
      g_free (title);
      title = g_strdup (_("Temporary ruler"));
      g_string_assign (subtitle, _("Not saved"));
    }
  gtk_widget_set_opacity (GTK_WIDGET (self), cs_annotation_get_temporary (annotation) ? 0.6 : 1.0);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle->str);
  /* On a line of its own: the area is what a pathologist reads the list for. */
  gtk_label_set_text (self->measurement_label, measurement);
  gtk_widget_set_visible (GTK_WIDGET (self->measurement_label),
                          measurement != NULL && *measurement != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               comment != NULL && *comment != '\0' ? comment : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->hidden_image), cs_annotation_get_hidden (annotation));
  gtk_widget_set_visible (GTK_WIDGET (self->locked_image), cs_annotation_get_locked (annotation));
  gtk_widget_set_opacity (GTK_WIDGET (self->title_label),
                          cs_class_table_is_visible (classes, annotation) ? 1.0 : 0.55);

  self->color = cs_class_table_resolve_color (classes, annotation);
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}

/**
 * cs_annotation_row_get_annotation:
 *
 * Returns: (transfer none) (nullable): the annotation shown
 */
CsAnnotation *
cs_annotation_row_get_annotation (CsAnnotationRow *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_ROW (self), NULL);

  return self->annotation;
}

const char *
cs_annotation_row_get_title (CsAnnotationRow *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_ROW (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
cs_annotation_row_get_subtitle (CsAnnotationRow *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_ROW (self), NULL);

  return gtk_label_get_text (self->subtitle_label);
}

const char *
cs_annotation_row_get_measurement (CsAnnotationRow *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_ROW (self), NULL);

  return gtk_label_get_text (self->measurement_label);
}
