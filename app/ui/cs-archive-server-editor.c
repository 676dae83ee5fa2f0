/* cs-archive-server-editor.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-archive-server-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-archive-server-editor.h"
#include "cs-archive-servers.h"
#include "cs-secret-store.h"

/* One server's name, base URL and authentication, in a window over the
 * preferences. The password or token goes to the secret store, never to
 * GSettings; when editing, an empty secret keeps the stored one (moved
 * along when the URL changes). Secrets are written first, so that a
 * keyring failure leaves the list as it was. */

struct _CsArchiveServerEditor
{
  GtkBox               parent_instance;

  /* Template Widgets */
  AdwWindowTitle      *window_title;
  AdwEntryRow         *name_row;
  AdwEntryRow         *url_row;
  AdwComboRow         *auth_row;
  AdwEntryRow         *user_row;
  AdwEntryRow         *secret_row;
  GtkLabel            *error_label;

  /* Owned References */
  GSettings           *settings;
  char                *old_url;    /* NULL for a new server */

  int                  index;
};

G_DEFINE_FINAL_TYPE (CsArchiveServerEditor, cs_archive_server_editor, GTK_TYPE_BOX)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_archive_server_editor_update_auth (CsArchiveServerEditor *self)
{
  CsDicomwebAuth auth = adw_combo_row_get_selected (self->auth_row);

  gtk_widget_set_visible (GTK_WIDGET (self->user_row), auth == CS_DICOMWEB_AUTH_BASIC);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), auth != CS_DICOMWEB_AUTH_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 auth == CS_DICOMWEB_AUTH_BEARER ? _("Token") : _("Password"));
}

static CsArchiveServer *
cs_archive_server_editor_get_server (CsArchiveServerEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *url = cs_archive_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));

  return cs_archive_server_new (name, url, adw_combo_row_get_selected (self->auth_row), user);
}

/* Stores, moves or clears the secret for @server. */
static gboolean
cs_archive_server_editor_save_secret (CsArchiveServerEditor  *self,
                                      const CsArchiveServer  *server,
                                      GError                **error)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  g_autofree char *label = g_strdup_printf (_("Consilium slide archive “%s”"), server->name);
  gboolean moved = self->old_url != NULL && !g_str_equal (self->old_url, server->url);
  char *secret = NULL;
  gboolean ok;

  if (server->auth == CS_DICOMWEB_AUTH_NONE)
    return cs_secret_store_clear (server->url, error) &&
           (self->old_url == NULL || cs_secret_store_clear (self->old_url, error));

  if (typed[0] != '\0')
    secret = g_strdup (typed);
  else if (self->old_url != NULL)
    {
      secret = cs_secret_store_lookup (self->old_url, error);
      if (secret == NULL && error != NULL && *error != NULL)
        return FALSE;
    }
  if (secret == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           server->auth == CS_DICOMWEB_AUTH_BEARER ? _("Enter the token")
                                                                   : _("Enter the password"));
      return FALSE;
    }

  ok = cs_secret_store_save (server->url, label, secret, error) &&
       (!moved || cs_secret_store_clear (self->old_url, error));
  cs_secret_store_free_secret (secret);

  return ok;
}

/**
 * cs_archive_server_editor_save:
 *
 * Checks the server, stores its secret and saves the list.
 *
 * Returns: %FALSE with @error when something is missing or wrong; nothing
 *   is saved then
 */
gboolean
cs_archive_server_editor_save (CsArchiveServerEditor  *self,
                               GError                **error)
{
  g_autoptr(GPtrArray) servers = cs_archive_servers_load (self->settings);
  g_autoptr(CsArchiveServer) server = cs_archive_server_editor_get_server (self);

  g_return_val_if_fail (CS_IS_ARCHIVE_SERVER_EDITOR (self), FALSE);

  if (!cs_archive_server_check (servers, server, self->old_url, error) ||
      !cs_archive_server_editor_save_secret (self, server, error))
    return FALSE;

  if (self->index >= 0 && (guint) self->index < servers->len)
    {
      cs_archive_server_free (servers->pdata[self->index]);
      servers->pdata[self->index] = g_steal_pointer (&server);
    }
  else
    g_ptr_array_add (servers, g_steal_pointer (&server));
  cs_archive_servers_save (self->settings, servers);

  return TRUE;
}

static void
cs_archive_server_editor_save_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CsArchiveServerEditor *self = CS_ARCHIVE_SERVER_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!cs_archive_server_editor_save (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
cs_archive_server_editor_cancel_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  g_signal_emit (widget, signals[FINISHED], 0);
}

static void
cs_archive_server_editor_fill (CsArchiveServerEditor *self)
{
  g_autoptr(GPtrArray) servers = cs_archive_servers_load (self->settings);
  const CsArchiveServer *server;

  if (self->index < 0 || (guint) self->index >= servers->len)
    {
      self->index = -1;
      adw_window_title_set_title (self->window_title, _("Add Server"));
      cs_archive_server_editor_update_auth (self);
      return;
    }

  server = g_ptr_array_index (servers, self->index);
  self->old_url = g_strdup (server->url);
  adw_window_title_set_title (self->window_title, _("Edit Server"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), server->name);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), server->url);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), server->username);
  adw_combo_row_set_selected (self->auth_row, server->auth);
  if (server->auth != CS_DICOMWEB_AUTH_NONE)
    adw_window_title_set_subtitle (self->window_title,
                                   _("Leave the password or token empty to keep the stored one"));
  cs_archive_server_editor_update_auth (self);
}

static void
cs_archive_server_editor_dispose (GObject *object)
{
  CsArchiveServerEditor *self = CS_ARCHIVE_SERVER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_ARCHIVE_SERVER_EDITOR);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->old_url, g_free);

  G_OBJECT_CLASS (cs_archive_server_editor_parent_class)->dispose (object);
}

static void
cs_archive_server_editor_class_init (CsArchiveServerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_archive_server_editor_dispose;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-archive-server-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CsArchiveServerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveServerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveServerEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveServerEditor, auth_row);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveServerEditor, user_row);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveServerEditor, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveServerEditor, error_label);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   cs_archive_server_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL,
                                   cs_archive_server_editor_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
cs_archive_server_editor_init (CsArchiveServerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->auth_row, "notify::selected",
                           G_CALLBACK (cs_archive_server_editor_update_auth), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
cs_archive_server_editor_new (GSettings *settings,
                              int        index)
{
  CsArchiveServerEditor *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CS_TYPE_ARCHIVE_SERVER_EDITOR, NULL);
  self->settings = g_object_ref (settings);
  self->index = index;
  cs_archive_server_editor_fill (self);

  return GTK_WIDGET (self);
}
