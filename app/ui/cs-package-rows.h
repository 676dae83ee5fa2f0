/* cs-package-rows.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-package.h"

G_BEGIN_DECLS

/* Rows shared by the send and import dialogs: what a package holds (its
 * slides, opinions and annotations by author), shown as preference
 * groups. Main thread only. */

void       cs_package_rows_clear         (GtkBox            *box);
GtkWidget *cs_package_rows_group         (GtkBox            *box,
                                          const char        *title,
                                          const char        *description);
GtkWidget *cs_package_rows_add           (GtkWidget         *group,
                                          const char        *title,
                                          const char        *subtitle);
GtkWidget *cs_package_rows_add_count     (GtkWidget         *group,
                                          const char        *title,
                                          guint              count);
GtkWidget *cs_package_rows_heading       (const char        *icon_name,
                                          const char        *style,
                                          const char        *title,
                                          const char        *text);
const char *cs_package_rows_status_label (const char        *status);
void       cs_package_rows_add_contents  (GtkBox            *box,
                                          CsPackageManifest *manifest,
                                          GPtrArray         *reports);
void       cs_package_rows_mark_error    (GtkWidget         *row);
char      *cs_package_rows_format_date   (const char        *iso8601);

G_END_DECLS
