/* cs-opinion-compare.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation-list.h"
#include "cs-measure.h"

G_BEGIN_DECLS

/**
 * CsOverlapRegion:
 * @annotation: the region (a listed, frozen annotation; its id finds it
 *   in the list again)
 * @area: its area, µm² when the comparison is calibrated, else px²
 * @overlap_area: the part also inside the other author's regions
 * @fraction: @overlap_area / @area, 0 to 1 (0 for an empty region)
 * @outside: the part outside every region of the other author, level-0
 *   pixels (valid polygons; empty when fully covered)
 * @repaired: the outline crossed itself and was made valid first
 *
 * One area annotation measured against the union of another author's.
 */
typedef struct
{
  CsAnnotation *annotation;
  double        area;
  double        overlap_area;
  double        fraction;
  CsGeometry   *outside;
  gboolean      repaired;
} CsOverlapRegion;

/**
 * CsOverlapSet:
 * @regions: (element-type CsOverlapRegion): one author's area
 *   annotations in list order
 * @area: their areas summed (overlaps between them counted twice)
 * @overlap_area: their overlap areas summed
 * @n_without_overlap: regions sharing no area at all with the other
 *   author's
 */
typedef struct
{
  GPtrArray *regions;
  double     area;
  double     overlap_area;
  guint      n_without_overlap;
} CsOverlapSet;

/**
 * CsAuthorOverlap:
 * @author: an author other than the reference
 * @marked: this author's regions against the reference author's: "what
 *   did the consultant mark that I did not"
 * @missed: the reference author's regions against this author's: "what
 *   did I mark that the consultant ignored"
 * @union_area: the area of the union of this author's regions
 * @shared_area: the area of the intersection of the two unions
 * @dice: 2 shared / (union + reference union), 0 to 1
 * @jaccard: shared / area of the union of both, 0 to 1
 */
typedef struct
{
  char         *author;
  CsOverlapSet  marked;
  CsOverlapSet  missed;
  double        union_area;
  double        shared_area;
  double        dice;
  double        jaccard;
} CsAuthorOverlap;

/**
 * CsOpinionComparison:
 *
 * Where each author's areas (rectangles, ellipses, polygons, freehand and
 * brush shapes; points, lines, arrows and text have no area) lie against
 * a reference author's, computed with GEOS on a snapshot of one slide's
 * annotations. Immutable once made, reference counted, safe to read from
 * any thread.
 */
typedef struct _CsOpinionComparison CsOpinionComparison;

#define CS_TYPE_OPINION_COMPARISON (cs_opinion_comparison_get_type ())

GType                  cs_opinion_comparison_get_type     (void) G_GNUC_CONST;
CsOpinionComparison   *cs_opinion_comparison_ref          (CsOpinionComparison *self);
void                   cs_opinion_comparison_unref        (CsOpinionComparison *self);

const char            *cs_opinion_comparison_get_reference (CsOpinionComparison *self);
/* TRUE: areas in µm²; FALSE: in level-0 px². */
gboolean               cs_opinion_comparison_get_calibrated (CsOpinionComparison *self);
guint                  cs_opinion_comparison_get_n_reference_regions (CsOpinionComparison *self);
double                 cs_opinion_comparison_get_reference_union_area (CsOpinionComparison *self);
/* The other authors, by name. */
guint                  cs_opinion_comparison_get_n_authors (CsOpinionComparison *self);
const CsAuthorOverlap *cs_opinion_comparison_get_author   (CsOpinionComparison *self,
                                                           guint                index);
const CsAuthorOverlap *cs_opinion_comparison_find_author  (CsOpinionComparison *self,
                                                           const char          *author);
/* Outlines that crossed themselves, compared as made valid. */
guint                  cs_opinion_comparison_get_n_repaired (CsOpinionComparison *self);
/* Regions left out: no area (once valid), or not repairable. */
guint                  cs_opinion_comparison_get_n_skipped  (CsOpinionComparison *self);

/* The authors of @list's area annotations (unattributed ones aside),
 * most annotations first, then by name. Main thread. */
GStrv                  cs_opinion_compare_list_authors     (CsAnnotationList    *list);
/* The natural reference: @requesting (the case's requesting pathologist)
 * when they authored areas here, else the author with the most that is
 * not one of @consultants, else the first author; NULL without any. */
char                  *cs_opinion_compare_pick_reference   (CsAnnotationList    *list,
                                                            const char          *requesting,
                                                            const char * const  *consultants);

/* Compares every author's areas in @list with @reference_author's.
 * @calibration: (nullable): the slide's, for µm². The synchronous form
 * runs in the calling thread; the asynchronous one snapshots @list (main
 * thread) and computes in a worker. Fails only when cancelled or when
 * GEOS fails on valid input. */
CsOpinionComparison   *cs_opinion_compare                  (CsAnnotationList    *list,
                                                            const char          *reference_author,
                                                            const CsCalibration *calibration,
                                                            GCancellable        *cancellable,
                                                            GError             **error);
void                   cs_opinion_compare_async            (CsAnnotationList    *list,
                                                            const char          *reference_author,
                                                            const CsCalibration *calibration,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
CsOpinionComparison   *cs_opinion_compare_finish           (GAsyncResult        *result,
                                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsOpinionComparison, cs_opinion_comparison_unref)

G_END_DECLS
