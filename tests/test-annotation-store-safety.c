/* test-annotation-store-safety.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "cs-annotation-store.h"
#include "cs-class-table.h"
#include "cs-geojson-private.h"
#include "cs-test-annotation-set.h"
#include "cs-test-store.h"
#include "cs-test-utils.h"

/* The store against what could make it lose work: a damaged part of its
 * file, shapes and sizes that the hostile-input limits of importers would
 * refuse, folders and files that cannot be written or read, and a second
 * process on the same slide. */

#define SHA CS_TEST_STORE_SHA

enum
{
  CHILD_LOCKED = 10,
  CHILD_LOADED = 11,
  CHILD_OTHER = 12,
};

static const char *self_path;

static CsAnnotation *
triangle (double      x,
          const char *name)
{
  CsPoint p[] = { { x, 0 }, { x + 10, 0 }, { x, 10 } };
  g_autoptr(CsGeometry) geometry = cs_geometry_new_ring (p, 3);
  CsAnnotation *annotation = cs_annotation_new (CS_SHAPE_POLYGON, geometry);

  cs_annotation_set_name (annotation, name);
  return annotation;
}

/* Closes a store into @dir holding @annotations. */
static void
save (const char *dir,
      GPtrArray  *annotations)
{
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (dir, &store);

  cs_annotation_list_add_many (list, annotations, "Add");
  g_assert_true (cs_annotation_store_close (store, NULL));
}

static void
assert_names (CsAnnotationList *list,
              const char       *expected)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GPtrArray) items = cs_test_store_list_items (list);

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                            cs_annotation_get_name (items->pdata[i]));
  g_assert_cmpstr (names->str, ==, expected);
}

static guint
count_names (const char *dir_path,
             const char *part)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += strstr (name, part) != NULL;
  return n;
}

/* ---- Reading back -------------------------------------------------------- */

/* One damaged Feature costs that Feature only: the rest is shown, the
 * file is copied aside and reported, and the store rewritten clean. */
static void
test_damaged_feature (CsTestStoreFixture *f,
                      gconstpointer       data)
{
  const char *text =
    "{\"type\":\"FeatureCollection\",\"features\":[\n"
    "{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[0,0],[10,0],[0,10],[0,0]]]},\"properties\":{\"name\":\"a\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"b\",\"geometry\":7,\"properties\":{\"name\":\"b\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"c\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[0,0],[10,0],[0,10],[0,0]]]},\"properties\":{\"name\":\"c\"}}\n]}\n";
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->dir, SHA);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (cs_annotation_store_get_path (store), text, -1, NULL));
  g_assert_false (cs_annotation_store_load (store, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, SHA ".geojson.damaged-"));
  g_assert_nonnull (strstr (error->message, "line 3"));
  assert_names (list, "a c");
  g_assert_cmpuint (count_names (f->dir, ".damaged-"), ==, 1);
  g_assert_null (cs_annotation_store_get_error (store));
  g_assert_true (cs_annotation_store_close (store, NULL));
  again = cs_test_store_load_clean (f->dir, NULL);
  assert_names (again, "a c");
}

static CsAnnotation *
big_rectangle (void)
{
  /* Its corners are at 1.35e9: the app may hold it (it came from an
   * older version, or a calculation) though no importer accepts it. */
  CsShapeParams params = { 9e8, 9e8, 9e8, 9e8, 0.5 };
  CsAnnotation *annotation = cs_annotation_new_with_params (CS_SHAPE_RECTANGLE, &params);

  cs_annotation_set_name (annotation, "big");
  return annotation;
}

static CsAnnotation *
many_points (guint n)
{
  g_autofree CsPoint *p = g_new (CsPoint, n);
  g_autoptr(CsGeometry) geometry = NULL;
  CsAnnotation *annotation;

  for (guint i = 0; i < n; i++)
    p[i] = (CsPoint) { 1000 + 500 * cos (2 * G_PI * i / n), 1000 + 500 * sin (2 * G_PI * i / n) };
  geometry = cs_geometry_new_ring (p, n);
  annotation = cs_annotation_new (CS_SHAPE_POLYGON, geometry);
  cs_annotation_set_name (annotation, "many");
  return annotation;
}

/* The store reads back whatever it wrote, past the limits that guard
 * imports: from the store file and from the journal. */
static void
test_own_limits (CsTestStoreFixture *f,
                 gconstpointer       data)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = NULL;
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) read = NULL;

  /* As if 100 values were the most a hostile file may hold. */
  _cs_geojson_set_max_values (100);
  g_ptr_array_add (annotations, big_rectangle ());
  g_ptr_array_add (annotations, many_points (500));
  save (f->dir, annotations);
  list = cs_test_store_load_clean (f->dir, &store);
  items = cs_test_store_list_items (list);
  cs_test_assert_annotations_equal (annotations, items);

  /* The journal too: a change not yet compacted, then a crash. */
  {
    g_autoptr(CsAnnotation) more = many_points (300);

    cs_annotation_list_add (list, more);
    g_ptr_array_add (items, g_object_ref (more));
  }
  g_assert_true (cs_annotation_store_flush (store, NULL));
  g_clear_object (&store);
  again = cs_test_store_load_clean (f->dir, NULL);
  read = cs_test_store_list_items (again);
  cs_test_assert_annotations_equal (items, read);
  _cs_geojson_set_max_values (0);
}

static void
collect_files (const char *path,
               GPtrArray  *files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect_files (child, files);
      else if (!g_str_has_suffix (name, ".md"))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

/* Shapes built from numbers within the limits that reach them exactly. */
static const char *const edge_files[][2] = {
  { "edge.geojson",
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[0,0],[10,0],[10,10],[0,10],[0,0]]]},\"properties\":{\"consilium\":"
    "{\"shape\":\"ellipse\",\"center\":[500000000,500000000],\"width\":1000000000,"
    "\"height\":1000000000,\"rotation\":0}}}" },
  { "edge.json",
    "{\"name\":\"x\",\"elements\":[{\"type\":\"circle\",\"center\":[500000000,500000000,0],"
    "\"radius\":500000000},{\"type\":\"rectangle\",\"center\":[-500000000,500000000,0],"
    "\"width\":1000000000,\"height\":1000000000,\"rotation\":0}]}" },
};

static void
add_import (CsAnnotationList *list,
            const char       *path,
            GBytes           *bytes,
            GPtrArray        *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) import = bytes != NULL
                                           ? cs_annotation_import_bytes (bytes, path, &error)
                                           : cs_annotation_import_file (path, NULL, &error);

  if (import == NULL)
    {
      g_test_message ("%s not imported: %s", path, error->message);
      return;
    }
  g_test_message ("%s: %u annotations", path, import->annotations->len);
  g_assert_cmpuint (import->annotations->len, >, 0);
  cs_annotation_list_add_many (list, import->annotations, "Import");
}

/* Whatever an import accepts survives a store write and a reload. */
static void
test_imports_survive (CsTestStoreFixture *f,
                      gconstpointer       data)
{
  const char *shared = g_getenv ("CS_SHARED_DIR");
  g_autofree char *samples = shared != NULL && *shared != '\0'
                               ? g_build_filename (shared, "annotations", NULL)
                               : NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) read = NULL;

  if (samples != NULL && g_file_test (samples, G_FILE_TEST_IS_DIR))
    collect_files (samples, files);
  else
    g_test_message ("The shared annotation samples are absent: edge shapes only");
  for (guint i = 0; i < files->len; i++)
    add_import (list, files->pdata[i], NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (edge_files); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (edge_files[i][1], strlen (edge_files[i][1]));
      guint before = g_list_model_get_n_items (G_LIST_MODEL (list));

      add_import (list, edge_files[i][0], bytes, NULL);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, before);
    }
  expected = cs_test_store_list_items (list);
  g_assert_true (cs_annotation_store_close (store, NULL));
  again = cs_test_store_load_clean (f->dir, NULL);
  read = cs_test_store_list_items (again);
  cs_test_assert_annotations_equal (expected, read);
}

/* ---- Folders and files that cannot be used ------------------------------- */

static void
add_named (CsAnnotationList *list,
           double            x,
           const char       *name)
{
  g_autoptr(CsAnnotation) annotation = triangle (x, name);

  cs_annotation_list_add (list, annotation);
}

/* A journal that cannot be created (a directory in its place): what was
 * saved is shown, changes are followed, each failure is reported, and the
 * changes are written once the journal can be. */
static void
test_journal_unwritable (CsTestStoreFixture *f,
                         gconstpointer       data)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->dir, SHA);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *journal = cs_annotation_store_get_journal_path (store);

  g_ptr_array_add (first, triangle (0, "saved"));
  save (f->dir, first);
  g_assert_cmpint (g_unlink (journal), ==, 0);
  g_assert_cmpint (g_mkdir (journal, 0700), ==, 0);

  g_assert_false (cs_annotation_store_load (store, &error));
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, SHA ".journal"));
  assert_names (list, "saved");
  g_assert_nonnull (cs_annotation_store_get_error (store));
  g_clear_error (&error);

  add_named (list, 20, "drawn");
  g_assert_false (cs_annotation_store_flush (store, &error));
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_nonnull (cs_annotation_store_get_error (store));
  g_clear_error (&error);

  /* The journal can be made again: the next attempt writes it. */
  g_assert_cmpint (g_rmdir (journal), ==, 0);
  add_named (list, 40, "later");
  g_assert_true (cs_annotation_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_null (cs_annotation_store_get_error (store));
  g_clear_object (&store); /* a crash: the journal has them */
  again = cs_test_store_load_clean (f->dir, NULL);
  assert_names (again, "saved drawn later");
}

/* A folder that cannot be made (a file in its place): flush and close
 * fail and say why, instead of claiming success. */
static void
test_folder_is_file (CsTestStoreFixture *f,
                     gconstpointer       data)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->dir, SHA);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (f->dir, "not a folder", -1, NULL));
  g_assert_false (cs_annotation_store_load (store, &error));
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  add_named (list, 0, "drawn");
  g_assert_false (cs_annotation_store_flush (store, &error));
  g_assert_true (error->domain == G_IO_ERROR);
  g_clear_error (&error);
  g_assert_nonnull (cs_annotation_store_get_error (store));
  g_assert_false (cs_annotation_store_close (store, &error));
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("%s", error->message);
}

/* A store that exists but cannot be read is never replaced: changes go
 * to the journal, which applies once the store can be read. */
static void
test_store_unreadable (CsTestStoreFixture *f,
                       gconstpointer       data)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->dir, SHA);
  g_autoptr(CsAnnotationList) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = cs_annotation_store_get_path (store);

  /* A directory in its place reads like a file we may not read. */
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_assert_false (cs_annotation_store_load (store, &error));
  g_assert_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_UNREADABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, SHA ".geojson"));
  g_clear_error (&error);

  add_named (list, 0, "drawn");
  g_assert_true (cs_annotation_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_false (cs_annotation_store_compact (store, &error));
  g_assert_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_UNREADABLE);
  g_clear_error (&error);
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  g_assert_cmpint (g_rmdir (path), ==, 0);
  again = cs_test_store_load_clean (f->dir, NULL);
  assert_names (again, "drawn");
}

/* ---- Two processes on one slide ------------------------------------------ */

/* flock() locks belong to an open file description: two stores of one
 * process conflict as two processes would. The second shows the saved
 * annotations, saves nothing, says so, and leaves the first one's
 * temporary files alone. */
static void
test_lock_two_stores (CsTestStoreFixture *f,
                      gconstpointer       data)
{
  g_autoptr(CsAnnotationStore) a = NULL;
  g_autoptr(CsAnnotationList) list_a = cs_test_store_load_clean (f->dir, &a);
  g_autoptr(CsAnnotationList) list_b = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) b = cs_annotation_store_new (list_b, f->dir, SHA);
  g_autoptr(CsAnnotationList) list_c = NULL;
  g_autoptr(CsAnnotationStore) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_build_filename (f->dir, "." SHA ".geojson.0badf00d.tmp", NULL);

  add_named (list_a, 0, "from-a");
  g_assert_true (cs_annotation_store_flush (a, NULL));
  g_assert_true (g_file_set_contents (tmp, "being written", -1, NULL));

  g_assert_false (cs_annotation_store_load (b, &error));
  g_assert_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_names (list_b, "from-a");
  g_assert_true (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_error ((GError *) cs_annotation_store_get_error (b), CS_ANNOTATION_STORE_ERROR,
                  CS_ANNOTATION_STORE_ERROR_LOCKED);

  add_named (list_b, 20, "from-b");
  g_assert_false (cs_annotation_store_flush (b, &error));
  g_assert_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  add_named (list_a, 40, "more-from-a");
  g_assert_true (cs_annotation_store_close (a, NULL));
  g_assert_false (cs_annotation_store_close (b, &error));
  g_assert_error (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_LOCKED);

  /* Closed, the first lets the next one in; it removes leftovers. */
  list_c = cs_test_store_load_clean (f->dir, &c);
  assert_names (list_c, "from-a more-from-a");
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
}

static int
run_lock_child (const char *dir)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, dir, SHA);
  g_autoptr(GError) error = NULL;

  if (cs_annotation_store_load (store, &error))
    return CHILD_LOADED;
  if (g_error_matches (error, CS_ANNOTATION_STORE_ERROR, CS_ANNOTATION_STORE_ERROR_LOCKED))
    return CHILD_LOCKED;
  return CHILD_OTHER;
}

static int
spawn_lock_child (const char *dir)
{
  const char *argv[] = { self_path, "--lock-child", dir, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Another process is kept out while this one has the slide open. */
static void
test_lock_child (CsTestStoreFixture *f,
                 gconstpointer       data)
{
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);

  g_assert_cmpint (spawn_lock_child (f->dir), ==, CHILD_LOCKED);
  g_assert_true (cs_annotation_store_close (store, NULL));
  g_assert_cmpint (spawn_lock_child (f->dir), ==, CHILD_LOADED);
}

/* ---- Classes -------------------------------------------------------------- */

/* The store writes the colour of the list's class table. */
static void
test_class_colours (CsTestStoreFixture *f,
                    gconstpointer       data)
{
  g_autoptr(CsClassTable) classes = cs_class_table_new ();
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(CsAnnotationList) list = cs_test_store_load_clean (f->dir, &store);
  g_autoptr(CsAnnotation) tumour = triangle (0, "t");
  g_autofree char *text = NULL;

  cs_class_table_ensure (classes, "Tumour", 0xC83232);
  cs_annotation_list_set_class_table (list, classes);
  cs_annotation_set_class_name (tumour, "Tumour");
  cs_annotation_list_add (list, tumour);
  g_assert_true (cs_annotation_store_close (store, NULL));
  g_assert_true (g_file_get_contents (cs_annotation_store_get_path (store), &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"classification\":{\"name\":\"Tumour\","
                                  "\"color\":[200,50,50]}"));
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--lock-child"))
    return run_lock_child (argv[2]);
  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) CS_TEST_STORE_ADD ("/cs/annotation-store-safety/" path, func)
  ADD ("damaged-feature", test_damaged_feature);
  ADD ("own-limits", test_own_limits);
  ADD ("imports-survive", test_imports_survive);
  ADD ("journal-unwritable", test_journal_unwritable);
  ADD ("folder-is-file", test_folder_is_file);
  ADD ("store-unreadable", test_store_unreadable);
  ADD ("lock-two-stores", test_lock_two_stores);
  ADD ("lock-child", test_lock_child);
  ADD ("class-colours", test_class_colours);
#undef ADD

  return g_test_run ();
}
