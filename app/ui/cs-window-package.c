/* cs-window-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-package"

#include "config.h"

#include "cs-cases.h"
#include "cs-package-import-dialog.h"
#include "cs-package.h"
#include "cs-window-package.h"
#include "cs-window-private.h"

#include <glib/gi18n.h>

/* win.import-package asks for a ".consilium" file; the same files opened
 * any other way (the Open dialog, the command line, a drop) come here
 * through cs_window_open (). The open tabs' annotations are what the
 * package dialogs share with the window: written to disk before a
 * package reads the stores, and merged into live when a package brings
 * annotations for a slide that is open. */

/* Whether @file is a consult package, by its name as the other file kinds
 * are recognised (cs_recent_slides_is_slide). */
gboolean
cs_window_is_package (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = name ? g_utf8_casefold (name, -1) : NULL;

  return folded != NULL && g_str_has_suffix (folded, CS_PACKAGE_EXTENSION);
}

/**
 * cs_window_import_package:
 * @file: a ".consilium" package
 *
 * Shows the import dialog for @file: its contents first, nothing changed
 * until the user imports.
 */
void
cs_window_import_package (CsWindow *self,
                          GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _cs_window_toast (self, _("Consult packages can only be opened from local files"));
      return;
    }
  cs_package_import_dialog_new (self, path);
}

static void
on_package_chooser_response_cb (CsWindow             *self,
                                int                   response,
                                GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    cs_window_import_package (self, file);
}

static void
cs_window_package_import (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autoptr(GtkFileFilter) packages = NULL;

  if (self->package_chooser == NULL)
    {
      self->package_chooser = gtk_file_chooser_native_new (_("Import Consult Package"),
                                                           GTK_WINDOW (self),
                                                           GTK_FILE_CHOOSER_ACTION_OPEN,
                                                           _("_Open"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->package_chooser), TRUE);
      packages = gtk_file_filter_new ();
      gtk_file_filter_set_name (packages, _("Consult packages"));
      gtk_file_filter_add_suffix (packages, CS_PACKAGE_EXTENSION + 1);
      gtk_file_filter_add_mime_type (packages, CS_PACKAGE_MEDIA_TYPE);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->package_chooser), packages);
      g_signal_connect_object (self->package_chooser, "response",
                               G_CALLBACK (on_package_chooser_response_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (self->package_chooser)))
    return;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->package_chooser));
}

void
_cs_window_class_package_init (CsWindowClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.import-package", NULL,
                                   cs_window_package_import);
}

void
_cs_window_package_dispose (CsWindow *self)
{
  if (self->package_chooser == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->package_chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->package_chooser));
  g_clear_object (&self->package_chooser);
}

/* Every tab of every window. */
static GPtrArray *
cs_window_package_all_pages (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *pages = g_ptr_array_new ();

  for (guint w = 0; w < g_list_model_get_n_items (toplevels); w++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, w);

      if (!CS_IS_WINDOW (toplevel))
        continue;
      for (guint i = 0; i < cs_window_get_n_pages (CS_WINDOW (toplevel)); i++)
        g_ptr_array_add (pages, cs_window_get_nth_page (CS_WINDOW (toplevel), i));
    }
  return pages;
}

/**
 * cs_window_flush_all_annotations:
 *
 * Writes the annotation changes of every open tab (in every window) now.
 *
 * Returns: %FALSE, with the first error, when one could not be written
 */
gboolean
cs_window_flush_all_annotations (GError **error)
{
  g_autoptr(GPtrArray) pages = cs_window_package_all_pages ();

  for (guint i = 0; i < pages->len; i++)
    if (!cs_slide_page_flush_annotations (g_ptr_array_index (pages, i), error))
      return FALSE;

  return TRUE;
}

/**
 * cs_window_find_annotation_list:
 * @sha256: a slide's identity
 *
 * Returns: (transfer none) (nullable): the live annotation list of a tab
 *   showing the slide of @sha256, NULL when none is open
 */
CsAnnotationList *
cs_window_find_annotation_list (const char *sha256)
{
  g_autoptr(GPtrArray) pages = cs_window_package_all_pages ();

  g_return_val_if_fail (sha256 != NULL, NULL);

  for (guint i = 0; i < pages->len; i++)
    {
      CsSlidePage *page = g_ptr_array_index (pages, i);

      if (g_strcmp0 (cs_slide_page_get_annotation_sha256 (page), sha256) == 0 &&
          cs_slide_page_get_annotation_list (page) != NULL)
        return cs_slide_page_get_annotation_list (page);
    }
  return NULL;
}

/* Showing an opinion received: the pane follows the selected tab, and
 * finds the tab's case once its slide is known (a tab just opened loads
 * its slide first), so the opinion is selected when the pane shows the
 * case, looked at on each tick until then. */

#define SHOW_OPINION_INTERVAL_MS 100
#define SHOW_OPINION_TRIES       300  /* 30 s: a large slide opening */

typedef struct
{
  CsWindow *window;     /* weak */
  char     *case_id;
  char     *report_id;
  guint     tries;
} CsShowOpinion;

static void
cs_show_opinion_free (gpointer data)
{
  CsShowOpinion *show = data;

  g_clear_weak_pointer (&show->window);
  g_free (show->case_id);
  g_free (show->report_id);
  g_free (show);
}

static CsReport *
cs_window_package_find_report (CsCase     *kase,
                               const char *id)
{
  GListModel *opinions = cs_case_get_opinions (kase);

  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      if (g_strcmp0 (cs_report_get_id (report), id) == 0)
        return report;  /* the case holds it */
    }
  return NULL;
}

static gboolean
cs_show_opinion_try (gpointer data)
{
  CsShowOpinion *show = data;
  CsReportPane *pane = show->window != NULL ? show->window->report_pane : NULL;
  CsCase *kase = cs_case_store_lookup (cs_cases_get_default (), show->case_id);
  CsReport *report = kase != NULL ? cs_window_package_find_report (kase, show->report_id) : NULL;

  if (pane == NULL || report == NULL)
    return G_SOURCE_REMOVE;
  /* The pane shows a case once the tab's slide is known. */
  if (cs_report_pane_get_case (pane) != NULL)
    cs_report_pane_select_report (pane, report);
  if (cs_report_pane_get_report (pane) == report)
    return G_SOURCE_REMOVE;
  return ++show->tries < SHOW_OPINION_TRIES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* The tab showing a slide of @kase, else NULL. */
static CsSlidePage *
cs_window_package_find_case_page (CsWindow *self,
                                  CsCase   *kase)
{
  for (guint i = 0; i < cs_window_get_n_pages (self); i++)
    {
      CsSlidePage *page = cs_window_get_nth_page (self, i);
      const char *sha256 = cs_slide_page_get_annotation_sha256 (page);

      if (sha256 != NULL && cs_case_find_slide (kase, sha256) != NULL)
        return page;
    }
  return NULL;
}

/**
 * cs_window_show_opinion:
 * @kase: a case of the app's store
 * @report_id: one of its opinions
 * @slide_paths: (array zero-terminated=1) (nullable): the case's slide
 *   files, one of which is opened when no tab shows a slide of @kase
 *
 * Selects (or opens) a tab of @kase's slides, shows the report pane and
 * selects the opinion there, once the pane shows the case.
 */
void
cs_window_show_opinion (CsWindow           *self,
                        CsCase             *kase,
                        const char         *report_id,
                        const char * const *slide_paths)
{
  CsSlidePage *page;
  CsShowOpinion *show;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (CS_IS_CASE (kase));
  g_return_if_fail (report_id != NULL);

  page = cs_window_package_find_case_page (self, kase);
  if (page != NULL)
    adw_tab_view_set_selected_page (self->tab_view,
                                    adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page)));
  else if (slide_paths != NULL && slide_paths[0] != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (slide_paths[0]);

      cs_window_open (self, file);
    }
  g_action_group_change_action_state (G_ACTION_GROUP (self), "show-report",
                                      g_variant_new_boolean (TRUE));

  show = g_new0 (CsShowOpinion, 1);
  g_set_weak_pointer (&show->window, self);
  show->case_id = g_strdup (cs_case_get_id (kase));
  show->report_id = g_strdup (report_id);
  if (cs_show_opinion_try (show) == G_SOURCE_REMOVE)
    cs_show_opinion_free (show);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, SHOW_OPINION_INTERVAL_MS, cs_show_opinion_try, show,
                        cs_show_opinion_free);
}
