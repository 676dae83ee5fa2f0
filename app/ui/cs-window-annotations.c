/* cs-window-annotations.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-annotations"

#include "config.h"

#include "cs-geojson.h"
#include "cs-settings.h"
#include "cs-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* The window's annotation actions, on the selected tab's annotations:
 * win.undo and win.redo (their labels in the buttons' tooltips), copy and
 * paste through the clipboard as GeoJSON text (one Feature a line in a
 * FeatureCollection, which QuPath and other tools read too, so it works
 * between tabs and applications), delete, duplicate, merge, subtract and
 * select all, and N / P through the panel's order. Ctrl+C copies the
 * selected annotations, or the view when none is selected. The window
 * follows the tab's list and editor through signal groups; import and
 * export are in cs-window-annotation-files.c. */

static CsAnnotationEditor *
cs_window_get_editor (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);

  return page ? cs_slide_page_get_annotation_editor (page) : NULL;
}

static guint
selection_size (CsAnnotationEditor *editor)
{
  GPtrArray *selection = editor ? cs_annotation_editor_get_selection (editor) : NULL;

  return selection ? selection->len : 0;
}

/**
 * _cs_window_class_colors:
 *
 * Returns: (transfer full): class name → GUINT_TO_POINTER (0xRRGGBB) of the
 *   application's classes, for files and the clipboard
 */
GHashTable *
_cs_window_class_colors (void)
{
  CsClassTable *classes = cs_settings_get_class_table ();
  GHashTable *colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (classes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsClassItem) klass = g_list_model_get_item (G_LIST_MODEL (classes), i);

      g_hash_table_insert (colors, g_strdup (cs_class_item_get_name (klass)),
                           GUINT_TO_POINTER (cs_class_item_get_color (klass)));
    }

  return colors;
}

/* Classes an imported or pasted file brings are added, with its colours. */
void
_cs_window_add_import_classes (CsAnnotationImport *import)
{
  CsClassTable *classes = cs_settings_get_class_table ();
  GHashTableIter iter;
  gpointer name, rgb;

  g_hash_table_iter_init (&iter, import->class_colors);
  while (g_hash_table_iter_next (&iter, &name, &rgb))
    if (name != NULL && *(const char *) name != '\0')
      cs_class_table_ensure (classes, name, GPOINTER_TO_UINT (rgb));

  for (guint i = 0; i < import->annotations->len; i++)
    {
      CsAnnotation *annotation = g_ptr_array_index (import->annotations, i);
      const char *name_used = cs_annotation_get_class_name (annotation);

      if (name_used != NULL && *name_used != '\0' &&
          cs_class_table_lookup (classes, name_used) == NULL)
        cs_class_table_ensure (classes, name_used,
                               cs_annotation_get_color (annotation) != CS_COLOR_UNSET
                               ? cs_annotation_get_color (annotation) : CS_UNCLASSIFIED_COLOR);
    }
}

/* Undo and redo ------------------------------------------------------- */

/* Selecting more than this many after an undo would cost more than it
 * shows. */
#define UNDO_SELECT_MAX 64

static void
on_undo_changed_ids_cb (CsAnnotationList *list,
                        GPtrArray        *ids,
                        gboolean          loaded,
                        GPtrArray        *collected)
{
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (collected, g_strdup (ids->pdata[i]));
}

/* What an undo or redo brought back or changed is selected, with its
 * handles, so that the user sees what happened. */
static void
select_changed (CsAnnotationEditor *editor,
                CsAnnotationList   *list,
                GPtrArray          *ids)
{
  gboolean add = FALSE;

  if (editor == NULL || ids->len > UNDO_SELECT_MAX)
    return;
  for (guint i = 0; i < ids->len; i++)
    {
      CsAnnotation *annotation = cs_annotation_list_lookup (list, ids->pdata[i]);

      if (annotation == NULL || cs_annotation_get_temporary (annotation))
        continue;
      cs_annotation_editor_select (editor, annotation, add);
      add = TRUE;
    }
}

static void
cs_window_annotations_undo (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CsSlidePage *page = _cs_window_get_page (CS_WINDOW (widget));
  CsAnnotationList *list = page ? cs_slide_page_get_annotation_list (page) : NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  gulong handler;

  if (list == NULL)
    return;

  handler = g_signal_connect (list, "changed", G_CALLBACK (on_undo_changed_ids_cb), changed);
  if (g_str_equal (action_name, "win.undo"))
    cs_annotation_list_undo (list);
  else
    cs_annotation_list_redo (list);
  g_signal_handler_disconnect (list, handler);
  select_changed (cs_slide_page_get_annotation_editor (page), list, changed);
}

static void
cs_window_annotations_update_tooltips (CsWindow         *self,
                                       CsAnnotationList *list)
{
  const char *undo = list && cs_annotation_list_can_undo (list)
                     ? cs_annotation_list_get_undo_label (list) : NULL;
  const char *redo = list && cs_annotation_list_can_redo (list)
                     ? cs_annotation_list_get_redo_label (list) : NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *redo_text = NULL;

  /* Translators: a tooltip; %s is what would be undone, e.g. "Delete" */
  undo_text = undo ? g_strdup_printf (_("Undo %s (Ctrl+Z)"), undo) : g_strdup (_("Undo (Ctrl+Z)"));
  /* Translators: a tooltip; %s is what would be redone */
  redo_text = redo ? g_strdup_printf (_("Redo %s (Ctrl+Shift+Z)"), redo)
                   : g_strdup (_("Redo (Ctrl+Shift+Z)"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_text);
  gtk_widget_set_tooltip_text (self->redo_button, redo_text);
}

/* Clipboard ----------------------------------------------------------- */

void
_cs_window_annotations_copy (CsWindow *self)
{
  CsAnnotationEditor *editor = cs_window_get_editor (self);
  GPtrArray *selection = editor ? cs_annotation_editor_get_selection (editor) : NULL;
  g_autoptr(GHashTable) colors = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *toast = NULL;
  guint copied = 0;

  if (selection == NULL || selection->len == 0)
    return;

  colors = _cs_window_class_colors ();
  text = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[\n");
  for (guint i = 0; i < selection->len; i++)
    {
      CsAnnotation *annotation = g_ptr_array_index (selection, i);

      if (cs_annotation_get_temporary (annotation))
        continue;
      if (copied++ > 0)
        g_string_append (text, ",\n");
      cs_geojson_append_feature (text, annotation, colors);
    }
  g_string_append (text, "\n]}\n");

  if (copied == 0)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text->str);
  toast = g_strdup_printf (ngettext ("%u annotation copied", "%u annotations copied", copied),
                           copied);
  _cs_window_toast (self, toast);
}

static void
cs_window_annotations_copy (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  _cs_window_annotations_copy (CS_WINDOW (widget));
}

/* Ctrl+C: the selected annotations, else the view. */
static gboolean
cs_window_annotations_copy_shortcut (GtkWidget *widget,
                                     GVariant  *args,
                                     gpointer   user_data)
{
  CsWindow *self = CS_WINDOW (widget);

  if (selection_size (cs_window_get_editor (self)) > 0)
    _cs_window_annotations_copy (self);
  else
    gtk_widget_activate_action (widget, "win.copy-view", NULL);

  return TRUE;
}

static void
paste_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autoptr(CsAnnotationImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  CsAnnotationEditor *editor;
  gsize length;

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  editor = cs_window_get_editor (self);
  if (editor == NULL || self->toast_overlay == NULL)
    return;

  if (text == NULL || *text == '\0')
    {
      _cs_window_toast (self, _("The clipboard holds no annotations"));
      return;
    }

  length = strlen (text);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  import = cs_annotation_import_bytes (bytes, _("the clipboard"), &error);
  if (import == NULL)
    {
      g_autofree char *toast = NULL;

      if (g_error_matches (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_UNKNOWN_FORMAT))
        _cs_window_toast (self, _("The clipboard holds no annotations"));
      else
        {
          /* Translators: a toast; %s is the cause */
          toast = g_strdup_printf (_("Could not paste annotations: %s"), error->message);
          _cs_window_toast (self, toast);
        }
      return;
    }

  if (import->annotations->len == 0)
    {
      _cs_window_toast (self, _("The clipboard holds no annotations"));
      return;
    }

  _cs_window_add_import_classes (import);
  cs_annotation_editor_paste (editor, import->annotations);
}

static void
cs_window_annotations_paste (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  if (cs_window_get_editor (CS_WINDOW (widget)) == NULL)
    return;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_text_cb,
                                 g_object_ref (widget));
}

/* Commands on the selection ------------------------------------------- */

static void
cs_window_annotations_command (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  CsAnnotationEditor *editor = cs_window_get_editor (self);
  g_autoptr(GError) error = NULL;
  gboolean done = TRUE;

  if (editor == NULL)
    return;

  if (g_str_equal (action_name, "win.delete-annotations"))
    cs_annotation_editor_delete_selection (editor);
  else if (g_str_equal (action_name, "win.duplicate-annotations"))
    cs_annotation_editor_duplicate_selection (editor);
  else if (g_str_equal (action_name, "win.select-all-annotations"))
    cs_annotation_editor_select_all (editor);
  else if (g_str_equal (action_name, "win.merge-annotations"))
    done = cs_annotation_editor_merge_selection (editor, &error);
  else if (g_str_equal (action_name, "win.subtract-annotations"))
    done = cs_annotation_editor_subtract_selection (editor, &error);

  if (!done && error != NULL)
    _cs_window_toast (self, error->message);
}

static void
cs_window_annotations_step (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CsSlidePage *page = _cs_window_get_page (CS_WINDOW (widget));

  if (page != NULL)
    cs_annotation_panel_step (cs_slide_page_get_annotation_panel (page),
                              g_str_equal (action_name, "win.next-annotation") ? 1 : -1);
}

/* The view's single keys (R, [ ], the tool letters) while the focus is
 * elsewhere in the window: the panel, the tool bar, after a dialog. Text
 * fields take them first, as N and P. */
static gboolean
cs_window_view_shortcut_cb (GtkWidget *widget,
                            GVariant  *args,
                            gpointer   user_data)
{
  CsSlidePage *page = _cs_window_get_page (CS_WINDOW (widget));
  CsSlideView *view = page ? cs_slide_page_get_active_view (page) : NULL;
  guint keyval, state;

  g_variant_get (args, "(uu)", &keyval, &state);
  return view != NULL && cs_slide_view_activate_shortcut (view, keyval, state);
}

static void
cs_window_bind_view_shortcuts (GtkWidgetClass *widget_class)
{
  static const guint keys[] = { GDK_KEY_bracketleft, GDK_KEY_bracketright };

  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, 0, cs_window_view_shortcut_cb,
                                "(uu)", GDK_KEY_r, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, GDK_SHIFT_MASK, cs_window_view_shortcut_cb,
                                "(uu)", GDK_KEY_r, GDK_SHIFT_MASK);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding (widget_class, keys[i], 0, cs_window_view_shortcut_cb,
                                  "(uu)", keys[i], 0);
  for (guint i = 0; i < CS_SLIDE_VIEW_N_TOOLS; i++)
    gtk_widget_class_add_binding (widget_class, cs_slide_view_tools[i].keyval, 0,
                                  cs_window_view_shortcut_cb, "(uu)", cs_slide_view_tools[i].keyval, 0);
}

/* Following the tab --------------------------------------------------- */

static void
on_annotations_changed_cb (CsWindow *self)
{
  _cs_window_annotations_update (self);
}

/**
 * _cs_window_annotations_follow:
 *
 * Points the signal groups at the selected tab's list and editor: after a
 * tab change, or when a tab's annotations become available.
 */
void
_cs_window_annotations_follow (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);

  g_signal_group_set_target (self->list_signals,
                             page ? cs_slide_page_get_annotation_list (page) : NULL);
  g_signal_group_set_target (self->editor_signals,
                             page ? cs_slide_page_get_annotation_editor (page) : NULL);
  _cs_window_annotations_update (self);
}

/**
 * _cs_window_annotations_update:
 *
 * Enables the annotation actions for the selected tab: all of them wait
 * for its annotations to be read; the selection commands need a
 * selection, merge and subtract two annotations.
 */
void
_cs_window_annotations_update (CsWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CsSlidePage *page = _cs_window_get_page (self);
  CsAnnotationList *list = page ? cs_slide_page_get_annotation_list (page) : NULL;
  CsAnnotationEditor *editor = page ? cs_slide_page_get_annotation_editor (page) : NULL;
  guint selected = selection_size (editor);
  gboolean ready = editor != NULL && _cs_window_get_ready_view (self) != NULL;

  gtk_widget_action_set_enabled (widget, "win.show-annotations", page != NULL);
  gtk_widget_action_set_enabled (widget, "win.undo", ready && cs_annotation_list_can_undo (list));
  gtk_widget_action_set_enabled (widget, "win.redo", ready && cs_annotation_list_can_redo (list));
  gtk_widget_action_set_enabled (widget, "win.copy-annotations", ready && selected > 0);
  gtk_widget_action_set_enabled (widget, "win.paste-annotations", ready);
  gtk_widget_action_set_enabled (widget, "win.delete-annotations", ready && selected > 0);
  gtk_widget_action_set_enabled (widget, "win.duplicate-annotations", ready && selected > 0);
  gtk_widget_action_set_enabled (widget, "win.add-to-tour", ready && selected > 0);
  gtk_widget_action_set_enabled (widget, "win.merge-annotations", ready && selected > 1);
  gtk_widget_action_set_enabled (widget, "win.subtract-annotations", ready && selected > 1);
  gtk_widget_action_set_enabled (widget, "win.select-all-annotations", ready);
  gtk_widget_action_set_enabled (widget, "win.import-annotations", ready);
  gtk_widget_action_set_enabled (widget, "win.export-annotations", ready);
  gtk_widget_action_set_enabled (widget, "win.next-annotation", ready);
  gtk_widget_action_set_enabled (widget, "win.previous-annotation", ready);
  cs_window_annotations_update_tooltips (self, ready ? list : NULL);
  /* a live session needs the slide's annotations */
  _cs_window_live_update (self);
}

/**
 * _cs_window_annotations_flush:
 *
 * Writes every tab's pending annotation changes: the window is closing.
 */
void
_cs_window_annotations_flush (CsWindow *self)
{
  guint n = cs_window_get_n_pages (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!cs_slide_page_flush_annotations (cs_window_get_nth_page (self, i), &error))
        g_message ("Annotations not flushed: %s", error->message);
    }
}

/**
 * cs_window_collect_annotation_lists:
 *
 * Returns: (transfer container): the annotation lists of every open tab
 *   of every window, each once
 */
GPtrArray *
cs_window_collect_annotation_lists (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_windows = g_list_model_get_n_items (toplevels);
  GPtrArray *lists = g_ptr_array_new ();

  for (guint w = 0; w < n_windows; w++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, w);
      CsWindow *window = CS_IS_WINDOW (toplevel) ? CS_WINDOW (toplevel) : NULL;
      guint n = window ? cs_window_get_n_pages (window) : 0;

      for (guint i = 0; i < n; i++)
        {
          CsAnnotationList *list = cs_slide_page_get_annotation_list (cs_window_get_nth_page (window, i));

          if (list != NULL && !g_ptr_array_find (lists, list, NULL))
            g_ptr_array_add (lists, list);
        }
    }
  return lists;
}

void
_cs_window_class_annotations_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *commands[] = {
    "win.delete-annotations", "win.duplicate-annotations", "win.select-all-annotations",
    "win.merge-annotations", "win.subtract-annotations",
  };

  gtk_widget_class_install_property_action (widget_class, "win.show-annotations",
                                            "show-annotations");
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, cs_window_annotations_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, cs_window_annotations_undo);
  gtk_widget_class_install_action (widget_class, "win.copy-annotations", NULL,
                                   cs_window_annotations_copy);
  gtk_widget_class_install_action (widget_class, "win.paste-annotations", NULL,
                                   cs_window_annotations_paste);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    gtk_widget_class_install_action (widget_class, commands[i], NULL,
                                     cs_window_annotations_command);
  gtk_widget_class_install_action (widget_class, "win.next-annotation", NULL,
                                   cs_window_annotations_step);
  gtk_widget_class_install_action (widget_class, "win.previous-annotation", NULL,
                                   cs_window_annotations_step);

  /* Text fields take these keys first: Ctrl+Z in the name entry undoes
   * typing, N types an N. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-annotations", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                cs_window_annotations_copy_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "win.paste-annotations", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.duplicate-annotations", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "win.select-all-annotations", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "win.delete-annotations", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "win.next-annotation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "win.previous-annotation", NULL);
  cs_window_bind_view_shortcuts (widget_class);

  _cs_window_class_annotation_files_init (klass);
}

void
_cs_window_annotations_init (CsWindow *self)
{
  self->list_signals = g_signal_group_new (CS_TYPE_ANNOTATION_LIST);
  g_signal_group_connect_object (self->list_signals, "undo-changed",
                                 G_CALLBACK (on_annotations_changed_cb), self, G_CONNECT_SWAPPED);
  self->editor_signals = g_signal_group_new (CS_TYPE_ANNOTATION_EDITOR);
  g_signal_group_connect_object (self->editor_signals, "selection-changed",
                                 G_CALLBACK (on_annotations_changed_cb), self, G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    g_settings_bind (self->settings, "show-annotations", self, "show-annotations",
                     G_SETTINGS_BIND_DEFAULT);
}

void
_cs_window_annotations_dispose (CsWindow *self)
{
  if (self->list_signals != NULL)
    {
      g_signal_group_set_target (self->list_signals, NULL);
      g_signal_group_set_target (self->editor_signals, NULL);
    }
  g_clear_object (&self->list_signals);
  g_clear_object (&self->editor_signals);
  _cs_window_annotation_files_dispose (self);
}
