/* cs-live-session-send.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-live-session-private.h"

/* What this side says: its view (when driving), pointer and pings, the
 * hand-over of control, bye; and the test hooks for timing.
 *
 * Views and pointers follow the mouse, often faster than the peer takes
 * them (60 per second of each kind together): each kind is sent at most
 * every MOTION_INTERVAL_MS, the latest one waiting for its turn in
 * between (those before it are dropped). Pings and control hand-overs
 * go through a limiter like the peer's, so that a burst of clicks is
 * dropped here rather than end the session there. */

#define MOTION_INTERVAL_MS 40

/* Sends @message if joined; a failure to send is the link's to report. */
static void
send_if_joined (CsLiveSession *self,
                CsLiveMessage *message)
{
  g_autoptr(GError) error = NULL;

  if (self->state != CS_LIVE_STATE_JOINED || self->peer == NULL)
    return;
  if (!cs_live_peer_send (self->peer, message, &error))
    g_debug ("Live %s message not sent: %s",
             cs_live_message_type_to_string (message->type), error->message);
}

static gboolean
motion_due_cb (gpointer data)
{
  CsLiveMotion *motion = data;
  g_autoptr(CsLiveMessage) message = g_steal_pointer (&motion->pending);

  motion->timer_id = 0;
  motion->last = g_get_monotonic_time ();
  if (message != NULL)
    send_if_joined (motion->session, message);
  return G_SOURCE_REMOVE;
}

/* Sends @message (taken) now, or as the latest of its kind when its
 * turn comes. */
static void
send_motion (CsLiveSession *self,
             CsLiveMotion  *motion,
             CsLiveMessage *message)
{
  gint64 now = g_get_monotonic_time ();
  gint64 due = motion->last + MOTION_INTERVAL_MS * 1000;

  motion->session = self;
  if (motion->timer_id == 0 && now >= due)
    {
      g_autoptr(CsLiveMessage) owned = message;

      motion->last = now;
      send_if_joined (self, owned);
      return;
    }
  g_clear_pointer (&motion->pending, cs_live_message_free);
  motion->pending = message;
  if (motion->timer_id == 0)
    motion->timer_id = g_timeout_add ((guint) ((due - now + 999) / 1000), motion_due_cb, motion);
}

void
cs_live_motion_clear (CsLiveMotion *motion)
{
  g_clear_handle_id (&motion->timer_id, g_source_remove);
  g_clear_pointer (&motion->pending, cs_live_message_free);
}

static gboolean
take_token (CsLiveSession     *self,
            CsLiveMessageType  type,
            GError           **error)
{
  if (self->limiter == NULL)
    self->limiter = cs_live_rate_limiter_new ();
  return cs_live_rate_limiter_take (self->limiter, type, g_get_monotonic_time (), error);
}

void
cs_live_session_send_view (CsLiveSession    *self,
                           const CsLiveView *view)
{
  CsLiveMessage *message;

  g_return_if_fail (CS_IS_LIVE_SESSION (self));
  g_return_if_fail (view != NULL);

  if (!self->has_control || self->state != CS_LIVE_STATE_JOINED)
    return;
  message = cs_live_message_new (CS_LIVE_MESSAGE_VIEW);
  message->x = view->x;
  message->y = view->y;
  message->zoom = view->zoom;
  message->rotation = view->rotation;
  message->seq = ++self->view_seq;
  send_motion (self, &self->view_motion, message);
}

void
cs_live_session_send_pointer (CsLiveSession *self,
                              double         x,
                              double         y,
                              gboolean       visible)
{
  CsLiveMessage *message;

  g_return_if_fail (CS_IS_LIVE_SESSION (self));

  if (self->state != CS_LIVE_STATE_JOINED)
    return;
  message = cs_live_message_new (CS_LIVE_MESSAGE_POINTER);
  message->x = x;
  message->y = y;
  message->visible = visible;
  send_motion (self, &self->pointer_motion, message);
}

void
cs_live_session_send_ping (CsLiveSession *self,
                           double         x,
                           double         y,
                           const char    *note)
{
  g_autoptr(CsLiveMessage) message = cs_live_message_new (CS_LIVE_MESSAGE_PING);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CS_IS_LIVE_SESSION (self));

  message->x = x;
  message->y = y;
  message->note = g_strdup (note != NULL && *note != '\0' ? note : NULL);
  if (self->state != CS_LIVE_STATE_JOINED)
    return;
  if (!take_token (self, CS_LIVE_MESSAGE_PING, &error))
    {
      g_debug ("Ping not sent: %s", error->message);
      return;
    }
  send_if_joined (self, message);
}

gboolean
cs_live_session_give_control (CsLiveSession *self,
                              GError       **error)
{
  g_autoptr(CsLiveMessage) message = cs_live_message_new (CS_LIVE_MESSAGE_CONTROL);

  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), FALSE);

  if (self->state != CS_LIVE_STATE_JOINED || self->peer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                   _("Nobody is connected to the live session"));
      return FALSE;
    }
  if (!self->has_control)
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
                   _("Only the side driving the view can hand it over"));
      return FALSE;
    }
  message->role = self->role == CS_LIVE_ROLE_HOST ? CS_LIVE_ROLE_GUEST : CS_LIVE_ROLE_HOST;
  if (!take_token (self, CS_LIVE_MESSAGE_CONTROL, error) || !cs_live_peer_send (self->peer, message, error))
    return FALSE;
  cs_live_motion_clear (&self->view_motion);
  cs_live_session_set_has_control (self, FALSE);
  return TRUE;
}

void
cs_live_session_end (CsLiveSession *self,
                     const char    *reason)
{
  g_return_if_fail (CS_IS_LIVE_SESSION (self));

  if (self->state == CS_LIVE_STATE_ENDED)
    return;
  if (self->peer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->peer, self);
      cs_live_peer_close (self->peer, reason);
    }
  cs_live_session_finish (self, reason, NULL);
}

void
cs_live_session_set_timeouts (CsLiveSession *self,
                              guint          keepalive_ms,
                              guint          timeout_ms,
                              guint          reconnect_interval_ms)
{
  g_return_if_fail (CS_IS_LIVE_SESSION (self));

  self->keepalive_ms = keepalive_ms;
  self->timeout_ms = timeout_ms;
  self->reconnect_interval_ms = MAX (reconnect_interval_ms, 1);
  if (self->peer != NULL)
    cs_live_session_apply_timeouts (self, self->peer);
  for (guint i = 0; i < self->pending->len; i++)
    cs_live_session_apply_timeouts (self, self->pending->pdata[i]);
}

void
cs_live_session_set_reconnect_limit (CsLiveSession *self,
                                     guint          limit_ms)
{
  g_return_if_fail (CS_IS_LIVE_SESSION (self));

  self->reconnect_limit_ms = limit_ms;
}
