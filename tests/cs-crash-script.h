/* cs-crash-script.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-store.h"
#include "cs-case.h"

G_BEGIN_DECLS

/* The scripted edits of the kill test (test-crash-recovery.c and its
 * child cs-crash-child.c): step n of a seed is a pure function of the
 * seed, n and the expected state before it (CsCrashModel), so the parent
 * knows what every acknowledged step left, and the child, restarted at any
 * step, redoes it idempotently on what the disk holds. */

#define CS_CRASH_SHA "c0ffee00c0ffee00"

typedef enum
{
  CS_CRASH_ANN_ADD,
  CS_CRASH_ANN_MODIFY,
  CS_CRASH_ANN_DELETE,
  CS_CRASH_CASE_EDIT,
  CS_CRASH_OPINION_TEXT,
  CS_CRASH_OPINION_SIGN,
  CS_CRASH_OPINION_AMEND,
} CsCrashOp;

typedef struct
{
  CsCrashOp op;
  char     *name;  /* the annotation's, for ANN_* */
  char     *value; /* comment, clinical history, description, reason */
} CsCrashStep;

/* What the stores hold after a number of steps. */
typedef struct
{
  GPtrArray  *names;   /* annotation names in list order (char *) */
  GHashTable *comments; /* name -> comment */
  char       *history; /* the case's clinical_history */
  char       *text;    /* the opinion's microscopic_description */
  gint64      revision;
  gboolean    is_signed;
  guint       n_signed; /* signed revisions kept */
} CsCrashModel;

CsCrashModel *cs_crash_model_new   (void);
void          cs_crash_model_free  (CsCrashModel       *model);
/* Step @n of @seed from the state @model (before it); clear with
 * cs_crash_step_clear(). */
void          cs_crash_step_make   (guint32             seed,
                                    guint               n,
                                    const CsCrashModel *model,
                                    CsCrashStep        *step);
void          cs_crash_step_clear  (CsCrashStep        *step);
void          cs_crash_model_apply (CsCrashModel       *model,
                                    const CsCrashStep  *step);
/* The model after steps 0 .. @n_steps - 1. */
CsCrashModel *cs_crash_model_after (guint32             seed,
                                    guint               n_steps);
const char   *cs_crash_op_name     (CsCrashOp           op);

/* The layout of a data directory: annotations/ and cases/. */
char         *cs_crash_annotations_dir (const char *data_dir);
char         *cs_crash_cases_dir       (const char *data_dir);

/* The opinion of the first case of @store, or NULL. (transfer none) */
CsReport     *cs_crash_find_opinion    (CsCaseStore *store,
                                        CsCase     **kase);
/* The annotation of @list named @name, or NULL. (transfer none) */
CsAnnotation *cs_crash_find_annotation (CsAnnotationList *list,
                                        const char       *name);

/* Compares what was loaded with @model; FALSE with a description in
 * @why (transfer full). */
gboolean      cs_crash_model_matches   (const CsCrashModel *model,
                                        CsAnnotationList   *list,
                                        CsCaseStore        *cases,
                                        char              **why);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCrashModel, cs_crash_model_free)

G_END_DECLS
