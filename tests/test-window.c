/* test-window.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "cs-application.h"
#include "cs-magnification.h"
#include "cs-test-slide.h"
#include "cs-test-window.h"

#include <math.h>

/* The window's tabs, driven as the command line, the tab bar and the
 * header bar drive them: slides opening in tabs of one window, each with
 * its own view, closing a tab freeing its slide, the window's actions and
 * the split view. Errors are in test-window-errors.c. Needs a display
 * (Xvfb). */

typedef struct
{
  char *tmpdir;
  char *sample;
  char *pyramid;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CsTestPyramid spec;

  fixture->tmpdir = cs_test_make_tmpdir ();
  fixture->sample = cs_test_sample_slide ();
  g_assert_nonnull (fixture->sample);

  cs_test_pyramid_init_simple (&spec);
  fixture->pyramid = cs_test_write_pyramid (fixture->tmpdir, "pyramid.tiff", &spec, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->sample, g_free);
  g_clear_pointer (&fixture->pyramid, g_free);
}

static CsViewport
viewport_of (CsSlidePage *page)
{
  CsViewport viewport;

  cs_slide_view_get_viewport (cs_slide_page_get_active_view (page), &viewport);

  return viewport;
}

/* Every tab open, the one shown drawn: hidden tabs draw nothing. */
static gboolean
tabs_settled (gpointer data)
{
  CsWindow *window = data;

  for (guint i = 0; i < cs_window_get_n_pages (window); i++)
    if (cs_slide_page_get_state (cs_window_get_nth_page (window, i)) != CS_SLIDE_PAGE_READY)
      return FALSE;

  return cs_test_window_page_drawn (cs_window_get_selected_page (window));
}

static void
select_tab (CsWindow    *window,
            CsSlidePage *page)
{
  AdwTabView *tab_view = cs_test_window_child (window, CS_TYPE_WINDOW, "tab_view");

  adw_tab_view_set_selected_page (tab_view, adw_tab_view_get_page (tab_view, GTK_WIDGET (page)));
  g_assert_true (cs_window_get_selected_page (window) == page);
  g_assert_true (cs_test_wait_until (cs_test_window_page_drawn, page, CS_TEST_UI_TIMEOUT_MS));
}

static gboolean
page_shown (gpointer data)
{
  return !cs_slide_page_get_loading (data);
}

/* Both files on the command line open as tabs of one window, each with its
 * own view; the spinner goes once the first pixels are drawn. */
static void
test_window_command_line (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CsApplication) app = cs_application_new ();
  g_autoptr(GError) error = NULL;
  GFile *files[2];
  CsSlidePage *first, *second;
  CsViewport before, moved, after;
  GtkWindow *window;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* No session bus under Xvfb: run as a plain, non-unique process. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  files[0] = g_file_new_for_path (fixture->sample);
  files[1] = g_file_new_for_path (fixture->pyramid);
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CS_IS_WINDOW (window));
  g_assert_cmpuint (cs_window_get_n_pages (CS_WINDOW (window)), ==, 2);
  g_assert_true (cs_test_wait_until (tabs_settled, window, CS_TEST_UI_TIMEOUT_MS));

  first = cs_window_get_nth_page (CS_WINDOW (window), 0);
  second = cs_window_get_nth_page (CS_WINDOW (window), 1);
  g_assert_cmpstr (cs_slide_page_get_title (first), ==, "CMU-1-Small-Region.svs");
  g_assert_cmpstr (cs_slide_page_get_title (second), ==, "pyramid.tiff");
  g_assert_cmpstr (cs_slide_page_get_tooltip (second), ==, fixture->pyramid);
  g_assert_true (cs_window_get_selected_page (CS_WINDOW (window)) == second);
  g_assert_cmpstr (gtk_window_get_title (window), ==, "pyramid.tiff");
  g_assert_true (cs_test_wait_until (page_shown, second, CS_TEST_UI_TIMEOUT_MS));

  /* Each tab keeps its own view: zooming and panning the second leaves
   * the first as it was. */
  select_tab (CS_WINDOW (window), first);
  before = viewport_of (first);
  g_assert_cmpfloat (before.zoom, <, 0.5);
  select_tab (CS_WINDOW (window), second);
  cs_test_window_activate (CS_WINDOW (window), "win.zoom-1to1", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cs_slide_page_get_active_view (second)),
                                             "view.pan", "(dd)", 40.0, 30.0));
  moved = viewport_of (second);
  g_assert_cmpfloat (moved.zoom, ==, 1.0);
  select_tab (CS_WINDOW (window), first);
  after = viewport_of (first);
  g_assert_true (cs_viewport_equal (&before, &after));
  select_tab (CS_WINDOW (window), second);
  after = viewport_of (second);
  g_assert_true (cs_viewport_equal (&moved, &after));

  gtk_window_destroy (window);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
shows_start_page (gpointer data)
{
  GtkStack *stack = cs_test_window_child (data, CS_TYPE_WINDOW, "main_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "start") == 0;
}

/* Closing a tab lets its slide, viewers and tiles go. */
static void
test_window_close_tab (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autoptr(CsSlideInfo) info = NULL;
  CsSlidePage *page;
  gpointer slide;
  gpointer page_pointer;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  g_assert_true (shows_start_page (window));

  page = cs_test_window_open_drawn (window, fixture->sample);
  g_assert_false (shows_start_page (window));
  /* With the information panel reading the slide's images and hash. */
  cs_test_window_activate (window, "win.show-info", NULL);
  slide = cs_slide_page_get_slide (page);
  page_pointer = page;
  g_object_add_weak_pointer (slide, &slide);
  g_object_add_weak_pointer (page_pointer, &page_pointer);
  info = g_object_ref (cs_slide_page_get_info (page));
  g_assert_true (cs_slide_info_get_slide (info) == slide);

  /* Closing stops the panel's hashing at once, not when it is done. */
  cs_test_window_activate (window, "win.close-tab", NULL);
  g_assert_null (cs_slide_info_get_slide (info));
  g_assert_cmpuint (cs_window_get_n_pages (window), ==, 0);
  g_assert_true (shows_start_page (window));
  g_assert_true (cs_test_wait_until (is_null, &page_pointer, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_wait_until (is_null, &slide, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Consilium");

  gtk_window_destroy (GTK_WINDOW (window));
}

static double
magnification_of (CsSlidePage *page)
{
  CsViewport viewport = viewport_of (page);

  return cs_magnification_for_zoom (cs_magnification_get_slide_base (cs_slide_page_get_slide (page)),
                                    viewport.zoom);
}

/* The header bar's button shows the selected view's magnification, marked
 * as digital past the scan's own. */
static gboolean
label_is (gpointer data)
{
  CsWindow *window = data;
  GtkMenuButton *button = cs_test_window_child (data, CS_TYPE_WINDOW, "magnification_button");
  CsSlidePage *page = cs_window_get_selected_page (window);
  g_autofree char *text = cs_magnification_format (magnification_of (page));
  g_autofree char *expected = NULL;

  if (viewport_of (page).zoom > 1.0 + 1e-6)
    expected = g_strconcat ("Digital ", text, NULL);
  else
    expected = g_strdup (text);

  return g_strcmp0 (gtk_menu_button_get_label (button), expected) == 0;
}

/* The header bar's actions reach the selected tab's view, and show its
 * magnification. */
static void
test_window_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  CsSlidePage *page;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  page = cs_test_window_open_drawn (window, fixture->sample);

  for (guint i = 0; i < CS_MAGNIFICATION_N_PRESETS; i++)
    {
      cs_test_window_activate (window, "win.magnification",
                               g_variant_new_double (cs_magnification_presets[i]));
      g_assert_cmpfloat_with_epsilon (magnification_of (page), cs_magnification_presets[i], 1e-9);
      g_assert_true (cs_test_wait_until (label_is, window, CS_TEST_UI_TIMEOUT_MS));
    }

  cs_test_window_activate (window, "win.zoom-1to1", NULL);
  g_assert_cmpfloat (viewport_of (page).zoom, ==, 1.0);
  cs_test_window_activate (window, "win.zoom-fit", NULL);
  g_assert_cmpfloat (viewport_of (page).zoom, <, 0.5);
  g_assert_true (cs_test_wait_until (label_is, window, CS_TEST_UI_TIMEOUT_MS));

  /* The information panel toggles. (Full screen needs a window manager,
   * which Xvfb lacks.) */
  g_assert_false (cs_slide_page_get_show_info (page));
  cs_test_window_activate (window, "win.show-info", NULL);
  g_assert_true (cs_slide_page_get_show_info (page));
  cs_test_window_activate (window, "win.show-info", NULL);
  g_assert_false (cs_slide_page_get_show_info (page));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_split (gpointer data)
{
  return cs_review_area_get_split (cs_slide_page_get_review_area (data));
}

/* win.split shows a second slide beside the first; again, it goes. */
static void
test_window_split (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autoptr(GFile) second = g_file_new_for_path (fixture->pyramid);
  CsSlideViewer *secondary;
  AdwWindowTitle *title;
  CsSlidePage *page;
  gboolean split;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  page = cs_test_window_open_drawn (window, fixture->sample);

  /* What the file chooser of win.split hands over. */
  cs_slide_page_open_secondary (page, second);
  g_assert_true (cs_test_wait_until (is_split, page, CS_TEST_UI_TIMEOUT_MS));
  g_object_get (window, "split", &split, NULL);
  g_assert_true (split);
  secondary = cs_review_area_get_secondary (cs_slide_page_get_review_area (page));
  g_assert_nonnull (secondary);
  g_assert_cmpstr (cs_slide_get_path (cs_slide_viewer_get_slide (secondary)), ==, fixture->pyramid);
  title = cs_test_window_child (window, CS_TYPE_WINDOW, "window_title");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Side by side with pyramid.tiff");

  cs_test_window_activate (window, "win.split", NULL);
  g_assert_false (is_split (page));
  g_object_get (window, "split", &split, NULL);
  g_assert_false (split);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/window/command-line", Fixture, NULL,
              fixture_setup, test_window_command_line, fixture_teardown);
  g_test_add ("/cs/window/close-tab", Fixture, NULL,
              fixture_setup, test_window_close_tab, fixture_teardown);
  g_test_add ("/cs/window/actions", Fixture, NULL,
              fixture_setup, test_window_actions, fixture_teardown);
  g_test_add ("/cs/window/split", Fixture, NULL,
              fixture_setup, test_window_split, fixture_teardown);

  return cs_test_window_run ();
}
