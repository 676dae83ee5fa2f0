/* test-cli-live-hostile.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-live-peer.h"
#include "cs-live-session.h"
#include "cs-live-transport.h"
#include "cs-test-live-cli.h"
#include "cs-test-utils.h"

/* A hostile guest against consilium-cli live host: the test joins with
 * the real code through the core (a real TLS WebSocket and the real
 * handshake), then sends what no Consilium sends. The host closes that
 * connection with an error naming the cause, and its annotations on disk
 * are those it had. */

typedef CsTestLive Fixture;

#define UUID_HOST "0b8a1f52-7c3e-4d6a-9f10-2e5b8c7d4a01"
#define UUID_EVIL "9e1d7c3b-5a4f-4e2d-8c1b-0a9f8e7d6c05"

typedef struct
{
  const char *name;
  char      *(*make) (void);
  const char *cause;
} Hostile;

static char *
make_malformed (void)
{
  return g_strdup ("{\"v\":1,\"type\":\"view\",\"x\":1,");
}

static char *
make_wrong_version (void)
{
  return g_strdup ("{\"v\":2,\"type\":\"keepalive\"}");
}

static char *
make_oversized (void)
{
  g_autofree char *note = g_strnfill (100 * 1024, 'a');

  return g_strdup_printf ("{\"v\":1,\"type\":\"ping\",\"x\":1,\"y\":1,\"note\":\"%s\"}", note);
}

/* An annotation whose feature is no feature: nothing of it applied. */
static char *
make_bad_annotation (void)
{
  return g_strdup ("{\"v\":1,\"type\":\"annotation-upsert\",\"uuid\":\"" UUID_EVIL "\","
                   "\"author\":\"Mallory\",\"modified\":\"2026-11-28T18:00:00Z\","
                   "\"feature\":{\"type\":\"Feature\",\"id\":\"" UUID_EVIL "\","
                   "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\"x\"},"
                   "\"properties\":{}}}");
}

static const Hostile hostiles[] = {
  { "malformed-json", make_malformed, "not valid JSON" },
  { "wrong-version", make_wrong_version, "protocol version" },
  { "oversized", make_oversized, "exceeds the limit" },
  { "bad-annotation", make_bad_annotation, "invalid feature" },
};

typedef struct
{
  SoupWebsocketConnection *connection;
  GError                  *error;
  gboolean                 done;
} Connecting;

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Connecting *connecting = user_data;

  connecting->connection = cs_live_join_finish (result, &connecting->error);
  connecting->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Connecting *) data)->done;
}

static gboolean
is_joined (gpointer data)
{
  return cs_live_peer_is_joined (data);
}

static gboolean
is_closed (gpointer data)
{
  return soup_websocket_connection_get_state (data) == SOUP_WEBSOCKET_STATE_CLOSED;
}

static void
test_hostile (Fixture      *f,
              gconstpointer data)
{
  const Hostile *hostile = data;
  g_autofree char *feature = cs_test_live_feature (UUID_HOST, 10, 20);
  g_autofree char *script = g_strdup_printf ("{\"annotation\":%s}\n", feature);
  g_autofree char *script_path = cs_test_live_write_script (f->tmpdir, "h.jsonl", script);
  g_autoptr(CsLiveLink) link = NULL;
  g_autoptr(CsLivePeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) saved = NULL;
  g_autofree char *message = hostile->make ();
  Connecting connecting = { NULL, NULL, FALSE };
  int status;

  cs_test_live_start_host (f, NULL, NULL, "--script", script_path, NULL);
  link = cs_live_link_parse (f->link, &error);
  g_assert_no_error (error);

  cs_live_join_async (link->url, link->fingerprint, NULL, on_connected_cb, &connecting);
  g_assert_true (cs_test_wait_until (is_done, &connecting, CS_TEST_LIVE_TIMEOUT_MS));
  g_assert_no_error (connecting.error);
  peer = cs_live_peer_new_guest (connecting.connection, "Mallory", f->sha256, f->code);
  g_assert_true (cs_test_wait_until (is_joined, peer, CS_TEST_LIVE_TIMEOUT_MS));

  soup_websocket_connection_send_text (connecting.connection, message);
  g_assert_true (cs_test_wait_until (is_closed, connecting.connection, CS_TEST_LIVE_TIMEOUT_MS));
  g_test_message ("closed with code %u",
                  soup_websocket_connection_get_close_code (connecting.connection));
  g_assert_cmpuint (soup_websocket_connection_get_close_code (connecting.connection), ==,
                    SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);

  /* The host logs why and ends the session. */
  status = cs_test_live_wait_exit (f->host, CS_TEST_LIVE_TIMEOUT_MS);
  g_test_message ("host stderr: %s", cs_test_live_get_stderr (f->host));
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (cs_test_live_get_stderr (f->host), hostile->cause));

  saved = cs_test_live_read_store (f->host_home, f->sha256);
  g_assert_cmpuint (g_hash_table_size (saved), ==, 1);
  g_assert_nonnull (g_hash_table_lookup (saved, UUID_HOST));
  g_object_unref (connecting.connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostiles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cs/cli-live-hostile/%s", hostiles[i].name);

      g_test_add (path, Fixture, &hostiles[i], cs_test_live_setup, test_hostile,
                  cs_test_live_teardown);
    }

  return g_test_run ();
}
