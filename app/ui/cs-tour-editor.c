/* cs-tour-editor.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-tour-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-annotation-store.h"
#include "cs-saved-views-store.h"
#include "cs-tour-editor-private.h"

/* The panel and its tours (new, rename, delete, choose); the stops are in
 * cs-tour-editor-stops.c. Each edit loads the slide's views afresh,
 * changes them and saves them whole; the panel is then filled again from
 * what was saved. */

G_DEFINE_FINAL_TYPE (CsTourEditor, cs_tour_editor, GTK_TYPE_WIDGET)

enum
{
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_tour_editor_dispose (GObject *object)
{
  CsTourEditor *self = CS_TOUR_EDITOR (object);

  g_clear_pointer (&self->card, gtk_widget_unparent);
  g_weak_ref_clear (&self->page);
  g_clear_pointer (&self->tour_id, g_free);
  g_clear_pointer (&self->tour_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_tour_editor_parent_class)->dispose (object);
}

/* Loads the page's views; NULL with @error. */
static CsSavedViews *
cs_tour_editor_load (CsTourEditor *self,
                     char        **sha256,
                     GError      **error)
{
  g_autoptr(CsSlidePage) page = g_weak_ref_get (&self->page);
  g_autofree char *directory = cs_annotation_store_default_directory ();
  const char *identity = page != NULL ? cs_slide_page_get_annotation_sha256 (page) : NULL;

  if (identity == NULL)
    {
      g_set_error_literal (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                           _("The slide’s identity is not known yet"));
      return NULL;
    }
  *sha256 = g_strdup (identity);

  return cs_saved_views_load (directory, identity, error);
}

static void
cs_tour_editor_show_error (CsTourEditor *self,
                           const char   *message)
{
  gtk_label_set_text (GTK_LABEL (self->error), message != NULL ? message : "");
  gtk_widget_set_visible (self->error, message != NULL);
}

gboolean
_cs_tour_editor_apply (CsTourEditor *self,
                       CsTourEdit    edit,
                       gpointer      data,
                       gboolean      need_tour,
                       gboolean      refresh)
{
  g_autofree char *directory = cs_annotation_store_default_directory ();
  g_autofree char *sha256 = NULL;
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(GError) error = NULL;
  CsTour *tour = NULL;

  views = cs_tour_editor_load (self, &sha256, &error);
  if (views != NULL && self->tour_id != NULL)
    tour = cs_saved_views_find_tour (views, self->tour_id);
  if (views != NULL && need_tour && tour == NULL)
    g_set_error_literal (&error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                         _("This tour is no longer there"));
  if (error == NULL && edit (self, views, tour, data, &error))
    cs_saved_views_save (views, directory, sha256, &error);
  cs_tour_editor_show_error (self, error != NULL ? error->message : NULL);
  if (refresh || error != NULL)
    cs_tour_editor_refresh (self);

  return error == NULL;
}

/* The chosen tour stays chosen while it is there; else the first. */
static CsTour *
cs_tour_editor_fill_tours (CsTourEditor       *self,
                           const CsSavedViews *views)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  CsTour *tour = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->tour_ids, 0);
  for (guint i = 0; views != NULL && i < views->tours->len; i++)
    {
      CsTour *each = g_ptr_array_index (views->tours, i);

      g_ptr_array_add (names, each->name);
      g_ptr_array_add (self->tour_ids, g_strdup (each->id));
      if (g_strcmp0 (each->id, self->tour_id) == 0)
        selected = i;
    }
  if (selected == GTK_INVALID_LIST_POSITION && self->tour_ids->len > 0)
    selected = 0;
  g_free (self->tour_id);
  self->tour_id = selected != GTK_INVALID_LIST_POSITION
                    ? g_strdup (g_ptr_array_index (self->tour_ids, selected)) : NULL;
  if (self->tour_id != NULL)
    tour = cs_saved_views_find_tour (views, self->tour_id);

  gtk_string_list_splice (self->tour_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tour_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->tours), selected);

  return tour;
}

/* The Add Saved View menu: the slide's views. */
static void
cs_tour_editor_fill_views_menu (CsTourEditor       *self,
                                const CsSavedViews *views)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; views != NULL && i < views->views->len; i++)
    {
      CsSavedView *view = g_ptr_array_index (views->views, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (view->name, NULL);

      g_menu_item_set_action_and_target_value (item, "stop.add-view",
                                               g_variant_new_string (view->id));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->add_view), G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (self->add_view, views != NULL && views->views->len > 0);
}

/**
 * cs_tour_editor_refresh:
 *
 * Fills the panel again from the slide's store (after a change made
 * elsewhere: an annotation deleted, a view renamed).
 */
void
cs_tour_editor_refresh (CsTourEditor *self)
{
  g_autofree char *sha256 = NULL;
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(GError) error = NULL;
  static const char *tour_actions[] = {
    "tour.rename", "tour.delete", "stop.add-annotation", "stop.add-view", "stop.add-current",
  };
  CsTour *tour;

  g_return_if_fail (CS_IS_TOUR_EDITOR (self));

  views = cs_tour_editor_load (self, &sha256, &error);
  if (error != NULL)
    cs_tour_editor_show_error (self, error->message);
  self->refreshing = TRUE;
  tour = cs_tour_editor_fill_tours (self, views);
  gtk_editable_set_text (GTK_EDITABLE (self->name), tour != NULL ? tour->name : "");
  gtk_widget_set_sensitive (self->name, tour != NULL);
  _cs_tour_editor_fill_stops (self, views, tour);
  cs_tour_editor_fill_views_menu (self, views);
  for (guint i = 0; i < G_N_ELEMENTS (tour_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), tour_actions[i], tour != NULL);
  gtk_widget_set_sensitive (self->add_view,
                            tour != NULL && gtk_widget_get_sensitive (self->add_view));
  self->refreshing = FALSE;
}

const char *
cs_tour_editor_get_tour_id (CsTourEditor *self)
{
  g_return_val_if_fail (CS_IS_TOUR_EDITOR (self), NULL);

  return self->tour_id;
}

static gboolean
new_tour (CsTourEditor *self,
          CsSavedViews *views,
          CsTour       *tour,
          gpointer      data,
          GError      **error)
{
  CsTour *created = cs_tour_new (_("New Tour"));

  g_ptr_array_add (views->tours, created);
  g_free (self->tour_id);
  self->tour_id = g_strdup (created->id);

  return TRUE;
}

static gboolean
rename_tour (CsTourEditor *self,
             CsSavedViews *views,
             CsTour       *tour,
             gpointer      data,
             GError      **error)
{
  g_free (tour->name);
  tour->name = g_strdup (data);

  return TRUE;
}

static gboolean
delete_tour (CsTourEditor *self,
             CsSavedViews *views,
             CsTour       *tour,
             gpointer      data,
             GError      **error)
{
  g_ptr_array_remove (views->tours, tour);
  g_clear_pointer (&self->tour_id, g_free);

  return TRUE;
}

static void
cs_tour_editor_tour_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CsTourEditor *self = CS_TOUR_EDITOR (widget);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name));

  if (g_str_equal (action_name, "tour.new"))
    _cs_tour_editor_apply (self, new_tour, NULL, FALSE, TRUE);
  else if (g_str_equal (action_name, "tour.delete"))
    _cs_tour_editor_apply (self, delete_tour, NULL, TRUE, TRUE);
  else if (*name != '\0')
    _cs_tour_editor_apply (self, rename_tour, (gpointer) name, TRUE, TRUE);
}

static void
on_tour_selected_cb (CsTourEditor *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->tours));

  if (self->refreshing || selected >= self->tour_ids->len)
    return;
  g_free (self->tour_id);
  self->tour_id = g_strdup (g_ptr_array_index (self->tour_ids, selected));
  cs_tour_editor_refresh (self);
}

static void
on_close_clicked_cb (CsTourEditor *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

static void
on_name_activate_cb (CsTourEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "tour.rename", NULL);
}

static void
cs_tour_editor_class_init (CsTourEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_tour_editor_dispose;

  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "tour.new", NULL, cs_tour_editor_tour_action);
  gtk_widget_class_install_action (widget_class, "tour.rename", NULL,
                                   cs_tour_editor_tour_action);
  gtk_widget_class_install_action (widget_class, "tour.delete", NULL,
                                   cs_tour_editor_tour_action);
  _cs_tour_editor_class_stops_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cs-tour-editor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

GtkWidget *
_cs_tour_editor_icon_button (const char *icon,
                             const char *label,
                             const char *action,
                             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static GtkWidget *
cs_tour_editor_header (CsTourEditor *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Tour Editor"));
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_set_tooltip_text (close, _("Close the Tour Editor"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Close the Tour Editor"), -1);
  gtk_widget_add_css_class (close, "flat");
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (on_close_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), close);

  return header;
}

/* The tour chooser, New and Delete; below it, the name. */
static void
cs_tour_editor_add_tour_row (CsTourEditor *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->tour_names = gtk_string_list_new (NULL);
  self->tours = gtk_drop_down_new (G_LIST_MODEL (self->tour_names), NULL);
  gtk_widget_set_name (self->tours, "tours");
  gtk_widget_set_hexpand (self->tours, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tours), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tour"), -1);
  g_signal_connect_swapped (self->tours, "notify::selected", G_CALLBACK (on_tour_selected_cb),
                            self);
  gtk_box_append (GTK_BOX (row), self->tours);
  gtk_box_append (GTK_BOX (row), _cs_tour_editor_icon_button ("list-add-symbolic",
                                                              _("New Tour"), "tour.new", NULL));
  gtk_box_append (GTK_BOX (row), _cs_tour_editor_icon_button ("user-trash-symbolic",
                                                              _("Delete Tour"), "tour.delete",
                                                              NULL));
  gtk_box_append (GTK_BOX (self->box), row);

  self->name = gtk_entry_new ();
  gtk_widget_set_name (self->name, "tour_name");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->name), _("Tour name"));
  gtk_widget_set_tooltip_text (self->name, _("Press Enter to rename the tour"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tour name"), -1);
  g_signal_connect_swapped (self->name, "activate", G_CALLBACK (on_name_activate_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->name);
}

static void
cs_tour_editor_add_buttons (CsTourEditor *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *annotation = gtk_button_new_with_mnemonic (_("Add Selected _Annotation"));
  GtkWidget *current = gtk_button_new_with_mnemonic (_("Add _Current View"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (annotation), "stop.add-annotation");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (current), "stop.add-current");
  self->add_view = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->add_view), _("Add _Saved View"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->add_view), TRUE);
  gtk_box_append (GTK_BOX (buttons), annotation);
  gtk_box_append (GTK_BOX (buttons), self->add_view);
  gtk_box_append (GTK_BOX (buttons), current);
  gtk_box_append (GTK_BOX (self->box), buttons);
}

static void
cs_tour_editor_init (CsTourEditor *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->tour_ids = g_ptr_array_new_with_free_func (g_free);
  self->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->card, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->card, "background");
  gtk_widget_add_css_class (self->card, "card");
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_vexpand (self->box, TRUE);
  gtk_box_append (GTK_BOX (self->card), self->box);
  g_object_set (self->box, "margin-start", 12, "margin-end", 12, "margin-top", 12,
                "margin-bottom", 12, NULL);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_FILL);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_size_request (GTK_WIDGET (self), 380, -1);

  gtk_box_append (GTK_BOX (self->box), cs_tour_editor_header (self));
  cs_tour_editor_add_tour_row (self);
  self->stops = gtk_list_box_new ();
  gtk_widget_set_name (self->stops, "stops");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->stops), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->stops, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stops), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stops"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->stops);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->box), scrolled);
  cs_tour_editor_add_buttons (self);
  self->error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error), 0.0);
  gtk_widget_add_css_class (self->error, "error");
  gtk_widget_set_visible (self->error, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->error);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tour Editor"), -1);
}

/**
 * cs_tour_editor_new:
 *
 * Returns: the editor of @page's tours, filled from its store and kept up
 * to date with its annotations (a stop whose annotation is deleted shows
 * as missing).
 */
CsTourEditor *
cs_tour_editor_new (CsSlidePage *page)
{
  CsTourEditor *self = g_object_new (CS_TYPE_TOUR_EDITOR, NULL);
  CsAnnotationList *list = cs_slide_page_get_annotation_list (page);

  g_weak_ref_init (&self->page, page);
  if (list != NULL)
    g_signal_connect_object (list, "changed", G_CALLBACK (cs_tour_editor_refresh), self,
                             G_CONNECT_SWAPPED);
  cs_tour_editor_refresh (self);

  return self;
}
