/* cs-window-library.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-library"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-window-private.h"

/* win.library (Ctrl+L): the library of teaching collections, one window
 * per main window, presented again when already open. */

static void
on_open_file_cb (CsWindow *self,
                 GFile    *file)
{
  cs_window_open (self, file);
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_library_destroy_cb (CsWindow *self)
{
  g_object_set_data (G_OBJECT (self), "cs-library-window", NULL);
}

/**
 * cs_window_open_library:
 *
 * Returns: (transfer none): the library window, shown
 */
CsLibraryWindow *
cs_window_open_library (CsWindow *self)
{
  CsLibraryWindow *library;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->settings != NULL, NULL);

  library = g_object_get_data (G_OBJECT (self), "cs-library-window");
  if (library == NULL)
    {
      library = cs_library_window_new (GTK_WINDOW (self), self->settings);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (library), TRUE);
      g_object_set_data (G_OBJECT (self), "cs-library-window", library);
      g_signal_connect_object (library, "open-file", G_CALLBACK (on_open_file_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (library, "destroy", G_CALLBACK (on_library_destroy_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (library));

  return library;
}

static void
cs_window_library_open (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->settings == NULL)
    {
      _cs_window_toast (self, _("The library needs Consilium’s settings schema, which is not installed"));
      return;
    }
  cs_window_open_library (self);
}

void
_cs_window_class_library_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.library", NULL,
                                   cs_window_library_open);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.library", NULL);
}
