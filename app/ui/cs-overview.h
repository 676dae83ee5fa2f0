/* cs-overview.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-slide-view.h"

G_BEGIN_DECLS

/* The largest side of the overview's thumbnail, in logical pixels. */
#define CS_OVERVIEW_MAX_SIZE 200

#define CS_TYPE_OVERVIEW (cs_overview_get_type ())

G_DECLARE_FINAL_TYPE (CsOverview, cs_overview, CS, OVERVIEW, GtkWidget)

GtkWidget   *cs_overview_new         (void);
CsSlideView *cs_overview_get_view    (CsOverview       *self);
void         cs_overview_set_view    (CsOverview       *self,
                                      CsSlideView      *view);
gboolean     cs_overview_is_ready    (CsOverview       *self);
gboolean     cs_overview_get_outline (CsOverview       *self,
                                      graphene_point_t  outline[4]);
gboolean     cs_overview_to_image    (CsOverview       *self,
                                      double            x,
                                      double            y,
                                      double           *image_x,
                                      double           *image_y);

G_END_DECLS
