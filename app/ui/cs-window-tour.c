/* cs-window-tour.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-tour"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-tour-editor.h"
#include "cs-tour-player.h"
#include "cs-window-private.h"

/* Playing a tour of the selected slide: win.play-tour (the tour's id)
 * puts a CsTourPlayer over the slide, kept as the page's
 * "cs-tour-player"; PageDown and PageUp go to the next and previous stop,
 * Escape leaves (those keys do nothing else when no tour plays).
 * win.edit-tours puts the slide's CsTourEditor beside it, kept as the
 * page's "cs-tour-editor"; win.add-to-tour opens it and adds the selected
 * annotations to its tour (a new one when the slide has none). */

#define PLAYER_KEY "cs-tour-player"
#define EDITOR_KEY "cs-tour-editor"

/**
 * _cs_window_get_tour_player:
 *
 * Returns: (nullable) (transfer none): the tour played over the selected
 * slide.
 */
CsTourPlayer *
_cs_window_get_tour_player (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);

  return page != NULL ? g_object_get_data (G_OBJECT (page), PLAYER_KEY) : NULL;
}

static void
on_leave_cb (CsTourPlayer *player,
             CsSlidePage  *page)
{
  cs_slide_page_remove_overlay (page, GTK_WIDGET (player));
  g_object_set_data (G_OBJECT (page), PLAYER_KEY, NULL);
}

static void
cs_window_tour_play (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  CsSlidePage *page = _cs_window_get_page (self);
  CsSlideView *view = _cs_window_get_ready_view (self);
  g_autoptr(CsSavedViews) views = NULL;
  CsTourPlayer *player;
  CsTour *tour;

  if (view == NULL || (views = _cs_window_toast_saved_views (self)) == NULL)
    return;
  tour = cs_saved_views_find_tour (views, g_variant_get_string (param, NULL));
  if (tour == NULL)
    {
      _cs_window_toast (self, _("This tour is no longer there"));
      return;
    }

  player = _cs_window_get_tour_player (self);
  if (player != NULL)
    cs_tour_player_leave (player);
  player = cs_tour_player_new (view, views, tour, cs_slide_page_get_annotation_list (page));
  g_signal_connect_object (player, "leave", G_CALLBACK (on_leave_cb), page, 0);
  cs_slide_page_add_overlay (page, GTK_WIDGET (player));
  g_object_set_data (G_OBJECT (page), PLAYER_KEY, player);
  cs_tour_player_go (player, 0);
}

static void
on_editor_close_cb (CsTourEditor *editor,
                    CsSlidePage  *page)
{
  cs_slide_page_remove_overlay (page, GTK_WIDGET (editor));
  g_object_set_data (G_OBJECT (page), EDITOR_KEY, NULL);
}

static void
cs_window_tour_edit (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  CsSlidePage *page = _cs_window_get_page (self);
  CsTourEditor *editor;

  if (_cs_window_get_ready_view (self) == NULL)
    return;
  editor = g_object_get_data (G_OBJECT (page), EDITOR_KEY);
  if (editor != NULL)
    {
      cs_tour_editor_refresh (editor);
      return;
    }
  editor = cs_tour_editor_new (page);
  g_signal_connect_object (editor, "close", G_CALLBACK (on_editor_close_cb), page, 0);
  cs_slide_page_add_overlay (page, GTK_WIDGET (editor));
  g_object_set_data (G_OBJECT (page), EDITOR_KEY, editor);
}

static void
cs_window_tour_add_to (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CsSlidePage *page = _cs_window_get_page (CS_WINDOW (widget));
  CsTourEditor *editor;

  cs_window_tour_edit (widget, "win.edit-tours", NULL);
  editor = page != NULL ? g_object_get_data (G_OBJECT (page), EDITOR_KEY) : NULL;
  if (editor == NULL)
    return;
  if (cs_tour_editor_get_tour_id (editor) == NULL)
    gtk_widget_activate_action (GTK_WIDGET (editor), "tour.new", NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "stop.add-annotation", NULL);
}

/**
 * _cs_window_refresh_tour_editor:
 *
 * Fills the selected slide's tour editor, if open, again from the store
 * (after its saved views changed elsewhere).
 */
void
_cs_window_refresh_tour_editor (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);
  CsTourEditor *editor = page != NULL ? g_object_get_data (G_OBJECT (page), EDITOR_KEY) : NULL;

  if (editor != NULL)
    cs_tour_editor_refresh (editor);
}

/* PageDown, PageUp, Escape: handled only while a tour plays. */
static gboolean
cs_window_tour_key (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CsTourPlayer *player = _cs_window_get_tour_player (CS_WINDOW (widget));
  const char *what = g_variant_get_string (args, NULL);

  if (player == NULL)
    return FALSE;
  if (g_str_equal (what, "next"))
    cs_tour_player_next (player);
  else if (g_str_equal (what, "previous"))
    cs_tour_player_previous (player);
  else
    cs_tour_player_leave (player);

  return TRUE;
}

void
_cs_window_class_tour_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.play-tour", "s", cs_window_tour_play);
  gtk_widget_class_install_action (widget_class, "win.edit-tours", NULL, cs_window_tour_edit);
  gtk_widget_class_install_action (widget_class, "win.add-to-tour", NULL, cs_window_tour_add_to);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, cs_window_tour_key,
                                "s", "next");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, cs_window_tour_key,
                                "s", "previous");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, cs_window_tour_key,
                                "s", "leave");
}
