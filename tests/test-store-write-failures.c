/* test-store-write-failures.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cs-annotation-store.h"
#include "cs-case.h"
#include "cs-library.h"
#include "cs-report.h"
#include "cs-saved-views-store.h"
#include "cs-test-store.h"
#include "cs-test-utils.h"
#include "cs-test-write-failure.h"

/* A full disk: every store's save fails with an error naming the file and
 * the cause, the previous files stay as they were (nothing half-written
 * is left), the edits stay in memory, and a later save succeeds. The
 * disk fills up in two ways: a file size limit (RLIMIT_FSIZE: EFBIG,
 * everywhere) and a small tmpfs really full (ENOSPC; root in a private
 * mount namespace, skipped elsewhere). */

#define SHA CS_TEST_STORE_SHA
#define LIMIT 4096

typedef struct
{
  char *tmp;
  char *dir;     /* where the stores write */
  char *mount;   /* a tmpfs mounted at dir, or NULL */
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  f->tmp = cs_test_make_tmpdir ();
  f->dir = g_build_filename (f->tmp, "data", NULL);
  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  if (f->mount != NULL)
    cs_test_unmount (f->mount);
  cs_test_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->dir);
  g_free (f->mount);
}

static CsAnnotation *
square (double      x,
        const char *name,
        gsize       comment_size)
{
  CsPoint p[] = { { x, 0 }, { x + 10, 0 }, { x + 10, 10 }, { x, 10 } };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (p, 4);
  CsAnnotation *annotation = cs_annotation_new (CS_SHAPE_POLYGON, geometry);
  g_autofree char *comment = g_strnfill (comment_size, 'x');

  cs_annotation_set_name (annotation, name);
  if (comment_size > 0)
    cs_annotation_set_comment (annotation, comment);
  return annotation;
}

static void
add (CsAnnotationList *list,
     double            x,
     const char       *name,
     gsize             comment_size)
{
  g_autoptr(CsAnnotation) annotation = square (x, name, comment_size);

  cs_annotation_list_add (list, annotation);
}

/* What another process reads from @dir now. */
static guint
count_saved (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = cs_annotation_store_read (dir, SHA, NULL, &error);

  g_assert_no_error (error);
  return saved->len;
}

static gboolean
store_has_no_error (gpointer store)
{
  return cs_annotation_store_get_error (store) == NULL;
}

/* Three annotations saved and compacted; then a large one that does not
 * fit: @errnum is what the disk answers. */
static void
annotations_do_not_fit (Fixture *f,
                        int      errnum,
                        void   (*fill) (Fixture *f),
                        void   (*free_space) (Fixture *f))
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->dir, SHA);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_annotation_store_load (store, &error));
  add (list, 0, "one", 0);
  add (list, 20, "two", 0);
  add (list, 40, "three", 0);
  g_assert_true (cs_annotation_store_compact (store, &error));
  g_assert_no_error (error);
  before = cs_test_snapshot_tree (f->dir);

  fill (f);
  add (list, 60, "large", 3 * LIMIT);
  g_assert_false (cs_annotation_store_flush (store, &error));
  cs_test_assert_write_error (error, SHA ".journal", errnum);
  g_clear_error (&error);
  g_assert_nonnull (cs_annotation_store_get_error (store));
  g_assert_false (cs_annotation_store_compact (store, &error));
  cs_test_assert_write_error (error, SHA ".geojson", errnum);
  g_clear_error (&error);
  /* The journal was cut back, the store not replaced, no temporary file
   * left; the previous annotations load. */
  cs_test_assert_tree_equal (f->dir, before);
  g_assert_cmpuint (count_saved (f->dir), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);

  /* Space again: the store writes them by itself. */
  free_space (f);
  g_assert_true (cs_test_wait_until (store_has_no_error, store, 5000));
  g_assert_cmpuint (count_saved (f->dir), ==, 4);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cs_test_count_named (f->dir, ".tmp"), ==, 0);
}

static void
limit (Fixture *f)
{
  cs_test_limit_file_size (LIMIT);
}

static void
unlimit (Fixture *f)
{
  cs_test_unlimit_file_size ();
}

/* The tmpfs filled up to its last byte. */
static void
fill_tmpfs (Fixture *f)
{
  g_autofree char *filler = g_build_filename (f->mount, "filler", NULL);
  g_autofree char *block = g_strnfill (1024, 'f');
  int fd = g_open (filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, 1024) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static void
free_tmpfs (Fixture *f)
{
  g_autofree char *filler = g_build_filename (f->mount, "filler", NULL);

  g_assert_cmpint (g_unlink (filler), ==, 0);
}

/* The stores write in a folder of a small tmpfs; the filler goes beside
 * it. */
static gboolean
mount_small_tmpfs (Fixture *f)
{
  g_autofree char *mount = g_build_filename (f->tmp, "mnt", NULL);
  g_autofree char *why = NULL;

  if (!cs_test_mount_tmpfs (mount, 256, &why))
    {
      g_test_skip (why);
      return FALSE;
    }
  f->mount = g_steal_pointer (&mount);
  g_free (f->dir);
  f->dir = g_build_filename (f->mount, "data", NULL);
  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
  return TRUE;
}

/* ---- Cases and opinions --------------------------------------------------- */

static gboolean
file_holds (gpointer data)
{
  const char **args = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (args[0], &contents, NULL, NULL) &&
         strstr (contents, args[1]) != NULL;
}

static void
cases_do_not_fit (Fixture *f,
                  int      errnum,
                  void   (*fill) (Fixture *f),
                  void   (*free_space) (Fixture *f))
{
  g_autoptr(CsCaseStore) store = cs_case_store_new (f->dir);
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *large = g_strnfill (3 * LIMIT, 'd');
  g_autofree char *folder = NULL;
  g_autofree char *report_path = NULL;
  g_autofree char *stem = NULL;
  CsReport *report;

  g_assert_true (cs_case_store_load (store, &error));
  cs_case_set_text (kase, "case.consult_accession", "C-1");
  cs_case_store_add (store, kase);
  report = cs_case_add_opinion (kase, "Dr. Full", NULL, NULL);
  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);
  folder = cs_case_store_dup_case_folder (f->dir, cs_case_get_id (kase));
  stem = g_path_get_basename (folder);
  before = cs_test_snapshot_tree (f->dir);

  fill (f);
  g_assert_true (cs_report_set_text (report, "microscopic_description", large, &error));
  g_assert_false (cs_case_store_flush (store, &error));
  cs_test_assert_write_error (error, stem, errnum);
  g_clear_error (&error);
  g_assert_nonnull (cs_case_store_get_error (store));
  cs_test_assert_tree_equal (f->dir, before);
  g_assert_cmpstr (cs_report_get_text (report, "microscopic_description"), ==, large);

  /* Autosave fails too, is told once, and is tried again by itself once
   * there is space. */
  report_path = g_strdup_printf ("%s/reports/%s.json", folder,
                                 cs_report_get_id (report) + strlen ("urn:uuid:"));
  g_assert_true (cs_report_set_text (report, "comment", "later", &error));
  g_assert_false (cs_test_wait_until (file_holds, (const char *[]) { report_path, "later" },
                                      600));
  g_assert_nonnull (cs_case_store_get_error (store));
  free_space (f);
  g_assert_true (cs_test_wait_until (file_holds, (const char *[]) { report_path, "later" },
                                     5000));
  g_assert_true (file_holds ((const char *[]) { report_path, large }));
  g_assert_null (cs_case_store_get_error (store));
  g_assert_cmpuint (cs_test_count_named (f->dir, ".tmp"), ==, 0);
}

/* A store's scenario, run with each way of filling the disk. */
typedef struct
{
  void (*run) (Fixture *f,
               int      errnum,
               void   (*fill) (Fixture *f),
               void   (*free_space) (Fixture *f));
} Scenario;

static const Scenario annotations = { annotations_do_not_fit };
static const Scenario cases = { cases_do_not_fit };

static void
test_file_size (Fixture      *f,
                gconstpointer data)
{
  const Scenario *scenario = data;

  scenario->run (f, EFBIG, limit, unlimit);
}

static void
test_tmpfs_full (Fixture      *f,
                 gconstpointer data)
{
  const Scenario *scenario = data;

  if (mount_small_tmpfs (f))
    scenario->run (f, ENOSPC, fill_tmpfs, free_tmpfs);
}

/* ---- Saved views, library tags, a report file ----------------------------- */

static void
test_small_files_file_size (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr(CsSavedViews) views = cs_saved_views_new ();
  g_autofree char *tags_path = g_build_filename (f->dir, "library-tags.json", NULL);
  g_autofree char *report_path = g_build_filename (f->dir, "opinion.json", NULL);
  g_autoptr(CsLibraryTags) tags = cs_library_tags_new (tags_path);
  g_autoptr(CsReport) report = cs_report_new ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *large = g_strnfill (3 * LIMIT, 'n');
  const char *const free_tags[] = { "exam", NULL };

  g_ptr_array_add (views->views, cs_saved_view_new ("Focus", NULL, 10, 10, 1, 0));
  cs_library_tags_set (tags, SHA, "H&E", "Liver", free_tags);
  g_assert_true (cs_saved_views_save (views, f->dir, SHA, &error));
  g_assert_true (cs_library_tags_save (tags, &error));
  g_assert_true (cs_report_save (report, report_path, &error));
  g_assert_no_error (error);
  before = cs_test_snapshot_tree (f->dir);

  g_ptr_array_add (views->views, cs_saved_view_new ("Large", large, 20, 20, 1, 0));
  cs_library_tags_set (tags, SHA, "H&E", large, free_tags);
  g_assert_true (cs_report_set_text (report, "comment", large, &error));
  cs_test_limit_file_size (LIMIT);
  g_assert_false (cs_saved_views_save (views, f->dir, SHA, &error));
  cs_test_assert_write_error (error, SHA ".views.json", EFBIG);
  g_clear_error (&error);
  g_assert_false (cs_library_tags_save (tags, &error));
  cs_test_assert_write_error (error, "library-tags.json", EFBIG);
  g_clear_error (&error);
  g_assert_false (cs_report_save (report, report_path, &error));
  cs_test_assert_write_error (error, "opinion.json", EFBIG);
  g_clear_error (&error);
  cs_test_unlimit_file_size ();
  cs_test_assert_tree_equal (f->dir, before);

  g_assert_true (cs_saved_views_save (views, f->dir, SHA, &error));
  g_assert_true (cs_library_tags_save (tags, &error));
  g_assert_true (cs_report_save (report, report_path, &error));
  g_assert_no_error (error);
  g_assert_true (file_holds ((const char *[]) { tags_path, large }));
  g_assert_true (file_holds ((const char *[]) { report_path, large }));
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread exists. */
  cs_test_private_mounts (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, scenario, func) \
  g_test_add ("/cs/store-write-failures/" path, Fixture, scenario, fixture_setup, func, \
              fixture_teardown)
  ADD ("annotations/file-size", &annotations, test_file_size);
  ADD ("annotations/tmpfs-full", &annotations, test_tmpfs_full);
  ADD ("cases/file-size", &cases, test_file_size);
  ADD ("cases/tmpfs-full", &cases, test_tmpfs_full);
  ADD ("small-files/file-size", NULL, test_small_files_file_size);
  return g_test_run ();
}
