/* test-style.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-style"

#include "config.h"

#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-test-gnome.h"

/* Dark style: the application follows the system's style by default, and
 * the preferences' Style row (the "style" key) forces light or dark on
 * every window at once. Needs a display. */

static void
test_style_follows_setting (void)
{
  GSettings *settings = cs_settings_get_default ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *style = NULL;
  CsTestGnome gnome = { 0 };
  GtkWidget *preferences;
  AdwComboRow *row;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_nonnull (settings);
  g_settings_reset (settings, "style");
  cs_test_gnome_setup (&gnome);

  /* By default the system decides: libadwaita's own default. */
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  g_settings_set_string (settings, "style", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));

  /* The preferences show the setting and set it. */
  preferences = cs_preferences_window_new (settings);
  row = cs_test_window_child (preferences, CS_TYPE_PREFERENCES_WINDOW, "style_row");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  adw_combo_row_set_selected (row, 1);
  style = g_settings_get_string (settings, "style");
  g_assert_cmpstr (style, ==, "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==,
                   ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (manager));
  adw_combo_row_set_selected (row, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (preferences));

  cs_test_gnome_teardown (&gnome);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/style/follows-setting", test_style_follows_setting);

  return cs_test_window_run ();
}
