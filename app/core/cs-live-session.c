/* cs-live-session.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-session"

#include "config.h"

#include "cs-live-session-private.h"

/* The session object: its state and signals, the connection it holds,
 * and the messages other than annotations (view, pointer, ping, control,
 * bye). Host and guest specifics live in cs-live-session-host.c and
 * cs-live-session-join.c, annotations in cs-live-session-sync.c. */

G_DEFINE_FINAL_TYPE (CsLiveSession, cs_live_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_PEER_NAME,
  PROP_HAS_CONTROL,
  N_PROPS
};

enum
{
  SIGNAL_VIEW,
  SIGNAL_POINTER,
  SIGNAL_PING,
  SIGNAL_ANNOTATION_MERGED,
  SIGNAL_ANNOTATION_NOT_SHARED,
  SIGNAL_CODE,
  SIGNAL_ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
stop_timers (CsLiveSession *self)
{
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_handle_id (&self->code_timer_id, g_source_remove);
  g_clear_handle_id (&self->drain_id, g_source_remove);
  cs_live_motion_clear (&self->view_motion);
  cs_live_motion_clear (&self->pointer_motion);
}

static void
reap_dead_peers (CsLiveSession *self)
{
  g_clear_handle_id (&self->reap_id, g_source_remove);
  g_ptr_array_set_size (self->dead_peers, 0);
}

/* Disconnects from @peer and lets it go once the signal being emitted
 * (if any) is over. */
void
cs_live_session_bury_peer (CsLiveSession *self,
                           CsLivePeer    *peer)
{
  g_signal_handlers_disconnect_by_data (peer, self);
  g_ptr_array_add (self->dead_peers, g_object_ref (peer));
  if (self->reap_id == 0)
    self->reap_id = g_idle_add_once ((GSourceOnceFunc) reap_dead_peers, self);
}

/* Keeps the bytes of the connection before letting it go. */
static void
detach_peer (CsLiveSession *self)
{
  if (self->peer == NULL)
    return;
  self->bytes_sent_before += cs_live_peer_get_bytes_sent (self->peer);
  self->bytes_received_before += cs_live_peer_get_bytes_received (self->peer);
  cs_live_session_bury_peer (self, self->peer);
  g_clear_object (&self->peer);
}

static void
cs_live_session_dispose (GObject *object)
{
  CsLiveSession *self = CS_LIVE_SESSION (object);

  stop_timers (self);
  cs_live_session_join_settled (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  detach_peer (self);
  for (guint i = 0; self->pending != NULL && i < self->pending->len; i++)
    g_signal_handlers_disconnect_by_data (self->pending->pdata[i], self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  cs_live_session_host_dispose (self);
  cs_live_session_sync_clear (self);
  if (self->dead_peers != NULL)
    reap_dead_peers (self);
  G_OBJECT_CLASS (cs_live_session_parent_class)->dispose (object);
}

static void
cs_live_session_finalize (GObject *object)
{
  CsLiveSession *self = CS_LIVE_SESSION (object);

  g_ptr_array_unref (self->dead_peers);
  g_clear_pointer (&self->limiter, cs_live_rate_limiter_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->join_task);
  g_clear_pointer (&self->join_link, cs_live_link_free);
  g_free (self->join_code);
  g_free (self->name);
  g_free (self->peer_name);
  g_free (self->slide_sha256);
  g_free (self->fingerprint);
  g_free (self->bye_reason);
  g_free (self->resume_token);
  g_free (self->link);
  g_free (self->source_url);
  g_free (self->source_study);
  g_free (self->code);
  G_OBJECT_CLASS (cs_live_session_parent_class)->finalize (object);
}

static void
cs_live_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsLiveSession *self = CS_LIVE_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_PEER_NAME:
      g_value_set_string (value, self->peer_name);
      break;
    case PROP_HAS_CONTROL:
      g_value_set_boolean (value, self->has_control);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_live_session_class_init (CsLiveSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = cs_live_session_dispose;
  object_class->finalize = cs_live_session_finalize;
  object_class->get_property = cs_live_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CS_LIVE_STATE_WAITING, CS_LIVE_STATE_ENDED,
                      CS_LIVE_STATE_WAITING, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PEER_NAME] =
    g_param_spec_string ("peer-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_CONTROL] =
    g_param_spec_boolean ("has-control", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_VIEW] = g_signal_new ("view", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_POINTER] = g_signal_new ("pointer", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);
  signals[SIGNAL_PING] = g_signal_new ("ping", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 3, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_STRING);
  signals[SIGNAL_ANNOTATION_MERGED] =
    g_signal_new ("annotation-merged", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_ANNOTATION_NOT_SHARED] =
    g_signal_new ("annotation-not-shared", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_CODE] = g_signal_new ("code", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
  signals[SIGNAL_ENDED] = g_signal_new ("ended", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_POINTER);
}

static void
cs_live_session_init (CsLiveSession *self)
{
  self->keepalive_ms = CS_LIVE_KEEPALIVE_MS;
  self->timeout_ms = CS_LIVE_TIMEOUT_MS;
  self->reconnect_interval_ms = 1000;
  self->reconnect_limit_ms = CS_LIVE_RECONNECT_S * 1000;
  self->code_lifetime_s = CS_LIVE_CODE_LIFETIME_S;
  self->dead_peers = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

CsLiveSession *
cs_live_session_new_internal (CsLiveRole        role,
                              const char       *name,
                              const char       *slide_sha256,
                              CsAnnotationList *annotations)
{
  CsLiveSession *self = g_object_new (CS_TYPE_LIVE_SESSION, NULL);

  self->role = role;
  self->name = g_strdup (name);
  self->slide_sha256 = g_strdup (slide_sha256);
  self->annotations = g_object_ref (annotations);
  self->has_control = role == CS_LIVE_ROLE_HOST;
  cs_live_session_sync_init (self);
  return self;
}

void
cs_live_session_set_state (CsLiveSession *self,
                           CsLiveState    state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
cs_live_session_set_has_control (CsLiveSession *self,
                                 gboolean       has_control)
{
  if (self->has_control == has_control)
    return;
  self->has_control = has_control;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CONTROL]);
}

void
cs_live_session_apply_timeouts (CsLiveSession *self,
                                CsLivePeer    *peer)
{
  cs_live_peer_set_keepalive (peer, self->keepalive_ms, self->timeout_ms);
}

void
cs_live_session_finish (CsLiveSession *self,
                        const char    *reason,
                        GError        *error)
{
  g_autoptr(GError) owned = error;
  g_autoptr(CsLiveSession) alive = g_object_ref (self);

  if (self->state == CS_LIVE_STATE_ENDED)
    return;
  stop_timers (self);
  cs_live_session_join_settled (self);
  g_cancellable_cancel (self->cancellable);
  detach_peer (self);
  for (guint i = 0; i < self->pending->len; i++)
    cs_live_session_bury_peer (self, self->pending->pdata[i]);
  g_ptr_array_set_size (self->pending, 0);
  cs_live_session_host_dispose (self);
  /* The list goes on without the session. */
  g_clear_signal_handler (&self->changed_id, self->annotations);
  cs_live_session_set_state (self, CS_LIVE_STATE_ENDED);
  g_signal_emit (self, signals[SIGNAL_ENDED], 0, reason, owned);
}

/* ---- Messages from the peer ---------------------------------------------- */

static void
take_control (CsLiveSession       *self,
              const CsLiveMessage *message)
{
  /* The views of the new driver count from their own start. */
  self->view_seq = 0;
  cs_live_session_set_has_control (self, message->role == self->role);
}

static void
on_peer_message (CsLivePeer          *peer,
                 const CsLiveMessage *message,
                 CsLiveSession       *self)
{
  CsLiveView view;

  switch (message->type)
    {
    case CS_LIVE_MESSAGE_VIEW:
      /* Only the driver's views count; a late one of the former driver
       * is dropped. */
      if (self->has_control)
        break;
      view = (CsLiveView) { message->x, message->y, message->zoom, message->rotation };
      g_signal_emit (self, signals[SIGNAL_VIEW], 0, &view);
      break;
    case CS_LIVE_MESSAGE_POINTER:
      g_signal_emit (self, signals[SIGNAL_POINTER], 0, message->x, message->y, message->visible);
      break;
    case CS_LIVE_MESSAGE_PING:
      g_signal_emit (self, signals[SIGNAL_PING], 0, message->x, message->y, message->note);
      break;
    case CS_LIVE_MESSAGE_CONTROL:
      take_control (self, message);
      break;
    case CS_LIVE_MESSAGE_ANNOTATION_UPSERT:
    case CS_LIVE_MESSAGE_ANNOTATION_DELETE:
      cs_live_session_sync_receive (self, message);
      break;
    case CS_LIVE_MESSAGE_ANNOTATION_BATCH:
      for (guint i = 0; i < message->changes->len; i++)
        cs_live_session_sync_receive (self, message->changes->pdata[i]);
      break;
    case CS_LIVE_MESSAGE_BYE:
      g_free (self->bye_reason);
      self->bye_reason = g_strdup (message->reason);
      break;
    case CS_LIVE_MESSAGE_HELLO:
    case CS_LIVE_MESSAGE_WELCOME:
    case CS_LIVE_MESSAGE_REFUSE:
    case CS_LIVE_MESSAGE_KEEPALIVE:
    default:
      break;
    }
}

static void
on_peer_closed (CsLivePeer    *peer,
                const GError  *error,
                CsLiveSession *self)
{
  g_autoptr(CsLiveSession) alive = g_object_ref (self);

  if (peer != self->peer)
    return;
  if (error == NULL)
    {
      cs_live_session_finish (self, self->bye_reason, NULL);
      return;
    }
  /* A hostile or refused message ends the session; a lost link does not. */
  if (error->domain == CS_LIVE_ERROR)
    {
      cs_live_session_finish (self, NULL, g_error_copy (error));
      return;
    }
  detach_peer (self);
  cs_live_session_set_state (self, CS_LIVE_STATE_RECONNECTING);
  if (self->role == CS_LIVE_ROLE_HOST)
    cs_live_session_host_lost (self);
  else
    cs_live_session_guest_lost (self);
}

/* The host says who drives on every (re)join: a hand-over lost with the
 * link would otherwise leave both sides, or neither, driving. */
static void
restate_control (CsLiveSession *self)
{
  g_autoptr(CsLiveMessage) message = cs_live_message_new (CS_LIVE_MESSAGE_CONTROL);
  g_autoptr(GError) error = NULL;

  message->role = self->has_control ? CS_LIVE_ROLE_HOST : CS_LIVE_ROLE_GUEST;
  if (!cs_live_peer_send (self->peer, message, &error))
    g_debug ("Control not restated: %s", error->message);
}

void
cs_live_session_attach_peer (CsLiveSession *self,
                             CsLivePeer    *peer)
{
  g_autoptr(CsLivePeer) held = g_object_ref (peer);

  g_signal_handlers_disconnect_by_data (peer, self);
  detach_peer (self);
  self->peer = g_steal_pointer (&held);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_signal_connect (peer, "message", G_CALLBACK (on_peer_message), self);
  g_signal_connect (peer, "closed", G_CALLBACK (on_peer_closed), self);
  g_free (self->resume_token);
  self->resume_token = g_strdup (cs_live_peer_get_resume_token (peer));
  if (g_strcmp0 (self->peer_name, cs_live_peer_get_peer_name (peer)) != 0)
    {
      g_free (self->peer_name);
      self->peer_name = g_strdup (cs_live_peer_get_peer_name (peer));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEER_NAME]);
    }
  cs_live_session_set_state (self, CS_LIVE_STATE_JOINED);
  if (self->role == CS_LIVE_ROLE_HOST)
    restate_control (self);
  cs_live_session_sync_all (self);
}

void
cs_live_session_emit_merged (CsLiveSession *self,
                             const char    *uuid,
                             const char    *author)
{
  g_signal_emit (self, signals[SIGNAL_ANNOTATION_MERGED], 0, uuid, author);
}

void
cs_live_session_emit_not_shared (CsLiveSession *self,
                                 const char    *uuid,
                                 const char    *reason)
{
  g_signal_emit (self, signals[SIGNAL_ANNOTATION_NOT_SHARED], 0, uuid, reason);
}

void
cs_live_session_emit_code (CsLiveSession *self)
{
  g_signal_emit (self, signals[SIGNAL_CODE], 0);
}

/* ---- Public ---------------------------------------------------------------- */

CsLiveRole
cs_live_session_get_role (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), CS_LIVE_ROLE_HOST);

  return self->role;
}

CsLiveState
cs_live_session_get_state (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), CS_LIVE_STATE_ENDED);

  return self->state;
}

const char *
cs_live_session_get_name (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), NULL);

  return self->name;
}

const char *
cs_live_session_get_peer_name (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), NULL);

  return self->peer_name;
}

const char *
cs_live_session_get_fingerprint (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), NULL);

  return self->fingerprint;
}

gboolean
cs_live_session_has_control (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), FALSE);

  return self->has_control;
}

guint64
cs_live_session_get_bytes_sent (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), 0);

  return self->bytes_sent_before + (self->peer != NULL ? cs_live_peer_get_bytes_sent (self->peer) : 0);
}

guint64
cs_live_session_get_bytes_received (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), 0);

  return self->bytes_received_before
         + (self->peer != NULL ? cs_live_peer_get_bytes_received (self->peer) : 0);
}
