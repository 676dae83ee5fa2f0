/* cs-saved-views-store.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-saved-views.h"

G_BEGIN_DECLS

/*
 * A slide's saved views and tours live beside its annotation store, in the
 * same folder (cs_annotation_store_default_directory()):
 *   <sha256>.views.json   { "consilium": { "format": 1, "slide_sha256" },
 *                           "views": [ { "id", "name", "note",
 *                                        "center": [x, y], "zoom",
 *                                        "rotation" } ],
 *                           "tours": [ { "id", "name", "stops": [
 *                                        { "annotation" | "view",
 *                                          "caption" } ] } ] }
 * A sibling file rather than members of <sha256>.geojson: the GeoJSON is
 * what QuPath and DSA read, and its journal replays annotation changes
 * only; views and tours are small and rewritten whole, atomically
 * (cs_write_file_atomically). Members this version does not know are
 * kept and written back; a file of a newer format is refused.
 */

char         *cs_saved_views_path (const char         *directory,
                                   const char         *slide_sha256);
/* No file: empty views. A damaged file is an error naming it. */
CsSavedViews *cs_saved_views_load (const char         *directory,
                                   const char         *slide_sha256,
                                   GError            **error);
/* Empty views (nothing unknown kept either) remove the file. */
gboolean      cs_saved_views_save (const CsSavedViews *views,
                                   const char         *directory,
                                   const char         *slide_sha256,
                                   GError            **error);
/* Adds to @receiver the views and tours of @incoming whose ids it does not
 * have, in their order; the receiver's own are never replaced nor lost.
 * @added, @kept: (optional): how many were added, and how many the
 * receiver already had (in its own version). */
void          cs_saved_views_merge (CsSavedViews       *receiver,
                                    const CsSavedViews *incoming,
                                    guint              *added,
                                    guint              *kept);

G_END_DECLS
