/* cs-window-live.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-live"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-dicomweb.h"
#include "cs-settings.h"
#include "cs-slide-identity.h"
#include "cs-window-private.h"

/* Live consultation in the window (issue 12). win.live-host ("Start Live
 * Session…") hosts a session on the selected slide and shows the link and
 * code in a CsLiveHostDialog; win.live-join ("Join Live Session…") is in
 * cs-window-live-join.c; win.live-ping (L) points the other person at the
 * pointer. Each page with a session has its CsLiveController here, until
 * the tab closes or a new session replaces it; the person's name is the
 * annotation author's, asked for (and kept) when there is none. */

CsLiveController *
_cs_window_live_get (CsWindow    *self,
                     CsSlidePage *page)
{
  return page != NULL ? g_hash_table_lookup (self->live_controllers, page) : NULL;
}

/**
 * cs_window_get_live:
 *
 * Returns: (transfer none) (nullable): the live session shown on @page
 */
CsLiveController *
cs_window_get_live (CsWindow    *self,
                    CsSlidePage *page)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return _cs_window_live_get (self, page);
}

static gboolean
cs_window_live_active (CsWindow    *self,
                       CsSlidePage *page)
{
  CsLiveController *live = _cs_window_live_get (self, page);

  return live != NULL && cs_live_controller_is_active (live);
}

static void
on_live_ended_cb (CsWindow         *self,
                  const char       *message,
                  CsLiveController *live)
{
  _cs_window_toast (self, message);
  _cs_window_actions_update (self);
}

void
_cs_window_live_attach (CsWindow      *self,
                        CsSlidePage   *page,
                        CsLiveSession *session)
{
  CsLiveController *live;

  _cs_window_live_page_closed (self, page);
  live = cs_live_controller_new (page, session);
  g_signal_connect_object (live, "ended", G_CALLBACK (on_live_ended_cb), self,
                           G_CONNECT_SWAPPED);
  g_hash_table_insert (self->live_controllers, page, live);
  _cs_window_actions_update (self);
}

void
_cs_window_live_page_closed (CsWindow    *self,
                             CsSlidePage *page)
{
  CsLiveController *live = _cs_window_live_get (self, page);

  if (live == NULL)
    return;
  g_signal_handlers_disconnect_by_data (live, self);
  cs_live_controller_detach (live);
  g_hash_table_remove (self->live_controllers, page);
}

/* The name shown to the other person: the annotation author's. */
typedef void (*CsWindowLiveNamed) (CsWindow   *self,
                                   const char *name);

static void
on_name_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          data)
{
  CsWindow *self = CS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  CsWindowLiveNamed named = (CsWindowLiveNamed) data;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "continue") != 0 || *name == '\0')
    return;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "annotation-author", name);
  named (self, name);
}

static void
cs_window_live_with_name (CsWindow          *self,
                          CsWindowLiveNamed  named)
{
  g_autofree char *name = cs_settings_dup_author ();
  GtkWidget *dialog, *entry;

  if (name != NULL && *name != '\0')
    {
      named (self, name);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Your Name"),
                                   _("The other person sees it beside your pointer and on "
                                     "the annotations you draw."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "continue", _("C_ontinue"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_name_response_cb), named);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A slide from a DICOMweb archive is hosted with the archive's base URL
 * and the study it opened from, for the guest to open it there too. */
static CsLiveSession *
cs_window_live_host_page (CsSlidePage *page,
                          const char  *name,
                          GError     **error)
{
  const char *identity = cs_slide_page_get_annotation_sha256 (page);
  CsAnnotationList *list = cs_slide_page_get_annotation_list (page);
  g_autofree char *base_url = NULL;
  g_autofree char *study_uid = NULL;

  if (!cs_slide_identity_is_remote (identity))
    return cs_live_session_host (name, identity, list, NULL, 0, error);
  if (!cs_dicomweb_parse_slide_url (cs_slide_get_path (cs_slide_page_get_slide (page)),
                                    &base_url, &study_uid, NULL, error))
    return NULL;
  return cs_live_session_host_remote (name, identity, base_url, study_uid, list, NULL, 0, error);
}

/**
 * cs_window_live_host_as:
 * @name: shown to the guest
 *
 * Hosts a live session on the selected slide (open, its annotations read).
 *
 * Returns: (transfer none): the dialog with the link and the code, shown;
 *   NULL with @error set when the session could not start
 */
CsLiveHostDialog *
cs_window_live_host_as (CsWindow    *self,
                        const char  *name,
                        GError     **error)
{
  CsSlidePage *page;
  g_autoptr(CsLiveSession) session = NULL;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  page = _cs_window_get_page (self);
  if (page == NULL || _cs_window_get_ready_view (self) == NULL ||
      cs_slide_page_get_annotation_list (page) == NULL ||
      cs_slide_page_get_annotation_sha256 (page) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The slide is still opening; try again in a moment"));
      return NULL;
    }
  session = cs_window_live_host_page (page, name, error);
  if (session == NULL)
    return NULL;
  _cs_window_live_attach (self, page, session);
  return cs_live_controller_show_details (_cs_window_live_get (self, page));
}

static void
cs_window_live_host_named (CsWindow   *self,
                           const char *name)
{
  g_autoptr(GError) error = NULL;

  if (cs_window_live_host_as (self, name, &error) == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not start a live session: %s"),
                                               error->message);

      _cs_window_toast (self, text);
    }
}

static void
cs_window_live_host_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  cs_window_live_with_name (CS_WINDOW (widget), cs_window_live_host_named);
}

static void
cs_window_live_join_named (CsWindow   *self,
                           const char *name)
{
  cs_window_live_join_as (self, name);
}

static void
cs_window_live_join_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  cs_window_live_with_name (CS_WINDOW (widget), cs_window_live_join_named);
}

static void
cs_window_live_ping_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  CsLiveController *live = _cs_window_live_get (self, _cs_window_get_page (self));

  if (live != NULL && cs_live_controller_is_active (live))
    cs_live_controller_ping (live);
}

void
_cs_window_live_update (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);
  gboolean active = cs_window_live_active (self, page);
  gboolean ready = _cs_window_get_ready_view (self) != NULL &&
                   cs_slide_page_get_annotation_list (page) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.live-host", ready && !active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.live-ping", active);
}

void
_cs_window_live_init (CsWindow *self)
{
  self->live_controllers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

void
_cs_window_live_dispose (CsWindow *self)
{
  if (self->live_controllers == NULL)
    return;
  while (g_hash_table_size (self->live_controllers) > 0)
    {
      GHashTableIter iter;
      gpointer page;

      g_hash_table_iter_init (&iter, self->live_controllers);
      g_hash_table_iter_next (&iter, &page, NULL);
      _cs_window_live_page_closed (self, page);
    }
  g_clear_pointer (&self->live_controllers, g_hash_table_unref);
  _cs_window_live_join_dispose (self);
}

void
_cs_window_class_live_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.live-host", NULL,
                                   cs_window_live_host_action);
  gtk_widget_class_install_action (widget_class, "win.live-join", NULL,
                                   cs_window_live_join_action);
  gtk_widget_class_install_action (widget_class, "win.live-ping", NULL,
                                   cs_window_live_ping_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, 0, "win.live-ping", NULL);
}
