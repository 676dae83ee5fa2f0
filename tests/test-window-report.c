/* test-window-report.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-report"

#include "config.h"

#include "cs-cases.h"
#include "cs-report-pane.h"
#include "cs-settings.h"
#include "cs-test-annotation-ui.h"

#include <string.h>

/* The report pane, driven through its widgets as a consultant would: a
 * case from the open slide, its form, an opinion filled in, an annotation
 * cited and shown from its figure, finalised (read-only, the annotation
 * locked, the hash shown), an addendum, the JSON export, and the case back
 * from the store in a new window. With CS_SCREENSHOT_DIR set, the window
 * with the finalised opinion is saved there as report-pane.png. Needs a
 * display (Xvfb). */

static CsReportPane *
get_pane (CsWindow *window)
{
  return cs_test_window_child (window, CS_TYPE_WINDOW, "report_pane");
}

/* win.show-report on, whatever the settings remember. */
static void
show_report (CsWindow *window)
{
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-report",
                                      g_variant_new_boolean (TRUE));
  g_assert_true (gtk_revealer_get_reveal_child (
    cs_test_window_child (window, CS_TYPE_WINDOW, "report_revealer")));
}

/* The title-sized label showing @text (the status). */
static gboolean
is_title (GtkWidget  *widget,
          const char *text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-2") &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
field (CsReportPane *pane,
       const char   *name)
{
  GtkWidget *widget = cs_test_window_find_named (GTK_WIDGET (pane), name);

  if (widget == NULL)
    g_error ("no field %s in the pane", name);
  return widget;
}

static void
type_into (CsReportPane *pane,
           const char   *name,
           const char   *text)
{
  cs_test_set_text (field (pane, name), text);
}

static gboolean
is_editable (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
  return gtk_editable_get_editable (GTK_EDITABLE (widget));
}

static void
activate (CsReportPane *pane,
          const char   *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), action, NULL));
}

static void
settle (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static AdwMessageDialog *
wait_dialog (void)
{
  return cs_test_wait_dialog ();
}

static void
dialog_type (AdwMessageDialog *dialog,
             const char       *name,
             const char       *text)
{
  cs_test_set_text (g_object_get_data (G_OBJECT (dialog), name), text);
}

static void
fill_case (CsReportPane *pane)
{
  type_into (pane, "case.consult_accession", "CONS-26-00123");
  type_into (pane, "case.referring_accession", "S26-4567");
  type_into (pane, "case.patient.pseudonym", "P-7f3a");
  type_into (pane, "requesting.institution", "Hôpital Saint-Louis, Paris");
  type_into (pane, "requesting.pathologist.name", "Dr Camille Bernard");
  type_into (pane, "referring_diagnosis.text", "Invasive ductal carcinoma, grade 2");
  type_into (pane, "question", "Grade, and is there lymphovascular invasion?");
  type_into (pane, "clinical_history", "62-year-old woman, 18 mm mass of the left breast.");
  type_into (pane, "slide.stain", "H&E");
  type_into (pane, "slide.part", "A");
  type_into (pane, "slide.block", "1");
}

static void
fill_opinion (CsReportPane *pane)
{
  type_into (pane, "microscopic_description",
             "Infiltrating carcinoma in cords and nests, marked nuclear pleomorphism, "
             "14 mitoses per 10 HPF; tumour emboli in two vessels.");
  type_into (pane, "diagnosis.0.text", "Invasive carcinoma of no special type, grade 3");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (pane, "diagnosis.0.certainty")), 1);
  type_into (pane, "diagnosis.0.codes.0.system", "ICD-O-3-M");
  type_into (pane, "diagnosis.0.codes.0.code", "8500/3");
  type_into (pane, "diagnosis.0.codes.0.display", "Infiltrating duct carcinoma, NOS");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (pane, "agreement.category")),
                              CS_AGREEMENT_MINOR);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (field (pane, "prognosis_impact")), TRUE);
  type_into (pane, "agreement.rationale", "Grade 3 rather than 2: mitotic score 3.");
  type_into (pane, "comment", "Lymphovascular invasion is present (figure 1).");
  type_into (pane, "recommendations", "None.");
}

/* New Opinion…, for the consultant given in its dialog. */
static void
new_opinion (CsReportPane *pane,
             const char   *consultant,
             const char   *credentials,
             const char   *institution)
{
  AdwMessageDialog *dialog;

  activate (pane, "report.new-opinion");
  dialog = wait_dialog ();
  dialog_type (dialog, "report-consultant", consultant);
  dialog_type (dialog, "report-credentials", credentials);
  dialog_type (dialog, "report-institution", institution);
  cs_test_respond ("create");
  /* what the consultant marks from now on carries their name */
  {
    g_autofree char *author = cs_settings_dup_author ();

    g_assert_cmpstr (author, ==, consultant);
  }
}

static void
second_opinion (CsReportPane *pane)
{
  CsReport *first = cs_report_pane_get_report (pane);

  new_opinion (pane, "Dr Bea Okafor", "MD", "University Hospital");
  g_assert_true (cs_report_pane_get_report (pane) != first);
  type_into (pane, "diagnosis.0.text", "Invasive carcinoma of no special type, grade 3");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (pane, "agreement.category")),
                              CS_AGREEMENT_MINOR);
  g_assert_cmpuint (g_list_model_get_n_items (cs_case_get_opinions (cs_report_pane_get_case (pane))),
                    ==, 2);
  cs_report_pane_select_report (pane, first);
}

static void
assert_centred_on (CsSlidePage  *page,
                   CsAnnotation *annotation)
{
  cs_test_annotations_assert_shown (page, annotation);
}

static void
cite_and_show (CsSlidePage  *page,
               CsReportPane *pane,
               const char   *id)
{
  CsAnnotationList *list = cs_slide_page_get_annotation_list (page);
  CsAnnotation *annotation = cs_annotation_list_lookup (list, id);
  CsReport *report = cs_report_pane_get_report (pane);
  GtkListBoxRow *row;

  cs_annotation_editor_select (cs_slide_page_get_annotation_editor (page), annotation, FALSE);
  activate (pane, "report.cite");
  g_assert_cmpuint (cs_report_get_n_regions (report), ==, 1);
  g_assert_cmpstr (cs_report_get_region_annotation (report, 0), ==, id);
  settle ();
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (field (pane, "figures")), 0);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (cs_test_window_find_named (GTK_WIDGET (row), "figure-caption")),
                         "Tumour emboli in a vessel");
  g_assert_cmpstr (cs_report_get_region_caption (report, 0), ==, "Tumour emboli in a vessel");

  /* Away from it, then back through the figure. */
  cs_annotation_editor_select_none (cs_slide_page_get_annotation_editor (page));
  cs_slide_view_zoom_to_fit (cs_slide_page_get_active_view (page));
  g_signal_emit_by_name (field (pane, "figures"), "row-activated", row);
  settle ();
  assert_centred_on (page, cs_annotation_list_lookup (list, id));
}

static void
finalise (CsSlidePage  *page,
          CsReportPane *pane,
          const char   *id)
{
  CsReport *report = cs_report_pane_get_report (pane);
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;

  activate (pane, "report.finalize");
  wait_dialog ();
  cs_test_respond ("sign");
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_FINAL);
  settle ();

  /* Read-only, the cited annotation locked, the hash on screen. */
  g_assert_false (is_editable (field (pane, "diagnosis.0.text")));
  g_assert_false (is_editable (field (pane, "consultant.name")));
  g_assert_false (gtk_widget_get_sensitive (field (pane, "agreement.category")));
  g_assert_false (is_editable (field (pane, "figure-caption")));
  g_assert_true (cs_annotation_get_locked (
    cs_annotation_list_lookup (cs_slide_page_get_annotation_list (page), id)));
  hash = cs_report_compute_hash (report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (field (pane, "content-sha256"))), ==, hash);
  g_assert_true (gtk_widget_get_mapped (field (pane, "content-sha256")));
}

static void
add_addendum (CsReportPane *pane)
{
  CsReport *report = cs_report_pane_get_report (pane);
  AdwMessageDialog *dialog;

  activate (pane, "report.addendum");
  dialog = wait_dialog ();
  dialog_type (dialog, "reason", "Immunohistochemistry received");
  dialog_type (dialog, "text", "ER 95 %, PR 60 %, HER2 1+ (negative).");
  cs_test_respond ("addendum");
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_ADDENDED);
  g_assert_false (cs_report_get_tampered (report));
  settle ();
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (pane), "signed-revisions"));
}

static void
check_export (CsAnnotationFixture *fixture,
              CsReportPane        *pane)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "opinion.json", NULL);
  g_autoptr(CsReport) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_pane_save_json (pane, path, &error));
  g_assert_no_error (error);
  back = cs_report_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_false (cs_report_get_tampered (back));
  g_assert_cmpint (cs_report_get_status (back), ==, CS_REPORT_STATUS_ADDENDED);
  g_assert_cmpstr (cs_report_get_text (back, "diagnosis.0.text"), ==,
                   "Invasive carcinoma of no special type, grade 3");
  g_assert_cmpstr (cs_report_get_text (back, "diagnosis.0.certainty"), ==, "definitive");
  g_assert_cmpstr (cs_report_get_text (back, "diagnosis.0.codes.0.code"), ==, "8500/3");
  g_assert_cmpint (cs_report_get_agreement (back), ==, CS_AGREEMENT_MINOR);
  g_assert_true (cs_report_get_agreement_flag (back, "prognosis_impact"));
  g_assert_cmpstr (cs_report_get_text (back, "case.consult_accession"), ==, "CONS-26-00123");
  g_assert_cmpstr (cs_report_get_text (back, "requesting.pathologist.name"), ==,
                   "Dr Camille Bernard");
}

static void
on_pdf_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  if (!cs_report_pane_export_pdf_finish (CS_REPORT_PANE (source), result, error))
    g_assert_nonnull (*error);
  g_object_set_data (G_OBJECT (source), "test-done", GINT_TO_POINTER (TRUE));
}

static gboolean
pdf_done (gpointer data)
{
  return g_object_get_data (data, "test-done") != NULL;
}

/* The PDF, written in a worker, holds the diagnosis and the hash. */
static void
check_pdf (CsAnnotationFixture *fixture,
           CsReportPane        *pane)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "opinion.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  const char *argv[] = { NULL, "-layout", NULL, "-", NULL };
  int status;

  cs_report_pane_export_pdf_async (pane, path, CS_PAPER_A4, NULL, on_pdf_done_cb, &error);
  g_assert_true (cs_test_wait_until (pdf_done, pane, 60000));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (pdftotext == NULL)
    {
      g_test_message ("pdftotext not found: the PDF's text is not checked");
      return;
    }
  argv[0] = pdftotext;
  argv[2] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  flat = g_regex_replace (space, text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (flat, "grade 3"));
  g_assert_nonnull (strstr (flat, "CONS-26-00123"));
}

/* An amendment: editable again as a new draft revision, the signed ones
 * still listed; signed again, it is the amended opinion. */
static void
amend (CsSlidePage  *page,
       CsReportPane *pane)
{
  CsReport *report = cs_report_pane_get_report (pane);
  gint64 revision = cs_report_get_revision (report);
  guint n_signed = cs_report_get_signed_revisions (report)->len;
  AdwMessageDialog *dialog;

  activate (pane, "report.amend");
  dialog = wait_dialog ();
  dialog_type (dialog, "reason", "Grade corrected after review of the mitotic count");
  cs_test_respond ("amend");
  settle ();
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_DRAFT);
  g_assert_cmpint (cs_report_get_revision (report), >, revision);
  g_assert_true (is_editable (field (pane, "diagnosis.0.text")));
  g_assert_true (gtk_widget_get_sensitive (field (pane, "agreement.category")));
  type_into (pane, "diagnosis.0.text", "Invasive carcinoma of no special type, grade 2");
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (pane), "signed-revisions"));

  /* Signing with the cursor still in a text box (GTK 4.8 asserted when a
   * focused text view was frozen under its blinking cursor). */
  gtk_widget_grab_focus (field (pane, "diagnosis.0.text"));
  settle ();
  activate (pane, "report.finalize");
  wait_dialog ();
  cs_test_respond ("sign");
  settle ();
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_AMENDED);
  g_assert_false (is_editable (field (pane, "diagnosis.0.text")));
  g_assert_cmpuint (cs_report_get_signed_revisions (report)->len, ==, n_signed + 1);
}

static CsCase *
find_case (GPtrArray  *cases,
           const char *accession)
{
  for (guint i = 0; i < cases->len; i++)
    if (g_strcmp0 (cs_case_get_text (cases->pdata[i], "case.consult_accession"), accession) == 0)
      return cases->pdata[i];
  g_error ("no case %s", accession);
  return NULL;
}


/* What the store holds, read by a store of its own, and what a new window
 * shows for the same slide. */
static void
check_stored (CsAnnotationFixture *fixture,
              const char          *sha256)
{
  g_autofree char *directory = cs_case_store_default_directory ();
  g_autoptr(CsCaseStore) store = cs_case_store_new (directory);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(CsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  CsWindow *window;
  CsReportPane *pane;
  CsCase *kase;

  g_assert_true (cs_case_store_flush (cs_cases_get_default (), &error));
  g_assert_no_error (error);
  g_assert_true (cs_case_store_load (store, &error));
  g_assert_no_error (error);
  /* Only the tampered test's opinion is reported. */
  g_assert_cmpuint (cs_case_store_get_problems (store)->len, <=, 1);
  found = cs_case_store_find_by_slide (store, sha256);
  kase = find_case (found, "CONS-26-00123");
  g_assert_cmpstr (cs_case_find_slide (kase, sha256)->stain, ==, "H&E");
  report = g_list_model_get_item (cs_case_get_opinions (kase), 0);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_AMENDED);
  g_assert_false (cs_report_get_tampered (report));
  g_assert_cmpstr (cs_report_get_text (report, "diagnosis.0.text"), ==,
                   "Invasive carcinoma of no special type, grade 2");

  window = cs_test_window_new (NULL);
  show_report (window);
  cs_test_annotations_open (window, fixture->sample);
  settle ();
  pane = get_pane (window);
  cs_test_window_choose_case (pane, "CONS-26-00123");
  settle ();
  g_assert_cmpstr (cs_case_get_text (cs_report_pane_get_case (pane), "case.consult_accession"),
                   ==, "CONS-26-00123");
  g_assert_nonnull (cs_report_pane_get_report (pane));
  g_assert_cmpstr (cs_report_get_text (cs_report_pane_get_report (pane), "consultant.name"), ==,
                   "Dr Ada Lovelace");
  /* The case details make way for the signed opinion; opened, they are
   * the case's. */
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (field (pane, "case-details"))));
  gtk_expander_set_expanded (GTK_EXPANDER (field (pane, "case-details")), TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (pane, "case.consult_accession"))),
                   ==, "CONS-26-00123");
  cs_test_ui_window_destroy (GTK_WINDOW (window));
}

static void
test_report_sign_out (CsAnnotationFixture *fixture,
                      gconstpointer        data)
{
  CsSlidePage *page;
  CsReportPane *pane;
  CsAnnotation *annotation;
  g_autofree char *id = NULL;
  g_autofree char *sha256 = NULL;
  guint n_columns;
  CsCase *tampered;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 900);
  show_report (fixture->window);
  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  sha256 = g_strdup (cs_slide_page_get_annotation_sha256 (page));
  annotation = cs_test_annotations_rectangle (600, 700, 160, 120, "Vascular invasion",
                                              "Tumor", "Dr Ada Lovelace");
  id = g_strdup (cs_annotation_get_id (annotation));
  cs_test_annotations_add (page, annotation);
  pane = get_pane (fixture->window);
  settle ();

  /* The slide is in the tampered test's case already: a second one. */
  tampered = cs_report_pane_get_case (pane);
  g_assert_nonnull (tampered);
  activate (pane, "report.new-case");
  g_assert_nonnull (cs_report_pane_get_case (pane));
  g_assert_true (cs_report_pane_get_case (pane) != tampered);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
    cs_test_window_child (pane, CS_TYPE_REPORT_PANE, "case_dropdown"))), ==, 2);
  fill_case (pane);
  g_assert_cmpstr (cs_case_get_text (cs_report_pane_get_case (pane), "question"), ==,
                   "Grade, and is there lymphovascular invasion?");

  /* Incomplete: Finalise names what is missing and signs nothing. */
  new_opinion (pane, "Dr Ada Lovelace", "MD, FRCPath", "Royal Infirmary");
  g_assert_nonnull (cs_report_pane_get_report (pane));
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (pane, "consultant.name"))), ==,
                   "Dr Ada Lovelace");
  activate (pane, "report.finalize");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (wait_dialog ()), "diagnosis"));
  cs_test_respond ("close");
  g_assert_cmpint (cs_report_get_status (cs_report_pane_get_report (pane)), ==,
                   CS_REPORT_STATUS_DRAFT);

  fill_opinion (pane);
  cite_and_show (page, pane, id);
  if (g_getenv ("CS_SCREENSHOT_DIR") != NULL)
    {
      /* For a look at the lower half of the draft form. */
      GtkWidget *figures = field (pane, "figures");
      GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (
        gtk_widget_get_ancestor (figures, GTK_TYPE_SCROLLED_WINDOW));
      graphene_point_t at;

      g_assert_true (gtk_widget_compute_point (figures, GTK_WIDGET (scrolled),
                                               &GRAPHENE_POINT_INIT (0, 0), &at));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), at.y - 500);
      cs_test_window_save_screenshot (GTK_WIDGET (fixture->window), "report-pane-draft.png");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 0);
    }
  finalise (page, pane, id);
  settle ();
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->window), "report-pane.png");
  add_addendum (pane);
  check_export (fixture, pane);
  check_pdf (fixture, pane);
  amend (page, pane);

  /* Side by side: one column per opinion, a second consultant's too. */
  second_opinion (pane);
  g_object_set (pane, "compare", TRUE, NULL);
  settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (
    cs_test_window_child (pane, CS_TYPE_REPORT_PANE, "compare_box"))));
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->window), "report-pane-compare.png");
  n_columns = 0;
  /* The columns come first, the regions compared after them. */
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (
         cs_test_window_child (pane, CS_TYPE_REPORT_PANE, "compare_box"))));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n_columns += GTK_IS_BOX (child);
  g_assert_cmpuint (n_columns, ==, 2);
  g_object_set (pane, "compare", FALSE, NULL);

  /* Each consultant's annotations in their colour, in every view. */
  g_assert_false (cs_slide_view_get_color_by_author (cs_slide_page_get_active_view (page)));
  activate (pane, "report.color-by-author");
  g_assert_true (cs_slide_view_get_color_by_author (cs_slide_page_get_active_view (page)));
  activate (pane, "report.color-by-author");
  g_assert_false (cs_slide_view_get_color_by_author (cs_slide_page_get_active_view (page)));

  check_stored (fixture, sha256);
}

/* A signed opinion on the sample slide, written by a store of its own
 * (before the application reads its cases), then edited by hand: the
 * path of its file. */
static char *
write_tampered_case (void)
{
  g_autofree char *directory = cs_case_store_default_directory ();
  g_autofree char *sample = cs_test_sample_slide ();
  g_autoptr(CsCaseStore) store = cs_case_store_new (directory);
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) edited = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  char *path;
  CsReport *report;
  const char *texts[][2] = {
    { "case.consult_accession", "CONS-26-00007" }, { "case.referring_accession", "S26-0001" },
    { "requesting.institution", "Hôpital Saint-Louis" },
    { "requesting.pathologist.name", "Dr Camille Bernard" },
    { "clinical_history", "not provided" }, { "question", "Benign or malignant?" },
  };

  slide = cs_slide_new (sample, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_slide_compute_identity (slide, NULL, &error));
  g_assert_true (cs_case_store_load (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    cs_case_set_text (kase, texts[i][0], texts[i][1]);
  g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  cs_case_store_add (store, kase);
  report = cs_case_add_opinion (kase, "Dr Ada Lovelace", "MD", "Royal Infirmary");
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text", "Adenocarcinoma, invasive",
                                     &error));
  g_assert_true (cs_report_finalize (report, "Dr Ada Lovelace", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cs_case_store_flush (store, &error));

  name = g_strconcat (cs_report_get_id (report) + strlen ("urn:uuid:"), ".json", NULL);
  path = g_build_filename (directory, cs_case_get_id (kase) + strlen ("urn:uuid:"), "reports",
                           name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "Adenocarcinoma, invasive", "Adenoma", 0), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, &error));
  return path;
}

/* F8 is caught in the capture phase, before the review area's GtkPaned,
 * which takes F8 for itself, sees it; activating it toggles the pane. */
static void
check_report_shortcut (CsWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkShortcutController *found = NULL;
  g_autoptr(GtkShortcut) shortcut = NULL;
  g_autofree char *trigger = NULL;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), "show-report");
  g_autoptr(GVariant) state = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "report-shortcut") == 0)
        found = GTK_SHORTCUT_CONTROLLER (controller);
    }
  g_assert_nonnull (found);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (found)),
                   ==, GTK_PHASE_CAPTURE);
  shortcut = g_list_model_get_item (G_LIST_MODEL (found), 0);
  trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
  g_assert_cmpstr (trigger, ==, "F8");
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (window), NULL));
  state = g_action_get_state (action);
  g_assert_false (g_variant_get_boolean (state));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (window), NULL));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_get_state (action);
  g_assert_true (g_variant_get_boolean (state));
}

/* Changed after signing: the first window says so, naming the file, and
 * the pane shows the opinion as modified after signing, in red, frozen.
 * Runs first: the application reads its cases once. */
static void
test_report_tampered (void)
{
  g_autofree char *path = NULL;
  g_autofree char *sample = NULL;
  AdwMessageDialog *dialog;
  CsWindow *window;
  CsReportPane *pane;
  GtkWidget *status = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  path = write_tampered_case ();
  sample = cs_test_sample_slide ();
  window = cs_test_window_new (NULL);
  dialog = wait_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "modified after signing"));
  cs_test_respond ("close");

  show_report (window);
  cs_test_annotations_open (window, sample);
  settle ();
  pane = get_pane (window);
  g_assert_nonnull (cs_report_pane_get_report (pane));
  g_assert_true (cs_report_get_tampered (cs_report_pane_get_report (pane)));
  g_assert_false (is_editable (field (pane, "diagnosis.0.text")));
  g_assert_cmpstr (cs_report_get_text (cs_report_pane_get_report (pane), "diagnosis.0.text"), ==,
                   "Adenoma");
  status = cs_test_window_find (GTK_WIDGET (pane), is_title, "Modified after signing");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  g_assert_true (gtk_widget_get_mapped (status));
  check_report_shortcut (window);
  cs_test_ui_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/window-report/tampered", test_report_tampered);
  CS_TEST_ANNOTATION_ADD ("/window-report/sign-out", test_report_sign_out);

  return cs_test_window_run ();
}
