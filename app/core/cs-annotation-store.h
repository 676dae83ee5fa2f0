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
 *   <sha256>.lock      held (flock) by the one process that writes them
 *
 * A store file with damaged parts is copied aside to
 * <sha256>.geojson.damaged-<UTC time> and reported by load(); what could
 * be read is kept, the journal replayed onto it, and the store rewritten.
 * A store or journal that cannot be read at all (permissions, I/O) is
 * never rewritten.
 */
#define CS_TYPE_ANNOTATION_STORE (cs_annotation_store_get_type ())

#define CS_ANNOTATION_STORE_ERROR (cs_annotation_store_error_quark ())

/**
 * CsAnnotationStoreError:
 * @CS_ANNOTATION_STORE_ERROR_LOCKED: another process (another Consilium
 *   window) has the slide's annotations open: they are shown, but
 *   changes are not saved
 * @CS_ANNOTATION_STORE_ERROR_UNREADABLE: the store or the journal exists
 *   but cannot be read (the message names the file and the cause); it is
 *   not rewritten
 *
 * Damaged contents are reported as CS_ANNOTATION_ERROR_PARSE, and
 * failures to write as G_IO_ERROR.
 */
typedef enum
{
  CS_ANNOTATION_STORE_ERROR_LOCKED,
  CS_ANNOTATION_STORE_ERROR_UNREADABLE,
} CsAnnotationStoreError;

GQuark             cs_annotation_store_error_quark (void);

G_DECLARE_FINAL_TYPE (CsAnnotationStore, cs_annotation_store, CS, ANNOTATION_STORE, GObject)

char              *cs_annotation_store_default_directory (void);

CsAnnotationStore *cs_annotation_store_new      (CsAnnotationList  *list,
                                                 const char        *directory,
                                                 const char        *slide_sha256);
/* Takes the lock, reads the store and journal into the list
 * (cs_annotation_list_load) and starts following the list's changes,
 * whatever happens. Returns FALSE with @error when something could not be
 * read (a damaged file set aside, an unreadable file), the lock is held
 * by another process, or the journal cannot be written; the list holds
 * what could be read, and get_error() keeps a cause that stops writing. */
gboolean           cs_annotation_store_load     (CsAnnotationStore *self,
                                                 GError           **error);
/* Writes pending changes to the journal now (the store also does this by
 * itself within a second of a change). FALSE with @error (also kept for
 * get_error()) when changes could not be saved. */
gboolean           cs_annotation_store_flush    (CsAnnotationStore *self,
                                                 GError           **error);
/* Rewrites the store from the list and empties the journal. FALSE with
 * @error when it cannot, or may not: another process has the slide
 * (LOCKED), or a file was not read (UNREADABLE). */
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
/* Reads the saved annotations of the slide of @slide_sha256 in
 * @directory (the store, then the journal replayed) without taking the
 * lock or writing anything, so a window that has the slide open is not
 * disturbed (changes it has not flushed yet are not seen). No files: an
 * empty array. A damaged or unreadable file is an error naming it (it is
 * left as it is). Any thread. Returns (element-type CsAnnotation)
 * (transfer full). */
GPtrArray         *cs_annotation_store_read     (const char        *directory,
                                                 const char        *slide_sha256,
                                                 GCancellable      *cancellable,
                                                 GError           **error);
const char        *cs_annotation_store_get_path (CsAnnotationStore *self);
const char        *cs_annotation_store_get_journal_path (CsAnnotationStore *self);
/* The last write error since the last success, or NULL: the UI shows it. */
const GError      *cs_annotation_store_get_error (CsAnnotationStore *self);

G_END_DECLS
