/* cs-recent-slides.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Which files are slides, and which slides were opened lately: Consilium's
 * own entries in GtkRecentManager. */

const char * const *cs_recent_slides_get_suffixes (void);
gboolean            cs_recent_slides_is_slide     (const char *path);
void                cs_recent_slides_add          (const char *path);
GPtrArray          *cs_recent_slides_list         (guint       max_items);

G_END_DECLS
