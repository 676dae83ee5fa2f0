/* cs-report-pane-export.c
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

/* The opinions side by side (read-only columns), and the export of the
 * opinion shown as JSON, the document as stored (docs/FORMATS.md §8). */

static GtkWidget *
column_label (GtkWidget  *column,
              const char *heading,
              const char *text)
{
  GtkWidget *label;

  if (heading != NULL)
    {
      label = gtk_label_new (heading);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 8);
      gtk_box_append (GTK_BOX (column), label);
    }
  label = gtk_label_new (text != NULL && *text != '\0' ? text : "—");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (column), label);
  return label;
}

#define COLUMN_WIDTH 250
#define PANE_WIDTH   440  /* as cs-window.ui asks */

/* The consultant's name after a dot of the colour their annotations get
 * under "Colour Annotations by Consultant". */
static void
cs_report_pane_mark_author (GtkLabel   *label,
                            const char *name)
{
  guint32 rgb = cs_annotation_render_author_color (name);
  g_autofree char *escaped = g_markup_escape_text (name ? name : "—", -1);
  g_autofree char *markup = NULL;

  markup = g_strdup_printf ("<span foreground=\"#%06X\">●</span> %s", rgb, escaped);
  gtk_label_set_markup (label, markup);
}

static GtkWidget *
cs_report_pane_column (CsReport *report)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name, *agreement;
  CsAgreement category = cs_report_get_agreement (report);
  g_autofree char *figures = NULL;
  g_autofree char *flags = _cs_report_pane_flags_text (report);

  gtk_widget_set_size_request (column, COLUMN_WIDTH, -1);
  name = column_label (column, NULL, cs_report_get_text (report, "consultant.name"));
  gtk_widget_add_css_class (name, "title-4");
  cs_report_pane_mark_author (GTK_LABEL (name), cs_report_get_text (report, "consultant.name"));
  column_label (column, NULL, cs_report_get_text (report, "consultant.institution"));
  column_label (column, _("Status"),
                cs_report_get_tampered (report) ? _("Modified after signing")
                : cs_report_status_get_label (cs_report_get_status (report)));
  /* First of the opinion, at the same height in every column: the
   * categories read across. */
  agreement = column_label (column, _("Agreement"),
                            category != CS_AGREEMENT_NONE ? cs_agreement_get_label (category) : NULL);
  gtk_widget_add_css_class (agreement, "heading");
  gtk_widget_set_name (agreement, "compare-agreement");
  if (category == CS_AGREEMENT_MAJOR)
    gtk_widget_add_css_class (agreement, "error");
  else if (category == CS_AGREEMENT_MINOR)
    gtk_widget_add_css_class (agreement, "warning");
  else if (category == CS_AGREEMENT_AGREE)
    gtk_widget_add_css_class (agreement, "success");
  column_label (column, _("Impact"), flags);
  column_label (column, _("Diagnosis"), cs_report_get_text (report, "diagnosis.0.text"));
  column_label (column, _("Certainty"),
                _cs_report_pane_certainty_label (cs_report_get_text (report, "diagnosis.0.certainty")));
  column_label (column, _("Rationale"), cs_report_get_text (report, "agreement.rationale"));
  column_label (column, _("Microscopic description"),
                cs_report_get_text (report, "microscopic_description"));
  column_label (column, _("Comment"), cs_report_get_text (report, "comment"));
  column_label (column, _("Recommendations"), cs_report_get_text (report, "recommendations"));
  figures = g_strdup_printf ("%u", cs_report_get_n_regions (report));
  column_label (column, _("Cited regions"), figures);
  return column;
}

/* The opinions as columns, then the regions compared. */
void
_cs_report_pane_refresh_compare (CsReportPane *self)
{
  GListModel *opinions = cs_case_get_opinions (self->kase);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_box))) != NULL)
    gtk_box_remove (self->compare_box, child);
  gtk_box_append (self->compare_box, columns);
  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      if (i > 0)
        gtk_box_append (GTK_BOX (columns), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
      gtk_box_append (GTK_BOX (columns), cs_report_pane_column (report));
    }
  if (g_list_model_get_n_items (opinions) == 0)
    column_label (columns, NULL, _("No opinions on this case yet."));
  _cs_report_pane_build_overlap (self, self->compare_box);
}

/* Side by side, the pane widens to show up to three columns. */
void
_cs_report_pane_update_width (CsReportPane *self)
{
  guint n = self->compare && self->kase != NULL
            ? MIN (g_list_model_get_n_items (cs_case_get_opinions (self->kase)), 3) : 0;

  gtk_widget_set_size_request (GTK_WIDGET (self),
                               MAX (PANE_WIDTH, (int) n * (COLUMN_WIDTH + 13) + 24), -1);
}

/**
 * cs_report_pane_save_json:
 * @path: where to write the opinion shown
 *
 * Returns: %TRUE when written, atomically
 */
gboolean
cs_report_pane_save_json (CsReportPane *self,
                          const char   *path,
                          GError      **error)
{
  g_return_val_if_fail (CS_IS_REPORT_PANE (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  return cs_report_save (self->report, path, error);
}

static void
on_export_response_cb (CsReportPane         *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->report == NULL)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path != NULL && !cs_report_pane_save_json (self, path, &error))
    _cs_report_pane_error (self, _("Could Not Export the Opinion"), error);
}

void
_cs_report_pane_export_json (CsReportPane *self)
{
  g_autofree char *name = NULL;
  const char *accession = self->kase ? cs_case_get_text (self->kase, "case.consult_accession")
                                     : NULL;

  _cs_report_pane_dispose_export (self);
  self->export_chooser = gtk_file_chooser_native_new (
    _("Export Opinion as JSON"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  /* Translators: the default file name of an exported opinion */
  name = g_strdup_printf (_("%s opinion.json"),
                          accession != NULL && *accession != '\0' ? accession : _("Case"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (on_export_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

void
_cs_report_pane_dispose_export (CsReportPane *self)
{
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
}
