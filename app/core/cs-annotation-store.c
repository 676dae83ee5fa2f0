/* cs-annotation-store.c
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
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-annotation-io-private.h"
#include "cs-annotation-store.h"
#include "cs-annotation-store-private.h"
#include "cs-geojson.h"
#include "cs-geojson-private.h"

/* Autosave of one slide's annotations (the header has the file layout).
 *
 * The list's "changed" signal names the ids of each step; they wait in a
 * pending set, and within FLUSH_DELAY_MS one line per id is appended to
 * the journal and fdatasync'ed: the id's current annotation ("put"), or
 * "del" when it is no longer listed. A write that fails is cut back off
 * the journal, so a line is whole or absent, and retried later.
 *
 * Compaction writes a snapshot of the list (frozen annotations, safe to
 * read from any thread) to the store file atomically. When the journal
 * grows past its limits it runs in a worker while changes go on being
 * journaled; when done, the journal keeps only the lines written after the
 * snapshot (rewritten atomically). A crash in between replays lines that
 * are already in the store, which is harmless: put replaces, del of a
 * missing id does nothing. A batch larger than the journal limit (an
 * import) is not journaled: the snapshot saves it, and later changes wait
 * for the snapshot, so a crash never keeps newer changes without older
 * ones. close() compacts on the main thread; a generation number under a
 * lock keeps a worker's older snapshot from replacing a newer file.
 *
 * Replay appends new ids at the end of the list: after a crash, an
 * annotation brought back by undo may come back last rather than at its
 * old place. Nothing is lost.
 *
 * The object lives on the main thread (the thread-default context at
 * construction); compaction workers touch only their snapshot and the
 * shared StoreFile. */

#define FLUSH_DELAY_MS      500
#define DEFAULT_MAX_BYTES   (4 * 1024 * 1024)
#define DEFAULT_MAX_LINES   10000
#define PUT_PREFIX          "{\"op\":\"put\",\"feature\":"

G_DEFINE_FINAL_TYPE (CsAnnotationStore, cs_annotation_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (cs-annotation-store-error-quark, cs_annotation_store_error)

void
_cs_annotation_store_set_write_error (CsAnnotationStore *self,
                                      const GError      *error)
{
  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  g_debug ("%s", error->message);
}

static void
stop_following (CsAnnotationStore *self)
{
  g_clear_signal_handler (&self->changed_id, self->list);
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
  if (self->journal_fd >= 0)
    {
      close (self->journal_fd);
      self->journal_fd = -1;
    }
  /* Another process may take the slide now: a worker still running
   * writes nothing over close's newer snapshot (the generation). */
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

static gboolean journal_pending (CsAnnotationStore *self,
                                 GError           **error);

static void
cs_annotation_store_dispose (GObject *object)
{
  CsAnnotationStore *self = CS_ANNOTATION_STORE (object);

  /* Not closed: keep what changed, without the cost of a compaction. */
  if (self->changed_id != 0 && self->pending->len > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!journal_pending (self, &error))
        g_debug ("%s", error->message);
    }
  stop_following (self);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (cs_annotation_store_parent_class)->dispose (object);
}

static void
cs_annotation_store_finalize (GObject *object)
{
  CsAnnotationStore *self = CS_ANNOTATION_STORE (object);

  g_main_context_unref (self->context);
  g_free (self->directory);
  g_free (self->sha256);
  g_free (self->path);
  g_free (self->journal_path);
  g_hash_table_unref (self->pending_set);
  g_ptr_array_unref (self->pending);
  g_clear_error (&self->error);
  g_clear_error (&self->read_only);
  g_clear_error (&self->keep_store);
  _cs_store_file_unref (self->file);

  G_OBJECT_CLASS (cs_annotation_store_parent_class)->finalize (object);
}

static void
cs_annotation_store_class_init (CsAnnotationStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_annotation_store_dispose;
  object_class->finalize = cs_annotation_store_finalize;
}

static void
cs_annotation_store_init (CsAnnotationStore *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->pending_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->journal_fd = -1;
  self->lock_fd = -1;
  self->file = _cs_store_file_new ();
  self->max_bytes = DEFAULT_MAX_BYTES;
  self->max_lines = DEFAULT_MAX_LINES;
}

char *
cs_annotation_store_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "consilium", "annotations", NULL);
}

CsAnnotationStore *
cs_annotation_store_new (CsAnnotationList *list,
                         const char       *directory,
                         const char       *slide_sha256)
{
  CsAnnotationStore *self;
  g_autofree char *store_name = NULL;
  g_autofree char *journal_name = NULL;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (list), NULL);
  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (slide_sha256 != NULL && *slide_sha256 != '\0', NULL);

  self = g_object_new (CS_TYPE_ANNOTATION_STORE, NULL);
  self->list = g_object_ref (list);
  self->directory = g_strdup (directory);
  self->sha256 = g_strdup (slide_sha256);
  store_name = g_strconcat (slide_sha256, ".geojson", NULL);
  journal_name = g_strconcat (slide_sha256, ".journal", NULL);
  self->path = g_build_filename (directory, store_name, NULL);
  self->journal_path = g_build_filename (directory, journal_name, NULL);
  return self;
}

void
cs_annotation_store_set_journal_limit (CsAnnotationStore *self,
                                       gsize              max_bytes,
                                       guint              max_lines)
{
  g_return_if_fail (CS_IS_ANNOTATION_STORE (self));

  self->max_bytes = max_bytes;
  self->max_lines = max_lines;
}

/* ---- Loading ------------------------------------------------------------ */

/* Copies @path to @path.damaged-<UTC time>; returns the new name. */
static char *
copy_aside (const char *path,
            GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) dest = NULL;
  char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, i);
    }
  dest = g_file_new_for_path (aside);
  if (!g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    {
      g_prefix_error (error, _("Cannot keep a copy of %s: "), path);
      g_free (aside);
      return NULL;
    }
  return aside;
}

/* Not there: nothing to read (a folder that is a file has no store). */
gboolean
_cs_annotation_store_is_absent (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY) ||
         g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
         g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
}

static void
set_unreadable (GError    **error,
                const char *path,
                const char *cause)
{
  g_set_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_UNREADABLE,
               _("The saved annotations in %s cannot be read (%s); the file is left as it is "
                 "and is not replaced"), path, cause);
}

/* Reads the store file into @annotations: every Feature that can be read.
 * FALSE with @error when something could not be: the file is then kept
 * (an unreadable one is never rewritten: keep_store), or copied aside when
 * damaged (@damaged: the store is to be rewritten from what was read). */
static gboolean
read_store (CsAnnotationStore *self,
            GPtrArray         *annotations,
            gboolean          *damaged,
            GError           **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_filename_display_basename (self->path);
  g_autofree char *aside = NULL;
  guint n_skipped = 0;
  gboolean read_all;

  *damaged = FALSE;
  in = g_file_read (file, NULL, &local_error);
  if (in == NULL && _cs_annotation_store_is_absent (local_error))
    return TRUE;
  if (in == NULL)
    {
      set_unreadable (&self->keep_store, self->path, local_error->message);
      g_propagate_error (error, g_error_copy (self->keep_store));
      return FALSE;
    }
  read_all = _cs_geojson_read_own (G_INPUT_STREAM (in), name, result, &n_skipped, &local_error);
  g_ptr_array_extend_and_steal (annotations, g_steal_pointer (&result->annotations));
  result->annotations = g_ptr_array_new ();
  if (read_all)
    return TRUE;
  g_clear_object (&in);
  /* A read error midway (I/O) is not damage: keep the file untouched. */
  if (!g_error_matches (local_error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE) &&
      !g_error_matches (local_error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_TOO_LARGE))
    {
      set_unreadable (&self->keep_store, self->path, local_error->message);
      g_propagate_error (error, g_error_copy (self->keep_store));
      return FALSE;
    }
  aside = copy_aside (self->path, error);
  if (aside == NULL)
    {
      set_unreadable (&self->keep_store, self->path, local_error->message);
      return FALSE;
    }
  *damaged = TRUE;
  if (n_skipped > 0)
    g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%u saved annotation in %s was damaged and has been left out; "
                              "the file was copied to %s (%s)",
                              "%u saved annotations in %s were damaged and have been left out; "
                              "the file was copied to %s (%s)", n_skipped),
                 n_skipped, self->path, aside, local_error->message);
  else
    g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
                 _("The saved annotations in %s were damaged; the %u that could be read are "
                   "kept, and the file was copied to %s (%s)"),
                 self->path, annotations->len, aside, local_error->message);
  return FALSE;
}

typedef struct
{
  GPtrArray  *annotations; /* NULL slots are deleted */
  GHashTable *index;       /* id (borrowed) -> position + 1 */
} Replay;

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
replay_put (Replay       *replay,
            CsAnnotation *annotation)
{
  const char *id = cs_annotation_get_id (annotation);
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (replay->index, id));
  CsAnnotation *replaced = NULL;

  if (position > 0 && replay->annotations->pdata[position - 1] != NULL)
    {
      replaced = replay->annotations->pdata[position - 1];
      replay->annotations->pdata[position - 1] = annotation;
    }
  else
    {
      g_ptr_array_add (replay->annotations, annotation);
      position = replay->annotations->len;
    }
  /* The key is the id string of the annotation held: replace it (not
   * insert, which keeps the old key) while the replaced one still lives. */
  g_hash_table_replace (replay->index, (gpointer) id, GUINT_TO_POINTER (position));
  g_clear_object (&replaced);
}

static void
replay_del (Replay     *replay,
            const char *id)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (replay->index, id));

  if (position == 0 || replay->annotations->pdata[position - 1] == NULL)
    return;
  g_hash_table_remove (replay->index, id);
  g_clear_object ((CsAnnotation **) &replay->annotations->pdata[position - 1]);
}

static char *
parse_del (const char *line,
           gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, line, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "op", ""), "del") != 0)
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (object, "id", NULL));
}

static gboolean
replay_line (Replay     *replay,
             const char *line,
             gsize       len)
{
  gsize prefix = strlen (PUT_PREFIX);
  g_autofree char *id = NULL;

  if (len > prefix + 1 && memcmp (line, PUT_PREFIX, prefix) == 0 && line[len - 1] == '}')
    {
      CsAnnotation *annotation = cs_geojson_parse_feature (line + prefix, len - prefix - 1, NULL);

      if (annotation == NULL)
        return FALSE;
      replay_put (replay, annotation);
      return TRUE;
    }
  id = parse_del (line, len);
  if (id == NULL)
    return FALSE;
  replay_del (replay, id);
  return TRUE;
}

/* Applies every whole line; returns the length of the whole lines (a
 * torn last line is left out) and the first damaged line, or 0. */
static gsize
replay_journal (const char *text,
                gsize       len,
                Replay     *replay,
                guint      *lines,
                guint      *damaged_line)
{
  const char *p = text;
  const char *end = text + len;
  const char *nl;

  *lines = 0;
  *damaged_line = 0;
  while (p < end && (nl = memchr (p, '\n', end - p)) != NULL)
    {
      ++*lines;
      if (nl > p && !replay_line (replay, p, nl - p) && *damaged_line == 0)
        *damaged_line = *lines;
      p = nl + 1;
    }
  return p - text;
}

static void
compact_replay (Replay    *replay,
                GPtrArray *annotations)
{
  g_ptr_array_set_size (annotations, 0);
  for (guint i = 0; i < replay->annotations->len; i++)
    if (replay->annotations->pdata[i] != NULL)
      g_ptr_array_add (annotations, g_steal_pointer (&replay->annotations->pdata[i]));
}

gsize
_cs_annotation_store_replay (GPtrArray  *annotations,
                             const char *text,
                             gsize       len,
                             guint      *lines,
                             guint      *damaged_line)
{
  Replay replay = { g_ptr_array_new_with_free_func (unref_nullable),
                    g_hash_table_new (g_str_hash, g_str_equal) };
  gsize whole;

  for (guint i = 0; i < annotations->len; i++)
    replay_put (&replay, g_object_ref (annotations->pdata[i]));
  whole = replay_journal (text, len, &replay, lines, damaged_line);
  compact_replay (&replay, annotations);
  g_ptr_array_unref (replay.annotations);
  g_hash_table_unref (replay.index);
  return whole;
}

/* Replays the journal onto @annotations; the length of its whole lines
 * goes to journal_size (a torn last line is cut off when it is opened).
 * A damaged line in the middle (not a crash: the disk or a hand) keeps a
 * copy aside and is reported. A journal that cannot be read stops all
 * writing (read_only): appending to it or emptying it would lose it. */
static gboolean
read_journal (CsAnnotationStore *self,
              GPtrArray         *annotations,
              gboolean          *damaged,
              GError           **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  guint damaged_line;

  *damaged = FALSE;
  /* A directory in its place holds no changes: it only cannot be
   * written, which writing reports (and retries). */
  if (!g_file_get_contents (self->journal_path, &text, &len, &local_error) &&
      !_cs_annotation_store_is_absent (local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
    {
      set_unreadable (&self->read_only, self->journal_path, local_error->message);
      g_propagate_error (error, g_error_copy (self->read_only));
      return FALSE;
    }
  self->journal_size = _cs_annotation_store_replay (annotations, text != NULL ? text : "", len,
                                                    &self->journal_lines, &damaged_line);
  if (damaged_line == 0)
    return TRUE;
  {
    g_autofree char *copy =
      g_strdup_printf ("%s.damaged-line-%u", self->journal_path, damaged_line);

    g_file_set_contents (copy, text, len, NULL);
    g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE,
                 _("%s, line %u: a saved change could not be read; the journal was copied "
                   "to %s"), self->journal_path, damaged_line, copy);
  }
  *damaged = TRUE;
  return FALSE;
}

/* Temporary files of writes that a crash interrupted; only the holder of
 * the lock may remove them (another process may be writing its own). */
static void
remove_leftovers (CsAnnotationStore *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", self->sha256, ".", NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".tmp"))
      {
        g_autofree char *path = g_build_filename (self->directory, name, NULL);

        g_unlink (path);
      }
}

/* One process writes a slide's files: the first to take <sha256>.lock.
 * Another one shows the annotations but saves nothing (read_only). A lock
 * that cannot be made (a folder we cannot write) protects nothing to
 * write, so it is not needed. */
static void
take_lock (CsAnnotationStore *self)
{
  g_autofree char *name = g_strconcat (self->sha256, ".lock", NULL);
  g_autofree char *path = g_build_filename (self->directory, name, NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    return;
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (errno == EINTR)
        continue;
      if (errno == EWOULDBLOCK)
        g_set_error (&self->read_only, CS_ANNOTATION_STORE_ERROR,
                     CS_ANNOTATION_STORE_ERROR_LOCKED,
                     _("These annotations are open in another Consilium window; changes here "
                       "are not saved"));
      close (fd);
      return;
    }
  self->lock_fd = fd;
  remove_leftovers (self);
}

static gboolean
make_folder (CsAnnotationStore *self,
             GError           **error)
{
  int saved;

  if (g_mkdir_with_parents (self->directory, 0700) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Cannot create the folder %s: %s"), self->directory, g_strerror (saved));
  return FALSE;
}

static void on_list_changed (CsAnnotationList  *list,
                             GPtrArray         *ids,
                             gboolean           loaded,
                             CsAnnotationStore *self);

/* Keeps the first problem of a load for the caller. */
static void
keep_first (GError **first,
            GError  *error)
{
  if (*first == NULL)
    *first = error;
  else
    g_error_free (error);
}

static gboolean ensure_journal (CsAnnotationStore *self,
                                GError           **error);

gboolean
cs_annotation_store_load (CsAnnotationStore *self,
                          GError           **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) first = NULL;
  GError *local_error = NULL;
  gboolean store_damaged = FALSE, journal_damaged = FALSE;

  g_return_val_if_fail (CS_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (self->changed_id == 0 && self->lock_fd < 0, FALSE);

  /* Whatever fails, what can be read is shown and changes are followed:
   * a folder that becomes writable is written to at the next change. */
  if (make_folder (self, &local_error))
    take_lock (self);
  else
    keep_first (&first, local_error);
  if (self->read_only != NULL)
    keep_first (&first, g_error_copy (self->read_only));
  local_error = NULL;
  if (!read_store (self, annotations, &store_damaged, &local_error))
    keep_first (&first, local_error);
  local_error = NULL;
  if (!read_journal (self, annotations, &journal_damaged, &local_error))
    keep_first (&first, local_error);
  cs_annotation_list_load (self->list, annotations);
  self->changed_id = g_signal_connect (self->list, "changed", G_CALLBACK (on_list_changed), self);
  local_error = NULL;
  if (self->read_only == NULL && !ensure_journal (self, &local_error))
    keep_first (&first, local_error);
  /* What was damaged is copied aside; rewrite the files from what was
   * read at once. */
  else if ((store_damaged || journal_damaged) && _cs_annotation_store_get_blocked (self) == NULL &&
           !cs_annotation_store_compact (self, NULL))
    g_debug ("Could not compact %s after damage", self->path);
  if (first == NULL)
    return TRUE;
  /* A cause that stops writing is also what get_error() tells. */
  if (!g_error_matches (first, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE) &&
      self->error == NULL)
    self->error = g_error_copy (first);
  g_propagate_error (error, g_steal_pointer (&first));
  return FALSE;
}

/* ---- Following the list -------------------------------------------------- */

static gboolean
flush_timeout_cb (gpointer data)
{
  CsAnnotationStore *self = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->flush_source, g_source_unref);
  if (!cs_annotation_store_flush (self, &error))
    g_debug ("Flush failed: %s", error->message);
  return G_SOURCE_REMOVE;
}

void
_cs_annotation_store_schedule_flush (CsAnnotationStore *self)
{
  if (self->flush_source != NULL)
    return;
  self->flush_source = g_timeout_source_new (FLUSH_DELAY_MS);
  g_source_set_callback (self->flush_source, flush_timeout_cb, self, NULL);
  g_source_set_static_name (self->flush_source, "[cs] annotation store flush");
  g_source_attach (self->flush_source, self->context);
}

static void
on_list_changed (CsAnnotationList  *list,
                 GPtrArray         *ids,
                 gboolean           loaded,
                 CsAnnotationStore *self)
{
  if (loaded)
    return;
  for (guint i = 0; i < ids->len; i++)
    {
      char *id;

      if (g_hash_table_contains (self->pending_set, ids->pdata[i]))
        continue;
      id = g_strdup (ids->pdata[i]);
      g_ptr_array_add (self->pending, id);
      g_hash_table_add (self->pending_set, id);
    }
  if (self->pending->len > 0)
    _cs_annotation_store_schedule_flush (self);
}

void
_cs_annotation_store_clear_pending (CsAnnotationStore *self)
{
  g_hash_table_remove_all (self->pending_set);
  g_ptr_array_set_size (self->pending, 0);
}

/* One line per pending id; temporary annotations are never written. */
static GString *
pending_lines (CsAnnotationStore *self,
               guint             *n_lines)
{
  GString *out = g_string_new (NULL);

  *n_lines = 0;
  for (guint i = 0; i < self->pending->len; i++)
    {
      const char *id = self->pending->pdata[i];
      CsAnnotation *annotation = cs_annotation_list_lookup (self->list, id);

      if (annotation != NULL && cs_annotation_get_temporary (annotation))
        continue;
      if (annotation != NULL)
        {
          g_string_append (out, PUT_PREFIX);
          cs_geojson_append_feature (out, annotation, NULL);
          g_string_append (out, "}\n");
        }
      else
        {
          g_string_append (out, "{\"op\":\"del\",\"id\":");
          _cs_json_append_string (out, id);
          g_string_append (out, "}\n");
        }
      ++*n_lines;
    }
  return out;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len,
           int         *saved)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          *saved = n < 0 ? errno : ENOSPC;
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
append_to_journal (CsAnnotationStore *self,
                   GString           *lines,
                   GError           **error)
{
  int saved = 0;

  if (write_all (self->journal_fd, lines->str, lines->len, &saved) &&
      fdatasync (self->journal_fd) == 0)
    {
      self->journal_size += lines->len;
      return TRUE;
    }
  if (saved == 0)
    saved = errno;
  /* Whole lines or nothing: cut a partial write back off. */
  if (ftruncate (self->journal_fd, self->journal_size) != 0)
    g_debug ("Could not cut %s back: %s", self->journal_path, g_strerror (errno));
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Cannot save annotation changes to %s: %s"), self->journal_path,
               g_strerror (saved));
  return FALSE;
}

static gboolean
over_limits (CsAnnotationStore *self)
{
  return self->journal_size > self->max_bytes || self->journal_lines > self->max_lines;
}

/* Opens the journal for appending if it is not open (at load, or after a
 * failure: the folder may have become writable), cut back to its whole
 * lines (journal_size). */
static gboolean
ensure_journal (CsAnnotationStore *self,
                GError           **error)
{
  GStatBuf st;
  gboolean made;
  int saved;

  if (self->read_only != NULL)
    {
      g_propagate_error (error, g_error_copy (self->read_only));
      return FALSE;
    }
  if (self->journal_fd >= 0)
    return TRUE;
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder %s: %s"), self->directory, g_strerror (saved));
      return FALSE;
    }
  made = !g_file_test (self->journal_path, G_FILE_TEST_EXISTS);
  self->journal_fd = g_open (self->journal_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  /* A new journal's name is on disk before changes appended to it are
   * said to be saved (fdatasync does not cover the folder). */
  if (self->journal_fd >= 0 && made && !cs_fsync_path (self->directory, TRUE, NULL))
    g_debug ("Could not flush the folder %s", self->directory);
  if (self->journal_fd >= 0 && fstat (self->journal_fd, &st) == 0 &&
      ((gsize) st.st_size <= self->journal_size ||
       ftruncate (self->journal_fd, self->journal_size) == 0))
    {
      self->journal_size = MIN ((gsize) st.st_size, self->journal_size);
      return TRUE;
    }
  saved = errno;
  if (self->journal_fd >= 0)
    close (self->journal_fd);
  self->journal_fd = -1;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot open %s: %s"),
               self->journal_path, g_strerror (saved));
  return FALSE;
}

const GError *
_cs_annotation_store_get_blocked (CsAnnotationStore *self)
{
  return self->read_only != NULL ? self->read_only : self->keep_store;
}

/* Appends a line per pending change; on failure they stay pending. */
static gboolean
journal_pending (CsAnnotationStore *self,
                 GError           **error)
{
  g_autoptr(GString) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_lines;

  lines = pending_lines (self, &n_lines);
  if (!ensure_journal (self, &local_error) ||
      (lines->len > 0 && !append_to_journal (self, lines, &local_error)))
    {
      _cs_annotation_store_set_write_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      /* Retried: the folder may become writable. Not when nothing may be
       * written in this session. */
      if (self->read_only == NULL)
        _cs_annotation_store_schedule_flush (self);
      return FALSE;
    }
  _cs_annotation_store_clear_pending (self);
  g_clear_error (&self->error);
  self->journal_lines += n_lines;
  return TRUE;
}

gboolean
cs_annotation_store_flush (CsAnnotationStore *self,
                           GError           **error)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_STORE (self), FALSE);

  if (self->changed_id == 0 || self->pending->len == 0)
    return TRUE;
  /* Changes made while a snapshot saves unjournaled ones wait for it:
   * journaled first, they would survive a crash that loses the older
   * ones. */
  if (self->covering)
    {
      _cs_annotation_store_schedule_flush (self);
      return TRUE;
    }
  /* A large import: one rewrite in a worker, not a journal as large as
   * the store. Its changes reach the disk when the rewrite is done. */
  if (!self->compacting && !self->compact_failed && self->pending->len > self->max_lines &&
      _cs_annotation_store_get_blocked (self) == NULL)
    {
      _cs_annotation_store_start_compaction (self);
      return TRUE;
    }
  if (!journal_pending (self, error))
    return FALSE;
  _cs_annotation_store_check_limits (self);
  return TRUE;
}

void
_cs_annotation_store_check_limits (CsAnnotationStore *self)
{
  if (!self->compacting && !self->covering && self->changed_id != 0 &&
      _cs_annotation_store_get_blocked (self) == NULL && over_limits (self))
    _cs_annotation_store_start_compaction (self);
}

gboolean
cs_annotation_store_close (CsAnnotationStore *self,
                           GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (CS_IS_ANNOTATION_STORE (self), FALSE);

  if (self->changed_id == 0)
    return TRUE;
  if (self->read_only != NULL)
    {
      /* Changes made here are lost: say so. */
      ok = self->pending->len == 0;
      if (!ok)
        g_propagate_error (error, g_error_copy (self->read_only));
      stop_following (self);
      return ok;
    }
  if (self->keep_store != NULL)
    {
      /* The store is not replaced: the journal keeps the changes. */
      ok = journal_pending (self, error);
      stop_following (self);
      return ok;
    }
  if (self->pending->len == 0 && self->journal_size == 0 && !self->compacting)
    {
      /* Nothing changed since the store was last written: closing a tab
       * of 100,000 annotations must not rewrite them. */
      stop_following (self);
      return TRUE;
    }
  ok = ensure_journal (self, error) && cs_annotation_store_compact (self, error);
  /* The journal still holds everything, as long as this succeeds. */
  if (!ok)
    journal_pending (self, NULL);
  stop_following (self);
  return ok;
}

const char *
cs_annotation_store_get_path (CsAnnotationStore *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_STORE (self), NULL);

  return self->path;
}

const char *
cs_annotation_store_get_journal_path (CsAnnotationStore *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_STORE (self), NULL);

  return self->journal_path;
}

const GError *
cs_annotation_store_get_error (CsAnnotationStore *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_STORE (self), NULL);

  return self->error;
}
