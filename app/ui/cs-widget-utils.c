/* cs-widget-utils.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-widget-utils"

#include "config.h"

#include "cs-widget-utils.h"

/* For a widget built in code that shows no text of its own (an icon-only
 * button, a switch in a row): @text as its tooltip, for the eye, and as
 * its accessible label, for a screen reader. In a .ui file the same is
 * the tooltip-text property and <accessibility><property name="label">
 * (test-accessibility checks both). */
void
cs_widget_set_tooltip_label (GtkWidget  *widget,
                             const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_tooltip_text (widget, text);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}
