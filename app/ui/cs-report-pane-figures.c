/* cs-report-pane-figures.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include "cs-report-pane-private.h"
#include "cs-widget-utils.h"

#include <glib/gi18n.h>

/* The cited regions of the opinion, as numbered figures: a caption each,
 * reordered, removed, and shown on the slide when the row is activated
 * (selected in the editor and fitted in the view, as from the annotation
 * panel). The list is rebuilt only when the figures themselves change, so
 * that a caption being typed keeps its entry. */

static void
cs_report_pane_show_region (CsReportPane *self,
                            guint         index)
{
  const char *slide_id = cs_report_get_region_slide (self->report, index);
  const char *id = cs_report_get_region_annotation (self->report, index);
  const CsCaseSlide *slide = self->sha256 ? cs_case_find_slide (self->kase, self->sha256) : NULL;
  CsAnnotationEditor *editor = self->page ? cs_slide_page_get_annotation_editor (self->page)
                                          : NULL;
  CsAnnotation *annotation = NULL;
  g_autoptr(GError) error = NULL;

  if (editor != NULL && slide != NULL && g_strcmp0 (slide->slide_id, slide_id) == 0)
    annotation = cs_annotation_list_lookup (cs_annotation_editor_get_list (editor), id);
  if (annotation == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %u is a figure number, %s a slide label */
                   _("Figure %u is an annotation of slide %s, not found on the slide of this tab: open that slide to see it."),
                   index + 1, slide_id ? slide_id : "?");
      _cs_report_pane_error (self, _("Region Not on This Slide"), error);
      return;
    }
  cs_annotation_editor_select (editor, annotation, FALSE);
  cs_slide_page_show_annotation (self->page, annotation);
}

static void
on_figure_activated_cb (CsReportPane  *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  cs_report_pane_show_region (self, gtk_list_box_row_get_index (row));
}

static void
on_caption_changed_cb (GtkEditable  *entry,
                       CsReportPane *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "cs-index"));
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;

  if (self->updating || self->report == NULL)
    return;
  if (!cs_report_set_region_caption (self->report, index, *text ? text : NULL, &error))
    g_warning ("caption: %s", error->message);
}

static void
on_figure_button_cb (GtkButton    *button,
                     CsReportPane *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cs-index"));
  const char *what = gtk_widget_get_name (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_str_equal (what, "figure-up"))
    done = cs_report_move_region (self->report, index, index - 1, &error);
  else if (g_str_equal (what, "figure-down"))
    done = cs_report_move_region (self->report, index, index + 1, &error);
  else
    done = cs_report_uncite (self->report, index, &error);
  if (!done)
    _cs_report_pane_error (self, _("Could Not Change the Figures"), error);
}

static GtkWidget *
figure_button (CsReportPane *self,
               const char   *icon,
               const char   *name,
               const char   *tooltip,
               guint         index,
               gboolean      sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  cs_widget_set_tooltip_label (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "cs-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_figure_button_cb), self, 0);
  return button;
}

static GtkWidget *
cs_report_pane_figure_row (CsReportPane *self,
                           guint         index,
                           guint         n,
                           gboolean      editable)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = NULL;
  GtkWidget *label;
  GtkWidget *caption;

  /* Translators: %u is the figure number, %s the slide label */
  title = g_strdup_printf (_("Figure %u · slide %s"), index + 1,
                           cs_report_get_region_slide (self->report, index));
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (top), figure_button (self, "go-up-symbolic", "figure-up",
                                                _("Move Up"), index, editable && index > 0));
  gtk_box_append (GTK_BOX (top), figure_button (self, "go-down-symbolic", "figure-down",
                                                _("Move Down"), index,
                                                editable && index + 1 < n));
  gtk_box_append (GTK_BOX (top), figure_button (self, "user-trash-symbolic", "figure-remove",
                                                _("Remove Figure"), index, editable));

  caption = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (caption), _("Caption"));
  gtk_editable_set_text (GTK_EDITABLE (caption),
                         cs_report_get_region_caption (self->report, index) ?: "");
  gtk_editable_set_editable (GTK_EDITABLE (caption), editable);
  gtk_widget_set_name (caption, "figure-caption");
  g_object_set_data (G_OBJECT (caption), "cs-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (caption, "changed", G_CALLBACK (on_caption_changed_cb), self, 0);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Show this region on the slide"));
  return row;
}

static char *
figures_key (CsReport *report)
{
  GString *key = g_string_new (cs_report_is_frozen (report) ? "frozen" : "open");

  for (guint i = 0; i < cs_report_get_n_regions (report); i++)
    g_string_append_printf (key, "|%s@%s", cs_report_get_region_annotation (report, i),
                            cs_report_get_region_slide (report, i));
  return g_string_free (key, FALSE);
}

void
_cs_report_pane_refresh_figures (CsReportPane *self)
{
  g_autofree char *key = NULL;
  GtkWidget *child;
  guint n;

  if (self->report == NULL)
    return;
  key = figures_key (self->report);
  n = cs_report_get_n_regions (self->report);
  if (g_strcmp0 (key, self->figures_key) == 0)
    {
      /* Same figures: only the captions may differ. */
      for (guint i = 0; i < n; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->figures_list), i);
          GtkWidget *box = gtk_list_box_row_get_child (row);
          GtkWidget *caption = gtk_widget_get_last_child (box);
          const char *text = cs_report_get_region_caption (self->report, i) ?: "";

          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (caption)), text) != 0)
            gtk_editable_set_text (GTK_EDITABLE (caption), text);
        }
      return;
    }

  g_free (self->figures_key);
  self->figures_key = g_steal_pointer (&key);
  while ((child = gtk_widget_get_first_child (self->figures_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->figures_list), child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->figures_list),
                         cs_report_pane_figure_row (self, i, n,
                                                    !cs_report_is_frozen (self->report)));
}

void
_cs_report_pane_build_figures (CsReportPane *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *cite = gtk_button_new_with_mnemonic (_("_Cite Selected"));
  GtkWidget *placeholder = gtk_label_new (
    _("No figures. Select an annotation on the slide and cite it."));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Cited Regions"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Activate a figure to show it on the slide"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cite), "report.cite");
  gtk_widget_set_tooltip_text (cite, _("Cite the Selected Annotation as a Figure"));
  gtk_widget_set_valign (cite, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), cite);

  self->figures_list = gtk_list_box_new ();
  gtk_widget_set_name (self->figures_list, "figures");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->figures_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->figures_list, "boxed-list");
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->figures_list), placeholder);
  g_signal_connect_object (self->figures_list, "row-activated",
                           G_CALLBACK (on_figure_activated_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->figures_list);
  gtk_box_append (GTK_BOX (self->opinion_box), group);
}

/* Cite Selected Annotation: the first selected annotation of this tab's
 * slide becomes the next figure, captioned with its name. */
void
_cs_report_pane_cite (CsReportPane *self)
{
  CsAnnotationEditor *editor = self->page ? cs_slide_page_get_annotation_editor (self->page)
                                          : NULL;
  const CsCaseSlide *slide = self->sha256 ? cs_case_find_slide (self->kase, self->sha256) : NULL;
  GPtrArray *selection = editor ? cs_annotation_editor_get_selection (editor) : NULL;
  g_autoptr(GError) error = NULL;
  CsAnnotation *annotation;

  if (self->report == NULL)
    return;
  if (slide == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("This slide is not part of the case: add it to the case first."));
  else if (selection == NULL || selection->len == 0)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("Select the annotation to cite on the slide or in the annotation list."));
  if (error != NULL)
    {
      _cs_report_pane_error (self, _("Nothing to Cite"), error);
      return;
    }
  annotation = selection->pdata[0];
  if (!cs_report_cite (self->report, annotation, slide->slide_id,
                       cs_annotation_get_name (annotation), &error))
    _cs_report_pane_error (self, _("Could Not Cite the Annotation"), error);
}
