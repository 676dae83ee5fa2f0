/* cs-test-views-ui.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "cs-annotation-store.h"
#include "cs-saved-views-store.h"
#include "cs-test-annotation-ui.h"

/* Saved views and tours in UI tests: where a view is, and what the slide's
 * store holds. */

typedef struct
{
  CsSlideView *view;
  double       x, y, zoom;
} CsTestTarget;

/* For cs_test_wait_until (): whether the view is centred on the target's
 * point at its zoom. */
static inline gboolean
cs_test_view_at (gpointer data)
{
  CsTestTarget *target = data;
  CsViewport viewport;
  double x, y;

  cs_slide_view_get_viewport (target->view, &viewport);
  cs_viewport_get_center (&viewport, &x, &y);

  return fabs (x - target->x) < 0.5 && fabs (y - target->y) < 0.5 &&
         fabs (viewport.zoom - target->zoom) < 1e-6 * target->zoom;
}

/* The saved views and tours of @page's slide, as stored. */
static inline CsSavedViews *
cs_test_load_views (CsSlidePage *page)
{
  g_autofree char *directory = cs_annotation_store_default_directory ();
  g_autoptr(GError) error = NULL;
  CsSavedViews *views;

  views = cs_saved_views_load (directory, cs_slide_page_get_annotation_sha256 (page), &error);
  g_assert_no_error (error);

  return views;
}

/* Writes @views as @page's slide's saved views and tours. */
static inline void
cs_test_save_views (CsSlidePage        *page,
                    const CsSavedViews *views)
{
  g_autofree char *directory = cs_annotation_store_default_directory ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_saved_views_save (views, directory, cs_slide_page_get_annotation_sha256 (page),
                                      &error));
  g_assert_no_error (error);
}

/* Adds the rectangle "Invasive front" (class Tumor) at (600, 700), 160 ×
 * 120, to @page. Returns: (transfer none): it. */
static inline CsAnnotation *
cs_test_views_add_region (CsSlidePage *page)
{
  CsAnnotation *region = cs_test_annotations_rectangle (600, 700, 160, 120, "Invasive front",
                                                        "Tumor", "Dr Ada Lovelace");

  cs_test_annotations_add (page, region);

  return region;
}
