/* cs-cli-live-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation.h"
#include "cs-live-session.h"

G_BEGIN_DECLS

/* consilium-cli live host / join (issue 12): what the command's files
 * share. A script drives one side of a session (cs-cli-live-script.c
 * reads it, cs-cli-live-run.c plays it); a record writes every event
 * received, and with it every action sent, as JSON lines
 * (cs-cli-live-record.c). */

/* A script is JSON lines, one action each (blank lines allowed), with an
 * optional "after_ms" delay from the previous action:
 *   {"wait_joined":true}
 *   {"view":{"x":X,"y":Y,"zoom":Z,"rotation":R}}
 *   {"pointer":{"x":X,"y":Y,"visible":true}}
 *   {"ping":{"x":X,"y":Y,"note":"…"}}        (note optional)
 *   {"annotation":FEATURE}                   (GeoJSON Feature with its id)
 *   {"delete":"UUID"}
 *   {"give_control":true}
 *   {"wait_annotations":N}                   (until the list holds N)
 *   {"wait_state":"reconnecting"}            (until the session is in that
 *                                             state: waiting, connecting,
 *                                             joined or reconnecting)
 *   {"end":"reason"}                         (or null: no reason) */

/* Longest "after_ms": an hour. */
#define CS_CLI_LIVE_AFTER_MAX_MS (60 * 60 * 1000)
/* Most actions in one script, and its largest size. */
#define CS_CLI_LIVE_SCRIPT_MAX_ACTIONS 100000
#define CS_CLI_LIVE_SCRIPT_MAX_SIZE (64 * 1024 * 1024)

typedef enum
{
  CS_CLI_LIVE_ACTION_WAIT_JOINED,
  CS_CLI_LIVE_ACTION_VIEW,
  CS_CLI_LIVE_ACTION_POINTER,
  CS_CLI_LIVE_ACTION_PING,
  CS_CLI_LIVE_ACTION_ANNOTATION,
  CS_CLI_LIVE_ACTION_DELETE,
  CS_CLI_LIVE_ACTION_GIVE_CONTROL,
  CS_CLI_LIVE_ACTION_WAIT_ANNOTATIONS,
  CS_CLI_LIVE_ACTION_WAIT_STATE,
  CS_CLI_LIVE_ACTION_END,
} CsCliLiveActionType;

/**
 * CsCliLiveAction:
 * @type: what to do; the fields it uses are listed beside them
 * @line: the script's line, for messages
 * @after_ms: the delay from the previous action
 * @view: view
 * @x: pointer, ping: level-0 pixels
 * @y: likewise
 * @visible: pointer
 * @text: ping: the note (nullable); delete: the uuid; end: the reason
 *   (nullable)
 * @annotation: annotation: the feature as read (its id a UUID)
 * @count: wait_annotations
 * @state: wait_state
 */
typedef struct
{
  CsCliLiveActionType  type;
  guint                line;
  guint                after_ms;
  CsLiveView           view;
  double               x;
  double               y;
  gboolean             visible;
  char                *text;
  CsAnnotation        *annotation;
  guint                count;
  CsLiveState          state;
} CsCliLiveAction;

void       cs_cli_live_action_free       (CsCliLiveAction *action);

/* The actions of the script @contents (@len bytes, or -1), in order
 * (element-type CsCliLiveAction); NULL with an error "NAME:LINE: cause"
 * at the first line that is not a valid action. */
GPtrArray *cs_cli_live_script_parse      (const char      *name,
                                          const char      *contents,
                                          gssize           len,
                                          GError         **error);
/* Reads and parses the script file @path. */
GPtrArray *cs_cli_live_script_load       (const char      *path,
                                          GError         **error);

/* A record: one JSON object a line, {"t": µs since the epoch
 * (g_get_real_time), "type": …, the event's fields}, written as each
 * event happens. */
typedef struct _CsCliLiveRecord CsCliLiveRecord;

CsCliLiveRecord *cs_cli_live_record_new        (const char      *path,
                                                GError         **error);
void             cs_cli_live_record_free       (CsCliLiveRecord *self);
/* The first write error, if any (later lines are not written). */
gboolean         cs_cli_live_record_check      (CsCliLiveRecord *self,
                                                GError         **error);
/* Builds one line: begin (with t and type), members, end (writes it). */
void             cs_cli_live_record_begin      (CsCliLiveRecord *self,
                                                const char      *type);
void             cs_cli_live_record_add_string (CsCliLiveRecord *self,
                                                const char      *member,
                                                const char      *value);
void             cs_cli_live_record_add_double (CsCliLiveRecord *self,
                                                const char      *member,
                                                double           value);
void             cs_cli_live_record_add_int    (CsCliLiveRecord *self,
                                                const char      *member,
                                                gint64           value);
void             cs_cli_live_record_add_boolean (CsCliLiveRecord *self,
                                                 const char      *member,
                                                 gboolean         value);
void             cs_cli_live_record_end        (CsCliLiveRecord *self);
/* What a side sends or receives (@type: "view" or "sent-view"…): a
 * whole line for a view; for a point (pointer, ping) a line begun with
 * x, y and @author (nullable), for the caller to add to and end. */
void             cs_cli_live_record_view       (CsCliLiveRecord  *self,
                                                const char       *type,
                                                const CsLiveView *view);
void             cs_cli_live_record_point      (CsCliLiveRecord  *self,
                                                const char       *type,
                                                double            x,
                                                double            y,
                                                const char       *author);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCliLiveRecord, cs_cli_live_record_free)

/* cs-cli-live-run.c: runs one side of @session, whose annotations are
 * @list, until the session ends (or SIGINT, SIGTERM end it): plays
 * @actions (nullable, from the script @script_name) and writes every
 * event to @record (nullable). */
typedef struct _CsCliLiveRun CsCliLiveRun;

CsCliLiveRun *cs_cli_live_run_new           (CsLiveSession    *session,
                                             CsAnnotationList *list,
                                             GPtrArray        *actions,
                                             const char       *script_name,
                                             CsCliLiveRecord  *record);
void          cs_cli_live_run_free          (CsCliLiveRun     *self);
/* FALSE with the error that ended the session (refused, lost, a hostile
 * message), or of the script action that could not be done
 * ("SCRIPT:LINE: cause"), or of writing the record. */
gboolean      cs_cli_live_run               (CsCliLiveRun     *self,
                                             GError          **error);
/* "Sent N bytes, received M bytes in S s (B bytes/s)", from the
 * session's counters, over the time joined. */
void          cs_cli_live_run_print_traffic (CsCliLiveRun     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCliLiveRun, cs_cli_live_run_free)

G_END_DECLS
