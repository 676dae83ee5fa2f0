/* cs-annotation-store-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-store.h"

G_BEGIN_DECLS

/* The store file's lock, shared by the main thread and a compaction
 * worker: one writer at a time, and never an older snapshot over a newer
 * one. */
typedef struct
{
  GMutex  lock;
  guint64 written; /* generation of the snapshot in the file */
} StoreFile;

struct _CsAnnotationStore
{
  GObject           parent_instance;

  /* Owned */
  CsAnnotationList *list;
  GMainContext     *context;
  char             *directory;
  char             *sha256;
  char             *path;
  char             *journal_path;
  GPtrArray        *pending;       /* ids (owned), first change first */
  GHashTable       *pending_set;   /* ids, borrowed from @pending */
  GSource          *flush_source;
  GError           *error;
  GError           *read_only;     /* nothing is written: locked, or a journal not read */
  GError           *keep_store;    /* the store file is never rewritten: not read */
  StoreFile        *file;          /* shared with compaction workers */

  /* State */
  gulong            changed_id;
  int               lock_fd;
  int               journal_fd;
  gsize             journal_size;
  guint             journal_lines;
  gsize             max_bytes;
  guint             max_lines;
  guint64           generation;    /* of the latest compaction started */
  gboolean          compacting;    /* a compaction runs in a worker */
  gboolean          covering;      /* ... saving changes not journaled */
  gboolean          compact_failed;
};

StoreFile *_cs_store_file_new                    (void);
void       _cs_store_file_unref                  (gpointer           file);

/* cs-annotation-store.c */
void       _cs_annotation_store_set_write_error  (CsAnnotationStore *self,
                                                  const GError      *error);
void       _cs_annotation_store_schedule_flush   (CsAnnotationStore *self);
void       _cs_annotation_store_clear_pending    (CsAnnotationStore *self);
/* Starts a compaction when the journal is past its limits and nothing
 * stops one. */
void       _cs_annotation_store_check_limits     (CsAnnotationStore *self);
/* @error says a file or folder is not there: nothing to read. */
gboolean   _cs_annotation_store_is_absent        (const GError      *error);
/* Replays the journal @text onto @annotations (CsAnnotation, owned; put
 * replaces by id or appends, del removes); returns the length of its
 * whole lines (a torn last line is left out); @damaged_line receives the
 * first line that could not be read, or 0. */
gsize      _cs_annotation_store_replay           (GPtrArray         *annotations,
                                                  const char        *text,
                                                  gsize              len,
                                                  guint             *lines,
                                                  guint             *damaged_line);
/* The reason the store file may not be rewritten now, or NULL. */
const GError *_cs_annotation_store_get_blocked   (CsAnnotationStore *self);

/* cs-annotation-store-compact.c: a compaction in a worker. */
void       _cs_annotation_store_start_compaction (CsAnnotationStore *self);

G_END_DECLS
