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

/* The host's server and the guest's connection. */

typedef struct
{
  CsLiveAcceptFunc accept;
  gpointer         user_data;
} Handler;

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *message,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 data)
{
  Handler *handler = data;

  handler->accept (connection, handler->user_data);
}

static guint
listening_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint port = uris != NULL ? (guint) g_uri_get_port (uris->data) : 0;

  for (GSList *l = uris; l != NULL; l = l->next)
    g_uri_unref (l->data);
  g_slist_free (uris);
  return port;
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
  Handler *handler;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (accept != NULL, NULL);
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  handler = g_new0 (Handler, 1);
  handler->accept = accept;
  handler->user_data = user_data;
  soup_server_add_websocket_handler (server, CS_LIVE_PATH, NULL, NULL, on_websocket, handler, g_free);
  if (!soup_server_listen_all (server, port, SOUP_SERVER_LISTEN_HTTPS, error))
    return NULL;
  if (out_port != NULL)
    *out_port = listening_port (server);
  return g_steal_pointer (&server);
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
