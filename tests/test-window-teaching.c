/* test-window-teaching.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-teaching"

#include "config.h"

#include "cs-case-teaching.h"
#include "cs-cases.h"
#include "cs-report-pane.h"
#include "cs-test-annotation-ui.h"

#include <string.h>

/* Teaching mode in the report pane, as a trainee meets it: a case with a
 * referring diagnosis and an opinion, marked for teaching with a
 * multiple-choice question, shows all to its teacher and hides both from
 * a trainee and from the teacher previewing as one; an answer chosen and
 * recorded enables Reveal; after it the diagnosis and the opinion show, with the
 * trainee's answer beside the teacher's. With CS_SCREENSHOT_DIR set, the
 * revealed window is saved there as teaching.png. Needs a display. */

static void
settle (void)
{
  for (int i = 0; i < 40; i++)
    g_main_context_iteration (NULL, FALSE);
}

#define field(pane, name) cs_test_window_find_named (GTK_WIDGET (pane), name)

/* Shown (itself and its parents): an absent widget fails the test. */
static gboolean
shown (CsReportPane *pane,
       const char   *name)
{
  GtkWidget *widget = field (pane, name);

  g_assert_nonnull (widget);
  return gtk_widget_is_visible (widget);
}

/* The editor's option rows: check, entry, remove button. */
static GtkWidget *
option_row (GtkWindow *dialog,
            guint      index)
{
  GtkWidget *row = gtk_widget_get_first_child (cs_test_window_find_named (GTK_WIDGET (dialog),
                                                                          "teaching-options"));

  for (guint i = 0; i < index && row != NULL; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  return row;
}

static guint
n_option_rows (GtkWindow *dialog)
{
  GtkWidget *box = cs_test_window_find_named (GTK_WIDGET (dialog), "teaching-options");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* Adds an option with Add Option and types @text into it. */
static void
add_option (GtkWindow  *dialog,
            const char *text)
{
  guint n = n_option_rows (dialog);

  g_signal_emit_by_name (cs_test_window_find_named (GTK_WIDGET (dialog), "teaching-add-option"),
                         "clicked");
  g_assert_cmpuint (n_option_rows (dialog), ==, n + 1);
  cs_test_set_text (gtk_widget_get_next_sibling (gtk_widget_get_first_child (option_row (dialog, n))),
                    text);
}

static gboolean
save_enabled (GtkWindow *dialog)
{
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save");
}

static const char *
editor_problem (GtkWindow *dialog)
{
  GtkWidget *label = cs_test_window_find_named (GTK_WIDGET (dialog), "teaching-question-error");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
make_case (CsReportPane *pane)
{
  CsCase *kase;
  CsReport *report;
  g_autoptr(GError) error = NULL;
  const char * const options[] = { "Tubular adenoma", "Invasive carcinoma, grade 3",
                                   "Radial scar", NULL };
  g_auto(GStrv) stored = NULL;
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.new-case", NULL));
  kase = cs_report_pane_get_case (pane);
  g_assert_nonnull (kase);
  cs_case_set_text (kase, "case.consult_accession", "TEACH-26-001");
  cs_case_set_text (kase, "referring_diagnosis.text", "Invasive carcinoma, grade 2");
  report = cs_case_add_opinion (kase, "Dr Ada Lovelace", "MD", "St Elsewhere");
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text",
                                     "Invasive carcinoma of no special type, grade 3", &error));
  g_assert_no_error (error);
  cs_report_pane_select_report (pane, report);
  settle ();
  /* Not a teaching case yet: everything shows, no question. */
  g_assert_true (shown (pane, "referring_diagnosis.text"));
  g_assert_true (shown (pane, "diagnosis.0.text"));
  g_assert_false (shown (pane, "teaching"));

  /* The teacher marks it and sets the question through the menu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.teaching", NULL));
  g_assert_true (cs_case_get_teaching (kase));
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.teaching-question", NULL));
  dialog = GTK_WINDOW (cs_test_wait_dialog ());
  gtk_window_set_default_size (dialog, 560, -1);
  /* No question yet: Save waits, saying why. */
  g_assert_false (save_enabled (dialog));
  g_assert_nonnull (editor_problem (dialog));
  cs_test_set_text (cs_test_window_find_named (GTK_WIDGET (dialog), "teaching-question-text"),
                    "What is the diagnosis?");
  g_assert_true (save_enabled (dialog));
  g_assert_null (editor_problem (dialog));
  /* One option is not a multiple-choice question. */
  add_option (dialog, options[0]);
  g_assert_false (save_enabled (dialog));
  g_assert_nonnull (strstr (editor_problem (dialog), "at least two options"));
  add_option (dialog, options[1]);
  g_assert_false (save_enabled (dialog));
  g_assert_cmpstr (editor_problem (dialog), ==, "Mark the correct option.");
  add_option (dialog, "Fibroadenoma");
  add_option (dialog, options[2]);
  /* Remove "Fibroadenoma" by its button, labelled for screen readers. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cs_test_window_find_named (option_row (dialog, 2),
                                                                           "teaching-option-remove")),
                   ==, "Remove option 3");
  g_signal_emit_by_name (cs_test_window_find_named (option_row (dialog, 2), "teaching-option-remove"),
                         "clicked");
  g_assert_cmpuint (n_option_rows (dialog), ==, 3);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_first_child (option_row (dialog, 1))),
                               TRUE);
  g_assert_true (save_enabled (dialog));
  g_assert_null (editor_problem (dialog));
  /* The radio buttons are one group: marking another unmarks the first. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_first_child (option_row (dialog, 2))),
                               TRUE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (
                    gtk_widget_get_first_child (option_row (dialog, 1)))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_first_child (option_row (dialog, 1))),
                               TRUE);
  settle ();
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "teaching-question.png");
  cs_test_respond ("save");
  g_assert_cmpint (cs_case_get_teaching_kind (kase), ==, CS_TEACHING_QUESTION_CHOICE);
  g_assert_cmpint (cs_case_get_teaching_correct (kase), ==, 1);
  stored = cs_case_dup_teaching_options (kase);
  g_assert_cmpstrv (stored, options);
  settle ();
}

static void
test_teaching_reveal (CsAnnotationFixture *fixture,
                      gconstpointer        data)
{
  CsReportPane *pane;
  CsSlidePage *page;
  CsAnnotation *answer, *other;
  CsAnnotationList *list;
  GListModel *panel;
  GtkWidget *choices, *second;
  GtkToggleButton *answer_button;
  g_autofree char *id = NULL;
  const char *result;
  gboolean preview = FALSE;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 900);
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->window), "show-report",
                                      g_variant_new_boolean (TRUE));
  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  /* The teacher's answer region, and another. */
  answer = cs_test_annotations_rectangle (600, 700, 160, 120, "Invasive front", "Tumor",
                                          "Dr Ada Lovelace");
  other = cs_test_annotations_rectangle (200, 200, 80, 80, "Normal duct", "Other",
                                         "Dr Ada Lovelace");
  cs_test_annotations_add (page, answer);
  cs_test_annotations_add (page, other);
  list = cs_slide_page_get_annotation_list (page);
  id = g_strdup (cs_annotation_get_id (answer));
  other = cs_annotation_list_lookup (list, cs_annotation_get_id (other));
  /* The teacher marks it as the answer in the annotation panel. */
  cs_annotation_editor_select (cs_slide_page_get_annotation_editor (page),
                               cs_annotation_list_lookup (list, id), FALSE);
  settle ();
  answer_button = cs_test_window_child (cs_slide_page_get_annotation_panel (page),
                                        CS_TYPE_ANNOTATION_PANEL, "answer_button");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (answer_button)));
  gtk_toggle_button_set_active (answer_button, TRUE);
  settle ();
  answer = cs_annotation_list_lookup (list, id);
  g_assert_true (cs_annotation_get_teaching_answer (answer));
  g_assert_false (cs_annotation_get_teaching_answer (other));
  cs_annotation_editor_select_none (cs_slide_page_get_annotation_editor (page));
  panel = cs_annotation_panel_get_model (cs_slide_page_get_annotation_panel (page));
  pane = cs_test_window_child (fixture->window, CS_TYPE_WINDOW, "report_pane");
  settle ();
  make_case (pane);

  /* The teacher (who marked it) sees everything and the answer. */
  g_assert_cmpstr (cs_case_get_teaching_teacher (cs_report_pane_get_case (pane)), ==,
                   g_get_user_name ());
  g_assert_false (cs_report_pane_get_teaching_hides (pane));
  g_assert_true (shown (pane, "referring_diagnosis.text"));
  g_assert_true (shown (pane, "diagnosis.0.text"));
  g_assert_true (cs_annotation_list_is_visible (list, answer));
  g_assert_false (shown (pane, "teaching-record"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (field (pane, "teaching-result"))),
                            "Teacher’s answer: Invasive carcinoma, grade 3"));
  /* Another user's case: a trainee's view, hidden. */
  cs_case_set_teaching_teacher (cs_report_pane_get_case (pane), "another-teacher", NULL);
  settle ();
  g_assert_true (cs_report_pane_get_teaching_hides (pane));
  g_assert_false (shown (pane, "referring_diagnosis.text"));
  /* Preview is the teacher's only: disabled for a trainee. */
  gtk_widget_activate_action (GTK_WIDGET (pane), "report.teaching-preview", NULL);
  settle ();
  g_object_get (pane, "teaching-preview", &preview, NULL);
  g_assert_false (preview);
  cs_case_set_teaching_teacher (cs_report_pane_get_case (pane), g_get_user_name (), NULL);
  settle ();
  g_assert_false (cs_report_pane_get_teaching_hides (pane));

  /* Previewing as a trainee: hidden until revealed; the question and its
   * choices shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.teaching-preview", NULL));
  settle ();
  g_assert_true (shown (pane, "teaching"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (field (pane, "teaching-question"))), ==,
                   "What is the diagnosis?");
  g_assert_false (shown (pane, "referring_diagnosis.text"));
  g_assert_false (shown (pane, "diagnosis.0.text"));
  g_assert_false (shown (pane, "teaching-answer"));
  /* The answer region: out of the panel, the view and hit tests. */
  g_assert_true (cs_report_pane_get_teaching_hides (pane));
  g_assert_cmpuint (g_list_model_get_n_items (panel), ==, 1);
  g_assert_true (cs_annotation_list_is_visible (list, other));
  g_assert_false (cs_annotation_list_is_visible (list, answer));
  g_assert_null (cs_annotation_list_hit_test (list, 680, 760, 2));
  g_assert_true (cs_slide_view_get_hide_teaching_answers (cs_slide_page_get_active_view (page)));
  g_assert_true (cs_slide_info_get_teaching_hidden (cs_slide_page_get_info (page)));
  choices = field (pane, "teaching-choices");
  g_assert_true (gtk_widget_is_visible (choices));
  g_assert_false (gtk_widget_get_sensitive (field (pane, "teaching-reveal")));
  g_assert_false (shown (pane, "teaching-result"));

  /* An answer recorded: Reveal becomes possible, nothing shows yet. */
  second = gtk_widget_get_next_sibling (gtk_widget_get_first_child (choices));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (second), TRUE);
  g_signal_emit_by_name (field (pane, "teaching-record"), "clicked");
  settle ();
  g_assert_true (gtk_widget_get_sensitive (field (pane, "teaching-reveal")));
  g_assert_false (shown (pane, "diagnosis.0.text"));
  g_assert_false (shown (pane, "referring_diagnosis.text"));

  /* Revealed: the diagnosis and the opinion, the answers side by side. */
  g_signal_emit_by_name (field (pane, "teaching-reveal"), "clicked");
  settle ();
  g_assert_true (shown (pane, "referring_diagnosis.text"));
  g_assert_true (shown (pane, "diagnosis.0.text"));
  g_assert_false (gtk_widget_get_sensitive (field (pane, "teaching-reveal")));
  g_assert_false (gtk_widget_get_sensitive (field (pane, "teaching-record")));
  g_assert_true (shown (pane, "teaching-result"));
  g_assert_cmpuint (g_list_model_get_n_items (panel), ==, 2);
  g_assert_true (cs_annotation_list_is_visible (list, answer));
  g_assert_true (cs_annotation_list_hit_test (list, 680, 760, 2) == answer);
  g_assert_false (cs_slide_view_get_hide_teaching_answers (cs_slide_page_get_active_view (page)));
  g_assert_false (cs_slide_info_get_teaching_hidden (cs_slide_page_get_info (page)));
  result = gtk_label_get_text (GTK_LABEL (field (pane, "teaching-result")));
  g_assert_nonnull (strstr (result, "Your answer: Invasive carcinoma, grade 3"));
  g_assert_nonnull (strstr (result, "Teacher’s answer: Invasive carcinoma, grade 3"));
  g_assert_nonnull (strstr (result, "Correct"));
  g_assert_true (cs_case_teaching_shows_all (cs_report_pane_get_case (pane), g_get_user_name ()));
  g_assert_false (cs_report_pane_get_teaching_hides (pane));
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->window), "teaching.png");
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  CS_TEST_ANNOTATION_ADD ("/window-teaching/reveal", test_teaching_reveal);

  return cs_test_window_run ();
}
