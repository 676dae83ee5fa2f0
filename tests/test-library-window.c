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

#include "cs-library-collections.h"
#include "cs-library-window.h"
#include "cs-settings.h"
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
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "collections");

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

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/library-window/collections", test_collections);
  g_test_add_func ("/library-window/window", test_window);
  g_test_add_func ("/library-window/action", test_action);

  return cs_test_window_run ();
}
