/* test-window-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-package"

#include "config.h"

#include "cs-cases.h"
#include "cs-package-export-private.h"
#include "cs-package.h"
#include "cs-test-package-ui.h"
#include "cs-test-package.h"

#include <string.h>

/* Sending a case as a consult package, driven as a user would: the case
 * of the open slide sent (report.send-case: the dialog's fields filled,
 * the package written with a passphrase and de-identified slides, its
 * summary with each slide's de-identification, the file read back and
 * previewed), a case's second slide found among the recent ones, a
 * signed opinion naming the original slide (the error says what to do),
 * the suggested file name, the menus. With CS_SCREENSHOT_DIR set, the
 * dialog's pages are saved there. Needs a display (Xvfb) and the shared
 * slides. */

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
  dialog = cs_test_pkg_wait_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG);
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "passphrase");
  cs_test_pkg_type_into (dialog, "import-passphrase", PASSPHRASE);
  g_signal_emit_by_name (cs_test_pkg_field (dialog, "import-action"), "clicked");
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, "preview");
  row = cs_test_pkg_field (dialog, "slide-folder");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, folder);
  cs_test_window_save_screenshot (dialog, "package-import-preview-slides.png");
  cs_test_pkg_screenshot_at (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, NULL,
                             "package-import-preview-slides-end.png");
  cs_test_pkg_narrow (dialog, "package-import-preview-slides-narrow.png");
  cs_test_pkg_narrow_at (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG, row,
                         "package-import-preview-slides-narrow-folder.png");
  g_signal_emit_by_name (cs_test_window_child (dialog, CS_TYPE_PACKAGE_IMPORT_DIALOG,
                                               "cancel_button"), "clicked");
  g_assert_null (cs_test_pkg_find_toplevel (CS_TYPE_PACKAGE_IMPORT_DIALOG));
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

  if (cs_test_pkg_start (fixture, &pane) == NULL)
    return;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.send-case", NULL));
  dialog = cs_test_pkg_wait_toplevel (CS_TYPE_PACKAGE_EXPORT_DIALOG);
  cs_test_pkg_type_into (dialog, "sender-name", SENDER);
  cs_test_pkg_type_into (dialog, "sender-institution", "Royal Infirmary");
  cs_test_pkg_type_into (dialog, "message", "The second block is on its way.");
  g_assert_true (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (cs_test_pkg_field (dialog, "slides-deidentified"))));
  send = cs_test_pkg_field (dialog, "send");
  /* Encrypted by default: no passphrase, or two that differ, send nothing. */
  g_assert_false (gtk_widget_get_sensitive (send));
  cs_test_pkg_type_into (dialog, "passphrase", PASSPHRASE);
  cs_test_pkg_type_into (dialog, "passphrase-confirm", "correct horse");
  g_assert_false (gtk_widget_get_sensitive (send));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-send-form.png");
  cs_test_pkg_screenshot_at (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, NULL,
                             "package-send-form-end.png");
  cs_test_pkg_type_into (dialog, "passphrase-confirm", PASSPHRASE);
  g_assert_true (cs_test_wait_until (cs_test_pkg_sensitive, send, CS_TEST_UI_TIMEOUT_MS));

  path = g_build_filename (fixture->tmpdir, "CONS-26-00321.consilium", NULL);
  /* Cancelled at once: the form again, and no file, not even a partial
   * one beside it. */
  cs_package_export_dialog_send_to (dialog, path);
  g_signal_emit_by_name (cs_test_window_child (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG,
                                               "cancel_button"), "clicked");
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "form");
  left = cs_test_package_list_dir (fixture->tmpdir);
  g_assert_cmpuint (g_strv_length (left), ==, 0);

  cs_package_export_dialog_send_to (dialog, path);
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "done");
  check_sent (path, cs_report_pane_get_case (pane));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cs_test_pkg_field (dialog, "passphrase"))),
                   ==, "");
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (dialog), "deidentify-summary"));
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (dialog), "package-path"));
  g_assert_nonnull (cs_test_window_find_named (GTK_WIDGET (dialog), "show-package"));
  /* Tall enough for the summary and the first slide's de-identification. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 1180);
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-send.png");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 720);
  cs_test_pkg_screenshot_at (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG,
                             cs_test_window_find_named (GTK_WIDGET (dialog), "deidentify-summary"),
                             "package-send-deidentified.png");
  cs_test_pkg_narrow (dialog, "package-send-narrow.png");
  cs_test_pkg_narrow_at (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG,
                         cs_test_window_find_named (GTK_WIDGET (dialog), "deidentify-summary"),
                         "package-send-deidentified-narrow.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  preview_sent (fixture, path);
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

  if (cs_test_pkg_start (fixture, &pane) == NULL)
    return;
  kase = cs_report_pane_get_case (pane);
  cs_test_pkg_type_into (pane, "case.consult_accession", "CONS-26-00400");
  second = cs_test_annotations_open (fixture->window, boxes);
  g_assert_nonnull (cs_case_add_slide (kase, cs_slide_page_get_slide (second), &error));
  g_assert_no_error (error);
  cs_window_close_page (fixture->window, second);
  cs_test_pkg_settle ();
  cs_test_window_choose_case (pane, "CONS-26-00400");
  cs_test_pkg_settle ();
  g_assert_true (cs_report_pane_get_case (pane) == kase);
  g_assert_cmpuint (cs_case_get_n_slides (kase), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.send-case", NULL));
  dialog = cs_test_pkg_wait_toplevel (CS_TYPE_PACKAGE_EXPORT_DIALOG);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cs_test_pkg_field (dialog, "slides-original")),
                               TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (cs_test_pkg_field (dialog, "encrypt")),
                                         FALSE);
  g_assert_true (cs_test_wait_until (cs_test_pkg_sensitive, cs_test_pkg_field (dialog, "send"),
                                     CS_TEST_UI_TIMEOUT_MS));
  path = g_build_filename (fixture->tmpdir, "two slides.consilium", NULL);
  cs_package_export_dialog_send_to (dialog, path);
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "done");
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

/* A signed opinion naming the original slide stops a de-identified send:
 * the error page says what to do, in full, at the default width and a
 * narrow one; back on the form, "Not included" sends it. The case has a
 * long title, which the pages wrap. */
static void
test_package_signed_original (CsAnnotationFixture *fixture,
                              gconstpointer        data)
{
  const char *title = "CONS-2026-000321-ROYAL-INFIRMARY-OF-EDINBURGH-BREAST-SECOND-OPINION";
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CsPackageExportDialog *dialog;
  AdwStatusPage *error_page;
  const char *text;
  CsReportPane *pane;
  CsSlidePage *page;
  CsReport *report;

  if ((page = cs_test_pkg_start (fixture, &pane)) == NULL)
    return;
  cs_test_pkg_type_into (pane, "case.consult_accession", title);
  report = cs_case_add_opinion (cs_report_pane_get_case (pane), SENDER, "MD", "Royal Infirmary");
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text", "Invasive carcinoma", &error));
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_AGREE, &error));
  g_assert_true (cs_report_finalize (report, SENDER, cs_slide_page_get_annotation_list (page),
                                     &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "report.send-case", NULL));
  dialog = cs_test_pkg_wait_toplevel (CS_TYPE_PACKAGE_EXPORT_DIALOG);
  g_assert_true (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (cs_test_pkg_field (dialog, "slides-deidentified"))));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (cs_test_pkg_field (dialog, "encrypt")),
                                         FALSE);
  g_assert_true (cs_test_wait_until (cs_test_pkg_sensitive, cs_test_pkg_field (dialog, "send"),
                                     CS_TEST_UI_TIMEOUT_MS));
  cs_test_pkg_narrow (dialog, "package-send-form-narrow.png");
  path = g_build_filename (fixture->tmpdir, "signed.consilium", NULL);
  cs_package_export_dialog_send_to (dialog, path);
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "error");
  error_page = cs_test_window_child (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "error_page");
  text = adw_status_page_get_description (error_page);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, SENDER));
  g_assert_nonnull (strstr (text, "“Not included”"));
  g_assert_nonnull (strstr (text, "amend"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-send-signed-original.png");
  cs_test_pkg_narrow (dialog, "package-send-signed-original-narrow.png");

  /* Back, as the page says: "Not included" sends it. */
  g_signal_emit_by_name (cs_test_window_child (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG,
                                               "cancel_button"), "clicked");
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "form");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cs_test_pkg_field (dialog, "slides-none")), TRUE);
  cs_package_export_dialog_send_to (dialog, path);
  cs_test_pkg_wait_page (dialog, CS_TYPE_PACKAGE_EXPORT_DIALOG, "done");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "package-send-done-long-title.png");
  cs_test_pkg_narrow (dialog, "package-send-done-narrow.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
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

  pane = cs_test_pkg_show_report (fixture->window);
  g_assert_true (class_has_action (CS_TYPE_WINDOW, "win.import-package"));
  g_assert_true (class_has_action (CS_TYPE_REPORT_PANE, "report.send-case"));
  g_assert_nonnull (cs_test_window_find (GTK_WIDGET (fixture->window), is_menu_with,
                                         "win.import-package"));
  g_assert_nonnull (cs_test_window_find (GTK_WIDGET (pane), is_menu_with, "report.send-case"));
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
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/recent", test_package_recent);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/signed-original", test_package_signed_original);
  CS_TEST_ANNOTATION_ADD ("/cs/window-package/menus", test_package_menus);

  return cs_test_window_run ();
}
