/* cs-dicomweb-http.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb"

#include "config.h"

#include "cs-dicomweb-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* One DICOMweb request: credentials in the Authorization header, retries
 * with backoff for what may pass (connection refused or reset, timeouts,
 * 502/503/504), the answer read up to a cap, and every failure turned
 * into a CsDicomwebError whose message names the server. Any thread; the
 * secret never reaches a log. */

#define READ_CHUNK (64 * 1024)
#define MAX_RETRIES 8

static const guint default_delays[] = { 200, 800, 2000 };

static GMutex delays_lock;
static guint retry_delays[MAX_RETRIES] = { 200, 800, 2000 };
static guint n_retry_delays = G_N_ELEMENTS (default_delays);

void
_cs_dicomweb_set_retry_delays (const guint *delays_ms,
                               guint        n_delays)
{
  g_return_if_fail (n_delays <= MAX_RETRIES);

  if (delays_ms == NULL)
    {
      delays_ms = default_delays;
      n_delays = G_N_ELEMENTS (default_delays);
    }
  g_mutex_lock (&delays_lock);
  memcpy (retry_delays, delays_ms, n_delays * sizeof (guint));
  n_retry_delays = n_delays;
  g_mutex_unlock (&delays_lock);
}

/* Whether @retry_index has a pause; waits it out unless cancelled. */
static gboolean
pause_before_retry (guint         retry_index,
                    GCancellable *cancellable)
{
  gint64 deadline;
  guint delay;

  g_mutex_lock (&delays_lock);
  delay = retry_index < n_retry_delays ? retry_delays[retry_index] : G_MAXUINT;
  g_mutex_unlock (&delays_lock);
  if (delay == G_MAXUINT)
    return FALSE;

  deadline = g_get_monotonic_time () + (gint64) delay * 1000;
  while (g_get_monotonic_time () < deadline)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (10 * 1000, MAX (0, deadline - g_get_monotonic_time ())));
    }

  return !g_cancellable_is_cancelled (cancellable);
}

static void
set_authorization (SoupMessage           *message,
                   CsDicomwebCredentials *credentials)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *value = NULL;

  if (credentials == NULL || credentials->secret == NULL)
    return;

  switch (credentials->auth)
    {
    case CS_DICOMWEB_AUTH_BASIC:
      pair = g_strconcat (credentials->username != NULL ? credentials->username : "", ":",
                          credentials->secret, NULL);
      encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      value = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
      break;
    case CS_DICOMWEB_AUTH_BEARER:
      value = g_strconcat ("Bearer ", credentials->secret, NULL);
      break;
    case CS_DICOMWEB_AUTH_NONE:
    default:
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", value);
  memset (value, 0, strlen (value));
}

static gboolean
is_transient_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
}

static gboolean
is_transient_status (guint status)
{
  return status == SOUP_STATUS_BAD_GATEWAY ||
         status == SOUP_STATUS_SERVICE_UNAVAILABLE ||
         status == SOUP_STATUS_GATEWAY_TIMEOUT;
}

/* The body, at most @max_bytes of it. */
static GBytes *
read_body (GInputStream *stream,
           SoupMessage  *message,
           gsize         max_bytes,
           const char   *server,
           GCancellable *cancellable,
           GError      **error)
{
  goffset announced = soup_message_headers_get_content_length (
    soup_message_get_response_headers (message));
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *limit = g_format_size (max_bytes);

  while (TRUE)
    {
      gssize n;

      if (announced > (goffset) max_bytes || data->len > max_bytes)
        {
          g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
                       /* TRANSLATORS: the first %s is a server, the second a size */
                       _("The slide archive “%s” sent an answer larger than %s"),
                       server, limit);
          return NULL;
        }
      g_byte_array_set_size (data, data->len + READ_CHUNK);
      n = g_input_stream_read (stream, data->data + data->len - READ_CHUNK, READ_CHUNK,
                               cancellable, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (data, data->len - READ_CHUNK + n);
      if (n == 0)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static void
set_status_error (GError     **error,
                  SoupMessage *message,
                  const char  *server,
                  const char  *path)
{
  guint status = soup_message_get_status (message);
  const char *phrase = soup_message_get_reason_phrase (message);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                       "Location");

  if (phrase == NULL || *phrase == '\0')
    phrase = soup_status_get_phrase (status);
  if (phrase == NULL)
    phrase = "";

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_AUTH,
                 /* TRANSLATORS: %s is a server; then an HTTP status and its phrase */
                 _("The slide archive “%s” refused access (HTTP %u %s): check the user "
                   "name and password or the token"), server, status, phrase);
  else if (SOUP_STATUS_IS_REDIRECTION (status) && location != NULL)
    g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_SERVER,
                 /* TRANSLATORS: %s is a server, then an HTTP status, then an address */
                 _("The slide archive “%s” sends its answers elsewhere (HTTP %u %s, to %s): "
                   "give the server’s address as it redirects"),
                 server, status, phrase, location);
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_NOT_FOUND,
                 /* TRANSLATORS: %s is a server, then a path such as /studies/1.2.3 */
                 _("The slide archive “%s” has nothing at %s (HTTP %u %s)"),
                 server, path, status, phrase);
  else
    g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_SERVER,
                 _("The slide archive “%s” failed (HTTP %u %s)"), server, status, phrase);
}

static SoupMessage *
new_message (CsDicomwebClient        *self,
             const CsDicomwebRequest *request,
             CsDicomwebCredentials   *credentials,
             GError                 **error)
{
  g_autofree char *uri = g_strconcat (cs_dicomweb_client_get_base_url (self),
                                      request->path, NULL);
  g_autoptr(GUri) parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  SoupMessage *message;

  if (parsed == NULL)
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_URL,
                   _("“%s” is not a valid address"), uri);
      return NULL;
    }
  message = soup_message_new_from_uri (request->method, parsed);
  /* A redirect would carry the credentials to wherever it points: the
   * user gives the final address instead. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", request->accept);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, request->body_type, request->body);
  set_authorization (message, credentials);

  return message;
}

/* One attempt. Returns the body, or NULL with @error set and @retry
 * telling whether another attempt may succeed. */
static GBytes *
attempt (CsDicomwebClient        *self,
         const CsDicomwebRequest *request,
         CsDicomwebCredentials   *credentials,
         const char              *server,
         char                   **content_type,
         gboolean                *retry,
         GCancellable            *cancellable,
         GError                 **error)
{
  g_autoptr(SoupMessage) message = new_message (self, request, credentials, error);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *body;
  guint status;

  *retry = FALSE;
  if (message == NULL)
    return NULL;
  stream = soup_session_send (_cs_dicomweb_client_get_session (self), message,
                              cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      *retry = is_transient_error (local_error);
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_CONNECT,
                   /* TRANSLATORS: %s is a server, then the network's message */
                   _("Could not reach the slide archive “%s”: %s"),
                   server, local_error->message);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      *retry = is_transient_status (status);
      set_status_error (error, message, server, request->path);
      g_input_stream_close (stream, NULL, NULL);
      return NULL;
    }

  body = read_body (stream, message, request->max_bytes, server, cancellable, &local_error);
  if (body == NULL)
    {
      if (local_error->domain == CS_DICOMWEB_ERROR ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          *retry = is_transient_error (local_error);
          g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_CONNECT,
                       _("Could not reach the slide archive “%s”: %s"),
                       server, local_error->message);
        }
      return NULL;
    }
  if (content_type != NULL)
    *content_type = g_strdup (soup_message_headers_get_one (
      soup_message_get_response_headers (message), "Content-Type"));

  return body;
}

GBytes *
_cs_dicomweb_request (CsDicomwebClient        *self,
                      const CsDicomwebRequest *request,
                      char                   **content_type,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr(CsDicomwebCredentials) credentials = _cs_dicomweb_client_dup_credentials (self);
  g_autofree char *server = _cs_dicomweb_client_dup_name (self);

  for (guint retries = 0; ; retries++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean retry = FALSE;
      GBytes *body = attempt (self, request, credentials, server, content_type, &retry,
                              cancellable, &local_error);

      if (body != NULL)
        return body;
      if (g_error_matches (local_error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_AUTH))
        _cs_dicomweb_client_forget_credentials (self);
      if (!retry || !pause_before_retry (retries, cancellable))
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_debug ("retrying %s %s on %s: %s", request->method, request->path, server,
               local_error->message);
    }
}
