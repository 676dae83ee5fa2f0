/* cs-application-actions.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-application-actions"

#include "config.h"

#include "cs-about.h"
#include "cs-application-private.h"
#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-window.h"

#include <glib/gi18n.h>

/* App-wide actions: quit, about, open, preferences and the shortcuts
 * window. Window actions (win.open, win.export-view…) and the view's
 * (view.zoom-in…) are installed on their classes. */

static void
cs_application_actions_quit (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Close rather than destroy, so each window saves its size; the
   * application quits when the last one is gone. */
  windows = g_list_copy (gtk_application_get_windows (app));
  if (windows == NULL)
    g_application_quit (G_APPLICATION (app));

  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
cs_application_actions_about (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *about = cs_about_window_new (gtk_application_get_active_window (app));

  gtk_window_present (about);
}

static void
cs_application_actions_open (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window;

  window = gtk_application_get_active_window (app);
  if (!CS_IS_WINDOW (window))
    {
      window = GTK_WINDOW (cs_window_new (app));
      gtk_window_present (window);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL);
}

static void
cs_application_actions_preferences (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GSettings *settings = cs_settings_get_default ();
  GtkWidget *preferences;

  if (settings == NULL)
    return;

  preferences = cs_preferences_window_new (settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), gtk_application_get_active_window (app));
  gtk_window_set_modal (GTK_WINDOW (preferences), TRUE);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
cs_application_actions_shortcuts (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* GtkApplication gives each window gtk/help-overlay.ui from the
   * resources, and the action showing it. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", cs_application_actions_quit },
  { "about", cs_application_actions_about },
  { "open", cs_application_actions_open },
  { "preferences", cs_application_actions_preferences },
  { "shortcuts", cs_application_actions_shortcuts },
};

void
_cs_application_actions_init (CsApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  GAction *preferences;

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);

  /* Without a settings schema there is nothing to set. */
  preferences = g_action_map_lookup_action (G_ACTION_MAP (self), "preferences");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (preferences), cs_settings_get_default () != NULL);
}
