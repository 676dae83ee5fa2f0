/* test-library-window.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-library-window"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-bench-gen.h"
#include "cs-library.h"
#include "cs-library-collections.h"
#include "cs-library-search.h"
#include "cs-library-window.h"
#include "cs-settings.h"
#include "cs-test-report.h"
#include "cs-test-window.h"

/* The library's collections: folders added persist in the
 * "library-collections" key (the memory backend of the tests), once
 * each; a file or a missing folder is refused with its name in the
 * message; the library window follows the key, and the main window's
 * win.library (Ctrl+L) opens it, once. */

static GSettings *
reset_settings (void)
{
  GSettings *settings = cs_settings_get_default ();

  g_assert_nonnull (settings);
  g_settings_reset (settings, CS_LIBRARY_COLLECTIONS_KEY);

  return settings;
}

static void
test_collections (void)
{
  GSettings *settings = reset_settings ();
  g_autofree char *tmpdir = cs_test_make_tmpdir ();
  g_autofree char *sub = g_build_filename (tmpdir, "slides", NULL);
  g_autofree char *file_path = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autofree char *dotted = g_build_filename (tmpdir, "slides", "..", "slides", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (sub);
  g_autoptr(GFile) same = g_file_new_for_path (dotted);
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/consilium-collection");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file_path, "not a folder", -1, NULL));

  g_assert_true (cs_library_collections_add (settings, folder, &error));
  g_assert_no_error (error);
  g_assert_true (cs_library_collections_add (settings, same, &error));
  g_assert_no_error (error);
  paths = cs_library_collections_load (settings);
  g_assert_cmpuint (g_strv_length (paths), ==, 1);
  g_assert_cmpstr (paths[0], ==, sub);

  g_assert_false (cs_library_collections_add (settings, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_clear_error (&error);
  g_assert_false (cs_library_collections_add (settings, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "consilium-collection"));
  g_clear_error (&error);

  g_assert_false (cs_library_collections_remove (settings, file_path));
  g_assert_true (cs_library_collections_remove (settings, sub));
  g_clear_pointer (&paths, g_strfreev);
  paths = cs_library_collections_load (settings);
  g_assert_cmpuint (g_strv_length (paths), ==, 0);

  cs_test_remove_tree (tmpdir);
}

static void
test_window (void)
{
  GSettings *settings;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GFile) folder = NULL;
  CsLibraryWindow *library;
  GtkStack *stack;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  settings = reset_settings ();
  tmpdir = cs_test_make_tmpdir ();
  folder = g_file_new_for_path (tmpdir);
  library = g_object_ref (cs_library_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (library));
  stack = cs_test_window_child (library, CS_TYPE_LIBRARY_WINDOW, "main_stack");
  g_assert_cmpuint (cs_library_window_get_n_collections (library), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  g_assert_true (cs_library_window_add_collection (library, folder));
  g_assert_cmpuint (cs_library_window_get_n_collections (library), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "library");

  /* Another window (or process) changing the key: the list follows. */
  g_settings_reset (settings, CS_LIBRARY_COLLECTIONS_KEY);
  g_assert_cmpuint (cs_library_window_get_n_collections (library), ==, 0);
  g_assert_true (cs_library_window_add_collection (library, folder));
  cs_library_window_remove_collection (library, tmpdir);
  g_assert_cmpuint (cs_library_window_get_n_collections (library), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  cs_test_ui_window_destroy (GTK_WINDOW (library));
  cs_test_remove_tree (tmpdir);
}

static void
test_action (void)
{
  CsWindow *window;
  CsLibraryWindow *library;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  reset_settings ();
  window = cs_test_window_new (NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.library", NULL));
  library = cs_window_open_library (window);
  g_assert_true (CS_IS_LIBRARY_WINDOW (library));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (library)) == GTK_WINDOW (window));
  /* Presented again, not a second one. */
  g_assert_true (cs_window_open_library (window) == library);

  gtk_window_destroy (GTK_WINDOW (library));
  g_assert_true (cs_window_open_library (window) != NULL);
  cs_test_ui_window_destroy (GTK_WINDOW (window));
}

/* The grid: the slides of a temporary collection (good, bad and nested),
 * filled in; search; a file copied into the folder appears (monitor);
 * activating a slide opens it in a tab. */

static gboolean
library_settled (gpointer data)
{
  CsLibraryWindow *library = data;
  GListModel *shown = cs_library_window_get_shown (library);

  if (cs_library_window_get_scanning (library))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (shown, i);

      if (cs_library_item_get_state (item) == CS_LIBRARY_ITEM_PENDING)
        return FALSE;
    }

  return TRUE;
}

static gboolean
library_has_n (gpointer data)
{
  gpointer *args = data;

  return library_settled (args[0])
         && g_list_model_get_n_items (cs_library_window_get_shown (args[0]))
            == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_n (CsLibraryWindow *library,
            guint            n)
{
  gpointer args[2] = { library, GUINT_TO_POINTER (n) };

  g_assert_true (cs_test_wait_until (library_has_n, args, CS_TEST_UI_TIMEOUT_MS));
}

static void
copy_shared (const char *name,
             const char *to)
{
  g_autofree char *from = g_build_filename (g_getenv ("CS_SHARED_DIR"), "slides", name, NULL);
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static CsLibraryItem *
shown_item (CsLibraryWindow *library,
            const char      *name)
{
  GListModel *shown = cs_library_window_get_shown (library);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (shown, i);

      if (g_str_equal (cs_library_item_get_display_name (item), name))
        return item;
    }

  return NULL;
}

static void
edit_tags (CsLibraryWindow *library,
           guint            position,
           const char      *tags)
{
  CsLibraryTagEditor *editor = cs_library_window_edit_tags (library, position);

  cs_library_tag_editor_set (editor, NULL, NULL, tags);
  g_assert_true (cs_library_tag_editor_save (editor));
}

static void
assert_values (CsLibraryFilter *bar,
               CsLibraryFacet   facet,
               const char      *expected)
{
  g_auto(GStrv) values = NULL;
  g_autofree char *joined = NULL;

  cs_library_filter_refresh (bar);
  values = cs_library_filter_get_values (bar, facet);
  joined = g_strjoinv ("|", values);
  g_assert_cmpstr (joined, ==, expected);
}

/* The filter bar, with CMU-1-Small-Region.svs tagged H&E, Skin, "exam",
 * "week 3": the drop-downs offer the values the slides have, a choice
 * keeps only the slides having it, and the tag filter follows edits of
 * the tags; a choice hiding every slide says so, and clearing shows them
 * again. In name order: CMU-1-Small-Region.svs, not-a-slide.svs,
 * small.svs. */
static void
check_filters (CsLibraryWindow *library)
{
  CsLibraryFilter *bar = cs_library_window_get_filter (library);
  GtkStack *stack = cs_test_window_child (library, CS_TYPE_LIBRARY_WINDOW, "grid_stack");

  assert_values (bar, CS_LIBRARY_FACET_STAIN, "H&E");
  assert_values (bar, CS_LIBRARY_FACET_ORGAN, "Skin");
  assert_values (bar, CS_LIBRARY_FACET_TAG, "exam|week 3");
  g_assert_false (cs_library_filter_select (bar, CS_LIBRARY_FACET_STAIN, "PAS"));
  g_assert_false (cs_library_filter_get_active (bar));

  g_assert_true (cs_library_filter_select (bar, CS_LIBRARY_FACET_STAIN, "H&E"));
  g_assert_true (cs_library_filter_get_active (bar));
  wait_for_n (library, 1);
  g_assert_nonnull (shown_item (library, "CMU-1-Small-Region.svs"));
  /* With the search: both must match. */
  cs_library_window_set_search (library, "small.svs");
  wait_for_n (library, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
  cs_library_window_set_search (library, "");
  g_assert_true (cs_library_filter_select (bar, CS_LIBRARY_FACET_STAIN, NULL));
  wait_for_n (library, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "grid");

  /* Tagged while the tag filter is on: the grid and the list follow. */
  edit_tags (library, 2, "exam, unknown");
  assert_values (bar, CS_LIBRARY_FACET_TAG, "exam|unknown|week 3");
  g_assert_true (cs_library_filter_select (bar, CS_LIBRARY_FACET_TAG, "exam"));
  wait_for_n (library, 2);
  edit_tags (library, 0, "week 3");
  wait_for_n (library, 1);
  g_assert_nonnull (shown_item (library, "small.svs"));
  edit_tags (library, 0, "");
  wait_for_n (library, 0);
  /* No slide has "exam" now; still chosen, still offered. */
  assert_values (bar, CS_LIBRARY_FACET_TAG, "week 3|exam");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.clear-filters",
                                             NULL));
  g_assert_false (cs_library_filter_get_active (bar));
  wait_for_n (library, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "grid");
  assert_values (bar, CS_LIBRARY_FACET_TAG, "week 3");
}

static void
test_grid (void)
{
  const char *shared = g_getenv ("CS_SHARED_DIR");
  g_autofree char *slides = shared ? g_build_filename (shared, "slides", "small.svs", NULL) : NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cases = cs_case_store_default_directory ();
  g_autoptr(CsCase) kase = NULL;
  g_autoptr(GFile) folder = NULL;
  CsWindow *window;
  CsLibraryWindow *library;
  CsLibraryItem *item;
  CsLibraryTagEditor *editor;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();
  if (slides == NULL || !g_file_test (slides, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("CS_SHARED_DIR/slides is not available");
      return;
    }

  reset_settings ();
  tmpdir = cs_test_make_tmpdir ();
  nested = g_build_filename (tmpdir, "week 1", "liver", NULL);
  g_assert_cmpint (g_mkdir_with_parents (nested, 0700), ==, 0);
  path = g_build_filename (tmpdir, "small.svs", NULL);
  copy_shared ("small.svs", path);
  kase = cs_test_case_new_citing (path, "Granulomatous hepatitis?");
  cs_test_case_save (cases, kase);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (nested, "CMU-1-Small-Region.svs", NULL);
  copy_shared ("CMU-1-Small-Region.svs", path);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (nested, "not-a-slide.svs", NULL);
  copy_shared ("not-a-slide.svs", path);
  g_clear_pointer (&path, g_free);

  window = cs_test_window_new (NULL);
  library = cs_window_open_library (window);
  gtk_window_set_default_size (GTK_WINDOW (library), 900, 640);
  folder = g_file_new_for_path (tmpdir);
  g_assert_true (cs_library_window_add_collection (library, folder));
  wait_for_n (library, 3);

  item = shown_item (library, "CMU-1-Small-Region.svs");
  g_assert_nonnull (item);
  g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_READY);
  g_assert_nonnull (cs_library_item_get_thumbnail_path (item));
  item = shown_item (library, "not-a-slide.svs");
  g_assert_nonnull (item);
  g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_FAILED);
  g_assert_nonnull (cs_library_item_get_error (item));
  cs_test_window_save_screenshot (GTK_WIDGET (library), "library.png");

  /* Sort orders: by size the larger slide first; by name, whatever the key ties on. */
  g_assert_cmpint (cs_library_item_compare (shown_item (library, "CMU-1-Small-Region.svs"),
                                            shown_item (library, "small.svs"),
                                            CS_LIBRARY_SORT_SIZE), <, 0);
  g_assert_cmpint (cs_library_item_compare (shown_item (library, "small.svs"),
                                            shown_item (library, "CMU-1-Small-Region.svs"),
                                            CS_LIBRARY_SORT_NAME), >, 0);
  g_assert_true (cs_library_item_matches (shown_item (library, "small.svs"), NULL));

  cs_library_window_set_search (library, "cmu-1");
  wait_for_n (library, 1);
  g_assert_nonnull (shown_item (library, "CMU-1-Small-Region.svs"));
  /* The text of a case citing the slide. */
  cs_library_window_set_search (library, "GRANULOMATOUS");
  wait_for_n (library, 1);
  g_assert_nonnull (shown_item (library, "small.svs"));
  cs_library_window_set_search (library, "");
  wait_for_n (library, 3);

  /* Tags: edited, saved, searched; a slide that cannot be read has none. */
  editor = cs_library_window_edit_tags (library, 0);
  cs_library_tag_editor_set (editor, "H&E", " Skin ", "exam, week 3,,");
  g_assert_true (cs_library_tag_editor_save (editor));
  item = shown_item (library, "CMU-1-Small-Region.svs");
  g_assert_cmpstr (cs_library_item_get_stain (item), ==, "H&E");
  g_assert_cmpstr (cs_library_item_get_organ (item), ==, "Skin");
  g_assert_cmpuint (g_strv_length ((char **) cs_library_item_get_tags (item)), ==, 2);
  cs_library_window_set_search (library, "WEEK 3");
  wait_for_n (library, 1);
  cs_library_window_set_search (library, "skin");
  wait_for_n (library, 1);
  g_assert_nonnull (shown_item (library, "CMU-1-Small-Region.svs"));
  cs_library_window_set_search (library, "");
  wait_for_n (library, 3);
  editor = cs_library_window_edit_tags (library, 1);
  cs_library_tag_editor_set (editor, "PAS", NULL, NULL);
  g_assert_false (cs_library_tag_editor_save (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  check_filters (library);

  /* Added while the library is open: the monitor notices, and the
   * rescan keeps the items of the slides it had. */
  item = shown_item (library, "CMU-1-Small-Region.svs");
  path = g_build_filename (nested, "boxes.tiff", NULL);
  copy_shared ("boxes.tiff", path);
  g_clear_pointer (&path, g_free);
  wait_for_n (library, 4);
  g_assert_nonnull (shown_item (library, "boxes.tiff"));
  g_assert_true (shown_item (library, "CMU-1-Small-Region.svs") == item);

  /* In name order, boxes.tiff first. */
  g_assert_cmpuint (cs_window_get_n_pages (window), ==, 0);
  cs_library_window_activate (library, 0);
  g_assert_cmpuint (cs_window_get_n_pages (window), ==, 1);

  gtk_window_destroy (GTK_WINDOW (library));
  cs_test_ui_window_destroy (GTK_WINDOW (window));
  cs_test_remove_tree (tmpdir);
}

static gboolean
library_lists_n (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (cs_library_window_get_shown (args[0]))
         == GPOINTER_TO_UINT (args[1]);
}

static guint
count_pending (GListModel *shown)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (shown, i);

      n += cs_library_item_get_state (item) == CS_LIBRARY_ITEM_PENDING;
    }

  return n;
}

/* A collection of 100 generated slides: the grid lists them all, as
 * placeholders, before the readers are done, then fills every one in. */
static void
test_hundred (void)
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  CsLibraryWindow *library;
  GListModel *shown;
  gpointer args[2] = { NULL, GUINT_TO_POINTER (100) };

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  reset_settings ();
  tmpdir = cs_test_make_tmpdir ();
  g_assert_true (cs_bench_write_library (tmpdir, 100, 7, &error));
  g_assert_no_error (error);
  library = g_object_ref (cs_library_window_new (NULL, reset_settings ()));
  gtk_window_present (GTK_WINDOW (library));
  folder = g_file_new_for_path (tmpdir);
  g_assert_true (cs_library_window_add_collection (library, folder));
  shown = cs_library_window_get_shown (library);
  args[0] = library;

  g_assert_true (cs_test_wait_until (library_lists_n, args, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (count_pending (shown), >, 0);
  g_assert_true (cs_library_window_get_scanning (library));

  wait_for_n (library, 100);
  g_assert_cmpuint (count_pending (shown), ==, 0);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (shown, i);

      g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_READY);
      g_assert_true (g_file_test (cs_library_item_get_thumbnail_path (item),
                                  G_FILE_TEST_IS_REGULAR));
    }

  cs_test_ui_window_destroy (GTK_WINDOW (library));
  cs_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/library-window/collections", test_collections);
  g_test_add_func ("/library-window/window", test_window);
  g_test_add_func ("/library-window/action", test_action);
  g_test_add_func ("/library-window/grid", test_grid);
  g_test_add_func ("/library-window/hundred", test_hundred);

  return cs_test_window_run ();
}
