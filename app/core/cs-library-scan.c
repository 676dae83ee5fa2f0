/* cs-library-scan.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cs-annotation-store.h"
#include "cs-case.h"
#include "cs-core-private.h"
#include "cs-library-private.h"
#include "cs-slide-preview.h"
#include "cs-utils.h"

/* The library scan, in a worker: the folders are walked first and every
 * slide file announced; then each slide is read and its item filled in.
 * What a slide's files gave (identity, vendor, size, power) is kept in
 * <cache>/index.ini keyed by path, size and modification time, and its
 * thumbnail in <cache>/<identity>.icc.png (its colour profile applied)
 * or <identity>.raw.png (not applied, or none): a slide unchanged since
 * the last scan, with its thumbnail made as the preference is now, is
 * not opened at all. */

void
_cs_library_scan_job_free (CsLibraryScanJob *job)
{
  g_strfreev (job->folders);
  g_free (job->annotation_dir);
  g_free (job->case_dir);
  g_free (job->cache_dir);
  g_clear_object (&job->tags);
  g_clear_object (&job->library);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_pointer (&job->known, g_hash_table_unref);
  g_free (job);
}

static void
scan_job_free (gpointer job)
{
  _cs_library_scan_job_free (job);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The item shown now for @path, or a new one. */
static CsLibraryItem *
item_for (GHashTable *known,
          const char *folder,
          const char *path)
{
  CsLibraryItem *item = g_hash_table_lookup (known, path);

  if (item != NULL && g_str_equal (cs_library_item_get_folder (item), folder))
    return g_object_ref (item);

  return _cs_library_item_new (folder, path);
}

static void
walk (GHashTable   *known,
      const char   *folder,
      const char   *dir,
      GPtrArray    *found,
      GPtrArray    *problems,
      GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                        cancellable, &error);
  if (children == NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("Cannot read the folder %s: %s"), dir,
                                                  error->message));
      return;
    }
  while ((info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
      g_object_unref (info);
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (name[0] == '.')
        continue;
      /* Folders are followed unless they are links (which may loop). */
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            walk (known, folder, path, found, problems, cancellable);
        }
      else if (cs_slide_has_known_suffix (path))
        g_ptr_array_add (found, item_for (known, folder, path));
    }
}

static gboolean
stat_key (const char *path,
          gint64     *size,
          gint64     *mtime)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  *size = st.st_size;
  *mtime = st.st_mtime;

  return TRUE;
}

/* The memo of @path, if the file is as it was: fills @data in. */
static gboolean
recall (CsLibraryScanJob  *job,
        GKeyFile          *index,
        const char        *path,
        CsLibraryItemData *data)
{
  g_autofree char *identity = g_key_file_get_string (index, path, "identity", NULL);
  g_autofree char *thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  gboolean color_profile;
  gint64 size, mtime;

  if (identity == NULL || !stat_key (path, &size, &mtime) ||
      g_key_file_get_int64 (index, path, "size", NULL) != size ||
      g_key_file_get_int64 (index, path, "mtime", NULL) != mtime)
    return FALSE;
  color_profile = g_key_file_get_boolean (index, path, "color-profile", &error);
  if (error != NULL)
    return FALSE;
  thumbnail = _cs_library_thumbnail_path (job, identity, color_profile);
  if (!g_file_test (thumbnail, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  data->identity = g_steal_pointer (&identity);
  data->thumbnail_path = g_steal_pointer (&thumbnail);
  data->color_profile = color_profile;
  data->vendor = g_key_file_get_string (index, path, "vendor", NULL);
  data->width = g_key_file_get_int64 (index, path, "width", NULL);
  data->height = g_key_file_get_int64 (index, path, "height", NULL);
  data->objective_power = g_key_file_get_double (index, path, "objective-power", NULL);

  return TRUE;
}

static void
remember (GKeyFile          *index,
          const char        *path,
          CsLibraryItemData *data)
{
  gint64 size, mtime;

  if (!stat_key (path, &size, &mtime))
    return;
  g_key_file_set_int64 (index, path, "size", size);
  g_key_file_set_int64 (index, path, "mtime", mtime);
  g_key_file_set_string (index, path, "identity", data->identity);
  g_key_file_set_string (index, path, "vendor", data->vendor != NULL ? data->vendor : "");
  g_key_file_set_int64 (index, path, "width", data->width);
  g_key_file_set_int64 (index, path, "height", data->height);
  g_key_file_set_double (index, path, "objective-power", data->objective_power);
  g_key_file_set_boolean (index, path, "color-profile", data->color_profile);
}

/* The case members a search looks into. */
static const char * const case_text_paths[] = {
  "case.consult_accession", "case.referring_accession", "question",
  "clinical_history", "referring_diagnosis.text", NULL
};

static void
add_line (GString    *text,
          const char *line)
{
  if (line != NULL && *line != '\0')
    g_string_append_printf (text, "%s\n", line);
}

/* The opinions' diagnoses and descriptions: counts them. */
static guint
add_opinions_text (CsCase  *kase,
                   GString *text)
{
  GListModel *opinions = cs_case_get_opinions (kase);
  guint n = g_list_model_get_n_items (opinions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      for (guint d = 0;; d++)
        {
          g_autofree char *path = g_strdup_printf ("diagnosis.%u.text", d);
          const char *diagnosis = cs_report_get_text (report, path);

          if (diagnosis == NULL)
            break;
          add_line (text, diagnosis);
        }
      add_line (text, cs_report_get_text (report, "microscopic_description"));
    }

  return n;
}

/* Counts the opinions on @identity and gathers its cases' text. */
static guint
read_cases (CsCaseStore *cases,
            const char  *identity,
            char       **case_text)
{
  g_autoptr(GPtrArray) found = cs_case_store_find_by_slide (cases, identity);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      CsCase *kase = g_ptr_array_index (found, i);
      g_autofree char *title = cs_case_dup_title (kase);

      add_line (text, title);
      for (guint p = 0; case_text_paths[p] != NULL; p++)
        add_line (text, cs_case_get_text (kase, case_text_paths[p]));
      n += add_opinions_text (kase, text);
    }
  *case_text = text->len > 0 ? g_strdup (text->str) : NULL;

  return n;
}

static void
count_and_tag (CsLibraryScanJob  *job,
               CsCaseStore       *cases,
               CsLibraryItemData *data)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  annotations = cs_annotation_store_read (job->annotation_dir, data->identity, NULL, &error);
  if (annotations == NULL)
    g_debug ("%s", error->message);
  data->n_annotations = annotations != NULL ? annotations->len : 0;
  data->n_opinions = read_cases (cases, data->identity, &data->case_text);
  cs_library_tags_lookup (job->tags, data->identity, &data->stain, &data->organ, &data->tags);
}

typedef struct
{
  CsLibrary         *library;
  CsLibraryItem     *item;
  GPtrArray         *found;
  GPtrArray         *problems;
  CsLibraryItemData *data;
} Delivery;

static void
delivery_free (gpointer pointer)
{
  Delivery *delivery = pointer;

  g_clear_object (&delivery->library);
  g_clear_object (&delivery->item);
  g_clear_pointer (&delivery->found, g_ptr_array_unref);
  g_clear_pointer (&delivery->problems, g_ptr_array_unref);
  g_clear_pointer (&delivery->data, _cs_library_item_data_free);
  g_free (delivery);
}

static gboolean
deliver_in_main (gpointer pointer)
{
  Delivery *delivery = pointer;

  if (delivery->found != NULL)
    _cs_library_set_found (delivery->library, delivery->found, delivery->problems);
  else
    _cs_library_item_apply (delivery->item, delivery->data);

  return G_SOURCE_REMOVE;
}

/* Hands @delivery to the main thread (a blocking scan: at once). */
static void
deliver (CsLibraryScanJob *job,
         Delivery         *delivery)
{
  GSource *source;

  delivery->library = g_object_ref (job->library);
  if (job->context == NULL)
    {
      deliver_in_main (delivery);
      delivery_free (delivery);
      return;
    }
  /* Always through a source: g_main_context_invoke() would run it here,
   * in the worker, whenever no thread owns the context at that moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_in_main, delivery, delivery_free);
  g_source_attach (source, job->context);
  g_source_unref (source);
}

/* Counts and tags @data (READY), and hands it to @item. */
static void
deliver_data (CsLibraryScanJob  *job,
              CsCaseStore       *cases,
              CsLibraryItem     *item,
              CsLibraryItemData *data)
{
  Delivery *delivery = g_new0 (Delivery, 1);

  data->state = CS_LIBRARY_ITEM_READY;
  count_and_tag (job, cases, data);
  delivery->data = data;
  delivery->item = g_object_ref (item);
  deliver (job, delivery);
}

static void
deliver_reading (CsLibraryScanJob *job,
                 GKeyFile         *index,
                 CsCaseStore      *cases,
                 CsLibraryReading *reading)
{
  Delivery *delivery;

  if (reading->data != NULL)
    {
      remember (index, cs_library_item_get_path (reading->item), reading->data);
      deliver_data (job, cases, reading->item, g_steal_pointer (&reading->data));
      return;
    }
  delivery = g_new0 (Delivery, 1);
  delivery->data = g_new0 (CsLibraryItemData, 1);
  delivery->data->state = CS_LIBRARY_ITEM_FAILED;
  delivery->data->error = g_strdup (reading->error->message);
  delivery->item = g_object_ref (reading->item);
  deliver (job, delivery);
}

static GKeyFile *
load_index (CsLibraryScanJob *job,
            char            **path)
{
  GKeyFile *index = g_key_file_new ();

  *path = g_build_filename (job->cache_dir, "index.ini", NULL);
  /* A missing or damaged index only costs reading the slides again. */
  g_key_file_load_from_file (index, *path, G_KEY_FILE_NONE, NULL);

  return index;
}

static void
save_index (GKeyFile   *index,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  gsize len;
  char *text = g_key_file_to_data (index, &len, NULL);

  bytes = g_bytes_new_take (text, len);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !cs_write_bytes_atomically (path, FALSE, bytes, &error))
    g_debug ("Cannot save the library index %s: %s", path,
             error != NULL ? error->message : g_strerror (errno));
}

static gboolean
run_scan (CsLibraryScanJob *job,
          GCancellable     *cancellable,
          GError          **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CsCaseStore) cases = cs_case_store_new (job->case_dir);
  g_autoptr(GKeyFile) index = NULL;
  g_autofree char *index_path = NULL;
  gboolean cancelled = FALSE;
  CsLibraryReaders *readers;
  CsLibraryReading *reading;
  Delivery *delivery;

  for (guint i = 0; job->folders[i] != NULL; i++)
    walk (job->known, job->folders[i], job->folders[i], found, problems, cancellable);
  delivery = g_new0 (Delivery, 1);
  delivery->found = g_ptr_array_ref (found);
  delivery->problems = g_ptr_array_ref (problems);
  deliver (job, delivery);

  /* Damaged cases are the case list's to report; here they count none. */
  cs_case_store_load (cases, NULL);
  index = load_index (job, &index_path);
  /* Slides the index remembers are filled in at once; the others are
   * read by the readers, two at a time, and filled in as they come. */
  readers = _cs_library_readers_new (job, cancellable);
  for (guint i = 0; i < found->len && !cancelled; i++)
    {
      CsLibraryItem *item = g_ptr_array_index (found, i);
      g_autoptr(CsLibraryItemData) data = g_new0 (CsLibraryItemData, 1);

      cancelled = g_cancellable_set_error_if_cancelled (cancellable, error);
      if (!cancelled && recall (job, index, cs_library_item_get_path (item), data))
        deliver_data (job, cases, item, g_steal_pointer (&data));
      else if (!cancelled)
        _cs_library_readers_push (readers, item);
    }
  while (!cancelled && (reading = _cs_library_readers_pop (readers)) != NULL)
    {
      cancelled = g_cancellable_set_error_if_cancelled (cancellable, error);
      if (!cancelled)
        deliver_reading (job, index, cases, reading);
      _cs_library_reading_free (reading);
    }
  _cs_library_readers_free (readers);
  save_index (index, index_path);

  return !cancelled;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_scan (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cs_library_scan_async (CsLibrary           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  CsLibraryScanJob *job = _cs_library_scan_job_new (self);

  job->library = g_object_ref (self);
  job->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, cs_library_scan_async);
  g_task_set_task_data (task, job, scan_job_free);
  g_task_run_in_thread (task, scan_thread);
}

gboolean
cs_library_scan_finish (CsLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
cs_library_scan (CsLibrary     *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CsLibraryScanJob *job = _cs_library_scan_job_new (self);
  gboolean ok;

  job->library = g_object_ref (self);
  ok = run_scan (job, cancellable, error);
  _cs_library_scan_job_free (job);

  return ok;
}
