/* cs-slide-info-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-slide-info.h"

G_BEGIN_DECLS

struct _CsSlideInfo
{
  GtkWidget           parent_instance;

  /* Template Widgets */
  GtkWidget          *scroller;
  GtkLabel           *file_label;
  GtkLabel           *vendor_label;
  GtkLabel           *dimensions_label;
  GtkLabel           *mpp_label;
  GtkLabel           *objective_label;
  GtkLabel           *quickhash_label;
  GtkLabel           *color_profile_label;
  GtkLabel           *identity_label;
  GtkSpinner         *identity_spinner;
  GtkGrid            *levels_grid;
  GtkFlowBox         *associated_box;
  GtkLabel           *associated_none_label;
  GtkSwitch          *privacy_switch;
  GtkButton          *copy_all_button;
  GtkSearchEntry     *search_entry;
  GtkListBox         *properties_list;

  /* Owned References */
  CsSlide            *slide;
  GListStore         *properties;      /* of CsSlideProperty */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  char               *search_folded;   /* NULL: no search */
  GCancellable       *identity_cancellable;
  GCancellable       *images_cancellable;
  GHashTable         *images;          /* name → cairo_surface_t, once read */
  GPtrArray          *image_windows;   /* full-size windows open */

  guint               privacy_mode : 1;
  guint               teaching_hidden : 1;  /* a teaching case not revealed */
};

void _cs_slide_info_images_init    (CsSlideInfo *self);
void _cs_slide_info_images_dispose (CsSlideInfo *self);
void _cs_slide_info_images_load    (CsSlideInfo *self);
void _cs_slide_info_images_update  (CsSlideInfo *self);

G_END_DECLS
