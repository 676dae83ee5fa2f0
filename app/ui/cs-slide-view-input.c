/* cs-slide-view-input.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-view-input"

#include "config.h"

#include "cs-slide-view-private.h"

#include <math.h>

/* Input for CsSlideView: dragging pans, the scroll wheel zooms at the
 * pointer, and the view.zoom-* actions zoom at the centre from the
 * keyboard. Everything ends in the view's viewport functions, which clamp. */

/* Two wheel notches double the zoom. */
#define ZOOM_STEP               G_SQRT2
/* Touchpads scroll in pixels: this many make one notch. */
#define SURFACE_PIXELS_PER_STEP 20.0

static void
cs_slide_view_input_zoom_by (CsSlideView *self,
                             double       factor,
                             double       x,
                             double       y)
{
  CsViewport viewport;

  cs_slide_view_get_viewport (self, &viewport);
  cs_slide_view_zoom_at (self, viewport.zoom * factor, x, y);
}

static void
cs_slide_view_input_zoom_at_center (CsSlideView *self,
                                    double       factor)
{
  cs_slide_view_input_zoom_by (self, factor,
                               gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static gboolean
on_scroll_cb (CsSlideView              *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);
  double steps = unit == GDK_SCROLL_UNIT_WHEEL ? dy : dy / SURFACE_PIXELS_PER_STEP;
  double x = self->pointer_x;
  double y = self->pointer_y;

  if (self->slide == NULL || dy == 0)
    return GDK_EVENT_PROPAGATE;

  if (x < 0 || y < 0)
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }

  /* Scrolling up (away from the user) zooms in. */
  cs_slide_view_input_zoom_by (self, pow (ZOOM_STEP, -steps), x, y);

  return GDK_EVENT_STOP;
}

static void
on_motion_cb (CsSlideView              *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_leave_cb (CsSlideView              *self,
             GtkEventControllerMotion *controller)
{
  self->pointer_x = -1;
  self->pointer_y = -1;
}

static void
on_drag_begin_cb (CsSlideView    *self,
                  double          start_x,
                  double          start_y,
                  GtkGestureDrag *gesture)
{
  CsViewport viewport;

  if (self->slide == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
  cs_slide_view_get_viewport (self, &viewport);
  cs_viewport_get_center (&viewport, &self->drag_center_x, &self->drag_center_y);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_drag_update_cb (CsSlideView    *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  CsViewport viewport;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  /* The slide follows the pointer: move the centre against the drag. */
  cs_slide_view_get_viewport (self, &viewport);
  _cs_slide_view_set_center (self,
                             self->drag_center_x - offset_x * scale / viewport.zoom,
                             self->drag_center_y - offset_y * scale / viewport.zoom);
}

static void
on_drag_end_cb (CsSlideView    *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

static void
cs_slide_view_input_zoom_in (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  cs_slide_view_input_zoom_at_center (CS_SLIDE_VIEW (widget), ZOOM_STEP);
}

static void
cs_slide_view_input_zoom_out (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  cs_slide_view_input_zoom_at_center (CS_SLIDE_VIEW (widget), 1.0 / ZOOM_STEP);
}

static void
cs_slide_view_input_zoom_fit (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  cs_slide_view_zoom_to_fit (CS_SLIDE_VIEW (widget));
}

static void
cs_slide_view_input_zoom_original (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);

  /* 1:1 is one slide pixel per device pixel. */
  cs_slide_view_zoom_at (self, 1.0,
                         gtk_widget_get_width (widget) / 2.0,
                         gtk_widget_get_height (widget) / 2.0);
}

static void
cs_slide_view_input_add_bindings (GtkWidgetClass *widget_class,
                                  const char     *action_name,
                                  const guint    *keyvals,
                                  guint           n_keyvals)
{
  for (guint i = 0; i < n_keyvals; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, keyvals[i], 0, action_name, NULL);
      gtk_widget_class_add_binding_action (widget_class, keyvals[i], GDK_CONTROL_MASK,
                                           action_name, NULL);
    }
}

void
_cs_slide_view_class_input_init (GtkWidgetClass *widget_class)
{
  static const guint zoom_in_keys[] = { GDK_KEY_plus, GDK_KEY_equal, GDK_KEY_KP_Add };
  static const guint zoom_out_keys[] = { GDK_KEY_minus, GDK_KEY_KP_Subtract };
  static const guint zoom_fit_keys[] = { GDK_KEY_0, GDK_KEY_KP_0 };
  static const guint zoom_original_keys[] = { GDK_KEY_1, GDK_KEY_KP_1 };

  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL,
                                   cs_slide_view_input_zoom_in);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL,
                                   cs_slide_view_input_zoom_out);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL,
                                   cs_slide_view_input_zoom_fit);
  gtk_widget_class_install_action (widget_class, "view.zoom-original", NULL,
                                   cs_slide_view_input_zoom_original);

  cs_slide_view_input_add_bindings (widget_class, "view.zoom-in",
                                    zoom_in_keys, G_N_ELEMENTS (zoom_in_keys));
  cs_slide_view_input_add_bindings (widget_class, "view.zoom-out",
                                    zoom_out_keys, G_N_ELEMENTS (zoom_out_keys));
  cs_slide_view_input_add_bindings (widget_class, "view.zoom-fit",
                                    zoom_fit_keys, G_N_ELEMENTS (zoom_fit_keys));
  cs_slide_view_input_add_bindings (widget_class, "view.zoom-original",
                                    zoom_original_keys, G_N_ELEMENTS (zoom_original_keys));
}

void
_cs_slide_view_input_init (CsSlideView *self)
{
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *drag;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

/* The one place enabling the view's actions. */
void
_cs_slide_view_update_actions (CsSlideView *self)
{
  CsViewport viewport;
  double min_zoom, max_zoom;
  gboolean has_slide;

  g_assert (CS_IS_SLIDE_VIEW (self));

  has_slide = cs_slide_view_get_slide (self) != NULL;
  cs_slide_view_get_viewport (self, &viewport);
  cs_slide_view_get_zoom_range (self, &min_zoom, &max_zoom);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.zoom-in",
                                 has_slide && viewport.zoom < max_zoom);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.zoom-out",
                                 has_slide && viewport.zoom > min_zoom);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.zoom-fit", has_slide);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.zoom-original", has_slide);
}
