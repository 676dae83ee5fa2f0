/* cs-test-source.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-test-source"

#include "config.h"

#include "cs-test-source.h"

#include "cs-slide.h"
#include "cs-test-slide.h"

#include <string.h>

/* A CsTileSource without I/O for loader, plan and view tests.
 *
 * Level L has downsample 2^L and size ceil (width / 2^L) x
 * ceil (height / 2^L); its pixels are cs_test_pyramid_pixel (L, x, y) in
 * the level's own coordinates, 0x00000000 beyond the edge (as OpenSlide).
 *
 * Geometry is immutable after construction. The delay, the failing tile and
 * the read counters may be set and read from any thread: the delay is an
 * atomic, the rest sits under a mutex. read_region () runs on loader
 * workers; its g_usleep () stands for I/O there. */

struct _CsTestSource
{
  GObject     parent_instance;

  /* Immutable geometry */
  gint64      width;
  gint64      height;
  guint       n_levels;
  int         native_tile_size;

  /* Injected behaviour */
  guint       delay_ms;         /* atomic */

  /* Under mutex */
  GMutex      mutex;
  gboolean    has_failing;
  CsTileKey   failing;
  GHashTable *reads;            /* CsTileKey* → GUINT_TO_POINTER (count) */
  guint       n_reads;

  int         n_active;         /* atomic: reads in progress */
};

static void cs_test_source_iface_init (CsTileSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsTestSource, cs_test_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CS_TYPE_TILE_SOURCE,
                                                      cs_test_source_iface_init))

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

static guint
cs_test_source_get_n_levels (CsTileSource *source)
{
  return CS_TEST_SOURCE (source)->n_levels;
}

static void
cs_test_source_get_level_size (CsTileSource *source,
                               guint         level,
                               gint64       *width,
                               gint64       *height)
{
  CsTestSource *self = CS_TEST_SOURCE (source);
  gint64 ds = G_GINT64_CONSTANT (1) << level;

  g_assert (level < self->n_levels);

  *width = (self->width + ds - 1) / ds;
  *height = (self->height + ds - 1) / ds;
}

static double
cs_test_source_get_level_downsample (CsTileSource *source,
                                     guint         level)
{
  g_assert (level < CS_TEST_SOURCE (source)->n_levels);

  return (double) (G_GINT64_CONSTANT (1) << level);
}

static void
cs_test_source_get_native_tile_size (CsTileSource *source,
                                     guint         level,
                                     int          *width,
                                     int          *height)
{
  CsTestSource *self = CS_TEST_SOURCE (source);

  *width = self->native_tile_size;
  *height = self->native_tile_size;
}

static gboolean
cs_test_source_read_region_compute (CsTileSource  *source,
                                    guint32       *dest,
                                    gint64         x,
                                    gint64         y,
                                    guint          level,
                                    int            width,
                                    int            height,
                                    GError       **error)
{
  CsTestSource *self = CS_TEST_SOURCE (source);
  gint64 ds;
  gint64 lx;
  gint64 ly;
  gint64 lw;
  gint64 lh;
  CsTileKey key;
  gboolean fail = FALSE;
  guint delay_ms;
  gpointer count;

  if (level >= self->n_levels)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   "Test source has no level %u", level);
      return FALSE;
    }

  ds = G_GINT64_CONSTANT (1) << level;
  lx = floor_div (x, ds);
  ly = floor_div (y, ds);
  cs_test_source_get_level_size (source, level, &lw, &lh);
  key = CS_TILE_KEY_INIT ((gint32) level,
                          (gint32) floor_div (lx, CS_TILE_SIZE),
                          (gint32) floor_div (ly, CS_TILE_SIZE));

  g_mutex_lock (&self->mutex);
  self->n_reads++;
  count = g_hash_table_lookup (self->reads, &key);
  g_hash_table_insert (self->reads, g_memdup2 (&key, sizeof key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  if (self->has_failing && self->failing.level == (gint32) level)
    {
      /* Fail any read that touches the failing tile, as corrupt tile data
       * fails every region overlapping it. */
      gint64 fx0 = (gint64) self->failing.col * CS_TILE_SIZE;
      gint64 fy0 = (gint64) self->failing.row * CS_TILE_SIZE;

      fail = lx < fx0 + CS_TILE_SIZE && fx0 < lx + width &&
             ly < fy0 + CS_TILE_SIZE && fy0 < ly + height;
    }
  g_mutex_unlock (&self->mutex);

  delay_ms = g_atomic_int_get (&self->delay_ms);
  if (delay_ms > 0)
    g_usleep ((gulong) delay_ms * 1000);

  if (fail)
    {
      memset (dest, 0, (gsize) width * height * sizeof (guint32));
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ,
                   "Injected read failure at level %u, tile (%d, %d)",
                   level, self->failing.col, self->failing.row);
      return FALSE;
    }

  for (int j = 0; j < height; j++)
    {
      gint64 py = ly + j;
      guint32 *row = dest + (gsize) j * width;

      for (int i = 0; i < width; i++)
        {
          gint64 px = lx + i;

          if (px < 0 || py < 0 || px >= lw || py >= lh)
            row[i] = 0;
          else
            row[i] = cs_test_pyramid_pixel (level, px, py);
        }
    }

  return TRUE;
}

/* Counts reads in progress around the real work, so tests can see that
 * nothing waits for a slow read. */
static gboolean
cs_test_source_read_region (CsTileSource  *source,
                            guint32       *dest,
                            gint64         x,
                            gint64         y,
                            guint          level,
                            int            width,
                            int            height,
                            GError       **error)
{
  CsTestSource *self = CS_TEST_SOURCE (source);
  gboolean ok;

  g_atomic_int_inc (&self->n_active);
  ok = cs_test_source_read_region_compute (source, dest, x, y, level, width, height, error);
  g_atomic_int_dec_and_test (&self->n_active);

  return ok;
}

static void
cs_test_source_iface_init (CsTileSourceInterface *iface)
{
  iface->get_n_levels = cs_test_source_get_n_levels;
  iface->get_level_size = cs_test_source_get_level_size;
  iface->get_level_downsample = cs_test_source_get_level_downsample;
  iface->get_native_tile_size = cs_test_source_get_native_tile_size;
  iface->read_region = cs_test_source_read_region;
}

static void
cs_test_source_finalize (GObject *object)
{
  CsTestSource *self = CS_TEST_SOURCE (object);

  g_clear_pointer (&self->reads, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (cs_test_source_parent_class)->finalize (object);
}

static void
cs_test_source_class_init (CsTestSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_test_source_finalize;
}

static void
cs_test_source_init (CsTestSource *self)
{
  g_mutex_init (&self->mutex);
  self->reads = g_hash_table_new_full (cs_tile_key_hash, cs_tile_key_equal,
                                       g_free, NULL);
  self->native_tile_size = CS_TILE_SIZE;
}

/**
 * cs_test_source_new_full:
 * @width: level-0 width
 * @height: level-0 height
 * @n_levels: number of levels, each half the previous (rounded up)
 * @native_tile_size: 0 (untiled) or %CS_TILE_SIZE
 *
 * Returns: (transfer full): a new source
 */
CsTestSource *
cs_test_source_new_full (gint64 width,
                         gint64 height,
                         guint  n_levels,
                         int    native_tile_size)
{
  CsTestSource *self;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (n_levels > 0 && n_levels < 32, NULL);
  g_return_val_if_fail (native_tile_size == 0 || native_tile_size == CS_TILE_SIZE, NULL);

  self = g_object_new (CS_TYPE_TEST_SOURCE, NULL);
  self->width = width;
  self->height = height;
  self->n_levels = n_levels;
  self->native_tile_size = native_tile_size;

  return self;
}

/**
 * cs_test_source_new:
 *
 * Like cs_test_source_new_full() with native tiles of %CS_TILE_SIZE.
 */
CsTestSource *
cs_test_source_new (gint64 width,
                    gint64 height,
                    guint  n_levels)
{
  return cs_test_source_new_full (width, height, n_levels, CS_TILE_SIZE);
}

/**
 * cs_test_source_set_delay:
 * @delay_ms: how long each read_region () sleeps first
 *
 * Thread-safe.
 */
void
cs_test_source_set_delay (CsTestSource *self,
                          guint         delay_ms)
{
  g_return_if_fail (CS_IS_TEST_SOURCE (self));

  g_atomic_int_set (&self->delay_ms, delay_ms);
}

/**
 * cs_test_source_set_failing:
 * @key: (nullable): the display tile whose reads fail, or %NULL for none
 *
 * Every later read_region () at @key's level that touches the tile's
 * pixels fails with %CS_SLIDE_ERROR_READ. Thread-safe.
 */
void
cs_test_source_set_failing (CsTestSource    *self,
                            const CsTileKey *key)
{
  g_return_if_fail (CS_IS_TEST_SOURCE (self));

  g_mutex_lock (&self->mutex);
  self->has_failing = key != NULL;
  if (key != NULL)
    self->failing = *key;
  g_mutex_unlock (&self->mutex);
}

/**
 * cs_test_source_get_n_reads:
 *
 * Returns: how many read_region () calls have started, failed ones
 *   included. Thread-safe.
 */
guint
cs_test_source_get_n_reads (CsTestSource *self)
{
  guint n;

  g_return_val_if_fail (CS_IS_TEST_SOURCE (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->n_reads;
  g_mutex_unlock (&self->mutex);

  return n;
}

/**
 * cs_test_source_count_reads:
 * @key: a display tile
 *
 * A read of the region starting at level-0 (x, y) at level L counts for
 * key (L, floor (x / ds / CS_TILE_SIZE), floor (y / ds / CS_TILE_SIZE)).
 *
 * Returns: how many read_region () calls have started for @key.
 *   Thread-safe.
 */
guint
cs_test_source_count_reads (CsTestSource    *self,
                            const CsTileKey *key)
{
  guint n;

  g_return_val_if_fail (CS_IS_TEST_SOURCE (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  g_mutex_lock (&self->mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->reads, key));
  g_mutex_unlock (&self->mutex);

  return n;
}

/**
 * cs_test_source_get_n_active:
 *
 * Returns: how many reads are in progress right now, on any thread
 */
guint
cs_test_source_get_n_active (CsTestSource *self)
{
  g_return_val_if_fail (CS_IS_TEST_SOURCE (self), 0);

  return (guint) g_atomic_int_get (&self->n_active);
}
