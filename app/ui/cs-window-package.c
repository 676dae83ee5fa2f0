/* cs-window-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-package"

#include "config.h"

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
