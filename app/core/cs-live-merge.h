/* cs-live-merge.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-list.h"
#include "cs-live-message.h"

G_BEGIN_DECLS

/* The shared state of a live session, without transport: annotations
 * merged by UUID, and the followed view.
 *
 * Merging is last-writer-wins per annotation by modified time; on equal
 * times a deletion beats an edit, then the greater author name (bytes)
 * wins, then the greater serialised feature, so that both sides settle
 * on the same annotation whatever order the messages cross in. Deletions
 * leave a tombstone so that an older edit arriving late does not bring
 * an annotation back; removed annotations go to the list's trash as any
 * deletion does. Remote changes enter the list without an undo step
 * (cs_annotation_list_apply_remote_*): undo takes back only one's own. */

typedef enum
{
  CS_LIVE_MERGE_APPLIED,
  CS_LIVE_MERGE_UNCHANGED,
  CS_LIVE_MERGE_STALE,
} CsLiveMergeResult;

typedef struct _CsLiveMerge CsLiveMerge;

CsLiveMerge       *cs_live_merge_new          (CsAnnotationList    *list);
void               cs_live_merge_free         (CsLiveMerge         *self);
/* Applies an annotation-upsert or annotation-delete @message to the list
 * (an upsert's feature without an author gets the message's author);
 * STALE when the list already holds a newer state, UNCHANGED when it
 * holds this one. */
CsLiveMergeResult  cs_live_merge_apply        (CsLiveMerge         *self,
                                               const CsLiveMessage *message);
/* Records a deletion made on this side (already removed from the list),
 * to be sent and to keep older remote edits from reviving it. */
void               cs_live_merge_note_delete  (CsLiveMerge         *self,
                                               const char          *uuid,
                                               const char          *author,
                                               gint64               modified);

/* The deletion of @uuid remembered (made here or applied), if any;
 * @author is borrowed. */
gboolean           cs_live_merge_get_tombstone   (CsLiveMerge     *self,
                                                  const char      *uuid,
                                                  const char     **author,
                                                  gint64          *modified);
/* Forgets the deletion of @uuid: it was added back on this side (an undone
 * deletion, a restore from the trash). */
void               cs_live_merge_forget_tombstone (CsLiveMerge    *self,
                                                   const char     *uuid);
/* The uuids of every deletion remembered, to send on a (re)join. */
GPtrArray         *cs_live_merge_list_tombstones (CsLiveMerge     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLiveMerge, cs_live_merge_free)

/* Follow mode: the guest's view glides toward the latest view the host
 * sent, centre linearly, zoom in log space, rotation the short way round,
 * closing 1 - e^(-dt / 0.12 s) of the gap per step. */
typedef struct
{
  double x;
  double y;
  double zoom;
  double rotation;
} CsLiveView;

typedef struct
{
  CsLiveView current;
  CsLiveView target;
  guint64    seq;
  gboolean   has_target;
} CsLiveFollow;

void     cs_live_follow_init        (CsLiveFollow        *self,
                                     const CsLiveView    *current);
/* Takes a view message's target unless its seq is older than the last
 * one taken; returns whether it was taken. */
gboolean cs_live_follow_set_target  (CsLiveFollow        *self,
                                     const CsLiveMessage *view);
/* Advances @dt_seconds toward the target; returns TRUE while still
 * moving (FALSE once it has arrived, when current equals target). */
gboolean cs_live_follow_step        (CsLiveFollow        *self,
                                     double               dt_seconds);

G_END_DECLS
