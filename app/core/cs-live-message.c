/* cs-live-message.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-message"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cs-json-path.h"
#include "cs-live-message-private.h"

/* Parsing and validation of live-consultation messages. Each message is
 * checked for size and nesting before json-glib sees it (the parser
 * recurses), then every member its type uses is checked for type, range
 * and length; the first failure is the error, and nothing is returned. */

G_DEFINE_QUARK (cs-live-error-quark, cs_live_error)

static const char *const type_names[] = {
  [CS_LIVE_MESSAGE_HELLO] = "hello",
  [CS_LIVE_MESSAGE_WELCOME] = "welcome",
  [CS_LIVE_MESSAGE_REFUSE] = "refuse",
  [CS_LIVE_MESSAGE_VIEW] = "view",
  [CS_LIVE_MESSAGE_POINTER] = "pointer",
  [CS_LIVE_MESSAGE_ANNOTATION_UPSERT] = "annotation-upsert",
  [CS_LIVE_MESSAGE_ANNOTATION_DELETE] = "annotation-delete",
  [CS_LIVE_MESSAGE_PING] = "ping",
  [CS_LIVE_MESSAGE_CONTROL] = "control",
  [CS_LIVE_MESSAGE_BYE] = "bye",
  [CS_LIVE_MESSAGE_KEEPALIVE] = "keepalive",
  [CS_LIVE_MESSAGE_ANNOTATION_BATCH] = "annotation-batch",
};

const char *
cs_live_message_type_to_string (CsLiveMessageType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (type_names), NULL);

  return type_names[type];
}

const char *
cs_live_role_to_string (CsLiveRole role)
{
  return role == CS_LIVE_ROLE_HOST ? "host" : "guest";
}

static void
free_change (gpointer data)
{
  cs_live_message_free (data);
}

CsLiveMessage *
cs_live_message_new (CsLiveMessageType type)
{
  CsLiveMessage *self = g_new0 (CsLiveMessage, 1);

  self->type = type;
  self->zoom = 1.0;
  if (type == CS_LIVE_MESSAGE_ANNOTATION_BATCH)
    self->changes = g_ptr_array_new_with_free_func (free_change);
  return self;
}

void
cs_live_message_free (CsLiveMessage *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->slide_sha256);
  g_free (self->nonce);
  g_free (self->proof);
  g_free (self->resume);
  g_free (self->reason);
  g_free (self->note);
  g_free (self->uuid);
  g_free (self->author);
  g_clear_object (&self->annotation);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_free (self);
}

/* NUL bytes, and arrays and objects nested deeper than
 * CS_LIVE_MESSAGE_MAX_DEPTH, are refused before parsing. */
static gboolean
check_shape (const char *data,
             gsize       len,
             GError    **error)
{
  if (memchr (data, '\0', len) != NULL)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message contains a NUL byte"));
  if (cs_json_find_deep_nesting (data, len, CS_LIVE_MESSAGE_MAX_DEPTH) != 0)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message is nested more than %d levels deep"),
                         CS_LIVE_MESSAGE_MAX_DEPTH);
  return TRUE;
}

static gboolean
parse_type (JsonObject        *root,
            CsLiveMessageType *type,
            GError           **error)
{
  g_autofree char *name = NULL;

  if (!cs_live_get_string (root, "type", TRUE, 32, &name, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_str_equal (name, type_names[i]))
      {
        *type = i;
        return TRUE;
      }
  return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                       _("Live message has an unknown type “%s”"), name);
}

static gboolean
parse_version (JsonObject *root,
               GError    **error)
{
  JsonNode *node = json_object_get_member (root, "v");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message has no integer version “v”"));
  if (json_node_get_int (node) != CS_LIVE_PROTOCOL_VERSION)
    return cs_live_fail (error, CS_LIVE_ERROR_VERSION,
                         _("Live message has protocol version %" PRId64
                           ", this Consilium speaks version %d"),
                         (gint64) json_node_get_int (node), CS_LIVE_PROTOCOL_VERSION);
  return TRUE;
}

static JsonObject *
parse_root (JsonParser *parser,
            const char *data,
            gsize       len,
            GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (len > CS_LIVE_ANNOTATION_MAX_SIZE)
    {
      cs_live_fail (error, CS_LIVE_ERROR_TOO_LARGE,
                    _("Live message of %" PRIu64 " bytes exceeds the limit of %d bytes"),
                    (guint64) len, CS_LIVE_ANNOTATION_MAX_SIZE);
      return NULL;
    }
  if (!check_shape (data, len, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                    _("Live message is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                    _("Live message is not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

CsLiveMessage *
cs_live_message_parse (const char *data,
                       gsize       len,
                       GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CsLiveMessage) message = NULL;
  CsLiveMessageType type = CS_LIVE_MESSAGE_KEEPALIVE;
  JsonObject *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = parse_root (parser, data != NULL ? data : "", len, error);
  if (root == NULL || !parse_version (root, error) || !parse_type (root, &type, error))
    return NULL;
  if (type != CS_LIVE_MESSAGE_ANNOTATION_UPSERT && type != CS_LIVE_MESSAGE_ANNOTATION_BATCH
      && len > CS_LIVE_MESSAGE_MAX_SIZE)
    {
      cs_live_fail (error, CS_LIVE_ERROR_TOO_LARGE,
                    _("Live “%s” message of %" PRIu64 " bytes exceeds the limit of %d bytes"),
                    type_names[type], (guint64) len, CS_LIVE_MESSAGE_MAX_SIZE);
      return NULL;
    }
  message = cs_live_message_new (type);
  if (!cs_live_message_read_fields (message, root, error))
    return NULL;
  return g_steal_pointer (&message);
}
