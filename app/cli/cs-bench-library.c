/* cs-bench-library.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-gen.h"
#include "cs-library.h"
#include "cs-library-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <tiffio.h>

/* The library section: a collection of CS_BENCH_LIBRARY_SIZE small
 * generated slides, scanned as the library window does (asynchronously,
 * the main loop taking the deliveries): the time until every slide is
 * listed, then until every item is filled in, with a cold cache and
 * again with the warm one (which must open no slide). */

#define LIBRARY_TILE   256
#define LIBRARY_WIDTH  512
#define LIBRARY_HEIGHT 384

/* A disc of a colour and place of its own on a pale background: every
 * slide's pixels, and so its identity, differ. */
static void
fill_tile (guint8  *tile,
           guint    index,
           guint64  seed,
           int      scale,
           int      x0,
           int      y0)
{
  guint32 hash = g_int64_hash (&(gint64) { (gint64) (seed * 1000003 + index) });
  int cx = 64 + hash % (LIBRARY_WIDTH - 128), cy = 64 + (hash >> 9) % (LIBRARY_HEIGHT - 128);
  int r = 40 + (hash >> 18) % 60;
  guint8 colour[3] = { 96 + (index * 37) % 160, 40 + (index * 91) % 120, 120 + (index * 13) % 136 };

  for (int y = 0; y < LIBRARY_TILE; y++)
    for (int x = 0; x < LIBRARY_TILE; x++)
      {
        int dx = (x0 + x) * scale - cx, dy = (y0 + y) * scale - cy;
        guint8 *p = tile + ((gsize) y * LIBRARY_TILE + x) * 3;
        gboolean inside = dx * dx + dy * dy < r * r;

        for (int c = 0; c < 3; c++)
          p[c] = inside ? colour[c] : 240 - (guint8) ((x0 + x + y0 + y) % 8);
      }
}

static gboolean
write_level (TIFF    *tiff,
             guint8  *tile,
             guint    index,
             guint64  seed,
             int      scale)
{
  int width = LIBRARY_WIDTH / scale, height = LIBRARY_HEIGHT / scale;

  TIFFSetField (tiff, TIFFTAG_SUBFILETYPE, scale > 1 ? FILETYPE_REDUCEDIMAGE : 0);
  TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, (guint32) width);
  TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, (guint32) height);
  TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, 3);
  TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
  TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tiff, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  TIFFSetField (tiff, TIFFTAG_TILEWIDTH, LIBRARY_TILE);
  TIFFSetField (tiff, TIFFTAG_TILELENGTH, LIBRARY_TILE);
  for (int y = 0; y < height; y += LIBRARY_TILE)
    for (int x = 0; x < width; x += LIBRARY_TILE)
      {
        fill_tile (tile, index, seed, scale, x, y);
        if (TIFFWriteTile (tiff, tile, x, y, 0, 0) < 0)
          return FALSE;
      }

  return TIFFWriteDirectory (tiff);
}

/**
 * cs_bench_write_library_slide:
 *
 * Writes the @index-th slide of a generated collection to @path: a
 * two-level pyramidal tiled TIFF (CS_BENCH_LIBRARY_WIDTH ×
 * CS_BENCH_LIBRARY_HEIGHT, 256-pixel deflate tiles) whose pixels differ
 * for each @index and @seed.
 */
gboolean
cs_bench_write_library_slide (const char  *path,
                              guint        index,
                              guint64      seed,
                              GError     **error)
{
  g_autofree guint8 *tile = g_malloc ((gsize) LIBRARY_TILE * LIBRARY_TILE * 3);
  TIFF *tiff = TIFFOpen (path, "w");
  gboolean ok;

  if (tiff == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s"), path);
      return FALSE;
    }
  ok = write_level (tiff, tile, index, seed, 1) && write_level (tiff, tile, index, seed, 2);
  TIFFClose (tiff);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s"), path);

  return ok;
}

/* Writes slide-0000.tiff … into @dir (made if missing). */
gboolean
cs_bench_write_library (const char  *dir,
                        guint        n,
                        guint64      seed,
                        GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _("Cannot create %s: %s"),
                   dir, g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("slide-%04u.tiff", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!cs_bench_write_library_slide (path, i, seed, error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  guint   n_expected;
  guint   n_listed;
  guint   n_filled;
  gint64  start;
  gint64  listed;
  gint64  filled;
  gboolean done;
  GError *error;
} ScanTimes;

static void
on_item_changed (CsLibraryItem *item,
                 ScanTimes     *times)
{
  if (++times->n_filled == times->n_expected)
    times->filled = g_get_monotonic_time ();
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ScanTimes  *times)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (model, i);

      g_signal_connect (item, "changed", G_CALLBACK (on_item_changed), times);
    }
  times->n_listed = g_list_model_get_n_items (model);
  if (times->n_listed == times->n_expected)
    times->listed = g_get_monotonic_time ();
}

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  ScanTimes *times = data;

  cs_library_scan_finish (CS_LIBRARY (source), result, &times->error);
  times->done = TRUE;
}

/* One scan of @dir with the cache @cache, as the window runs it. */
static gboolean
time_scan (const char *dir,
           const char *cache,
           guint       n,
           ScanTimes  *times,
           GError    **error)
{
  g_autoptr(CsLibrary) library = cs_library_new ();
  g_autofree char *tags = g_build_filename (cache, "tags.json", NULL);
  g_autoptr(CsLibraryTags) tag_set = cs_library_tags_new (tags);

  *times = (ScanTimes) { .n_expected = n };
  cs_library_add_folder (library, dir);
  cs_library_set_cache_dir (library, cache);
  cs_library_set_annotation_dir (library, cache);
  cs_library_set_case_dir (library, cache);
  cs_library_set_tags (library, tag_set);
  g_signal_connect (library, "items-changed", G_CALLBACK (on_items_changed), times);
  times->start = g_get_monotonic_time ();
  cs_library_scan_async (library, NULL, on_scanned, times);
  while (!times->done)
    g_main_context_iteration (NULL, TRUE);
  if (times->error != NULL)
    {
      g_propagate_error (error, times->error);
      return FALSE;
    }
  if (times->listed == 0 || times->filled == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The library scan of %s listed %u and filled in %u of %u slides"),
                   dir, times->n_listed, times->n_filled, n);
      return FALSE;
    }

  return TRUE;
}

static void
add_times (CsBenchResults *results,
           const char     *which,
           ScanTimes      *times)
{
  g_autofree char *listed = g_strdup_printf ("%s_listed_ms", which);
  g_autofree char *filled = g_strdup_printf ("%s_filled_ms", which);

  cs_bench_results_add (results, "library", listed, (times->listed - times->start) / 1000.0,
                        "ms", g_str_equal (which, "cold")
                        ? _("library scan, cold cache: until every slide is listed")
                        : _("library scan, warm cache: until every slide is listed"));
  cs_bench_results_add (results, "library", filled, (times->filled - times->start) / 1000.0,
                        "ms", g_str_equal (which, "cold")
                        ? _("library scan, cold cache: until every thumbnail is filled in")
                        : _("library scan, warm cache: until every thumbnail is filled in"));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

gboolean
cs_bench_run_library (CsBenchContext *ctx,
                      GError        **error)
{
  guint n = ctx->quick ? CS_BENCH_LIBRARY_SIZE / 5 : CS_BENCH_LIBRARY_SIZE;
  g_autofree char *root = g_dir_make_tmp ("consilium-bench-library-XXXXXX", error);
  g_autofree char *dir = NULL;
  g_autofree char *cache = NULL;
  ScanTimes cold, warm;
  guint opened;
  gboolean ok;

  if (root == NULL)
    return FALSE;
  dir = g_build_filename (root, "collection", NULL);
  cache = g_build_filename (root, "cache", NULL);
  ok = cs_bench_write_library (dir, n, ctx->seed, error)
       && time_scan (dir, cache, n, &cold, error);
  opened = _cs_library_get_n_slides_opened ();
  ok = ok && time_scan (dir, cache, n, &warm, error);
  opened = _cs_library_get_n_slides_opened () - opened;
  remove_tree (root);
  if (!ok)
    return FALSE;

  cs_bench_results_add (ctx->results, "library", "n_slides", n, "",
                        _("slides in the generated collection"));
  add_times (ctx->results, "cold", &cold);
  add_times (ctx->results, "warm", &warm);
  cs_bench_results_add (ctx->results, "library", "warm_slides_opened", opened, "",
                        _("slides the warm scan opened (must be 0)"));

  return TRUE;
}
