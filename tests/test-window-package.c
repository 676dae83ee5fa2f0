/* test-window-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-package"

#include "config.h"

#include "cs-annotation-store.h"
#include "cs-cases.h"
#include "cs-package-export-dialog.h"
#include "cs-package-export-private.h"
#include "cs-package-import-dialog.h"
#include "cs-package.h"
#include "cs-report-pane.h"
#include "cs-test-annotation-ui.h"
#include "cs-test-package.h"

#include <string.h>

/* Consult packages in the window, driven as a user would: the case of the
 * open slide sent (report.send-case: the dialog's fields filled, the
 * package written with a passphrase and de-identified slides, its summary
 * shown and the file read back), and a consultant's reply imported by
 * opening the ".consilium" file (the passphrase asked for, wrong first;
 * the preview; the result), the opinion then in the report pane and the
 * consultant's annotation in the open tab's live list; imported again,
 * nothing changes. With CS_SCREENSHOT_DIR set, the dialogs' pages are
 * saved there. Needs a display (Xvfb) and the shared slides. */

#define SLIDE_NAME  "CMU-1-Small-Region.svs"
#define SENDER      "Dr Ada Lovelace"
#define CONSULTANT  "Dr Grace Hopper"
#define PASSPHRASE  "correct horse battery staple"
#define PASSPHRASE2 "a passphrase told on the phone"



static GtkWidget *
field (gpointer    widget,
       const char *name)
{
  GtkWidget *found = cs_test_window_find_named (GTK_WIDGET (widget), name);

  if (found == NULL)
    g_error ("no widget named %s", name);
  return found;
}

static void
type_into (gpointer    widget,
           const char *name,
           const char *text)
{
  GtkWidget *found = field (widget, name);

  if (GTK_IS_TEXT_VIEW (found))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (found)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (found), text);
}

static void
settle (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}



/* The same, @dialog's visible page scrolled to @target (NULL: the end). */
static void
save_screenshot_at (gpointer    dialog,
                    GType       type,
                    GtkWidget  *target,
                    const char *name)
{
  GtkStack *stack = cs_test_window_child (dialog, type, "stack");
  GtkWidget *page = gtk_stack_get_visible_child (stack);
  GtkAdjustment *adjustment;
  graphene_point_t at = GRAPHENE_POINT_INIT (0, G_MAXFLOAT);

  if (g_getenv ("CS_SCREENSHOT_DIR") == NULL || !GTK_IS_SCROLLED_WINDOW (page))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  if (target != NULL)
    g_assert_true (gtk_widget_compute_point (target, page, &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (adjustment, at.y - 90);
  cs_test_window_save_screenshot (dialog, name);
  gtk_adjustment_set_value (adjustment, 0);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gpointer
wait_toplevel (GType type)
{
  g_assert_true (cs_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type),
                                     CS_TEST_UI_TIMEOUT_MS));
  return find_toplevel (type);
}

/* Every step passes by "progress" at once, and ends elsewhere. */
static gboolean
page_settled (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (data), "progress") != 0;
}

/* Waits for @dialog's step to end, on @page, failing with the error
 * page's text. */
static void
wait_page (gpointer    dialog,
           GType       type,
           const char *page)
{
  GtkStack *stack = cs_test_window_child (dialog, type, "stack");
  AdwStatusPage *error_page = cs_test_window_child (dialog, type, "error_page");

  g_assert_true (cs_test_wait_until (page_settled, stack, 120000));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), page) != 0)
    g_error ("on %s, not %s: %s: %s", gtk_stack_get_visible_child_name (stack), page,
             adw_status_page_get_title (error_page), adw_status_page_get_description (error_page));
}

static CsReportPane *
show_report (CsWindow *window)
{
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-report",
                                      g_variant_new_boolean (TRUE));
  return cs_test_window_child (window, CS_TYPE_WINDOW, "report_pane");
}

/* The shared slide open, with a new case from it asking a question. */
static CsSlidePage *
open_case (CsWindow      *window,
           const char    *slide,
           CsReportPane **pane)
{
  CsSlidePage *page = cs_test_annotations_open_empty (window, slide);

  *pane = show_report (window);
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (*pane), "report.new-case", NULL));
  g_assert_nonnull (cs_report_pane_get_case (*pane));
  settle ();
  type_into (*pane, "case.consult_accession", "CONS-26-00321");
  type_into (*pane, "case.referring_accession", "S26-4567");
  type_into (*pane, "requesting.institution", "Royal Infirmary");
  type_into (*pane, "requesting.pathologist.name", SENDER);
  type_into (*pane, "clinical_history", "62-year-old woman, 18 mm mass of the left breast.");
  type_into (*pane, "question", "Grade, and is there lymphovascular invasion?");
  return page;
}

/* The case of the open slide, with an annotation by the sender; NULL
 * (skipped) without a display or the shared slides. */
static CsSlidePage *
start (CsAnnotationFixture  *fixture,
       CsReportPane        **pane)
{
  g_autofree char *slide = cs_test_shared_slide (SLIDE_NAME);
  CsSlidePage *page;

  if (!cs_test_ui_have_display)
    {
      g_test_skip ("no display");
      return NULL;
    }
  if (slide == NULL)
    {
      g_test_skip ("the shared slides (CS_SHARED_DIR) are absent");
      return NULL;
    }
  page = open_case (fixture->window, slide, pane);
  cs_test_annotations_add (page, cs_test_annotations_rectangle (600, 700, 160, 120, "Emboli",
                                                                "Tumor", SENDER));
  return page;
}

static gboolean
sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static guint
count_by (CsPackageManifest *manifest,
          const char        *author)
{
  guint n = 0;

  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *set = g_ptr_array_index (manifest->annotations, i);

      if (g_strcmp0 (set->author, author) == 0)
        n += set->count;
    }
  return n;
}

static void
check_sent (const char *path,
            CsCase     *kase)
{
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageSlide *slide;

  g_assert_null (cs_package_inspect (path, NULL, FALSE, NULL, &error));
  g_assert_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  manifest = cs_package_inspect (path, PASSPHRASE, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (manifest->case_id, ==, cs_case_get_id (kase));
  g_assert_cmpstr (manifest->sender_name, ==, SENDER);
  g_assert_cmpstr (manifest->message, ==, "The second block is on its way.");
  g_assert_cmpuint (manifest->slides->len, ==, 1);
  slide = g_ptr_array_index (manifest->slides, 0);
  g_assert_true (slide->deidentified);
  g_assert_nonnull (slide->file);
  g_assert_cmpstr (slide->uuid, ==, cs_case_get_slide (kase, 0)->uuid);
  g_assert_cmpstr (slide->sha256, !=, cs_case_get_slide (kase, 0)->sha256);
  g_assert_cmpuint (count_by (manifest, SENDER), ==, 1);
}

/* The package just sent, opened: its slide would be stored in the data
 * folder; cancelled, nothing is imported. */
static void
preview_sent (CsAnnotationFixture *fixture,
              const char          *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "consilium", "slides",
                                              NULL);
  guint n_cases = g_list_model_get_n_items (G_LIST_MODEL (cs_cases_get_default ()));
  gpointer dialog;
  GtkWidget *row;

  g_assert_null (cs_window_open (fixture->window, file));
  dialog = wait_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG);
  wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "passphrase");
  type_into (dialog, "import-passphrase", PASSPHRASE);
  g_signal_emit_by_name (field (dialog, "import-action"), "clicked");
  wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "preview");
  row = field (dialog, "slide-folder");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, folder);
  cs_test_window_save_screenshot (dialog, "package-import-preview-slides.png");
  save_screenshot_at (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, NULL,
                      "package-import-preview-slides-end.png");
  g_signal_emit_by_name (cs_test_window_child (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG,
                                               "cancel_button"), "clicked");
  g_assert_null (find_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cs_cases_get_default ())), ==,
                    n_cases);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* (a) report.send-case: the form filled, the package written, the
 * summary with each slide's de-identification, the file read back. */
static void
test_package_send (CsAnnotationFixture *fixture,
                   gconstpointer        data)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) left = NULL;
  CsPackageExportDialog *dialog;
  CsReportPane *pane;
  GtkWidget *send;

  if (start (fixture, &pane) == NULL)
    return;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.send-case", NULL));
  dialog = wait_toplevel (CS_TYPE_PACKAGE_EXPORT_DIALOG);
  type_into (dialog, "sender-name", SENDER);
  type_into (dialog, "sender-institution", "Royal Infirmary");
  type_into (dialog, "message", "The second block is on its way.");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (field (dialog, "slides-deidentified"))));
  send = field (dialog, "send");
  /* Encrypted by default: no passphrase, or two that differ, send nothing. */
  g_assert_false (gtk_widget_get_sensitive (send));
  type_into (dialog, "passphrase", PASSPHRASE);
  type_into (dialog, "passphrase-confirm", "correct horse");
  g_assert_false (gtk_widget_get_sensitive (send));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-send-form.png");
  save_screenshot_at (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, NULL, "package-send-form-end.png");
  type_into (dialog, "passphrase-confirm", PASSPHRASE);
  g_assert_true (cs_test_wait_until (sensitive, send, CS_TEST_UI_TIMEOUT_MS));

  path = g_build_filename (fixture->tmpdir, "CONS-26-00321.consilium", NULL);
  /* Cancelled at once: the form again, and no file, not even a partial
   * one beside it. */
  cs_package_export_dialog_send_to (dialog, path);
  g_signal_emit_by_name (cs_test_window_child (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG,
                                               "cancel_button"), "clicked");
  wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "form");
  left = cs_test_package_list_dir (fixture->tmpdir);
  g_assert_cmpuint (g_strv_length (left), ==, 0);

  cs_package_export_dialog_send_to (dialog, path);
  wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "done");
  check_sent (path, cs_report_pane_get_case (pane));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "passphrase"))), ==, "");
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (dialog), "deidentify-summary"));
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (dialog), "package-path"));
  /* Tall enough for the summary and the first slide's de-identification. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 1180);
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-send.png");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 720);
  save_screenshot_at (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG,
                      cs_test_window_find_named (GTK_WIDGET (dialog), "deidentify-summary"),
                      "package-send-deidentified.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  preview_sent (fixture, path);
}

/* The final opinion's diagnosis changed in its file, as by hand. */
static void
edit_report (const char *cases,
             CsCase     *kase,
             CsReport   *report)
{
  g_autofree char *name = g_strconcat (cs_report_get_id (report) + strlen ("urn:uuid:"), ".json",
                                       NULL);
  g_autofree char *path = g_build_filename (cases, cs_case_get_id (kase) + strlen ("urn:uuid:"),
                                            "reports", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "grade 3", "grade 1", 0), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, &error));
}

/* The consultant's side, in folders of its own: the case received (the
 * same id and slide), a final opinion and one annotation by the
 * consultant, sent back without the slides: the package's path. */
static char *
write_reply (CsAnnotationFixture *fixture,
             CsCase              *sent,
             const char          *sha256,
             gboolean             tamper)
{
  g_autofree char *cases = g_build_filename (fixture->tmpdir, "consultant", "cases", NULL);
  g_autofree char *annotations = g_build_filename (fixture->tmpdir, "consultant", "annotations",
                                                   NULL);
  g_autofree char *data = cs_case_to_data (sent, NULL);
  g_autoptr(CsCaseStore) store = cs_case_store_new (cases);
  g_autoptr(CsCase) kase = NULL;
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) annotation_store = NULL;
  g_autoptr(CsAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageCreateOptions options = { 0 };
  char *path = g_build_filename (fixture->tmpdir, "reply.consilium", NULL);
  CsReport *report;

  g_assert_cmpint (g_mkdir_with_parents (cases, 0700), ==, 0);
  g_assert_true (cs_case_store_load (store, &error));
  kase = cs_case_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  cs_case_store_add (store, kase);

  annotation_store = cs_annotation_store_new (list, annotations, sha256);
  g_assert_true (cs_annotation_store_load (annotation_store, &error));
  g_assert_no_error (error);
  annotation = cs_test_annotations_rectangle (1200, 900, 200, 150, "Vessel with emboli",
                                              "Tumor", CONSULTANT);
  cs_annotation_list_add (list, annotation);
  g_assert_true (cs_annotation_store_close (annotation_store, &error));
  g_assert_no_error (error);

  report = cs_case_add_opinion (kase, CONSULTANT, "MD", "Mayo Clinic");
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text",
                                     "Invasive carcinoma of no special type, grade 3", &error));
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_AGREE, &error));
  cs_report_finalize (report, CONSULTANT, list, &error);
  g_assert_no_error (error);
  g_assert_true (cs_case_store_flush (store, &error));
  if (tamper)
    {
      g_autofree char *id = g_strdup (cs_case_get_id (kase));

      edit_report (cases, kase, report);
      g_clear_object (&kase);
      g_clear_object (&store);
      store = cs_case_store_new (cases);
      g_assert_true (cs_case_store_load (store, &error));
      kase = g_object_ref (cs_case_store_lookup (store, id));
    }

  options.kase = kase;
  options.annotation_directory = annotations;
  options.slide_mode = CS_PACKAGE_SLIDES_NONE;
  options.sender_name = CONSULTANT;
  options.sender_institution = "Mayo Clinic";
  options.message = "Grade 3: see the annotated vessel.";
  options.passphrase = PASSPHRASE2;
  g_assert_true (cs_package_create (&options, path, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The count on the result page's row @name; rows of zero are left out. */
static guint
count_row (CsPackageImportDialog *dialog,
           const char            *name)
{
  GtkWidget *row = cs_test_window_find_named (GTK_WIDGET (dialog), name);
  GtkWidget *label = row != NULL ? cs_test_window_find_named (row, "count") : NULL;

  if (row == NULL)
    return 0;
  g_assert_nonnull (label);
  return (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (label)), NULL, 10);
}

/* Opens @path as a user would (a file opened, dropped or named on the
 * command line), gives the passphrase, wrong first, and imports: the
 * dialog on its result page. The @first time, the import is cancelled
 * once on the way, and the pages are saved as screenshots. */
static CsPackageImportDialog *
import (CsAnnotationFixture *fixture,
        const char          *path,
        gboolean             first)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_pages = cs_window_get_n_pages (fixture->window);
  CsPackageImportDialog *dialog;
  GtkWidget *action;

  g_assert_null (cs_window_open (fixture->window, file));
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, n_pages);
  dialog = wait_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG);
  action = field (dialog, "import-action");
  wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "passphrase");
  g_assert_false (gtk_widget_get_sensitive (action));
  type_into (dialog, "import-passphrase", "wrong");
  g_signal_emit_by_name (action, "clicked");
  wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "passphrase");
  g_assert_true (gtk_widget_get_visible (
    cs_test_window_child (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "passphrase_error")));
  if (first)
    cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-passphrase.png");
  type_into (dialog, "import-passphrase", PASSPHRASE2);
  g_signal_emit_by_name (action, "clicked");
  wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "preview");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (field (dialog, "package-message"))),
                   ==, "Grade 3: see the annotated vessel.");
  cs_package_import_dialog_add_search_folder (dialog, fixture->tmpdir);
  if (first)
    {
      cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-preview.png");
      save_screenshot_at (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, NULL,
                          "package-import-preview-end.png");
      /* Cancelled while it is prepared: back to the preview, and again. */
      g_signal_emit_by_name (action, "clicked");
      g_signal_emit_by_name (cs_test_window_child (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG,
                                                   "cancel_button"), "clicked");
      wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "preview");
    }
  g_signal_emit_by_name (action, "clicked");
  wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "result");
  if (first)
    cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import.png");
  return dialog;
}

static gboolean
lists_title (GtkWidget  *widget,
             const char *title)
{
  GListModel *model;

  if (GTK_IS_DROP_DOWN (widget) && GTK_IS_STRING_LIST (model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget))))
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), title) == 0)
        return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (lists_title (child, title))
      return TRUE;
  return FALSE;
}

static void
check_replied (CsReportPane *pane,
               CsSlidePage  *page)
{
  GListModel *opinions = cs_case_get_opinions (cs_report_pane_get_case (pane));
  g_autofree char *title = g_strdup_printf ("%s — %s", CONSULTANT,
                                            cs_report_status_get_label (CS_REPORT_STATUS_FINAL));
  CsAnnotationList *list = cs_slide_page_get_annotation_list (page);
  guint n_consultant = 0;
  g_autoptr(CsReport) report = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (opinions), ==, 1);
  report = g_list_model_get_item (opinions, 0);
  g_assert_cmpstr (cs_report_get_text (report, "consultant.name"), ==, CONSULTANT);
  g_assert_cmpint (cs_report_get_status (report), ==, CS_REPORT_STATUS_FINAL);
  g_assert_false (cs_report_get_tampered (report));
  settle ();
  g_assert_true (lists_title (GTK_WIDGET (pane), title));

  /* At once in the open tab, the session's list: no restart. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      n_consultant += g_strcmp0 (cs_annotation_get_author (annotation), CONSULTANT) == 0;
    }
  g_assert_cmpuint (n_consultant, ==, 1);
  g_assert_cmpuint (cs_test_annotations_count (page), ==, 2);
}

/* (b) a consultant's reply opened from its file: the opinion, final and
 * trusted, in the pane; the annotation in the live list. Again: nothing
 * changes. */
static void
test_package_import (CsAnnotationFixture *fixture,
                     gconstpointer        data)
{
  g_autofree char *reply = NULL;
  CsPackageImportDialog *dialog;
  CsReportPane *pane;
  CsSlidePage *page;

  if ((page = start (fixture, &pane)) == NULL)
    return;
  reply = write_reply (fixture, cs_report_pane_get_case (pane),
                       cs_slide_page_get_annotation_sha256 (page), FALSE);

  dialog = import (fixture, reply, TRUE);
  g_assert_cmpuint (count_row (dialog, "opinions-added"), ==, 1);
  g_assert_cmpuint (count_row (dialog, "annotations-added"), ==, 1);
  g_assert_null (cs_test_window_find_named (GTK_WIDGET (dialog), "not-trusted"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  check_replied (pane, page);

  dialog = import (fixture, reply, FALSE);
  g_assert_cmpuint (count_row (dialog, "opinions-added"), ==, 0);
  g_assert_cmpuint (count_row (dialog, "opinions-updated"), ==, 0);
  g_assert_cmpuint (count_row (dialog, "opinions-unchanged"), ==, 1);
  g_assert_cmpuint (count_row (dialog, "annotations-added"), ==, 0);
  g_assert_cmpuint (count_row (dialog, "annotations-unchanged"), ==, 1);
  /* The slide, found where it is open already, is not opened twice. */
  g_assert_true (gtk_widget_get_visible (field (dialog, "open-slides")));
  g_signal_emit_by_name (field (dialog, "open-slides"), "clicked");
  g_assert_null (find_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG));
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 1);
  check_replied (pane, page);
}

/* A reply whose final opinion was changed after signing: imported, and
 * shown as not trusted; its slide opened from the result page. */
static void
test_package_tampered (CsAnnotationFixture *fixture,
                       gconstpointer        data)
{
  g_autofree char *reply = NULL;
  g_autoptr(CsReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  CsPackageImportDialog *dialog;
  CsReportPane *pane;
  CsSlidePage *page;

  if ((page = start (fixture, &pane)) == NULL)
    return;
  reply = write_reply (fixture, cs_report_pane_get_case (pane),
                       cs_slide_page_get_annotation_sha256 (page), TRUE);
  dialog = import (fixture, reply, FALSE);
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (dialog), "not-trusted"));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-tampered.png");
  report = g_list_model_get_item (cs_case_get_opinions (cs_report_pane_get_case (pane)), 0);
  g_assert_true (cs_report_get_tampered (report));

  /* Open Slides: the slide found, in a tab again once closed. */
  file = g_object_ref (cs_slide_page_get_file (page));
  cs_window_close_page (fixture->window, page);
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 0);
  g_signal_emit_by_name (field (dialog, "open-slides"), "clicked");
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 1);
  g_assert_true (g_file_equal (cs_slide_page_get_file (cs_window_get_nth_page (fixture->window, 0)),
                               file));
  g_assert_true (cs_test_wait_until (cs_test_window_page_settled,
                                     cs_window_get_nth_page (fixture->window, 0),
                                     CS_TEST_UI_TIMEOUT_MS));
}


/* A case of two slides, one in a tab, the other opened lately and closed:
 * both go as they are, the second found among the recent slides by its
 * cached identity. */
static void
test_package_recent (CsAnnotationFixture *fixture,
                     gconstpointer        data)
{
  g_autofree char *boxes = cs_test_shared_slide ("boxes.tiff");
  g_autofree char *path = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageExportDialog *dialog;
  CsSlidePage *second;
  CsReportPane *pane;
  CsCase *kase;

  if (start (fixture, &pane) == NULL)
    return;
  kase = cs_report_pane_get_case (pane);
  type_into (pane, "case.consult_accession", "CONS-26-00400");
  second = cs_test_annotations_open (fixture->window, boxes);
  g_assert_nonnull (cs_case_add_slide (kase, cs_slide_page_get_slide (second), &error));
  g_assert_no_error (error);
  cs_window_close_page (fixture->window, second);
  settle ();
  cs_test_window_choose_case (pane, "CONS-26-00400");
  settle ();
  g_assert_true (cs_report_pane_get_case (pane) == kase);
  g_assert_cmpuint (cs_case_get_n_slides (kase), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.send-case", NULL));
  dialog = wait_toplevel (CS_TYPE_PACKAGE_EXPORT_DIALOG);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (field (dialog, "slides-original")), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (field (dialog, "encrypt")), FALSE);
  g_assert_true (cs_test_wait_until (sensitive, field (dialog, "send"), CS_TEST_UI_TIMEOUT_MS));
  path = g_build_filename (fixture->tmpdir, "two slides.consilium", NULL);
  cs_package_export_dialog_send_to (dialog, path);
  wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "done");
  gtk_window_destroy (GTK_WINDOW (dialog));

  manifest = cs_package_inspect (path, NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (manifest->slides->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);

      g_assert_nonnull (slide->file);
      g_assert_false (slide->deidentified);
      g_assert_cmpstr (slide->sha256, ==, cs_case_get_slide (kase, i)->sha256);
    }
}

/* Whether @menu, its sections and submenus included, has an item for
 * @action. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);

      if ((g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
           g_strcmp0 (name, action) == 0) ||
          menu_has_action (section, action) || menu_has_action (submenu, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_menu_with (GtkWidget  *widget,
              const char *action)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), action);
}

static gboolean
class_has_action (GType       type,
                  const char *action)
{
  GtkWidgetClass *klass = g_type_class_peek (type);
  const GVariantType *parameter;
  const char *name, *property;
  GType owner;

  /* GTK 4.8 fills every out argument: none may be NULL. */
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter, &property);
       i++)
    if (g_str_equal (name, action))
      return TRUE;
  return FALSE;
}

/* The actions are installed and in the menus: import in the main menu, send in the
 * report pane's. */
static void
test_package_menus (CsAnnotationFixture *fixture,
                    gconstpointer        data)
{
  CsReportPane *pane;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  pane = show_report (fixture->window);
  g_assert_true (class_has_action (CS_TYPE_WINDOW, "win.import-package"));
  g_assert_true (class_has_action (CS_TYPE_REPORT_PANE, "report.send-case"));
  g_assert_nonnull (cs_test_window_find (GTK_WIDGET (fixture->window), is_menu_with,
                                         "win.import-package"));
  g_assert_nonnull (cs_test_window_find (GTK_WIDGET (pane), is_menu_with, "report.send-case"));
}

/* A file that is no package: the core's message, naming the file, and
 * nothing imported. */
static void
test_package_damaged (CsAnnotationFixture *fixture,
                      gconstpointer        data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "damaged.consilium", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CsPackageImportDialog *dialog;
  AdwStatusPage *page;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_true (g_file_set_contents (path, "PK\003\004 but no zip at all", -1, &error));
  g_assert_null (cs_window_open (fixture->window, file));
  dialog = wait_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG);
  wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "error");
  page = cs_test_window_child (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "error_page");
  g_test_message ("%s", adw_status_page_get_description (page));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "damaged.consilium"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "Nothing was imported."));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-error.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 0);
}

/* The suggested file name: the case's title, nothing that would make a
 * path or a hidden file of it. */
static void
test_package_file_name (void)
{
  const char *cases[][2] = {
    { "CONS-26-00321", "CONS-26-00321.consilium" },
    { "../A/B:C*", "-A-B-C-.consilium" },
    { " .hidden", "hidden.consilium" },
    { "Biopsie é\u012f", "Biopsie é\u012f.consilium" },
    { "  ", "Case.consilium" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsCase) kase = cs_case_new ();
      g_autofree char *name = NULL;

      cs_case_set_text (kase, "case.consult_accession", cases[i][0]);
      name = _cs_package_export_file_name (kase);
      g_assert_cmpstr (name, ==, cases[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/cs/window-package/file-name", test_package_file_name);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/send", test_package_send);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/import", test_package_import);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/tampered", test_package_tampered);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/recent", test_package_recent);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/damaged", test_package_damaged);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/menus", test_package_menus);

  return cs_test_window_run ();
}
