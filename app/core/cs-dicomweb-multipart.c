/* cs-dicomweb-multipart.c
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

/* multipart/related bodies (PS3.18 8.7.3): the frames WADO-RS answers
 * and the instance STOW-RS sends. libsoup splits the parts; this file
 * checks what a server sent and works out a frame's transfer syntax.
 * Pure functions, any thread. */

#define TS_JPEG_BASELINE      "1.2.840.10008.1.2.4.50"
#define TS_JPEG2000_LOSSLESS  "1.2.840.10008.1.2.4.90"
#define TS_JPEG2000           "1.2.840.10008.1.2.4.91"
#define TS_EXPLICIT_LE        "1.2.840.10008.1.2.1"

static gboolean
frame_malformed (GError    **error,
                 const char *cause)
{
  g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
               /* TRANSLATORS: %s says what is wrong with a frame answer */
               _("the frame answer %s"), cause);
  return FALSE;
}

/* The transfer-syntax parameter of a media type such as
 * "image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50", or NULL. */
static char *
transfer_syntax_param (const char *media_type)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  GHashTable *params = NULL;
  const char *value;
  char *result = NULL;

  if (media_type == NULL)
    return NULL;

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  soup_message_headers_replace (headers, "Content-Type", media_type);
  if (soup_message_headers_get_content_type (headers, &params) == NULL || params == NULL)
    return NULL;
  value = g_hash_table_lookup (params, "transfer-syntax");
  if (value != NULL && *value != '\0' && strcmp (value, "*") != 0)
    result = g_strdup (value);
  g_hash_table_unref (params);

  return result;
}

/* What a part's media type implies when it names no transfer syntax. */
static const char *
implied_transfer_syntax (const char *media_type)
{
  if (media_type == NULL)
    return NULL;
  if (g_ascii_strcasecmp (media_type, "image/jpeg") == 0)
    return TS_JPEG_BASELINE;
  if (g_ascii_strcasecmp (media_type, "image/jp2") == 0)
    return TS_JPEG2000;
  if (g_ascii_strcasecmp (media_type, "application/octet-stream") == 0)
    return TS_EXPLICIT_LE;

  return NULL;
}

static char *
part_transfer_syntax (SoupMessageHeaders *response,
                      SoupMessageHeaders *part)
{
  GHashTable *params = NULL;
  const char *part_type = soup_message_headers_get_one (part, "Content-Type");
  const char *media_type = soup_message_headers_get_content_type (part, NULL);
  char *syntax = transfer_syntax_param (part_type);

  if (syntax != NULL)
    return syntax;

  /* The response's type="image/jpeg; transfer-syntax=…" parameter. */
  if (soup_message_headers_get_content_type (response, &params) != NULL && params != NULL)
    {
      syntax = transfer_syntax_param (g_hash_table_lookup (params, "type"));
      g_hash_table_unref (params);
      if (syntax != NULL)
        return syntax;
    }

  return g_strdup (implied_transfer_syntax (media_type != NULL ? media_type
                                                                : "application/octet-stream"));
}

/* libsoup's parser (3.2) finds the end of each part's headers with
 * strstr(), which reads on past the body until a NUL: it is given a copy
 * with one after it (found by fuzzing: tests/fuzz/regressions/
 * dicomweb-multipart). @suffix (nullable) is appended first. */
static SoupMultipart *
parse_terminated (SoupMessageHeaders *headers,
                  const char         *data,
                  gsize               size,
                  const char         *suffix)
{
  gsize extra = suffix != NULL ? strlen (suffix) : 0;
  char *copy = g_malloc (size + extra + 1);
  g_autoptr(GBytes) body = NULL;

  if (size > 0)
    memcpy (copy, data, size);
  if (extra > 0)
    memcpy (copy + size, suffix, extra);
  copy[size + extra] = '\0';
  body = g_bytes_new_take (copy, size + extra);

  return soup_multipart_new_from_message (headers, body);
}

/* libsoup wants a line end after the close delimiter ("--boundary--"),
 * which RFC 2046 makes optional and some servers leave out. */
static SoupMultipart *
parse_without_final_crlf (SoupMessageHeaders *headers,
                          const char         *data,
                          gsize               size)
{
  if (size < 2 || data[size - 2] != '-' || data[size - 1] != '-')
    return NULL;

  return parse_terminated (headers, data, size, "\r\n");
}

GBytes *
_cs_dicomweb_parse_frame (const char *content_type,
                          GBytes     *body,
                          char      **transfer_syntax,
                          GError    **error)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autofree char *syntax = NULL;
  SoupMessageHeaders *part_headers = NULL;
  GBytes *part = NULL;
  const char *data;
  gsize size = 0;

  if (content_type == NULL ||
      g_ascii_strncasecmp (content_type, "multipart/related", strlen ("multipart/related")) != 0)
    {
      frame_malformed (error, _("is not multipart/related"));
      return NULL;
    }
  soup_message_headers_replace (headers, "Content-Type", content_type);
  data = g_bytes_get_data (body, &size);
  multipart = parse_terminated (headers, data, size, NULL);
  if (multipart == NULL)
    multipart = parse_without_final_crlf (headers, data, size);
  if (multipart == NULL)
    {
      frame_malformed (error, _("has no valid multipart boundary"));
      return NULL;
    }
  if (soup_multipart_get_length (multipart) < 1 ||
      !soup_multipart_get_part (multipart, 0, &part_headers, &part))
    {
      frame_malformed (error, _("has no part"));
      return NULL;
    }
  if (g_bytes_get_size (part) == 0)
    {
      frame_malformed (error, _("has an empty part"));
      return NULL;
    }
  syntax = part_transfer_syntax (headers, part_headers);
  if (syntax == NULL)
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_UNSUPPORTED,
                   _("the frame has the media type “%s”, which Consilium cannot read"),
                   soup_message_headers_get_content_type (part_headers, NULL));
      return NULL;
    }

  if (transfer_syntax != NULL)
    *transfer_syntax = g_steal_pointer (&syntax);

  return g_bytes_ref (part);
}

GBytes *
_cs_dicomweb_build_store_body (GBytes  *part10,
                               char   **content_type)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/related");
  g_autoptr(SoupMessageHeaders) part_headers =
    soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(SoupMessageHeaders) headers =
    soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GHashTable) params = NULL;
  GHashTable *soup_params = NULL;
  GBytes *body = NULL;

  soup_message_headers_replace (part_headers, "Content-Type", "application/dicom");
  soup_multipart_append_part (multipart, part_headers, part10);
  soup_multipart_to_message (multipart, headers, &body);

  /* libsoup writes "multipart/related; boundary=…"; STOW-RS also wants
   * the parts' type. */
  soup_message_headers_get_content_type (headers, &soup_params);
  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (soup_params != NULL)
    {
      g_hash_table_insert (params, g_strdup ("boundary"),
                           g_strdup (g_hash_table_lookup (soup_params, "boundary")));
      g_hash_table_unref (soup_params);
    }
  g_hash_table_insert (params, g_strdup ("type"), g_strdup ("application/dicom"));
  soup_message_headers_set_content_type (headers, "multipart/related", params);
  *content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  return body;
}
