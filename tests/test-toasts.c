/* test-toasts.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-toasts"

#include "config.h"

#include "cs-test-gnome.h"
#include "cs-toast.h"

#include <glib/gstdio.h>

/* Toasts for work done in the background: a file written is announced
 * with a button that opens it or shows it in the file manager, through
 * the application's open-uri and show-in-files actions. Needs a display
 * (the application). */

static void
test_toasts_file_actions (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/a view.png");
  g_autofree char *uri = g_file_get_uri (file);
  const char *actions[] = { "open-uri", "show-in-files" };
  CsTestGnome gnome = { 0 };
  AdwToast *toast;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  toast = g_object_ref_sink (cs_toast_new_for_file ("Exported", file, CS_TOAST_OPEN));
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Exported");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "app.open-uri");
  g_assert_cmpstr (g_variant_get_string (adw_toast_get_action_target_value (toast), NULL), ==, uri);
  g_object_unref (toast);

  toast = g_object_ref_sink (cs_toast_new_for_file ("Saved", file, CS_TOAST_SHOW_IN_FILES));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Show in _Files");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "app.show-in-files");
  g_object_unref (toast);

  /* The actions are there, taking the URI, and enabled. */
  cs_test_gnome_setup (&gnome);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      const GVariantType *type = NULL;

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (gnome.app), actions[i]));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (gnome.app), actions[i]));
      type = g_action_group_get_action_parameter_type (G_ACTION_GROUP (gnome.app), actions[i]);
      g_assert_true (type != NULL && g_variant_type_equal (type, G_VARIANT_TYPE_STRING));
    }
  cs_test_gnome_teardown (&gnome);
}

/* A toast's "Show in Files" button for the file at URI @text. */
static gboolean
is_show_in_files_button (GtkWidget  *widget,
                         const char *text)
{
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_mapped (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                 "app.show-in-files") != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

  return target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), text) == 0;
}

static gboolean
button_shown (gpointer data)
{
  CsTestGnome *gnome = data;

  return cs_test_window_find (GTK_WIDGET (gnome->window), is_show_in_files_button,
                              g_object_get_data (G_OBJECT (gnome->window), "uri")) != NULL;
}

/* Annotations exported in the background: the toast offers the folder. */
static void
test_toasts_annotations_exported (void)
{
  g_autofree char *tmpdir = cs_test_make_tmpdir ();
  g_autofree char *base = g_build_filename (tmpdir, "exported", NULL);
  g_autofree char *path = g_strconcat (base, ".geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  CsTestGnome gnome = { 0 };

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_gnome_setup (&gnome);
  g_object_set_data (G_OBJECT (gnome.window), "uri", uri);
  cs_window_export_annotations (gnome.window, base, CS_ANNOTATION_FORMAT_GEOJSON);
  g_assert_true (cs_test_wait_until (button_shown, &gnome, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  cs_test_gnome_teardown (&gnome);
  cs_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/toasts/file-actions", test_toasts_file_actions);
  g_test_add_func ("/toasts/annotations-exported", test_toasts_annotations_exported);

  return cs_test_window_run ();
}
