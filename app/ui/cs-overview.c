/* cs-overview.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-overview"

#include "config.h"

#include "cs-overview.h"

#include "cs-renderer.h"
#include "cs-ui-task.h"

#include <glib/gi18n.h>
#include <math.h>

/* The overview navigator: a thumbnail of the whole slide with the view's
 * viewport outlined on it (a turned rectangle when the view is rotated:
 * the corners of the screen mapped to the slide); a click or a drag on it
 * centres the view there. The thumbnail is rendered once per slide and
 * scale factor by the core's cs_render_region () in a GTask thread, so
 * that it matches the slide's geometry exactly (an associated "thumbnail"
 * image may be cropped or padded); the main thread never waits for it.
 * Objects are created, mutated, and emit signals on the main thread only;
 * the worker reads the CsSlide (thread-safe) and makes a new surface. */

struct _CsOverview
{
  GtkWidget        parent_instance;

  /* Borrowed References */
  CsSlideView     *view;

  /* Owned References */
  CsSlide         *slide;       /* the slide shown, as the view had it */
  cairo_surface_t *thumbnail;
  GCancellable    *cancellable;

  /* Input, in widget coordinates */
  double           drag_x;
  double           drag_y;
};

G_DEFINE_FINAL_TYPE (CsOverview, cs_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CsSlide *slide;
  double   zoom;
  int      width;
  int      height;
} ThumbnailJob;

static void
thumbnail_job_free (gpointer data)
{
  ThumbnailJob *job = data;

  g_clear_object (&job->slide);
  g_free (job);
}

static void
surface_destroy (gpointer data)
{
  cairo_surface_destroy (data);
}

static void
cs_overview_get_slide_size (CsOverview *self,
                            double     *width,
                            double     *height)
{
  gint64 w = 0;
  gint64 h = 0;

  if (self->slide != NULL)
    cs_slide_get_level_size (self->slide, 0, &w, &h);
  *width = w;
  *height = h;
}

/* The thumbnail's size in logical pixels: the slide's shape, its longer
 * side CS_OVERVIEW_MAX_SIZE. */
static gboolean
cs_overview_get_size (CsOverview *self,
                      int        *width,
                      int        *height)
{
  double w, h, zoom;

  cs_overview_get_slide_size (self, &w, &h);
  if (w <= 0 || h <= 0)
    {
      *width = *height = 0;
      return FALSE;
    }

  zoom = MIN (CS_OVERVIEW_MAX_SIZE / w, CS_OVERVIEW_MAX_SIZE / h);
  *width = MAX (1, (int) round (w * zoom));
  *height = MAX (1, (int) round (h * zoom));

  return TRUE;
}

static void
render_thumbnail_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  ThumbnailJob *job = task_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = NULL;

  if (!cs_render_region (CS_TILE_SOURCE (job->slide), 0, 0, job->zoom,
                         job->width, job->height, &surface, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, surface, surface_destroy);
}

static void
render_thumbnail_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CsOverview *self = CS_OVERVIEW (object);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = cs_ui_task_propagate_pointer (G_TASK (result), &error);
  if (surface == NULL)
    {
      /* A damaged slide gets an empty overview: the view reports errors. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }

  g_clear_pointer (&self->thumbnail, cairo_surface_destroy);
  self->thumbnail = surface;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cs_overview_render_thumbnail (CsOverview *self)
{
  int scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  g_autoptr(GTask) task = NULL;
  ThumbnailJob *job;
  double w, h;
  int width, height;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->thumbnail, cairo_surface_destroy);

  if (!cs_overview_get_size (self, &width, &height))
    return;

  /* Rendered in device pixels, covering the whole thumbnail. */
  cs_overview_get_slide_size (self, &w, &h);
  job = g_new0 (ThumbnailJob, 1);
  job->slide = g_object_ref (self->slide);
  job->width = width * scale;
  job->height = height * scale;
  job->zoom = MAX (job->width / w, job->height / h);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, render_thumbnail_cb, NULL);
  g_task_set_source_tag (task, cs_overview_render_thumbnail);
  cs_ui_task_run_in_thread (task, job, thumbnail_job_free, render_thumbnail_thread);
}

static void
cs_overview_update_slide (CsOverview *self)
{
  CsSlide *slide = self->view != NULL ? cs_slide_view_get_slide (self->view) : NULL;

  if (self->slide == slide)
    return;

  g_set_object (&self->slide, slide);
  cs_overview_render_thumbnail (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_view_viewport_changed_cb (CsOverview  *self,
                             CsSlideView *view)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_view_notify_slide_cb (CsOverview  *self,
                         GParamSpec  *pspec,
                         CsSlideView *view)
{
  cs_overview_update_slide (self);
}

static void
on_scale_factor_changed_cb (CsOverview *self,
                            GParamSpec *pspec,
                            gpointer    user_data)
{
  cs_overview_render_thumbnail (self);
}

static void
cs_overview_centre_view (CsOverview *self,
                         double      x,
                         double      y)
{
  double image_x, image_y;

  if (cs_overview_to_image (self, x, y, &image_x, &image_y))
    cs_slide_view_set_center (self->view, image_x, image_y);
}

static void
on_drag_begin_cb (CsOverview     *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  if (self->view == NULL || self->slide == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  cs_slide_view_stop_kinetic (self->view);
  self->drag_x = x;
  self->drag_y = y;
  cs_overview_centre_view (self, x, y);
}

static void
on_drag_update_cb (CsOverview     *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  cs_overview_centre_view (self, self->drag_x + offset_x, self->drag_y + offset_y);
}

static void
cs_overview_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  int width, height;

  cs_overview_get_size (CS_OVERVIEW (widget), &width, &height);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
}

/* The viewport's outline: a dark halo under a bright line, visible over
 * white glass and dark tissue; a cross marks it when it is too small to
 * see. */
static void
cs_overview_draw_outline (CsOverview *self,
                          cairo_t    *cr,
                          double      scale)
{
  graphene_point_t outline[4];
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if (!cs_overview_get_outline (self, outline))
    return;

  for (guint i = 0; i < 4; i++)
    {
      cairo_line_to (cr, outline[i].x * scale, outline[i].y * scale);
      x0 = MIN (x0, outline[i].x);
      y0 = MIN (y0, outline[i].y);
      x1 = MAX (x1, outline[i].x);
      y1 = MAX (y1, outline[i].y);
    }
  cairo_close_path (cr);

  if (x1 - x0 < 8 && y1 - y0 < 8)
    {
      double cx = (x0 + x1) / 2 * scale;
      double cy = (y0 + y1) / 2 * scale;

      cairo_move_to (cr, cx - 7 * scale, cy);
      cairo_line_to (cr, cx + 7 * scale, cy);
      cairo_move_to (cr, cx, cy - 7 * scale);
      cairo_line_to (cr, cx, cy + 7 * scale);
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 3.5 * scale);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.7);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.5 * scale);
  /* GNOME palette Yellow 2 */
  cairo_set_source_rgb (cr, 0xf8 / 255.0, 0xe4 / 255.0, 0x5c / 255.0);
  cairo_stroke (cr);
}

static void
cs_overview_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  CsOverview *self = CS_OVERVIEW (widget);
  int scale = MAX (gtk_widget_get_scale_factor (widget), 1);
  double width = gtk_widget_get_width (widget) * scale;
  double height = gtk_widget_get_height (widget) * scale;
  cairo_t *cr;

  if (self->slide == NULL || width <= 0 || height <= 0)
    return;

  /* In device pixels, as the view. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, 1.0 / scale, 1.0 / scale);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  if (self->thumbnail != NULL)
    {
      cairo_save (cr);
      cairo_scale (cr,
                   width / cairo_image_surface_get_width (self->thumbnail),
                   height / cairo_image_surface_get_height (self->thumbnail));
      cairo_set_source_surface (cr, self->thumbnail, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  else
    {
      /* Still rendering: a faint placeholder of the slide's shape. */
      cairo_set_source_rgba (cr, 1, 1, 1, 0.08);
      cairo_paint (cr);
    }

  cs_overview_draw_outline (self, cr, scale);
  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);
}

static void
cs_overview_dispose (GObject *object)
{
  CsOverview *self = CS_OVERVIEW (object);

  cs_overview_set_view (self, NULL);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->slide);
  g_clear_pointer (&self->thumbnail, cairo_surface_destroy);

  G_OBJECT_CLASS (cs_overview_parent_class)->dispose (object);
}

static void
cs_overview_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsOverview *self = CS_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_overview_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CsOverview *self = CS_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      cs_overview_set_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_overview_class_init (CsOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_overview_dispose;
  object_class->get_property = cs_overview_get_property;
  object_class->set_property = cs_overview_set_property;

  widget_class->measure = cs_overview_measure;
  widget_class->snapshot = cs_overview_snapshot;

  /**
   * CsOverview:view:
   *
   * The view whose slide and viewport the overview shows, and moves.
   */
  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL,
                         CS_TYPE_SLIDE_VIEW,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "overview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cs_overview_init (CsOverview *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Click or drag to move the view"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overview of the slide"),
                                  -1);
}

GtkWidget *
cs_overview_new (void)
{
  return g_object_new (CS_TYPE_OVERVIEW, NULL);
}

/**
 * cs_overview_get_view:
 *
 * Returns: (transfer none) (nullable): the view the overview follows
 */
CsSlideView *
cs_overview_get_view (CsOverview *self)
{
  g_return_val_if_fail (CS_IS_OVERVIEW (self), NULL);

  return self->view;
}

/**
 * cs_overview_set_view:
 * @view: (nullable): the view to follow and move
 */
void
cs_overview_set_view (CsOverview  *self,
                      CsSlideView *view)
{
  g_return_if_fail (CS_IS_OVERVIEW (self));
  g_return_if_fail (view == NULL || CS_IS_SLIDE_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_weak_pointer (&self->view, view);

  if (view != NULL)
    {
      g_signal_connect_object (view, "viewport-changed",
                               G_CALLBACK (on_view_viewport_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::slide",
                               G_CALLBACK (on_view_notify_slide_cb), self,
                               G_CONNECT_SWAPPED);
    }

  cs_overview_update_slide (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/**
 * cs_overview_is_ready:
 *
 * Returns: %TRUE once the thumbnail of the view's slide is drawn
 */
gboolean
cs_overview_is_ready (CsOverview *self)
{
  g_return_val_if_fail (CS_IS_OVERVIEW (self), FALSE);

  return self->slide != NULL && self->thumbnail != NULL;
}

/**
 * cs_overview_get_outline:
 * @outline: (out caller-allocates) (array fixed-size=4): the corners of
 *   the view (top-left, top-right, bottom-right, bottom-left on screen) in
 *   the overview's coordinates
 *
 * Returns: %FALSE when there is no slide or the view has no size yet
 */
gboolean
cs_overview_get_outline (CsOverview       *self,
                         graphene_point_t  outline[4])
{
  double slide_width, slide_height, sx, sy;
  CsViewport viewport;
  int width, height;

  g_return_val_if_fail (CS_IS_OVERVIEW (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  cs_overview_get_slide_size (self, &slide_width, &slide_height);
  if (self->view == NULL || slide_width <= 0 || width <= 0 || height <= 0)
    return FALSE;

  cs_slide_view_get_viewport (self->view, &viewport);
  if (viewport.width <= 0 || viewport.height <= 0)
    return FALSE;

  sx = width / slide_width;
  sy = height / slide_height;
  for (guint i = 0; i < 4; i++)
    {
      double x = (i == 1 || i == 2) ? viewport.width : 0;
      double y = (i >= 2) ? viewport.height : 0;
      double image_x, image_y;

      cs_viewport_to_image (&viewport, x, y, &image_x, &image_y);
      outline[i] = GRAPHENE_POINT_INIT (image_x * sx, image_y * sy);
    }

  return TRUE;
}

/**
 * cs_overview_to_image:
 * @x: in the overview's coordinates
 * @y: in the overview's coordinates
 * @image_x: (out): the level-0 x shown there
 * @image_y: (out): the level-0 y shown there
 *
 * Returns: %FALSE when there is no slide
 */
gboolean
cs_overview_to_image (CsOverview *self,
                      double      x,
                      double      y,
                      double     *image_x,
                      double     *image_y)
{
  double slide_width, slide_height;
  int width, height;

  g_return_val_if_fail (CS_IS_OVERVIEW (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  cs_overview_get_slide_size (self, &slide_width, &slide_height);
  if (self->view == NULL || slide_width <= 0 || width <= 0 || height <= 0)
    return FALSE;

  *image_x = x * slide_width / width;
  *image_y = y * slide_height / height;

  return TRUE;
}
