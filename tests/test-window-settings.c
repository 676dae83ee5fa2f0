/* test-window-settings.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-settings"

#include "config.h"

#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-slide-thumbnail.h"
#include "cs-start-page.h"
#include "cs-test-slide.h"
#include "cs-test-window.h"

#include <glib/gstdio.h>

/* Around the tabs: the start page with the recent slides and their cached
 * thumbnails, files dropped on the window, the settings the viewers and
 * the preferences follow, and the window's size kept on close. Needs a
 * display (Xvfb). */

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

static CsStartPage *
start_page_of (CsWindow *window)
{
  return cs_test_window_child (window, CS_TYPE_WINDOW, "start_page");
}

static gboolean
is_listed (CsStartPage *start_page,
           const char  *path)
{
  GPtrArray *recent = cs_start_page_get_recent (start_page);

  for (guint i = 0; i < recent->len; i++)
    if (g_str_equal (g_ptr_array_index (recent, i), path))
      return TRUE;

  return FALSE;
}

static gboolean
all_thumbnails (gpointer data)
{
  CsStartPage *start_page = data;

  return cs_start_page_get_recent (start_page)->len > 0 &&
         cs_start_page_get_n_thumbnails (start_page) == cs_start_page_get_recent (start_page)->len;
}

static GtkWidget *
find_picture (GtkWidget *widget)
{
  if (GTK_IS_PICTURE (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *picture = find_picture (child);

      if (picture != NULL)
        return picture;
    }

  return NULL;
}

/* The thumbnail shown for @path on @start_page. */
static GdkPaintable *
thumbnail_of (CsStartPage *start_page,
              const char  *path)
{
  GtkFlowBox *box = cs_test_window_child (start_page, CS_TYPE_START_PAGE, "recent_box");
  GPtrArray *recent = cs_start_page_get_recent (start_page);

  for (guint i = 0; i < recent->len; i++)
    {
      GtkWidget *widget = GTK_WIDGET (gtk_flow_box_get_child_at_index (box, i));

      if (!g_str_equal (g_ptr_array_index (recent, i), path))
        continue;

      widget = find_picture (widget);
      g_assert_nonnull (widget);

      return gtk_picture_get_paintable (GTK_PICTURE (widget));
    }

  g_assert_not_reached ();
}

/* Replaces a cached thumbnail with a small picture no slide would give. */
static void
plant_thumbnail (const char *cache_path)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 7, 5);

  g_assert_cmpint (cairo_surface_write_to_png (surface, cache_path), ==, CAIRO_STATUS_SUCCESS);
}

static gboolean
start_page_idle (gpointer data)
{
  return !cs_start_page_is_busy (data);
}

static void
test_settings_start_page (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autoptr(CsWindow) other = NULL;
  g_autofree char *sample_cache = NULL;
  g_autofree char *pyramid_cache = NULL;
  g_autoptr(GError) error = NULL;
  CsStartPage *start_page;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  start_page = start_page_of (window);
  g_assert_false (is_listed (start_page, fixture->sample));

  /* Slides opened are remembered; closing the last tab shows them. */
  cs_test_window_open_drawn (window, fixture->sample);
  cs_test_window_open_drawn (window, fixture->pyramid);
  cs_test_window_activate (window, "win.close-tab", NULL);
  cs_test_window_activate (window, "win.close-tab", NULL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (start_page)));
  g_assert_true (is_listed (start_page, fixture->sample));
  g_assert_true (is_listed (start_page, fixture->pyramid));

  /* Thumbnails are made in a worker and cached by path, size and time. */
  g_assert_true (cs_test_wait_until (all_thumbnails, start_page, CS_TEST_UI_TIMEOUT_MS));
  sample_cache = cs_slide_thumbnail_get_cache_path (fixture->sample, &error);
  pyramid_cache = cs_slide_thumbnail_get_cache_path (fixture->pyramid, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (sample_cache, g_get_user_cache_dir ()));
  g_assert_cmpstr (sample_cache, !=, pyramid_cache);
  g_assert_true (g_file_test (sample_cache, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (pyramid_cache, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (thumbnail_of (start_page, fixture->sample)),
                   ==, CS_SLIDE_THUMBNAIL_SIZE * 2220 / 2967);
  /* Drawn with the colour preference: turned off, another thumbnail. */
  {
    g_autofree char *raw_cache = NULL;
    g_autofree char *again = NULL;

    g_settings_set_boolean (cs_settings_get_default (), "apply-color-profile", FALSE);
    raw_cache = cs_slide_thumbnail_get_cache_path (fixture->sample, &error);
    g_settings_reset (cs_settings_get_default (), "apply-color-profile");
    g_assert_no_error (error);
    g_assert_cmpstr (raw_cache, !=, sample_cache);
    again = cs_slide_thumbnail_get_cache_path (fixture->sample, NULL);
    g_assert_cmpstr (again, ==, sample_cache);
  }

  /* Coming back is instant; another window reads the cache. Earlier
   * refreshes' workers, though cancelled, may still be writing it: let
   * them finish before planting a recognisable one. */
  cs_start_page_refresh (start_page);
  g_assert_true (all_thumbnails (start_page));
  g_assert_true (cs_test_wait_until (start_page_idle, start_page, CS_TEST_UI_TIMEOUT_MS));
  plant_thumbnail (sample_cache);
  other = cs_test_window_new (NULL);
  g_assert_true (cs_test_wait_until (all_thumbnails, start_page_of (other), CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (thumbnail_of (start_page_of (other),
                                                                    fixture->sample)), ==, 7);

  /* A slide that is gone is not offered. */
  g_assert_cmpint (g_remove (fixture->pyramid), ==, 0);
  cs_start_page_refresh (start_page);
  g_assert_true (cs_test_wait_until (start_page_idle, start_page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_false (is_listed (start_page, fixture->pyramid));
  g_assert_true (is_listed (start_page, fixture->sample));

  /* Choosing a recent slide opens it in a tab. */
  g_signal_emit_by_name (cs_test_window_child (start_page, CS_TYPE_START_PAGE, "recent_box"),
                         "child-activated",
                         gtk_flow_box_get_child_at_index (cs_test_window_child (start_page,
                                                                                CS_TYPE_START_PAGE,
                                                                                "recent_box"), 0));
  g_assert_cmpuint (cs_window_get_n_pages (window), ==, 1);
  g_assert_cmpstr (cs_slide_page_get_tooltip (cs_window_get_selected_page (window)), ==,
                   fixture->sample);

  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Files dropped on the window open in tabs. */
static gboolean
recent_file_has (gpointer data)
{
  g_autoptr(GBookmarkFile) bookmarks = g_bookmark_file_new ();
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);

  return g_bookmark_file_load_from_file (bookmarks, file, NULL) &&
         g_bookmark_file_has_item (bookmarks, data);
}

static gboolean
recent_manager_lacks (gpointer data)
{
  return !gtk_recent_manager_has_item (gtk_recent_manager_get_default (), data);
}

/* Another program rewrites the shared recently-used file from its own,
 * older copy just after Consilium saved a slide into it: GtkRecentManager
 * reloads the file and forgets the slide, the start page does not. */
static void
test_settings_start_page_clobbered (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autoptr(GBookmarkFile) other = g_bookmark_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (fixture->pyramid, NULL, NULL);
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  CsStartPage *start_page;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  start_page = start_page_of (window);
  cs_test_window_open_drawn (window, fixture->pyramid);
  g_assert_true (cs_test_wait_until (recent_file_has, uri, CS_TEST_UI_TIMEOUT_MS));

  g_bookmark_file_set_mime_type (other, "file:///elsewhere/notes.txt", "text/plain");
  g_bookmark_file_add_application (other, "file:///elsewhere/notes.txt", "Notes", "notes %u");
  g_assert_true (g_bookmark_file_to_file (other, file, &error));
  g_assert_no_error (error);
  g_assert_true (cs_test_wait_until (recent_manager_lacks, uri, CS_TEST_UI_TIMEOUT_MS));

  cs_test_window_activate (window, "win.close-tab", NULL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (start_page)));
  g_assert_true (is_listed (start_page, fixture->pyramid));

  g_assert_true (cs_test_wait_until (start_page_idle, start_page, CS_TEST_UI_TIMEOUT_MS));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_settings_drop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autoptr(GListModel) controllers = NULL;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GSList *files = NULL;
  gboolean accepted = FALSE;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  files = g_slist_append (files, g_file_new_for_path (fixture->sample));
  files = g_slist_append (files, g_file_new_for_path (fixture->pyramid));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  g_assert_cmpuint (cs_window_get_n_pages (window), ==, 2);
  g_assert_cmpstr (cs_slide_page_get_tooltip (cs_window_get_nth_page (window, 0)), ==,
                   fixture->sample);
  g_assert_cmpstr (cs_slide_page_get_tooltip (cs_window_get_nth_page (window, 1)), ==,
                   fixture->pyramid);

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
viewer_uint (CsSlidePage *page,
             const char  *property)
{
  guint value;

  g_object_get (cs_review_area_get_primary (cs_slide_page_get_review_area (page)),
                property, &value, NULL);

  return value;
}

static gboolean
viewer_bool (CsSlidePage *page,
             const char  *property)
{
  gboolean value;

  g_object_get (cs_review_area_get_primary (cs_slide_page_get_review_area (page)),
                property, &value, NULL);

  return value;
}

/* Every viewer follows the settings; the preferences window sets them. */
static void
test_settings_preferences (Fixture       *fixture,
                           gconstpointer  data)
{
  GSettings *settings = cs_settings_get_default ();
  g_autoptr(CsWindow) window = NULL;
  GtkWidget *preferences;
  GtkSpinButton *spin;
  GtkSwitch *overview;
  CsSlidePage *page;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_test_window_new (NULL);
  page = cs_test_window_open_drawn (window, fixture->sample);
  g_assert_cmpuint (viewer_uint (page, "tile-cache-mb"), ==, 512);
  g_assert_true (viewer_bool (page, "show-overview"));

  g_settings_set_uint (settings, "tile-cache-mb", 1024);
  g_settings_set_boolean (settings, "show-scale-bar", FALSE);
  g_assert_cmpuint (viewer_uint (page, "tile-cache-mb"), ==, 1024);
  g_assert_false (viewer_bool (page, "show-scale-bar"));

  preferences = cs_preferences_window_new (settings);
  spin = cs_test_window_child (preferences, CS_TYPE_PREFERENCES_WINDOW, "tile_cache_spin");
  overview = cs_test_window_child (preferences, CS_TYPE_PREFERENCES_WINDOW, "show_overview_switch");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 1024);
  gtk_spin_button_set_value (spin, 2048);
  g_assert_cmpuint (g_settings_get_uint (settings, "tile-cache-mb"), ==, 2048);
  g_assert_cmpuint (viewer_uint (page, "tile-cache-mb"), ==, 2048);
  gtk_spin_button_set_value (spin, 100000);
  g_assert_cmpuint (g_settings_get_uint (settings, "tile-cache-mb"), ==, 8192);

  gtk_switch_set_active (overview, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-overview"));
  g_assert_false (viewer_bool (page, "show-overview"));

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings, "tile-cache-mb");
  g_settings_reset (settings, "show-overview");
  g_settings_reset (settings, "show-scale-bar");
  g_assert_true (viewer_bool (page, "show-overview"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The window's size is saved when it closes, and the next one opens so. */
static void
test_settings_window_size (Fixture       *fixture,
                           gconstpointer  data)
{
  GSettings *settings = cs_settings_get_default ();
  CsWindow *window;
  gpointer pointer;
  int width, height;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  window = cs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  gtk_window_present (GTK_WINDOW (window));
  pointer = window;
  g_object_add_weak_pointer (pointer, &pointer);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (cs_test_wait_until (window_gone, &pointer, CS_TEST_UI_TIMEOUT_MS));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);

  window = g_object_ref (cs_window_new (NULL));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/window-settings/start-page", Fixture, NULL,
              fixture_setup, test_settings_start_page, fixture_teardown);
  g_test_add ("/cs/window-settings/start-page-clobbered", Fixture, NULL,
              fixture_setup, test_settings_start_page_clobbered, fixture_teardown);
  g_test_add ("/cs/window-settings/drop", Fixture, NULL,
              fixture_setup, test_settings_drop, fixture_teardown);
  g_test_add ("/cs/window-settings/preferences", Fixture, NULL,
              fixture_setup, test_settings_preferences, fixture_teardown);
  g_test_add ("/cs/window-settings/window-size", Fixture, NULL,
              fixture_setup, test_settings_window_size, fixture_teardown);

  return cs_test_window_run ();
}
