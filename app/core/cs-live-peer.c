/* cs-live-peer.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-peer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-live-auth.h"
#include "cs-live-peer.h"
#include "cs-slide-identity.h"

/* The handshake and the checks on every incoming message. */

typedef enum
{
  STATE_AWAIT_HELLO,
  STATE_AWAIT_WELCOME,
  STATE_JOINED,
  STATE_CLOSED,
} State;

struct _CsLivePeer
{
  GObject                  parent_instance;

  SoupWebsocketConnection *connection;
  CsLiveRateLimiter       *limiter;
  CsLiveRole               role;
  State                    state;
  char                    *name;
  char                    *slide_sha256;
  char                    *code;
  char                    *nonce;
  char                    *peer_name;
  char                    *resume_token;
  CsLivePeerCheckFunc      check;
  gpointer                 check_data;
  guint64                  bytes_sent;
  guint64                  bytes_received;
  GError                  *close_error;
  guint                    keepalive_ms;
  guint                    timeout_ms;
  gint64                   last_sent;
  gint64                   last_received;
  guint                    tick_id;
};

G_DEFINE_FINAL_TYPE (CsLivePeer, cs_live_peer, G_TYPE_OBJECT)

enum
{
  SIGNAL_JOINED,
  SIGNAL_MESSAGE,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_live_peer_dispose (GObject *object)
{
  CsLivePeer *self = CS_LIVE_PEER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->connection);
    }
  G_OBJECT_CLASS (cs_live_peer_parent_class)->dispose (object);
}

static void
cs_live_peer_finalize (GObject *object)
{
  CsLivePeer *self = CS_LIVE_PEER (object);

  cs_live_rate_limiter_free (self->limiter);
  g_free (self->name);
  g_free (self->slide_sha256);
  g_free (self->code);
  g_free (self->nonce);
  g_free (self->peer_name);
  g_free (self->resume_token);
  g_clear_error (&self->close_error);
  G_OBJECT_CLASS (cs_live_peer_parent_class)->finalize (object);
}

static void
cs_live_peer_class_init (CsLivePeerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_live_peer_dispose;
  object_class->finalize = cs_live_peer_finalize;

  /* The handshake succeeded. */
  signals[SIGNAL_JOINED] = g_signal_new ("joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A valid message after the handshake (a CsLiveMessage, borrowed). */
  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* The connection ended; the GError (or NULL) says why. */
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
cs_live_peer_init (CsLivePeer *self)
{
  self->limiter = cs_live_rate_limiter_new ();
  self->keepalive_ms = CS_LIVE_KEEPALIVE_MS;
  self->timeout_ms = CS_LIVE_TIMEOUT_MS;
}

/* A connection already closing (the other side's close answered, a lost
 * link) must not be closed again. */
static void
close_if_open (CsLivePeer *self,
               gushort     code)
{
  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, code, NULL);
}

static gboolean
send_message (CsLivePeer          *self,
              const CsLiveMessage *message,
              GError             **error)
{
  g_autofree char *json = NULL;

  /* Closing (a lost link, before "closed"): nothing can be sent. */
  if (soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                   _("The connection to the other side is closing"));
      return FALSE;
    }
  json = cs_live_message_to_json (message, error);
  if (json == NULL)
    return FALSE;
  soup_websocket_connection_send_text (self->connection, json);
  self->bytes_sent += strlen (json);
  self->last_sent = g_get_monotonic_time ();
  return TRUE;
}

/* Ends the session because of @error (taken), telling the other side
 * when @tell is set. */
static void
fail (CsLivePeer *self,
      GError     *error,
      gboolean    tell)
{
  g_return_if_fail (error != NULL);

  if (self->state == STATE_CLOSED)
    {
      g_error_free (error);
      return;
    }
  if (tell && soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_autoptr(CsLiveMessage) refuse = cs_live_message_new (CS_LIVE_MESSAGE_REFUSE);

      refuse->reason = g_utf8_make_valid (error->message, MIN (strlen (error->message), CS_LIVE_TEXT_MAX - 4));
      send_message (self, refuse, NULL);
      soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
    }
  self->state = STATE_CLOSED;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->close_error = error;
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0, self->close_error);
}

static gboolean
tick_cb (gpointer data)
{
  CsLivePeer *self = data;
  gint64 now = g_get_monotonic_time ();

  if (self->timeout_ms > 0 && now - self->last_received >= (gint64) self->timeout_ms * 1000)
    {
      g_autoptr(CsLivePeer) alive = g_object_ref (self);
      guint seconds = (self->timeout_ms + 999) / 1000;

      self->tick_id = 0;
      fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "No word from the other side for %u second: the connection is lost",
                                            "No word from the other side for %u seconds: the connection is lost",
                                            seconds),
                               seconds),
            FALSE);
      if (self->connection != NULL
          && soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      return G_SOURCE_REMOVE;
    }
  if (self->state == STATE_JOINED && self->keepalive_ms > 0
      && now - self->last_sent >= (gint64) self->keepalive_ms * 1000)
    {
      g_autoptr(CsLiveMessage) keepalive = cs_live_message_new (CS_LIVE_MESSAGE_KEEPALIVE);

      send_message (self, keepalive, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
restart_tick (CsLivePeer *self)
{
  guint period = MIN (self->keepalive_ms > 0 ? self->keepalive_ms : G_MAXUINT,
                      self->timeout_ms > 0 ? self->timeout_ms : G_MAXUINT);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->state != STATE_CLOSED && period < G_MAXUINT)
    self->tick_id = g_timeout_add (MAX (period / 4, 10), tick_cb, self);
}

static void
join (CsLivePeer          *self,
      const CsLiveMessage *message)
{
  self->peer_name = g_strdup (message->name);
  self->state = STATE_JOINED;
  /* Proven: annotations (large freehand outlines, a batch) may come. */
  soup_websocket_connection_set_max_incoming_payload_size (self->connection, CS_LIVE_ANNOTATION_MAX_SIZE);
  g_signal_emit (self, signals[SIGNAL_JOINED], 0);
}

/* The first digits of a slide identity, as people compare them. */
#define SHORT_IDENTITY 12

static gboolean
check_slide (CsLivePeer          *self,
             const CsLiveMessage *hello,
             GError             **error)
{
  const char *host = self->role == CS_LIVE_ROLE_HOST ? self->slide_sha256 : hello->slide_sha256;
  const char *guest = self->role == CS_LIVE_ROLE_HOST ? hello->slide_sha256 : self->slide_sha256;

  if (g_str_equal (hello->slide_sha256, self->slide_sha256))
    return TRUE;
  /* A series is named whole: its UID's last digits tell series apart. */
  if (cs_slide_identity_is_remote (host) || cs_slide_identity_is_remote (guest))
    g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
                 _("The other side has opened a different slide: the session’s slide is %s, "
                   "the guest’s is %s"),
                 host, guest);
  else
    g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
                 _("The other side has opened a different slide: the session’s slide is %.*s…, "
                   "the guest’s is %.*s…"),
                 SHORT_IDENTITY, host, SHORT_IDENTITY, guest);
  return FALSE;
}

static gboolean
check_role (const CsLiveMessage *hello,
            CsLiveRole           expected,
            GError             **error)
{
  if (hello->role == expected)
    return TRUE;
  g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
               expected == CS_LIVE_ROLE_GUEST ? _("The other side also hosts a live session")
                                              : _("The other side also joins as a guest"));
  return FALSE;
}

/* The host's check of the guest's hello, and its answer. */
static gboolean
host_take_hello (CsLivePeer          *self,
                 const CsLiveMessage *hello,
                 GError             **error)
{
  g_autoptr(CsLiveMessage) welcome = cs_live_message_new (CS_LIVE_MESSAGE_WELCOME);

  if (!check_role (hello, CS_LIVE_ROLE_GUEST, error))
    return FALSE;
  if (self->check != NULL)
    {
      if (!self->check (self, hello, self->nonce, self->check_data, error))
        return FALSE;
    }
  else if (hello->proof == NULL)
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
                   _("This live session cannot be resumed"));
      return FALSE;
    }
  else if (!cs_live_auth_check_proof (self->code, self->nonce, hello->proof, error))
    return FALSE;
  if (!check_slide (self, hello, error))
    return FALSE;
  welcome->name = g_strdup (self->name);
  welcome->resume = g_strdup (self->resume_token);
  if (!send_message (self, welcome, error))
    return FALSE;
  join (self, hello);
  return TRUE;
}

/* The guest's answer to the host's hello. */
static gboolean
guest_take_hello (CsLivePeer          *self,
                  const CsLiveMessage *hello,
                  GError             **error)
{
  g_autoptr(CsLiveMessage) answer = cs_live_message_new (CS_LIVE_MESSAGE_HELLO);

  if (!check_role (hello, CS_LIVE_ROLE_HOST, error) || !check_slide (self, hello, error))
    return FALSE;
  answer->name = g_strdup (self->name);
  answer->role = CS_LIVE_ROLE_GUEST;
  answer->slide_sha256 = g_strdup (self->slide_sha256);
  if (self->resume_token != NULL)
    answer->resume = cs_live_auth_resume_proof (self->resume_token, hello->nonce);
  else
    answer->proof = cs_live_auth_proof (self->code, hello->nonce);
  if (answer->proof == NULL && answer->resume == NULL)
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
                   _("The one-time code given to join the live session is wrong"));
      return FALSE;
    }
  self->state = STATE_AWAIT_WELCOME;
  return send_message (self, answer, error);
}

static gboolean
take_message (CsLivePeer          *self,
              const CsLiveMessage *message,
              GError             **error)
{
  if (message->type == CS_LIVE_MESSAGE_REFUSE)
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
                   _("The other side refused: %s"), message->reason);
      return FALSE;
    }
  if (self->state == STATE_AWAIT_HELLO && message->type == CS_LIVE_MESSAGE_HELLO)
    return self->role == CS_LIVE_ROLE_HOST ? host_take_hello (self, message, error)
                                           : guest_take_hello (self, message, error);
  if (self->state == STATE_AWAIT_WELCOME && message->type == CS_LIVE_MESSAGE_WELCOME)
    {
      g_free (self->resume_token);
      self->resume_token = g_strdup (message->resume);
      join (self, message);
      return TRUE;
    }
  if (self->state == STATE_JOINED && message->type != CS_LIVE_MESSAGE_HELLO
      && message->type != CS_LIVE_MESSAGE_WELCOME)
    {
      if (message->type != CS_LIVE_MESSAGE_KEEPALIVE)
        g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, message);
      return TRUE;
    }
  g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
               _("The other side sent a “%s” message out of turn"),
               cs_live_message_type_to_string (message->type));
  return FALSE;
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *bytes,
            CsLivePeer              *self)
{
  g_autoptr(CsLiveMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  /* A handler of ours may drop the last reference. */
  g_autoptr(CsLivePeer) alive = g_object_ref (self);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (self->state == STATE_CLOSED)
    return;
  self->bytes_received += size;
  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      fail (self, g_error_new (CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
                               _("The other side sent binary data, which live sessions never use")),
            TRUE);
      return;
    }
  message = cs_live_message_parse (data, size, &error);
  if (message == NULL
      || !cs_live_rate_limiter_take_message (self->limiter, message, g_get_monotonic_time (), &error)
      || !take_message (self, message, &error))
    fail (self, g_steal_pointer (&error), message == NULL || message->type != CS_LIVE_MESSAGE_REFUSE);
  else
    self->last_received = g_get_monotonic_time ();
  if (message != NULL && message->type == CS_LIVE_MESSAGE_BYE && self->state != STATE_CLOSED)
    {
      close_if_open (self, SOUP_WEBSOCKET_CLOSE_NORMAL);
      self->state = STATE_CLOSED;
      g_clear_handle_id (&self->tick_id, g_source_remove);
      g_signal_emit (self, signals[SIGNAL_CLOSED], 0, NULL);
    }
}

static void
on_closed (SoupWebsocketConnection *connection,
           CsLivePeer              *self)
{
  if (self->state == STATE_CLOSED)
    return;
  self->state = STATE_CLOSED;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (soup_websocket_connection_get_close_code (connection) == SOUP_WEBSOCKET_CLOSE_NORMAL)
    {
      g_signal_emit (self, signals[SIGNAL_CLOSED], 0, NULL);
      return;
    }
  self->close_error = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                   _("The connection to the other side was lost"));
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0, self->close_error);
}

static CsLivePeer *
peer_new (SoupWebsocketConnection *connection,
          CsLiveRole               role,
          const char              *name,
          const char              *slide_sha256,
          const char              *code)
{
  CsLivePeer *self = g_object_new (CS_TYPE_LIVE_PEER, NULL);

  self->connection = g_object_ref (connection);
  self->role = role;
  self->name = g_strdup (name);
  self->slide_sha256 = g_strdup (slide_sha256);
  self->code = g_strdup (code);
  /* Until the handshake, only the small hello, welcome or refuse may
   * come: a larger frame is not even buffered. */
  soup_websocket_connection_set_max_incoming_payload_size (connection, CS_LIVE_MESSAGE_MAX_SIZE);
  /* The handshake, too, must finish within the timeout. */
  self->last_received = g_get_monotonic_time ();
  restart_tick (self);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), self);
  return self;
}

CsLivePeer *
cs_live_peer_new_host (SoupWebsocketConnection *connection,
                       const char              *name,
                       const char              *slide_sha256,
                       const char              *code)
{
  g_autoptr(CsLiveMessage) hello = cs_live_message_new (CS_LIVE_MESSAGE_HELLO);
  g_autoptr(GError) error = NULL;
  CsLivePeer *self;

  g_return_val_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection), NULL);
  g_return_val_if_fail (name != NULL && slide_sha256 != NULL && code != NULL, NULL);

  self = peer_new (connection, CS_LIVE_ROLE_HOST, name, slide_sha256, code);
  self->nonce = cs_live_auth_new_nonce ();
  self->resume_token = cs_live_auth_new_nonce ();
  hello->name = g_strdup (name);
  hello->role = CS_LIVE_ROLE_HOST;
  hello->slide_sha256 = g_strdup (slide_sha256);
  hello->nonce = g_strdup (self->nonce);
  if (!send_message (self, hello, &error))
    fail (self, g_steal_pointer (&error), FALSE);
  return self;
}

CsLivePeer *
cs_live_peer_new_guest (SoupWebsocketConnection *connection,
                        const char              *name,
                        const char              *slide_sha256,
                        const char              *code)
{
  g_return_val_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection), NULL);
  g_return_val_if_fail (name != NULL && slide_sha256 != NULL && code != NULL, NULL);

  return peer_new (connection, CS_LIVE_ROLE_GUEST, name, slide_sha256, code);
}

gboolean
cs_live_peer_is_joined (CsLivePeer *self)
{
  g_return_val_if_fail (CS_IS_LIVE_PEER (self), FALSE);

  return self->state == STATE_JOINED;
}

const char *
cs_live_peer_get_peer_name (CsLivePeer *self)
{
  g_return_val_if_fail (CS_IS_LIVE_PEER (self), NULL);

  return self->peer_name;
}

gboolean
cs_live_peer_send (CsLivePeer          *self,
                   const CsLiveMessage *message,
                   GError             **error)
{
  g_return_val_if_fail (CS_IS_LIVE_PEER (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (self->state != STATE_JOINED)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                   _("The live session is not connected"));
      return FALSE;
    }
  return send_message (self, message, error);
}

void
cs_live_peer_close (CsLivePeer *self,
                    const char *reason)
{
  g_autoptr(CsLiveMessage) bye = cs_live_message_new (CS_LIVE_MESSAGE_BYE);

  g_return_if_fail (CS_IS_LIVE_PEER (self));

  if (self->state == STATE_CLOSED)
    return;
  bye->reason = g_strdup (reason);
  send_message (self, bye, NULL);
  self->state = STATE_CLOSED;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  close_if_open (self, SOUP_WEBSOCKET_CLOSE_NORMAL);
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0, NULL);
}

void
cs_live_peer_set_keepalive (CsLivePeer *self,
                            guint       interval_ms,
                            guint       timeout_ms)
{
  g_return_if_fail (CS_IS_LIVE_PEER (self));

  self->keepalive_ms = interval_ms;
  self->timeout_ms = timeout_ms;
  restart_tick (self);
}

void
cs_live_peer_set_host_check (CsLivePeer          *self,
                             CsLivePeerCheckFunc  check,
                             gpointer             user_data)
{
  g_return_if_fail (CS_IS_LIVE_PEER (self));
  g_return_if_fail (self->role == CS_LIVE_ROLE_HOST);

  self->check = check;
  self->check_data = user_data;
}

void
cs_live_peer_set_resume_token (CsLivePeer *self,
                               const char *token)
{
  g_return_if_fail (CS_IS_LIVE_PEER (self));
  g_return_if_fail (self->role == CS_LIVE_ROLE_GUEST);
  g_return_if_fail (self->state == STATE_AWAIT_HELLO);

  g_free (self->resume_token);
  self->resume_token = g_strdup (token);
}

const char *
cs_live_peer_get_resume_token (CsLivePeer *self)
{
  g_return_val_if_fail (CS_IS_LIVE_PEER (self), NULL);

  return self->resume_token;
}

guint64
cs_live_peer_get_bytes_sent (CsLivePeer *self)
{
  g_return_val_if_fail (CS_IS_LIVE_PEER (self), 0);

  return self->bytes_sent;
}

guint64
cs_live_peer_get_bytes_received (CsLivePeer *self)
{
  g_return_val_if_fail (CS_IS_LIVE_PEER (self), 0);

  return self->bytes_received;
}
