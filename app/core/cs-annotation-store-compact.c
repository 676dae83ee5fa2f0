/* cs-annotation-store-compact.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cs-annotation-io-private.h"
#include "cs-annotation-store-private.h"
#include "cs-class-table.h"
#include "cs-geojson.h"

/* Compaction of the annotation store: a snapshot of the list written to
 * the store file, in a worker or (close) on the main thread, and the
 * journal cut back to what the snapshot does not hold. The design is
 * described in cs-annotation-store.c. Workers touch only their
 * Compaction job and the StoreFile. */

static void
store_file_clear (gpointer data)
{
  StoreFile *file = data;

  g_mutex_clear (&file->lock);
}

StoreFile *
_cs_store_file_new (void)
{
  StoreFile *file = g_atomic_rc_box_new0 (StoreFile);

  g_mutex_init (&file->lock);
  return file;
}

void
_cs_store_file_unref (gpointer file)
{
  g_atomic_rc_box_release_full (file, store_file_clear);
}

typedef struct
{
  StoreFile  *file;
  char       *path;
  char       *sha256;
  GPtrArray  *annotations;  /* the snapshot */
  GHashTable *class_colors; /* class name -> 0xRRGGBB, copied from the list's table */
  guint64     generation;
  gsize       journal_mark; /* journal bytes the snapshot includes */
  GPtrArray  *covered;      /* pending ids the snapshot includes, not journaled */
} Compaction;

static void
compaction_free (gpointer data)
{
  Compaction *job = data;

  _cs_store_file_unref (job->file);
  g_free (job->path);
  g_free (job->sha256);
  g_ptr_array_unref (job->annotations);
  g_hash_table_unref (job->class_colors);
  g_clear_pointer (&job->covered, g_ptr_array_unref);
  g_free (job);
}

/* Main thread: the class table is not for workers. */
static GHashTable *
copy_class_colors (CsAnnotationList *list)
{
  CsClassTable *table = cs_annotation_list_get_class_table (list);
  GHashTable *colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = table != NULL ? g_list_model_get_n_items (G_LIST_MODEL (table)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsClassItem) item = g_list_model_get_item (G_LIST_MODEL (table), i);

      g_hash_table_insert (colors, g_strdup (cs_class_item_get_name (item)),
                           GUINT_TO_POINTER (cs_class_item_get_color (item)));
    }
  return colors;
}

static Compaction *
compaction_new (CsAnnotationStore *self)
{
  Compaction *job = g_new0 (Compaction, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  job->file = g_atomic_rc_box_acquire (self->file);
  job->path = g_strdup (self->path);
  job->sha256 = g_strdup (self->sha256);
  job->annotations = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (job->annotations, g_list_model_get_item (G_LIST_MODEL (self->list), i));
  job->class_colors = copy_class_colors (self->list);
  job->generation = ++self->generation;
  job->journal_mark = self->journal_size;
  return job;
}

static gboolean
write_store (GOutputStream *stream,
             gpointer       data,
             GError       **error)
{
  Compaction *job = data;
  CsAnnotationExport context = { .slide_sha256 = job->sha256,
                                 .class_colors = job->class_colors };

  return cs_geojson_write (stream, job->annotations, &context, NULL, error);
}

/* Any thread. A snapshot older than the file's is not written. */
static gboolean
compaction_write (Compaction *job,
                  GError    **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&job->file->lock);
  if (job->file->written < job->generation)
    {
      ok = _cs_write_file_atomically (job->path, TRUE, write_store, job, error);
      if (ok)
        job->file->written = job->generation;
    }
  g_mutex_unlock (&job->file->lock);
  return ok;
}

static gboolean
write_bytes (GOutputStream *stream,
             gpointer       data,
             GError       **error)
{
  GBytes *bytes = data;
  gsize len;
  const void *buf = g_bytes_get_data (bytes, &len);

  return g_output_stream_write_all (stream, buf, len, NULL, NULL, error);
}

static GBytes *
read_journal_tail (CsAnnotationStore *self,
                   gsize              from)
{
  gsize len = self->journal_size - from;
  g_autofree char *buf = g_malloc (MAX (len, 1));
  int fd = g_open (self->journal_path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok = fd >= 0 && pread (fd, buf, len, from) == (gssize) len;

  if (fd >= 0)
    close (fd);
  return ok ? g_bytes_new_take (g_steal_pointer (&buf), len) : NULL;
}

static gboolean
empty_journal (CsAnnotationStore *self)
{
  if (ftruncate (self->journal_fd, 0) != 0 || fdatasync (self->journal_fd) != 0)
    return FALSE;
  self->journal_size = 0;
  self->journal_lines = 0;
  return TRUE;
}

/* Drops the first @mark bytes of the journal, now in the store: the rest
 * is rewritten atomically, so a crash leaves the whole journal (replayed
 * harmlessly onto the new store) or the rest. */
static gboolean
trim_journal (CsAnnotationStore *self,
              gsize              mark)
{
  g_autoptr(GBytes) tail = NULL;
  gsize len;
  const char *data;
  int fd;

  if (mark == 0)
    return TRUE;
  if (mark == self->journal_size)
    return empty_journal (self);
  tail = read_journal_tail (self, mark);
  if (tail == NULL ||
      !_cs_write_file_atomically (self->journal_path, TRUE, write_bytes, tail, NULL))
    return FALSE;
  fd = g_open (self->journal_path, O_WRONLY | O_APPEND | O_CLOEXEC, 0600);
  close (self->journal_fd);
  self->journal_fd = fd; /* -1 on failure: the next flush reports it */
  data = g_bytes_get_data (tail, &len);
  self->journal_size = len;
  self->journal_lines = 0;
  for (gsize i = 0; i < len; i++)
    self->journal_lines += data[i] == '\n';
  return fd >= 0;
}

static void
compaction_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  GError *error = NULL;

  if (compaction_write (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Requeues the changes a failed compaction was to save. */
static void
requeue (CsAnnotationStore *self,
         GPtrArray         *ids)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (!g_hash_table_contains (self->pending_set, ids->pdata[i]))
      {
        char *id = g_strdup (ids->pdata[i]);

        g_ptr_array_add (self->pending, id);
        g_hash_table_add (self->pending_set, id);
      }
  if (self->pending->len > 0)
    _cs_annotation_store_schedule_flush (self);
}

static void
compaction_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  CsAnnotationStore *self = CS_ANNOTATION_STORE (source);
  Compaction *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->compacting = FALSE;
  self->covering = FALSE;
  if (self->pending->len > 0)
    _cs_annotation_store_schedule_flush (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _cs_annotation_store_set_write_error (self, error);
      self->compact_failed = TRUE;
      requeue (self, job->covered);
      return;
    }
  self->compact_failed = FALSE;
  /* A later compaction (close) has already dealt with the journal. */
  if (job->generation != self->generation || self->journal_fd < 0)
    return;
  if (!trim_journal (self, job->journal_mark))
    {
      g_debug ("Could not trim %s", self->journal_path);
      return;
    }
  /* Changes journaled while the snapshot was written may have taken the
   * journal past its limits again. */
  _cs_annotation_store_check_limits (self);
}

/* Flushed changes are in the journal already; pending ones go into the
 * snapshot (a large batch) and are journaled again only if it fails. */
void
_cs_annotation_store_start_compaction (CsAnnotationStore *self)
{
  Compaction *job = compaction_new (self);
  g_autoptr(GTask) task = g_task_new (self, NULL, compaction_done, NULL);

  job->covered = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_remove_all (self->pending_set);
  self->compacting = TRUE;
  self->covering = job->covered->len > 0;
  g_task_set_source_tag (task, _cs_annotation_store_start_compaction);
  g_task_set_task_data (task, job, compaction_free);
  g_task_run_in_thread (task, compaction_thread);
}

gboolean
cs_annotation_store_compact (CsAnnotationStore *self,
                             GError           **error)
{
  Compaction *job;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (CS_IS_ANNOTATION_STORE (self), FALSE);

  /* A store or journal that could not be read is never replaced, nor
   * anything written while another process has the slide. */
  if (_cs_annotation_store_get_blocked (self) != NULL)
    {
      g_propagate_error (error, g_error_copy (_cs_annotation_store_get_blocked (self)));
      return FALSE;
    }
  g_return_val_if_fail (self->journal_fd >= 0, FALSE);
  job = compaction_new (self);
  ok = compaction_write (job, &local_error);
  compaction_free (job);
  if (!ok)
    {
      _cs_annotation_store_set_write_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Everything pending is in the store now. */
  _cs_annotation_store_clear_pending (self);
  g_clear_error (&self->error);
  self->compact_failed = FALSE;
  if (!empty_journal (self))
    {
      int saved = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot empty %s: %s"), self->journal_path, g_strerror (saved));
      _cs_annotation_store_set_write_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
