/* cs-tour-place.c: where a tour's stop takes the view
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-tour-place.h"
#include "cs-viewport.h"

/* The annotation fills this share of the view at most. */
#define FILL 0.8

static void
fit (const CsRect *bounds,
     int           width,
     int           height,
     double        rotation,
     CsTourPlace  *place)
{
  double radians = rotation * G_PI / 180.0;
  double c = fabs (cos (radians)), s = fabs (sin (radians));
  double turned_w = bounds->width * c + bounds->height * s;
  double turned_h = bounds->width * s + bounds->height * c;
  double zoom = 1.0;

  if (turned_w > 0)
    zoom = MIN (zoom, FILL * MAX (width, 1) / turned_w);
  if (turned_h > 0)
    zoom = MIN (zoom, FILL * MAX (height, 1) / turned_h);
  place->x = bounds->x + bounds->width / 2;
  place->y = bounds->y + bounds->height / 2;
  place->zoom = MAX (zoom, CS_VIEWPORT_MIN_ZOOM);
  place->rotation = rotation;
}

gboolean
cs_tour_stop_get_place (const CsTourStop   *stop,
                        const CsSavedViews *views,
                        CsAnnotationList   *annotations,
                        int                 width,
                        int                 height,
                        double              rotation,
                        CsTourPlace        *place,
                        GError            **error)
{
  CsAnnotation *annotation;
  CsRect bounds;

  if (stop->view_id != NULL)
    {
      const CsSavedView *view = cs_saved_views_find_view (views, stop->view_id);

      if (view == NULL)
        {
          g_set_error (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                       _("The saved view of this stop has been deleted"));
          return FALSE;
        }
      *place = (CsTourPlace) { view->x, view->y, view->zoom, view->rotation };
      return TRUE;
    }
  annotation = annotations != NULL ? cs_annotation_list_lookup (annotations, stop->annotation_id)
                                   : NULL;
  if (annotation == NULL || !cs_annotation_list_get_bounds (annotations, annotation, &bounds))
    {
      g_set_error (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND,
                   _("The annotation of this stop has been deleted"));
      return FALSE;
    }
  fit (&bounds, width, height, rotation, place);
  return TRUE;
}
