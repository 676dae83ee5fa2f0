/* cs-scale-bar-overlay.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-scale-bar-overlay"

#include "config.h"

#include "cs-scale-bar-overlay.h"

#include "cs-scale-bar.h"

#include <glib/gi18n.h>
#include <math.h>

/* The scale bar over a slide view: the core's cs_scale_bar_draw () (the
 * same drawing that is burned into snapshots) in device pixels, so that it
 * is crisp at every scale factor. The viewer sets the microns per device
 * pixel whenever the zoom changes; <= 0 means the slide has no scale, and
 * the bar says so. It takes no input: the view below gets the pointer. */

#define CORNER_RADIUS 6.0       /* logical pixels, as .cs-osd */

struct _CsScaleBarOverlay
{
  GtkWidget parent_instance;

  double    um_per_px;
  double    width;              /* device pixels, as last measured */
  double    height;
};

G_DEFINE_FINAL_TYPE (CsScaleBarOverlay, cs_scale_bar_overlay, GTK_TYPE_WIDGET)

static int
cs_scale_bar_overlay_get_scale (CsScaleBarOverlay *self)
{
  return MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
}

static void
cs_scale_bar_overlay_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  CsScaleBarOverlay *self = CS_SCALE_BAR_OVERLAY (widget);
  int scale = cs_scale_bar_overlay_get_scale (self);
  double width, height;

  cs_scale_bar_measure (self->um_per_px, scale, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = ceil (width / scale);
  else
    *minimum = *natural = ceil (height / scale);
}

/* Rounded like the other overlays (snapshots keep the core's square box). */
static void
cs_scale_bar_overlay_round_corners (cairo_t *cr,
                                    double   width,
                                    double   height,
                                    double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_clip (cr);
}

static void
cs_scale_bar_overlay_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CsScaleBarOverlay *self = CS_SCALE_BAR_OVERLAY (widget);
  int scale = cs_scale_bar_overlay_get_scale (self);
  double width, height;
  cairo_t *cr;

  cs_scale_bar_measure (self->um_per_px, scale, &width, &height);

  /* One cairo unit is one device pixel, as in the view. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, 1.0 / scale, 1.0 / scale);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, ceil (width), ceil (height)));
  cs_scale_bar_overlay_round_corners (cr, width, height, CORNER_RADIUS * scale);
  cs_scale_bar_draw (cr, 0, 0, self->um_per_px, scale);
  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);
}

static void
cs_scale_bar_overlay_update_label (CsScaleBarOverlay *self)
{
  g_autofree char *text = NULL;
  double length_um, length_px;

  if (cs_scale_bar_overlay_get_length (self, &length_um, &length_px))
    text = cs_scale_bar_format_length (length_um);
  else
    text = g_strdup (_("Scale unknown"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
on_scale_factor_changed_cb (CsScaleBarOverlay *self,
                            GParamSpec        *pspec,
                            gpointer           user_data)
{
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
cs_scale_bar_overlay_class_init (CsScaleBarOverlayClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = cs_scale_bar_overlay_measure;
  widget_class->snapshot = cs_scale_bar_overlay_snapshot;

  gtk_widget_class_set_css_name (widget_class, "scalebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cs_scale_bar_overlay_init (CsScaleBarOverlay *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);
  cs_scale_bar_overlay_update_label (self);
}

GtkWidget *
cs_scale_bar_overlay_new (void)
{
  return g_object_new (CS_TYPE_SCALE_BAR_OVERLAY, NULL);
}

double
cs_scale_bar_overlay_get_um_per_px (CsScaleBarOverlay *self)
{
  g_return_val_if_fail (CS_IS_SCALE_BAR_OVERLAY (self), 0);

  return self->um_per_px;
}

/**
 * cs_scale_bar_overlay_set_um_per_px:
 * @um_per_px: microns per device pixel on screen, or 0 when unknown
 */
void
cs_scale_bar_overlay_set_um_per_px (CsScaleBarOverlay *self,
                                    double             um_per_px)
{
  int scale;
  double width, height;

  g_return_if_fail (CS_IS_SCALE_BAR_OVERLAY (self));

  if (!(um_per_px > 0) || !isfinite (um_per_px))
    um_per_px = 0;
  if (self->um_per_px == um_per_px)
    return;

  self->um_per_px = um_per_px;
  cs_scale_bar_overlay_update_label (self);

  /* The bar's length changes with every zoom, its box less often. */
  scale = cs_scale_bar_overlay_get_scale (self);
  cs_scale_bar_measure (um_per_px, scale, &width, &height);
  if (ceil (width) != self->width || ceil (height) != self->height)
    {
      self->width = ceil (width);
      self->height = ceil (height);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  else
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/**
 * cs_scale_bar_overlay_get_length:
 * @length_um: (out): the length the bar shows, in µm
 * @length_px: (out): its length on screen, in logical pixels
 *
 * Returns: %FALSE when the scale is unknown (the bar says so)
 */
gboolean
cs_scale_bar_overlay_get_length (CsScaleBarOverlay *self,
                                 double            *length_um,
                                 double            *length_px)
{
  int scale;

  g_return_val_if_fail (CS_IS_SCALE_BAR_OVERLAY (self), FALSE);

  /* As cs_scale_bar_draw () chooses: the range is in logical pixels. */
  scale = cs_scale_bar_overlay_get_scale (self);

  return cs_scale_bar_choose (self->um_per_px * scale,
                              CS_SCALE_BAR_MIN_PX, CS_SCALE_BAR_MAX_PX,
                              length_um, length_px);
}
