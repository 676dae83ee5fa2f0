/* cs-slide-view-glide.c: the view gliding to a place
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-slide-view-private.h"

/* How long a glide takes, µs */
#define GLIDE_DURATION (450 * G_TIME_SPAN_MILLISECOND)

/* Ease out (cubic): fast at first, settling at the end. */
static double
ease (double t)
{
  double u = 1.0 - t;

  return 1.0 - u * u * u;
}

static void
glide_step (CsSlideView *self,
            double       t)
{
  double p[4];

  for (guint i = 0; i < 4; i++)
    p[i] = self->glide_from[i] + (self->glide_to[i] - self->glide_from[i]) * ease (t);
  /* move_to stops a kinetic pan, never a glide */
  cs_slide_view_move_to (self, p[0], p[1], exp (p[2]), fmod (p[3] + 360.0, 360.0));
}

static gboolean
glide_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t;

  if (self->glide_start == 0)
    self->glide_start = now;
  t = (double) (now - self->glide_start) / GLIDE_DURATION;
  glide_step (self, MIN (t, 1.0));
  if (t < 1.0)
    return G_SOURCE_CONTINUE;
  self->glide_tick = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
animations_enabled (CsSlideView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

void
cs_slide_view_glide_to (CsSlideView *self,
                        double       center_x,
                        double       center_y,
                        double       zoom,
                        double       rotation)
{
  double from_x, from_y, turn;

  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  cs_slide_view_stop_glide (self);
  if (self->slide == NULL || !animations_enabled (self))
    {
      cs_slide_view_move_to (self, center_x, center_y, zoom, rotation);
      return;
    }
  cs_viewport_get_center (&self->viewport, &from_x, &from_y);
  /* the shorter way round */
  turn = fmod (rotation - self->viewport.rotation + 540.0, 360.0) - 180.0;
  self->glide_from[0] = from_x;
  self->glide_from[1] = from_y;
  self->glide_from[2] = log (self->viewport.zoom);
  self->glide_from[3] = self->viewport.rotation;
  self->glide_to[0] = center_x;
  self->glide_to[1] = center_y;
  self->glide_to[2] = log (CLAMP (zoom, CS_VIEWPORT_MIN_ZOOM, CS_VIEWPORT_MAX_ZOOM));
  self->glide_to[3] = self->viewport.rotation + turn;
  self->glide_start = 0;
  self->glide_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), glide_tick_cb, NULL, NULL);
}

gboolean
cs_slide_view_is_gliding (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  return self->glide_tick != 0;
}

void
cs_slide_view_stop_glide (CsSlideView *self)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->glide_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->glide_tick);
  self->glide_tick = 0;
}
