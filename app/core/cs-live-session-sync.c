/* cs-live-session-sync.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-live-session-private.h"

/* Annotations in a live session. Local changes (the list's "changed")
 * queue the ids changed; remote ones are merged (cs-live-merge.h) while
 * "changed" ignores the id being merged, so it is not sent back (only that
 * id: a handler of the merge may well change another annotation, and that
 * change is local). The queue holds ids,
 * not messages: each is sent as its state when its turn comes (an upsert
 * of the listed annotation, else a delete from its tombstone), so a drag
 * of a hundred motions sends only what is still pending. A lone change
 * goes as its own message; a backlog (the full sync of a join or rejoin)
 * in annotation-batch messages. It drains at SEND_RATE tokens per second
 * after a burst of SEND_BURST, counted as the peer counts them
 * (cs_live_message_get_cost), under its limit for annotation messages
 * (20 per second, burst 40). */

#define SEND_RATE 15.0
#define SEND_BURST 30.0

static void drain (CsLiveSession *self);

static void
enqueue (CsLiveSession *self,
         const char    *uuid)
{
  char *owned;

  if (g_hash_table_contains (self->queued, uuid))
    return;
  owned = g_strdup (uuid);
  g_queue_push_tail (&self->outbox, owned);
  g_hash_table_add (self->queued, owned);
}

/* The latest modified time known of @uuid: a deletion is stamped after
 * it, so that it wins even over an edit stamped by a clock ahead of ours. */
static void
note_seen (CsLiveSession *self,
           const char    *uuid,
           gint64         modified)
{
  gint64 *known = g_hash_table_lookup (self->seen, uuid);

  if (known == NULL)
    g_hash_table_insert (self->seen, g_strdup (uuid), g_memdup2 (&modified, sizeof modified));
  else if (*known < modified)
    *known = modified;
}

static gint64
deletion_time (CsLiveSession *self,
               const char    *uuid)
{
  gint64 *known = g_hash_table_lookup (self->seen, uuid);
  gint64 now = g_get_real_time ();

  return known != NULL && *known >= now ? *known + 1 : now;
}

/* Stamps @listed after @after (and not before now), without an undo
 * step, so that it wins on both sides and both keep the same annotation. */
static void
restamp (CsLiveSession *self,
         CsAnnotation  *listed,
         gint64         after)
{
  g_autoptr(CsAnnotation) restamped = cs_annotation_copy (listed);
  g_autofree char *applying = NULL;
  const char *outer;

  cs_annotation_set_modified (restamped, MAX (after + 1, g_get_real_time ()));
  cs_annotation_freeze (restamped);
  /* A copy: the update frees @listed, and its id with it. */
  applying = g_strdup (cs_annotation_get_id (listed));
  outer = self->applying;
  self->applying = applying;
  cs_annotation_list_apply_remote_update (self->annotations, restamped);
  self->applying = outer;
}

/* @listed was changed here but carries a modified time the other side
 * would take as older than what it has: an undone deletion, a restore
 * from the trash, an undone or redone edit (the earlier state's time), an
 * edit of an annotation stamped by a clock ahead of ours. It is stamped
 * after both the deletion and the latest time known. */
static void
revive (CsLiveSession *self,
        CsAnnotation  *listed)
{
  const char *uuid = cs_annotation_get_id (listed);
  gint64 *known = g_hash_table_lookup (self->seen, uuid);
  gint64 latest = known != NULL ? *known : G_MININT64;
  gint64 deleted = 0;

  if (cs_live_merge_get_tombstone (self->merge, uuid, NULL, &deleted))
    {
      cs_live_merge_forget_tombstone (self->merge, uuid);
      latest = MAX (latest, deleted);
    }
  if (cs_annotation_get_modified (listed) > latest)
    return;
  restamp (self, listed, latest);
}

static void
on_list_changed (CsAnnotationList *list,
                 GPtrArray        *ids,
                 gboolean          loaded,
                 CsLiveSession    *self)
{
  if (loaded)
    {
      cs_live_session_sync_all (self);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      const char *uuid = ids->pdata[i];
      CsAnnotation *listed = cs_annotation_list_lookup (list, uuid);

      if (self->applying != NULL && g_str_equal (uuid, self->applying))
        continue;

      if (listed != NULL)
        {
          revive (self, listed);
          listed = cs_annotation_list_lookup (list, uuid);
          note_seen (self, uuid, cs_annotation_get_modified (listed));
        }
      else
        cs_live_merge_note_delete (self->merge, uuid, self->name, deletion_time (self, uuid));
      g_hash_table_remove (self->unshared, uuid);
      enqueue (self, uuid);
    }
  drain (self);
}

void
cs_live_session_sync_init (CsLiveSession *self)
{
  self->merge = cs_live_merge_new (self->annotations);
  self->queued = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->outbox);
  self->tokens = SEND_BURST;
  self->tokens_time = g_get_monotonic_time ();
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->unshared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->annotations)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);

      note_seen (self, cs_annotation_get_id (annotation), cs_annotation_get_modified (annotation));
    }
  self->changed_id = g_signal_connect (self->annotations, "changed", G_CALLBACK (on_list_changed), self);
}

void
cs_live_session_sync_clear (CsLiveSession *self)
{
  g_clear_handle_id (&self->drain_id, g_source_remove);
  if (self->annotations != NULL)
    g_clear_signal_handler (&self->changed_id, self->annotations);
  g_clear_pointer (&self->queued, g_hash_table_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->unshared, g_hash_table_unref);
  g_queue_clear_full (&self->outbox, g_free);
  g_clear_pointer (&self->merge, cs_live_merge_free);
  g_clear_object (&self->annotations);
}

/* The message for @uuid's current state: NULL when there is nothing to
 * send (a temporary ruler, an id neither listed nor deleted). */
static CsLiveMessage *
message_for (CsLiveSession *self,
             const char    *uuid)
{
  CsAnnotation *annotation = cs_annotation_list_lookup (self->annotations, uuid);
  const char *author = NULL;
  gint64 modified = 0;
  CsLiveMessage *message;

  if (annotation != NULL)
    {
      if (cs_annotation_get_temporary (annotation))
        return NULL;
      author = cs_annotation_get_author (annotation);
      message = cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_UPSERT);
      message->uuid = g_strdup (uuid);
      message->author = g_strdup (author != NULL && *author != '\0' ? author : self->name);
      message->modified = cs_annotation_get_modified (annotation);
      message->annotation = g_object_ref (annotation);
      return message;
    }
  if (!cs_live_merge_get_tombstone (self->merge, uuid, &author, &modified))
    return NULL;
  message = cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_DELETE);
  message->uuid = g_strdup (uuid);
  message->author = g_strdup (author != NULL ? author : self->name);
  message->modified = modified;
  return message;
}

static gboolean
drain_cb (gpointer data)
{
  CsLiveSession *self = data;

  self->drain_id = 0;
  drain (self);
  return G_SOURCE_REMOVE;
}

static void
refill (CsLiveSession *self)
{
  gint64 now = g_get_monotonic_time ();

  self->tokens = MIN (SEND_BURST, self->tokens + (now - self->tokens_time) * SEND_RATE / G_USEC_PER_SEC);
  self->tokens_time = now;
}

/* A change that could not be sent: one too large for any message is
 * told to the user, once until it changes (a rejoin does not try it
 * again); anything else (a connection closing) is resent on the next
 * rejoin. */
static void
not_sent (CsLiveSession *self,
          const char    *uuid,
          const GError  *error)
{
  CsAnnotation *listed = cs_annotation_list_lookup (self->annotations, uuid);
  g_autofree char *limit = NULL;
  g_autofree char *reason = NULL;
  gint64 modified;

  g_debug ("Annotation %s not sent: %s", uuid, error->message);
  if (!g_error_matches (error, CS_LIVE_ERROR, CS_LIVE_ERROR_TOO_LARGE) || listed == NULL)
    return;
  modified = cs_annotation_get_modified (listed);
  g_hash_table_insert (self->unshared, g_strdup (uuid), g_memdup2 (&modified, sizeof modified));
  limit = g_format_size (CS_LIVE_ANNOTATION_MAX_SIZE);
  reason = g_strdup_printf (_("The annotation is too large to share in a live session (more than %s)"),
                            limit);
  cs_live_session_emit_not_shared (self, uuid, reason);
}

static void
send_message (CsLiveSession       *self,
              const CsLiveMessage *message)
{
  g_autoptr(GError) error = NULL;

  if (!cs_live_peer_send (self->peer, message, &error))
    not_sent (self, message->uuid, error);
}

/* Changes written per turn of the main loop: each is serialised and
 * checked, so a turn stays short (keepalives and the rest go on) even on
 * a slow machine. */
#define BATCH_CHANGES_PER_TURN 200

/* Room for the envelope of a batch and the separators of its changes. */
#define BATCH_ENVELOPE 64

/* Takes from the outbox into @batch the changes that fit in one message
 * and in @max_changes; the first that does not fit goes back to the
 * head, unless it is the first (then it is sent alone, and told if it is
 * too large for any message). */
static void
fill_batch (CsLiveSession *self,
            GPtrArray     *batch,
            guint          max_changes)
{
  gsize size = BATCH_ENVELOPE;

  while (batch->len < max_changes && !g_queue_is_empty (&self->outbox))
    {
      char *uuid = g_queue_pop_head (&self->outbox);
      g_autoptr(CsLiveMessage) message = NULL;
      gsize length = 0;

      g_hash_table_remove (self->queued, uuid);
      message = message_for (self, uuid);
      length = message != NULL ? cs_live_message_get_json_size (message) + 1 : 0;
      if (message != NULL && batch->len > 0 && size + length > CS_LIVE_ANNOTATION_MAX_SIZE)
        {
          g_queue_push_head (&self->outbox, uuid);
          g_hash_table_add (self->queued, uuid);
          return;
        }
      g_free (uuid);
      if (message == NULL)
        continue;
      size += length;
      g_ptr_array_add (batch, g_steal_pointer (&message));
    }
}

/* Removes from @changes, and tells, those that would not pass alone. */
static void
drop_unsendable (CsLiveSession *self,
                 GPtrArray     *changes)
{
  for (guint i = changes->len; i-- > 0;)
    {
      CsLiveMessage *change = changes->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *json = cs_live_message_to_json (change, &error);

      if (json != NULL)
        continue;
      not_sent (self, change->uuid, error);
      g_ptr_array_remove_index (changes, i);
    }
}

/* Sends a backlog (a join's full sync, a change of many at once) in
 * batches of as many changes as the tokens left allow. A batch refused
 * by the checks every message passes goes again without the changes
 * that would not pass alone, so that only those are lost (and told). */
static void
send_batch (CsLiveSession *self)
{
  g_autoptr(CsLiveMessage) message = cs_live_message_new (CS_LIVE_MESSAGE_ANNOTATION_BATCH);
  guint max_changes = MIN (BATCH_CHANGES_PER_TURN,
                           (guint) self->tokens * CS_LIVE_BATCH_CHANGES_PER_TOKEN);
  g_autoptr(GError) error = NULL;

  fill_batch (self, message->changes, max_changes);
  if (message->changes->len == 0)
    return;
  self->tokens -= cs_live_message_get_cost (message);
  if (message->changes->len == 1)
    {
      send_message (self, message->changes->pdata[0]);
      return;
    }
  if (cs_live_peer_send (self->peer, message, &error))
    return;
  g_debug ("Annotation batch not sent: %s", error->message);
  if (error->domain != CS_LIVE_ERROR)
    return;
  drop_unsendable (self, message->changes);
  if (message->changes->len > 0)
    send_message (self, message);
}

/* Sends what the rate allows now, and comes back for the rest: a single
 * change (a live edit) alone, more in batches, one batch per turn of the
 * main loop. */
static void
drain (CsLiveSession *self)
{
  if (self->state != CS_LIVE_STATE_JOINED || self->peer == NULL || self->drain_id != 0)
    return;
  refill (self);
  if (self->tokens >= 1.0 && g_queue_get_length (&self->outbox) > 1)
    {
      send_batch (self);
      if (!g_queue_is_empty (&self->outbox))
        self->drain_id = self->tokens >= 1.0 ? g_idle_add (drain_cb, self)
                                             : g_timeout_add ((guint) (1000.0 / SEND_RATE) + 1, drain_cb, self);
      return;
    }
  while (self->tokens >= 1.0 && !g_queue_is_empty (&self->outbox))
    {
      g_autofree char *uuid = g_queue_pop_head (&self->outbox);
      g_autoptr(CsLiveMessage) message = NULL;

      g_hash_table_remove (self->queued, uuid);
      message = message_for (self, uuid);
      if (message == NULL)
        continue;
      self->tokens -= 1.0;
      send_message (self, message);
    }
  if (!g_queue_is_empty (&self->outbox))
    self->drain_id = g_timeout_add ((guint) (1000.0 / SEND_RATE) + 1, drain_cb, self);
}

void
cs_live_session_sync_all (CsLiveSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  g_autoptr(GPtrArray) deleted = cs_live_merge_list_tombstones (self->merge);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);
      gint64 *unshared = g_hash_table_lookup (self->unshared, cs_annotation_get_id (annotation));

      if (unshared == NULL || *unshared != cs_annotation_get_modified (annotation))
        enqueue (self, cs_annotation_get_id (annotation));
    }
  for (guint i = 0; i < deleted->len; i++)
    enqueue (self, deleted->pdata[i]);
  drain (self);
}

void
cs_live_session_sync_receive (CsLiveSession       *self,
                              const CsLiveMessage *message)
{
  CsLiveMergeResult result;
  const char *outer = self->applying;

  self->applying = message->uuid;
  result = cs_live_merge_apply (self->merge, message);
  self->applying = outer;
  if (message->type == CS_LIVE_MESSAGE_ANNOTATION_UPSERT)
    note_seen (self, message->uuid, message->modified);
  if (result == CS_LIVE_MERGE_APPLIED)
    cs_live_session_emit_merged (self, message->uuid, message->author);
}
