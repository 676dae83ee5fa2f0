/* cs-library-window.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-library-filter.h"
#include "cs-library-tag-editor.h"

G_BEGIN_DECLS

#define CS_TYPE_LIBRARY_WINDOW (cs_library_window_get_type ())

G_DECLARE_FINAL_TYPE (CsLibraryWindow, cs_library_window, CS, LIBRARY_WINDOW, AdwWindow)

/* The library: the collections (folders) in the "library-collections"
 * key of @settings, added with a folder chooser and removed from the
 * list; it follows the key as it changes. */
CsLibraryWindow *cs_library_window_new                (GtkWindow       *parent,
                                                       GSettings       *settings);
guint            cs_library_window_get_n_collections  (CsLibraryWindow *self);
gboolean         cs_library_window_add_collection     (CsLibraryWindow *self,
                                                       GFile           *folder);
void             cs_library_window_remove_collection  (CsLibraryWindow *self,
                                                       const char      *path);
/* The slides the grid shows, searched and sorted (CsLibraryItem). */
GListModel      *cs_library_window_get_shown          (CsLibraryWindow *self);
/* The filter bar (stain, organ, tag). */
CsLibraryFilter *cs_library_window_get_filter         (CsLibraryWindow *self);
gboolean         cs_library_window_get_scanning       (CsLibraryWindow *self);
void             cs_library_window_set_search         (CsLibraryWindow *self,
                                                       const char      *text);
/* As a double click on the slide at @position of the grid: "open-file". */
void             cs_library_window_activate           (CsLibraryWindow *self,
                                                       guint            position);
CsLibraryTagEditor *cs_library_window_edit_tags       (CsLibraryWindow *self,
                                                       guint            position);

G_END_DECLS
