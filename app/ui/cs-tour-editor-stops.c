/* cs-tour-editor-stops.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-tour-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-tour-editor-private.h"

/* The chosen tour's stops: a row each (what it shows, its caption, Move
 * Up, Move Down, Remove), and the stop.* actions adding, moving and
 * removing them. A caption is saved as it is typed, without filling the
 * list again. */

typedef struct
{
  guint       index;
  const char *text;
} CaptionEdit;

/* What @stop shows, as a title and a subtitle; FALSE when it is gone. */
static gboolean
cs_tour_editor_describe (CsTourEditor       *self,
                         const CsSavedViews *views,
                         const CsTourStop   *stop,
                         char              **title,
                         char              **subtitle)
{
  g_autoptr(CsSlidePage) page = g_weak_ref_get (&self->page);
  CsAnnotationList *list = page != NULL ? cs_slide_page_get_annotation_list (page) : NULL;
  CsAnnotation *annotation = NULL;
  CsSavedView *view = NULL;
  const char *name;

  if (stop->annotation_id != NULL && list != NULL)
    annotation = cs_annotation_list_lookup (list, stop->annotation_id);
  else if (stop->view_id != NULL)
    view = cs_saved_views_find_view (views, stop->view_id);
  if (annotation != NULL)
    {
      name = cs_annotation_get_name (annotation);
      /* TRANSLATORS: a tour stop showing an annotation; %s is its name */
      *title = name != NULL && *name != '\0' ? g_strdup_printf (_("Annotation “%s”"), name)
                                             : g_strdup (_("Unnamed annotation"));
      *subtitle = g_strdup (cs_annotation_get_class_name (annotation));
    }
  else if (view != NULL)
    {
      /* TRANSLATORS: a tour stop showing a saved view; %s is its name */
      *title = g_strdup_printf (_("Saved view “%s”"), view->name);
      *subtitle = g_strdup (view->note);
    }
  else
    {
      *title = g_strdup (stop->annotation_id != NULL ? _("Missing annotation")
                                                     : _("Missing saved view"));
      *subtitle = g_strdup (_("It was deleted: the tour says so at this stop"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_caption (CsTourEditor *self,
             CsSavedViews *views,
             CsTour       *tour,
             gpointer      data,
             GError      **error)
{
  CaptionEdit *edit = data;
  CsTourStop *stop;

  if (edit->index >= tour->stops->len)
    {
      g_set_error_literal (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                           _("This stop is no longer there"));
      return FALSE;
    }
  stop = g_ptr_array_index (tour->stops, edit->index);
  g_free (stop->caption);
  stop->caption = *edit->text != '\0' ? g_strdup (edit->text) : NULL;

  return TRUE;
}

static void
on_caption_changed_cb (GtkEditable  *entry,
                       CsTourEditor *self)
{
  CaptionEdit edit = { GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "stop-index")),
                       gtk_editable_get_text (entry) };

  if (!self->refreshing)
    _cs_tour_editor_apply (self, set_caption, &edit, TRUE, FALSE);
}

static GtkWidget *
cs_tour_editor_caption (CsTourEditor     *self,
                        const CsTourStop *stop,
                        guint             index)
{
  GtkWidget *entry = gtk_entry_new ();
  /* TRANSLATORS: the accessible name of a tour stop's caption entry */
  g_autofree char *label = g_strdup_printf (_("Caption of stop %u"), index + 1);

  gtk_widget_set_name (entry, "caption");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Caption"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), stop->caption != NULL ? stop->caption : "");
  g_object_set_data (G_OBJECT (entry), "stop-index", GUINT_TO_POINTER (index));
  g_signal_connect (entry, "changed", G_CALLBACK (on_caption_changed_cb), self);

  return entry;
}

static GtkWidget *
cs_tour_editor_label (const char *text,
                      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_visible (label, text != NULL && *text != '\0');

  return label;
}

static GtkWidget *
cs_tour_editor_stop_row (CsTourEditor       *self,
                         const CsSavedViews *views,
                         const CsTourStop   *stop,
                         guint               index,
                         guint               n)
{
  g_autofree char *title = NULL, *subtitle = NULL, *numbered = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading, *up, *down;
  gboolean there = cs_tour_editor_describe (self, views, stop, &title, &subtitle);

  /* TRANSLATORS: a tour stop's number and what it shows */
  numbered = g_strdup_printf (_("%u. %s"), index + 1, title);
  heading = cs_tour_editor_label (numbered, there ? "heading" : "error");
  gtk_widget_set_name (heading, "stop_title");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), heading);
  gtk_box_append (GTK_BOX (text), cs_tour_editor_label (subtitle, "dim-label"));
  gtk_box_append (GTK_BOX (text), cs_tour_editor_caption (self, stop, index));
  gtk_box_append (GTK_BOX (box), text);
  up = _cs_tour_editor_icon_button ("go-up-symbolic", _("Move Stop Up"), "stop.move-up",
                                    g_variant_new_uint32 (index));
  down = _cs_tour_editor_icon_button ("go-down-symbolic", _("Move Stop Down"), "stop.move-down",
                                      g_variant_new_uint32 (index));
  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < n);
  gtk_box_append (GTK_BOX (box), up);
  gtk_box_append (GTK_BOX (box), down);
  gtk_box_append (GTK_BOX (box), _cs_tour_editor_icon_button ("list-remove-symbolic",
                                                              _("Remove Stop"), "stop.remove",
                                                              g_variant_new_uint32 (index)));
  g_object_set (box, "margin-start", 6, "margin-end", 6, "margin-top", 6, "margin-bottom", 6,
                NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

void
_cs_tour_editor_fill_stops (CsTourEditor       *self,
                            const CsSavedViews *views,
                            const CsTour       *tour)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->stops)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->stops), child);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->stops), NULL);
  if (tour == NULL)
    return;
  for (guint i = 0; i < tour->stops->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->stops),
                         cs_tour_editor_stop_row (self, views, g_ptr_array_index (tour->stops, i),
                                                  i, tour->stops->len));
}

static gboolean
move_stop (CsTourEditor *self,
           CsSavedViews *views,
           CsTour       *tour,
           gpointer      data,
           GError      **error)
{
  const int *move = data;
  int to = move[0] + move[1];
  gpointer stop;

  if (move[0] < 0 || move[0] >= (int) tour->stops->len || to < 0 ||
      to >= (int) tour->stops->len)
    return FALSE;
  stop = g_ptr_array_steal_index (tour->stops, move[0]);
  g_ptr_array_insert (tour->stops, to, stop);

  return TRUE;
}

static gboolean
remove_stop (CsTourEditor *self,
             CsSavedViews *views,
             CsTour       *tour,
             gpointer      data,
             GError      **error)
{
  guint index = GPOINTER_TO_UINT (data);

  if (index >= tour->stops->len)
    return FALSE;
  g_ptr_array_remove_index (tour->stops, index);

  return TRUE;
}

static void
cs_tour_editor_stop_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CsTourEditor *self = CS_TOUR_EDITOR (widget);
  guint index = g_variant_get_uint32 (param);
  int move[2] = { (int) index, g_str_equal (action_name, "stop.move-up") ? -1 : 1 };

  if (g_str_equal (action_name, "stop.remove"))
    _cs_tour_editor_apply (self, remove_stop, GUINT_TO_POINTER (index), TRUE, TRUE);
  else
    _cs_tour_editor_apply (self, move_stop, move, TRUE, TRUE);
}

static gboolean
add_annotations (CsTourEditor *self,
                 CsSavedViews *views,
                 CsTour       *tour,
                 gpointer      data,
                 GError      **error)
{
  GPtrArray *ids = data;

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (tour->stops, cs_tour_stop_new (g_ptr_array_index (ids, i), NULL, NULL));

  return TRUE;
}

static void
cs_tour_editor_add_annotation (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CsTourEditor *self = CS_TOUR_EDITOR (widget);
  g_autoptr(CsSlidePage) page = g_weak_ref_get (&self->page);
  CsAnnotationEditor *editor = page != NULL ? cs_slide_page_get_annotation_editor (page) : NULL;
  GPtrArray *selection = editor != NULL ? cs_annotation_editor_get_selection (editor) : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; selection != NULL && i < selection->len; i++)
    g_ptr_array_add (ids, g_strdup (cs_annotation_get_id (g_ptr_array_index (selection, i))));
  if (ids->len == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->error), _("Select an annotation on the slide first"));
      gtk_widget_set_visible (self->error, TRUE);
      return;
    }
  _cs_tour_editor_apply (self, add_annotations, ids, TRUE, TRUE);
}

static gboolean
add_view (CsTourEditor *self,
          CsSavedViews *views,
          CsTour       *tour,
          gpointer      data,
          GError      **error)
{
  if (cs_saved_views_find_view (views, data) == NULL)
    {
      g_set_error_literal (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                           _("This saved view is no longer there"));
      return FALSE;
    }
  g_ptr_array_add (tour->stops, cs_tour_stop_new (NULL, data, NULL));

  return TRUE;
}

static void
cs_tour_editor_add_view (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  _cs_tour_editor_apply (CS_TOUR_EDITOR (widget), add_view,
                         (gpointer) g_variant_get_string (param, NULL), TRUE, TRUE);
}

/* @data: the CsViewport to save, as a view named after the new stop. */
static gboolean
add_current (CsTourEditor *self,
             CsSavedViews *views,
             CsTour       *tour,
             gpointer      data,
             GError      **error)
{
  const CsViewport *viewport = data;
  /* TRANSLATORS: the name of a view saved for a tour's stop: the tour's
   * name and the stop's number */
  g_autofree char *name = g_strdup_printf (_("%s, stop %u"), tour->name,
                                           tour->stops->len + 1);
  CsSavedView *view;
  double x, y;

  cs_viewport_get_center (viewport, &x, &y);
  view = cs_saved_view_new (name, NULL, x, y, viewport->zoom, viewport->rotation);
  g_ptr_array_add (views->views, view);
  g_ptr_array_add (tour->stops, cs_tour_stop_new (NULL, view->id, NULL));

  return TRUE;
}

static void
cs_tour_editor_add_current (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CsTourEditor *self = CS_TOUR_EDITOR (widget);
  g_autoptr(CsSlidePage) page = g_weak_ref_get (&self->page);
  CsSlideView *view = page != NULL ? cs_slide_page_get_active_view (page) : NULL;
  CsViewport viewport;

  if (view == NULL)
    return;
  cs_slide_view_get_viewport (view, &viewport);
  _cs_tour_editor_apply (self, add_current, &viewport, TRUE, TRUE);
}

void
_cs_tour_editor_class_stops_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "stop.move-up", "u",
                                   cs_tour_editor_stop_action);
  gtk_widget_class_install_action (widget_class, "stop.move-down", "u",
                                   cs_tour_editor_stop_action);
  gtk_widget_class_install_action (widget_class, "stop.remove", "u",
                                   cs_tour_editor_stop_action);
  gtk_widget_class_install_action (widget_class, "stop.add-annotation", NULL,
                                   cs_tour_editor_add_annotation);
  gtk_widget_class_install_action (widget_class, "stop.add-view", "s",
                                   cs_tour_editor_add_view);
  gtk_widget_class_install_action (widget_class, "stop.add-current", NULL,
                                   cs_tour_editor_add_current);
}
