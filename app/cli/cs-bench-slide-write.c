/* cs-bench-slide-write.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-gen.h"
#include "cs-bench-slide-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>
#include <tiffio.h>

/* Writes the generated slide as a generic tiled TIFF that OpenSlide reads
 * as "generic-tiff": BigTIFF, one directory per level (the first full
 * size, the others marked reduced-resolution), 256-pixel tiles, each a
 * complete JPEG stream (YCbCr 4:2:0, quality 85) written with
 * TIFFWriteRawTile, resolution in pixels per centimetre for 0.25 µm per
 * pixel at level 0.
 *
 * Tiles are rendered and encoded by a thread pool one tile row at a time,
 * a few rows ahead of the main thread that writes them in order, so that
 * memory stays a few rows whatever the slide's size. A lower level's tile
 * is computed from the tissue's own pyramid, which equals the box filter
 * of level 0 (see cs-bench-slide-private.h): no level is ever held whole.
 * Tiles without tissue share one encoded background tile. */

#define JPEG_QUALITY 85

typedef struct
{
  CsBenchLayout *layout;
  GBytes        *background;
  GMutex         lock;
  GCond          done_cond;
} Writer;

typedef struct
{
  Writer  *writer;
  guint    level;
  guint64  row;
  guint64  n_cols;
  GBytes **tiles;
  gboolean done;
} RowJob;

static void
row_job_free (gpointer data)
{
  RowJob *job = data;

  for (guint64 i = 0; i < job->n_cols; i++)
    g_clear_pointer (&job->tiles[i], g_bytes_unref);
  g_free (job->tiles);
  g_free (job);
}

static void
encode_row (gpointer data,
            gpointer user_data)
{
  RowJob *job = data;
  Writer *writer = job->writer;
  g_autofree guint8 *rgb = g_malloc (CS_BENCH_TILE_SIZE * CS_BENCH_TILE_SIZE * 3);

  (void) user_data;
  for (guint64 col = 0; col < job->n_cols; col++)
    {
      if (cs_bench_layout_render_tile (writer->layout, job->level, col, job->row,
                                       CS_BENCH_TILE_SIZE, rgb))
        job->tiles[col] = cs_bench_jpeg_encode (rgb, CS_BENCH_TILE_SIZE,
                                                CS_BENCH_TILE_SIZE, JPEG_QUALITY);
      else
        job->tiles[col] = g_bytes_ref (writer->background);
    }

  g_mutex_lock (&writer->lock);
  job->done = TRUE;
  g_cond_broadcast (&writer->done_cond);
  g_mutex_unlock (&writer->lock);
}

static void
set_level_tags (TIFF   *tiff,
                guint   level,
                guint64 width,
                guint64 height,
                guint64 seed)
{
  double per_cm = 10000.0 / (CS_BENCH_MPP * (double) (1u << level));
  g_autofree char *description =
    g_strdup_printf ("Consilium benchmark slide v%d, seed %" G_GUINT64_FORMAT
                     ", level %u", CS_BENCH_SLIDE_VERSION, seed, level);

  TIFFSetField (tiff, TIFFTAG_SUBFILETYPE, level == 0 ? 0 : FILETYPE_REDUCEDIMAGE);
  TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, (guint32) width);
  TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, (guint32) height);
  TIFFSetField (tiff, TIFFTAG_TILEWIDTH, (guint32) CS_BENCH_TILE_SIZE);
  TIFFSetField (tiff, TIFFTAG_TILELENGTH, (guint32) CS_BENCH_TILE_SIZE);
  TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, 3);
  TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tiff, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
  TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
  TIFFSetField (tiff, TIFFTAG_YCBCRSUBSAMPLING, 2, 2);
  TIFFSetField (tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_CENTIMETER);
  TIFFSetField (tiff, TIFFTAG_XRESOLUTION, per_cm);
  TIFFSetField (tiff, TIFFTAG_YRESOLUTION, per_cm);
  TIFFSetField (tiff, TIFFTAG_IMAGEDESCRIPTION, description);
  TIFFSetField (tiff, TIFFTAG_SOFTWARE, "consilium-cli bench");
}

static gboolean
write_error (const char *path,
             GError    **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write the benchmark slide “%s”: %s"),
               path, g_strerror (errno != 0 ? errno : EIO));
  return FALSE;
}

static gboolean
write_row (TIFF       *tiff,
           RowJob     *job,
           const char *path,
           GError    **error)
{
  for (guint64 col = 0; col < job->n_cols; col++)
    {
      gsize len = 0;
      const void *data = g_bytes_get_data (job->tiles[col], &len);
      guint32 index = TIFFComputeTile (tiff, col * CS_BENCH_TILE_SIZE,
                                       job->row * CS_BENCH_TILE_SIZE, 0, 0);

      errno = 0;
      if (TIFFWriteRawTile (tiff, index, (void *) data, len) != (tmsize_t) len)
        return write_error (path, error);
    }
  return TRUE;
}

static gboolean
write_level (TIFF         *tiff,
             Writer       *writer,
             GThreadPool  *pool,
             guint         level,
             guint64       width,
             guint64       height,
             const char   *path,
             GCancellable *cancellable,
             GError      **error)
{
  guint64 n_cols = (width + CS_BENCH_TILE_SIZE - 1) / CS_BENCH_TILE_SIZE;
  guint64 n_rows = (height + CS_BENCH_TILE_SIZE - 1) / CS_BENCH_TILE_SIZE;
  guint ahead = 2 * g_thread_pool_get_max_threads (pool) + 1;
  g_autoptr (GPtrArray) queue = g_ptr_array_new_with_free_func (row_job_free);
  guint64 next = 0;
  gboolean ok = TRUE;

  for (guint64 row = 0; row < n_rows && ok; row++)
    {
      RowJob *job;

      for (; next < n_rows && next < row + ahead; next++)
        {
          job = g_new0 (RowJob, 1);
          job->writer = writer;
          job->level = level;
          job->row = next;
          job->n_cols = n_cols;
          job->tiles = g_new0 (GBytes *, n_cols);
          g_ptr_array_add (queue, job);
          g_thread_pool_push (pool, job, NULL);
        }

      job = g_ptr_array_index (queue, 0);
      g_mutex_lock (&writer->lock);
      while (!job->done)
        g_cond_wait (&writer->done_cond, &writer->lock);
      g_mutex_unlock (&writer->lock);

      ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
           && write_row (tiff, job, path, error);
      g_ptr_array_remove_index (queue, 0);
    }

  /* Jobs still queued or running must finish before they are freed. */
  g_mutex_lock (&writer->lock);
  for (guint i = 0; i < queue->len; i++)
    while (!((RowJob *) g_ptr_array_index (queue, i))->done)
      g_cond_wait (&writer->done_cond, &writer->lock);
  g_mutex_unlock (&writer->lock);
  return ok;
}

static GBytes *
encode_background (CsBenchLayout *layout)
{
  g_autofree guint8 *rgb = g_malloc (CS_BENCH_TILE_SIZE * CS_BENCH_TILE_SIZE * 3);
  guint8 background[3];

  cs_bench_layout_get_background (layout, background);
  for (gsize i = 0; i < CS_BENCH_TILE_SIZE * CS_BENCH_TILE_SIZE; i++)
    memcpy (rgb + i * 3, background, 3);
  return cs_bench_jpeg_encode (rgb, CS_BENCH_TILE_SIZE, CS_BENCH_TILE_SIZE, JPEG_QUALITY);
}

static gboolean
write_levels (TIFF         *tiff,
              Writer       *writer,
              guint64       width,
              guint64       height,
              guint64       seed,
              const char   *path,
              GCancellable *cancellable,
              GError      **error)
{
  guint n_levels = cs_bench_slide_n_levels (width, height);
  guint n_threads = MAX (1, g_get_num_processors ());
  GThreadPool *pool = g_thread_pool_new (encode_row, NULL, n_threads, FALSE, NULL);
  gboolean ok = TRUE;

  for (guint level = 0; level < n_levels && ok; level++)
    {
      guint64 w = width >> level, h = height >> level;

      set_level_tags (tiff, level, w, h, seed);
      ok = write_level (tiff, writer, pool, level, w, h, path, cancellable, error);
      errno = 0;
      if (ok && !TIFFWriteDirectory (tiff))
        ok = write_error (path, error);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  return ok;
}

gboolean
cs_bench_generate_slide (const char   *tissue_path,
                         const char   *path,
                         guint64       width,
                         guint64       height,
                         guint64       seed,
                         GCancellable *cancellable,
                         GError      **error)
{
  guint n_levels = cs_bench_slide_n_levels (width, height);
  g_autoptr (CsBenchLayout) layout = NULL;
  Writer writer = { 0 };
  TIFF *tiff;
  gboolean ok;

  if (n_levels > CS_BENCH_MAX_LEVEL + 1 || width > G_MAXUINT32 || height > G_MAXUINT32)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A benchmark slide of %" PRIu64 "×%" PRIu64
                     " pixels is too large"), width, height);
      return FALSE;
    }
  layout = cs_bench_layout_new (tissue_path, width, height, n_levels, seed, error);
  if (layout == NULL)
    return FALSE;

  errno = 0;
  tiff = TIFFOpen (path, "w8");
  if (tiff == NULL)
    return write_error (path, error);

  writer.layout = layout;
  writer.background = encode_background (layout);
  g_mutex_init (&writer.lock);
  g_cond_init (&writer.done_cond);

  ok = write_levels (tiff, &writer, width, height, seed, path, cancellable, error);
  errno = 0;
  TIFFClose (tiff);

  g_cond_clear (&writer.done_cond);
  g_mutex_clear (&writer.lock);
  g_bytes_unref (writer.background);
  return ok;
}
