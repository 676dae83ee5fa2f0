/* cs-renderer.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-core-private.h"
#include "cs-renderer.h"
#include "cs-scaled-copier.h"

/* The one cairo executor: draws a CsRenderPlan onto any cairo_t. The view
 * (inside gtk_snapshot_append_cairo), exports, `consilium-cli render` and
 * the pixel tests all go through cs_renderer_draw().
 *
 * Each item replaces the pixels of its clip rectangle (CAIRO_OPERATOR_SOURCE):
 * draw onto a cleared target; a slide's transparent pixels stay transparent,
 * so a background painted below the target shows through them. Tiles drawn
 * at their own size with whole-pixel offsets are plain copies, bit-exact
 * with openslide_read_region(). Shrunk tiles are scaled once into a surface
 * of their destination size (halved as a mipmap, then bilinear;
 * CAIRO_EXTEND_PAD so edges do not blend with transparency) and reused while
 * the zoom holds: frames are then pixel-aligned copies. The copies are made
 * by a worker thread (CsScaledCopier), asked for once the zoom holds (a new
 * zoom needs one per visible tile; none while the zoom changes from frame
 * to frame): tiles still without one are drawn through a bilinear filter,
 * and the finished copies are taken at the start of later frames. Exports
 * make every copy at once. A frame of a changing zoom (a wheel or pinch zoom) samples its
 * mildly shrunk tiles (0.5–1×) nearest instead: it is shown for one refresh
 * only, on tissue it looks the same, and a full frame of it costs about
 * half as much as bilinear. Magnified tiles are drawn through a nearest
 * filter (a pathologist wants to see pixels, not blur) — bilinear for
 * coarse stand-ins, which are temporary.
 *
 * Main thread only (or any one thread at a time). */

#define SCALED_CACHE_MAX_BYTES (64 * 1024 * 1024)
/* Main-thread time a frame may spend making scaled copies; the default of
 * cs_renderer_set_scale_budget(): none, the worker makes them. */
#define SCALE_BUDGET_US 0
#define CS_RENDER_ROTATED_MAX_PIXELS (G_GINT64_CONSTANT (8192) * 8192)
#define RENDER_STRIP_ROWS 1024

struct _CsRenderer
{
  GObject     parent_instance;

  GHashTable      *scaled;        /* CsTile* -> ScaledCopy*, for scaled_zoom */
  double           scaled_zoom;
  gsize            scaled_bytes;
  cairo_surface_t *frame;         /* reused backing for rotated views */
  gint64           scale_budget;  /* µs per frame for new scaled copies; < 0: no limit */
  gint64           deadline;      /* of this frame's scaled copies */
  gboolean         pending;       /* the last frame left copies to make */
  double           last_zoom;     /* of the previous frame */
  guint64          n_frames;      /* frames drawn, for the copies' last use */
  gboolean         zoom_held;     /* this frame's zoom is the previous frame's */
  CsScaledCopier  *copier;        /* made when first needed */
};

G_DEFINE_FINAL_TYPE (CsRenderer, cs_renderer, G_TYPE_OBJECT)

/* A tile scaled to its destination size at scaled_zoom. */
typedef struct
{
  cairo_surface_t *surface;
  gsize            n_bytes;    /* the copy's and the tile's, which it keeps */
  guint64          last_used;  /* the frame that last drew it */
} ScaledCopy;

static void
scaled_copy_free (gpointer data)
{
  ScaledCopy *copy = data;

  cairo_surface_destroy (copy->surface);
  g_free (copy);
}

static void
cs_renderer_finalize (GObject *object)
{
  CsRenderer *self = (CsRenderer *)object;

  g_clear_pointer (&self->copier, _cs_scaled_copier_free);
  g_clear_pointer (&self->scaled, g_hash_table_unref);
  g_clear_pointer (&self->frame, cairo_surface_destroy);

  G_OBJECT_CLASS (cs_renderer_parent_class)->finalize (object);
}

static void
cs_renderer_class_init (CsRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_renderer_finalize;
}

static void
cs_renderer_init (CsRenderer *self)
{
  /* Keyed by the tile object: a reloaded tile is a new object. The key
   * holds a ref so a pointer is never reused while cached. */
  self->scaled = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                        g_object_unref, scaled_copy_free);
  self->scale_budget = SCALE_BUDGET_US;
}

CsRenderer *
cs_renderer_new (void)
{
  return g_object_new (CS_TYPE_RENDERER, NULL);
}

/* Forgets the scaled tile copies, e.g. when the view switches slides. */
void
cs_renderer_clear (CsRenderer *self)
{
  g_return_if_fail (CS_IS_RENDERER (self));

  g_hash_table_remove_all (self->scaled);
  self->scaled_bytes = 0;
  g_clear_pointer (&self->frame, cairo_surface_destroy);
}

/**
 * cs_renderer_set_scale_budget:
 * @usec: main-thread time, in microseconds, that one frame may spend making
 *   scaled copies of tiles (default 0: a worker thread makes them all);
 *   negative for no limit
 *
 * Shrunk tiles without a copy yet are sampled (nearest at 0.5–1×, else
 * bilinear) and get their copy in a later frame: the copies the budget
 * leaves are made by the renderer's worker once a zoom was drawn twice in
 * a row, and taken at the start of a later frame. Exports and tests that
 * want every copy made at once pass -1.
 */
void
cs_renderer_set_scale_budget (CsRenderer *self,
                              gint64      usec)
{
  g_return_if_fail (CS_IS_RENDERER (self));

  self->scale_budget = usec;
}

/**
 * cs_renderer_has_pending_copies:
 *
 * Returns: whether the last frame drew some shrunk tiles without their
 *   scaled copy: draw another frame soon, and it will show the copies
 *   the worker has made by then
 */
gboolean
cs_renderer_has_pending_copies (CsRenderer *self)
{
  g_return_val_if_fail (CS_IS_RENDERER (self), FALSE);

  return self->pending;
}

gsize
cs_renderer_get_cached_bytes (CsRenderer *self)
{
  g_return_val_if_fail (CS_IS_RENDERER (self), 0);

  return self->scaled_bytes;
}

/* The scaled copy of @item's tile, made now if this frame's budget for
 * copies allows it; else %NULL, and the tile is drawn through a bilinear
 * filter this time (as fast as making the copy, which only pays off in the
 * frames that reuse it). So a new zoom never costs a frame more than the
 * budget: its copies are made over the next few frames. */
static gboolean
copy_unused_cb (gpointer key,
                gpointer value,
                gpointer user_data)
{
  CsRenderer *self = user_data;
  ScaledCopy *copy = value;

  if (copy->last_used + 1 >= self->n_frames)
    return FALSE;
  self->scaled_bytes -= copy->n_bytes;
  return TRUE;
}

/* Over budget, the copies the previous frame did not draw go: panning
 * keeps what is still on screen. */
static void
trim_copies (CsRenderer *self)
{
  if (self->scaled_bytes <= SCALED_CACHE_MAX_BYTES)
    return;

  g_hash_table_foreach_remove (self->scaled, copy_unused_cb, self);
  if (self->scaled_bytes > SCALED_CACHE_MAX_BYTES)
    {
      g_hash_table_remove_all (self->scaled);
      self->scaled_bytes = 0;
    }
}

/* Keeps @surface as @tile's scaled copy at scaled_zoom. */
static void
add_copy (CsTile          *tile,
          cairo_surface_t *surface,
          gpointer         user_data)
{
  CsRenderer *self = user_data;
  ScaledCopy *copy = g_hash_table_lookup (self->scaled, tile);

  if (copy != NULL)
    self->scaled_bytes -= copy->n_bytes;
  copy = g_new0 (ScaledCopy, 1);
  copy->surface = cairo_surface_reference (surface);
  copy->n_bytes = (gsize) cairo_image_surface_get_width (surface) *
                  cairo_image_surface_get_height (surface) * 4 +
                  cs_tile_get_n_bytes (tile);
  copy->last_used = self->n_frames;
  self->scaled_bytes += copy->n_bytes;
  g_hash_table_replace (self->scaled, g_object_ref (tile), copy);
}

/* The copy of @item's tile asked for from the worker: %NULL until a later
 * frame takes it, and the tile is drawn through a filter meanwhile. */
static cairo_surface_t *
ask_worker (CsRenderer       *self,
            const CsDrawItem *item)
{
  if (self->copier == NULL)
    self->copier = _cs_scaled_copier_new ();
  _cs_scaled_copier_request (self->copier, item->tile, item->dest.width, item->dest.height);
  self->pending = TRUE;

  return NULL;
}

static cairo_surface_t *
scaled_surface (CsRenderer                  *self,
                const CsDrawItem            *item,
                double                       zoom)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  ScaledCopy *copy;

  if (zoom != self->scaled_zoom)
    {
      g_hash_table_remove_all (self->scaled);
      self->scaled_bytes = 0;
      self->scaled_zoom = zoom;
      if (self->copier != NULL)
        _cs_scaled_copier_forget (self->copier);
    }

  copy = g_hash_table_lookup (self->scaled, item->tile);
  if (copy != NULL &&
      cairo_image_surface_get_width (copy->surface) == item->dest.width &&
      cairo_image_surface_get_height (copy->surface) == item->dest.height)
    {
      copy->last_used = self->n_frames;
      return copy->surface;
    }

  /* While the zoom changes every frame (a wheel or pinch zoom), a copy
   * would serve one frame only: copies are asked for once the zoom holds,
   * and made here only within the frame's budget. */
  if (self->scale_budget >= 0 && !self->zoom_held)
    {
      self->pending = TRUE;
      return NULL;
    }
  if (self->scale_budget >= 0 && g_get_monotonic_time () >= self->deadline)
    return ask_worker (self, item);

  surface = _cs_scale_tile (item->tile, item->dest.width, item->dest.height);
  add_copy (item->tile, surface, self);

  return surface;
}

/* A tile that could not be read: dark red hatching with a border, so that
 * nobody mistakes it for tissue. */
static void
draw_error_item (const CsDrawItem *item,
                 cairo_t          *cr)
{
  const cairo_rectangle_int_t *d = &item->dest;

  cairo_save (cr);
  cairo_rectangle (cr, item->clip.x, item->clip.y, item->clip.width, item->clip.height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.22, 0.05, 0.05);
  cairo_paint (cr);

  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_set_source_rgb (cr, 0.85, 0.15, 0.15);
  cairo_set_line_width (cr, 3);
  for (int k = -d->height; k < d->width; k += 16)
    {
      cairo_move_to (cr, d->x + k, d->y + d->height);
      cairo_line_to (cr, d->x + k + d->height, d->y);
    }
  cairo_stroke (cr);
  cairo_rectangle (cr, d->x + 1.5, d->y + 1.5, d->width - 3, d->height - 3);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The filter for @item's tile drawn shrunk without its scaled copy, for
 * the frame or two until the worker has made the copy: nearest when the
 * reduction is mild (at 0.5–1× nearest sampling keeps every other pixel
 * at worst, and on tissue looks the same as bilinear), bilinear below.
 * Cold, a full 1920 × 1080 frame of such tiles took ≈ 5 ms bilinear,
 * ≈ 2.7 ms nearest. */
static cairo_filter_t
shrunk_filter (const CsDrawItem *item)
{
  if (2 * item->dest.width >= cs_tile_get_width (item->tile) &&
      2 * item->dest.height >= cs_tile_get_height (item->tile))
    return CAIRO_FILTER_NEAREST;

  return CAIRO_FILTER_BILINEAR;
}

/* @item's tile itself as the source, scaled onto its destination. */
static void
set_scaled_source (cairo_t          *cr,
                   const CsDrawItem *item,
                   cairo_filter_t    filter)
{
  cairo_matrix_t matrix;

  cairo_set_source_surface (cr, cs_tile_get_surface (item->tile), 0, 0);
  cairo_matrix_init_scale (&matrix, (double) cs_tile_get_width (item->tile) / item->dest.width,
                           (double) cs_tile_get_height (item->tile) / item->dest.height);
  cairo_matrix_translate (&matrix, -item->dest.x, -item->dest.y);
  cairo_pattern_set_matrix (cairo_get_source (cr), &matrix);
  cairo_pattern_set_filter (cairo_get_source (cr), filter);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
}

static void
draw_item (CsRenderer       *self,
           const CsDrawItem *item,
           double            zoom,
           cairo_t          *cr)
{
  cairo_surface_t *scaled;
  int tw, th;

  if (item->tile == NULL)
    {
      draw_error_item (item, cr);
      return;
    }

  tw = cs_tile_get_width (item->tile);
  th = cs_tile_get_height (item->tile);
  cairo_rectangle (cr, item->clip.x, item->clip.y, item->clip.width, item->clip.height);

  if (item->dest.width == tw && item->dest.height == th)
    {
      cairo_set_source_surface (cr, cs_tile_get_surface (item->tile),
                                item->dest.x, item->dest.y);
    }
  else if (item->dest.width <= tw && item->dest.height <= th &&
           (scaled = scaled_surface (self, item, zoom)) != NULL)
    {
      cairo_set_source_surface (cr, scaled, item->dest.x, item->dest.y);
    }
  else
    {
      cairo_filter_t filter = CAIRO_FILTER_NEAREST;

      if (item->fallback)
        filter = CAIRO_FILTER_BILINEAR;
      else if (item->dest.width <= tw && item->dest.height <= th)
        filter = shrunk_filter (item);
      set_scaled_source (cr, item, filter);
    }

  cairo_fill (cr);
}

/**
 * cs_renderer_draw:
 * @plan: what to draw
 * @cr: the target, in device pixels, cleared where the slide goes
 *
 * Draws @plan's items in order: coarse stand-ins first, then the tiles of
 * the wanted level, and tiles that failed as marked error areas. A rotated
 * plan is drawn unrotated into a backing surface, turned onto @cr.
 */
static void
draw_items (CsRenderer         *self,
            const CsRenderPlan *plan,
            cairo_t            *cr)
{
  self->deadline = g_get_monotonic_time () + MAX (self->scale_budget, 0);
  self->pending = FALSE;
  self->zoom_held = plan->viewport.zoom == self->last_zoom;
  self->last_zoom = plan->viewport.zoom;
  self->n_frames++;
  if (self->copier != NULL && plan->viewport.zoom == self->scaled_zoom)
    _cs_scaled_copier_take_done (self->copier, add_copy, self);
  trim_copies (self);
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  for (guint i = 0; i < plan->draw->len; i++)
    draw_item (self, &g_array_index (plan->draw, CsDrawItem, i), plan->viewport.zoom, cr);

  cairo_restore (cr);
}

static cairo_surface_t *
frame_surface (CsRenderer *self,
               int         width,
               int         height)
{
  if (self->frame == NULL ||
      cairo_image_surface_get_width (self->frame) != width ||
      cairo_image_surface_get_height (self->frame) != height)
    {
      g_clear_pointer (&self->frame, cairo_surface_destroy);
      self->frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }

  return self->frame;
}

/* The frame's pixel u shows the image point (F + u) / zoom, F the frame's
 * whole-pixel origin; on screen that point is P + R (F + u - O - P), O the
 * view's whole-pixel origin (as unrotated views snap it) and P the pivot.
 * Quarter turns use exact matrices, so they stay pixel-exact. */
static void
frame_to_screen_matrix (const CsRenderPlan *plan,
                        cairo_matrix_t     *matrix)
{
  const CsViewport *vp = &plan->viewport;
  double fx = round (plan->frame.x * plan->frame.zoom);
  double fy = round (plan->frame.y * plan->frame.zoom);
  double ox = round (vp->x * vp->zoom);
  double oy = round (vp->y * vp->zoom);
  double px, py, xx, yx, xy, yy, tx, ty;

  cs_viewport_get_pivot (vp, &px, &py);
  cs_viewport_rotate_vector (vp->rotation, 1, 0, &xx, &yx);
  cs_viewport_rotate_vector (vp->rotation, 0, 1, &xy, &yy);
  cs_viewport_rotate_vector (vp->rotation, fx - ox - px, fy - oy - py, &tx, &ty);
  cairo_matrix_init (matrix, xx, yx, xy, yy, px + tx, py + ty);
}

static void
draw_rotated (CsRenderer         *self,
              const CsRenderPlan *plan,
              cairo_t            *cr)
{
  cairo_surface_t *frame = frame_surface (self, plan->frame.width, plan->frame.height);
  cairo_matrix_t matrix;
  g_autoptr(cairo_t) fcr = cairo_create (frame);

  cairo_set_operator (fcr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (fcr);
  draw_items (self, plan, fcr);
  cairo_surface_flush (frame);

  frame_to_screen_matrix (plan, &matrix);
  cairo_save (cr);
  cairo_transform (cr, &matrix);
  cairo_set_source_surface (cr, frame, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            fmod (plan->viewport.rotation, 90.0) == 0 ?
                            CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
  cairo_rectangle (cr, 0, 0, plan->frame.width, plan->frame.height);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
cs_renderer_draw (CsRenderer         *self,
                  const CsRenderPlan *plan,
                  cairo_t            *cr)
{
  g_return_if_fail (CS_IS_RENDERER (self));
  g_return_if_fail (plan != NULL);
  g_return_if_fail (cr != NULL);

  if (cs_viewport_is_rotated (&plan->viewport))
    draw_rotated (self, plan, cr);
  else
    draw_items (self, plan, cr);
}

static gboolean
load_missing (CsTileSource      *source,
              CsTileCache       *cache,
              const CsViewport  *viewport,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(CsRenderPlan) plan = cs_render_plan_compute (viewport, source, cache);

  for (guint i = 0; i < plan->missing->len; i++)
    {
      const CsTileKey *key = &g_array_index (plan->missing, CsTileKey, i);
      g_autoptr(CsTile) tile = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if ((guint) key->level != plan->level)
        continue;
      tile = cs_tile_source_read_tile (source, key, error);
      if (tile == NULL)
        return FALSE;
      cs_tile_cache_insert (cache, tile);
    }

  return TRUE;
}

static gboolean
render_region (CsTileSource     *source,
               double            x,
               double            y,
               double            zoom,
               int               width,
               int               height,
               cairo_surface_t **out_surface,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(CsRenderer) renderer = cs_renderer_new ();
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(cairo_t) cr = NULL;
  double ox, oy;

  /* Drawn once: every scaled copy is made in this one frame. */
  cs_renderer_set_scale_budget (renderer, -1);

  g_return_val_if_fail (CS_IS_TILE_SOURCE (source), FALSE);
  g_return_val_if_fail (out_surface != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0 && width <= 32767 && height <= 32767, FALSE);
  g_return_val_if_fail (zoom > 0, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Cannot make a %d × %d image: %s"), width, height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      return FALSE;
    }
  cr = cairo_create (surface);

  /* Whole output pixels at the origin, so that every strip rounds its tile
   * edges exactly as one tall viewport would. */
  ox = round (x * zoom);
  oy = round (y * zoom);

  for (int row = 0; row < height; row += RENDER_STRIP_ROWS)
    {
      g_autoptr(CsRenderPlan) plan = NULL;
      CsViewport viewport;

      cs_viewport_init (&viewport, ox / zoom, (oy + row) / zoom, zoom,
                        width, MIN (RENDER_STRIP_ROWS, height - row));
      if (!load_missing (source, cache, &viewport, cancellable, error))
        return FALSE;

      plan = cs_render_plan_compute (&viewport, source, cache);
      cairo_save (cr);
      cairo_translate (cr, 0, row);
      cs_renderer_draw (renderer, plan, cr);
      cairo_restore (cr);
      cs_tile_cache_clear (cache);
    }

  cairo_surface_flush (surface);
  *out_surface = g_steal_pointer (&surface);

  return TRUE;
}

/**
 * cs_render_viewport:
 * @viewport: what to render, rotation included
 * @out_surface: (out) (transfer full): an ARGB32 image surface of the
 *   viewport's size
 *
 * Renders synchronously, through the same plan and executor as the view.
 * Blocks on I/O.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
cs_render_viewport (CsTileSource      *source,
                    const CsViewport  *viewport,
                    cairo_surface_t  **out_surface,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(CsRenderer) renderer = NULL;
  g_autoptr(CsTileCache) cache = NULL;
  g_autoptr(CsRenderPlan) plan = NULL;
  g_autoptr(cairo_t) cr = NULL;

  g_return_val_if_fail (CS_IS_TILE_SOURCE (source), FALSE);
  g_return_val_if_fail (viewport != NULL && out_surface != NULL, FALSE);

  if (!cs_viewport_is_rotated (viewport))
    {
      return render_region (source, viewport->x, viewport->y, viewport->zoom,
                            viewport->width, viewport->height, out_surface, cancellable, error);
    }

  renderer = cs_renderer_new ();
  cs_renderer_set_scale_budget (renderer, -1);
  cache = cs_tile_cache_new (G_MAXSIZE);
  /* A turned picture is drawn whole, through a frame around it: keep its
   * memory (output, frame and tiles) within reason. */
  if ((gint64) viewport->width * viewport->height > CS_RENDER_ROTATED_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("A rotated picture of %d × %d pixels is too large; choose a lower "
                     "resolution"),
                   viewport->width, viewport->height);
      return FALSE;
    }
  if (!load_missing (source, cache, viewport, cancellable, error))
    return FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, viewport->width, viewport->height);
  cr = cairo_create (surface);
  plan = cs_render_plan_compute (viewport, source, cache);
  cs_renderer_draw (renderer, plan, cr);
  cairo_surface_flush (surface);
  *out_surface = g_steal_pointer (&surface);

  return TRUE;
}


/**
 * cs_render_region:
 * @source: what to render
 * @x: level-0 x of the output's top-left pixel
 * @y: level-0 y of the output's top-left pixel
 * @zoom: output pixels per level-0 pixel
 * @width: output width, at most 32767 (a cairo limit)
 * @height: output height, at most 32767
 * @out_surface: (out) (transfer full): the rendered ARGB32 image surface
 *
 * Renders synchronously, through the same plan and executor as the view,
 * in strips so that memory stays bounded. Blocks on I/O.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
cs_render_region (CsTileSource     *source,
                  double            x,
                  double            y,
                  double            zoom,
                  int               width,
                  int               height,
                  cairo_surface_t **out_surface,
                  GError          **error)
{
  return render_region (source, x, y, zoom, width, height, out_surface, NULL, error);
}
