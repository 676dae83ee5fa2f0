/* cs-toast.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-toast"

#include "config.h"

#include "cs-toast.h"

#include <glib/gi18n.h>

/* Toasts for work done in the background: a file written (a view, an
 * opinion's PDF, annotations) says so, with a button to open it or show
 * it in the file manager: the application's "open-uri" and
 * "show-in-files" actions (cs-application-actions.c), with the file's URI
 * as target. */

AdwToast *
cs_toast_new_for_file (const char        *text,
                       GFile             *file,
                       CsToastFileAction  action)
{
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  if (action == CS_TOAST_OPEN)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "app.open-uri");
    }
  else
    {
      adw_toast_set_button_label (toast, _("Show in _Files"));
      adw_toast_set_action_name (toast, "app.show-in-files");
    }
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));

  return toast;
}

/* Shows @toast (and takes it) in the toast overlay around @inside, or
 * @inside itself if it is one; drops it when there is none (@inside NULL:
 * a window gone as its worker reports). */
void
cs_toast_show (GtkWidget *inside,
               AdwToast  *toast)
{
  GtkWidget *overlay = inside != NULL ? gtk_widget_get_ancestor (inside, ADW_TYPE_TOAST_OVERLAY)
                                      : NULL;

  if (overlay == NULL)
    {
      g_object_ref_sink (toast);
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}
