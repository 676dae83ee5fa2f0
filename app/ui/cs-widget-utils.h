/* cs-widget-utils.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cs_widget_set_tooltip_label (GtkWidget  *widget,
                                  const char *text);

G_END_DECLS
