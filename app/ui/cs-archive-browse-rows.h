/* cs-archive-browse-rows.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-dicomweb.h"

G_BEGIN_DECLS

/* The rows of the browse dialog: a study (its UID in the row's
 * "study-uid" data), a series (its UID in "series-uid", an Open button
 * for "browse.open" with its index) with a thumbnail: a stack showing a
 * spinner until cs_archive_thumbnail_stack_set () gives the picture or
 * the reason there is none. */

GtkWidget *cs_archive_study_row_new            (const CsDicomwebStudy  *study);
GtkWidget *cs_archive_series_row_new           (const CsDicomwebSeries *series,
                                                guint                   index,
                                                GtkWidget              *thumbnail);
gboolean   cs_archive_series_row_has_thumbnail (GtkListBoxRow          *row);
GtkWidget *cs_archive_thumbnail_stack_new      (int                     size);
void       cs_archive_thumbnail_stack_set      (GtkStack               *stack,
                                                GdkTexture             *texture,
                                                const GError           *error);

G_END_DECLS
