/* test-cli-live-network.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cs-live-session.h"
#include "cs-test-live-cli.h"
#include "cs-test-live-proxy.h"
#include "cs-test-utils.h"

/* consilium-cli live through a link the test cuts (a TCP proxy): both
 * sides draw while it is down and end with everything; between two
 * network namespaces joined by a veth pair, as between two machines
 * (when the test runs as root with ip netns; skipped otherwise, saying
 * why); and the traffic of a typical session, from both sides'
 * counters. */

typedef CsTestLive Fixture;

#define UUID_GUEST "5d2c9e84-1a7b-4f3e-b6c2-8e9f0a1b2c03"
#define UUID_HOST "0b8a1f52-7c3e-4d6a-9f10-2e5b8c7d4a01"
#define UUID_HOST_CUT "7f3e2d1c-0b9a-4876-a543-210fedcba987"
#define UUID_GUEST_CUT "c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f"

/* Reconnection */

/* A record's whole line of @type naming @uuid (or any, when NULL). */
typedef struct
{
  const char *path;
  const char *type;
  const char *uuid;
} RecordWait;

static gboolean
record_has (gpointer data)
{
  const RecordWait *wait = data;
  g_autofree char *contents = NULL;
  g_autofree char *type = g_strdup_printf ("\"type\":\"%s\"", wait->type);
  g_autofree char *uuid = g_strdup_printf ("\"%s\"", wait->uuid != NULL ? wait->uuid : "");
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (wait->path, &contents, NULL, NULL))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  /* The last piece is unfinished (or empty). */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (strstr (lines[i], type) != NULL && strstr (lines[i], uuid) != NULL)
      return TRUE;
  return FALSE;
}

static void
wait_record (const char *path,
             const char *type,
             const char *uuid)
{
  RecordWait wait = { path, type, uuid };

  g_test_message ("waiting for %s %s in %s", type, uuid, path);
  g_assert_true (cs_test_wait_until (record_has, &wait, CS_TEST_LIVE_TIMEOUT_MS));
}

static void
assert_all_saved (const char *home,
                  const char *sha256)
{
  g_autoptr(GHashTable) saved = cs_test_live_read_store (home, sha256);
  const char *const uuids[] = { UUID_HOST, UUID_HOST_CUT, UUID_GUEST, UUID_GUEST_CUT };

  g_assert_cmpuint (g_hash_table_size (saved), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (uuids); i++)
    {
      CsAnnotation *annotation = g_hash_table_lookup (saved, uuids[i]);

      g_assert_nonnull (annotation);
      g_assert_cmpstr (cs_annotation_get_author (annotation), ==,
                       i < 2 ? CS_TEST_LIVE_HOST_NAME : CS_TEST_LIVE_GUEST_NAME);
    }
}

/* The guest joins through the proxy; once each side has the other's
 * first annotation the test cuts the link and blocks it; each side draws
 * another while it is down; the link comes back and both end with all
 * four. */
static void
test_reconnect (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *h1 = cs_test_live_feature (UUID_HOST, 100, 100);
  g_autofree char *h2 = cs_test_live_feature (UUID_HOST_CUT, 200, 200);
  g_autofree char *g1 = cs_test_live_feature (UUID_GUEST, 300, 300);
  g_autofree char *g2 = cs_test_live_feature (UUID_GUEST_CUT, 400, 400);
  g_autofree char *host_script = g_strdup_printf ("{\"wait_joined\":true}\n"
                                                  "{\"annotation\":%s}\n"
                                                  "{\"wait_annotations\":2}\n"
                                                  "{\"wait_state\":\"reconnecting\"}\n"
                                                  "{\"annotation\":%s}\n"
                                                  "{\"wait_state\":\"joined\"}\n"
                                                  "{\"wait_annotations\":4}\n"
                                                  "{\"after_ms\":200,\"end\":\"done\"}\n", h1, h2);
  g_autofree char *guest_script = g_strdup_printf ("{\"wait_joined\":true}\n"
                                                   "{\"annotation\":%s}\n"
                                                   "{\"wait_annotations\":2}\n"
                                                   "{\"wait_state\":\"reconnecting\"}\n"
                                                   "{\"annotation\":%s}\n", g1, g2);
  g_autofree char *host_path = cs_test_live_write_script (f->tmpdir, "h.jsonl", host_script);
  g_autofree char *guest_path = cs_test_live_write_script (f->tmpdir, "g.jsonl", guest_script);
  g_autofree char *host_record = cs_test_live_path (f, "host.jsonl");
  g_autofree char *guest_record = cs_test_live_path (f, "guest.jsonl");
  g_autoptr(CsLiveLink) link = NULL;
  g_autoptr(CsTestLiveProxy) proxy = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proxied = NULL;

  cs_test_live_start_host (f, NULL, NULL, "--script", host_path, "--record", host_record, NULL);
  link = cs_live_link_parse (f->link, &error);
  g_assert_no_error (error);
  uri = g_uri_parse (link->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  proxy = cs_test_live_proxy_new (g_uri_get_port (uri), &error);
  g_assert_no_error (error);
  g_free (link->url);
  link->url = g_strdup_printf ("wss://127.0.0.1:%u/live", cs_test_live_proxy_get_port (proxy));
  proxied = cs_live_link_format (link);
  cs_test_live_start_guest (f, NULL, proxied, "--script", guest_path, "--record", guest_record,
                            NULL);

  wait_record (host_record, "annotation", UUID_GUEST);
  wait_record (guest_record, "annotation", UUID_HOST);
  cs_test_live_proxy_set_blocked (proxy, TRUE);
  cs_test_live_proxy_cut (proxy);
  wait_record (host_record, "sent-annotation", UUID_HOST_CUT);
  wait_record (guest_record, "sent-annotation", UUID_GUEST_CUT);
  cs_test_live_proxy_set_blocked (proxy, FALSE);

  g_assert_cmpint (cs_test_live_wait_exit (f->host, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);
  assert_all_saved (f->host_home, f->sha256);
  assert_all_saved (f->guest_home, f->sha256);
  wait_record (host_record, "annotation", UUID_GUEST_CUT);
  wait_record (guest_record, "annotation", UUID_HOST_CUT);
  g_assert_cmpuint (cs_test_live_proxy_get_n_accepted (proxy), >=, 2);
}

/* Namespaces */

static char *
netns_name (const char *side)
{
  return g_strdup_printf ("cs-live-%s-%s", side, g_getenv ("CS_TEST_NETNS_ID"));
}

/* Runs ip with @args (a command line split at spaces); its output in
 * @output when it fails. */
static gboolean
run_ip (const char  *args,
        char       **output)
{
  g_autofree char *ip = g_find_program_in_path ("ip");
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (ip == NULL)
    {
      *output = g_strdup ("the ip command (iproute2) is not installed");
      return FALSE;
    }
  command = g_strdup_printf ("%s %s", ip, args);
  if (!g_spawn_command_line_sync (command, &out, &err, &status, &error))
    {
      *output = g_strdup_printf ("%s: %s", command, error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      *output = g_strdup_printf ("“%s” failed: %s%s", command, out, err);
      return FALSE;
    }
  return TRUE;
}

static void
delete_namespaces (void)
{
  g_autofree char *host = netns_name ("h");
  g_autofree char *guest = netns_name ("g");
  g_autofree char *del_host = g_strdup_printf ("netns del %s", host);
  g_autofree char *del_guest = g_strdup_printf ("netns del %s", guest);
  g_autofree char *ignored = NULL;
  g_autofree char *ignored2 = NULL;

  /* Deleting a namespace deletes its end of the pair, and so both. */
  run_ip (del_host, &ignored);
  run_ip (del_guest, &ignored2);
}

/* Two namespaces, each with its end of a veth pair up and addressed. */
static gboolean
make_namespaces (char **why)
{
  g_autofree char *host = netns_name ("h");
  g_autofree char *guest = netns_name ("g");
  const char *id = g_getenv ("CS_TEST_NETNS_ID");
  g_autofree char *commands = g_strdup_printf (
    "netns add %s\n"
    "netns add %s\n"
    "link add csh%s type veth peer name csg%s\n"
    "link set csh%s netns %s\n"
    "link set csg%s netns %s\n"
    "-n %s addr add 10.77.0.1/24 dev csh%s\n"
    "-n %s addr add 10.77.0.2/24 dev csg%s\n"
    "-n %s link set csh%s up\n"
    "-n %s link set csg%s up\n"
    "-n %s link set lo up\n"
    "-n %s link set lo up",
    host, guest, id, id, id, host, id, guest, host, id, guest, id, host, id, guest, id,
    host, guest);
  g_auto(GStrv) lines = g_strsplit (commands, "\n", -1);

  if (getuid () != 0)
    {
      *why = g_strdup ("not running as root: network namespaces need it");
      return FALSE;
    }
  for (guint i = 0; lines[i] != NULL; i++)
    if (!run_ip (lines[i], why))
      return FALSE;
  return TRUE;
}

/* The session, in the namespaces made by the parent test. */
static void
run_between_namespaces (void)
{
  g_autofree char *host = netns_name ("h");
  g_autofree char *guest = netns_name ("g");
  g_autofree char *ip = g_find_program_in_path ("ip");
  const char *host_prefix[] = { ip, "netns", "exec", host, NULL };
  const char *guest_prefix[] = { ip, "netns", "exec", guest, NULL };
  g_autofree char *feature = cs_test_live_feature (UUID_GUEST, 300, 400);
  g_autofree char *guest_script = g_strdup_printf ("{\"wait_joined\":true}\n"
                                                   "{\"annotation\":%s}\n", feature);
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autofree char *host_path = NULL;
  g_autofree char *guest_path = NULL;
  g_autoptr(GHashTable) saved = NULL;

  cs_test_live_setup (f, NULL);
  host_path = cs_test_live_write_script (f->tmpdir, "h.jsonl",
                                         "{\"wait_annotations\":1}\n"
                                         "{\"after_ms\":200,\"end\":\"done\"}\n");
  guest_path = cs_test_live_write_script (f->tmpdir, "g.jsonl", guest_script);
  cs_test_live_start_host (f, host_prefix, "10.77.0.1", "--script", host_path, NULL);
  g_assert_true (g_str_has_prefix (f->link, "wss://10.77.0.1:"));
  cs_test_live_start_guest (f, guest_prefix, NULL, "--script", guest_path, NULL);
  g_assert_cmpint (cs_test_live_wait_exit (f->host, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);
  saved = cs_test_live_read_store (f->host_home, f->sha256);
  g_assert_nonnull (g_hash_table_lookup (saved, UUID_GUEST));
  g_assert_cmpstr (cs_annotation_get_author (g_hash_table_lookup (saved, UUID_GUEST)), ==,
                   CS_TEST_LIVE_GUEST_NAME);
  cs_test_live_teardown (f, NULL);
}

static void
test_namespaces (void)
{
  g_autofree char *why = NULL;
  g_autofree char *id = NULL;

  if (g_test_subprocess ())
    {
      run_between_namespaces ();
      return;
    }
  /* The child runs the session; this process deletes the namespaces
   * whatever happens to it. */
  id = g_strdup_printf ("%u", (guint) getpid ());
  g_setenv ("CS_TEST_NETNS_ID", id, TRUE);
  if (!make_namespaces (&why))
    {
      g_autofree char *message = g_strdup_printf ("Network namespaces unavailable: %s", why);

      delete_namespaces ();
      g_test_skip (message);
      return;
    }
  g_test_trap_subprocess (NULL, 4 * CS_TEST_LIVE_TIMEOUT_MS * (guint64) 1000,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  delete_namespaces ();
  g_test_trap_assert_passed ();
}

/* Bandwidth */

/* A typical session of @seconds: the host pans at 30 views a second half
 * the time and moves its pointer at 30 a second, draws 5 annotations and
 * pings twice; the guest moves its pointer at 30 a second and pings once. */
static void
typical_scripts (guint    seconds,
                 GString *host,
                 GString *guest)
{
  guint ticks = seconds * 30;

  g_string_append (host, "{\"wait_joined\":true}\n");
  g_string_append (guest, "{\"wait_joined\":true}\n");
  for (guint i = 0; i < ticks; i++)
    {
      gboolean panning = (i / 30) % 2 == 0;

      if (panning)
        g_string_append_printf (host, "{\"after_ms\":33,\"view\":{\"x\":%u,\"y\":%u,\"zoom\":2,"
                                "\"rotation\":0}}\n{\"pointer\":{\"x\":%u,\"y\":%u,"
                                "\"visible\":true}}\n", 20000 + 40 * i, 15000 + 13 * i,
                                20100 + 40 * i, 15050 + 13 * i);
      else
        g_string_append_printf (host, "{\"after_ms\":33,\"pointer\":{\"x\":%u,\"y\":%u,"
                                "\"visible\":true}}\n", 20100 + 7 * i, 15050 + 3 * i);
      g_string_append_printf (guest, "{\"after_ms\":33,\"pointer\":{\"x\":%u,\"y\":%u,"
                              "\"visible\":true}}\n", 30000 + 5 * i, 12000 + 9 * i);
      if (i % (ticks / 5) == ticks / 10)
        {
          g_autofree char *uuid = g_uuid_string_random ();
          g_autofree char *feature = cs_test_live_feature (uuid, 20000 + 40 * i, 15000);

          g_string_append_printf (host, "{\"annotation\":%s}\n", feature);
        }
      if (i == ticks / 3 || i == 2 * ticks / 3)
        g_string_append_printf (host, "{\"ping\":{\"x\":%u,\"y\":15000,\"note\":\"Look at "
                                "this gland\"}}\n", 20000 + 40 * i);
      if (i == ticks / 2)
        g_string_append (guest, "{\"ping\":{\"x\":30000,\"y\":12000,\"note\":\"Here?\"}}\n");
    }
  g_string_append (host, "{\"after_ms\":100,\"end\":\"done\"}\n");
}

/* "Sent N bytes, received M bytes in S s (B bytes/s)" */
static void
parse_traffic (CsTestLiveProcess *process,
               double            *sent_rate,
               double            *received_rate)
{
  const char *line = strstr (cs_test_live_get_stdout (process), "Sent ");
  guint64 sent = 0;
  guint64 received = 0;
  double seconds = 0;

  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "Sent %" G_GUINT64_FORMAT " bytes, received %" G_GUINT64_FORMAT
                           " bytes in %lf s", &sent, &received, &seconds), ==, 3);
  g_assert_cmpfloat (seconds, >, 0);
  *sent_rate = sent / seconds;
  *received_rate = received / seconds;
}

static void
test_bandwidth (Fixture      *f,
                gconstpointer data)
{
  guint seconds = cs_test_workload (20, 4);
  g_autoptr(GString) host = g_string_new (NULL);
  g_autoptr(GString) guest = g_string_new (NULL);
  g_autofree char *host_path = NULL;
  g_autofree char *guest_path = NULL;
  double host_sent;
  double host_received;
  double guest_sent;
  double guest_received;

  typical_scripts (seconds, host, guest);
  host_path = cs_test_live_write_script (f->tmpdir, "h.jsonl", host->str);
  guest_path = cs_test_live_write_script (f->tmpdir, "g.jsonl", guest->str);
  cs_test_live_start_host (f, NULL, NULL, "--script", host_path, NULL);
  cs_test_live_start_guest (f, NULL, NULL, "--script", guest_path, NULL);
  g_assert_cmpint (cs_test_live_wait_exit (f->host, CS_TEST_LIVE_TIMEOUT_MS + seconds * 1000),
                   ==, 0);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);

  parse_traffic (f->host, &host_sent, &host_received);
  parse_traffic (f->guest, &guest_sent, &guest_received);
  g_test_message ("typical session of %u s: host to guest %.0f bytes/s, guest to host %.0f "
                  "bytes/s (as the guest counted: %.0f and %.0f)", seconds, host_sent,
                  host_received, guest_received, guest_sent);
  /* No pixels travel: a few kilobytes a second. */
  g_assert_cmpfloat (host_sent, >, 1000);
  g_assert_cmpfloat (host_sent, <, 20000);
  g_assert_cmpfloat (host_received, <, 20000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/cli-live-network/reconnect", Fixture, NULL, cs_test_live_setup,
              test_reconnect, cs_test_live_teardown);
  g_test_add_func ("/cs/cli-live-network/namespaces", test_namespaces);
  g_test_add ("/cs/cli-live-network/bandwidth", Fixture, NULL, cs_test_live_setup,
              test_bandwidth, cs_test_live_teardown);

  return g_test_run ();
}
