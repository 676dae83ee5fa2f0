/* cs-bench-viewer-loader.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-viewer-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-render-plan.h"

/* The viewer section's loader figures: tiles per second that one and two
 * loader threads deliver to the main thread, on the same tiles, each from
 * a freshly opened slide into an empty cache. */

/* The tiles a cold view needs for the first moves of the review, at
 * their target levels, in the order the plan asks for them. */
static GArray *
collect_tiles (CsTileSource *source,
               GArray       *trajectory,
               guint         max_tiles)
{
  g_autoptr(CsTileCache) empty = cs_tile_cache_new (CS_BENCH_CACHE_BYTES);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (cs_tile_key_hash, cs_tile_key_equal,
                                                      g_free, NULL);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (CsTileKey));

  for (guint i = 0; i < trajectory->len && keys->len < max_tiles; i++)
    {
      g_autoptr(CsRenderPlan) plan = cs_render_plan_compute (&g_array_index (trajectory,
                                                                             CsViewport, i),
                                                             source, empty);

      for (guint k = 0; k < plan->missing->len && keys->len < max_tiles; k++)
        {
          CsTileKey *key = &g_array_index (plan->missing, CsTileKey, k);

          /* The coarsest level is read with the slide (its overview). */
          if ((guint) key->level != plan->level ||
              (guint) key->level + 1 == cs_tile_source_get_n_levels (source) ||
              !g_hash_table_add (seen, g_memdup2 (key, sizeof *key)))
            continue;
          g_array_append_val (keys, *key);
        }
    }

  return keys;
}

/* Tiles per second that @n_threads loader threads deliver to the main
 * thread, from a freshly opened slide (so OpenSlide's own cache is cold
 * too) into an empty cache. */
static double
measure_loader (CsBenchContext  *ctx,
                GArray          *keys,
                guint            n_threads,
                GError         **error)
{
  CsBenchViewer viewer = { 0 };
  gint64 start;
  double seconds;

  if (!_cs_bench_viewer_open (&viewer, ctx->slide_path, n_threads, error))
    return NAN;

  start = g_get_monotonic_time ();
  cs_tile_loader_request (viewer.loader, keys);
  while (cs_tile_loader_is_busy (viewer.loader))
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (cs_tile_loader_get_n_read (viewer.loader) != keys->len)
    g_warning ("The loader read %u of %u tiles", cs_tile_loader_get_n_read (viewer.loader),
               keys->len);
  _cs_bench_viewer_clear (&viewer);

  return keys->len / seconds;
}

/* Each count of threads three times, interleaved, the best run kept:
 * the machine's other work only ever slows a run down. */
gboolean
_cs_bench_measure_loader_threads (CsBenchContext  *ctx,
                                  GArray          *trajectory,
                                  GError         **error)
{
  g_autoptr(CsSlide) slide = cs_slide_new (ctx->slide_path, error);
  g_autoptr(GArray) keys = NULL;
  double best[2] = { 0, 0 };

  if (slide == NULL)
    return FALSE;
  keys = collect_tiles (CS_TILE_SOURCE (slide), trajectory, ctx->quick ? 400 : 1500);

  for (guint run = 0; run < 6; run++)
    {
      guint n_threads = run % 2 + 1;
      double rate = measure_loader (ctx, keys, n_threads, error);

      if (isnan (rate))
        return FALSE;
      best[n_threads - 1] = MAX (best[n_threads - 1], rate);
    }

  _cs_bench_viewer_add (ctx, "loader_tiles", keys->len, "", _("tiles read by each loader run"));
  _cs_bench_viewer_add (ctx, "loader_1_thread_tiles_per_s", best[0], "tiles/s",
       _("loader with 1 thread (best of 3 runs)"));
  _cs_bench_viewer_add (ctx, "loader_2_threads_tiles_per_s", best[1], "tiles/s",
       _("loader with 2 threads (best of 3 runs)"));
  _cs_bench_viewer_add (ctx, "loader_speedup", best[1] / best[0], "×", _("2 threads / 1 thread"));

  return TRUE;
}

