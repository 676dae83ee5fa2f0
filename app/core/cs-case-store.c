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
#include <string.h>

#include "cs-case.h"
#include "cs-utils.h"

/* Every case in one folder each: case.json, reports/<id>.json and each
 * signed revision as reports/<id>.r<N>.json (written once, never
 * rewritten). Changes are saved within a second, atomically. A file that
 * cannot be read is renamed aside (<name>.damaged-<time>) and reported;
 * a report modified after signing is loaded as tampered and reported. */

#define SAVE_DELAY_MS 250

struct _CsCaseStore
{
  GObject     parent_instance;

  char       *directory;
  GListStore *cases;
  GPtrArray  *problems;   /* char * */
  GHashTable *dirty;      /* CsCase set */
  guint       save_source;
};

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
  G_OBJECT_CLASS (cs_case_store_parent_class)->finalize (object);
}

static void
cs_case_store_class_init (CsCaseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_case_store_dispose;
  object_class->finalize = cs_case_store_finalize;
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

/* A file name from an id: "urn:uuid:" dropped, anything but letters,
 * digits, '-' and '_' replaced. */
static char *
file_stem (const char *id)
{
  char *stem = g_strdup (g_str_has_prefix (id, "urn:uuid:") ? id + strlen ("urn:uuid:") : id);

  for (char *p = stem; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      *p = '_';
  return stem;
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

  self->save_source = 0;
  if (!cs_case_store_flush (self, &error))
    {
      g_ptr_array_add (self->problems, g_strdup (error->message));
      g_message ("%s", error->message);
    }
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

static gboolean
save_report (const char *reports,
             CsReport   *report,
             GError    **error)
{
  g_autofree char *stem = file_stem (cs_report_get_id (report));
  g_autofree char *name = g_strconcat (stem, ".json", NULL);
  g_autofree char *path = g_build_filename (reports, name, NULL);
  GPtrArray *revisions = cs_report_get_signed_revisions (report);
  gsize len;
  char *data;

  /* a tampered file stays as it was found */
  if (!cs_report_get_tampered (report))
    {
      data = cs_report_to_data (report, &len);
      if (!save_data (path, data, len, error))
        return FALSE;
    }
  for (guint i = 0; i < revisions->len; i++)
    {
      CsReport *revision = g_ptr_array_index (revisions, i);
      g_autofree char *revision_name = g_strdup_printf ("%s.r%" G_GINT64_FORMAT ".json", stem,
                                                       cs_report_get_revision (revision));
      g_autofree char *revision_path = g_build_filename (reports, revision_name, NULL);

      /* a signed revision is written once */
      if (cs_report_get_tampered (revision) || g_file_test (revision_path, G_FILE_TEST_EXISTS))
        continue;
      data = cs_report_to_data (revision, &len);
      if (!save_data (revision_path, data, len, error))
        return FALSE;
    }
  return TRUE;
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
  gsize len;
  char *data;

  if (g_mkdir_with_parents (reports, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the case folder %s: %s"), reports, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      if (!save_report (reports, report, error))
        return FALSE;
    }
  data = cs_case_to_data (kase, &len);
  return save_data (path, data, len, error);
}

/**
 * cs_case_store_flush:
 * @self: a store
 * @error: return location for the first error
 *
 * Writes every changed case now. A case that failed stays pending.
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
          g_propagate_error (error, g_steal_pointer (&local));
          ok = FALSE;
        }
    }
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
 * overwritten; reports it with @cause. */
static void
set_aside (CsCaseStore *self,
           const char  *path,
           const char  *cause)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

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
  if (cs_report_get_tampered (report))
    problem (self, g_strdup_printf (_("%s was modified after signing: its content hash "
                                      "does not match (revision %" G_GINT64_FORMAT ")"),
                                    path, cs_report_get_revision (report)));
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
      g_autofree char *name = g_strdup_printf ("%s.r%" G_GINT64_FORMAT ".json", stem, n);
      g_autofree char *path = g_build_filename (reports, name, NULL);
      g_autoptr(CsReport) revision = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      revision = load_report_file (self, path);
      if (revision != NULL)
        cs_report_add_signed_revision (report, revision);
    }
}

static gboolean
is_current_report (const char *name)
{
  const char *dot;

  if (name[0] == '.' || !g_str_has_suffix (name, ".json"))
    return FALSE;
  /* <stem>.r<N>.json is a signed revision */
  dot = strchr (name, '.');
  return strcmp (dot, ".json") == 0;
}

static void
load_reports (CsCaseStore *self,
              CsCase      *kase,
              const char  *folder)
{
  g_autofree char *reports = g_build_filename (folder, "reports", NULL);
  g_autoptr(GDir) dir = g_dir_open (reports, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) order = cs_case_dup_opinion_ids (kase);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (is_current_report (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (reports, file, NULL);
      g_autofree char *stem = g_strndup (file, strlen (file) - strlen (".json"));
      CsReport *report = load_report_file (self, path);

      if (report == NULL)
        continue;
      load_revisions (self, reports, stem, report);
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
}

static CsCase *
load_case (CsCaseStore *self,
           const char  *folder)
{
  g_autofree char *path = g_build_filename (folder, "case.json", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  CsCase *kase;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        problem (self, g_strdup_printf (_("%s cannot be read: %s"), path, error->message));
      return NULL;
    }
  kase = cs_case_new_from_data (data, len, &error);
  if (kase == NULL)
    {
      set_aside (self, path, error->message);
      return NULL;
    }
  load_reports (self, kase, folder);
  return kase;
}

/**
 * cs_case_store_load:
 * @self: a store
 * @error: return location for an error
 *
 * Reads every case in the folder (made when absent). Damaged files and
 * tampered reports are collected in cs_case_store_get_problems().
 *
 * Returns: %FALSE only when the folder cannot be read
 */
gboolean
cs_case_store_load (CsCaseStore *self,
                    GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  g_return_val_if_fail (CS_IS_CASE_STORE (self), FALSE);

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

  g_ptr_array_set_size (self->problems, 0);
  /* changes not yet written go first: never lost */
  if (g_hash_table_size (self->dirty) > 0)
    {
      g_autoptr(GError) local = NULL;

      if (!cs_case_store_flush (self, &local))
        problem (self, g_strdup (local->message));
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (self->directory, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      CsCase *kase;

      if (!g_file_test (g_ptr_array_index (names, i), G_FILE_TEST_IS_DIR))
        continue;
      kase = load_case (self, g_ptr_array_index (names, i));
      if (kase != NULL)
        g_ptr_array_add (cases, kase);
    }

  /* cases read before are no longer this store's */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->cases)); i++)
    {
      g_autoptr(CsCase) old = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      g_signal_handlers_disconnect_by_data (old, self);
    }
  g_hash_table_remove_all (self->dirty);
  g_list_store_remove_all (self->cases);
  for (guint i = 0; i < cases->len; i++)
    track (self, g_ptr_array_index (cases, i));
  return TRUE;
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
