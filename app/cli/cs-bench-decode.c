/* cs-bench-decode.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-baselines-private.h"
#include "cs-bench-slide-private.h"

#include <glib/gi18n.h>
#include <tiffio.h>

#include "cs-slide.h"
#include "cs-tile-source.h"
#include "cs-viewport.h"

/* The decode limit: the native tiles the review shows, each read with
 * TIFFReadRawTile and decoded with libjpeg-turbo into cairo's pixel
 * format once, by one thread and by two (each with its own TIFF handle,
 * tiles dealt alternately). Nothing a viewer does can deliver tiles faster
 * from this file. */

typedef struct
{
  guint  level;
  gint64 col;
  gint64 row;
} NativeTile;

static guint
native_tile_hash (gconstpointer p)
{
  const NativeTile *t = p;

  return g_int64_hash (&t->col) ^ (g_int64_hash (&t->row) * 31) ^ (t->level << 27);
}

static gboolean
native_tile_equal (gconstpointer a,
                   gconstpointer b)
{
  const NativeTile *x = a, *y = b;

  return x->level == y->level && x->col == y->col && x->row == y->row;
}

/* The native tiles each viewport shows at the level the viewer reads
 * (cs_tile_source_pick_level), each once, in the order first shown. */
GArray *
cs_bench_collect_native_tiles (CsSlide *slide,
                               GArray  *trajectory)
{
  CsTileSource *source = CS_TILE_SOURCE (slide);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (native_tile_hash, native_tile_equal,
                                                       g_free, NULL);
  GArray *tiles = g_array_new (FALSE, FALSE, sizeof (NativeTile));

  for (guint i = 0; i < trajectory->len; i++)
    {
      const CsViewport *vp = &g_array_index (trajectory, CsViewport, i);
      guint level = cs_tile_source_pick_level (source, 1.0 / vp->zoom);
      double ds = cs_tile_source_get_level_downsample (source, level);
      int tw = 0, th = 0;
      gint64 lw = 0, lh = 0;
      double x0, y0, x1, y1;

      cs_tile_source_get_native_tile_size (source, level, &tw, &th);
      cs_tile_source_get_level_size (source, level, &lw, &lh);
      cs_viewport_get_visible (vp, 0, &x0, &y0, &x1, &y1);
      x0 = MAX (0, x0 / ds);
      y0 = MAX (0, y0 / ds);
      x1 = MIN (lw, x1 / ds);
      y1 = MIN (lh, y1 / ds);

      for (gint64 row = (gint64) y0 / th; row * th < y1; row++)
        for (gint64 col = (gint64) x0 / tw; col * tw < x1; col++)
          {
            NativeTile tile = { level, col, row };

            if (g_hash_table_contains (seen, &tile))
              continue;
            g_array_append_val (tiles, tile);
            g_hash_table_add (seen, g_memdup2 (&tile, sizeof tile));
          }
    }
  return tiles;
}

guint
cs_bench_native_tile_level (GArray *tiles,
                            guint   index,
                            gint64 *col,
                            gint64 *row)
{
  const NativeTile *t = &g_array_index (tiles, NativeTile, index);

  *col = t->col;
  *row = t->row;
  return t->level;
}

typedef struct
{
  const char *path;
  GArray     *tiles;
  guint       first;
  guint       step;
  guint       n_decoded;
  GError     *error;
} DecodeJob;

static gboolean
decode_tiles (DecodeJob *job)
{
  TIFF *tiff = TIFFOpen (job->path, "rm");
  g_autofree guint8 *raw = NULL;
  g_autofree guint8 *pixels = NULL;
  tmsize_t raw_size = 0;
  tdir_t dir = (tdir_t) -1;
  const guint8 *tables = NULL;
  guint32 n_tables = 0, tile_w = 0, tile_h = 0;
  guint16 photometric = 0;

  if (tiff == NULL)
    {
      g_set_error (&job->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not open “%s” with libtiff"), job->path);
      return FALSE;
    }

  for (guint i = job->first; i < job->tiles->len; i += job->step)
    {
      const NativeTile *t = &g_array_index (job->tiles, NativeTile, i);
      tmsize_t len;
      guint32 index;

      if (t->level != dir)
        {
          dir = t->level;
          if (!TIFFSetDirectory (tiff, dir))
            break;
          n_tables = 0;
          tables = NULL;
          if (!TIFFGetField (tiff, TIFFTAG_JPEGTABLES, &n_tables, &tables))
            n_tables = 0;
          TIFFGetField (tiff, TIFFTAG_TILEWIDTH, &tile_w);
          TIFFGetField (tiff, TIFFTAG_TILELENGTH, &tile_h);
          TIFFGetFieldDefaulted (tiff, TIFFTAG_PHOTOMETRIC, &photometric);
          g_free (pixels);
          pixels = g_malloc ((gsize) tile_w * tile_h * 4);
        }

      index = TIFFComputeTile (tiff, t->col * tile_w, t->row * tile_h, 0, 0);
      len = (tmsize_t) TIFFGetStrileByteCount (tiff, index);
      if (len > raw_size)
        {
          g_free (raw);
          raw_size = len;
          raw = g_malloc (raw_size);
        }
      if (len <= 0 || TIFFReadRawTile (tiff, index, raw, len) != len)
        break;
      if (!cs_bench_jpeg_decode (tables, n_tables, raw, len,
                                 photometric == PHOTOMETRIC_YCBCR,
                                 pixels, tile_w, tile_h, &job->error))
        break;
      job->n_decoded++;
    }
  TIFFClose (tiff);

  if (job->error == NULL && job->first + (gsize) job->n_decoded * job->step < job->tiles->len)
    g_set_error (&job->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not read the tiles of “%s” with libtiff"), job->path);
  return job->error == NULL;
}

static gpointer
decode_thread (gpointer data)
{
  decode_tiles (data);
  return NULL;
}

/* Decodes every tile with @n_threads threads; the wall time in seconds,
 * or a negative value with @error. */
double
cs_bench_decode_tiles (const char *path,
                       GArray     *tiles,
                       guint       n_threads,
                       GError    **error)
{
  g_autofree DecodeJob *jobs = g_new0 (DecodeJob, n_threads);
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);
  gint64 start = g_get_monotonic_time ();
  double seconds;

  for (guint i = 0; i < n_threads; i++)
    {
      jobs[i].path = path;
      jobs[i].tiles = tiles;
      jobs[i].first = i;
      jobs[i].step = n_threads;
      threads[i] = g_thread_new ("bench-decode", decode_thread, &jobs[i]);
    }
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  for (guint i = 0; i < n_threads; i++)
    {
      if (jobs[i].error != NULL && seconds >= 0)
        {
          g_propagate_error (error, g_steal_pointer (&jobs[i].error));
          seconds = -1;
        }
      g_clear_error (&jobs[i].error);
    }
  return seconds;
}
