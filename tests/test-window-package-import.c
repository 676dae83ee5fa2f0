/* test-window-package-import.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-package-import"

#include "config.h"

#include "cs-annotation-store.h"
#include "cs-package.h"
#include "cs-settings.h"
#include "cs-test-package-ui.h"

#include <string.h>

/* Importing consult packages, driven as a user would: a consultant's reply
 * opened from its file (the passphrase asked for, wrong first; the
 * preview; cancelled once while prepared; the result), the opinion then
 * final and trusted in the report pane and the consultant's annotation in
 * the open tab's live list; imported again, nothing changes. A reply whose
 * opinion was changed after signing is shown not trusted, in the preview
 * already; one carrying an edit of the receiver's own annotation leaves
 * theirs, says so, and its opinion, activated on the result page, is
 * shown in the report pane; a damaged file gives the core's message.
 * Every page fits a 360 px window. With CS_SCREENSHOT_DIR set, the
 * dialog's pages are saved there, at that width too. Needs a display
 * (Xvfb) and the shared slides. */

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
             gboolean             tamper,
             CsAnnotation        *edited)
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
  if (edited != NULL)
    cs_annotation_list_add (list, edited);
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

/* The sender's case of the open slide, and the consultant's reply to it
 * in *@reply; NULL (skipped) without a display or the shared slides. */
static CsSlidePage *
start_reply (CsAnnotationFixture  *fixture,
             gboolean              tamper,
             CsReportPane        **pane,
             char                **reply)
{
  CsSlidePage *page = cs_test_pkg_start (fixture, pane);

  if (page != NULL)
    *reply = write_reply (fixture, cs_report_pane_get_case (*pane),
                          cs_slide_page_get_annotation_sha256 (page), tamper, NULL);
  return page;
}

/* How many widgets below @widget are named @name. */
static guint
count_named (GtkWidget  *widget,
             const char *name)
{
  guint count = g_strcmp0 (gtk_widget_get_name (widget), name) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_named (child, name);
  return count;
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
        gboolean             first,
        gboolean             tampered)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_pages = cs_window_get_n_pages (fixture->window);
  CsPackageImportDialog *dialog;
  GtkWidget *action;
  GtkWidget *row;

  g_assert_null (cs_window_open (fixture->window, file));
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, n_pages);
  dialog = cs_test_pkg_wait_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG);
  action = cs_test_pkg_field (dialog, "import-action");
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "passphrase");
  g_assert_false (gtk_widget_get_sensitive (action));
  cs_test_pkg_type_into (dialog, "import-passphrase", "wrong");
  g_signal_emit_by_name (action, "clicked");
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "passphrase");
  g_assert_true (gtk_widget_get_visible (
    cs_test_window_child (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "passphrase_error")));
  if (first)
    {
      cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-passphrase.png");
      cs_test_pkg_narrow (dialog, "package-import-passphrase-narrow.png");
    }
  cs_test_pkg_type_into (dialog, "import-passphrase", PASSPHRASE2);
  g_signal_emit_by_name (action, "clicked");
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "preview");
  row = cs_test_pkg_field (dialog, "package-message");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                   ==, "Grade 3: see the annotated vessel.");
  cs_package_import_dialog_add_search_folder (dialog, fixture->tmpdir);
  /* Trust is shown before importing: the package verified in the
   * preview's worker. */
  g_assert_cmpuint (count_named (GTK_WIDGET (dialog), "opinion-not-trusted"), ==, tampered);
  if (tampered)
    cs_test_pkg_screenshot_at (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG,
                               cs_test_window_find_named (GTK_WIDGET (dialog),
                                                          "opinion-not-trusted"),
                               "package-import-preview-tampered.png");
  if (first)
    {
      cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-preview.png");
      cs_test_pkg_narrow (dialog, "package-import-preview-narrow.png");
      cs_test_pkg_screenshot_at (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, NULL,
                                 "package-import-preview-end.png");
      /* Cancelled while it is prepared: back to the preview, and again. */
      g_signal_emit_by_name (action, "clicked");
      g_signal_emit_by_name (cs_test_window_child (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG,
                                                   "cancel_button"), "clicked");
      cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "preview");
    }
  g_signal_emit_by_name (action, "clicked");
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "result");
  if (first)
    {
      cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import.png");
      cs_test_pkg_narrow (dialog, "package-import-narrow.png");
    }
  return dialog;
}

static gboolean
lists_title (GtkWidget  *widget,
             const char *title)
{
  GListModel *model;

  model = GTK_IS_DROP_DOWN (widget) ? gtk_drop_down_get_model (GTK_DROP_DOWN (widget)) : NULL;
  if (GTK_IS_STRING_LIST (model))
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
  cs_test_pkg_settle ();
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
  g_autofree char *title = g_strdup_printf ("%s — %s, added", CONSULTANT,
                                            cs_report_status_get_label (CS_REPORT_STATUS_FINAL));
  CsPackageImportDialog *dialog;
  CsReportPane *pane;
  CsSlidePage *page;
  GtkWidget *row;

  if ((page = start_reply (fixture, FALSE, &pane, &reply)) == NULL)
    return;

  dialog = import (fixture, reply, TRUE, FALSE);
  g_assert_cmpuint (count_named (GTK_WIDGET (dialog), "opinion-added"), ==, 1);
  g_assert_cmpuint (count_named (GTK_WIDGET (dialog), "opinion-updated"), ==, 0);
  row = cs_test_window_find_named (GTK_WIDGET (dialog), "opinion-added");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpuint (count_row (dialog, "annotations-added"), ==, 1);
  g_assert_null (cs_test_window_find_named (GTK_WIDGET (dialog), "not-trusted"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  check_replied (pane, page);

  dialog = import (fixture, reply, FALSE, FALSE);
  g_assert_cmpuint (count_named (GTK_WIDGET (dialog), "opinion-added"), ==, 0);
  g_assert_cmpuint (count_named (GTK_WIDGET (dialog), "opinion-updated"), ==, 0);
  g_assert_cmpuint (count_row (dialog, "opinions-unchanged"), ==, 1);
  g_assert_cmpuint (count_row (dialog, "annotations-added"), ==, 0);
  g_assert_cmpuint (count_row (dialog, "annotations-unchanged"), ==, 1);
  /* The slide, found where it is open already, is not opened twice. */
  g_assert_true (gtk_widget_get_visible (cs_test_pkg_field (dialog, "open-slides")));
  g_signal_emit_by_name (cs_test_pkg_field (dialog, "open-slides"), "clicked");
  g_assert_null (cs_test_pkg_find_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG));
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

  if ((page = start_reply (fixture, TRUE, &pane, &reply)) == NULL)
    return;
  dialog = import (fixture, reply, FALSE, TRUE);
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (dialog), "not-trusted"));
  /* Prominent in the list of opinions too. */
  g_assert_true (gtk_widget_has_css_class (
    cs_test_window_find_named (GTK_WIDGET (dialog), "opinion-added"), "error"));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-tampered.png");
  cs_test_pkg_narrow (dialog, "package-import-tampered-narrow.png");
  report = g_list_model_get_item (cs_case_get_opinions (cs_report_pane_get_case (pane)), 0);
  g_assert_true (cs_report_get_tampered (report));

  /* Open Slides: the slide found, in a tab again once closed. */
  file = g_object_ref (cs_slide_page_get_file (page));
  cs_window_close_page (fixture->window, page);
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 0);
  g_signal_emit_by_name (cs_test_pkg_field (dialog, "open-slides"), "clicked");
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 1);
  g_assert_true (g_file_equal (cs_slide_page_get_file (cs_window_get_nth_page (fixture->window, 0)),
                               file));
  g_assert_true (cs_test_wait_until (cs_test_window_page_settled,
                                     cs_window_get_nth_page (fixture->window, 0),
                                     CS_TEST_UI_TIMEOUT_MS));
}


static gboolean
pane_shows (gpointer data)
{
  gpointer *args = data;
  CsReport *report = cs_report_pane_get_report (args[0]);

  return report != NULL && g_strcmp0 (cs_report_get_id (report), args[1]) == 0;
}

/* The receiver's own annotation, edited later in the package (same id,
 * same author): theirs is kept, and the result page says so. The
 * receiver's case holds a draft of theirs, shown first; the opinion
 * received, activated on the result page, is shown in the pane at once,
 * its slide's tab opened again. */
static void
test_package_own_annotation (CsAnnotationFixture *fixture,
                             gconstpointer        data)
{
  g_autofree char *reply = NULL;
  g_autoptr(CsAnnotation) own = NULL;
  g_autoptr(CsAnnotation) edited = NULL;
  g_autoptr(CsReport) received = NULL;
  CsPackageImportDialog *dialog;
  CsReportPane *pane;
  CsSlidePage *page;
  CsCase *kase;
  GtkWidget *warnings;
  gpointer args[2];

  if ((page = cs_test_pkg_start (fixture, &pane)) == NULL)
    return;
  if (cs_settings_get_default () == NULL)
    {
      g_test_skip ("the settings schema is absent");
      return;
    }
  g_settings_set_string (cs_settings_get_default (), "annotation-author", SENDER);
  own = g_list_model_get_item (G_LIST_MODEL (cs_slide_page_get_annotation_list (page)), 0);
  g_assert_cmpstr (cs_annotation_get_author (own), ==, SENDER);
  edited = cs_annotation_copy (own);
  cs_annotation_set_name (edited, "Emboli, edited by the consultant");
  cs_annotation_set_modified (edited, cs_annotation_get_modified (own) + G_USEC_PER_SEC);
  kase = cs_report_pane_get_case (pane);
  reply = write_reply (fixture, kase, cs_slide_page_get_annotation_sha256 (page), FALSE, edited);
  cs_case_add_opinion (kase, SENDER, "MD", "Royal Infirmary");

  dialog = import (fixture, reply, FALSE, FALSE);
  g_settings_reset (cs_settings_get_default (), "annotation-author");
  g_assert_cmpstr (cs_annotation_get_name (cs_annotation_list_lookup (
                     cs_slide_page_get_annotation_list (page), cs_annotation_get_id (own))),
                   ==, "Emboli");
  warnings = cs_test_window_find_named (GTK_WIDGET (dialog), "warnings");
  g_assert_nonnull (warnings);
  g_assert_cmpuint (count_row (dialog, "annotations-added"), ==, 1);
  g_assert_cmpuint (count_row (dialog, "annotations-updated"), ==, 0);
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-own.png");

  /* The opinion received, read at once: its tab (closed) opened again. */
  received = g_list_model_get_item (cs_case_get_opinions (kase), 1);
  g_assert_cmpstr (cs_report_get_text (received, "consultant.name"), ==, CONSULTANT);
  cs_window_close_page (fixture->window, page);
  g_signal_emit_by_name (cs_test_window_find_named (GTK_WIDGET (dialog), "opinion-added"),
                         "activated");
  g_assert_null (cs_test_pkg_find_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG));
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 1);
  args[0] = pane;
  args[1] = (gpointer) cs_report_get_id (received);
  g_assert_true (cs_test_wait_until (pane_shows, args, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_report_pane_get_case (pane) == kase);
  g_assert_true (cs_test_wait_until (cs_test_window_page_settled,
                                     cs_window_get_nth_page (fixture->window, 0),
                                     CS_TEST_UI_TIMEOUT_MS));
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
  dialog = cs_test_pkg_wait_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG);
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "error");
  page = cs_test_window_child (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "error_page");
  g_test_message ("%s", adw_status_page_get_description (page));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "damaged.consilium"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "Nothing was imported."));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-import-error.png");
  cs_test_pkg_narrow (dialog, "package-import-error-narrow.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  CS_TEST_ANNOTATION_ADD ("/cs/window-package-import/import", test_package_import);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package-import/tampered", test_package_tampered);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package-import/own-annotation",
                          test_package_own_annotation);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package-import/damaged", test_package_damaged);

  return cs_test_window_run ();
}
