/* cs-tour-player.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-annotation-list.h"
#include "cs-saved-views.h"
#include "cs-slide-view.h"

G_BEGIN_DECLS

/* The bar a trainee steps through a tour with, over the slide: the tour's
 * name, the stop's caption, "Stop N of M", Previous, Next and Leave. Each
 * stop glides @view to its place (cs_tour_stop_get_place); a stop whose
 * view or annotation is gone says so in the caption.
 * Signal: "leave" (): the trainee left the tour (the owner removes the
 * bar). */

#define CS_TYPE_TOUR_PLAYER (cs_tour_player_get_type ())

G_DECLARE_FINAL_TYPE (CsTourPlayer, cs_tour_player, CS, TOUR_PLAYER, GtkWidget)

CsTourPlayer *cs_tour_player_new         (CsSlideView        *view,
                                          const CsSavedViews *views,
                                          const CsTour       *tour,
                                          CsAnnotationList   *annotations);
guint         cs_tour_player_get_index   (CsTourPlayer       *self);
guint         cs_tour_player_get_n_stops (CsTourPlayer       *self);
const char   *cs_tour_player_get_caption (CsTourPlayer       *self);
const char   *cs_tour_player_get_progress (CsTourPlayer      *self);
void          cs_tour_player_go          (CsTourPlayer       *self,
                                          guint               index);
void          cs_tour_player_next        (CsTourPlayer       *self);
void          cs_tour_player_previous    (CsTourPlayer       *self);
void          cs_tour_player_leave       (CsTourPlayer       *self);

G_END_DECLS
