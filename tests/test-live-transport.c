/* test-live-transport.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-live-auth.h"
#include "cs-live-peer.h"
#include "cs-live-transport.h"
#include "cs-test-utils.h"

/* Host and guest in one process over loopback WebSocket/TLS
 * (cs-live-peer.c, cs-live-transport.c): joining, messages both ways,
 * refusal of a wrong code, another slide, another certificate and a
 * malformed message. */

#define SLIDE_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define SLIDE_B "1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define WAIT_MS 10000

typedef struct
{
  CsLivePeer    *peer;
  gboolean       joined;
  gboolean       closed;
  GError        *close_error;
  GPtrArray     *received;
} Side;

typedef struct
{
  GTlsCertificate         *certificate;
  SoupServer              *server;
  char                    *url;
  guint                    port;
  char                    *fingerprint;
  char                    *code;
  const char              *host_slide;
  Side                     host;
  Side                     guest;
  SoupWebsocketConnection *guest_connection;
  GError                  *join_error;
  gboolean                 join_done;
} Fixture;

static void
on_joined (CsLivePeer *peer,
           Side       *side)
{
  side->joined = TRUE;
}

static void
on_message (CsLivePeer    *peer,
            CsLiveMessage *message,
            Side          *side)
{
  g_autofree char *json = cs_live_message_to_json (message, NULL);

  g_ptr_array_add (side->received, g_steal_pointer (&json));
}

static void
on_closed (CsLivePeer *peer,
           GError     *error,
           Side       *side)
{
  side->closed = TRUE;
  side->close_error = error != NULL ? g_error_copy (error) : NULL;
}

static void
side_watch (Side       *side,
            CsLivePeer *peer)
{
  side->peer = peer;
  side->received = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (peer, "joined", G_CALLBACK (on_joined), side);
  g_signal_connect (peer, "message", G_CALLBACK (on_message), side);
  g_signal_connect (peer, "closed", G_CALLBACK (on_closed), side);
}

static void
side_clear (Side *side)
{
  g_clear_object (&side->peer);
  g_clear_error (&side->close_error);
  g_clear_pointer (&side->received, g_ptr_array_unref);
}

static void
accept_cb (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->host.peer);
  side_watch (&f->host, cs_live_peer_new_host (connection, "Dr Ivanova", f->host_slide, f->code));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint port = 0;

  f->certificate = cs_live_auth_new_certificate ("localhost", 1, &error);
  g_assert_no_error (error);
  f->fingerprint = cs_live_auth_fingerprint (f->certificate);
  f->code = cs_live_auth_new_code ();
  f->host_slide = SLIDE_A;
  f->server = cs_live_host_listen (f->certificate, 0, accept_cb, f, &port, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (port, >, 0);
  f->url = g_strdup_printf ("wss://127.0.0.1:%u%s", port, CS_LIVE_PATH);
  f->port = port;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  side_clear (&f->host);
  side_clear (&f->guest);
  g_clear_object (&f->guest_connection);
  g_clear_error (&f->join_error);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->certificate);
  g_free (f->url);
  g_free (f->fingerprint);
  g_free (f->code);
}

static void
joined_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  f->guest_connection = cs_live_join_finish (result, &f->join_error);
  f->join_done = TRUE;
}

static gboolean
join_done (gpointer data)
{
  return ((Fixture *) data)->join_done;
}

static gboolean
both_joined (gpointer data)
{
  Fixture *f = data;

  return f->host.joined && f->guest.joined;
}

static gboolean
both_closed (gpointer data)
{
  Fixture *f = data;

  return f->host.closed && f->guest.closed;
}

/* Connects a guest with @code and @slide. */
static void
connect_guest (Fixture    *f,
               const char *fingerprint,
               const char *code,
               const char *slide)
{
  cs_live_join_async (f->url, fingerprint, NULL, joined_cb, f);
  g_assert_true (cs_test_wait_until (join_done, f, WAIT_MS));
  if (f->guest_connection != NULL)
    side_watch (&f->guest, cs_live_peer_new_guest (f->guest_connection, "佐藤先生", slide, code));
}

static gboolean
got_messages (gpointer data)
{
  Fixture *f = data;

  return f->guest.received->len >= 1 && f->host.received->len >= 1;
}

static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CsLiveMessage) view = cs_live_message_new (CS_LIVE_MESSAGE_VIEW);
  g_autoptr(CsLiveMessage) ping = cs_live_message_new (CS_LIVE_MESSAGE_PING);
  g_autoptr(GError) error = NULL;

  connect_guest (f, f->fingerprint, f->code, SLIDE_A);
  g_assert_no_error (f->join_error);
  g_assert_true (cs_test_wait_until (both_joined, f, WAIT_MS));
  g_assert_cmpstr (cs_live_peer_get_peer_name (f->host.peer), ==, "佐藤先生");
  g_assert_cmpstr (cs_live_peer_get_peer_name (f->guest.peer), ==, "Dr Ivanova");

  view->x = 1000;
  view->y = 2000;
  view->zoom = 4;
  view->seq = 1;
  ping->x = 5;
  ping->y = 6;
  ping->note = g_strdup ("ここを見てください");
  g_assert_true (cs_live_peer_send (f->host.peer, view, &error));
  g_assert_true (cs_live_peer_send (f->guest.peer, ping, &error));
  g_assert_no_error (error);
  g_assert_true (cs_test_wait_until (got_messages, f, WAIT_MS));
  g_assert_cmpstr (f->guest.received->pdata[0], ==,
                   "{\"v\":1,\"type\":\"view\",\"zoom\":4,\"rotation\":0,\"seq\":1,\"x\":1000,\"y\":2000}");
  g_assert_nonnull (strstr (f->host.received->pdata[0], "ここを見てください"));

  cs_live_peer_close (f->guest.peer, "end of the conference");
  g_assert_true (cs_test_wait_until (both_closed, f, WAIT_MS));
  g_assert_no_error (f->host.close_error);
  g_assert_no_error (f->guest.close_error);
}

static void
test_wrong_code (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *wrong = g_strdup (f->code);

  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  connect_guest (f, f->fingerprint, wrong, SLIDE_A);
  g_assert_true (cs_test_wait_until (both_closed, f, WAIT_MS));
  g_assert_false (f->host.joined || f->guest.joined);
  g_assert_error (f->host.close_error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_assert_error (f->guest.close_error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_assert_nonnull (strstr (f->guest.close_error->message, "one-time code"));
}

static void
test_other_slide (Fixture       *f,
                  gconstpointer  data)
{
  connect_guest (f, f->fingerprint, f->code, SLIDE_B);
  g_assert_true (cs_test_wait_until (both_closed, f, WAIT_MS));
  g_assert_false (f->host.joined || f->guest.joined);
  g_assert_error (f->guest.close_error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_assert_error (f->host.close_error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_assert_nonnull (strstr (f->host.close_error->message, "different slide"));
}

static void
test_other_certificate (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *wrong = g_strdup (f->fingerprint);

  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  connect_guest (f, wrong, f->code, SLIDE_A);
  g_assert_null (f->guest_connection);
  g_assert_error (f->join_error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_assert_null (f->host.peer);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  connect_guest (f, f->fingerprint, f->code, SLIDE_A);
  g_assert_true (cs_test_wait_until (both_joined, f, WAIT_MS));
  /* A view without its numbers, sent around the checks. */
  soup_websocket_connection_send_text (f->guest_connection, "{\"v\":1,\"type\":\"view\"}");
  g_assert_true (cs_test_wait_until (both_closed, f, WAIT_MS));
  g_assert_error (f->host.close_error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
  g_assert_error (f->guest.close_error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_assert_nonnull (strstr (f->guest.close_error->message, "lacks the member"));
  g_assert_cmpuint (f->host.received->len, ==, 0);
}

/* Both sides host: each refuses the other's hello. */
static void
test_two_hosts (Fixture       *f,
                gconstpointer  data)
{
  cs_live_join_async (f->url, f->fingerprint, NULL, joined_cb, f);
  g_assert_true (cs_test_wait_until (join_done, f, WAIT_MS));
  g_assert_no_error (f->join_error);
  side_watch (&f->guest, cs_live_peer_new_host (f->guest_connection, "Dr Sato", SLIDE_A, f->code));
  g_assert_true (cs_test_wait_until (both_closed, f, WAIT_MS));
  g_assert_false (f->host.joined || f->guest.joined);
  g_assert_nonnull (f->host.close_error);
  g_assert_nonnull (f->guest.close_error);
  g_assert_true (strstr (f->host.close_error->message, "also hosts") != NULL
                 || strstr (f->guest.close_error->message, "also hosts") != NULL);
}

static gboolean
host_accepted (gpointer data)
{
  return ((Fixture *) data)->host.peer != NULL;
}

static gboolean
host_closed (gpointer data)
{
  return ((Fixture *) data)->host.closed;
}

/* A guest that connects and never says hello is dropped in time. */
static void
test_silent_guest (Fixture       *f,
                   gconstpointer  data)
{
  cs_live_join_async (f->url, f->fingerprint, NULL, joined_cb, f);
  g_assert_true (cs_test_wait_until (join_done, f, WAIT_MS));
  g_assert_true (cs_test_wait_until (host_accepted, f, WAIT_MS));
  cs_live_peer_set_keepalive (f->host.peer, 100, 500);
  g_assert_true (cs_test_wait_until (host_closed, f, WAIT_MS));
  g_assert_false (f->host.joined);
  g_assert_error (f->host.close_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

/* A plain TCP connection to the host that sends nothing. */
static GSocketConnection *
tcp_connect (Fixture *f)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection = g_socket_client_connect_to_host (client, "127.0.0.1", f->port, NULL, &error);

  g_assert_no_error (error);
  return connection;
}

/* Whether the host has closed @data (a GSocketConnection): end of file. */
static gboolean
closed_by_host (gpointer data)
{
  GSocket *socket = g_socket_connection_get_socket (data);
  char byte;

  if (g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) == 0)
    return FALSE;
  return g_socket_receive (socket, &byte, 1, NULL, NULL) <= 0;
}

/* Connections that never become a WebSocket (slowloris): beyond
 * CS_LIVE_MAX_UPGRADES one is closed at once. */
static void
test_upgrade_cap (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) silent = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocketConnection) extra = NULL;

  /* Far beyond the waits: only the cap can close the extra one. */
  cs_live_host_set_upgrade_timeout (f->server, 10 * WAIT_MS / 1000);
  for (guint i = 0; i < CS_LIVE_MAX_UPGRADES; i++)
    g_ptr_array_add (silent, tcp_connect (f));
  extra = tcp_connect (f);
  g_assert_true (cs_test_wait_until (closed_by_host, extra, 4 * WAIT_MS));
  for (guint i = 0; i < silent->len; i++)
    g_assert_false (closed_by_host (silent->pdata[i]));
}

/* Each is closed after its upgrade timeout; a real guest, which became a
 * WebSocket in time, stays past that time. */
static void
test_upgrade_timeout (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSocketConnection) late = NULL;

  /* As long as the session fixtures allow for a handshake. */
  cs_live_host_set_upgrade_timeout (f->server, 3);
  connect_guest (f, f->fingerprint, f->code, SLIDE_A);
  g_assert_no_error (f->join_error);
  g_assert_true (cs_test_wait_until (both_joined, f, 4 * WAIT_MS));
  cs_live_peer_set_keepalive (f->host.peer, 1000, 10 * WAIT_MS);
  cs_live_peer_set_keepalive (f->guest.peer, 1000, 10 * WAIT_MS);
  /* Connected after the guest: closed after the guest's deadline. */
  late = tcp_connect (f);
  g_assert_true (cs_test_wait_until (closed_by_host, late, 4 * WAIT_MS));
  g_assert_false (f->host.closed);
  g_assert_false (f->guest.closed);
  g_assert_true (cs_live_peer_is_joined (f->host.peer));
}

static gboolean
guest_closed (gpointer data)
{
  return ((Fixture *) data)->guest.closed;
}

/* Keepalives hold an idle session; when one side falls silent (as when
 * the link is cut), the other notices within its timeout. */
static void
test_lost (Fixture       *f,
           gconstpointer  data)
{
  gint64 start;

  connect_guest (f, f->fingerprint, f->code, SLIDE_A);
  g_assert_true (cs_test_wait_until (both_joined, f, WAIT_MS));
  cs_live_peer_set_keepalive (f->host.peer, 100, 1000);
  cs_live_peer_set_keepalive (f->guest.peer, 100, 1000);
  /* Idle for three timeouts: still joined. */
  g_assert_false (cs_test_wait_until (guest_closed, f, 2500));
  g_assert_true (cs_live_peer_is_joined (f->host.peer));
  g_assert_true (cs_live_peer_is_joined (f->guest.peer));
  g_assert_cmpuint (f->guest.received->len, ==, 0);

  /* The host falls silent. */
  cs_live_peer_set_keepalive (f->host.peer, 0, 0);
  start = g_get_monotonic_time ();
  g_assert_true (cs_test_wait_until (guest_closed, f, WAIT_MS));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_error (f->guest.close_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/live-transport/join", Fixture, NULL, fixture_setup, test_join, fixture_teardown);
  g_test_add ("/cs/live-transport/wrong-code", Fixture, NULL, fixture_setup, test_wrong_code,
              fixture_teardown);
  g_test_add ("/cs/live-transport/other-slide", Fixture, NULL, fixture_setup, test_other_slide,
              fixture_teardown);
  g_test_add ("/cs/live-transport/other-certificate", Fixture, NULL, fixture_setup,
              test_other_certificate, fixture_teardown);
  g_test_add ("/cs/live-transport/two-hosts", Fixture, NULL, fixture_setup, test_two_hosts,
              fixture_teardown);
  g_test_add ("/cs/live-transport/silent-guest", Fixture, NULL, fixture_setup, test_silent_guest,
              fixture_teardown);
  g_test_add ("/cs/live-transport/upgrade-cap", Fixture, NULL, fixture_setup, test_upgrade_cap,
              fixture_teardown);
  g_test_add ("/cs/live-transport/upgrade-timeout", Fixture, NULL, fixture_setup, test_upgrade_timeout,
              fixture_teardown);
  g_test_add ("/cs/live-transport/lost", Fixture, NULL, fixture_setup, test_lost, fixture_teardown);
  g_test_add ("/cs/live-transport/malformed", Fixture, NULL, fixture_setup, test_malformed,
              fixture_teardown);

  return g_test_run ();
}
