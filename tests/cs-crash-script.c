/* cs-crash-script.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-crash-script.h"

#include <string.h>

/* The seeded script of the kill test and the state it leaves (see the
 * header). Weights out of 100, in CsCrashOp order. */
static const guint weights[] = { 30, 20, 12, 10, 16, 7, 5 };

CsCrashModel *
cs_crash_model_new (void)
{
  CsCrashModel *model = g_new0 (CsCrashModel, 1);

  model->names = g_ptr_array_new_with_free_func (g_free);
  model->comments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  model->revision = 1;
  return model;
}

void
cs_crash_model_free (CsCrashModel *model)
{
  g_ptr_array_unref (model->names);
  g_hash_table_unref (model->comments);
  g_free (model->history);
  g_free (model->text);
  g_free (model);
}

const char *
cs_crash_op_name (CsCrashOp op)
{
  static const char * const names[] = {
    "annotation-add", "annotation-modify", "annotation-delete", "case-edit",
    "opinion-text", "opinion-sign", "opinion-amend",
  };

  return names[op];
}

/* A well mixed number from the seed and the step (splitmix-like). */
static guint32
mix (guint32 seed,
     guint   n)
{
  guint64 x = ((guint64) seed << 32 | n) + 0x9E3779B97F4A7C15ULL;

  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return (guint32) (x ^ (x >> 31));
}

static CsCrashOp
pick_op (guint32 r)
{
  guint roll = r % 100;
  guint op = 0;

  while (roll >= weights[op])
    roll -= weights[op++];
  return (CsCrashOp) op;
}

void
cs_crash_step_make (guint32             seed,
                    guint               n,
                    const CsCrashModel *model,
                    CsCrashStep        *step)
{
  guint32 r = mix (seed, n);
  CsCrashOp op = pick_op (r);

  /* What the state does not allow becomes its nearest neighbour. */
  if ((op == CS_CRASH_ANN_MODIFY || op == CS_CRASH_ANN_DELETE) && model->names->len == 0)
    op = CS_CRASH_ANN_ADD;
  if ((op == CS_CRASH_OPINION_TEXT || op == CS_CRASH_OPINION_SIGN) && model->is_signed)
    op = CS_CRASH_OPINION_AMEND;
  else if (op == CS_CRASH_OPINION_AMEND && !model->is_signed)
    op = CS_CRASH_OPINION_TEXT;

  step->op = op;
  step->name = NULL;
  step->value = NULL;
  switch (op)
    {
    case CS_CRASH_ANN_ADD:
      step->name = g_strdup_printf ("a%u", n);
      break;
    case CS_CRASH_ANN_MODIFY:
    case CS_CRASH_ANN_DELETE:
      step->name = g_strdup (model->names->pdata[(r >> 8) % model->names->len]);
      step->value = g_strdup_printf ("c%u", n);
      break;
    case CS_CRASH_CASE_EDIT:
      step->value = g_strdup_printf ("h%u", n);
      break;
    case CS_CRASH_OPINION_TEXT:
      step->value = g_strdup_printf ("d%u", n);
      break;
    case CS_CRASH_OPINION_SIGN:
    case CS_CRASH_OPINION_AMEND:
    default:
      step->value = g_strdup_printf ("r%u", n);
      break;
    }
}

void
cs_crash_step_clear (CsCrashStep *step)
{
  g_clear_pointer (&step->name, g_free);
  g_clear_pointer (&step->value, g_free);
}

static void
remove_name (GPtrArray  *names,
             const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      {
        g_ptr_array_remove_index (names, i);
        return;
      }
}

void
cs_crash_model_apply (CsCrashModel      *model,
                      const CsCrashStep *step)
{
  switch (step->op)
    {
    case CS_CRASH_ANN_ADD:
      g_ptr_array_add (model->names, g_strdup (step->name));
      break;
    case CS_CRASH_ANN_MODIFY:
      g_hash_table_insert (model->comments, g_strdup (step->name), g_strdup (step->value));
      break;
    case CS_CRASH_ANN_DELETE:
      remove_name (model->names, step->name);
      g_hash_table_remove (model->comments, step->name);
      break;
    case CS_CRASH_CASE_EDIT:
      g_free (model->history);
      model->history = g_strdup (step->value);
      break;
    case CS_CRASH_OPINION_TEXT:
      g_free (model->text);
      model->text = g_strdup (step->value);
      break;
    case CS_CRASH_OPINION_SIGN:
      model->is_signed = TRUE;
      model->n_signed++;
      break;
    case CS_CRASH_OPINION_AMEND:
    default:
      model->is_signed = FALSE;
      model->revision++;
      break;
    }
}

CsCrashModel *
cs_crash_model_after (guint32 seed,
                      guint   n_steps)
{
  CsCrashModel *model = cs_crash_model_new ();

  for (guint n = 0; n < n_steps; n++)
    {
      CsCrashStep step;

      cs_crash_step_make (seed, n, model, &step);
      cs_crash_model_apply (model, &step);
      cs_crash_step_clear (&step);
    }
  return model;
}

char *
cs_crash_annotations_dir (const char *data_dir)
{
  return g_build_filename (data_dir, "annotations", NULL);
}

char *
cs_crash_cases_dir (const char *data_dir)
{
  return g_build_filename (data_dir, "cases", NULL);
}

CsReport *
cs_crash_find_opinion (CsCaseStore *store,
                       CsCase     **kase)
{
  g_autoptr(CsCase) first = NULL;
  g_autoptr(CsReport) report = NULL;

  if (kase != NULL)
    *kase = NULL;
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) == 0)
    return NULL;
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  if (kase != NULL)
    *kase = first;
  if (g_list_model_get_n_items (cs_case_get_opinions (first)) == 0)
    return NULL;
  report = g_list_model_get_item (cs_case_get_opinions (first), 0);
  return report; /* the case holds it */
}

CsAnnotation *
cs_crash_find_annotation (CsAnnotationList *list,
                          const char       *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (cs_annotation_get_name (annotation), name) == 0)
        return annotation; /* the list holds it */
    }
  return NULL;
}

static gboolean
annotations_match (const CsCrashModel *model,
                   CsAnnotationList   *list,
                   char              **why)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (n != model->names->len)
    {
      *why = g_strdup_printf ("%u annotations, expected %u", n, model->names->len);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *comment = cs_annotation_get_comment (annotation);
      const char *expected = g_hash_table_lookup (model->comments, model->names->pdata[i]);

      if (g_strcmp0 (cs_annotation_get_name (annotation), model->names->pdata[i]) != 0 ||
          g_strcmp0 (comment != NULL && *comment != '\0' ? comment : NULL, expected) != 0)
        {
          *why = g_strdup_printf ("annotation %u is %s (%s), expected %s (%s)", i,
                                  cs_annotation_get_name (annotation), comment,
                                  (char *) model->names->pdata[i], expected);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
opinion_matches (const CsCrashModel *model,
                 CsReport           *report,
                 char              **why)
{
  g_autoptr(GError) error = NULL;
  gboolean is_signed = cs_report_status_is_signed (cs_report_get_status (report));
  guint n_signed = cs_report_get_signed_revisions (report)->len;

  if (cs_report_get_tampered (report) || !cs_report_verify (report, NULL, &error))
    {
      *why = g_strdup_printf ("the opinion does not verify: %s",
                              error != NULL ? error->message : "tampered");
      return FALSE;
    }
  if (g_strcmp0 (cs_report_get_text (report, "microscopic_description"), model->text) != 0 ||
      cs_report_get_revision (report) != model->revision || is_signed != model->is_signed ||
      n_signed != model->n_signed)
    {
      *why = g_strdup_printf ("opinion text %s revision %" G_GINT64_FORMAT " signed %d (%u "
                              "signed revisions), expected %s %" G_GINT64_FORMAT " %d (%u)",
                              cs_report_get_text (report, "microscopic_description"),
                              cs_report_get_revision (report), is_signed, n_signed,
                              model->text, model->revision, model->is_signed,
                              model->n_signed);
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_crash_model_matches (const CsCrashModel *model,
                        CsAnnotationList   *list,
                        CsCaseStore        *cases,
                        char              **why)
{
  CsCase *kase = NULL;
  CsReport *report = cs_crash_find_opinion (cases, &kase);

  *why = NULL;
  if (!annotations_match (model, list, why))
    return FALSE;
  /* Before the first step the case may not be written yet. */
  if (report == NULL)
    {
      if (model->history == NULL && model->text == NULL && model->revision == 1 &&
          !model->is_signed)
        return TRUE;
      *why = g_strdup ("the case or its opinion is missing");
      return FALSE;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (cases)) != 1)
    {
      *why = g_strdup_printf ("%u cases, expected 1",
                              g_list_model_get_n_items (G_LIST_MODEL (cases)));
      return FALSE;
    }
  if (g_strcmp0 (cs_case_get_text (kase, "clinical_history"), model->history) != 0)
    {
      *why = g_strdup_printf ("clinical history %s, expected %s",
                              cs_case_get_text (kase, "clinical_history"), model->history);
      return FALSE;
    }
  return opinion_matches (model, report, why);
}
