/* cs-window-actions.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-actions"

#include "config.h"

#include "cs-package.h"
#include "cs-recent-slides.h"
#include "cs-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* The window's actions. win.open asks for slides with a native chooser
 * (several at once, each in its own tab; consult packages are imported);
 * win.split for the slide to
 * compare. win.show-info, win.privacy-mode, win.split and win.fullscreen
 * are stateful, backed by properties. win.magnification, win.zoom-fit and
 * win.zoom-1to1 forward to the active view's "view." actions, so that the
 * header bar, outside the view, can reach them. Which actions are enabled
 * is decided in one place, _cs_window_actions_update (). */

static GtkFileFilter *
cs_window_actions_slide_filter (const char *name,
                                gboolean    packages)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char * const *suffixes = cs_recent_slides_get_suffixes ();

  /* Suffixes, unlike patterns, match case-insensitively: scanners often
   * write CMU-1.SVS. */
  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
#if HAVE_OPENSLIDE_ICC
  /* The files of a DICOM series exported from a PACS often have no
   * suffix; shared-mime-info knows them by content. OpenSlide 3.4.1
   * cannot read them: not offered then. */
  gtk_file_filter_add_mime_type (filter, "application/dicom");
#endif
  if (packages)
    gtk_file_filter_add_suffix (filter, CS_PACKAGE_EXTENSION + 1);

  return filter;
}

/* With @packages, consult packages too (win.open imports them). */
static void
cs_window_actions_add_filters (GtkFileChooser *chooser,
                               gboolean        packages)
{
  g_autoptr(GtkFileFilter) supported = NULL;
  g_autoptr(GtkFileFilter) slides = cs_window_actions_slide_filter (_("Slides and images"), FALSE);
  g_autoptr(GtkFileFilter) package = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  if (packages)
    {
      supported = cs_window_actions_slide_filter (_("All supported files"), TRUE);
      gtk_file_chooser_add_filter (chooser, supported);
    }
  gtk_file_chooser_add_filter (chooser, slides);
  if (packages)
    {
      gtk_file_filter_set_name (package, _("Consult packages"));
      gtk_file_filter_add_suffix (package, CS_PACKAGE_EXTENSION + 1);
      gtk_file_chooser_add_filter (chooser, package);
    }
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, packages ? supported : slides);
}

GtkFileChooserNative *
_cs_window_actions_chooser_new (CsWindow   *self,
                                const char *title,
                                gboolean    multiple,
                                GCallback   response_cb)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), multiple);
  /* Only win.open, choosing several, takes packages. */
  cs_window_actions_add_filters (GTK_FILE_CHOOSER (chooser), multiple);
  if (response_cb != NULL)
    g_signal_connect_object (chooser, "response", response_cb, self, G_CONNECT_SWAPPED);

  return chooser;
}

static void
cs_window_open_response_cb (CsWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (i == 0)
        _cs_window_set_last_folder (self, file);
      cs_window_open (self, file);
    }
}

static void
cs_window_actions_open (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->open_chooser == NULL)
    self->open_chooser = _cs_window_actions_chooser_new (self, _("Open Slides"), TRUE,
                                                         G_CALLBACK (cs_window_open_response_cb));

  if (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (self->open_chooser)))
    return;

  _cs_window_set_chooser_folder (self, GTK_FILE_CHOOSER (self->open_chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_chooser));
}

static void
cs_window_split_response_cb (CsWindow             *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  CsSlidePage *page = _cs_window_get_page (self);

  if (response != GTK_RESPONSE_ACCEPT || page == NULL)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL)
    return;

  _cs_window_set_last_folder (self, file);
  cs_slide_page_open_secondary (page, file);
}

/* Asks for the slide to show beside the selected one. */
void
_cs_window_actions_choose_split (CsWindow *self)
{
  if (_cs_window_get_ready_view (self) == NULL)
    return;

  if (self->split_chooser == NULL)
    self->split_chooser = _cs_window_actions_chooser_new (self, _("Open a Slide to Compare"), FALSE,
                                                          G_CALLBACK (cs_window_split_response_cb));

  if (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (self->split_chooser)))
    return;

  _cs_window_set_chooser_folder (self, GTK_FILE_CHOOSER (self->split_chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->split_chooser));
}

static void
cs_window_actions_close_tab (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  CsSlidePage *page = _cs_window_get_page (self);

  if (page != NULL)
    cs_window_close_page (self, page);
}

static void
cs_window_actions_reload (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  CsSlidePage *page = _cs_window_get_page (CS_WINDOW (widget));

  if (page != NULL)
    cs_slide_page_reload (page);
}

/* win.magnification, win.zoom-fit, win.zoom-1to1: the same "view." action
 * of the active view, with the same parameter. */
static void
cs_window_actions_forward (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  CsSlideView *view = _cs_window_get_ready_view (CS_WINDOW (widget));
  g_autofree char *view_action = NULL;

  if (view == NULL)
    return;

  view_action = g_strconcat ("view.", action_name + strlen ("win."), NULL);
  gtk_widget_activate_action_variant (GTK_WIDGET (view), view_action, param);
}

static gboolean
cs_window_actions_leave_fullscreen (GtkWidget *widget,
                                    GVariant  *args,
                                    gpointer   user_data)
{
  if (!gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    return FALSE;

  gtk_window_unfullscreen (GTK_WINDOW (widget));

  return TRUE;
}

void
_cs_window_class_actions_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, cs_window_actions_open);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL,
                                   cs_window_actions_close_tab);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, cs_window_actions_reload);
  gtk_widget_class_install_action (widget_class, "win.magnification", "d",
                                   cs_window_actions_forward);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL,
                                   cs_window_actions_forward);
  gtk_widget_class_install_action (widget_class, "win.zoom-1to1", NULL,
                                   cs_window_actions_forward);
  gtk_widget_class_install_property_action (widget_class, "win.show-info", "show-info");
  gtk_widget_class_install_property_action (widget_class, "win.privacy-mode", "privacy-mode");
  gtk_widget_class_install_property_action (widget_class, "win.split", "split");
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.show-info", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0,
                                       "win.fullscreen", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0,
                                cs_window_actions_leave_fullscreen, NULL);
}

void
_cs_window_actions_init (CsWindow *self)
{
  _cs_window_actions_update (self);
}

/**
 * _cs_window_actions_update:
 *
 * Enables the actions that make sense for the selected tab: those acting
 * on a slide only once it is open, and one export at a time.
 */
void
_cs_window_actions_update (CsWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_page = _cs_window_get_page (self) != NULL;
  gboolean ready = _cs_window_get_ready_view (self) != NULL;

  gtk_widget_action_set_enabled (widget, "win.close-tab", has_page);
  gtk_widget_action_set_enabled (widget, "win.reload",
                                 has_page && cs_slide_page_get_state (_cs_window_get_page (self)) !=
                                             CS_SLIDE_PAGE_OPENING);
  gtk_widget_action_set_enabled (widget, "win.show-info", ready);
  gtk_widget_action_set_enabled (widget, "win.split", ready);
  gtk_widget_action_set_enabled (widget, "win.magnification", ready);
  gtk_widget_action_set_enabled (widget, "win.zoom-fit", ready);
  gtk_widget_action_set_enabled (widget, "win.zoom-1to1", ready);
  gtk_widget_action_set_enabled (widget, "win.copy-view", ready && !self->exporting);
  gtk_widget_action_set_enabled (widget, "win.export-view", ready && !self->exporting);
  gtk_widget_action_set_enabled (widget, "win.cancel-export", self->exporting);
  gtk_widget_action_set_enabled (widget, "win.deidentify",
                                 ready && self->deidentify_cancellable == NULL);
  _cs_window_live_update (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->magnification_button), ready);
  if (self->list_signals != NULL)
    _cs_window_annotations_update (self);
}

static void
cs_window_actions_destroy_chooser (CsWindow              *self,
                                   GtkFileChooserNative **chooser)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (chooser);

  if (owned == NULL)
    return;

  g_signal_handlers_disconnect_by_data (owned, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (owned));
}

void
_cs_window_actions_dispose (CsWindow *self)
{
  cs_window_actions_destroy_chooser (self, &self->open_chooser);
  cs_window_actions_destroy_chooser (self, &self->split_chooser);
}

void
_cs_window_actions_destroy_chooser (CsWindow              *self,
                                    GtkFileChooserNative **chooser)
{
  cs_window_actions_destroy_chooser (self, chooser);
}
