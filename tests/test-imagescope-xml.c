/* test-imagescope-xml.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "cs-imagescope-xml.h"
#include "cs-test-annotations.h"
#include "cs-test-utils.h"

#define CMU "imagescope-xml/CMU-1-Small-Region.imagescope.xml"

static CsAnnotationImport *
read_bytes (GBytes *bytes)
{
  return cs_test_read_bytes (cs_imagescope_xml_read, CS_ANNOTATION_FORMAT_IMAGESCOPE, bytes);
}

static const CsPoint *
ring_of (CsAnnotationImport *result,
         guint               index,
         guint               part,
         guint               ring,
         guint              *n)
{
  CsAnnotation *a = result->annotations->pdata[index];

  return cs_geometry_get_ring (cs_annotation_get_geometry (a), part, ring, n);
}

static void
test_imagescope_cmu (void)
{
  g_autoptr(GBytes) bytes = cs_test_annotation_sample (CMU);
  g_autoptr(CsAnnotationImport) result = NULL;
  CsAnnotation *a;
  const CsPoint *ring;
  guint n;

  CS_TEST_SKIP_WITHOUT_SAMPLE (bytes, CMU);
  result = read_bytes (bytes);
  g_assert_cmpuint (result->annotations->len, ==, 1);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpfloat (result->microns_per_pixel, ==, 0.499);
  a = result->annotations->pdata[0];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POLYGON);
  /* 326 vertices, first == last: closed implicitly. */
  g_assert_cmpuint (cs_geometry_get_n_rings (cs_annotation_get_geometry (a), 0), ==, 1);
  ring = ring_of (result, 0, 0, 0, &n);
  g_assert_cmpuint (n, ==, 325);
  g_assert_cmpfloat (ring[0].x, ==, 1169);
  g_assert_cmpfloat (ring[0].y, ==, 1850);
  g_assert_cmpfloat (ring[n - 1].x, ==, 1169);
  g_assert_cmpfloat (ring[n - 1].y, ==, 1834);
  /* LineColor 65280 = 0x00FF00, green in BGR as in RGB; no class. */
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0x00FF00);
  g_assert_null (cs_annotation_get_class_name (a));
  g_assert_null (cs_annotation_get_name (a));
}

/* Synthetic: region types, negative regions, BGR colours, classes from
 * layer names, attributes and region text, the <V> dialect. */
static const char synthetic[] =
  "<Annotations MicronsPerPixel=\"0.25\">\n"
  "<Annotation Id=\"1\" Name=\"Tumour\" LineColor=\"255\" Type=\"4\">\n"             /* 2 */
  "<Attributes><Attribute Name=\"Description\" Id=\"0\" Value=\"\"/></Attributes>\n"
  "<Regions><RegionAttributeHeaders><AttributeHeader Id=\"9999\" Name=\"Region\"/>"
  "</RegionAttributeHeaders>\n"
  "<Region Id=\"1\" Type=\"0\" Text=\"A\" NegativeROA=\"0\"><Vertices>\n"               /* 5 */
  "<Vertex X=\"0\" Y=\"0\" Z=\"0\"/><Vertex X=\"100\" Y=\"0\"/><Vertex X=\"100\" Y=\"100\"/>"
  "<Vertex X=\"0\" Y=\"100\"/><Vertex X=\"0\" Y=\"0\"/></Vertices></Region>\n"
  "<Region Id=\"2\" Type=\"0\" Text=\"B\" NegativeROA=\"0\"><Vertices>\n"
  "<Vertex X=\"200\" Y=\"0\"/><Vertex X=\"300\" Y=\"0\"/><Vertex X=\"300\" Y=\"100\"/>"
  "<Vertex X=\"200\" Y=\"100\"/>"
  "</Vertices></Region>\n"
  "<Region Id=\"3\" Type=\"0\" NegativeROA=\"1\"><Vertices>\n"                          /* 11 */
  "<Vertex X=\"10\" Y=\"10\"/><Vertex X=\"20\" Y=\"10\"/><Vertex X=\"20\" Y=\"20\"/>"
  "<Vertex X=\"10\" Y=\"10\"/>"
  "</Vertices></Region>\n"
  "<Region Id=\"4\" Type=\"0\" NegativeROA=\"1\"><Vertices>\n"
  "<Vertex X=\"250\" Y=\"50\"/><Vertex X=\"260\" Y=\"50\"/><Vertex X=\"260\" Y=\"60\"/>"
  "</Vertices></Region>\n"
  "<Region Id=\"5\" Type=\"0\" NegativeROA=\"1\"><Vertices>\n"
  "<Vertex X=\"5000\" Y=\"5000\"/><Vertex X=\"5010\" Y=\"5000\"/><Vertex X=\"5010\" Y=\"5010\"/>"
  "</Vertices></Region>\n"
  "</Regions><Plots/></Annotation>\n"
  "<Annotation Id=\"2\" Name=\"\" LineColor=\"16711680\">\n"
  "<Attributes><Attribute Name=\"Stroma\" Id=\"0\" Value=\"\"/></Attributes><Regions>\n"
  "<Region Type=\"1\"><Vertices><Vertex X=\"10\" Y=\"10\"/><Vertex X=\"30\" Y=\"10\"/>"
  "<Vertex X=\"30\" Y=\"20\"/><Vertex X=\"10\" Y=\"20\"/></Vertices></Region>\n"
  "<Region Type=\"1\"><Vertices><Vertex X=\"1\" Y=\"1\"/><Vertex X=\"9\" Y=\"2\"/>"
  "<Vertex X=\"8\" Y=\"9\"/>"
  "<Vertex X=\"3\" Y=\"8\"/><Vertex X=\"2\" Y=\"5\"/></Vertices></Region>\n"
  "<Region Type=\"2\"><Vertices><Vertex X=\"100\" Y=\"200\"/><Vertex X=\"140\" Y=\"220\"/>"
  "</Vertices></Region>\n"
  "<Region Type=\"2\"><Vertices><Vertex X=\"1\" Y=\"1\"/><Vertex X=\"9\" Y=\"2\"/>"
  "<Vertex X=\"8\" Y=\"9\"/></Vertices></Region>\n"
  "<Region Type=\"3\"><Vertices><Vertex X=\"50\" Y=\"60\"/><Vertex X=\"500\" Y=\"600\"/>"
  "</Vertices></Region>\n"
  "</Regions></Annotation>\n"
  "<Annotation><Regions>\n"
  "<Region Type=\"Polygon\" Text=\"Necrosis\"><Vertices><V X=\"1\" Y=\"1\"/><V X=\"2\" Y=\"1\"/>"
  "<V X=\"2\" Y=\"2\"/>"
  "</Vertices></Region>\n"
  "</Regions></Annotation>\n"
  "</Annotations>\n";

static void
test_imagescope_synthetic (void)
{
  g_autoptr(CsAnnotationImport) result = NULL;
  CsAnnotation *a;
  const CsShapeParams *p;
  const CsPoint *ring;
  guint n;

  result = cs_test_read_string (cs_imagescope_xml_read, CS_ANNOTATION_FORMAT_IMAGESCOPE,
                                synthetic);
  g_assert_cmpfloat (result->microns_per_pixel, ==, 0.25);
  g_assert_cmpuint (result->annotations->len, ==, 8);

  /* A: closed ring normalised, the first hole as ring 1 (closed too). */
  a = result->annotations->pdata[0];
  g_assert_cmpstr (cs_annotation_get_name (a), ==, "A");
  g_assert_cmpstr (cs_annotation_get_class_name (a), ==, "Tumour");
  g_assert_cmphex (cs_annotation_get_color (a), ==, CS_COLOR_UNSET);
  g_assert_cmpuint (cs_geometry_get_n_parts (cs_annotation_get_geometry (a)), ==, 1);
  g_assert_cmpuint (cs_geometry_get_n_rings (cs_annotation_get_geometry (a), 0), ==, 2);
  ring_of (result, 0, 0, 0, &n);
  g_assert_cmpuint (n, ==, 4);
  ring = ring_of (result, 0, 0, 1, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (ring[2].x, ==, 20);
  g_assert_false (cs_annotation_hit_test (a, 18, 12, 0));
  g_assert_true (cs_annotation_hit_test (a, 50, 50, 0));
  /* B: the second hole. */
  a = result->annotations->pdata[1];
  g_assert_cmpstr (cs_annotation_get_name (a), ==, "B");
  g_assert_cmpuint (cs_geometry_get_n_rings (cs_annotation_get_geometry (a), 0), ==, 2);
  /* The hole in no region: skipped with a warning. */
  g_assert_cmpuint (cs_test_count_warnings (result, "Negative regions"), ==, 1);
  /* 255 = red in BGR. */
  g_assert_cmphex (cs_test_class_color (result, "Tumour"), ==, 0xFF0000);
  /* 16711680 = blue; the class from the layer's first attribute. */
  g_assert_cmphex (cs_test_class_color (result, "Stroma"), ==, 0x0000FF);

  a = result->annotations->pdata[2];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_RECTANGLE);
  g_assert_cmpstr (cs_annotation_get_class_name (a), ==, "Stroma");
  p = cs_annotation_get_params (a);
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->cx, ==, 20);
  g_assert_cmpfloat (p->cy, ==, 15);
  g_assert_cmpfloat (p->width, ==, 20);
  g_assert_cmpfloat (p->height, ==, 10);
  /* Type 1 with 5 vertices, Type 2 with 3: only a hint, polygons. */
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[3]), ==, CS_SHAPE_POLYGON);
  a = result->annotations->pdata[4];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_ELLIPSE);
  p = cs_annotation_get_params (a);
  g_assert_cmpfloat (p->cx, ==, 120);
  g_assert_cmpfloat (p->cy, ==, 210);
  g_assert_cmpfloat (p->width, ==, 40);
  g_assert_cmpfloat (p->height, ==, 20);
  g_assert_cmpfloat (p->rotation, ==, 0);
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[5]), ==, CS_SHAPE_POLYGON);
  /* Arrow: head first in the file; ours points at its last point. */
  a = result->annotations->pdata[6];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_ARROW);
  ring = ring_of (result, 6, 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (ring[1].x, ==, 50);
  g_assert_cmpfloat (ring[1].y, ==, 60);
  g_assert_cmpfloat (ring[0].x, ==, 500);
  /* No name, no attribute, no colour: the region's text is the class. */
  a = result->annotations->pdata[7];
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POLYGON);
  g_assert_cmpstr (cs_annotation_get_class_name (a), ==, "Necrosis");
  g_assert_cmphex (cs_annotation_get_color (a), ==, CS_COLOR_UNSET);
  g_assert_false (g_hash_table_contains (result->class_colors, "Necrosis"));
}

static void
append_region (GString       *xml,
               gboolean       negative,
               const CsPoint *points,
               guint          n)
{
  g_string_append_printf (xml, "<Region Type=\"0\" NegativeROA=\"%d\"><Vertices>", negative);
  for (guint i = 0; i < n; i++)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (xml, "<Vertex X=\"%s\" Y=\"%s\"/>",
                              g_ascii_dtostr (x, sizeof x, points[i].x),
                              g_ascii_dtostr (y, sizeof y, points[i].y));
    }
  g_string_append (xml, "</Vertices></Region>\n");
}

static void
append_circle (GString *xml,
               double   cx,
               double   cy,
               double   r)
{
  CsPoint circle[400];

  for (guint i = 0; i < G_N_ELEMENTS (circle); i++)
    circle[i] = (CsPoint) { cx + r * cos (2 * G_PI * i / G_N_ELEMENTS (circle)),
                            cy + r * sin (2 * G_PI * i / G_N_ELEMENTS (circle)) };
  append_region (xml, FALSE, circle, G_N_ELEMENTS (circle));
}

/* Hole @i of @n: across each circle's whole height, near its outline
 * too; odd ones in the second circle. */
static CsPoint
hole_corner (guint i,
             guint n)
{
  double a = 2 * G_PI * i / n;
  double r = i % 7 == 0 ? 495 : 10 + (i * 37) % 470;

  return (CsPoint) { (i % 2 ? 3000 : 1000) + r * cos (a), 1000 + r * sin (a) };
}

/* Many holes in a foreign file, matched by where they fall: in two large
 * circles (their edges indexed by height), not in a square drawn inside
 * the first (the first region holding a hole owns it), in neither
 * (skipped, one warning). Each hole keeps its place among its owner's
 * rings. */
static void
test_imagescope_many_holes (void)
{
  g_autoptr(GString) xml = g_string_new ("<Annotations><Annotation Name=\"T\"><Regions>\n");
  const CsPoint square[4] = { { 900, 900 }, { 1100, 900 }, { 1100, 1100 }, { 900, 1100 } };
  g_autoptr(CsAnnotationImport) result = NULL;
  guint expected[3] = { 1, 1, 1 };
  const guint n_holes = 3000;

  append_circle (xml, 1000, 1000, 500);
  append_circle (xml, 3000, 1000, 500);
  append_region (xml, FALSE, square, 4);
  for (guint i = 0; i < n_holes; i++)
    {
      CsPoint c = hole_corner (i, n_holes);
      CsPoint hole[3] = { c, { c.x + 1, c.y }, { c.x, c.y + 1 } };
      expected[i % 2]++;
      append_region (xml, TRUE, hole, 3);
    }
  {
    /* In the first circle's bounds, outside the circle. */
    const CsPoint corner[3] = { { 520, 520 }, { 521, 520 }, { 520, 521 } };

    append_region (xml, TRUE, corner, 3);
  }
  g_string_append (xml, "</Regions></Annotation></Annotations>\n");

  result = cs_test_read_string (cs_imagescope_xml_read, CS_ANNOTATION_FORMAT_IMAGESCOPE,
                                xml->str);
  g_assert_cmpuint (result->annotations->len, ==, 3);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpuint (cs_geometry_get_n_rings (cs_annotation_get_geometry (
                        result->annotations->pdata[k]), 0), ==, expected[k]);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpuint (cs_test_count_warnings (result, "Negative regions"), ==, 1);
  /* The second circle's holes in file order: hole 1 first, hole 3 next. */
  {
    guint n;
    const CsPoint *first = ring_of (result, 1, 0, 1, &n);
    const CsPoint *second = ring_of (result, 1, 0, 2, &n);

    g_assert_cmpfloat_with_epsilon (first[0].x, hole_corner (1, n_holes).x, 1e-9);
    g_assert_cmpfloat_with_epsilon (first[0].y, hole_corner (1, n_holes).y, 1e-9);
    g_assert_cmpfloat_with_epsilon (second[0].x, hole_corner (3, n_holes).x, 1e-9);
    g_assert_cmpfloat_with_epsilon (second[0].y, hole_corner (3, n_holes).y, 1e-9);
  }
}

static void
test_imagescope_round_trip (void)
{
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shapes = cs_test_make_shapes (colors);
  CsAnnotationExport context = { .class_colors = colors, .microns_per_pixel = 0.2528 };
  g_autoptr(CsAnnotationImport) result = NULL;

  result = cs_test_round_trip (cs_imagescope_xml_write, cs_imagescope_xml_read,
                               CS_ANNOTATION_FORMAT_IMAGESCOPE, shapes, &context);
  g_assert_cmpuint (result->annotations->len, ==, shapes->len);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpfloat (result->microns_per_pixel, ==, 0.2528);
  g_assert_cmphex (cs_test_class_color (result, "Tumour"), ==, 0xC80000);
  g_assert_cmphex (cs_test_class_color (result, "Stroma"), ==, 0x00A0FF);
  /* Layers reorder annotations: match them by UUID. */
  for (guint i = 0; i < shapes->len; i++)
    {
      CsAnnotation *found = NULL;

      for (guint j = 0; j < result->annotations->len; j++)
        if (g_str_equal (cs_annotation_get_id (result->annotations->pdata[j]),
                         cs_annotation_get_id (shapes->pdata[i])))
          found = result->annotations->pdata[j];
      g_assert_nonnull (found);
      cs_test_assert_same (shapes->pdata[i], found, TRUE);
    }
}

/* What ImageScope reads: BGR colours, typed regions, negative regions. */
static void
test_imagescope_written (void)
{
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shapes = cs_test_make_shapes (colors);
  CsAnnotationExport context = { .class_colors = colors, .microns_per_pixel = 0.499 };
  g_autofree char *text = cs_test_write_string (cs_imagescope_xml_write, shapes, &context);
  guint n_layers = 0;

  g_assert_nonnull (strstr (text, "<Annotations MicronsPerPixel=\"0.499\">"));
  /* Tumour 0xC80000 as COLORREF 0x0000C8; Stroma 0x00A0FF as 0xFFA000. */
  g_assert_nonnull (strstr (text, "Name=\"Tumour\" ReadOnly=\"0\" NameReadOnly=\"0\" "
                                  "LineColorReadOnly=\"0\" "
                                  "Incremental=\"0\" Type=\"4\" LineColor=\"200\""));
  g_assert_nonnull (strstr (text, "LineColor=\"16752640\""));
  g_assert_nonnull (strstr (text, "Type=\"1\""));
  g_assert_nonnull (strstr (text, "Type=\"2\""));
  g_assert_nonnull (strstr (text, "Type=\"3\""));
  g_assert_nonnull (strstr (text, "NegativeROA=\"1\""));
  g_assert_nonnull (strstr (text, "<RegionAttributeHeaders/>"));
  /* Layers: Tumour, Stroma, Stroma in 0x123456, unclassified in 0xABCDEF,
   * unclassified without colour, Tumour in 0x00FF00; none empty. */
  for (const char *p = strstr (text, "<Annotation "); p != NULL; p = strstr (p + 1, "<Annotation "))
    n_layers++;
  g_assert_cmpuint (n_layers, ==, 6);
  g_assert_null (strstr (text, "<RegionAttributeHeaders/>\n    </Regions>"));
  g_assert_nonnull (strstr (text, "Text=\"Focus of invasion\""));
}

static void
test_imagescope_sample_round_trip (void)
{
  g_autoptr(GBytes) bytes = cs_test_annotation_sample (CMU);
  g_autoptr(CsAnnotationImport) first = NULL;
  g_autoptr(CsAnnotationImport) second = NULL;
  CsAnnotationExport context = { 0 };

  CS_TEST_SKIP_WITHOUT_SAMPLE (bytes, CMU);
  first = read_bytes (bytes);
  context.microns_per_pixel = first->microns_per_pixel;
  second = cs_test_round_trip (cs_imagescope_xml_write, cs_imagescope_xml_read,
                               CS_ANNOTATION_FORMAT_IMAGESCOPE, first->annotations, &context);
  g_assert_cmpuint (second->annotations->len, ==, 1);
  cs_test_assert_same (first->annotations->pdata[0], second->annotations->pdata[0], TRUE);
  g_assert_cmpfloat (second->microns_per_pixel, ==, 0.499);
}

#define HEAD "<Annotations>\n<Annotation LineColor=\"255\">\n<Regions>\n" \
             "<Region Type=\"0\">\n<Vertices>\n"
#define TAIL "</Vertices>\n</Region>\n</Regions>\n</Annotation>\n</Annotations>\n"

static void
reject (const char *text,
        int         code,
        const char *fragment)
        {
        cs_test_assert_rejected (cs_imagescope_xml_read, text, code, fragment);
}

static void
test_imagescope_malformed (void)
{
  g_autoptr(GString) deep = g_string_new ("<Annotations>");

  reject (HEAD "<Vertex X=\"1\" Y=\"2\"/>\n<Vertex X=\"3\"",
          CS_ANNOTATION_ERROR_PARSE, "truncated");
  reject (HEAD "<Vertex X=\"1\" Y=\"nan\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "line 6: <Vertex> Y=\"nan\"");
  reject (HEAD "<Vertex X=\"-2e9\" Y=\"1\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "line 6");
  reject (HEAD "<Vertex X=\"1\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "line 6");
  reject ("<Annotations>\n<Annotation LineColor=\"red\"/>\n</Annotations>",
          CS_ANNOTATION_ERROR_INVALID, "line 2");
  reject ("<!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\">"
          "<!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n"
          "<Annotations><Annotation Name=\"&b;\"/></Annotations>",
          CS_ANNOTATION_ERROR_PARSE, "document type");
  reject ("<Annotations>\n<Annotation>\n<Annotation/>\n</Annotation>\n</Annotations>",
          CS_ANNOTATION_ERROR_INVALID, "line 3");
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "<Regions>");
  reject (deep->str, CS_ANNOTATION_ERROR_TOO_LARGE, "nested");
}

static void
test_imagescope_copies_and_failure (void)
{
  cs_test_check_copies_and_failure (cs_imagescope_xml_write, cs_imagescope_xml_read,
                                    CS_ANNOTATION_FORMAT_IMAGESCOPE);
  cs_test_check_lone_colour (cs_imagescope_xml_write, cs_imagescope_xml_read,
                             CS_ANNOTATION_FORMAT_IMAGESCOPE);
}

/* Every property comes back: comment, author, institution, times to the
 * microsecond, locked, hidden and extra keys, in ConsiliumProperties. */
static void
test_imagescope_every_property (void)
{
  cs_test_check_every_property (cs_imagescope_xml_write, cs_imagescope_xml_read, CS_ANNOTATION_FORMAT_IMAGESCOPE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/imagescope-xml/cmu-1-small-region", test_imagescope_cmu);
  g_test_add_func ("/cs/imagescope-xml/synthetic/types-holes-colours", test_imagescope_synthetic);
  g_test_add_func ("/cs/imagescope-xml/many-holes", test_imagescope_many_holes);
  g_test_add_func ("/cs/imagescope-xml/round-trip", test_imagescope_round_trip);
  g_test_add_func ("/cs/imagescope-xml/every-property", test_imagescope_every_property);
  g_test_add_func ("/cs/imagescope-xml/written", test_imagescope_written);
  g_test_add_func ("/cs/imagescope-xml/sample-round-trip", test_imagescope_sample_round_trip);
  g_test_add_func ("/cs/imagescope-xml/malformed", test_imagescope_malformed);
  g_test_add_func ("/cs/imagescope-xml/copies-and-failure", test_imagescope_copies_and_failure);

  return g_test_run ();
}
