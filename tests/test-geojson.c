/* test-geojson.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-geojson.h"
#include "cs-geojson-private.h"
#include "cs-test-annotation-set.h"
#include "cs-test-utils.h"

static GBytes *
write_native (GPtrArray  *annotations,
              GHashTable *class_colors)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  CsAnnotationExport context = { .slide_sha256 = "abc123", .class_colors = class_colors };

  g_assert_true (cs_geojson_write (out, annotations, &context, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static CsAnnotationImport *
read_text (const char *text,
           gssize      len,
           GError    **error)
{
  gssize n = len < 0 ? (gssize) strlen (text) : len;
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (text, n, NULL);
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (CS_ANNOTATION_FORMAT_UNKNOWN);

  if (!cs_geojson_read (in, "test.geojson", result, NULL, error))
    {
      g_assert_cmpuint (result->annotations->len, ==, 0);
      g_assert_cmpuint (g_hash_table_size (result->class_colors), ==, 0);
      return NULL;
    }
  g_assert_cmpint (result->format, ==, CS_ANNOTATION_FORMAT_GEOJSON);
  return g_steal_pointer (&result);
}

static CsAnnotationImport *
read_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  CsAnnotationImport *result = read_text (data, len, &error);

  g_assert_no_error (error);
  return result;
}

/* Native -> file -> native keeps every field of every shape exactly. */
static void
test_geojson_round_trip_every_shape (void)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CsAnnotationImport) result = NULL;

  g_hash_table_insert (colors, (gpointer) "Tumour", GUINT_TO_POINTER (0xC80000));
  bytes = write_native (annotations, colors);
  result = read_bytes (bytes);
  cs_test_assert_annotations_equal (annotations, result->annotations);
  g_assert_cmphex (GPOINTER_TO_UINT (g_hash_table_lookup (result->class_colors, "Tumour")), ==,
                   0xC80000);
  g_assert_true (g_hash_table_contains (result->class_colors, "Stroma: \"fibrous\""));
  g_assert_nonnull (cs_annotation_get_params (result->annotations->pdata[1]));
}

/* Ids that are not UUIDs survive only in our own files. */
static void
test_geojson_foreign_ids (void)
{
  const char *text = "{\"type\":\"FeatureCollection\",\"features\":["
                     "{\"type\":\"Feature\",\"id\":\"abc\",\"geometry\":"
                     "{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = read_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (cs_annotation_get_id (result->annotations->pdata[0])));
}

/* The journal's unit: one line, every field, the temporary flag too. */
static void
test_geojson_feature_line (void)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();

  cs_annotation_set_temporary (annotations->pdata[5], TRUE);
  for (guint i = 0; i < annotations->len; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CsAnnotation) back = NULL;

      cs_geojson_append_feature (line, annotations->pdata[i], NULL);
      g_assert_null (strchr (line->str, '\n'));
      back = cs_geojson_parse_feature (line->str, line->len, &error);
      g_assert_no_error (error);
      g_assert_true (cs_annotation_equal (annotations->pdata[i], back));
    }
}

static void
test_geojson_native_layout (void)
{
  g_autoptr(GPtrArray) annotations = cs_test_annotations_every_shape ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CsAnnotationImport) result = NULL;
  const char *text;

  cs_annotation_set_temporary (annotations->pdata[0], TRUE);
  bytes = write_native (annotations, NULL);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_true (g_str_has_prefix (text, "{\"type\":\"FeatureCollection\",\"consilium\":"
                                         "{\"format\":1,\"slide_sha256\":\"abc123\"}"));
  g_assert_nonnull (strstr (text, "\"isEllipse\":true"));
  g_assert_nonnull (strstr (text, "\"isLocked\":true"));
  g_assert_null (strstr (text, "\"isLocked\":false"));
  g_assert_nonnull (strstr (text, "\"plane\":{\"c\":-1,\"z\":3,\"t\":1}"));
  g_assert_nonnull (strstr (text, "\"measurements\":{\"Area µm^2\":12345.678,\"Hex\":\"0x10\","
                                  "\"Odd\":\"NaN\",\"Plus\":\"+5\"}"));
  g_assert_nonnull (strstr (text, "\"consilium.created\":\"2026-08-09T"));
  /* Shortest exact numbers; -0 kept. */
  g_assert_nonnull (strstr (text, "[[0.1,0.2],[1000.3333333333333,-0],"));
  result = read_bytes (bytes);
  g_assert_cmpuint (result->annotations->len, ==, annotations->len - 1);
}

/* Reads a shared sample, or skips the test when the samples are absent. */
static CsAnnotationImport *
read_sample (const char *relative)
{
  g_autofree char *path = cs_test_shared_annotation (relative);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  CsAnnotationImport *result;

  if (path == NULL)
    {
      g_test_skip ("CS_SHARED_DIR/annotations is absent: needs the shared samples");
      return NULL;
    }
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  result = read_text (text, -1, &error);
  g_assert_no_error (error);
  return result;
}

/* Our writer, then our reader, give the same annotations back. */
static void
assert_round_trip (CsAnnotationImport *result)
{
  g_autoptr(GBytes) bytes = write_native (result->annotations, result->class_colors);
  g_autoptr(CsAnnotationImport) again = read_bytes (bytes);

  cs_test_assert_annotations_equal (result->annotations, again->annotations);
}

static void
test_geojson_sample_dlup (void)
{
  g_autoptr(CsAnnotationImport) result = read_sample ("qupath-geojson/dlup_qupath05.geojson");
  CsAnnotation *first;

  if (result == NULL)
    return;
  g_assert_cmpuint (result->annotations->len, ==, 3);
  first = result->annotations->pdata[0];
  g_assert_cmpstr (cs_annotation_get_id (first), ==, "6423a977-ffff-48db-affc-cd11632010f0");
  for (guint i = 0; i < 3; i++)
    {
      CsAnnotation *a = result->annotations->pdata[i];

      g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POLYGON);
      g_assert_nonnull (cs_annotation_get_name (a));
      g_assert_cmphex (cs_annotation_get_color (a), !=, CS_COLOR_UNSET);
      g_assert_cmpuint (cs_geometry_get_n_parts (cs_annotation_get_geometry (a)), ==, 1);
      g_assert_null (cs_annotation_get_extra (a));
    }
  assert_round_trip (result);
}

static void
test_geojson_sample_multipolygon (void)
{
  g_autoptr(CsAnnotationImport) result =
    read_sample ("qupath-geojson/qupath_test_polygon_multipolygon_holes.geojson");
  CsGeometry *geometry;

  if (result == NULL)
    return;
  g_assert_cmpuint (result->annotations->len, ==, 1);
  geometry = cs_annotation_get_geometry (result->annotations->pdata[0]);
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[0]), ==, CS_SHAPE_POLYGON);
  g_assert_cmpuint (cs_geometry_get_n_parts (geometry), ==, 3);
  g_assert_cmpuint (cs_geometry_get_n_rings (geometry, 0), ==, 27);
  assert_round_trip (result);
}

/* Synthetic, as QuPath 0.4-0.7 writes it (no public sample has these). */
static const char qupath_04[] =
  "{\"type\":\"FeatureCollection\",\"features\":[\n"
  "{\"type\":\"Feature\",\"id\":\"0b8a3c56-8d1e-4c53-9d0f-1a2b3c4d5e6f\",\n"
  " \"geometry\":{\"type\":\"Polygon\",\"plane\":{\"c\":-1,\"z\":2,\"t\":0},\n"
  "   \"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]},\n"
  " \"properties\":{\"objectType\":\"annotation\",\"name\":\"Focus\",\n"
  "   \"classification\":{\"name\":\"Tumor\",\"color\":[200,0,0]},\"isLocked\":true,\n"
  "   \"measurements\":{\"Area µm^2\":12.5,\"Bad\":\"NaN\"},\n"
  "   \"metadata\":{\"ANNOTATION_DESCRIPTION\":\"cribriform\",\"k1\":\"v1\"},\n"
  "   \"metadata\":{\"ANNOTATION_DESCRIPTION\":\"cribriform\",\"k2\":7},\n"
  "   \"childObjects\":[{\"type\":\"Feature\",\n"
  "     \"geometry\":{\"type\":\"Point\",\"coordinates\":[5,5]},\n"
  "     \"properties\":{\"object_type\":\"detection\",\n"
  "       \"classification\":{\"names\":[\"Tumor\",\"Positive\"],\"color\":[1,2,3]}}}]}},\n"
  "{\"type\":\"Feature\",\"id\":\"1b8a3c56-8d1e-4c53-9d0f-1a2b3c4d5e6f\",\n"
  " \"geometry\":{\"type\":\"Polygon\",\"isEllipse\":true,\n"
  "   \"coordinates\":[[[0,5],[5,0],[10,5],[5,10],[0,5]]]},\n"
  " \"properties\":{\"objectType\":\"annotation\",\"classification\":\"Stroma\"}},\n"
  "{\"type\":\"Feature\",\"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":[\n"
  "   {\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]},\n"
  "   {\"type\":\"MultiPoint\",\"coordinates\":[[2,2],[3,3,0]]}]},\n"
  " \"properties\":{\"name\":\"pair\"}}\n"
  "]}";

static void
test_geojson_qupath_04 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = read_text (qupath_04, -1, &error);
  CsAnnotation *a, *child, *ellipse;
  GHashTable *extra;

  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations->len, ==, 5);
  a = result->annotations->pdata[0];
  child = result->annotations->pdata[1];
  ellipse = result->annotations->pdata[2];
  extra = cs_annotation_get_extra (a);
  g_assert_cmpstr (cs_annotation_get_name (a), ==, "Focus");
  g_assert_cmpstr (cs_annotation_get_class_name (a), ==, "Tumor");
  g_assert_cmphex (GPOINTER_TO_UINT (g_hash_table_lookup (result->class_colors, "Tumor")), ==,
                   0xC80000);
  g_assert_true (cs_annotation_get_locked (a));
  g_assert_cmpstr (cs_annotation_get_comment (a), ==, "cribriform");
  g_assert_cmpstr (g_hash_table_lookup (extra, "k1"), ==, "v1");
  g_assert_cmpstr (g_hash_table_lookup (extra, "k2"), ==, "7");
  g_assert_cmpstr (g_hash_table_lookup (extra, "plane"), ==, "{\"c\":-1,\"z\":2,\"t\":0}");
  g_assert_cmpstr (g_hash_table_lookup (extra, "measurement:Area µm^2"), ==, "12.5");
  g_assert_cmpstr (g_hash_table_lookup (extra, "measurement:Bad"), ==, "NaN");
  g_assert_cmpuint (cs_geometry_get_n_points (cs_annotation_get_geometry (a)), ==, 4);
  g_assert_cmpstr (cs_annotation_get_class_name (child), ==, "Tumor: Positive");
  g_assert_cmpint (cs_annotation_get_shape (child), ==, CS_SHAPE_POINTS);
  g_assert_cmpstr (g_hash_table_lookup (cs_annotation_get_extra (child), "consilium.parentId"), ==,
                   cs_annotation_get_id (a));
  g_assert_cmpstr (g_hash_table_lookup (cs_annotation_get_extra (child), "qupath.objectType"), ==,
                   "detection");
  g_assert_cmpint (cs_annotation_get_shape (ellipse), ==, CS_SHAPE_ELLIPSE);
  g_assert_cmpfloat (cs_annotation_get_params (ellipse)->width, ==, 10);
  g_assert_cmpstr (cs_annotation_get_class_name (ellipse), ==, "Stroma");
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[3]), ==, CS_SHAPE_LINE);
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[4]), ==, CS_SHAPE_POINTS);
  g_assert_cmpstr (cs_annotation_get_name (result->annotations->pdata[4]), ==, "pair");
}

/* Synthetic, as QuPath 0.2 wrote it: a bare array, the class in "id",
 * packed colours, measurements as a list. */
static void
test_geojson_qupath_02 (void)
{
  const char *text =
    "[{\"type\":\"Feature\",\"id\":\"PathAnnotationObject\",\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[1,1],[4,1],[4,4],[1,1]]]},\"properties\":{\"classification\":"
    "{\"name\":\"Tumor\",\"colorRGB\":-3670016},\"color\":-16711936,\"isLocked\":false,"
    "\"measurements\":[{\"name\":\"Area\",\"value\":4.5}]}},"
    "{\"type\":\"Feature\",\"id\":\"PathDetectionObject\",\"geometry\":{\"type\":\"Point\","
    "\"coordinates\":[1,2]},\"properties\":{}}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = read_text (text, -1, &error);
  CsAnnotation *a;

  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations->len, ==, 2);
  a = result->annotations->pdata[0];
  g_assert_true (g_uuid_string_is_valid (cs_annotation_get_id (a)));
  g_assert_cmphex (GPOINTER_TO_UINT (g_hash_table_lookup (result->class_colors, "Tumor")), ==,
                   0xC80000);
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0x00FF00);
  g_assert_false (cs_annotation_get_locked (a));
  g_assert_cmpstr (g_hash_table_lookup (cs_annotation_get_extra (a), "measurement:Area"), ==,
                   "4.5");
  g_assert_cmpstr (g_hash_table_lookup (cs_annotation_get_extra (result->annotations->pdata[1]),
                                        "qupath.objectType"), ==, "detection");
}

typedef struct
{
  const char *name;
  const char *text;
  const char *expected; /* in the message */
} Malformed;

static void
check_malformed (const char *text,
                 gssize      len,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = read_text (text, len, &error);

  g_assert_null (result);
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "test.geojson, line "));
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, expected);
}

static void
test_geojson_malformed (void)
{
#define POINT_FEATURE(props) \
  "[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}," props "}]"
  static const Malformed cases[] = {
    { "truncated",
      "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\n"
      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,", "line 3:" },
    { "string coordinate", "{\"type\":\"Point\",\n\n\"coordinates\":[\"1\",2]}",
      "line 3: a coordinate must be a number" },
    { "huge number", "{\"type\":\"Point\",\"coordinates\":\n[1e400,2]}",
      "line 2: the number 1e400 is out of range" },
    { "absurd coordinate", "{\"type\":\"Point\",\"coordinates\":[1e10,2]}", "line 1: coordinate" },
    { "NaN", "{\"type\":\"Point\",\"coordinates\":[NaN,2]}", "line 1: not valid JSON" },
    { "empty", "", "line 1: the file holds no JSON value" },
    { "blank", "  \n\n ", "line 3: the file holds no JSON value" },
    { "wrong type", POINT_FEATURE ("\n\"properties\":{\"isLocked\":\"yes\"}"),
      "line 2: “isLocked” must be a boolean" },
    { "huge colour", POINT_FEATURE ("\"properties\":{\"color\":1e300}"),
      "line 1: a colour must be" },
    { "bad class", POINT_FEATURE ("\"properties\":{\"classification\":5}"),
      "line 1: “classification” must be" },
    { "unknown geometry", "{\"type\":\"Circle\",\"coordinates\":[1,2]}", "line 1:" },
    { "not geojson", "{\"a\":1}", "line 1: not GeoJSON" },
    { "scalar", "42", "line 1: expected a GeoJSON object" },
    { "trailing garbage", "{\"type\":\"Point\",\"coordinates\":[1,2]} x", "not valid JSON" },
    { "features not array", "{\"type\":\"FeatureCollection\",\"features\":{}}",
      "“features” must be an array" },
  };
#undef POINT_FEATURE
  g_autoptr(GString) deep = g_string_new (NULL);
  guchar garbage[4096];
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %s", cases[i].name);
      check_malformed (cases[i].text, -1, cases[i].expected);
    }
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  check_malformed (deep->str, deep->len, "line 1: nested more than 64 levels deep");
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = g_rand_int_range (rand, 0, 256);
  garbage[0] = 0x8F;
  check_malformed ((const char *) garbage, sizeof garbage, "not valid JSON");
  g_rand_free (rand);
}

/* A valid feature after a bad one: nothing is returned. */
static void
test_geojson_all_or_nothing (void)
{
  const char *text =
    "[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},\n"
    " {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,\"x\"]}}]";

  check_malformed (text, -1, "line 2:");
}

static void
append_polygon_feature (GString *text,
                        guint    n_points)
{
  g_string_append (text, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                         "\"coordinates\":[[");
  for (guint i = 0; i < n_points; i++)
    g_string_append_printf (text, "%s[%u,%u]", i ? "," : "", i, i % 7);
  g_string_append (text, "]]}}");
}

/* A hostile file cannot make one Feature exhaust memory; the limit is per
 * Feature, so many small ones are fine. */
static void
test_geojson_value_limit (void)
{
  g_autoptr(GString) big = g_string_new ("[\n");
  g_autoptr(GString) many = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = NULL;

  _cs_geojson_set_max_values (1000);
  append_polygon_feature (big, 600);
  g_string_append_c (big, ']');
  g_assert_null (read_text (big->str, big->len, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "test.geojson, line 2: "));
  g_clear_error (&error);
  for (guint i = 0; i < 50; i++)
    {
      if (i > 0)
        g_string_append_c (many, ',');
      append_polygon_feature (many, 100);
    }
  g_string_append_c (many, ']');
  result = read_text (many->str, many->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations->len, ==, 50);
  _cs_geojson_set_max_values (0);
}

static void
test_geojson_many_polygons (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationImport) result = NULL;
  g_autoptr(CsAnnotationImport) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const guint n = cs_test_workload (100000, 5000);
  CsAnnotation *last;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                            "\"coordinates\":[[[%u,0],[%u,10],[%u,10],[%u,0],[%u,0]]]},"
                            "\"properties\":{\"objectType\":\"annotation\"}}",
                            i ? "," : "", i, i, i + 5, i + 5, i);
  g_string_append (text, "]}");
  result = read_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->annotations->len, ==, n);
  last = result->annotations->pdata[n - 1];
  g_assert_cmpuint (cs_geometry_get_n_points (cs_annotation_get_geometry (last)), ==, 4);
  /* And back through the streaming writer. */
  bytes = write_native (result->annotations, NULL);
  again = read_bytes (bytes);
  cs_test_assert_annotations_equal (result->annotations, again->annotations);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/geojson/round-trip/every-shape", test_geojson_round_trip_every_shape);
  g_test_add_func ("/cs/geojson/round-trip/feature-line", test_geojson_feature_line);
  g_test_add_func ("/cs/geojson/foreign-ids", test_geojson_foreign_ids);
  g_test_add_func ("/cs/geojson/native-layout", test_geojson_native_layout);
  g_test_add_func ("/cs/geojson/sample/dlup", test_geojson_sample_dlup);
  g_test_add_func ("/cs/geojson/sample/multipolygon", test_geojson_sample_multipolygon);
  g_test_add_func ("/cs/geojson/qupath-04", test_geojson_qupath_04);
  g_test_add_func ("/cs/geojson/qupath-02", test_geojson_qupath_02);
  g_test_add_func ("/cs/geojson/malformed", test_geojson_malformed);
  g_test_add_func ("/cs/geojson/all-or-nothing", test_geojson_all_or_nothing);
  g_test_add_func ("/cs/geojson/value-limit", test_geojson_value_limit);
  g_test_add_func ("/cs/geojson/many-polygons", test_geojson_many_polygons);

  return g_test_run ();
}
