/* cs-case-store.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-case-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

#include "cs-case.h"
#include "cs-report-private.h"
#include "cs-utils.h"

/* Every case in one folder each: case.json, reports/<id>.json and each
 * signed revision as reports/<id>.r<N>.json (written once, never
 * rewritten), where <id> is the UUID of a urn:uuid: id, else the SHA-256
 * of the id. Changes are saved within a second, atomically: earlier
 * signed revisions first, then the current report and its own signed
 * copy, then case.json (see save_report). A file that
 * cannot be read is renamed aside (<name>.damaged-<time>) and reported; a
 * lost current report falls back to its newest signed revision, a lost
 * case.json is rebuilt from the reports; a report modified after signing
 * is loaded as tampered and reported. */

#define SAVE_DELAY_MS 250
/* After a failed save (a full disk, a folder made read-only), the changes
 * stay in memory and are written again this much later. */
#define SAVE_RETRY_MS 2000
#define STALE_TEMPORARY_S 3600

struct _CsCaseStore
{
  GObject     parent_instance;

  char       *directory;
  GListStore *cases;
  GPtrArray  *problems;   /* char * */
  GHashTable *dirty;      /* CsCase set */
  guint       save_source;
  GError     *error;      /* the last save's failure, until one succeeds */
  guint       failures;   /* distinct failures so far */
  gboolean    read_only;  /* never renames nor writes a file */
};

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsCaseStore, cs_case_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return CS_TYPE_CASE;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CS_CASE_STORE (model)->cases));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CS_CASE_STORE (model)->cases), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
cs_case_store_dispose (GObject *object)
{
  CsCaseStore *self = CS_CASE_STORE (object);

  /* never lost: what is pending is written now */
  if (self->save_source != 0)
    {
      g_autoptr(GError) error = NULL;

      if (!cs_case_store_flush (self, &error))
        g_message ("Cases not saved: %s", error->message);
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  G_OBJECT_CLASS (cs_case_store_parent_class)->dispose (object);
}

static void
cs_case_store_finalize (GObject *object)
{
  CsCaseStore *self = CS_CASE_STORE (object);

  g_free (self->directory);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (cs_case_store_parent_class)->finalize (object);
}

static void
cs_case_store_class_init (CsCaseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_case_store_dispose;
  object_class->finalize = cs_case_store_finalize;

  /**
   * CsCaseStore::save-failed:
   * @self: the store
   * @error: why (names the file and the cause)
   *
   * Changes could not be written; they are kept and written again later.
   * Emitted once per distinct failure, not at every attempt.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
on_items_changed (CsCaseStore *self,
                  guint        position,
                  guint        removed,
                  guint        added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
cs_case_store_init (CsCaseStore *self)
{
  self->cases = g_list_store_new (CS_TYPE_CASE);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_signal_connect_object (self->cases, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * cs_case_store_default_directory:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/consilium/cases
 */
char *
cs_case_store_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "consilium", "cases", NULL);
}

CsCaseStore *
cs_case_store_new (const char *directory)
{
  CsCaseStore *self = g_object_new (CS_TYPE_CASE_STORE, NULL);

  g_return_val_if_fail (directory != NULL, NULL);
  self->directory = g_strdup (directory);
  return self;
}

GPtrArray *
cs_case_store_get_problems (CsCaseStore *self)
{
  g_return_val_if_fail (CS_IS_CASE_STORE (self), NULL);
  return self->problems;
}

/* A file name from an id: the UUID of "urn:uuid:<uuid>", else the
 * SHA-256 of the whole id, so that two ids never share a file. */
static char *
file_stem (const char *id)
{
  const char *uuid = g_str_has_prefix (id, "urn:uuid:") ? id + strlen ("urn:uuid:") : NULL;

  if (uuid != NULL && g_uuid_string_is_valid (uuid))
    return g_strdup (uuid);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);
}

static char *
revision_path (const char *reports,
               const char *stem,
               gint64      revision)
{
  g_autofree char *name = g_strdup_printf ("%s.r%" G_GINT64_FORMAT ".json", stem, revision);

  return g_build_filename (reports, name, NULL);
}

static char *
case_folder (CsCaseStore *self,
             CsCase      *kase)
{
  g_autofree char *stem = file_stem (cs_case_get_id (kase));

  return g_build_filename (self->directory, stem, NULL);
}

/* ---- saving ------------------------------------------------------------ */

static gboolean
save_timeout (gpointer data)
{
  CsCaseStore *self = data;
  g_autoptr(GError) error = NULL;
  guint failures = self->failures;

  self->save_source = 0;
  /* A new cause is listed once (flush tries again by itself). */
  if (!cs_case_store_flush (self, &error) && self->failures != failures)
    g_ptr_array_add (self->problems, g_strdup (error->message));
  return G_SOURCE_REMOVE;
}

static void
on_case_changed (CsCaseStore *self,
                 CsCase      *kase)
{
  if (!g_hash_table_contains (self->dirty, kase))
    g_hash_table_add (self->dirty, g_object_ref (kase));
  if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

static void
track (CsCaseStore *self,
       CsCase      *kase)
{
  g_signal_connect_object (kase, "changed", G_CALLBACK (on_case_changed), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->cases, kase);
}

/**
 * cs_case_store_add:
 * @self: a store
 * @kase: a new case
 *
 * Adds @kase, saved within a second as any change.
 */
void
cs_case_store_add (CsCaseStore *self,
                   CsCase      *kase)
{
  g_return_if_fail (CS_IS_CASE_STORE (self));
  g_return_if_fail (CS_IS_CASE (kase));

  track (self, kase);
  on_case_changed (self, kase);
}

static gboolean
save_data (const char *path,
           char       *data,
           gsize       len,
           GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (data, len);

  return cs_write_bytes_atomically (path, TRUE, bytes, error);
}

/* Writes the signed revisions of @report older than its current revision
 * (@older), or the current one once signed (!@older), that are not on disk
 * yet: a signed revision is written once. */
static gboolean
save_revisions (const char *reports,
                const char *stem,
                CsReport   *report,
                gboolean    older,
                GError    **error)
{
  GPtrArray *revisions = cs_report_get_signed_revisions (report);
  gint64 current = cs_report_get_revision (report);

  for (guint i = 0; i < revisions->len; i++)
    {
      CsReport *revision = g_ptr_array_index (revisions, i);
      gint64 number = cs_report_get_revision (revision);
      g_autofree char *signed_path = NULL;
      gsize len;
      char *data;

      if ((number < current) != older || cs_report_get_tampered (revision))
        continue;
      signed_path = revision_path (reports, stem, number);
      if (g_file_test (signed_path, G_FILE_TEST_IS_REGULAR))
        continue;
      data = cs_report_to_data (revision, &len);
      if (!save_data (signed_path, data, len, error))
        return FALSE;
    }
  return TRUE;
}

/* Earlier signed revisions first (an amendment's draft never replaces a
 * signed text that is not on disk yet), then the current file, then its
 * own signed copy r<N>.json: a crash while signing leaves the draft with
 * no r<N>.json, or the signed file whose r<N>.json load writes again,
 * never a draft beside its own signed copy (which reads as a signature
 * removed: tampered). */
static gboolean
save_report (const char *reports,
             CsReport   *report,
             GError    **error)
{
  g_autofree char *stem = file_stem (cs_report_get_id (report));
  g_autofree char *name = g_strconcat (stem, ".json", NULL);
  g_autofree char *path = g_build_filename (reports, name, NULL);
  gsize len;
  char *data;

  if (!save_revisions (reports, stem, report, TRUE, error))
    return FALSE;
  /* a tampered file stays as it was found; one received (a package) is
   * written once, as received, and loads as tampered again */
  if (cs_report_get_tampered (report) && g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  data = cs_report_to_data (report, &len);
  if (!save_data (path, data, len, error))
    return FALSE;
  return save_revisions (reports, stem, report, FALSE, error);
}

static gboolean
save_case (CsCaseStore *self,
           CsCase      *kase,
           GError     **error)
{
  g_autofree char *folder = case_folder (self, kase);
  g_autofree char *reports = g_build_filename (folder, "reports", NULL);
  g_autofree char *path = g_build_filename (folder, "case.json", NULL);
  GListModel *opinions = cs_case_get_opinions (kase);
  gboolean made = !g_file_test (reports, G_FILE_TEST_IS_DIR);
  gsize len;
  char *data;

  if (g_mkdir_with_parents (reports, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the case folder %s: %s"), reports, g_strerror (saved));
      return FALSE;
    }
  /* New folders are on disk before the files in them are said to be:
   * their entries live in their parents. */
  if (made && (!cs_fsync_path (self->directory, TRUE, error) ||
               !cs_fsync_path (folder, TRUE, error)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      if (!save_report (reports, report, error))
        return FALSE;
    }
  data = cs_case_to_data (kase, &len);
  return save_data (path, data, len, error);
}

/* Keeps @error for get_error(); a new cause is told (save-failed). */
static void
note_failure (CsCaseStore  *self,
              const GError *error)
{
  if (self->error != NULL && g_strcmp0 (self->error->message, error->message) == 0)
    return;
  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  self->failures++;
  g_message ("%s", error->message);
  g_signal_emit (self, signals[SAVE_FAILED], 0, error);
}

/**
 * cs_case_store_get_error:
 * @self: a store
 *
 * Returns: (nullable): why the last save failed, until one succeeds
 */
const GError *
cs_case_store_get_error (CsCaseStore *self)
{
  g_return_val_if_fail (CS_IS_CASE_STORE (self), NULL);
  return self->error;
}

/**
 * cs_case_store_flush:
 * @self: a store
 * @error: return location for the first error
 *
 * Writes every changed case now. A case that failed stays pending and
 * is tried again within seconds.
 *
 * Returns: %TRUE when everything was written
 */
gboolean
cs_case_store_flush (CsCaseStore *self,
                     GError     **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer kase;
  gboolean ok = TRUE;

  g_return_val_if_fail (CS_IS_CASE_STORE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &kase, NULL))
    g_ptr_array_add (pending, g_object_ref (kase));
  for (guint i = 0; i < pending->len; i++)
    {
      CsCase *one = g_ptr_array_index (pending, i);
      g_autoptr(GError) local = NULL;

      if (save_case (self, one, &local))
        g_hash_table_remove (self->dirty, one);
      else if (ok)
        {
          note_failure (self, local);
          g_propagate_error (error, g_steal_pointer (&local));
          ok = FALSE;
        }
    }
  if (ok)
    g_clear_error (&self->error);
  /* The changes are kept in memory and tried again: space may be freed,
   * the folder made writable. */
  else if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_RETRY_MS, save_timeout, self);
  return ok;
}

/* ---- loading ----------------------------------------------------------- */

static void
problem (CsCaseStore *self,
         char        *message)
{
  g_ptr_array_add (self->problems, message);
}

/* Renames @path to @path.damaged-<time>, so that it is kept and never
 * overwritten; reports it with @cause. A read-only store only reports. */
static void
set_aside (CsCaseStore *self,
           const char  *path,
           const char  *cause)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  if (self->read_only)
    {
      problem (self, g_strdup_printf (_("%s cannot be read (%s)"), path, cause));
      return;
    }
  if (g_rename (path, aside) != 0)
    {
      int saved = errno;

      problem (self, g_strdup_printf (_("%s cannot be read (%s) nor set aside (%s)"),
                                      path, cause, g_strerror (saved)));
      return;
    }
  problem (self, g_strdup_printf (_("%s cannot be read (%s); it was set aside as %s"),
                                  path, cause, aside));
}

static CsReport *
load_report_file (CsCaseStore *self,
                  const char  *path)
{
  g_autoptr(GError) error = NULL;
  CsReport *report = cs_report_new_from_file (path, &error);

  if (report == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      set_aside (self, path, error->message);
      return NULL;
    }
  if (cs_report_get_tampered (report) && !cs_report_verify (report, NULL, &error))
    problem (self, g_strdup_printf ("%s: %s", path, error->message));
  return report;
}

/* reports/<stem>.r<N>.json for N = 1 … up to the current revision. */
static void
load_revisions (CsCaseStore *self,
                const char  *reports,
                const char  *stem,
                CsReport    *report)
{
  for (gint64 n = 1; n <= cs_report_get_revision (report); n++)
    {
      g_autofree char *path = revision_path (reports, stem, n);
      g_autoptr(CsReport) revision = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      revision = load_report_file (self, path);
      if (revision != NULL)
        cs_report_add_signed_revision (report, revision);
    }
}

/* The N of ".r<N>.json", or 0. */
static gint64
revision_suffix (const char *suffix)
{
  g_autofree char *digits = NULL;
  guint64 n;

  if (suffix[0] != '.' || suffix[1] != 'r' || !g_str_has_suffix (suffix, ".json"))
    return 0;
  digits = g_strndup (suffix + 2, strlen (suffix) - strlen (".r.json"));
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &n, NULL))
    return 0;
  return (gint64) n;
}

/* Records the stem of <stem>.json (revision 0) or <stem>.r<N>.json in
 * @stems, keeping each stem's highest N. */
static void
note_report_name (GHashTable *stems,
                  const char *name)
{
  const char *dot = strchr (name, '.');
  gint64 revision;
  char *stem;

  if (name[0] == '.' || dot == NULL || !g_str_has_suffix (name, ".json"))
    return;
  revision = strcmp (dot, ".json") == 0 ? 0 : revision_suffix (dot);
  if (revision == 0 && strcmp (dot, ".json") != 0)
    return;
  stem = g_strndup (name, dot - name);
  if (GPOINTER_TO_SIZE (g_hash_table_lookup (stems, stem)) < (gsize) revision)
    g_hash_table_insert (stems, stem, GSIZE_TO_POINTER ((gsize) revision));
  else if (!g_hash_table_contains (stems, stem))
    g_hash_table_insert (stems, stem, GSIZE_TO_POINTER ((gsize) revision));
  else
    g_free (stem);
}

/* The newest readable signed revision, for a current file missing or
 * damaged; reported. */
static CsReport *
fall_back (CsCaseStore *self,
           const char  *reports,
           const char  *stem,
           gint64       newest)
{
  g_autofree char *current = g_strconcat (stem, ".json", NULL);

  for (gint64 n = newest; n >= 1; n--)
    {
      g_autofree char *path = revision_path (reports, stem, n);
      CsReport *report = load_report_file (self, path);

      if (report == NULL)
        continue;
      problem (self, g_strdup_printf (_("%s/%s is missing or damaged: the signed revision "
                                        "%" PRId64 " (%s) is shown instead"),
                                      reports, current, n, path));
      return report;
    }
  return NULL;
}

/* An unsigned current file whose own revision was signed (its r<N>.json
 * exists) had its signature removed: tampered. */
static void
check_stripped (CsCaseStore *self,
                const char  *reports,
                const char  *stem,
                const char  *path,
                CsReport    *report)
{
  g_autofree char *signed_path = revision_path (reports, stem, cs_report_get_revision (report));

  if (report->tampered || _cs_report_has_signature (report) ||
      !g_file_test (signed_path, G_FILE_TEST_EXISTS))
    return;
  report->tampered = TRUE;
  problem (self, g_strdup_printf (_("%s was modified after signing: revision %" PRId64
                                    " was signed (%s) but this file has no signature"),
                                  path, cs_report_get_revision (report), signed_path));
}

/* With its signed revisions read: a current file edited and signed again
 * by hand differs from its own revision's r<N>.json. */
static void
check_against_revisions (CsCaseStore *self,
                         const char  *path,
                         CsReport    *report)
{
  g_autoptr(GError) error = NULL;

  if (report->tampered || cs_report_verify (report, NULL, &error))
    return;
  report->tampered = TRUE;
  problem (self, g_strdup_printf ("%s: %s", path, error->message));
}

/* One opinion from its current file, else its newest signed revision. */
static CsReport *
load_opinion (CsCaseStore *self,
              const char  *reports,
              const char  *stem,
              gint64       newest,
              gboolean    *repaired)
{
  g_autofree char *name = g_strconcat (stem, ".json", NULL);
  g_autofree char *path = g_build_filename (reports, name, NULL);
  CsReport *report = load_report_file (self, path);

  if (report == NULL)
    {
      report = fall_back (self, reports, stem, newest);
      if (report == NULL)
        return NULL;
      *repaired = TRUE;
    }
  check_stripped (self, reports, stem, path, report);
  load_revisions (self, reports, stem, report);
  check_against_revisions (self, path, report);
  /* Signed, but a crash came before its r<N>.json: written again. */
  if (!report->tampered && _cs_report_has_signature (report))
    {
      g_autofree char *signed_path = revision_path (reports, stem,
                                                    cs_report_get_revision (report));

      if (!g_file_test (signed_path, G_FILE_TEST_IS_REGULAR))
        *repaired = TRUE;
    }
  return report;
}

/* Returns whether a report had to be recovered from a signed revision. */
static gboolean
load_reports (CsCaseStore *self,
              CsCase      *kase,
              const char  *folder)
{
  g_autofree char *reports = g_build_filename (folder, "reports", NULL);
  g_autoptr(GDir) dir = g_dir_open (reports, 0, NULL);
  g_autoptr(GHashTable) stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_auto(GStrv) order = cs_case_dup_opinion_ids (kase);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean repaired = FALSE;
  GHashTableIter iter;
  gpointer key;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    note_report_name (stems, name);
  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, stems);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *stem = g_ptr_array_index (names, i);
      gint64 newest = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (stems, stem));
      CsReport *report = load_opinion (self, reports, stem, newest, &repaired);

      if (report != NULL)
        g_ptr_array_add (loaded, report);
    }
  /* in case.json's order, then any not listed */
  for (guint k = 0; order[k] != NULL; k++)
    for (guint i = 0; i < loaded->len; i++)
      if (g_strcmp0 (cs_report_get_id (g_ptr_array_index (loaded, i)), order[k]) == 0)
        {
          cs_case_add_report (kase, g_ptr_array_index (loaded, i));
          g_ptr_array_remove_index (loaded, i);
          break;
        }
  for (guint i = 0; i < loaded->len; i++)
    cs_case_add_report (kase, g_ptr_array_index (loaded, i));
  return repaired;
}

/* An empty case for a folder without a readable case.json. */
static CsCase *
new_rebuilt_case (const char *folder)
{
  g_autofree char *base = g_path_get_basename (folder);
  g_autofree char *uuid = g_uuid_string_is_valid (base) ? g_strdup (base) : g_uuid_string_random ();
  g_autofree char *now = cs_utc_now_iso8601 ();
  g_autofree char *data = g_strdup_printf ("{\"schema\": \"io.github.consilium.case/1.0\", "
                                           "\"case_id\": \"urn:uuid:%s\", "
                                           "\"created\": \"%s\", \"modified\": \"%s\"}",
                                           uuid, now, now);

  return cs_case_new_from_data (data, -1, NULL);
}

/* The case members every opinion starts with, from the first opinion. */
static void
fill_from_opinion (CsCase *kase)
{
  static const char * const members[] = {
    "case.consult_accession", "case.referring_accession", "case.patient.pseudonym",
    "requesting.institution", "requesting.pathologist.name", "requesting.pathologist.contact",
    "requesting.priority", "clinical_history", "question", "referring_diagnosis.text",
  };
  g_autoptr(CsReport) first = g_list_model_get_item (cs_case_get_opinions (kase), 0);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (cs_report_get_text (first, members[i]) != NULL)
      cs_case_set_text (kase, members[i], cs_report_get_text (first, members[i]));
}

/* The case.json of @folder, NULL when absent or damaged (set aside). */
static CsCase *
read_case_json (CsCaseStore *self,
                const char  *path,
                gboolean    *unreadable)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  CsCase *kase;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      *unreadable = !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      if (*unreadable)
        problem (self, g_strdup_printf (_("%s cannot be read: %s"), path, error->message));
      return NULL;
    }
  kase = cs_case_new_from_data (data, len, &error);
  if (kase == NULL)
    set_aside (self, path, error->message);
  return kase;
}

/* Writes a crash interrupted leave temporary files, ignored by load (their
 * names start with a dot); an hour later no writer can be at work on them. */
static void
remove_stale_temporaries (const char *folder)
{
  g_autofree char *reports = g_build_filename (folder, "reports", NULL);

  cs_remove_stale_temporaries (folder, STALE_TEMPORARY_S);
  cs_remove_stale_temporaries (reports, STALE_TEMPORARY_S);
}

/* A case folder; one whose case.json is missing or damaged is rebuilt
 * from its reports (@repaired: it should be saved again). */
static CsCase *
load_case (CsCaseStore *self,
           const char  *folder,
           gboolean    *repaired)
{
  g_autofree char *path = g_build_filename (folder, "case.json", NULL);
  gboolean unreadable = FALSE;
  g_autoptr(CsCase) kase = read_case_json (self, path, &unreadable);
  gboolean rebuilt = kase == NULL;

  /* a file that exists but cannot be opened is left for the user */
  if (unreadable)
    return NULL;
  if (!self->read_only)
    remove_stale_temporaries (folder);
  if (rebuilt)
    kase = new_rebuilt_case (folder);
  *repaired = load_reports (self, kase, folder) || rebuilt;
  if (!rebuilt)
    return g_steal_pointer (&kase);
  if (g_list_model_get_n_items (cs_case_get_opinions (kase)) == 0)
    return NULL;
  fill_from_opinion (kase);
  problem (self, g_strdup_printf (_("%s is missing or damaged: the case was rebuilt from "
                                    "its reports"), path));
  return g_steal_pointer (&kase);
}

/* The loaded case of the same id as @kase, or -1. */
static int
find_same_id (GPtrArray *cases,
              CsCase    *kase)
{
  for (guint i = 0; i < cases->len; i++)
    if (g_strcmp0 (cs_case_get_id (g_ptr_array_index (cases, i)), cs_case_get_id (kase)) == 0)
      return (int) i;
  return -1;
}

/* Cases whose changes could not be written stay as they are in memory,
 * in place of what was read, and still pending. */
static GPtrArray *
keep_unsaved (CsCaseStore *self,
              GPtrArray   *cases)
{
  GPtrArray *unsaved = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (unsaved, g_object_ref (key));
  for (guint i = 0; i < unsaved->len; i++)
    {
      CsCase *kase = g_object_ref (g_ptr_array_index (unsaved, i));
      int at = find_same_id (cases, kase);

      if (at < 0)
        g_ptr_array_add (cases, kase);
      else
        {
          g_object_unref (g_ptr_array_index (cases, at));
          g_ptr_array_index (cases, at) = kase;
        }
    }
  return unsaved;
}

static gboolean
open_directory (CsCaseStore *self,
                GPtrArray   *folders,
                GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the case folder %s: %s"), self->directory, g_strerror (saved));
      return FALSE;
    }
  dir = g_dir_open (self->directory, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      {
        char *path = g_build_filename (self->directory, name, NULL);

        if (g_file_test (path, G_FILE_TEST_IS_DIR))
          g_ptr_array_add (folders, path);
        else
          g_free (path);
      }
  g_ptr_array_sort (folders, (GCompareFunc) g_strcmp0);
  return TRUE;
}

/* Replaces the cases of the store by @cases; @pending are saved again. */
static void
replace_cases (CsCaseStore *self,
               GPtrArray   *cases,
               GPtrArray   *pending)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->cases)); i++)
    {
      g_autoptr(CsCase) old = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      g_signal_handlers_disconnect_by_data (old, self);
    }
  g_hash_table_remove_all (self->dirty);
  g_list_store_remove_all (self->cases);
  for (guint i = 0; i < cases->len; i++)
    track (self, g_ptr_array_index (cases, i));
  for (guint i = 0; i < pending->len; i++)
    on_case_changed (self, g_ptr_array_index (pending, i));
}

/**
 * cs_case_store_load:
 * @self: a store
 * @error: return location for an error
 *
 * Reads every case in the folder (made when absent). Damaged files and
 * tampered reports are collected in cs_case_store_get_problems(). Changes
 * not yet written are written first; those that cannot be are kept in
 * memory, in place of what the folder holds, and stay pending.
 *
 * Returns: %FALSE only when the folder cannot be read
 */
gboolean
cs_case_store_load (CsCaseStore *self,
                    GError     **error)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) repaired_cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pending = NULL;

  g_return_val_if_fail (CS_IS_CASE_STORE (self), FALSE);

  if (!open_directory (self, folders, error))
    return FALSE;
  g_ptr_array_set_size (self->problems, 0);
  /* changes not yet written go first: never lost */
  if (g_hash_table_size (self->dirty) > 0)
    {
      g_autoptr(GError) local = NULL;

      if (!cs_case_store_flush (self, &local))
        problem (self, g_strdup (local->message));
    }
  for (guint i = 0; i < folders->len; i++)
    {
      gboolean repaired = FALSE;
      CsCase *kase = load_case (self, g_ptr_array_index (folders, i), &repaired);

      if (kase != NULL)
        g_ptr_array_add (cases, kase);
      /* a recovered report or case is written back whole */
      if (kase != NULL && repaired)
        g_ptr_array_add (repaired_cases, g_object_ref (kase));
    }
  pending = keep_unsaved (self, cases);
  for (guint i = 0; i < repaired_cases->len; i++)
    if (find_same_id (pending, g_ptr_array_index (repaired_cases, i)) < 0)
      g_ptr_array_add (pending, g_object_ref (g_ptr_array_index (repaired_cases, i)));
  replace_cases (self, cases, pending);
  return TRUE;
}

/**
 * cs_case_store_dup_case_folder:
 * @directory: a case store's folder
 * @case_id: a case id
 *
 * Returns: (transfer full): the folder the case is stored in
 */
char *
cs_case_store_dup_case_folder (const char *directory,
                               const char *case_id)
{
  g_autofree char *stem = file_stem (case_id);

  return g_build_filename (directory, stem, NULL);
}

/**
 * cs_case_store_read_case:
 * @folder: one case folder
 * @problems: (element-type utf8): where the problems found are added
 * @error: return location for an error
 *
 * Reads one case folder without changing any file: damaged files are
 * reported, not set aside; a missing case.json is rebuilt in memory only.
 *
 * Returns: (transfer full): the case, or %NULL when @folder holds none
 */
CsCase *
cs_case_store_read_case (const char *folder,
                         GPtrArray  *problems,
                         GError    **error)
{
  g_autoptr(CsCaseStore) reader = cs_case_store_new (folder);
  gboolean repaired = FALSE;
  CsCase *kase;

  reader->read_only = TRUE;
  kase = load_case (reader, folder, &repaired);
  for (guint i = 0; i < reader->problems->len; i++)
    g_ptr_array_add (problems, g_strdup (g_ptr_array_index (reader->problems, i)));
  if (kase == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s holds no readable case"), folder);
  return kase;
}

/**
 * cs_case_store_find_by_slide:
 * @self: a store
 * @sha256: a slide's identity
 *
 * Returns: (transfer container) (element-type CsCase): the cases holding it
 */
GPtrArray *
cs_case_store_find_by_slide (CsCaseStore *self,
                             const char  *sha256)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  g_return_val_if_fail (CS_IS_CASE_STORE (self), found);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      if (cs_case_find_slide (kase, sha256) != NULL)
        g_ptr_array_add (found, g_object_ref (kase));
    }
  return found;
}

/**
 * cs_case_store_lookup:
 * @self: a store
 * @case_id: a case id
 *
 * Returns: (transfer none) (nullable): the case of @case_id
 */
CsCase *
cs_case_store_lookup (CsCaseStore *self,
                      const char  *case_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  g_return_val_if_fail (CS_IS_CASE_STORE (self), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      if (g_strcmp0 (cs_case_get_id (kase), case_id) == 0)
        return kase;
    }
  return NULL;
}
