/* test-magnification.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "cs-magnification.h"
#include "cs-scale-bar.h"
#include "cs-test-utils.h"

static void
test_magnification_base (void)
{
  /* The objective power wins; else the scale; else unknown. */
  g_assert_cmpfloat (cs_magnification_get_base (20, 0.499), ==, 20);
  g_assert_cmpfloat_with_epsilon (cs_magnification_get_base (0, 0.25), 40, 1e-12);
  g_assert_cmpfloat_with_epsilon (cs_magnification_get_base (0, 0.5), 20, 1e-12);
  g_assert_cmpfloat (cs_magnification_get_base (0, 0), ==, 0);
  g_assert_cmpfloat (cs_magnification_get_base (-1, -1), ==, 0);
}

static void
test_magnification_presets (void)
{
  const double expected[] = { 1.25, 2.5, 5, 10, 20, 40 };

  for (guint i = 0; i < CS_MAGNIFICATION_N_PRESETS; i++)
    {
      double zoom = cs_magnification_zoom_for (20, cs_magnification_presets[i]);

      g_assert_cmpfloat (cs_magnification_presets[i], ==, expected[i]);
      g_assert_cmpfloat_with_epsilon (zoom, expected[i] / 20, 1e-12);
      g_assert_cmpfloat_with_epsilon (cs_magnification_for_zoom (20, zoom), expected[i], 1e-12);
    }

  /* 40× on a 20× scan is digital zoom; 20× is not. */
  g_assert_true (cs_magnification_is_digital (cs_magnification_zoom_for (20, 40)));
  g_assert_false (cs_magnification_is_digital (cs_magnification_zoom_for (20, 20)));
  g_assert_cmpfloat (cs_magnification_zoom_for (0, 20), ==, 0);
}

static void
test_magnification_sample_slide (void)
{
  g_autofree char *path = cs_test_sample_slide ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = cs_slide_new (path, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (cs_magnification_get_slide_base (slide), ==, 20);
}

static void
test_magnification_format (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 20, "20×" }, { 1.25, "1.25×" }, { 2.5, "2.5×" }, { 40, "40×" }, { 13.333, "13×" },
    { 3.3333, "3.33×" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cs_magnification_format (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *full = cs_magnification_format_zoom (1);
    g_autofree char *small = cs_magnification_format_zoom (0.0633);

    g_assert_cmpstr (full, ==, "100 %");
    g_assert_cmpstr (small, ==, "6.3 %");
  }
}

static void
test_scale_bar_choice (void)
{
  const struct { double um_per_px; double length; } cases[] = {
    { 0.499, 50 }, { 1.0, 200 }, { 0.25, 50 }, { 2.0, 200 }, { 4.0, 500 },
    { 10.0, 2000 }, { 0.05, 10 }, { 0.001, 0.2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double length_um, length_px;

      g_assert_true (cs_scale_bar_choose (cases[i].um_per_px, CS_SCALE_BAR_MIN_PX,
                                          CS_SCALE_BAR_MAX_PX, &length_um, &length_px));
      g_assert_cmpfloat_with_epsilon (length_um, cases[i].length, cases[i].length * 1e-9);
      g_assert_cmpfloat (length_px, >=, CS_SCALE_BAR_MIN_PX);
      g_assert_cmpfloat (length_px, <=, CS_SCALE_BAR_MAX_PX * (1 + 1e-9));
    }

  /* No guessing without a scale. */
  {
    double length_um = -1, length_px = -1;

    g_assert_false (cs_scale_bar_choose (0, 80, 200, &length_um, &length_px));
    g_assert_false (cs_scale_bar_choose (-1, 80, 200, &length_um, &length_px));
    g_assert_cmpfloat (length_um, ==, -1);
  }
}

static void
test_scale_bar_sweep (void)
{
  /* Every zoom gets a round length inside the on-screen range. */
  for (double upp = 0.01; upp < 100; upp *= 1.07)
    {
      double length_um, length_px, mantissa;

      g_assert_true (cs_scale_bar_choose (upp, 80, 200, &length_um, &length_px));
      g_assert_cmpfloat (length_px, >=, 80 * (1 - 1e-9));
      g_assert_cmpfloat (length_px, <=, 200 * (1 + 1e-9));
      mantissa = length_um / pow (10, floor (log10 (length_um) + 1e-9));
      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                     fabs (mantissa - 5) < 1e-6);
    }
}

static void
test_scale_bar_format (void)
{
  const struct { double um; const char *text; } cases[] = {
    { 10, "10 µm" }, { 500, "500 µm" }, { 1000, "1 mm" }, { 2000, "2 mm" }, { 0.5, "0.5 µm" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cs_scale_bar_format_length (cases[i].um);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *with = cs_scale_bar_format_position (1000.7, 20.2, 0.5, 0.5);
    g_autofree char *without = cs_scale_bar_format_position (1000.7, 20.2, 0, 0);

    g_assert_cmpstr (with, ==, "1000, 20 px · 500.4, 10.1 µm");
    g_assert_cmpstr (without, ==, "1000, 20 px");
  }
}

static guint
count_light_pixels (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if ((*(const guint32 *) (data + y * stride + x * 4) & 0xff) > 0xc0)
        n++;

  return n;
}

static void
test_scale_bar_draw (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 200);
  cairo_t *cr = cairo_create (surface);
  double w1, h1, w2, h2, wu, hu;

  cs_scale_bar_measure (0.499, 1, &w1, &h1);
  cs_scale_bar_measure (0.499 / 2, 2, &w2, &h2);
  cs_scale_bar_measure (0, 1, &wu, &hu);
  /* 50 µm = 100.2 px plus padding; twice as large on a HiDPI screen. */
  g_assert_cmpfloat (w1, >=, 100);
  g_assert_cmpfloat_with_epsilon (w2, 2 * w1, 2);
  g_assert_cmpfloat_with_epsilon (h2, 2 * h1, 2);
  g_assert_cmpfloat (hu, <, h1);

  cs_scale_bar_draw (cr, 10, 10, 0.499, 1);
  cairo_surface_flush (surface);
  /* White bar and label on the backdrop, nothing outside its box. */
  g_assert_cmpuint (count_light_pixels (surface), >, 100 * 4);
  g_assert_cmphex (*(guint32 *) (cairo_image_surface_get_data (surface) +
                                 150 * cairo_image_surface_get_stride (surface) + 300 * 4), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  /* Expected strings use '.' decimals and the untranslated text. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/magnification/base", test_magnification_base);
  g_test_add_func ("/cs/magnification/presets", test_magnification_presets);
  g_test_add_func ("/cs/magnification/sample-slide", test_magnification_sample_slide);
  g_test_add_func ("/cs/magnification/format", test_magnification_format);
  g_test_add_func ("/cs/scale-bar/choice", test_scale_bar_choice);
  g_test_add_func ("/cs/scale-bar/sweep", test_scale_bar_sweep);
  g_test_add_func ("/cs/scale-bar/format", test_scale_bar_format);
  g_test_add_func ("/cs/scale-bar/draw", test_scale_bar_draw);

  return g_test_run ();
}
