/* cs-report-pane-overlap.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include "cs-annotation-render.h"
#include "cs-report-pane-private.h"

#include <glib/gi18n.h>

/* The regions section of the comparison: the tab's annotations by author,
 * each author's measured against a reference author's (the case's
 * requesting pathologist by default) with cs_opinion_compare_async(), in a
 * worker, again whenever the annotations change. One row per author in
 * their colour, the regions not shared listed (a click shows one), and
 * the parts not shared handed to the window as highlights for the views.
 * Main thread. */

static char *
format_area (double   area,
             gboolean calibrated)
{
  if (!calibrated)
    /* Translators: an area in level-0 pixels squared */
    return g_strdup_printf (_("%.0f px²"), area);
  if (area >= 1e6)
    /* Translators: an area in square millimetres */
    return g_strdup_printf (_("%.2f mm²"), area / 1e6);
  /* Translators: an area in square micrometres */
  return g_strdup_printf (_("%.0f µm²"), area);
}

static char *
author_markup (const char *author)
{
  g_autofree char *escaped = g_markup_escape_text (author, -1);

  return g_strdup_printf ("<span foreground=\"#%06X\">●</span> %s",
                          cs_annotation_render_author_color (author), escaped);
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
free_highlight (gpointer data)
{
  cs_annotation_highlight_free (data);
}

/* The consultant-only parts, in each author's colour. */
static void
cs_report_pane_set_highlights (CsReportPane *self)
{
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  if (self->comparison != NULL)
    {
      self->highlights = g_ptr_array_new_with_free_func (free_highlight);
      for (guint i = 0; i < cs_opinion_comparison_get_n_authors (self->comparison); i++)
        {
          const CsAuthorOverlap *o = cs_opinion_comparison_get_author (self->comparison, i);
          guint32 rgb = cs_annotation_render_author_color (o->author);

          for (guint j = 0; j < o->marked.regions->len; j++)
            {
              const CsOverlapRegion *region = o->marked.regions->pdata[j];

              if (!cs_geometry_is_empty (region->outside))
                g_ptr_array_add (self->highlights,
                                 cs_annotation_highlight_new (region->outside, rgb));
            }
        }
    }
  _cs_report_pane_notify_highlights (self);
}

void
_cs_report_pane_stop_overlap (CsReportPane *self)
{
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  g_clear_pointer (&self->pending_key, g_free);
  g_clear_pointer (&self->compare_key, g_free);
  g_clear_pointer (&self->compare_error, g_free);
  g_clear_pointer (&self->comparison, cs_opinion_comparison_unref);
  if (self->compare_list != NULL)
    g_signal_handlers_disconnect_by_data (self->compare_list, self);
  g_clear_object (&self->compare_list);
  if (self->highlights != NULL)
    cs_report_pane_set_highlights (self);
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CsReportPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsOpinionComparison) comparison = cs_opinion_compare_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->pending_key == NULL)
    return;
  g_clear_object (&self->compare_cancellable);
  g_clear_pointer (&self->compare_key, g_free);
  self->compare_key = g_steal_pointer (&self->pending_key);
  g_clear_pointer (&self->compare_error, g_free);
  if (error != NULL)
    self->compare_error = g_strdup (error->message);
  g_clear_pointer (&self->comparison, cs_opinion_comparison_unref);
  self->comparison = g_steal_pointer (&comparison);
  cs_report_pane_set_highlights (self);
  _cs_report_pane_queue_refresh (self);
}

static void
on_list_changed_cb (CsReportPane *self)
{
  _cs_report_pane_queue_refresh (self);
}

static void
cs_report_pane_follow_list (CsReportPane     *self,
                            CsAnnotationList *list)
{
  if (self->compare_list == list)
    return;
  _cs_report_pane_stop_overlap (self);
  self->compare_list = g_object_ref (list);
  g_signal_connect_object (list, "changed", G_CALLBACK (on_list_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The consultants: the opinions' authors. */
static GStrv
cs_report_pane_consultants (CsReportPane *self)
{
  GListModel *opinions = cs_case_get_opinions (self->kase);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);
      const char *name = cs_report_get_text (report, "consultant.name");

      if (name != NULL)
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

/* Starts the comparison @key names unless it is shown or running. */
static void
cs_report_pane_compare (CsReportPane *self,
                        const char   *reference,
                        const char   *key)
{
  CsCalibration calibration;

  if (g_strcmp0 (key, self->compare_key) == 0 || g_strcmp0 (key, self->pending_key) == 0)
    return;
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_cancellable = g_cancellable_new ();
  g_free (self->pending_key);
  self->pending_key = g_strdup (key);
  cs_slide_page_get_calibration (self->page, &calibration);
  cs_opinion_compare_async (self->compare_list, reference, &calibration,
                            self->compare_cancellable, compare_done_cb, g_object_ref (self));
}

static void
on_reference_selected_cb (CsReportPane *self,
                          GParamSpec   *pspec,
                          GtkDropDown  *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (item == NULL)
    return;
  g_free (self->compare_reference);
  self->compare_reference = g_strdup (gtk_string_object_get_string (item));
  _cs_report_pane_queue_refresh (self);
}

static void
cs_report_pane_add_reference (CsReportPane *self,
                              GtkBox       *parent,
                              GStrv         authors,
                              const char   *reference)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dropdown = gtk_drop_down_new_from_strings ((const char * const *) authors);
  guint selected = 0;

  gtk_label_set_wrap (GTK_LABEL (add_label (row, _("Compared with"), NULL)), FALSE);
  for (guint i = 0; authors[i] != NULL; i++)
    if (g_str_equal (authors[i], reference))
      selected = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_name (dropdown, "overlap-reference");
  gtk_widget_set_tooltip_text (dropdown, _("The author whose regions the others are measured against"));
  gtk_widget_set_hexpand (dropdown, TRUE);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_reference_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), dropdown);
  gtk_box_append (parent, row);
}

static void
on_region_clicked_cb (GtkButton    *button,
                      CsReportPane *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "cs-annotation");
  CsAnnotationEditor *editor = self->page ? cs_slide_page_get_annotation_editor (self->page)
                                          : NULL;
  CsAnnotation *annotation = editor ? cs_annotation_list_lookup (cs_annotation_editor_get_list (editor), id)
                                    : NULL;

  if (annotation == NULL)
    return;  /* deleted meanwhile: the list is being recomputed */
  cs_annotation_editor_select (editor, annotation, FALSE);
  cs_slide_page_show_annotation (self->page, annotation);
}

static char *
region_title (const CsOverlapRegion *region)
{
  const char *name = cs_annotation_get_name (region->annotation);
  const char *klass = cs_annotation_get_class_name (region->annotation);

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  if (klass != NULL && *klass != '\0')
    return g_strdup (klass);
  return g_strdup (cs_shape_get_label (cs_annotation_get_shape (region->annotation)));
}

static gint
compare_fraction_cb (gconstpointer a,
                     gconstpointer b)
{
  const CsOverlapRegion *x = *(CsOverlapRegion * const *) a;
  const CsOverlapRegion *y = *(CsOverlapRegion * const *) b;

  return (x->fraction > y->fraction) - (x->fraction < y->fraction);
}

/* The regions of @set not wholly shared, least shared first, each a
 * button showing it on the slide. */
static void
cs_report_pane_add_regions (CsReportPane       *self,
                            GtkBox             *parent,
                            const char         *title,
                            const char         *name,
                            const CsOverlapSet *set)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  GtkWidget *expander, *box;
  g_autofree char *heading = NULL;

  for (guint i = 0; i < set->regions->len; i++)
    if (!cs_geometry_is_empty (((CsOverlapRegion *) set->regions->pdata[i])->outside))
      g_ptr_array_add (open, set->regions->pdata[i]);
  if (open->len == 0)
    return;
  g_ptr_array_sort (open, compare_fraction_cb);
  heading = g_strdup_printf ("%s (%u)", title, open->len);
  expander = gtk_expander_new (heading);
  gtk_widget_set_name (expander, name);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < open->len; i++)
    {
      const CsOverlapRegion *region = open->pdata[i];
      g_autofree char *what = region_title (region);
      g_autofree char *area = format_area (region->area - region->overlap_area,
                                           cs_opinion_comparison_get_calibrated (self->comparison));
      /* Translators: a region's name, the percentage of it shared, and the
       * area not shared */
      g_autofree char *text = g_strdup_printf (_("%s · %.0f %% shared · %s unshared"), what,
                                               100 * region->fraction, area);
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Show this region on the slide"));
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_object_set_data_full (G_OBJECT (button), "cs-annotation",
                              g_strdup (cs_annotation_get_id (region->annotation)), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_region_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_expander_set_child (GTK_EXPANDER (expander), box);
  gtk_box_append (parent, expander);
}

static void
grid_cell (GtkGrid    *grid,
           int         column,
           int         row,
           const char *text,
           const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (row == 0)
    {
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  if (name != NULL)
    gtk_widget_set_name (label, name);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
cs_report_pane_add_author_row (GtkGrid               *grid,
                               int                    row,
                               const CsAuthorOverlap *o)
{
  const char *suffix[] = { "regions", "shared", "disjoint", "dice" };
  g_autofree char *markup = author_markup (o->author);
  GtkWidget *name = gtk_label_new (NULL);
  char *values[4];

  gtk_label_set_markup (GTK_LABEL (name), markup);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_grid_attach (grid, name, 0, row, 1, 1);
  values[0] = g_strdup_printf ("%u", o->marked.regions->len);
  values[1] = g_strdup_printf ("%.0f %%", o->marked.area > 0
                               ? 100 * o->marked.overlap_area / o->marked.area : 0);
  values[2] = g_strdup_printf ("%u", o->marked.n_without_overlap);
  values[3] = g_strdup_printf ("%.2f", o->dice);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *id = g_strdup_printf ("overlap.%s.%s", o->author, suffix[i]);

      grid_cell (grid, i + 1, row, values[i], id);
      g_free (values[i]);
    }
}

static void
cs_report_pane_add_results (CsReportPane *self,
                            GtkBox       *parent)
{
  CsOpinionComparison *c = self->comparison;
  const char *reference = cs_opinion_comparison_get_reference (c);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  guint n_repaired = cs_opinion_comparison_get_n_repaired (c);
  guint n_skipped = cs_opinion_comparison_get_n_skipped (c);

  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 4);
  grid_cell (grid, 0, 0, _("Author"), NULL);
  grid_cell (grid, 1, 0, _("Regions"), NULL);
  /* Translators: the part of an author's regions inside the reference's */
  grid_cell (grid, 2, 0, _("Shared"), NULL);
  /* Translators: regions sharing nothing with the reference's */
  grid_cell (grid, 3, 0, _("Apart"), NULL);
  grid_cell (grid, 4, 0, _("Dice"), NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (grid),
                               _("Regions: areas drawn. Shared: how much of their area the reference author also marked. Apart: regions sharing no area at all. Dice: agreement of the two authors' areas, from 0 (none) to 1 (the same)."));
  for (guint i = 0; i < cs_opinion_comparison_get_n_authors (c); i++)
    cs_report_pane_add_author_row (grid, i + 1, cs_opinion_comparison_get_author (c, i));
  gtk_box_append (parent, GTK_WIDGET (grid));

  for (guint i = 0; i < cs_opinion_comparison_get_n_authors (c); i++)
    {
      const CsAuthorOverlap *o = cs_opinion_comparison_get_author (c, i);
      g_autofree char *marked = g_strdup_printf (_("Marked by %s, not by %s"), o->author, reference);
      g_autofree char *missed = g_strdup_printf (_("Marked by %s, not by %s"), reference, o->author);
      g_autofree char *marked_name = g_strdup_printf ("overlap.%s.marked", o->author);
      g_autofree char *missed_name = g_strdup_printf ("overlap.%s.missed", o->author);

      cs_report_pane_add_regions (self, parent, marked, marked_name, &o->marked);
      cs_report_pane_add_regions (self, parent, missed, missed_name, &o->missed);
    }
  if (n_repaired > 0 || n_skipped > 0)
    {
      /* Translators: notes on regions from files whose outlines cross themselves or have no area */
      g_autofree char *note = g_strdup_printf (_("%u outlines crossing themselves were compared as repaired; %u regions without area were left out."),
                                               n_repaired, n_skipped);

      add_label (GTK_WIDGET (parent), note, "dim-label");
    }
}

/* The overlap section, appended to @parent (the compare page). */
void
_cs_report_pane_build_overlap (CsReportPane *self,
                               GtkBox       *parent)
{
  CsAnnotationList *list = self->page ? cs_slide_page_get_annotation_list (self->page) : NULL;
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_auto(GStrv) authors = NULL;
  g_auto(GStrv) consultants = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *key = NULL;

  gtk_box_append (parent, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  add_label (section, _("Regions"), "heading");
  gtk_widget_set_name (section, "overlap");
  gtk_box_append (parent, section);
  if (list == NULL)
    {
      add_label (section, _("The annotations of this slide are not loaded yet."), "dim-label");
      return;
    }
  cs_report_pane_follow_list (self, list);
  authors = cs_opinion_compare_list_authors (list);
  if (g_strv_length (authors) < 2)
    {
      add_label (section, _("Regions of two authors are needed on this slide to compare them."),
                 "dim-label");
      return;
    }
  consultants = cs_report_pane_consultants (self);
  if (self->compare_reference != NULL &&
      g_strv_contains ((const char * const *) authors, self->compare_reference))
    reference = g_strdup (self->compare_reference);
  else
    reference = cs_opinion_compare_pick_reference (list, cs_case_get_text (self->kase, "requesting.pathologist.name"),
                                                   (const char * const *) consultants);
  cs_report_pane_add_reference (self, GTK_BOX (section), authors, reference);
  key = g_strdup_printf ("%p %" G_GUINT64_FORMAT " %s", (gpointer) list,
                         cs_annotation_list_get_generation (list), reference);
  cs_report_pane_compare (self, reference, key);
  if (g_strcmp0 (key, self->compare_key) != 0)
    add_label (section, _("Comparing regions…"), "dim-label");
  else if (self->compare_error != NULL)
    add_label (section, self->compare_error, "error");
  else
    cs_report_pane_add_results (self, GTK_BOX (section));
}
