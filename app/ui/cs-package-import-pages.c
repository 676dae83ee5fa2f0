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
 * for, and those folders) and the result (what changed, what is not
 * trusted). Main thread only. */

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
  cs_package_rows_add_contents (self->preview_box, self->manifest);
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

/* The result. */

static void
add_tampered (CsPackageImportDialog *self)
{
  GPtrArray *tampered = self->result->tampered;
  GtkWidget *group;

  if (tampered == NULL || tampered->len == 0)
    return;
  group = cs_package_rows_group (self->result_box, _("Not Trusted"),
                                 _("Changed after they were signed: kept, marked as not "
                                   "trusted, never replacing a trusted revision"));
  gtk_widget_set_name (group, "not-trusted");
  for (guint i = 0; i < tampered->len; i++)
    {
      GtkWidget *row = cs_package_rows_add (group, g_ptr_array_index (tampered, i), NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (row, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);    }
}

/* A count, when not zero, named @id for the tests. */
static void
add_counts (GtkWidget  *group,
            const char *id,
            const char *title,
            guint       count)
{
  GtkWidget *row;

  if (count == 0)
    return;
  row = cs_package_rows_add_count (group, title, count);
  gtk_widget_set_name (row, id);
}

static guint
count_by_author (CsPackageManifest *manifest,
                 const char        *author)
{
  guint count = 0;

  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *set = g_ptr_array_index (manifest->annotations, i);

      if (g_strcmp0 (set->author, author) == 0)
        count += set->count;
    }
  return count;
}

static void
add_annotations (CsPackageImportDialog *self)
{
  CsPackageImportResult *result = self->result;
  GtkWidget *group;

  if (result->annotations_added + result->annotations_updated +
      result->annotations_unchanged == 0 && (result->authors == NULL || result->authors->len == 0))
    return;
  group = cs_package_rows_group (self->result_box, _("Annotations"), NULL);
  add_counts (group, "annotations-added", _("Added"), result->annotations_added);
  add_counts (group, "annotations-updated", _("Updated"), result->annotations_updated);
  add_counts (group, "annotations-unchanged", _("Unchanged"), result->annotations_unchanged);
  for (guint i = 0; result->authors != NULL && i < result->authors->len; i++)
    {
      const char *author = g_ptr_array_index (result->authors, i);
      guint n = count_by_author (self->manifest, author);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation",
                                                            "%u annotations", n), n);

      cs_package_rows_add (group, *author != '\0' ? author : _("Unknown author"), text);
    }
}

static void
add_slides (CsPackageImportDialog *self)
{
  GPtrArray *slides = self->result->slides;
  GtkWidget *group;

  if (slides->len == 0)
    return;
  group = cs_package_rows_group (self->result_box, _("Slides"), NULL);
  for (guint i = 0; i < slides->len; i++)
    {
      CsPackageSlideResult *slide = g_ptr_array_index (slides, i);
      g_autofree char *text = NULL;
      GtkWidget *row;

      if (slide->path == NULL)
        text = g_strdup (_("Not found: open it yourself, or import again with its folder"));
      else if (slide->stored)
        /* Translators: %s is a file's path */
        text = g_strdup_printf (_("Stored as %s"), slide->path);
      else
        text = g_strdup_printf (_("Found at %s"), slide->path);
      row = cs_package_rows_add (group, slide->file_name, text);
      if (slide->path == NULL)
        gtk_widget_add_css_class (row, "warning");
    }
}

static void
add_warnings (CsPackageImportDialog *self)
{
  GPtrArray *warnings = self->result->warnings;
  GtkWidget *group;

  if (warnings == NULL || warnings->len == 0)
    return;
  group = cs_package_rows_group (self->result_box, _("Please Note"), NULL);
  for (guint i = 0; i < warnings->len; i++)
    cs_package_rows_add (group, g_ptr_array_index (warnings, i), NULL);
}

void
_cs_package_import_dialog_build_result (CsPackageImportDialog *self)
{
  CsPackageImportResult *result = self->result;
  gboolean trusted = result->tampered == NULL || result->tampered->len == 0;
  GtkWidget *group;

  cs_package_rows_clear (self->result_box);
  gtk_box_append (self->result_box,
                  cs_package_rows_heading (trusted ? "emblem-ok-symbolic"
                                                   : "dialog-warning-symbolic",
                                           trusted ? "success" : "warning",
                                           result->case_created ? _("Case Imported")
                                                                : _("Case Updated"),
                                           self->manifest->case_title));
  add_tampered (self);
  group = cs_package_rows_group (self->result_box, _("Opinions"), NULL);
  if (result->opinions_added + result->opinions_updated + result->opinions_unchanged == 0)
    cs_package_rows_add (group, _("None in the package"), NULL);
  add_counts (group, "opinions-added", _("Added"), result->opinions_added);
  add_counts (group, "opinions-updated", _("Updated"), result->opinions_updated);
  add_counts (group, "opinions-unchanged", _("Unchanged"), result->opinions_unchanged);
  add_annotations (self);
  add_slides (self);
  add_warnings (self);
}
