/* cs-package-import-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-package-import-dialog.h"
#include "cs-package.h"

G_BEGIN_DECLS

struct _CsPackageImportDialog
{
  AdwWindow              parent_instance;

  /* Template Widgets */
  AdwWindowTitle        *window_title;
  GtkButton             *cancel_button;
  GtkButton             *action_button;
  GtkButton             *open_slides_button;
  GtkStack              *stack;
  AdwStatusPage         *progress_page;
  AdwStatusPage         *error_page;
  GtkSpinner            *spinner;
  AdwPasswordEntryRow   *passphrase_row;
  GtkLabel              *passphrase_error;
  GtkBox                *preview_box;
  GtkBox                *result_box;

  /* Built in code */
  AdwActionRow          *slide_folder_row;
  GtkWidget             *search_group;
  GPtrArray             *search_rows;

  /* Borrowed References */
  CsWindow              *window;           /* weak */

  /* Owned References */
  char                  *path;
  char                  *passphrase;       /* wiped when done with */
  CsPackageManifest     *manifest;
  GPtrArray             *inspected;        /* CsReport, trust checked */
  GHashTable            *before;           /* report id → its data, before */
  char                  *receiver_author;
  char                  *slide_folder;
  GPtrArray             *search_folders;   /* char *, NULL-terminated */
  char                  *annotation_directory;
  CsPackageImportOptions options;          /* read by the worker */
  CsPackageImportResult *result;
  GCancellable          *cancellable;
  GtkFileChooserNative  *folder_chooser;

  guint                  choosing_search : 1;
  guint                  disposed : 1;
};

void _cs_package_import_dialog_show          (CsPackageImportDialog *self,
                                              const char            *page);
void _cs_package_import_dialog_build_preview (CsPackageImportDialog *self);
void _cs_package_import_dialog_build_result  (CsPackageImportDialog *self);
void _cs_package_import_dialog_note_before   (CsPackageImportDialog *self);
void _cs_package_import_dialog_choose_folder (CsPackageImportDialog *self,
                                              gboolean               search);
char *_cs_package_import_dialog_default_folder     (void);
void  _cs_package_import_dialog_add_recent_folders (CsPackageImportDialog *self);

G_END_DECLS
