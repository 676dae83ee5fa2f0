/* cs-window-views.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-views"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-annotation-store.h"
#include "cs-saved-views-store.h"
#include "cs-window-private.h"

/* Saved views of the selected slide. win.save-view (Ctrl+B, for bookmark:
 * Ctrl+D duplicates annotations) asks a name and a note and stores the
 * active view's centre, zoom and rotation; win.go-to-view (the view's id) glides there. The header bar's Views
 * button lists the slide's views, read from the store each time it opens.
 * Every change is written whole, atomically, by cs_saved_views_save (). */

/**
 * _cs_window_load_saved_views:
 * @sha256: (out): the selected slide's identity
 *
 * Returns: (nullable): the selected slide's saved views and tours; NULL
 * with @error when its identity is not known yet or its file is damaged.
 */
CsSavedViews *
_cs_window_load_saved_views (CsWindow    *self,
                      const char **sha256,
                      GError     **error)
{
  CsSlidePage *page = _cs_window_get_page (self);
  g_autofree char *directory = cs_annotation_store_default_directory ();

  *sha256 = page != NULL ? cs_slide_page_get_annotation_sha256 (page) : NULL;
  if (*sha256 == NULL)
    {
      g_set_error_literal (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                           _("The slide’s identity is not known yet"));
      return NULL;
    }

  return cs_saved_views_load (directory, *sha256, error);
}

/**
 * _cs_window_toast_saved_views:
 *
 * Returns: (nullable): as _cs_window_load_saved_views (), telling the user
 * why there are none.
 */
CsSavedViews *
_cs_window_toast_saved_views (CsWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *sha256 = NULL;
  CsSavedViews *views = _cs_window_load_saved_views (self, &sha256, &error);

  if (views == NULL)
    _cs_window_toast (self, error->message);

  return views;
}

/**
 * _cs_window_save_view:
 *
 * Adds the active view of the selected slide, as @name with @note, to its
 * saved views and writes them. Returns the new view's id.
 */
char *
_cs_window_save_view (CsWindow   *self,
                      const char *name,
                      const char *note,
                      GError    **error)
{
  CsSlideView *view = _cs_window_get_ready_view (self);
  g_autoptr(CsSavedViews) views = NULL;
  g_autofree char *directory = cs_annotation_store_default_directory ();
  const char *sha256 = NULL;
  CsSavedView *saved;
  CsViewport viewport;
  double x, y;

  if (view == NULL)
    {
      g_set_error_literal (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                           _("No slide is shown"));
      return NULL;
    }
  views = _cs_window_load_saved_views (self, &sha256, error);
  if (views == NULL)
    return NULL;

  cs_slide_view_get_viewport (view, &viewport);
  cs_viewport_get_center (&viewport, &x, &y);
  saved = cs_saved_view_new (name, note != NULL && *note != '\0' ? note : NULL,
                             x, y, viewport.zoom, viewport.rotation);
  g_ptr_array_add (views->views, saved);
  if (!cs_saved_views_save (views, directory, sha256, error))
    return NULL;
  _cs_window_refresh_tour_editor (self);

  return g_strdup (saved->id);
}

static void
on_save_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CsWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *name, *note;

  if (g_strcmp0 (response, "save") != 0)
    return;

  name = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "view-name"));
  note = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "view-note"));
  id = _cs_window_save_view (self, *name != '\0' ? name : _("Untitled View"), note, &error);
  if (id == NULL)
    _cs_window_toast (self, error->message);
  else
    _cs_window_toast (self, _("View saved"));
}

static GtkWidget *
cs_window_views_entry (AdwMessageDialog *dialog,
                       GtkBox           *box,
                       const char       *key,
                       const char       *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  gtk_box_append (box, entry);
  g_object_set_data (G_OBJECT (dialog), key, entry);

  return entry;
}

static void
cs_window_views_save (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  GtkWidget *dialog, *box, *name;

  if (_cs_window_get_ready_view (self) == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save View"),
                                   _("The centre, zoom and rotation of the view are kept with the slide."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  name = cs_window_views_entry (ADW_MESSAGE_DIALOG (dialog), GTK_BOX (box), "view-name",
                                _("Name"));
  cs_window_views_entry (ADW_MESSAGE_DIALOG (dialog), GTK_BOX (box), "view-note", _("Note"));
  gtk_entry_set_activates_default (GTK_ENTRY (name), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

static void
cs_window_views_go_to (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  CsSlideView *view = _cs_window_get_ready_view (self);
  g_autoptr(CsSavedViews) views = NULL;
  CsSavedView *saved;

  if (view == NULL || (views = _cs_window_toast_saved_views (self)) == NULL)
    return;
  saved = cs_saved_views_find_view (views, g_variant_get_string (param, NULL));
  if (saved == NULL)
    {
      _cs_window_toast (self, _("This saved view is no longer there"));
      return;
    }
  cs_slide_view_glide_to (view, saved->x, saved->y, saved->zoom, saved->rotation);
}

/* A section of the slide's tours, each item playing one. */
static void
cs_window_views_append_tours (GMenu              *menu,
                              const CsSavedViews *views)
{
  g_autoptr(GMenu) tours = g_menu_new ();

  for (guint i = 0; views != NULL && i < views->tours->len; i++)
    {
      CsTour *tour = g_ptr_array_index (views->tours, i);
      /* TRANSLATORS: a menu item; %s is the tour's name */
      g_autofree char *label = g_strdup_printf (_("Play Tour “%s”"), tour->name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.play-tour",
                                               g_variant_new_string (tour->id));
      g_menu_append_item (tours, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (tours)) > 0)
    g_menu_append_section (menu, _("Tours"), G_MENU_MODEL (tours));
}

/* The Views button's menu: the selected slide's views, as they are now. */
static void
cs_window_views_fill_menu (GtkMenuButton *button,
                           gpointer       user_data)
{
  CsWindow *self = CS_WINDOW (user_data);
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) list = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  const char *sha256 = NULL;

  views = _cs_window_load_saved_views (self, &sha256, NULL);
  for (guint i = 0; views != NULL && i < views->views->len; i++)
    {
      CsSavedView *saved = g_ptr_array_index (views->views, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (saved->name, NULL);
      g_autoptr(GMenuModel) edit = _cs_window_views_edit_menu (saved);

      g_menu_item_set_action_and_target_value (item, "win.go-to-view",
                                               g_variant_new_string (saved->id));
      g_menu_append_item (list, item);
      g_menu_append_submenu (manage, saved->name, edit);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (list)) > 0)
    g_menu_append_section (menu, _("Views"), G_MENU_MODEL (list));
  cs_window_views_append_tours (menu, views);
  g_menu_append (menu, _("Save View…"), "win.save-view");
  g_menu_append (menu, _("Edit Tours…"), "win.edit-tours");
  if (g_menu_model_get_n_items (G_MENU_MODEL (manage)) > 0)
    g_menu_append_submenu (menu, _("Manage Views"), G_MENU_MODEL (manage));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

void
_cs_window_views_init (CsWindow *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "starred-symbolic");
  gtk_widget_set_tooltip_text (button, _("Saved Views"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saved Views"), -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button),
                                         cs_window_views_fill_menu, self, NULL);
  gtk_widget_set_name (button, "views_button");
  cs_window_views_fill_menu (GTK_MENU_BUTTON (button), self);
  adw_header_bar_pack_end (self->header_bar, button);
}

void
_cs_window_class_views_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, cs_window_views_save);
  gtk_widget_class_install_action (widget_class, "win.go-to-view", "s", cs_window_views_go_to);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "win.save-view", NULL);
}
