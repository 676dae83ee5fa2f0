/* cs-archive-thumbnail.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cs-dicomweb.h"

G_BEGIN_DECLS

/* The largest pyramid level whose frames a thumbnail is rendered from
 * when the series has no thumbnail or overview image. */
#define CS_ARCHIVE_THUMBNAIL_MAX_FRAMES 256

/* A picture of a remote slide at most @size pixels wide and high: the
 * series' THUMBNAIL or OVERVIEW image when it has one, else its smallest
 * pyramid level put together from its frames (when that level has at most
 * CS_ARCHIVE_THUMBNAIL_MAX_FRAMES). Synchronous: call it from a worker. */
GdkPixbuf *cs_archive_thumbnail_fetch (CsDicomwebClient  *client,
                                       const char        *study_uid,
                                       const char        *series_uid,
                                       int                size,
                                       GCancellable      *cancellable,
                                       GError           **error);

G_END_DECLS
