/* cs-live-overlay.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-overlay"

#include "config.h"

#include <math.h>

#include "cs-live-overlay.h"

/* The other person's pointer and pings, drawn in cairo over the view:
 * the points are level-0 pixels, turned into the view's widget
 * coordinates (cs_viewport_to_screen, then out of device pixels) and
 * from there into the overlay's. The overlay redraws on the view's
 * "viewport-changed" and, while a ping's rings grow, every frame. */

/* Inset of an off-screen ping's arrow from the view's edge. */
#define EDGE_INSET 28.0

typedef struct
{
  double x;
  double y;
  gint64 start;  /* monotonic µs */
} Ping;

struct _CsLiveOverlay
{
  GtkWidget    parent_instance;

  /* Owned References */
  CsSlideView *view;
  char        *name;
  GArray      *pings;

  double       pointer_x;
  double       pointer_y;
  guint        pointer_visible : 1;
  guint        hide_source;
  guint        expire_source;
  guint        tick;
};

G_DEFINE_FINAL_TYPE (CsLiveOverlay, cs_live_overlay, GTK_TYPE_WIDGET)

void
cs_live_overlay_get_color (GdkRGBA *color)
{
  /* magenta: no annotation class or author colour uses it */
  *color = (GdkRGBA) { 0xd0 / 255.0, 0x1c / 255.0, 0xc8 / 255.0, 1.0 };
}

/* @x, @y: level-0 → overlay coordinates; FALSE without a view. */
static gboolean
cs_live_overlay_to_widget (CsLiveOverlay *self,
                           double         x,
                           double         y,
                           double        *wx,
                           double        *wy)
{
  CsViewport viewport;
  int scale;
  double sx, sy;

  if (self->view == NULL || cs_slide_view_get_slide (self->view) == NULL)
    return FALSE;
  cs_slide_view_get_viewport (self->view, &viewport);
  if (viewport.width <= 0 || viewport.height <= 0)
    return FALSE;
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->view));
  cs_viewport_to_screen (&viewport, x, y, &sx, &sy);
  return gtk_widget_translate_coordinates (GTK_WIDGET (self->view), GTK_WIDGET (self),
                                           sx / scale, sy / scale, wx, wy);
}

static gboolean
cs_live_overlay_view_bounds (CsLiveOverlay   *self,
                             graphene_rect_t *bounds)
{
  double x0, y0;

  if (self->view == NULL ||
      !gtk_widget_translate_coordinates (GTK_WIDGET (self->view), GTK_WIDGET (self), 0, 0,
                                         &x0, &y0))
    return FALSE;
  graphene_rect_init (bounds, x0, y0, gtk_widget_get_width (GTK_WIDGET (self->view)),
                      gtk_widget_get_height (GTK_WIDGET (self->view)));
  return bounds->size.width > 0 && bounds->size.height > 0;
}

static void
draw_pointer (CsLiveOverlay *self,
              cairo_t       *cr,
              double         x,
              double         y)
{
  static const double arrow[][2] = { { 0, 0 }, { 0, 20 }, { 5, 15.5 }, { 8.5, 23 },
                                     { 12, 21.5 }, { 8.5, 14 }, { 14.5, 14 } };
  PangoLayout *layout;
  PangoRectangle extents;
  GdkRGBA color;

  cs_live_overlay_get_color (&color);
  cairo_new_path (cr);
  for (guint i = 0; i < G_N_ELEMENTS (arrow); i++)
    cairo_line_to (cr, x + arrow[i][0], y + arrow[i][1]);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  if (self->name == NULL || *self->name == '\0')
    return;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->name);
  pango_layout_get_pixel_extents (layout, NULL, &extents);
  cairo_new_path (cr);
  cairo_rectangle (cr, x + 14, y + 20, extents.width + 12, extents.height + 6);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill (cr);
  cairo_move_to (cr, x + 20, y + 23);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_rings (cairo_t *cr,
            double   x,
            double   y,
            double   t)
{
  GdkRGBA color;

  cs_live_overlay_get_color (&color);
  for (guint i = 0; i < 3; i++)
    {
      double u = fmod (t * 1.5 + i / 3.0, 1.0);

      cairo_new_path (cr);
      cairo_arc (cr, x, y, 8 + 52 * u, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8 * (1 - u) * (1 - t));
      cairo_set_line_width (cr, 5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, (1 - u) * (1 - t));
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }
}

/* An arrow just inside the view's edge, pointing toward (x, y). */
static void
draw_edge_arrow (cairo_t               *cr,
                 const graphene_rect_t *bounds,
                 double                 x,
                 double                 y)
{
  double cx = bounds->origin.x + bounds->size.width / 2;
  double cy = bounds->origin.y + bounds->size.height / 2;
  double dx = x - cx, dy = y - cy;
  double half_w = MAX (bounds->size.width / 2 - EDGE_INSET, 1);
  double half_h = MAX (bounds->size.height / 2 - EDGE_INSET, 1);
  double k = MIN (half_w / MAX (fabs (dx), 1e-9), half_h / MAX (fabs (dy), 1e-9));
  double angle = atan2 (dy, dx);
  GdkRGBA color;

  cs_live_overlay_get_color (&color);
  cairo_save (cr);
  cairo_translate (cr, cx + dx * k, cy + dy * k);
  cairo_rotate (cr, angle);
  cairo_new_path (cr);
  cairo_move_to (cr, 18, 0);
  cairo_line_to (cr, -10, -13);
  cairo_line_to (cr, -4, 0);
  cairo_line_to (cr, -10, 13);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
cs_live_overlay_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CsLiveOverlay *self = CS_LIVE_OVERLAY (widget);
  gint64 now = g_get_monotonic_time ();
  graphene_rect_t bounds;
  cairo_t *cr;
  double x, y;

  if ((!self->pointer_visible && self->pings->len == 0) ||
      !cs_live_overlay_view_bounds (self, &bounds))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_rectangle (cr, bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
  cairo_clip (cr);
  for (guint i = 0; i < self->pings->len; i++)
    {
      Ping *ping = &g_array_index (self->pings, Ping, i);
      double t = CLAMP ((double) (now - ping->start) / (CS_LIVE_PING_MS * 1000.0), 0.0, 1.0);

      if (!cs_live_overlay_to_widget (self, ping->x, ping->y, &x, &y))
        continue;
      if (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)))
        draw_rings (cr, x, y, t);
      else
        draw_edge_arrow (cr, &bounds, x, y);
    }
  if (self->pointer_visible &&
      cs_live_overlay_to_widget (self, self->pointer_x, self->pointer_y, &x, &y))
    draw_pointer (self, cr, x, y);
  cairo_destroy (cr);
}

static gboolean
cs_live_overlay_tick_cb (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       data)
{
  CsLiveOverlay *self = CS_LIVE_OVERLAY (widget);

  gtk_widget_queue_draw (widget);
  if (self->pings->len > 0)
    return G_SOURCE_CONTINUE;
  self->tick = 0;
  return G_SOURCE_REMOVE;
}

static void
on_viewport_changed_cb (CsLiveOverlay *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cs_live_overlay_set_view (CsLiveOverlay *self,
                          CsSlideView   *view)
{
  g_return_if_fail (CS_IS_LIVE_OVERLAY (self));
  g_return_if_fail (view == NULL || CS_IS_SLIDE_VIEW (view));

  if (self->view == view)
    return;
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    g_signal_connect_object (view, "viewport-changed", G_CALLBACK (on_viewport_changed_cb),
                             self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
cs_live_overlay_hide_cb (gpointer data)
{
  CsLiveOverlay *self = data;

  self->hide_source = 0;
  self->pointer_visible = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

void
cs_live_overlay_set_pointer (CsLiveOverlay *self,
                             double         x,
                             double         y,
                             gboolean       visible,
                             const char    *name)
{
  g_return_if_fail (CS_IS_LIVE_OVERLAY (self));

  g_clear_handle_id (&self->hide_source, g_source_remove);
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_visible = !!visible;
  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
    }
  if (visible)
    self->hide_source = g_timeout_add (CS_LIVE_POINTER_HIDE_MS, cs_live_overlay_hide_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
cs_live_overlay_expire_cb (gpointer data)
{
  CsLiveOverlay *self = data;
  gint64 now = g_get_monotonic_time ();

  while (self->pings->len > 0 &&
         now - g_array_index (self->pings, Ping, 0).start >= CS_LIVE_PING_MS * 1000)
    g_array_remove_index (self->pings, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->pings->len > 0)
    {
      gint64 left = g_array_index (self->pings, Ping, 0).start + CS_LIVE_PING_MS * 1000 - now;

      self->expire_source = g_timeout_add (MAX (left / 1000, 1), cs_live_overlay_expire_cb, self);
    }
  else
    self->expire_source = 0;
  return G_SOURCE_REMOVE;
}

void
cs_live_overlay_add_ping (CsLiveOverlay *self,
                          double         x,
                          double         y)
{
  Ping ping = { x, y, g_get_monotonic_time () };

  g_return_if_fail (CS_IS_LIVE_OVERLAY (self));

  g_array_append_val (self->pings, ping);
  if (self->expire_source == 0)
    self->expire_source = g_timeout_add (CS_LIVE_PING_MS, cs_live_overlay_expire_cb, self);
  if (self->tick == 0)
    self->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), cs_live_overlay_tick_cb,
                                               NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cs_live_overlay_clear (CsLiveOverlay *self)
{
  g_return_if_fail (CS_IS_LIVE_OVERLAY (self));

  g_clear_handle_id (&self->hide_source, g_source_remove);
  g_clear_handle_id (&self->expire_source, g_source_remove);
  self->pointer_visible = FALSE;
  g_array_set_size (self->pings, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cs_live_overlay_get_pointer (CsLiveOverlay *self,
                             double        *x,
                             double        *y)
{
  g_return_val_if_fail (CS_IS_LIVE_OVERLAY (self), FALSE);

  if (x != NULL)
    *x = self->pointer_x;
  if (y != NULL)
    *y = self->pointer_y;
  return self->pointer_visible;
}

const char *
cs_live_overlay_get_name (CsLiveOverlay *self)
{
  g_return_val_if_fail (CS_IS_LIVE_OVERLAY (self), NULL);

  return self->name;
}

guint
cs_live_overlay_get_n_pings (CsLiveOverlay *self)
{
  g_return_val_if_fail (CS_IS_LIVE_OVERLAY (self), 0);

  return self->pings->len;
}

static void
cs_live_overlay_dispose (GObject *object)
{
  CsLiveOverlay *self = CS_LIVE_OVERLAY (object);

  g_clear_handle_id (&self->hide_source, g_source_remove);
  g_clear_handle_id (&self->expire_source, g_source_remove);
  if (self->tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick);
  self->tick = 0;
  cs_live_overlay_set_view (self, NULL);

  G_OBJECT_CLASS (cs_live_overlay_parent_class)->dispose (object);
}

static void
cs_live_overlay_finalize (GObject *object)
{
  CsLiveOverlay *self = CS_LIVE_OVERLAY (object);

  g_free (self->name);
  g_array_unref (self->pings);

  G_OBJECT_CLASS (cs_live_overlay_parent_class)->finalize (object);
}

static void
cs_live_overlay_class_init (CsLiveOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_live_overlay_dispose;
  object_class->finalize = cs_live_overlay_finalize;
  widget_class->snapshot = cs_live_overlay_snapshot;
}

static void
cs_live_overlay_init (CsLiveOverlay *self)
{
  self->pings = g_array_new (FALSE, FALSE, sizeof (Ping));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cs_live_overlay_new (void)
{
  return g_object_new (CS_TYPE_LIVE_OVERLAY, NULL);
}
