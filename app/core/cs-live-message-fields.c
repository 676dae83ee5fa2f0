/* cs-live-message-fields.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-message"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cs-geojson.h"
#include "cs-live-message-private.h"

/* The members of each message type, read and checked one by one. */

#define SHA256_HEX_LEN 64
/* Exactly representable integers in a JSON number. */
#define SEQ_MAX 9007199254740991.0

gboolean
cs_live_fail (GError     **error,
              CsLiveError  code,
              const char  *format,
              ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (CS_LIVE_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

static JsonNode *
get_value (JsonObject *object,
           const char *member,
           gboolean    required,
           GType       type,
           GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                      _("Live message lacks the member “%s”"), member);
      return NULL;
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType held = json_node_get_value_type (node);

      if (held == type || (type == G_TYPE_DOUBLE && held == G_TYPE_INT64))
        return node;
    }
  cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                _("Live message member “%s” has the wrong type"), member);
  return NULL;
}

static gboolean
text_is_clean (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
      return FALSE;
  return TRUE;
}

gboolean
cs_live_get_string (JsonObject *object,
                    const char *member,
                    gboolean    required,
                    gsize       max,
                    char      **out,
                    GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_value (object, member, required, G_TYPE_STRING, &local_error);
  const char *text;

  if (node == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  text = json_node_get_string (node);
  if (strlen (text) > max)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message member “%s” is longer than %" PRIu64 " bytes"),
                         member, (guint64) max);
  if (!g_utf8_validate (text, -1, NULL) || !text_is_clean (text))
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message member “%s” is not clean UTF-8 text"), member);
  if (required && *text == '\0')
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message member “%s” is empty"), member);
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
get_number (JsonObject *object,
            const char *member,
            double      min,
            double      max,
            double     *out,
            GError    **error)
{
  JsonNode *node = get_value (object, member, TRUE, G_TYPE_DOUBLE, error);
  double value;

  if (node == NULL)
    return FALSE;
  value = json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message member “%s” is out of range"), member);
  /* -0 reads back as the integer 0. */
  *out = value + 0.0;
  return TRUE;
}

static gboolean
get_bool (JsonObject *object,
          const char *member,
          gboolean   *out,
          GError    **error)
{
  JsonNode *node = get_value (object, member, TRUE, G_TYPE_BOOLEAN, error);

  if (node == NULL)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_hex (JsonObject *object,
         const char *member,
         char      **out,
         GError    **error)
{
  if (!cs_live_get_string (object, member, TRUE, SHA256_HEX_LEN, out, error))
    return FALSE;
  if (strlen (*out) == SHA256_HEX_LEN && strspn (*out, "0123456789abcdef") == SHA256_HEX_LEN)
    return TRUE;
  g_clear_pointer (out, g_free);
  return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                       _("Live message member “%s” is not 64 lowercase hexadecimal digits"),
                       member);
}

/* A file's SHA-256 or a remote slide's "dicom-series:UID". */
static gboolean
get_slide (JsonObject *object,
           const char *member,
           char      **out,
           GError    **error)
{
  if (!cs_live_get_string (object, member, TRUE, CS_LIVE_SLIDE_IDENTITY_MAX, out, error))
    return FALSE;
  if (cs_live_slide_identity_is_valid (*out))
    return TRUE;
  g_clear_pointer (out, g_free);
  return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                       _("Live message member “%s” is neither a SHA-256 of 64 lowercase hexadecimal "
                         "digits nor “dicom-series:” and a DICOM UID"),
                       member);
}

static gboolean
get_role (JsonObject *object,
          const char *member,
          CsLiveRole *out,
          GError    **error)
{
  g_autofree char *role = NULL;

  if (!cs_live_get_string (object, member, TRUE, 16, &role, error))
    return FALSE;
  if (g_str_equal (role, "host"))
    *out = CS_LIVE_ROLE_HOST;
  else if (g_str_equal (role, "guest"))
    *out = CS_LIVE_ROLE_GUEST;
  else
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message member “%s” is neither “host” nor “guest”"), member);
  return TRUE;
}

static gboolean
get_point (CsLiveMessage *message,
           JsonObject    *root,
           GError       **error)
{
  return get_number (root, "x", -CS_LIVE_COORD_MAX, CS_LIVE_COORD_MAX, &message->x, error)
         && get_number (root, "y", -CS_LIVE_COORD_MAX, CS_LIVE_COORD_MAX, &message->y, error);
}

static gboolean
read_hello (CsLiveMessage *message,
            JsonObject    *root,
            GError       **error)
{
  if (!cs_live_get_string (root, "name", TRUE, CS_LIVE_NAME_MAX, &message->name, error)
      || !get_role (root, "role", &message->role, error)
      || !get_slide (root, "slide_sha256", &message->slide_sha256, error))
    return FALSE;
  if (message->role == CS_LIVE_ROLE_HOST)
    return get_hex (root, "nonce", &message->nonce, error);
  /* A guest proves either the code or the resume token, not both. */
  if (json_object_has_member (root, "resume") && json_object_has_member (root, "proof"))
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live hello message carries both a code proof and a resume proof"));
  if (json_object_has_member (root, "resume"))
    return get_hex (root, "resume", &message->resume, error);
  return get_hex (root, "proof", &message->proof, error);
}

static gboolean
read_view (CsLiveMessage *message,
           JsonObject    *root,
           GError       **error)
{
  double seq;

  if (!get_point (message, root, error)
      || !get_number (root, "zoom", CS_LIVE_ZOOM_MIN, CS_LIVE_ZOOM_MAX, &message->zoom, error)
      || !get_number (root, "rotation", 0.0, 360.0, &message->rotation, error)
      || !get_number (root, "seq", 0.0, SEQ_MAX, &seq, error))
    return FALSE;
  if (message->rotation >= 360.0 || seq != floor (seq))
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live view message has an invalid rotation or sequence number"));
  message->seq = (guint64) seq;
  return TRUE;
}

static gboolean
get_change (CsLiveMessage *message,
            JsonObject    *root,
            GError       **error)
{
  g_autofree char *modified = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (!cs_live_get_string (root, "uuid", TRUE, 36, &message->uuid, error)
      || !cs_live_get_string (root, "author", TRUE, CS_LIVE_NAME_MAX, &message->author, error)
      || !cs_live_get_string (root, "modified", TRUE, 40, &modified, error))
    return FALSE;
  if (!g_uuid_string_is_valid (message->uuid))
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message member “%s” is not a UUID"), "uuid");
  time = g_date_time_new_from_iso8601 (modified, NULL);
  if (time == NULL)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message member “%s” is not an ISO 8601 time with a zone"),
                         "modified");
  message->modified = g_date_time_to_unix (time) * G_USEC_PER_SEC
                      + g_date_time_get_microsecond (time);
  /* Before 1970: no annotation was drawn then. */
  if (message->modified < 0)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live message member “%s” is out of range"), "modified");
  return TRUE;
}

static gboolean
read_upsert (CsLiveMessage *message,
             JsonObject    *root,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  JsonNode *feature;

  if (!get_change (message, root, error))
    return FALSE;
  feature = json_object_get_member (root, "feature");
  if (feature == NULL || !JSON_NODE_HOLDS_OBJECT (feature))
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live annotation message has no feature object"));
  json = json_to_string (feature, FALSE);
  message->annotation = cs_geojson_parse_feature (json, strlen (json), &local_error);
  if (message->annotation == NULL)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live annotation message has an invalid feature: %s"),
                         local_error->message);
  if (g_strcmp0 (cs_annotation_get_id (message->annotation), message->uuid) != 0)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live annotation message names another annotation than its feature"));
  cs_annotation_set_modified (message->annotation, message->modified);
  return TRUE;
}

/* Each change of a batch is read as the message of its type alone. */
static gboolean
read_batch (CsLiveMessage *message,
            JsonObject    *root,
            GError       **error)
{
  JsonNode *node = json_object_get_member (root, "changes");
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live annotation batch has no array of changes"));
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0 || n > CS_LIVE_BATCH_MAX_CHANGES)
    return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                         _("Live annotation batch has %u changes, not 1 to %d"),
                         n, CS_LIVE_BATCH_MAX_CHANGES);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(CsLiveMessage) change = cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_UPSERT);
      g_autofree char *type = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                             _("Live annotation batch change %u is not an object"), i + 1);
      if (!cs_live_get_string (json_node_get_object (item), "type", TRUE, 32, &type, error))
        return FALSE;
      if (g_str_equal (type, "annotation-delete"))
        change->type = CS_LIVE_MESSAGE_ANNOTATION_DELETE;
      else if (!g_str_equal (type, "annotation-upsert"))
        return cs_live_fail (error, CS_LIVE_ERROR_INVALID,
                             _("Live annotation batch change %u is neither an upsert nor a delete"),
                             i + 1);
      if (!cs_live_message_read_fields (change, json_node_get_object (item), error))
        return FALSE;
      g_ptr_array_add (message->changes, g_steal_pointer (&change));
    }
  return TRUE;
}

gboolean
cs_live_message_read_fields (CsLiveMessage *message,
                             JsonObject    *root,
                             GError       **error)
{
  switch (message->type)
    {
    case CS_LIVE_MESSAGE_HELLO:
      return read_hello (message, root, error);
    case CS_LIVE_MESSAGE_WELCOME:
      return cs_live_get_string (root, "name", TRUE, CS_LIVE_NAME_MAX, &message->name, error)
             && get_hex (root, "resume", &message->resume, error);
    case CS_LIVE_MESSAGE_REFUSE:
      return cs_live_get_string (root, "reason", TRUE, CS_LIVE_TEXT_MAX, &message->reason, error);
    case CS_LIVE_MESSAGE_VIEW:
      return read_view (message, root, error);
    case CS_LIVE_MESSAGE_POINTER:
      return get_point (message, root, error)
             && get_bool (root, "visible", &message->visible, error);
    case CS_LIVE_MESSAGE_ANNOTATION_UPSERT:
      return read_upsert (message, root, error);
    case CS_LIVE_MESSAGE_ANNOTATION_DELETE:
      return get_change (message, root, error);
    case CS_LIVE_MESSAGE_PING:
      return get_point (message, root, error)
             && cs_live_get_string (root, "note", FALSE, CS_LIVE_TEXT_MAX, &message->note, error);
    case CS_LIVE_MESSAGE_CONTROL:
      return get_role (root, "driver", &message->role, error);
    case CS_LIVE_MESSAGE_BYE:
      return cs_live_get_string (root, "reason", FALSE, CS_LIVE_TEXT_MAX, &message->reason, error);
    case CS_LIVE_MESSAGE_KEEPALIVE:
      return TRUE;
    case CS_LIVE_MESSAGE_ANNOTATION_BATCH:
      return read_batch (message, root, error);
    default:
      g_assert_not_reached ();
    }
}
