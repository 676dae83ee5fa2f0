/* cs-report-pane.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-case.h"
#include "cs-opinion-compare.h"
#include "cs-report-layout.h"
#include "cs-slide-page.h"

G_BEGIN_DECLS

/* The second-opinion pane beside the slide: the cases that hold the
 * selected tab's slide, the case form, and its opinions (the form, the
 * cited figures, status and sign-off, addenda and revisions), or the
 * opinions side by side ("compare"). Every edit goes to the CsCase or
 * CsReport at once; the application's case store saves it.
 *
 * Actions ("report." group): new-case, add-slide, send-case (the case as
 * a consult package, cs-package-export-dialog.h), new-opinion, cite,
 * finalize, addendum, amend, export-json, export-pdf, print; compare and
 * color-by-author (stateful, properties of the same names: the window
 * draws the slide's annotations in their authors' colours; compare turns
 * it on while it lasts). Comparing also measures each author's regions on
 * the tab's slide against a reference author's (cs-opinion-compare.h);
 * "highlights-changed" () tells the window to draw the parts not shared
 * (cs_report_pane_get_highlights()). */

#define CS_TYPE_REPORT_PANE (cs_report_pane_get_type ())

G_DECLARE_FINAL_TYPE (CsReportPane, cs_report_pane, CS, REPORT_PANE, GtkWidget)

CsReportPane *cs_report_pane_new          (void);
void          cs_report_pane_set_store    (CsReportPane *self,
                                           CsCaseStore  *store);
void          cs_report_pane_set_page     (CsReportPane *self,
                                           CsSlidePage  *page);
CsCase       *cs_report_pane_get_case     (CsReportPane *self);
CsReport     *cs_report_pane_get_report   (CsReportPane *self);
void          cs_report_pane_select_report (CsReportPane *self,
                                            CsReport     *report);
void          cs_report_pane_export_pdf_async  (CsReportPane        *self,
                                                const char          *path,
                                                CsPaper              paper,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      cs_report_pane_export_pdf_finish (CsReportPane        *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Files the opinion shown into its dicomweb: slide's study (STOW-RS),
 * without the confirmation "File in Archive…" asks for. */
void          cs_report_pane_file_in_archive_async  (CsReportPane        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char         *cs_report_pane_file_in_archive_finish (CsReportPane        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
gboolean      cs_report_pane_save_json    (CsReportPane *self,
                                           const char   *path,
                                           GError      **error);
/* A teaching case not yet revealed to the local user: its answer
 * annotations are hidden (notified as "teaching"). */
gboolean      cs_report_pane_get_teaching_hides (CsReportPane *self);
CsOpinionComparison *cs_report_pane_get_comparison (CsReportPane *self);
GPtrArray    *cs_report_pane_get_highlights (CsReportPane *self,
                                             CsSlidePage  *page);

G_END_DECLS
