/* cs-window-archive.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-archive"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-archive-browse-dialog.h"
#include "cs-window-private.h"

/* win.open-archive (Ctrl+Shift+O): the "Open from Archive…" dialog; the
 * series chosen there opens in a tab by its "dicomweb:" URL, as any slide
 * named on the command line. */

static void
on_open_url_cb (CsWindow   *self,
                const char *url)
{
  g_autoptr(GFile) file = g_file_new_for_uri (url);

  cs_window_open (self, file);
}

/**
 * cs_window_open_archive:
 *
 * Returns: (transfer none): the dialog, shown
 */
CsArchiveBrowseDialog *
cs_window_open_archive (CsWindow *self)
{
  CsArchiveBrowseDialog *dialog;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->settings != NULL, NULL);

  dialog = cs_archive_browse_dialog_new (GTK_WINDOW (self), self->settings);
  g_signal_connect_object (dialog, "open-url", G_CALLBACK (on_open_url_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
cs_window_archive_open (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->settings == NULL)
    {
      _cs_window_toast (self, _("Slide archives need Consilium’s settings schema, which is not installed"));
      return;
    }
  cs_window_open_archive (self);
}

void
_cs_window_class_archive_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open-archive", NULL,
                                   cs_window_archive_open);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.open-archive", NULL);
}
