/* cs-test-window.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-report-pane.h"
#include "cs-test-ui.h"
#include "cs-window.h"

G_BEGIN_DECLS

/* Helpers for the window's test programs (test-window, test-window-info,
 * test-window-snapshot). Header-only, like cs-test-ui.h.
 *
 * The XDG directories are the program's own, for all its tests: recent
 * files and the thumbnail cache live there, and GtkRecentManager keeps the
 * path it first saw, which per-test isolation would delete under it. */

static char *cs_test_window_xdg_root;

static inline void
cs_test_window_init (int    *argc,
                     char ***argv)
{
  const char *names[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                          "XDG_STATE_HOME", "XDG_RUNTIME_DIR" };

  cs_test_window_xdg_root = cs_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (cs_test_window_xdg_root, names[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (names[i], dir, TRUE);
    }
  g_setenv ("HOME", cs_test_window_xdg_root, TRUE);

  g_test_init (argc, argv, NULL);
  cs_test_ui_have_display = gtk_init_check ();
  if (cs_test_ui_have_display)
    adw_init ();
}

static inline int
cs_test_window_run (void)
{
  int status = g_test_run ();

  cs_test_remove_tree (cs_test_window_xdg_root);
  g_clear_pointer (&cs_test_window_xdg_root, g_free);

  return status;
}

static inline CsWindow *
cs_test_window_new (GtkApplication *application)
{
  CsWindow *window = g_object_ref (cs_window_new (application));

  gtk_window_set_focus_visible (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static inline gboolean
cs_test_window_page_settled (gpointer data)
{
  return cs_slide_page_get_state (data) != CS_SLIDE_PAGE_OPENING;
}

static inline gboolean
cs_test_window_page_drawn (gpointer data)
{
  CsSlideView *view = cs_slide_page_get_active_view (data);

  return cs_slide_page_get_state (data) == CS_SLIDE_PAGE_READY &&
         cs_test_ui_view_complete (view);
}

/* Opens @path in a new tab and waits until it is open (or failed). */
static inline CsSlidePage *
cs_test_window_open (CsWindow   *window,
                     const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CsSlidePage *page = cs_window_open (window, file);

  g_assert_true (cs_window_get_selected_page (window) == page);
  g_assert_true (cs_test_wait_until (cs_test_window_page_settled, page, CS_TEST_UI_TIMEOUT_MS));

  return page;
}

/* Opens @path and waits until every visible tile is drawn. */
static inline CsSlidePage *
cs_test_window_open_drawn (CsWindow   *window,
                           const char *path)
{
  CsSlidePage *page = cs_test_window_open (window, path);

  g_assert_cmpint (cs_slide_page_get_state (page), ==, CS_SLIDE_PAGE_READY);
  g_assert_true (cs_test_wait_until (cs_test_window_page_drawn, page, CS_TEST_UI_TIMEOUT_MS));

  return page;
}

static inline void
cs_test_window_activate (CsWindow   *window,
                         const char *action,
                         GVariant   *param)
{
  g_autoptr(GVariant) sunk = param != NULL ? g_variant_ref_sink (param) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, sunk));
}

static inline gpointer
cs_test_window_child (gpointer    widget,
                      GType       type,
                      const char *name)
{
  gpointer child = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (child);

  return child;
}

typedef gboolean (*CsTestWidgetTest) (GtkWidget  *widget,
                                      const char *text);

/* The first widget under @widget, depth first, that passes @test. */
static inline GtkWidget *
cs_test_window_find (GtkWidget        *widget,
                     CsTestWidgetTest  test,
                     const char       *text)
{
  if (test (widget, text))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cs_test_window_find (child, test, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
cs_test_window_is_named (GtkWidget  *widget,
                         const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The first widget under @widget named @name (gtk_widget_set_name ()). */
static inline GtkWidget *
cs_test_window_find_named (GtkWidget  *widget,
                           const char *name)
{
  return cs_test_window_find (widget, cs_test_window_is_named, name);
}

static inline gboolean
cs_test_window_never (gpointer data)
{
  return FALSE;
}

/* With CS_SCREENSHOT_DIR set, saves @widget as drawn there as @name. */
static inline void
cs_test_window_save_screenshot (GtkWidget  *widget,
                                const char *name)
{
  const char *dir = g_getenv ("CS_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  cairo_surface_t *surface;

  if (dir == NULL || *dir == '\0')
    return;
  /* Rows whose titles move when filled, and pictures read in a worker,
   * settle first. */
  cs_test_wait_until (cs_test_window_never, NULL, 600);
  path = g_build_filename (dir, name, NULL);
  surface = cs_test_ui_render_widget (widget);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_test_message ("screenshot: %s", path);
}

/* Chooses the case titled @title in the report pane's list, as the user
 * would. */
static inline void
cs_test_window_choose_case (CsReportPane *pane,
                            const char   *title)
{
  GtkDropDown *cases = cs_test_window_child (pane, CS_TYPE_REPORT_PANE, "case_dropdown");
  GListModel *titles = gtk_drop_down_get_model (cases);

  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (titles), i), title) == 0)
      {
        gtk_drop_down_set_selected (cases, i);
        return;
      }
  g_error ("the pane lists no case %s", title);
}

static inline cairo_surface_t *
cs_test_window_texture_surface (GdkTexture *texture)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         gdk_texture_get_width (texture),
                                                         gdk_texture_get_height (texture));

  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* @surface in ARGB32 (PNGs of opaque pictures load as RGB24). */
static inline cairo_surface_t *
cs_test_window_to_argb32 (cairo_surface_t *surface)
{
  cairo_surface_t *argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                      cairo_image_surface_get_width (surface),
                                                      cairo_image_surface_get_height (surface));
  g_autoptr(cairo_t) cr = cairo_create (argb);

  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_surface_flush (argb);

  return argb;
}

/* Counts the pixels that differ, and reports the first. */
static inline guint
cs_test_window_count_differences (cairo_surface_t *actual,
                                  cairo_surface_t *expected)
{
  int width = cairo_image_surface_get_width (expected);
  int height = cairo_image_surface_get_height (expected);
  guint n_different = 0;

  g_assert_cmpint (cairo_image_surface_get_width (actual), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (actual), ==, height);
  cairo_surface_flush (actual);
  cairo_surface_flush (expected);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 a = cs_test_ui_pixel (actual, x, y);
        guint32 e = cs_test_ui_pixel (expected, x, y);

        if (a != e && n_different++ == 0)
          g_test_message ("first difference at (%d, %d): 0x%08x, expected 0x%08x", x, y, a, e);
      }

  return n_different;
}

G_END_DECLS
