/* cs-live-join-dialog.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_LIVE_JOIN_DIALOG (cs_live_join_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsLiveJoinDialog, cs_live_join_dialog, CS, LIVE_JOIN_DIALOG, AdwWindow)

/* Asks for a live session's link and one-time code. Join emits "join"
 * (const char *link, const char *code); whoever handles it reports
 * progress with cs_live_join_dialog_set_busy() and failures with
 * cs_live_join_dialog_set_error() (the dialog stays open to try again),
 * and closes the dialog once joined. */

CsLiveJoinDialog *cs_live_join_dialog_new       (GtkWindow        *parent);
void              cs_live_join_dialog_set_link  (CsLiveJoinDialog *self,
                                                 const char       *link);
void              cs_live_join_dialog_set_code  (CsLiveJoinDialog *self,
                                                 const char       *code);
/* Emits "join" when both are filled in (as the Join button does). */
void              cs_live_join_dialog_join      (CsLiveJoinDialog *self);
void              cs_live_join_dialog_set_busy  (CsLiveJoinDialog *self,
                                                 const char       *message);
void              cs_live_join_dialog_set_error (CsLiveJoinDialog *self,
                                                 const char       *message);
gboolean          cs_live_join_dialog_get_busy  (CsLiveJoinDialog *self);
/* The error shown, or NULL. */
const char       *cs_live_join_dialog_get_error (CsLiveJoinDialog *self);

G_END_DECLS
