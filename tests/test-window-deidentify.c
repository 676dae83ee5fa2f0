/* test-window-deidentify.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-deidentify"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-cases.h"
#include "cs-deidentify-summary.h"
#include "cs-test-slide.h"
#include "cs-test-window.h"

/* win.deidentify on real slides: the chooser suggests a neutral name and
 * refuses the original; the copy of CMU-1-Small-Region.svs is written and
 * summarised (label and macro removed, shown before, hidden in privacy
 * mode; identifying fields; the verification), and opens in a new tab
 * with no label or macro; a format that cannot be de-identified safely is
 * refused with nothing written; cancelling, or closing the tab, leaves
 * nothing. Needs a display (Xvfb). With CS_SCREENSHOT_DIR set, the summary
 * is saved there as deidentify-summary.png. */

typedef struct
{
  CsWindow    *window;
  CsSlidePage *page;
  char        *tmpdir;
  char        *out;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  fixture->tmpdir = cs_test_make_tmpdir ();
  fixture->out = g_build_filename (fixture->tmpdir, "deidentified.svs", NULL);
  fixture->window = cs_test_window_new (NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  cs_test_ui_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->out, g_free);
}

static gboolean
dialog_settled (gpointer data)
{
  const char *state = cs_deidentify_dialog_get_state (data);

  return g_str_equal (state, "done") || g_str_equal (state, "failed");
}

static CsDeidentifyDialog *
deidentify (Fixture *fixture)
{
  CsDeidentifyDialog *dialog = cs_window_deidentify (fixture->window, fixture->out);

  g_assert_nonnull (dialog);
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "working");
  /* One copy at a time. */
  g_assert_null (cs_window_deidentify (fixture->window, fixture->out));
  g_assert_true (cs_test_wait_until (dialog_settled, dialog, CS_TEST_UI_TIMEOUT_MS));

  return dialog;
}

static void
click (CsDeidentifyDialog *dialog,
       const char         *name)
{
  GtkWidget *button = cs_test_window_find_named (GTK_WIDGET (dialog), name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
row (CsDeidentifyDialog *dialog,
     const char         *name)
{
  GtkWidget *summary = GTK_WIDGET (cs_deidentify_dialog_get_summary (dialog));
  GtkWidget *widget = cs_test_window_find_named (summary, name);

  if (widget == NULL)
    g_error ("no row %s in the summary", name);
  g_assert_true (ADW_IS_ACTION_ROW (widget));
  g_assert_true (gtk_widget_get_mapped (widget));
  return widget;
}

static const char *
row_title (GtkWidget *widget)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
}

static const char *
row_subtitle (GtkWidget *widget)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
}

static const char *
row_state (GtkWidget *widget)
{
  GtkWidget *label = cs_test_window_find_named (widget, "state");

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
has_preview (gpointer data)
{
  return cs_test_window_find_named (data, "preview") != NULL;
}

/* The summary rebuilds its rows when the previews arrive, so the label's
 * row is looked up anew each time, never held across the wait. */
static gboolean
label_has_preview (gpointer data)
{
  return has_preview (row (data, "image-label"));
}

/* Scrolls the summary to its end (for screenshots of the verification). */
static void
scroll_to_end (CsDeidentifyDialog *dialog)
{
  GtkWidget *scroller = cs_test_window_find_named (GTK_WIDGET (dialog), "scroller");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  /* Once laid out: the page fades in. */
  cs_test_wait_until (cs_test_window_never, NULL, 400);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
assert_removed (CsDeidentifyDialog *dialog,
                const char         *name,
                const char         *title,
                const char         *subtitle)
{
  GtkWidget *widget = row (dialog, name);

  g_assert_cmpstr (row_title (widget), ==, title);
  g_assert_cmpstr (row_subtitle (widget), ==, subtitle);
  g_assert_cmpstr (row_state (widget), ==, "Removed");
}

static void
assert_summary (CsDeidentifyDialog *dialog)
{
  /* Before: what the original carried; after: removed or kept. */
  assert_removed (dialog, "image-label", "Label", "387 × 463 pixels");
  assert_removed (dialog, "image-macro", "Macro", "1280 × 431 pixels");
  g_assert_cmpstr (row_state (row (dialog, "image-thumbnail")), ==, "Kept");
  assert_removed (dialog, "field-Filename", "Filename", "CMU-1");
  assert_removed (dialog, "field-ScanScope ID", "ScanScope ID", "CPAPERIOCS");
  assert_removed (dialog, "field-Date", "Date", "12/29/09");
  assert_removed (dialog, "field-Time", "Time", "09:59:15");
  assert_removed (dialog, "field-User", "User", "b414003d-95c6-48b0-9369-8010ed517ba7");
  assert_removed (dialog, "field-ImageID", "ImageID", "1004486");
  g_assert_nonnull (row (dialog, "tag-none"));

  g_assert_cmpstr (row_title (row (dialog, "verify-levels")), ==, "1 pyramid level copied");
  g_assert_cmpstr (row_title (row (dialog, "verify-regions")), ==,
                   "5 regions with identical pixels");
  g_assert_cmpstr (row_title (row (dialog, "verify-images")), ==,
                   "No label or macro image in the copy");
  g_assert_cmpstr (row_title (row (dialog, "verify-bytes")), ==,
                   "None of the removed values found in the copy");
  g_assert_null (cs_test_window_find_named (GTK_WIDGET (dialog), "verify-unreliable"));
}

/* The copy opens without label or macro, with its thumbnail. */
static void
assert_copy_clean (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) copy = cs_slide_new (path, &error);
  const char * const *names;

  g_assert_no_error (error);
  names = cs_slide_get_associated_names (copy);
  g_assert_false (g_strv_contains (names, "label"));
  g_assert_false (g_strv_contains (names, "macro"));
  g_assert_true (g_strv_contains (names, "thumbnail"));
  g_assert_cmpstr (cs_slide_get_vendor (copy), ==, "aperio");
}

static void
test_deidentify_summary (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) out = NULL;
  CsDeidentifySummary *summary;
  CsDeidentifyDialog *dialog;
  CsSlidePage *page;
  gpointer weak;

  CS_TEST_SHARED_SLIDE_OR_SKIP (slide, "CMU-1-Small-Region.svs");
  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  fixture->page = cs_test_window_open (fixture->window, slide);
  g_assert_cmpint (cs_slide_page_get_state (fixture->page), ==, CS_SLIDE_PAGE_READY);
  dialog = deidentify (fixture);
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "done");
  assert_summary (dialog);
  assert_copy_clean (fixture->out);

  /* The label and macro the original had, shown as they were... */
  g_assert_true (cs_test_wait_until (label_has_preview, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (has_preview (row (dialog, "image-macro")));
  g_assert_true (has_preview (row (dialog, "image-thumbnail")));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "deidentify-summary.png");
  scroll_to_end (dialog);
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "deidentify-summary-end.png");

  /* ...but not in privacy mode: hidden, with a note. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    cs_test_window_find_named (GTK_WIDGET (dialog), "scroller"))), 0);
  cs_test_window_activate (fixture->window, "win.privacy-mode", NULL);
  summary = cs_deidentify_dialog_get_summary (dialog);
  g_assert_true (cs_deidentify_summary_get_privacy_mode (summary));
  g_assert_false (has_preview (row (dialog, "image-label")));
  g_assert_false (has_preview (row (dialog, "image-macro")));
  g_assert_nonnull (cs_test_window_find_named (row (dialog, "image-label"), "privacy-hidden"));
  g_assert_true (has_preview (row (dialog, "image-thumbnail")));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "deidentify-summary-privacy.png");
  cs_test_window_activate (fixture->window, "win.privacy-mode", NULL);

  /* Open Copy: the copy in a new tab, the dialog gone. */
  weak = dialog;
  g_object_add_weak_pointer (weak, &weak);
  click (dialog, "open-copy");
  g_assert_true (cs_test_wait_until (cs_test_ui_is_null, &weak, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (cs_window_get_n_pages (fixture->window), ==, 2);
  out = g_file_new_for_path (fixture->out);
  page = cs_window_get_selected_page (fixture->window);
  g_assert_true (g_file_equal (cs_slide_page_get_file (page), out));
}

/* The files in @dir, none when a copy was refused or cancelled. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static gboolean
dir_is_empty (gpointer dir)
{
  return count_files (dir) == 0;
}

static gboolean
row_has_text (GtkWidget  *widget,
              const char *text)
{
  return ADW_IS_ACTION_ROW (widget) && strstr (row_subtitle (widget) ? row_subtitle (widget) : "",
                                               text) != NULL;
}

/* A generic TIFF: no description fields, and the levels OpenSlide cannot
 * read reliably explained. */
static void
test_deidentify_generic_tiff (Fixture       *fixture,
                              gconstpointer  data)
{
  CsDeidentifyDialog *dialog;
  GtkWidget *unreliable;

  CS_TEST_SHARED_SLIDE_OR_SKIP (slide, "boxes.tiff");
  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_free (fixture->out);
  fixture->out = g_build_filename (fixture->tmpdir, "deidentified.tiff", NULL);
  fixture->page = cs_test_window_open (fixture->window, slide);
  dialog = deidentify (fixture);
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "done");
  g_assert_true (g_file_test (fixture->out, G_FILE_TEST_IS_REGULAR));

  g_assert_nonnull (row (dialog, "image-none"));
  g_assert_nonnull (row (dialog, "tag-none"));
  g_assert_false (gtk_widget_get_mapped (cs_test_window_find_named (GTK_WIDGET (dialog),
                                                                    "field-none")));
  g_assert_cmpstr (row_title (row (dialog, "verify-levels")), ==, "4 pyramid levels copied");
  unreliable = row (dialog, "verify-unreliable");
  g_assert_cmpstr (row_title (unreliable), ==, "2 levels copied but not compared");
  g_assert_true (row_has_text (unreliable, "copied unchanged"));
  scroll_to_end (dialog);
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "deidentify-summary-generic.png");
}

/* A format that cannot be de-identified safely: refused, nothing written.
 * No slide in ../shared/slides opens with another vendor (README), and a
 * synthetic Philips TIFF does not open in OpenSlide 3.4.1: a plain striped
 * TIFF, which Consilium shows as an image, stands for them. */
static void
test_deidentify_unsupported (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *slide = NULL;
  g_autofree char *dir = NULL;
  CsDeidentifyDialog *dialog;
  GtkWidget *status;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  dir = cs_test_make_tmpdir ();
  slide = cs_test_write_stripped_tiff (dir, "scan.tif", 640, 480, &error);
  g_assert_no_error (error);
  fixture->page = cs_test_window_open (fixture->window, slide);
  g_assert_cmpint (cs_slide_page_get_state (fixture->page), ==, CS_SLIDE_PAGE_READY);
  g_assert_true (cs_slide_is_raster (cs_slide_page_get_slide (fixture->page)));

  dialog = deidentify (fixture);
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "failed");
  status = cs_test_window_find_named (GTK_WIDGET (dialog), "failed-page");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "This Slide Cannot Be De-identified");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "Nothing was written."));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "scan.tif"));
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 0);
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "deidentify-refused.png");

  click (dialog, "failed-close");
  cs_test_remove_tree (dir);
}

/* The slide itself as the copy: refused before anything is written. */
static void
test_deidentify_same_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  CsDeidentifyDialog *dialog;

  CS_TEST_SHARED_SLIDE_OR_SKIP (slide, "small.svs");
  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_true (g_file_get_contents (slide, &before, &before_len, NULL));
  fixture->page = cs_test_window_open (fixture->window, slide);
  g_free (fixture->out);
  fixture->out = g_strdup (slide);
  dialog = deidentify (fixture);
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "failed");
  g_assert_true (g_file_get_contents (slide, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* Cancel at once: the dialog says so until the worker has stopped, then
 * closes; nothing is left, and a new copy can be made. */
static void
test_deidentify_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  CsDeidentifyDialog *dialog;
  gpointer weak;

  CS_TEST_SHARED_SLIDE_OR_SKIP (slide, "CMU-1-Small-Region.svs");
  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  fixture->page = cs_test_window_open (fixture->window, slide);
  dialog = cs_window_deidentify (fixture->window, fixture->out);
  g_assert_nonnull (dialog);
  weak = dialog;
  g_object_add_weak_pointer (weak, &weak);
  click (dialog, "cancel");
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "cancelling");
  g_assert_false (gtk_widget_get_sensitive (cs_test_window_find_named (GTK_WIDGET (dialog),
                                                                       "cancel")));
  g_assert_true (cs_test_wait_until (cs_test_ui_is_null, &weak, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 0);

  dialog = deidentify (fixture);
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "done");
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 1);
}

/* Closing the tab, or the window, while the copy is written cancels it. */
static void
test_deidentify_close (Fixture       *fixture,
                       gconstpointer  data)
{
  gpointer weak, window;

  CS_TEST_SHARED_SLIDE_OR_SKIP (slide, "CMU-1-Small-Region.svs");
  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  fixture->page = cs_test_window_open (fixture->window, slide);
  weak = cs_window_deidentify (fixture->window, fixture->out);
  g_assert_nonnull (weak);
  g_object_add_weak_pointer (weak, &weak);
  cs_window_close_page (fixture->window, fixture->page);
  g_assert_true (cs_test_wait_until (cs_test_ui_is_null, &weak, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 0);

  fixture->page = cs_test_window_open (fixture->window, slide);
  weak = cs_window_deidentify (fixture->window, fixture->out);
  g_assert_nonnull (weak);
  g_object_add_weak_pointer (weak, &weak);
  /* The window goes at once, its dialog with it; its worker finishes in
   * the background, and cleans up. */
  window = g_steal_pointer (&fixture->window);
  g_object_add_weak_pointer (window, &window);
  gtk_window_close (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_true (cs_test_wait_until (cs_test_ui_is_null, &window, CS_TEST_UI_TIMEOUT_MS));
  g_assert_null (weak);
  g_assert_true (cs_test_wait_until (dir_is_empty, fixture->tmpdir, CS_TEST_UI_TIMEOUT_MS));
  fixture->window = cs_test_window_new (NULL);
}

/* The progress page, on its own: Cancel turns it into "Cancelling…" until
 * the owner destroys it; closing it while working cancels too. */
static void
test_deidentify_progress (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) other = g_cancellable_new ();
  CsDeidentifyDialog *dialog;
  gpointer weak;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  dialog = cs_deidentify_dialog_new (GTK_WINDOW (fixture->window), cancellable);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "working");
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "deidentify-progress.png");
  click (dialog, "cancel");
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpstr (cs_deidentify_dialog_get_state (dialog), ==, "cancelling");
  g_assert_false (gtk_widget_get_sensitive (cs_test_window_find_named (GTK_WIDGET (dialog),
                                                                       "cancel")));
  cs_test_window_save_screenshot (GTK_WIDGET (dialog), "deidentify-cancelling.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = cs_deidentify_dialog_new (GTK_WINDOW (fixture->window), other);
  weak = dialog;
  g_object_add_weak_pointer (weak, &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (g_cancellable_is_cancelled (other));
  g_assert_true (cs_test_wait_until (cs_test_ui_is_null, &weak, CS_TEST_UI_TIMEOUT_MS));
}

static GtkWidget *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

static char *
suggested_name (CsWindow *window)
{
  GtkWidget *chooser;
  char *name;

  cs_test_window_activate (window, "win.deidentify", NULL);
  g_assert_true (cs_test_wait_until (chooser_shown, NULL, CS_TEST_UI_TIMEOUT_MS));
  chooser = find_chooser ();
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_null (find_chooser ());

  return name;
}

/* The chooser suggests a neutral name with the slide's extension, or the
 * slide's id in its case, never the original's name. */
static void
test_deidentify_chooser (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *case_name = NULL;
  CsSlide *original;
  CS_TEST_SHARED_SLIDE_OR_SKIP (slide, "CMU-1-Small-Region.svs");

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  fixture->page = cs_test_window_open (fixture->window, slide);
  name = suggested_name (fixture->window);
  g_assert_cmpstr (name, ==, "deidentified.svs");

  /* In a case, as "S26/123 A1": its id, made a safe file name. */
  original = cs_slide_page_get_slide (fixture->page);
  g_assert_nonnull (cs_slide_compute_identity (original, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cs_case_add_slide (kase, original, &error));
  g_assert_no_error (error);
  cs_case_set_slide_labels (kase, cs_slide_get_sha256 (original), "S26/123 A1", NULL, NULL,
                            NULL);
  cs_case_store_add (cs_cases_get_default (), kase);
  case_name = suggested_name (fixture->window);
  g_assert_cmpstr (case_name, ==, "S26_123_A1.svs");
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/window-deidentify/summary", Fixture, NULL,
              fixture_setup, test_deidentify_summary, fixture_teardown);
  g_test_add ("/cs/window-deidentify/generic-tiff", Fixture, NULL,
              fixture_setup, test_deidentify_generic_tiff, fixture_teardown);
  g_test_add ("/cs/window-deidentify/unsupported", Fixture, NULL,
              fixture_setup, test_deidentify_unsupported, fixture_teardown);
  g_test_add ("/cs/window-deidentify/same-file", Fixture, NULL,
              fixture_setup, test_deidentify_same_file, fixture_teardown);
  g_test_add ("/cs/window-deidentify/cancel", Fixture, NULL,
              fixture_setup, test_deidentify_cancel, fixture_teardown);
  g_test_add ("/cs/window-deidentify/close", Fixture, NULL,
              fixture_setup, test_deidentify_close, fixture_teardown);
  g_test_add ("/cs/window-deidentify/progress", Fixture, NULL,
              fixture_setup, test_deidentify_progress, fixture_teardown);
  g_test_add ("/cs/window-deidentify/chooser", Fixture, NULL,
              fixture_setup, test_deidentify_chooser, fixture_teardown);

  return cs_test_window_run ();
}
