/* cs-case-teaching.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-case-private.h"
#include "cs-case-teaching.h"
#include "cs-json-path.h"
#include "cs-utils.h"

/* case.json "teaching":
 *   { "enabled": true,
 *     "question": { "kind": "text" | "choice", "text": "…", "answer": "…",
 *                   "options": ["…", …], "correct": 1 },
 *     "teacher": { "user": "<local user>", "name": "…" },
 *     "responses": { "<local user>": { "text": "…" | "choice": 2,
 *                                      "recorded": "…Z", "revealed": true } } }
 * The teacher (absent in older files: then nobody is) sees everything;
 * every other user is a trainee, who sees the case hidden until they
 * have answered and revealed it.
 * Anything malformed reads as absent: an older or damaged file is simply
 * not a teaching case. */

void
cs_teaching_response_free (CsTeachingResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->text);
  g_free (response->recorded);
  g_free (response);
}

static JsonObject *
get_object (JsonObject *parent,
            const char *member,
            gboolean    create)
{
  JsonNode *node = parent != NULL ? json_object_get_member (parent, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (!create)
    return NULL;
  json_object_set_object_member (parent, member, json_object_new ());
  return json_object_get_object_member (parent, member);
}

static JsonObject *
teaching (CsCase  *self,
          gboolean create)
{
  return get_object (_cs_case_get_root (self), "teaching", create);
}

static gboolean
get_flag (JsonObject *object,
          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

/* A non-negative whole number, else -1. */
static int
get_index (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return -1;
  if (value < 0 || value > G_MAXINT || value != (int) value)
    return -1;
  return (int) value;
}

gboolean
cs_case_get_teaching (CsCase *self)
{
  g_return_val_if_fail (CS_IS_CASE (self), FALSE);
  return get_flag (teaching (self, FALSE), "enabled");
}

void
cs_case_set_teaching (CsCase  *self,
                      gboolean enabled)
{
  g_return_if_fail (CS_IS_CASE (self));

  if (cs_case_get_teaching (self) == !!enabled)
    return;
  json_object_set_boolean_member (teaching (self, TRUE), "enabled", !!enabled);
  _cs_case_changed (self);
}

static JsonObject *
question (CsCase *self)
{
  return get_object (teaching (self, FALSE), "question", FALSE);
}

CsTeachingQuestionKind
cs_case_get_teaching_kind (CsCase *self)
{
  const char *kind;

  g_return_val_if_fail (CS_IS_CASE (self), CS_TEACHING_QUESTION_NONE);

  kind = cs_json_object_get_text (question (self), "kind");
  if (g_strcmp0 (kind, "text") == 0)
    return CS_TEACHING_QUESTION_TEXT;
  if (g_strcmp0 (kind, "choice") == 0 && cs_case_get_teaching_correct (self) >= 0)
    return CS_TEACHING_QUESTION_CHOICE;
  return CS_TEACHING_QUESTION_NONE;
}

const char *
cs_case_get_teaching_question (CsCase *self)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  return cs_json_object_get_text (question (self), "text");
}

const char *
cs_case_get_teaching_answer (CsCase *self)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  return cs_json_object_get_text (question (self), "answer");
}

GStrv
cs_case_dup_teaching_options (CsCase *self)
{
  JsonObject *object = question (self);
  JsonNode *node = object != NULL ? json_object_get_member (object, "options") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *options = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (options); i++)
        {
          JsonNode *option = json_array_get_element (options, i);

          g_strv_builder_add (builder, json_node_get_value_type (option) == G_TYPE_STRING ?
                                       json_node_get_string (option) : "");
        }
    }
  return g_strv_builder_end (builder);
}

int
cs_case_get_teaching_correct (CsCase *self)
{
  g_auto(GStrv) options = cs_case_dup_teaching_options (self);
  int correct = get_index (question (self), "correct");

  return correct >= 0 && (guint) correct < g_strv_length (options) ? correct : -1;
}

static JsonObject *
new_question (const char *kind,
              const char *text)
{
  JsonObject *object = json_object_new ();
  g_autofree char *nfc = text != NULL ? g_utf8_normalize (text, -1, G_NORMALIZE_NFC) : NULL;

  json_object_set_string_member (object, "kind", kind);
  json_object_set_string_member (object, "text", nfc != NULL ? nfc : "");
  return object;
}

/* Setting a new question withdraws the answers to the old one. */
static void
replace_question (CsCase     *self,
                  JsonObject *object)
{
  JsonObject *root = teaching (self, TRUE);

  json_object_set_object_member (root, "question", object);
  json_object_remove_member (root, "responses");
  _cs_case_changed (self);
}

void
cs_case_set_teaching_text_question (CsCase     *self,
                                    const char *text,
                                    const char *answer)
{
  JsonObject *object;
  g_autofree char *nfc = answer != NULL ? g_utf8_normalize (answer, -1, G_NORMALIZE_NFC) : NULL;

  g_return_if_fail (CS_IS_CASE (self));

  object = new_question ("text", text);
  if (nfc != NULL && *nfc != '\0')
    json_object_set_string_member (object, "answer", nfc);
  replace_question (self, object);
}

gboolean
cs_case_set_teaching_choice_question (CsCase             *self,
                                      const char         *text,
                                      const char * const *options,
                                      guint               correct,
                                      GError            **error)
{
  guint n = options != NULL ? g_strv_length ((GStrv) options) : 0;
  JsonObject *object;
  JsonArray *array;

  g_return_val_if_fail (CS_IS_CASE (self), FALSE);

  if (n < 2 || correct >= n)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A multiple-choice question needs at least two options, one of them correct"));
      return FALSE;
    }
  object = new_question ("choice", text);
  array = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *nfc = g_utf8_normalize (options[i], -1, G_NORMALIZE_NFC);

      json_array_add_string_element (array, nfc != NULL ? nfc : "");
    }
  json_object_set_array_member (object, "options", array);
  json_object_set_int_member (object, "correct", correct);
  replace_question (self, object);
  return TRUE;
}

static JsonObject *
response (CsCase     *self,
          const char *user,
          gboolean    create)
{
  JsonObject *responses = get_object (teaching (self, create), "responses", create);

  return get_object (responses, user, create);
}

CsTeachingResponse *
cs_case_dup_teaching_response (CsCase     *self,
                               const char *user)
{
  JsonObject *object;
  CsTeachingResponse *result;

  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  g_return_val_if_fail (user != NULL, NULL);

  object = response (self, user, FALSE);
  if (object == NULL || cs_json_object_get_text (object, "recorded") == NULL)
    return NULL;
  result = g_new0 (CsTeachingResponse, 1);
  result->text = g_strdup (cs_json_object_get_text (object, "text"));
  result->choice = get_index (object, "choice");
  result->recorded = g_strdup (cs_json_object_get_text (object, "recorded"));
  result->revealed = get_flag (object, "revealed");
  return result;
}

GStrv
cs_case_dup_teaching_users (CsCase *self)
{
  JsonObject *responses;
  g_autoptr(GList) members = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CS_IS_CASE (self), NULL);

  responses = get_object (teaching (self, FALSE), "responses", FALSE);
  if (responses != NULL)
    members = g_list_sort (json_object_get_members (responses), (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    if (cs_json_object_get_text (response (self, l->data, FALSE), "recorded") != NULL)
      g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

static gboolean
check_open (CsCase     *self,
            const char *user,
            GError    **error)
{
  g_return_val_if_fail (CS_IS_CASE (self), FALSE);
  g_return_val_if_fail (user != NULL && *user != '\0', FALSE);

  if (get_flag (response (self, user, FALSE), "revealed"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The answer has been revealed already; it cannot be changed"));
      return FALSE;
    }
  return TRUE;
}

static void
record (CsCase     *self,
        const char *user,
        JsonObject *answer)
{
  JsonObject *responses = get_object (teaching (self, TRUE), "responses", TRUE);
  g_autofree char *now = cs_utc_now_iso8601 ();

  json_object_set_string_member (answer, "recorded", now);
  json_object_set_object_member (responses, user, answer);
  _cs_case_changed (self);
}

gboolean
cs_case_record_teaching_text (CsCase     *self,
                              const char *user,
                              const char *text,
                              GError    **error)
{
  g_autofree char *nfc = text != NULL ? g_utf8_normalize (text, -1, G_NORMALIZE_NFC) : NULL;
  JsonObject *answer;

  if (!check_open (self, user, error))
    return FALSE;
  if (nfc == NULL || *g_strstrip (nfc) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The answer is empty"));
      return FALSE;
    }
  answer = json_object_new ();
  json_object_set_string_member (answer, "text", nfc);
  record (self, user, answer);
  return TRUE;
}

gboolean
cs_case_record_teaching_choice (CsCase     *self,
                                const char *user,
                                guint       choice,
                                GError    **error)
{
  g_auto(GStrv) options = NULL;
  JsonObject *answer;

  if (!check_open (self, user, error))
    return FALSE;
  options = cs_case_dup_teaching_options (self);
  if (choice >= g_strv_length (options))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no option %u to choose"), choice + 1);
      return FALSE;
    }
  answer = json_object_new ();
  json_object_set_int_member (answer, "choice", choice);
  record (self, user, answer);
  return TRUE;
}

gboolean
cs_case_reveal_teaching (CsCase     *self,
                         const char *user,
                         GError    **error)
{
  JsonObject *object;

  g_return_val_if_fail (CS_IS_CASE (self), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  object = response (self, user, FALSE);
  if (object == NULL || cs_json_object_get_text (object, "recorded") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Record an answer before revealing the teacher’s"));
      return FALSE;
    }
  if (get_flag (object, "revealed"))
    return TRUE;
  json_object_set_boolean_member (object, "revealed", TRUE);
  _cs_case_changed (self);
  return TRUE;
}

void
cs_case_set_teaching_teacher (CsCase     *self,
                              const char *user,
                              const char *name)
{
  JsonObject *teacher;

  g_return_if_fail (CS_IS_CASE (self));
  g_return_if_fail (user != NULL && *user != '\0');

  if (g_strcmp0 (cs_case_get_teaching_teacher (self), user) == 0 &&
      g_strcmp0 (cs_case_get_teaching_teacher_name (self), name) == 0)
    return;
  teacher = json_object_new ();
  json_object_set_string_member (teacher, "user", user);
  if (name != NULL && *name != '\0')
    json_object_set_string_member (teacher, "name", name);
  json_object_set_object_member (teaching (self, TRUE), "teacher", teacher);
  _cs_case_changed (self);
}

static JsonObject *
teacher (CsCase *self)
{
  return get_object (teaching (self, FALSE), "teacher", FALSE);
}

const char *
cs_case_get_teaching_teacher (CsCase *self)
{
  const char *user;

  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  user = cs_json_object_get_text (teacher (self), "user");
  return user != NULL && *user != '\0' ? user : NULL;
}

const char *
cs_case_get_teaching_teacher_name (CsCase *self)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  return cs_case_get_teaching_teacher (self) != NULL
         ? cs_json_object_get_text (teacher (self), "name") : NULL;
}

gboolean
cs_case_is_teaching_teacher (CsCase     *self,
                             const char *user)
{
  g_return_val_if_fail (CS_IS_CASE (self), FALSE);
  return user != NULL && g_strcmp0 (cs_case_get_teaching_teacher (self), user) == 0;
}

gboolean
cs_case_teaching_shows_all (CsCase     *self,
                            const char *user)
{
  g_return_val_if_fail (CS_IS_CASE (self), TRUE);
  return !cs_case_teaching_hides (self, user, FALSE);
}

gboolean
cs_case_teaching_hides (CsCase     *self,
                        const char *user,
                        gboolean    preview)
{
  g_return_val_if_fail (CS_IS_CASE (self), FALSE);

  if (!cs_case_get_teaching (self))
    return FALSE;
  if (!preview && cs_case_is_teaching_teacher (self, user))
    return FALSE;
  return user == NULL || !get_flag (response (self, user, FALSE), "revealed");
}

void
cs_teaching_drop_teacher_response (JsonObject *case_root)
{
  JsonObject *root = get_object (case_root, "teaching", FALSE);
  const char *user = cs_json_object_get_text (get_object (root, "teacher", FALSE), "user");
  JsonObject *responses = get_object (root, "responses", FALSE);

  if (user != NULL && responses != NULL && json_object_has_member (responses, user))
    json_object_remove_member (responses, user);
}

CsTeachingVerdict
cs_case_judge_teaching (CsCase     *self,
                        const char *user)
{
  g_autoptr(CsTeachingResponse) answer = cs_case_dup_teaching_response (self, user);

  if (answer == NULL || cs_case_get_teaching_kind (self) != CS_TEACHING_QUESTION_CHOICE)
    return CS_TEACHING_VERDICT_NONE;
  return answer->choice == cs_case_get_teaching_correct (self) ? CS_TEACHING_VERDICT_CORRECT
                                                               : CS_TEACHING_VERDICT_INCORRECT;
}

/* A newer answer from the package wins; the teacher's own (their
 * preview) is never taken from one. */
static gboolean
merge_responses (CsCase     *self,
                 JsonObject *theirs)
{
  JsonObjectIter iter;
  const char *user;
  JsonNode *node;
  gboolean changed = FALSE;

  json_object_iter_init (&iter, theirs);
  while (json_object_iter_next (&iter, &user, &node))
    {
      JsonObject *mine = response (self, user, FALSE);
      const char *recorded;

      if (!JSON_NODE_HOLDS_OBJECT (node) || cs_case_is_teaching_teacher (self, user))
        continue;
      recorded = cs_json_object_get_text (json_node_get_object (node), "recorded");
      if (recorded == NULL ||
          (mine != NULL && g_strcmp0 (cs_json_object_get_text (mine, "recorded"), recorded) >= 0))
        continue;
      json_object_set_member (get_object (teaching (self, TRUE), "responses", TRUE), user,
                              json_node_copy (node));
      changed = TRUE;
    }
  return changed;
}

gboolean
cs_case_merge_teaching (CsCase *self,
                        CsCase *received)
{
  JsonObject *theirs;

  g_return_val_if_fail (CS_IS_CASE (self), FALSE);
  g_return_val_if_fail (CS_IS_CASE (received), FALSE);

  theirs = teaching (received, FALSE);
  if (theirs == NULL || !cs_case_get_teaching (received))
    return FALSE;
  if (teaching (self, FALSE) == NULL)
    {
      json_object_set_member (_cs_case_get_root (self), "teaching",
                              json_node_copy (json_object_get_member (_cs_case_get_root (received),
                                                                      "teaching")));
      _cs_case_changed (self);
      return TRUE;
    }
  if (g_strcmp0 (cs_json_object_get_text (question (self), "text"),
                 cs_json_object_get_text (question (received), "text")) != 0 ||
      get_object (theirs, "responses", FALSE) == NULL ||
      !merge_responses (self, get_object (theirs, "responses", FALSE)))
    return FALSE;
  _cs_case_changed (self);
  return TRUE;
}

gboolean
cs_annotation_get_teaching_answer (CsAnnotation *annotation)
{
  GHashTable *extra = cs_annotation_get_extra (annotation);

  return extra != NULL &&
         g_strcmp0 (g_hash_table_lookup (extra, CS_ANNOTATION_EXTRA_TEACHING_ANSWER), "true") == 0;
}

void
cs_annotation_set_teaching_answer (CsAnnotation *annotation,
                                   gboolean      answer)
{
  cs_annotation_set_extra (annotation, CS_ANNOTATION_EXTRA_TEACHING_ANSWER, answer ? "true" : NULL);
}
