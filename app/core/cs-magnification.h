/* cs-magnification.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-slide.h"

G_BEGIN_DECLS

/* Microscope magnifications the viewer offers, as on a microscope's nosepiece. */
#define CS_MAGNIFICATION_N_PRESETS 6
extern const double cs_magnification_presets[CS_MAGNIFICATION_N_PRESETS];

/* The scale of a 40x objective, by convention: 0.25 µm per pixel. */
#define CS_MAGNIFICATION_UM_AT_40X 0.25

double  cs_magnification_get_base     (double      objective_power,
                                       double      mpp);
double  cs_magnification_get_slide_base (CsSlide  *slide);
double  cs_magnification_for_zoom     (double      base,
                                       double      zoom);
double  cs_magnification_zoom_for     (double      base,
                                       double      magnification);
gboolean cs_magnification_is_digital  (double      zoom);
char   *cs_magnification_format       (double      magnification);
char   *cs_magnification_format_zoom  (double      zoom);

G_END_DECLS
