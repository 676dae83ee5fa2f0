/* cs-archive-preferences.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-archive-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-archive-preferences.h"
#include "cs-archive-server-editor.h"
#include "cs-archive-servers.h"
#include "cs-secret-store.h"

/* The "Slide Archives" group of the preferences: a row per DICOMweb
 * server in the "dicomweb-servers" key, with buttons to edit and remove
 * it, and one to add a server. The rows follow the key. Editing opens
 * CsArchiveServerEditor in a modal window over the preferences. */

struct _CsArchivePreferences
{
  AdwPreferencesGroup  parent_instance;

  /* Owned References */
  GSettings           *settings;
  GPtrArray           *rows;       /* the rows shown, in the group */
};

G_DEFINE_FINAL_TYPE (CsArchivePreferences, cs_archive_preferences, ADW_TYPE_PREFERENCES_GROUP)

static const char *
auth_description (CsDicomwebAuth auth)
{
  switch (auth)
    {
    case CS_DICOMWEB_AUTH_BASIC:
      return _("user name and password");
    case CS_DICOMWEB_AUTH_BEARER:
      return _("bearer token");
    case CS_DICOMWEB_AUTH_NONE:
    default:
      return _("no authentication");
    }
}

static GtkWidget *
make_row_button (const char *icon_name,
                 const char *label,
                 const char *action,
                 guint       index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);

  return button;
}

static GtkWidget *
make_server_row (const CsArchiveServer *server,
                 guint                  index)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", server->url,
                                               auth_description (server->auth));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), server->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_row_button ("document-edit-symbolic", _("Edit Server"),
                                              "archives.edit", index));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_row_button ("user-trash-symbolic", _("Remove Server"),
                                              "archives.remove", index));

  return row;
}

static void
cs_archive_preferences_rebuild (CsArchivePreferences *self)
{
  g_autoptr(GPtrArray) servers = cs_archive_servers_load (self->settings);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < servers->len; i++)
    g_ptr_array_add (self->rows, make_server_row (g_ptr_array_index (servers, i), i));
  if (servers->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No slide archives yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add the DICOMweb server of a hospital to open its slides"));
      gtk_widget_add_css_class (row, "dim-label");
      g_ptr_array_add (self->rows, row);
    }
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
}

static void
on_editor_finished_cb (GtkWindow             *dialog,
                       CsArchiveServerEditor *editor)
{
  gtk_window_destroy (dialog);
}

GtkWidget *
cs_archive_preferences_edit (CsArchivePreferences *self,
                             int                   index)
{
  GtkRoot *root;
  GtkWidget *editor;
  GtkWidget *dialog;
  GtkEventController *shortcuts;

  g_return_val_if_fail (CS_IS_ARCHIVE_PREFERENCES (self), NULL);

  editor = cs_archive_server_editor_new (self->settings, index);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 480, 600);
  gtk_window_set_title (GTK_WINDOW (dialog), index < 0 ? _("Add Server") : _("Edit Server"));
  adw_window_set_content (ADW_WINDOW (dialog), editor);
  /* Escape cancels, wherever the focus is. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, shortcuts);
  g_signal_connect_object (editor, "finished", G_CALLBACK (on_editor_finished_cb), dialog,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return editor;
}

void
cs_archive_preferences_remove (CsArchivePreferences *self,
                               guint                 index)
{
  g_autoptr(GPtrArray) servers = cs_archive_servers_load (self->settings);
  g_autoptr(GError) error = NULL;
  const CsArchiveServer *server;

  g_return_if_fail (CS_IS_ARCHIVE_PREFERENCES (self));

  if (index >= servers->len)
    return;
  server = g_ptr_array_index (servers, index);
  if (!cs_secret_store_clear (server->url, &error))
    g_warning ("%s", error->message);
  g_ptr_array_remove_index (servers, index);
  cs_archive_servers_save (self->settings, servers);
}

static void
cs_archive_preferences_add_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  cs_archive_preferences_edit (CS_ARCHIVE_PREFERENCES (widget), -1);
}

static void
cs_archive_preferences_edit_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  cs_archive_preferences_edit (CS_ARCHIVE_PREFERENCES (widget), g_variant_get_uint32 (param));
}

static void
cs_archive_preferences_remove_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  cs_archive_preferences_remove (CS_ARCHIVE_PREFERENCES (widget), g_variant_get_uint32 (param));
}

static void
cs_archive_preferences_dispose (GObject *object)
{
  CsArchivePreferences *self = CS_ARCHIVE_PREFERENCES (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_archive_preferences_parent_class)->dispose (object);
}

static void
cs_archive_preferences_class_init (CsArchivePreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_archive_preferences_dispose;

  gtk_widget_class_install_action (widget_class, "archives.add", NULL,
                                   cs_archive_preferences_add_action);
  gtk_widget_class_install_action (widget_class, "archives.edit", "u",
                                   cs_archive_preferences_edit_action);
  gtk_widget_class_install_action (widget_class, "archives.remove", "u",
                                   cs_archive_preferences_remove_action);
}

static void
cs_archive_preferences_init (CsArchivePreferences *self)
{
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Servers"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("DICOMweb archives to open slides from and to file opinions in"));
  gtk_widget_set_tooltip_text (add, _("Add Server"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Server"), -1);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "archives.add");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), add);
}

GtkWidget *
cs_archive_preferences_new (GSettings *settings)
{
  CsArchivePreferences *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CS_TYPE_ARCHIVE_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::dicomweb-servers",
                           G_CALLBACK (cs_archive_preferences_rebuild), self, G_CONNECT_SWAPPED);
  cs_archive_preferences_rebuild (self);

  return GTK_WIDGET (self);
}
