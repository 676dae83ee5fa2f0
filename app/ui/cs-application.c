/* cs-application.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-application"

#include "config.h"

#include "cs-application-private.h"
#include "cs-archive-servers.h"
#include "cs-settings.h"
#include "cs-window.h"

#include <glib/gi18n.h>

/* The application: the slides given on the command line (or handed over by
 * the desktop) open as tabs of one window, the active one if there is one;
 * without files, a window shows its start page. Windows do the work; this
 * file only creates them. App-wide actions live in
 * cs-application-actions.c. */

G_DEFINE_FINAL_TYPE (CsApplication, cs_application, ADW_TYPE_APPLICATION)

static void
cs_application_activate (GApplication *application)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    window = GTK_WINDOW (cs_window_new (GTK_APPLICATION (application)));

  gtk_window_present (window);
}

static void
cs_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (!CS_IS_WINDOW (window))
    window = GTK_WINDOW (cs_window_new (GTK_APPLICATION (application)));

  for (int i = 0; i < n_files; i++)
    cs_window_open (CS_WINDOW (window), files[i]);

  gtk_window_present (window);
}

static gboolean
style_to_color_scheme (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  if (g_str_equal (style, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (style, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);

  return TRUE;
}

/* The "style" setting: follow the system's light or dark preference (the
 * default, as AdwStyleManager does by itself) or force one. */
static void
cs_application_bind_style (void)
{
  GSettings *settings = cs_settings_get_default ();

  if (settings == NULL)
    return;

  g_settings_bind_with_mapping (settings, "style", adw_style_manager_get_default (),
                                "color-scheme", G_SETTINGS_BIND_GET,
                                style_to_color_scheme, NULL, NULL, NULL);
}

static void
cs_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (cs_application_parent_class)->startup (application);

  g_set_application_name (_("Consilium"));
  gtk_window_set_default_icon_name (APP_ID);

  _cs_application_actions_init (CS_APPLICATION (application));
  cs_application_bind_style ();
  /* The DICOMweb client asks for the slide archives' credentials here. */
  if (cs_settings_get_default () != NULL)
    cs_archive_servers_install (cs_settings_get_default ());
}

static void
cs_application_class_init (CsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = cs_application_activate;
  app_class->open = cs_application_open;
  app_class->startup = cs_application_startup;
}

static void
cs_application_init (CsApplication *self)
{
  _cs_application_options_init (self);
}

CsApplication *
cs_application_new (void)
{
  /* The resource base path is fixed: a .Devel application ID must not move
   * gtk/help-overlay.ui. */
  return g_object_new (CS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/consilium/Consilium",
                       NULL);
}
