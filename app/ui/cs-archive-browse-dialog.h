/* cs-archive-browse-dialog.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_ARCHIVE_BROWSE_DIALOG (cs_archive_browse_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsArchiveBrowseDialog, cs_archive_browse_dialog, CS, ARCHIVE_BROWSE_DIALOG, AdwWindow)

/* "Open from Archive…": searches the studies of a server in the
 * "dicomweb-servers" key of @settings and lists a study's whole-slide
 * series; opening one emits "open-url" with its "dicomweb:" URL and
 * closes the dialog. */
CsArchiveBrowseDialog *cs_archive_browse_dialog_new (GtkWindow             *parent,
                                                     GSettings             *settings);

void        cs_archive_browse_dialog_set_page_size  (CsArchiveBrowseDialog *self,
                                                     guint                  page_size);
void        cs_archive_browse_dialog_search         (CsArchiveBrowseDialog *self);
void        cs_archive_browse_dialog_more           (CsArchiveBrowseDialog *self);
void        cs_archive_browse_dialog_stop           (CsArchiveBrowseDialog *self);
/* Requests in flight: searches and series lists, and thumbnails. */
gboolean    cs_archive_browse_dialog_get_busy       (CsArchiveBrowseDialog *self);
guint       cs_archive_browse_dialog_get_n_loading_thumbnails (CsArchiveBrowseDialog *self);
guint       cs_archive_browse_dialog_get_n_studies  (CsArchiveBrowseDialog *self);
gboolean    cs_archive_browse_dialog_get_has_more   (CsArchiveBrowseDialog *self);
void        cs_archive_browse_dialog_select_study   (CsArchiveBrowseDialog *self,
                                                     guint                  index);
const char *cs_archive_browse_dialog_get_study_uid  (CsArchiveBrowseDialog *self,
                                                     guint                  index);
guint       cs_archive_browse_dialog_get_n_series   (CsArchiveBrowseDialog *self);
gboolean    cs_archive_browse_dialog_get_series_has_thumbnail (CsArchiveBrowseDialog *self,
                                                     guint                  index);
void        cs_archive_browse_dialog_open_series    (CsArchiveBrowseDialog *self,
                                                     guint                  index);
/* The error shown, or %NULL. */
const char *cs_archive_browse_dialog_get_error      (CsArchiveBrowseDialog *self);

G_END_DECLS
