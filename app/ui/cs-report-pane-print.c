/* cs-report-pane-print.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include "cs-report-layout.h"
#include "cs-report-pane-private.h"
#include "cs-settings.h"
#include "cs-toast.h"
#include "cs-ui-task.h"

#include <glib/gi18n.h>

/* The printed opinion (CsReportLayout): Export PDF… writes it in a worker
 * thread from copies of the opinion, of the annotations it cites and of
 * the classes, so that editing goes on meanwhile; Print… lays out the same
 * pages for GtkPrintOperation. The paper is the "report-paper" setting,
 * chosen again in the export dialog. */

CsPaper
_cs_report_pane_paper (void)
{
  GSettings *settings = cs_settings_get_default ();
  g_autofree char *paper = settings ? g_settings_get_string (settings, "report-paper") : NULL;

  return g_strcmp0 (paper, "letter") == 0 ? CS_PAPER_LETTER : CS_PAPER_A4;
}

/* A layout of copies: nothing it reads changes while it works. */
CsReportLayout *
_cs_report_pane_layout_new (CsReportPane *self,
                            CsPaper       paper)
{
  g_autofree char *data = cs_report_to_data (self->report, NULL);
  g_autoptr(CsReport) report = cs_report_new_from_data (data, -1, NULL);
  g_autoptr(CsClassTable) classes = cs_class_table_new ();
  g_autofree char *class_text = cs_class_table_serialize (cs_settings_get_class_table ());
  g_autoptr(CsAnnotationList) cited = cs_annotation_list_new ();
  const CsCaseSlide *slide = self->sha256 ? cs_case_find_slide (self->kase, self->sha256) : NULL;
  CsAnnotationList *list = self->page ? cs_slide_page_get_annotation_list (self->page) : NULL;
  CsReportLayout *layout;

  g_assert (report != NULL);
  layout = cs_report_layout_new (report);
  cs_class_table_deserialize (classes, class_text);
  cs_report_layout_set_classes (layout, classes);
  cs_report_layout_set_paper (layout, paper);
  if (slide == NULL || list == NULL)
    return layout;

  for (guint i = 0; i < cs_report_get_n_regions (self->report); i++)
    {
      CsAnnotation *annotation = cs_annotation_list_lookup (
        list, cs_report_get_region_annotation (self->report, i));

      if (annotation != NULL && cs_annotation_list_lookup (cited, cs_annotation_get_id (annotation)) == NULL)
        {
          g_autoptr(CsAnnotation) copy = cs_annotation_copy (annotation);

          cs_annotation_list_add (cited, copy);
        }
    }
  cs_report_layout_add_slide (layout, slide->slide_id, cs_slide_page_get_slide (self->page),
                              cited);
  return layout;
}

typedef struct
{
  CsReportLayout *layout;
  char           *path;
} PdfJob;

static void
pdf_job_free (gpointer data)
{
  PdfJob *job = data;

  g_clear_object (&job->layout);
  g_free (job->path);
  g_free (job);
}

static void
cs_report_pane_write_pdf_thread (GTask        *task,
                                 gpointer      source,
                                 gpointer      task_data,
                                 GCancellable *cancellable)
{
  PdfJob *job = task_data;
  GError *error = NULL;

  if (cs_report_layout_write_pdf (job->layout, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cs_report_pane_export_pdf_async:
 * @path: the PDF to write
 * @paper: its paper size
 *
 * Writes the opinion shown, as printed, in a worker thread.
 */
void
cs_report_pane_export_pdf_async (CsReportPane        *self,
                                 const char          *path,
                                 CsPaper              paper,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PdfJob *job;

  g_return_if_fail (CS_IS_REPORT_PANE (self));
  g_return_if_fail (self->report != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_report_pane_export_pdf_async);
  job = g_new0 (PdfJob, 1);
  job->layout = _cs_report_pane_layout_new (self, paper);
  job->path = g_strdup (path);
  cs_ui_task_run_in_thread (task, job, pdf_job_free, cs_report_pane_write_pdf_thread);
}

gboolean
cs_report_pane_export_pdf_finish (CsReportPane  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return cs_ui_task_propagate_boolean (G_TASK (result), error);
}

static void
on_pdf_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CsReportPane *self = CS_REPORT_PANE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  self->exporting = FALSE;
  _cs_report_pane_queue_refresh (self);
  if (!cs_report_pane_export_pdf_finish (self, result, &error))
    _cs_report_pane_error (self, _("Could Not Export the PDF"), error);
  else
    cs_toast_show (GTK_WIDGET (self),
                   cs_toast_new_for_file (_("Opinion exported as PDF"), file, CS_TOAST_OPEN));
}

static void
on_pdf_response_cb (CsReportPane         *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  GtkFileChooser *file_chooser = GTK_FILE_CHOOSER (chooser);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *paper = gtk_file_chooser_get_choice (file_chooser, "paper");
  GSettings *settings = cs_settings_get_default ();

  if (response != GTK_RESPONSE_ACCEPT || self->report == NULL)
    return;
  file = gtk_file_chooser_get_file (file_chooser);
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  if (settings != NULL && paper != NULL)
    g_settings_set_string (settings, "report-paper", paper);
  self->exporting = TRUE;
  _cs_report_pane_queue_refresh (self);
  cs_report_pane_export_pdf_async (self, path, g_strcmp0 (paper, "letter") == 0
                                               ? CS_PAPER_LETTER : CS_PAPER_A4,
                                   NULL, on_pdf_written_cb, g_object_ref (file));
}

void
_cs_report_pane_export_pdf (CsReportPane *self)
{
  const char *ids[] = { "a4", "letter", NULL };
  const char *labels[] = { _("A4"), _("US Letter"), NULL };
  const char *accession = cs_case_get_text (self->kase, "case.consult_accession");
  g_autofree char *name = NULL;

  _cs_report_pane_dispose_export (self);
  self->export_chooser = gtk_file_chooser_native_new (
    _("Export Opinion as PDF"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->export_chooser), "paper", _("Paper"),
                               ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->export_chooser), "paper",
                               _cs_report_pane_paper () == CS_PAPER_LETTER ? "letter" : "a4");
  /* Translators: the default file name of an opinion exported as PDF */
  name = g_strdup_printf (_("%s opinion.pdf"),
                          accession != NULL && *accession != '\0' ? accession : _("Case"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (on_pdf_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   CsReportLayout    *layout)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = cs_report_layout_paginate (layout, gtk_print_context_get_cairo_context (context),
                                             &error);

  if (n_pages == 0)
    {
      g_warning ("The opinion could not be laid out: %s", error ? error->message : "?");
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 CsReportLayout    *layout)
{
  cs_report_layout_draw_page (layout, gtk_print_context_get_cairo_context (context), page);
}

static void
layout_unref_notify (gpointer  data,
                     GClosure *closure)
{
  g_object_unref (data);
}

/* Print…: the same pages as the PDF, on the paper of the settings. */
void
_cs_report_pane_print (CsReportPane *self)
{
  CsPaper paper = _cs_report_pane_paper ();
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = gtk_paper_size_new (paper == CS_PAPER_LETTER
                                                     ? GTK_PAPER_NAME_LETTER
                                                     : GTK_PAPER_NAME_A4);
  CsReportLayout *layout = _cs_report_pane_layout_new (self, paper);
  g_autoptr(GError) error = NULL;
  const char *accession = cs_case_get_text (self->kase, "case.consult_accession");

  gtk_page_setup_set_paper_size_and_default_margins (setup, size);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (accession != NULL)
    gtk_print_operation_set_job_name (operation, accession);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print_cb), layout,
                         layout_unref_notify, 0);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), layout);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _cs_report_pane_error (self, _("Could Not Print the Opinion"), error);
}
