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
#include "cs-utils.h"

#include <math.h>

/* The cached raster layer (cs-annotation-raster.h). The cache, the
 * invalidation and the frame are the main thread's; the worker (one
 * thread: a snapshot's index serves one at a time) renders jobs, newest
 * first, and hands them back under the lock. */

#define DEFAULT_BUDGET  ((gsize) 64 * 1024 * 1024)
#define WORKER_NICE     10


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

gsize
_cs_raster_surface_size (cairo_surface_t *surface)
{
  return surface != NULL ? (gsize) CS_ANNOTATION_RASTER_TILE * CS_ANNOTATION_RASTER_TILE * 4 : 0;
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_free (tile);
}

static void
job_free (gpointer data)
{
  Job *job = data;

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
  /* Tiles around the view, asked for ahead, need no new frame. */
  if (_cs_raster_take_done (self))
    g_signal_emit (self, signals[SIGNAL_UPDATED], 0);

  return G_SOURCE_REMOVE;
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  CsAnnotationRaster *self = job->raster;
  /* Frames first: the worker takes what the main thread leaves (the
   * pool's threads are GLib's, so the priority is given back). */
  int priority = cs_thread_lower_priority (WORKER_NICE);
  CsAnnotationIndex *index = _cs_raster_snapshot_get_index (job->snapshot);

  job->surface = _cs_raster_render_tile (index, &job->snapshot->options, job->key.level,
                                         job->key.tx, job->key.ty, &job->stats);
  cs_thread_set_priority (priority);
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
  /* Jobs still queued when the raster goes are freed, not run. */
  self->pool = g_thread_pool_new_full (worker_run, NULL, job_free, 1, FALSE, NULL);
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
      double margin = CS_RASTER_CHANGE_MARGIN / zoom, side = CS_ANNOTATION_RASTER_TILE / zoom;
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

/* The bounds of the annotations the tiles were rendered from (the
 * snapshot's: the list has changed already), kept from the first change
 * on, not made before one comes. */
static void
build_bounds (CsAnnotationRaster *self)
{
  GPtrArray *annotations = self->snapshot->annotations;

  self->bounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < annotations->len; i++)
    {
      CsRect *bounds = g_new (CsRect, 1);

      cs_annotation_get_bounds (annotations->pdata[i], bounds);
      g_hash_table_replace (self->bounds, g_strdup (cs_annotation_get_id (annotations->pdata[i])),
                            bounds);
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
  if (loaded || ids->len > 1000)
    {
      /* Everything (or most) replaced: the old tiles are not shown while
       * new ones are made, the next frame draws vectors. */
      g_hash_table_remove_all (self->tiles);
      self->size = 0;
      g_clear_pointer (&self->bounds, g_hash_table_unref);
      g_clear_pointer (&self->snapshot, _cs_raster_snapshot_unref);
      return;
    }
  /* No snapshot, no tile rendered from one. */
  if (self->snapshot == NULL)
    return;
  if (self->bounds == NULL)
    build_bounds (self);

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

void
_cs_raster_tile_set (CsAnnotationRaster            *self,
                     Tile                          *tile,
                     cairo_surface_t               *surface,
                     const CsAnnotationRenderStats *stats)
{
  self->size -= _cs_raster_surface_size (tile->surface);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  tile->surface = surface;
  self->size += _cs_raster_surface_size (surface);
  tile->stats = *stats;
  tile->rendered = TRUE;
  tile->fresh = TRUE;
  self->n_renders++;
}

/* The worker's tiles into the cache, where they are still wanted. */
/* Returns TRUE when a tile the last frame showed arrived. */
gboolean
_cs_raster_take_done (CsAnnotationRaster *self)
{
  GQueue done = G_QUEUE_INIT;
  gboolean shown = FALSE;
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
          _cs_raster_tile_set (self, tile, g_steal_pointer (&job->surface), &job->stats);
          shown |= tile->last_used == self->frame;
        }
      else if (tile != NULL)
        {
          tile->queued = FALSE;
        }
      job_free (job);
    }
  return shown;
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
  _cs_raster_take_done (self);

  return idle;
}

Tile *
_cs_raster_tile_get (CsAnnotationRaster *self,
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

void
_cs_raster_request (CsAnnotationRaster *self,
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
gboolean
_cs_raster_ensure_snapshot (CsAnnotationRaster              *self,
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
  if (self->snapshot == NULL)
    return FALSE;
  /* The extent, for the overview. */
  self->has_extent = FALSE;
  for (guint i = 0; i < self->snapshot->annotations->len; i++)
    {
      CsRect bounds;

      if (!cs_annotation_list_get_bounds (self->list, self->snapshot->annotations->pdata[i], &bounds))
        continue;
      if (self->has_extent)
        cs_rect_union (&self->extent, &bounds);
      else
        self->extent = bounds;
      self->has_extent = TRUE;
    }

  return TRUE;
}

/* Least recently used first, never a tile of this frame nor one queued. */
void
_cs_raster_evict (CsAnnotationRaster *self)
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
      self->size -= _cs_raster_surface_size (oldest->surface);
      g_hash_table_remove (self->tiles, &oldest->key);
    }
}
