/* cs-window.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-slide.h"

G_BEGIN_DECLS

#define CS_TYPE_WINDOW (cs_window_get_type ())

G_DECLARE_FINAL_TYPE (CsWindow, cs_window, CS, WINDOW, AdwApplicationWindow)

CsWindow *cs_window_new       (GtkApplication *application);
void      cs_window_open      (CsWindow       *self,
                               GFile          *file);
CsSlide  *cs_window_get_slide (CsWindow       *self);

G_END_DECLS
