/* cs-case-teaching.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-annotation.h"
#include "cs-case.h"

G_BEGIN_DECLS

/* Teaching mode (issue 10): a case marked for teaching asks a question;
 * each local user's answer is recorded beside the teacher's, and the
 * diagnosis is revealed to that user only once they have answered.
 * Stored as the "teaching" member of case.json; a case without it is not
 * a teaching case. */

typedef enum
{
  CS_TEACHING_QUESTION_NONE,
  CS_TEACHING_QUESTION_TEXT,
  CS_TEACHING_QUESTION_CHOICE,
} CsTeachingQuestionKind;

typedef enum
{
  CS_TEACHING_VERDICT_NONE,       /* free text: no automatic verdict */
  CS_TEACHING_VERDICT_CORRECT,
  CS_TEACHING_VERDICT_INCORRECT,
} CsTeachingVerdict;

/**
 * CsTeachingResponse:
 * @text: the trainee's free-text answer, or %NULL
 * @choice: the option chosen, or -1
 * @recorded: when it was recorded (ISO 8601 UTC), or %NULL
 * @revealed: whether the teacher's answer has been revealed to them
 */
typedef struct
{
  char    *text;
  int      choice;
  char    *recorded;
  gboolean revealed;
} CsTeachingResponse;

void                   cs_teaching_response_free (CsTeachingResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTeachingResponse, cs_teaching_response_free)

gboolean               cs_case_get_teaching          (CsCase      *self);
void                   cs_case_set_teaching          (CsCase      *self,
                                                      gboolean     teaching);

CsTeachingQuestionKind cs_case_get_teaching_kind     (CsCase      *self);
const char            *cs_case_get_teaching_question (CsCase      *self);
/* The teacher's model answer (free text), or NULL. */
const char            *cs_case_get_teaching_answer   (CsCase      *self);
/* Multiple choice: the options (empty for free text) and the correct
 * one's index, or -1. */
GStrv                  cs_case_dup_teaching_options  (CsCase      *self);
int                    cs_case_get_teaching_correct  (CsCase      *self);
void                   cs_case_set_teaching_text_question   (CsCase             *self,
                                                             const char         *question,
                                                             const char         *answer);
gboolean               cs_case_set_teaching_choice_question (CsCase             *self,
                                                             const char         *question,
                                                             const char * const *options,
                                                             guint               correct,
                                                             GError            **error);

/* The answer of local user @user, or NULL when none is recorded. */
CsTeachingResponse    *cs_case_dup_teaching_response (CsCase      *self,
                                                      const char  *user);
/* The users with an answer recorded, sorted. */
GStrv                  cs_case_dup_teaching_users    (CsCase      *self);
gboolean               cs_case_record_teaching_text   (CsCase      *self,
                                                       const char  *user,
                                                       const char  *text,
                                                       GError     **error);
gboolean               cs_case_record_teaching_choice (CsCase      *self,
                                                       const char  *user,
                                                       guint        choice,
                                                       GError     **error);
/* Refused until @user has recorded an answer. */
gboolean               cs_case_reveal_teaching        (CsCase      *self,
                                                       const char  *user,
                                                       GError     **error);
/* The teacher: the local user who marked the case for teaching, and
 * their display name (or NULL). NULL in older files: then nobody is. */
void                   cs_case_set_teaching_teacher   (CsCase      *self,
                                                       const char  *user,
                                                       const char  *name);
const char            *cs_case_get_teaching_teacher   (CsCase      *self);
const char            *cs_case_get_teaching_teacher_name (CsCase   *self);
gboolean               cs_case_is_teaching_teacher    (CsCase      *self,
                                                       const char  *user);
/* TRUE when the case is not a teaching case, @user is its teacher or
 * @user has revealed it: the diagnosis, opinions and answer annotations
 * may be shown. */
gboolean               cs_case_teaching_shows_all     (CsCase      *self,
                                                       const char  *user);
/* Whether @user sees the case hidden; with @preview the teacher sees it
 * as a trainee would (hidden until they answer and reveal it). */
gboolean               cs_case_teaching_hides         (CsCase      *self,
                                                       const char  *user,
                                                       gboolean     preview);
/* Merges a received copy of the case (from a package): a teaching member
 * the case lacks is taken whole; else, for the same question, the
 * trainees' answers, keyed by user, a newer one replacing an older. The
 * teacher's own answer is never taken. Returns whether anything changed. */
gboolean               cs_case_merge_teaching         (CsCase      *self,
                                                       CsCase      *received);
/* Removes the teacher's own answer (their preview state) from a case.json
 * root object, before it is sent in a package. */
void                   cs_teaching_drop_teacher_response (JsonObject *case_root);
CsTeachingVerdict      cs_case_judge_teaching         (CsCase      *self,
                                                       const char  *user);

/* An annotation the teacher marked as (part of) the answer: the
 * "consilium.teachingAnswer" property, "true" when set. */
#define CS_ANNOTATION_EXTRA_TEACHING_ANSWER "consilium.teachingAnswer"
gboolean               cs_annotation_get_teaching_answer (CsAnnotation *annotation);
void                   cs_annotation_set_teaching_answer (CsAnnotation *annotation,
                                                          gboolean      answer);

G_END_DECLS
