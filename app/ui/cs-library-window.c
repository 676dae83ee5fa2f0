/* cs-library-window.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-library-collections.h"
#include "cs-library-window.h"

/* The library window. Its collections are the "library-collections" key;
 * the window rebuilds its list whenever the key changes, so that two
 * windows (or the preferences of another process) stay in step. */

struct _CsLibraryWindow
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  GtkListBox      *collections_list;

  GSettings       *settings;
  GtkFileChooserNative *chooser;
  guint            n_collections;
};

G_DEFINE_FINAL_TYPE (CsLibraryWindow, cs_library_window, ADW_TYPE_WINDOW)

/* Toast titles are markup: @text is escaped. */
static void
cs_library_window_toast (CsLibraryWindow *self,
                         const char      *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_remove_clicked_cb (GtkButton       *button,
                      CsLibraryWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "cs-collection-path");

  cs_library_window_remove_collection (self, path);
}

static GtkWidget *
make_collection_row (CsLibraryWindow *self,
                     const char      *path)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *tooltip = g_strdup_printf (_("Remove the collection “%s”"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("folder-symbolic"));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (remove), "cs-collection-path", g_strdup (path), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
cs_library_window_load (CsLibraryWindow *self)
{
  g_auto(GStrv) paths = cs_library_collections_load (self->settings);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->collections_list))) != NULL)
    gtk_list_box_remove (self->collections_list, child);
  self->n_collections = g_strv_length (paths);
  for (guint i = 0; paths[i] != NULL; i++)
    gtk_list_box_append (self->collections_list, make_collection_row (self, paths[i]));
  gtk_stack_set_visible_child_name (self->main_stack,
                                    self->n_collections > 0 ? "collections" : "empty");
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        CsLibraryWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        cs_library_window_add_collection (self, folder);
    }
  g_clear_object (&self->chooser);
}

static void
cs_library_window_add_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  CsLibraryWindow *self = CS_LIBRARY_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add Collection"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cs_library_window_dispose (GObject *object)
{
  CsLibraryWindow *self = CS_LIBRARY_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_LIBRARY_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_library_window_parent_class)->dispose (object);
}

static void
cs_library_window_class_init (CsLibraryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_library_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-library-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, collections_list);
  gtk_widget_class_install_action (widget_class, "library.add-collection", NULL,
                                   cs_library_window_add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_library_window_init (CsLibraryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CsLibraryWindow *
cs_library_window_new (GtkWindow *parent,
                       GSettings *settings)
{
  CsLibraryWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CS_TYPE_LIBRARY_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::" CS_LIBRARY_COLLECTIONS_KEY,
                           G_CALLBACK (cs_library_window_load), self, G_CONNECT_SWAPPED);
  cs_library_window_load (self);

  return self;
}

guint
cs_library_window_get_n_collections (CsLibraryWindow *self)
{
  g_return_val_if_fail (CS_IS_LIBRARY_WINDOW (self), 0);

  return self->n_collections;
}

/* Adds @folder, or shows why it cannot be added. */
gboolean
cs_library_window_add_collection (CsLibraryWindow *self,
                                  GFile           *folder)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CS_IS_LIBRARY_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  if (cs_library_collections_add (self->settings, folder, &error))
    return TRUE;
  cs_library_window_toast (self, error->message);

  return FALSE;
}

void
cs_library_window_remove_collection (CsLibraryWindow *self,
                                     const char      *path)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (CS_IS_LIBRARY_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (!cs_library_collections_remove (self->settings, path))
    return;
  name = g_path_get_basename (path);
  /* Translators: the slides stay where they are; only the library forgets the folder. */
  message = g_strdup_printf (_("Collection “%s” removed; its slides were not deleted"), name);
  cs_library_window_toast (self, message);
}
