/* cs-live-transport.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-transport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-live-auth.h"
#include "cs-live-message.h"
#include "cs-live-transport.h"

/* The host's server and the guest's connection.
 *
 * The host accepts connections itself (a GSocketService), does the TLS
 * handshake and hands the TLS stream to a SoupServer: libsoup keeps a
 * connection that never sends a request for ever, so each is given
 * CS_LIVE_UPGRADE_TIMEOUT_S to become a WebSocket, and at most
 * CS_LIVE_MAX_UPGRADES may be on their way at once. */

typedef struct
{
  CsLiveAcceptFunc  accept;
  gpointer          user_data;
  GTlsCertificate  *certificate;
  SoupServer       *server;     /* owns the listener */
  GSocketService   *service;
  GPtrArray        *upgrading;  /* Upgrade* */
  guint             upgrade_timeout_s;
} Listener;

typedef struct
{
  Listener          *listener;
  GSocketConnection *connection;
  GSocketAddress    *remote;
  guint              timer_id;
} Upgrade;

static void
upgrade_free (gpointer data)
{
  Upgrade *upgrade = data;

  g_clear_handle_id (&upgrade->timer_id, g_source_remove);
  g_object_unref (upgrade->connection);
  g_object_unref (upgrade->remote);
  g_free (upgrade);
}

static void
listener_free (gpointer data)
{
  Listener *listener = data;

  g_signal_handlers_disconnect_by_data (listener->service, listener);
  g_socket_service_stop (listener->service);
  g_socket_listener_close (G_SOCKET_LISTENER (listener->service));
  g_object_unref (listener->service);
  g_ptr_array_unref (listener->upgrading);
  g_object_unref (listener->certificate);
  g_free (listener);
}

/* Too slow: the socket is shut down, and libsoup, reading nothing more,
 * lets the connection go. */
static gboolean
upgrade_timeout_cb (gpointer data)
{
  Upgrade *upgrade = data;
  GSocket *socket = g_socket_connection_get_socket (upgrade->connection);

  upgrade->timer_id = 0;
  g_debug ("Live connection closed: no WebSocket in time");
  if (!g_socket_is_closed (socket))
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  g_ptr_array_remove (upgrade->listener->upgrading, upgrade);
  return G_SOURCE_REMOVE;
}

/* Forgets the connections libsoup has closed already. */
static void
prune_upgrading (Listener *listener)
{
  for (guint i = listener->upgrading->len; i-- > 0;)
    {
      Upgrade *upgrade = listener->upgrading->pdata[i];

      if (g_socket_is_closed (g_socket_connection_get_socket (upgrade->connection)))
        g_ptr_array_remove_index_fast (listener->upgrading, i);
    }
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             Listener          *listener)
{
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;
  Upgrade *upgrade;

  prune_upgrading (listener);
  if (listener->upgrading->len >= CS_LIVE_MAX_UPGRADES)
    {
      g_debug ("Live connection refused: %u others are on their way", listener->upgrading->len);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  if (local != NULL && remote != NULL)
    tls = g_tls_server_connection_new (G_IO_STREAM (connection), listener->certificate, &error);
  if (tls == NULL || !soup_server_accept_iostream (listener->server, tls, local, remote, &error))
    {
      g_debug ("Live connection not accepted: %s", error != NULL ? error->message : "no address");
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  upgrade = g_new0 (Upgrade, 1);
  upgrade->listener = listener;
  upgrade->connection = g_object_ref (connection);
  upgrade->remote = g_steal_pointer (&remote);
  upgrade->timer_id = g_timeout_add_seconds (listener->upgrade_timeout_s, upgrade_timeout_cb, upgrade);
  g_ptr_array_add (listener->upgrading, upgrade);
  return TRUE;
}

static gboolean
same_address (GSocketAddress *a,
              GSocketAddress *b)
{
  if (!G_IS_INET_SOCKET_ADDRESS (a) || !G_IS_INET_SOCKET_ADDRESS (b))
    return FALSE;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (a))
           == g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (b))
         && g_inet_address_equal (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (a)),
                                  g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (b)));
}

/* The connection of @message has become a WebSocket: no more deadline. */
static void
upgraded (Listener          *listener,
          SoupServerMessage *message)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (message);

  for (guint i = 0; i < listener->upgrading->len; i++)
    if (same_address (((Upgrade *) listener->upgrading->pdata[i])->remote, remote))
      {
        g_ptr_array_remove_index_fast (listener->upgrading, i);
        return;
      }
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *message,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 data)
{
  Listener *listener = data;

  upgraded (listener, message);
  listener->accept (connection, listener->user_data);
}

static gboolean
listen_port (GSocketListener *listener,
             guint            port,
             guint           *out_port,
             GError         **error)
{
  if (port == 0)
    {
      *out_port = g_socket_listener_add_any_inet_port (listener, NULL, error);
      return *out_port != 0;
    }
  *out_port = port;
  return g_socket_listener_add_inet_port (listener, port, NULL, error);
}

SoupServer *
cs_live_host_listen (GTlsCertificate  *certificate,
                     guint             port,
                     CsLiveAcceptFunc  accept,
                     gpointer          user_data,
                     guint            *out_port,
                     GError          **error)
{
  g_autoptr(SoupServer) server = NULL;
  Listener *listener;
  guint actual = 0;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (accept != NULL, NULL);
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);

  server = soup_server_new (NULL, NULL);
  listener = g_new0 (Listener, 1);
  listener->accept = accept;
  listener->user_data = user_data;
  listener->certificate = g_object_ref (certificate);
  listener->server = server;
  listener->service = g_socket_service_new ();
  listener->upgrading = g_ptr_array_new_with_free_func (upgrade_free);
  listener->upgrade_timeout_s = CS_LIVE_UPGRADE_TIMEOUT_S;
  g_object_set_data_full (G_OBJECT (server), "cs-live-listener", listener, listener_free);
  soup_server_add_websocket_handler (server, CS_LIVE_PATH, NULL, NULL, on_websocket, listener, NULL);
  if (!listen_port (G_SOCKET_LISTENER (listener->service), port, &actual, error))
    return NULL;
  g_signal_connect (listener->service, "incoming", G_CALLBACK (on_incoming), listener);
  g_socket_service_start (listener->service);
  if (out_port != NULL)
    *out_port = actual;
  return g_steal_pointer (&server);
}

void
cs_live_host_set_upgrade_timeout (SoupServer *server,
                                  guint       seconds)
{
  Listener *listener;

  g_return_if_fail (SOUP_IS_SERVER (server));
  g_return_if_fail (seconds > 0);

  listener = g_object_get_data (G_OBJECT (server), "cs-live-listener");
  g_return_if_fail (listener != NULL);
  listener->upgrade_timeout_s = seconds;
}

typedef struct
{
  char    *fingerprint;
  gboolean mismatch;
} JoinData;

static void
join_data_free (gpointer user_data)
{
  JoinData *data = user_data;

  g_free (data->fingerprint);
  g_free (data);
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       JoinData             *data)
{
  g_autofree char *fingerprint = cs_live_auth_fingerprint (certificate);

  if (fingerprint != NULL && cs_live_auth_equal (fingerprint, data->fingerprint))
    return TRUE;
  data->mismatch = TRUE;
  return FALSE;
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JoinData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (connection != NULL)
    g_task_return_pointer (task, connection, g_object_unref);
  else if (data->mismatch)
    g_task_return_new_error (task, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
                             _("The host’s certificate fingerprint differs from the one given: "
                               "this is not the host you were invited by"));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
cs_live_join_async (const char          *url,
                    const char          *fingerprint,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  JoinData *data;

  g_return_if_fail (url != NULL && fingerprint != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_live_join_async);
  message = soup_message_new ("GET", url);
  if (message == NULL || !g_str_has_prefix (url, "wss://"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a live session link (wss://…)"), url);
      return;
    }
  data = g_new0 (JoinData, 1);
  data->fingerprint = g_strdup (fingerprint);
  g_task_set_task_data (task, data, join_data_free);
  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_accept_certificate), data);
  soup_session_websocket_connect_async (session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        cancellable, on_connected, g_steal_pointer (&task));
}

SoupWebsocketConnection *
cs_live_join_finish (GAsyncResult *result,
                     GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
