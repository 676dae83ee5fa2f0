/* cs-window-views-edit.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-views-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-annotation-store.h"
#include "cs-saved-views-store.h"
#include "cs-window-private.h"

/* Editing the selected slide's saved views: win.edit-view (name and note),
 * win.delete-view, win.move-view-up and win.move-view-down, each with the
 * view's id. Every edit reads the views afresh, changes them and writes
 * them whole (atomically); a failed write changes nothing on disk and is
 * told in a toast. */

/**
 * _cs_window_edit_view:
 *
 * Applies @edit to the view @id of the selected slide and writes the
 * views. Returns FALSE (told in a toast) when the view is gone or the
 * write failed.
 */
gboolean
_cs_window_edit_view (CsWindow   *self,
                      const char *id,
                      CsViewEdit  edit,
                      gpointer    data)
{
  g_autofree char *directory = cs_annotation_store_default_directory ();
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(GError) error = NULL;
  const char *sha256 = NULL;
  guint index;

  views = _cs_window_load_saved_views (self, &sha256, &error);
  if (views != NULL &&
      !g_ptr_array_find (views->views, cs_saved_views_find_view (views, id), &index))
    g_set_error_literal (&error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                         _("This saved view is no longer there"));
  if (error == NULL)
    {
      edit (views, index, data);
      cs_saved_views_save (views, directory, sha256, &error);
    }
  if (error != NULL)
    {
      _cs_window_toast (self, error->message);
      return FALSE;
    }
  _cs_window_refresh_tour_editor (self);

  return TRUE;
}

static void
delete_view (CsSavedViews *views,
             guint         index,
             gpointer      data)
{
  g_ptr_array_remove_index (views->views, index);
}

static void
move_view (CsSavedViews *views,
           guint         index,
           gpointer      data)
{
  int to = (int) index + GPOINTER_TO_INT (data);
  gpointer view;

  if (to < 0 || to >= (int) views->views->len)
    return;
  view = g_ptr_array_steal_index (views->views, index);
  g_ptr_array_insert (views->views, to, view);
}

/* @data: a (name, note) pair of strings; an empty note removes it. */
static void
edit_view (CsSavedViews *views,
           guint         index,
           gpointer      data)
{
  CsSavedView *view = g_ptr_array_index (views->views, index);
  const char **text = data;

  g_free (view->name);
  view->name = g_strdup (text[0]);
  g_free (view->note);
  view->note = *text[1] != '\0' ? g_strdup (text[1]) : NULL;
}

static void
cs_window_views_edit (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  const char *id = g_variant_get_string (param, NULL);

  if (g_str_equal (action_name, "win.delete-view"))
    _cs_window_edit_view (CS_WINDOW (widget), id, delete_view, NULL);
  else if (g_str_equal (action_name, "win.move-view-up"))
    _cs_window_edit_view (CS_WINDOW (widget), id, move_view, GINT_TO_POINTER (-1));
  else
    _cs_window_edit_view (CS_WINDOW (widget), id, move_view, GINT_TO_POINTER (1));
}

static void
on_edit_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CsWindow         *self)
{
  const char *text[2];

  if (g_strcmp0 (response, "save") != 0)
    return;
  text[0] = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "view-name"));
  text[1] = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "view-note"));
  if (*text[0] != '\0')
    _cs_window_edit_view (self, g_object_get_data (G_OBJECT (dialog), "view-id"), edit_view,
                          text);
}

static GtkWidget *
cs_window_views_edit_entry (GtkWidget  *dialog,
                            GtkWidget  *box,
                            const char *key,
                            const char *label,
                            const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_object_set_data (G_OBJECT (dialog), key, entry);
  gtk_box_append (GTK_BOX (box), entry);

  return entry;
}

static void
cs_window_views_edit_dialog (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autoptr(CsSavedViews) views = _cs_window_toast_saved_views (self);
  const char *id = g_variant_get_string (param, NULL);
  CsSavedView *view = views != NULL ? cs_saved_views_find_view (views, id) : NULL;
  GtkWidget *dialog, *box;

  if (view == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Edit View"), NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  cs_window_views_edit_entry (dialog, box, "view-name", _("Name"), view->name);
  cs_window_views_edit_entry (dialog, box, "view-note", _("Note"), view->note);
  g_object_set_data_full (G_OBJECT (dialog), "view-id", g_strdup (id), g_free);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _cs_window_views_edit_menu:
 *
 * Returns: (transfer full): the submenu editing @view: Edit…, Move Up,
 * Move Down, Delete.
 */
GMenuModel *
_cs_window_views_edit_menu (const CsSavedView *view)
{
  static const struct { const char *label; const char *action; } items[] = {
    { N_("Edit…"), "win.edit-view" },
    { N_("Move Up"), "win.move-view-up" },
    { N_("Move Down"), "win.move-view-down" },
    { N_("Delete"), "win.delete-view" },
  };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action,
                                               g_variant_new_string (view->id));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

void
_cs_window_class_views_edit_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.edit-view", "s",
                                   cs_window_views_edit_dialog);
  gtk_widget_class_install_action (widget_class, "win.delete-view", "s", cs_window_views_edit);
  gtk_widget_class_install_action (widget_class, "win.move-view-up", "s", cs_window_views_edit);
  gtk_widget_class_install_action (widget_class, "win.move-view-down", "s", cs_window_views_edit);
}
