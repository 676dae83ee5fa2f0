/* cs-archive-browse-tasks.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-dicomweb.h"

G_BEGIN_DECLS

/* The browse dialog's requests, each in a worker thread
 * (cs_ui_task_run_in_thread), cancellable; @source is the widget the
 * callback is for. */

void       cs_archive_search_studies_async   (gpointer               source,
                                              CsDicomwebClient      *client,
                                              const CsDicomwebQuery *query,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
/* (element-type CsDicomwebStudy) */
GPtrArray *cs_archive_search_studies_finish  (GAsyncResult          *result,
                                              GError               **error);

/* The study's whole-slide (SM) series. */
void       cs_archive_list_series_async      (gpointer               source,
                                              CsDicomwebClient      *client,
                                              const char            *study_uid,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
/* (element-type CsDicomwebSeries) */
GPtrArray *cs_archive_list_series_finish     (GAsyncResult          *result,
                                              GError               **error);

void        cs_archive_thumbnail_async       (gpointer               source,
                                              CsDicomwebClient      *client,
                                              const char            *study_uid,
                                              const char            *series_uid,
                                              int                    size,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
GdkTexture *cs_archive_thumbnail_finish      (GAsyncResult          *result,
                                              GError               **error);

/* What to tell the user about a failed request to @server_name. */
char       *cs_archive_describe_error        (const char            *server_name,
                                              const GError          *error);

G_END_DECLS
