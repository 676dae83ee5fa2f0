/* cs-magnification.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-magnification"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-magnification.h"

/* Microscope magnification as pathologists speak of it. A slide scanned
 * with a 20× objective shows "20×" at one slide pixel per screen pixel
 * (zoom 1). Without an objective power, the scale decides: 0.25 µm per
 * pixel is "40×" by convention, 0.5 µm "20×". Past zoom 1 the picture is
 * magnified by the computer, not by optics: "digital zoom". Pure
 * arithmetic and formatting. */

const double cs_magnification_presets[CS_MAGNIFICATION_N_PRESETS] = {
  1.25, 2.5, 5, 10, 20, 40,
};

/**
 * cs_magnification_get_base:
 * @objective_power: the scanner's objective, or 0 when unknown
 * @mpp: microns per level-0 pixel, or 0 when unknown
 *
 * Returns: the magnification at zoom 1, or 0 when nothing tells it
 */
double
cs_magnification_get_base (double objective_power,
                           double mpp)
{
  if (objective_power > 0 && isfinite (objective_power))
    return objective_power;
  if (mpp > 0 && isfinite (mpp))
    return 40.0 * CS_MAGNIFICATION_UM_AT_40X / mpp;

  return 0;
}

double
cs_magnification_get_slide_base (CsSlide *slide)
{
  double mpp_x = 0;

  g_return_val_if_fail (CS_IS_SLIDE (slide), 0);

  cs_slide_get_mpp (slide, &mpp_x, NULL);

  return cs_magnification_get_base (cs_slide_get_objective_power (slide), mpp_x);
}

/* Returns: the magnification shown at @zoom, or 0 when @base is unknown */
double
cs_magnification_for_zoom (double base,
                           double zoom)
{
  return base > 0 ? base * zoom : 0;
}

/* Returns: the zoom that shows @magnification, or 0 when @base is unknown */
double
cs_magnification_zoom_for (double base,
                           double magnification)
{
  return base > 0 ? magnification / base : 0;
}

/* Whether @zoom magnifies past the scan's own resolution. */
gboolean
cs_magnification_is_digital (double zoom)
{
  return zoom > 1.0 + 1e-6;
}

static char *
format_number (double value,
               int    max_decimals)
{
  int decimals = 0;

  /* As few decimals as show the value: 1.25, 2.5, 40, 13.3. */
  while (decimals < max_decimals &&
         fabs (value * pow (10, decimals) - round (value * pow (10, decimals))) > 1e-6)
    decimals++;

  return g_strdup_printf ("%.*f", decimals, value);
}

/**
 * cs_magnification_format:
 *
 * Returns: (transfer full): e.g. "20×", "2.5×", "1.25×"
 */
char *
cs_magnification_format (double magnification)
{
  g_autofree char *number = format_number (magnification, magnification >= 10 ? 0 : 2);

  /* TRANSLATORS: a microscope magnification, e.g. "20×" */
  return g_strdup_printf (C_("magnification", "%s×"), number);
}

/**
 * cs_magnification_format_zoom:
 *
 * Returns: (transfer full): the zoom as a percentage, e.g. "100 %", "6.3 %"
 */
char *
cs_magnification_format_zoom (double zoom)
{
  double percent = zoom * 100;
  g_autofree char *number = g_strdup_printf ("%.*f", percent >= 10 ? 0 : 1, percent);

  /* TRANSLATORS: a zoom level in percent, e.g. "100 %" */
  return g_strdup_printf (_("%s %%"), number);
}
