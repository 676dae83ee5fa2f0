/* cs-live-controller-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-live-controller.h"
#include "cs-live-merge.h"

G_BEGIN_DECLS

struct _CsLiveController
{
  GObject        parent_instance;

  /* Owned References */
  CsLiveSession *session;
  CsSlidePage   *page;
  CsSlideView   *view;
  GtkWidget     *bar;
  GtkWidget     *overlay;
  GtkEventController *motion;

  /* Follow mode */
  CsLiveFollow   follow;
  CsLiveView     applied;        /* the view the follower last set */
  int            view_width;     /* the view's size at the last change */
  int            view_height;
  guint64        target_seq;
  guint          follow_tick;
  gint64         follow_time;    /* frame time of the last step, µs */
  guint          following : 1;
  guint          applying : 1;   /* the viewport changes because of us */
  guint          has_target : 1;

  /* Sending, at most one per CS_LIVE_SEND_INTERVAL_MS */
  gint64         view_sent;      /* monotonic µs */
  guint          view_source;
  gint64         pointer_sent;
  guint          pointer_source;
  double         pointer_x;      /* level-0, the latest */
  double         pointer_y;
  guint          pointer_inside : 1;
  guint          pointer_shown : 1; /* what the other side was last told */
};

/* cs-live-controller-view.c */
void _cs_live_controller_view_attach    (CsLiveController *self);
void _cs_live_controller_view_detach    (CsLiveController *self);
void _cs_live_controller_take_view      (CsLiveController *self,
                                         const CsLiveView *view);
void _cs_live_controller_send_view_now  (CsLiveController *self);
void _cs_live_controller_update_bar     (CsLiveController *self);
gboolean _cs_live_controller_get_view   (CsLiveController *self,
                                         CsLiveView       *view);

G_END_DECLS
