/* cs-opinion-compare-geos.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-opinion-compare"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-geometry-ops-private.h"
#include "cs-opinion-compare-private.h"

/* The computation behind cs_opinion_compare(), in any one thread (GEOS
 * contexts are per thread). Each region is converted to GEOS once and made
 * valid when its outline crosses itself. Every author's regions go into an
 * STR tree, so that a region is cut only against the other author's
 * regions whose bounds meet its own: a few thousand regions cost about n
 * log n, not n². Everything GEOS makes here is freed here. */

typedef struct
{
  const char   *author;
  GPtrArray    *annotations;  /* borrowed CsAnnotation */
  GPtrArray    *geoms;        /* GEOSGeometry, owned */
  GArray       *repaired;     /* gboolean per region */
  GEOSSTRtree  *tree;         /* items: index + 1 */
  GEOSGeometry *unite;        /* the union of geoms */
  double        union_area;   /* px² */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;
  GEOSContextHandle_t h = _cs_geometry_ops_get_handle ();

  if (group->tree != NULL)
    GEOSSTRtree_destroy_r (h, group->tree);
  _cs_geometry_ops_geos_free (group->unite);
  g_ptr_array_unref (group->geoms);
  g_ptr_array_unref (group->annotations);
  g_array_unref (group->repaired);
  g_free (group);
}

static void
geos_free_cb (gpointer data)
{
  _cs_geometry_ops_geos_free (data);
}

static Group *
group_new (const char *author)
{
  Group *group = g_new0 (Group, 1);

  group->author = author;
  group->annotations = g_ptr_array_new ();
  group->geoms = g_ptr_array_new_with_free_func (geos_free_cb);
  group->repaired = g_array_new (FALSE, FALSE, sizeof (gboolean));
  group->tree = GEOSSTRtree_create_r (_cs_geometry_ops_get_handle (), 10);
  return group;
}

/* Clones of @geoms[@indices] as one collection, unioned. */
static GEOSGeometry *
union_of (GPtrArray *geoms,
          GArray    *indices)
{
  GEOSContextHandle_t h = _cs_geometry_ops_get_handle ();
  guint n = indices != NULL ? indices->len : geoms->len;
  g_autofree GEOSGeometry **parts = g_new0 (GEOSGeometry *, MAX (n, 1));
  GEOSGeometry *collection;
  GEOSGeometry *result;

  for (guint i = 0; i < n; i++)
    parts[i] = GEOSGeom_clone_r (h, geoms->pdata[indices != NULL
                                                 ? g_array_index (indices, guint, i) : i]);
  collection = GEOSGeom_createCollection_r (h, GEOS_GEOMETRYCOLLECTION, parts, n);
  if (collection == NULL)
    return NULL;
  result = GEOSUnaryUnion_r (h, collection);
  GEOSGeom_destroy_r (h, collection);
  return result;
}

static double
area_of (const GEOSGeometry *g)
{
  double area = 0;

  if (g == NULL || !GEOSArea_r (_cs_geometry_ops_get_handle (), g, &area))
    return 0;
  return area;
}

/* Converts @annotation into its author's group; FALSE when it has no
 * area or cannot be made valid. */
static gboolean
group_add (Group         *group,
           CsAnnotation  *annotation,
           guint         *n_repaired)
{
  GEOSContextHandle_t h = _cs_geometry_ops_get_handle ();
  g_autoptr(GError) error = NULL;
  gboolean repaired = FALSE;
  GEOSGeometry *g;

  g = _cs_geometry_ops_to_geos (cs_annotation_get_geometry (annotation), &repaired, &error);
  if (g == NULL)
    {
      g_debug ("Region %s left out: %s", cs_annotation_get_id (annotation), error->message);
      return FALSE;
    }
  if (!(area_of (g) > 0))
    {
      GEOSGeom_destroy_r (h, g);
      return FALSE;
    }
  g_ptr_array_add (group->annotations, annotation);
  g_ptr_array_add (group->geoms, g);
  g_array_append_val (group->repaired, repaired);
  GEOSSTRtree_insert_r (h, group->tree, g, GUINT_TO_POINTER (group->geoms->len));
  if (repaired)
    (*n_repaired)++;
  return TRUE;
}

static void
query_cb (void *item,
          void *user_data)
{
  guint index = GPOINTER_TO_UINT (item) - 1;

  g_array_append_val ((GArray *) user_data, index);
}

static void
region_free (gpointer data)
{
  CsOverlapRegion *region = data;

  g_clear_object (&region->annotation);
  g_clear_pointer (&region->outside, cs_geometry_unref);
  g_free (region);
}

/* @g's overlap with @other's regions near it, and the part outside them. */
static gboolean
measure_region (const GEOSGeometry *g,
                Group              *other,
                double             *overlap,
                GEOSGeometry      **outside,
                GError            **error)
{
  GEOSContextHandle_t h = _cs_geometry_ops_get_handle ();
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  GEOSGeometry *cover = NULL;
  GEOSGeometry *shared;

  GEOSSTRtree_query_r (h, other->tree, g, query_cb, near);
  *overlap = 0;
  if (near->len == 0)
    {
      *outside = GEOSGeom_clone_r (h, g);
      return *outside != NULL;
    }
  if (near->len > 1)
    cover = union_of (other->geoms, near);
  shared = GEOSIntersection_r (h, g, cover != NULL ? cover : other->geoms->pdata[g_array_index (near, guint, 0)]);
  *outside = GEOSDifference_r (h, g, cover != NULL ? cover : other->geoms->pdata[g_array_index (near, guint, 0)]);
  *overlap = area_of (shared);
  _cs_geometry_ops_geos_free (shared);
  _cs_geometry_ops_geos_free (cover);
  if (*outside == NULL || (near->len > 1 && cover == NULL))
    {
      _cs_geometry_ops_set_error (error, _("The regions could not be compared"));
      g_clear_pointer (outside, _cs_geometry_ops_geos_free);
      return FALSE;
    }
  return TRUE;
}

/* @group's regions against @other's: one CsOverlapRegion each. */
static gboolean
compare_set (Group         *group,
             Group         *other,
             double         scale,
             CsOverlapSet  *set,
             GCancellable  *cancellable,
             GError       **error)
{
  set->regions = g_ptr_array_new_with_free_func (region_free);
  for (guint i = 0; i < group->geoms->len; i++)
    {
      const GEOSGeometry *g = group->geoms->pdata[i];
      CsOverlapRegion *region;
      GEOSGeometry *outside = NULL;
      double area = area_of (g), overlap;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !measure_region (g, other, &overlap, &outside, error))
        return FALSE;
      region = g_new0 (CsOverlapRegion, 1);
      region->annotation = g_object_ref (group->annotations->pdata[i]);
      region->repaired = g_array_index (group->repaired, gboolean, i);
      overlap = CLAMP (overlap, 0, area);
      region->fraction = overlap / area;
      region->area = area * scale;
      region->overlap_area = overlap * scale;
      /* Slivers from rounding are not a region left uncovered. */
      if (area_of (outside) <= area * 1e-9)
        region->outside = cs_geometry_new ();
      else
        region->outside = _cs_geometry_ops_from_geos (outside);
      _cs_geometry_ops_geos_free (outside);
      set->area += region->area;
      set->overlap_area += region->overlap_area;
      if (!(overlap > 0))
        set->n_without_overlap++;
      g_ptr_array_add (set->regions, region);
    }
  return TRUE;
}

static gboolean
group_unite (Group   *group,
             GError **error)
{
  group->unite = union_of (group->geoms, NULL);
  if (group->unite == NULL)
    {
      _cs_geometry_ops_set_error (error, _("The regions could not be merged"));
      return FALSE;
    }
  group->union_area = area_of (group->unite);
  return TRUE;
}

static CsAuthorOverlap *
compare_author (Group         *group,
                Group         *reference,
                double         scale,
                GCancellable  *cancellable,
                GError       **error)
{
  GEOSContextHandle_t h = _cs_geometry_ops_get_handle ();
  CsAuthorOverlap *overlap = g_new0 (CsAuthorOverlap, 1);
  GEOSGeometry *shared;
  double a, r, s;

  overlap->author = g_strdup (group->author);
  if (!compare_set (group, reference, scale, &overlap->marked, cancellable, error) ||
      !compare_set (reference, group, scale, &overlap->missed, cancellable, error) ||
      !group_unite (group, error))
    {
      _cs_author_overlap_free (overlap);
      return NULL;
    }
  shared = GEOSIntersection_r (h, group->unite, reference->unite);
  if (shared == NULL)
    {
      _cs_geometry_ops_set_error (error, _("The regions could not be compared"));
      _cs_author_overlap_free (overlap);
      return NULL;
    }
  a = group->union_area;
  r = reference->union_area;
  s = MIN (area_of (shared), MIN (a, r));
  _cs_geometry_ops_geos_free (shared);
  overlap->union_area = a * scale;
  overlap->shared_area = s * scale;
  overlap->dice = a + r > 0 ? 2 * s / (a + r) : 0;
  overlap->jaccard = a + r - s > 0 ? s / (a + r - s) : 0;
  return overlap;
}

static gint
compare_authors_cb (gconstpointer a,
                    gconstpointer b)
{
  const CsAuthorOverlap *x = *(CsAuthorOverlap * const *) a;
  const CsAuthorOverlap *y = *(CsAuthorOverlap * const *) b;

  return g_utf8_collate (x->author, y->author);
}

CsOpinionComparison *
_cs_opinion_compare_run (const CsCompareInput *input,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(CsOpinionComparison) result = _cs_opinion_comparison_new (input->reference);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  const CsCalibration *cal = &input->calibration;
  double scale = 1;
  Group *reference;
  GHashTableIter iter;
  gpointer value;

  if (cs_calibration_is_set (cal))
    {
      scale = cal->mpp_x * cal->mpp_y;
      result->calibrated = TRUE;
    }
  reference = group_new (input->reference);
  g_hash_table_insert (groups, (gpointer) input->reference, reference);
  for (guint i = 0; i < input->annotations->len; i++)
    {
      CsAnnotation *annotation = input->annotations->pdata[i];
      const char *author = cs_annotation_get_author (annotation);
      Group *group = g_hash_table_lookup (groups, author);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (group == NULL)
        g_hash_table_insert (groups, (gpointer) author, (group = group_new (author)));
      if (!group_add (group, annotation, &result->n_repaired))
        result->n_skipped++;
    }
  if (!group_unite (reference, error))
    return NULL;
  result->n_reference_regions = reference->geoms->len;
  result->reference_union_area = reference->union_area * scale;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CsAuthorOverlap *overlap;

      if (value == reference)
        continue;
      overlap = compare_author (value, reference, scale, cancellable, error);
      if (overlap == NULL)
        return NULL;
      g_ptr_array_add (result->authors, overlap);
    }
  g_ptr_array_sort (result->authors, compare_authors_cb);
  return g_steal_pointer (&result);
}
