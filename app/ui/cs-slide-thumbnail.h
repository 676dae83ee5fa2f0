/* cs-slide-thumbnail.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-slide-preview.h"

G_BEGIN_DECLS

/* The largest side of a thumbnail, in pixels: sharp on a card 180 logical
 * pixels wide at scale factor 2. */
#define CS_SLIDE_THUMBNAIL_SIZE 360

char       *cs_slide_thumbnail_get_cache_path (const char           *path,
                                               GError              **error);
void        cs_slide_thumbnail_load_async     (const char           *path,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GdkTexture *cs_slide_thumbnail_load_finish    (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
