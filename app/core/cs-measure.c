/* cs-measure.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-measure"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "cs-geometry-ops.h"
#include "cs-measure.h"

/* Measurements scale each axis by its own microns per pixel, so that a
 * slide scanned with rectangular pixels measures right: lengths sum
 * hypot (dx · mpp_x, dy · mpp_y), areas scale by mpp_x · mpp_y. */

gboolean
cs_calibration_is_set (const CsCalibration *calibration)
{
  return calibration != NULL &&
         isfinite (calibration->mpp_x) && calibration->mpp_x > 0 &&
         isfinite (calibration->mpp_y) && calibration->mpp_y > 0;
}

static double
scaled_length (const CsPoint *p,
               guint          n,
               gboolean       closed,
               double         sx,
               double         sy)
{
  double length = 0;

  for (guint i = 1; i < n; i++)
    length += hypot ((p[i].x - p[i - 1].x) * sx, (p[i].y - p[i - 1].y) * sy);
  if (closed && n > 2)
    length += hypot ((p[0].x - p[n - 1].x) * sx, (p[0].y - p[n - 1].y) * sy);
  return length;
}

static double
geometry_length (CsGeometry *geometry,
                 gboolean    closed,
                 double      sx,
                 double      sy)
{
  double length = 0;

  for (guint part = 0; part < cs_geometry_get_n_parts (geometry); part++)
    for (guint ring = 0; ring < cs_geometry_get_n_rings (geometry, part); ring++)
      {
        guint n;
        const CsPoint *points = cs_geometry_get_ring (geometry, part, ring, &n);

        length += scaled_length (points, n, closed, sx, sy);
      }
  return length;
}

void
cs_measure_geometry (CsShape              shape,
                     CsGeometry          *geometry,
                     const CsCalibration *calibration,
                     CsMeasurement       *measurement)
{
  gboolean calibrated = cs_calibration_is_set (calibration);
  double sx = calibrated ? calibration->mpp_x : 1;
  double sy = calibrated ? calibration->mpp_y : 1;

  memset (measurement, 0, sizeof *measurement);
  measurement->calibrated = calibrated;
  if (geometry == NULL)
    return;

  switch (shape)
    {
    case CS_SHAPE_RECTANGLE:
    case CS_SHAPE_ELLIPSE:
    case CS_SHAPE_POLYGON:
    case CS_SHAPE_FREEHAND:
      measurement->area = cs_geometry_ops_area (geometry) * sx * sy;
      measurement->perimeter = geometry_length (geometry, TRUE, sx, sy);
      break;
    case CS_SHAPE_POINTS:
      measurement->count = cs_geometry_get_n_points (geometry);
      break;
    case CS_SHAPE_LINE:
    case CS_SHAPE_ARROW:
      measurement->length = geometry_length (geometry, FALSE, sx, sy);
      break;
    case CS_SHAPE_TEXT:
    default:
      break;
    }
}

/* An ellipse's area is exact from its parameters (a rotation keeps the
 * area, and per-axis scaling multiplies it by mpp_x · mpp_y); its polygon
 * is within a tenth of a pixel anyway. */
void
cs_measure_annotation (CsAnnotation        *annotation,
                       const CsCalibration *calibration,
                       CsMeasurement       *measurement)
{
  CsShape shape = cs_annotation_get_shape (annotation);
  const CsShapeParams *params = cs_annotation_get_params (annotation);

  cs_measure_geometry (shape, cs_annotation_get_geometry (annotation), calibration, measurement);
  if (shape == CS_SHAPE_ELLIPSE && params != NULL)
    {
      double scale = measurement->calibrated ? calibration->mpp_x * calibration->mpp_y : 1;

      measurement->area = G_PI * fabs (params->width * params->height) / 4 * scale;
    }
}

/* The locale's digit grouping, or a comma where the locale has none (C). */
static const char *
thousands_separator (void)
{
  const char *sep = nl_langinfo (THOUSEP);

  return sep != NULL && *sep != '\0' ? sep : ",";
}

/* @value with @decimals decimals; whole numbers from 1000 up are grouped
 * by thousands ("12,345"). Display text, so the locale's decimal point. */
static char *
format_number (double value,
               int    decimals)
{
  g_autofree char *digits = NULL;
  GString *out;
  const char *start;
  gsize n;

  if (decimals > 0 || fabs (value) < 1000)
    return g_strdup_printf ("%.*f", decimals, value);

  digits = g_strdup_printf ("%.*f", 0, value);
  out = g_string_new (NULL);
  start = digits;
  if (*start == '-')
    g_string_append_c (out, *start++);
  n = strlen (start);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, thousands_separator ());
      g_string_append_c (out, start[i]);
    }
  return g_string_free (out, FALSE);
}

/* Three significant digits for small values, whole numbers from 100. */
static int
decimals_for (double value)
{
  double v = fabs (value);

  if (v < 0.1 && v > 0)
    return 3;
  if (v < 10)
    return 2;
  if (v < 100)
    return 1;
  return 0;
}

#define UM2_PER_MM2 1e6

/* @value in the small unit below @limit, else divided by @divisor in the
 * large one; in pixels when not @calibrated. Each format has one %s. */
static char *
format_quantity (double      value,
                 gboolean    calibrated,
                 double      limit,
                 double      divisor,
                 const char *pixels_format,
                 const char *small_format,
                 const char *large_format)
{
  g_autofree char *number = NULL;
  const char *format;
  double scale = pow (10, decimals_for (value));

  if (!calibrated)
    {
      number = format_number (value, fabs (value) < 10 ? 1 : 0);
      format = pixels_format;
    }
  /* Compared as it will be shown: 999.6 µm shows as 1.00 mm, not 1000 µm. */
  else if (fabs (round (value * scale) / scale) < limit)
    {
      number = format_number (value, decimals_for (value));
      format = small_format;
    }
  else
    {
      number = format_number (value / divisor, decimals_for (value / divisor));
      format = large_format;
    }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, number);
#pragma GCC diagnostic pop
}

/* µm² up to 0.01 mm² (a 100 × 100 µm field: cells, small foci), then mm²
 * (tumour sizes). */
char *
cs_measure_format_area (double   area,
                        gboolean calibrated)
{
  if (!isfinite (area))
    return g_strdup (_("Unknown area"));
  return format_quantity (area, calibrated, 0.01 * UM2_PER_MM2, UM2_PER_MM2,
                          /* Translators: an area in pixels, the slide has no scale */
                          _("%s px²"), _("%s µm²"), _("%s mm²"));
}

/* µm below 1 mm, then mm. */
char *
cs_measure_format_length (double   length,
                          gboolean calibrated)
{
  if (!isfinite (length))
    return g_strdup (_("Unknown length"));
  return format_quantity (length, calibrated, 1000, 1000,
                          /* Translators: a length in pixels, the slide has no scale */
                          _("%s px"), _("%s µm"), _("%s mm"));
}

char *
cs_measure_format (CsShape              shape,
                   const CsMeasurement *measurement)
{
  switch (shape)
    {
    case CS_SHAPE_RECTANGLE:
    case CS_SHAPE_ELLIPSE:
    case CS_SHAPE_POLYGON:
    case CS_SHAPE_FREEHAND:
      {
        g_autofree char *area = cs_measure_format_area (measurement->area, measurement->calibrated);
        g_autofree char *perimeter = cs_measure_format_length (measurement->perimeter,
                                                               measurement->calibrated);

        /* Translators: an area, then its perimeter: "0.42 mm² · perimeter 2.51 mm" */
        return g_strdup_printf (_("%s · perimeter %s"), area, perimeter);
      }
    case CS_SHAPE_POINTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point", "%u points",
                                           measurement->count),
                              measurement->count);
    case CS_SHAPE_LINE:
    case CS_SHAPE_ARROW:
      return cs_measure_format_length (measurement->length, measurement->calibrated);
    case CS_SHAPE_TEXT:
    default:
      return g_strdup ("");
    }
}
