/* cs-canonical-json-parse.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-canonical-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "cs-canonical-json.h"

/* I-JSON (RFC 7493) input for hashing: json-glib keeps the last of two
 * equal keys and decodes a lone surrogate escape, so two readers could
 * see different documents. A yajl pass over the text refuses duplicate
 * keys, a scan of the string escapes refuses lone surrogates; json-glib
 * then builds the tree. */

static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }
  return value;
}

/* Escapes \uD800–\uDFFF must come as a high surrogate then a low one. */
static gboolean
check_surrogates (const char *data,
                  gsize       len,
                  GError    **error)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      int unit, next;

      if (data[i] == '"')
        in_string = !in_string;
      if (!in_string || data[i] != '\\' || i + 1 >= len)
        continue;
      i++;
      if (data[i] != 'u' || i + 4 >= len || (unit = hex4 (data + i + 1)) < 0)
        continue;
      i += 4;
      if (unit < 0xD800 || unit > 0xDFFF)
        continue;
      next = unit <= 0xDBFF && i + 6 < len && data[i + 1] == '\\' &&
             data[i + 2] == 'u' ? hex4 (data + i + 3) : -1;
      if (next < 0xDC00 || next > 0xDFFF)
        {
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                       _("Line %u: a lone surrogate \\u%04x in a string"),
                       line_at (data, i), (guint) unit);
          return FALSE;
        }
      i += 6;
    }
  return TRUE;
}

typedef struct
{
  yajl_handle  handle;
  const char  *data;
  GPtrArray   *maps;    /* GHashTable of the keys seen, per open object */
  char        *duplicate;
  guint        line;
} KeyCheck;

static int
on_start_map (void *ctx)
{
  KeyCheck *check = ctx;

  g_ptr_array_add (check->maps, g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                      (GDestroyNotify) g_bytes_unref, NULL));
  return 1;
}

static int
on_end_map (void *ctx)
{
  KeyCheck *check = ctx;

  g_ptr_array_remove_index (check->maps, check->maps->len - 1);
  return 1;
}

static int
on_map_key (void                *ctx,
            const unsigned char *key,
            size_t               len)
{
  KeyCheck *check = ctx;
  GHashTable *seen = g_ptr_array_index (check->maps, check->maps->len - 1);

  /* bytes, not C strings: "a\u0000b" and "a\u0000c" differ */
  if (g_hash_table_add (seen, g_bytes_new (key, len)))
    return 1;
  check->duplicate = g_strndup ((const char *) key, len);
  check->line = line_at (check->data, yajl_get_bytes_consumed (check->handle));
  return 0;
}

static const yajl_callbacks key_callbacks = {
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = on_end_map,
};

static gboolean
check_keys (const char *data,
            gsize       len,
            GError    **error)
{
  KeyCheck check = { NULL, data, g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref), NULL, 0 };
  yajl_status status;

  check.handle = yajl_alloc (&key_callbacks, NULL, &check);
  status = yajl_parse (check.handle, (const unsigned char *) data, len);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (check.handle);

  if (check.duplicate != NULL)
    g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                 _("Line %u: the key “%s” appears twice in one object"),
                 check.line, check.duplicate);
  else if (status != yajl_status_ok)
    {
      unsigned char *message = yajl_get_error (check.handle, 0, NULL, 0);

      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("Line %u: not valid JSON (%s)"),
                   line_at (data, MIN (yajl_get_bytes_consumed (check.handle), len)),
                   g_strchomp ((char *) message));
      yajl_free_error (check.handle, message);
    }
  yajl_free (check.handle);
  g_ptr_array_unref (check.maps);
  g_free (check.duplicate);
  return status == yajl_status_ok;
}

/**
 * cs_canonical_json_parse:
 * @data: JSON text
 * @len: its length, or -1 when nul-terminated
 * @error: return location for an error, naming the line
 *
 * Returns: (transfer full): the root node, or %NULL
 */
JsonNode *
cs_canonical_json_parse (const char *data,
                         gssize      len,
                         GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize n = len < 0 ? strlen (data) : (gsize) len;

  if (!g_utf8_validate (data, n, NULL))
    {
      const char *end = NULL;

      g_utf8_validate (data, n, &end);
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("Line %u: the text is not valid UTF-8"), line_at (data, end - data));
      return NULL;
    }
  if (!check_surrogates (data, n, error) || !check_keys (data, n, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, n, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("Line 1: the text holds no JSON value"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}
