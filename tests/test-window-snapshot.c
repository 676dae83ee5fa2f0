/* test-window-snapshot.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-snapshot"

#include "config.h"

#include "cs-magnification.h"
#include "cs-snapshot.h"
#include "cs-snapshot-dialog.h"
#include "cs-test-window.h"
#include "cs-ui-task.h"

/* Copying and exporting the view: the PNG written by the code path of
 * win.export-view, and the texture win.copy-view puts on the clipboard,
 * hold exactly what the core's cs_snapshot_render () makes of the view's
 * viewport, rotation and scale bar included. Needs a display (Xvfb). */

typedef struct
{
  CsWindow    *window;
  CsSlidePage *page;
  char        *tmpdir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *sample = cs_test_sample_slide ();

  if (!cs_test_ui_have_display)
    return;

  fixture->tmpdir = cs_test_make_tmpdir ();
  fixture->window = cs_test_window_new (NULL);
  fixture->page = cs_test_window_open_drawn (fixture->window, sample);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  if (fixture->window != NULL)
    cs_test_ui_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

static CsViewport
viewport_of (Fixture *fixture)
{
  CsViewport viewport;

  cs_slide_view_get_viewport (cs_slide_page_get_active_view (fixture->page), &viewport);

  return viewport;
}

/* What the core makes of the window's snapshot viewport at @factor. */
static cairo_surface_t *
render_expected (Fixture *fixture,
                 double   factor)
{
  g_autoptr(GError) error = NULL;
  CsSlide *slide = cs_slide_page_get_slide (fixture->page);
  cairo_surface_t *surface;
  CsViewport viewport;
  double ui_scale, mpp;

  g_assert_true (cs_window_get_snapshot_viewport (fixture->window, factor, &viewport, &ui_scale));
  g_assert_true (cs_slide_get_mpp (slide, &mpp, NULL));
  surface = cs_snapshot_render (CS_TILE_SOURCE (slide), &viewport, mpp, ui_scale, TRUE,
                                NULL, &error);
  g_assert_no_error (error);

  return surface;
}

static GAsyncResult *async_result;

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  async_result = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return async_result != NULL;
}

static gboolean
export_view (Fixture     *fixture,
             const char  *path,
             double       factor,
             GError     **error)
{
  gboolean done;

  cs_window_export_view_async (fixture->window, path, factor, NULL, store_result_cb, NULL);
  g_assert_true (cs_test_wait_until (have_result, NULL, CS_TEST_UI_TIMEOUT_MS));
  done = cs_window_export_view_finish (fixture->window, async_result, error);
  g_clear_object (&async_result);

  return done;
}

static void
assert_png_is_expected (Fixture    *fixture,
                        const char *path,
                        double      factor)
{
  g_autoptr(cairo_surface_t) png = cairo_image_surface_create_from_png (path);
  g_autoptr(cairo_surface_t) expected = render_expected (fixture, factor);
  g_autoptr(cairo_surface_t) actual = NULL;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  actual = cs_test_window_to_argb32 (png);
  g_assert_cmpuint (cs_test_window_count_differences (actual, expected), ==, 0);
}

static void
test_snapshot_export (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CsViewport view, snapshot;
  double ui_scale;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* At 10×, turned by 15°, as a pathologist might leave it. */
  cs_test_window_activate (fixture->window, "win.magnification", g_variant_new_double (10.0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cs_slide_page_get_active_view (fixture->page)),
                                             "view.rotate", "d", 15.0));
  view = viewport_of (fixture);
  g_assert_cmpfloat (view.rotation, ==, 15.0);

  /* Screen resolution: the view's own viewport. */
  g_assert_true (cs_window_get_snapshot_viewport (fixture->window, 1.0, &snapshot, &ui_scale));
  g_assert_true (cs_viewport_equal (&view, &snapshot));
  g_assert_cmpfloat (ui_scale, ==, gtk_widget_get_scale_factor (GTK_WIDGET (fixture->window)));

  path = g_build_filename (fixture->tmpdir, "view.png", NULL);
  g_assert_true (export_view (fixture, path, 1.0, &error));
  g_assert_no_error (error);
  assert_png_is_expected (fixture, path, 1.0);

  /* Twice the resolution: the same area, in twice the pixels. */
  g_assert_true (cs_window_get_snapshot_viewport (fixture->window, 2.0, &snapshot, &ui_scale));
  g_assert_cmpint (snapshot.width, ==, 2 * view.width);
  g_assert_cmpint (snapshot.height, ==, 2 * view.height);
  g_assert_cmpfloat (snapshot.zoom, ==, 2 * view.zoom);
  g_assert_true (snapshot.x == view.x && snapshot.y == view.y && snapshot.rotation == 15.0);

  g_assert_true (export_view (fixture, path, 2.0, &error));
  g_assert_no_error (error);
  assert_png_is_expected (fixture, path, 2.0);
}

static void
test_snapshot_export_error (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *spinner;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  path = g_build_filename (fixture->tmpdir, "no such folder", "view.png", NULL);
  g_assert_false (export_view (fixture, path, 1.0, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "view.png"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The window is ready for the next export. */
  spinner = cs_test_window_child (fixture->window, CS_TYPE_WINDOW, "export_cancel_button");
  g_assert_false (gtk_widget_get_visible (spinner));
}

/* The spinner in the header bar shows while a view is exported; clicked,
 * it cancels the export. */
static void
test_snapshot_export_cancel (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  path = g_build_filename (fixture->tmpdir, "cancelled.png", NULL);
  button = cs_test_window_child (fixture->window, CS_TYPE_WINDOW, "export_cancel_button");
  g_assert_false (gtk_widget_get_visible (button));
  cs_window_export_view_async (fixture->window, path, 2.0, NULL, store_result_cb, NULL);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_activate_action (button, "win.cancel-export", NULL));
  g_assert_true (cs_test_wait_until (have_result, NULL, CS_TEST_UI_TIMEOUT_MS));
  g_assert_false (cs_window_export_view_finish (fixture->window, async_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&async_result);
  g_assert_false (gtk_widget_get_visible (button));

  /* And the next export runs to the end. */
  g_clear_error (&error);
  g_assert_true (export_view (fixture, path, 1.0, &error));
  g_assert_no_error (error);
}

/* The worker that wrote the PNG still holds its task when the callback has
 * run and the window is closed: the window must go then, on the main
 * thread, not with the worker's last reference to the task (GTK crashes
 * when a window is finalized off the main thread). */
static void
test_snapshot_export_close (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  path = g_build_filename (fixture->tmpdir, "view.png", NULL);
  _cs_ui_task_hold_workers ();
  g_assert_true (export_view (fixture, path, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (_cs_ui_task_wait_held (1, CS_TEST_UI_TIMEOUT_MS));

  /* Finalized while the worker waits, or this fails. */
  cs_test_ui_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  _cs_ui_task_release_workers ();
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static gboolean
clipboard_has_texture (gpointer data)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (data);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
read_texture_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_snapshot_copy (Fixture       *fixture,
                    gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(cairo_surface_t) copied = NULL;
  g_autoptr(cairo_surface_t) expected = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  gdk_clipboard_set_text (clipboard, "not a picture");
  g_assert_false (clipboard_has_texture (clipboard));

  cs_test_window_activate (fixture->window, "win.magnification", g_variant_new_double (5.0));
  cs_test_window_activate (fixture->window, "win.copy-view", NULL);
  g_assert_true (cs_test_wait_until (clipboard_has_texture, clipboard, CS_TEST_UI_TIMEOUT_MS));

  gdk_clipboard_read_texture_async (clipboard, NULL, read_texture_cb, &texture);
  g_assert_true (cs_test_wait_until (is_set, &texture, CS_TEST_UI_TIMEOUT_MS));

  copied = cs_test_window_texture_surface (texture);
  expected = render_expected (fixture, 1.0);
  g_assert_cmpuint (cs_test_window_count_differences (copied, expected), ==, 0);
}

static GtkCheckButton *
option_check (CsSnapshotDialog *dialog,
              guint             index)
{
  GtkListBox *list = cs_test_window_child (dialog, CS_TYPE_SNAPSHOT_DIALOG, "options_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);

  return GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
}

/* The export dialog offers the screen's resolution, then the objectives
 * above the current magnification up to the scan's own. */
static void
test_snapshot_dialog (Fixture       *fixture,
                      gconstpointer  data)
{
  CsSnapshotDialog *dialog;
  CsViewport viewport;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  /* 4× on a 20× scan: screen, 5×, 10×, 20×; never 40×, which would only
   * enlarge pixels. */
  cs_test_window_activate (fixture->window, "win.magnification", g_variant_new_double (5.0));
  viewport = viewport_of (fixture);
  viewport.zoom *= 0.8;
  dialog = cs_snapshot_dialog_new (GTK_WINDOW (fixture->window), &viewport, 20.0);
  g_assert_cmpfloat (cs_snapshot_dialog_get_factor (dialog), ==, 1.0);
  g_assert_cmpfloat (cs_snapshot_dialog_get_magnification (dialog), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (cs_test_window_child (dialog,
                                                                      CS_TYPE_SNAPSHOT_DIALOG,
                                                                      "options_list"), 4));

  gtk_check_button_set_active (option_check (dialog, 3), TRUE);
  g_assert_cmpfloat (cs_snapshot_dialog_get_magnification (dialog), ==, 20.0);
  g_assert_cmpfloat_with_epsilon (cs_snapshot_dialog_get_factor (dialog), 5.0, 1e-9);
  g_assert_false (gtk_check_button_get_active (option_check (dialog, 0)));
  gtk_check_button_set_active (option_check (dialog, 1), TRUE);
  g_assert_cmpfloat (cs_snapshot_dialog_get_magnification (dialog), ==, 5.0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Without a known magnification: twice and four times the screen's. */
  dialog = cs_snapshot_dialog_new (GTK_WINDOW (fixture->window), &viewport, 0);
  gtk_check_button_set_active (option_check (dialog, 2), TRUE);
  g_assert_cmpfloat (cs_snapshot_dialog_get_factor (dialog), ==, 4.0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/window-snapshot/export", Fixture, NULL,
              fixture_setup, test_snapshot_export, fixture_teardown);
  g_test_add ("/cs/window-snapshot/export-error", Fixture, NULL,
              fixture_setup, test_snapshot_export_error, fixture_teardown);
  g_test_add ("/cs/window-snapshot/export-cancel", Fixture, NULL,
              fixture_setup, test_snapshot_export_cancel, fixture_teardown);
  g_test_add ("/cs/window-snapshot/export-close", Fixture, NULL,
              fixture_setup, test_snapshot_export_close, fixture_teardown);
  g_test_add ("/cs/window-snapshot/copy", Fixture, NULL,
              fixture_setup, test_snapshot_copy, fixture_teardown);
  g_test_add ("/cs/window-snapshot/dialog", Fixture, NULL,
              fixture_setup, test_snapshot_dialog, fixture_teardown);

  return cs_test_window_run ();
}
