/* cs-window-package.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-list.h"
#include "cs-case.h"
#include "cs-window.h"

G_BEGIN_DECLS

/* Consult packages in the window: win.import-package, and what the send
 * and import dialogs need of the open tabs. Main thread only. */

gboolean          cs_window_is_package              (GFile       *file);
void              cs_window_import_package          (CsWindow    *self,
                                                     GFile       *file);
gboolean          cs_window_flush_all_annotations   (GError     **error);
CsAnnotationList *cs_window_find_annotation_list    (const char  *sha256);
void              cs_window_show_opinion            (CsWindow           *self,
                                                     CsCase             *kase,
                                                     const char         *report_id,
                                                     const char * const *slide_paths);

G_END_DECLS
