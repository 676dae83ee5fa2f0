/* cs-opinion-compare-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-opinion-compare.h"

G_BEGIN_DECLS

/* Shared by cs-opinion-compare.c (the result, the snapshot, the API) and
 * cs-opinion-compare-geos.c (the computation). */

struct _CsOpinionComparison
{
  gatomicrefcount  ref_count;
  char            *reference;
  gboolean         calibrated;
  guint            n_reference_regions;
  double           reference_union_area;
  GPtrArray       *authors;       /* CsAuthorOverlap, by name */
  guint            n_repaired;
  guint            n_skipped;
};

/* What a worker reads: frozen annotations (immutable, their geometry
 * shared) of area shapes with an author, and the parameters. */
typedef struct
{
  char          *reference;
  CsCalibration  calibration;
  GPtrArray     *annotations;
} CsCompareInput;

CsOpinionComparison *_cs_opinion_comparison_new     (const char          *reference);
void                 _cs_author_overlap_free        (gpointer             data);
/* Any thread. */
CsOpinionComparison *_cs_opinion_compare_run        (const CsCompareInput *input,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

G_END_DECLS
