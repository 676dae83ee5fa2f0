/* cs-live-controller-view.c: follow mode, and the view and pointer sent
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-controller"

#include "config.h"

#include <math.h>

#include "cs-live-controller-private.h"

/* The protocol's view is the centre in level-0 pixels and the downsample
 * (level-0 pixels per logical screen pixel), so that two screens of other
 * scales show the same tissue at the same apparent size; the view's own
 * zoom is device pixels per level-0 pixel.
 *
 * Following, the tick callback steps CsLiveFollow toward the latest view
 * received and sets it on the view, remembering what it set: any other
 * change of centre, zoom or rotation came from this side's user, who has
 * broken away. */

gboolean
_cs_live_controller_get_view (CsLiveController *self,
                              CsLiveView       *view)
{
  CsViewport viewport;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->view));

  cs_slide_view_get_viewport (self->view, &viewport);
  if (viewport.width <= 0 || viewport.zoom <= 0 || cs_slide_view_get_slide (self->view) == NULL)
    return FALSE;
  cs_viewport_get_center (&viewport, &view->x, &view->y);
  view->zoom = CLAMP (scale / viewport.zoom, CS_LIVE_ZOOM_MIN, CS_LIVE_ZOOM_MAX);
  view->rotation = viewport.rotation;
  return TRUE;
}

static void
cs_live_controller_apply (CsLiveController *self,
                          const CsLiveView *view)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->view));

  self->applying = TRUE;
  cs_slide_view_move_to (self->view, view->x, view->y, scale / view->zoom, view->rotation);
  self->applying = FALSE;
  /* what the view made of it, clamped to its limits */
  if (!_cs_live_controller_get_view (self, &self->applied))
    self->applied = *view;
}

static gboolean
cs_live_controller_follow_tick_cb (GtkWidget     *widget,
                                   GdkFrameClock *clock,
                                   gpointer       data)
{
  CsLiveController *self = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->follow_time != 0 ? (now - self->follow_time) / (double) G_USEC_PER_SEC : 0.0;
  gboolean moving;

  self->follow_time = now;
  moving = cs_live_follow_step (&self->follow, MIN (dt, 0.25));
  cs_live_controller_apply (self, &self->follow.current);
  if (moving)
    return G_SOURCE_CONTINUE;
  self->follow_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
cs_live_controller_start_tick (CsLiveController *self)
{
  if (self->follow_tick != 0)
    return;
  self->follow_time = 0;
  self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->view),
                                                    cs_live_controller_follow_tick_cb,
                                                    self, NULL);
}

static void
cs_live_controller_stop_tick (CsLiveController *self)
{
  if (self->follow_tick != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->follow_tick);
  self->follow_tick = 0;
}

/* A view message from the side in control. */
void
_cs_live_controller_take_view (CsLiveController *self,
                               const CsLiveView *view)
{
  CsLiveMessage message = { .type = CS_LIVE_MESSAGE_VIEW };

  message.x = view->x;
  message.y = view->y;
  message.zoom = view->zoom;
  message.rotation = view->rotation;
  message.seq = ++self->target_seq;
  cs_live_follow_set_target (&self->follow, &message);
  self->has_target = TRUE;
  if (self->following)
    cs_live_controller_start_tick (self);
}

void
cs_live_controller_follow (CsLiveController *self)
{
  CsLiveView current;

  g_return_if_fail (CS_IS_LIVE_CONTROLLER (self));

  if (self->view == NULL || cs_live_session_has_control (self->session))
    return;
  self->following = TRUE;
  cs_slide_view_stop_kinetic (self->view);
  cs_slide_view_stop_glide (self->view);
  if (_cs_live_controller_get_view (self, &current))
    {
      CsLiveView target = self->follow.target;

      cs_live_follow_init (&self->follow, &current);
      self->follow.target = target;
      self->follow.has_target = self->has_target;
      self->follow.seq = self->target_seq;
      self->applied = current;
      if (self->has_target)
        cs_live_controller_start_tick (self);
    }
  _cs_live_controller_update_bar (self);
}

void
cs_live_controller_stop_following (CsLiveController *self)
{
  g_return_if_fail (CS_IS_LIVE_CONTROLLER (self));

  self->following = FALSE;
  cs_live_controller_stop_tick (self);
  _cs_live_controller_update_bar (self);
}

gboolean
cs_live_controller_get_following (CsLiveController *self)
{
  g_return_val_if_fail (CS_IS_LIVE_CONTROLLER (self), FALSE);

  return self->following;
}

static gboolean
views_differ (const CsLiveView *a,
              const CsLiveView *b)
{
  /* a tenth of a screen pixel, a thousandth of the zoom, a hundredth of
   * a degree: rounding, not a person */
  double delta = fabs (fmod (a->rotation - b->rotation + 540.0, 360.0) - 180.0);

  return fabs (a->x - b->x) > 0.1 * a->zoom || fabs (a->y - b->y) > 0.1 * a->zoom ||
         fabs (log (a->zoom / b->zoom)) > 1e-3 || delta > 0.01;
}

static gboolean
cs_live_controller_send_view_cb (gpointer data)
{
  CsLiveController *self = data;

  self->view_source = 0;
  _cs_live_controller_send_view_now (self);
  return G_SOURCE_REMOVE;
}

void
_cs_live_controller_send_view_now (CsLiveController *self)
{
  CsLiveView view;

  g_clear_handle_id (&self->view_source, g_source_remove);
  if (self->view == NULL || !cs_live_session_has_control (self->session) ||
      !_cs_live_controller_get_view (self, &view))
    return;
  cs_live_session_send_view (self->session, &view);
  self->view_sent = g_get_monotonic_time ();
}

static void
cs_live_controller_queue_view (CsLiveController *self)
{
  gint64 since = (g_get_monotonic_time () - self->view_sent) / 1000;

  if (self->view_source != 0)
    return;
  if (since >= CS_LIVE_SEND_INTERVAL_MS)
    _cs_live_controller_send_view_now (self);
  else
    self->view_source = g_timeout_add (CS_LIVE_SEND_INTERVAL_MS - since,
                                       cs_live_controller_send_view_cb, self);
}

/* The view was resized (a bar shown, the window resized): not the user
 * moving away. A follower keeps the place it follows. */
static gboolean
cs_live_controller_resized (CsLiveController *self)
{
  CsViewport viewport;
  gboolean resized;

  cs_slide_view_get_viewport (self->view, &viewport);
  resized = viewport.width != self->view_width || viewport.height != self->view_height;
  self->view_width = viewport.width;
  self->view_height = viewport.height;
  return resized;
}

static void
on_viewport_changed_cb (CsLiveController *self)
{
  CsLiveView now;

  /* A resize (the bar above changing its height, the window) is no one
   * navigating: it keeps following, from where the view now is when no
   * view has come yet. */
  if (cs_live_controller_resized (self) && self->following &&
      !cs_live_session_has_control (self->session))
    {
      if (self->has_target)
        cs_live_controller_apply (self, &self->follow.current);
      else
        _cs_live_controller_get_view (self, &self->applied);
      return;
    }
  if (cs_live_session_get_state (self->session) == CS_LIVE_STATE_ENDED)
    return;
  if (cs_live_session_has_control (self->session))
    {
      cs_live_controller_queue_view (self);
      return;
    }
  if (self->following && !self->applying && _cs_live_controller_get_view (self, &now) &&
      views_differ (&now, &self->applied))
    cs_live_controller_stop_following (self);
}

static void
cs_live_controller_send_pointer_now (CsLiveController *self)
{
  g_clear_handle_id (&self->pointer_source, g_source_remove);
  if (!self->pointer_inside && !self->pointer_shown)
    return;
  cs_live_session_send_pointer (self->session, self->pointer_x, self->pointer_y,
                                self->pointer_inside);
  self->pointer_shown = self->pointer_inside;
  self->pointer_sent = g_get_monotonic_time ();
}

static gboolean
cs_live_controller_send_pointer_cb (gpointer data)
{
  CsLiveController *self = data;

  self->pointer_source = 0;
  cs_live_controller_send_pointer_now (self);
  return G_SOURCE_REMOVE;
}

static void
cs_live_controller_queue_pointer (CsLiveController *self)
{
  gint64 since = (g_get_monotonic_time () - self->pointer_sent) / 1000;

  if (cs_live_session_get_state (self->session) != CS_LIVE_STATE_JOINED ||
      self->pointer_source != 0)
    return;
  if (since >= CS_LIVE_SEND_INTERVAL_MS)
    cs_live_controller_send_pointer_now (self);
  else
    self->pointer_source = g_timeout_add (CS_LIVE_SEND_INTERVAL_MS - since,
                                          cs_live_controller_send_pointer_cb, self);
}

/**
 * cs_live_controller_pointer_moved:
 * @x: in the view's widget coordinates
 * @inside: FALSE when the pointer left the view
 *
 * The view's motion controller calls it; so do tests (GTK 4.8 cannot
 * synthesise events).
 */
void
cs_live_controller_pointer_moved (CsLiveController *self,
                                  double            x,
                                  double            y,
                                  gboolean          inside)
{
  CsViewport viewport;
  int scale;

  g_return_if_fail (CS_IS_LIVE_CONTROLLER (self));

  if (self->view == NULL)
    return;
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->view));
  cs_slide_view_get_viewport (self->view, &viewport);
  if (inside && viewport.width > 0)
    cs_viewport_to_image (&viewport, x * scale, y * scale, &self->pointer_x, &self->pointer_y);
  self->pointer_inside = inside && viewport.width > 0;
  cs_live_controller_queue_pointer (self);
}

static void
on_motion_cb (CsLiveController         *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  cs_live_controller_pointer_moved (self, x, y, TRUE);
}

static void
on_leave_cb (CsLiveController         *self,
             GtkEventControllerMotion *motion)
{
  cs_live_controller_pointer_moved (self, 0, 0, FALSE);
}

void
_cs_live_controller_view_attach (CsLiveController *self)
{
  self->motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (self->motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (self->motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (self->motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), g_object_ref (self->motion));
  g_signal_connect_object (self->view, "viewport-changed", G_CALLBACK (on_viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_cs_live_controller_view_detach (CsLiveController *self)
{
  cs_live_controller_stop_tick (self);
  g_clear_handle_id (&self->view_source, g_source_remove);
  g_clear_handle_id (&self->pointer_source, g_source_remove);
  if (self->view == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->view, self);
  if (self->motion != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->motion, self);
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->motion);
    }
  g_clear_object (&self->motion);
  g_clear_object (&self->view);
}
