/* cs-cli-live-run-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-cli-live-private.h"

G_BEGIN_DECLS

/* What the run of a session (cs-cli-live-run.c: its events and its end)
 * shares with the playing of its script (cs-cli-live-play.c). */

struct _CsCliLiveRun
{
  /* Owned References */
  CsLiveSession    *session;
  CsAnnotationList *list;
  GMainLoop        *loop;
  GError           *error;

  /* Borrowed References */
  GPtrArray        *actions;
  const char       *script_name;
  CsCliLiveRecord  *record;

  /* State */
  guint             next;
  gboolean          delayed;
  gboolean          playing;
  guint             timer_id;
  guint             play_id;
  guint             sigint_id;
  guint             sigterm_id;
  gulong            handlers[10];
  gint64            joined_at;
  gint64            ended_at;
};

/* cs-cli-live-run.c */
void _cs_cli_live_run_finish            (CsCliLiveRun *self);
/* Ends the session for the reason of @error (taken; a script action that
 * could not be done), keeping the first error. */
void _cs_cli_live_run_fail              (CsCliLiveRun *self,
                                         GError       *error);
void _cs_cli_live_run_record_annotation (CsCliLiveRun *self,
                                         const char   *type,
                                         const char   *uuid,
                                         const char   *author);

/* cs-cli-live-play.c: plays the script from the next action on, at once
 * or from the main loop. */
void _cs_cli_live_play                  (CsCliLiveRun *self);
void _cs_cli_live_schedule_play         (CsCliLiveRun *self);

G_END_DECLS
