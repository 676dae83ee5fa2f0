/* cs-cli-live-script.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-live-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cs-geojson.h"
#include "cs-live-message.h"

/* Reads the scripts of consilium-cli live (cs-cli-live-private.h): every
 * line strictly, so that a typing mistake stops the command before it
 * hosts or joins, with the line that has it. The limits are the
 * protocol's (cs-live-message.h): a script cannot send what the other
 * side would refuse. */

void
cs_cli_live_action_free (CsCliLiveAction *action)
{
  if (action == NULL)
    return;
  g_free (action->text);
  g_clear_object (&action->annotation);
  g_free (action);
}

static void
action_free_cb (gpointer data)
{
  cs_cli_live_action_free (data);
}

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

/* Only @allowed members (NULL-terminated) in @object. */
static gboolean
check_members (JsonObject         *object,
               const char         *what,
               const char *const  *allowed,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Unknown member “%s” in %s"), (const char *) l->data, what);
        return FALSE;
      }
  return TRUE;
}

static gboolean
get_number (JsonObject  *object,
            const char  *member,
            double       min,
            double       max,
            double      *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                            : G_TYPE_INVALID;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” must be a number"), member);
      return FALSE;
    }
  *value = json_node_get_double (node);
  if (!isfinite (*value) || *value < min || *value > max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is out of range"), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_count (JsonNode  *node,
           const char *member,
           guint       max,
           guint      *value,
           GError    **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” must be a whole number from 0 to %u"), member, max);
      return FALSE;
    }
  *value = (guint) json_node_get_int (node);
  return TRUE;
}

static gboolean
get_true (JsonNode   *node,
          const char *member,
          GError    **error)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
      json_node_get_boolean (node))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” must be true"), member);
  return FALSE;
}

/* A string of at most @max bytes (NULL allowed when @nullable). */
static gboolean
get_text (JsonNode    *node,
          const char  *member,
          gboolean     nullable,
          char       **value,
          GError     **error)
{
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      strlen (json_node_get_string (node)) > CS_LIVE_TEXT_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” must be a text of at most %u bytes"), member,
                   (guint) CS_LIVE_TEXT_MAX);
      return FALSE;
    }
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static JsonObject *
get_object (JsonNode   *node,
            const char *member,
            GError    **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” must be an object"), member);
  return NULL;
}

static gboolean
parse_view (JsonNode        *node,
            CsCliLiveAction *action,
            GError         **error)
{
  static const char *const members[] = { "x", "y", "zoom", "rotation", NULL };
  JsonObject *object = get_object (node, "view", error);

  return object != NULL &&
         check_members (object, "view", members, error) &&
         get_number (object, "x", -CS_LIVE_COORD_MAX, CS_LIVE_COORD_MAX, &action->view.x, error) &&
         get_number (object, "y", -CS_LIVE_COORD_MAX, CS_LIVE_COORD_MAX, &action->view.y, error) &&
         get_number (object, "zoom", CS_LIVE_ZOOM_MIN, CS_LIVE_ZOOM_MAX, &action->view.zoom,
                     error) &&
         get_number (object, "rotation", 0, nextafter (360, 0), &action->view.rotation, error);
}

/* pointer {x, y, visible} and ping {x, y[, note]} */
static gboolean
parse_point (JsonNode        *node,
             const char      *what,
             CsCliLiveAction *action,
             GError         **error)
{
  static const char *const pointer_members[] = { "x", "y", "visible", NULL };
  static const char *const ping_members[] = { "x", "y", "note", NULL };
  gboolean pointer = action->type == CS_CLI_LIVE_ACTION_POINTER;
  JsonObject *object = get_object (node, what, error);
  JsonNode *extra;

  if (object == NULL ||
      !check_members (object, what, pointer ? pointer_members : ping_members, error) ||
      !get_number (object, "x", -CS_LIVE_COORD_MAX, CS_LIVE_COORD_MAX, &action->x, error) ||
      !get_number (object, "y", -CS_LIVE_COORD_MAX, CS_LIVE_COORD_MAX, &action->y, error))
    return FALSE;

  extra = json_object_get_member (object, pointer ? "visible" : "note");
  if (!pointer)
    return extra == NULL || get_text (extra, "note", TRUE, &action->text, error);
  if (extra == NULL || !JSON_NODE_HOLDS_VALUE (extra) ||
      json_node_get_value_type (extra) != G_TYPE_BOOLEAN)
    return fail (error, _("“visible” must be true or false"));
  action->visible = json_node_get_boolean (extra);
  return TRUE;
}

static gboolean
parse_annotation (JsonNode        *node,
                  CsCliLiveAction *action,
                  GError         **error)
{
  g_autofree char *json = NULL;
  JsonObject *object = get_object (node, "annotation", error);
  JsonNode *id;

  if (object == NULL)
    return FALSE;
  /* The reader gives a feature without an id a fresh one: the script's
   * actions name it, so it must be there. */
  id = json_object_get_member (object, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
      !g_uuid_string_is_valid (json_node_get_string (id)))
    return fail (error, _("The annotation needs an “id” that is a UUID"));
  json = json_to_string (node, FALSE);
  if (strlen (json) > CS_LIVE_ANNOTATION_MAX_SIZE / 2)
    return fail (error, _("The annotation is too large to send"));
  action->annotation = cs_geojson_parse_feature (json, strlen (json), error);
  if (action->annotation == NULL)
    return FALSE;
  g_assert (g_strcmp0 (cs_annotation_get_id (action->annotation), json_node_get_string (id)) == 0);
  return TRUE;
}

static gboolean
parse_delete (JsonNode        *node,
              CsCliLiveAction *action,
              GError         **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_uuid_string_is_valid (json_node_get_string (node)))
    return fail (error, _("“delete” must be the UUID of an annotation"));
  action->text = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
parse_state (JsonNode        *node,
             CsCliLiveAction *action,
             GError         **error)
{
  static const char *const names[] = { "waiting", "connecting", "joined", "reconnecting", NULL };
  gboolean is_string = JSON_NODE_HOLDS_VALUE (node) &&
                       json_node_get_value_type (node) == G_TYPE_STRING;
  const char *name = is_string ? json_node_get_string (node) : "";
  const CsLiveState states[] = { CS_LIVE_STATE_WAITING, CS_LIVE_STATE_CONNECTING,
                                 CS_LIVE_STATE_JOINED, CS_LIVE_STATE_RECONNECTING };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (name, names[i]))
      {
        action->state = states[i];
        return TRUE;
      }
  return fail (error, _("“wait_state” must be “waiting”, “connecting”, “joined” or "
                        "“reconnecting”"));
}

static const struct
{
  const char          *name;
  CsCliLiveActionType  type;
} action_names[] = {
  { "wait_joined", CS_CLI_LIVE_ACTION_WAIT_JOINED },
  { "view", CS_CLI_LIVE_ACTION_VIEW },
  { "pointer", CS_CLI_LIVE_ACTION_POINTER },
  { "ping", CS_CLI_LIVE_ACTION_PING },
  { "annotation", CS_CLI_LIVE_ACTION_ANNOTATION },
  { "delete", CS_CLI_LIVE_ACTION_DELETE },
  { "give_control", CS_CLI_LIVE_ACTION_GIVE_CONTROL },
  { "wait_annotations", CS_CLI_LIVE_ACTION_WAIT_ANNOTATIONS },
  { "wait_state", CS_CLI_LIVE_ACTION_WAIT_STATE },
  { "end", CS_CLI_LIVE_ACTION_END },
};

static gboolean
parse_action_value (const char      *name,
                    JsonNode        *node,
                    CsCliLiveAction *action,
                    GError         **error)
{
  switch (action->type)
    {
    case CS_CLI_LIVE_ACTION_WAIT_JOINED:
    case CS_CLI_LIVE_ACTION_GIVE_CONTROL:
      return get_true (node, name, error);
    case CS_CLI_LIVE_ACTION_VIEW:
      return parse_view (node, action, error);
    case CS_CLI_LIVE_ACTION_POINTER:
    case CS_CLI_LIVE_ACTION_PING:
      return parse_point (node, name, action, error);
    case CS_CLI_LIVE_ACTION_ANNOTATION:
      return parse_annotation (node, action, error);
    case CS_CLI_LIVE_ACTION_DELETE:
      return parse_delete (node, action, error);
    case CS_CLI_LIVE_ACTION_WAIT_ANNOTATIONS:
      return get_count (node, name, G_MAXINT32, &action->count, error);
    case CS_CLI_LIVE_ACTION_WAIT_STATE:
      return parse_state (node, action, error);
    case CS_CLI_LIVE_ACTION_END:
      return get_text (node, name, TRUE, &action->text, error);
    default:
      g_assert_not_reached ();
    }
}

/* One action from the object of one line. */
static gboolean
parse_action (JsonObject      *object,
              CsCliLiveAction *action,
              GError         **error)
{
  g_autoptr(GList) members = json_object_get_members (object);
  const char *name = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      if (g_str_equal (l->data, "after_ms"))
        {
          if (!get_count (json_object_get_member (object, "after_ms"), "after_ms",
                          CS_CLI_LIVE_AFTER_MAX_MS, &action->after_ms, error))
            return FALSE;
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (action_names) && !known; i++)
        if (g_str_equal (l->data, action_names[i].name))
          {
            known = TRUE;
            action->type = action_names[i].type;
          }
      if (!known)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown action “%s”"), (const char *) l->data);
          return FALSE;
        }
      if (name != NULL)
        return fail (error, _("More than one action on one line"));
      name = l->data;
    }
  if (name == NULL)
    return fail (error, _("No action on the line"));

  return parse_action_value (name, json_object_get_member (object, name), action, error);
}

static CsCliLiveAction *
parse_line (const char *line,
            guint       number,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  CsCliLiveAction *action = g_new0 (CsCliLiveAction, 1);
  JsonNode *root;

  action->line = number;
  if (!json_parser_load_from_data (parser, line, -1, &local_error))
    {
      /* json-glib's message names its own line and column: the line is
       * ours. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Not valid JSON (%s)"),
                   local_error->message);
      cs_cli_live_action_free (action);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, _("A line must be one JSON object"));
      cs_cli_live_action_free (action);
      return NULL;
    }
  if (!parse_action (json_node_get_object (root), action, error))
    {
      cs_cli_live_action_free (action);
      return NULL;
    }
  return action;
}

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

GPtrArray *
cs_cli_live_script_parse (const char *name,
                          const char *contents,
                          gssize      len,
                          GError    **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (action_free_cb);
  g_autofree char *text = len < 0 ? g_strdup (contents) : g_strndup (contents, len);
  g_auto(GStrv) lines = NULL;

  if ((len < 0 ? strlen (contents) : (gsize) len) != strlen (text) ||
      !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: not a text file in UTF-8"), name);
      return NULL;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      CsCliLiveAction *action;

      if (is_blank (lines[i]))
        continue;
      if (actions->len == CS_CLI_LIVE_SCRIPT_MAX_ACTIONS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s:%u: more than %u actions"), name, i + 1,
                       (guint) CS_CLI_LIVE_SCRIPT_MAX_ACTIONS);
          return NULL;
        }
      action = parse_line (lines[i], i + 1, &local_error);
      if (action == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%u: %s", name, i + 1,
                       local_error->message);
          return NULL;
        }
      g_ptr_array_add (actions, action);
    }
  return g_steal_pointer (&actions);
}

GPtrArray *
cs_cli_live_script_load (const char *path,
                         GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > CS_CLI_LIVE_SCRIPT_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: a script may not be larger than %u MiB"), path,
                   (guint) (CS_CLI_LIVE_SCRIPT_MAX_SIZE / (1024 * 1024)));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, error))
    return NULL;
  return cs_cli_live_script_parse (path, contents, len, error);
}
