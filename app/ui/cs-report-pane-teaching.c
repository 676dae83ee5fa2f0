/* cs-report-pane-teaching.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cs-case-teaching.h"
#include "cs-report-pane-private.h"
#include "cs-settings.h"
#include "cs-teaching-question-dialog.h"

/* Teaching mode, the trainee's side: the case's question, an answer
 * field or choices, and Reveal once an answer is recorded. Until then
 * the diagnosis and the opinions stay hidden (cs-report-pane-form.c);
 * after it, the trainee's answer is shown beside the teacher's. Answers
 * belong to the local user (g_get_user_name()). The teacher sees the
 * question and the answer, unless previewing the case as a trainee. */

static const char *
local_user (void)
{
  return g_get_user_name ();
}

gboolean
_cs_report_pane_teaching_hides (CsReportPane *self)
{
  return self->kase != NULL &&
         cs_case_teaching_hides (self->kase, local_user (), self->teaching_preview);
}

gboolean
_cs_report_pane_is_teacher (CsReportPane *self)
{
  return self->kase != NULL && cs_case_get_teaching (self->kase) &&
         cs_case_is_teaching_teacher (self->kase, local_user ());
}

/* Marking a case makes the local user its teacher, under the name their
 * annotations carry. */
void
_cs_report_pane_set_teaching (CsReportPane *self,
                              gboolean      teaching)
{
  g_autofree char *name = NULL;

  if (self->kase == NULL)
    return;
  if (teaching && !cs_case_get_teaching (self->kase))
    {
      name = cs_settings_dup_author ();
      cs_case_set_teaching_teacher (self->kase, local_user (), name);
    }
  cs_case_set_teaching (self->kase, teaching);
}

gboolean
cs_report_pane_get_teaching_hides (CsReportPane *self)
{
  g_return_val_if_fail (CS_IS_REPORT_PANE (self), FALSE);

  return _cs_report_pane_teaching_hides (self);
}

static int
chosen_option (CsReportPane *self)
{
  int index = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (self->teaching_choices); child != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      return index;
  return -1;
}

static void
on_record_clicked_cb (CsReportPane *self)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->kase == NULL)
    return;
  if (cs_case_get_teaching_kind (self->kase) == CS_TEACHING_QUESTION_CHOICE)
    {
      int choice = chosen_option (self);

      if (choice < 0)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Choose one of the options first"));
          done = FALSE;
        }
      else
        done = cs_case_record_teaching_choice (self->kase, local_user (), choice, &error);
    }
  else
    done = cs_case_record_teaching_text (self->kase, local_user (),
                                         gtk_editable_get_text (GTK_EDITABLE (self->teaching_entry)),
                                         &error);
  if (!done)
    _cs_report_pane_error (self, _("Could not record the answer"), error);
  _cs_report_pane_queue_refresh (self);
}

static void
on_reveal_clicked_cb (CsReportPane *self)
{
  g_autoptr(GError) error = NULL;

  if (self->kase != NULL && !cs_case_reveal_teaching (self->kase, local_user (), &error))
    _cs_report_pane_error (self, _("Could not reveal the answer"), error);
  _cs_report_pane_queue_refresh (self);
}

static GtkWidget *
wrapped_label (const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_name (label, name);
  return label;
}

static GtkWidget *
named_button (const char *mnemonic,
              const char *name,
              GCallback   callback,
              gpointer    self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_name (button, name);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

/* Built after the case summary, before the case details. */
void
_cs_report_pane_build_teaching (CsReportPane *self,
                                GtkWidget    *after)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Teaching Question"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->teaching_group = box;
  gtk_widget_set_name (box, "teaching");
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  self->teaching_question = wrapped_label ("teaching-question");
  gtk_box_append (GTK_BOX (box), self->teaching_question);
  self->teaching_entry = gtk_entry_new ();
  gtk_widget_set_name (self->teaching_entry, "teaching-answer");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->teaching_entry), _("Your answer"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->teaching_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your answer"), -1);
  gtk_box_append (GTK_BOX (box), self->teaching_entry);
  self->teaching_choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_name (self->teaching_choices, "teaching-choices");
  gtk_box_append (GTK_BOX (box), self->teaching_choices);
  self->teaching_record = named_button (_("_Record Answer"), "teaching-record",
                                        G_CALLBACK (on_record_clicked_cb), self);
  self->teaching_reveal = named_button (_("Re_veal"), "teaching-reveal",
                                        G_CALLBACK (on_reveal_clicked_cb), self);
  gtk_widget_add_css_class (self->teaching_reveal, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->teaching_record);
  gtk_box_append (GTK_BOX (buttons), self->teaching_reveal);
  gtk_box_append (GTK_BOX (box), buttons);
  self->teaching_result = wrapped_label ("teaching-result");
  gtk_box_append (GTK_BOX (box), self->teaching_result);
  gtk_box_insert_child_after (self->form_box, box, after);
}

/* The choices, rebuilt only when the options change (a rebuild would
 * drop what the trainee has ticked). */
static void
refresh_choices (CsReportPane *self,
                 GStrv         options)
{
  g_autofree char *key = g_strjoinv ("\n", options);
  GtkWidget *child;
  GtkCheckButton *first = NULL;

  if (g_strcmp0 (key, self->teaching_key) == 0)
    return;
  g_free (self->teaching_key);
  self->teaching_key = g_steal_pointer (&key);
  while ((child = gtk_widget_get_first_child (self->teaching_choices)) != NULL)
    gtk_box_remove (GTK_BOX (self->teaching_choices), child);
  for (guint i = 0; options[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (options[i]);

      if (first == NULL)
        first = GTK_CHECK_BUTTON (check);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      gtk_box_append (GTK_BOX (self->teaching_choices), check);
    }
}

static void
set_choice (CsReportPane *self,
            int           choice,
            gboolean      editable)
{
  int index = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (self->teaching_choices); child != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    {
      if (choice >= 0)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child), index == choice);
      gtk_widget_set_sensitive (child, editable);
    }
}

static char *
result_text (CsReportPane       *self,
             CsTeachingResponse *response,
             GStrv               options)
{
  const char *mine, *theirs;
  CsTeachingVerdict verdict = cs_case_judge_teaching (self->kase, local_user ());
  int correct = cs_case_get_teaching_correct (self->kase);
  guint n = g_strv_length (options);

  if (cs_case_get_teaching_kind (self->kase) == CS_TEACHING_QUESTION_CHOICE)
    {
      mine = response->choice >= 0 && (guint) response->choice < n ? options[response->choice] : "";
      theirs = correct >= 0 ? options[correct] : "";
    }
  else
    {
      mine = response->text != NULL ? response->text : "";
      theirs = cs_case_get_teaching_answer (self->kase);
      if (theirs == NULL)
        theirs = _("(see the opinions below)");
    }
  /* Translators: the trainee's answer, the teacher's, and a verdict. */
  return g_strdup_printf (_("Your answer: %s\nTeacher’s answer: %s%s%s"), mine, theirs,
                          verdict == CS_TEACHING_VERDICT_NONE ? "" : "\n",
                          verdict == CS_TEACHING_VERDICT_CORRECT ? _("Correct")
                          : verdict == CS_TEACHING_VERDICT_INCORRECT ? _("Incorrect") : "");
}

/* The teacher's own view: the question and its answer, no answer field. */
static void
refresh_teacher (CsReportPane          *self,
                 CsTeachingQuestionKind kind)
{
  g_auto(GStrv) options = cs_case_dup_teaching_options (self->kase);
  int correct = cs_case_get_teaching_correct (self->kase);
  const char *answer = kind == CS_TEACHING_QUESTION_CHOICE
                       ? (correct >= 0 ? options[correct] : "")
                       : cs_case_get_teaching_answer (self->kase);
  g_autofree char *result = NULL;

  gtk_label_set_text (GTK_LABEL (self->teaching_question),
                      cs_case_get_teaching_question (self->kase));
  gtk_widget_set_visible (self->teaching_entry, FALSE);
  gtk_widget_set_visible (self->teaching_choices, FALSE);
  gtk_widget_set_visible (self->teaching_record, FALSE);
  gtk_widget_set_visible (self->teaching_reveal, FALSE);
  /* Translators: shown to the teacher of a teaching case. */
  result = g_strdup_printf (_("You are the teacher of this case; trainees see it hidden until "
                              "they answer.\nTeacher’s answer: %s"),
                            answer != NULL ? answer : _("(see the opinions below)"));
  gtk_label_set_text (GTK_LABEL (self->teaching_result), result);
  gtk_widget_set_visible (self->teaching_result, TRUE);
}

void
_cs_report_pane_refresh_teaching (CsReportPane *self)
{
  CsTeachingQuestionKind kind = self->kase != NULL && cs_case_get_teaching (self->kase)
                                ? cs_case_get_teaching_kind (self->kase)
                                : CS_TEACHING_QUESTION_NONE;
  g_autoptr(CsTeachingResponse) response = NULL;
  g_auto(GStrv) options = NULL;
  gboolean revealed, editable;
  g_autofree char *result = NULL;

  gtk_widget_set_visible (self->teaching_group, kind != CS_TEACHING_QUESTION_NONE);
  if (kind == CS_TEACHING_QUESTION_NONE)
    return;
  if (_cs_report_pane_is_teacher (self) && !self->teaching_preview)
    {
      refresh_teacher (self, kind);
      return;
    }
  gtk_widget_set_visible (self->teaching_record, TRUE);
  gtk_widget_set_visible (self->teaching_reveal, TRUE);
  response = cs_case_dup_teaching_response (self->kase, local_user ());
  revealed = response != NULL && response->revealed;
  editable = !revealed;
  options = cs_case_dup_teaching_options (self->kase);
  gtk_label_set_text (GTK_LABEL (self->teaching_question),
                      cs_case_get_teaching_question (self->kase));
  gtk_widget_set_visible (self->teaching_entry, kind == CS_TEACHING_QUESTION_TEXT);
  gtk_widget_set_visible (self->teaching_choices, kind == CS_TEACHING_QUESTION_CHOICE);
  if (kind == CS_TEACHING_QUESTION_CHOICE)
    {
      refresh_choices (self, options);
      set_choice (self, response != NULL ? response->choice : -1, editable);
    }
  else if (response != NULL && !gtk_widget_has_focus (self->teaching_entry))
    gtk_editable_set_text (GTK_EDITABLE (self->teaching_entry), response->text);
  gtk_editable_set_editable (GTK_EDITABLE (self->teaching_entry), editable);
  gtk_widget_set_sensitive (self->teaching_record, editable);
  gtk_widget_set_sensitive (self->teaching_reveal, response != NULL && !revealed);
  if (revealed)
    result = result_text (self, response, options);
  gtk_label_set_text (GTK_LABEL (self->teaching_result), result != NULL ? result : "");
  gtk_widget_set_visible (self->teaching_result, revealed);
}

/* The teacher's side: the question editor (cs-teaching-question-dialog.c). */
void
_cs_report_pane_teaching_question_dialog (CsReportPane *self)
{
  if (self->kase != NULL)
    cs_teaching_question_dialog_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         self->kase);
}
