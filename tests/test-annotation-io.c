/* test-annotation-io.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cs-annotation-io.h"
#include "cs-annotation-list.h"
#include "cs-test-annotation-set.h"
#include "cs-test-utils.h"

static CsAnnotationFormat
detect (const char *text)
{
  return cs_annotation_format_detect (text, strlen (text));
}

static void
test_io_detect (void)
{
  g_assert_cmpint (detect ("<?xml version=\"1.0\"?>\n<!-- c -->\n"
                           "<ASAP_Annotations><Annotations>"), ==, CS_ANNOTATION_FORMAT_ASAP);
  g_assert_cmpint (detect ("\xEF\xBB\xBF  <Annotations MicronsPerPixel=\"0.5\">"), ==,
                   CS_ANNOTATION_FORMAT_IMAGESCOPE);
  g_assert_cmpint (detect ("<!DOCTYPE x><ns:Annotations/>"), ==, CS_ANNOTATION_FORMAT_IMAGESCOPE);
  g_assert_cmpint (detect ("<html><body>"), ==, CS_ANNOTATION_FORMAT_UNKNOWN);
  g_assert_cmpint (detect ("{\"type\":\"FeatureCollection\",\"features\":["), ==,
                   CS_ANNOTATION_FORMAT_GEOJSON);
  g_assert_cmpint (detect ("[{\"geometry\":{}}]"), ==, CS_ANNOTATION_FORMAT_GEOJSON);
  g_assert_cmpint (detect ("{\"coordinates\":[[1,2]],\"type\":\"MultiPoint\"}"), ==,
                   CS_ANNOTATION_FORMAT_GEOJSON);
  /* DSA: a document, a list, a server response; nested "type"s ignored. */
  g_assert_cmpint (detect ("{\"name\":\"x\",\"attributes\":{\"type\":1},"
                           "\"elements\":[{\"type\":\"point\"}]}"),
                   ==, CS_ANNOTATION_FORMAT_DSA);
  g_assert_cmpint (detect ("[{\"name\":\"x\",\"elements\":[]}, {\"type\":\"Feature\"}]"), ==,
                   CS_ANNOTATION_FORMAT_DSA);
  g_assert_cmpint (detect ("{\"_id\":\"5\",\"annotation\":{\"elements\":[]}}"), ==,
                   CS_ANNOTATION_FORMAT_DSA);
  g_assert_cmpint (detect ("[1, {\"type\":\"Feature\"}]"), ==, CS_ANNOTATION_FORMAT_UNKNOWN);
  g_assert_cmpint (detect ("{\"name\":\"x\"}"), ==, CS_ANNOTATION_FORMAT_UNKNOWN);
  g_assert_cmpint (detect ("hello"), ==, CS_ANNOTATION_FORMAT_UNKNOWN);
  g_assert_cmpint (detect (""), ==, CS_ANNOTATION_FORMAT_UNKNOWN);
  g_assert_cmpint (detect ("   \n"), ==, CS_ANNOTATION_FORMAT_UNKNOWN);
}

/* Every shared sample is recognised from its content. */
static void
test_io_detect_samples (void)
{
  static const struct
  {
    const char        *dir;
    CsAnnotationFormat format;
  } dirs[] = {
    { "qupath-geojson", CS_ANNOTATION_FORMAT_GEOJSON },
    { "asap-xml", CS_ANNOTATION_FORMAT_ASAP },
    { "imagescope-xml", CS_ANNOTATION_FORMAT_IMAGESCOPE },
    { "histomicsui-json", CS_ANNOTATION_FORMAT_DSA },
  };
  g_autofree char *readme = cs_test_shared_annotation ("README.md");
  g_autofree char *root = NULL;
  guint n = 0;

  if (readme == NULL)
    {
      g_test_skip ("CS_SHARED_DIR/annotations is absent: needs the shared samples");
      return;
    }
  root = g_path_get_dirname (readme);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir_path = g_build_filename (root, dirs[i].dir, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autofree char *text = NULL;
          gsize len;

          g_assert_true (g_file_get_contents (path, &text, &len, NULL));
          g_test_message ("%s", name);
          g_assert_cmpint (cs_annotation_format_detect (text, len), ==, dirs[i].format);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 7);
}

static void
test_io_import_sample (void)
{
  g_autofree char *path = cs_test_shared_annotation ("qupath-geojson/dlup_qupath05.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = NULL;

  if (path == NULL)
    {
      g_test_skip ("CS_SHARED_DIR/annotations is absent: needs the shared samples");
      return;
    }
  result = cs_annotation_import_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, CS_ANNOTATION_FORMAT_GEOJSON);
  g_assert_cmpuint (result->annotations->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (g_hash_table_lookup (cs_annotation_get_extra (result->annotations->pdata[i]),
                                          "consilium.source"), ==, "geojson:dlup_qupath05.geojson");
}

static void
assert_no_temporary_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".tmp"));
}

/* Every shared sample imports through the file entry point with the right
 * format and count, and survives native export and import exactly. */
static void
test_io_import_every_sample (void)
{
  static const struct
  {
    const char        *path;
    CsAnnotationFormat format;
    guint              count;
  } samples[] = {
    { "qupath-geojson/dlup_qupath05.geojson", CS_ANNOTATION_FORMAT_GEOJSON, 3 },
    { "qupath-geojson/qupath_test_polygon_multipolygon_holes.geojson",
      CS_ANNOTATION_FORMAT_GEOJSON, 1 },
    { "asap-xml/camelyon16_tumor_031_tissue.xml", CS_ANNOTATION_FORMAT_ASAP, 10 },
    { "asap-xml/pathml_2_HE_spline.xml", CS_ANNOTATION_FORMAT_ASAP, 4 },
    { "imagescope-xml/CMU-1-Small-Region.imagescope.xml", CS_ANNOTATION_FORMAT_IMAGESCOPE, 1 },
    { "histomicsui-json/large_image_sample_annotation.json", CS_ANNOTATION_FORMAT_DSA, 2 },
    { "histomicsui-json/histomicstk_plugin_test_annotation1.json", CS_ANNOTATION_FORMAT_DSA, 1 },
  };
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "native.geojson", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = cs_test_shared_annotation (samples[i].path);
      g_autofree char *base = g_path_get_basename (samples[i].path);
      g_autofree char *source = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CsAnnotationImport) result = NULL;
      g_autoptr(CsAnnotationImport) again = NULL;

      if (path == NULL)
        {
          g_test_skip ("CS_SHARED_DIR/annotations is absent: needs the shared samples");
          return;
        }
      g_test_message ("%s", samples[i].path);
      result = cs_annotation_import_file (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (result->format, ==, samples[i].format);
      g_assert_cmpuint (result->annotations->len, ==, samples[i].count);
      source = g_strdup_printf ("%s:%s", cs_annotation_format_to_string (samples[i].format), base);
      g_assert_cmpstr (g_hash_table_lookup (cs_annotation_get_extra (result->annotations->pdata[0]),
                                            "consilium.source"), ==, source);
      g_assert_true (cs_annotation_export_file (result->annotations, CS_ANNOTATION_FORMAT_GEOJSON,
                                                NULL, out, &error));
      g_assert_no_error (error);
      again = cs_annotation_import_file (out, NULL, &error);
      g_assert_no_error (error);
      cs_test_assert_annotations_equal (result->annotations, again->annotations);
    }
  cs_test_remove_tree (dir);
}

/* The XML writers are reached through the same atomic export. */
static void
test_io_export_xml (void)
{
  static const CsAnnotationFormat formats[] = { CS_ANNOTATION_FORMAT_ASAP,
                                                CS_ANNOTATION_FORMAT_IMAGESCOPE };
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (dir, i ? "scope.xml" : "asap.xml", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CsAnnotationImport) result = NULL;

      g_assert_true (cs_annotation_export_file (annotations, formats[i], NULL, path, &error));
      g_assert_no_error (error);
      result = cs_annotation_import_file (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (result->format, ==, formats[i]);
      g_assert_cmpuint (result->annotations->len, >, 0);
    }
  assert_no_temporary_files (dir);
  cs_test_remove_tree (dir);
}

/* Export then import: equal, apart from the import's provenance mark;
 * the temporary ruler is not written. */
static void
test_io_export_round_trip (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.geojson", NULL);
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotation) ruler = cs_annotation_copy (annotations->pdata[5]);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = NULL;
  CsAnnotationExport context = { .slide_sha256 = "00ff" };

  cs_annotation_set_id (ruler, "a-temporary-ruler");
  cs_annotation_set_temporary (ruler, TRUE);
  g_ptr_array_add (annotations, g_object_ref (ruler));
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (cs_annotation_export_file (annotations, CS_ANNOTATION_FORMAT_GEOJSON, &context,
                                            path, &error));
  g_assert_no_error (error);
  assert_no_temporary_files (dir);
  g_ptr_array_remove (annotations, ruler);
  result = cs_annotation_import_file (path, NULL, &error);
  g_assert_no_error (error);
  /* The last one had no consilium.source: the import added one. */
  g_assert_cmpstr (g_hash_table_lookup (cs_annotation_get_extra (result->annotations->pdata[8]),
                                        "consilium.source"), ==, "geojson:out.geojson");
  cs_annotation_set_extra (result->annotations->pdata[8], "consilium.source", NULL);
  cs_test_assert_annotations_equal (annotations, result->annotations);
  cs_test_remove_tree (dir);
}

/* A file exported from a slide, imported back into it: every id is taken,
 * so each annotation gets a fresh one, and a parent reference follows its
 * parent; an id the list lacks is kept. */
static void
test_io_prepare_for (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.geojson", NULL);
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationImport) result = NULL;
  g_autoptr(CsAnnotation) outsider = cs_annotation_copy (annotations->pdata[0]);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationList) empty = cs_annotation_list_new ();
  CsAnnotation *child;
  guint n;

  g_assert_true (cs_annotation_export_file (annotations, CS_ANNOTATION_FORMAT_GEOJSON, NULL,
                                            path, &error));
  g_assert_no_error (error);
  cs_annotation_list_add_many (list, annotations, "Draw");
  result = cs_annotation_import_file (path, NULL, &error);
  g_assert_no_error (error);
  n = result->annotations->len;
  child = result->annotations->pdata[1];
  cs_annotation_set_extra (child, "consilium.parentId",
                           cs_annotation_get_id (result->annotations->pdata[0]));
  cs_annotation_set_id (outsider, "not-listed");
  g_ptr_array_add (result->annotations, g_object_ref (outsider));

  g_assert_cmpuint (cs_annotation_import_prepare_for (result, list), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_null (cs_annotation_list_lookup (list,
                                              cs_annotation_get_id (result->annotations->pdata[i])));
  g_assert_cmpstr (g_hash_table_lookup (cs_annotation_get_extra (child), "consilium.parentId"), ==,
                   cs_annotation_get_id (result->annotations->pdata[0]));
  g_assert_cmpstr (cs_annotation_get_id (outsider), ==, "not-listed");

  cs_annotation_list_add_many (list, result->annotations, "Import Annotations");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * n + 1);
  /* Into another slide's list, nothing is renamed. */
  g_clear_pointer (&result, cs_annotation_import_free);
  result = cs_annotation_import_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cs_annotation_import_prepare_for (result, empty), ==, 0);
  g_assert_cmpstr (cs_annotation_get_id (result->annotations->pdata[0]), ==,
                   cs_annotation_get_id (annotations->pdata[0]));
  cs_test_remove_tree (dir);
}

/* 50,000 features (2,000 under CS_TEST_LIGHT), each with its own bad
 * time: three values listed, the rest counted, not 50,000 lines compared
 * with each other. */
static void
test_io_warnings_counted (void)
{
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CsAnnotationImport) result = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = cs_test_workload (50000, 2000);
  g_autofree char *count = g_strdup_printf ("(and %'u more like it)", n - 3);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                            "\"coordinates\":[%u,1]},\"properties\":{\"metadata\":"
                            "{\"consilium.created\":\"bad-%u\"}}}", i > 0 ? "," : "", i, i);
  g_string_append (json, "]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  result = cs_annotation_import_bytes (bytes, "bad-times.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations->len, ==, n);
  g_assert_cmpuint (result->warnings->len, ==, 3);
  for (guint i = 0; i < result->warnings->len; i++)
    g_test_message ("%s", (const char *) result->warnings->pdata[i]);
  g_assert_nonnull (strstr (result->warnings->pdata[0], "bad-0"));
  g_assert_null (strstr (result->warnings->pdata[0], "more like it"));
  g_assert_nonnull (strstr (result->warnings->pdata[2], "bad-2"));
  g_assert_nonnull (strstr (result->warnings->pdata[2], count));
}

/* A message seen again is counted on its line; past 20 lines, one last
 * line counts the rest. */
static void
test_io_warnings_bounded (void)
{
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_ASAP);
  g_autofree char *more = g_strdup_printf ("…and %'u more problems", 11);

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *message = g_strdup_printf ("Problem %u", i);

      cs_annotation_import_warn (result, "%s", message);
    }
  cs_annotation_import_warn (result, "%s", "Problem 29");
  cs_annotation_import_warn (result, "%s", "Problem 3");
  g_assert_cmpuint (result->warnings->len, ==, 21);
  g_assert_cmpstr (result->warnings->pdata[0], ==, "Problem 0");
  g_assert_cmpstr (result->warnings->pdata[3], ==, "Problem 3 (and 1 more like it)");
  g_assert_cmpstr (result->warnings->pdata[20], ==, more);
}

static void
test_io_export_errors (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing", "out.geojson", NULL);
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(GError) error = NULL;

  g_assert_false (cs_annotation_export_file (annotations, CS_ANNOTATION_FORMAT_GEOJSON, NULL,
                                             path, &error));
  g_assert_nonnull (strstr (error->message, "out.geojson"));
  g_clear_error (&error);
  g_assert_false (cs_annotation_export_file (annotations, CS_ANNOTATION_FORMAT_DSA, NULL,
                                             path, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_UNKNOWN_FORMAT);
  cs_test_remove_tree (dir);
}

static void
test_io_import_errors (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "nothing.geojson", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);
  int fd;

  g_assert_null (cs_annotation_import_file (missing, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "nothing.geojson"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "just some text", -1, NULL));
  g_assert_null (cs_annotation_import_file (text, NULL, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_UNKNOWN_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "notes.txt"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (bad, "{\"type\":\"Feature\",\n\"geometry\":", -1, NULL));
  g_assert_null (cs_annotation_import_file (bad, NULL, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "bad.json, line 2:"));
  g_clear_error (&error);

  /* A sparse file just over the limit: refused before reading. */
  fd = g_open (huge, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (G_GINT64_CONSTANT (2) << 30) + 1), ==, 0);
  close (fd);
  g_assert_null (cs_annotation_import_file (huge, NULL, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.geojson"));
  g_clear_error (&error);

  g_assert_null (cs_annotation_import_bytes (bytes, "empty.xml", &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_UNKNOWN_FORMAT);
  cs_test_remove_tree (dir);
}

/* Numbers within ±1e9 may build a shape beyond it (a rectangle's
 * corners, a circle's radius): refused, naming the annotation. */
static void
test_io_import_extent (void)
{
  static const char *const files[][3] = {
    { "big.geojson",
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
      "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]},"
      "\"properties\":{\"name\":\"Wide\",\"consilium\":{\"shape\":\"rectangle\","
      "\"center\":[900000000,900000000],\"width\":900000000,\"height\":900000000,"
      "\"rotation\":0}}}]}",
      "annotation 1 “Wide” (rectangle)" },
    { "big.json",
      "{\"name\":\"x\",\"elements\":[{\"type\":\"point\",\"center\":[1,1,0]},"
      "{\"type\":\"circle\",\"center\":[5,5,0],\"radius\":1000000000}]}",
      "annotation 2 (ellipse)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (files[i][1], strlen (files[i][1]));
      g_autoptr(GError) error = NULL;
      g_autoptr(CsAnnotationImport) import = cs_annotation_import_bytes (bytes, files[i][0],
                                                                         &error);

      g_assert_null (import);
      g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, files[i][0]));
      g_assert_nonnull (strstr (error->message, files[i][2]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/annotation-io/detect", test_io_detect);
  g_test_add_func ("/cs/annotation-io/detect-samples", test_io_detect_samples);
  g_test_add_func ("/cs/annotation-io/import-sample", test_io_import_sample);
  g_test_add_func ("/cs/annotation-io/import-every-sample", test_io_import_every_sample);
  g_test_add_func ("/cs/annotation-io/export-round-trip", test_io_export_round_trip);
  g_test_add_func ("/cs/annotation-io/export-xml", test_io_export_xml);
  g_test_add_func ("/cs/annotation-io/export-errors", test_io_export_errors);
  g_test_add_func ("/cs/annotation-io/prepare-for", test_io_prepare_for);
  g_test_add_func ("/cs/annotation-io/warnings-counted", test_io_warnings_counted);
  g_test_add_func ("/cs/annotation-io/warnings-bounded", test_io_warnings_bounded);
  g_test_add_func ("/cs/annotation-io/import-errors", test_io_import_errors);
  g_test_add_func ("/cs/annotation-io/import-extent", test_io_import_extent);

  return g_test_run ();
}
