/* cs-package-import-dialog.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-window.h"

G_BEGIN_DECLS

/* Importing a consult package: its manifest read in a worker (asking for
 * the passphrase when it is encrypted), a preview of what it holds and
 * where its slides go or are looked for, then the import (prepared in a
 * worker, committed on the main thread into the application's cases and
 * the open tabs' annotations) and what it changed. The stack's pages are
 * "progress", "passphrase", "preview", "result" and "error". */

#define CS_TYPE_PACKAGE_IMPORT_DIALOG (cs_package_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsPackageImportDialog, cs_package_import_dialog, CS, PACKAGE_IMPORT_DIALOG,
                      AdwWindow)

CsPackageImportDialog *cs_package_import_dialog_new               (CsWindow              *window,
                                                                   const char            *path);
void                   cs_package_import_dialog_set_slide_folder  (CsPackageImportDialog *self,
                                                                   const char            *folder);
void                   cs_package_import_dialog_add_search_folder (CsPackageImportDialog *self,
                                                                   const char            *folder);

G_END_DECLS
