/* cs-report-pane-send.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include "cs-package-export-dialog.h"
#include "cs-recent-slides.h"
#include "cs-report-pane-private.h"
#include "cs-window.h"

/* report.send-case: the case shown, as a consult package. The slide files
 * at hand are those of the window's tabs (their identity known), then the
 * recent slides whose cached identity is one of the case's (looked up by
 * the dialog, in a worker). */

#define RECENT_SLIDES 50

static void
cs_report_pane_send_add_tabs (CsReportPane          *self,
                              CsPackageExportDialog *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CsWindow *window = CS_IS_WINDOW (root) ? CS_WINDOW (root) : NULL;
  guint n = window != NULL ? cs_window_get_n_pages (window) : 0;

  for (guint i = 0; i < n; i++)
    {
      CsSlidePage *page = cs_window_get_nth_page (window, i);
      const char *sha256 = cs_slide_page_get_annotation_sha256 (page);
      g_autofree char *path = g_file_get_path (cs_slide_page_get_file (page));

      if (sha256 != NULL && path != NULL && cs_case_find_slide (self->kase, sha256) != NULL)
        cs_package_export_dialog_add_slide (dialog, sha256, path,
                                            cs_slide_page_get_slide (page));
    }
}

void
_cs_report_pane_send_case (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  CsReportPane *self = CS_REPORT_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GPtrArray) recent = NULL;
  CsPackageExportDialog *dialog;

  if (self->kase == NULL)
    return;

  dialog = cs_package_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         self->kase);
  cs_report_pane_send_add_tabs (self, dialog);
  recent = cs_recent_slides_list (RECENT_SLIDES);
  if (recent->len > 0)
    cs_package_export_dialog_look_up (dialog, recent);
}
