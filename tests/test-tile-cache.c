/* test-tile-cache.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-tile-cache.h"

#define TILE_SIDE 16
#define TILE_BYTES (TILE_SIDE * TILE_SIDE * 4)

static CsTile *
make_tile (gint32 level,
           gint32 col,
           gint32 row)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (TILE_BYTES), TILE_BYTES);

  return cs_tile_new (&CS_TILE_KEY_INIT (level, col, row), TILE_SIDE, TILE_SIDE, bytes);
}

static void
insert (CsTileCache *cache,
        gint32       level,
        gint32       col,
        gint32       row)
{
  g_autoptr(CsTile) tile = make_tile (level, col, row);

  cs_tile_cache_insert (cache, tile);
}

static void
test_tile_cache_evicts_lru (void)
{
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (3 * TILE_BYTES);

  for (gint32 col = 0; col < 4; col++)
    insert (cache, 0, col, 0);

  g_assert_cmpuint (cs_tile_cache_get_n_tiles (cache), ==, 3);
  g_assert_cmpuint (cs_tile_cache_get_n_bytes (cache), ==, 3 * TILE_BYTES);
  g_assert_null (cs_tile_cache_lookup (cache, &CS_TILE_KEY_INIT (0, 0, 0)));
  g_assert_nonnull (cs_tile_cache_lookup (cache, &CS_TILE_KEY_INIT (0, 3, 0)));
}

static void
test_tile_cache_lookup_refreshes (void)
{
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (3 * TILE_BYTES);

  insert (cache, 0, 0, 0);
  insert (cache, 0, 1, 0);
  insert (cache, 0, 2, 0);
  g_assert_nonnull (cs_tile_cache_lookup (cache, &CS_TILE_KEY_INIT (0, 0, 0)));
  insert (cache, 0, 3, 0);

  /* (0,1) was the least recently used, not (0,0). */
  g_assert_false (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (0, 1, 0)));
  g_assert_true (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (0, 0, 0)));
}

static void
test_tile_cache_contains_does_not_refresh (void)
{
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (2 * TILE_BYTES);

  insert (cache, 0, 0, 0);
  insert (cache, 0, 1, 0);
  g_assert_true (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (0, 0, 0)));
  insert (cache, 0, 2, 0);

  g_assert_false (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (0, 0, 0)));
}

static void
test_tile_cache_pins_coarse_levels (void)
{
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (2 * TILE_BYTES);

  cs_tile_cache_set_pinned_min_level (cache, 2);
  insert (cache, 3, 0, 0);
  insert (cache, 2, 0, 0);
  for (gint32 col = 0; col < 5; col++)
    insert (cache, 0, col, 0);

  /* The pinned tiles stay, even past the budget; fine ones are evicted. */
  g_assert_true (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (3, 0, 0)));
  g_assert_true (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (2, 0, 0)));
  g_assert_false (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (0, 0, 0)));
  g_assert_false (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (0, 3, 0)));

  cs_tile_cache_set_pinned_min_level (cache, -1);
  g_assert_cmpuint (cs_tile_cache_get_n_bytes (cache), <=, 2 * TILE_BYTES);
}

static void
test_tile_cache_replaces_same_key (void)
{
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (10 * TILE_BYTES);
  g_autoptr(CsTile) second = make_tile (1, 2, 3);

  insert (cache, 1, 2, 3);
  cs_tile_cache_insert (cache, second);

  g_assert_cmpuint (cs_tile_cache_get_n_tiles (cache), ==, 1);
  g_assert_cmpuint (cs_tile_cache_get_n_bytes (cache), ==, TILE_BYTES);
  g_assert_true (cs_tile_cache_lookup (cache, &CS_TILE_KEY_INIT (1, 2, 3)) == second);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_tile_cache_shrinking_budget_evicts (void)
{
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (10 * TILE_BYTES);
  guint notified = 0;

  for (gint32 col = 0; col < 10; col++)
    insert (cache, 0, col, 0);

  g_signal_connect (cache, "notify::max-bytes", G_CALLBACK (count_cb), &notified);
  cs_tile_cache_set_max_bytes (cache, 4 * TILE_BYTES);
  cs_tile_cache_set_max_bytes (cache, 4 * TILE_BYTES);

  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (cs_tile_cache_get_n_tiles (cache), ==, 4);
  g_assert_true (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (0, 9, 0)));
  g_assert_false (cs_tile_cache_contains (cache, &CS_TILE_KEY_INIT (0, 5, 0)));

  cs_tile_cache_clear (cache);
  g_assert_cmpuint (cs_tile_cache_get_n_tiles (cache), ==, 0);
  g_assert_cmpuint (cs_tile_cache_get_n_bytes (cache), ==, 0);
}

static void
test_tile_wraps_pixels_without_copy (void)
{
  g_autoptr(CsTile) tile = make_tile (0, 0, 0);
  cairo_surface_t *surface = cs_tile_get_surface (tile);

  g_assert_true (cairo_image_surface_get_data (surface) ==
                 g_bytes_get_data (cs_tile_get_pixels (tile), NULL));
  g_assert_cmpint (cairo_image_surface_get_stride (surface), ==, TILE_SIDE * 4);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
}

/* A failure for good stays; one that may pass (a remote slide's server)
 * is forgotten at its deadline, and clear() forgets both. */
static void
test_tile_cache_failures_expire (void)
{
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (1 << 20);
  CsTileKey forever = { 0, 1, 1 };
  CsTileKey passing = { 0, 2, 1 };
  CsTileKey later = { 0, 3, 1 };

  cs_tile_cache_mark_failed (cache, &forever);
  cs_tile_cache_mark_failed_until (cache, &passing, g_get_monotonic_time () - 1);
  cs_tile_cache_mark_failed_until (cache, &later, g_get_monotonic_time () + G_USEC_PER_SEC * 60);
  g_assert_true (cs_tile_cache_is_failed (cache, &forever));
  g_assert_false (cs_tile_cache_is_failed (cache, &passing));
  g_assert_true (cs_tile_cache_is_failed (cache, &later));
  g_assert_cmpuint (cs_tile_cache_get_n_failed (cache), ==, 2);

  cs_tile_cache_clear (cache);
  g_assert_false (cs_tile_cache_is_failed (cache, &forever));
  g_assert_false (cs_tile_cache_is_failed (cache, &later));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/tile-cache/evicts-lru", test_tile_cache_evicts_lru);
  g_test_add_func ("/cs/tile-cache/lookup-refreshes", test_tile_cache_lookup_refreshes);
  g_test_add_func ("/cs/tile-cache/contains-does-not-refresh",
                   test_tile_cache_contains_does_not_refresh);
  g_test_add_func ("/cs/tile-cache/pins-coarse-levels", test_tile_cache_pins_coarse_levels);
  g_test_add_func ("/cs/tile-cache/replaces-same-key", test_tile_cache_replaces_same_key);
  g_test_add_func ("/cs/tile-cache/shrinking-budget-evicts",
                   test_tile_cache_shrinking_budget_evicts);
  g_test_add_func ("/cs/tile-cache/failures-expire", test_tile_cache_failures_expire);
  g_test_add_func ("/cs/tile/wraps-pixels-without-copy", test_tile_wraps_pixels_without_copy);

  return g_test_run ();
}
