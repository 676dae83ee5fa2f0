/* cs-slide-page.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-annotation-editor.h"
#include "cs-annotation-panel.h"
#include "cs-review-area.h"
#include "cs-slide-info.h"

G_BEGIN_DECLS

/* The content of one tab: a spinner while its slide opens and until the
 * first pixels are drawn, then the review area with the information panel
 * beside it, or an error page naming the file and the cause.
 *
 * Properties: "file" (GFile, construct-only), "slide" (CsSlide, read-only,
 * set once open), "state" (CsSlidePageState, read-only), "loading" (bool,
 * read-only: opening or waiting for the first frame), "title" and "tooltip"
 * (read-only strings for the tab), "show-info", "show-annotations" and
 * "privacy-mode" (bool), "annotation-editor" (CsAnnotationEditor,
 * read-only: NULL until the slide's annotations are read, see
 * cs-slide-page-annotations.c).
 * Signals: "message" (const char *text): something the user should be told
 * in a toast, such as a tile that failed to read; "alert" (const char
 * *heading, const char *text): something the user must not miss, such as
 * saved annotations found damaged. */

typedef enum
{
  CS_SLIDE_PAGE_OPENING,
  CS_SLIDE_PAGE_READY,
  CS_SLIDE_PAGE_FAILED,
} CsSlidePageState;

#define CS_TYPE_SLIDE_PAGE_STATE (cs_slide_page_state_get_type ())
GType cs_slide_page_state_get_type (void) G_GNUC_CONST;

#define CS_TYPE_SLIDE_PAGE (cs_slide_page_get_type ())

G_DECLARE_FINAL_TYPE (CsSlidePage, cs_slide_page, CS, SLIDE_PAGE, GtkWidget)

CsSlidePage      *cs_slide_page_new                  (GFile        *file);
GFile            *cs_slide_page_get_file             (CsSlidePage  *self);
CsSlide          *cs_slide_page_get_slide            (CsSlidePage  *self);
CsSlidePageState  cs_slide_page_get_state            (CsSlidePage  *self);
gboolean          cs_slide_page_get_loading          (CsSlidePage  *self);
const char       *cs_slide_page_get_title            (CsSlidePage  *self);
const char       *cs_slide_page_get_tooltip          (CsSlidePage  *self);
const GError     *cs_slide_page_get_error            (CsSlidePage  *self);
CsReviewArea     *cs_slide_page_get_review_area      (CsSlidePage  *self);
CsSlideInfo      *cs_slide_page_get_info             (CsSlidePage  *self);
CsSlideView      *cs_slide_page_get_active_view      (CsSlidePage  *self);
gboolean          cs_slide_page_get_show_info        (CsSlidePage  *self);
void              cs_slide_page_set_show_info        (CsSlidePage  *self,
                                                      gboolean      show_info);
void              cs_slide_page_open_secondary       (CsSlidePage  *self,
                                                      GFile        *file);
void              cs_slide_page_close_secondary      (CsSlidePage  *self);
gboolean          cs_slide_page_get_opening_secondary (CsSlidePage *self);

gboolean            cs_slide_page_get_show_annotations (CsSlidePage  *self);
void                cs_slide_page_set_show_annotations (CsSlidePage  *self,
                                                        gboolean      show_annotations);
CsAnnotationPanel  *cs_slide_page_get_annotation_panel  (CsSlidePage  *self);
CsAnnotationEditor *cs_slide_page_get_annotation_editor (CsSlidePage  *self);
CsAnnotationList   *cs_slide_page_get_annotation_list   (CsSlidePage  *self);
const char         *cs_slide_page_get_annotation_sha256 (CsSlidePage  *self);
void                cs_slide_page_set_annotation_directory (CsSlidePage *self,
                                                            const char  *directory);
void                cs_slide_page_get_calibration       (CsSlidePage  *self,
                                                         CsCalibration *calibration);
void                cs_slide_page_show_annotation       (CsSlidePage  *self,
                                                         CsAnnotation *annotation);
gboolean            cs_slide_page_flush_annotations     (CsSlidePage  *self,
                                                         GError      **error);

void              cs_slide_page_add_overlay      (CsSlidePage *self,
                                                  GtkWidget   *widget);
void              cs_slide_page_remove_overlay   (CsSlidePage *self,
                                                  GtkWidget   *widget);

void              cs_slide_page_add_top_bar      (CsSlidePage *self,
                                                  GtkWidget   *widget);
void              cs_slide_page_remove_top_bar   (CsSlidePage *self,
                                                  GtkWidget   *widget);

void              cs_slide_page_release          (CsSlidePage *self);
void              cs_slide_page_reload           (CsSlidePage *self);

G_END_DECLS
