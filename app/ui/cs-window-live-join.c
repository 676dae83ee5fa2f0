/* cs-window-live-join.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-live"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-archive-servers.h"
#include "cs-dicomweb.h"
#include "cs-recent-slides.h"
#include "cs-slide-identity.h"
#include "cs-utils.h"
#include "cs-window-private.h"

/* Joining a live session: the join dialog gives the link and the code;
 * the slide is the one the link names by identity, found in this order:
 * an open tab showing it, a recent slide whose cached identity is it, any
 * other slide whose cached identity is it (the library's are there once
 * scanned), else a file the user chooses. A remote slide ("dicom-series:")
 * is an open tab showing it, else opened from the configured archive with
 * the base URL the link names. Whichever it is, its identity is checked
 * once open (the identity of a chosen file is not known before), and a
 * different slide is refused naming both. Then the session joins, and the
 * page gets its CsLiveController. One join at a time; closing the dialog
 * cancels it. */

struct _CsWindowLiveJoin
{
  /* Borrowed References */
  CsWindow             *window;

  /* Owned References */
  CsLiveJoinDialog     *dialog;
  char                 *name;
  CsLiveLink           *link;
  char                 *code;
  CsSlidePage          *page;      /* waited for until its identity is known */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
};

static void
cs_window_live_join_forget_page (CsWindowLiveJoin *join)
{
  if (join->page != NULL)
    g_signal_handlers_disconnect_by_data (join->page, join);
  g_clear_object (&join->page);
}

static void
cs_window_live_join_free (CsWindowLiveJoin *join)
{
  g_cancellable_cancel (join->cancellable);
  cs_window_live_join_forget_page (join);
  _cs_window_actions_destroy_chooser (join->window, &join->chooser);
  if (join->dialog != NULL)
    g_signal_handlers_disconnect_by_data (join->dialog, join);
  g_clear_object (&join->dialog);
  g_clear_object (&join->cancellable);
  g_clear_pointer (&join->link, cs_live_link_free);
  g_free (join->code);
  g_free (join->name);
  g_free (join);
}

void
_cs_window_live_join_dispose (CsWindow *self)
{
  g_clear_pointer (&self->live_join, cs_window_live_join_free);
}

static void
cs_window_live_join_fail (CsWindowLiveJoin *join,
                          const char       *message)
{
  cs_window_live_join_forget_page (join);
  cs_live_join_dialog_set_error (join->dialog, message);
}

static void
on_joined_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(CsWindow) window = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveSession) session = cs_live_session_join_finish (result, &error);
  CsWindowLiveJoin *join = window->live_join;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || join == NULL)
    return;
  if (session == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not join: %s"), error->message);

      cs_window_live_join_fail (join, text);
      return;
    }
  _cs_window_live_attach (window, join->page, session);
  gtk_window_close (GTK_WINDOW (join->dialog));
}

static void
cs_window_live_join_start (CsWindowLiveJoin *join)
{
  CsSlidePage *page = join->page;

  cs_live_join_dialog_set_busy (join->dialog, _("Joining…"));
  cs_window_live_join_forget_page (join);
  join->page = g_object_ref (page);
  g_clear_object (&join->cancellable);
  join->cancellable = g_cancellable_new ();
  cs_live_session_join_async (join->link, join->code, join->name,
                              cs_slide_page_get_annotation_sha256 (page),
                              cs_slide_page_get_annotation_list (page), join->cancellable,
                              on_joined_cb, g_object_ref (join->window));
}

/* The page's slide is open and its identity known: is it the session's? */
static void
cs_window_live_join_check (CsWindowLiveJoin *join)
{
  CsSlidePage *page = join->page;
  const char *sha256 = cs_slide_page_get_annotation_sha256 (page);
  g_autofree char *text = NULL;

  if (cs_slide_page_get_state (page) == CS_SLIDE_PAGE_FAILED)
    {
      text = g_strdup_printf (_("Could not open the slide: %s"),
                              cs_slide_page_get_error (page)->message);
      cs_window_live_join_fail (join, text);
      return;
    }
  if (cs_slide_page_get_state (page) != CS_SLIDE_PAGE_READY ||
      cs_slide_page_get_annotation_list (page) == NULL || sha256 == NULL)
    return;
  if (g_strcmp0 (sha256, join->link->slide_sha256) != 0)
    {
      gboolean remote = cs_slide_identity_is_remote (sha256)
                        || cs_slide_identity_is_remote (join->link->slide_sha256);

      /* A series is named whole: its UID's last digits tell series apart. */
      if (remote)
        /* Translators: %s is a slide's name, then two slide identities */
        text = g_strdup_printf (_("“%s” is another slide, not the session’s: its identity is %s, "
                                  "the session’s slide is %s"),
                                cs_slide_page_get_title (page), sha256, join->link->slide_sha256);
      else
        /* Translators: %s is a slide's name, then two slide identities */
        text = g_strdup_printf (_("“%s” is another slide, not the session’s: its identity is "
                                  "%.12s…, the session’s slide is %.12s…"),
                                cs_slide_page_get_title (page), sha256, join->link->slide_sha256);
      cs_window_live_join_fail (join, text);
      return;
    }
  if (cs_window_get_live (join->window, page) != NULL &&
      cs_live_controller_is_active (cs_window_get_live (join->window, page)))
    {
      cs_window_live_join_fail (join, _("This slide is already in a live session"));
      return;
    }
  cs_window_live_join_start (join);
}

static void
cs_window_live_join_wait (CsWindowLiveJoin *join,
                          CsSlidePage      *page)
{
  cs_window_live_join_forget_page (join);
  join->page = g_object_ref (page);
  cs_live_join_dialog_set_busy (join->dialog, _("Opening the slide…"));
  g_signal_connect_swapped (page, "notify::state", G_CALLBACK (cs_window_live_join_check), join);
  g_signal_connect_swapped (page, "notify::annotation-editor",
                            G_CALLBACK (cs_window_live_join_check), join);
  cs_window_live_join_check (join);
}

static CsSlidePage *
cs_window_live_find_open (CsWindow   *self,
                          const char *sha256)
{
  for (guint i = 0; i < cs_window_get_n_pages (self); i++)
    {
      CsSlidePage *page = cs_window_get_nth_page (self, i);

      if (g_strcmp0 (cs_slide_page_get_annotation_sha256 (page), sha256) == 0)
        return page;
    }
  return NULL;
}

/* A recent slide first (the copy the user works with), else any slide
 * whose identity was computed before: opened once, or scanned into the
 * library. */
static char *
cs_window_live_find_known (const char *sha256)
{
  g_autoptr(GPtrArray) paths = cs_recent_slides_list (G_MAXUINT);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *identity = cs_slide_identity_lookup (g_ptr_array_index (paths, i));

      if (g_strcmp0 (identity, sha256) == 0)
        return g_strdup (g_ptr_array_index (paths, i));
    }
  return cs_slide_identity_find (sha256);
}

/* The session's remote slide, opened from the archive configured with the
 * link's base URL; NULL, the dialog saying why, when there is none. */
static CsSlidePage *
cs_window_live_open_remote (CsWindowLiveJoin *join)
{
  CsLiveLink *link = join->link;
  g_autoptr(GPtrArray) servers = NULL;
  g_autofree char *wanted = cs_archive_normalize_url (link->server_url);
  g_autofree char *text = NULL;
  const char *series = link->slide_sha256 + strlen (CS_SLIDE_REMOTE_IDENTITY_PREFIX);

  if (join->window->settings == NULL)
    {
      cs_window_live_join_fail (join, _("Slide archives need Consilium’s settings schema, "
                                        "which is not installed"));
      return NULL;
    }
  servers = cs_archive_servers_load (join->window->settings);
  for (guint i = 0; i < servers->len; i++)
    {
      CsArchiveServer *server = g_ptr_array_index (servers, i);
      g_autofree char *url = cs_archive_normalize_url (server->url);

      if (g_strcmp0 (url, wanted) == 0)
        {
          g_autofree char *slide_url = cs_dicomweb_make_slide_url (url, link->study_uid, series);
          g_autoptr(GFile) file = g_file_new_for_uri (slide_url);

          return cs_window_open (join->window, file);
        }
    }
  /* Translators: %s is a DICOMweb server's address */
  text = g_strdup_printf (_("The session’s slide is in the slide archive at %s, which is not "
                            "among yours: add it in Preferences → Slide Archives, then join again"),
                          link->server_url);
  cs_window_live_join_fail (join, text);
  return NULL;
}

static void
on_chooser_response_cb (CsWindowLiveJoin     *join,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  CsSlidePage *page;

  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    {
      cs_live_join_dialog_set_error (join->dialog, _("Choose your copy of the session’s slide "
                                                     "to join"));
      return;
    }
  _cs_window_set_last_folder (join->window, file);
  page = cs_window_open (join->window, file);
  if (page == NULL)
    cs_window_live_join_fail (join, _("Choose a slide, not a package"));
  else
    cs_window_live_join_wait (join, page);
}

static void
cs_window_live_join_choose (CsWindowLiveJoin *join)
{
  if (join->chooser == NULL)
    {
      join->chooser = _cs_window_actions_chooser_new (join->window,
                                                      _("Choose the Session’s Slide"), FALSE,
                                                      NULL);
      g_signal_connect_swapped (join->chooser, "response", G_CALLBACK (on_chooser_response_cb),
                                join);
    }
  cs_live_join_dialog_set_busy (join->dialog, _("No open or recent slide is the session’s: "
                                                "choose your copy of it"));
  _cs_window_set_chooser_folder (join->window, GTK_FILE_CHOOSER (join->chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (join->chooser));
}

static void
on_join_cb (CsWindowLiveJoin *join,
            const char       *link_text,
            const char       *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveLink) link = cs_live_link_parse (link_text, &error);
  g_autofree char *known = NULL;
  CsSlidePage *page;

  if (link == NULL)
    {
      cs_window_live_join_fail (join, error->message);
      return;
    }
  g_clear_pointer (&join->link, cs_live_link_free);
  join->link = g_steal_pointer (&link);
  cs_set_str (&join->code, code);

  page = cs_window_live_find_open (join->window, join->link->slide_sha256);
  if (page == NULL && cs_slide_identity_is_remote (join->link->slide_sha256))
    {
      page = cs_window_live_open_remote (join);
      if (page == NULL)
        return;
    }
  if (page == NULL && (known = cs_window_live_find_known (join->link->slide_sha256)) != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (known);

      page = cs_window_open (join->window, file);
    }
  if (page == NULL)
    {
      cs_window_live_join_choose (join);
      return;
    }
  adw_tab_view_set_selected_page (join->window->tab_view,
                                  adw_tab_view_get_page (join->window->tab_view,
                                                         GTK_WIDGET (page)));
  cs_window_live_join_wait (join, page);
}

static void
on_dialog_destroy_cb (CsWindowLiveJoin *join)
{
  CsWindow *self = join->window;

  if (self->live_join == join)
    g_clear_pointer (&self->live_join, cs_window_live_join_free);
}

/**
 * cs_window_live_join_as:
 * @name: shown to the host
 *
 * Shows the dialog asking for a live session's link and code.
 *
 * Returns: (transfer none): the dialog
 */
CsLiveJoinDialog *
cs_window_live_join_as (CsWindow   *self,
                        const char *name)
{
  CsWindowLiveJoin *join;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->live_join != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->live_join->dialog));
      return self->live_join->dialog;
    }
  join = g_new0 (CsWindowLiveJoin, 1);
  join->window = self;
  join->name = g_strdup (name);
  join->dialog = g_object_ref (cs_live_join_dialog_new (GTK_WINDOW (self)));
  g_signal_connect_swapped (join->dialog, "join", G_CALLBACK (on_join_cb), join);
  g_signal_connect_swapped (join->dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), join);
  self->live_join = join;
  gtk_window_present (GTK_WINDOW (join->dialog));
  return join->dialog;
}
