/* cs-slide-page-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-annotation-panel.h"
#include "cs-annotation-session.h"
#include "cs-slide-page.h"

G_BEGIN_DECLS

struct _CsSlidePage
{
  GtkWidget            parent_instance;

  /* Template Widgets */
  GtkStack            *stack;
  GtkOverlay          *content_overlay;
  GtkBox              *content_box;
  CsReviewArea        *review_area;
  GtkRevealer         *annotations_revealer;
  CsAnnotationPanel   *annotation_panel;
  GtkRevealer         *info_revealer;
  CsSlideInfo         *info;
  AdwStatusPage       *loading_page;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;

  /* Owned References */
  GFile               *file;
  char                *annotation_directory; /* NULL: the default */
  CsSlide             *slide;
  GError              *error;
  char                *title;
  char                *tooltip;
  GCancellable        *cancellable;            /* the open in flight */
  GCancellable        *secondary_cancellable;  /* the second slide's */
  CsAnnotationSession *annotations;            /* the primary slide's */

  /* Borrowed References */
  CsSlideViewer       *secondary_connected;

  CsSlidePageState     state;
  gint64               last_tile_message;
  guint                loading : 1;
};

void _cs_slide_page_annotations_start      (CsSlidePage      *self);
void _cs_slide_page_annotations_stop       (CsSlidePage      *self);
void _cs_slide_page_class_annotations_init (CsSlidePageClass *klass);
void _cs_slide_page_message                (CsSlidePage      *self,
                                            const char       *text);
void _cs_slide_page_alert                  (CsSlidePage      *self,
                                            const char       *heading,
                                            const char       *text);
void _cs_slide_page_notify_annotations     (CsSlidePage      *self);
void _cs_slide_page_notify_show_annotations (CsSlidePage     *self);

G_END_DECLS
