/* cs-json-path.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-json-path"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-json-path.h"

static gboolean
parse_index (const char *segment,
             guint      *index)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (segment, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *index = (guint) value;
  return TRUE;
}

static JsonNode *
child (JsonNode   *node,
       const char *segment)
{
  guint index;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_member (json_node_get_object (node), segment);
  if (JSON_NODE_HOLDS_ARRAY (node) && parse_index (segment, &index) &&
      index < json_array_get_length (json_node_get_array (node)))
    return json_array_get_element (json_node_get_array (node), index);
  return NULL;
}

JsonNode *
cs_json_path_lookup (JsonObject *root,
                     const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  g_autoptr(JsonNode) top = json_node_init_object (json_node_alloc (), root);
  JsonNode *node = top;

  for (guint i = 0; segments[i] != NULL && node != NULL; i++)
    node = child (node, segments[i]);
  return node == top ? NULL : node;
}

const char *
cs_json_path_get_string (JsonObject *root,
                         const char *path)
{
  JsonNode *node = cs_json_path_lookup (root, path);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
cs_json_object_get_text (JsonObject *object,
                         const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The container for the segment after @segment: made when absent. */
static JsonNode *
child_or_new (JsonNode   *node,
              const char *segment,
              const char *next)
{
  JsonNode *found = child (node, segment);
  guint index;
  JsonNode *made;

  if (found != NULL)
    return found;
  made = parse_index (next, &index) ? json_node_new (JSON_NODE_ARRAY)
                                    : json_node_new (JSON_NODE_OBJECT);
  if (JSON_NODE_HOLDS_ARRAY (made))
    json_node_take_array (made, json_array_new ());
  else
    json_node_take_object (made, json_object_new ());
  if (JSON_NODE_HOLDS_OBJECT (node))
    json_object_set_member (json_node_get_object (node), segment, made);
  else if (JSON_NODE_HOLDS_ARRAY (node) && parse_index (segment, &index) &&
           index == json_array_get_length (json_node_get_array (node)))
    json_array_add_element (json_node_get_array (node), made);
  else
    {
      json_node_unref (made);
      return NULL;
    }
  return made;
}

static gboolean
store (JsonNode   *parent,
       const char *segment,
       const char *value,
       gboolean   *changed)
{
  g_autofree char *nfc = value != NULL ? g_utf8_normalize (value, -1, G_NORMALIZE_NFC) : NULL;
  JsonNode *old = child (parent, segment);
  guint index;

  if (value != NULL && nfc == NULL)
    return FALSE;
  if (old != NULL && nfc != NULL && json_node_get_value_type (old) == G_TYPE_STRING &&
      g_strcmp0 (json_node_get_string (old), nfc) == 0)
    return TRUE;
  if (old == NULL && nfc == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (parent))
    {
      if (nfc == NULL)
        json_object_remove_member (json_node_get_object (parent), segment);
      else
        json_object_set_string_member (json_node_get_object (parent), segment, nfc);
    }
  else if (nfc != NULL && parse_index (segment, &index) &&
           index <= json_array_get_length (json_node_get_array (parent)))
    {
      JsonArray *array = json_node_get_array (parent);

      if (index == json_array_get_length (array))
        json_array_add_string_element (array, nfc);
      else
        json_node_set_string (json_array_get_element (array, index), nfc);
    }
  else
    return FALSE;
  *changed = TRUE;
  return TRUE;
}

gboolean
cs_json_path_set_string (JsonObject  *root,
                         const char  *path,
                         const char  *value,
                         gboolean    *changed,
                         GError     **error)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  g_autoptr(JsonNode) top = json_node_init_object (json_node_alloc (), root);
  JsonNode *node = top;
  guint n = g_strv_length (segments);

  *changed = FALSE;
  for (guint i = 0; n > 0 && i + 1 < n && node != NULL; i++)
    node = value != NULL ? child_or_new (node, segments[i], segments[i + 1])
                         : child (node, segments[i]);
  if (n > 0 && node == NULL && value == NULL)
    return TRUE;
  if (n == 0 || node == NULL || (!JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_ARRAY (node)) ||
      !store (node, segments[n - 1], value, changed))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The field “%s” cannot hold text"), path);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
cs_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                cs_json_node_deep_copy (json_object_get_member (json_node_get_object (node), l->data)));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, object);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      JsonArray *array = json_array_sized_new (json_array_get_length (source));

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (array, cs_json_node_deep_copy (json_array_get_element (source, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, array);
    }
  else
    copy = json_node_copy (node);
  return copy;
}

int
cs_json_find_deep_nesting (const char *data,
                           gsize       len,
                           int         max_depth)
{
  gboolean in_string = FALSE, escaped = FALSE;
  int depth = 0, line = 1;

  g_return_val_if_fail (data != NULL || len == 0, 0);

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > max_depth)
        return line;
      else if (c == ']' || c == '}')
        depth--;
    }
  return 0;
}
