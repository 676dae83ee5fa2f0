/* test-live-session.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-live-auth.h"
#include "cs-live-peer.h"
#include "cs-live-session.h"
#include "cs-live-transport.h"
#include "cs-test-live-proxy.h"
#include "cs-test-utils.h"

/* Two live sessions in one process over loopback TLS (cs-live-session*.c,
 * cs-live-link.c): joining, the code's attempts and lifetime, another
 * slide, a second guest, views and control, pointers and pings,
 * annotations both ways, a cut link (through cs-test-live-proxy) and the
 * automatic rejoin, giving up, ending, and a malformed message. */

#define SLIDE_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define SLIDE_B "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
#define SERIES_A "dicom-series:1.2.826.0.1.3680043.8.498.11"
#define SERIES_B "dicom-series:1.2.826.0.1.3680043.8.498.12"
#define ARCHIVE_URL "https://pacs.example.org:8443/dicom-web"
#define STUDY_UID "1.2.826.0.1.3680043.8.498.10"
#define WAIT_MS 20000

typedef struct
{
  CsLiveSession    *session;
  CsAnnotationList *list;
  guint             views;
  CsLiveView        last_view;
  guint             pointers;
  gboolean          pointer_visible;
  guint             pings;
  char             *ping_note;
  guint             merged;
  char             *merged_author;
  guint             codes;
  guint             not_shared;
  char             *not_shared_uuid;
  char             *not_shared_reason;
  gboolean          ended;
  char             *ended_reason;
  GError           *ended_error;
} Side;

typedef struct
{
  Side             host;
  Side             guest;
  CsTestLiveProxy *proxy;
  gboolean         join_done;
  GError          *join_error;
  CsLiveSession   *joined;
} Fixture;

static void
on_view (CsLiveSession    *session,
         const CsLiveView *view,
         Side             *side)
{
  side->views++;
  side->last_view = *view;
}

static void
on_pointer (CsLiveSession *session,
            double         x,
            double         y,
            gboolean       visible,
            Side          *side)
{
  side->pointers++;
  side->pointer_visible = visible;
}

static void
on_ping (CsLiveSession *session,
         double         x,
         double         y,
         const char    *note,
         Side          *side)
{
  side->pings++;
  g_free (side->ping_note);
  side->ping_note = g_strdup (note);
}

static void
on_merged (CsLiveSession *session,
           const char    *uuid,
           const char    *author,
           Side          *side)
{
  side->merged++;
  g_free (side->merged_author);
  side->merged_author = g_strdup (author);
}

static void
on_not_shared (CsLiveSession *session,
               const char    *uuid,
               const char    *reason,
               Side          *side)
{
  side->not_shared++;
  g_free (side->not_shared_uuid);
  side->not_shared_uuid = g_strdup (uuid);
  g_free (side->not_shared_reason);
  side->not_shared_reason = g_strdup (reason);
}

static void
on_code (CsLiveSession *session,
         Side          *side)
{
  side->codes++;
}

static void
on_ended (CsLiveSession *session,
          const char    *reason,
          const GError  *error,
          Side          *side)
{
  g_assert_false (side->ended);
  side->ended = TRUE;
  side->ended_reason = g_strdup (reason);
  side->ended_error = error != NULL ? g_error_copy (error) : NULL;
}

static void
side_watch (Side          *side,
            CsLiveSession *session)
{
  side->session = session;
  g_signal_connect (session, "view", G_CALLBACK (on_view), side);
  g_signal_connect (session, "pointer", G_CALLBACK (on_pointer), side);
  g_signal_connect (session, "ping", G_CALLBACK (on_ping), side);
  g_signal_connect (session, "annotation-merged", G_CALLBACK (on_merged), side);
  g_signal_connect (session, "annotation-not-shared", G_CALLBACK (on_not_shared), side);
  g_signal_connect (session, "code", G_CALLBACK (on_code), side);
  g_signal_connect (session, "ended", G_CALLBACK (on_ended), side);
}

static void
side_clear (Side *side)
{
  if (side->session != NULL)
    {
      cs_live_session_end (side->session, NULL);
      g_signal_handlers_disconnect_by_data (side->session, side);
    }
  g_clear_object (&side->session);
  g_clear_object (&side->list);
  g_clear_pointer (&side->ping_note, g_free);
  g_clear_pointer (&side->merged_author, g_free);
  g_clear_pointer (&side->not_shared_uuid, g_free);
  g_clear_pointer (&side->not_shared_reason, g_free);
  g_clear_pointer (&side->ended_reason, g_free);
  g_clear_error (&side->ended_error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CsLiveSession *host;

  f->host.list = cs_annotation_list_new ();
  f->guest.list = cs_annotation_list_new ();
  /* data: a remote slide's identity, hosted with its DICOMweb source. */
  if (data != NULL)
    host = cs_live_session_host_remote ("Dr Ivanova", data, ARCHIVE_URL, STUDY_UID, f->host.list,
                                        "127.0.0.1", 0, &error);
  else
    host = cs_live_session_host ("Dr Ivanova", SLIDE_A, f->host.list, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  side_watch (&f->host, host);
  cs_live_session_set_timeouts (host, 200, 3000, 100);
  g_assert_cmpint (cs_live_session_get_state (host), ==, CS_LIVE_STATE_WAITING);
  g_assert_true (cs_live_session_has_control (host));
}

/* Lets every buried connection go before the leak check. */
static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  side_clear (&f->guest);
  side_clear (&f->host);
  g_clear_object (&f->joined);
  g_clear_error (&f->join_error);
  g_clear_pointer (&f->proxy, cs_test_live_proxy_free);
  cs_test_wait_until (never, NULL, 50);
}

static void
join_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  f->joined = cs_live_session_join_finish (result, &f->join_error);
  f->join_done = TRUE;
}

static gboolean
join_done (gpointer data)
{
  return ((Fixture *) data)->join_done;
}

/* Joins the host's session as @name with @code and @slide, through the
 * proxy when there is one; the new session (watched as the guest when
 * @watch), or NULL with the error in f->join_error. */
static CsLiveSession *
try_join (Fixture    *f,
          const char *name,
          const char *code,
          const char *slide,
          gboolean    watch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveLink) link = cs_live_link_parse (cs_live_session_get_link (f->host.session), &error);
  g_autoptr(CsAnnotationList) list = NULL;

  g_assert_no_error (error);
  if (f->proxy != NULL)
    {
      g_free (link->url);
      link->url = g_strdup_printf ("wss://127.0.0.1:%u/live", cs_test_live_proxy_get_port (f->proxy));
    }
  list = watch ? g_object_ref (f->guest.list) : cs_annotation_list_new ();
  f->join_done = FALSE;
  g_clear_error (&f->join_error);
  cs_live_session_join_async (link, code, name, slide, list, NULL, join_cb, f);
  g_assert_true (cs_test_wait_until (join_done, f, WAIT_MS));
  if (f->joined != NULL && watch)
    {
      side_watch (&f->guest, g_steal_pointer (&f->joined));
      cs_live_session_set_timeouts (f->guest.session, 200, 3000, 100);
      return f->guest.session;
    }
  return g_steal_pointer (&f->joined);
}

static gboolean
host_joined (gpointer data)
{
  Fixture *f = data;

  return cs_live_session_get_state (f->host.session) == CS_LIVE_STATE_JOINED;
}

static void
join (Fixture *f)
{
  CsLiveSession *guest = try_join (f, "佐藤先生", cs_live_session_get_code (f->host.session), SLIDE_A, TRUE);

  g_assert_no_error (f->join_error);
  g_assert_nonnull (guest);
  g_assert_true (cs_test_wait_until (host_joined, f, WAIT_MS));
}

static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  CsLiveSession *guest;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveLink) link = cs_live_link_parse (cs_live_session_get_link (f->host.session), &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (link->url, "wss://127.0.0.1:"));
  g_assert_cmpstr (link->fingerprint, ==, cs_live_session_get_fingerprint (f->host.session));
  g_assert_cmpstr (link->slide_sha256, ==, SLIDE_A);
  again = cs_live_link_format (link);
  g_assert_cmpstr (again, ==, cs_live_session_get_link (f->host.session));

  join (f);
  guest = f->guest.session;
  g_assert_cmpint (cs_live_session_get_state (guest), ==, CS_LIVE_STATE_JOINED);
  g_assert_cmpint (cs_live_session_get_role (guest), ==, CS_LIVE_ROLE_GUEST);
  g_assert_cmpstr (cs_live_session_get_name (guest), ==, "佐藤先生");
  g_assert_cmpstr (cs_live_session_get_peer_name (guest), ==, "Dr Ivanova");
  g_assert_cmpstr (cs_live_session_get_peer_name (f->host.session), ==, "佐藤先生");
  g_assert_cmpstr (cs_live_session_get_fingerprint (guest), ==,
                   cs_live_session_get_fingerprint (f->host.session));
  g_assert_true (cs_live_session_has_control (f->host.session));
  g_assert_false (cs_live_session_has_control (guest));
  g_assert_cmpuint (cs_live_session_get_bytes_sent (guest), >, 0);
  g_assert_cmpuint (cs_live_session_get_bytes_received (guest), >, 0);
}

static void
test_link_parse (void)
{
  const char *fp = "AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01";
  g_autofree char *text = g_strdup_printf ("  wss://[::1]:8443/live?fp=%s&slide=%s \n", fp, SLIDE_A);
  g_autofree char *no_slide = g_strdup_printf ("wss://h:1/live?fp=%s", fp);
  g_autofree char *http = g_strdup_printf ("https://h:1/live?fp=%s&slide=%s", fp, SLIDE_A);
  g_autofree char *no_port = g_strdup_printf ("wss://h/live?fp=%s&slide=%s", fp, SLIDE_A);
  const char *bad[] = { "", "wss://", no_slide, http, no_port, "wss://h:1/live?fp=12&slide=34" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveLink) link = cs_live_link_parse (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (link->url, ==, "wss://[::1]:8443/live");
  g_assert_true (g_str_has_prefix (link->fingerprint, "AB:01:AB:01:"));
  g_assert_cmpuint (strlen (link->fingerprint), ==, 95);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CsLiveLink) none = cs_live_link_parse (bad[i], &local_error);

      g_assert_null (none);
      g_assert_error (local_error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
    }
}

/* A remote slide's link: the series, the archive's base URL and the
 * study, escaped and read back; every malformed or missing piece refused. */
static void
test_link_remote (void)
{
  const char *base = "wss://h:1/live?fp=AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01AB01";
  CsLiveLink in = { "wss://h:1/live", "AB:01:AB:01:AB:01:AB:01:AB:01:AB:01:AB:01:AB:01:AB:01:AB:01:"
                    "AB:01:AB:01:AB:01:AB:01:AB:01:AB:01", SERIES_A, ARCHIVE_URL, STUDY_UID };
  const char *bad[] = {
    "&slide=dicom-series%3A1.2.3",
    "&slide=dicom-series%3A1.2.3&server=https%3A%2F%2Fp&study=",
    "&slide=dicom-series%3A1.2.3&study=1.2",
    "&slide=dicom-series%3A1.2.3&server=ftp%3A%2F%2Fp&study=1.2",
    "&slide=dicom-series%3A1.2.3&server=https%3A%2F%2Fu%3Apw%40p&study=1.2",
    "&slide=dicom-series%3A1.2.3&server=https%3A%2F%2Fp%2F%3Fq%3D1&study=1.2",
    "&slide=dicom-series%3A1.2.3&server=https%3A%2F%2Fp&study=1..2",
    "&slide=dicom-series%3A1.2.3x&server=https%3A%2F%2Fp&study=1.2",
    "&slide=dicom-series%3A.1.2&server=https%3A%2F%2Fp&study=1.2",
    "&slide=dicom-series%3A1.2222222222222222222222222222222222222222222222222222222222222222"
    "&server=https%3A%2F%2Fp&study=1.2",
    "&slide=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    "&server=https%3A%2F%2Fp&study=1.2",
  };
  g_autofree char *text = NULL;
  g_autoptr(CsLiveLink) out = NULL;
  g_autoptr(GError) error = NULL;

  text = cs_live_link_format (&in);
  g_assert_nonnull (strstr (text, "slide=dicom-series%3A1.2.826."));
  out = cs_live_link_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out->slide_sha256, ==, SERIES_A);
  g_assert_cmpstr (out->server_url, ==, ARCHIVE_URL);
  g_assert_cmpstr (out->study_uid, ==, STUDY_UID);
  g_assert_cmpstr (out->fingerprint, ==, in.fingerprint);
  /* The longest server address, each character escaped, still fits. */
  {
    g_autoptr(GString) longest = g_string_new ("https://p/");
    g_autofree char *long_text = NULL;
    g_autoptr(CsLiveLink) long_link = NULL;

    while (longest->len < 512)
      g_string_append_c (longest, '=');
    in.server_url = longest->str;
    long_text = cs_live_link_format (&in);
    long_link = cs_live_link_parse (long_text, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (long_link->server_url, ==, longest->str);
    g_string_append_c (longest, '=');
    g_assert_false (cs_live_link_check_source (longest->str, STUDY_UID, &error));
    g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
    g_clear_error (&error);
    in.server_url = (char *) ARCHIVE_URL;
  }
  /* Query or fragment in the server's address: not a source to share. */
  g_assert_false (cs_live_link_check_source (ARCHIVE_URL "/?a", STUDY_UID, &error));
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *link = g_strconcat (base, bad[i], NULL);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CsLiveLink) none = cs_live_link_parse (link, &local_error);

      if (none != NULL)
        g_error ("“%s” was read as a link", link);
      g_assert_error (local_error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
    }
}

/* Hosting on any free port of every interface, the link showing this
 * machine's address; and a slide without a SHA-256 identity refused. */
static void
test_host_defaults (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveSession) host = cs_live_session_host ("Dr Ivanova", SLIDE_A, list, NULL, 0, &error);
  g_autoptr(CsLiveSession) none = NULL;
  g_autoptr(CsLiveLink) link = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *code = NULL;

  g_assert_no_error (error);
  link = cs_live_link_parse (cs_live_session_get_link (host), &error);
  g_assert_no_error (error);
  suffix = g_strdup_printf (":%u/live", cs_live_session_get_port (host));
  g_assert_true (g_str_has_prefix (link->url, "wss://"));
  g_assert_true (g_str_has_suffix (link->url, suffix));
  code = cs_live_auth_normalize_code (cs_live_session_get_code (host));
  g_assert_nonnull (code);
  cs_live_session_end (host, NULL);
  g_assert_cmpint (cs_live_session_get_state (host), ==, CS_LIVE_STATE_ENDED);

  /* A remote slide needs its source; a malformed identity or source is refused. */
  none = cs_live_session_host ("Dr Ivanova", SERIES_A, list, NULL, 0, &error);
  g_assert_null (none);
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  none = cs_live_session_host ("Dr Ivanova", "dicom-series:1.2.x", list, NULL, 0, &error);
  g_assert_null (none);
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  none = cs_live_session_host_remote ("Dr Ivanova", SERIES_A, "https://user:pw@pacs", STUDY_UID,
                                      list, NULL, 0, &error);
  g_assert_null (none);
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  none = cs_live_session_host_remote ("Dr Ivanova", SLIDE_A, ARCHIVE_URL, "1.2.", list, NULL, 0,
                                      &error);
  g_assert_null (none);
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
}

static gboolean
guest_view_or_ping (gpointer data)
{
  Fixture *f = data;

  return f->host.pings > 0;
}

static gboolean
guest_has_view (gpointer data)
{
  return ((Fixture *) data)->guest.views > 0;
}

static gboolean
control_moved (gpointer data)
{
  Fixture *f = data;

  return cs_live_session_has_control (f->guest.session);
}

static gboolean
host_has_view (gpointer data)
{
  return ((Fixture *) data)->host.views > 0;
}

static void
test_view_control (Fixture       *f,
                   gconstpointer  data)
{
  CsLiveView view = { 1000, 2000, 4, 90 };
  CsLiveView other = { 50, 60, 1, 0 };
  g_autoptr(GError) error = NULL;

  join (f);
  /* The guest does not drive: its view is not sent (the ping after it
   * arrives, the view never did). */
  cs_live_session_send_view (f->guest.session, &other);
  cs_live_session_send_ping (f->guest.session, 1, 2, NULL);
  g_assert_true (cs_test_wait_until (guest_view_or_ping, f, WAIT_MS));
  g_assert_cmpuint (f->host.views, ==, 0);

  cs_live_session_send_view (f->host.session, &view);
  g_assert_true (cs_test_wait_until (guest_has_view, f, WAIT_MS));
  g_assert_cmpfloat (f->guest.last_view.x, ==, 1000);
  g_assert_cmpfloat (f->guest.last_view.y, ==, 2000);
  g_assert_cmpfloat (f->guest.last_view.zoom, ==, 4);
  g_assert_cmpfloat (f->guest.last_view.rotation, ==, 90);

  g_assert_false (cs_live_session_give_control (f->guest.session, &error));
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cs_live_session_give_control (f->host.session, &error));
  g_assert_no_error (error);
  g_assert_false (cs_live_session_has_control (f->host.session));
  g_assert_true (cs_test_wait_until (control_moved, f, WAIT_MS));
  cs_live_session_send_view (f->guest.session, &other);
  g_assert_true (cs_test_wait_until (host_has_view, f, WAIT_MS));
  g_assert_cmpfloat (f->host.last_view.x, ==, 50);
}

typedef struct
{
  Fixture *f;
  double   x;
} ViewAt;

static gboolean
guest_view_at (gpointer data)
{
  ViewAt *at = data;

  return at->f->guest.views > 0 && at->f->guest.last_view.x == at->x;
}

/* Views and pointers as fast as a mouse can make them: fewer are sent,
 * the latest arrives, and the peer's rate limit never ends the session. */
static void
test_motion_flood (Fixture       *f,
                   gconstpointer  data)
{
  guint n = 400;
  ViewAt at = { f, n - 1 };

  join (f);
  for (guint i = 0; i < n; i++)
    {
      CsLiveView view = { i, 10, 2, 0 };

      cs_live_session_send_view (f->host.session, &view);
      cs_live_session_send_pointer (f->host.session, i, 10, TRUE);
    }
  g_assert_true (cs_test_wait_until (guest_view_at, &at, WAIT_MS));
  g_assert_cmpuint (f->guest.views, <, n);
  g_assert_cmpint (cs_live_session_get_state (f->guest.session), ==, CS_LIVE_STATE_JOINED);
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_JOINED);
  g_assert_false (f->host.ended || f->guest.ended);
}

static gboolean
pointers_and_pings (gpointer data)
{
  Fixture *f = data;

  return f->host.pointers > 0 && f->guest.pointers > 0 && f->host.pings > 0 && f->guest.pings > 0;
}

static void
test_pointer_ping (Fixture       *f,
                   gconstpointer  data)
{
  join (f);
  cs_live_session_send_pointer (f->host.session, 10, 20, TRUE);
  cs_live_session_send_pointer (f->guest.session, 30, 40, FALSE);
  cs_live_session_send_ping (f->host.session, 10, 20, "Look at this mitosis");
  cs_live_session_send_ping (f->guest.session, 30, 40, NULL);
  g_assert_true (cs_test_wait_until (pointers_and_pings, f, WAIT_MS));
  g_assert_true (f->guest.pointer_visible);
  g_assert_false (f->host.pointer_visible);
  g_assert_cmpstr (f->guest.ping_note, ==, "Look at this mitosis");
  g_assert_null (f->host.ping_note);
}

/* ---- The code ------------------------------------------------------------ */

static char *
wrong_code (const char *right)
{
  char *code;

  do
    code = cs_live_auth_new_code ();
  while (g_str_equal (code, right) && (g_free (code), TRUE));
  return code;
}

static void
assert_refused (Fixture    *f,
                const char *code,
                const char *slide,
                const char *fragment)
{
  g_autoptr(CsLiveSession) none = try_join (f, "Dr Mallory", code, slide, FALSE);

  g_assert_null (none);
  g_assert_error (f->join_error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  if (strstr (f->join_error->message, fragment) == NULL)
    g_error ("“%s” does not name “%s”", f->join_error->message, fragment);
}

static void
test_wrong_code (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *first = g_strdup (cs_live_session_get_code (f->host.session));

  for (guint i = 0; i < CS_LIVE_CODE_MAX_ATTEMPTS; i++)
    {
      g_autofree char *wrong = wrong_code (first);

      g_assert_cmpuint (f->host.codes, ==, 0);
      assert_refused (f, wrong, SLIDE_A, "one-time code");
    }
  /* Attempts exhausted: a new code, and the old one is refused. */
  g_assert_cmpuint (f->host.codes, ==, 1);
  g_assert_cmpstr (cs_live_session_get_code (f->host.session), !=, first);
  assert_refused (f, first, SLIDE_A, "one-time code");
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_WAITING);
  join (f);
}

static gboolean
code_renewed (gpointer data)
{
  return ((Fixture *) data)->host.codes > 0;
}

static void
test_expired_code (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *first = g_strdup (cs_live_session_get_code (f->host.session));

  cs_live_session_set_code_lifetime (f->host.session, 1);
  g_assert_true (cs_test_wait_until (code_renewed, f, WAIT_MS));
  /* Long enough again for the slowest run (valgrind) to join in time. */
  cs_live_session_set_code_lifetime (f->host.session, CS_LIVE_CODE_LIFETIME_S);
  g_assert_cmpstr (cs_live_session_get_code (f->host.session), !=, first);
  assert_refused (f, first, SLIDE_A, "one-time code");
  join (f);
}

static void
test_other_slide (Fixture       *f,
                  gconstpointer  data)
{
  assert_refused (f, cs_live_session_get_code (f->host.session), SLIDE_B, "different slide");
  g_assert_nonnull (strstr (f->join_error->message, "0123456789ab"));
  g_assert_nonnull (strstr (f->join_error->message, "fedcba987654"));
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_WAITING);
  join (f);
}

static void
test_second_guest (Fixture       *f,
                   gconstpointer  data)
{
  join (f);
  assert_refused (f, cs_live_session_get_code (f->host.session), SLIDE_A,
                  "Another colleague is already in this session");
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_JOINED);
  g_assert_cmpint (cs_live_session_get_state (f->guest.session), ==, CS_LIVE_STATE_JOINED);
  g_assert_cmpstr (cs_live_session_get_peer_name (f->host.session), ==, "佐藤先生");
}

/* ---- Annotations ----------------------------------------------------------- */

static CsAnnotation *
make_annotation (double      x,
                 const char *author)
{
  CsRect rect = { x, 100, 50, 50 };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);
  CsAnnotation *annotation = cs_annotation_new (CS_SHAPE_POLYGON, geometry);

  if (author != NULL)
    cs_annotation_set_author (annotation, author);
  return annotation;
}

typedef struct
{
  CsAnnotationList *list;
  const char       *uuid;
  gboolean          present;
  const char       *name;
} Expect;

static gboolean
expected (gpointer data)
{
  Expect *e = data;
  CsAnnotation *found = cs_annotation_list_lookup (e->list, e->uuid);

  if (!e->present)
    return found == NULL;
  return found != NULL && (e->name == NULL || g_strcmp0 (cs_annotation_get_name (found), e->name) == 0);
}

static void
wait_for (CsAnnotationList *list,
          const char       *uuid,
          gboolean          present,
          const char       *name)
{
  Expect e = { list, uuid, present, name };

  g_assert_true (cs_test_wait_until (expected, &e, WAIT_MS));
}

static void
test_annotations (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsAnnotation) drawn = make_annotation (100, NULL);
  g_autoptr(CsAnnotation) signed_ = make_annotation (300, "Dr Petrov");
  g_autoptr(CsAnnotation) renamed = NULL;
  const char *a = cs_annotation_get_id (drawn);
  const char *b = cs_annotation_get_id (signed_);
  CsAnnotation *copy;

  join (f);
  cs_annotation_list_add (f->host.list, drawn);
  cs_annotation_list_add (f->guest.list, signed_);
  wait_for (f->guest.list, a, TRUE, NULL);
  wait_for (f->host.list, b, TRUE, NULL);

  /* Author and modified time as drawn; no author: the session's name. */
  copy = cs_annotation_list_lookup (f->guest.list, a);
  g_assert_cmpstr (cs_annotation_get_author (copy), ==, "Dr Ivanova");
  g_assert_cmpint (cs_annotation_get_modified (copy), ==, cs_annotation_get_modified (drawn));
  copy = cs_annotation_list_lookup (f->host.list, b);
  g_assert_cmpstr (cs_annotation_get_author (copy), ==, "Dr Petrov");
  g_assert_cmpint (cs_annotation_get_modified (copy), ==, cs_annotation_get_modified (signed_));
  g_assert_cmpstr (f->host.merged_author, ==, "Dr Petrov");

  /* Remote changes are not in the undo history: undo takes back only
   * one's own drawing. */
  g_assert_true (cs_annotation_list_undo (f->guest.list));
  g_assert_nonnull (cs_annotation_list_lookup (f->guest.list, a));
  g_assert_null (cs_annotation_list_lookup (f->guest.list, b));
  g_assert_false (cs_annotation_list_can_undo (f->guest.list));
  /* …and that undo is a deletion the host receives. */
  wait_for (f->host.list, b, FALSE, NULL);

  /* An edit by the guest of the host's annotation, then its deletion by
   * the host. */
  renamed = cs_annotation_copy (cs_annotation_list_lookup (f->guest.list, a));
  cs_annotation_set_name (renamed, "Mitosis");
  cs_annotation_list_update (f->guest.list, renamed);
  wait_for (f->host.list, a, TRUE, "Mitosis");
  cs_annotation_list_remove (f->host.list, cs_annotation_list_lookup (f->host.list, a));
  wait_for (f->guest.list, a, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->host.list)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->guest.list)), ==, 0);
}

/* Adds a reply next to the first annotation the list receives, from
 * inside the list's own signal: a local change made while a remote one is
 * being merged. */
static void
reply_on_items_changed (GListModel *list,
                        guint       position,
                        guint       removed,
                        guint       added,
                        gpointer    user_data)
{
  CsAnnotation **reply = user_data;

  if (added == 0 || *reply == NULL || cs_annotation_list_lookup (CS_ANNOTATION_LIST (list),
                                                                 cs_annotation_get_id (*reply)) != NULL)
    return;
  cs_annotation_list_add (CS_ANNOTATION_LIST (list), *reply);
}

static void
test_reply_while_merging (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CsAnnotation) drawn = make_annotation (100, NULL);
  g_autoptr(CsAnnotation) reply = make_annotation (300, NULL);
  char *reply_id = g_strdup (cs_annotation_get_id (reply));
  CsAnnotation *pending = reply;

  join (f);
  g_signal_connect (f->guest.list, "items-changed", G_CALLBACK (reply_on_items_changed), &pending);
  cs_annotation_list_add (f->host.list, drawn);
  wait_for (f->guest.list, cs_annotation_get_id (drawn), TRUE, NULL);
  g_assert_nonnull (cs_annotation_list_lookup (f->guest.list, reply_id));
  g_signal_handlers_disconnect_by_func (f->guest.list, reply_on_items_changed, &pending);

  /* The reply is local: it reaches the host, with the guest's name. */
  wait_for (f->host.list, reply_id, TRUE, NULL);
  g_assert_cmpstr (cs_annotation_get_author (cs_annotation_list_lookup (f->host.list, reply_id)), ==, "佐藤先生");
  g_free (reply_id);
}

/* An annotation from a side whose clock is an hour ahead: deleting it
 * here still wins. */
static void
test_clock_ahead (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsAnnotation) ahead = make_annotation (100, NULL);
  const char *uuid = cs_annotation_get_id (ahead);

  join (f);
  cs_annotation_set_modified (ahead, g_get_real_time () + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
  cs_annotation_list_add (f->guest.list, ahead);
  wait_for (f->host.list, uuid, TRUE, NULL);
  cs_annotation_list_remove (f->host.list, cs_annotation_list_lookup (f->host.list, uuid));
  wait_for (f->guest.list, uuid, FALSE, NULL);
}

static gint64
modified_of (CsAnnotationList *list,
             const char       *uuid)
{
  CsAnnotation *listed = cs_annotation_list_lookup (list, uuid);

  g_assert_nonnull (listed);
  return cs_annotation_get_modified (listed);
}

static void
rename_annotation (CsAnnotationList *list,
                   const char       *uuid,
                   const char       *name)
{
  g_autoptr(CsAnnotation) renamed = cs_annotation_copy (cs_annotation_list_lookup (list, uuid));

  cs_annotation_set_name (renamed, name);
  cs_annotation_list_update (list, renamed);
}

/* An edit undone (and redone) brings back a state with its earlier
 * modified time, which the other side would refuse as older than the
 * edit it has: it is stamped anew, and both sides keep the same
 * annotation. So is an edit here of an annotation from a side whose
 * clock is ahead. */
static void
test_undo_edit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsAnnotation) drawn = make_annotation (100, NULL);
  g_autoptr(CsAnnotation) ahead = make_annotation (300, NULL);
  g_autofree char *uuid = g_strdup (cs_annotation_get_id (drawn));
  g_autofree char *ahead_uuid = g_strdup (cs_annotation_get_id (ahead));

  join (f);
  cs_annotation_set_name (drawn, "Tumour");
  cs_annotation_list_add (f->host.list, drawn);
  wait_for (f->guest.list, uuid, TRUE, "Tumour");
  rename_annotation (f->host.list, uuid, "Mitosis");
  wait_for (f->guest.list, uuid, TRUE, "Mitosis");

  g_assert_true (cs_annotation_list_undo (f->host.list));
  g_assert_cmpstr (cs_annotation_get_name (cs_annotation_list_lookup (f->host.list, uuid)), ==, "Tumour");
  wait_for (f->guest.list, uuid, TRUE, "Tumour");
  g_assert_cmpint (modified_of (f->guest.list, uuid), ==, modified_of (f->host.list, uuid));
  g_assert_true (cs_annotation_list_redo (f->host.list));
  wait_for (f->guest.list, uuid, TRUE, "Mitosis");
  g_assert_cmpint (modified_of (f->guest.list, uuid), ==, modified_of (f->host.list, uuid));

  cs_annotation_set_modified (ahead, g_get_real_time () + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
  cs_annotation_list_add (f->guest.list, ahead);
  wait_for (f->host.list, ahead_uuid, TRUE, NULL);
  rename_annotation (f->host.list, ahead_uuid, "Necrosis");
  wait_for (f->guest.list, ahead_uuid, TRUE, "Necrosis");
  g_assert_cmpint (modified_of (f->guest.list, ahead_uuid), ==, modified_of (f->host.list, ahead_uuid));
}

/* A deletion undone (and one restored from the trash) comes back on both
 * sides, stamped after the deletion, with the same modified time. */
static void
test_undo_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsAnnotation) drawn = make_annotation (100, NULL);
  g_autofree char *uuid = g_strdup (cs_annotation_get_id (drawn));
  g_autoptr(CsAnnotation) trashed = NULL;
  gint64 drawn_time = cs_annotation_get_modified (drawn);

  join (f);
  cs_annotation_list_add (f->host.list, drawn);
  wait_for (f->guest.list, uuid, TRUE, NULL);
  cs_annotation_list_remove (f->host.list, cs_annotation_list_lookup (f->host.list, uuid));
  wait_for (f->guest.list, uuid, FALSE, NULL);

  g_assert_true (cs_annotation_list_undo (f->host.list));
  g_assert_nonnull (cs_annotation_list_lookup (f->host.list, uuid));
  wait_for (f->guest.list, uuid, TRUE, NULL);
  g_assert_cmpint (modified_of (f->host.list, uuid), >, drawn_time);
  g_assert_cmpint (modified_of (f->guest.list, uuid), ==, modified_of (f->host.list, uuid));
  /* The restamp is no step of its own: one undo takes back the drawing. */
  g_assert_true (cs_annotation_list_undo (f->host.list));
  wait_for (f->guest.list, uuid, FALSE, NULL);
  g_assert_false (cs_annotation_list_can_undo (f->host.list));

  /* The guest restores it from its trash. */
  g_assert_cmpuint (g_list_model_get_n_items (cs_annotation_list_get_trash (f->guest.list)), >, 0);
  trashed = g_list_model_get_item (cs_annotation_list_get_trash (f->guest.list), 0);
  g_assert_cmpstr (cs_annotation_get_id (trashed), ==, uuid);
  cs_annotation_list_restore (f->guest.list, trashed);
  wait_for (f->host.list, uuid, TRUE, NULL);
  g_assert_cmpint (modified_of (f->host.list, uuid), ==, modified_of (f->guest.list, uuid));
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_JOINED);
}

static gboolean
not_shared (gpointer data)
{
  return ((Side *) data)->not_shared_uuid != NULL;
}

static gboolean both_joined (gpointer data);
static void join_through_proxy (Fixture *f);

/* An annotation too large for any live message (a name of over 1 MiB
 * stands for a huge freehand, cheaper to write): the user is told, once,
 * also across a rejoin; the session goes on. */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsAnnotation) huge = make_annotation (100, NULL);
  g_autoptr(CsAnnotation) small = make_annotation (200, NULL);
  g_autoptr(CsAnnotation) later = make_annotation (300, NULL);
  g_autofree char *name = g_strnfill (CS_LIVE_ANNOTATION_MAX_SIZE + 1, 'x');
  guint accepted;

  cs_annotation_set_name (huge, name);
  join_through_proxy (f);
  cs_annotation_list_add (f->guest.list, huge);
  g_assert_true (cs_test_wait_until (not_shared, &f->guest, WAIT_MS));
  g_assert_cmpstr (f->guest.not_shared_uuid, ==, cs_annotation_get_id (huge));
  g_assert_nonnull (strstr (f->guest.not_shared_reason, "too large"));
  g_assert_cmpuint (f->guest.not_shared, ==, 1);
  cs_annotation_list_add (f->guest.list, small);
  wait_for (f->host.list, cs_annotation_get_id (small), TRUE, NULL);
  g_assert_null (cs_annotation_list_lookup (f->host.list, cs_annotation_get_id (huge)));
  g_assert_null (f->host.not_shared_uuid);

  /* A rejoin does not try it again. */
  accepted = cs_test_live_proxy_get_n_accepted (f->proxy);
  cs_test_live_proxy_cut (f->proxy);
  while (cs_test_live_proxy_get_n_accepted (f->proxy) < accepted + 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cs_test_wait_until (both_joined, f, WAIT_MS));
  cs_annotation_list_add (f->guest.list, later);
  wait_for (f->host.list, cs_annotation_get_id (later), TRUE, NULL);
  g_assert_cmpuint (f->guest.not_shared, ==, 1);
}

/* Many annotations at once: the pacing keeps under the peer's limit (a
 * burst beyond it would close the connection). */
static void
test_pacing (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = cs_test_workload (90, 60);
  g_autofree char *last = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (many, make_annotation (10 * i, NULL));
  last = g_strdup (cs_annotation_get_id (many->pdata[n - 1]));
  cs_annotation_list_add_many (f->host.list, many, "Import");
  join (f);
  wait_for (f->guest.list, last, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->guest.list)), ==, n);
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_JOINED);
  g_assert_cmpint (cs_live_session_get_state (f->guest.session), ==, CS_LIVE_STATE_JOINED);
}

typedef struct
{
  CsAnnotationList *list;
  guint             n;
} Count;

static gboolean
has_all (gpointer data)
{
  Count *count = data;

  return g_list_model_get_n_items (G_LIST_MODEL (count->list)) >= count->n;
}

/* The full sync of a join goes in batches: 2,000 annotations (500 with
 * CS_TEST_LIGHT, under valgrind and ASan; CS_TEST_LIVE_SYNC of them, to
 * measure) arrive within the wait, where one message each at the
 * live-edit pace would take over two minutes (half a minute), and no
 * side trips the other's rate limit. */
static void
test_full_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  const char *wanted = g_getenv ("CS_TEST_LIVE_SYNC");
  guint n = wanted != NULL ? (guint) g_ascii_strtoull (wanted, NULL, 10) : cs_test_workload (2000, 500);
  Count count = { f->guest.list, 0 };
  gint64 start;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (many, make_annotation (10.0 * i, NULL));
  cs_annotation_list_add_many (f->host.list, many, "Import");
  count.n = n;
  start = g_get_monotonic_time ();
  join (f);
  g_assert_true (cs_test_wait_until (has_all, &count, MAX (WAIT_MS, n * 10)));
  g_test_message ("%u annotations synced in %" G_GINT64_FORMAT " ms", n,
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->guest.list)), ==, n);
  for (guint i = 0; i < n; i += 97)
    g_assert_nonnull (cs_annotation_list_lookup (f->guest.list, cs_annotation_get_id (many->pdata[i])));
  g_assert_true (both_joined (f));
  g_assert_false (f->host.ended || f->guest.ended);
}

/* ---- The link -------------------------------------------------------------- */

static gboolean
both_in (Fixture    *f,
         CsLiveState state)
{
  return cs_live_session_get_state (f->host.session) == state
         && cs_live_session_get_state (f->guest.session) == state;
}

static gboolean
both_reconnecting (gpointer data)
{
  return both_in (data, CS_LIVE_STATE_RECONNECTING);
}

static gboolean
both_joined (gpointer data)
{
  return both_in (data, CS_LIVE_STATE_JOINED);
}

static gboolean
both_ended (gpointer data)
{
  Fixture *f = data;

  return f->host.ended && f->guest.ended;
}

static void
join_through_proxy (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->proxy = cs_test_live_proxy_new (cs_live_session_get_port (f->host.session), &error);
  g_assert_no_error (error);
  join (f);
}

static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsAnnotation) by_host = make_annotation (100, NULL);
  g_autoptr(CsAnnotation) by_guest = make_annotation (300, NULL);
  guint accepted;

  join_through_proxy (f);
  g_assert_true (cs_live_session_give_control (f->host.session, NULL));
  g_assert_true (cs_test_wait_until (control_moved, f, WAIT_MS));
  cs_test_live_proxy_set_blocked (f->proxy, TRUE);
  cs_test_live_proxy_cut (f->proxy);
  g_assert_true (cs_test_wait_until (both_reconnecting, f, WAIT_MS));

  /* Meanwhile nobody else gets in, even with the code. */
  {
    CsTestLiveProxy *proxy = g_steal_pointer (&f->proxy);

    assert_refused (f, cs_live_session_get_code (f->host.session), SLIDE_A,
                    "Another colleague is already in this session");
    f->proxy = proxy;
  }
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_RECONNECTING);

  /* Drawn on both sides while the link is down. */
  cs_annotation_list_add (f->host.list, by_host);
  cs_annotation_list_add (f->guest.list, by_guest);
  accepted = cs_test_live_proxy_get_n_accepted (f->proxy);
  /* The guest keeps trying… */
  while (cs_test_live_proxy_get_n_accepted (f->proxy) < accepted + 2)
    g_main_context_iteration (NULL, TRUE);
  cs_test_live_proxy_set_blocked (f->proxy, FALSE);
  g_assert_true (cs_test_wait_until (both_joined, f, WAIT_MS));
  wait_for (f->host.list, cs_annotation_get_id (by_guest), TRUE, NULL);
  wait_for (f->guest.list, cs_annotation_get_id (by_host), TRUE, NULL);
  g_assert_false (f->host.ended || f->guest.ended);
  g_assert_cmpstr (cs_live_session_get_peer_name (f->host.session), ==, "佐藤先生");
  /* The guest still drives after the rejoin. */
  g_assert_true (cs_live_session_has_control (f->guest.session));
  g_assert_false (cs_live_session_has_control (f->host.session));
}

static void
on_host_state (CsLiveSession *session,
               GParamSpec    *pspec,
               guint         *reconnecting)
{
  if (cs_live_session_get_state (session) == CS_LIVE_STATE_RECONNECTING)
    (*reconnecting)++;
}

static gboolean
host_noticed (gpointer data)
{
  return *(guint *) data > 0;
}

/* A guest that falls silent (no keepalives): the host declares the link
 * lost after its timeout, both sides reconnect, and the session goes on
 * once the guest speaks again. */
static void
test_keepalive_timeout (Fixture       *f,
                        gconstpointer  data)
{
  guint reconnecting = 0;

  join (f);
  g_signal_connect (f->host.session, "notify::state", G_CALLBACK (on_host_state), &reconnecting);
  cs_live_session_set_timeouts (f->host.session, 100, 600, 100);
  cs_live_session_set_timeouts (f->guest.session, 0, 0, 100);
  g_assert_true (cs_test_wait_until (host_noticed, &reconnecting, WAIT_MS));
  cs_live_session_set_timeouts (f->guest.session, 100, 3000, 100);
  cs_live_session_set_timeouts (f->host.session, 100, 3000, 100);
  g_assert_true (cs_test_wait_until (both_joined, f, WAIT_MS));
  g_assert_false (f->host.ended || f->guest.ended);
  g_signal_handlers_disconnect_by_data (f->host.session, &reconnecting);
}

static void
test_give_up (Fixture       *f,
              gconstpointer  data)
{
  join_through_proxy (f);
  cs_live_session_set_reconnect_limit (f->host.session, 600);
  cs_live_session_set_reconnect_limit (f->guest.session, 600);
  cs_test_live_proxy_set_blocked (f->proxy, TRUE);
  cs_test_live_proxy_cut (f->proxy);
  g_assert_true (cs_test_wait_until (both_ended, f, WAIT_MS));
  g_assert_error (f->host.ended_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_error (f->guest.ended_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_ENDED);
  g_assert_cmpint (cs_live_session_get_state (f->guest.session), ==, CS_LIVE_STATE_ENDED);
}

static void
test_end (Fixture       *f,
          gconstpointer  data)
{
  join (f);
  cs_live_session_end (f->guest.session, "Thank you, see you tomorrow");
  g_assert_true (cs_test_wait_until (both_ended, f, WAIT_MS));
  g_assert_no_error (f->host.ended_error);
  g_assert_no_error (f->guest.ended_error);
  g_assert_cmpstr (f->host.ended_reason, ==, "Thank you, see you tomorrow");
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_ENDED);
  /* Ended once: ending again changes nothing. */
  cs_live_session_end (f->host.session, NULL);
}

/* ---- Cancelling ------------------------------------------------------------ */

static void
hold_connection (SoupWebsocketConnection *connection,
                 gpointer                 user_data)
{
  SoupWebsocketConnection **held = user_data;

  g_clear_object (held);
  *held = g_object_ref (connection);
}

static gboolean
has_connection (gpointer data)
{
  return *(SoupWebsocketConnection **) data != NULL;
}

static gboolean
connection_closed (gpointer data)
{
  SoupWebsocketConnection *connection = *(SoupWebsocketConnection **) data;

  return soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_CLOSED;
}

/* A server that accepts the WebSocket and then says nothing (no hello):
 * cancelling the join in the middle of its handshake finishes it at once
 * as cancelled (not when the handshake times out), and closes the
 * connection. */
static void
test_cancel_join (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = cs_live_auth_new_certificate ("127.0.0.1", 1, &error);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupWebsocketConnection) held = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autofree char *fingerprint = NULL;
  g_autofree char *url = NULL;
  CsLiveLink link = { NULL, NULL, SLIDE_A };
  Fixture f = { 0 };
  guint port = 0;

  g_assert_no_error (error);
  server = cs_live_host_listen (certificate, 0, hold_connection, &held, &port, &error);
  g_assert_no_error (error);
  fingerprint = cs_live_auth_fingerprint (certificate);
  url = g_strdup_printf ("wss://127.0.0.1:%u/live", port);
  link.url = url;
  link.fingerprint = fingerprint;
  cs_live_session_join_async (&link, "ABCD-EFGH", "佐藤先生", SLIDE_A, list, cancellable, join_cb, &f);
  g_assert_true (cs_test_wait_until (has_connection, &held, WAIT_MS));
  g_assert_false (f.join_done);
  g_cancellable_cancel (cancellable);
  /* Well before the handshake's own timeout would have ended it. */
  g_assert_true (cs_test_wait_until (join_done, &f, CS_LIVE_TIMEOUT_MS / 2));
  g_assert_error (f.join_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f.joined);
  g_assert_true (cs_test_wait_until (connection_closed, &held, WAIT_MS));
  g_clear_error (&f.join_error);
  cs_test_wait_until (never, NULL, 50);
}

/* ---- A hostile guest ------------------------------------------------------- */

typedef struct
{
  SoupWebsocketConnection *connection;
  GError                  *error;
  gboolean                 done;
  gboolean                 joined;
} Raw;

static void
raw_connected (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Raw *raw = user_data;

  raw->connection = cs_live_join_finish (result, &raw->error);
  raw->done = TRUE;
}

static void
raw_joined (CsLivePeer *peer,
            Raw        *raw)
{
  raw->joined = TRUE;
}

static gboolean
raw_done (gpointer data)
{
  return ((Raw *) data)->done;
}

static gboolean
raw_is_joined (gpointer data)
{
  return ((Raw *) data)->joined;
}

static gboolean
host_ended (gpointer data)
{
  return ((Fixture *) data)->host.ended;
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsAnnotation) kept = make_annotation (100, NULL);
  g_autoptr(CsLiveLink) link = cs_live_link_parse (cs_live_session_get_link (f->host.session), NULL);
  g_autoptr(CsLivePeer) peer = NULL;
  Raw raw = { 0 };

  cs_annotation_list_add (f->host.list, kept);
  cs_live_join_async (link->url, link->fingerprint, NULL, raw_connected, &raw);
  g_assert_true (cs_test_wait_until (raw_done, &raw, WAIT_MS));
  g_assert_no_error (raw.error);
  peer = cs_live_peer_new_guest (raw.connection, "Dr Mallory", SLIDE_A, cs_live_session_get_code (f->host.session));
  g_signal_connect (peer, "joined", G_CALLBACK (raw_joined), &raw);
  g_assert_true (cs_test_wait_until (raw_is_joined, &raw, WAIT_MS));
  g_assert_true (cs_test_wait_until (host_joined, f, WAIT_MS));

  /* An upsert whose feature is no GeoJSON, for the listed annotation. */
  {
    g_autofree char *text = g_strdup_printf ("{\"v\":1,\"type\":\"annotation-upsert\",\"uuid\":\"%s\","
                                             "\"author\":\"x\",\"modified\":\"2030-01-01T00:00:00Z\","
                                             "\"feature\":{\"type\":\"Nonsense\"}}",
                                             cs_annotation_get_id (kept));

    soup_websocket_connection_send_text (raw.connection, text);
  }
  g_assert_true (cs_test_wait_until (host_ended, f, WAIT_MS));
  g_assert_error (f->host.ended_error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID);
  g_assert_nonnull (strstr (f->host.ended_error->message, "invalid feature"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->host.list)), ==, 1);
  g_assert_true (cs_annotation_list_lookup (f->host.list, cs_annotation_get_id (kept)) == kept);
  g_signal_handlers_disconnect_by_data (peer, &raw);
  g_clear_object (&peer);
  g_clear_object (&raw.connection);
}

static gboolean
raw_closed (gpointer data)
{
  return soup_websocket_connection_get_state (data) == SOUP_WEBSOCKET_STATE_CLOSED;
}

/* A raw TLS WebSocket connection to the host, which says nothing. */
static SoupWebsocketConnection *
raw_connect (const CsLiveLink *link)
{
  Raw raw = { 0 };

  cs_live_join_async (link->url, link->fingerprint, NULL, raw_connected, &raw);
  g_assert_true (cs_test_wait_until (raw_done, &raw, WAIT_MS));
  g_assert_no_error (raw.error);
  return raw.connection;
}

/* Connections that never finish their handshake are capped: one more is
 * closed at once (not when the handshake times out), and the silent ones
 * gone, a colleague still joins. */
static void
test_handshake_cap (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsLiveLink) link = cs_live_link_parse (cs_live_session_get_link (f->host.session), NULL);
  g_autoptr(GPtrArray) silent = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SoupWebsocketConnection) extra = NULL;

  /* Far beyond the test's wait: only the cap can close the extra one. */
  cs_live_session_set_timeouts (f->host.session, 200, 10 * WAIT_MS, 100);
  for (guint i = 0; i < CS_LIVE_MAX_HANDSHAKES; i++)
    g_ptr_array_add (silent, raw_connect (link));
  extra = raw_connect (link);
  g_assert_true (cs_test_wait_until (raw_closed, extra, WAIT_MS));
  g_assert_cmpint (soup_websocket_connection_get_close_code (extra), ==,
                   SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  for (guint i = 0; i < silent->len; i++)
    g_assert_cmpint (soup_websocket_connection_get_state (silent->pdata[i]), ==,
                     SOUP_WEBSOCKET_STATE_OPEN);

  for (guint i = 0; i < silent->len; i++)
    {
      soup_websocket_connection_close (silent->pdata[i], SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_assert_true (cs_test_wait_until (raw_closed, silent->pdata[i], WAIT_MS));
    }
  /* The host may see the last of them close just after this side does. */
  for (guint attempt = 0; attempt < 10 && f->guest.session == NULL; attempt++)
    try_join (f, "佐藤先生", cs_live_session_get_code (f->host.session), SLIDE_A, TRUE);
  g_assert_no_error (f->join_error);
  g_assert_true (cs_test_wait_until (host_joined, f, WAIT_MS));
}

static void
count_refusals (SoupWebsocketConnection *connection,
                int                      type,
                GBytes                  *bytes,
                guint                   *refusals)
{
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  if (g_strstr_len (text, size, "\"refuse\"") != NULL)
    (*refusals)++;
}

/* Before proving the code, a frame larger than any handshake message is
 * refused by the WebSocket layer (too big), not buffered and parsed
 * (which would end in a refuse message and a policy violation). */
static void
test_large_before_hello (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsLiveLink) link = cs_live_link_parse (cs_live_session_get_link (f->host.session), NULL);
  g_autoptr(SoupWebsocketConnection) hostile = raw_connect (link);
  g_autofree char *padding = g_strnfill (2 * CS_LIVE_MESSAGE_MAX_SIZE, ' ');
  g_autofree char *text = g_strdup_printf ("{\"v\":1,\"type\":\"hello\"%s}", padding);
  guint refusals = 0;

  g_signal_connect (hostile, "message", G_CALLBACK (count_refusals), &refusals);
  soup_websocket_connection_send_text (hostile, text);
  g_assert_true (cs_test_wait_until (raw_closed, hostile, WAIT_MS));
  g_assert_cmpuint (refusals, ==, 0);
  g_assert_cmpint (soup_websocket_connection_get_close_code (hostile), !=,
                   SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  g_signal_handlers_disconnect_by_data (hostile, &refusals);
  g_assert_cmpint (cs_live_session_get_state (f->host.session), ==, CS_LIVE_STATE_WAITING);
  join (f);
}

/* A guest with the same series joins a host on a remote slide, and the
 * annotations cross; one with another series is refused, naming both. */
static void
test_remote_slide (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsAnnotation) drawn = make_annotation (120, NULL);
  CsLiveSession *guest;

  g_assert_true (g_str_has_suffix (cs_live_session_get_link (f->host.session),
                                   "&server=https%3A%2F%2Fpacs.example.org%3A8443%2Fdicom-web"
                                   "&study=" STUDY_UID));
  assert_refused (f, cs_live_session_get_code (f->host.session), SERIES_B, "different slide");
  g_assert_nonnull (strstr (f->join_error->message, "3680043.8.498.11"));
  g_assert_nonnull (strstr (f->join_error->message, "3680043.8.498.12"));
  guest = try_join (f, "佐藤先生", cs_live_session_get_code (f->host.session), SERIES_A, TRUE);
  g_assert_no_error (f->join_error);
  g_assert_nonnull (guest);
  g_assert_true (cs_test_wait_until (host_joined, f, WAIT_MS));
  cs_annotation_list_add (f->host.list, drawn);
  wait_for (f->guest.list, cs_annotation_get_id (drawn), TRUE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cs/live-session/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("join", test_join);
  g_test_add_func ("/cs/live-session/link-parse", test_link_parse);
  g_test_add_func ("/cs/live-session/link-remote", test_link_remote);
  g_test_add_func ("/cs/live-session/host-defaults", test_host_defaults);
  g_test_add_func ("/cs/live-session/cancel-join", test_cancel_join);
  ADD ("view-control", test_view_control);
  ADD ("pointer-ping", test_pointer_ping);
  ADD ("motion-flood", test_motion_flood);
  ADD ("wrong-code", test_wrong_code);
  ADD ("expired-code", test_expired_code);
  ADD ("other-slide", test_other_slide);
  g_test_add ("/cs/live-session/remote-slide", Fixture, SERIES_A, fixture_setup, test_remote_slide,
              fixture_teardown);
  ADD ("second-guest", test_second_guest);
  ADD ("annotations", test_annotations);
  ADD ("reply-while-merging", test_reply_while_merging);
  ADD ("clock-ahead", test_clock_ahead);
  ADD ("undo-delete", test_undo_delete);
  ADD ("undo-edit", test_undo_edit);
  ADD ("too-large", test_too_large);
  ADD ("pacing", test_pacing);
  ADD ("full-sync", test_full_sync);
  ADD ("reconnect", test_reconnect);
  ADD ("keepalive-timeout", test_keepalive_timeout);
  ADD ("give-up", test_give_up);
  ADD ("end", test_end);
  ADD ("malformed", test_malformed);
  ADD ("handshake-cap", test_handshake_cap);
  ADD ("large-before-hello", test_large_before_hello);
#undef ADD
  return g_test_run ();
}
