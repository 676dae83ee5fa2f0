/* cs-scaled-copier.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-scaled-copier"

#include "config.h"

#include "cs-core-private.h"
#include "cs-scaled-copier.h"
#include "cs-utils.h"

/* Makes the renderer's scaled tile copies on a worker thread, so that a
 * frame at a new zoom never waits for them: the main thread asks for a
 * copy, draws the tile through a filter meanwhile, and takes the finished
 * copies at the start of a later frame. Measured on the bench's review,
 * making copies on the main thread cost the frames that panned at a
 * held, non-power-of-two zoom 2–5 ms each.
 *
 * One worker at a lower priority than the frames (as the tile loader's).
 * Copies asked for at an earlier zoom are dropped: _cs_scaled_copier_forget()
 * starts a new generation, and jobs and results of older ones are skipped.
 * The main thread alone calls the functions here. */

#define WORKER_NICE 10

struct _CsScaledCopier
{
  GThreadPool *pool;
  GHashTable  *asked;       /* CsTile* of this generation asked for, main thread */
  GMutex       lock;
  GQueue       done;        /* Job*, finished, under @lock */
  guint        generation;  /* under @lock */
};

typedef struct
{
  CsScaledCopier  *copier;
  CsTile          *tile;
  int              width;
  int              height;
  guint            generation;
  cairo_surface_t *surface;
} Job;

/* Draws @src scaled to @width × @height with @filter, edges padded. */
static cairo_surface_t *
resample (cairo_surface_t *src,
          int              width,
          int              height,
          cairo_filter_t   filter)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  cairo_scale (cr, (double) width / cairo_image_surface_get_width (src),
               (double) height / cairo_image_surface_get_height (src));
  cairo_set_source_surface (cr, src, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), filter);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);

  return surface;
}

/**
 * _cs_scale_tile:
 *
 * Shrinks a tile to @width × @height. Strong reductions first halve the
 * tile (a bilinear sample at exactly half scale averages 2 × 2 pixels: a
 * box filter, as a mipmap), then finish with a bilinear step of at most
 * 2×, which keeps the quality of CAIRO_FILTER_GOOD at a fraction of its
 * cost (GOOD below ~0.6× took 40–80 ms a frame). Any thread: it only
 * reads the tile.
 *
 * Returns: (transfer full): the copy
 */
cairo_surface_t *
_cs_scale_tile (CsTile *tile,
                int     width,
                int     height)
{
  g_autoptr(cairo_surface_t) level = cairo_surface_reference (cs_tile_get_surface (tile));
  int w = cs_tile_get_width (tile);
  int h = cs_tile_get_height (tile);

  while (w > 2 * width && h > 2 * height)
    {
      cairo_surface_t *half;

      w = (w + 1) / 2;
      h = (h + 1) / 2;
      half = resample (level, w, h, CAIRO_FILTER_BILINEAR);
      cairo_surface_destroy (level);
      level = half;
    }

  return resample (level, width, height,
                   w == width && h == height ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->tile);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_free (job);
}

static guint
current_generation (CsScaledCopier *self)
{
  guint generation;

  g_mutex_lock (&self->lock);
  generation = self->generation;
  g_mutex_unlock (&self->lock);

  return generation;
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  CsScaledCopier *self = job->copier;
  int priority;

  if (job->generation != current_generation (self))
    {
      job_free (job);
      return;
    }

  /* The pool's threads are GLib's: the priority is given back. */
  priority = cs_thread_lower_priority (WORKER_NICE);
  job->surface = _cs_scale_tile (job->tile, job->width, job->height);
  cs_thread_set_priority (priority);

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->done, job);
  g_mutex_unlock (&self->lock);
}

CsScaledCopier *
_cs_scaled_copier_new (void)
{
  CsScaledCopier *self = g_new0 (CsScaledCopier, 1);

  /* Jobs still queued when the copier goes are freed, not run. */
  self->pool = g_thread_pool_new_full (worker_run, NULL, job_free, 1, FALSE, NULL);
  self->asked = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_mutex_init (&self->lock);
  g_queue_init (&self->done);

  return self;
}

void
_cs_scaled_copier_free (CsScaledCopier *self)
{
  /* Queued jobs are dropped: a stale generation frees them uncopied; a
   * running one is finished. Not g_thread_pool_free (…, TRUE, …): a pool
   * stopped at once loses, unfreed, a job its worker has just taken
   * (valgrind saw it in test-renderer-budget's freed-while-copying). */
  g_mutex_lock (&self->lock);
  self->generation++;
  g_mutex_unlock (&self->lock);
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_queue_clear_full (&self->done, job_free);
  g_hash_table_unref (self->asked);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/**
 * _cs_scaled_copier_request:
 *
 * Asks for @tile scaled to @width × @height, unless it was asked for in
 * this generation already.
 *
 * Returns: whether a new copy was asked for
 */
gboolean
_cs_scaled_copier_request (CsScaledCopier *self,
                           CsTile         *tile,
                           int             width,
                           int             height)
{
  Job *job;

  if (g_hash_table_contains (self->asked, tile))
    return FALSE;

  job = g_new0 (Job, 1);
  job->copier = self;
  job->tile = g_object_ref (tile);
  job->width = width;
  job->height = height;
  job->generation = current_generation (self);
  /* The job's reference keeps the key's address in use until it is
   * taken or forgotten. */
  g_hash_table_add (self->asked, tile);
  g_thread_pool_push (self->pool, job, NULL);

  return TRUE;
}

/**
 * _cs_scaled_copier_take_done:
 * @func: called with each copy of this generation that was finished
 *
 * Hands over the finished copies; those of earlier generations are
 * dropped.
 */
void
_cs_scaled_copier_take_done (CsScaledCopier   *self,
                             CsScaledCopyFunc  func,
                             gpointer          user_data)
{
  GQueue done = G_QUEUE_INIT;
  guint generation;
  Job *job;

  g_mutex_lock (&self->lock);
  done = self->done;
  g_queue_init (&self->done);
  generation = self->generation;
  g_mutex_unlock (&self->lock);

  while ((job = g_queue_pop_head (&done)) != NULL)
    {
      if (job->generation == generation)
        {
          g_hash_table_remove (self->asked, job->tile);
          func (job->tile, job->surface, user_data);
        }
      job_free (job);
    }
}

/* The copies asked for so far are no longer wanted (the zoom changed). */
void
_cs_scaled_copier_forget (CsScaledCopier *self)
{
  g_mutex_lock (&self->lock);
  self->generation++;
  g_mutex_unlock (&self->lock);
  g_hash_table_remove_all (self->asked);
}

/* Copies asked for in this generation and not taken yet. */
guint
_cs_scaled_copier_get_n_pending (CsScaledCopier *self)
{
  return g_hash_table_size (self->asked);
}
