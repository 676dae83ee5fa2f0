/* cs-cli-live-play.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-live-run-private.h"

#include <glib/gi18n.h>

/* The script of consilium-cli live, played action by action: each after
 * its delay, each wait until its condition holds (the run calls
 * _cs_cli_live_schedule_play () when the session or the list change),
 * every action recorded just before it is done, so that the other
 * side's record of it is later. */

static GError *
action_error (CsCliLiveRun    *self,
              CsCliLiveAction *action,
              const GError    *cause)
{
  return g_error_new (cause->domain, cause->code, "%s:%u: %s", self->script_name, action->line,
                      cause->message);
}

static void
add_annotation (CsCliLiveRun    *self,
                CsCliLiveAction *action)
{
  g_autoptr(CsAnnotation) annotation = cs_annotation_copy (action->annotation);
  const char *id = cs_annotation_get_id (annotation);

  if (cs_annotation_get_author (annotation) == NULL)
    cs_annotation_set_author (annotation, cs_live_session_get_name (self->session));
  if (cs_annotation_get_created (annotation) == 0)
    cs_annotation_set_created (annotation, g_get_real_time ());
  cs_annotation_touch (annotation);
  /* Recorded first: the record's time is before the other side's. */
  _cs_cli_live_run_record_annotation (self, "sent-annotation", id,
                                      cs_annotation_get_author (annotation));
  if (cs_annotation_list_lookup (self->list, id) != NULL)
    cs_annotation_list_update (self->list, annotation);
  else
    cs_annotation_list_add (self->list, annotation);
}

static gboolean
delete_annotation (CsCliLiveRun    *self,
                   CsCliLiveAction *action,
                   GError         **error)
{
  CsAnnotation *annotation = cs_annotation_list_lookup (self->list, action->text);

  if (annotation == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No annotation %s to delete"), action->text);
      return FALSE;
    }
  _cs_cli_live_run_record_annotation (self, "sent-delete", action->text,
                                      cs_live_session_get_name (self->session));
  cs_annotation_list_remove (self->list, annotation);
  return TRUE;
}

static void
send_point (CsCliLiveRun    *self,
            CsCliLiveAction *action)
{
  gboolean pointer = action->type == CS_CLI_LIVE_ACTION_POINTER;

  if (self->record != NULL)
    {
      cs_cli_live_record_point (self->record, pointer ? "sent-pointer" : "sent-ping", action->x,
                                action->y, cs_live_session_get_name (self->session));
      if (pointer)
        cs_cli_live_record_add_boolean (self->record, "visible", action->visible);
      else
        cs_cli_live_record_add_string (self->record, "note", action->text);
      cs_cli_live_record_end (self->record);
    }
  if (pointer)
    cs_live_session_send_pointer (self->session, action->x, action->y, action->visible);
  else
    cs_live_session_send_ping (self->session, action->x, action->y, action->text);
}

static void
end_session (CsCliLiveRun    *self,
             CsCliLiveAction *action)
{
  if (self->record != NULL)
    {
      cs_cli_live_record_begin (self->record, "sent-end");
      cs_cli_live_record_add_string (self->record, "reason", action->text);
      cs_cli_live_record_end (self->record);
    }
  cs_live_session_end (self->session, action->text);
  _cs_cli_live_run_finish (self);
}

/* Does @action, or returns FALSE while it waits for its condition. */
static gboolean
perform (CsCliLiveRun    *self,
         CsCliLiveAction *action,
         GError         **error)
{
  switch (action->type)
    {
    case CS_CLI_LIVE_ACTION_WAIT_JOINED:
      return cs_live_session_get_state (self->session) == CS_LIVE_STATE_JOINED;
    case CS_CLI_LIVE_ACTION_WAIT_ANNOTATIONS:
      return g_list_model_get_n_items (G_LIST_MODEL (self->list)) >= action->count;
    case CS_CLI_LIVE_ACTION_WAIT_STATE:
      return cs_live_session_get_state (self->session) == action->state;
    case CS_CLI_LIVE_ACTION_VIEW:
      if (self->record != NULL)
        cs_cli_live_record_view (self->record, "sent-view", &action->view);
      cs_live_session_send_view (self->session, &action->view);
      return TRUE;
    case CS_CLI_LIVE_ACTION_POINTER:
    case CS_CLI_LIVE_ACTION_PING:
      send_point (self, action);
      return TRUE;
    case CS_CLI_LIVE_ACTION_ANNOTATION:
      add_annotation (self, action);
      return TRUE;
    case CS_CLI_LIVE_ACTION_DELETE:
      return delete_annotation (self, action, error);
    case CS_CLI_LIVE_ACTION_GIVE_CONTROL:
      if (!cs_live_session_give_control (self->session, error))
        return FALSE;
      if (self->record != NULL)
        {
          cs_cli_live_record_begin (self->record, "sent-control");
          cs_cli_live_record_end (self->record);
        }
      return TRUE;
    case CS_CLI_LIVE_ACTION_END:
      end_session (self, action);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
on_delay_cb (gpointer data)
{
  CsCliLiveRun *self = data;

  self->timer_id = 0;
  self->delayed = TRUE;
  _cs_cli_live_play (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_play_cb (gpointer data)
{
  CsCliLiveRun *self = data;

  self->play_id = 0;
  _cs_cli_live_play (self);
  return G_SOURCE_REMOVE;
}

/* A wait's condition may hold now: the script goes on from the main
 * loop, never inside the signal that said so (the session ignores the
 * list's changes while it applies a remote one, so an annotation added
 * then would never be sent). */
void
_cs_cli_live_schedule_play (CsCliLiveRun *self)
{
  if (self->play_id == 0 && self->ended_at == 0)
    self->play_id = g_idle_add (on_play_cb, self);
}

/* Plays the script from the next action on, until an action waits (for
 * its delay or its condition), the script ends or the session does. */
void
_cs_cli_live_play (CsCliLiveRun *self)
{
  /* Actions change the list and the session, whose signals may come
   * back here: the loop below goes on by itself. */
  if (self->playing)
    return;
  self->playing = TRUE;
  while (self->actions != NULL && self->next < self->actions->len && self->timer_id == 0 &&
         self->ended_at == 0)
    {
      CsCliLiveAction *action = self->actions->pdata[self->next];
      g_autoptr(GError) error = NULL;

      if (action->after_ms > 0 && !self->delayed)
        {
          self->timer_id = g_timeout_add (action->after_ms, on_delay_cb, self);
          break;
        }
      if (!perform (self, action, &error))
        {
          if (error != NULL)
            _cs_cli_live_run_fail (self, action_error (self, action, error));
          break;
        }
      self->delayed = FALSE;
      self->next++;
    }
  self->playing = FALSE;
}
