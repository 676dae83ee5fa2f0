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

/* How consilium-cli's commands that may reach a DICOMweb server (info and
 * render of a "dicomweb:" slide) get its credentials: --user with a
 * password, or a bearer token. Secrets never come from the command line
 * (other users see it in ps): they are the first line of a file, or an
 * environment variable. The client asks for them through
 * cs_dicomweb_set_credentials_func(). */

#define PASSWORD_VARIABLE "CONSILIUM_DICOMWEB_PASSWORD"
#define TOKEN_VARIABLE    "CONSILIUM_DICOMWEB_TOKEN"

static CsDicomwebCredentials *credentials;   /* the process's, set once */

/**
 * cs_cli_dicomweb_auth_entries:
 * @entries: the command's own options, ended by a %NULL long name
 *
 * Returns: (transfer full): @entries followed by --user, --password-file
 *   and --token-file, which fill @auth
 */
GOptionEntry *
cs_cli_dicomweb_auth_entries (CsCliDicomwebAuth  *auth,
                              const GOptionEntry *entries)
{
  const GOptionEntry own[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &auth->user,
      N_("The user name for a DICOMweb server that asks for one (HTTP basic authentication)"),
      N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &auth->password_file,
      N_("Read the server password from the first line of FILE (default: the "
         "CONSILIUM_DICOMWEB_PASSWORD environment variable)"),
      N_("FILE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &auth->token_file,
      N_("Send the bearer token on the first line of FILE to the DICOMweb server (default: "
         "the CONSILIUM_DICOMWEB_TOKEN environment variable)"),
      N_("FILE") },
  };
  guint n = 0;
  GOptionEntry *all;

  while (entries[n].long_name != NULL)
    n++;
  all = g_new0 (GOptionEntry, n + G_N_ELEMENTS (own) + 1);
  memcpy (all, entries, n * sizeof *entries);
  memcpy (all + n, own, sizeof own);

  return all;
}

void
cs_cli_dicomweb_auth_clear (CsCliDicomwebAuth *auth)
{
  g_clear_pointer (&auth->user, g_free);
  g_clear_pointer (&auth->password_file, g_free);
  g_clear_pointer (&auth->token_file, g_free);
}

static CsDicomwebCredentials *
get_credentials (const char *base_url,
                 gpointer    user_data)
{
  CsDicomwebCredentials *copy;

  if (credentials == NULL)
    return NULL;

  copy = g_new0 (CsDicomwebCredentials, 1);
  copy->auth = credentials->auth;
  copy->username = g_strdup (credentials->username);
  copy->secret = g_strdup (credentials->secret);

  return copy;
}

/* The first line of @file, else $@variable, else %NULL. */
static gboolean
read_secret (const char  *file,
             const char  *variable,
             char       **secret,
             GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  *secret = NULL;
  if (file == NULL)
    {
      *secret = g_strdup (g_getenv (variable));
      return TRUE;
    }
  if (!g_file_get_contents (file, &contents, NULL, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code, _("Cannot read “%s”: %s"), file,
                   local_error->message);
      return FALSE;
    }
  contents[strcspn (contents, "\r\n")] = '\0';
  *secret = g_strdup (contents);
  cs_cli_wipe (g_steal_pointer (&contents));

  return TRUE;
}

/**
 * cs_cli_dicomweb_auth_apply:
 *
 * Hands what the options (or the environment) say to the DICOMweb client.
 * Nothing, when neither a user nor a token is given.
 */
gboolean
cs_cli_dicomweb_auth_apply (CsCliDicomwebAuth  *auth,
                            GError            **error)
{
  g_autoptr(CsDicomwebCredentials) found = g_new0 (CsDicomwebCredentials, 1);

  if (auth->user == NULL && auth->password_file != NULL)
    {
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("--password-file needs --user NAME"));
      return FALSE;
    }
  if (auth->user != NULL && auth->token_file != NULL)
    {
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("Give either --user or --token-file, not both"));
      return FALSE;
    }
  if (auth->user != NULL)
    {
      found->auth = CS_DICOMWEB_AUTH_BASIC;
      found->username = g_strdup (auth->user);
      if (!read_secret (auth->password_file, PASSWORD_VARIABLE, &found->secret, error))
        return FALSE;
      if (found->secret == NULL)
        {
          g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                       _("--user needs a password: give --password-file FILE or set %s"),
                       PASSWORD_VARIABLE);
          return FALSE;
        }
    }
  else
    {
      found->auth = CS_DICOMWEB_AUTH_BEARER;
      if (!read_secret (auth->token_file, TOKEN_VARIABLE, &found->secret, error))
        return FALSE;
      if (found->secret == NULL)
        return TRUE;
    }

  g_clear_pointer (&credentials, cs_dicomweb_credentials_free);
  credentials = g_steal_pointer (&found);
  cs_dicomweb_set_credentials_func (get_credentials, NULL);

  return TRUE;
}
