/* cs-package-export-dialog.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-case.h"
#include "cs-slide.h"

G_BEGIN_DECLS

/* "Send Case…": who sends, a message, whether and how the slides travel,
 * a passphrase (never stored), then the package written in a worker and
 * a summary of what it holds, with the de-identification of each slide.
 * The stack's pages are "form", "progress", "done" and "error". */

#define CS_TYPE_PACKAGE_EXPORT_DIALOG (cs_package_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsPackageExportDialog, cs_package_export_dialog, CS, PACKAGE_EXPORT_DIALOG,
                      AdwWindow)

CsPackageExportDialog *cs_package_export_dialog_new        (GtkWindow             *parent,
                                                            CsCase                *kase);
void                   cs_package_export_dialog_add_slide  (CsPackageExportDialog *self,
                                                            const char            *sha256,
                                                            const char            *path,
                                                            CsSlide               *slide);
void                   cs_package_export_dialog_look_up    (CsPackageExportDialog *self,
                                                            GPtrArray             *paths);
void                   cs_package_export_dialog_send_to    (CsPackageExportDialog *self,
                                                            const char            *path);

G_END_DECLS
