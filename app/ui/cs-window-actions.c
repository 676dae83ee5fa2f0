/* cs-window-actions.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-actions"

#include "config.h"

#include "cs-window-private.h"

#include <glib/gi18n.h>

/* The window's actions: win.open asks for a file with a native chooser,
 * made once per window and shown again in the folder of the slide shown,
 * and hands the file to cs_window_open (); Ctrl+W closes the window. */

static const char * const slide_suffixes[] = {
  "svs", "tif", "tiff", "ndpi", "vms", "vmu", "scn", "mrxs", "bif",
  "svslide", "dcm", "png", "jpg", "jpeg",
};

static void
cs_window_actions_add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) slides = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  /* Suffixes, unlike patterns, match case-insensitively: scanners often
   * write CMU-1.SVS. */
  gtk_file_filter_set_name (slides, _("Slides and images"));
  for (guint i = 0; i < G_N_ELEMENTS (slide_suffixes); i++)
    gtk_file_filter_add_suffix (slides, slide_suffixes[i]);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  gtk_file_chooser_add_filter (chooser, slides);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, slides);
}

static void
cs_window_actions_set_folder (CsWindow       *self,
                              GtkFileChooser *chooser)
{
  g_autoptr(GFile) folder = NULL;

  if (self->file == NULL)
    return;

  folder = g_file_get_parent (self->file);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
cs_window_open_response_cb (CsWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    cs_window_open (self, file);
}

static void
cs_window_actions_open (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (_("Open Slide"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN,
                                                   _("_Open"),
                                                   _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
      cs_window_actions_add_filters (GTK_FILE_CHOOSER (self->chooser));
      g_signal_connect_object (self->chooser, "response",
                               G_CALLBACK (cs_window_open_response_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (self->chooser)))
    return;

  cs_window_actions_set_folder (self, GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_cs_window_class_actions_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, cs_window_actions_open);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

void
_cs_window_actions_dispose (CsWindow *self)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);

  if (chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
}
