/* cs-annotation-panel-edit.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-panel"

#include "config.h"

#include "cs-annotation-panel-private.h"
#include "cs-annotation-row.h"
#include "cs-case-teaching.h"

#include <glib/gi18n.h>

/* The editing area under the list, and the trash. With one annotation
 * selected, its name (applied with Enter or on leaving the entry), class
 * and comment (applied on leaving the text) are edited in place, each
 * applied edit one undo step: a copy of the listed annotation, changed,
 * handed to cs_annotation_list_update (). A locked annotation can only be
 * unlocked. With several selected, only the class can be set, for all of
 * them in one step. The text being typed is never overwritten by a
 * refresh of the same annotation. */

static CsAnnotation *
cs_annotation_panel_get_editing (CsAnnotationPanel *self)
{
  if (self->list == NULL || self->editing_id == NULL)
    return NULL;

  return cs_annotation_list_lookup (self->list, self->editing_id);
}

/* Applies @edit to a copy of the annotation being edited, as one step. */
static void
cs_annotation_panel_apply (CsAnnotationPanel *self,
                           void             (*edit) (CsAnnotation *copy,
                                                     gpointer      data),
                           gpointer           data)
{
  CsAnnotation *listed = cs_annotation_panel_get_editing (self);
  g_autoptr(CsAnnotation) copy = NULL;

  if (listed == NULL)
    return;

  copy = cs_annotation_copy (listed);
  edit (copy, data);
  if (!cs_annotation_equal (copy, listed))
    cs_annotation_list_update (self->list, copy);
}

static void
edit_name (CsAnnotation *copy,
           gpointer      data)
{
  cs_annotation_set_name (copy, *(const char *) data != '\0' ? data : NULL);
}

static void
edit_comment (CsAnnotation *copy,
              gpointer      data)
{
  cs_annotation_set_comment (copy, *(const char *) data != '\0' ? data : NULL);
}

static void
edit_locked (CsAnnotation *copy,
             gpointer      data)
{
  cs_annotation_set_locked (copy, GPOINTER_TO_INT (data));
}

static void
edit_hidden (CsAnnotation *copy,
             gpointer      data)
{
  cs_annotation_set_hidden (copy, GPOINTER_TO_INT (data));
}

static void
edit_teaching_answer (CsAnnotation *copy,
                      gpointer      data)
{
  cs_annotation_set_teaching_answer (copy, GPOINTER_TO_INT (data));
}

static gboolean
cs_annotation_panel_name_focused (CsAnnotationPanel *self)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->name_entry));

  return gtk_widget_is_focus (GTK_WIDGET (text));
}

static gboolean
cs_annotation_panel_editable (CsAnnotationPanel *self)
{
  CsAnnotation *listed = cs_annotation_panel_get_editing (self);

  return !self->updating && listed != NULL && !cs_annotation_get_locked (listed);
}

static void
cs_annotation_panel_commit_name (CsAnnotationPanel *self)
{
  CsAnnotation *listed = cs_annotation_panel_get_editing (self);
  g_autofree char *name = NULL;

  if (!cs_annotation_panel_editable (self))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  if (g_strcmp0 (name, cs_annotation_get_name (listed) ? cs_annotation_get_name (listed) : "") != 0)
    cs_annotation_panel_apply (self, edit_name, name);
}

static void
cs_annotation_panel_commit_comment (CsAnnotationPanel *self)
{
  CsAnnotation *listed = cs_annotation_panel_get_editing (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  g_autofree char *comment = NULL;
  GtkTextIter start, end;

  if (!cs_annotation_panel_editable (self))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  comment = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (g_strcmp0 (comment, cs_annotation_get_comment (listed) ? cs_annotation_get_comment (listed)
                                                             : "") != 0)
    cs_annotation_panel_apply (self, edit_comment, comment);
}

static void
on_name_activate_cb (CsAnnotationPanel *self)
{
  cs_annotation_panel_commit_name (self);
}

static void
on_name_leave_cb (CsAnnotationPanel *self)
{
  cs_annotation_panel_commit_name (self);
}

static void
on_comment_leave_cb (CsAnnotationPanel *self)
{
  cs_annotation_panel_commit_comment (self);
}

static void
on_lock_toggled_cb (CsAnnotationPanel *self,
                    GtkToggleButton   *button)
{
  if (self->updating)
    return;

  /* Unlocking is the one edit a locked annotation takes. */
  cs_annotation_panel_apply (self, edit_locked,
                             GINT_TO_POINTER (gtk_toggle_button_get_active (button)));
}

static void
on_hide_toggled_cb (CsAnnotationPanel *self,
                    GtkToggleButton   *button)
{
  if (!cs_annotation_panel_editable (self))
    return;

  cs_annotation_panel_apply (self, edit_hidden,
                             GINT_TO_POINTER (gtk_toggle_button_get_active (button)));
}

/* The teacher marks the regions that answer a teaching case's question:
 * hidden from trainees until they reveal it (cs-case-teaching.h). */
static void
on_answer_toggled_cb (CsAnnotationPanel *self,
                      GtkToggleButton   *button)
{
  if (!cs_annotation_panel_editable (self))
    return;

  cs_annotation_panel_apply (self, edit_teaching_answer,
                             GINT_TO_POINTER (gtk_toggle_button_get_active (button)));
}

static void
on_edit_class_cb (CsAnnotationPanel *self,
                  GParamSpec        *pspec,
                  GtkDropDown       *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *name;

  if (self->updating || self->editor == NULL || self->edit_classes == NULL ||
      selected >= self->edit_classes->len)
    return;

  name = g_ptr_array_index (self->edit_classes, selected);
  cs_annotation_editor_set_selection_class (self->editor, *name != '\0' ? name : NULL);
}

/* The class shared by every selected annotation, or NULL when they differ. */
static const char *
common_class (GPtrArray *selection)
{
  const char *first = cs_annotation_get_class_name (g_ptr_array_index (selection, 0));

  for (guint i = 1; i < selection->len; i++)
    if (g_strcmp0 (first, cs_annotation_get_class_name (g_ptr_array_index (selection, i))) != 0)
      return NULL;

  return first ? first : "";
}

static void
cs_annotation_panel_fill_classes (CsAnnotationPanel *self,
                                  const char        *current)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_autoptr(GPtrArray) names = _cs_annotation_panel_collect_classes (self, TRUE);

  /* Copies: the names belong to annotations that an edit may replace
   * before the next refresh. */
  g_clear_pointer (&self->edit_classes, g_ptr_array_unref);
  self->edit_classes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      g_ptr_array_add (self->edit_classes, g_strdup (name));
      gtk_string_list_append (model, *name != '\0' ? cs_class_name_get_display (name)
                                                   : _("Unclassified"));
      if (g_strcmp0 (name, current) == 0)
        selected = i;
    }

  gtk_drop_down_set_model (self->edit_class_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->edit_class_dropdown, selected);
}

static void
cs_annotation_panel_fill_single (CsAnnotationPanel *self,
                                 CsAnnotation      *annotation)
{
  gboolean same = g_strcmp0 (self->editing_id, cs_annotation_get_id (annotation)) == 0;
  gboolean locked = cs_annotation_get_locked (annotation);
  const char *comment = cs_annotation_get_comment (annotation);
  g_autofree char *title = cs_annotation_get_temporary (annotation) ? g_strdup (_("Temporary ruler"))
                                                                    : cs_annotation_dup_display_name (annotation);

  g_free (self->editing_id);
  self->editing_id = g_strdup (cs_annotation_get_id (annotation));

  gtk_label_set_text (self->edit_title, title);
  /* Never overwrite what is being typed into this annotation. */
  if (!same || !cs_annotation_panel_name_focused (self))
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                           cs_annotation_get_name (annotation) ? cs_annotation_get_name (annotation)
                                                               : "");
  if (!same || !gtk_widget_is_focus (GTK_WIDGET (self->comment_view)))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view),
                              comment ? comment : "", -1);

  gtk_toggle_button_set_active (self->lock_button, locked);
  gtk_toggle_button_set_active (self->hide_button, cs_annotation_get_hidden (annotation));
  gtk_toggle_button_set_active (self->answer_button, cs_annotation_get_teaching_answer (annotation));
  gtk_widget_set_sensitive (GTK_WIDGET (self->answer_button), !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_class_dropdown), !locked);
  /* No tooltip over a drop-down: it would cover its first choice. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_class_dropdown), NULL);
  gtk_text_view_set_editable (self->comment_view, !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_view), !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->hide_button), !locked);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lock_button),
                               locked ? _("Unlock to allow changes") : _("Lock against changes"));
}

/**
 * _cs_annotation_panel_commit_pending:
 *
 * Applies the name or comment being typed, if any: before the selection
 * moves on or the annotations go away.
 */
void
_cs_annotation_panel_commit_pending (CsAnnotationPanel *self)
{
  if (self->editing_id == NULL || self->list == NULL)
    return;

  if (cs_annotation_panel_name_focused (self))
    cs_annotation_panel_commit_name (self);
  if (gtk_widget_is_focus (GTK_WIDGET (self->comment_view)))
    cs_annotation_panel_commit_comment (self);
}

/**
 * _cs_annotation_panel_update_edit:
 *
 * Shows the editing area for the editor's selection: one annotation's
 * fields, several annotations' common class, or nothing.
 */
void
_cs_annotation_panel_update_edit (CsAnnotationPanel *self)
{
  GPtrArray *selection = self->editor ? cs_annotation_editor_get_selection (self->editor) : NULL;
  guint n = selection ? selection->len : 0;
  gboolean single = n == 1;
  gboolean any_locked = FALSE;

  /* Another annotation is picked while a name or comment is being typed:
   * what was typed goes to the one it was typed for. */
  if (self->editing_id != NULL && self->editor != NULL && !self->updating &&
      (!single || g_strcmp0 (self->editing_id,
                             cs_annotation_get_id (g_ptr_array_index (selection, 0))) != 0))
    {
      _cs_annotation_panel_commit_pending (self);
      /* The commit may have changed the selection's objects. */
      selection = cs_annotation_editor_get_selection (self->editor);
      n = selection ? selection->len : 0;
      single = n == 1;
    }

  gtk_revealer_set_reveal_child (self->edit_revealer, n > 0);
  if (n == 0)
    {
      g_clear_pointer (&self->editing_id, g_free);
      return;
    }

  self->updating++;
  cs_annotation_panel_fill_classes (self, common_class (selection));
  if (single)
    cs_annotation_panel_fill_single (self, g_ptr_array_index (selection, 0));
  else
    {
      g_autofree char *title = NULL;

      g_clear_pointer (&self->editing_id, g_free);
      title = g_strdup_printf (ngettext ("%u annotation selected", "%u annotations selected", n),
                               n);
      gtk_label_set_text (self->edit_title, title);
      /* A locked annotation keeps its class. */
      for (guint i = 0; i < n; i++)
        any_locked |= cs_annotation_get_locked (g_ptr_array_index (selection, i));
      gtk_widget_set_sensitive (GTK_WIDGET (self->edit_class_dropdown), !any_locked);
      /* Only while it cannot open (no list to cover). */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_class_dropdown),
                                   any_locked ? _("Some selected annotations are locked") : NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->name_entry), single);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->comment_view)), single);
  gtk_widget_set_visible (GTK_WIDGET (self->comment_label), single);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_button), single);
  gtk_widget_set_visible (GTK_WIDGET (self->hide_button), single);
  gtk_widget_set_visible (GTK_WIDGET (self->answer_button), single);
  self->updating--;
}

/* Trash --------------------------------------------------------------- */

/* A GtkListView, not a list box: "Select All" and Delete on a large import
 * puts thousands of annotations here, and only the rows in view are made. */

static void
on_restore_clicked_cb (CsAnnotationPanel *self,
                       GtkButton         *button)
{
  CsAnnotation *removed = g_object_get_data (G_OBJECT (button), "annotation");

  if (self->list != NULL && removed != NULL)
    cs_annotation_list_restore (self->list, removed);
}

static void
trash_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CsAnnotationPanel        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *row = cs_annotation_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));

  gtk_widget_set_hexpand (row, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
trash_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CsAnnotationPanel        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_widget_get_first_child (box);
  GtkWidget *button = gtk_widget_get_last_child (box);
  CsAnnotation *removed = gtk_list_item_get_item (item);

  cs_annotation_row_set_annotation (CS_ANNOTATION_ROW (row), removed, self->classes,
                                    &self->calibration);
  g_object_set_data_full (G_OBJECT (button), "annotation", g_object_ref (removed),
                          g_object_unref);
}

static void
trash_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CsAnnotationPanel        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  cs_annotation_row_set_annotation (CS_ANNOTATION_ROW (gtk_widget_get_first_child (box)),
                                    NULL, NULL, NULL);
  g_object_set_data (G_OBJECT (gtk_widget_get_last_child (box)), "annotation", NULL);
}

static void
on_trash_changed_cb (CsAnnotationPanel *self)
{
  GListModel *trash = gtk_no_selection_get_model (self->trash_selection);
  gboolean empty = trash == NULL || g_list_model_get_n_items (trash) == 0;

  gtk_stack_set_visible_child_name (self->trash_stack, empty ? "empty" : "list");
}

void
_cs_annotation_panel_bind_trash (CsAnnotationPanel *self)
{
  gtk_no_selection_set_model (self->trash_selection,
                              self->list ? cs_annotation_list_get_trash (self->list) : NULL);
  on_trash_changed_cb (self);
}

void
_cs_annotation_panel_class_edit_init (CsAnnotationPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, on_name_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_lock_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hide_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_class_cb);
}

void
_cs_annotation_panel_edit_init (CsAnnotationPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *focus;

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_name_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->name_entry), focus);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_comment_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->comment_view), focus);

  self->trash_selection = gtk_no_selection_new (NULL);
  g_signal_connect_object (self->trash_selection, "items-changed",
                           G_CALLBACK (on_trash_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "setup", G_CALLBACK (trash_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (trash_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (trash_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->trash_view, factory);
  gtk_list_view_set_model (self->trash_view, GTK_SELECTION_MODEL (self->trash_selection));
  on_trash_changed_cb (self);
}

void
_cs_annotation_panel_edit_dispose (CsAnnotationPanel *self)
{
  if (self->trash_selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->trash_selection, self);
      gtk_no_selection_set_model (self->trash_selection, NULL);
    }
  g_clear_object (&self->trash_selection);
  g_clear_pointer (&self->edit_classes, g_ptr_array_unref);
  g_clear_pointer (&self->editing_id, g_free);
}
