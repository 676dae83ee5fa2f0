/* cs-live-link.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-live-session.h"
#include "cs-live-transport.h"
#include "cs-slide-identity.h"

/* The join link: wss://ADDRESS:PORT/live?fp=FINGERPRINT&slide=SHA256, or
 * for a remote slide &slide=dicom-series%3AUID&server=URL&study=UID. */

#define HEX_DIGITS "0123456789abcdefABCDEF"
#define LINK_MAX 2048
/* Escaped (at most three times as long), it still fits in LINK_MAX. */
#define SERVER_URL_MAX 512

static void
append_param (GString    *out,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (out, "&%s=%s", name, escaped);
}

char *
cs_live_link_format (const CsLiveLink *link)
{
  g_autoptr(GString) fingerprint = g_string_new (NULL);

  g_return_val_if_fail (link != NULL && link->url != NULL, NULL);
  g_return_val_if_fail (link->fingerprint != NULL && link->slide_sha256 != NULL, NULL);

  for (const char *p = link->fingerprint; *p != '\0'; p++)
    if (*p != ':')
      g_string_append_c (fingerprint, g_ascii_toupper (*p));
  g_string_prepend (fingerprint, "?fp=");
  g_string_prepend (fingerprint, link->url);
  append_param (fingerprint, "slide", link->slide_sha256);
  if (link->server_url != NULL && link->study_uid != NULL)
    {
      append_param (fingerprint, "server", link->server_url);
      append_param (fingerprint, "study", link->study_uid);
    }
  return g_string_free (g_steal_pointer (&fingerprint), FALSE);
}

void
cs_live_link_free (CsLiveLink *link)
{
  if (link == NULL)
    return;
  g_free (link->url);
  g_free (link->fingerprint);
  g_free (link->slide_sha256);
  g_free (link->server_url);
  g_free (link->study_uid);
  g_free (link);
}

static gboolean
invalid (GError    **error,
         const char *why)
{
  g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
               _("This is not the link of a live session: %s"), why);
  return FALSE;
}

static CsLiveLink *
link_error (GError    **error,
            const char *why)
{
  invalid (error, why);
  return NULL;
}

static gboolean
is_hex64 (const char *text)
{
  return text != NULL && strlen (text) == 64 && strspn (text, HEX_DIGITS) == 64;
}

/* "ABCD…" as "AB:CD:…". */
static char *
colon_fingerprint (const char *hex)
{
  GString *out = g_string_sized_new (96);

  for (guint i = 0; i < 64; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (hex[i]));
      g_string_append_c (out, g_ascii_toupper (hex[i + 1]));
    }
  return g_string_free (out, FALSE);
}

/* Why @server_url and @study_uid may not travel in a link, or NULL. */
static const char *
source_problem (const char *server_url,
                const char *study_uid)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  if (server_url == NULL || *server_url == '\0' || strlen (server_url) > SERVER_URL_MAX)
    return _("the DICOMweb server’s address is missing or too long");
  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return _("the DICOMweb server’s address is not a URL");
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    return _("the DICOMweb server’s address is neither http:// nor https://");
  if (host == NULL || *host == '\0')
    return _("the DICOMweb server’s address has no host");
  if (g_uri_get_userinfo (uri) != NULL)
    return _("the DICOMweb server’s address carries a user name or password");
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return _("the DICOMweb server’s address has a query or fragment");
  if (!cs_live_dicom_uid_is_valid (study_uid))
    return _("the Study Instance UID is missing or not a DICOM UID");
  return NULL;
}

gboolean
cs_live_link_check_source (const char *server_url,
                           const char *study_uid,
                           GError    **error)
{
  const char *why = source_problem (server_url, study_uid);

  if (why == NULL)
    return TRUE;
  g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_INVALID,
               _("The slide’s DICOMweb source cannot be shared: %s"), why);
  return FALSE;
}

/* server= and study= with a remote slide, neither with a file's. */
static gboolean
read_source (CsLiveLink *link,
             GHashTable *params,
             GError    **error)
{
  const char *server = g_hash_table_lookup (params, "server");
  const char *study = g_hash_table_lookup (params, "study");
  const char *why;

  if (!cs_slide_identity_is_remote (link->slide_sha256))
    {
      if (server != NULL || study != NULL)
        return invalid (error, _("it names a DICOMweb server for a slide that is a file"));
      return TRUE;
    }
  if (server == NULL || study == NULL)
    return invalid (error, _("it lacks the DICOMweb server and study of its remote slide"));
  why = source_problem (server, study);
  if (why != NULL)
    return invalid (error, why);
  link->server_url = g_strdup (server);
  link->study_uid = g_strdup (study);
  return TRUE;
}

static gboolean
read_query (CsLiveLink *link,
            const char *query,
            GError    **error)
{
  g_autoptr(GHashTable) params = NULL;
  const char *fp, *slide;

  if (query == NULL)
    return invalid (error, _("it lacks the certificate fingerprint and the slide identity"));
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return invalid (error, _("its parameters cannot be read"));
  fp = g_hash_table_lookup (params, "fp");
  slide = g_hash_table_lookup (params, "slide");
  if (!is_hex64 (fp))
    return invalid (error, _("the certificate fingerprint is missing or not 64 hexadecimal digits"));
  if (is_hex64 (slide))
    link->slide_sha256 = g_ascii_strdown (slide, -1);
  else if (cs_slide_identity_is_remote (slide) && cs_live_slide_identity_is_valid (slide))
    link->slide_sha256 = g_strdup (slide);
  else
    return invalid (error, _("the slide identity is missing, or neither 64 hexadecimal digits nor "
                             "“dicom-series:” and a DICOM UID"));
  link->fingerprint = colon_fingerprint (fp);
  return read_source (link, params, error);
}

CsLiveLink *
cs_live_link_parse (const char *text,
                    GError    **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(CsLiveLink) link = g_new0 (CsLiveLink, 1);
  const char *host;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (strlen (trimmed) > LINK_MAX)
    return link_error (error, _("it is too long"));
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "wss") != 0)
    return link_error (error, _("it does not begin with wss://"));
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0' || g_uri_get_port (uri) <= 0 || g_uri_get_port (uri) > 65535)
    return link_error (error, _("it lacks the host’s address or port"));
  if (g_strcmp0 (g_uri_get_path (uri), CS_LIVE_PATH) != 0 || g_uri_get_userinfo (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    return link_error (error, _("its path is not /live"));
  if (!read_query (link, g_uri_get_query (uri), error))
    return NULL;
  link->url = strchr (host, ':') != NULL
                ? g_strdup_printf ("wss://[%s]:%d%s", host, g_uri_get_port (uri), CS_LIVE_PATH)
                : g_strdup_printf ("wss://%s:%d%s", host, g_uri_get_port (uri), CS_LIVE_PATH);
  return g_steal_pointer (&link);
}
