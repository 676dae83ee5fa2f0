/* cs-annotation-index.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-index"

#include "config.h"

#include <math.h>

#include "cs-annotation-index.h"

/* A uniform grid over level-0 pixels. An annotation is filed in every cell
 * its bounds meet, unless it spans more than MAX_CELLS cells: then it goes
 * on the short list of large ones that every query scans. A query larger
 * than the number of entries in cells scans all entries instead. */

#define CELL_SIZE 1024.0
#define MAX_CELLS 64

typedef struct
{
  CsAnnotation *annotation; /* borrowed: the list owns it */
  CsRect        bounds;
  guint64       order;
  guint         stamp;
  gboolean      large;
} Entry;

struct _CsAnnotationIndex
{
  GHashTable *entries; /* CsAnnotation* -> Entry* (owned) */
  GHashTable *cells;   /* cell key -> GPtrArray of Entry* */
  GPtrArray  *large;   /* Entry* */
  guint       stamp;
};

static gint64
cell_coord (double v)
{
  return (gint64) floor (v / CELL_SIZE);
}

static gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (gint64) (((guint64) (guint32) cx << 32) | (guint32) cy);
}

static void
free_cell (gpointer cell)
{
  g_ptr_array_unref (cell);
}

CsAnnotationIndex *
cs_annotation_index_new (void)
{
  CsAnnotationIndex *self = g_new0 (CsAnnotationIndex, 1);

  self->entries = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       free_cell);
  self->large = g_ptr_array_new ();
  return self;
}

void
cs_annotation_index_free (CsAnnotationIndex *self)
{
  g_hash_table_unref (self->cells);
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->large);
  g_free (self);
}

void
cs_annotation_index_clear (CsAnnotationIndex *self)
{
  g_hash_table_remove_all (self->cells);
  g_hash_table_remove_all (self->entries);
  g_ptr_array_set_size (self->large, 0);
}

static gboolean
entry_cells (const Entry *entry,
             gint64      *x0,
             gint64      *y0,
             gint64      *x1,
             gint64      *y1)
{
  *x0 = cell_coord (entry->bounds.x);
  *y0 = cell_coord (entry->bounds.y);
  *x1 = cell_coord (entry->bounds.x + entry->bounds.width);
  *y1 = cell_coord (entry->bounds.y + entry->bounds.height);
  return (*x1 - *x0 + 1) * (*y1 - *y0 + 1) <= MAX_CELLS;
}

void
cs_annotation_index_insert (CsAnnotationIndex *self,
                            CsAnnotation      *annotation,
                            guint64            order)
{
  Entry *entry = g_new0 (Entry, 1);
  gint64 x0, y0, x1, y1;

  entry->annotation = annotation;
  entry->order = order;
  cs_annotation_get_bounds (annotation, &entry->bounds);
  g_hash_table_replace (self->entries, annotation, entry);

  entry->large = !cs_geometry_is_finite (cs_annotation_get_geometry (annotation)) ||
                 !entry_cells (entry, &x0, &y0, &x1, &y1);
  if (entry->large)
    {
      g_ptr_array_add (self->large, entry);
      return;
    }
  for (gint64 cy = y0; cy <= y1; cy++)
    for (gint64 cx = x0; cx <= x1; cx++)
      {
        gint64 key = cell_key (cx, cy);
        GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

        if (cell == NULL)
          {
            cell = g_ptr_array_new ();
            g_hash_table_insert (self->cells, g_memdup2 (&key, sizeof key), cell);
          }
        g_ptr_array_add (cell, entry);
      }
}

guint64
cs_annotation_index_remove (CsAnnotationIndex *self,
                            CsAnnotation      *annotation)
{
  Entry *entry = g_hash_table_lookup (self->entries, annotation);
  gint64 x0, y0, x1, y1;
  guint64 order;

  g_return_val_if_fail (entry != NULL, 0);

  order = entry->order;
  if (entry->large)
    g_ptr_array_remove_fast (self->large, entry);
  else
    {
      entry_cells (entry, &x0, &y0, &x1, &y1);
      for (gint64 cy = y0; cy <= y1; cy++)
        for (gint64 cx = x0; cx <= x1; cx++)
          {
            gint64 key = cell_key (cx, cy);
            GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

            g_ptr_array_remove_fast (cell, entry);
            if (cell->len == 0)
              g_hash_table_remove (self->cells, &key);
          }
    }
  g_hash_table_remove (self->entries, annotation);
  return order;
}

gboolean
cs_annotation_index_get_order (CsAnnotationIndex *self,
                               CsAnnotation      *annotation,
                               guint64           *order)
{
  Entry *entry = g_hash_table_lookup (self->entries, annotation);

  if (entry == NULL)
    return FALSE;
  *order = entry->order;
  return TRUE;
}

gboolean
cs_annotation_index_get_bounds (CsAnnotationIndex *self,
                                CsAnnotation      *annotation,
                                CsRect            *bounds)
{
  Entry *entry = g_hash_table_lookup (self->entries, annotation);

  if (entry == NULL)
    return FALSE;
  *bounds = entry->bounds;
  return TRUE;
}

static void
take (CsAnnotationIndex *self,
      GPtrArray         *found,
      Entry             *entry,
      const CsRect      *rect)
{
  if (entry->stamp == self->stamp || !cs_rect_intersects (&entry->bounds, rect))
    return;
  entry->stamp = self->stamp;
  g_ptr_array_add (found, entry);
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const Entry *ea = *(Entry **) a, *eb = *(Entry **) b;

  return ea->order < eb->order ? -1 : ea->order > eb->order;
}

GPtrArray *
cs_annotation_index_query (CsAnnotationIndex *self,
                           const CsRect      *rect)
{
  GPtrArray *found = g_ptr_array_new ();
  GPtrArray *result;
  double n_cells = (floor ((rect->x + rect->width) / CELL_SIZE) - floor (rect->x / CELL_SIZE) + 1) *
                   (floor ((rect->y + rect->height) / CELL_SIZE) - floor (rect->y / CELL_SIZE) + 1);

  self->stamp++;
  if (!isfinite (n_cells) || n_cells > g_hash_table_size (self->cells))
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        take (self, found, value, rect);
    }
  else
    {
      for (gint64 cy = cell_coord (rect->y); cy <= cell_coord (rect->y + rect->height); cy++)
        for (gint64 cx = cell_coord (rect->x); cx <= cell_coord (rect->x + rect->width); cx++)
          {
            gint64 key = cell_key (cx, cy);
            GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

            for (guint i = 0; cell != NULL && i < cell->len; i++)
              take (self, found, cell->pdata[i], rect);
          }
      for (guint i = 0; i < self->large->len; i++)
        take (self, found, self->large->pdata[i], rect);
    }

  g_ptr_array_sort (found, compare_order);
  result = g_ptr_array_sized_new (found->len);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (result, ((Entry *) found->pdata[i])->annotation);
  g_ptr_array_unref (found);
  return result;
}

static guint64
entry_weight (const Entry *entry)
{
  CsGeometry *geometry = cs_annotation_get_geometry (entry->annotation);

  return cs_annotation_get_shape (entry->annotation) == CS_SHAPE_POINTS ?
         MAX (cs_geometry_get_n_points (geometry), 1) : 1;
}

static gboolean
count_entry (CsAnnotationIndex *self,
             Entry             *entry,
             const CsRect      *rect,
             guint64           *count)
{
  if (entry->stamp == self->stamp || !cs_rect_intersects (&entry->bounds, rect))
    return FALSE;
  entry->stamp = self->stamp;
  *count += entry_weight (entry);
  return TRUE;
}

/**
 * cs_annotation_index_count:
 * @limit: stop counting past this
 *
 * Annotations whose bounds meet @rect, each point set counting its
 * points; at most @limit + (the last one's weight), so that a view with
 * 100,000 annotations in it costs no more than one with a few.
 */
guint64
cs_annotation_index_count (CsAnnotationIndex *self,
                           const CsRect      *rect,
                           guint64            limit)
{
  double n_cells = (floor ((rect->x + rect->width) / CELL_SIZE) - floor (rect->x / CELL_SIZE) + 1) *
                   (floor ((rect->y + rect->height) / CELL_SIZE) - floor (rect->y / CELL_SIZE) + 1);
  guint64 count = 0;

  self->stamp++;
  for (guint i = 0; i < self->large->len && count <= limit; i++)
    count_entry (self, self->large->pdata[i], rect, &count);
  if (!isfinite (n_cells) || n_cells > g_hash_table_size (self->cells))
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->entries);
      while (count <= limit && g_hash_table_iter_next (&iter, NULL, &value))
        count_entry (self, value, rect, &count);
      return count;
    }
  for (gint64 cy = cell_coord (rect->y); cy <= cell_coord (rect->y + rect->height) && count <= limit; cy++)
    for (gint64 cx = cell_coord (rect->x); cx <= cell_coord (rect->x + rect->width) && count <= limit; cx++)
      {
        gint64 key = cell_key (cx, cy);
        GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

        for (guint i = 0; cell != NULL && i < cell->len && count <= limit; i++)
          count_entry (self, cell->pdata[i], rect, &count);
      }
  return count;
}
