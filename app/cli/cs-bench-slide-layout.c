/* cs-bench-slide-layout.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-slide-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <openslide.h>
#include <string.h>

/* Where the generated slide's tissue comes from. The slide holds a few
 * "sections" (blobs with wavy outlines, as tissue lies on glass); every
 * 512-pixel cell of level 0 inside one is covered by a block of 512, 1024
 * or 2048 pixels cut from the real slide at a tissue-rich place, flipped
 * and rotated by 90-degree steps. Everything else is the glass colour of
 * the real slide. All choices come from one seeded GRand. */

#define N_SECTIONS_MIN 2
#define N_SECTIONS_MAX 4
#define TISSUE_LEVEL   6 /* the tissue level whose pixels rate a block */
#define SOURCE_ALIGN   64

typedef struct
{
  guint8 *rgb;
  int     width;
  int     height;
} Plane;

typedef struct
{
  gint32 sx; /* level-0 origin of the block in the tissue */
  gint32 sy;
  gint32 bx; /* level-0 origin of the block in the slide */
  gint32 by;
  gint32 size;
  guint8 orient; /* bit 0: flip x, bit 1: flip y, bit 2: transpose */
} Block;

struct _CsBenchLayout
{
  Plane   tissue[CS_BENCH_MAX_LEVEL + 1];
  guint   n_tissue;
  guint8  background[3];
  guint64 width;
  guint64 height;
  guint   cols; /* cells */
  guint   rows;
  gint32 *cells; /* block index, or -1 */
  GArray *blocks;
};

void
cs_bench_layout_free (CsBenchLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->n_tissue; i++)
    g_free (layout->tissue[i].rgb);
  g_free (layout->cells);
  g_clear_pointer (&layout->blocks, g_array_unref);
  g_free (layout);
}

void
cs_bench_layout_get_background (CsBenchLayout *layout,
                                guint8         rgb[3])
{
  memcpy (rgb, layout->background, 3);
}

static gboolean
read_tissue (CsBenchLayout *layout,
             const char    *path,
             GError       **error)
{
  openslide_t *osr = openslide_open (path);
  g_autofree guint32 *argb = NULL;
  int64_t w = 0, h = 0;
  Plane *p = &layout->tissue[0];
  const char *message;

  if (osr == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a slide OpenSlide can open"), path);
      return FALSE;
    }
  openslide_get_level0_dimensions (osr, &w, &h);
  if (openslide_get_error (osr) == NULL
      && (w < 2048 || h < 2048 || w > 16384 || h > 16384))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is %" PRId64 "×%" PRId64
                     " pixels: the benchmark needs tissue of 2048 to 16384 pixels a side"),
                   path, (gint64) w, (gint64) h);
      openslide_close (osr);
      return FALSE;
    }
  if (openslide_get_error (osr) == NULL)
    {
      argb = g_new (guint32, (gsize) w * h);
      openslide_read_region (osr, argb, 0, 0, 0, w, h);
    }
  message = openslide_get_error (osr);
  if (message != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not read “%s”: %s"), path, message);
      openslide_close (osr);
      return FALSE;
    }
  openslide_close (osr);

  p->width = w;
  p->height = h;
  p->rgb = g_malloc ((gsize) w * h * 3);
  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      guint32 px = argb[i];
      guint a = px >> 24;

      /* Premultiplied; transparent is the glass. */
      for (int c = 0; c < 3; c++)
        {
          guint v = (px >> (16 - 8 * c)) & 0xff;
          p->rgb[i * 3 + c] = a == 0 ? 255 : (guint8) MIN (255u, v * 255 / a);
        }
    }
  return TRUE;
}

/* Each further level of the tissue: the mean of 2x2 pixels. */
static void
build_tissue_pyramid (CsBenchLayout *layout,
                      guint          n_levels)
{
  layout->n_tissue = 1;
  for (guint k = 1; k < n_levels && k <= CS_BENCH_MAX_LEVEL; k++)
    {
      const Plane *up = &layout->tissue[k - 1];
      Plane *p = &layout->tissue[k];

      p->width = up->width / 2;
      p->height = up->height / 2;
      p->rgb = g_malloc ((gsize) p->width * p->height * 3 + 1);
      for (int y = 0; y < p->height; y++)
        for (int x = 0; x < p->width; x++)
          for (int c = 0; c < 3; c++)
            {
              const guint8 *s = up->rgb + ((gsize) 2 * y * up->width + 2 * x) * 3 + c;
              guint sum = s[0] + s[3] + s[up->width * 3] + s[up->width * 3 + 3];

              p->rgb[((gsize) y * p->width + x) * 3 + c] = (guint8) ((sum + 2) / 4);
            }
      layout->n_tissue = k + 1;
    }
}

/* The glass: the mean colour of the brightest 1% of the tissue's pixels,
 * measured at a coarse level. */
static void
find_background (CsBenchLayout *layout)
{
  const Plane *p = &layout->tissue[MIN (2u, layout->n_tissue - 1)];
  guint64 histogram[766] = { 0 };
  guint64 sums[3] = { 0 }, n = 0, wanted, seen = 0;
  gsize n_px = (gsize) p->width * p->height;
  int threshold = 765;

  for (gsize i = 0; i < n_px; i++)
    histogram[p->rgb[i * 3] + p->rgb[i * 3 + 1] + p->rgb[i * 3 + 2]]++;
  wanted = MAX (1, n_px / 100);
  while (threshold > 0 && seen + histogram[threshold] < wanted)
    seen += histogram[threshold--];

  for (gsize i = 0; i < n_px; i++)
    if (p->rgb[i * 3] + p->rgb[i * 3 + 1] + p->rgb[i * 3 + 2] >= threshold)
      {
        for (int c = 0; c < 3; c++)
          sums[c] += p->rgb[i * 3 + c];
        n++;
      }
  for (int c = 0; c < 3; c++)
    layout->background[c] = n > 0 ? (guint8) (sums[c] / n) : 255;
}

/* Share of a tissue square (level-0 origin and size) that is darker than
 * the glass, measured on a coarse level. */
static double
tissue_share (CsBenchLayout *layout,
              int            sx,
              int            sy,
              int            size)
{
  guint k = MIN ((guint) TISSUE_LEVEL, layout->n_tissue - 1);
  const Plane *p = &layout->tissue[k];
  int x0 = sx >> k, y0 = sy >> k, n = MAX (1, size >> k);
  int glass = layout->background[0] + layout->background[1] + layout->background[2];
  guint dark = 0;

  for (int y = y0; y < y0 + n && y < p->height; y++)
    for (int x = x0; x < x0 + n && x < p->width; x++)
      {
        const guint8 *px = p->rgb + ((gsize) y * p->width + x) * 3;

        if (px[0] + px[1] + px[2] < glass - 45)
          dark++;
      }
  return (double) dark / ((double) n * n);
}

typedef struct
{
  double cx, cy, rx, ry;
  double phase[3];
} Section;

static gboolean
inside_sections (const Section *sections,
                 guint          n,
                 double         x,
                 double         y)
{
  for (guint i = 0; i < n; i++)
    {
      const Section *s = &sections[i];
      double dx = (x - s->cx) / s->rx, dy = (y - s->cy) / s->ry;
      double theta = atan2 (dy, dx);
      double edge = 1.0 + 0.15 * sin (3 * theta + s->phase[0])
                    + 0.08 * sin (5 * theta + s->phase[1])
                    + 0.04 * sin (11 * theta + s->phase[2]);

      if (dx * dx + dy * dy < edge * edge)
        return TRUE;
    }
  return FALSE;
}

/* Serial sections side by side, as they lie on a slide: each a wavy
 * ellipse filling most of its share of the width. */
static guint
make_sections (CsBenchLayout *layout,
               GRand         *rand,
               Section       *sections)
{
  guint n = g_rand_int_range (rand, N_SECTIONS_MIN, N_SECTIONS_MAX + 1);
  double w = layout->width, h = layout->height, share = w / n;

  for (guint i = 0; i < n; i++)
    {
      Section *s = &sections[i];

      s->cx = share * (i + 0.5) + share * g_rand_double_range (rand, -0.05, 0.05);
      s->cy = h * g_rand_double_range (rand, 0.45, 0.55);
      s->rx = share * g_rand_double_range (rand, 0.36, 0.44);
      s->ry = h * g_rand_double_range (rand, 0.3, 0.4);
      for (int j = 0; j < 3; j++)
        s->phase[j] = g_rand_double_range (rand, 0, 2 * G_PI);
    }
  return n;
}

/* A tissue-rich origin for a block of @size: the best of a few tries. */
static void
pick_source (CsBenchLayout *layout,
             GRand         *rand,
             int            size,
             Block         *block)
{
  const Plane *t = &layout->tissue[0];
  double best = -1;

  for (int attempt = 0; attempt < 16 && best < 0.85; attempt++)
    {
      int sx = g_rand_int_range (rand, 0, (t->width - size) / SOURCE_ALIGN + 1) * SOURCE_ALIGN;
      int sy = g_rand_int_range (rand, 0, (t->height - size) / SOURCE_ALIGN + 1) * SOURCE_ALIGN;
      double share = tissue_share (layout, sx, sy, size);

      if (share > best)
        {
          best = share;
          block->sx = sx;
          block->sy = sy;
        }
    }
  block->orient = (guint8) g_rand_int_range (rand, 0, 8);
}

static gboolean
cells_free (CsBenchLayout *layout,
            guint          col,
            guint          row,
            guint          n)
{
  if (col + n > layout->cols || row + n > layout->rows)
    return FALSE;
  for (guint r = row; r < row + n; r++)
    for (guint c = col; c < col + n; c++)
      if (layout->cells[(gsize) r * layout->cols + c] >= 0)
        return FALSE;
  return TRUE;
}

static void
place_block (CsBenchLayout *layout,
             GRand         *rand,
             guint          col,
             guint          row)
{
  const Plane *t = &layout->tissue[0];
  double pick = g_rand_double (rand);
  /* 1, 2 or 4 cells a side; mostly small, for variety. */
  guint n = pick < 0.45 ? 1 : pick < 0.85 ? 2 : 4;
  Block block = { 0 };

  while (n > 1 && (!cells_free (layout, col, row, n)
                   || (int) n * CS_BENCH_CELL > MIN (t->width, t->height)))
    n /= 2;

  block.size = n * CS_BENCH_CELL;
  block.bx = col * CS_BENCH_CELL;
  block.by = row * CS_BENCH_CELL;
  pick_source (layout, rand, block.size, &block);
  g_array_append_val (layout->blocks, block);

  for (guint r = row; r < row + n; r++)
    for (guint c = col; c < col + n; c++)
      layout->cells[(gsize) r * layout->cols + c] = layout->blocks->len - 1;
}

static void
make_layout (CsBenchLayout *layout,
             guint64        seed)
{
  guint32 seeds[3] = { (guint32) seed, (guint32) (seed >> 32), 0x51de };
  g_autoptr (GRand) rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  Section sections[N_SECTIONS_MAX];
  guint n_sections = make_sections (layout, rand, sections);

  layout->cols = (layout->width + CS_BENCH_CELL - 1) / CS_BENCH_CELL;
  layout->rows = (layout->height + CS_BENCH_CELL - 1) / CS_BENCH_CELL;
  layout->cells = g_new (gint32, (gsize) layout->cols * layout->rows);
  memset (layout->cells, 0xff, sizeof (gint32) * layout->cols * layout->rows);
  layout->blocks = g_array_new (FALSE, TRUE, sizeof (Block));

  for (guint row = 0; row < layout->rows; row++)
    for (guint col = 0; col < layout->cols; col++)
      {
        double x = (col + 0.5) * CS_BENCH_CELL, y = (row + 0.5) * CS_BENCH_CELL;

        if (layout->cells[(gsize) row * layout->cols + col] < 0
            && inside_sections (sections, n_sections, x, y))
          place_block (layout, rand, col, row);
      }
}

CsBenchLayout *
cs_bench_layout_new (const char *tissue_path,
                     guint64     width,
                     guint64     height,
                     guint       n_levels,
                     guint64     seed,
                     GError    **error)
{
  g_autoptr (CsBenchLayout) layout = g_new0 (CsBenchLayout, 1);

  g_return_val_if_fail (n_levels >= 1 && n_levels <= CS_BENCH_MAX_LEVEL + 1, NULL);

  layout->width = width;
  layout->height = height;
  if (!read_tissue (layout, tissue_path, error))
    return NULL;
  build_tissue_pyramid (layout, n_levels);
  find_background (layout);
  make_layout (layout, seed);
  return g_steal_pointer (&layout);
}

/* Copies the part of @block that falls in the level-k rectangle [x0, x1)
 * x [y0, y1) of the slide into the tile at (@tx0, @ty0). */
static void
copy_block (CsBenchLayout *layout,
            const Block   *block,
            guint          k,
            gint64         x0,
            gint64         y0,
            gint64         x1,
            gint64         y1,
            gint64         tx0,
            gint64         ty0,
            int            tile,
            guint8        *rgb)
{
  const Plane *t = &layout->tissue[k];
  gint64 s = block->size >> k, bx = block->bx >> k, by = block->by >> k;
  gint64 stride = (gint64) t->width * 3;
  gboolean fx = block->orient & 1, fy = block->orient & 2;
  gint64 base = ((block->sy >> k) + (fy ? s - 1 : 0)) * stride
                + ((block->sx >> k) + (fx ? s - 1 : 0)) * 3;
  gint64 step_x = fx ? -3 : 3, step_y = fy ? -stride : stride;
  gint64 du = step_x, dv = step_y;

  if (block->orient & 4)
    {
      /* Transposed: moving right in the slide moves down in the tissue. */
      du = step_y;
      dv = step_x;
    }

  for (gint64 y = y0; y < y1; y++)
    {
      const guint8 *src = t->rgb + base + (x0 - bx) * du + (y - by) * dv;
      guint8 *dest = rgb + ((y - ty0) * tile + (x0 - tx0)) * 3;

      for (gint64 x = x0; x < x1; x++, src += du, dest += 3)
        {
          dest[0] = src[0];
          dest[1] = src[1];
          dest[2] = src[2];
        }
    }
}

gboolean
cs_bench_layout_render_tile (CsBenchLayout *layout,
                             guint          level,
                             guint64        col,
                             guint64        row,
                             int            tile,
                             guint8        *rgb)
{
  gint64 lw = layout->width >> level, lh = layout->height >> level;
  gint64 tx0 = col * tile, ty0 = row * tile;
  gint64 tx1 = MIN (tx0 + tile, lw), ty1 = MIN (ty0 + tile, lh);
  gint64 cell = CS_BENCH_CELL >> level;
  gboolean any = FALSE;

  /* The second bound is implied by the first (n_tissue never exceeds the
   * array) but says so to GCC, whose range analysis under
   * -fsanitize=undefined otherwise sees a level past the array. */
  g_return_val_if_fail (level < layout->n_tissue && level <= CS_BENCH_MAX_LEVEL, FALSE);

  for (gsize i = 0; i < (gsize) tile * tile; i++)
    memcpy (rgb + i * 3, layout->background, 3);

  for (gint64 cr = ty0 / cell; cr * cell < ty1; cr++)
    for (gint64 cc = tx0 / cell; cc * cell < tx1; cc++)
      {
        gint32 b = layout->cells[cr * layout->cols + cc];

        if (b < 0)
          continue;
        copy_block (layout, &g_array_index (layout->blocks, Block, b), level,
                    MAX (cc * cell, tx0), MAX (cr * cell, ty0),
                    MIN ((cc + 1) * cell, tx1), MIN ((cr + 1) * cell, ty1),
                    tx0, ty0, tile, rgb);
        any = TRUE;
      }
  return any;
}
