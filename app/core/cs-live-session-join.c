/* cs-live-session-join.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-live-auth.h"
#include "cs-live-session-private.h"
#include "cs-live-transport.h"

/* The guest: the first connection (join_async finishes when it is joined
 * or refused), and after a lost link a new connection every reconnect
 * interval proving the resume token, until it is joined again or the
 * reconnect limit has passed. A refusal while reconnecting (the host no
 * longer knows the token) ends the session at once. */

static void connect_once (CsLiveSession *self);

static void
connection_failed (CsLiveSession *self,
                   const GError  *error)
{
  g_autoptr(CsLiveSession) alive = g_object_ref (self);

  if (self->join_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->join_task);

      g_task_return_error (task, g_error_copy (error));
      cs_live_session_finish (self, NULL, g_error_copy (error));
      return;
    }
  if (self->state != CS_LIVE_STATE_RECONNECTING)
    return;
  g_debug ("Live reconnection failed: %s", error->message);
  if (error->domain == CS_LIVE_ERROR)
    cs_live_session_finish (self, NULL, g_error_copy (error));
}

static void
on_guest_joined (CsLivePeer    *peer,
                 CsLiveSession *self)
{
  g_autoptr(CsLivePeer) held = g_object_ref (peer);
  g_autoptr(CsLiveSession) alive = g_object_ref (self);

  g_ptr_array_remove (self->pending, peer);
  cs_live_session_join_settled (self);
  cs_live_session_attach_peer (self, peer);
  if (self->join_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->join_task);

      g_task_return_pointer (task, g_object_ref (self), g_object_unref);
    }
}

static void
on_guest_closed (CsLivePeer    *peer,
                 const GError  *error,
                 CsLiveSession *self)
{
  g_autoptr(GError) fallback = NULL;

  cs_live_session_bury_peer (self, peer);
  g_ptr_array_remove (self->pending, peer);
  if (error == NULL)
    error = fallback = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                    _("The host closed the connection before the session was joined"));
  connection_failed (self, error);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsLiveSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) connection = cs_live_join_finish (result, &error);
  CsLivePeer *peer;

  self->connecting = FALSE;
  if (self->state == CS_LIVE_STATE_ENDED)
    return;
  if (connection == NULL)
    {
      connection_failed (self, error);
      return;
    }
  peer = cs_live_peer_new_guest (connection, self->name, self->slide_sha256, self->join_code);
  if (self->resume_token != NULL)
    cs_live_peer_set_resume_token (peer, self->resume_token);
  cs_live_session_apply_timeouts (self, peer);
  g_ptr_array_add (self->pending, peer);
  g_signal_connect (peer, "joined", G_CALLBACK (on_guest_joined), self);
  g_signal_connect (peer, "closed", G_CALLBACK (on_guest_closed), self);
}

static void
connect_once (CsLiveSession *self)
{
  self->connecting = TRUE;
  cs_live_join_async (self->join_link->url, self->join_link->fingerprint, self->cancellable,
                      connected_cb, g_object_ref (self));
}

void
cs_live_session_join_settled (CsLiveSession *self)
{
  if (self->join_cancel == NULL)
    return;
  g_source_destroy (self->join_cancel);
  g_clear_pointer (&self->join_cancel, g_source_unref);
}

/* The join was cancelled, whatever it was doing (connecting, the TLS or
 * WebSocket handshake, the hello): it finishes now, and the session ends
 * with its connections. */
static gboolean
join_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  CsLiveSession *self = data;
  g_autoptr(CsLiveSession) alive = g_object_ref (self);

  cs_live_session_join_settled (self);
  if (self->join_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->join_task);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Joining the live session was cancelled"));
      cs_live_session_finish (self, NULL,
                              g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("Joining the live session was cancelled")));
    }
  return G_SOURCE_REMOVE;
}

static void
watch_cancellable (CsLiveSession *self,
                   GCancellable  *cancellable)
{
  if (cancellable == NULL)
    return;
  self->join_cancel = g_cancellable_source_new (cancellable);
  g_source_set_callback (self->join_cancel, G_SOURCE_FUNC (join_cancelled_cb), self, NULL);
  g_source_attach (self->join_cancel, g_main_context_get_thread_default ());
}

static gboolean
reconnect_cb (gpointer data)
{
  CsLiveSession *self = data;
  guint seconds = (self->reconnect_limit_ms + 999) / 1000;

  if (g_get_monotonic_time () >= self->reconnect_deadline)
    {
      GError *error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "Could not reconnect to the live session within %u second",
                                                "Could not reconnect to the live session within %u seconds",
                                                seconds),
                                   seconds);

      self->reconnect_id = 0;
      cs_live_session_finish (self, NULL, error);
      return G_SOURCE_REMOVE;
    }
  if (!self->connecting && self->pending->len == 0)
    connect_once (self);
  return G_SOURCE_CONTINUE;
}

void
cs_live_session_guest_lost (CsLiveSession *self)
{
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->reconnect_deadline = g_get_monotonic_time () + (gint64) self->reconnect_limit_ms * 1000;
  self->reconnect_id = g_timeout_add (self->reconnect_interval_ms, reconnect_cb, self);
}

void
cs_live_session_join_async (const CsLiveLink    *link,
                            const char          *code,
                            const char          *name,
                            const char          *slide_sha256,
                            CsAnnotationList    *annotations,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(CsLiveSession) self = NULL;
  g_autofree char *normal = NULL;

  g_return_if_fail (link != NULL && link->url != NULL && link->fingerprint != NULL);
  g_return_if_fail (code != NULL && name != NULL && *name != '\0' && slide_sha256 != NULL);
  g_return_if_fail (CS_IS_ANNOTATION_LIST (annotations));

  self = cs_live_session_new_internal (CS_LIVE_ROLE_GUEST, name, slide_sha256, annotations);
  self->join_task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (self->join_task, cs_live_session_join_async);
  /* The task keeps the session alive until it is joined or refused. */
  g_task_set_task_data (self->join_task, g_object_ref (self), g_object_unref);
  normal = cs_live_auth_normalize_code (code);
  if (normal == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->join_task);

      g_task_return_new_error (task, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
                               _("“%s” is not a one-time code of a live session"), code);
      return;
    }
  self->join_link = g_new0 (CsLiveLink, 1);
  self->join_link->url = g_strdup (link->url);
  self->join_link->fingerprint = g_strdup (link->fingerprint);
  self->join_link->slide_sha256 = g_strdup (link->slide_sha256);
  self->join_link->server_url = g_strdup (link->server_url);
  self->join_link->study_uid = g_strdup (link->study_uid);
  self->join_code = g_strdup (code);
  self->fingerprint = g_strdup (link->fingerprint);
  self->state = CS_LIVE_STATE_CONNECTING;
  watch_cancellable (self, cancellable);
  connect_once (self);
}

CsLiveSession *
cs_live_session_join_finish (GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
