/* cs-tour-editor-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-saved-views.h"
#include "cs-tour-editor.h"

G_BEGIN_DECLS

struct _CsTourEditor
{
  GtkWidget      parent_instance;

  GtkWidget     *card;
  GtkWidget     *box;
  GtkWidget     *tours;
  GtkStringList *tour_names;
  GtkWidget     *name;
  GtkWidget     *stops;
  GtkWidget     *add_view;
  GtkWidget     *error;

  GWeakRef       page;
  char          *tour_id;
  GPtrArray     *tour_ids;
  gboolean       refreshing;
};

/* Changes @views (and @tour, the chosen one; NULL only when no tour is
 * needed); FALSE with @error changes nothing on disk. */
typedef gboolean (*CsTourEdit) (CsTourEditor *self,
                                CsSavedViews *views,
                                CsTour       *tour,
                                gpointer      data,
                                GError      **error);

gboolean   _cs_tour_editor_apply       (CsTourEditor *self,
                                        CsTourEdit    edit,
                                        gpointer      data,
                                        gboolean      need_tour,
                                        gboolean      refresh);
void       _cs_tour_editor_fill_stops  (CsTourEditor       *self,
                                        const CsSavedViews *views,
                                        const CsTour       *tour);
void       _cs_tour_editor_class_stops_init (GtkWidgetClass *widget_class);
GtkWidget *_cs_tour_editor_icon_button (const char *icon,
                                        const char *label,
                                        const char *action,
                                        GVariant   *target);

G_END_DECLS
