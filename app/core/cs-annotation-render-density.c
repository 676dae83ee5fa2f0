/* cs-annotation-render-density.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-render"

#include "config.h"

#include "cs-annotation-render-private.h"

#include "cs-core-private.h"

#include <math.h>

/* The density layer: when more annotations and points are in view than
 * can be drawn one by one, the small ones are counted into a grid of
 * DENSITY_CELL px cells on screen and painted as a heat layer in their
 * classes' colours. A cell with one annotation in it is painted too:
 * nothing disappears. Text notes, annotations large on screen and point
 * sets with few points keep their shapes over it. Main thread. */

/* Density cells, logical pixels. */
#define DENSITY_CELL         4.0
/* In density mode, annotations larger than this on screen keep their
 * shape. */
#define DENSITY_LARGE_PX     24.0
/* Point sets of up to this many points keep their discs in density mode. */
#define DENSITY_FEW_POINTS   1000

/* Counts of annotations and points per screen cell, with their summed
 * colours. */
typedef struct
{
  int      width;
  int      height;
  double   cell;
  guint32 *count;
  guint32 *rgb_sum;  /* three per cell */
} DensityGrid;

static void
density_add (DensityGrid *grid,
             double       sx,
             double       sy,
             guint32      rgb)
{
  int gx = (int) floor (sx / grid->cell);
  int gy = (int) floor (sy / grid->cell);
  gsize i;

  if (gx < 0 || gy < 0 || gx >= grid->width || gy >= grid->height)
    return;

  i = (gsize) gy * grid->width + gx;
  grid->count[i]++;
  grid->rgb_sum[3 * i] += (rgb >> 16) & 0xff;
  grid->rgb_sum[3 * i + 1] += (rgb >> 8) & 0xff;
  grid->rgb_sum[3 * i + 2] += rgb & 0xff;
}

static void
density_add_annotation (CsRenderContext *ctx,
                        DensityGrid     *grid,
                        CsAnnotation    *annotation,
                        const CsRect    *screen)
{
  guint32 rgb = cs_annotation_render_color (ctx->options, annotation);

  if (cs_annotation_get_shape (annotation) == CS_SHAPE_POINTS)
    {
      guint n;
      const CsPoint *points;

      points = cs_geometry_get_ring (cs_annotation_get_geometry (annotation), 0, 0, &n);
      for (guint i = 0; i < n; i++)
        {
          double sx, sy;

          _cs_render_to_screen (ctx, points[i].x, points[i].y, &sx, &sy);
          density_add (grid, sx, sy, rgb);
        }
      return;
    }
  density_add (grid, screen->x + screen->width / 2, screen->y + screen->height / 2, rgb);
}

/* Counts and colours summed over the 3 x 3 cells around (x, y): the layer
 * shows local density, without the moiré of a regular pattern of
 * detections against the grid. */
static void
density_around (const DensityGrid *grid,
                int                x,
                int                y,
                double            *n,
                double             rgb[3])
{
  *n = rgb[0] = rgb[1] = rgb[2] = 0;
  for (int gy = MAX (0, y - 1); gy <= MIN (grid->height - 1, y + 1); gy++)
    for (int gx = MAX (0, x - 1); gx <= MIN (grid->width - 1, x + 1); gx++)
      {
        gsize i = (gsize) gy * grid->width + gx;

        *n += grid->count[i];
        for (guint c = 0; c < 3; c++)
          rgb[c] += grid->rgb_sum[3 * i + c];
      }
}

/* Paints the cells that hold something (and only those: nothing spreads
 * where there is nothing) in the mean colour around them, more opaque the
 * denser (log scale), never fainter than min_alpha. */
static void
density_paint (CsRenderContext *ctx,
               DensityGrid     *grid)
{
  const double min_alpha = 0.5, max_alpha = 0.8;
  g_autoptr(cairo_surface_t) surface = NULL;
  double max_n = 1;
  guchar *data;
  int stride;

  for (int y = 0; y < grid->height; y++)
    for (int x = 0; x < grid->width; x++)
      {
        double n, rgb[3];

        if (grid->count[(gsize) y * grid->width + x] == 0)
          continue;
        density_around (grid, x, y, &n, rgb);
        max_n = MAX (max_n, n);
      }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, grid->width, grid->height);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < grid->height; y++)
    for (int x = 0; x < grid->width; x++)
      {
        guint32 *pixel = &((guint32 *) (data + y * stride))[x];
        double n, rgb[3], alpha;
        guint32 a, r, g, b;

        *pixel = 0;
        if (grid->count[(gsize) y * grid->width + x] == 0)
          continue;
        density_around (grid, x, y, &n, rgb);
        alpha = min_alpha + (max_alpha - min_alpha) * log1p (n) / log1p (max_n);
        a = (guint32) lround (alpha * 255);
        r = (guint32) lround (rgb[0] / n * alpha);
        g = (guint32) lround (rgb[1] / n * alpha);
        b = (guint32) lround (rgb[2] / n * alpha);
        *pixel = a << 24 | r << 16 | g << 8 | b;
      }
  cairo_surface_mark_dirty (surface);

  cairo_save (ctx->cr);
  cairo_scale (ctx->cr, grid->cell, grid->cell);
  cairo_set_source_surface (ctx->cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (ctx->cr), CAIRO_FILTER_NEAREST);
  cairo_paint (ctx->cr);
  cairo_restore (ctx->cr);
}

/* In the density layer's company, what is still drawn as itself: text
 * notes (their text is the point), annotations large on screen, and
 * point sets with few points (a count of mitoses stays countable). */
static gboolean
keeps_shape (CsAnnotation *annotation,
             const CsRect *screen,
             double        large)
{
  CsShape shape = cs_annotation_get_shape (annotation);

  if (shape == CS_SHAPE_TEXT)
    return TRUE;
  if (shape == CS_SHAPE_POINTS)
    return MAX (screen->width, screen->height) >= CS_RENDER_TINY_PX &&
           cs_geometry_get_n_points (cs_annotation_get_geometry (annotation)) <= DENSITY_FEW_POINTS;

  return MAX (screen->width, screen->height) >= large;
}

void
_cs_render_dense (CsRenderContext         *ctx,
              GPtrArray               *shown,
              GArray                  *screens,
              CsAnnotationRenderStats *stats)
{
  double large = DENSITY_LARGE_PX * ctx->ui;
  DensityGrid grid = { 0 };
  g_autoptr(GPtrArray) larger = g_ptr_array_new ();
  g_autoptr(GArray) larger_screens = g_array_new (FALSE, FALSE, sizeof (CsRect));

  grid.cell = MAX (2.0, round (DENSITY_CELL * ctx->ui));
  grid.width = (int) ceil (ctx->viewport->width / grid.cell);
  grid.height = (int) ceil (ctx->viewport->height / grid.cell);
  grid.count = g_new0 (guint32, (gsize) grid.width * grid.height);
  grid.rgb_sum = g_new0 (guint32, (gsize) grid.width * grid.height * 3);

  for (guint i = 0; i < shown->len; i++)
    {
      const CsRect *screen = &g_array_index (screens, CsRect, i);

      if (keeps_shape (shown->pdata[i], screen, large))
        {
          g_ptr_array_add (larger, shown->pdata[i]);
          g_array_append_val (larger_screens, *screen);
          continue;
        }
      density_add_annotation (ctx, &grid, shown->pdata[i], screen);
      stats->n_dense++;
    }
  density_paint (ctx, &grid);
  g_free (grid.count);
  g_free (grid.rgb_sum);

  for (guint i = 0; i < larger->len; i++)
    _cs_render_annotation (ctx, larger->pdata[i], &g_array_index (larger_screens, CsRect, i), stats);
}
