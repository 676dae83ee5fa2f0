/* cs-tile-loader.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-tile-loader"

#include "config.h"

#include "cs-slide.h"
#include "cs-tile-loader.h"

#include "cs-utils.h"

/* Reads display tiles on worker threads and hands them to the main thread.
 *
 * Objects are created, mutated, and emit signals on the main thread only.
 * Workers may read a CsTileSource and build new immutable CsTiles; results
 * reach the main thread through an idle source on its main context.
 *
 * Latest request wins: cs_tile_loader_request() replaces the list of wanted
 * tiles, so tiles of a viewport the user has left are never read. Workers
 * do not own a key each; every worker takes the next wanted key, in the
 * order the render plan gave (coarse levels first, then centre-out), until
 * none is left. A key being read is "in flight" and is not handed out
 * twice; a cached key is never requested (the plan skips it). */

/* What workers share with the loader, reference-counted apart from it so
 * that dropping the loader never waits for a read in progress (a slow
 * network share must not freeze the window): each queued or running worker
 * holds a reference, and finished reads find the loader through a weak
 * reference, or find it gone and are discarded. */
typedef struct
{
  GMutex        mutex;
  GQueue        wanted;       /* CsTileKey*, owned */
  GHashTable   *in_flight;    /* CsTileKey* (owned) -> GCancellable* (owned): being read */
  guint         n_workers;    /* workers running or queued */
  guint         max_workers;
  gboolean      cancelled;
  guint         n_dropped;
  GQueue        done;         /* Result*, owned: read, not yet delivered */
  gboolean      delivering;   /* an idle source will deliver @done */

  /* Immutable after creation */
  CsTileSource *source;
  GMainContext *context;
  GWeakRef      loader;
} State;

struct _CsTileLoader
{
  GObject       parent_instance;

  /* Owned references */
  State        *state;
  CsTileCache  *cache;
  GThreadPool  *pool;

  /* Main thread state */
  guint         n_read;
  guint         retry_source;   /* emits failures-expired */
  guint         retry_ms;
};

/* A tile whose read may work later (CS_SLIDE_ERROR_REMOTE) is failed for
 * this long, then asked for again. */
#define RETRY_MS 5000

G_DEFINE_FINAL_TYPE (CsTileLoader, cs_tile_loader, G_TYPE_OBJECT)

enum {
  TILE_LOADED,
  TILE_FAILED,
  FAILURES_EXPIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CsTileKey  key;
  CsTile    *tile;     /* owned, nullable */
  GError    *error;    /* owned, nullable */
} Result;

static void result_free (gpointer data);

static void
state_clear (gpointer data)
{
  State *state = data;

  g_queue_clear_full (&state->wanted, g_free);
  g_queue_clear_full (&state->done, result_free);
  g_hash_table_unref (state->in_flight);
  g_object_unref (state->source);
  g_main_context_unref (state->context);
  g_weak_ref_clear (&state->loader);
  g_mutex_clear (&state->mutex);
}

static State *
state_ref (State *state)
{
  return g_atomic_rc_box_acquire (state);
}

static void
state_unref (gpointer state)
{
  g_atomic_rc_box_release_full (state, state_clear);
}

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_object (&result->tile);
  g_clear_error (&result->error);
  g_free (result);
}

static CsTileKey *
key_dup (const CsTileKey *key)
{
  return g_memdup2 (key, sizeof *key);
}

static gboolean
retry_cb (gpointer data)
{
  CsTileLoader *self = data;

  self->retry_source = 0;
  g_signal_emit (self, signals[FAILURES_EXPIRED], 0);

  return G_SOURCE_REMOVE;
}

/* Fails @key until the next retry, which one timer announces for all. */
static void
schedule_retry (CsTileLoader    *self,
                const CsTileKey *key)
{
  cs_tile_cache_mark_failed_until (self->cache, key,
                                   g_get_monotonic_time () + (gint64) self->retry_ms * 1000);
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add (self->retry_ms + 1, retry_cb, self);
}

static void
deliver (CsTileLoader *self,
         Result       *result)
{
  if (result->tile != NULL)
    {
      self->n_read++;
      cs_tile_cache_insert (self->cache, result->tile);
      g_signal_emit (self, signals[TILE_LOADED], 0, result->tile);
    }
  else if (result->error != NULL)
    {
      if (g_error_matches (result->error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_REMOTE))
        schedule_retry (self, &result->key);
      else
        cs_tile_cache_mark_failed (self->cache, &result->key);
      g_signal_emit (self, signals[TILE_FAILED], 0, &result->key, result->error);
    }
}

/* Delivers every result read since the last time in one main-loop
 * dispatch: with fast reads, one wake-up of the main thread per tile cost
 * the workers CPU time on a machine with few cores. */
static gboolean
deliver_cb (gpointer data)
{
  State *state = data;
  g_autoptr(CsTileLoader) self = NULL;
  GQueue batch;

  g_mutex_lock (&state->mutex);
  batch = state->done;
  g_queue_init (&state->done);
  state->delivering = FALSE;
  for (GList *l = batch.head; l != NULL; l = l->next)
    g_hash_table_remove (state->in_flight, &((Result *) l->data)->key);
  g_mutex_unlock (&state->mutex);

  self = g_weak_ref_get (&state->loader);
  for (GList *l = batch.head; l != NULL && self != NULL; l = l->next)
    deliver (self, l->data);
  g_queue_clear_full (&batch, result_free);

  return G_SOURCE_REMOVE;
}

/* The next wanted key, with the cancellable of its read (a reference). */
static gboolean
take_next (State         *state,
           CsTileKey     *key,
           GCancellable **cancellable)
{
  CsTileKey *next;

  g_clear_object (cancellable);
  g_mutex_lock (&state->mutex);
  next = state->cancelled ? NULL : g_queue_pop_head (&state->wanted);
  if (next == NULL)
    state->n_workers--;
  else
    {
      *key = *next;
      *cancellable = g_cancellable_new ();
      g_hash_table_insert (state->in_flight, next, g_object_ref (*cancellable));
    }
  g_mutex_unlock (&state->mutex);

  return next != NULL;
}

/* Hands a result to the loader's main context. Not with
 * g_main_context_invoke_full(): from a worker whose thread-default context
 * is the global one, it runs the callback right there when it can acquire
 * the context, and signals must only ever be emitted on the main thread. */
static void
deliver_later (State  *state,
               Result *result)
{
  gboolean schedule;

  g_mutex_lock (&state->mutex);
  g_queue_push_tail (&state->done, result);
  schedule = !state->delivering;
  state->delivering = TRUE;
  g_mutex_unlock (&state->mutex);

  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_cb, state_ref (state), state_unref);
      g_source_set_static_name (source, "[cs] deliver tiles");
      g_source_attach (source, state->context);
      g_source_unref (source);
    }
}

/* How much nicer than the rest of the process workers run: reading and
 * decoding must never delay a frame. On a 2-core machine two busy workers
 * and the main thread compete for the cores, and without this the frames
 * waited for the CPU several milliseconds at a time; the workers still get
 * every cycle the main thread leaves between frames. */
#define WORKER_NICE 10

/* Runs on a pool thread with a reference to the state, released at the
 * end. Reads wanted keys until none is left. */
static void
worker (gpointer data,
        gpointer user_data)
{
  State *state = data;
  CsTileKey key;
  g_autoptr(GCancellable) cancellable = NULL;
  /* The pool's threads are GLib's: the priority is given back. */
  int priority = cs_thread_lower_priority (WORKER_NICE);

  while (take_next (state, &key, &cancellable))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsTile) tile = NULL;
      gboolean cancelled;
      Result *result;

      /* Sources that wait (a remote slide's server) give up when the tile
       * is no longer wanted: g_cancellable_get_current(). */
      g_cancellable_push_current (cancellable);
      tile = cs_tile_source_read_tile (state->source, &key, &error);
      g_cancellable_pop_current (cancellable);

      g_mutex_lock (&state->mutex);
      cancelled = state->cancelled || (tile == NULL && g_cancellable_is_cancelled (cancellable));
      if (cancelled)
        g_hash_table_remove (state->in_flight, &key);
      g_mutex_unlock (&state->mutex);

      /* Disposed, or the view left this slide: nobody waits for it. */
      if (cancelled)
        continue;

      result = g_new0 (Result, 1);
      result->key = key;
      result->tile = g_steal_pointer (&tile);
      result->error = g_steal_pointer (&error);
      deliver_later (state, result);
    }

  cs_thread_set_priority (priority);
  state_unref (state);
}

static void
cs_tile_loader_dispose (GObject *object)
{
  CsTileLoader *self = (CsTileLoader *)object;

  cs_tile_loader_cancel (self);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->pool != NULL)
    {
      /* Returns at once. Queued workers still run, find the state cancelled
       * and release their reference; a read in progress finishes on its own
       * and is discarded. Not "immediate": GLib 2.74 then passes its own
       * wake-up markers to an item free function. */
      g_thread_pool_free (self->pool, FALSE, FALSE);
      self->pool = NULL;
    }

  G_OBJECT_CLASS (cs_tile_loader_parent_class)->dispose (object);
}

static void
cs_tile_loader_finalize (GObject *object)
{
  CsTileLoader *self = (CsTileLoader *)object;

  g_clear_pointer (&self->state, state_unref);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (cs_tile_loader_parent_class)->finalize (object);
}

static void
cs_tile_loader_class_init (CsTileLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_tile_loader_dispose;
  object_class->finalize = cs_tile_loader_finalize;

  /**
   * CsTileLoader::tile-loaded:
   * @tile: the new tile, already in the cache
   */
  signals[TILE_LOADED] =
    g_signal_new ("tile-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CS_TYPE_TILE);

  /**
   * CsTileLoader::tile-failed:
   * @key: (type gpointer): the CsTileKey that could not be read; it is
   *   marked failed in the cache and not requested again (for a failure
   *   that may pass, until #CsTileLoader::failures-expired)
   * @error: the reason, naming the slide
   */
  signals[TILE_FAILED] =
    g_signal_new ("tile-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_ERROR);

  /**
   * CsTileLoader::failures-expired:
   *
   * Tiles that failed with a failure that may pass (a remote slide's
   * server; CS_SLIDE_ERROR_REMOTE) are missing again: request them anew
   * (a view redraws).
   */
  signals[FAILURES_EXPIRED] =
    g_signal_new ("failures-expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_tile_loader_init (CsTileLoader *self)
{
  self->retry_ms = RETRY_MS;
}

/**
 * cs_tile_loader_set_retry_interval:
 * @ms: how long a failure that may pass keeps a tile failed (default 5 s)
 */
void
cs_tile_loader_set_retry_interval (CsTileLoader *self,
                                   guint         ms)
{
  g_return_if_fail (CS_IS_TILE_LOADER (self));

  self->retry_ms = MAX (ms, 1);
}

/**
 * cs_tile_loader_new:
 * @source: where tiles come from
 * @cache: where loaded tiles go
 * @n_threads: worker threads; 0 picks MIN (4, number of processors)
 *
 * Results are delivered in the thread-default main context of the caller.
 *
 * Returns: (transfer full): a new loader
 */
CsTileLoader *
cs_tile_loader_new (CsTileSource *source,
                    CsTileCache  *cache,
                    guint         n_threads)
{
  g_autoptr(GError) error = NULL;
  CsTileLoader *self;

  g_return_val_if_fail (CS_IS_TILE_SOURCE (source), NULL);
  g_return_val_if_fail (CS_IS_TILE_CACHE (cache), NULL);

  self = g_object_new (CS_TYPE_TILE_LOADER, NULL);
  self->cache = g_object_ref (cache);
  self->state = g_atomic_rc_box_new0 (State);
  g_mutex_init (&self->state->mutex);
  g_queue_init (&self->state->wanted);
  g_queue_init (&self->state->done);
  self->state->in_flight = g_hash_table_new_full (cs_tile_key_hash, cs_tile_key_equal,
                                                  g_free, g_object_unref);
  self->state->source = g_object_ref (source);
  self->state->context = g_main_context_ref_thread_default ();
  self->state->max_workers = n_threads ? n_threads : MIN (4, g_get_num_processors ());
  g_weak_ref_init (&self->state->loader, self);
  self->pool = g_thread_pool_new (worker, NULL, (int) self->state->max_workers, FALSE, &error);
  if (self->pool == NULL)
    g_error ("Cannot start tile loader threads: %s", error->message);

  return self;
}

/* Cancels the reads in flight of keys not in @asked (all when %NULL). */
static void
cancel_reads_locked (State      *state,
                     GHashTable *asked)
{
  GHashTableIter iter;
  gpointer key, cancellable;

  g_hash_table_iter_init (&iter, state->in_flight);
  while (g_hash_table_iter_next (&iter, &key, &cancellable))
    if (asked == NULL || !g_hash_table_contains (asked, key))
      g_cancellable_cancel (cancellable);
}

/**
 * cs_tile_loader_request:
 * @keys: (element-type CsTileKey): the tiles wanted now, most urgent first
 *
 * Replaces what the loader is waiting to read. Keys already in the cache or
 * being read are skipped; reads in flight of keys no longer asked for are
 * cancelled (a source that waits, such as a remote slide, gives up; a
 * tile that was read is kept). Cheap: call it on every frame.
 */
void
cs_tile_loader_request (CsTileLoader *self,
                        GArray       *keys)
{
  g_autoptr(GHashTable) asked = g_hash_table_new (cs_tile_key_hash, cs_tile_key_equal);
  State *state;
  guint to_start = 0;

  g_return_if_fail (CS_IS_TILE_LOADER (self));
  g_return_if_fail (keys != NULL);

  state = self->state;
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (asked, &g_array_index (keys, CsTileKey, i));

  g_mutex_lock (&state->mutex);
  /* What was waiting and is no longer asked for is dropped unread. */
  for (GList *l = state->wanted.head; l != NULL; l = l->next)
    if (!g_hash_table_contains (asked, l->data))
      state->n_dropped++;
  g_queue_clear_full (&state->wanted, g_free);
  g_queue_init (&state->wanted);
  state->cancelled = FALSE;
  cancel_reads_locked (state, asked);

  for (guint i = 0; i < keys->len; i++)
    {
      const CsTileKey *key = &g_array_index (keys, CsTileKey, i);

      if (g_hash_table_contains (state->in_flight, key) ||
          cs_tile_cache_contains (self->cache, key) ||
          cs_tile_cache_is_failed (self->cache, key))
        continue;
      g_queue_push_tail (&state->wanted, key_dup (key));
    }

  if (state->n_workers < state->max_workers)
    {
      to_start = MIN (state->wanted.length, state->max_workers - state->n_workers);
      state->n_workers += to_start;
    }
  g_mutex_unlock (&state->mutex);

  for (guint i = 0; i < to_start; i++)
    g_thread_pool_push (self->pool, state_ref (state), NULL);
}

/* Forgets every waiting request; reads in flight are cancelled (sources
 * that wait give up) and discarded. */
void
cs_tile_loader_cancel (CsTileLoader *self)
{
  State *state;

  g_return_if_fail (CS_IS_TILE_LOADER (self));

  state = self->state;
  g_mutex_lock (&state->mutex);
  state->n_dropped += state->wanted.length;
  g_queue_clear_full (&state->wanted, g_free);
  g_queue_init (&state->wanted);
  state->cancelled = TRUE;
  cancel_reads_locked (state, NULL);
  g_mutex_unlock (&state->mutex);
}

/* Whether any tile is waiting, being read, or read but not yet delivered. */
gboolean
cs_tile_loader_is_busy (CsTileLoader *self)
{
  State *state;
  gboolean busy;

  g_return_val_if_fail (CS_IS_TILE_LOADER (self), FALSE);

  state = self->state;
  g_mutex_lock (&state->mutex);
  busy = state->wanted.length > 0 || g_hash_table_size (state->in_flight) > 0;
  g_mutex_unlock (&state->mutex);

  return busy;
}

guint
cs_tile_loader_get_n_read (CsTileLoader *self)
{
  g_return_val_if_fail (CS_IS_TILE_LOADER (self), 0);

  return self->n_read;
}

/* How many waiting requests were dropped unread because a newer request
 * no longer wanted them. */
guint
cs_tile_loader_get_n_dropped (CsTileLoader *self)
{
  guint n_dropped;

  g_return_val_if_fail (CS_IS_TILE_LOADER (self), 0);

  g_mutex_lock (&self->state->mutex);
  n_dropped = self->state->n_dropped;
  g_mutex_unlock (&self->state->mutex);

  return n_dropped;
}
