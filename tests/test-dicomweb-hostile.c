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

/* A self-signed certificate for 127.0.0.1 (EC P-256, valid until 2126),
 * made for this test with openssl req -x509: no system trusts it. */
static const char self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBmjCCAUGgAwIBAgIULOB/SnZSXoT3BMhwGjuIS90XHjQwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyODE0MDEyN1oYDzIxMjYxMTA0\n"
  "MTQwMTI3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAARxtNLqyzLq7ngPepHsfi1JbM8QQYtsz+2/d9XdMvvZg9udooWuGkcl\n"
  "mHa2s1mWDQYsuV46kaYCZbgLGyN+8MoXo28wbTAdBgNVHQ4EFgQU6pTLbnxdmqL/\n"
  "/48+4wnU7NYcQecwHwYDVR0jBBgwFoAU6pTLbnxdmqL//48+4wnU7NYcQecwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI\n"
  "zj0EAwIDRwAwRAIgG4ocOf17Spre+Xe1nk8kqYbvkydhZfFuXSTwgY9C5H8CICyr\n"
  "WRgvIRxXMp89qaWWbos5aIlyNYy+4Eq5jAj3ixS+\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7j3bsfnPShWN7ZKA\n"
  "8bTHHPFD28HoJDueyjdQ8pZIQhahRANCAARxtNLqyzLq7ngPepHsfi1JbM8QQYts\n"
  "z+2/d9XdMvvZg9udooWuGkclmHa2s1mWDQYsuV46kaYCZbgLGyN+8MoX\n"
  "-----END PRIVATE KEY-----\n";

typedef struct
{
  GSocketListener *listener;
  GTlsCertificate *certificate;  /* nullable: plain HTTP */
  GCancellable    *stop;
  GThread         *thread;
  guint            port;
  gint             requests;   /* atomic */
  gint             handshakes; /* atomic */
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
      g_autoptr(GIOStream) stream = NULL;
      g_autofree char *path = NULL;

      if (connection == NULL)
        return NULL;
      if (server->certificate != NULL)
        {
          stream = g_tls_server_connection_new (G_IO_STREAM (connection),
                                                server->certificate, NULL);
          if (stream == NULL)
            continue;
          g_atomic_int_inc (&server->handshakes);
          if (!g_tls_connection_handshake (G_TLS_CONNECTION (stream), NULL, NULL))
            continue;
        }
      else
        stream = g_object_ref (G_IO_STREAM (connection));
      path = read_request (g_io_stream_get_input_stream (stream));
      if (path != NULL)
        answer (server, path, g_io_stream_get_output_stream (stream));
      g_io_stream_close (stream, NULL, NULL);
    }
}

static void
server_setup (Server       *server,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  static const guint quick[] = { 5, 5, 5 };

  if (data != NULL)
    {
      server->certificate = g_tls_certificate_new_from_pem (self_signed_pem, -1, &error);
      g_assert_no_error (error);
    }
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
  g_clear_object (&server->certificate);
}

/* Searches studies on the server's @name base; returns the error. */
static GError *
search (Server     *server,
        const char *name)
{
  g_autofree char *url = g_strdup_printf ("%s://127.0.0.1:%u/%s",
                                          server->certificate != NULL ? "https" : "http",
                                          server->port, name);
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

/* TLS certificates are verified: a server whose certificate no one
 * trusts is not talked to, and the handshake is not retried. */
static void
test_untrusted_certificate (Server       *server,
                            gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("GIO has no TLS backend (Debian package glib-networking)");
      return;
    }
  error = search (server, "flaky");
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_CONNECT);
  g_assert_cmpint (g_atomic_int_get (&server->handshakes), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&server->requests), ==, 0);
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
  g_test_add ("/cs/dicomweb-hostile/untrusted-certificate", Server, "tls", server_setup,
              test_untrusted_certificate, server_teardown);

  return g_test_run ();
}
