/* cs-cli-dicomweb-auth.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-dicomweb.h"

/* The DICOMweb credentials of consilium-cli: options shared by every
 * command that reads from or writes to a server (dicomweb, and info,
 * render and report send on dicomweb: slides). The CLI talks to one
 * server per run, so the credentials go to any base URL. */

static GMutex secret_lock;
static CsDicomwebCredentials *cli_credentials;

GOptionEntry *
cs_cli_dicomweb_entries (const GOptionEntry *entries,
                         CsCliDicomwebAuth  *auth)
{
  const GOptionEntry auth_entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &auth->user,
      N_("User name for HTTP basic authentication on the DICOMweb server"), N_("USER") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &auth->password_file,
      N_("File whose first line is the password of --user"), N_("FILE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &auth->token_file,
      N_("File whose first line is a bearer token for the DICOMweb server"), N_("FILE") },
    { NULL }
  };

  return cs_cli_join_entries (entries, auth_entries);
}

/* The first line of @path, which must hold something. */
static char *
read_secret (const char *path,
             GError    **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  char *end;
  char *secret;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  end = strpbrk (data, "\r\n");
  if (end != NULL)
    *end = '\0';
  if (*data == '\0' || !g_utf8_validate (data, -1, NULL))
    {
      explicit_bzero (data, length);
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("The file %s holds no password or token on its first line"), path);
      return NULL;
    }
  secret = g_strdup (data);
  explicit_bzero (data, length);

  return secret;
}

static CsDicomwebCredentials *
credentials_cb (const char *base_url,
                gpointer    user_data)
{
  CsDicomwebCredentials *copy = NULL;

  g_mutex_lock (&secret_lock);
  if (cli_credentials != NULL)
    {
      copy = g_new0 (CsDicomwebCredentials, 1);
      copy->auth = cli_credentials->auth;
      copy->username = g_strdup (cli_credentials->username);
      copy->secret = g_strdup (cli_credentials->secret);
    }
  g_mutex_unlock (&secret_lock);

  return copy;
}

static gboolean
usage (GError    **error,
       const char *message)
{
  g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, message);
  return FALSE;
}

gboolean
cs_cli_dicomweb_auth_apply (CsCliDicomwebAuth *auth,
                            GError           **error)
{
  g_autoptr(CsDicomwebCredentials) credentials = g_new0 (CsDicomwebCredentials, 1);

  if (auth->token_file != NULL && (auth->user != NULL || auth->password_file != NULL))
    return usage (error, _("Give either --user and --password-file, or --token-file"));
  if ((auth->user != NULL) != (auth->password_file != NULL))
    return usage (error, _("--user and --password-file go together"));

  if (auth->token_file != NULL)
    {
      credentials->auth = CS_DICOMWEB_AUTH_BEARER;
      credentials->secret = read_secret (auth->token_file, error);
    }
  else if (auth->user != NULL)
    {
      credentials->auth = CS_DICOMWEB_AUTH_BASIC;
      credentials->username = g_strdup (auth->user);
      credentials->secret = read_secret (auth->password_file, error);
    }
  else
    return TRUE;
  if (credentials->secret == NULL)
    return FALSE;

  g_mutex_lock (&secret_lock);
  cs_dicomweb_credentials_free (cli_credentials);
  cli_credentials = g_steal_pointer (&credentials);
  g_mutex_unlock (&secret_lock);
  cs_dicomweb_set_credentials_func (credentials_cb, NULL);

  return TRUE;
}

void
cs_cli_dicomweb_auth_clear (CsCliDicomwebAuth *auth)
{
  g_clear_pointer (&auth->user, g_free);
  g_clear_pointer (&auth->password_file, g_free);
  g_clear_pointer (&auth->token_file, g_free);
}
