/* cs-package-import-pages.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-import-dialog"

#include "config.h"

#include "cs-package-import-private.h"
#include "cs-package-rows.h"
#include "cs-recent-slides.h"
#include "cs-settings.h"

#include <glib/gi18n.h>

/* The import dialog's pages built from the package: the preview (the
 * case, who sent it, what it holds, where its slides go or are looked
 * for, and those folders); the result is cs-package-import-result.c.
 * Main thread only. */

#define RECENT_FOLDERS_FROM 20  /* recent slides whose folders are searched */

static void
add_sender (CsPackageImportDialog *self)
{
  CsPackageManifest *manifest = self->manifest;
  g_autofree char *when = cs_package_rows_format_date (manifest->created);
  g_autofree char *from = NULL;
  GtkWidget *group = cs_package_rows_group (self->preview_box, _("Sent"), NULL);
  GtkWidget *row;

  if (*manifest->sender_institution != '\0' && *manifest->sender_name != '\0')
    /* Translators: "Dr Ada Lovelace, Royal Infirmary" */
    from = g_strdup_printf (_("%s, %s"), manifest->sender_name, manifest->sender_institution);
  else
    from = g_strdup (*manifest->sender_name != '\0' ? manifest->sender_name
                     : *manifest->sender_institution != '\0' ? manifest->sender_institution
                     : _("Not given"));
  cs_package_rows_add (group, _("From"), from);
  cs_package_rows_add (group, _("On"), when);
  if (manifest->message != NULL && *manifest->message != '\0')
    {
      row = cs_package_rows_add (group, _("Message"), manifest->message);
      gtk_widget_set_name (row, "package-message");
    }
}

static void
on_choose_slide_folder_cb (CsPackageImportDialog *self)
{
  _cs_package_import_dialog_choose_folder (self, FALSE);
}

static void
on_add_search_folder_cb (CsPackageImportDialog *self)
{
  _cs_package_import_dialog_choose_folder (self, TRUE);
}

static GtkWidget *
folder_button (CsPackageImportDialog *self,
               const char            *label,
               GCallback              callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, self);

  return button;
}

/* Where the included slides go, and where the referenced ones are looked
 * for. */
static void
add_folders (CsPackageImportDialog *self)
{
  guint n_included = 0, n_referenced = 0;
  GtkWidget *group;
  GtkWidget *row;

  for (guint i = 0; i < self->manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (self->manifest->slides, i);

      if (slide->file != NULL)
        n_included++;
      else
        n_referenced++;
    }
  if (n_included > 0)
    {
      group = cs_package_rows_group (self->preview_box, _("Store Slides In"),
                                     _("A folder for the case is made there"));
      row = cs_package_rows_add (group, _("Folder"), self->slide_folder);
      self->slide_folder_row = ADW_ACTION_ROW (row);
      gtk_widget_set_name (row, "slide-folder");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 folder_button (self, _("_Choose…"),
                                                G_CALLBACK (on_choose_slide_folder_cb)));
    }
  if (n_referenced > 0)
    {
      group = cs_package_rows_group (self->preview_box, _("Look for Slides In"),
                                     _("Searched, with their subfolders, for the "
                                       "slides not included"));
      self->search_group = group;
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                               folder_button (self, _("_Add Folder…"),
                                                              G_CALLBACK (on_add_search_folder_cb)));
      for (guint i = 0; i < self->search_folders->len; i++)
        {
          const char *folder = g_ptr_array_index (self->search_folders, i);
          g_autofree char *name = g_path_get_basename (folder);

          cs_package_rows_add (group, name, folder);
        }
      if (self->search_folders->len == 0)
        cs_package_rows_add (group, _("No folders yet"), _("Add the folder holding the slides"));
    }
}

void
_cs_package_import_dialog_build_preview (CsPackageImportDialog *self)
{
  self->slide_folder_row = NULL;
  self->search_group = NULL;
  cs_package_rows_clear (self->preview_box);
  gtk_box_append (self->preview_box,
                  cs_package_rows_heading ("mail-attachment-symbolic", NULL,
                                           self->manifest->case_title,
                                           _("A consultation case sent to you. Nothing "
                                             "changes until you import it.")));
  add_sender (self);
  cs_package_rows_add_contents (self->preview_box, self->manifest, self->inspected);
  add_folders (self);
}

static void
on_folder_response_cb (CsPackageImportDialog *self,
                       int                    response,
                       GtkFileChooserNative  *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  if (self->choosing_search)
    cs_package_import_dialog_add_search_folder (self, path);
  else
    cs_package_import_dialog_set_slide_folder (self, path);
}

void
_cs_package_import_dialog_choose_folder (CsPackageImportDialog *self,
                                         gboolean               search)
{
  if (self->folder_chooser == NULL)
    {
      self->folder_chooser = gtk_file_chooser_native_new (NULL, GTK_WINDOW (self),
                                                          GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                          _("_Select"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->folder_chooser), TRUE);
      g_signal_connect_object (self->folder_chooser, "response",
                               G_CALLBACK (on_folder_response_cb), self, G_CONNECT_SWAPPED);
    }
  self->choosing_search = search;
  gtk_native_dialog_set_title (GTK_NATIVE_DIALOG (self->folder_chooser),
                               search ? _("Add a Folder to Look for Slides In")
                                      : _("Store Slides In"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}


/* The folders. */

/* Where included slides go: the last folder chosen, else Consilium's. */
char *
_cs_package_import_dialog_default_folder (void)
{
  GSettings *settings = cs_settings_get_default ();
  g_autofree char *folder = settings ? g_settings_get_string (settings, "package-slide-folder")
                                     : NULL;

  if (folder != NULL && *folder != '\0')
    return g_steal_pointer (&folder);

  return g_build_filename (g_get_user_data_dir (), "consilium", "slides", NULL);
}

/* The folders of recent slides, where referenced slides likely are. */
void
_cs_package_import_dialog_add_recent_folders (CsPackageImportDialog *self)
{
  g_autoptr(GPtrArray) recent = cs_recent_slides_list (RECENT_FOLDERS_FROM);

  for (guint i = 0; i < recent->len; i++)
    {
      g_autofree char *folder = g_path_get_dirname (g_ptr_array_index (recent, i));

      cs_package_import_dialog_add_search_folder (self, folder);
    }
}

/* Where the package's slide files are stored (a folder per case below). */
void
cs_package_import_dialog_set_slide_folder (CsPackageImportDialog *self,
                                           const char            *folder)
{
  g_return_if_fail (CS_IS_PACKAGE_IMPORT_DIALOG (self));
  g_return_if_fail (folder != NULL);

  g_free (self->slide_folder);
  self->slide_folder = g_strdup (folder);
  if (self->slide_folder_row != NULL)
    adw_action_row_set_subtitle (self->slide_folder_row, folder);
}

/* One more folder to look for the slides the package references. */
void
cs_package_import_dialog_add_search_folder (CsPackageImportDialog *self,
                                            const char            *folder)
{
  g_return_if_fail (CS_IS_PACKAGE_IMPORT_DIALOG (self));
  g_return_if_fail (folder != NULL);

  for (guint i = 0; i < self->search_folders->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->search_folders, i), folder) == 0)
      return;
  g_ptr_array_add (self->search_folders, g_strdup (folder));
  if (self->search_group != NULL)
    _cs_package_import_dialog_build_preview (self);
}
