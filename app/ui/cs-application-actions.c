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

/* app.open-uri: a file just written (a toast's "Open"), in its default
 * application; through the OpenURI portal in a sandbox. */
static void
cs_application_actions_open_uri (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri (window, g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

/* Without a file manager on the bus: the folder, opened, without the
 * file selected. */
static void
cs_application_actions_show_folder_of (GtkApplication *app,
                                       const char     *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *folder_uri = NULL;

  if (folder == NULL)
    return;
  folder_uri = g_file_get_uri (folder);
  gtk_show_uri (gtk_application_get_active_window (app), folder_uri, GDK_CURRENT_TIME);
}

typedef struct
{
  GtkApplication *app;
  char           *uri;
} ShowItems;

static void
on_show_items_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ShowItems *show = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_debug ("FileManager1.ShowItems: %s", error->message);
      cs_application_actions_show_folder_of (show->app, show->uri);
    }

  g_object_unref (show->app);
  g_free (show->uri);
  g_free (show);
}

/* app.show-in-files: the folder of a file just written, the file selected
 * in it (org.freedesktop.FileManager1, which Files and the other file
 * managers implement). */
static void
cs_application_actions_show_in_files (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (app));
  const char *uri = g_variant_get_string (param, NULL);
  const char *uris[] = { uri, NULL };
  ShowItems *show;

  if (bus == NULL)
    {
      cs_application_actions_show_folder_of (app, uri);
      return;
    }

  show = g_new0 (ShowItems, 1);
  show->app = g_object_ref (app);
  show->uri = g_strdup (uri);
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_show_items_cb, show);
}

static const GActionEntry app_entries[] = {
  { "quit", cs_application_actions_quit },
  { "about", cs_application_actions_about },
  { "open", cs_application_actions_open },
  { "preferences", cs_application_actions_preferences },
  { "shortcuts", cs_application_actions_shortcuts },
  { "open-uri", cs_application_actions_open_uri, "s" },
  { "show-in-files", cs_application_actions_show_in_files, "s" },
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
