/* cs-live-host-dialog.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-live-session.h"

G_BEGIN_DECLS

#define CS_TYPE_LIVE_HOST_DIALOG (cs_live_host_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsLiveHostDialog, cs_live_host_dialog, CS, LIVE_HOST_DIALOG, AdwWindow)

/* What the host gives the guest: the join link and the one-time code
 * (each with Copy; a new code shows when the session makes one), the
 * certificate's fingerprint to compare by voice, whether the guest has
 * joined, and End Session. Closing the window leaves the session on. */

CsLiveHostDialog *cs_live_host_dialog_new             (GtkWindow        *parent,
                                                       CsLiveSession    *session);
const char       *cs_live_host_dialog_get_link_text   (CsLiveHostDialog *self);
const char       *cs_live_host_dialog_get_code_text   (CsLiveHostDialog *self);
const char       *cs_live_host_dialog_get_status_text (CsLiveHostDialog *self);

G_END_DECLS
