/* cs-canonical-json.c
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

#include "cs-canonical-json.h"
#include "cs-canonical-json-private.h"

/* RFC 8785 as docs/FORMATS.md §8 states it. The same writer also prints
 * the indented form the report files are stored in (same key order, same
 * numbers), so a file read back hashes as it did before. */

/* ---- numbers ----------------------------------------------------------- */

/* The shortest decimal digits that read back as @value (> 0), and the
 * decimal exponent n with value = 0.d1d2… × 10^n. */
static void
shortest_digits (double  value,
                 char   *digits,
                 int    *point)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  const char *e;
  int precision;
  int n = 0;

  for (precision = 1; precision <= 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  /* buf is "d.ddde±x" (or "de±x" for one digit) */
  e = strchr (buf, 'e');
  for (const char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  /* drop trailing zeros: 1e+21 prints as "1.0…e+21" only for precision 1 */
  while (n > 1 && digits[n - 1] == '0')
    n--;
  digits[n] = '\0';
  *point = (int) g_ascii_strtoll (e + 1, NULL, 10) + 1;
}

/**
 * cs_canonical_json_number:
 * @value: a finite double
 *
 * ECMAScript's Number.prototype.toString (ECMA-262 Number::toString):
 * shortest round-trip digits, plain notation for 1e-6 ≤ |v| < 1e21.
 *
 * Returns: (transfer full): the number's text
 */
char *
cs_canonical_json_number (double value)
{
  GString *out;
  char digits[24];
  int k, n;

  g_return_val_if_fail (isfinite (value), NULL);

  if (value == 0)
    return g_strdup ("0");
  out = g_string_new (value < 0 ? "-" : "");
  shortest_digits (fabs (value), digits, &n);
  k = (int) strlen (digits);

  if (k <= n && n <= 21)
    {
      g_string_append (out, digits);
      for (int i = 0; i < n - k; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < n && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -n; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (k > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", n - 1 < 0 ? '-' : '+', ABS (n - 1));
    }
  return g_string_free (out, FALSE);
}

/* ---- strings and keys -------------------------------------------------- */

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) str; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/**
 * cs_canonical_json_compare_keys:
 *
 * Orders two UTF-8 keys as sequences of UTF-16 code units (RFC 8785
 * §3.2.3): code points above U+FFFF compare as their surrogates, which
 * sort before U+E000–U+FFFF.
 */
int
cs_canonical_json_compare_keys (const char *a,
                                const char *b)
{
  const char *p = a, *q = b;

  while (*p != '\0' && *q != '\0')
    {
      gunichar ca = g_utf8_get_char (p);
      gunichar cb = g_utf8_get_char (q);
      gunichar ua = ca >= 0x10000 ? 0xD800 + ((ca - 0x10000) >> 10) : ca;
      gunichar ub = cb >= 0x10000 ? 0xD800 + ((cb - 0x10000) >> 10) : cb;

      if (ua != ub)
        return ua < ub ? -1 : 1;
      if (ca != cb)
        {
          /* same high surrogate: the low ones decide */
          ua = 0xDC00 + ((ca - 0x10000) & 0x3FF);
          ub = 0xDC00 + ((cb - 0x10000) & 0x3FF);
          return ua < ub ? -1 : 1;
        }
      p = g_utf8_next_char (p);
      q = g_utf8_next_char (q);
    }
  return (*p != '\0') - (*q != '\0');
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  return cs_canonical_json_compare_keys (*(const char * const *) a,
                                         *(const char * const *) b);
}

/* ---- the writer -------------------------------------------------------- */

typedef struct
{
  GString *out;
  int         indent;   /* < 0: canonical, no whitespace */
  const char *skip;     /* a top-level member left out, or NULL */
  GError    **error;
} Writer;

static gboolean write_node (Writer *w, JsonNode *node, int depth);

static void
newline (Writer *w,
         int     depth)
{
  if (w->indent < 0)
    return;
  g_string_append_c (w->out, '\n');
  for (int i = 0; i < depth * w->indent; i++)
    g_string_append_c (w->out, ' ');
}

static gboolean
check_text (Writer     *w,
            const char *text)
{
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    return TRUE;
  g_set_error (w->error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
               _("A JSON string is not valid UTF-8"));
  return FALSE;
}

static gboolean
write_object (Writer     *w,
              JsonObject *object,
              int         depth)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!check_text (w, l->data))
        return FALSE;
      if (depth == 0 && g_strcmp0 (w->skip, l->data) == 0)
        continue;
      g_ptr_array_add (keys, l->data);
    }
  g_ptr_array_sort (keys, compare_members);

  g_string_append_c (w->out, '{');
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (i > 0)
        g_string_append_c (w->out, ',');
      newline (w, depth + 1);
      append_string (w->out, key);
      g_string_append (w->out, w->indent < 0 ? ":" : ": ");
      if (!write_node (w, json_object_get_member (object, key), depth + 1))
        return FALSE;
    }
  if (keys->len > 0)
    newline (w, depth);
  g_string_append_c (w->out, '}');
  return TRUE;
}

static gboolean
write_array (Writer    *w,
             JsonArray *array,
             int        depth)
{
  guint n = json_array_get_length (array);

  g_string_append_c (w->out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (w->out, ',');
      newline (w, depth + 1);
      if (!write_node (w, json_array_get_element (array, i), depth + 1))
        return FALSE;
    }
  if (n > 0)
    newline (w, depth);
  g_string_append_c (w->out, ']');
  return TRUE;
}

static gboolean
write_double (Writer *w,
              double  value)
{
  g_autofree char *text = NULL;

  if (!isfinite (value))
    {
      g_set_error (w->error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("A JSON number is not finite (NaN or infinity)"));
      return FALSE;
    }
  text = cs_canonical_json_number (value);
  g_string_append (w->out, text);
  return TRUE;
}

static gboolean
write_value (Writer   *w,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    {
      if (!check_text (w, json_node_get_string (node)))
        return FALSE;
      append_string (w->out, json_node_get_string (node));
      return TRUE;
    }
  if (type == G_TYPE_BOOLEAN)
    {
      g_string_append (w->out, json_node_get_boolean (node) ? "true" : "false");
      return TRUE;
    }
  if (type == G_TYPE_INT64)
    return write_double (w, (double) json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return write_double (w, json_node_get_double (node));
  g_set_error (w->error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
               _("A JSON value of type %s cannot be written"), g_type_name (type));
  return FALSE;
}

static gboolean
write_node (Writer   *w,
            JsonNode *node,
            int       depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return write_object (w, json_node_get_object (node), depth);
    case JSON_NODE_ARRAY:
      return write_array (w, json_node_get_array (node), depth);
    case JSON_NODE_NULL:
      g_string_append (w->out, "null");
      return TRUE;
    case JSON_NODE_VALUE:
      return write_value (w, node);
    default:
      g_assert_not_reached ();
    }
}

/**
 * cs_canonical_json_write:
 * @node: the value
 * @indent: spaces per level, or -1 for the canonical form
 * @error: return location for an error
 *
 * Returns: (transfer full): the text, or %NULL (NaN, infinity, a string
 *   not in UTF-8)
 */
char *
cs_canonical_json_write (JsonNode *node,
                         int       indent,
                         GError  **error)
{
  Writer w = { g_string_new (NULL), indent, NULL, error };

  g_return_val_if_fail (node != NULL, NULL);

  if (!write_node (&w, node, 0))
    {
      g_string_free (w.out, TRUE);
      return NULL;
    }
  return g_string_free (w.out, FALSE);
}

/**
 * cs_canonical_json:
 * @node: the value
 * @error: return location for an error
 *
 * Returns: (transfer full): RFC 8785 text of @node, or %NULL
 */
char *
cs_canonical_json (JsonNode *node,
                   GError  **error)
{
  return cs_canonical_json_write (node, -1, error);
}

/**
 * cs_canonical_json_sha256:
 * @node: the value
 * @error: return location for an error
 *
 * Returns: (transfer full): 64 lowercase hex digits, or %NULL
 */
char *
cs_canonical_json_sha256 (JsonNode *node,
                          GError  **error)
{
  return cs_canonical_json_sha256_without (node, NULL, error);
}

/**
 * cs_canonical_json_sha256_without:
 * @node: the value
 * @skip: (nullable): a top-level member to leave out ("signature")
 * @error: return location for an error
 *
 * Returns: (transfer full): 64 lowercase hex digits, or %NULL
 */
char *
cs_canonical_json_sha256_without (JsonNode   *node,
                                  const char *skip,
                                  GError    **error)
{
  Writer w = { g_string_new (NULL), -1, skip, error };
  char *sum;

  if (!write_node (&w, node, 0))
    {
      g_string_free (w.out, TRUE);
      return NULL;
    }
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, w.out->str, w.out->len);
  g_string_free (w.out, TRUE);
  return sum;
}
