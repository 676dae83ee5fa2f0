/* cs-scale-bar.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* On-screen length limits of the bar, in logical pixels. */
#define CS_SCALE_BAR_MIN_PX  80.0
#define CS_SCALE_BAR_MAX_PX 200.0

gboolean  cs_scale_bar_choose        (double   um_per_px,
                                      double   min_px,
                                      double   max_px,
                                      double  *length_um,
                                      double  *length_px);
double    cs_scale_bar_effective_mpp (double   mpp_x,
                                      double   mpp_y,
                                      double   rotation);
char     *cs_scale_bar_format_length (double   length_um);
char     *cs_scale_bar_format_position (double x,
                                        double y,
                                        double mpp_x,
                                        double mpp_y);
void      cs_scale_bar_measure       (double   um_per_px,
                                      double   ui_scale,
                                      double  *width,
                                      double  *height);
void      cs_scale_bar_draw          (cairo_t *cr,
                                      double   x,
                                      double   y,
                                      double   um_per_px,
                                      double   ui_scale);

G_END_DECLS
