/* test-dicomweb-hostile.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-dicomweb-private.h"

/* The client against a hostile HTTP server: a real loopback server in a
 * thread of this program answering what no DICOMweb server should
 * (bodies past the size caps, garbage, failing statuses), and transient
 * failures that pass. The first path segment of the base URL chooses the
 * answer; the server counts the requests. */

typedef struct
{
  GSocketListener *listener;
  GCancellable    *stop;
  GThread         *thread;
  guint            port;
  gint             requests;   /* atomic */
} Server;

#define BIG_BYTES (20 * 1024 * 1024)

static void
send_text (GOutputStream *out,
           const char    *text)
{
  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

/* Sends @size bytes of "x", stopping when the client hangs up. */
static void
send_filler (GOutputStream *out,
             gsize          size)
{
  static char block[64 * 1024];

  memset (block, 'x', sizeof block);
  for (gsize sent = 0; sent < size; sent += sizeof block)
    if (!g_output_stream_write_all (out, block, sizeof block, NULL, NULL, NULL))
      return;
}

static void
answer (Server        *server,
        const char    *path,
        GOutputStream *out)
{
  gint n = g_atomic_int_add (&server->requests, 1);

  if (g_str_has_prefix (path, "/flaky/") && n == 0)
    send_text (out, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                    "Connection: close\r\n\r\n");
  else if (g_str_has_prefix (path, "/flaky/"))
    send_text (out, "HTTP/1.1 200 OK\r\nContent-Type: application/dicom+json\r\n"
                    "Content-Length: 2\r\nConnection: close\r\n\r\n[]");
  else if (g_str_has_prefix (path, "/gateway/"))
    send_text (out, "HTTP/1.1 504 Gateway Timeout\r\nContent-Length: 0\r\n"
                    "Connection: close\r\n\r\n");
  else if (g_str_has_prefix (path, "/broken/"))
    send_text (out, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n"
                    "Connection: close\r\n\r\n");
  else if (g_str_has_prefix (path, "/moved/"))
    send_text (out, "HTTP/1.1 301 Moved Permanently\r\nLocation: http://elsewhere.example/x\r\n"
                    "Content-Length: 0\r\nConnection: close\r\n\r\n");
  else if (g_str_has_prefix (path, "/garbage/"))
    send_text (out, "HTTP/1.1 200 OK\r\nContent-Type: application/dicom+json\r\n"
                    "Content-Length: 6\r\nConnection: close\r\n\r\n<html>");
  else if (g_str_has_prefix (path, "/announced/"))
    {
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
                                               "Connection: close\r\n\r\n", BIG_BYTES);

      send_text (out, head);
      send_filler (out, BIG_BYTES);
    }
  else if (g_str_has_prefix (path, "/endless/"))
    {
      send_text (out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
      send_filler (out, BIG_BYTES);
    }
  else
    send_text (out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

/* The request line's path; the rest of the head is read and ignored. */
static char *
read_request (GInputStream *in)
{
  g_autoptr(GString) head = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  char c;

  while (!g_str_has_suffix (head->str, "\r\n\r\n") && head->len < 16384)
    {
      if (g_input_stream_read (in, &c, 1, NULL, NULL) != 1)
        return NULL;
      g_string_append_c (head, c);
    }
  words = g_strsplit (head->str, " ", 3);

  return g_strv_length (words) >= 2 ? g_strdup (words[1]) : NULL;
}

static gpointer
serve_thread (gpointer data)
{
  Server *server = data;

  while (TRUE)
    {
      g_autoptr(GSocketConnection) connection =
        g_socket_listener_accept (server->listener, NULL, server->stop, NULL);
      g_autofree char *path = NULL;

      if (connection == NULL)
        return NULL;
      path = read_request (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
      if (path != NULL)
        answer (server, path, g_io_stream_get_output_stream (G_IO_STREAM (connection)));
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

static void
server_setup (Server       *server,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  static const guint quick[] = { 5, 5, 5 };

  server->listener = g_socket_listener_new ();
  server->stop = g_cancellable_new ();
  server->port = g_socket_listener_add_any_inet_port (server->listener, NULL, &error);
  g_assert_no_error (error);
  server->thread = g_thread_new ("hostile-server", serve_thread, server);
  _cs_dicomweb_set_retry_delays (quick, G_N_ELEMENTS (quick));
}

static void
server_teardown (Server       *server,
                 gconstpointer data)
{
  _cs_dicomweb_set_retry_delays (NULL, 0);
  g_cancellable_cancel (server->stop);
  g_thread_join (server->thread);
  g_socket_listener_close (server->listener);
  g_clear_object (&server->listener);
  g_clear_object (&server->stop);
}

/* Searches studies on the server's @name base; returns the error. */
static GError *
search (Server     *server,
        const char *name)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/%s", server->port, name);
  g_autoptr(CsDicomwebClient) client = cs_dicomweb_client_new (url, NULL);
  g_autoptr(GPtrArray) studies = NULL;
  GError *error = NULL;

  cs_dicomweb_client_set_name (client, "Hostile Archive");
  studies = cs_dicomweb_client_search_studies (client, NULL, NULL, &error);
  if (error != NULL)
    {
      g_assert_null (studies);
      g_assert_nonnull (strstr (error->message, "Hostile Archive"));
      g_test_message ("%s: %s", name, error->message);
    }

  return error;
}

/* A 503 passes: the second try answers. */
static void
test_transient_status_retried (Server       *server,
                               gconstpointer data)
{
  g_autoptr(GError) error = search (server, "flaky");

  g_assert_no_error (error);
  g_assert_cmpint (g_atomic_int_get (&server->requests), ==, 2);
}

/* A 504 that lasts: one try and three retries, then a server error. */
static void
test_transient_status_lasting (Server       *server,
                               gconstpointer data)
{
  g_autoptr(GError) error = search (server, "gateway");

  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "504"));
  g_assert_cmpint (g_atomic_int_get (&server->requests), ==, 4);
}

/* A 500 is not retried. */
static void
test_server_error (Server       *server,
                   gconstpointer data)
{
  g_autoptr(GError) error = search (server, "broken");

  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpint (g_atomic_int_get (&server->requests), ==, 1);
}

static void
test_garbage (Server       *server,
              gconstpointer data)
{
  g_autoptr(GError) error = search (server, "garbage");

  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "JSON"));
}

/* Bodies past the cap, announced or not, are refused without being
 * read whole. */
static void
test_too_big (Server       *server,
              gconstpointer data)
{
  g_autoptr(GError) announced = search (server, "announced");
  g_autoptr(GError) endless = search (server, "endless");

  g_assert_error (announced, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED);
  g_assert_nonnull (strstr (announced->message, "larger than"));
  g_assert_error (endless, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED);
  g_assert_nonnull (strstr (endless->message, "larger than"));
}

/* A redirect is not followed (the credentials would go along): the
 * error says where it points. */
static void
test_redirect (Server       *server,
               gconstpointer data)
{
  g_autoptr(GError) error = search (server, "moved");

  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "http://elsewhere.example/x"));
  g_assert_cmpint (g_atomic_int_get (&server->requests), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cs/dicomweb-hostile/" path, Server, NULL, server_setup, func, server_teardown)
  ADD ("transient-status-retried", test_transient_status_retried);
  ADD ("transient-status-lasting", test_transient_status_lasting);
  ADD ("server-error", test_server_error);
  ADD ("garbage", test_garbage);
  ADD ("redirect", test_redirect);
  ADD ("too-big", test_too_big);
#undef ADD

  return g_test_run ();
}
