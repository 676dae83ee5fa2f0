/* test-annotation-store.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cs-annotation-store.h"
#include "cs-annotation-store-private.h"
#include "cs-test-annotation-set.h"
#include "cs-test-store.h"
#include "cs-test-utils.h"

#define SHA CS_TEST_STORE_SHA

static const char *self_path;

static void
assert_list_equals (CsAnnotationList *list,
                    GPtrArray        *expected)
{
  g_autoptr(GPtrArray) items = cs_test_store_list_items (list);

  cs_test_assert_annotations_equal (expected, items);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gsize) st.st_size : 0;
}

/* Save, close, load: every field back; the folder is private. */
static void
test_store_save_load (CsTestStoreFixture *f,
                      gconstpointer       data)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  cs_annotation_list_add_many (list, annotations, "Import");
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpuint (file_size (cs_annotation_store_get_journal_path (store)), ==, 0);
  g_assert_cmpuint (file_size (cs_annotation_store_get_path (store)), >, 0);
  again = cs_test_store_load_clean (f->dir, NULL);
  assert_list_equals (again, annotations);

  /* Opened and closed without a change: the store file is not rewritten. */
  {
    g_autoptr(CsAnnotationStore) unchanged = NULL;
    g_autoptr(CsAnnotationList) read = cs_test_store_load_clean (f->dir, &unchanged);
    GStatBuf before, after;

    g_assert_cmpint (g_stat (cs_annotation_store_get_path (unchanged), &before), ==, 0);
    g_assert_true (cs_annotation_store_close (unchanged, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (cs_annotation_store_get_path (unchanged), &after), ==, 0);
    g_assert_cmpuint (before.st_ino, ==, after.st_ino);
    g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  }
}

/* Without close (a crash), the journal alone brings back adds, updates,
 * removals; a temporary ruler is never written. */
static void
test_store_replay (CsTestStoreFixture *f,
                   gconstpointer       data)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(CsAnnotation) edited = NULL;
  g_autoptr(CsAnnotation) ruler = cs_annotation_copy (annotations->pdata[5]);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;

  cs_annotation_list_add_many (list, annotations, "Import");
  /* Flushed apart, so that the journal holds the same id twice (its
   * replay once read a freed index key: sanitizers catch it). */
  g_assert_true (cs_annotation_store_flush (store, &error));
  g_assert_no_error (error);
  edited = cs_annotation_copy (annotations->pdata[2]);
  cs_annotation_set_name (edited, "renamed");
  cs_annotation_list_update (list, edited);
  cs_annotation_list_remove (list, annotations->pdata[0]);
  expected = cs_test_store_list_items (list);
  cs_annotation_set_id (ruler, "ruler-id");
  cs_annotation_set_temporary (ruler, TRUE);
  cs_annotation_list_add (list, ruler);
  g_assert_true (cs_annotation_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (cs_annotation_store_get_journal_path (store), &journal,
                                      NULL, NULL));
  g_assert_null (strstr (journal, "ruler-id"));
  g_assert_nonnull (strstr (journal, "renamed"));
  g_assert_false (g_file_test (cs_annotation_store_get_path (store), G_FILE_TEST_EXISTS));

  /* A crash: the store is dropped without close. */
  g_clear_object (&store);
  again = cs_test_store_load_clean (f->dir, NULL);
  assert_list_equals (again, expected);
}

static gboolean
journal_has_data (gpointer data)
{
  return file_size (data) > 0;
}

/* A change reaches the disk by itself within a second. */
static void
test_store_timer (CsTestStoreFixture *f,
                  gconstpointer       data)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);
  gint64 start;

  cs_annotation_list_add (list, annotations->pdata[0]);
  g_assert_cmpuint (file_size (cs_annotation_store_get_journal_path (store)), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_true (cs_test_wait_until (journal_has_data,
                                     (gpointer) cs_annotation_store_get_journal_path (store),
                                     2000));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

/* A crash mid-write leaves a torn last line: dropped, and cut off so the
 * next line starts clean. */
static void
test_store_torn_line (CsTestStoreFixture *f,
                      gconstpointer       data)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autofree char *path = g_build_filename (f->dir, SHA ".journal", NULL);
  g_autofree char *journal = NULL;
  g_autoptr(GString) torn = NULL;
  gsize len;

  cs_annotation_list_add_many (list, annotations, "Import");
  g_assert_true (cs_annotation_store_flush (store, NULL));
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (path, &journal, &len, NULL));
  torn = g_string_new_len (journal, len);
  /* Most of a copy of the first line, without its end. */
  g_string_append_len (torn, journal, strchr (journal, '\n') - journal - 40);
  g_assert_true (g_file_set_contents (path, torn->str, torn->len, NULL));

  again = cs_test_store_load_clean (f->dir, NULL);
  assert_list_equals (again, annotations);
  g_assert_cmpuint (file_size (path), ==, len);
}

static guint
count_damaged (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += strstr (name, ".damaged-") != NULL;
  return n;
}

/* A damaged store is copied aside and reported, the journal still
 * applies, and the store goes on working. */
static void
test_store_damaged (CsTestStoreFixture *f,
                    gconstpointer       data)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->dir, SHA);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *garbage = "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":";
  g_autofree char *kept = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (cs_annotation_store_get_path (store), garbage, -1, NULL));
  g_assert_false (cs_annotation_store_load (store, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, SHA ".geojson.damaged-"));
  g_assert_nonnull (strstr (error->message, "line 2"));
  /* Rewritten at once from what could be read (nothing here). */
  g_assert_true (g_file_test (cs_annotation_store_get_path (store), G_FILE_TEST_EXISTS));
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".damaged-") != NULL)
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);

        g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
      }
  g_assert_cmpstr (kept, ==, garbage);

  cs_annotation_list_add_many (list, annotations, "Import");
  g_assert_true (cs_annotation_store_close (store, NULL));
  again = cs_test_store_load_clean (f->dir, NULL);
  assert_list_equals (again, annotations);
  g_assert_cmpuint (count_damaged (f->dir), ==, 1);
}

/* A damaged line inside the journal (not a crash: the disk, or a hand)
 * is reported with its line; the journal is copied aside, the lines
 * around it still apply, and the store is rewritten at once. */
static void
test_store_damaged_journal (CsTestStoreFixture *f,
                            gconstpointer       data)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);
  g_autoptr(CsAnnotationList) again = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store2 = NULL;
  g_autofree char *path = g_build_filename (f->dir, SHA ".journal", NULL);
  g_autofree char *copy = g_build_filename (f->dir, SHA ".journal.damaged-line-3", NULL);
  g_autofree char *journal = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *damaged = NULL;

  cs_annotation_list_add_many (list, annotations, "Import");
  g_assert_true (cs_annotation_store_flush (store, NULL));
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (path, &journal, NULL, NULL));
  lines = g_strsplit (journal, "\n", -1);
  g_free (lines[2]);
  lines[2] = g_strdup ("{\"op\":\"put\",\"feature\":{\"type\":\"Feature\",\"geometry\":7}}");
  damaged = g_strjoinv ("\n", lines);
  g_assert_true (g_file_set_contents (path, damaged, -1, NULL));

  store2 = cs_annotation_store_new (again, f->dir, SHA);
  g_assert_false (cs_annotation_store_load (store2, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, SHA ".journal, line 3"));
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, annotations->len - 1);
  g_assert_cmpuint (file_size (path), ==, 0);
  g_assert_cmpuint (file_size (cs_annotation_store_get_path (store2)), >, 0);
}

/* Waits until no compaction runs: the last one's result has been
 * handled (a worker reports back on this thread). */
static void
wait_compactions (CsAnnotationStore *store)
{
  while (store->compacting)
    g_main_context_iteration (NULL, TRUE);
}

static CsAnnotation *
small_triangle (guint i)
{
  CsPoint p[] = { { i, i }, { i + 10, i }, { i, i + 10 } };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (p, 3);

  return cs_annotation_new (CS_SHAPE_POLYGON, geometry);
}

/* Waits for the compactions to finish, then drops the store as a crash
 * would: the journal is back under @limit bytes, and store and journal
 * together hold @expected. */
static gboolean
task_done (gpointer data)
{
  return *(gboolean *) data;
}

static void
weak_notify_cb (gpointer  data,
                GObject  *where)
{
  *(gboolean *) data = TRUE;
}

static void
assert_compacted_and_complete (const char         *dir,
                               CsAnnotationStore **store,
                               gsize              limit,
                               GPtrArray         *expected)
{
  g_autoptr(CsAnnotationList) again = NULL;

  wait_compactions (*store);
  g_assert_true (g_file_test (cs_annotation_store_get_path (*store), G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_size (cs_annotation_store_get_journal_path (*store)), <, limit);
  /* The finished compaction's task may hold the store (and its lock) a
   * moment longer, on its worker thread: wait until it is gone. */
  {
    gboolean finalized = FALSE;

    g_object_weak_ref (G_OBJECT (*store), weak_notify_cb, &finalized);
    g_clear_object (store);
    g_assert_true (cs_test_wait_until (task_done, &finalized, 10000));
  }
  again = cs_test_store_load_clean (dir, NULL);
  assert_list_equals (again, expected);
}

/* Past its limit the journal is folded into the store, in a worker, and
 * cut back to what came after the snapshot; nothing is lost meanwhile.
 * The worker reports back only once all 60 changes are journaled: the
 * journal is then past its limit again, and a second compaction folds
 * it in. */
static void
test_store_compaction (CsTestStoreFixture *f,
                       gconstpointer       data)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);

  cs_annotation_store_set_journal_limit (store, 4096, 20);
  for (guint i = 0; i < 60; i++)
    {
      CsAnnotation *a = small_triangle (i);

      g_ptr_array_add (added, a);
      cs_annotation_list_add (list, a);
      g_assert_true (cs_annotation_store_flush (store, NULL));
    }
  g_assert_true (store->compacting);
  assert_compacted_and_complete (f->dir, &store, 4096, added);
}

/* A batch larger than the journal's limit goes straight to the store. */
static void
test_store_large_batch (CsTestStoreFixture *f,
                        gconstpointer       data)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);

  cs_annotation_store_set_journal_limit (store, 1 << 20, 100);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (added, small_triangle (i));
  cs_annotation_list_add_many (list, added, "Import");
  g_assert_true (cs_annotation_store_flush (store, NULL));
  assert_compacted_and_complete (f->dir, &store, 1, added);
}

/* close() while a worker compacts: close's newer snapshot wins whichever
 * writes first. */
static void
test_store_close_during_compaction (CsTestStoreFixture *f,
                                    gconstpointer       data)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  CsAnnotationStore *store = cs_annotation_store_new (list, f->dir, SHA);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(CsAnnotation) last = small_triangle (5000);
  gboolean finalized = FALSE;

  g_assert_true (cs_annotation_store_load (store, NULL));
  cs_annotation_store_set_journal_limit (store, 1 << 20, 100);
  for (guint i = 0; i < 3000; i++)
    g_ptr_array_add (added, small_triangle (i));
  cs_annotation_list_add_many (list, added, "Import");
  g_assert_true (cs_annotation_store_flush (store, NULL));
  cs_annotation_list_add (list, last);
  g_ptr_array_add (added, g_object_ref (last));
  g_assert_true (cs_annotation_store_close (store, NULL));
  /* The worker's task holds the store until it reports back. */
  g_object_weak_ref (G_OBJECT (store), weak_notify_cb, &finalized);
  g_object_unref (store);
  g_assert_true (cs_test_wait_until (task_done, &finalized, 10000));
  again = cs_test_store_load_clean (f->dir, NULL);
  assert_list_equals (again, added);
}

static void
test_store_default_directory (void)
{
  g_autofree char *dir = cs_annotation_store_default_directory ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "consilium", "annotations",
                                                NULL);

  g_assert_cmpstr (dir, ==, expected);
}

/* ---- Crash simulation ---------------------------------------------------- */

static CsAnnotation *
numbered_square (guint i)
{
  CsPoint p[] = { { i, 0 }, { i + 5, 0 }, { i + 5, 5 }, { i, 5 } };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (p, 4);
  CsAnnotation *a = cs_annotation_new (CS_SHAPE_POLYGON, geometry);
  g_autofree char *name = g_strdup_printf ("%u", i);

  cs_annotation_set_name (a, name);
  return a;
}

/* The child: adds annotations named 0, 1, 2, ... through the store until
 * it is killed, one at a time and now and then as a batch larger than the
 * journal's limit; the small journal makes compactions frequent. */
static int
run_child (const char *dir)
{
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint i;

  store = cs_annotation_store_new (list, dir, SHA);
  if (!cs_annotation_store_load (store, NULL))
    return 2;
  cs_annotation_store_set_journal_limit (store, 16 * 1024, 50);
  i = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint round = 0; g_get_monotonic_time () < deadline; round++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = round % 100 == 99 ? 60 : 1;

      for (guint k = 0; k < n; k++)
        g_ptr_array_add (batch, numbered_square (i++));
      cs_annotation_list_add_many (list, batch, "Add");
      if (round % 3 == 0)
        cs_annotation_store_flush (store, NULL);
      g_main_context_iteration (NULL, FALSE);
    }
  return 0;
}

/* Loads without error or damaged file, and holds annotations 0..n-1. */
static guint
check_prefix (const char *dir)
{
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (dir, &store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_assert_cmpuint (count_damaged (dir), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *expected = g_strdup_printf ("%u", i);

      g_assert_cmpstr (cs_annotation_get_name (a), ==, expected);
    }
  return n;
}

static void
test_store_crash (CsTestStoreFixture *f,
                  gconstpointer       data)
{
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  guint n = 0;

  for (guint round = 0; round < 8; round++)
    {
      const char *argv[] = { self_path, "--store-child", f->dir, NULL };
      g_autoptr(GError) error = NULL;
      GPid pid;
      int status;
      guint now;

      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      /* A random moment: the child may be loading, appending or compacting. */
      g_usleep (g_rand_int_range (rand, 20, 400) * 1000);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      g_spawn_close_pid (pid);
      now = check_prefix (f->dir);
      g_test_message ("round %u: %u annotations", round, now);
      g_assert_cmpuint (now, >=, n);
      n = now;
    }
  g_assert_cmpuint (n, >, 0);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--store-child"))
    return run_child (argv[2]);
  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cs/annotation-store/default-directory", test_store_default_directory);
#define ADD(path, func) CS_TEST_STORE_ADD ("/cs/annotation-store/" path, func)
  ADD ("save-load", test_store_save_load);
  ADD ("replay", test_store_replay);
  ADD ("timer", test_store_timer);
  ADD ("torn-line", test_store_torn_line);
  ADD ("damaged", test_store_damaged);
  ADD ("damaged-journal", test_store_damaged_journal);
  ADD ("compaction", test_store_compaction);
  ADD ("large-batch", test_store_large_batch);
  ADD ("close-during-compaction", test_store_close_during_compaction);
  ADD ("crash", test_store_crash);
#undef ADD

  return g_test_run ();
}
