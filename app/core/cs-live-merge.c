/* cs-live-merge.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-merge"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-geojson.h"
#include "cs-live-merge.h"

/* Merging remote annotation changes, and following a remote view. */

typedef struct
{
  gint64 modified;
  char  *author;
} Tombstone;

struct _CsLiveMerge
{
  CsAnnotationList *list;
  /* uuid → Tombstone */
  GHashTable       *tombstones;
};

static void
tombstone_free (gpointer data)
{
  Tombstone *tombstone = data;

  g_free (tombstone->author);
  g_free (tombstone);
}

CsLiveMerge *
cs_live_merge_new (CsAnnotationList *list)
{
  CsLiveMerge *self;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (list), NULL);

  self = g_new0 (CsLiveMerge, 1);
  self->list = g_object_ref (list);
  self->tombstones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tombstone_free);
  return self;
}

void
cs_live_merge_free (CsLiveMerge *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->list);
  g_hash_table_unref (self->tombstones);
  g_free (self);
}

static char *
feature_text (CsAnnotation *annotation)
{
  GString *out = g_string_new (NULL);

  cs_geojson_append_feature (out, annotation, NULL);
  return g_string_free (out, FALSE);
}

/* Whether an upsert of @incoming beats the listed @listed: later time,
 * then greater author, then greater feature text. */
static int
compare_annotations (CsAnnotation *incoming,
                     CsAnnotation *listed)
{
  gint64 a = cs_annotation_get_modified (incoming);
  gint64 b = cs_annotation_get_modified (listed);
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  int order;

  if (a != b)
    return a < b ? -1 : 1;
  order = g_strcmp0 (cs_annotation_get_author (incoming), cs_annotation_get_author (listed));
  if (order != 0)
    return order;
  text_a = feature_text (incoming);
  text_b = feature_text (listed);
  return strcmp (text_a, text_b);
}

static void
note_tombstone (CsLiveMerge *self,
                const char  *uuid,
                const char  *author,
                gint64       modified)
{
  Tombstone *tombstone = g_hash_table_lookup (self->tombstones, uuid);

  if (tombstone != NULL && tombstone->modified >= modified)
    return;
  tombstone = g_new0 (Tombstone, 1);
  tombstone->modified = modified;
  tombstone->author = g_strdup (author);
  g_hash_table_replace (self->tombstones, g_strdup (uuid), tombstone);
}

gboolean
cs_live_merge_get_tombstone (CsLiveMerge *self,
                             const char  *uuid,
                             const char **author,
                             gint64      *modified)
{
  Tombstone *tombstone;

  g_return_val_if_fail (self != NULL, FALSE);

  tombstone = uuid != NULL ? g_hash_table_lookup (self->tombstones, uuid) : NULL;
  if (tombstone == NULL)
    return FALSE;
  if (author != NULL)
    *author = tombstone->author;
  if (modified != NULL)
    *modified = tombstone->modified;
  return TRUE;
}

void
cs_live_merge_forget_tombstone (CsLiveMerge *self,
                                const char  *uuid)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (uuid != NULL);

  g_hash_table_remove (self->tombstones, uuid);
}

GPtrArray *
cs_live_merge_list_tombstones (CsLiveMerge *self)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, uuids);

  g_hash_table_iter_init (&iter, self->tombstones);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (uuids, g_strdup (key));
  return uuids;
}

void
cs_live_merge_note_delete (CsLiveMerge *self,
                           const char  *uuid,
                           const char  *author,
                           gint64       modified)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (uuid != NULL);

  note_tombstone (self, uuid, author, modified);
}

static CsLiveMergeResult
apply_upsert (CsLiveMerge         *self,
              const CsLiveMessage *message)
{
  g_autoptr(CsAnnotation) incoming = cs_annotation_copy (message->annotation);
  Tombstone *tombstone = g_hash_table_lookup (self->tombstones, message->uuid);
  CsAnnotation *listed = cs_annotation_list_lookup (self->list, message->uuid);
  int order;

  cs_annotation_set_id (incoming, message->uuid);
  cs_annotation_set_modified (incoming, message->modified);
  if (cs_annotation_get_author (incoming) == NULL || *cs_annotation_get_author (incoming) == '\0')
    cs_annotation_set_author (incoming, message->author);
  /* Deleted at the same time or later: stays deleted. */
  if (tombstone != NULL && tombstone->modified >= message->modified)
    return CS_LIVE_MERGE_STALE;
  if (listed == NULL)
    {
      cs_annotation_list_apply_remote_add (self->list, incoming);
      g_hash_table_remove (self->tombstones, message->uuid);
      return CS_LIVE_MERGE_APPLIED;
    }
  order = compare_annotations (incoming, listed);
  if (order == 0)
    return CS_LIVE_MERGE_UNCHANGED;
  if (order < 0)
    return CS_LIVE_MERGE_STALE;
  /* Frozen: the list keeps the remote modified time as it is. */
  cs_annotation_freeze (incoming);
  cs_annotation_list_apply_remote_update (self->list, incoming);
  return CS_LIVE_MERGE_APPLIED;
}

static CsLiveMergeResult
apply_delete (CsLiveMerge         *self,
              const CsLiveMessage *message)
{
  CsAnnotation *listed = cs_annotation_list_lookup (self->list, message->uuid);
  Tombstone *tombstone = g_hash_table_lookup (self->tombstones, message->uuid);

  if (listed != NULL && cs_annotation_get_modified (listed) > message->modified)
    return CS_LIVE_MERGE_STALE;
  if (listed == NULL && tombstone != NULL && tombstone->modified >= message->modified)
    return CS_LIVE_MERGE_UNCHANGED;
  note_tombstone (self, message->uuid, message->author, message->modified);
  if (listed == NULL)
    return CS_LIVE_MERGE_UNCHANGED;
  cs_annotation_list_apply_remote_remove (self->list, message->uuid);
  return CS_LIVE_MERGE_APPLIED;
}

CsLiveMergeResult
cs_live_merge_apply (CsLiveMerge         *self,
                     const CsLiveMessage *message)
{
  g_return_val_if_fail (self != NULL, CS_LIVE_MERGE_UNCHANGED);
  g_return_val_if_fail (message != NULL && message->uuid != NULL, CS_LIVE_MERGE_UNCHANGED);

  if (message->type == CS_LIVE_MESSAGE_ANNOTATION_UPSERT)
    {
      g_return_val_if_fail (CS_IS_ANNOTATION (message->annotation), CS_LIVE_MERGE_UNCHANGED);
      return apply_upsert (self, message);
    }
  g_return_val_if_fail (message->type == CS_LIVE_MESSAGE_ANNOTATION_DELETE, CS_LIVE_MERGE_UNCHANGED);
  return apply_delete (self, message);
}

/* ---- Follow mode ------------------------------------------------------- */

#define FOLLOW_TIME_CONSTANT 0.12
/* Close enough to stop: a hundredth of a screen pixel, a thousandth of a
 * zoom step, a hundredth of a degree. */
#define ARRIVED_PIXELS 0.01
#define ARRIVED_LOG_ZOOM 1e-3
#define ARRIVED_DEGREES 0.01

void
cs_live_follow_init (CsLiveFollow     *self,
                     const CsLiveView *current)
{
  g_return_if_fail (self != NULL && current != NULL);

  memset (self, 0, sizeof *self);
  self->current = *current;
  self->target = *current;
}

gboolean
cs_live_follow_set_target (CsLiveFollow        *self,
                           const CsLiveMessage *view)
{
  g_return_val_if_fail (self != NULL && view != NULL, FALSE);
  g_return_val_if_fail (view->type == CS_LIVE_MESSAGE_VIEW, FALSE);

  if (self->has_target && view->seq < self->seq)
    return FALSE;
  self->target = (CsLiveView) { view->x, view->y, view->zoom, view->rotation };
  self->seq = view->seq;
  self->has_target = TRUE;
  return TRUE;
}

/* The signed short way from @from to @to, in (-180, 180]. */
static double
rotation_delta (double from,
                double to)
{
  double delta = fmod (to - from, 360.0);

  if (delta > 180.0)
    delta -= 360.0;
  else if (delta <= -180.0)
    delta += 360.0;
  return delta;
}

static gboolean
arrived (const CsLiveView *current,
         const CsLiveView *target)
{
  double pixels = hypot (target->x - current->x, target->y - current->y) / target->zoom;

  return pixels < ARRIVED_PIXELS
         && fabs (log (target->zoom / current->zoom)) < ARRIVED_LOG_ZOOM
         && fabs (rotation_delta (current->rotation, target->rotation)) < ARRIVED_DEGREES;
}

gboolean
cs_live_follow_step (CsLiveFollow *self,
                     double        dt_seconds)
{
  CsLiveView *c;
  const CsLiveView *t;
  double k, rotation;

  g_return_val_if_fail (self != NULL, FALSE);

  c = &self->current;
  t = &self->target;
  if (arrived (c, t))
    {
      *c = *t;
      return FALSE;
    }
  k = 1.0 - exp (-MAX (dt_seconds, 0.0) / FOLLOW_TIME_CONSTANT);
  c->x += (t->x - c->x) * k;
  c->y += (t->y - c->y) * k;
  c->zoom = exp (log (c->zoom) + (log (t->zoom) - log (c->zoom)) * k);
  rotation = fmod (c->rotation + rotation_delta (c->rotation, t->rotation) * k, 360.0);
  c->rotation = rotation < 0 ? rotation + 360.0 : rotation;
  if (arrived (c, t))
    {
      *c = *t;
      return FALSE;
    }
  return TRUE;
}
