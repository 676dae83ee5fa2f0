/* cs-live-message-write.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-message"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-geojson-private.h"
#include "cs-geojson.h"
#include "cs-json-number.h"
#include "cs-live-message-private.h"

/* Serialising messages, and the per-connection rate limiter. A message
 * is written member by member, then parsed back: what we send passes the
 * same checks as what we receive, or is not sent. */

static void
append_key (GString    *out,
            const char *key)
{
  g_string_append_c (out, ',');
  _cs_json_append_string (out, key);
  g_string_append_c (out, ':');
}

static void
append_string (GString    *out,
               const char *key,
               const char *value)
{
  if (value == NULL)
    return;
  append_key (out, key);
  _cs_json_append_string (out, value);
}

static void
append_number (GString    *out,
               const char *key,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  append_key (out, key);
  /* Not finite: written as null, which parsing refuses. */
  if (!isfinite (value))
    g_string_append (out, "null");
  else if (_cs_json_format_double (value, buf))
    g_string_append (out, buf);
  else
    g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
}

static char *
format_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) time = NULL;

  if (seconds == NULL || usec < 0)
    return NULL;
  time = g_date_time_add (seconds, usec % G_USEC_PER_SEC);
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static void
append_change (GString             *out,
               const CsLiveMessage *self)
{
  g_autofree char *modified = format_usec (self->modified);

  append_string (out, "uuid", self->uuid);
  append_string (out, "author", self->author);
  append_string (out, "modified", modified);
  if (self->type == CS_LIVE_MESSAGE_ANNOTATION_UPSERT && self->annotation != NULL)
    {
      append_key (out, "feature");
      cs_geojson_append_feature (out, self->annotation, NULL);
    }
}

static void
append_batch (GString             *out,
              const CsLiveMessage *self)
{
  append_key (out, "changes");
  g_string_append_c (out, '[');
  for (guint i = 0; self->changes != NULL && i < self->changes->len; i++)
    {
      const CsLiveMessage *change = self->changes->pdata[i];

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"type\":");
      _cs_json_append_string (out, cs_live_message_type_to_string (change->type));
      append_change (out, change);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

static void
append_fields (GString             *out,
               const CsLiveMessage *self)
{
  switch (self->type)
    {
    case CS_LIVE_MESSAGE_HELLO:
      append_string (out, "name", self->name);
      append_string (out, "role", cs_live_role_to_string (self->role));
      append_string (out, "slide_sha256", self->slide_sha256);
      append_string (out, "nonce", self->nonce);
      append_string (out, "proof", self->proof);
      append_string (out, "resume", self->resume);
      break;
    case CS_LIVE_MESSAGE_VIEW:
      append_number (out, "zoom", self->zoom);
      append_number (out, "rotation", self->rotation);
      append_number (out, "seq", (double) self->seq);
      G_GNUC_FALLTHROUGH;
    case CS_LIVE_MESSAGE_POINTER:
    case CS_LIVE_MESSAGE_PING:
      append_number (out, "x", self->x);
      append_number (out, "y", self->y);
      if (self->type == CS_LIVE_MESSAGE_POINTER)
        g_string_append (out, self->visible ? ",\"visible\":true" : ",\"visible\":false");
      append_string (out, "note", self->note);
      break;
    case CS_LIVE_MESSAGE_ANNOTATION_UPSERT:
    case CS_LIVE_MESSAGE_ANNOTATION_DELETE:
      append_change (out, self);
      break;
    case CS_LIVE_MESSAGE_CONTROL:
      append_string (out, "driver", cs_live_role_to_string (self->role));
      break;
    case CS_LIVE_MESSAGE_ANNOTATION_BATCH:
      append_batch (out, self);
      break;
    case CS_LIVE_MESSAGE_WELCOME:
      append_string (out, "resume", self->resume);
      G_GNUC_FALLTHROUGH;
    case CS_LIVE_MESSAGE_REFUSE:
    case CS_LIVE_MESSAGE_BYE:
    case CS_LIVE_MESSAGE_KEEPALIVE:
    default:
      append_string (out, "name", self->name);
      append_string (out, "reason", self->reason);
      break;
    }
}

static GString *
write_message (const CsLiveMessage *self)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"v\":%d", CS_LIVE_PROTOCOL_VERSION);
  append_string (out, "type", cs_live_message_type_to_string (self->type));
  append_fields (out, self);
  g_string_append_c (out, '}');
  return out;
}

gsize
cs_live_message_get_json_size (const CsLiveMessage *self)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->type <= CS_LIVE_MESSAGE_ANNOTATION_BATCH, 0);

  out = write_message (self);
  return out->len;
}

char *
cs_live_message_to_json (const CsLiveMessage *self,
                         GError             **error)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(CsLiveMessage) check = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->type <= CS_LIVE_MESSAGE_ANNOTATION_BATCH, NULL);

  out = write_message (self);
  check = cs_live_message_parse (out->str, out->len, error);
  if (check == NULL)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- Rate limiting ------------------------------------------------------ */

typedef struct
{
  double rate;
  double burst;
  double tokens;
  gint64 last_usec;
  gboolean started;
} Bucket;

enum
{
  BUCKET_MOTION,
  BUCKET_ANNOTATION,
  BUCKET_OTHER,
  N_BUCKETS
};

struct _CsLiveRateLimiter
{
  Bucket buckets[N_BUCKETS];
};

static const struct
{
  double rate;
  double burst;
} bucket_limits[N_BUCKETS] = {
  [BUCKET_MOTION] = { 60.0, 120.0 },
  [BUCKET_ANNOTATION] = { 20.0, 40.0 },
  [BUCKET_OTHER] = { 5.0, 20.0 },
};

CsLiveRateLimiter *
cs_live_rate_limiter_new (void)
{
  CsLiveRateLimiter *self = g_new0 (CsLiveRateLimiter, 1);

  for (guint i = 0; i < N_BUCKETS; i++)
    {
      self->buckets[i].rate = bucket_limits[i].rate;
      self->buckets[i].burst = bucket_limits[i].burst;
      self->buckets[i].tokens = bucket_limits[i].burst;
    }
  return self;
}

void
cs_live_rate_limiter_free (CsLiveRateLimiter *self)
{
  g_free (self);
}

static guint
bucket_for (CsLiveMessageType type)
{
  switch (type)
    {
    case CS_LIVE_MESSAGE_VIEW:
    case CS_LIVE_MESSAGE_POINTER:
      return BUCKET_MOTION;
    case CS_LIVE_MESSAGE_ANNOTATION_UPSERT:
    case CS_LIVE_MESSAGE_ANNOTATION_DELETE:
    case CS_LIVE_MESSAGE_ANNOTATION_BATCH:
      return BUCKET_ANNOTATION;
    case CS_LIVE_MESSAGE_HELLO:
    case CS_LIVE_MESSAGE_WELCOME:
    case CS_LIVE_MESSAGE_REFUSE:
    case CS_LIVE_MESSAGE_PING:
    case CS_LIVE_MESSAGE_CONTROL:
    case CS_LIVE_MESSAGE_BYE:
    case CS_LIVE_MESSAGE_KEEPALIVE:
    default:
      return BUCKET_OTHER;
    }
}

guint
cs_live_message_get_cost (const CsLiveMessage *message)
{
  guint n;

  g_return_val_if_fail (message != NULL, 1);

  if (message->type != CS_LIVE_MESSAGE_ANNOTATION_BATCH || message->changes == NULL)
    return 1;
  n = message->changes->len;
  return MAX (1, (n + CS_LIVE_BATCH_CHANGES_PER_TOKEN - 1) / CS_LIVE_BATCH_CHANGES_PER_TOKEN);
}

static gboolean
take_tokens (CsLiveRateLimiter *self,
             CsLiveMessageType  type,
             guint              cost,
             gint64             now_usec,
             GError           **error)
{
  Bucket *bucket = &self->buckets[bucket_for (type)];

  if (!bucket->started)
    {
      bucket->last_usec = now_usec;
      bucket->started = TRUE;
    }
  /* A clock that goes back refills nothing. */
  if (now_usec > bucket->last_usec)
    {
      double elapsed = (double) (now_usec - bucket->last_usec) / G_USEC_PER_SEC;

      bucket->tokens = MIN (bucket->burst, bucket->tokens + elapsed * bucket->rate);
      bucket->last_usec = now_usec;
    }
  if (bucket->tokens < (double) cost)
    return cs_live_fail (error, CS_LIVE_ERROR_RATE_LIMITED,
                         _("The other side sends “%s” messages faster than %d per second"),
                         cs_live_message_type_to_string (type), (int) bucket->rate);
  bucket->tokens -= (double) cost;
  return TRUE;
}

gboolean
cs_live_rate_limiter_take (CsLiveRateLimiter *self,
                           CsLiveMessageType  type,
                           gint64             now_usec,
                           GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return take_tokens (self, type, 1, now_usec, error);
}

gboolean
cs_live_rate_limiter_take_message (CsLiveRateLimiter   *self,
                                   const CsLiveMessage *message,
                                   gint64               now_usec,
                                   GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  return take_tokens (self, message->type, cs_live_message_get_cost (message), now_usec, error);
}
