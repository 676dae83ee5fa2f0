/* cs-live-bar.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-live-bar.h"

struct _CsLiveBar
{
  GtkWidget   parent_instance;

  /* Template Widgets */
  GtkRevealer *revealer;
  GtkWidget   *box;
  GtkSpinner  *spinner;
  GtkWidget   *icon;
  GtkLabel    *title_label;
  GtkLabel    *detail_label;
  GtkWidget   *details_button;
  GtkWidget   *follow_button;
  GtkWidget   *stop_button;
  GtkWidget   *give_button;
  GtkWidget   *end_button;
};

G_DEFINE_FINAL_TYPE (CsLiveBar, cs_live_bar, GTK_TYPE_WIDGET)

static void
cs_live_bar_set_busy (CsLiveBar *self,
                      gboolean   busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (self->icon, !busy);
}

static char *
cs_live_bar_joined_detail (const char *peer,
                           gboolean    has_control,
                           gboolean    following)
{
  if (has_control)
    return g_strdup_printf (_("You are leading: %s follows your view"), peer);
  if (following)
    return g_strdup_printf (_("Following %s’s view"), peer);
  return g_strdup_printf (_("Not following %s’s view"), peer);
}

/**
 * cs_live_bar_update:
 * @peer_name: (nullable): the other person, once joined
 *
 * Shows @state; the bar hides once it is ENDED.
 */
void
cs_live_bar_update (CsLiveBar   *self,
                    CsLiveState  state,
                    const char  *peer_name,
                    gboolean     has_control,
                    gboolean     following)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  const char *peer = peer_name != NULL ? peer_name : _("the other side");
  gboolean joined = state == CS_LIVE_STATE_JOINED;

  g_return_if_fail (CS_IS_LIVE_BAR (self));

  switch (state)
    {
    case CS_LIVE_STATE_WAITING:
      title = g_strdup (_("Live session: waiting for the guest to join"));
      detail = g_strdup (_("Give the link and the code from the session window"));
      break;
    case CS_LIVE_STATE_CONNECTING:
      title = g_strdup (_("Connecting to the live session…"));
      break;
    case CS_LIVE_STATE_JOINED:
      title = g_strdup_printf (_("Live with %s"), peer);
      detail = cs_live_bar_joined_detail (peer, has_control, following);
      break;
    case CS_LIVE_STATE_RECONNECTING:
      title = g_strdup (_("Connection lost — retrying; nothing you draw is lost"));
      break;
    case CS_LIVE_STATE_ENDED:
    default:
      title = g_strdup (_("The live session has ended"));
      break;
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  cs_live_bar_set_busy (self, state == CS_LIVE_STATE_CONNECTING ||
                              state == CS_LIVE_STATE_RECONNECTING);
  /* The host gives the link and code while waiting; then both sides keep
   * the fingerprint at hand, to compare. */
  gtk_button_set_label (GTK_BUTTON (self->details_button),
                        state == CS_LIVE_STATE_WAITING ? _("_Link and Code") : _("_Details"));
  gtk_widget_set_tooltip_text (self->details_button,
                               state == CS_LIVE_STATE_WAITING
                                 ? _("Show the join link, the one-time code and the certificate fingerprint")
                                 : _("Show the certificate fingerprint, to compare with the other side"));
  gtk_widget_set_visible (self->details_button, state != CS_LIVE_STATE_ENDED);
  gtk_widget_set_visible (self->follow_button, joined && !has_control && !following);
  gtk_widget_set_visible (self->stop_button, joined && !has_control && following);
  gtk_widget_set_visible (self->give_button, joined && has_control);
  gtk_widget_set_visible (self->end_button, state != CS_LIVE_STATE_ENDED);
  if (state == CS_LIVE_STATE_RECONNECTING)
    gtk_widget_add_css_class (self->box, "cs-live-lost");
  else
    gtk_widget_remove_css_class (self->box, "cs-live-lost");
  gtk_revealer_set_reveal_child (self->revealer, state != CS_LIVE_STATE_ENDED);
}

const char *
cs_live_bar_get_title (CsLiveBar *self)
{
  g_return_val_if_fail (CS_IS_LIVE_BAR (self), NULL);

  return gtk_label_get_label (self->title_label);
}

const char *
cs_live_bar_get_detail (CsLiveBar *self)
{
  g_return_val_if_fail (CS_IS_LIVE_BAR (self), NULL);

  return gtk_label_get_label (self->detail_label);
}

gboolean
cs_live_bar_get_shown (CsLiveBar *self)
{
  g_return_val_if_fail (CS_IS_LIVE_BAR (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

static void
cs_live_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_LIVE_BAR);

  G_OBJECT_CLASS (cs_live_bar_parent_class)->dispose (object);
}

static void
cs_live_bar_class_init (CsLiveBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_live_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-live-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, box);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, icon);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, detail_label);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, details_button);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, follow_button);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, give_button);
  gtk_widget_class_bind_template_child (widget_class, CsLiveBar, end_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "livebar");
}

static void
cs_live_bar_init (CsLiveBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cs_live_bar_new (void)
{
  return g_object_new (CS_TYPE_LIVE_BAR, NULL);
}
