/* test-dsa-json.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cs-dsa-json.h"
#include "cs-test-annotations.h"
#include "cs-test-utils.h"

#define LARGE_IMAGE "histomicsui-json/large_image_sample_annotation.json"
#define HISTOMICSTK "histomicsui-json/histomicstk_plugin_test_annotation1.json"

static CsAnnotationImport *
read_bytes (GBytes *bytes)
{
  return cs_test_read_bytes (cs_dsa_json_read, CS_ANNOTATION_FORMAT_DSA, bytes);
}

static CsAnnotationImport *
read_string (const char *text)
{
  return cs_test_read_string (cs_dsa_json_read, CS_ANNOTATION_FORMAT_DSA, text);
}

static const char *
extra (CsAnnotation *a,
       const char   *key)
{
  GHashTable *table = cs_annotation_get_extra (a);

  return table != NULL ? g_hash_table_lookup (table, key) : NULL;
}

static const CsPoint *
ring_of (CsAnnotation *a,
         guint         part,
         guint         ring,
         guint        *n)
{
  return cs_geometry_get_ring (cs_annotation_get_geometry (a), part, ring, n);
}

static void
test_dsa_large_image (void)
{
  g_autoptr(GBytes) bytes = cs_test_annotation_sample (LARGE_IMAGE);
  g_autoptr(CsAnnotationImport) result = NULL;
  const CsShapeParams *p;
  CsAnnotation *a;
  const CsPoint *ring;
  guint n;

  CS_TEST_SKIP_WITHOUT_SAMPLE (bytes, LARGE_IMAGE);
  result = read_bytes (bytes);
  g_assert_cmpuint (result->annotations->len, ==, 2);
  g_assert_cmpuint (result->warnings->len, ==, 0);

  a = result->annotations->pdata[0];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_RECTANGLE);
  p = cs_annotation_get_params (a);
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->cx, ==, 86609.34);
  g_assert_cmpfloat (p->cy, ==, 15840.20);
  g_assert_cmpfloat (p->width, ==, 3780.74);
  g_assert_cmpfloat (p->height, ==, 2452.37);
  g_assert_cmpfloat (p->rotation, ==, 0);
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0x000000);
  g_assert_cmpstr (extra (a, "dsa.annotation"), ==, "Sample");

  a = result->annotations->pdata[1];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POINTS);
  ring = ring_of (a, 0, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (ring[0].x, ==, 91462.99);
  g_assert_cmpfloat (ring[0].y, ==, 15738.01);
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0x000000);
}

/* A list of two documents, each one closed polyline of two points: the
 * first degenerate (one distinct point) is skipped, the second kept as a
 * line; both with a warning. */
static void
test_dsa_histomicstk_list (void)
{
  g_autoptr(GBytes) bytes = cs_test_annotation_sample (HISTOMICSTK);
  g_autoptr(CsAnnotationImport) result = NULL;
  CsAnnotation *a;
  const CsPoint *ring;
  guint n;

  CS_TEST_SKIP_WITHOUT_SAMPLE (bytes, HISTOMICSTK);
  result = read_bytes (bytes);
  g_assert_cmpuint (result->annotations->len, ==, 1);
  g_assert_cmpuint (result->warnings->len, ==, 2);
  g_assert_cmpuint (cs_test_count_warnings (result, "single distinct point"), ==, 1);
  g_assert_cmpuint (cs_test_count_warnings (result, "two distinct points"), ==, 1);
  a = result->annotations->pdata[0];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_LINE);
  ring = ring_of (a, 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (ring[0].x, ==, 8382);
  g_assert_cmpfloat (ring[1].y, ==, 12803);
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0xFF3600);
  g_assert_cmpstr (extra (a, "dsa.annotation"), ==, "classify-170630a-nuclei-class-1");
}

/* Synthetic: a server response wrapping a document with every element
 * type, holes, a rotated ellipse, CSS colours and pixel elements. */
static const char synthetic[] =
  "[{\"_id\": \"5f0000000000000000000001\", \"annotation\": {\"name\": \"Case 12\", "
  "\"elements\": [\n"
  "{\"type\": \"polyline\", \"closed\": true, \"group\": \"Tumour\", "
  "\"label\": {\"value\": \"T1\"},\n"
  " \"lineColor\": \"#f00\", \"points\": [[0,0,0],[100,0,0],[100,100,0],[0,100,0],[0,0,0]],\n"
  " \"holes\": [[[10,10,0],[20,10,0],[20,20,0]], [[50,50,0],[50,50,0],[50,50,0]]]},\n"
  "{\"type\": \"ellipse\", \"center\": [500.5, 600.25, 0], \"width\": 80, \"height\": 40,\n"
  " \"rotation\": 0.5, \"lineColor\": \"rgba(0, 128, 255, 0.5)\", \"group\": \"Stroma\"},\n"
  "{\"type\": \"circle\", \"center\": [10, 20, 0], \"radius\": 5, \"lineColor\": \"#11223344\"},\n"
  "{\"type\": \"arrow\", \"points\": [[1,2,0],[30,40,0]], \"lineColor\": \"#A0B0C0\", "
  "\"id\": \"0123456789abcdef01234567\"},\n"
  "{\"type\": \"polyline\", \"points\": [[1,1,0],[5,5,0],[9,1,0]], \"closed\": false},\n"
  "{\"type\": \"rectangle\", \"center\": [50, 60, 0], \"width\": 10, \"height\": 20, "
  "\"rotation\": -0.25},\n"
  "{\"type\": \"heatmap\", \"points\": [[1,1,0,0.5]]},\n"
  "{\"type\": \"pixelmap\", \"values\": [1]},\n"
  "{\"type\": \"squiggle\"},\n"
  "{\"type\": \"point\", \"center\": [7, 8], \"lineColor\": \"chartreuse\"}\n"
  "]}}]";

static void
test_dsa_synthetic (void)
{
  g_autoptr(CsAnnotationImport) result = read_string (
                                                              synthetic);
  CsAnnotation *a;
  const CsShapeParams *p;
  const CsPoint *ring;
  guint n;

  g_assert_cmpuint (result->annotations->len, ==, 7);

  a = result->annotations->pdata[0];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POLYGON);
  g_assert_cmpstr (cs_annotation_get_class_name (a), ==, "Tumour");
  g_assert_cmpstr (cs_annotation_get_name (a), ==, "T1");
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0xFF0000);
  g_assert_cmpstr (extra (a, "dsa.annotation"), ==, "Case 12");
  /* The repeated first point is dropped; the degenerate hole skipped. */
  ring_of (a, 0, 0, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (cs_geometry_get_n_rings (cs_annotation_get_geometry (a), 0), ==, 2);
  g_assert_false (cs_annotation_hit_test (a, 15, 12, 0));
  g_assert_true (cs_annotation_hit_test (a, 60, 60, 0));
  g_assert_cmpuint (cs_test_count_warnings (result, "Holes with fewer"), ==, 1);

  a = result->annotations->pdata[1];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_ELLIPSE);
  p = cs_annotation_get_params (a);
  g_assert_cmpfloat (p->cx, ==, 500.5);
  g_assert_cmpfloat (p->cy, ==, 600.25);
  g_assert_cmpfloat (p->width, ==, 80);
  g_assert_cmpfloat (p->height, ==, 40);
  g_assert_cmpfloat (p->rotation, ==, 0.5);
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0x0080FF);
  g_assert_cmpstr (cs_annotation_get_class_name (a), ==, "Stroma");

  a = result->annotations->pdata[2];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_ELLIPSE);
  p = cs_annotation_get_params (a);
  g_assert_cmpfloat (p->width, ==, 10);
  g_assert_cmpfloat (p->height, ==, 10);
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0x112233);

  /* Head first in the file; ours points at its last point. */
  a = result->annotations->pdata[3];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_ARROW);
  ring = ring_of (a, 0, 0, &n);
  g_assert_cmpfloat (ring[1].x, ==, 1);
  g_assert_cmpfloat (ring[1].y, ==, 2);
  g_assert_cmpfloat (ring[0].x, ==, 30);
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0xA0B0C0);
  g_assert_cmpstr (extra (a, "dsa.id"), ==, "0123456789abcdef01234567");

  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[4]), ==, CS_SHAPE_LINE);
  a = result->annotations->pdata[5];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_RECTANGLE);
  g_assert_cmpfloat (cs_annotation_get_params (a)->rotation, ==, -0.25);
  g_assert_cmphex (cs_annotation_get_color (a), ==, CS_COLOR_UNSET);

  a = result->annotations->pdata[6];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POINTS);
  g_assert_cmphex (cs_annotation_get_color (a), ==, CS_COLOR_UNSET);
  g_assert_cmpuint (cs_test_count_warnings (result, "heatmap"), ==, 1);
  g_assert_cmpuint (cs_test_count_warnings (result, "pixelmap"), ==, 1);
  g_assert_cmpuint (cs_test_count_warnings (result, "squiggle"), ==, 1);
  g_assert_cmpuint (cs_test_count_warnings (result, "not CSS colours"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (result->class_colors), ==, 0);
}

#define DOC(e) "{\"name\": \"x\", \"elements\": [\n" e "\n]}"

static void
reject (const char *text,
        int         code,
        const char *fragment)
        {
        cs_test_assert_rejected (cs_dsa_json_read, text, code, fragment);
}

static void
test_dsa_malformed (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);

  reject ("{\"name\": \"x\",\n \"elements\": [\n{\"type\": \"point\",",
          CS_ANNOTATION_ERROR_PARSE, "line 3: malformed JSON");
  reject (DOC ("{\"type\": \"point\", \"center\": [NaN, 1, 0]}"),
          CS_ANNOTATION_ERROR_PARSE, "line 2");
  reject (DOC ("{\"type\": \"point\", \"center\": [1e400, 1, 0]}"),
          CS_ANNOTATION_ERROR_INVALID, "element 1 (point, ending on line 2)");
  reject (DOC ("{\"type\": \"point\", \"center\": [1, 1, 0]},\n"
          "{\"type\": \"polyline\", \"points\": [[1, 1], "
          "[3e9, 1]]}"),
          CS_ANNOTATION_ERROR_INVALID, "element 2 (polyline, ending on line 3)");
  reject (DOC ("{\"type\": \"point\", \"center\": \"here\"}"),
          CS_ANNOTATION_ERROR_INVALID, "element 1");
  reject (DOC ("{\"type\": \"rectangle\", \"center\": [1, 1], \"width\": \"wide\", \"height\": 2}"),
          CS_ANNOTATION_ERROR_INVALID, "width");
  reject (DOC ("{\"type\": \"circle\", \"center\": [1, 1], \"radius\": -2}"),
          CS_ANNOTATION_ERROR_INVALID, "negative");
  reject (DOC ("{\"type\": \"polyline\", \"closed\": true, "
               "\"points\": [[0,0],[9,0],[9,9]], \"holes\": 3}"),
          CS_ANNOTATION_ERROR_INVALID, "holes");
  reject (DOC ("42"), CS_ANNOTATION_ERROR_INVALID, "element 1");
  reject (DOC ("{\"points\": []}"), CS_ANNOTATION_ERROR_INVALID, "type");
  /* GeoJSON and other JSON are not DSA documents. */
  reject ("{\"type\": \"FeatureCollection\", \"features\": []}",
          CS_ANNOTATION_ERROR_INVALID, "document 1");
  reject ("[" DOC ("") ", 7]", CS_ANNOTATION_ERROR_INVALID, "document 2");
  reject ("", CS_ANNOTATION_ERROR_INVALID, NULL);
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "[");
  reject (deep->str, CS_ANNOTATION_ERROR_TOO_LARGE, "line 1");
}

static void
test_dsa_all_or_nothing (void)
{
  g_autoptr(CsAnnotationImport) result = read_string (
                                                              DOC ("{\"type\": \"point\", "
                                                                   "\"center\": [1, 1]}"));
  g_autoptr(GError) error = NULL;
  const char *bad = "[" DOC ("{\"type\": \"point\", \"center\": [1, 1]}, "
                             "{\"type\": \"heatmap\"}") ","
                    DOC ("{\"type\": \"arrow\", \"points\": [[1, 1], [2, \"x\"]]}") "]";

  g_assert_false (cs_dsa_json_read (bad, strlen (bad), "bad.json", result, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "document 2, element 1 (arrow"));
  g_assert_cmpuint (result->annotations->len, ==, 1);
  g_assert_cmpuint (result->warnings->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/dsa-json/large-image-sample", test_dsa_large_image);
  g_test_add_func ("/cs/dsa-json/histomicstk-list", test_dsa_histomicstk_list);
  g_test_add_func ("/cs/dsa-json/synthetic/elements-holes-colours", test_dsa_synthetic);
  g_test_add_func ("/cs/dsa-json/malformed", test_dsa_malformed);
  g_test_add_func ("/cs/dsa-json/all-or-nothing", test_dsa_all_or_nothing);

  return g_test_run ();
}
