/* cs-package-export-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-package-export-dialog.h"

G_BEGIN_DECLS

struct _CsPackageExportDialog
{
  AdwWindow             parent_instance;

  /* Template Widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *send_button;
  GtkStack             *stack;
  AdwEntryRow          *sender_row;
  AdwEntryRow          *institution_row;
  GtkTextView          *message_view;
  AdwPreferencesGroup  *slides_group;
  GtkCheckButton       *deidentified_check;
  GtkCheckButton       *original_check;
  GtkCheckButton       *none_check;
  AdwExpanderRow       *encrypt_row;
  AdwPasswordEntryRow  *passphrase_row;
  AdwPasswordEntryRow  *confirm_row;
  GtkLabel             *hint_label;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkBox               *summary_box;

  /* Owned References */
  CsCase               *kase;
  GHashTable           *slide_paths;  /* SHA-256 → path of the slides at hand */
  GHashTable           *originals;    /* SHA-256 → CsSlide open in a tab */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *path;         /* the package being written */

  guint                 n_lookups;    /* identity look-ups running */
  guint                 n_found;      /* the case's slides at hand */
  guint                 disposed : 1;
};

void  _cs_package_export_dialog_show (CsPackageExportDialog *self,
                                      const char            *page);
char *_cs_package_export_file_name   (CsCase                *kase);

G_END_DECLS
