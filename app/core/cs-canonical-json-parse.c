/* cs-canonical-json-parse.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-canonical-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "cs-canonical-json.h"

/* I-JSON (RFC 7493) input for hashing: duplicate keys and lone
 * surrogate escapes are refused, so two readers cannot see different
 * documents. A scan of the string escapes finds surrogates; yajl's events
 * build the tree. */

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

/* Escapes \uD800–\uDFFF must come as a high surrogate then a low one;
 * \u0000 cannot be kept. */
static gboolean
check_escapes (const char *data,
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
      if (unit == 0)
        {
          /* json-glib strings end at a nul: refused, not cut short */
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                       _("Line %u: a \\u0000 in a string is not supported"),
                       line_at (data, i));
          return FALSE;
        }
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

/* The tree is built from yajl's events: json-glib would keep one of two
 * equal keys and turn an integer beyond 64 bits into -1. */

typedef struct
{
  JsonNode   *node;      /* an object or array being filled */
  GHashTable *keys;      /* GBytes of the keys seen (objects) */
  char       *key;       /* the member whose value comes next */
} Frame;

typedef struct
{
  yajl_handle  handle;
  const char  *data;
  GArray      *stack;    /* Frame */
  JsonNode    *root;
  char        *failure;  /* why the builder stopped the parse */
} Builder;

/* Deeper documents are refused: every reader of the tree recurses. */
#define MAX_DEPTH 512

static int
fail (Builder *builder,
      char    *message)
{
  g_free (builder->failure);
  builder->failure = message;
  return 0;
}

static guint
builder_line (Builder *builder)
{
  return line_at (builder->data, yajl_get_bytes_consumed (builder->handle));
}

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->node, json_node_unref);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
  g_clear_pointer (&frame->key, g_free);
}

static void
bytes_unref (gpointer bytes)
{
  g_bytes_unref (bytes);
}

static int
add_value (Builder  *builder,
           JsonNode *node)
{
  Frame *top;

  if (builder->stack->len == 0)
    {
      builder->root = node;
      return 1;
    }
  top = &g_array_index (builder->stack, Frame, builder->stack->len - 1);
  if (JSON_NODE_HOLDS_ARRAY (top->node))
    json_array_add_element (json_node_get_array (top->node), node);
  else
    {
      json_object_set_member (json_node_get_object (top->node), top->key, node);
      g_clear_pointer (&top->key, g_free);
    }
  return 1;
}

static int
on_null (void *ctx)
{
  return add_value (ctx, json_node_new (JSON_NODE_NULL));
}

static int
on_boolean (void *ctx,
            int   value)
{
  return add_value (ctx, json_node_init_boolean (json_node_alloc (), value));
}

static int
on_number (void       *ctx,
           const char *text,
           size_t      len)
{
  g_autofree char *copy = g_strndup (text, len);
  gint64 integer;
  double value;

  if (strpbrk (copy, ".eE") == NULL &&
      g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, &integer, NULL))
    return add_value (ctx, json_node_init_int (json_node_alloc (), integer));
  /* a fraction, an exponent or an integer beyond 64 bits: a double,
   * finite (RFC 8785 has no Infinity) */
  value = g_ascii_strtod (copy, NULL);
  if (!isfinite (value))
    return fail (ctx, g_strdup_printf (_("Line %u: number out of range (%s)"),
                                       builder_line (ctx), copy));
  return add_value (ctx, json_node_init_double (json_node_alloc (), value));
}

static int
on_string (void                *ctx,
           const unsigned char *text,
           size_t               len)
{
  g_autofree char *copy = g_strndup ((const char *) text, len);

  return add_value (ctx, json_node_init_string (json_node_alloc (), copy));
}

static int
push (Builder  *builder,
      JsonNode *node)
{
  Frame frame = { NULL, NULL, NULL };

  if (builder->stack->len >= MAX_DEPTH)
    {
      json_node_unref (node);
      return fail (builder, g_strdup_printf (_("Line %u: nested more than %u levels deep"),
                                             builder_line (builder), MAX_DEPTH));
    }
  frame.node = json_node_ref (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    frame.keys = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, bytes_unref, NULL);
  add_value (builder, node);
  g_array_append_val (builder->stack, frame);
  return 1;
}

static int
on_start_map (void *ctx)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  return push (ctx, node);
}

static int
on_start_array (void *ctx)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());
  return push (ctx, node);
}

static int
on_end (void *ctx)
{
  Builder *builder = ctx;

  g_array_set_size (builder->stack, builder->stack->len - 1);
  return 1;
}

static int
on_map_key (void                *ctx,
            const unsigned char *key,
            size_t               len)
{
  Builder *builder = ctx;
  Frame *top = &g_array_index (builder->stack, Frame, builder->stack->len - 1);
  g_autofree char *name = g_strndup ((const char *) key, len);

  if (!g_hash_table_add (top->keys, g_bytes_new (key, len)))
    return fail (builder, g_strdup_printf (_("Line %u: the key “%s” appears twice in one object"),
                                           builder_line (builder), name));
  top->key = g_steal_pointer (&name);
  return 1;
}

static const yajl_callbacks build_callbacks = {
  .yajl_null = on_null,
  .yajl_boolean = on_boolean,
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = on_end,
  .yajl_start_array = on_start_array,
  .yajl_end_array = on_end,
};

static JsonNode *
build (const char *data,
       gsize       len,
       GError    **error)
{
  Builder builder = { NULL, data, g_array_new (FALSE, TRUE, sizeof (Frame)), NULL, NULL };
  yajl_status status;

  g_array_set_clear_func (builder.stack, frame_clear);
  builder.handle = yajl_alloc (&build_callbacks, NULL, &builder);
  status = yajl_parse (builder.handle, (const unsigned char *) data, len);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (builder.handle);

  if (builder.failure != NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                         builder.failure);
  else if (status != yajl_status_ok)
    {
      unsigned char *message = yajl_get_error (builder.handle, 0, NULL, 0);

      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("Line %u: not valid JSON (%s)"),
                   line_at (data, MIN (yajl_get_bytes_consumed (builder.handle), len)),
                   g_strchomp ((char *) message));
      yajl_free_error (builder.handle, message);
    }
  yajl_free (builder.handle);
  g_array_unref (builder.stack);
  g_free (builder.failure);
  if (status != yajl_status_ok)
    g_clear_pointer (&builder.root, json_node_unref);
  return builder.root;
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
  gsize n = len < 0 ? strlen (data) : (gsize) len;

  if (!g_utf8_validate (data, n, NULL))
    {
      const char *end = NULL;

      g_utf8_validate (data, n, &end);
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("Line %u: the text is not valid UTF-8"), line_at (data, end - data));
      return NULL;
    }
  if (!check_escapes (data, n, error))
    return NULL;
  return build (data, n, error);
}
