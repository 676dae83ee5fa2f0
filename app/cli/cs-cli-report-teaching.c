/* cs-cli-report-teaching.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-case-teaching.h"
#include "cs-cli-report-private.h"

/* consilium-cli report teaching CASE: a teaching case's teacher, question
 * (with the correct option) and every user's answer, as text. */

static void
print_question (CsCase *kase)
{
  g_auto(GStrv) options = cs_case_dup_teaching_options (kase);
  int correct = cs_case_get_teaching_correct (kase);
  const char *answer = cs_case_get_teaching_answer (kase);

  g_print (_("Question: %s\n"), cs_case_get_teaching_question (kase) != NULL
                                ? cs_case_get_teaching_question (kase) : "");
  for (guint i = 0; options[i] != NULL; i++)
    /* Translators: an option of a multiple-choice question, marked when correct. */
    g_print ("  %u. %s%s\n", i + 1, options[i], (int) i == correct ? _(" (correct)") : "");
  if (answer != NULL)
    g_print (_("Model answer: %s\n"), answer);
}

static void
print_response (CsCase     *kase,
                const char *user)
{
  g_autoptr(CsTeachingResponse) response = cs_case_dup_teaching_response (kase, user);
  CsTeachingVerdict verdict = cs_case_judge_teaching (kase, user);
  g_autofree char *answer = NULL;

  if (response == NULL)
    return;
  answer = response->choice >= 0 ? g_strdup_printf (_("option %d"), response->choice + 1)
                                 : g_strdup (response->text != NULL ? response->text : "");
  /* Translators: a user's answer, when it was recorded, and how it stands. */
  g_print (_("  %s: %s (%s)%s%s\n"), user, answer, response->recorded,
           verdict == CS_TEACHING_VERDICT_CORRECT ? _(", correct")
           : verdict == CS_TEACHING_VERDICT_INCORRECT ? _(", incorrect") : "",
           response->revealed ? _(", revealed") : "");
}

gboolean
cs_cli_report_teaching (int      argc,
                        char   **argv,
                        GError **error)
{
  const char *arg_names[] = { _("CASE"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsCase) kase = NULL;
  g_auto(GStrv) users = NULL;
  const char *teacher, *name;

  context = cs_cli_option_context (_("CASE"),
                                   _("Prints whether a stored case (a case id, or its folder) "
                                     "is a teaching case, its teacher, its question with the "
                                     "correct option, and the answers recorded."),
                                   NULL);
  cs_cli_describe (context,
                   (const char *const[]) { "consilium-cli report teaching "
                                           "58853308-14fc-4db1-b742-5bc4bee2713c",
                                           NULL },
                   NULL);
  kase = cs_cli_report_parse_case (context, argc, argv, arg_names, error);
  if (kase == NULL)
    return FALSE;

  if (!cs_case_get_teaching (kase))
    {
      g_print (_("Not a teaching case\n"));
      return TRUE;
    }
  teacher = cs_case_get_teaching_teacher (kase);
  name = cs_case_get_teaching_teacher_name (kase);
  if (teacher == NULL)
    g_print (_("Teacher: none recorded (hidden for every user until answered)\n"));
  else if (name != NULL)
    g_print (_("Teacher: %s (%s)\n"), teacher, name);
  else
    g_print (_("Teacher: %s\n"), teacher);
  print_question (kase);
  users = cs_case_dup_teaching_users (kase);
  g_print (_("Answers: %u\n"), g_strv_length (users));
  for (guint i = 0; users[i] != NULL; i++)
    print_response (kase, users[i]);
  return TRUE;
}
