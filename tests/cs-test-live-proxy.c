/* cs-test-live-proxy.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-live-proxy.h"

/* Each accepted connection is connected to the target, then the two are
 * spliced (g_io_stream_splice_async); a cut cancels every splice and
 * closes both streams. A pair stays listed until its splice finishes. */

typedef struct
{
  CsTestLiveProxy   *proxy;
  GSocketConnection *inbound;
  GSocketConnection *outbound;
  GCancellable      *cancellable;
} Pair;

struct _CsTestLiveProxy
{
  GSocketService *service;
  GSocketClient  *client;
  guint           target_port;
  guint           port;
  gboolean        blocked;
  guint           n_accepted;
  GPtrArray      *pairs;      /* Pair*, borrowed: each frees itself */
};

static void
pair_free (Pair *pair)
{
  g_ptr_array_remove (pair->proxy->pairs, pair);
  g_clear_object (&pair->inbound);
  g_clear_object (&pair->outbound);
  g_clear_object (&pair->cancellable);
  g_free (pair);
}

static void
pair_close (Pair *pair)
{
  g_cancellable_cancel (pair->cancellable);
  if (pair->inbound != NULL)
    g_io_stream_close (G_IO_STREAM (pair->inbound), NULL, NULL);
  if (pair->outbound != NULL)
    g_io_stream_close (G_IO_STREAM (pair->outbound), NULL, NULL);
}

static void
spliced_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pair *pair = user_data;

  g_io_stream_splice_finish (result, NULL);
  pair_close (pair);
  pair_free (pair);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pair *pair = user_data;

  pair->outbound = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, NULL);
  if (pair->outbound == NULL || g_cancellable_is_cancelled (pair->cancellable))
    {
      pair_close (pair);
      pair_free (pair);
      return;
    }
  g_io_stream_splice_async (G_IO_STREAM (pair->inbound), G_IO_STREAM (pair->outbound),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, pair->cancellable, spliced_cb, pair);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  CsTestLiveProxy *self = user_data;
  Pair *pair;

  self->n_accepted++;
  if (self->blocked)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  pair = g_new0 (Pair, 1);
  pair->proxy = self;
  pair->inbound = g_object_ref (connection);
  pair->cancellable = g_cancellable_new ();
  g_ptr_array_add (self->pairs, pair);
  g_socket_client_connect_to_host_async (self->client, "127.0.0.1", self->target_port,
                                         pair->cancellable, connected_cb, pair);
  return TRUE;
}

CsTestLiveProxy *
cs_test_live_proxy_new (guint    target_port,
                        GError **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  CsTestLiveProxy *self = g_new0 (CsTestLiveProxy, 1);

  self->target_port = target_port;
  self->pairs = g_ptr_array_new ();
  self->client = g_socket_client_new ();
  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, &effective, error))
    {
      cs_test_live_proxy_free (self);
      return NULL;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);
  return self;
}

void
cs_test_live_proxy_cut (CsTestLiveProxy *self)
{
  g_return_if_fail (self != NULL);

  /* Each pair frees itself when its splice or connection finishes. */
  for (guint i = 0; i < self->pairs->len; i++)
    pair_close (self->pairs->pdata[i]);
}

void
cs_test_live_proxy_free (CsTestLiveProxy *self)
{
  if (self == NULL)
    return;
  /* Cancelled operations always finish: wait for them, so that nothing
   * of the proxy outlives it. */
  cs_test_live_proxy_cut (self);
  while (self->pairs->len > 0)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  g_ptr_array_unref (self->pairs);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_object_unref (self->service);
  g_object_unref (self->client);
  g_free (self);
}

guint
cs_test_live_proxy_get_port (CsTestLiveProxy *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

void
cs_test_live_proxy_set_blocked (CsTestLiveProxy *self,
                                gboolean         blocked)
{
  g_return_if_fail (self != NULL);

  self->blocked = blocked;
}

guint
cs_test_live_proxy_get_n_accepted (CsTestLiveProxy *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_accepted;
}
