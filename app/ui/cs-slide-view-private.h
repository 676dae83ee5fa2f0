/* cs-slide-view-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-renderer.h"
#include "cs-slide-view.h"
#include "cs-tile-cache.h"
#include "cs-tile-loader.h"

G_BEGIN_DECLS

struct _CsSlideView
{
  GtkWidget     parent_instance;

  /* Owned References */
  CsSlide      *slide;
  CsTileCache  *cache;
  CsTileLoader *loader;
  CsRenderer   *renderer;

  /* The view, in device pixels */
  CsViewport    viewport;
  int           scale_factor;   /* the one the viewport was sized for */
  guint         best_fit : 1;   /* follow the widget's size with a fit */
  guint         complete : 1;   /* the last frame had every visible tile */
  guint         failed : 1;     /* a tile could not be read: draw nothing */

  /* Input, in widget coordinates */
  double        drag_center_x;  /* level-0 centre when the drag began */
  double        drag_center_y;
  double        pointer_x;      /* -1 when the pointer is elsewhere */
  double        pointer_y;
};

void _cs_slide_view_class_input_init (GtkWidgetClass *widget_class);
void _cs_slide_view_input_init       (CsSlideView    *self);
void _cs_slide_view_update_actions   (CsSlideView    *self);
void _cs_slide_view_set_center       (CsSlideView    *self,
                                      double          center_x,
                                      double          center_y);

G_END_DECLS
