/* test-measure.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "cs-measure.h"

static void
test_measure_calibration (void)
{
  CsCalibration none = { 0, 0 };
  CsCalibration half = { 0.5, 0 };
  CsCalibration nan = { NAN, 0.25 };
  CsCalibration set = { 0.25, 0.25 };

  g_assert_false (cs_calibration_is_set (NULL));
  g_assert_false (cs_calibration_is_set (&none));
  g_assert_false (cs_calibration_is_set (&half));
  g_assert_false (cs_calibration_is_set (&nan));
  g_assert_true (cs_calibration_is_set (&set));
}

static void
test_measure_areas (void)
{
  CsRect r = { 0, 0, 400, 200 };
  g_autoptr(CsGeometry) box = cs_geometry_new_rectangle (&r);
  CsCalibration iso = { 0.5, 0.5 };
  CsCalibration aniso = { 0.5, 0.25 };
  CsMeasurement m;

  cs_measure_geometry (CS_SHAPE_RECTANGLE, box, NULL, &m);
  g_assert_false (m.calibrated);
  g_assert_cmpfloat (m.area, ==, 80000);
  g_assert_cmpfloat (m.perimeter, ==, 1200);
  g_assert_cmpfloat (m.length, ==, 0);

  cs_measure_geometry (CS_SHAPE_RECTANGLE, box, &iso, &m);
  g_assert_true (m.calibrated);
  g_assert_cmpfloat (m.area, ==, 20000);
  g_assert_cmpfloat (m.perimeter, ==, 600);

  /* Rectangular pixels: 400 px across are 200 µm, 200 px down are 50 µm. */
  cs_measure_geometry (CS_SHAPE_POLYGON, box, &aniso, &m);
  g_assert_cmpfloat (m.area, ==, 10000);
  g_assert_cmpfloat (m.perimeter, ==, 500);
}

static void
test_measure_lines_points (void)
{
  CsPoint diagonal[] = { { 0, 0 }, { 300, 400 } };
  CsPoint dots[] = { { 1, 1 }, { 2, 2 }, { 3, 3 } };
  g_autoptr(CsGeometry) line = cs_geometry_new_ring (diagonal, 2);
  g_autoptr(CsGeometry) points = cs_geometry_new_ring (dots, 3);
  g_autoptr(CsAnnotation) ellipse = NULL;
  CsCalibration aniso = { 0.5, 0.25 };
  CsShapeParams params = { 100, 100, 200, 100, 0.7 };
  CsMeasurement m;

  cs_measure_geometry (CS_SHAPE_LINE, line, NULL, &m);
  g_assert_cmpfloat (m.length, ==, 500);
  /* (300 · 0.5, 400 · 0.25) = (150, 100) µm, not 500 · some mean. */
  cs_measure_geometry (CS_SHAPE_ARROW, line, &aniso, &m);
  g_assert_cmpfloat_with_epsilon (m.length, hypot (150, 100), 1e-9);
  g_assert_cmpfloat (m.area, ==, 0);

  cs_measure_geometry (CS_SHAPE_POINTS, points, &aniso, &m);
  g_assert_cmpuint (m.count, ==, 3);

  /* An ellipse is measured from its parameters, exactly. */
  ellipse = cs_annotation_new_with_params (CS_SHAPE_ELLIPSE, &params);
  cs_measure_annotation (ellipse, &aniso, &m);
  g_assert_cmpfloat_with_epsilon (m.area, G_PI * 100 * 50 * 0.125, 1e-9);
}

#define ASSERT_FORMAT(expr, expected)            \
  G_STMT_START                                   \
  {                                              \
    g_autofree char *s = (expr);                 \
    g_assert_cmpstr (s, ==, expected);           \
  }                                              \
  G_STMT_END

static void
test_measure_format (void)
{
  CsMeasurement area = { TRUE, 420000, 2510, 0, 0 };
  CsMeasurement line = { FALSE, 0, 0, 412.4, 0 };
  CsMeasurement one = { TRUE, 0, 0, 0, 1 };
  CsMeasurement many = { TRUE, 0, 0, 0, 12 };

  ASSERT_FORMAT (cs_measure_format_area (1234.4, TRUE), "1,234 µm²");
  ASSERT_FORMAT (cs_measure_format_area (85.26, TRUE), "85.3 µm²");
  ASSERT_FORMAT (cs_measure_format_area (9999, TRUE), "9,999 µm²");
  ASSERT_FORMAT (cs_measure_format_area (12345, TRUE), "0.012 mm²");
  ASSERT_FORMAT (cs_measure_format_area (420000, TRUE), "0.42 mm²");
  ASSERT_FORMAT (cs_measure_format_area (1.25e9, TRUE), "1,250 mm²");
  ASSERT_FORMAT (cs_measure_format_area (1234567, FALSE), "1,234,567 px²");
  ASSERT_FORMAT (cs_measure_format_area (2.5, FALSE), "2.5 px²");

  ASSERT_FORMAT (cs_measure_format_length (85.26, TRUE), "85.3 µm");
  ASSERT_FORMAT (cs_measure_format_length (4.5, TRUE), "4.50 µm");
  ASSERT_FORMAT (cs_measure_format_length (412.4, TRUE), "412 µm");
  ASSERT_FORMAT (cs_measure_format_length (1250, TRUE), "1.25 mm");
  ASSERT_FORMAT (cs_measure_format_length (25400, TRUE), "25.4 mm");
  ASSERT_FORMAT (cs_measure_format_length (412.4, FALSE), "412 px");
  ASSERT_FORMAT (cs_measure_format_length (12345, FALSE), "12,345 px");

  ASSERT_FORMAT (cs_measure_format (CS_SHAPE_POLYGON, &area), "0.42 mm² · perimeter 2.51 mm");
  ASSERT_FORMAT (cs_measure_format (CS_SHAPE_LINE, &line), "412 px");
  ASSERT_FORMAT (cs_measure_format (CS_SHAPE_POINTS, &one), "1 point");
  ASSERT_FORMAT (cs_measure_format (CS_SHAPE_POINTS, &many), "12 points");
  ASSERT_FORMAT (cs_measure_format (CS_SHAPE_TEXT, &many), "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/measure/calibration", test_measure_calibration);
  g_test_add_func ("/cs/measure/areas", test_measure_areas);
  g_test_add_func ("/cs/measure/lines-points", test_measure_lines_points);
  g_test_add_func ("/cs/measure/format", test_measure_format);

  return g_test_run ();
}
