/* cs-slide-view.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-view"

#include "config.h"

#include "cs-slide-view-private.h"

/* Shows a slide. The view owns the viewport (in device pixels, possibly
 * rotated), a tile cache, a tile loader and a renderer; each frame it asks
 * the core for a render plan, requests the tiles the plan misses and lets
 * the core's cairo executor draw the plan into one cairo node. It does no
 * I/O itself: tiles arrive on the main thread through the loader's
 * signals. A tile that cannot be read is drawn by the core as a marked
 * error area and reported once per distinct error; the view keeps going.
 * Zoom, fit, rotation and moves are in cs-slide-view-zoom.c, gestures in
 * cs-slide-view-input.c, actions and keys in cs-slide-view-actions.c. */

#define MIN_CACHE_MB      16
#define MAX_CACHE_MB      65536

/* A dark neutral grey around the slide: it frames the white glass and
 * tints no stain. */
static const GdkRGBA background = { 0x30 / 255.0, 0x30 / 255.0, 0x30 / 255.0, 1.0 };

G_DEFINE_FINAL_TYPE (CsSlideView, cs_slide_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SLIDE,
  PROP_ROTATION,
  PROP_TILE_CACHE_MB,
  PROP_ALIGNING,
  PROP_ANNOTATION_LIST,
  PROP_ANNOTATION_EDITOR,
  PROP_CLASS_TABLE,
  PROP_SHOW_ANNOTATION_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  VIEWPORT_CHANGED,
  TILE_FAILED,
  FIRST_FRAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cs_slide_view_emit_changed (CsSlideView *self)
{
  g_clear_handle_id (&self->changed_source, g_source_remove);

  if (self->notified_rotation != self->viewport.rotation)
    {
      self->notified_rotation = self->viewport.rotation;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
    }

  g_signal_emit (self, signals[VIEWPORT_CHANGED], 0);
}

static gboolean
cs_slide_view_emit_changed_cb (gpointer user_data)
{
  CsSlideView *self = CS_SLIDE_VIEW (user_data);

  self->changed_source = 0;
  cs_slide_view_emit_changed (self);

  return G_SOURCE_REMOVE;
}

void
_cs_slide_view_viewport_changed (CsSlideView *self)
{
  self->complete = FALSE;
  _cs_slide_view_annotations_update (self);
  _cs_slide_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  cs_slide_view_emit_changed (self);
}

/* From size_allocate: handlers resize labels and move other views, which
 * must not happen while GTK allocates (the window would draw widgets that
 * lost their allocation). They hear of it right after this frame. */
static void
cs_slide_view_viewport_changed_later (CsSlideView *self)
{
  self->complete = FALSE;
  _cs_slide_view_annotations_update (self);
  _cs_slide_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* Above the frame clock, as "first-frame": an animation elsewhere in
   * the window would starve a default idle. */
  if (self->changed_source == 0)
    self->changed_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                            cs_slide_view_emit_changed_cb, self, NULL);
}

static void
on_loader_tile_loaded_cb (CsSlideView  *self,
                          CsTile       *tile,
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
  /* The plan now has an error item there: draw it, and go on with the
   * rest of the slide. */
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (error == NULL || !g_hash_table_add (self->reported, g_strdup (error->message)))
    return;

  g_signal_emit (self, signals[TILE_FAILED], 0, error);
}

static gsize
cs_slide_view_get_cache_bytes (CsSlideView *self)
{
  return (gsize) self->tile_cache_mb * 1024 * 1024;
}

/* The overview that stands in for missing tiles is never evicted. */
static void
cs_slide_view_configure_cache (CsSlideView *self)
{
  gsize bytes = cs_slide_view_get_cache_bytes (self);
  gint32 level = cs_tile_source_get_pinnable_level (CS_TILE_SOURCE (self->slide), bytes);

  cs_tile_cache_set_max_bytes (self->cache, bytes);
  cs_tile_cache_set_pinned_min_level (self->cache, level);
}

/* Drops every tile read so far; reads in flight are discarded. */
static void
cs_slide_view_stop_tiles (CsSlideView *self)
{
  if (self->loader != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->loader, self);
      cs_tile_loader_cancel (self->loader);
    }

  g_clear_object (&self->loader);
  g_clear_object (&self->cache);
  g_hash_table_remove_all (self->reported);
  cs_renderer_clear (self->renderer);
}

static void
cs_slide_view_start_tiles (CsSlideView *self)
{
  GPtrArray *overview = cs_slide_get_overview (self->slide);

  self->cache = cs_tile_cache_new (cs_slide_view_get_cache_bytes (self));
  cs_slide_view_configure_cache (self);
  /* Read while the slide opened: the first frame shows the whole slide. */
  for (guint i = 0; i < overview->len; i++)
    cs_tile_cache_insert (self->cache, g_ptr_array_index (overview, i));

  self->loader = cs_tile_loader_new (CS_TILE_SOURCE (self->slide), self->cache, 0);
  g_signal_connect_object (self->loader, "tile-loaded",
                           G_CALLBACK (on_loader_tile_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->loader, "tile-failed",
                           G_CALLBACK (on_loader_tile_failed_cb), self, G_CONNECT_SWAPPED);
  /* A remote slide's tiles that failed are asked for again. */
  g_signal_connect_object (self->loader, "failures-expired",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

/* The colour profile was switched on or off: every tile is read again. */
static void
on_slide_color_changed_cb (CsSlideView *self)
{
  cs_slide_view_stop_tiles (self);
  cs_slide_view_start_tiles (self);
  _cs_slide_view_viewport_changed (self);
}

static void
cs_slide_view_unload (CsSlideView *self)
{
  cs_slide_view_stop_tiles (self);
  g_clear_handle_id (&self->first_frame_source, g_source_remove);
  if (self->slide != NULL)
    g_signal_handlers_disconnect_by_data (self->slide, self);
  g_clear_object (&self->slide);
  self->first_frame = FALSE;
}

static void
cs_slide_view_load (CsSlideView *self,
                    CsSlide     *slide)
{
  const char *name = cs_slide_get_display_name (slide);

  self->slide = g_object_ref (slide);
  cs_slide_view_start_tiles (self);
  g_signal_connect_object (slide, "notify::apply-color-profile",
                           G_CALLBACK (on_slide_color_changed_cb), self, G_CONNECT_SWAPPED);

  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);

  cs_viewport_set_rotation (&self->viewport, 0);
  _cs_slide_view_fit (self);
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
  cs_viewport_set_center (&self->viewport, cx, cy);

  if (self->slide == NULL)
    return;

  if (self->best_fit)
    _cs_slide_view_fit (self);
  else
    _cs_slide_view_clamp (self);

  cs_slide_view_viewport_changed_later (self);
}

static gboolean
cs_slide_view_emit_first_frame_cb (gpointer user_data)
{
  CsSlideView *self = CS_SLIDE_VIEW (user_data);

  self->first_frame_source = 0;
  g_signal_emit (self, signals[FIRST_FRAME], 0);

  return G_SOURCE_REMOVE;
}

/* "first-frame" goes out from the main loop, not from inside the
 * snapshot, where its handlers must not change widgets. */
static void
cs_slide_view_check_first_frame (CsSlideView        *self,
                                 const CsRenderPlan *plan)
{
  if (self->first_frame)
    return;

  for (guint i = 0; i < plan->draw->len; i++)
    {
      if (g_array_index (plan->draw, CsDrawItem, i).tile != NULL)
        {
          self->first_frame = TRUE;
          /* Above the frame clock (GDK_PRIORITY_REDRAW): a running spinner
           * elsewhere in the window would starve a default idle. */
          self->first_frame_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                                      cs_slide_view_emit_first_frame_cb,
                                                      self, NULL);
          return;
        }
    }
}

static gboolean
cs_slide_view_redraw_cb (gpointer user_data)
{
  CsSlideView *self = CS_SLIDE_VIEW (user_data);

  self->redraw_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
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

  if (self->slide == NULL || self->viewport.width <= 0 || self->viewport.height <= 0)
    return;

  plan = cs_render_plan_compute (&self->viewport, CS_TILE_SOURCE (self->slide), self->cache);
  requests = cs_render_plan_get_requests (plan);
  cs_tile_loader_request (self->loader, requests);

  /* One cairo unit is one device pixel (STYLE.md §4.4, item 5). */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, 1.0 / scale, 1.0 / scale);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0,
                                                       self->viewport.width,
                                                       self->viewport.height));
  cs_renderer_draw (self->renderer, plan, cr);
  cairo_destroy (cr);
  /* Final only once every shrunk tile was drawn from its scaled copy. */
  self->complete = plan->complete && !cs_renderer_has_pending_copies (self->renderer);
  _cs_slide_view_snapshot_annotations (self, snapshot);
  gtk_snapshot_restore (snapshot);

  cs_slide_view_check_first_frame (self, plan);

  /* The frame ran out of time for scaled tile copies: the next one makes
   * the rest (a draw cannot be queued from inside the snapshot). */
  if (cs_renderer_has_pending_copies (self->renderer) && self->redraw_source == 0)
    self->redraw_source = g_idle_add (cs_slide_view_redraw_cb, self);
}

static void
cs_slide_view_dispose (GObject *object)
{
  CsSlideView *self = CS_SLIDE_VIEW (object);

  cs_slide_view_stop_kinetic (self);
  cs_slide_view_stop_glide (self);
  cs_slide_view_unload (self);
  _cs_slide_view_annotations_dispose (self);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  g_clear_handle_id (&self->redraw_source, g_source_remove);

  G_OBJECT_CLASS (cs_slide_view_parent_class)->dispose (object);
}

static void
cs_slide_view_finalize (GObject *object)
{
  CsSlideView *self = CS_SLIDE_VIEW (object);

  g_clear_object (&self->renderer);
  g_clear_pointer (&self->reported, g_hash_table_unref);

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

    case PROP_ROTATION:
      g_value_set_double (value, self->viewport.rotation);
      break;

    case PROP_TILE_CACHE_MB:
      g_value_set_uint (value, self->tile_cache_mb);
      break;

    case PROP_ALIGNING:
      g_value_set_boolean (value, self->aligning);
      break;

    case PROP_ANNOTATION_LIST:
      g_value_set_object (value, self->annotations);
      break;

    case PROP_ANNOTATION_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    case PROP_CLASS_TABLE:
      g_value_set_object (value, self->classes);
      break;

    case PROP_SHOW_ANNOTATION_LABELS:
      g_value_set_boolean (value, self->show_labels);
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

    case PROP_ROTATION:
      cs_slide_view_set_rotation (self, g_value_get_double (value));
      break;

    case PROP_TILE_CACHE_MB:
      cs_slide_view_set_tile_cache_mb (self, g_value_get_uint (value));
      break;

    case PROP_ANNOTATION_LIST:
      cs_slide_view_set_annotations (self, g_value_get_object (value), self->editor,
                                     self->classes);
      break;

    case PROP_ANNOTATION_EDITOR:
      cs_slide_view_set_annotations (self, self->annotations, g_value_get_object (value),
                                     self->classes);
      break;

    case PROP_CLASS_TABLE:
      cs_slide_view_set_annotations (self, self->annotations, self->editor,
                                     g_value_get_object (value));
      break;

    case PROP_SHOW_ANNOTATION_LABELS:
      cs_slide_view_set_show_annotation_labels (self, g_value_get_boolean (value));
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

  properties[PROP_SLIDE] =
    g_param_spec_object ("slide", NULL, NULL,
                         CS_TYPE_SLIDE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CsSlideView:rotation:
   *
   * How far the slide is turned clockwise on screen, in degrees
   * (0 <= rotation < 360), about the view's centre.
   */
  properties[PROP_ROTATION] =
    g_param_spec_double ("rotation", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CsSlideView:tile-cache-mb:
   *
   * The memory the view may use for decoded tiles, in MiB.
   */
  properties[PROP_TILE_CACHE_MB] =
    g_param_spec_uint ("tile-cache-mb", NULL, NULL,
                       MIN_CACHE_MB, MAX_CACHE_MB, CS_SLIDE_VIEW_DEFAULT_CACHE_MB,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * CsSlideView:aligning:
   *
   * %TRUE while a drag begun with Ctrl held moves this view alone, to
   * align it with a synchronized one.
   */
  properties[PROP_ALIGNING] =
    g_param_spec_boolean ("aligning", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * CsSlideView:annotation-list:
   *
   * The annotations drawn over the slide, or %NULL for none.
   */
  properties[PROP_ANNOTATION_LIST] =
    g_param_spec_object ("annotation-list", NULL, NULL,
                         CS_TYPE_ANNOTATION_LIST,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CsSlideView:annotation-editor:
   *
   * The tools and the selection, given the primary button; %NULL to only
   * show the annotations.
   */
  properties[PROP_ANNOTATION_EDITOR] =
    g_param_spec_object ("annotation-editor", NULL, NULL,
                         CS_TYPE_ANNOTATION_EDITOR,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CLASS_TABLE] =
    g_param_spec_object ("class-table", NULL, NULL,
                         CS_TYPE_CLASS_TABLE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CsSlideView:show-annotation-labels:
   *
   * Whether annotations large enough on screen show their name and
   * measurement (rulers always show their length).
   */
  properties[PROP_SHOW_ANNOTATION_LABELS] =
    g_param_spec_boolean ("show-annotation-labels", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[VIEWPORT_CHANGED] =
    g_signal_new ("viewport-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CsSlideView::tile-failed:
   * @error: why a tile could not be read; it names the slide
   *
   * Emitted once per distinct error while a slide is shown. The view draws
   * the tile as a marked error area and goes on with the others.
   */
  signals[TILE_FAILED] =
    g_signal_new ("tile-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  signals[FIRST_FRAME] =
    g_signal_new ("first-frame",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "slideview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  _cs_slide_view_class_actions_init (widget_class);
  _cs_slide_view_class_annotations_init (widget_class);
}

static void
cs_slide_view_init (CsSlideView *self)
{
  self->renderer = cs_renderer_new ();
  self->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tile_cache_mb = CS_SLIDE_VIEW_DEFAULT_CACHE_MB;
  cs_viewport_init (&self->viewport, 0, 0, 1.0, 0, 0);
  self->best_fit = TRUE;
  self->pointer_x = -1;
  self->pointer_y = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  _cs_slide_view_input_init (self);
  _cs_slide_view_annotations_init (self);
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
 * Shows @slide whole, unrotated, fitted to the view, and starts loading its
 * tiles. The previous slide's tiles are freed.
 */
void
cs_slide_view_set_slide (CsSlideView *self,
                         CsSlide     *slide)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));
  g_return_if_fail (slide == NULL || CS_IS_SLIDE (slide));

  if (self->slide == slide)
    return;

  cs_slide_view_stop_kinetic (self);
  cs_slide_view_unload (self);
  if (slide != NULL)
    cs_slide_view_load (self, slide);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);

  _cs_slide_view_invalidate_overlay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
  _cs_slide_view_viewport_changed (self);
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

guint
cs_slide_view_get_tile_cache_mb (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), 0);

  return self->tile_cache_mb;
}

/**
 * cs_slide_view_set_tile_cache_mb:
 * @megabytes: memory for decoded tiles, in MiB
 *
 * Changes the tile cache's budget; tiles over it are evicted.
 */
void
cs_slide_view_set_tile_cache_mb (CsSlideView *self,
                                 guint        megabytes)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  megabytes = CLAMP (megabytes, MIN_CACHE_MB, MAX_CACHE_MB);
  if (self->tile_cache_mb == megabytes)
    return;

  self->tile_cache_mb = megabytes;
  if (self->cache != NULL)
    cs_slide_view_configure_cache (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TILE_CACHE_MB]);
}

gboolean
cs_slide_view_get_aligning (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  return self->aligning;
}

/**
 * cs_slide_view_get_pointer:
 * @image_x: (out): level-0 x under the pointer
 * @image_y: (out): level-0 y under the pointer
 *
 * Returns: %TRUE when the pointer is over the view and a slide is shown
 */
gboolean
cs_slide_view_get_pointer (CsSlideView *self,
                           double      *image_x,
                           double      *image_y)
{
  int scale;

  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  if (self->slide == NULL || self->pointer_x < 0 || self->pointer_y < 0)
    return FALSE;

  scale = MAX (self->scale_factor, 1);
  cs_viewport_to_image (&self->viewport, self->pointer_x * scale, self->pointer_y * scale,
                        image_x, image_y);

  return TRUE;
}

/**
 * cs_slide_view_is_complete:
 *
 * Returns: %TRUE when the last frame drew every visible tile at the
 *   wanted level (or its error area), from its scaled copy when shrunk,
 *   and no tile is waiting to be read
 */
gboolean
cs_slide_view_is_complete (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  return self->slide != NULL &&
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
_cs_slide_view_set_aligning (CsSlideView *self,
                             gboolean     aligning)
{
  g_assert (CS_IS_SLIDE_VIEW (self));

  aligning = !!aligning;
  if (self->aligning == aligning)
    return;

  self->aligning = aligning;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALIGNING]);
}

void
_cs_slide_view_notify_annotations (CsSlideView *self)
{
  g_assert (CS_IS_SLIDE_VIEW (self));

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION_LIST]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION_EDITOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS_TABLE]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
cs_slide_view_get_show_annotation_labels (CsSlideView *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_VIEW (self), FALSE);

  return self->show_labels;
}

void
cs_slide_view_set_show_annotation_labels (CsSlideView *self,
                                          gboolean     show_labels)
{
  g_return_if_fail (CS_IS_SLIDE_VIEW (self));

  show_labels = !!show_labels;
  if (self->show_labels == show_labels)
    return;

  self->show_labels = show_labels;
  _cs_slide_view_invalidate_overlay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ANNOTATION_LABELS]);
}
