/* cs-tour-place.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-list.h"
#include "cs-saved-views.h"

G_BEGIN_DECLS

/**
 * CsTourPlace:
 * @x, @y: the level-0 point at the centre of the view
 * @zoom: device pixels per level-0 pixel
 * @rotation: degrees clockwise
 *
 * Where a view goes for a tour's stop.
 */
typedef struct
{
  double x;
  double y;
  double zoom;
  double rotation;
} CsTourPlace;

/* The place of @stop: a saved view's own; an annotation's bounds, turned
 * by @rotation (kept), fitted with a margin into a view of @width ×
 * @height device pixels, never beyond 1:1. A view or annotation that is
 * no longer there is CS_SAVED_VIEWS_ERROR_NOT_FOUND. */
gboolean cs_tour_stop_get_place (const CsTourStop   *stop,
                                 const CsSavedViews *views,
                                 CsAnnotationList   *annotations,
                                 int                 width,
                                 int                 height,
                                 double              rotation,
                                 CsTourPlace        *place,
                                 GError            **error);

G_END_DECLS
