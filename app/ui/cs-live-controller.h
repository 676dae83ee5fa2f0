/* cs-live-controller.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-live-bar.h"
#include "cs-live-host-dialog.h"
#include "cs-live-overlay.h"
#include "cs-live-session.h"
#include "cs-slide-page.h"

G_BEGIN_DECLS

/* Throttle of the view and the pointer sent, ms between two (≤ 30/s). */
#define CS_LIVE_SEND_INTERVAL_MS 34

#define CS_TYPE_LIVE_CONTROLLER (cs_live_controller_get_type ())

G_DECLARE_FINAL_TYPE (CsLiveController, cs_live_controller, CS, LIVE_CONTROLLER, GObject)

/* A live session shown on a slide page: the bar at the top of the page,
 * the other person's pointer and pings over its view, follow mode (the
 * side not in control glides after the other's view; any pan, zoom or
 * rotation of its own breaks away, live.follow rejoins), and what this
 * side sends: its view while in control, its pointer, its pings. The
 * annotations travel in the session itself (it shares the page's list).
 *
 * Actions on the bar ("live" group): show-details (the host's link and
 * code), follow, stop-following, give-control, end. Signals: "ended" (const char *message): the session
 * ended; @message says why, for a toast. */

CsLiveController *cs_live_controller_new            (CsSlidePage      *page,
                                                     CsLiveSession    *session);
CsLiveSession    *cs_live_controller_get_session    (CsLiveController *self);
CsSlidePage      *cs_live_controller_get_page       (CsLiveController *self);
CsLiveBar        *cs_live_controller_get_bar        (CsLiveController *self);
CsLiveOverlay    *cs_live_controller_get_overlay    (CsLiveController *self);
gboolean          cs_live_controller_is_active      (CsLiveController *self);
gboolean          cs_live_controller_get_following  (CsLiveController *self);
void              cs_live_controller_follow         (CsLiveController *self);
void              cs_live_controller_stop_following (CsLiveController *self);
/* Sends "look here" at the pointer over the view, else at its centre. */
void              cs_live_controller_ping           (CsLiveController *self);
void              cs_live_controller_pointer_moved  (CsLiveController *self,
                                                     double            x,
                                                     double            y,
                                                     gboolean          inside);
void              cs_live_controller_end            (CsLiveController *self);
CsLiveHostDialog *cs_live_controller_show_details   (CsLiveController *self);
/* Takes the bar and the overlay off the page and lets the session go. */
void              cs_live_controller_detach         (CsLiveController *self);

G_END_DECLS
