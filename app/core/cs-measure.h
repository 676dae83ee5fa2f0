/* cs-measure.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation.h"

G_BEGIN_DECLS

/**
 * CsCalibration:
 * @mpp_x: microns per level-0 pixel across, or 0 when unknown
 * @mpp_y: microns per level-0 pixel down, or 0 when unknown
 *
 * The one calibration source of a slide (cs_slide_get_mpp()), shared by
 * the scale bar and every measurement.
 */
typedef struct
{
  double mpp_x;
  double mpp_y;
} CsCalibration;

/**
 * CsMeasurement:
 * @calibrated: FALSE when values are in pixels
 * @area: µm² (or px²) for areas, else 0
 * @perimeter: µm (or px) for areas
 * @length: µm (or px) for lines, rulers and arrows
 * @count: points in a point set
 */
typedef struct
{
  gboolean calibrated;
  double   area;
  double   perimeter;
  double   length;
  guint    count;
} CsMeasurement;

gboolean cs_calibration_is_set       (const CsCalibration *calibration);
void     cs_measure_annotation       (CsAnnotation        *annotation,
                                      const CsCalibration *calibration,
                                      CsMeasurement       *measurement);
void     cs_measure_geometry         (CsShape              shape,
                                      CsGeometry          *geometry,
                                      const CsCalibration *calibration,
                                      CsMeasurement       *measurement);
/* "12,345 µm²", "0.42 mm²", "1,234 px²" (marked as pixels). */
char    *cs_measure_format_area      (double               area,
                                      gboolean             calibrated);
/* "85.3 µm", "1.25 mm", "412 px". */
char    *cs_measure_format_length    (double               length,
                                      gboolean             calibrated);
/* The one-line summary shown in the list, tooltip and while drawing. */
char    *cs_measure_format           (CsShape              shape,
                                      const CsMeasurement *measurement);

G_END_DECLS
