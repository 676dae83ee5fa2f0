/* cs-scale-bar.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-scale-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cs-core-private.h"
#include "cs-scale-bar.h"

/* The scale bar: a round length (1, 2 or 5 times a power of ten, in µm or
 * mm) kept between CS_SCALE_BAR_MIN_PX and CS_SCALE_BAR_MAX_PX on screen,
 * drawn with cairo and pango in the view and burned into snapshots. When a
 * slide has no microns per pixel, the bar says so instead of guessing. */

#define PAD      6.0
#define BAR_H    4.0
#define TICK_H  10.0
#define GAP      4.0
#define FONT_PX 12.0

/**
 * cs_scale_bar_choose:
 * @um_per_px: microns per screen pixel; <= 0 when unknown
 * @length_um: (out): the bar's length in microns
 * @length_px: (out): the bar's length in screen pixels
 *
 * Picks the longest round length that fits in @max_px.
 *
 * Returns: %FALSE when the scale is unknown
 */
gboolean
cs_scale_bar_choose (double  um_per_px,
                     double  min_px,
                     double  max_px,
                     double *length_um,
                     double *length_px)
{
  static const double steps[] = { 5, 2, 1 };
  double limit, decade;

  if (!(um_per_px > 0) || !isfinite (um_per_px) || max_px <= 0)
    return FALSE;

  limit = max_px * um_per_px;
  decade = pow (10, floor (log10 (limit)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * decade <= limit * (1 + 1e-9))
      {
        *length_um = steps[i] * decade;
        *length_px = *length_um / um_per_px;
        return TRUE;
      }

  /* Unreachable: 1 × decade <= limit by construction. */
  *length_um = decade;
  *length_px = decade / um_per_px;
  return TRUE;
}

/**
 * cs_scale_bar_effective_mpp:
 * @mpp_x: microns per level-0 pixel across the slide, or 0
 * @mpp_y: microns per level-0 pixel down the slide, or 0
 * @rotation: the view's rotation in degrees
 *
 * Microns per level-0 pixel along the screen's horizontal, where the bar
 * lies: the slide's two scales mixed by the rotation. Divide by the zoom
 * for microns per device pixel.
 *
 * Returns: the scale, or 0 when unknown
 */
double
cs_scale_bar_effective_mpp (double mpp_x,
                            double mpp_y,
                            double rotation)
{
  double radians = rotation * G_PI / 180.0;

  if (!(mpp_x > 0) || !(mpp_y > 0))
    return 0;

  return hypot (mpp_x * cos (radians), mpp_y * sin (radians));
}

/**
 * cs_scale_bar_format_length:
 *
 * Returns: (transfer full): e.g. "50 µm", "0.5 µm", "1 mm", "2 mm"
 */
char *
cs_scale_bar_format_length (double length_um)
{
  if (length_um >= 1000)
    /* TRANSLATORS: a length in millimetres */
    return g_strdup_printf (_("%g mm"), length_um / 1000);

  /* TRANSLATORS: a length in micrometres */
  return g_strdup_printf (_("%g µm"), length_um);
}

/**
 * cs_scale_bar_format_position:
 * @x: level-0 x
 * @y: level-0 y
 * @mpp_x: microns per pixel across, or 0 when unknown
 *
 * Returns: (transfer full): the position in pixels, and in µm when known
 */
char *
cs_scale_bar_format_position (double x,
                              double y,
                              double mpp_x,
                              double mpp_y)
{
  if (mpp_x > 0 && mpp_y > 0)
    /* TRANSLATORS: a pointer position in slide pixels and in micrometres */
    return g_strdup_printf (_("%.0f, %.0f px · %.1f, %.1f µm"),
                            floor (x), floor (y), x * mpp_x, y * mpp_y);

  /* TRANSLATORS: a pointer position in slide pixels */
  return g_strdup_printf (_("%.0f, %.0f px"), floor (x), floor (y));
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      ui_scale)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");

  pango_font_description_set_absolute_size (font, FONT_PX * ui_scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static char *
label_for (double  um_per_px,
           double *bar_px)
{
  double length_um;

  if (!cs_scale_bar_choose (um_per_px, CS_SCALE_BAR_MIN_PX, CS_SCALE_BAR_MAX_PX,
                            &length_um, bar_px))
    {
      *bar_px = 0;
      return g_strdup (_("Scale unknown"));
    }

  return cs_scale_bar_format_length (length_um);
}

static void
layout_size (double  um_per_px,
             double  ui_scale,
             double *bar_px,
             double *text_w,
             double *text_h,
             char  **label)
{
  g_autoptr(cairo_surface_t) scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  g_autoptr(cairo_t) cr = cairo_create (scratch);
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle ink, logical;

  /* The bar's length in logical pixels sets the range; on screen it is
   * ui_scale times longer. */
  *label = label_for (um_per_px * ui_scale, bar_px);
  *bar_px *= ui_scale;
  layout = make_layout (cr, *label, ui_scale);
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  *text_w = logical.width;
  *text_h = logical.height;
}

/**
 * cs_scale_bar_measure:
 * @um_per_px: microns per device pixel; <= 0 when unknown
 * @ui_scale: device pixels per logical pixel
 *
 * The size of what cs_scale_bar_draw() draws, in device pixels.
 */
void
cs_scale_bar_measure (double  um_per_px,
                      double  ui_scale,
                      double *width,
                      double *height)
{
  g_autofree char *label = NULL;
  double bar_px, text_w, text_h;

  layout_size (um_per_px, ui_scale, &bar_px, &text_w, &text_h, &label);
  *width = MAX (bar_px, text_w) + 2 * PAD * ui_scale;
  *height = text_h + (bar_px > 0 ? (GAP + TICK_H) * ui_scale : 0) + 2 * PAD * ui_scale;
}

/**
 * cs_scale_bar_draw:
 * @x: left edge, device pixels
 * @y: top edge, device pixels
 * @um_per_px: microns per device pixel; <= 0 when unknown
 * @ui_scale: device pixels per logical pixel
 *
 * Draws the label over a bar with end ticks on a translucent dark backdrop,
 * readable over white glass and dark tissue alike.
 */
void
cs_scale_bar_draw (cairo_t *cr,
                   double   x,
                   double   y,
                   double   um_per_px,
                   double   ui_scale)
{
  g_autofree char *label = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double bar_px, text_w, text_h, width, height, pad = PAD * ui_scale;
  double bar_y, tick = TICK_H * ui_scale;

  layout_size (um_per_px, ui_scale, &bar_px, &text_w, &text_h, &label);
  cs_scale_bar_measure (um_per_px, ui_scale, &width, &height);

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  layout = make_layout (cr, label, ui_scale);
  cairo_move_to (cr, x + pad + (MAX (bar_px, text_w) - text_w) / 2, y + pad);
  pango_cairo_show_layout (cr, layout);

  if (bar_px > 0)
    {
      double left = x + pad + (MAX (bar_px, text_w) - bar_px) / 2;

      bar_y = y + pad + text_h + GAP * ui_scale;
      cairo_rectangle (cr, left, bar_y + tick - BAR_H * ui_scale, bar_px, BAR_H * ui_scale);
      cairo_rectangle (cr, left, bar_y, 2 * ui_scale, tick);
      cairo_rectangle (cr, left + bar_px - 2 * ui_scale, bar_y, 2 * ui_scale, tick);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}
