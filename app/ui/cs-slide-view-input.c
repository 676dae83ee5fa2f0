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
#include <string.h>

/* Pointer and touch input for CsSlideView. Dragging pans (the tissue
 * follows the pointer at any rotation) and glides on after a flick,
 * slowing down on each frame until it stops or the view is touched; the
 * scroll wheel and touchpad zoom at the pointer; a double click zooms in
 * twice around the point; two fingers pinch to zoom and turn to rotate
 * about their centre. A drag begun with Ctrl held sets "aligning" and
 * does not glide. Everything ends in the view's viewport functions, which
 * clamp. Keys and actions are in cs-slide-view-actions.c. */

/* Two wheel notches double the zoom. */
#define ZOOM_STEP               G_SQRT2
/* Touchpads scroll in pixels: this many make one notch. */
#define SURFACE_PIXELS_PER_STEP 20.0
/* Velocity over the last this many ms of a drag; none if the pointer
 * rested longer before release. */
#define VELOCITY_WINDOW_MS      100
#define REST_MS                 60
/* Gliding, in logical pixels per second: it starts above the first,
 * never exceeds the second, and stops below the third. */
#define KINETIC_MIN_START       150.0
#define KINETIC_MAX             6000.0
#define KINETIC_MIN             15.0
/* The velocity decays as exp (-DECAY * t): to 1/e in a quarter second. */
#define KINETIC_DECAY           4.0

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
  cs_slide_view_stop_kinetic (self);
  cs_slide_view_input_zoom_by (self, pow (ZOOM_STEP, -steps), x, y);

  return GDK_EVENT_STOP;
}

static void
on_motion_cb (CsSlideView              *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  GdkModifierType state;

  self->pointer_x = x;
  self->pointer_y = y;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  _cs_slide_view_editor_hover (self, x, y, state);
}

static void
on_leave_cb (CsSlideView              *self,
             GtkEventControllerMotion *controller)
{
  self->pointer_x = -1;
  self->pointer_y = -1;
  /* The brush disc and the hover go with the pointer. */
  if (self->annotations != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_pressed_cb (CsSlideView     *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  GdkModifierType state;

  /* A touch stops a glide, as a hand stops a sliding glass slide. */
  cs_slide_view_stop_kinetic (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* The tools first: a double click may close a polygon. */
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (_cs_slide_view_editor_press (self, x, y, n_press, state))
    {
      _cs_slide_view_set_aligning (self, FALSE);
      return;
    }

  if (n_press == 2 && self->slide != NULL)
    cs_slide_view_input_zoom_by (self, 2.0, x, y);
}

static void
cs_slide_view_input_add_sample (CsSlideView *self,
                                guint32      time,
                                double       x,
                                double       y)
{
  if (self->n_samples == CS_SLIDE_VIEW_N_SAMPLES)
    {
      memmove (&self->samples[0], &self->samples[1],
               (CS_SLIDE_VIEW_N_SAMPLES - 1) * sizeof (CsDragSample));
      self->n_samples--;
    }

  self->samples[self->n_samples++] = (CsDragSample) { time, x, y };
}

/* The drag's velocity at release, in logical pixels per second, from the
 * samples of its last VELOCITY_WINDOW_MS. */
static void
cs_slide_view_input_get_velocity (CsSlideView *self,
                                  guint32      release_time,
                                  double      *vx,
                                  double      *vy)
{
  const CsDragSample *last;
  const CsDragSample *first;
  guint32 dt;

  *vx = *vy = 0;
  if (self->n_samples < 2)
    return;

  last = &self->samples[self->n_samples - 1];
  if (release_time - last->time > REST_MS)
    return;

  first = last;
  for (guint i = self->n_samples - 1; i-- > 0;)
    {
      if (last->time - self->samples[i].time > VELOCITY_WINDOW_MS)
        break;
      first = &self->samples[i];
    }

  dt = last->time - first->time;
  if (dt == 0)
    return;

  *vx = (last->x - first->x) * 1000.0 / dt;
  *vy = (last->y - first->y) * 1000.0 / dt;
}

static void
on_drag_begin_cb (CsSlideView    *self,
                  double          start_x,
                  double          start_y,
                  GtkGestureDrag *gesture)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  GdkModifierType state = gtk_event_controller_get_current_event_state (controller);

  if (self->slide == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  cs_slide_view_stop_kinetic (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_x = 0;
  self->drag_y = 0;
  self->n_samples = 0;
  cs_slide_view_input_add_sample (self, gtk_event_controller_get_current_event_time (controller),
                                  0, 0);
  /* The click gesture may have given this press to the editor already. */
  if (self->editing)
    return;
  _cs_slide_view_set_aligning (self, (state & GDK_CONTROL_MASK) != 0);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_drag_update_cb (CsSlideView    *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  double dx = offset_x - self->drag_x;
  double dy = offset_y - self->drag_y;
  double start_x, start_y;

  if (self->editing)
    {
      gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
      _cs_slide_view_set_aligning (self, FALSE);
      _cs_slide_view_editor_drag (self, start_x + offset_x, start_y + offset_y,
                                  gtk_event_controller_get_current_event_state (controller));
      return;
    }

  self->drag_x = offset_x;
  self->drag_y = offset_y;
  cs_slide_view_input_add_sample (self, gtk_event_controller_get_current_event_time (controller),
                                  offset_x, offset_y);

  /* The slide follows the pointer, whatever the rotation. */
  _cs_slide_view_pan (self, dx, dy);
}

static gboolean
cs_slide_view_kinetic_tick_cb (GtkWidget     *widget,
                               GdkFrameClock *frame_clock,
                               gpointer       user_data)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double dt = (now - self->kinetic_time) / (double) G_USEC_PER_SEC;
  double decay;

  self->kinetic_time = now;
  if (dt <= 0)
    return G_SOURCE_CONTINUE;

  /* Integrate the exponentially decaying velocity over the frame. */
  decay = exp (-KINETIC_DECAY * dt);
  _cs_slide_view_pan (self,
                      self->velocity_x * (1 - decay) / KINETIC_DECAY,
                      self->velocity_y * (1 - decay) / KINETIC_DECAY);
  self->velocity_x *= decay;
  self->velocity_y *= decay;

  if (hypot (self->velocity_x, self->velocity_y) < KINETIC_MIN)
    {
      self->kinetic_tick = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
cs_slide_view_input_start_kinetic (CsSlideView *self,
                                   double       vx,
                                   double       vy)
{
  double speed = hypot (vx, vy);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (speed < KINETIC_MIN_START || frame_clock == NULL)
    return;

  if (speed > KINETIC_MAX)
    {
      vx *= KINETIC_MAX / speed;
      vy *= KINETIC_MAX / speed;
    }

  self->velocity_x = vx;
  self->velocity_y = vy;
  self->kinetic_time = gdk_frame_clock_get_frame_time (frame_clock);
  self->kinetic_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                     cs_slide_view_kinetic_tick_cb,
                                                     NULL, NULL);
}

static void
on_drag_end_cb (CsSlideView    *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  guint32 time = gtk_event_controller_get_current_event_time (controller);
  gboolean aligning = self->aligning;
  double vx, vy, start_x, start_y;

  if (self->editing)
    {
      gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
      self->n_samples = 0;
      _cs_slide_view_editor_release (self, start_x + offset_x, start_y + offset_y,
                                     gtk_event_controller_get_current_event_state (controller));
      return;
    }

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  cs_slide_view_input_get_velocity (self, time, &vx, &vy);
  self->n_samples = 0;
  _cs_slide_view_set_aligning (self, FALSE);

  /* An alignment is precise: it does not glide. */
  if (!aligning)
    cs_slide_view_input_start_kinetic (self, vx, vy);
}

static void
on_drag_cancel_cb (CsSlideView      *self,
                   GdkEventSequence *sequence,
                   GtkGesture       *gesture)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  self->n_samples = 0;
  _cs_slide_view_set_aligning (self, FALSE);
  if (self->editing && self->editor != NULL)
    cs_annotation_editor_cancel (self->editor);
  self->editing = FALSE;
}

static void
on_two_fingers_begin_cb (CsSlideView      *self,
                         GdkEventSequence *sequence,
                         GtkGesture       *gesture)
{
  CsViewport viewport;

  if (self->slide == NULL)
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  /* Two fingers take over from the one that began dragging (as GTK's
   * documentation of gtk_gesture_set_state () shows). */
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  self->n_samples = 0;
  gtk_gesture_set_state (self->drag, GTK_EVENT_SEQUENCE_DENIED);

  cs_slide_view_stop_kinetic (self);
  cs_slide_view_get_viewport (self, &viewport);
  self->gesture_zoom = viewport.zoom;
  self->gesture_rotation = viewport.rotation;
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->gesture_x, &self->gesture_y))
    {
      self->gesture_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      self->gesture_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

/* The touches' centre moves the slide with it, then the zoom and the
 * rotation change about it. */
static void
cs_slide_view_input_follow_fingers (CsSlideView *self,
                                    GtkGesture  *gesture,
                                    double       zoom,
                                    double       rotation)
{
  double x, y, ix, iy;
  int scale = MAX (self->scale_factor, 1);
  CsViewport viewport;

  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    return;

  _cs_slide_view_pan (self, x - self->gesture_x, y - self->gesture_y);
  self->gesture_x = x;
  self->gesture_y = y;

  cs_slide_view_get_viewport (self, &viewport);
  cs_viewport_to_image (&viewport, x * scale, y * scale, &ix, &iy);
  if (zoom > 0)
    cs_slide_view_zoom_at (self, zoom, x, y);
  if (!isnan (rotation))
    {
      cs_slide_view_set_rotation (self, rotation);
      _cs_slide_view_keep_anchor (self, ix, iy, x, y);
    }
}

static void
on_pinch_scale_changed_cb (CsSlideView    *self,
                           double          scale,
                           GtkGestureZoom *gesture)
{
  cs_slide_view_input_follow_fingers (self, GTK_GESTURE (gesture),
                                      self->gesture_zoom * scale, NAN);
}

static void
on_rotate_angle_changed_cb (CsSlideView      *self,
                            double            angle,
                            double            angle_delta,
                            GtkGestureRotate *gesture)
{
  /* GTK measures the angle clockwise on screen, in radians. */
  cs_slide_view_input_follow_fingers (self, GTK_GESTURE (gesture), 0,
                                      self->gesture_rotation + angle_delta * 180.0 / G_PI);
}

/**
 * cs_slide_view_stop_kinetic:
 *
 * Stops a glide after a flick, if any.
 */
void
cs_slide_view_stop_kinetic (CsSlideView *self)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->kinetic_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_tick);
  self->kinetic_tick = 0;
  self->velocity_x = 0;
  self->velocity_y = 0;
}

static void
cs_slide_view_input_add_two_finger_gestures (CsSlideView *self)
{
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkGesture *rotate = gtk_gesture_rotate_new ();

  g_signal_connect_swapped (pinch, "begin", G_CALLBACK (on_two_fingers_begin_cb), self);
  g_signal_connect_swapped (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect_swapped (rotate, "begin", G_CALLBACK (on_two_fingers_begin_cb), self);
  g_signal_connect_swapped (rotate, "angle-changed", G_CALLBACK (on_rotate_angle_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (rotate));

  /* Pinching and turning at once, as on a glass slide. */
  gtk_gesture_group (pinch, rotate);
}

void
_cs_slide_view_input_init (CsSlideView *self)
{
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *click;
  GtkGesture *drag;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  self->drag = drag;
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect_swapped (drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  cs_slide_view_input_add_two_finger_gestures (self);
}
