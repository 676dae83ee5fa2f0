/* test-store-read-only.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
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

/* A read-only data folder (a read-only mount, or a folder without write
 * permission): every store opens and shows what it holds, every save
 * fails with an error naming the file and the cause, nothing is changed
 * and nothing crashes. Root ignores permissions, so as root the folder is
 * a tmpfs remounted read-only in a private mount namespace (skipped with
 * the reason where that is not permitted). */

#define SHA CS_TEST_STORE_SHA

typedef struct
{
  char *tmp;
  char *dir;
  char *mount; /* a tmpfs, when root */
  int   errnum; /* what writing answers */
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  f->tmp = cs_test_make_tmpdir ();
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  if (f->mount != NULL)
    cs_test_unmount (f->mount);
  else if (f->dir != NULL)
    cs_test_chmod_tree (f->dir, 0700, 0600);
  cs_test_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->dir);
  g_free (f->mount);
}

/* The data folder, writable for now; FALSE (skipped) when it cannot be
 * made read-only later. */
static gboolean
prepare (Fixture *f)
{
  g_autofree char *why = NULL;

  if (geteuid () != 0)
    {
      f->dir = g_build_filename (f->tmp, "data", NULL);
      g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
      f->errnum = EACCES;
      return TRUE;
    }
  f->mount = g_build_filename (f->tmp, "mnt", NULL);
  if (!cs_test_mount_tmpfs (f->mount, 1024, &why))
    {
      g_clear_pointer (&f->mount, g_free);
      g_test_skip (why);
      return FALSE;
    }
  f->dir = g_build_filename (f->mount, "data", NULL);
  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
  f->errnum = EROFS;
  return TRUE;
}

static void
set_read_only (Fixture *f)
{
  if (f->mount != NULL)
    cs_test_remount_tmpfs (f->mount, TRUE);
  else
    cs_test_chmod_tree (f->dir, 0500, 0400);
}

static CsAnnotation *
square (double      x,
        const char *name)
{
  CsPoint p[] = { { x, 0 }, { x + 10, 0 }, { x + 10, 10 }, { x, 10 } };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (p, 4);
  CsAnnotation *annotation = cs_annotation_new (CS_SHAPE_POLYGON, geometry);

  cs_annotation_set_name (annotation, name);
  return annotation;
}

static void
add (CsAnnotationList *list,
     double            x,
     const char       *name)
{
  g_autoptr(CsAnnotation) annotation = square (x, name);

  cs_annotation_list_add (list, annotation);
}

/* Two annotations in the store file, a third in the journal; a case with
 * a signed opinion; saved views; library tags. Returns the case id. */
static char *
populate (const char *dir)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, dir, SHA);
  g_autofree char *cases_dir = g_build_filename (dir, "cases", NULL);
  g_autofree char *tags_path = g_build_filename (dir, "library-tags.json", NULL);
  g_autoptr(CsCaseStore) cases = cs_case_store_new (cases_dir);
  g_autoptr(CsLibraryTags) tags = cs_library_tags_new (tags_path);
  g_autoptr(CsSavedViews) views = cs_saved_views_new ();
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(GError) error = NULL;
  const char *const free_tags[] = { "exam", NULL };
  const char *const fields[] = {
    "case.referring_accession", "S-1", "requesting.institution", "Klinik A",
    "requesting.pathologist.name", "Dr. Ito", "clinical_history", "not provided",
    "question", "Adenoma?", "materials.mode", "digital_only", "diagnosis.0.text", "Adenoma",
    NULL
  };
  CsReport *report;

  g_assert_true (cs_annotation_store_load (store, &error));
  add (list, 0, "one");
  add (list, 20, "two");
  g_assert_true (cs_annotation_store_compact (store, &error));
  add (list, 40, "three");
  g_assert_true (cs_annotation_store_flush (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store); /* the journal keeps "three" */

  g_assert_true (cs_case_store_load (cases, &error));
  cs_case_set_text (kase, "case.consult_accession", "C-RO");
  cs_case_store_add (cases, kase);
  report = cs_case_add_opinion (kase, "Dr. Read", NULL, "Klinik");
  for (guint i = 0; fields[i] != NULL; i += 2)
    g_assert_true (cs_report_set_text (report, fields[i], fields[i + 1], &error));
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_NOT_APPLICABLE, &error));
  g_assert_true (cs_report_finalize (report, "Dr. Read", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cs_case_store_flush (cases, &error));
  g_assert_no_error (error);

  g_ptr_array_add (views->views, cs_saved_view_new ("Focus", NULL, 10, 10, 1, 0));
  g_assert_true (cs_saved_views_save (views, dir, SHA, &error));
  cs_library_tags_set (tags, SHA, "H&E", "Liver", free_tags);
  g_assert_true (cs_library_tags_save (tags, &error));
  g_assert_no_error (error);
  return g_strdup (cs_case_get_id (kase));
}

static void
check_annotations (Fixture *f)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->dir, SHA);
  g_autoptr(GError) error = NULL;

  /* Shown, with the reason changes cannot be saved. */
  g_assert_false (cs_annotation_store_load (store, &error));
  cs_test_assert_write_error (error, SHA ".journal", f->errnum);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_nonnull (cs_annotation_store_get_error (store));

  add (list, 60, "four");
  g_assert_false (cs_annotation_store_flush (store, &error));
  cs_test_assert_write_error (error, SHA ".journal", f->errnum);
  g_clear_error (&error);
  g_assert_false (cs_annotation_store_close (store, &error));
  cs_test_assert_write_error (error, SHA ".journal", f->errnum);
}

static void
check_cases (Fixture    *f,
             const char *case_id)
{
  g_autofree char *cases_dir = g_build_filename (f->dir, "cases", NULL);
  g_autoptr(CsCaseStore) cases = cs_case_store_new (cases_dir);
  g_autofree char *folder = cs_case_store_dup_case_folder (cases_dir, case_id);
  g_autofree char *stem = g_path_get_basename (folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsReport) opinion = NULL;
  CsCase *kase;

  g_assert_true (cs_case_store_load (cases, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cs_case_store_get_problems (cases)->len, ==, 0);
  kase = cs_case_store_lookup (cases, case_id);
  g_assert_nonnull (kase);
  g_assert_cmpstr (cs_case_get_text (kase, "case.consult_accession"), ==, "C-RO");
  opinion = g_list_model_get_item (cs_case_get_opinions (kase), 0);
  g_assert_true (cs_report_status_is_signed (cs_report_get_status (opinion)));
  g_assert_true (cs_report_verify (opinion, NULL, &error));
  g_assert_no_error (error);

  cs_case_set_text (kase, "clinical_history", "Seen read-only");
  g_assert_false (cs_case_store_flush (cases, &error));
  cs_test_assert_write_error (error, stem, f->errnum);
  g_assert_nonnull (cs_case_store_get_error (cases));
}

static void
check_small_files (Fixture *f)
{
  g_autofree char *tags_path = g_build_filename (f->dir, "library-tags.json", NULL);
  g_autoptr(CsLibraryTags) tags = cs_library_tags_new (tags_path);
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *organ = NULL;

  views = cs_saved_views_load (f->dir, SHA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->views->len, ==, 1);
  g_ptr_array_add (views->views, cs_saved_view_new ("More", NULL, 20, 20, 1, 0));
  g_assert_false (cs_saved_views_save (views, f->dir, SHA, &error));
  cs_test_assert_write_error (error, SHA ".views.json", f->errnum);
  g_clear_error (&error);

  g_assert_true (cs_library_tags_load (tags, &error));
  g_assert_no_error (error);
  g_assert_true (cs_library_tags_lookup (tags, SHA, NULL, &organ, NULL));
  g_assert_cmpstr (organ, ==, "Liver");
  cs_library_tags_set (tags, SHA, "H&E", "Colon", NULL);
  g_assert_false (cs_library_tags_save (tags, &error));
  cs_test_assert_write_error (error, "library-tags.json", f->errnum);
}

static void
test_read_only (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *case_id = NULL;

  if (!prepare (f))
    return;
  case_id = populate (f->dir);
  before = cs_test_snapshot_tree (f->dir);
  set_read_only (f);

  check_annotations (f);
  check_cases (f, case_id);
  check_small_files (f);
  cs_test_assert_tree_equal (f->dir, before);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread exists. */
  cs_test_private_mounts (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cs/store-read-only/every-store", Fixture, NULL, fixture_setup, test_read_only,
              fixture_teardown);
  return g_test_run ();
}
