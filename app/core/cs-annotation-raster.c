/* cs-annotation-raster.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-raster"

#include "config.h"

#include "cs-annotation-raster-private.h"

#include "cs-core-private.h"

#include <math.h>

/* The cached raster layer (cs-annotation-raster.h). The cache, the
 * invalidation and the frame are the main thread's; the worker (one
 * thread: a snapshot's index serves one at a time) renders jobs, newest
 * first, and hands them back under the lock. */

#define TILE            CS_ANNOTATION_RASTER_TILE
#define DEFAULT_BUDGET  ((gsize) 96 * 1024 * 1024)
/* A tile whose last rendering held at most this many annotations is
 * rendered again synchronously after a change, not shown stale. */
#define CHEAP_TILE      2000
/* Past the changed bounds, tile pixels: strokes, dots, the density
 * layer's smoothing and labels centred over their shape. */
#define CHANGE_MARGIN   128.0
/* Prefetched tiles around the view are asked for only while the worker
 * has fewer than this many waiting. */
#define PREFETCH_QUEUE  24
/* Coarser levels tried for a missing tile. */
#define FALLBACK_LEVELS 3

typedef struct
{
  int    level;
  gint64 tx;
  gint64 ty;
} TileKey;

typedef struct
{
  TileKey                  key;
  cairo_surface_t         *surface;   /* NULL: not rendered, or empty */
  gboolean                 rendered;  /* @surface (or its absence) is a rendering */
  gboolean                 fresh;     /* ... of the current list and style */
  gboolean                 queued;
  guint                    epoch;     /* bumped by each invalidation */
  guint64                  last_used; /* frame */
  CsAnnotationRenderStats  stats;
} Tile;

typedef struct
{
  CsAnnotationRaster      *raster;
  CsRasterSnapshot        *snapshot;
  TileKey                  key;
  guint                    epoch;
  guint64                  seq;
  cairo_surface_t         *surface;
  CsAnnotationRenderStats  stats;
} Job;

struct _CsAnnotationRaster
{
  GObject           parent_instance;

  CsAnnotationList *list;
  GHashTable       *tiles;      /* TileKey* -> Tile* (owned) */
  gsize             budget;
  gsize             size;
  guint64           frame;
  guint64           seq;
  guint             n_renders;

  CsRasterSnapshot *snapshot;
  guint64           snapshot_generation;
  char             *style;
  guint64           seen_generation;
  GHashTable       *bounds;     /* id -> CsRect, of the tiles' annotations */

  GThreadPool      *pool;
  GMutex            lock;
  GCond             cond;
  GQueue            done;       /* Job*, under lock */
  guint             pending;    /* jobs pushed and not yet done, under lock */
  guint             idle_id;    /* under lock */
};

enum { SIGNAL_UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CsAnnotationRaster, cs_annotation_raster, G_TYPE_OBJECT)

static guint
tile_key_hash (gconstpointer key)
{
  const TileKey *k = key;

  return (guint) (k->tx * 73856093 ^ k->ty * 19349663 ^ k->level * 83492791);
}

static gboolean
tile_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TileKey *ka = a, *kb = b;

  return ka->level == kb->level && ka->tx == kb->tx && ka->ty == kb->ty;
}

static gsize
surface_size (cairo_surface_t *surface)
{
  return surface != NULL ? (gsize) TILE * TILE * 4 : 0;
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_free (tile);
}

static void
job_free (Job *job)
{
  _cs_raster_snapshot_unref (job->snapshot);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_free (job);
}

static gboolean
deliver_cb (gpointer user_data)
{
  CsAnnotationRaster *self = user_data;

  g_mutex_lock (&self->lock);
  self->idle_id = 0;
  g_mutex_unlock (&self->lock);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);

  return G_SOURCE_REMOVE;
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  CsAnnotationRaster *self = job->raster;
  CsAnnotationIndex *index = _cs_raster_snapshot_get_index (job->snapshot);

  job->surface = _cs_raster_render_tile (index, &job->snapshot->options, job->key.level,
                                         job->key.tx, job->key.ty, &job->stats);
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->done, job);
  self->pending--;
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (deliver_cb, self);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Newest first: the view's latest tiles before those it has left. */
static gint
job_compare (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Job *ja = a, *jb = b;

  return ja->seq < jb->seq ? 1 : ja->seq > jb->seq ? -1 : 0;
}

static void
cs_annotation_raster_finalize (GObject *object)
{
  CsAnnotationRaster *self = CS_ANNOTATION_RASTER (object);
  Job *job;

  /* Queued jobs are dropped, a running one finished. */
  g_thread_pool_free (self->pool, TRUE, TRUE);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  while ((job = g_queue_pop_head (&self->done)) != NULL)
    job_free (job);
  g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  g_hash_table_unref (self->tiles);
  g_clear_pointer (&self->bounds, g_hash_table_unref);
  g_clear_pointer (&self->snapshot, _cs_raster_snapshot_unref);
  g_free (self->style);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (cs_annotation_raster_parent_class)->finalize (object);
}

static void
cs_annotation_raster_class_init (CsAnnotationRasterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_annotation_raster_finalize;

  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_annotation_raster_init (CsAnnotationRaster *self)
{
  self->tiles = g_hash_table_new_full (tile_key_hash, tile_key_equal, NULL, tile_free);
  self->budget = DEFAULT_BUDGET;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->pool = g_thread_pool_new (worker_run, NULL, 1, FALSE, NULL);
  g_thread_pool_set_sort_function (self->pool, job_compare, NULL);
}

/* Marks every tile that @rect (level-0) touches out of date. */
static void
invalidate_rect (CsAnnotationRaster *self,
                 const CsRect       *rect)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Tile *tile = value;
      double zoom = _cs_raster_level_zoom (tile->key.level);
      double margin = CHANGE_MARGIN / zoom, side = TILE / zoom;
      CsRect area = { tile->key.tx * side - margin, tile->key.ty * side - margin,
                      side + 2 * margin, side + 2 * margin };

      if (rect == NULL || cs_rect_intersects (&area, rect))
        {
          /* A job under way for it is of the old list: ask anew. */
          tile->fresh = FALSE;
          tile->queued = FALSE;
          tile->epoch++;
        }
    }
}

static void
remember_bounds (CsAnnotationRaster *self,
                 CsAnnotation       *annotation)
{
  CsRect *bounds = g_new (CsRect, 1);

  if (!cs_annotation_list_get_bounds (self->list, annotation, bounds))
    cs_annotation_get_bounds (annotation, bounds);
  g_hash_table_replace (self->bounds, g_strdup (cs_annotation_get_id (annotation)), bounds);
}

static void
build_bounds (CsAnnotationRaster *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  self->bounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      remember_bounds (self, annotation);
    }
}

/* Only the tiles under the changed annotations' old and new bounds. */
static void
on_list_changed_cb (CsAnnotationRaster *self,
                    GPtrArray          *ids,
                    gboolean            loaded,
                    CsAnnotationList   *list)
{
  self->seen_generation = cs_annotation_list_get_generation (list);
  if (loaded || self->bounds == NULL || ids->len > 1000)
    {
      invalidate_rect (self, NULL);
      g_clear_pointer (&self->bounds, g_hash_table_unref);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      CsRect *old = g_hash_table_lookup (self->bounds, id);
      CsAnnotation *now = cs_annotation_list_lookup (list, id);

      if (old != NULL)
        invalidate_rect (self, old);
      if (now != NULL)
        {
          remember_bounds (self, now);
          invalidate_rect (self, g_hash_table_lookup (self->bounds, id));
        }
      else
        {
          g_hash_table_remove (self->bounds, id);
        }
    }
}

CsAnnotationRaster *
cs_annotation_raster_new (CsAnnotationList *list)
{
  CsAnnotationRaster *self;

  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (list), NULL);

  self = g_object_new (CS_TYPE_ANNOTATION_RASTER, NULL);
  self->list = g_object_ref (list);
  self->seen_generation = cs_annotation_list_get_generation (list);
  g_signal_connect_swapped (list, "changed", G_CALLBACK (on_list_changed_cb), self);

  return self;
}

void
cs_annotation_raster_set_budget (CsAnnotationRaster *self,
                                 gsize               bytes)
{
  g_return_if_fail (CS_IS_ANNOTATION_RASTER (self));

  self->budget = bytes;
}

gsize
cs_annotation_raster_get_size (CsAnnotationRaster *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_RASTER (self), 0);

  return self->size;
}

guint
cs_annotation_raster_get_n_renders (CsAnnotationRaster *self)
{
  g_return_val_if_fail (CS_IS_ANNOTATION_RASTER (self), 0);

  return self->n_renders;
}

static void
tile_set (CsAnnotationRaster            *self,
          Tile                          *tile,
          cairo_surface_t               *surface,
          const CsAnnotationRenderStats *stats)
{
  self->size -= surface_size (tile->surface);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  tile->surface = surface;
  self->size += surface_size (surface);
  tile->stats = *stats;
  tile->rendered = TRUE;
  tile->fresh = TRUE;
  self->n_renders++;
}

/* The worker's tiles into the cache, where they are still wanted. */
static void
take_done (CsAnnotationRaster *self)
{
  GQueue done = G_QUEUE_INIT;
  Job *job;

  g_mutex_lock (&self->lock);
  done = self->done;
  g_queue_init (&self->done);
  g_mutex_unlock (&self->lock);

  while ((job = g_queue_pop_head (&done)) != NULL)
    {
      Tile *tile = g_hash_table_lookup (self->tiles, &job->key);

      if (tile != NULL && tile->epoch == job->epoch)
        {
          tile->queued = FALSE;
          tile_set (self, tile, g_steal_pointer (&job->surface), &job->stats);
        }
      else if (tile != NULL)
        {
          tile->queued = FALSE;
        }
      job_free (job);
    }
}

gboolean
cs_annotation_raster_wait (CsAnnotationRaster *self,
                           guint               timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean idle = TRUE;

  g_return_val_if_fail (CS_IS_ANNOTATION_RASTER (self), FALSE);

  g_mutex_lock (&self->lock);
  while (self->pending > 0 && idle)
    idle = g_cond_wait_until (&self->cond, &self->lock, end);
  idle = self->pending == 0;
  g_mutex_unlock (&self->lock);
  take_done (self);

  return idle;
}

static Tile *
tile_get (CsAnnotationRaster *self,
          int                 level,
          gint64              tx,
          gint64              ty,
          gboolean            create)
{
  TileKey key = { level, tx, ty };
  Tile *tile = g_hash_table_lookup (self->tiles, &key);

  if (tile == NULL && create)
    {
      tile = g_new0 (Tile, 1);
      tile->key = key;
      g_hash_table_insert (self->tiles, &tile->key, tile);
    }
  return tile;
}

static void
request (CsAnnotationRaster *self,
         Tile               *tile)
{
  Job *job;

  if (tile->fresh || tile->queued)
    return;

  job = g_new0 (Job, 1);
  job->raster = self;
  job->snapshot = _cs_raster_snapshot_ref (self->snapshot);
  job->key = tile->key;
  job->epoch = tile->epoch;
  job->seq = ++self->seq;
  tile->queued = TRUE;
  g_mutex_lock (&self->lock);
  self->pending++;
  g_mutex_unlock (&self->lock);
  g_thread_pool_push (self->pool, job, NULL);
}

/* A snapshot of the current list and style; FALSE when the raster cannot
 * be used (the caller draws vectors). */
static gboolean
ensure_snapshot (CsAnnotationRaster              *self,
                 const CsAnnotationRenderOptions *options)
{
  guint64 generation = cs_annotation_list_get_generation (self->list);
  g_autofree char *style = _cs_raster_style (options);

  if (g_strcmp0 (style, self->style) != 0)
    {
      /* Other colours or classes shown: nothing old is fit to be seen. */
      g_hash_table_remove_all (self->tiles);
      self->size = 0;
      g_clear_pointer (&self->snapshot, _cs_raster_snapshot_unref);
      g_free (self->style);
      self->style = g_steal_pointer (&style);
    }
  if (generation != self->seen_generation)
    {
      invalidate_rect (self, NULL);
      self->seen_generation = generation;
    }
  if (self->snapshot != NULL && self->snapshot_generation == generation)
    return TRUE;

  g_clear_pointer (&self->snapshot, _cs_raster_snapshot_unref);
  self->snapshot = _cs_raster_snapshot_new (self->list, options);
  self->snapshot_generation = generation;
  if (self->bounds == NULL)
    build_bounds (self);

  return self->snapshot != NULL;
}

/* Least recently used first, never a tile of this frame nor one queued. */
static void
evict (CsAnnotationRaster *self)
{
  while (self->size > self->budget)
    {
      GHashTableIter iter;
      gpointer value;
      Tile *oldest = NULL;

      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Tile *tile = value;

          if (tile->surface == NULL || tile->last_used == self->frame || tile->queued)
            continue;
          if (oldest == NULL || tile->last_used < oldest->last_used)
            oldest = tile;
        }
      if (oldest == NULL)
        return;
      self->size -= surface_size (oldest->surface);
      g_hash_table_remove (self->tiles, &oldest->key);
    }
}

/* Paints @surface, a tile of @level at (@tx, @ty), into @cr whose user
 * space is level pixels of @level + @shift: scaled by 2^shift. */
static void
paint_surface (cairo_t         *cr,
               cairo_surface_t *surface,
               gint64           tx,
               gint64           ty,
               int              shift)
{
  cairo_pattern_t *pattern;

  if (surface == NULL)
    return;
  cairo_save (cr);
  cairo_scale (cr, ldexp (1.0, shift), ldexp (1.0, shift));
  cairo_rectangle (cr, (double) tx * TILE, (double) ty * TILE, TILE, TILE);
  cairo_set_source_surface (cr, surface, (double) tx * TILE, (double) ty * TILE);
  pattern = cairo_get_source (cr);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
add_stats (CsAnnotationRasterStats       *stats,
           const CsAnnotationRenderStats *tile)
{
  stats->n_visible += tile->n_visible;
  stats->n_drawn += tile->n_shapes + tile->n_dots + tile->n_dense;
}

/* A coarser level's tile over @tile, or all four of the finer level's
 * under it, rendered: painted clipped to @tile. */
static gboolean
paint_other_level (CsAnnotationRaster      *self,
                   cairo_t                 *cr,
                   const Tile              *tile,
                   CsAnnotationRasterStats *stats)
{
  const TileKey *k = &tile->key;
  Tile *children[4];
  gboolean all = TRUE;

  for (int d = 1; d <= FALLBACK_LEVELS; d++)
    {
      Tile *other = tile_get (self, k->level + d, k->tx >> d, k->ty >> d, FALSE);

      if (other == NULL || !other->fresh)
        continue;
      cairo_save (cr);
      cairo_rectangle (cr, (double) k->tx * TILE, (double) k->ty * TILE, TILE, TILE);
      cairo_clip (cr);
      paint_surface (cr, other->surface, other->key.tx, other->key.ty, d);
      cairo_restore (cr);
      add_stats (stats, &other->stats);
      return TRUE;
    }
  for (int i = 0; i < 4 && all; i++)
    {
      children[i] = tile_get (self, k->level - 1, 2 * k->tx + i % 2, 2 * k->ty + i / 2, FALSE);
      all = children[i] != NULL && children[i]->fresh;
    }
  if (!all)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      paint_surface (cr, children[i]->surface, children[i]->key.tx, children[i]->key.ty, -1);
      add_stats (stats, &children[i]->stats);
    }
  return TRUE;
}

/* A tile not up to date: rendered here when cheap or when nothing else
 * shows it, else its last rendering or another level's, while the worker
 * renders it. */
static void
paint_missing (CsAnnotationRaster              *self,
               cairo_t                         *cr,
               Tile                            *tile,
               const CsAnnotationRenderOptions *options,
               CsAnnotationRasterStats         *stats)
{
  CsAnnotationRenderStats rendered;
  cairo_surface_t *surface;

  if (tile->rendered && tile->stats.n_visible > CHEAP_TILE)
    {
      request (self, tile);
      paint_surface (cr, tile->surface, tile->key.tx, tile->key.ty, 0);
      add_stats (stats, &tile->stats);
      stats->n_stale++;
      return;
    }
  if (!tile->rendered && paint_other_level (self, cr, tile, stats))
    {
      request (self, tile);
      stats->n_scaled++;
      return;
    }

  surface = _cs_raster_render_tile (_cs_annotation_list_get_index (self->list), options,
                                    tile->key.level, tile->key.tx, tile->key.ty, &rendered);
  /* The worker's rendering of the same list, when it comes, is the same. */
  tile->epoch++;
  tile->queued = FALSE;
  tile_set (self, tile, surface, &rendered);
  paint_surface (cr, tile->surface, tile->key.tx, tile->key.ty, 0);
  add_stats (stats, &tile->stats);
  stats->n_rendered++;
}

/* The tiles of @level that @viewport shows, grown by @grow tiles. */
static void
tile_range (const CsViewport *viewport,
            int               level,
            int               grow,
            gint64            range[4])
{
  double zoom = _cs_raster_level_zoom (level), x0, y0, x1, y1;

  cs_viewport_get_visible (viewport, 0, &x0, &y0, &x1, &y1);
  range[0] = (gint64) floor (x0 * zoom / TILE) - grow;
  range[1] = (gint64) floor (y0 * zoom / TILE) - grow;
  range[2] = (gint64) floor (x1 * zoom / TILE - 1e-9) + grow;
  range[3] = (gint64) floor (y1 * zoom / TILE - 1e-9) + grow;
}

static void
prefetch (CsAnnotationRaster *self,
          const CsViewport   *viewport,
          int                 level)
{
  gint64 range[4];
  guint waiting;

  g_mutex_lock (&self->lock);
  waiting = self->pending;
  g_mutex_unlock (&self->lock);
  if (waiting >= PREFETCH_QUEUE)
    return;

  tile_range (viewport, level, 1, range);
  for (gint64 ty = range[1]; ty <= range[3]; ty++)
    for (gint64 tx = range[0]; tx <= range[2]; tx++)
      request (self, tile_get (self, level, tx, ty, TRUE));
}

/* The selection over the tiles, highlighted, and the highlights. */
static void
draw_selection (cairo_t                         *cr,
                const CsViewport                *viewport,
                const CsAnnotationRenderOptions *options,
                CsAnnotationList                *list)
{
  GPtrArray *selection = options->editor != NULL ?
                         cs_annotation_editor_get_selection (options->editor) : NULL;
  CsAnnotationRenderStats stats = { 0 };
  CsRenderContext ctx;
  CsRect view = { 0, 0, viewport->width, viewport->height };

  _cs_render_context_init (&ctx, cr, viewport, options);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  cairo_clip (cr);
  for (guint i = 0; selection != NULL && i < selection->len; i++)
    {
      CsAnnotation *annotation = selection->pdata[i];
      CsRect bounds, screen;

      if (!cs_annotation_list_is_visible (list, annotation) ||
          (options->classes != NULL && !cs_class_table_is_visible (options->classes, annotation)) ||
          !cs_annotation_list_get_bounds (list, annotation, &bounds))
        continue;
      _cs_render_screen_bounds (&ctx, &bounds, &screen);
      if (cs_rect_intersects (&screen, &view))
        _cs_render_annotation (&ctx, annotation, &screen, &stats);
    }
  _cs_render_highlights (&ctx, &stats);
  cairo_restore (cr);
}

/* Few enough annotations in view (and near it) to draw as vectors. */
static gboolean
few_in_view (CsAnnotationRaster *self,
             const CsViewport   *viewport)
{
  double x0, y0, x1, y1, margin = CHANGE_MARGIN / viewport->zoom;
  CsRect rect;

  cs_viewport_get_visible (viewport, 0, &x0, &y0, &x1, &y1);
  rect = (CsRect) { x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin };

  return cs_annotation_index_count (_cs_annotation_list_get_index (self->list), &rect,
                                    CS_ANNOTATION_RASTER_VECTOR_LOAD) <= CS_ANNOTATION_RASTER_VECTOR_LOAD;
}

void
cs_annotation_raster_draw (CsAnnotationRaster              *self,
                           cairo_t                         *cr,
                           const CsViewport                *viewport,
                           const CsAnnotationRenderOptions *options,
                           CsAnnotationRasterStats         *stats)
{
  CsAnnotationRasterStats local;
  cairo_matrix_t matrix;
  gint64 range[4];
  int level;

  g_return_if_fail (CS_IS_ANNOTATION_RASTER (self));
  g_return_if_fail (cr != NULL && viewport != NULL && options != NULL);

  if (stats == NULL)
    stats = &local;
  *stats = (CsAnnotationRasterStats) { 0 };
  take_done (self);
  if (!(viewport->zoom > 0) || viewport->width <= 0 || viewport->height <= 0)
    return;
  if (few_in_view (self, viewport) || !ensure_snapshot (self, options))
    {
      CsAnnotationRenderStats vector;

      cs_annotation_render_annotations (cr, self->list, viewport, options, &vector);
      stats->vector = TRUE;
      add_stats (stats, &vector);
      return;
    }

  self->frame++;
  level = (int) lround (-log2 (viewport->zoom));
  stats->level = level;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  cairo_clip (cr);
  cs_annotation_render_get_matrix (viewport, &matrix);
  cairo_transform (cr, &matrix);
  cairo_scale (cr, 1 / _cs_raster_level_zoom (level), 1 / _cs_raster_level_zoom (level));
  tile_range (viewport, level, 0, range);
  for (gint64 ty = range[1]; ty <= range[3]; ty++)
    for (gint64 tx = range[0]; tx <= range[2]; tx++)
      {
        Tile *tile = tile_get (self, level, tx, ty, TRUE);

        tile->last_used = self->frame;
        stats->n_tiles++;
        if (!tile->fresh)
          {
            paint_missing (self, cr, tile, options, stats);
            continue;
          }
        paint_surface (cr, tile->surface, tx, ty, 0);
        add_stats (stats, &tile->stats);
        stats->n_ready++;
      }
  cairo_restore (cr);

  draw_selection (cr, viewport, options, self->list);
  prefetch (self, viewport, level);
  evict (self);
}
