/* cs-start-page.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a window shows with no slide open: a welcome with "Open Slide…"
 * and the slides opened lately, with their thumbnails.
 *
 * Signal: "open-file" (GFile *file) when a recent slide is chosen. */

#define CS_TYPE_START_PAGE (cs_start_page_get_type ())

G_DECLARE_FINAL_TYPE (CsStartPage, cs_start_page, CS, START_PAGE, GtkWidget)

GtkWidget *cs_start_page_new              (void);
void       cs_start_page_refresh          (CsStartPage *self);
GPtrArray *cs_start_page_get_recent       (CsStartPage *self);
guint      cs_start_page_get_n_thumbnails (CsStartPage *self);

gboolean    cs_start_page_is_busy      (CsStartPage *self);

G_END_DECLS
