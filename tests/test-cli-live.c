/* test-cli-live.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-live-session.h"
#include "cs-test-live-cli.h"
#include "cs-test-utils.h"

/* consilium-cli live host and join as two processes on loopback, each
 * with its own annotation store: the guest follows the host's views in
 * order within a bounded delay (measured from the two records, which
 * share the wall clock), annotations travel both ways with their authors
 * and are saved on both sides, and a wrong code or another slide is
 * refused with status 1 and a message naming the cause. */

typedef CsTestLive Fixture;

#define N_VIEWS 30
#define UUID_HOST "0b8a1f52-7c3e-4d6a-9f10-2e5b8c7d4a01"
#define UUID_GUEST "5d2c9e84-1a7b-4f3e-b6c2-8e9f0a1b2c03"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The host sends N_VIEWS views over about a second and a third; each
 * reaches the guest, in order, within the bound. (The session sends at
 * most one view every 40 ms, the latest of those in between: a view
 * every 45 ms is sent as it comes.) */
static void
test_view_following (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GString) script = g_string_new ("{\"wait_joined\":true}\n");
  g_autofree char *script_path = NULL;
  g_autofree char *host_record = cs_test_live_path (f, "host.jsonl");
  g_autofree char *guest_record = cs_test_live_path (f, "guest.jsonl");
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Under the sanitizers and valgrind (CS_TEST_LIGHT) everything is
   * several times slower. */
  gint64 bound = g_getenv ("CS_TEST_LIGHT") != NULL ? 2000000 : 500000;
  guint j = 0;

  /* A pause after joining: the guest's first views are not mixed with
   * the annotations each side sends on joining. */
  for (guint i = 0; i < N_VIEWS; i++)
    g_string_append_printf (script,
                            "{\"after_ms\":%u,\"view\":{\"x\":%u,\"y\":%u,\"zoom\":%u,"
                            "\"rotation\":%u}}\n",
                            i == 0 ? 200 : 45, 1000 + 10 * i, 2000 + 5 * i, 1 + i % 4,
                            (i * 12) % 360);
  g_string_append (script, "{\"after_ms\":500,\"end\":\"done\"}\n");
  script_path = cs_test_live_write_script (f->tmpdir, "views.jsonl", script->str);

  cs_test_live_start_host (f, NULL, NULL, "--script", script_path, "--record", host_record, NULL);
  cs_test_live_start_guest (f, NULL, NULL, "--record", guest_record, NULL);
  g_assert_cmpint (cs_test_live_wait_exit (f->host, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);
  g_assert_nonnull (strstr (cs_test_live_get_stdout (f->guest), "Fingerprint: "));
  g_assert_nonnull (strstr (cs_test_live_get_stdout (f->host), "bytes/s)"));

  sent = cs_test_live_read_record (host_record, "sent-view");
  received = cs_test_live_read_record (guest_record, "view");
  g_assert_cmpuint (sent->len, ==, N_VIEWS);
  /* Each sent view in order among those received (a view the host had
   * before may come first). */
  for (guint i = 0; i < received->len && j < sent->len; i++)
    {
      JsonObject *r = received->pdata[i];
      JsonObject *s = sent->pdata[j];
      gint64 delay;

      if (json_object_get_double_member (r, "x") != json_object_get_double_member (s, "x"))
        continue;
      g_assert_cmpfloat (json_object_get_double_member (r, "y"), ==,
                         json_object_get_double_member (s, "y"));
      g_assert_cmpfloat (json_object_get_double_member (r, "zoom"), ==,
                         json_object_get_double_member (s, "zoom"));
      g_assert_cmpfloat (json_object_get_double_member (r, "rotation"), ==,
                         json_object_get_double_member (s, "rotation"));
      delay = json_object_get_int_member (r, "t") - json_object_get_int_member (s, "t");
      g_assert_cmpint (delay, >=, 0);
      g_array_append_val (delays, delay);
      j++;
    }
  g_assert_cmpuint (j, ==, N_VIEWS);
  g_array_sort (delays, compare_gint64);
  g_test_message ("view delay over %u views: median %.1f ms, maximum %.1f ms", delays->len,
                  g_array_index (delays, gint64, delays->len / 2) / 1000.0,
                  g_array_index (delays, gint64, delays->len - 1) / 1000.0);
  g_assert_cmpint (g_array_index (delays, gint64, delays->len - 1), <=, bound);
}

static void
assert_saved (const char *home,
              const char *sha256)
{
  g_autoptr(GHashTable) saved = cs_test_live_read_store (home, sha256);
  CsAnnotation *host = g_hash_table_lookup (saved, UUID_HOST);
  CsAnnotation *guest = g_hash_table_lookup (saved, UUID_GUEST);

  g_assert_cmpuint (g_hash_table_size (saved), ==, 2);
  g_assert_nonnull (host);
  g_assert_nonnull (guest);
  g_assert_cmpstr (cs_annotation_get_author (host), ==, CS_TEST_LIVE_HOST_NAME);
  g_assert_cmpstr (cs_annotation_get_author (guest), ==, CS_TEST_LIVE_GUEST_NAME);
}

static void
assert_received (const char *record,
                 const char *uuid,
                 const char *author)
{
  g_autoptr(GPtrArray) merged = cs_test_live_read_record (record, "annotation");
  gboolean found = FALSE;

  for (guint i = 0; i < merged->len; i++)
    {
      JsonObject *object = merged->pdata[i];

      if (g_str_equal (json_object_get_string_member (object, "uuid"), uuid))
        {
          g_assert_cmpstr (json_object_get_string_member (object, "author"), ==, author);
          found = TRUE;
        }
      /* Nothing comes back from the other side as if it were new. */
      g_assert_cmpstr (json_object_get_string_member (object, "uuid"), ==, uuid);
    }
  g_assert_true (found);
}

/* Each side adds one annotation; both end with both, by their authors,
 * in each side's own store on disk. */
static void
test_annotations_both_ways (Fixture      *f,
                            gconstpointer data)
{
  g_autofree char *host_feature = cs_test_live_feature (UUID_HOST, 1200, 3400.5);
  g_autofree char *guest_feature = cs_test_live_feature (UUID_GUEST, 5600.25, 780);
  g_autofree char *host_script = g_strdup_printf ("{\"wait_joined\":true}\n"
                                                  "{\"annotation\":%s}\n"
                                                  "{\"wait_annotations\":2}\n"
                                                  "{\"after_ms\":200,\"end\":\"done\"}\n",
                                                  host_feature);
  g_autofree char *guest_script = g_strdup_printf ("{\"wait_joined\":true}\n"
                                                   "{\"annotation\":%s}\n", guest_feature);
  g_autofree char *host_path = cs_test_live_write_script (f->tmpdir, "h.jsonl", host_script);
  g_autofree char *guest_path = cs_test_live_write_script (f->tmpdir, "g.jsonl", guest_script);
  g_autofree char *host_record = cs_test_live_path (f, "host.jsonl");
  g_autofree char *guest_record = cs_test_live_path (f, "guest.jsonl");

  cs_test_live_start_host (f, NULL, NULL, "--script", host_path, "--record", host_record, NULL);
  cs_test_live_start_guest (f, NULL, NULL, "--script", guest_path, "--record", guest_record,
                            NULL);
  g_assert_cmpint (cs_test_live_wait_exit (f->host, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);

  assert_saved (f->host_home, f->sha256);
  assert_saved (f->guest_home, f->sha256);
  assert_received (host_record, UUID_GUEST, CS_TEST_LIVE_GUEST_NAME);
  assert_received (guest_record, UUID_HOST, CS_TEST_LIVE_HOST_NAME);
}

static void
test_wrong_code (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *right = NULL;

  cs_test_live_start_host (f, NULL, NULL, NULL);
  right = g_steal_pointer (&f->code);
  /* A well-formed code, not the host's. */
  f->code = g_strdup (g_str_equal (right, "2345-6789") ? "6789-2345" : "2345-6789");
  cs_test_live_start_guest (f, NULL, NULL, NULL);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 1);
  g_test_message ("guest: %s", cs_test_live_get_stderr (f->guest));
  g_assert_true (g_str_has_prefix (cs_test_live_get_stderr (f->guest), "consilium-cli: "));
  g_assert_nonnull (strstr (cs_test_live_get_stderr (f->guest), "code"));
  g_assert_null (strstr (cs_test_live_get_stdout (f->guest), "Fingerprint"));
  /* The host goes on waiting for the right guest, until interrupted. */
  g_assert_cmpint (cs_test_live_wait_exit (f->host, 100), ==, -1);
  cs_test_live_terminate (f->host);
  g_assert_cmpint (cs_test_live_wait_exit (f->host, CS_TEST_LIVE_TIMEOUT_MS), ==, 0);
  g_assert_nonnull (strstr (cs_test_live_get_stdout (f->host), "Sent "));
}

/* The guest's slide is the sample with one more byte: another identity. */
static void
test_other_slide (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *other = cs_test_live_path (f, "other.svs");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (f->sample, &contents, &len, &error));
  contents = g_realloc (contents, len + 1);
  contents[len] = '\0';
  g_assert_true (g_file_set_contents (other, contents, len + 1, &error));

  cs_test_live_start_host (f, NULL, NULL, NULL);
  g_free (f->sample);
  f->sample = g_strdup (other);
  cs_test_live_start_guest (f, NULL, NULL, NULL);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 1);
  g_test_message ("guest: %s", cs_test_live_get_stderr (f->guest));
  g_assert_nonnull (strstr (cs_test_live_get_stderr (f->guest), "is not the session's slide"));
  g_assert_nonnull (strstr (cs_test_live_get_stderr (f->guest), f->sha256));
}

/* A link that is not one: a usage of the command, refused before
 * anything is opened. */
static void
test_bad_link (Fixture      *f,
               gconstpointer data)
{
  f->code = g_strdup ("2345-6789");
  cs_test_live_start_guest (f, NULL, "https://example.org/", NULL);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 1);
  g_assert_true (g_str_has_prefix (cs_test_live_get_stderr (f->guest), "consilium-cli: "));
}

/* A remote slide's link: the command line says it joins only with a
 * slide file, naming the series and the server, before opening anything. */
static void
test_remote_link (Fixture      *f,
                  gconstpointer data)
{
  const char *link = "wss://127.0.0.1:9/live?fp=AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01"
                     "AB01AB01AB01AB01&slide=dicom-series%3A1.2.826.0.1.3680043.8.498.11"
                     "&server=https%3A%2F%2Fpacs.example.org%2Fdicom-web&study=1.2.826.0.1.3680043.8.498.10";
  const char *text;

  f->code = g_strdup ("2345-6789");
  cs_test_live_start_guest (f, NULL, link, NULL);
  g_assert_cmpint (cs_test_live_wait_exit (f->guest, CS_TEST_LIVE_TIMEOUT_MS), ==, 1);
  text = cs_test_live_get_stderr (f->guest);
  g_test_message ("guest: %s", text);
  g_assert_nonnull (strstr (text, "1.2.826.0.1.3680043.8.498.11"));
  g_assert_nonnull (strstr (text, "https://pacs.example.org/dicom-web"));
  g_assert_nonnull (strstr (text, "--slide"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cs/cli-live/" path, Fixture, NULL, cs_test_live_setup, func, cs_test_live_teardown)
  ADD ("view-following", test_view_following);
  ADD ("annotations-both-ways", test_annotations_both_ways);
  ADD ("wrong-code", test_wrong_code);
  ADD ("other-slide", test_other_slide);
  ADD ("bad-link", test_bad_link);
  ADD ("remote-link", test_remote_link);
#undef ADD

  return g_test_run ();
}
