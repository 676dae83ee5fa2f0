/* cs-window.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-annotation-io.h"
#include "cs-archive-browse-dialog.h"
#include "cs-deidentify-dialog.h"
#include "cs-library-window.h"
#include "cs-live-controller.h"
#include "cs-live-host-dialog.h"
#include "cs-live-join-dialog.h"
#include "cs-slide-page.h"

G_BEGIN_DECLS

#define CS_TYPE_WINDOW (cs_window_get_type ())

G_DECLARE_FINAL_TYPE (CsWindow, cs_window, CS, WINDOW, AdwApplicationWindow)

CsWindow    *cs_window_new                (GtkApplication       *application);
CsSlidePage *cs_window_open               (CsWindow             *self,
                                           GFile                *file);
guint        cs_window_get_n_pages        (CsWindow             *self);
CsSlidePage *cs_window_get_nth_page       (CsWindow             *self,
                                           guint                 position);
CsSlidePage *cs_window_get_selected_page  (CsWindow             *self);
void         cs_window_close_page         (CsWindow             *self,
                                           CsSlidePage          *page);
void         cs_window_export_view_async  (CsWindow             *self,
                                           const char           *path,
                                           double                factor,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean     cs_window_export_view_finish (CsWindow             *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void         cs_window_import_annotations (CsWindow             *self,
                                           const char           *path);
void         cs_window_export_annotations (CsWindow             *self,
                                           const char           *path,
                                           CsAnnotationFormat    format);
gboolean     cs_window_get_snapshot_viewport (CsWindow          *self,
                                              double             factor,
                                              CsViewport        *viewport,
                                              double            *ui_scale);
GPtrArray   *cs_window_collect_annotation_lists (void);
CsDeidentifyDialog *cs_window_deidentify       (CsWindow          *self,
                                                const char        *path);
CsArchiveBrowseDialog *cs_window_open_archive  (CsWindow          *self);
CsLibraryWindow       *cs_window_open_library  (CsWindow          *self);
CsLiveHostDialog      *cs_window_live_host_as  (CsWindow          *self,
                                                const char        *name,
                                                GError           **error);
CsLiveJoinDialog      *cs_window_live_join_as  (CsWindow          *self,
                                                const char        *name);
CsLiveController      *cs_window_get_live      (CsWindow          *self,
                                                CsSlidePage       *page);

G_END_DECLS
