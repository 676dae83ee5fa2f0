/* cs-library-collections.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The library's collections: folders (local or network shares) whose
 * slides the library shows, kept as absolute paths in the
 * "library-collections" key, in the order they were added. */

#define CS_LIBRARY_COLLECTIONS_KEY "library-collections"

GStrv    cs_library_collections_load    (GSettings   *settings);
/* Adds @folder (made absolute and canonical) unless it is already there;
 * fails naming the folder when it is not a readable folder. */
gboolean cs_library_collections_add     (GSettings   *settings,
                                         GFile       *folder,
                                         GError     **error);
/* Returns: whether @path was a collection (and is no longer). */
gboolean cs_library_collections_remove  (GSettings   *settings,
                                         const char  *path);

G_END_DECLS
