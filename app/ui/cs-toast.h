/* cs-toast.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  CS_TOAST_OPEN,           /* "Open": the file, in its default application */
  CS_TOAST_SHOW_IN_FILES,  /* "Show in Files": its folder, the file selected */
} CsToastFileAction;

AdwToast *cs_toast_new_for_file (const char        *text,
                                 GFile             *file,
                                 CsToastFileAction  action);
void      cs_toast_show         (GtkWidget         *inside,
                                 AdwToast          *toast);

G_END_DECLS
