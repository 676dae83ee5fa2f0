/* cs-annotation-raster-tile.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-raster"

#include "config.h"

#include "cs-annotation-raster-private.h"

#include "cs-core-private.h"

#include <math.h>

/* What the raster layer's worker renders from, and one tile. */

double
_cs_raster_level_zoom (int level)
{
  return ldexp (1.0, -level);
}

/* A tile holds a quarter of a 1920 x 1080 view's pixels: its share of the
 * view's density threshold, so that a tile turns to the density layer
 * where a view of the same zoom would. */
static double
tile_density_load (void)
{
  return CS_RENDER_DENSITY_LOAD * (double) CS_ANNOTATION_RASTER_TILE *
         CS_ANNOTATION_RASTER_TILE / CS_RENDER_DENSITY_AREA;
}

cairo_surface_t *
_cs_raster_render_tile (CsAnnotationIndex               *index,
                        const CsAnnotationRenderOptions *options,
                        int                              level,
                        gint64                           tx,
                        gint64                           ty,
                        CsAnnotationRenderStats         *stats)
{
  const int size = CS_ANNOTATION_RASTER_TILE;
  double zoom = _cs_raster_level_zoom (level);
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  CsAnnotationRenderOptions tile_options = *options;
  CsViewport viewport;

  tile_options.editor = NULL;
  tile_options.highlights = NULL;
  cs_viewport_init (&viewport, tx * size / zoom, ty * size / zoom, zoom, size, size);
  _cs_render_annotations_indexed (cr, index, &viewport, &tile_options, tile_density_load (), stats);
  cairo_surface_flush (surface);
  if (stats->n_visible == 0)
    return NULL;

  return g_steal_pointer (&surface);
}

static CsClassTable *
copy_classes (CsClassTable *classes)
{
  g_autofree char *text = NULL;
  g_autoptr(CsClassTable) copy = NULL;

  if (classes == NULL)
    return NULL;
  text = cs_class_table_serialize (classes);
  copy = cs_class_table_new ();
  if (!cs_class_table_deserialize (copy, text))
    return NULL;

  return g_steal_pointer (&copy);
}

/* NULL when the class table cannot be copied (a name the serialisation
 * cannot carry): the caller draws vectors. */
CsRasterSnapshot *
_cs_raster_snapshot_new (CsAnnotationList                *list,
                         const CsAnnotationRenderOptions *options)
{
  CsRasterSnapshot *snapshot;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  CsClassTable *classes = copy_classes (options->classes);

  if (options->classes != NULL && classes == NULL)
    return NULL;

  snapshot = g_new0 (CsRasterSnapshot, 1);
  g_atomic_ref_count_init (&snapshot->ref);
  snapshot->annotations = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snapshot->annotations, g_list_model_get_item (G_LIST_MODEL (list), i));
  snapshot->classes = classes;
  snapshot->options = *options;
  snapshot->options.classes = classes;
  snapshot->options.editor = NULL;
  snapshot->options.highlights = NULL;

  return snapshot;
}

CsRasterSnapshot *
_cs_raster_snapshot_ref (CsRasterSnapshot *snapshot)
{
  g_atomic_ref_count_inc (&snapshot->ref);
  return snapshot;
}

void
_cs_raster_snapshot_unref (CsRasterSnapshot *snapshot)
{
  if (!g_atomic_ref_count_dec (&snapshot->ref))
    return;

  g_clear_pointer (&snapshot->index, cs_annotation_index_free);
  g_ptr_array_unref (snapshot->annotations);
  g_clear_object (&snapshot->classes);
  g_free (snapshot);
}

/* Built by the thread that renders from it (one at a time). */
CsAnnotationIndex *
_cs_raster_snapshot_get_index (CsRasterSnapshot *snapshot)
{
  if (snapshot->index == NULL)
    {
      snapshot->index = cs_annotation_index_new ();
      for (guint i = 0; i < snapshot->annotations->len; i++)
        cs_annotation_index_insert (snapshot->index, snapshot->annotations->pdata[i], i);
    }
  return snapshot->index;
}

char *
_cs_raster_style (const CsAnnotationRenderOptions *options)
{
  g_autofree char *classes = options->classes != NULL ?
                             cs_class_table_serialize (options->classes) : g_strdup ("");
  char numbers[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (numbers[0], sizeof numbers[0], options->fill_alpha);
  g_ascii_dtostr (numbers[1], sizeof numbers[1], options->ui_scale);
  g_ascii_dtostr (numbers[2], sizeof numbers[2], options->calibration.mpp_x);
  g_ascii_dtostr (numbers[3], sizeof numbers[3], options->calibration.mpp_y);

  return g_strdup_printf ("%s|%d|%d|%s|%s|%s|%s", classes, !!options->color_by_author,
                          !!options->show_labels, numbers[0], numbers[1], numbers[2],
                          numbers[3]);
}
