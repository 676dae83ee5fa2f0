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
 * hand-over of control, bye; and the test hooks for timing. */

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

void
cs_live_session_send_view (CsLiveSession    *self,
                           const CsLiveView *view)
{
  g_autoptr(CsLiveMessage) message = cs_live_message_new (CS_LIVE_MESSAGE_VIEW);

  g_return_if_fail (CS_IS_LIVE_SESSION (self));
  g_return_if_fail (view != NULL);

  if (!self->has_control || self->state != CS_LIVE_STATE_JOINED)
    return;
  message->x = view->x;
  message->y = view->y;
  message->zoom = view->zoom;
  message->rotation = view->rotation;
  message->seq = ++self->view_seq;
  send_if_joined (self, message);
}

void
cs_live_session_send_pointer (CsLiveSession *self,
                              double         x,
                              double         y,
                              gboolean       visible)
{
  g_autoptr(CsLiveMessage) message = cs_live_message_new (CS_LIVE_MESSAGE_POINTER);

  g_return_if_fail (CS_IS_LIVE_SESSION (self));

  message->x = x;
  message->y = y;
  message->visible = visible;
  send_if_joined (self, message);
}

void
cs_live_session_send_ping (CsLiveSession *self,
                           double         x,
                           double         y,
                           const char    *note)
{
  g_autoptr(CsLiveMessage) message = cs_live_message_new (CS_LIVE_MESSAGE_PING);

  g_return_if_fail (CS_IS_LIVE_SESSION (self));

  message->x = x;
  message->y = y;
  message->note = g_strdup (note != NULL && *note != '\0' ? note : NULL);
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
  if (!cs_live_peer_send (self->peer, message, error))
    return FALSE;
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
