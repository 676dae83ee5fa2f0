/* cs-live-session-host.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "cs-live-auth.h"
#include "cs-live-session-private.h"
#include "cs-slide-identity.h"
#include "cs-live-transport.h"

/* The host: serving, the one-time code (its lifetime, and a new one after
 * too many wrong proofs), accepting one guest, and taking the guest back
 * when it resumes after a lost link.
 *
 * Once a guest has joined, the code is spent: another connection is
 * refused ("Another colleague is already in this session") whether the
 * guest is connected or being waited for after a lost link; only the
 * resume token of the latest welcome lets someone in, and it replaces
 * the connection held, if any (the guest may notice a loss first). */

#define CERTIFICATE_DAYS 2

static void
stop_code_timer (CsLiveSession *self)
{
  g_clear_handle_id (&self->code_timer_id, g_source_remove);
}

static void start_code_timer (CsLiveSession *self);

static void
new_code (CsLiveSession *self)
{
  g_free (self->code);
  self->code = cs_live_auth_new_code ();
  self->wrong_attempts = 0;
  start_code_timer (self);
  cs_live_session_emit_code (self);
}

static gboolean
code_expired_cb (gpointer data)
{
  CsLiveSession *self = data;

  self->code_timer_id = 0;
  if (!self->code_used && self->state == CS_LIVE_STATE_WAITING)
    new_code (self);
  return G_SOURCE_REMOVE;
}

static void
start_code_timer (CsLiveSession *self)
{
  stop_code_timer (self);
  self->code_timer_id = g_timeout_add_seconds (MAX (self->code_lifetime_s, 1), code_expired_cb, self);
}

static gboolean
check_resume (CsLiveSession       *self,
              const CsLiveMessage *hello,
              const char          *nonce,
              GError             **error)
{
  g_autofree char *expected = NULL;

  if (self->resume_token != NULL && self->state != CS_LIVE_STATE_ENDED)
    {
      expected = cs_live_auth_resume_proof (self->resume_token, nonce);
      if (cs_live_auth_equal (expected, hello->resume))
        return TRUE;
    }
  g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
               _("This live session cannot be resumed with the token given"));
  return FALSE;
}

/* The guest's hello: a resume, or the code while nobody has joined. */
static gboolean
check_hello (CsLivePeer          *peer,
             const CsLiveMessage *hello,
             const char          *nonce,
             gpointer             user_data,
             GError             **error)
{
  CsLiveSession *self = user_data;

  if (hello->resume != NULL)
    return check_resume (self, hello, nonce, error);
  if (self->code_used || self->state != CS_LIVE_STATE_WAITING)
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
                   _("Another colleague is already in this session"));
      return FALSE;
    }
  if (cs_live_auth_check_proof (self->code, nonce, hello->proof, error))
    return TRUE;
  if (++self->wrong_attempts >= CS_LIVE_CODE_MAX_ATTEMPTS)
    new_code (self);
  return FALSE;
}

static void
on_pending_joined (CsLivePeer    *peer,
                   CsLiveSession *self)
{
  g_autoptr(CsLivePeer) held = g_object_ref (peer);

  g_ptr_array_remove (self->pending, peer);
  self->code_used = TRUE;
  stop_code_timer (self);
  cs_live_session_attach_peer (self, peer);
}

static void
on_pending_closed (CsLivePeer    *peer,
                   const GError  *error,
                   CsLiveSession *self)
{
  g_debug ("Live guest connection closed in its handshake: %s",
           error != NULL ? error->message : "bye");
  cs_live_session_bury_peer (self, peer);
  g_ptr_array_remove (self->pending, peer);
}

static void
accept_cb (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  CsLiveSession *self = user_data;
  CsLivePeer *peer;

  if (self->state == CS_LIVE_STATE_ENDED)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      return;
    }
  if (self->pending->len >= CS_LIVE_MAX_HANDSHAKES)
    {
      g_debug ("Live connection refused: %u others are in their handshake", self->pending->len);
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
      return;
    }
  peer = cs_live_peer_new_host (connection, self->name, self->slide_sha256, self->code);
  cs_live_peer_set_host_check (peer, check_hello, self);
  cs_live_session_apply_timeouts (self, peer);
  g_ptr_array_add (self->pending, peer);
  g_signal_connect (peer, "joined", G_CALLBACK (on_pending_joined), self);
  g_signal_connect (peer, "closed", G_CALLBACK (on_pending_closed), self);
}

static gboolean
give_up_cb (gpointer data)
{
  CsLiveSession *self = data;
  guint seconds = (self->reconnect_limit_ms + 999) / 1000;
  GError *error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               g_dngettext (GETTEXT_PACKAGE, "The guest did not reconnect within %u second",
                                            "The guest did not reconnect within %u seconds", seconds),
                               seconds);

  self->reconnect_id = 0;
  cs_live_session_finish (self, NULL, error);
  return G_SOURCE_REMOVE;
}

void
cs_live_session_host_lost (CsLiveSession *self)
{
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->reconnect_id = g_timeout_add (MAX (self->reconnect_limit_ms, 1), give_up_cb, self);
}

void
cs_live_session_host_dispose (CsLiveSession *self)
{
  stop_code_timer (self);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->certificate);
}

/* The first IPv4 address of an interface other than loopback, else the
 * loopback address. */
static char *
default_address (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return g_strdup ("127.0.0.1");
  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    {
      g_autoptr(GInetAddress) address = NULL;

      if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
        continue;
      address = g_inet_address_new_from_bytes ((const guint8 *) &((struct sockaddr_in *) i->ifa_addr)->sin_addr,
                                               G_SOCKET_FAMILY_IPV4);
      if (!g_inet_address_get_is_loopback (address))
        found = g_inet_address_to_string (address);
    }
  freeifaddrs (list);
  return found != NULL ? found : g_strdup ("127.0.0.1");
}

static char *
format_link (CsLiveSession *self,
             const char    *address)
{
  g_autofree char *url = NULL;
  CsLiveLink link = { 0 };

  url = strchr (address, ':') != NULL ? g_strdup_printf ("wss://[%s]:%u%s", address, self->port, CS_LIVE_PATH)
                                      : g_strdup_printf ("wss://%s:%u%s", address, self->port, CS_LIVE_PATH);
  link.url = url;
  link.fingerprint = self->fingerprint;
  link.slide_sha256 = self->slide_sha256;
  link.server_url = self->source_url;
  link.study_uid = self->source_study;
  return cs_live_link_format (&link);
}

static gboolean
check_identity (const char *identity,
                const char *server_url,
                const char *study_uid,
                GError    **error)
{
  if (!cs_live_slide_identity_is_valid (identity))
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
                   _("A live session needs a slide identified by its SHA-256 or by its DICOM series"));
      return FALSE;
    }
  if (!cs_slide_identity_is_remote (identity) && server_url != NULL)
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
                   _("A slide opened from a file has no DICOMweb source to share"));
      return FALSE;
    }
  if (!cs_slide_identity_is_remote (identity))
    return TRUE;
  if (server_url == NULL || study_uid == NULL)
    {
      g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
                   _("A live session on a slide from a DICOMweb archive needs the archive’s "
                     "address and the slide’s study"));
      return FALSE;
    }
  return cs_live_link_check_source (server_url, study_uid, error);
}

static CsLiveSession *
host_session (const char        *name,
              const char        *identity,
              const char        *server_url,
              const char        *study_uid,
              CsAnnotationList  *annotations,
              const char        *address,
              guint              port,
              GError           **error)
{
  g_autoptr(CsLiveSession) self = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (annotations), NULL);

  if (!check_identity (identity, server_url, study_uid, error))
    return NULL;
  self = cs_live_session_new_internal (CS_LIVE_ROLE_HOST, name, identity, annotations);
  if (cs_slide_identity_is_remote (identity))
    {
      self->source_url = g_strdup (server_url);
      self->source_study = g_strdup (study_uid);
    }
  shown = address != NULL ? g_strdup (address) : default_address ();
  self->certificate = cs_live_auth_new_certificate (shown, CERTIFICATE_DAYS, error);
  if (self->certificate == NULL)
    return NULL;
  self->fingerprint = cs_live_auth_fingerprint (self->certificate);
  self->server = cs_live_host_listen (self->certificate, port, accept_cb, self, &self->port, error);
  if (self->server == NULL)
    return NULL;
  self->link = format_link (self, shown);
  self->code = cs_live_auth_new_code ();
  start_code_timer (self);
  self->state = CS_LIVE_STATE_WAITING;
  return g_steal_pointer (&self);
}

CsLiveSession *
cs_live_session_host (const char        *name,
                      const char        *slide_sha256,
                      CsAnnotationList  *annotations,
                      const char        *address,
                      guint              port,
                      GError           **error)
{
  return host_session (name, slide_sha256, NULL, NULL, annotations, address, port, error);
}

CsLiveSession *
cs_live_session_host_remote (const char        *name,
                             const char        *series_identity,
                             const char        *server_url,
                             const char        *study_uid,
                             CsAnnotationList  *annotations,
                             const char        *address,
                             guint              port,
                             GError           **error)
{
  g_return_val_if_fail (server_url != NULL && study_uid != NULL, NULL);

  return host_session (name, series_identity, server_url, study_uid, annotations, address, port,
                       error);
}

const char *
cs_live_session_get_link (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), NULL);

  return self->link;
}

const char *
cs_live_session_get_code (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), NULL);

  return self->code;
}

guint
cs_live_session_get_port (CsLiveSession *self)
{
  g_return_val_if_fail (CS_IS_LIVE_SESSION (self), 0);

  return self->port;
}

void
cs_live_session_set_code_lifetime (CsLiveSession *self,
                                   guint          seconds)
{
  g_return_if_fail (CS_IS_LIVE_SESSION (self));

  self->code_lifetime_s = seconds;
  if (self->role == CS_LIVE_ROLE_HOST && !self->code_used && self->state == CS_LIVE_STATE_WAITING)
    start_code_timer (self);
}
