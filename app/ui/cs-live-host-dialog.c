/* cs-live-host-dialog.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-host-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-live-host-dialog.h"

struct _CsLiveHostDialog
{
  AdwWindow      parent_instance;

  /* Template Widgets */
  GtkSpinner    *spinner;
  GtkLabel      *status_label;
  GtkLabel      *link_label;
  GtkLabel      *code_label;
  GtkLabel      *fingerprint_label;
  GtkLabel      *fingerprint_hint;
  GtkWidget     *instructions_label;
  GtkWidget     *link_box;
  GtkWidget     *code_box;
  GtkWidget     *end_button;
  GtkWidget     *copy_link_button;

  /* Owned References */
  CsLiveSession *session;
};

G_DEFINE_FINAL_TYPE (CsLiveHostDialog, cs_live_host_dialog, ADW_TYPE_WINDOW)

static char *
host_status (CsLiveState  state,
             const char  *peer)
{
  switch (state)
    {
    case CS_LIVE_STATE_WAITING:
      return g_strdup (_("Waiting for the guest to join…"));
    case CS_LIVE_STATE_JOINED:
      return g_strdup_printf (_("Joined by %s"), peer != NULL ? peer : "");
    case CS_LIVE_STATE_RECONNECTING:
      return g_strdup (_("Connection lost — waiting for the guest to reconnect…"));
    case CS_LIVE_STATE_CONNECTING:
    case CS_LIVE_STATE_ENDED:
    default:
      return g_strdup (_("The session has ended"));
    }
}

/* The guest sees the same dialog without the link and the code: the
 * fingerprint to compare with the host's, and the state. */
static char *
guest_status (CsLiveState  state,
              const char  *peer)
{
  switch (state)
    {
    case CS_LIVE_STATE_CONNECTING:
      return g_strdup (_("Connecting…"));
    case CS_LIVE_STATE_JOINED:
      /* Translators: %s is the host's name */
      return g_strdup_printf (_("In %s’s live session"), peer != NULL ? peer : "");
    case CS_LIVE_STATE_RECONNECTING:
      return g_strdup (_("Connection lost — reconnecting…"));
    case CS_LIVE_STATE_WAITING:
    case CS_LIVE_STATE_ENDED:
    default:
      return g_strdup (_("The session has ended"));
    }
}

static void
cs_live_host_dialog_update (CsLiveHostDialog *self)
{
  CsLiveState state = cs_live_session_get_state (self->session);
  const char *peer = cs_live_session_get_peer_name (self->session);
  gboolean host = cs_live_session_get_role (self->session) == CS_LIVE_ROLE_HOST;
  g_autofree char *status = NULL;

  /* The code is spent once a guest joined: only the fingerprint stays. */
  gtk_widget_set_visible (self->instructions_label, host && state == CS_LIVE_STATE_WAITING);
  gtk_widget_set_visible (self->link_box, host && state == CS_LIVE_STATE_WAITING);
  gtk_widget_set_visible (self->code_box, host && state == CS_LIVE_STATE_WAITING);
  gtk_label_set_label (self->fingerprint_hint,
                       host ? _("Compare it by voice with the one the guest sees: if they differ, someone is between you.")
                            : _("Compare it by voice with the one the host sees: if they differ, someone is between you."));
  status = host ? host_status (state, peer) : guest_status (state, peer);
  gtk_label_set_label (self->status_label, status);
  gtk_spinner_set_spinning (self->spinner, state == CS_LIVE_STATE_WAITING ||
                                           state == CS_LIVE_STATE_CONNECTING ||
                                           state == CS_LIVE_STATE_RECONNECTING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), gtk_spinner_get_spinning (self->spinner));
  if (host)
    {
      gtk_label_set_label (self->link_label, cs_live_session_get_link (self->session));
      gtk_label_set_label (self->code_label, cs_live_session_get_code (self->session));
    }
  gtk_label_set_label (self->fingerprint_label, cs_live_session_get_fingerprint (self->session));
  gtk_widget_set_sensitive (self->end_button, state != CS_LIVE_STATE_ENDED);
  /* Without the link and the code, the window shrinks to what is left. */
  if (!gtk_widget_get_visible (self->link_box))
    gtk_window_set_default_size (GTK_WINDOW (self), 520, -1);
}

static void
cs_live_host_dialog_copy (CsLiveHostDialog *self,
                          GtkLabel         *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_label (label));
}

static void
on_copy_link_cb (CsLiveHostDialog *self)
{
  cs_live_host_dialog_copy (self, self->link_label);
}

static void
on_copy_code_cb (CsLiveHostDialog *self)
{
  cs_live_host_dialog_copy (self, self->code_label);
}

static void
on_end_cb (CsLiveHostDialog *self)
{
  if (cs_live_session_get_state (self->session) != CS_LIVE_STATE_ENDED)
    cs_live_session_end (self->session, NULL);
  gtk_window_close (GTK_WINDOW (self));
}

const char *
cs_live_host_dialog_get_link_text (CsLiveHostDialog *self)
{
  g_return_val_if_fail (CS_IS_LIVE_HOST_DIALOG (self), NULL);

  return gtk_label_get_label (self->link_label);
}

const char *
cs_live_host_dialog_get_code_text (CsLiveHostDialog *self)
{
  g_return_val_if_fail (CS_IS_LIVE_HOST_DIALOG (self), NULL);

  return gtk_label_get_label (self->code_label);
}

const char *
cs_live_host_dialog_get_status_text (CsLiveHostDialog *self)
{
  g_return_val_if_fail (CS_IS_LIVE_HOST_DIALOG (self), NULL);

  return gtk_label_get_label (self->status_label);
}

static void
cs_live_host_dialog_dispose (GObject *object)
{
  CsLiveHostDialog *self = CS_LIVE_HOST_DIALOG (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_LIVE_HOST_DIALOG);

  G_OBJECT_CLASS (cs_live_host_dialog_parent_class)->dispose (object);
}

static void
cs_live_host_dialog_class_init (CsLiveHostDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_live_host_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-live-host-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, link_label);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, fingerprint_hint);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, instructions_label);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, link_box);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, code_box);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, end_button);
  gtk_widget_class_bind_template_child (widget_class, CsLiveHostDialog, copy_link_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_link_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_code_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_end_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_live_host_dialog_init (CsLiveHostDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CsLiveHostDialog *
cs_live_host_dialog_new (GtkWindow     *parent,
                         CsLiveSession *session)
{
  CsLiveHostDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CS_IS_LIVE_SESSION (session), NULL);

  self = g_object_new (CS_TYPE_LIVE_HOST_DIALOG, "transient-for", parent, "modal", FALSE,
                       NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (cs_live_host_dialog_update),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::peer-name",
                           G_CALLBACK (cs_live_host_dialog_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "code", G_CALLBACK (cs_live_host_dialog_update), self,
                           G_CONNECT_SWAPPED);
  cs_live_host_dialog_update (self);
  /* not the link: a selectable label taking the focus selects all of it */
  gtk_window_set_focus (GTK_WINDOW (self), self->copy_link_button);

  return self;
}
