/* cs-cli-live-run.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-live-run-private.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

/* One side of a session run by consilium-cli live until it ends: its
 * script played (cs-cli-live-play.c), every event received written to
 * the record, and SIGINT or SIGTERM ending the session with a bye.
 * Status messages go to standard error; standard output keeps the lines
 * scripts read (Link, Code, Fingerprint, and the traffic at the end). */

static const char *
state_to_string (CsLiveState state)
{
  switch (state)
    {
    case CS_LIVE_STATE_WAITING:
      return "waiting";
    case CS_LIVE_STATE_CONNECTING:
      return "connecting";
    case CS_LIVE_STATE_JOINED:
      return "joined";
    case CS_LIVE_STATE_RECONNECTING:
      return "reconnecting";
    case CS_LIVE_STATE_ENDED:
      return "ended";
    default:
      g_assert_not_reached ();
    }
}

void
_cs_cli_live_run_finish (CsCliLiveRun *self)
{
  if (self->ended_at == 0)
    self->ended_at = g_get_monotonic_time ();
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->play_id, g_source_remove);
  g_main_loop_quit (self->loop);
}

void
_cs_cli_live_run_fail (CsCliLiveRun *self,
                       GError       *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
  if (cs_live_session_get_state (self->session) != CS_LIVE_STATE_ENDED)
    cs_live_session_end (self->session, NULL);
  _cs_cli_live_run_finish (self);
}

/* Received events, to the record */

static void
on_view_cb (CsLiveSession    *session,
            const CsLiveView *view,
            CsCliLiveRun     *self)
{
  if (self->record != NULL)
    cs_cli_live_record_view (self->record, "view", view);
}

static void
on_pointer_cb (CsLiveSession *session,
               double         x,
               double         y,
               gboolean       visible,
               CsCliLiveRun  *self)
{
  if (self->record == NULL)
    return;
  cs_cli_live_record_point (self->record, "pointer", x, y,
                            cs_live_session_get_peer_name (session));
  cs_cli_live_record_add_boolean (self->record, "visible", visible);
  cs_cli_live_record_end (self->record);
}

static void
on_ping_cb (CsLiveSession *session,
            double         x,
            double         y,
            const char    *note,
            CsCliLiveRun  *self)
{
  if (self->record == NULL)
    return;
  cs_cli_live_record_point (self->record, "ping", x, y, cs_live_session_get_peer_name (session));
  cs_cli_live_record_add_string (self->record, "note", note);
  cs_cli_live_record_end (self->record);
}

void
_cs_cli_live_run_record_annotation (CsCliLiveRun *self,
                                    const char   *type,
                                    const char   *uuid,
                                    const char   *author)
{
  CsAnnotation *annotation = cs_annotation_list_lookup (self->list, uuid);

  if (self->record == NULL)
    return;
  cs_cli_live_record_begin (self->record, type);
  cs_cli_live_record_add_string (self->record, "uuid", uuid);
  cs_cli_live_record_add_string (self->record, "author", author);
  if (annotation != NULL)
    cs_cli_live_record_add_string (self->record, "name", cs_annotation_get_name (annotation));
  cs_cli_live_record_add_int (self->record, "annotations",
                              g_list_model_get_n_items (G_LIST_MODEL (self->list)));
  cs_cli_live_record_end (self->record);
}

static void
on_annotation_merged_cb (CsLiveSession *session,
                         const char    *uuid,
                         const char    *author,
                         CsCliLiveRun  *self)
{
  gboolean listed = cs_annotation_list_lookup (self->list, uuid) != NULL;

  _cs_cli_live_run_record_annotation (self, listed ? "annotation" : "delete", uuid, author);
}

static void
on_not_shared_cb (CsLiveSession *session,
                  const char    *uuid,
                  const char    *reason,
                  CsCliLiveRun  *self)
{
  if (self->record != NULL)
    {
      cs_cli_live_record_begin (self->record, "not-shared");
      cs_cli_live_record_add_string (self->record, "uuid", uuid);
      cs_cli_live_record_add_string (self->record, "reason", reason);
      cs_cli_live_record_end (self->record);
    }
  g_printerr ("%s\n", reason);
}

static void
on_code_cb (CsLiveSession *session,
            CsCliLiveRun  *self)
{
  /* Not translated: scripts read these lines. */
  g_print ("Code: %s\n", cs_live_session_get_code (session));
  fflush (stdout);
  g_printerr ("%s\n", _("The code expired or was mistyped too often: give the guest the new one"));
}

static void
on_state_cb (CsLiveSession *session,
             GParamSpec    *pspec,
             CsCliLiveRun  *self)
{
  CsLiveState state = cs_live_session_get_state (session);

  if (self->record != NULL)
    {
      cs_cli_live_record_begin (self->record, "state");
      cs_cli_live_record_add_string (self->record, "state", state_to_string (state));
      cs_cli_live_record_end (self->record);
    }
  if (state == CS_LIVE_STATE_JOINED)
    {
      if (self->joined_at == 0)
        self->joined_at = g_get_monotonic_time ();
      g_printerr (_("Connected with %s\n"), cs_live_session_get_peer_name (session));
    }
  else if (state == CS_LIVE_STATE_RECONNECTING)
    {
      g_printerr ("%s\n", _("The connection was lost: reconnecting…"));
    }
  _cs_cli_live_schedule_play (self);
}

static void
on_control_cb (CsLiveSession *session,
               GParamSpec    *pspec,
               CsCliLiveRun  *self)
{
  gboolean has_control = cs_live_session_has_control (session);

  if (self->record != NULL)
    {
      cs_cli_live_record_begin (self->record, "control");
      cs_cli_live_record_add_boolean (self->record, "has_control", has_control);
      cs_cli_live_record_end (self->record);
    }
  g_printerr ("%s\n", has_control ? _("You now drive the view")
                                  : _("The other side now drives the view"));
}

static void
on_ended_cb (CsLiveSession *session,
             const char    *reason,
             const GError  *error,
             CsCliLiveRun  *self)
{
  if (self->record != NULL)
    {
      cs_cli_live_record_begin (self->record, "ended");
      cs_cli_live_record_add_string (self->record, "reason", reason);
      cs_cli_live_record_add_string (self->record, "error", error != NULL ? error->message : NULL);
      cs_cli_live_record_end (self->record);
    }
  if (error != NULL && self->error == NULL)
    self->error = g_error_copy (error);
  else if (reason != NULL)
    g_printerr (_("The session ended: %s\n"), reason);
  _cs_cli_live_run_finish (self);
}

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     CsCliLiveRun *self)
{
  _cs_cli_live_schedule_play (self);
}

static gboolean
on_signal_cb (gpointer data)
{
  CsCliLiveRun *self = data;

  if (cs_live_session_get_state (self->session) != CS_LIVE_STATE_ENDED)
    cs_live_session_end (self->session, NULL);
  _cs_cli_live_run_finish (self);
  return G_SOURCE_CONTINUE;
}


CsCliLiveRun *
cs_cli_live_run_new (CsLiveSession    *session,
                     CsAnnotationList *list,
                     GPtrArray        *actions,
                     const char       *script_name,
                     CsCliLiveRecord  *record)
{
  CsCliLiveRun *self = g_new0 (CsCliLiveRun, 1);
  guint n = 0;

  self->session = g_object_ref (session);
  self->list = g_object_ref (list);
  self->loop = g_main_loop_new (NULL, FALSE);
  self->actions = actions;
  self->script_name = script_name;
  self->record = record;
  if (cs_live_session_get_state (session) == CS_LIVE_STATE_JOINED)
    self->joined_at = g_get_monotonic_time ();

  self->handlers[n++] = g_signal_connect (session, "view", G_CALLBACK (on_view_cb), self);
  self->handlers[n++] = g_signal_connect (session, "pointer", G_CALLBACK (on_pointer_cb), self);
  self->handlers[n++] = g_signal_connect (session, "ping", G_CALLBACK (on_ping_cb), self);
  self->handlers[n++] = g_signal_connect (session, "annotation-merged",
                                          G_CALLBACK (on_annotation_merged_cb), self);
  self->handlers[n++] = g_signal_connect (session, "annotation-not-shared",
                                          G_CALLBACK (on_not_shared_cb), self);
  self->handlers[n++] = g_signal_connect (session, "code", G_CALLBACK (on_code_cb), self);
  self->handlers[n++] = g_signal_connect (session, "notify::state", G_CALLBACK (on_state_cb), self);
  self->handlers[n++] = g_signal_connect (session, "notify::has-control",
                                          G_CALLBACK (on_control_cb), self);
  self->handlers[n++] = g_signal_connect (session, "ended", G_CALLBACK (on_ended_cb), self);
  g_assert (n == G_N_ELEMENTS (self->handlers) - 1);
  self->handlers[n] = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb),
                                        self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_signal_cb, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_signal_cb, self);
  return self;
}

void
cs_cli_live_run_free (CsCliLiveRun *self)
{
  guint last = G_N_ELEMENTS (self->handlers) - 1;

  for (guint i = 0; i < last; i++)
    g_clear_signal_handler (&self->handlers[i], self->session);
  g_clear_signal_handler (&self->handlers[last], self->list);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->play_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_error (&self->error);
  g_main_loop_unref (self->loop);
  g_object_unref (self->list);
  g_object_unref (self->session);
  g_free (self);
}

gboolean
cs_cli_live_run (CsCliLiveRun *self,
                 GError      **error)
{
  if (cs_live_session_get_state (self->session) != CS_LIVE_STATE_ENDED)
    {
      _cs_cli_live_play (self);
      if (self->ended_at == 0)
        g_main_loop_run (self->loop);
    }
  if (self->ended_at == 0)
    self->ended_at = g_get_monotonic_time ();
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return self->record == NULL || cs_cli_live_record_check (self->record, error);
}

void
cs_cli_live_run_print_traffic (CsCliLiveRun *self)
{
  guint64 sent = cs_live_session_get_bytes_sent (self->session);
  guint64 received = cs_live_session_get_bytes_received (self->session);
  gint64 start = self->joined_at != 0 ? self->joined_at : self->ended_at;
  double seconds = MAX (self->ended_at - start, 0) / (double) G_USEC_PER_SEC;
  g_autofree char *sent_text = g_strdup_printf ("%" G_GUINT64_FORMAT, sent);
  g_autofree char *received_text = g_strdup_printf ("%" G_GUINT64_FORMAT, received);
  g_autofree char *rate = g_strdup_printf ("%.0f", seconds > 0 ? (sent + received) / seconds : 0);

  /* Translators: the traffic of a live session: bytes sent, bytes
   * received, seconds joined, and both ways together per second */
  g_print (_("Sent %s bytes, received %s bytes in %.1f s (%s bytes/s)\n"), sent_text,
           received_text, seconds, rate);
}
