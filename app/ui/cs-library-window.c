/* cs-library-window.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-library.h"
#include "cs-library-cell.h"
#include "cs-library-collections.h"
#include "cs-library-filter.h"
#include "cs-library-search.h"
#include "cs-library-tag-editor.h"
#include "cs-library-watch.h"
#include "cs-library-window.h"

/* The library window. Its collections are the "library-collections" key;
 * the window rebuilds its list whenever the key changes, so that two
 * windows (or the preferences of another process) stay in step. */

struct _CsLibraryWindow
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  GtkMenuButton   *collections_button;
  GtkListBox      *collections_list;
  GtkBox          *toolbar_box;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *sort_dropdown;
  GtkLabel        *status_label;
  GtkStack        *grid_stack;
  GtkGridView     *grid_view;
  CsLibraryFilter *filter_bar;

  GSettings       *settings;
  GtkFileChooserNative *chooser;
  guint            n_collections;

  CsLibrary          *library;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkSortListModel   *sorted;
  GCancellable       *scan_cancellable;
  CsLibraryWatch     *watch;
  gboolean            scanning;
};

G_DEFINE_FINAL_TYPE (CsLibraryWindow, cs_library_window, ADW_TYPE_WINDOW)

enum { OPEN_FILE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void cs_library_window_rescan (CsLibraryWindow *self);

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

/* Scanning: the grid shows each slide as soon as it is found, and fills
 * it in as the scan reads it; the scan's caches make a second visit
 * quick. A watch on each folder a slide was found in (and on each
 * collection) rescans, shortly after files are added or removed. */

static void
update_status (CsLibraryWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->library));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  GPtrArray *problems = cs_library_get_problems (self->library);
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->scanning)
    g_string_append (text, _("Looking for slides…"));
  else if (n_shown < n_items)
    g_string_append_printf (text, ngettext ("%u of %u slide shown", "%u of %u slides shown",
                                            n_items), n_shown, n_items);
  else
    g_string_append_printf (text, ngettext ("%u slide", "%u slides", n_items), n_items);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (problems, i));
  gtk_label_set_text (self->status_label, text->str);
  /* Everything hidden by the search or the filters: say so, and how to
   * see the slides again. */
  gtk_stack_set_visible_child_name (self->grid_stack,
                                    n_shown == 0 && n_items > 0 ? "no-match" : "grid");
}

static gboolean
rescan_cb (gpointer data)
{
  cs_library_window_rescan (data);

  return G_SOURCE_REMOVE;
}

static void
on_scan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  CsLibraryWindow *self;
  g_autoptr(GError) error = NULL;

  /* The window cancels its scan as it goes (dispose, rescan): @data is
   * only looked at when the scan was not cancelled. */
  if (!cs_library_scan_finish (CS_LIBRARY (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = data;
  self->scanning = FALSE;
  if (error != NULL)
    gtk_label_set_text (self->status_label, error->message);
  else
    update_status (self);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  cs_library_watch_update (self->watch, self->library);
}

static void
cs_library_window_rescan (CsLibraryWindow *self)
{
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  self->scan_cancellable = g_cancellable_new ();
  self->scanning = TRUE;
  update_status (self);
  cs_library_set_apply_color_profile (self->library,
                                      g_settings_get_boolean (self->settings,
                                                              "apply-color-profile"));
  cs_library_scan_async (self->library, self->scan_cancellable, on_scan_done_cb, self);
}

/* Search and sort. */

static gboolean
filter_item (gpointer item,
             gpointer data)
{
  CsLibraryWindow *self = data;

  return cs_library_item_matches (item, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static int
sort_items (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  CsLibraryWindow *self = data;

  return cs_library_item_compare ((CsLibraryItem *) a, (CsLibraryItem *) b,
                                  gtk_drop_down_get_selected (self->sort_dropdown));
}

static void
on_search_changed_cb (CsLibraryWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

static void
cs_library_window_clear_filters_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  CsLibraryWindow *self = CS_LIBRARY_WINDOW (widget);

  cs_library_filter_clear (self->filter_bar);
  cs_library_window_set_search (self, "");
}

static void
on_sort_changed_cb (CsLibraryWindow *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
on_grid_activate_cb (GtkGridView     *grid,
                     guint            position,
                     CsLibraryWindow *self)
{
  g_autoptr(CsLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  g_autoptr(GFile) file = NULL;

  if (item == NULL)
    return;
  file = g_file_new_for_path (cs_library_item_get_path (item));
  g_signal_emit (self, signals[OPEN_FILE], 0, file);
}

static CsLibraryItem *
selected_item (CsLibraryWindow *self)
{
  GtkSelectionModel *model = gtk_grid_view_get_model (self->grid_view);

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
}

static void
on_selection_changed_cb (CsLibraryWindow *self)
{
  CsLibraryItem *item = selected_item (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.edit-tags",
                                 item != NULL && cs_library_item_get_identity (item) != NULL);
}

static void
cs_library_window_edit_tags_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  CsLibraryWindow *self = CS_LIBRARY_WINDOW (widget);
  CsLibraryItem *item = selected_item (self);

  if (item != NULL)
    gtk_window_present (GTK_WINDOW (cs_library_tag_editor_new (GTK_WINDOW (self), self->library,
                                                               item)));
}

static void
setup_grid (CsLibraryWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = cs_library_cell_factory_new ();
  GtkMultiFilter *every = GTK_MULTI_FILTER (gtk_every_filter_new ());
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  self->library = cs_library_new ();
  self->watch = cs_library_watch_new (rescan_cb, self);
  self->filter_bar = cs_library_filter_new (G_LIST_MODEL (self->library));
  gtk_box_insert_child_after (self->toolbar_box, GTK_WIDGET (self->filter_bar),
                              GTK_WIDGET (self->search_entry));
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  gtk_multi_filter_append (every, g_object_ref (GTK_FILTER (self->filter)));
  gtk_multi_filter_append (every, g_object_ref (cs_library_filter_get_filter (self->filter_bar)));
  self->sorter = gtk_custom_sorter_new (sort_items, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->library)),
                                        GTK_FILTER (every));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect_object (selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_signal_connect_object (self->grid_view, "activate", G_CALLBACK (on_grid_activate_cb),
                           self, 0);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (on_sort_changed_cb), self, G_CONNECT_SWAPPED);
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
                                    self->n_collections > 0 ? "library" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->collections_button), self->n_collections > 0);

  while (cs_library_get_folders (self->library)[0] != NULL)
    cs_library_remove_folder (self->library, cs_library_get_folders (self->library)[0]);
  for (guint i = 0; paths[i] != NULL; i++)
    cs_library_add_folder (self->library, paths[i]);
  cs_library_window_rescan (self);
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
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_pointer (&self->watch, cs_library_watch_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_LIBRARY_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->scan_cancellable);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->library);

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
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, collections_button);
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, toolbar_box);
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, grid_stack);
  gtk_widget_class_bind_template_child (widget_class, CsLibraryWindow, grid_view);
  /**
   * CsLibraryWindow::open-file:
   *
   * A slide of the grid was activated.
   */
  signals[OPEN_FILE] = g_signal_new ("open-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  gtk_widget_class_install_action (widget_class, "library.add-collection", NULL,
                                   cs_library_window_add_action);
  gtk_widget_class_install_action (widget_class, "library.clear-filters", NULL,
                                   cs_library_window_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "library.edit-tags", NULL,
                                   cs_library_window_edit_tags_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_library_window_init (CsLibraryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_grid (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.edit-tags", FALSE);
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
  /* Thumbnails in the colours the preference asks for (cs_library_set_apply_color_profile). */
  g_signal_connect_object (settings, "changed::apply-color-profile",
                           G_CALLBACK (cs_library_window_rescan), self, G_CONNECT_SWAPPED);
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

/* For tests: the slides the grid shows (after search), in its order. */
GListModel *
cs_library_window_get_shown (CsLibraryWindow *self)
{
  g_return_val_if_fail (CS_IS_LIBRARY_WINDOW (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

CsLibraryFilter *
cs_library_window_get_filter (CsLibraryWindow *self)
{
  g_return_val_if_fail (CS_IS_LIBRARY_WINDOW (self), NULL);

  return self->filter_bar;
}

gboolean
cs_library_window_get_scanning (CsLibraryWindow *self)
{
  g_return_val_if_fail (CS_IS_LIBRARY_WINDOW (self), FALSE);

  return self->scanning;
}

void
cs_library_window_set_search (CsLibraryWindow *self,
                              const char      *text)
{
  g_return_if_fail (CS_IS_LIBRARY_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed_cb (self);
}

void
cs_library_window_activate (CsLibraryWindow *self,
                            guint            position)
{
  g_return_if_fail (CS_IS_LIBRARY_WINDOW (self));

  on_grid_activate_cb (self->grid_view, position, self);
}

/* Selects the slide at @position and opens its tag editor (tests). */
CsLibraryTagEditor *
cs_library_window_edit_tags (CsLibraryWindow *self,
                             guint            position)
{
  GtkSelectionModel *model;
  CsLibraryItem *item;
  CsLibraryTagEditor *editor;

  g_return_val_if_fail (CS_IS_LIBRARY_WINDOW (self), NULL);

  model = gtk_grid_view_get_model (self->grid_view);
  gtk_selection_model_select_item (model, position, TRUE);
  item = selected_item (self);
  g_return_val_if_fail (item != NULL, NULL);
  editor = cs_library_tag_editor_new (GTK_WINDOW (self), self->library, item);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}
