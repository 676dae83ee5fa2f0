/* test-opinion-compare.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cs-annotation-render.h"
#include "cs-geometry-ops.h"
#include "cs-opinion-compare.h"
#include "cs-test-utils.h"

#define REF "Dr Referrer"
#define CONS "Dr Consultant"

static CsAnnotation *
add_shape (CsAnnotationList *list,
           const char       *author,
           CsShape           shape,
           CsGeometry       *geometry)
{
  g_autoptr(CsAnnotation) a = cs_annotation_new (shape, geometry);

  cs_annotation_set_author (a, author);
  cs_annotation_list_add (list, a);
  cs_geometry_unref (geometry);
  return a;
}

static CsAnnotation *
add_rect (CsAnnotationList *list,
          const char       *author,
          double            x,
          double            y,
          double            w,
          double            h)
{
  CsRect r = { x, y, w, h };

  return add_shape (list, author, CS_SHAPE_POLYGON, cs_geometry_new_rectangle (&r));
}

static CsOpinionComparison *
compare (CsAnnotationList    *list,
         const CsCalibration *calibration)
{
  g_autoptr(GError) error = NULL;
  CsOpinionComparison *result = cs_opinion_compare (list, REF, calibration, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static const CsOverlapRegion *
region (const CsOverlapSet *set,
        guint               index)
{
  g_assert_cmpuint (index, <, set->regions->len);
  return set->regions->pdata[index];
}

static void
test_opinion_compare_half (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsOpinionComparison) c = NULL;
  CsPoint line[] = { { 0, 0 }, { 500, 500 } };
  const CsAuthorOverlap *o;
  const CsOverlapRegion *r;

  add_rect (list, REF, 0, 0, 100, 100);
  add_rect (list, CONS, 50, 0, 100, 100);
  /* Lines and points have no area: not regions. */
  add_shape (list, CONS, CS_SHAPE_LINE, cs_geometry_new_ring (line, 2));
  add_shape (list, CONS, CS_SHAPE_POINTS, cs_geometry_new_ring (line, 2));
  c = compare (list, NULL);

  g_assert_cmpstr (cs_opinion_comparison_get_reference (c), ==, REF);
  g_assert_false (cs_opinion_comparison_get_calibrated (c));
  g_assert_cmpuint (cs_opinion_comparison_get_n_reference_regions (c), ==, 1);
  g_assert_cmpfloat (cs_opinion_comparison_get_reference_union_area (c), ==, 10000);
  g_assert_cmpuint (cs_opinion_comparison_get_n_authors (c), ==, 1);
  o = cs_opinion_comparison_get_author (c, 0);
  g_assert_true (o == cs_opinion_comparison_find_author (c, CONS));
  g_assert_null (cs_opinion_comparison_find_author (c, REF));
  g_assert_cmpstr (o->author, ==, CONS);
  g_assert_cmpuint (o->marked.regions->len, ==, 1);
  g_assert_cmpfloat (o->marked.area, ==, 10000);
  g_assert_cmpfloat (o->marked.overlap_area, ==, 5000);
  g_assert_cmpuint (o->marked.n_without_overlap, ==, 0);
  r = region (&o->marked, 0);
  g_assert_cmpfloat (r->fraction, ==, 0.5);
  g_assert_false (r->repaired);
  /* The consultant-only half: x from 100 to 150. */
  g_assert_cmpfloat (cs_geometry_ops_area (r->outside), ==, 5000);
  g_assert_true (cs_geometry_contains (r->outside, 125, 50));
  g_assert_false (cs_geometry_contains (r->outside, 75, 50));
  /* And the reverse: the referrer's half the consultant left out. */
  r = region (&o->missed, 0);
  g_assert_cmpfloat (r->fraction, ==, 0.5);
  g_assert_true (cs_geometry_contains (r->outside, 25, 50));
  g_assert_cmpfloat (o->union_area, ==, 10000);
  g_assert_cmpfloat (o->shared_area, ==, 5000);
  g_assert_cmpfloat (o->dice, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (o->jaccard, 1.0 / 3, 1e-12);
}

static void
test_opinion_compare_disjoint_inside (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsOpinionComparison) c = NULL;
  CsAnnotation *far, *inside, *touching;
  const CsAuthorOverlap *o;

  add_rect (list, REF, 0, 0, 100, 100);
  inside = add_rect (list, CONS, 10, 10, 20, 20);
  far = add_rect (list, CONS, 500, 500, 10, 10);
  touching = add_rect (list, CONS, 100, 0, 10, 10);
  c = compare (list, NULL);
  o = cs_opinion_comparison_find_author (c, CONS);

  g_assert_cmpuint (o->marked.regions->len, ==, 3);
  g_assert_true (region (&o->marked, 0)->annotation == inside);
  g_assert_cmpfloat (region (&o->marked, 0)->fraction, ==, 1);
  g_assert_true (cs_geometry_is_empty (region (&o->marked, 0)->outside));
  g_assert_true (region (&o->marked, 1)->annotation == far);
  g_assert_cmpfloat (region (&o->marked, 1)->fraction, ==, 0);
  g_assert_cmpfloat (cs_geometry_ops_area (region (&o->marked, 1)->outside), ==, 100);
  /* Sharing an edge is no overlap. */
  g_assert_true (region (&o->marked, 2)->annotation == touching);
  g_assert_cmpfloat (region (&o->marked, 2)->fraction, ==, 0);
  g_assert_cmpuint (o->marked.n_without_overlap, ==, 2);
  g_assert_cmpfloat (o->shared_area, ==, 400);
  g_assert_cmpfloat_with_epsilon (o->dice, 2 * 400.0 / (10000 + 600), 1e-12);
  g_assert_cmpfloat (region (&o->missed, 0)->fraction, ==, 0.04);
  g_assert_cmpuint (o->missed.n_without_overlap, ==, 0);
}

static void
test_opinion_compare_holes_union (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsOpinionComparison) c = NULL;
  CsGeometry *ring = cs_geometry_new ();
  CsPoint shell[] = { { 0, 0 }, { 100, 0 }, { 100, 100 }, { 0, 100 } };
  CsPoint hole[] = { { 25, 25 }, { 25, 75 }, { 75, 75 }, { 75, 25 } };
  const CsAuthorOverlap *o;

  cs_geometry_add_part (ring);
  cs_geometry_add_ring (ring, shell, 4);
  cs_geometry_add_ring (ring, hole, 4);
  add_shape (list, REF, CS_SHAPE_POLYGON, ring);
  /* Two overlapping referrer regions count once. */
  add_rect (list, REF, 200, 0, 100, 100);
  add_rect (list, REF, 250, 0, 100, 100);
  add_rect (list, CONS, 30, 30, 40, 40);    /* in the hole */
  add_rect (list, CONS, 0, 0, 100, 100);    /* over the ring and its hole */
  add_rect (list, CONS, 200, 0, 150, 100);  /* the two, exactly */
  c = compare (list, NULL);
  o = cs_opinion_comparison_find_author (c, CONS);

  g_assert_cmpuint (cs_opinion_comparison_get_n_reference_regions (c), ==, 3);
  g_assert_cmpfloat (cs_opinion_comparison_get_reference_union_area (c), ==, 7500 + 15000);
  g_assert_cmpfloat (region (&o->marked, 0)->fraction, ==, 0);
  g_assert_cmpfloat (region (&o->marked, 1)->fraction, ==, 0.75);
  g_assert_cmpfloat (cs_geometry_ops_area (region (&o->marked, 1)->outside), ==, 2500);
  g_assert_true (cs_geometry_contains (region (&o->marked, 1)->outside, 50, 50));
  g_assert_cmpfloat (region (&o->marked, 2)->fraction, ==, 1);
  g_assert_true (cs_geometry_is_empty (region (&o->marked, 2)->outside));
  g_assert_cmpuint (o->marked.n_without_overlap, ==, 1);
  g_assert_cmpfloat (o->union_area, ==, 25000);
  g_assert_cmpfloat (o->shared_area, ==, 22500);
  /* Every referrer region is fully covered. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (region (&o->missed, i)->fraction, ==, 1);
}

static void
test_opinion_compare_bow_tie (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsOpinionComparison) c = NULL;
  CsPoint bow[] = { { 0, 0 }, { 100, 100 }, { 100, 0 }, { 0, 100 } };
  CsPoint flat[] = { { 0, 0 }, { 10, 0 }, { 20, 0 } };
  const CsOverlapRegion *r;

  add_rect (list, REF, 0, 0, 50, 100);
  add_shape (list, CONS, CS_SHAPE_POLYGON, cs_geometry_new_ring (bow, 4));
  /* No area at all: left out, counted. */
  add_shape (list, CONS, CS_SHAPE_POLYGON, cs_geometry_new_ring (flat, 3));
  c = compare (list, NULL);

  /* Made valid: two triangles of 2,500 px², the left one inside. */
  g_assert_cmpuint (cs_opinion_comparison_get_n_repaired (c), ==, 1);
  g_assert_cmpuint (cs_opinion_comparison_get_n_skipped (c), ==, 1);
  r = region (&cs_opinion_comparison_find_author (c, CONS)->marked, 0);
  g_assert_true (r->repaired);
  g_assert_cmpfloat (r->area, ==, 5000);
  g_assert_cmpfloat (r->fraction, ==, 0.5);
  g_assert_true (cs_geometry_contains (r->outside, 90, 50));
  g_assert_false (cs_geometry_contains (r->outside, 10, 50));
}

static void
test_opinion_compare_calibrated (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsOpinionComparison) c = NULL;
  CsCalibration mpp = { 0.5, 0.25 };
  const CsAuthorOverlap *o;

  add_rect (list, REF, 0, 0, 100, 100);
  add_rect (list, CONS, 50, 0, 100, 100);
  c = compare (list, &mpp);
  o = cs_opinion_comparison_get_author (c, 0);

  g_assert_true (cs_opinion_comparison_get_calibrated (c));
  g_assert_cmpfloat (cs_opinion_comparison_get_reference_union_area (c), ==, 1250);
  g_assert_cmpfloat (o->marked.area, ==, 1250);
  g_assert_cmpfloat (o->marked.overlap_area, ==, 625);
  g_assert_cmpfloat (o->shared_area, ==, 625);
  /* Ratios do not depend on the unit; outlines stay in pixels. */
  g_assert_cmpfloat (o->dice, ==, 0.5);
  g_assert_cmpfloat (cs_geometry_ops_area (region (&o->marked, 0)->outside), ==, 5000);
}

static void
test_opinion_compare_reference (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  const char *consultants[] = { CONS, NULL };
  g_auto(GStrv) authors = NULL;
  g_autofree char *pick = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *none = NULL;
  CsPoint line[] = { { 0, 0 }, { 5, 5 } };

  g_assert_null ((none = cs_opinion_compare_pick_reference (list, REF, consultants)));
  add_rect (list, CONS, 0, 0, 10, 10);
  add_rect (list, CONS, 20, 0, 10, 10);
  add_rect (list, "Dr Third", 0, 0, 10, 10);
  add_shape (list, REF, CS_SHAPE_LINE, cs_geometry_new_ring (line, 2));
  authors = cs_opinion_compare_list_authors (list);
  g_assert_cmpuint (g_strv_length (authors), ==, 2);
  g_assert_cmpstr (authors[0], ==, CONS);
  /* The requester drew no area: the author with most who is no consultant. */
  fallback = cs_opinion_compare_pick_reference (list, REF, consultants);
  g_assert_cmpstr (fallback, ==, "Dr Third");
  add_rect (list, REF, 0, 0, 10, 10);
  pick = cs_opinion_compare_pick_reference (list, REF, consultants);
  g_assert_cmpstr (pick, ==, REF);
}

static void
highlight_free (gpointer data)
{
  cs_annotation_highlight_free (data);
}

/* Pixels of @rgb (premultiplied, nearly opaque) in a box of @surface. */
static guint
count_tinted (cairo_surface_t *surface,
              int              x0,
              int              y0,
              int              size,
              guint32          rgb)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = y0; y < y0 + size; y++)
    for (int x = x0; x < x0 + size; x++)
      {
        guint32 p = ((const guint32 *) (data + y * stride))[x];
        gboolean close = (p >> 24) > 200;

        for (int shift = 0; shift < 24 && close; shift += 8)
          close = ABS ((int) ((p >> shift) & 0xff) - (int) ((rgb >> shift) & 0xff)) < 60;
        n += close;
      }
  return n;
}

/* The parts outside drawn by the one annotation renderer, over the
 * outlines: hatched where only the consultant marked, clear elsewhere. */
static void
test_opinion_compare_highlight (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsOpinionComparison) c = NULL;
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func (highlight_free);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  guint32 rgb = cs_annotation_render_author_color (CONS);
  CsAnnotationRenderOptions options;
  CsAnnotationRenderStats stats;
  const CsOverlapSet *marked;
  CsViewport viewport;
  cairo_t *cr;

  add_rect (list, REF, 0, 0, 100, 100);
  add_rect (list, CONS, 50, 0, 100, 100);
  c = compare (list, NULL);
  marked = &cs_opinion_comparison_get_author (c, 0)->marked;
  for (guint i = 0; i < marked->regions->len; i++)
    g_ptr_array_add (highlights, cs_annotation_highlight_new (region (marked, i)->outside, rgb));
  cs_annotation_render_options_init (&options);
  options.fill_alpha = 0;
  options.highlights = highlights;
  cs_viewport_init (&viewport, 0, 0, 1.0, 200, 100);
  cr = cairo_create (surface);
  cs_annotation_render_annotations (cr, list, &viewport, &options, &stats);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_cmpuint (stats.n_highlights, ==, 1);
  /* x 100..150 is the consultant's only; 50..100 both authors'. */
  g_assert_cmpuint (count_tinted (surface, 115, 40, 20, rgb), >, 40);
  g_assert_cmpuint (count_tinted (surface, 65, 40, 20, rgb), ==, 0);
  cairo_surface_destroy (surface);
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CsOpinionComparison **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cs_opinion_compare_finish (result, &error);
  g_assert_no_error (error);
}

/* A few thousand regions per author, in a worker: not a timing, but n²
 * cuts would take minutes here. */
static void
test_opinion_compare_many (void)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsOpinionComparison) c = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const CsAuthorOverlap *o;
  const guint side = cs_test_workload (60, 20);

  for (guint i = 0; i < side * side; i++)
    {
      double x = (i % side) * 30.0, y = (i / side) * 30.0;
      CsRect r = { x, y, 20, 20 }, s = { x + 10, y, 20, 20 };
      g_autoptr(CsGeometry) gr = cs_geometry_new_rectangle (&r);
      g_autoptr(CsGeometry) gs = cs_geometry_new_rectangle (&s);
      CsAnnotation *a = cs_annotation_new (CS_SHAPE_POLYGON, gr);
      CsAnnotation *b = cs_annotation_new (CS_SHAPE_POLYGON, gs);

      cs_annotation_set_author (a, REF);
      cs_annotation_set_author (b, CONS);
      g_ptr_array_add (batch, a);
      g_ptr_array_add (batch, b);
    }
  cs_annotation_list_add_many (list, batch, "grid");
  cs_opinion_compare_async (list, REF, NULL, NULL, compare_done_cb, &c);
  while (c == NULL)
    g_main_context_iteration (NULL, TRUE);
  o = cs_opinion_comparison_get_author (c, 0);
  g_assert_cmpuint (o->marked.regions->len, ==, side * side);
  g_assert_cmpfloat_with_epsilon (o->marked.overlap_area, side * side * 200.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (o->dice, 0.5, 1e-12);
  g_assert_cmpuint (o->marked.n_without_overlap, ==, 0);

  g_cancellable_cancel (cancel);
  g_assert_null (cs_opinion_compare (list, REF, NULL, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/opinion-compare/half", test_opinion_compare_half);
  g_test_add_func ("/cs/opinion-compare/disjoint-inside", test_opinion_compare_disjoint_inside);
  g_test_add_func ("/cs/opinion-compare/holes-union", test_opinion_compare_holes_union);
  g_test_add_func ("/cs/opinion-compare/bow-tie", test_opinion_compare_bow_tie);
  g_test_add_func ("/cs/opinion-compare/calibrated", test_opinion_compare_calibrated);
  g_test_add_func ("/cs/opinion-compare/reference", test_opinion_compare_reference);
  g_test_add_func ("/cs/opinion-compare/highlight", test_opinion_compare_highlight);
  g_test_add_func ("/cs/opinion-compare/many", test_opinion_compare_many);

  return g_test_run ();
}
