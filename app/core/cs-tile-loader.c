/* cs-tile-loader.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-tile-loader"

#include "config.h"

#include "cs-tile-loader.h"

/* Reads display tiles on worker threads and hands them to the main thread.
 *
 * Objects are created, mutated, and emit signals on the main thread only.
 * Workers may read a CsTileSource and build new immutable CsTiles; results
 * reach the main thread through g_main_context_invoke_full().
 *
 * Latest request wins: cs_tile_loader_request() replaces the list of wanted
 * tiles, so tiles of a viewport the user has left are never read. Workers
 * do not own a key each; every worker takes the next wanted key, in the
 * order the render plan gave (coarse levels first, then centre-out), until
 * none is left. A key being read is "in flight" and is not handed out
 * twice; a cached key is never requested (the plan skips it). */

struct _CsTileLoader
{
  GObject       parent_instance;

  /* Owned references */
  CsTileSource *source;
  CsTileCache  *cache;
  GThreadPool  *pool;
  GMainContext *context;

  /* Guarded by mutex: shared with workers */
  GMutex        mutex;
  GQueue        wanted;       /* CsTileKey*, owned */
  GHashTable   *in_flight;    /* CsTileKey* (owned) set */
  guint         n_workers;    /* workers running or queued */
  guint         max_workers;
  gboolean      cancelled;

  /* Main thread state */
  guint         n_read;
  guint         n_dropped;
};

G_DEFINE_FINAL_TYPE (CsTileLoader, cs_tile_loader, G_TYPE_OBJECT)

enum {
  TILE_LOADED,
  TILE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CsTileLoader *loader;   /* owned */
  CsTileKey     key;
  CsTile       *tile;     /* owned, nullable */
  GError       *error;    /* owned, nullable */
} Result;

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_object (&result->loader);
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
deliver_cb (gpointer data)
{
  Result *result = data;
  CsTileLoader *self = result->loader;

  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->in_flight, &result->key);
  g_mutex_unlock (&self->mutex);

  if (result->tile != NULL)
    {
      self->n_read++;
      cs_tile_cache_insert (self->cache, result->tile);
      g_signal_emit (self, signals[TILE_LOADED], 0, result->tile);
    }
  else if (result->error != NULL)
    {
      g_signal_emit (self, signals[TILE_FAILED], 0, &result->key, result->error);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
take_next (CsTileLoader *self,
           CsTileKey    *key)
{
  CsTileKey *next;

  g_mutex_lock (&self->mutex);
  next = self->cancelled ? NULL : g_queue_pop_head (&self->wanted);
  if (next == NULL)
    self->n_workers--;
  else
    {
      *key = *next;
      g_hash_table_add (self->in_flight, next);
    }
  g_mutex_unlock (&self->mutex);

  return next != NULL;
}

static void
worker (gpointer data,
        gpointer user_data)
{
  CsTileLoader *self = user_data;
  CsTileKey key;

  while (take_next (self, &key))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsTile) tile = cs_tile_source_read_tile (self->source, &key, &error);
      Result *result;

      g_mutex_lock (&self->mutex);
      if (self->cancelled)
        {
          /* Disposing, or the view left this slide: nobody waits for it. */
          g_hash_table_remove (self->in_flight, &key);
          g_mutex_unlock (&self->mutex);
          continue;
        }
      result = g_new0 (Result, 1);
      result->loader = g_object_ref (self);
      g_mutex_unlock (&self->mutex);

      result->key = key;
      result->tile = g_steal_pointer (&tile);
      result->error = g_steal_pointer (&error);
      g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT,
                                  deliver_cb, result, result_free);
    }
}

static void
cs_tile_loader_dispose (GObject *object)
{
  CsTileLoader *self = (CsTileLoader *)object;

  cs_tile_loader_cancel (self);
  if (self->pool != NULL)
    {
      /* Workers hold no ref; wait for them before the source goes. */
      g_thread_pool_free (self->pool, TRUE, TRUE);
      self->pool = NULL;
    }

  G_OBJECT_CLASS (cs_tile_loader_parent_class)->dispose (object);
}

static void
cs_tile_loader_finalize (GObject *object)
{
  CsTileLoader *self = (CsTileLoader *)object;

  g_queue_clear_full (&self->wanted, g_free);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_object (&self->source);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

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
   * @key: (type gpointer): the CsTileKey that could not be read
   * @error: the reason, naming the slide
   */
  signals[TILE_FAILED] =
    g_signal_new ("tile-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_ERROR);
}

static void
cs_tile_loader_init (CsTileLoader *self)
{
  g_mutex_init (&self->mutex);
  g_queue_init (&self->wanted);
  self->in_flight = g_hash_table_new_full (cs_tile_key_hash, cs_tile_key_equal, g_free, NULL);
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
  self->source = g_object_ref (source);
  self->cache = g_object_ref (cache);
  self->context = g_main_context_ref_thread_default ();
  self->max_workers = n_threads ? n_threads : MIN (4, g_get_num_processors ());
  self->pool = g_thread_pool_new (worker, self, (int) self->max_workers, FALSE, &error);
  if (self->pool == NULL)
    g_error ("Cannot start tile loader threads: %s", error->message);

  return self;
}

/**
 * cs_tile_loader_request:
 * @keys: (element-type CsTileKey): the tiles wanted now, most urgent first
 *
 * Replaces what the loader is waiting to read. Keys already in the cache or
 * being read are skipped. Cheap: call it on every frame.
 */
void
cs_tile_loader_request (CsTileLoader *self,
                        GArray       *keys)
{
  g_autoptr(GHashTable) asked = g_hash_table_new (cs_tile_key_hash, cs_tile_key_equal);
  guint to_start = 0;

  g_return_if_fail (CS_IS_TILE_LOADER (self));
  g_return_if_fail (keys != NULL);

  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (asked, &g_array_index (keys, CsTileKey, i));

  g_mutex_lock (&self->mutex);
  /* What was waiting and is no longer asked for is dropped unread. */
  for (GList *l = self->wanted.head; l != NULL; l = l->next)
    if (!g_hash_table_contains (asked, l->data))
      self->n_dropped++;
  g_queue_clear_full (&self->wanted, g_free);
  g_queue_init (&self->wanted);
  self->cancelled = FALSE;

  for (guint i = 0; i < keys->len; i++)
    {
      const CsTileKey *key = &g_array_index (keys, CsTileKey, i);

      if (g_hash_table_contains (self->in_flight, key) ||
          cs_tile_cache_contains (self->cache, key))
        continue;
      g_queue_push_tail (&self->wanted, key_dup (key));
    }

  if (self->n_workers < self->max_workers)
    {
      to_start = MIN (self->wanted.length, self->max_workers - self->n_workers);
      self->n_workers += to_start;
    }
  g_mutex_unlock (&self->mutex);

  for (guint i = 0; i < to_start; i++)
    g_thread_pool_push (self->pool, GUINT_TO_POINTER (i + 1), NULL);
}

/* Forgets every waiting request; reads in flight finish and are discarded. */
void
cs_tile_loader_cancel (CsTileLoader *self)
{
  g_return_if_fail (CS_IS_TILE_LOADER (self));

  g_mutex_lock (&self->mutex);
  self->n_dropped += self->wanted.length;
  g_queue_clear_full (&self->wanted, g_free);
  g_queue_init (&self->wanted);
  self->cancelled = TRUE;
  g_mutex_unlock (&self->mutex);
}

/* Whether any tile is waiting, being read, or read but not yet delivered. */
gboolean
cs_tile_loader_is_busy (CsTileLoader *self)
{
  gboolean busy;

  g_return_val_if_fail (CS_IS_TILE_LOADER (self), FALSE);

  g_mutex_lock (&self->mutex);
  busy = self->wanted.length > 0 || g_hash_table_size (self->in_flight) > 0;
  g_mutex_unlock (&self->mutex);

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
  g_return_val_if_fail (CS_IS_TILE_LOADER (self), 0);

  return self->n_dropped;
}
