/* cs-deidentify-summary-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-deidentify-summary.h"

G_BEGIN_DECLS

struct _CsDeidentifySummary
{
  GtkWidget            parent_instance;

  /* Template Widgets */
  GtkWidget           *box;
  AdwPreferencesGroup *images_group;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *tags_group;
  AdwPreferencesGroup *verify_group;
  GtkListBox          *images_list;
  GtkListBox          *fields_list;
  GtkListBox          *tags_list;
  GtkListBox          *verify_list;

  /* Owned References */
  CsSlide             *original;
  GStrv                removed_images;
  GHashTable          *previews;         /* image name → cairo_surface_t */
  GCancellable        *cancellable;      /* reading the previews */

  guint                privacy_mode : 1;
};

void          _cs_deidentify_summary_clear_list    (GtkListBox          *list);
AdwActionRow *_cs_deidentify_summary_row_new       (const char          *name,
                                                    const char          *title,
                                                    const char          *subtitle);
void          _cs_deidentify_summary_row_add_state (AdwActionRow        *row,
                                                    gboolean             removed);
void          _cs_deidentify_summary_add_none_row  (GtkListBox          *list,
                                                    const char          *name,
                                                    const char          *title);

/* cs-deidentify-summary-images.c */
void          _cs_deidentify_summary_images_init   (CsDeidentifySummary *self);
void          _cs_deidentify_summary_images_load   (CsDeidentifySummary *self);
void          _cs_deidentify_summary_images_cancel (CsDeidentifySummary *self);
void          _cs_deidentify_summary_images_update (CsDeidentifySummary *self);

G_END_DECLS
