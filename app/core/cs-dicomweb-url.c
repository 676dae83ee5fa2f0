/* cs-dicomweb-url.c
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

/* Addresses: a server's base URL, the UIDs put into request paths, and
 * the "dicomweb:BASE/studies/UID/series/UID" form that names a remote
 * slide. Pure functions, any thread. */

/* An http(s) URL with a host, without its trailing slashes, query or
 * fragment. */
gboolean
_cs_dicomweb_check_base_url (const char *base_url,
                             char      **normalised,
                             char      **host,
                             GError    **error)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  gsize length;

  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_URL,
                   _("“%s” is not the http or https address of a DICOMweb server"),
                   base_url);
      return FALSE;
    }

  length = strlen (base_url);
  while (length > 0 && base_url[length - 1] == '/')
    length--;
  *normalised = g_strndup (base_url, length);
  *host = g_strdup (g_uri_get_host (uri));

  return TRUE;
}

/* UIDs are digits and dots (PS3.5 9.1): anything else would change the
 * path it is put in. */
gboolean
_cs_dicomweb_check_uid (const char *uid,
                        GError    **error)
{
  gsize length = uid != NULL ? strlen (uid) : 0;

  if (length > 0 && length <= 64 && strspn (uid, "0123456789.") == length)
    return TRUE;

  g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_URL,
               _("“%s” is not a DICOM UID"), uid != NULL ? uid : "");
  return FALSE;
}

gboolean
cs_dicomweb_parse_slide_url (const char  *url,
                             char       **base_url,
                             char       **study_uid,
                             char       **series_uid,
                             GError     **error)
{
  g_autofree char *rest = NULL;
  g_autofree char *base = NULL;
  g_autofree char *normalised = NULL;
  g_autofree char *host = NULL;
  g_auto(GStrv) parts = NULL;
  const char *studies;
  gsize length;

  g_return_val_if_fail (url != NULL, FALSE);

  studies = g_str_has_prefix (url, CS_DICOMWEB_URL_SCHEME)
            ? g_strrstr (url, "/studies/") : NULL;
  if (studies != NULL)
    {
      rest = g_strdup (studies + strlen ("/studies/"));
      length = strlen (rest);
      if (length > 0 && rest[length - 1] == '/')
        rest[length - 1] = '\0';
      parts = g_strsplit (rest, "/", -1);
      base = g_strndup (url + strlen (CS_DICOMWEB_URL_SCHEME),
                        studies - url - strlen (CS_DICOMWEB_URL_SCHEME));
    }
  if (parts == NULL || g_strv_length (parts) != 3 || strcmp (parts[1], "series") != 0 ||
      !_cs_dicomweb_check_uid (parts[0], NULL) || !_cs_dicomweb_check_uid (parts[2], NULL) ||
      !_cs_dicomweb_check_base_url (base, &normalised, &host, NULL))
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_URL,
                   _("“%s” is not a remote slide address "
                     "(dicomweb:https://server/path/studies/UID/series/UID)"), url);
      return FALSE;
    }

  if (base_url != NULL)
    *base_url = g_steal_pointer (&normalised);
  if (study_uid != NULL)
    *study_uid = g_strdup (parts[0]);
  if (series_uid != NULL)
    *series_uid = g_strdup (parts[2]);

  return TRUE;
}

char *
cs_dicomweb_make_slide_url (const char *base_url,
                            const char *study_uid,
                            const char *series_uid)
{
  gsize length;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (study_uid != NULL && series_uid != NULL, NULL);

  length = strlen (base_url);
  while (length > 0 && base_url[length - 1] == '/')
    length--;

  return g_strdup_printf (CS_DICOMWEB_URL_SCHEME "%.*s/studies/%s/series/%s",
                          (int) length, base_url, study_uid, series_uid);
}
