/* cs-archive-servers.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-archive-servers"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-archive-servers.h"
#include "cs-secret-store.h"

/* The key holds an array of (name, url, auth, user). The credentials
 * function runs in the client's worker threads, which must not touch
 * GSettings: it reads a copy of the list, replaced under a mutex on the
 * main thread whenever the key changes. */

#define SERVERS_KEY "dicomweb-servers"

static void
free_server (gpointer server)
{
  cs_archive_server_free (server);
}

CsArchiveServer *
cs_archive_server_new (const char     *name,
                       const char     *url,
                       CsDicomwebAuth  auth,
                       const char     *username)
{
  CsArchiveServer *server = g_new0 (CsArchiveServer, 1);

  server->name = g_strdup (name != NULL ? name : "");
  server->url = g_strdup (url != NULL ? url : "");
  server->auth = auth;
  server->username = g_strdup (username != NULL ? username : "");

  return server;
}

void
cs_archive_server_free (CsArchiveServer *server)
{
  if (server == NULL)
    return;
  g_free (server->name);
  g_free (server->url);
  g_free (server->username);
  g_free (server);
}

/* Returns: a new array that frees its CsArchiveServers */
GPtrArray *
cs_archive_servers_new (void)
{
  return g_ptr_array_new_with_free_func (free_server);
}

const char *
cs_archive_auth_to_string (CsDicomwebAuth auth)
{
  switch (auth)
    {
    case CS_DICOMWEB_AUTH_BASIC:
      return "basic";
    case CS_DICOMWEB_AUTH_BEARER:
      return "bearer";
    case CS_DICOMWEB_AUTH_NONE:
    default:
      return "none";
    }
}

CsDicomwebAuth
cs_archive_auth_from_string (const char *text)
{
  if (g_strcmp0 (text, "basic") == 0)
    return CS_DICOMWEB_AUTH_BASIC;
  if (g_strcmp0 (text, "bearer") == 0)
    return CS_DICOMWEB_AUTH_BEARER;

  return CS_DICOMWEB_AUTH_NONE;
}

GPtrArray *
cs_archive_servers_load (GSettings *settings)
{
  GPtrArray *servers = cs_archive_servers_new ();
  g_autoptr(GVariant) value = NULL;
  GVariantIter iter;
  const char *name;
  const char *url;
  const char *auth;
  const char *user;

  g_return_val_if_fail (G_IS_SETTINGS (settings), servers);

  value = g_settings_get_value (settings, SERVERS_KEY);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s&s&s)", &name, &url, &auth, &user))
    g_ptr_array_add (servers, cs_archive_server_new (name, url,
                                                     cs_archive_auth_from_string (auth), user));

  return servers;
}

void
cs_archive_servers_save (GSettings *settings,
                         GPtrArray *servers)
{
  GVariantBuilder builder;

  g_return_if_fail (G_IS_SETTINGS (settings));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssss)"));
  for (guint i = 0; i < servers->len; i++)
    {
      const CsArchiveServer *server = g_ptr_array_index (servers, i);

      g_variant_builder_add (&builder, "(ssss)", server->name, server->url,
                             cs_archive_auth_to_string (server->auth),
                             server->auth == CS_DICOMWEB_AUTH_BASIC ? server->username : "");
    }
  g_settings_set_value (settings, SERVERS_KEY, g_variant_builder_end (&builder));
}

char *
cs_archive_normalize_url (const char *url)
{
  g_autofree char *text = g_strstrip (g_strdup (url != NULL ? url : ""));
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == '/')
    text[--len] = '\0';

  return g_steal_pointer (&text);
}

gboolean
cs_archive_server_check (GPtrArray             *servers,
                         const CsArchiveServer *server,
                         const char            *except_url,
                         GError               **error)
{
  g_autoptr(CsDicomwebClient) client = NULL;

  if (server->name[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give the server a name"));
      return FALSE;
    }
  if (!g_str_has_prefix (server->url, "https://") && !g_str_has_prefix (server->url, "http://"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The base URL must begin with https:// or http://"));
      return FALSE;
    }
  client = cs_dicomweb_client_new (server->url, error);
  if (client == NULL)
    return FALSE;
  for (guint i = 0; i < servers->len; i++)
    {
      const CsArchiveServer *other = g_ptr_array_index (servers, i);

      if (g_str_equal (other->url, server->url) && g_strcmp0 (other->url, except_url) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” already uses this URL"), other->name);
          return FALSE;
        }
    }
  if (server->auth == CS_DICOMWEB_AUTH_BASIC && server->username[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Basic authentication needs a user name"));
      return FALSE;
    }

  return TRUE;
}

CsDicomwebClient *
cs_archive_server_make_client (const CsArchiveServer  *server,
                               GError                **error)
{
  CsDicomwebClient *client = cs_dicomweb_client_new (server->url, error);

  if (client != NULL && server->name[0] != '\0')
    cs_dicomweb_client_set_name (client, server->name);

  return client;
}

static GMutex servers_mutex;
static GPtrArray *servers_copy;   /* what the credentials function reads */

static void
on_servers_changed_cb (GSettings  *settings,
                       const char *key,
                       gpointer    user_data)
{
  GPtrArray *servers = cs_archive_servers_load (settings);

  g_mutex_lock (&servers_mutex);
  g_clear_pointer (&servers_copy, g_ptr_array_unref);
  servers_copy = servers;
  g_mutex_unlock (&servers_mutex);
}

CsDicomwebCredentials *
cs_archive_servers_lookup_credentials (const char *base_url)
{
  g_autofree char *url = cs_archive_normalize_url (base_url);
  g_autoptr(GError) error = NULL;
  CsDicomwebCredentials *credentials = NULL;
  CsDicomwebAuth auth = CS_DICOMWEB_AUTH_NONE;
  g_autofree char *username = NULL;

  g_mutex_lock (&servers_mutex);
  for (guint i = 0; servers_copy != NULL && i < servers_copy->len; i++)
    {
      const CsArchiveServer *server = g_ptr_array_index (servers_copy, i);

      if (g_str_equal (server->url, url))
        {
          auth = server->auth;
          username = g_strdup (server->username);
          break;
        }
    }
  g_mutex_unlock (&servers_mutex);

  if (auth == CS_DICOMWEB_AUTH_NONE)
    return NULL;

  credentials = g_new0 (CsDicomwebCredentials, 1);
  credentials->auth = auth;
  credentials->username = g_steal_pointer (&username);
  credentials->secret = cs_secret_store_lookup (url, &error);
  if (error != NULL)
    g_warning ("%s", error->message);

  return credentials;
}

static CsDicomwebCredentials *
credentials_func (const char *base_url,
                  gpointer    user_data)
{
  return cs_archive_servers_lookup_credentials (base_url);
}

void
cs_archive_servers_install (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect (settings, "changed::" SERVERS_KEY, G_CALLBACK (on_servers_changed_cb), NULL);
  on_servers_changed_cb (settings, SERVERS_KEY, NULL);
  cs_dicomweb_set_credentials_func (credentials_func, NULL);
}
