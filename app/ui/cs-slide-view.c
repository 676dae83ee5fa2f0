/* cs-slide-view.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-view"

#include "config.h"

#include "cs-slide-view-private.h"

/* Shows a slide. The view owns the viewport (in device pixels), a tile
 * cache, a tile loader and a renderer; each frame it asks the core for a
 * render plan, requests the tiles the plan misses and lets the core's
 * cairo executor draw the plan into one cairo node. It does no I/O itself:
 * tiles arrive on the main thread through the loader's signals. Input
 * (drag, scroll, keys) is in cs-slide-view-input.c. */

#define TILE_CACHE_BYTES  ((gsize) 512 * 1024 * 1024)
#define MIN_ZOOM_OF_FIT   0.25
#define FIT_MARGIN        12     /* logical pixels */

/* A dark neutral grey around the slide: it frames the white glass and
 * tints no stain. */
static const GdkRGBA background = { 0x30 / 255.0, 0x30 / 255.0, 0x30 / 255.0, 1.0 };

G_DEFINE_FINAL_TYPE (CsSlideView, cs_slide_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SLIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOAD_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_slide_view_get_slide_size (CsSlideView *self,
                              double      *width,
                              double      *height)
{
  gint64 w = 0;
  gint64 h = 0;

  cs_slide_get_level_size (self->slide, 0, &w, &h);
  *width = w;
  *height = h;
}

/* The zoom that shows the whole slide with a margin of dark field around
 * it, so that its edges stand out from the window's. */
static double
cs_slide_view_get_fit_zoom (CsSlideView *self)
{
  int margin = FIT_MARGIN * MAX (self->scale_factor, 1);
  CsViewport inner = self->viewport;
  double width;
  double height;

  if (self->slide == NULL || self->viewport.width <= 0 || self->viewport.height <= 0)
    return 1.0;

  cs_slide_view_get_slide_size (self, &width, &height);
  if (width <= 0 || height <= 0)
    return 1.0;

  inner.width = MAX (self->viewport.width - 2 * margin, 1);
  inner.height = MAX (self->viewport.height - 2 * margin, 1);
  cs_viewport_fit (&inner, width, height);

  return inner.zoom;
}

static void
cs_slide_view_viewport_changed (CsSlideView *self)
{
  self->complete = FALSE;
  _cs_slide_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keeps the zoom in range and the slide in sight: the view's centre stays
 * on the slide, and along a side where the whole slide fits, the slide is
 * centred. */
static void
cs_slide_view_clamp (CsSlideView *self)
{
  double min_zoom, max_zoom;
  double width, height;
  double cx, cy, x, y;

  if (self->slide == NULL)
    return;

  cs_slide_view_get_zoom_range (self, &min_zoom, &max_zoom);
  cs_viewport_get_center (&self->viewport, &cx, &cy);
  if (self->viewport.zoom < min_zoom || self->viewport.zoom > max_zoom)
    {
      self->viewport.zoom = CLAMP (self->viewport.zoom, min_zoom, max_zoom);
      cs_viewport_set_center (&self->viewport, cx, cy);
    }

  cs_slide_view_get_slide_size (self, &width, &height);
  x = width * self->viewport.zoom <= self->viewport.width ? width / 2 : CLAMP (cx, 0, width);
  y = height * self->viewport.zoom <= self->viewport.height ? height / 2 : CLAMP (cy, 0, height);
  if (x != cx || y != cy)
    cs_viewport_set_center (&self->viewport, x, y);
}

static void
cs_slide_view_fit (CsSlideView *self)
{
  double min_zoom, max_zoom;
  double width, height;

  self->best_fit = TRUE;
  if (self->viewport.width <= 0 || self->viewport.height <= 0)
    return;

  cs_slide_view_get_slide_size (self, &width, &height);
  cs_slide_view_get_zoom_range (self, &min_zoom, &max_zoom);
  self->viewport.zoom = MIN (cs_slide_view_get_fit_zoom (self), max_zoom);
  cs_viewport_set_center (&self->viewport, width / 2, height / 2);
}

static void
on_loader_tile_loaded_cb (CsSlideView *self,
                          CsTile      *tile,
                          CsTileLoader *loader)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_loader_tile_failed_cb (CsSlideView  *self,
                          gpointer      key,
                          const GError *error,
                          CsTileLoader *loader)
{
  if (self->failed)
    return;

  /* The slide is now failed for good: stop reading and draw nothing more,
   * rather than tiles of zeros. */
  self->failed = TRUE;
  cs_tile_loader_cancel (loader);
  cs_slide_view_viewport_changed (self);

  g_signal_emit (self, signals[LOAD_FAILED], 0, error);
}

static void
cs_slide_view_unload (CsSlideView *self)
{
  if (self->loader != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->loader, self);
      cs_tile_loader_cancel (self->loader);
    }

  g_clear_object (&self->loader);
  g_clear_object (&self->cache);
  g_clear_object (&self->slide);
  cs_renderer_clear (self->renderer);
  self->failed = FALSE;
}

static void
cs_slide_view_load (CsSlideView *self,
                    CsSlide     *slide)
{
  const char *name = cs_slide_get_display_name (slide);

  self->slide = g_object_ref (slide);
  self->cache = cs_tile_cache_new (TILE_CACHE_BYTES);
  /* The overview that stands in for missing tiles is never evicted. */
  cs_tile_cache_set_pinned_min_level (self->cache,
                                      cs_tile_source_get_pinnable_level (CS_TILE_SOURCE (slide),
                                                                         TILE_CACHE_BYTES));

  self->loader = cs_tile_loader_new (CS_TILE_SOURCE (slide), self->cache, 0);
  g_signal_connect_object (self->loader, "tile-loaded",
                           G_CALLBACK (on_loader_tile_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->loader, "tile-failed",
                           G_CALLBACK (on_loader_tile_failed_cb), self, G_CONNECT_SWAPPED);

  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);

  cs_slide_view_fit (self);
}

static void
cs_slide_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  double cx, cy;

  if (self->viewport.width == width * scale &&
      self->viewport.height == height * scale &&
      self->scale_factor == scale)
    return;

  /* Keep what is under the centre, at the same size on screen. */
  cs_viewport_get_center (&self->viewport, &cx, &cy);
  if (self->scale_factor > 0 && scale != self->scale_factor)
    self->viewport.zoom *= (double) scale / self->scale_factor;

  self->scale_factor = scale;
  self->viewport.width = width * scale;
  self->viewport.height = height * scale;

  if (self->slide == NULL)
    return;

  if (self->best_fit)
    {
      cs_slide_view_fit (self);
    }
  else
    {
      cs_viewport_set_center (&self->viewport, cx, cy);
      cs_slide_view_clamp (self);
    }

  cs_slide_view_viewport_changed (self);
}

static void
cs_slide_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CsSlideView *self = CS_SLIDE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  g_autoptr(CsRenderPlan) plan = NULL;
  g_autoptr(GArray) requests = NULL;
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->slide == NULL || self->failed ||
      self->viewport.width <= 0 || self->viewport.height <= 0)
    return;

  plan = cs_render_plan_compute (&self->viewport, CS_TILE_SOURCE (self->slide), self->cache);
  requests = cs_render_plan_get_requests (plan);
  cs_tile_loader_request (self->loader, requests);
  self->complete = plan->complete;

  /* One cairo unit is one device pixel (STYLE.md §4.4, item 5). */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, 1.0 / scale, 1.0 / scale);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0,
                                                       self->viewport.width,
                                                       self->viewport.height));
  cs_renderer_draw (self->renderer, plan, cr);
  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);
}

static void
cs_slide_view_dispose (GObject *object)
{
  CsSlideView *self = CS_SLIDE_VIEW (object);

  cs_slide_view_unload (self);

  G_OBJECT_CLASS (cs_slide_view_parent_class)->dispose (object);
}

static void
cs_slide_view_finalize (GObject *object)
{
  CsSlideView *self = CS_SLIDE_VIEW (object);

  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (cs_slide_view_parent_class)->finalize (object);
}

static void
cs_slide_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsSlideView *self = CS_SLIDE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      g_value_set_object (value, self->slide);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CsSlideView *self = CS_SLIDE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      cs_slide_view_set_slide (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_view_class_init (CsSlideViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_slide_view_dispose;
  object_class->finalize = cs_slide_view_finalize;
  object_class->get_property = cs_slide_view_get_property;
  object_class->set_property = cs_slide_view_set_property;

  widget_class->size_allocate = cs_slide_view_size_allocate;
  widget_class->snapshot = cs_slide_view_snapshot;

  /**
   * CsSlideView:slide:
   *
   * The slide shown, or %NULL for an empty view.
   */
  properties[PROP_SLIDE] =
    g_param_spec_object ("slide", NULL, NULL,
                         CS_TYPE_SLIDE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsSlideView::load-failed:
   * @error: why a tile could not be read; it names the slide
   *
   * The slide failed while its tiles were read. The view then draws
   * nothing more of it.
   */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_css_name (widget_class, "slideview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  _cs_slide_view_class_input_init (widget_class);
}

static void
cs_slide_view_init (CsSlideView *self)
{
  self->renderer = cs_renderer_new ();
  cs_viewport_init (&self->viewport, 0, 0, 1.0, 0, 0);
  self->best_fit = TRUE;
  self->pointer_x = -1;
  self->pointer_y = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  _cs_slide_view_input_init (self);
  _cs_slide_view_update_actions (self);
}

GtkWidget *
cs_slide_view_new (void)
{
  return g_object_new (CS_TYPE_SLIDE_VIEW, NULL);
}

/**
 * cs_slide_view_get_slide:
 *
 * Returns: (transfer none) (nullable): the slide shown
 */
CsSlide *
cs_slide_view_get_slide (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), NULL);

  return self->slide;
}

/**
 * cs_slide_view_set_slide:
 * @slide: (nullable): the slide to show
 *
 * Shows @slide whole, fitted to the view, and starts loading its tiles.
 */
void
cs_slide_view_set_slide (CsSlideView *self,
                         CsSlide     *slide)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));
  g_return_if_fail (slide == NULL || CS_IS_SLIDE (slide));

  if (self->slide == slide)
    return;

  cs_slide_view_unload (self);
  if (slide != NULL)
    cs_slide_view_load (self, slide);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);

  cs_slide_view_viewport_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

/**
 * cs_slide_view_get_viewport:
 * @viewport: (out): what the view shows, in device pixels
 */
void
cs_slide_view_get_viewport (CsSlideView *self,
                            CsViewport  *viewport)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));
  g_return_if_fail (viewport != NULL);

  *viewport = self->viewport;
}

/**
 * cs_slide_view_set_viewport:
 * @viewport: the origin and zoom to show
 *
 * Moves the view to @viewport's origin and zoom, clamped to the allowed
 * range. Its width and height are ignored: they follow the widget.
 */
void
cs_slide_view_set_viewport (CsSlideView      *self,
                            const CsViewport *viewport)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));
  g_return_if_fail (viewport != NULL);

  self->viewport.x = viewport->x;
  self->viewport.y = viewport->y;
  self->viewport.zoom = viewport->zoom;
  self->best_fit = FALSE;
  cs_slide_view_clamp (self);
  cs_slide_view_viewport_changed (self);
}

/**
 * cs_slide_view_get_zoom_range:
 * @min_zoom: (out): the whole slide at a quarter of the size that fits
 * @max_zoom: (out): %CS_SLIDE_VIEW_MAX_ZOOM
 *
 * The zooms the view allows, in device pixels per level-0 pixel.
 */
void
cs_slide_view_get_zoom_range (CsSlideView *self,
                              double      *min_zoom,
                              double      *max_zoom)
{
  double max = MIN (CS_SLIDE_VIEW_MAX_ZOOM, CS_VIEWPORT_MAX_ZOOM);

  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  *max_zoom = max;
  *min_zoom = CLAMP (cs_slide_view_get_fit_zoom (self) * MIN_ZOOM_OF_FIT,
                     CS_VIEWPORT_MIN_ZOOM, max);
}

/**
 * cs_slide_view_zoom_at:
 * @zoom: the zoom wanted, in device pixels per level-0 pixel; clamped
 * @x: the anchor, in widget coordinates
 * @y: the anchor, in widget coordinates
 *
 * Zooms so that the part of the slide under (@x, @y) stays there.
 */
void
cs_slide_view_zoom_at (CsSlideView *self,
                       double       zoom,
                       double       x,
                       double       y)
{
  double min_zoom, max_zoom;
  int scale;

  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->slide == NULL)
    return;

  scale = MAX (self->scale_factor, 1);
  cs_slide_view_get_zoom_range (self, &min_zoom, &max_zoom);
  cs_viewport_zoom_at (&self->viewport, CLAMP (zoom, min_zoom, max_zoom), x * scale, y * scale);
  self->best_fit = FALSE;
  cs_slide_view_clamp (self);
  cs_slide_view_viewport_changed (self);
}

/**
 * cs_slide_view_zoom_to_fit:
 *
 * Shows the whole slide, centred, as large as fits inside a narrow margin;
 * the view keeps it so when resized, until zoomed or moved.
 */
void
cs_slide_view_zoom_to_fit (CsSlideView *self)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  if (self->slide == NULL)
    return;

  cs_slide_view_fit (self);
  cs_slide_view_viewport_changed (self);
}

/**
 * cs_slide_view_is_complete:
 *
 * Returns: %TRUE when the last frame drew every visible tile at the
 *   wanted level and no tile is waiting to be read
 */
gboolean
cs_slide_view_is_complete (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  return self->slide != NULL &&
         !self->failed &&
         self->complete &&
         !cs_tile_loader_is_busy (self->loader);
}

/**
 * cs_slide_view_get_background:
 * @color: (out): the colour painted where there is no slide
 */
void
cs_slide_view_get_background (CsSlideView *self,
                              GdkRGBA     *color)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));
  g_return_if_fail (color != NULL);

  *color = background;
}

void
_cs_slide_view_set_center (CsSlideView *self,
                           double       center_x,
                           double       center_y)
{
  g_assert (CS_IS_SLIDE_VIEW (self));

  if (self->slide == NULL)
    return;

  cs_viewport_set_center (&self->viewport, center_x, center_y);
  self->best_fit = FALSE;
  cs_slide_view_clamp (self);
  cs_slide_view_viewport_changed (self);
}
