/* cs-annotation-store.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation-list.h"

G_BEGIN_DECLS

/**
 * CsAnnotationStore:
 *
 * Keeps one slide's annotations on disk without a save button, in
 * @directory (normally $XDG_DATA_HOME/consilium/annotations):
 *   <sha256>.geojson   the store: native GeoJSON, rewritten atomically
 *                      (temporary file, fsync, rename, fsync of the folder)
 *   <sha256>.journal   changes since: one line per change, appended and
 *                      fdatasync'ed within a second of the change
 * Loading reads the store, then replays the journal; a torn last line
 * (a crash mid-write) is dropped. Compaction rewrites the store and empties
 * the journal when the journal has grown, and on close.
 *
 * A store file that cannot be read is renamed aside to
 * <sha256>.geojson.damaged-<UTC time> and reported by load(), never
 * overwritten; the journal is then replayed onto an empty list.
 */
#define CS_TYPE_ANNOTATION_STORE (cs_annotation_store_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotationStore, cs_annotation_store, CS, ANNOTATION_STORE, GObject)

char              *cs_annotation_store_default_directory (void);

CsAnnotationStore *cs_annotation_store_new      (CsAnnotationList  *list,
                                                 const char        *directory,
                                                 const char        *slide_sha256);
/* Reads the store and journal into the list (cs_annotation_list_load) and
 * starts following the list's changes. Returns FALSE with @error when a
 * damaged file was set aside (the list then holds what could be read);
 * the store keeps working either way. */
gboolean           cs_annotation_store_load     (CsAnnotationStore *self,
                                                 GError           **error);
/* Writes pending changes to the journal now (the store also does this by
 * itself within a second of a change). */
gboolean           cs_annotation_store_flush    (CsAnnotationStore *self,
                                                 GError           **error);
/* Rewrites the store from the list and empties the journal. */
gboolean           cs_annotation_store_compact  (CsAnnotationStore *self,
                                                 GError           **error);
/* Flushes, compacts, and stops following the list. */
gboolean           cs_annotation_store_close    (CsAnnotationStore *self,
                                                 GError           **error);
/* Compaction starts when the journal exceeds @max_bytes or @max_lines
 * (default 4 MiB, 10,000 lines). */
void               cs_annotation_store_set_journal_limit (CsAnnotationStore *self,
                                                          gsize              max_bytes,
                                                          guint              max_lines);
const char        *cs_annotation_store_get_path (CsAnnotationStore *self);
const char        *cs_annotation_store_get_journal_path (CsAnnotationStore *self);
/* The last write error since the last success, or NULL: the UI shows it. */
const GError      *cs_annotation_store_get_error (CsAnnotationStore *self);

G_END_DECLS
