/* cs-test-gnome.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-application.h"
#include "cs-test-window.h"

G_BEGIN_DECLS

/* For the tests of the GNOME conventions (test-shortcuts,
 * test-accessibility): the application, registered, with one window
 * showing everything a user can reach at once: a slide open, the
 * annotation panel and the report pane shown. Header-only. */

static CsApplication *cs_test_gnome_app;

typedef struct
{
  CsApplication *app;
  CsWindow      *window;
  char          *sample;
} CsTestGnome;

static inline gboolean
cs_test_gnome_revealed (gpointer data)
{
  GtkRevealer *revealer = cs_test_window_child (data, CS_TYPE_WINDOW, "report_revealer");

  return gtk_revealer_get_child_revealed (revealer);
}

static inline void
cs_test_gnome_setup (CsTestGnome *gnome)
{
  g_autoptr(GError) error = NULL;

  gnome->sample = cs_test_sample_slide ();
  g_assert_nonnull (gnome->sample);

  /* One application for the program (it names itself, once); no session
   * bus under Xvfb: a plain, non-unique process. */
  if (cs_test_gnome_app == NULL)
    {
      cs_test_gnome_app = cs_application_new ();
      g_application_set_flags (G_APPLICATION (cs_test_gnome_app), G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (cs_test_gnome_app), NULL, &error));
      g_assert_no_error (error);
    }
  gnome->app = g_object_ref (cs_test_gnome_app);

  gnome->window = cs_test_window_new (GTK_APPLICATION (gnome->app));
  cs_test_window_open_drawn (gnome->window, gnome->sample);
  g_object_set (gnome->window, "show-annotations", TRUE, NULL);
  g_action_group_change_action_state (G_ACTION_GROUP (gnome->window), "show-report",
                                      g_variant_new_boolean (TRUE));
  g_assert_true (cs_test_wait_until (cs_test_gnome_revealed, gnome->window,
                                     CS_TEST_UI_TIMEOUT_MS));
}

/* The shortcuts of all @widget's shortcut controllers. */
static inline GPtrArray *
cs_test_gnome_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *shortcuts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        g_ptr_array_add (shortcuts, g_list_model_get_item (G_LIST_MODEL (controller), j));
    }

  return shortcuts;
}

static inline void
cs_test_gnome_teardown (CsTestGnome *gnome)
{
  gtk_window_destroy (GTK_WINDOW (gnome->window));
  g_clear_object (&gnome->window);
  g_clear_object (&gnome->app);
  g_clear_pointer (&gnome->sample, g_free);
}

G_END_DECLS
