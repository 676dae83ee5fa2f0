/* cs-live-controller.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-controller"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-live-controller-private.h"
#include "cs-slide-page-private.h"

/* The session's signals become what the page shows: the bar follows the
 * state, the peer's name and who has control; "view" feeds follow mode
 * (cs-live-controller-view.c); "pointer" and "ping" go to the overlay;
 * "ended" hides the bar and is told in a toast, as is an annotation the
 * session could not share. Whoever gets control
 * stops following and sends its view at once; whoever loses it follows. */

G_DEFINE_FINAL_TYPE (CsLiveController, cs_live_controller, G_TYPE_OBJECT)

enum {
  ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_cs_live_controller_update_bar (CsLiveController *self)
{
  if (self->bar == NULL)
    return;
  cs_live_bar_update (CS_LIVE_BAR (self->bar), cs_live_session_get_state (self->session),
                      cs_live_session_get_peer_name (self->session),
                      cs_live_session_has_control (self->session), self->following);
}

static void
on_state_cb (CsLiveController *self)
{
  CsLiveState state = cs_live_session_get_state (self->session);

  if (state == CS_LIVE_STATE_JOINED && cs_live_session_has_control (self->session))
    _cs_live_controller_send_view_now (self);
  if (state == CS_LIVE_STATE_ENDED && self->overlay != NULL)
    cs_live_overlay_clear (CS_LIVE_OVERLAY (self->overlay));
  _cs_live_controller_update_bar (self);
}

static void
on_has_control_cb (CsLiveController *self)
{
  if (cs_live_session_has_control (self->session))
    {
      cs_live_controller_stop_following (self);
      _cs_live_controller_send_view_now (self);
    }
  else
    cs_live_controller_follow (self);
  _cs_live_controller_update_bar (self);
}

static void
on_view_cb (CsLiveController *self,
            const CsLiveView *view)
{
  _cs_live_controller_take_view (self, view);
}

static void
on_pointer_cb (CsLiveController *self,
               double            x,
               double            y,
               gboolean          visible)
{
  if (self->overlay != NULL)
    cs_live_overlay_set_pointer (CS_LIVE_OVERLAY (self->overlay), x, y, visible,
                                 cs_live_session_get_peer_name (self->session));
}

static void
on_ping_cb (CsLiveController *self,
            double            x,
            double            y,
            const char       *note)
{
  g_autofree char *text = NULL;
  const char *peer = cs_live_session_get_peer_name (self->session);

  if (self->overlay != NULL)
    cs_live_overlay_add_ping (CS_LIVE_OVERLAY (self->overlay), x, y);
  /* Translators: a toast when the other person of a live session points
   * at something; %s is their name */
  text = g_strdup_printf (_("%s: look here"), peer != NULL ? peer : "");
  _cs_slide_page_message (self->page, text);
}

/* An annotation too large for a live message stays on this side only:
 * the user is told why. */
static void
on_annotation_not_shared_cb (CsLiveController *self,
                             const char       *uuid,
                             const char       *reason)
{
  _cs_slide_page_message (self->page, reason);
}

static void
on_ended_cb (CsLiveController *self,
             const char       *reason,
             const GError     *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("The live session ended: %s"), error->message);
  else if (reason != NULL && *reason != '\0')
    text = g_strdup_printf (_("The live session ended: %s"), reason);
  else
    text = g_strdup (_("The live session ended"));
  cs_live_controller_stop_following (self);
  _cs_live_controller_update_bar (self);
  g_signal_emit (self, signals[ENDED], 0, text);
}

static void
cs_live_controller_connect (CsLiveController *self)
{
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::peer-name",
                           G_CALLBACK (_cs_live_controller_update_bar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::has-control", G_CALLBACK (on_has_control_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "view", G_CALLBACK (on_view_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "pointer", G_CALLBACK (on_pointer_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "ping", G_CALLBACK (on_ping_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "ended", G_CALLBACK (on_ended_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "annotation-not-shared",
                           G_CALLBACK (on_annotation_not_shared_cb), self, G_CONNECT_SWAPPED);
}

static void
live_follow_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       data)
{
  cs_live_controller_follow (data);
}

static void
live_stop_following_cb (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       data)
{
  cs_live_controller_stop_following (data);
}

static void
live_give_control_cb (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  CsLiveController *self = data;
  g_autoptr(GError) error = NULL;

  if (!cs_live_session_give_control (self->session, &error))
    _cs_slide_page_message (self->page, error->message);
}

static void
live_end_cb (GSimpleAction *action,
             GVariant      *param,
             gpointer       data)
{
  cs_live_controller_end (data);
}

static void
live_show_details_cb (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  cs_live_controller_show_details (data);
}

static const GActionEntry live_actions[] = {
  { "show-details", live_show_details_cb },
  { "follow", live_follow_cb },
  { "stop-following", live_stop_following_cb },
  { "give-control", live_give_control_cb },
  { "end", live_end_cb },
};

static void
cs_live_controller_attach (CsLiveController *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  CsLiveOverlay *overlay;

  self->bar = g_object_ref_sink (cs_live_bar_new ());
  g_action_map_add_action_entries (G_ACTION_MAP (group), live_actions,
                                   G_N_ELEMENTS (live_actions), self);
  gtk_widget_insert_action_group (self->bar, "live", G_ACTION_GROUP (group));
  cs_slide_page_add_top_bar (self->page, self->bar);

  self->overlay = g_object_ref_sink (cs_live_overlay_new ());
  overlay = CS_LIVE_OVERLAY (self->overlay);
  cs_live_overlay_set_view (overlay, self->view);
  cs_slide_page_add_overlay (self->page, self->overlay);

  _cs_live_controller_view_attach (self);
  cs_live_controller_connect (self);
  if (!cs_live_session_has_control (self->session))
    cs_live_controller_follow (self);
  _cs_live_controller_update_bar (self);
}

/**
 * cs_live_controller_new:
 *
 * Shows @session on @page (its slide open, its active view the one shared).
 */
CsLiveController *
cs_live_controller_new (CsSlidePage   *page,
                        CsLiveSession *session)
{
  CsLiveController *self;
  CsSlideView *view;

  g_return_val_if_fail (CS_IS_SLIDE_PAGE (page), NULL);
  g_return_val_if_fail (CS_IS_LIVE_SESSION (session), NULL);
  view = cs_slide_page_get_active_view (page);
  g_return_val_if_fail (view != NULL, NULL);

  self = g_object_new (CS_TYPE_LIVE_CONTROLLER, NULL);
  self->page = g_object_ref (page);
  self->session = g_object_ref (session);
  self->view = g_object_ref (view);
  cs_live_controller_attach (self);
  if (cs_live_session_get_state (session) == CS_LIVE_STATE_JOINED)
    on_has_control_cb (self);

  return self;
}

CsLiveSession *
cs_live_controller_get_session (CsLiveController *self)
{
  g_return_val_if_fail (CS_IS_LIVE_CONTROLLER (self), NULL);

  return self->session;
}

CsSlidePage *
cs_live_controller_get_page (CsLiveController *self)
{
  g_return_val_if_fail (CS_IS_LIVE_CONTROLLER (self), NULL);

  return self->page;
}

CsLiveBar *
cs_live_controller_get_bar (CsLiveController *self)
{
  g_return_val_if_fail (CS_IS_LIVE_CONTROLLER (self), NULL);

  return CS_LIVE_BAR (self->bar);
}

CsLiveOverlay *
cs_live_controller_get_overlay (CsLiveController *self)
{
  g_return_val_if_fail (CS_IS_LIVE_CONTROLLER (self), NULL);

  return CS_LIVE_OVERLAY (self->overlay);
}

gboolean
cs_live_controller_is_active (CsLiveController *self)
{
  g_return_val_if_fail (CS_IS_LIVE_CONTROLLER (self), FALSE);

  return self->session != NULL &&
         cs_live_session_get_state (self->session) != CS_LIVE_STATE_ENDED;
}

void
cs_live_controller_ping (CsLiveController *self)
{
  CsLiveView view;
  double x, y;

  g_return_if_fail (CS_IS_LIVE_CONTROLLER (self));

  if (self->view == NULL || !_cs_live_controller_get_view (self, &view))
    return;
  x = self->pointer_inside ? self->pointer_x : view.x;
  y = self->pointer_inside ? self->pointer_y : view.y;
  cs_live_session_send_ping (self->session, x, y, NULL);
  cs_live_overlay_add_ping (CS_LIVE_OVERLAY (self->overlay), x, y);
}

/**
 * cs_live_controller_show_details:
 *
 * Shows the session in a CsLiveHostDialog: the host sees the link, the
 * code and the fingerprint, the guest the fingerprint to compare.
 *
 * Returns: (transfer none): the dialog, shown
 */
CsLiveHostDialog *
cs_live_controller_show_details (CsLiveController *self)
{
  GtkRoot *root;
  CsLiveHostDialog *dialog;

  g_return_val_if_fail (CS_IS_LIVE_CONTROLLER (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self->page));
  g_return_val_if_fail (GTK_IS_WINDOW (root), NULL);
  dialog = cs_live_host_dialog_new (GTK_WINDOW (root), self->session);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
cs_live_controller_end (CsLiveController *self)
{
  g_return_if_fail (CS_IS_LIVE_CONTROLLER (self));

  if (cs_live_session_get_state (self->session) != CS_LIVE_STATE_ENDED)
    cs_live_session_end (self->session, NULL);
}

void
cs_live_controller_detach (CsLiveController *self)
{
  g_return_if_fail (CS_IS_LIVE_CONTROLLER (self));

  _cs_live_controller_view_detach (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->bar != NULL)
    {
      cs_slide_page_remove_top_bar (self->page, self->bar);
      g_clear_object (&self->bar);
    }
  if (self->overlay != NULL)
    {
      cs_live_overlay_set_view (CS_LIVE_OVERLAY (self->overlay), NULL);
      cs_slide_page_remove_overlay (self->page, self->overlay);
      g_clear_object (&self->overlay);
    }
}

static void
cs_live_controller_dispose (GObject *object)
{
  CsLiveController *self = CS_LIVE_CONTROLLER (object);

  if (self->page != NULL)
    cs_live_controller_detach (self);
  if (self->session != NULL && cs_live_session_get_state (self->session) != CS_LIVE_STATE_ENDED)
    cs_live_session_end (self->session, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (cs_live_controller_parent_class)->dispose (object);
}

static void
cs_live_controller_class_init (CsLiveControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_live_controller_dispose;

  signals[ENDED] =
    g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cs_live_controller_init (CsLiveController *self)
{
}
