/* cs-dicomweb-memory.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb-slide"

#include "config.h"

#include "cs-dicomweb-slide-private.h"

/* Decoded frames of a remote slide, least recently used dropped first:
 * display tiles (256 pixels) rarely match frames (240, 512…), so one
 * frame serves several neighbouring tiles, read one after the other by
 * the loader's workers; this spares them reading the frame from the disk
 * cache and decoding it again each time. Thread-safe. */

typedef struct
{
  char   *key;
  GBytes *pixels;
} Entry;

struct _CsDicomwebMemory
{
  GMutex      mutex;
  GHashTable *index;       /* key -> GList* in @lru */
  GQueue      lru;         /* Entry*, most recent first */
  gsize       bytes;
  gsize       max_bytes;
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_bytes_unref (entry->pixels);
  g_free (entry);
}

CsDicomwebMemory *
_cs_dicomweb_memory_new (gsize max_bytes)
{
  CsDicomwebMemory *self = g_new0 (CsDicomwebMemory, 1);

  g_mutex_init (&self->mutex);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
  self->max_bytes = max_bytes;

  return self;
}

void
_cs_dicomweb_memory_free (CsDicomwebMemory *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->index);
  g_queue_clear_full (&self->lru, entry_free);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* Returns: (transfer full) (nullable): the decoded frame of @key */
GBytes *
_cs_dicomweb_memory_lookup (CsDicomwebMemory *self,
                            const char       *key)
{
  GBytes *pixels = NULL;
  GList *link;

  g_mutex_lock (&self->mutex);
  link = g_hash_table_lookup (self->index, key);
  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      pixels = g_bytes_ref (((Entry *) link->data)->pixels);
    }
  g_mutex_unlock (&self->mutex);

  return pixels;
}

void
_cs_dicomweb_memory_insert (CsDicomwebMemory *self,
                            const char       *key,
                            GBytes           *pixels)
{
  Entry *entry;

  g_mutex_lock (&self->mutex);
  if (!g_hash_table_contains (self->index, key))
    {
      entry = g_new0 (Entry, 1);
      entry->key = g_strdup (key);
      entry->pixels = g_bytes_ref (pixels);
      g_queue_push_head (&self->lru, entry);
      g_hash_table_insert (self->index, entry->key, self->lru.head);
      self->bytes += g_bytes_get_size (pixels);
    }
  while (self->bytes > self->max_bytes && self->lru.length > 1)
    {
      entry = g_queue_pop_tail (&self->lru);
      g_hash_table_remove (self->index, entry->key);
      self->bytes -= g_bytes_get_size (entry->pixels);
      entry_free (entry);
    }
  g_mutex_unlock (&self->mutex);
}
