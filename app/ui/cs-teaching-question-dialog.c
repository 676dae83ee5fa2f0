/* cs-teaching-question-dialog.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-teaching"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cs-case-teaching.h"
#include "cs-teaching-question-dialog.h"

/* One row per option: a radio button marking the correct one, the
 * option's text and a remove button. No option makes a free-text
 * question; otherwise at least two filled options, one marked correct.
 * Save stays disabled, with the reason shown, until the question is
 * valid. Widgets are named for tests ("teaching-…"). */

typedef struct
{
  CsCase    *kase;           /* owned */
  GtkWidget *question;
  GtkWidget *answer;
  GtkWidget *options;        /* a box of option rows */
  GtkWidget *error;
} Editor;

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  g_clear_object (&editor->kase);
  g_free (editor);
}

static char *
stripped_text (GtkWidget *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static GtkWidget *
row_check (GtkWidget *row)
{
  return gtk_widget_get_first_child (row);
}

static GtkWidget *
row_entry (GtkWidget *row)
{
  return gtk_widget_get_next_sibling (row_check (row));
}

static GtkWidget *
row_remove (GtkWidget *row)
{
  return gtk_widget_get_next_sibling (row_entry (row));
}

/* The filled options, and the index among them of the one marked
 * correct (-1 when none, or the marked one is empty). */
static GStrv
collect_options (Editor *editor,
                 int    *correct)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int n = 0;

  *correct = -1;
  for (GtkWidget *row = gtk_widget_get_first_child (editor->options); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *text = stripped_text (row_entry (row));

      if (*text == '\0')
        continue;
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_check (row))))
        *correct = n;
      g_strv_builder_add (builder, text);
      n++;
    }
  return g_strv_builder_end (builder);
}

/* Why the question cannot be saved yet, or NULL. */
static const char *
problem (Editor *editor)
{
  g_autofree char *question = stripped_text (editor->question);
  g_auto(GStrv) options = NULL;
  int correct;

  if (*question == '\0')
    return _("Write the question.");
  options = collect_options (editor, &correct);
  if (g_strv_length (options) == 0)
    return NULL;
  if (g_strv_length (options) < 2)
    return _("A multiple-choice question needs at least two options; remove the option for "
             "a free-text question.");
  if (correct < 0)
    return _("Mark the correct option.");
  return NULL;
}

static void
validate (Editor *editor)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (editor->options));
  const char *reason = problem (editor);

  gtk_label_set_text (GTK_LABEL (editor->error), reason != NULL ? reason : "");
  gtk_widget_set_visible (editor->error, reason != NULL);
  adw_message_dialog_set_response_enabled (dialog, "save", reason == NULL);
}

/* The rows' accessible labels follow their position. */
static void
renumber (Editor *editor)
{
  guint n = 1;

  for (GtkWidget *row = gtk_widget_get_first_child (editor->options); row != NULL;
       row = gtk_widget_get_next_sibling (row), n++)
    {
      g_autofree char *option = g_strdup_printf (_("Option %u"), n);
      g_autofree char *correct = g_strdup_printf (_("Option %u is correct"), n);
      g_autofree char *remove = g_strdup_printf (_("Remove option %u"), n);

      gtk_entry_set_placeholder_text (GTK_ENTRY (row_entry (row)), option);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_entry (row)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, option, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_check (row)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, correct, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_remove (row)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      gtk_widget_set_tooltip_text (row_remove (row), remove);
    }
}

static void
on_changed_cb (Editor *editor)
{
  validate (editor);
}

static void
on_remove_clicked_cb (GtkWidget *button,
                      Editor    *editor)
{
  GtkWidget *row = gtk_widget_get_parent (button);

  /* The others stay grouped among themselves. */
  gtk_check_button_set_group (GTK_CHECK_BUTTON (row_check (row)), NULL);
  gtk_box_remove (GTK_BOX (editor->options), row);
  renumber (editor);
  validate (editor);
}

static GtkWidget *
add_option (Editor     *editor,
            const char *text,
            gboolean    correct)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  GtkWidget *first = gtk_widget_get_first_child (editor->options);

  gtk_widget_set_name (row, "teaching-option");
  gtk_widget_set_name (check, "teaching-option-correct");
  gtk_widget_set_name (entry, "teaching-option-text");
  gtk_widget_set_name (remove, "teaching-option-remove");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_add_css_class (remove, "flat");
  if (first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (row_check (first)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), correct);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), entry);
  gtk_box_append (GTK_BOX (row), remove);
  gtk_box_append (GTK_BOX (editor->options), row);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_changed_cb), editor);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_changed_cb), editor);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), editor);
  renumber (editor);
  return row;
}

static void
on_add_clicked_cb (Editor *editor)
{
  GtkWidget *row = add_option (editor, NULL, FALSE);

  gtk_widget_grab_focus (row_entry (row));
  validate (editor);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Editor           *editor)
{
  g_auto(GStrv) options = NULL;
  g_autofree char *question = NULL;
  g_autoptr(GError) error = NULL;
  int correct;

  if (g_strcmp0 (response, "save") != 0 || problem (editor) != NULL)
    return;
  question = stripped_text (editor->question);
  options = collect_options (editor, &correct);
  if (g_strv_length (options) == 0)
    cs_case_set_teaching_text_question (editor->kase, question,
                                        gtk_editable_get_text (GTK_EDITABLE (editor->answer)));
  else if (!cs_case_set_teaching_choice_question (editor->kase, question,
                                                  (const char * const *) options, correct, &error))
    g_warning ("%s", error->message);  /* validated above: not reached */
}

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *name,
           const char *title,
           const char *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
build_content (Editor *editor)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *choices = adw_preferences_group_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Option"));

  editor->question = entry_row (group, "teaching-question-text", _("Question"),
                                cs_case_get_teaching_question (editor->kase));
  editor->answer = entry_row (group, "teaching-model-answer", _("Model answer (free text)"),
                              cs_case_get_teaching_answer (editor->kase));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (choices), _("Options"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (choices),
                                         _("Mark the correct option. Without options, trainees "
                                           "answer in free text."));
  editor->options = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_name (editor->options, "teaching-options");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (choices), editor->options);
  gtk_widget_set_name (add, "teaching-add-option");
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked_cb), editor);
  editor->error = gtk_label_new (NULL);
  gtk_widget_set_name (editor->error, "teaching-question-error");
  gtk_widget_add_css_class (editor->error, "error");
  gtk_label_set_wrap (GTK_LABEL (editor->error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (editor->error), 0);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), choices);
  gtk_box_append (GTK_BOX (box), add);
  gtk_box_append (GTK_BOX (box), editor->error);
  g_signal_connect_swapped (editor->question, "changed", G_CALLBACK (on_changed_cb), editor);
  return box;
}

GtkWindow *
cs_teaching_question_dialog_present (GtkWindow *parent,
                                     CsCase    *kase)
{
  Editor *editor = g_new0 (Editor, 1);
  AdwMessageDialog *dialog;
  g_auto(GStrv) options = NULL;
  int correct;

  g_return_val_if_fail (CS_IS_CASE (kase), NULL);

  editor->kase = g_object_ref (kase);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    parent, _("Teaching Question"),
    _("What trainees answer before the diagnosis and the opinions are shown. A new question "
      "withdraws the answers given so far.")));
  g_object_set_data_full (G_OBJECT (dialog), "cs-teaching-editor", editor, editor_free);
  adw_message_dialog_set_extra_child (dialog, build_content (editor));
  options = cs_case_dup_teaching_options (kase);
  correct = cs_case_get_teaching_correct (kase);
  for (guint i = 0; options[i] != NULL; i++)
    add_option (editor, options[i], (int) i == correct);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), editor);
  validate (editor);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
