/* test-asap-xml.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cs-annotation-xml.h"
#include "cs-asap-xml.h"
#include "cs-test-annotations.h"
#include "cs-test-utils.h"

static CsAnnotationImport *
read_sample (GBytes *bytes)
{
  return cs_test_read_bytes (cs_asap_xml_read, CS_ANNOTATION_FORMAT_ASAP, bytes);
}

static CsAnnotationImport *
read_string (const char *text)
{
  return cs_test_read_string (cs_asap_xml_read, CS_ANNOTATION_FORMAT_ASAP, text);
}

static guint
count_class (CsAnnotationImport *result,
             const char         *klass)
{
  guint n = 0;

  for (guint i = 0; i < result->annotations->len; i++)
    n += g_strcmp0 (cs_annotation_get_class_name (result->annotations->pdata[i]), klass) == 0;
  return n;
}

static void
test_asap_camelyon16 (void)
{
#define CAMELYON "asap-xml/camelyon16_tumor_031_tissue.xml"
  g_autoptr(GBytes) bytes = cs_test_annotation_sample (CAMELYON);
  g_autoptr(CsAnnotationImport) result = NULL;
  CsAnnotation *first;
  const CsPoint *ring;
  guint n;

  CS_TEST_SKIP_WITHOUT_SAMPLE (bytes, CAMELYON);
  result = read_sample (bytes);

  g_assert_cmpuint (result->annotations->len, ==, 10);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpuint (count_class (result, "tissue") + count_class (result, "negative"), ==, 10);
  g_assert_cmpuint (count_class (result, "tissue"), >, 0);
  g_assert_cmpuint (count_class (result, "negative"), >, 0);
  g_assert_cmpuint (g_hash_table_size (result->class_colors), ==, 2);
  g_assert_cmphex (cs_test_class_color (result, "tissue"), ==, 0x64FE2E);
  g_assert_cmphex (cs_test_class_color (result, "negative"), ==, 0x64FE2E);
  for (guint i = 0; i < result->annotations->len; i++)
    {
      CsAnnotation *a = result->annotations->pdata[i];
      CsGeometry *g = cs_annotation_get_geometry (a);

      g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POLYGON);
      /* #F4FA58 differs from the group's #64FE2E: kept as its own. */
      g_assert_cmphex (cs_annotation_get_color (a), ==, 0xF4FA58);
      g_assert_cmpuint (cs_geometry_get_n_parts (g), ==, 1);
      g_assert_cmpuint (cs_geometry_get_n_rings (g, 0), ==, 1);
      g_assert_cmpuint (cs_geometry_get_n_points (g), >=, 3);
    }
  first = result->annotations->pdata[0];
  g_assert_cmpstr (cs_annotation_get_name (first), ==, "Annotation 0");
  g_assert_cmpstr (cs_annotation_get_class_name (first), ==, "tissue");
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (first), 0, 0, &n);
  g_assert_cmpfloat (ring[0].x, ==, 58472.9805);
  g_assert_cmpfloat (ring[0].y, ==, 92420.3047);
  g_assert_cmpfloat (ring[10].y, ==, 101438.711);
  /* Open rings stay open: the last point is not the first. */
  g_assert_false (ring[n - 1].x == ring[0].x && ring[n - 1].y == ring[0].y);
}

static void
test_asap_spline (void)
{
#define SPLINE "asap-xml/pathml_2_HE_spline.xml"
  g_autoptr(GBytes) bytes = cs_test_annotation_sample (SPLINE);
  g_autoptr(CsAnnotationImport) result = NULL;

  CS_TEST_SKIP_WITHOUT_SAMPLE (bytes, SPLINE);
  result = read_sample (bytes);

  g_assert_cmpuint (result->annotations->len, ==, 4);
  for (guint i = 0; i < result->annotations->len; i++)
    g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[i]), ==, CS_SHAPE_POLYGON);
  /* One warning for the four splines. */
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpuint (cs_test_count_warnings (result, "Spline"), ==, 1);
  /* The unused group is declared all the same. */
  g_assert_cmpuint (g_hash_table_size (result->class_colors), ==, 3);
  g_assert_true (g_hash_table_contains (result->class_colors, "artifact"));
  g_assert_cmpuint (count_class (result, "tissue") + count_class (result, "background"), ==, 4);
  g_assert_cmpuint (count_class (result, "artifact"), ==, 0);
}

/* Synthetic: pugixml under a comma locale. */
static void
test_asap_comma_decimals (void)
{
  g_autoptr(CsAnnotationImport) result = read_string (
    "<?xml version=\"1.0\"?>\n<ASAP_Annotations><Annotations>\n"
    "<Annotation Name=\"c\" Type=\"Polygon\" PartOfGroup=\"None\" Color=\"#F4FA58\"><Coordinates>\n"
    "<Coordinate Order=\"0\" X=\"1234,5\" Y=\"10,25\"/>\n"
    "<Coordinate Order=\"1\" X=\"2000\" Y=\"10,75\"/>\n"
    "<Coordinate Order=\"2\" X=\"1500,125\" Y=\"3000\"/>\n"
    "</Coordinates></Annotation></Annotations><AnnotationGroups/></ASAP_Annotations>\n");
  const CsPoint *ring;
  guint n;

  g_assert_cmpuint (result->annotations->len, ==, 1);
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (result->annotations->pdata[0]),
                               0, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (ring[0].x, ==, 1234.5);
  g_assert_cmpfloat (ring[0].y, ==, 10.25);
  g_assert_cmpfloat (ring[1].y, ==, 10.75);
  g_assert_cmpfloat (ring[2].x, ==, 1500.125);
  g_assert_null (cs_annotation_get_class_name (result->annotations->pdata[0]));
  g_assert_cmphex (cs_annotation_get_color (result->annotations->pdata[0]), ==, 0xF4FA58);
}

/* Synthetic: ASAP itself refuses the file; we take the group as a class. */
static void
test_asap_undeclared_group (void)
{
  g_autoptr(CsAnnotationImport) result = read_string (
    "<ASAP_Annotations><Annotations>"
    "<Annotation Name=\"u\" Type=\"Dot\" PartOfGroup=\"Ghost\" Color=\"#112233\"><Coordinates>"
    "<Coordinate Order=\"0\" X=\"5\" Y=\"6\"/></Coordinates></Annotation>"
    "</Annotations><AnnotationGroups>"
    "<Group Name=\"Known\" PartOfGroup=\"None\" Color=\"#445566\"><Attributes/></Group>"
    "</AnnotationGroups></ASAP_Annotations>");
  CsAnnotation *a;

  g_assert_cmpuint (result->annotations->len, ==, 1);
  a = result->annotations->pdata[0];
  g_assert_cmpstr (cs_annotation_get_class_name (a), ==, "Ghost");
  g_assert_cmphex (cs_annotation_get_color (a), ==, 0x112233);
  g_assert_cmpint (cs_annotation_get_shape (a), ==, CS_SHAPE_POINTS);
  g_assert_cmpuint (cs_test_count_warnings (result, "Ghost"), ==, 1);
  g_assert_cmphex (cs_test_class_color (result, "Known"), ==, 0x445566);
  g_assert_false (g_hash_table_contains (result->class_colors, "Ghost"));
}

/* Synthetic: every ASAP type, Order out of sequence, unknown attributes
 * and a prefixed element. */
static void
test_asap_types (void)
{
  g_autoptr(CsAnnotationImport) result = read_string (
    "<ASAP_Annotations Version=\"2\"><Annotations>\n"
    "<Annotation Name=\"r\" Type=\"Rectangle\" PartOfGroup=\"T\" Color=\"#FF0000\" Extra=\"x\">"
    "<Coordinates>"
    "<Coordinate Order=\"2\" X=\"30\" Y=\"20\"/><Coordinate Order=\"0\" X=\"10\" Y=\"10\"/>"
    "<Coordinate Order=\"1\" X=\"30\" Y=\"10\"/><Coordinate Order=\"3\" X=\"10\" Y=\"20\"/>"
    "</Coordinates></Annotation>\n"
    "<Annotation Name=\"p\" Type=\"PointSet\" PartOfGroup=\"None\"><Coordinates>"
    "<Coordinate Order=\"0\" X=\"1\" Y=\"1\"/><Coordinate Order=\"1\" X=\"2\" Y=\"2\"/>"
    "</Coordinates></Annotation>\n"
    "<Annotation Name=\"m\" Type=\"Measurement\" PartOfGroup=\"None\"><Coordinates>"
    "<Coordinate Order=\"0\" X=\"1\" Y=\"1\"/><Coordinate Order=\"1\" X=\"9\" Y=\"9\"/>"
    "</Coordinates></Annotation>\n"
    "<Annotation Name=\"n\" Type=\"None\" PartOfGroup=\"None\"><Coordinates>"
    "<Coordinate Order=\"0\" X=\"1\" Y=\"1\"/><Coordinate Order=\"1\" X=\"9\" Y=\"1\"/>"
    "<Coordinate Order=\"2\" X=\"5\" Y=\"9\"/></Coordinates></Annotation>\n"
    "<x:Annotation xmlns:x=\"urn:x\" Name=\"q\" Type=\"Polygon\"><x:Coordinates>"
    "<x:Coordinate Order=\"0\" X=\"1\" Y=\"1\"/><x:Coordinate Order=\"1\" X=\"9\" Y=\"9\"/>"
    "</x:Coordinates></x:Annotation>\n"
    "<Annotation Name=\"e\" Type=\"Polygon\"/>\n"
    "</Annotations><AnnotationGroups><Group Name=\"T\" Color=\"#FF0000\"/></AnnotationGroups>"
    "</ASAP_Annotations>");
  CsAnnotation *r;
  const CsShapeParams *p;

  /* The empty polygon is skipped, the 2-point one kept as a line. */
  g_assert_cmpuint (result->annotations->len, ==, 5);
  r = result->annotations->pdata[0];
  g_assert_cmpint (cs_annotation_get_shape (r), ==, CS_SHAPE_RECTANGLE);
  p = cs_annotation_get_params (r);
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->cx, ==, 20);
  g_assert_cmpfloat (p->cy, ==, 15);
  g_assert_cmpfloat (p->width, ==, 20);
  g_assert_cmpfloat (p->height, ==, 10);
  g_assert_cmpfloat (p->rotation, ==, 0);
  /* Same colour as its group: none of its own. */
  g_assert_cmphex (cs_annotation_get_color (r), ==, CS_COLOR_UNSET);
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[1]), ==, CS_SHAPE_POINTS);
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[2]), ==, CS_SHAPE_LINE);
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[3]), ==, CS_SHAPE_POLYGON);
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[4]), ==, CS_SHAPE_LINE);
  g_assert_cmphex (cs_annotation_get_color (result->annotations->pdata[1]), ==, CS_COLOR_UNSET);
  g_assert_cmpuint (cs_test_count_warnings (result, "fewer than three"), ==, 1);
  g_assert_cmpuint (cs_test_count_warnings (result, "without points"), ==, 1);
}

#define RECT(name, x0, y0, x1, y1, x2, y2, x3, y3) \
  "<Annotation Name=\"" name "\" Type=\"Rectangle\"><Coordinates>" \
  "<Coordinate Order=\"0\" X=\"" x0 "\" Y=\"" y0 "\"/>" \
  "<Coordinate Order=\"1\" X=\"" x1 "\" Y=\"" y1 "\"/>" \
  "<Coordinate Order=\"2\" X=\"" x2 "\" Y=\"" y2 "\"/>" \
  "<Coordinate Order=\"3\" X=\"" x3 "\" Y=\"" y3 "\"/></Coordinates></Annotation>\n"

/* Synthetic: ASAP's float32 corners, counter-clockwise corners, and a
 * "Rectangle" that is not one. */
static void
test_asap_rectangles (void)
{
  g_autoptr(CsAnnotationImport) result = read_string (
    "<ASAP_Annotations><Annotations>\n"
    RECT ("f32", "58472.9805", "92420.3047", "59242.8438", "92420.3047",
          "59242.8438", "96086.3203", "58472.9805", "96086.3203")
    RECT ("ccw", "10", "10", "10", "20", "30", "20", "30", "10")
    RECT ("skew", "0", "0", "10", "0", "12", "10", "2", "10")
    "</Annotations></ASAP_Annotations>");
  const CsShapeParams *p;
  CsRect bounds;

  g_assert_cmpuint (result->annotations->len, ==, 3);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[i]), ==,
                     CS_SHAPE_RECTANGLE);
  p = cs_annotation_get_params (result->annotations->pdata[0]);
  g_assert_nonnull (p);
  g_assert_cmpfloat_with_epsilon (p->width, 59242.8438 - 58472.9805, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->height, 96086.3203 - 92420.3047, 1e-9);
  g_assert_cmpfloat (p->rotation, ==, 0);
  cs_annotation_get_bounds (result->annotations->pdata[0], &bounds);
  g_assert_cmpfloat_with_epsilon (bounds.x, 58472.9805, 1e-9);
  g_assert_cmpfloat_with_epsilon (bounds.y, 92420.3047, 1e-9);
  cs_annotation_get_bounds (result->annotations->pdata[1], &bounds);
  g_assert_cmpfloat_with_epsilon (bounds.x, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (bounds.width, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (bounds.height, 10, 1e-9);
  g_assert_nonnull (cs_annotation_get_params (result->annotations->pdata[1]));
  g_assert_cmpint (cs_annotation_get_shape (result->annotations->pdata[2]), ==, CS_SHAPE_POLYGON);
  g_assert_null (cs_annotation_get_params (result->annotations->pdata[2]));
}

static void
test_asap_round_trip (void)
{
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shapes = cs_test_make_shapes (colors);
  CsAnnotationExport context = { .class_colors = colors };
  g_autoptr(CsAnnotationImport) result = NULL;
  g_autoptr(CsAnnotation) ruler = NULL;
  const CsPoint two[] = { { 1, 1 }, { 2, 2 } };
  g_autoptr(CsGeometry) line = cs_geometry_new_ring (two, 2);

  /* Temporary rulers are not written. */
  ruler = cs_annotation_new (CS_SHAPE_LINE, line);
  cs_annotation_set_temporary (ruler, TRUE);
  g_ptr_array_add (shapes, g_object_ref (ruler));

  result = cs_test_round_trip (cs_asap_xml_write, cs_asap_xml_read, CS_ANNOTATION_FORMAT_ASAP,
                               shapes, &context);
  g_assert_cmpuint (result->annotations->len, ==, shapes->len - 1);
  for (guint i = 0; i < result->annotations->len; i++)
    cs_test_assert_same (shapes->pdata[i], result->annotations->pdata[i], TRUE);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmphex (cs_test_class_color (result, "Tumour"), ==, 0xC80000);
  g_assert_cmphex (cs_test_class_color (result, "Stroma"), ==, 0x00A0FF);
}

/* What ASAP sees of a polygon with holes: each hole a polygon of its own
 * in a declared group "<class> (holes)", never silently part of the
 * tumour; a second part in the class's group. */
static void
test_asap_holes_as_asap_sees_them (void)
{
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shapes = cs_test_make_shapes (colors);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CsAnnotationExport context = { .class_colors = colors };
  g_autoptr(CsAnnotationImport) plain = cs_annotation_import_new (CS_ANNOTATION_FORMAT_ASAP);
  g_autoptr(GRegex) ours = g_regex_new (" Consilium[A-Za-z]+=\"[^\"]*\"", 0, 0, NULL);
  g_autofree char *stripped = NULL;

  g_ptr_array_add (one, shapes->pdata[4]);
  text = cs_test_write_string (cs_asap_xml_write, one, &context);
  g_assert_nonnull (strstr (text, "PartOfGroup=\"Tumour (holes)\""));
  g_assert_nonnull (strstr (text, "<Group Name=\"Tumour (holes)\" PartOfGroup=\"None\" "
                                  "Color=\"#C80000\""));
  g_assert_nonnull (strstr (text, "<Group Name=\"Tumour\" PartOfGroup=\"None\" Color=\"#C80000\""));

  /* Without our attributes (as after an edit in ASAP): four polygons. */
  stripped = g_regex_replace (ours, text, -1, 0, "", 0, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (stripped, "Consilium"));
  g_assert_true (cs_asap_xml_read (stripped, strlen (stripped), "stripped.xml", plain, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plain->annotations->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (cs_annotation_get_class_name (plain->annotations->pdata[i]), ==,
                     i == 1 || i == 2 ? "Tumour (holes)" : "Tumour");
}

static void
test_asap_sample_round_trip (void)
{
  g_autoptr(GBytes) bytes = cs_test_annotation_sample (CAMELYON);
  g_autoptr(CsAnnotationImport) first = NULL;
  g_autoptr(CsAnnotationImport) second = NULL;
  CsAnnotationExport context = { 0 };

  CS_TEST_SKIP_WITHOUT_SAMPLE (bytes, CAMELYON);
  first = read_sample (bytes);
  context.class_colors = first->class_colors;
  second = cs_test_round_trip (cs_asap_xml_write, cs_asap_xml_read, CS_ANNOTATION_FORMAT_ASAP,
                               first->annotations, &context);

  g_assert_cmpuint (second->annotations->len, ==, first->annotations->len);
  for (guint i = 0; i < first->annotations->len; i++)
    cs_test_assert_same (first->annotations->pdata[i], second->annotations->pdata[i], TRUE);
}

#define HEAD "<?xml version=\"1.0\"?>\n<ASAP_Annotations>\n<Annotations>\n" \
             "<Annotation Name=\"a\" Type=\"Polygon\" PartOfGroup=\"None\">\n<Coordinates>\n"
#define TAIL "</Coordinates>\n</Annotation>\n</Annotations>\n</ASAP_Annotations>\n"

static void
reject (const char *text,
        int         code,
        const char *fragment)
        {
        cs_test_assert_rejected (cs_asap_xml_read, text, code, fragment);
}

static void
test_asap_malformed (void)
{
  g_autoptr(GString) deep = g_string_new ("<ASAP_Annotations>");
  g_autoptr(GString) laughs = g_string_new ("<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");

  reject (HEAD "<Coordinate Order=\"0\" X=\"1\" Y=\"2\"/>\n",
          CS_ANNOTATION_ERROR_PARSE, "truncated");
  reject (HEAD "<Coordinate Order=\"0\" X=\"NaN\" Y=\"2\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "line 6");
  reject (HEAD "<Coordinate Order=\"0\" X=\"1\" Y=\"inf\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "<Coordinate> Y");
  reject (HEAD "<Coordinate Order=\"0\" X=\"1e300\" Y=\"2\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "line 6");
  reject (HEAD "<Coordinate Order=\"0\" X=\"abc\" Y=\"2\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "abc");
  reject (HEAD "<Coordinate Order=\"zero\" X=\"1\" Y=\"2\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "line 6");
  reject (HEAD "<Coordinate Order=\"0\" Y=\"2\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "X");
  /* Order must be exactly 0..n-1: a gap, a repeat. */
  reject (HEAD "<Coordinate Order=\"0\" X=\"1\" Y=\"2\"/>\n"
          "<Coordinate Order=\"2\" X=\"1\" Y=\"2\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID,
          "line 4: <Annotation> “a”: coordinate Order 1 is missing");
  reject (HEAD "<Coordinate Order=\"0\" X=\"1\" Y=\"2\"/>\n"
          "<Coordinate Order=\"0\" X=\"1\" Y=\"2\"/>\n" TAIL,
          CS_ANNOTATION_ERROR_INVALID, "Order 0 is repeated");
  reject ("not xml at all", CS_ANNOTATION_ERROR_PARSE, "line 1");
  reject ("", CS_ANNOTATION_ERROR_PARSE, NULL);
  /* Billion laughs and an external entity: no DTD at all. */
  reject ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
          "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
          "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
          "<ASAP_Annotations><Annotations><Annotation Name=\"x\"/>"
          "</Annotations></ASAP_Annotations>",
          CS_ANNOTATION_ERROR_PARSE, "document type");
  /* 10^9 "lol"s, referenced before the reader reaches the DOCTYPE. */
  for (guint n = 1; n <= 9; n++)
    {
      g_string_append_printf (laughs, "<!ENTITY lol%u \"", n);
      for (guint i = 0; i < 10; i++)
        g_string_append_printf (laughs, "&lol%u;", n - 1);
      g_string_append (laughs, "\">\n");
    }
  g_string_append (laughs, "]>\n<ASAP_Annotations Name=\"&lol9;\">&lol9;</ASAP_Annotations>");
  reject (laughs->str, CS_ANNOTATION_ERROR_PARSE, "bad.file, line 13");
  reject ("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
          "<ASAP_Annotations><Annotations><Annotation Name=\"&e;\"/>"
          "</Annotations></ASAP_Annotations>",
          CS_ANNOTATION_ERROR_PARSE, "entity");
  /* An undeclared entity is an XML error, not an expansion. */
  reject ("<ASAP_Annotations>\n<Annotations><Annotation Name=\"&e;\"/>"
          "</Annotations></ASAP_Annotations>",
          CS_ANNOTATION_ERROR_PARSE, "line 2");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<a>");
  reject (deep->str, CS_ANNOTATION_ERROR_TOO_LARGE, "nested");
  reject ("<ASAP_Annotations><Annotations>"
          "<Annotation Name=\"a\">\n<Annotation Name=\"b\"/>"
          "</Annotation></Annotations></ASAP_Annotations>",
          CS_ANNOTATION_ERROR_INVALID, "line 2");
}

/* A valid annotation before the bad one is not returned either. */
static void
test_asap_all_or_nothing (void)
{
  g_autoptr(CsAnnotationImport) result = read_string (
    "<ASAP_Annotations><Annotations><Annotation Name=\"x\" Type=\"Dot\"><Coordinates>"
    "<Coordinate Order=\"0\" X=\"1\" Y=\"1\"/></Coordinates></Annotation></Annotations>"
    "</ASAP_Annotations>");
  g_autoptr(GError) error = NULL;
  const char *bad = "<ASAP_Annotations><Annotations>"
                    "<Annotation Name=\"ok\" Type=\"Dot\" PartOfGroup=\"G\"><Coordinates>"
                    "<Coordinate Order=\"0\" X=\"1\" Y=\"1\"/></Coordinates></Annotation>\n"
                    "<Annotation Name=\"bad\" Type=\"Dot\"><Coordinates>"
                    "<Coordinate Order=\"0\" X=\"-1e10\" Y=\"1\"/></Coordinates></Annotation>"
                    "</Annotations></ASAP_Annotations>";

  g_assert_false (cs_asap_xml_read (bad, strlen (bad), "bad.xml", result, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID);
  g_assert_cmpuint (result->annotations->len, ==, 1);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (result->class_colors), ==, 0);
}

/* A comma locale must not change what is written. */
static void
test_asap_locale (void)
{
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shapes = cs_test_make_shapes (colors);
  g_autofree char *text = NULL;
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL &&
      setlocale (LC_NUMERIC, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("no comma locale installed");
      return;
    }
  text = cs_test_write_string (cs_asap_xml_write, shapes, NULL);
  setlocale (LC_NUMERIC, saved);
  g_assert_nonnull (strstr (text, "X=\"10.5\""));
  g_assert_null (strstr (text, "X=\"10,5\""));
}

static void
test_asap_copies_and_failure (void)
{
  cs_test_check_copies_and_failure (cs_asap_xml_write, cs_asap_xml_read, CS_ANNOTATION_FORMAT_ASAP);
  cs_test_check_lone_colour (cs_asap_xml_write, cs_asap_xml_read, CS_ANNOTATION_FORMAT_ASAP);
}

/* 50 million points in all, whichever the annotations. */
static void
test_asap_point_limit (void)
{
  const char *xml = "<ASAP_Annotations/>";
  g_autoptr(GError) error = NULL;
  CsXmlReader reader;

  g_assert_true (cs_xml_reader_open (&reader, xml, strlen (xml), "big.xml", &error));
  g_assert_cmpint (cs_xml_reader_next (&reader, &error), ==, 1);
  g_assert_true (cs_xml_reader_add_points (&reader, CS_ANNOTATION_MAX_POINTS - 1, &error));
  g_assert_true (cs_xml_reader_add_points (&reader, 1, &error));
  g_assert_no_error (error);
  g_assert_false (cs_xml_reader_add_points (&reader, 1, &error));
  g_assert_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.xml, line 1"));
  cs_xml_reader_clear (&reader);
}

/* Every property comes back: comment, author, institution, times to the
 * microsecond, locked, hidden and extra keys, in ConsiliumProperties. */
static void
test_asap_every_property (void)
{
  cs_test_check_every_property (cs_asap_xml_write, cs_asap_xml_read, CS_ANNOTATION_FORMAT_ASAP);
}

/* ConsiliumProperties that are not what we write: what can be read is
 * kept, the rest ignored with one warning; a value nested deep is not
 * parsed at all. */
static void
test_asap_bad_properties (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) xml = g_string_new ("<ASAP_Annotations><Annotations>");
  g_autoptr(CsAnnotationImport) result = NULL;
  const char *values[] = {
    "{&quot;comment&quot;:&quot;kept&quot;,&quot;locked&quot;:&quot;yes&quot;,"
    "&quot;created&quot;:&quot;yesterday&quot;,&quot;future&quot;:1}",
    "[1,2]",
    "not json",
    NULL,
  };

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "{&quot;a&quot;:");
  values[3] = deep->str;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_string_append_printf (xml, "<Annotation Name=\"A%u\" Type=\"Dot\" PartOfGroup=\"None\" "
                            "ConsiliumProperties=\"%s\"><Coordinates><Coordinate Order=\"0\" "
                            "X=\"1\" Y=\"2\"/></Coordinates></Annotation>", i, values[i]);
  g_string_append (xml, "</Annotations><AnnotationGroups/></ASAP_Annotations>");
  result = read_string (xml->str);
  g_assert_cmpuint (result->annotations->len, ==, 4);
  g_assert_cmpstr (cs_annotation_get_comment (result->annotations->pdata[0]), ==, "kept");
  g_assert_false (cs_annotation_get_locked (result->annotations->pdata[0]));
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpuint (cs_test_count_warnings (result, "could not be read"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/asap-xml/camelyon16", test_asap_camelyon16);
  g_test_add_func ("/cs/asap-xml/spline", test_asap_spline);
  g_test_add_func ("/cs/asap-xml/synthetic/comma-decimals", test_asap_comma_decimals);
  g_test_add_func ("/cs/asap-xml/synthetic/undeclared-group", test_asap_undeclared_group);
  g_test_add_func ("/cs/asap-xml/synthetic/types", test_asap_types);
  g_test_add_func ("/cs/asap-xml/synthetic/rectangles", test_asap_rectangles);
  g_test_add_func ("/cs/asap-xml/round-trip", test_asap_round_trip);
  g_test_add_func ("/cs/asap-xml/every-property", test_asap_every_property);
  g_test_add_func ("/cs/asap-xml/bad-properties", test_asap_bad_properties);
  g_test_add_func ("/cs/asap-xml/holes-as-asap-sees-them", test_asap_holes_as_asap_sees_them);
  g_test_add_func ("/cs/asap-xml/sample-round-trip", test_asap_sample_round_trip);
  g_test_add_func ("/cs/asap-xml/malformed", test_asap_malformed);
  g_test_add_func ("/cs/asap-xml/all-or-nothing", test_asap_all_or_nothing);
  g_test_add_func ("/cs/asap-xml/locale", test_asap_locale);
  g_test_add_func ("/cs/asap-xml/copies-and-failure", test_asap_copies_and_failure);
  g_test_add_func ("/cs/asap-xml/point-limit", test_asap_point_limit);

  return g_test_run ();
}
