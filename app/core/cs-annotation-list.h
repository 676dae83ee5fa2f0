/* cs-annotation-list.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation.h"
#include "cs-class-table.h"

G_BEGIN_DECLS

#define CS_TYPE_ANNOTATION_LIST (cs_annotation_list_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotationList, cs_annotation_list, CS, ANNOTATION_LIST, GObject)

/**
 * CsAnnotationList:
 *
 * The ordered annotations of one slide, a GListModel of CsAnnotation.
 *
 * Every change is a step that can be undone: add, remove and update record
 * the annotations before and after (which share their geometry), never a
 * copy of the whole set. Changes made between begin() and commit() form one
 * step. Listed annotations are frozen; to change one, copy it, edit the copy
 * and pass it to update().
 *
 * Signals:
 * - "changed" (GPtrArray *ids, gboolean loaded): after every step, undo and
 *   redo, with the ids of the annotations added, updated or removed. The
 *   store journals them; @loaded is TRUE for load() (nothing to journal).
 * - "undo-changed": can-undo, can-redo or their labels changed.
 */
CsAnnotationList *cs_annotation_list_new            (void);

CsAnnotation     *cs_annotation_list_lookup         (CsAnnotationList  *self,
                                                     const char        *id);
guint             cs_annotation_list_find           (CsAnnotationList  *self,
                                                     CsAnnotation      *annotation);

/* Replaces everything without an undo step (opening a slide). */
void              cs_annotation_list_load           (CsAnnotationList  *self,
                                                     GPtrArray         *annotations);

void              cs_annotation_list_begin          (CsAnnotationList  *self,
                                                     const char        *label);
void              cs_annotation_list_commit         (CsAnnotationList  *self);
void              cs_annotation_list_rollback       (CsAnnotationList  *self);

/* Each is one step on its own, or part of the step begun. add() takes a
 * reference and freezes the annotation; an id already listed is refused. */
void              cs_annotation_list_add            (CsAnnotationList  *self,
                                                     CsAnnotation      *annotation);
void              cs_annotation_list_add_many       (CsAnnotationList  *self,
                                                     GPtrArray         *annotations,
                                                     const char        *label);
void              cs_annotation_list_remove         (CsAnnotationList  *self,
                                                     CsAnnotation      *annotation);
void              cs_annotation_list_remove_many    (CsAnnotationList  *self,
                                                     GPtrArray         *annotations,
                                                     const char        *label);
/* Like remove(), undoable, but the annotation does not go to the trash
 * (nor does it when redone): for an original replaced by its pieces or
 * absorbed into a merge. */
void              cs_annotation_list_discard        (CsAnnotationList  *self,
                                                     CsAnnotation      *annotation);
/* Listed annotations (temporary rulers aside) of @class_name (NULL:
 * unclassified). */
guint             cs_annotation_list_count_class    (CsAnnotationList  *self,
                                                     const char        *class_name);
/* Moves every annotation of @old_name to @new_name (NULL: unclassified)
 * as one step @label; returns how many. */
guint             cs_annotation_list_relabel_class  (CsAnnotationList  *self,
                                                     const char        *old_name,
                                                     const char        *new_name,
                                                     const char        *label);
/* Replaces the listed annotation with @edited's id by @edited, in place;
 * sets its modified time unless @edited's differs from the listed one. */
void              cs_annotation_list_update         (CsAnnotationList  *self,
                                                     CsAnnotation      *edited);

/* Changes made elsewhere (a live session's peer, cs-live-merge.h): applied
 * at once, outside any step and without entering the undo history (an
 * undo that no longer applies to them skips them), and announced by
 * "changed" like any other, so that stores save them. add() refuses an id
 * already listed; update() replaces the listed annotation of @edited's id
 * as it is (its modified time kept); remove() sends it to the trash. */
void              cs_annotation_list_apply_remote_add    (CsAnnotationList *self,
                                                          CsAnnotation     *annotation);
void              cs_annotation_list_apply_remote_update (CsAnnotationList *self,
                                                          CsAnnotation     *edited);
void              cs_annotation_list_apply_remote_remove (CsAnnotationList *self,
                                                          const char       *id);

gboolean          cs_annotation_list_can_undo       (CsAnnotationList  *self);
gboolean          cs_annotation_list_can_redo       (CsAnnotationList  *self);
const char       *cs_annotation_list_get_undo_label (CsAnnotationList  *self);
const char       *cs_annotation_list_get_redo_label (CsAnnotationList  *self);
gboolean          cs_annotation_list_undo           (CsAnnotationList  *self);
gboolean          cs_annotation_list_redo           (CsAnnotationList  *self);
/* Bytes held by the undo and redo history (annotation copies counted). */
gsize             cs_annotation_list_get_history_size (CsAnnotationList *self);

/* Annotations deleted (removed, or a removal redone) since the list was
 * made, newest first, while not listed again; undoing an addition does not
 * count: a GListModel of CsAnnotation. restore() adds one back, as a
 * step that can be undone. */
GListModel       *cs_annotation_list_get_trash      (CsAnnotationList  *self);
void              cs_annotation_list_restore        (CsAnnotationList  *self,
                                                     CsAnnotation      *removed);

/* Classes hidden in @classes hide their annotations from hit tests and
 * from the editor, as from the view. NULL: every class shown. */
void              cs_annotation_list_set_class_table (CsAnnotationList *self,
                                                      CsClassTable     *classes);
CsClassTable     *cs_annotation_list_get_class_table (CsAnnotationList *self);
/* Annotations marked as a teaching case's answer hidden too
 * (cs-case-teaching.h), until the trainee reveals it. */
void              cs_annotation_list_set_hide_teaching_answers (CsAnnotationList *self,
                                                                gboolean          hide);
gboolean          cs_annotation_list_get_hide_teaching_answers (CsAnnotationList *self);
/* Not hidden itself, nor by its class, nor as a teaching answer. */
gboolean          cs_annotation_list_is_visible     (CsAnnotationList  *self,
                                                     CsAnnotation      *annotation);

/* Spatial queries, level-0 pixels: every listed annotation whose bounds
 * meet @rect, in list order. */
GPtrArray        *cs_annotation_list_query          (CsAnnotationList  *self,
                                                     const CsRect      *rect);
/* The bounds of a listed annotation, as the index keeps them (no pass over
 * its points); FALSE when it is not listed. */
gboolean          cs_annotation_list_get_bounds     (CsAnnotationList  *self,
                                                     CsAnnotation      *annotation,
                                                     CsRect            *bounds);
/* The visible annotation hit at (x, y) that a click means: one whose
 * outline, line or point is within @tolerance before one whose inside
 * holds the point, then the smallest, then the top-most (last drawn); so
 * a focus drawn inside a large region can still be picked. */
CsAnnotation     *cs_annotation_list_hit_test       (CsAnnotationList  *self,
                                                     double             x,
                                                     double             y,
                                                     double             tolerance);
/* Bumped by every change; renderers cache by it. */
guint64           cs_annotation_list_get_generation (CsAnnotationList  *self);

G_END_DECLS
