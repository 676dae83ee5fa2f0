/* cs-live-bar.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-live-session.h"

G_BEGIN_DECLS

#define CS_TYPE_LIVE_BAR (cs_live_bar_get_type ())

G_DECLARE_FINAL_TYPE (CsLiveBar, cs_live_bar, CS, LIVE_BAR, GtkWidget)

/* The bar at the top of a slide page during a live session, styled as a
 * banner: who the session is with, whether this side follows the other's
 * view or drives it, and buttons to follow, stop following, give control
 * and end, and while the host waits, one showing the link and the code
 * again. The buttons activate "live.show-details", "live.follow",
 * "live.stop-following", "live.give-control" and "live.end": whoever runs
 * the session inserts
 * the "live" action group on the bar. Hidden once the session has ended. */

GtkWidget  *cs_live_bar_new        (void);
void        cs_live_bar_update     (CsLiveBar   *self,
                                    CsLiveState  state,
                                    const char  *peer_name,
                                    gboolean     has_control,
                                    gboolean     following);
const char *cs_live_bar_get_title  (CsLiveBar   *self);
const char *cs_live_bar_get_detail (CsLiveBar   *self);
gboolean    cs_live_bar_get_shown  (CsLiveBar   *self);

G_END_DECLS
