/* test-tile-loader.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-slide.h"
#include "cs-test-slide.h"
#include "cs-test-source.h"
#include "cs-test-utils.h"
#include "cs-tile-loader.h"

typedef struct
{
  CsTestSource *source;
  CsTileCache  *cache;
  CsTileLoader *loader;
  GArray       *loaded;     /* CsTileKey, in delivery order */
  GArray       *failed;     /* CsTileKey */
  GError       *error;
  GThread      *main_thread;
  gboolean      off_thread;
} Fixture;

static void
tile_loaded_cb (CsTileLoader *loader,
                CsTile       *tile,
                Fixture      *f)
{
  if (g_thread_self () != f->main_thread)
    f->off_thread = TRUE;
  g_assert_true (cs_tile_cache_contains (f->cache, cs_tile_get_key (tile)));
  g_array_append_val (f->loaded, *cs_tile_get_key (tile));
}

static void
tile_failed_cb (CsTileLoader *loader,
                gpointer      key,
                GError       *error,
                Fixture      *f)
{
  g_array_append_val (f->failed, *(CsTileKey *) key);
  g_clear_error (&f->error);
  f->error = g_error_copy (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  guint n_threads = GPOINTER_TO_UINT (data);

  f->main_thread = g_thread_self ();
  f->source = cs_test_source_new (4096, 4096, 3);
  f->cache = cs_tile_cache_new (G_MAXSIZE);
  f->loader = cs_tile_loader_new (CS_TILE_SOURCE (f->source), f->cache, n_threads);
  f->loaded = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  f->failed = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  g_signal_connect (f->loader, "tile-loaded", G_CALLBACK (tile_loaded_cb), f);
  g_signal_connect (f->loader, "tile-failed", G_CALLBACK (tile_failed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->loader);
  /* Deliveries still queued hold a ref to the loader: let them run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->cache);
  g_clear_object (&f->source);
  g_clear_pointer (&f->loaded, g_array_unref);
  g_clear_pointer (&f->failed, g_array_unref);
  g_clear_error (&f->error);
}

static gboolean
loader_idle (gpointer data)
{
  Fixture *f = data;

  return !cs_tile_loader_is_busy (f->loader);
}

static GArray *
keys_new (guint n,
          ...)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  va_list ap;

  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    {
      CsTileKey key;

      key.level = va_arg (ap, gint32);
      key.col = va_arg (ap, gint32);
      key.row = va_arg (ap, gint32);
      g_array_append_val (keys, key);
    }
  va_end (ap);

  return keys;
}

static void
test_loader_delivers_on_main_thread (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GArray) keys = keys_new (3, 0, 0, 0, 0, 1, 0, 1, 0, 0);

  cs_tile_loader_request (f->loader, keys);
  g_assert_true (cs_test_wait_until (loader_idle, f, 5000));

  g_assert_cmpuint (f->loaded->len, ==, 3);
  g_assert_false (f->off_thread);
  g_assert_cmpuint (cs_tile_loader_get_n_read (f->loader), ==, 3);
  g_assert_cmpuint (cs_tile_cache_get_n_tiles (f->cache), ==, 3);
}

static void
test_loader_never_reads_twice (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GArray) keys = keys_new (2, 0, 2, 2, 0, 3, 2);

  /* The same request every frame while the tile is in flight, then after
   * it is cached: one read each. */
  cs_test_source_set_delay (f->source, 30);
  for (int frame = 0; frame < 10; frame++)
    cs_tile_loader_request (f->loader, keys);
  g_assert_true (cs_test_wait_until (loader_idle, f, 5000));
  for (int frame = 0; frame < 10; frame++)
    cs_tile_loader_request (f->loader, keys);
  g_assert_true (cs_test_wait_until (loader_idle, f, 5000));

  g_assert_cmpuint (cs_test_source_count_reads (f->source, &CS_TILE_KEY_INIT (0, 2, 2)), ==, 1);
  g_assert_cmpuint (cs_test_source_count_reads (f->source, &CS_TILE_KEY_INIT (0, 3, 2)), ==, 1);
  g_assert_cmpuint (f->loaded->len, ==, 2);
}

static void
test_loader_drops_stale_requests (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GArray) old_view = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  g_autoptr(GArray) new_view = keys_new (2, 1, 7, 7, 1, 7, 6);

  for (gint32 col = 0; col < 16; col++)
    {
      CsTileKey key = { 0, col, 0 };

      g_array_append_val (old_view, key);
    }

  /* One worker, slow reads: the user pans away after the first tile. */
  cs_test_source_set_delay (f->source, 40);
  cs_tile_loader_request (f->loader, old_view);
  cs_tile_loader_request (f->loader, new_view);
  g_assert_true (cs_test_wait_until (loader_idle, f, 5000));

  g_assert_cmpuint (cs_test_source_get_n_reads (f->source), <=, 2 + 1);
  g_assert_cmpuint (cs_tile_loader_get_n_dropped (f->loader), >=, 15);
  g_assert_true (cs_tile_cache_contains (f->cache, &CS_TILE_KEY_INIT (1, 7, 7)));
  g_assert_true (cs_tile_cache_contains (f->cache, &CS_TILE_KEY_INIT (1, 7, 6)));
  g_assert_false (cs_tile_cache_contains (f->cache, &CS_TILE_KEY_INIT (0, 15, 0)));
}

static void
test_loader_follows_request_order (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GArray) keys = keys_new (4, 2, 1, 1, 0, 5, 5, 0, 0, 0, 1, 3, 3);

  cs_tile_loader_request (f->loader, keys);
  g_assert_true (cs_test_wait_until (loader_idle, f, 5000));

  g_assert_cmpuint (f->loaded->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (cs_tile_key_equal (&g_array_index (f->loaded, CsTileKey, i),
                                      &g_array_index (keys, CsTileKey, i)));
}

static void
test_loader_reports_failures (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GArray) keys = keys_new (2, 0, 1, 1, 0, 2, 1);

  cs_test_source_set_failing (f->source, &CS_TILE_KEY_INIT (0, 1, 1));
  cs_tile_loader_request (f->loader, keys);
  g_assert_true (cs_test_wait_until (loader_idle, f, 5000));

  g_assert_cmpuint (f->failed->len, ==, 1);
  g_assert_true (cs_tile_key_equal (&g_array_index (f->failed, CsTileKey, 0),
                                    &CS_TILE_KEY_INIT (0, 1, 1)));
  g_assert_error (f->error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_READ);
  g_assert_false (cs_tile_cache_contains (f->cache, &CS_TILE_KEY_INIT (0, 1, 1)));
  g_assert_true (cs_tile_cache_contains (f->cache, &CS_TILE_KEY_INIT (0, 2, 1)));
}

static void
test_loader_cancel_discards (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (CsTileKey));

  for (gint32 col = 0; col < 10; col++)
    {
      CsTileKey key = { 0, col, 3 };

      g_array_append_val (keys, key);
    }

  cs_test_source_set_delay (f->source, 30);
  cs_tile_loader_request (f->loader, keys);
  cs_tile_loader_cancel (f->loader);
  g_assert_true (cs_test_wait_until (loader_idle, f, 5000));

  g_assert_cmpuint (f->loaded->len, ==, 0);
  g_assert_cmpuint (cs_test_source_get_n_reads (f->source), <=, 1);
}

static gboolean
one_read_active (gpointer data)
{
  return cs_test_source_get_n_active (data) == 1;
}

static gboolean
no_read_active (gpointer data)
{
  return cs_test_source_get_n_active (data) == 0;
}

/* Dropping the loader (closing a tab) never waits for a slow read: the
 * read finishes on its own and its tile is discarded. */
static void
test_loader_dispose_does_not_wait (void)
{
  g_autoptr(CsTestSource) source = cs_test_source_new (1024, 1024, 1);
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  CsTileLoader *loader = cs_tile_loader_new (CS_TILE_SOURCE (source), cache, 1);
  g_autoptr(GArray) keys = keys_new (2, 0, 0, 0, 0, 1, 0);

  cs_test_source_set_delay (source, 300);
  cs_tile_loader_request (loader, keys);
  g_assert_true (cs_test_wait_until (one_read_active, source, 5000));

  g_object_unref (loader);
  g_assert_cmpuint (cs_test_source_get_n_active (source), ==, 1);

  g_assert_true (cs_test_wait_until (no_read_active, source, 5000));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (cs_test_source_get_n_reads (source), ==, 1);
  g_assert_cmpuint (cs_tile_cache_get_n_tiles (cache), ==, 0);
}

static gboolean
loader_done (gpointer data)
{
  return !cs_tile_loader_is_busy (data);
}

/* Real slide, several workers: every tile holds the predicted pixels. */
static void
test_loader_reads_slide_tiles (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(CsTileCache) cache = cs_tile_cache_new (G_MAXSIZE);
  g_autoptr(CsTileLoader) loader = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  g_autofree char *path = NULL;
  CsTestPyramid spec;

  cs_test_pyramid_init_simple (&spec);
  path = cs_test_write_pyramid (dir, "simple.tiff", &spec, &error);
  g_assert_no_error (error);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);

  for (guint level = 0; level < 3; level++)
    {
      gint32 cols, rows;

      cs_tile_source_get_grid_size (CS_TILE_SOURCE (slide), level, &cols, &rows);
      for (gint32 row = 0; row < rows; row++)
        for (gint32 col = 0; col < cols; col++)
          {
            CsTileKey key = { (gint32) level, col, row };

            g_array_append_val (keys, key);
          }
    }

  loader = cs_tile_loader_new (CS_TILE_SOURCE (slide), cache, 3);
  cs_tile_loader_request (loader, keys);
  g_assert_true (cs_test_wait_until (loader_done, loader, 10000));

  g_assert_cmpuint (cs_tile_cache_get_n_tiles (cache), ==, keys->len);
  for (guint i = 0; i < keys->len; i++)
    {
      const CsTileKey *key = &g_array_index (keys, CsTileKey, i);
      CsTile *tile = cs_tile_cache_lookup (cache, key);
      const guint32 *pixels = g_bytes_get_data (cs_tile_get_pixels (tile), NULL);
      int w = cs_tile_get_width (tile);
      int h = cs_tile_get_height (tile);

      for (int y = 0; y < h; y += 7)
        for (int x = 0; x < w; x += 5)
          g_assert_cmphex (pixels[y * w + x], ==,
                           cs_test_pyramid_pixel (key->level,
                                                  key->col * CS_TILE_SIZE + x,
                                                  key->row * CS_TILE_SIZE + y));
    }

  g_clear_object (&loader);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  cs_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, threads) \
  g_test_add ("/cs/tile-loader/" path, Fixture, GUINT_TO_POINTER (threads), \
              fixture_setup, func, fixture_teardown)

  ADD ("delivers-on-main-thread", test_loader_delivers_on_main_thread, 2);
  ADD ("never-reads-twice", test_loader_never_reads_twice, 2);
  ADD ("drops-stale-requests", test_loader_drops_stale_requests, 1);
  ADD ("follows-request-order", test_loader_follows_request_order, 1);
  ADD ("reports-failures", test_loader_reports_failures, 2);
  ADD ("cancel-discards", test_loader_cancel_discards, 1);
  g_test_add_func ("/cs/tile-loader/reads-slide-tiles", test_loader_reads_slide_tiles);
  g_test_add_func ("/cs/tile-loader/dispose-does-not-wait", test_loader_dispose_does_not_wait);

  return g_test_run ();
}
