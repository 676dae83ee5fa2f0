/* test-window-errors.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-errors"

#include "config.h"

#include <glib/gstdio.h>

#include "cs-test-window.h"

/* What the window does when things go wrong: a file that does not open
 * gets an error page in its own tab, other tabs untouched; a slide whose
 * tiles fail to read stays open and the user is told. Needs a display
 * (Xvfb). */

typedef struct
{
  char *tmpdir;
  char *sample;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->tmpdir = cs_test_make_tmpdir ();
  fixture->sample = cs_test_sample_slide ();
  g_assert_nonnull (fixture->sample);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->sample, g_free);
}

static CsViewport
viewport_of (CsSlidePage *page)
{
  CsViewport viewport;

  cs_slide_view_get_viewport (cs_slide_page_get_active_view (page), &viewport);

  return viewport;
}

static GIcon *
tab_icon (CsWindow    *window,
          CsSlidePage *page)
{
  AdwTabView *tab_view = cs_test_window_child (window, CS_TYPE_WINDOW, "tab_view");

  return adw_tab_page_get_icon (adw_tab_view_get_page (tab_view, GTK_WIDGET (page)));
}

/* The header bar's buttons follow their actions' enabled state. */
static gboolean
slide_actions_enabled (CsWindow *window)
{
  gboolean info = gtk_widget_is_sensitive (cs_test_window_child (window, CS_TYPE_WINDOW,
                                                                 "info_button"));
  gboolean split = gtk_widget_is_sensitive (cs_test_window_child (window, CS_TYPE_WINDOW,
                                                                  "split_button"));
  gboolean magnification = gtk_widget_is_sensitive (cs_test_window_child (window, CS_TYPE_WINDOW,
                                                                          "magnification_button"));

  g_assert_true (info == split && split == magnification);

  return info;
}

static gboolean
page_ready (gpointer data)
{
  return cs_slide_page_get_state (data) == CS_SLIDE_PAGE_READY;
}

/* A file that does not open shows an error page in its own tab, naming the
 * file and the cause; the other tab stays as it was. */
static void
test_window_error_page (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autofree char *missing = g_build_filename (fixture->tmpdir, "missing.svs", NULL);
  g_autoptr(GError) expected = NULL;
  g_autoptr(CsSlide) none = NULL;
  CsSlidePage *good, *bad;
  CsViewport before, after;
  AdwStatusPage *error_page;
  GtkStack *stack;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  good = cs_test_window_open_drawn (window, fixture->sample);
  before = viewport_of (good);

  bad = cs_test_window_open (window, missing);
  g_assert_cmpint (cs_slide_page_get_state (bad), ==, CS_SLIDE_PAGE_FAILED);
  g_assert_false (cs_slide_page_get_loading (bad));
  g_assert_null (cs_slide_page_get_slide (bad));

  none = cs_slide_new (missing, &expected);
  g_assert_error (expected, CS_SLIDE_ERROR, CS_SLIDE_ERROR_NOT_FOUND);
  g_assert_error (cs_slide_page_get_error (bad), CS_SLIDE_ERROR, CS_SLIDE_ERROR_NOT_FOUND);
  stack = cs_test_window_child (GTK_WIDGET (bad), CS_TYPE_SLIDE_PAGE, "stack");
  error_page = cs_test_window_child (GTK_WIDGET (bad), CS_TYPE_SLIDE_PAGE, "error_page");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (error_page), ==, "Could Not Open Slide");
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==, expected->message);
  g_assert_nonnull (strstr (expected->message, "missing.svs"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "missing.svs");
  g_assert_nonnull (tab_icon (window, bad));
  g_assert_null (tab_icon (window, good));

  /* Slide actions are off on the error page, on again on the good tab. */
  g_assert_false (slide_actions_enabled (window));

  /* The file turns up (a share came back): Try Again opens it. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (fixture->sample, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (missing, contents, length, NULL));
    cs_test_window_activate (window, "win.reload", NULL);
    g_assert_true (cs_test_wait_until (page_ready, bad, CS_TEST_UI_TIMEOUT_MS));
    g_assert_nonnull (cs_slide_page_get_slide (bad));
    g_assert_null (cs_slide_page_get_error (bad));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");
    g_assert_true (slide_actions_enabled (window));
    g_assert_cmpint (g_remove (missing), ==, 0);
  }

  cs_test_window_activate (window, "win.close-tab", NULL);
  g_assert_cmpuint (cs_window_get_n_pages (window), ==, 1);
  g_assert_true (cs_window_get_selected_page (window) == good);
  g_assert_cmpint (cs_slide_page_get_state (good), ==, CS_SLIDE_PAGE_READY);
  after = viewport_of (good);
  g_assert_true (cs_viewport_equal (&before, &after));
  g_assert_true (cs_test_window_page_drawn (good));
  g_assert_true (slide_actions_enabled (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_message_cb (CsSlidePage *page,
               const char  *text,
               GPtrArray   *messages)
{
  g_ptr_array_add (messages, g_strdup (text));
}

static gboolean
has_messages (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

static gboolean
has_more_messages (gpointer data)
{
  return ((GPtrArray *) data)->len > 1;
}

/* A slide that opens but whose pixels cannot be read stays open, its tiles
 * drawn as error areas, and one message (a toast) names the file and the
 * cause. */
static void
test_window_tile_failure (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) file = NULL;
  CsSlidePage *page;

  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "unreadable.svs");
  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  file = g_file_new_for_path (path);
  page = cs_window_open (window, file);
  g_signal_connect (page, "message", G_CALLBACK (on_message_cb), messages);

  g_assert_true (cs_test_wait_until (has_messages, messages, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpint (cs_slide_page_get_state (page), ==, CS_SLIDE_PAGE_READY);
  g_assert_false (cs_slide_page_get_loading (page));
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "unreadable.svs"));
  g_assert_null (tab_icon (window, page));

  /* More failures of the same slide soon after say nothing more. */
  cs_test_window_activate (window, "win.zoom-1to1", NULL);
  g_assert_false (cs_test_wait_until (has_more_messages, messages, 500));

  g_signal_handlers_disconnect_by_data (page, messages);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/window-errors/error-page", Fixture, NULL,
              fixture_setup, test_window_error_page, fixture_teardown);
  g_test_add ("/cs/window-errors/tile-failure", Fixture, NULL,
              fixture_setup, test_window_tile_failure, fixture_teardown);

  return cs_test_window_run ();
}
