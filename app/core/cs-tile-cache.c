/* cs-tile-cache.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-tile-cache"

#include "config.h"

#include "cs-tile-cache.h"

/* Decoded display tiles under a byte budget, least recently used evicted
 * first. Tiles of the coarsest levels (index >= pinned-min-level) are never
 * evicted, so an overview of the slide is always at hand to stand in for
 * tiles that are still loading.
 *
 * Main thread only: the loader inserts from its main-context callback. */

struct _CsTileCache
{
  GObject     parent_instance;

  GHashTable *index;   /* CsTileKey* (owned by the tile) -> GList* in lru */
  GHashTable *failed;  /* CsTileKey* (owned) -> gint64* (owned): tiles that could not be
                        * read, until when (monotonic; G_MAXINT64: for good) */
  GQueue      lru;     /* CsTile*, owned; most recently used first */
  gsize       n_bytes;
  gsize       max_bytes;
  gint32      pinned_min_level;
};

G_DEFINE_FINAL_TYPE (CsTileCache, cs_tile_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_BYTES,
  PROP_N_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_pinned (CsTileCache *self,
           CsTile      *tile)
{
  return self->pinned_min_level >= 0 &&
         cs_tile_get_key (tile)->level >= self->pinned_min_level;
}

static void
remove_link (CsTileCache *self,
             GList       *link)
{
  CsTile *tile = link->data;

  g_hash_table_remove (self->index, cs_tile_get_key (tile));
  g_queue_delete_link (&self->lru, link);
  self->n_bytes -= cs_tile_get_n_bytes (tile);
  g_object_unref (tile);
}

static void
evict (CsTileCache *self)
{
  GList *link = self->lru.tail;

  while (self->n_bytes > self->max_bytes && link != NULL)
    {
      GList *prev = link->prev;

      if (!is_pinned (self, link->data))
        remove_link (self, link);
      link = prev;
    }
}

static void
cs_tile_cache_finalize (GObject *object)
{
  CsTileCache *self = (CsTileCache *)object;

  g_hash_table_destroy (self->index);
  g_hash_table_destroy (self->failed);
  g_queue_clear_full (&self->lru, g_object_unref);

  G_OBJECT_CLASS (cs_tile_cache_parent_class)->finalize (object);
}

static void
cs_tile_cache_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsTileCache *self = CS_TILE_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;

    case PROP_N_BYTES:
      g_value_set_uint64 (value, self->n_bytes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_tile_cache_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CsTileCache *self = CS_TILE_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_BYTES:
      cs_tile_cache_set_max_bytes (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_tile_cache_class_init (CsTileCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_tile_cache_finalize;
  object_class->get_property = cs_tile_cache_get_property;
  object_class->set_property = cs_tile_cache_set_property;

  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL,
                         0, G_MAXUINT64, 256 * 1024 * 1024,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_BYTES] =
    g_param_spec_uint64 ("n-bytes", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_tile_cache_init (CsTileCache *self)
{
  self->index = g_hash_table_new (cs_tile_key_hash, cs_tile_key_equal);
  self->failed = g_hash_table_new_full (cs_tile_key_hash, cs_tile_key_equal, g_free, g_free);
  g_queue_init (&self->lru);
  self->max_bytes = 256 * 1024 * 1024;
  self->pinned_min_level = -1;
}

CsTileCache *
cs_tile_cache_new (gsize max_bytes)
{
  return g_object_new (CS_TYPE_TILE_CACHE, "max-bytes", (guint64) max_bytes, NULL);
}

/**
 * cs_tile_cache_lookup:
 *
 * Finds a tile and marks it as recently used.
 *
 * Returns: (transfer none) (nullable): the cached tile
 */
CsTile *
cs_tile_cache_lookup (CsTileCache     *self,
                      const CsTileKey *key)
{
  GList *link;

  g_return_val_if_fail (CS_IS_TILE_CACHE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  link = g_hash_table_lookup (self->index, key);
  if (link == NULL)
    return NULL;

  if (link != self->lru.head)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
    }

  return link->data;
}

/* Whether a tile is cached, without touching its recency. */
gboolean
cs_tile_cache_contains (CsTileCache     *self,
                        const CsTileKey *key)
{
  g_return_val_if_fail (CS_IS_TILE_CACHE (self), FALSE);

  return g_hash_table_contains (self->index, key);
}

void
cs_tile_cache_insert (CsTileCache *self,
                      CsTile      *tile)
{
  GList *old;

  g_return_if_fail (CS_IS_TILE_CACHE (self));
  g_return_if_fail (CS_IS_TILE (tile));

  old = g_hash_table_lookup (self->index, cs_tile_get_key (tile));
  if (old != NULL)
    remove_link (self, old);

  g_queue_push_head (&self->lru, g_object_ref (tile));
  g_hash_table_insert (self->index, (gpointer) cs_tile_get_key (tile), self->lru.head);
  self->n_bytes += cs_tile_get_n_bytes (tile);

  evict (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BYTES]);
}

void
cs_tile_cache_clear (CsTileCache *self)
{
  g_return_if_fail (CS_IS_TILE_CACHE (self));

  g_hash_table_remove_all (self->index);
  g_hash_table_remove_all (self->failed);
  g_queue_clear_full (&self->lru, g_object_unref);
  g_queue_init (&self->lru);
  self->n_bytes = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BYTES]);
}

/**
 * cs_tile_cache_mark_failed:
 * @key: a tile that could not be read
 *
 * Remembers the failure so the tile is drawn as an error area and not
 * requested again, until cs_tile_cache_clear().
 */
void
cs_tile_cache_mark_failed (CsTileCache     *self,
                           const CsTileKey *key)
{
  cs_tile_cache_mark_failed_until (self, key, G_MAXINT64);
}

/**
 * cs_tile_cache_mark_failed_until:
 * @deadline: g_get_monotonic_time() after which the failure is forgotten
 *
 * As cs_tile_cache_mark_failed(), for a failure that may pass (a remote
 * slide's server was down): from @deadline on, the tile is missing again,
 * so the next plan asks for it.
 */
void
cs_tile_cache_mark_failed_until (CsTileCache     *self,
                                 const CsTileKey *key,
                                 gint64           deadline)
{
  g_return_if_fail (CS_IS_TILE_CACHE (self));
  g_return_if_fail (key != NULL);

  g_hash_table_replace (self->failed, g_memdup2 (key, sizeof *key),
                        g_memdup2 (&deadline, sizeof deadline));
}

gboolean
cs_tile_cache_is_failed (CsTileCache     *self,
                         const CsTileKey *key)
{
  const gint64 *deadline;

  g_return_val_if_fail (CS_IS_TILE_CACHE (self), FALSE);

  deadline = g_hash_table_lookup (self->failed, key);
  if (deadline == NULL)
    return FALSE;
  if (*deadline != G_MAXINT64 && *deadline <= g_get_monotonic_time ())
    {
      g_hash_table_remove (self->failed, key);
      return FALSE;
    }

  return TRUE;
}

guint
cs_tile_cache_get_n_failed (CsTileCache *self)
{
  g_return_val_if_fail (CS_IS_TILE_CACHE (self), 0);

  return g_hash_table_size (self->failed);
}

/**
 * cs_tile_cache_set_pinned_min_level:
 * @level: tiles of this level and coarser ones are never evicted; -1 pins
 *   nothing
 */
void
cs_tile_cache_set_pinned_min_level (CsTileCache *self,
                                    gint32       level)
{
  g_return_if_fail (CS_IS_TILE_CACHE (self));

  self->pinned_min_level = level;
  evict (self);
}

gint32
cs_tile_cache_get_pinned_min_level (CsTileCache *self)
{
  g_return_val_if_fail (CS_IS_TILE_CACHE (self), -1);

  return self->pinned_min_level;
}

gsize
cs_tile_cache_get_max_bytes (CsTileCache *self)
{
  g_return_val_if_fail (CS_IS_TILE_CACHE (self), 0);

  return self->max_bytes;
}

void
cs_tile_cache_set_max_bytes (CsTileCache *self,
                             gsize        max_bytes)
{
  g_return_if_fail (CS_IS_TILE_CACHE (self));

  if (self->max_bytes == max_bytes)
    return;

  self->max_bytes = max_bytes;
  evict (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BYTES]);
}

gsize
cs_tile_cache_get_n_bytes (CsTileCache *self)
{
  g_return_val_if_fail (CS_IS_TILE_CACHE (self), 0);

  return self->n_bytes;
}

guint
cs_tile_cache_get_n_tiles (CsTileCache *self)
{
  g_return_val_if_fail (CS_IS_TILE_CACHE (self), 0);

  return self->lru.length;
}
