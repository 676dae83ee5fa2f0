/* cs-crash-child.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cs-crash-script.h"

/* The child of the kill test (test-crash-recovery.c):
 *   cs-crash-child DATA-DIR SEED START END
 * opens the annotation store and the case store in DATA-DIR the way the
 * application does (CsAnnotationSession, cs_cases_get_default()), then
 * performs steps START .. END-1 of the seeded script through the stores'
 * API, flushing after each and then writing "ack <n> <what>" on stdout.
 * Each step is redone idempotently: restarted after a kill, it finds the
 * step before or after it on disk. Exit status 0 when done, 1 on any
 * error (on stderr). */

typedef struct
{
  CsAnnotationList  *list;
  CsAnnotationStore *store;
  CsCaseStore       *cases;
  CsCase            *kase;   /* borrowed from cases */
  CsReport          *report; /* borrowed from kase */
} Child;

static void
die (const char   *what,
     const GError *error)
{
  g_printerr ("cs-crash-child: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* The opinion's required members, so that it can be signed. */
static void
fill_opinion (CsReport *report)
{
  static const char * const fields[] = {
    "case.consult_accession", "C26-0001", "case.referring_accession", "S26-0002",
    "requesting.institution", "Klinik A", "requesting.pathologist.name", "Dr. Ito",
    "consultant.name", "Dr. Crash", "consultant.institution", "Klinik B",
    "clinical_history", "not provided", "question", "Invasive?",
    "materials.mode", "digital_only", "diagnosis.0.text", "Adenocarcinoma", NULL
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; fields[i] != NULL; i += 2)
    if (!cs_report_set_text (report, fields[i], fields[i + 1], &error))
      die ("filling the opinion", error);
  if (!cs_report_set_agreement (report, CS_AGREEMENT_NOT_APPLICABLE, &error))
    die ("filling the opinion", error);
}

/* The case and its opinion, made and written when not there yet. */
static void
ensure_case (Child *child)
{
  g_autoptr(GError) error = NULL;

  child->report = cs_crash_find_opinion (child->cases, &child->kase);
  if (child->report != NULL)
    return;
  if (child->kase == NULL)
    {
      g_autoptr(CsCase) kase = cs_case_new ();

      cs_case_store_add (child->cases, kase);
      child->kase = kase;
    }
  child->report = cs_case_add_opinion (child->kase, "Dr. Crash", NULL, "Klinik B");
  fill_opinion (child->report);
  if (!cs_case_store_flush (child->cases, &error))
    die ("writing the new case", error);
}

static void
open_stores (Child      *child,
             const char *data_dir)
{
  g_autofree char *annotations = cs_crash_annotations_dir (data_dir);
  g_autofree char *cases = cs_crash_cases_dir (data_dir);
  g_autoptr(GError) error = NULL;

  child->list = cs_annotation_list_new ();
  child->store = cs_annotation_store_new (child->list, annotations, CS_CRASH_SHA);
  if (!cs_annotation_store_load (child->store, &error))
    die ("loading the annotations", error);
  /* A small journal: compactions (a worker) happen every few steps. */
  cs_annotation_store_set_journal_limit (child->store, 4096, 16);
  child->cases = cs_case_store_new (cases);
  if (!cs_case_store_load (child->cases, &error))
    die ("loading the cases", error);
  if (cs_case_store_get_problems (child->cases)->len > 0)
    {
      g_printerr ("cs-crash-child: %s\n",
                  (char *) g_ptr_array_index (cs_case_store_get_problems (child->cases), 0));
      exit (1);
    }
  ensure_case (child);
}

static CsAnnotation *
new_square (guint       n,
            const char *name)
{
  double x = (n % 100) * 50.0, y = (n / 100) * 50.0;
  CsPoint p[] = { { x, y }, { x + 40, y }, { x + 40, y + 40 }, { x, y + 40 } };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (p, 4);
  CsAnnotation *annotation = cs_annotation_new (CS_SHAPE_POLYGON, geometry);

  cs_annotation_set_name (annotation, name);
  return annotation;
}

static void
annotation_step (Child             *child,
                 guint              n,
                 const CsCrashStep *step)
{
  CsAnnotation *found = cs_crash_find_annotation (child->list, step->name);
  g_autoptr(GError) error = NULL;

  if (step->op == CS_CRASH_ANN_ADD && found == NULL)
    {
      g_autoptr(CsAnnotation) annotation = new_square (n, step->name);

      cs_annotation_list_add (child->list, annotation);
    }
  else if (step->op == CS_CRASH_ANN_MODIFY && found != NULL &&
           g_strcmp0 (cs_annotation_get_comment (found), step->value) != 0)
    {
      g_autoptr(CsAnnotation) edited = cs_annotation_copy (found);

      cs_annotation_set_comment (edited, step->value);
      cs_annotation_list_update (child->list, edited);
    }
  else if (step->op == CS_CRASH_ANN_DELETE && found != NULL)
    cs_annotation_list_remove (child->list, found);
  if (!cs_annotation_store_flush (child->store, &error))
    die ("saving the annotations", error);
}

static void
case_step (Child              *child,
           const CsCrashStep  *step,
           const CsCrashModel *after)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  switch (step->op)
    {
    case CS_CRASH_CASE_EDIT:
      cs_case_set_text (child->kase, "clinical_history", step->value);
      break;
    case CS_CRASH_OPINION_TEXT:
      ok = cs_report_set_text (child->report, "microscopic_description", step->value, &error);
      break;
    case CS_CRASH_OPINION_SIGN:
      if (!cs_report_status_is_signed (cs_report_get_status (child->report)))
        ok = cs_report_finalize (child->report, "Dr. Crash", child->list, &error);
      break;
    case CS_CRASH_OPINION_AMEND:
      if (cs_report_get_revision (child->report) < after->revision)
        ok = cs_report_amend (child->report, "Dr. Crash", step->value, &error);
      break;
    case CS_CRASH_ANN_ADD:
    case CS_CRASH_ANN_MODIFY:
    case CS_CRASH_ANN_DELETE:
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    die (cs_crash_op_name (step->op), error);
  if (!cs_case_store_flush (child->cases, &error))
    die ("saving the case", error);
}

int
main (int   argc,
      char *argv[])
{
  Child child = { 0 };
  g_autoptr(CsCrashModel) model = NULL;
  guint64 seed, start, end;

  if (argc != 5 || !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &seed, NULL) ||
      !g_ascii_string_to_unsigned (argv[3], 10, 0, G_MAXUINT, &start, NULL) ||
      !g_ascii_string_to_unsigned (argv[4], 10, 0, G_MAXUINT, &end, NULL))
    {
      g_printerr ("usage: cs-crash-child DATA-DIR SEED START END\n");
      return 2;
    }
  open_stores (&child, argv[1]);
  model = cs_crash_model_after ((guint32) seed, (guint) start);
  for (guint n = start; n < end; n++)
    {
      CsCrashStep step;

      cs_crash_step_make ((guint32) seed, n, model, &step);
      cs_crash_model_apply (model, &step);
      if (step.op <= CS_CRASH_ANN_DELETE)
        annotation_step (&child, n, &step);
      else
        case_step (&child, &step, model);
      /* Acknowledged: the step is on disk. */
      printf ("ack %u %s\n", n, cs_crash_op_name (step.op));
      fflush (stdout);
      cs_crash_step_clear (&step);
      /* Compactions finish, timers run, as in the application. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  if (!cs_annotation_store_close (child.store, NULL))
    return 1;
  g_object_unref (child.store);
  g_object_unref (child.list);
  g_object_unref (child.cases);
  return 0;
}
