/* cs-annotation-panel.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-annotation-editor.h"
#include "cs-class-table.h"

G_BEGIN_DECLS

/* The side panel of a slide's annotations: a count, a search entry, class
 * and author filters and a sort order over the list; each row shows the
 * class colour, name, author and measurement. Selecting a row selects the
 * annotation in the editor and asks for it to be shown ("navigate");
 * selecting in the view selects the row. Below the list, the selected
 * annotation's name, class and comment are edited in place (one undo step
 * per committed edit), and its lock and visibility toggled; the class of
 * several selected annotations changes in one step. A popover lists the
 * annotations deleted since the slide was opened, with Restore buttons.
 *
 * Signal: "navigate" (CsAnnotation *annotation): show it in the view. */

typedef enum
{
  CS_ANNOTATION_SORT_LIST,
  CS_ANNOTATION_SORT_NAME,
  CS_ANNOTATION_SORT_CLASS,
  CS_ANNOTATION_SORT_AREA,
  CS_ANNOTATION_SORT_MODIFIED,
} CsAnnotationSort;

#define CS_TYPE_ANNOTATION_PANEL (cs_annotation_panel_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotationPanel, cs_annotation_panel, CS, ANNOTATION_PANEL, GtkWidget)

GtkWidget          *cs_annotation_panel_new              (void);
CsAnnotationEditor *cs_annotation_panel_get_editor       (CsAnnotationPanel   *self);
void                cs_annotation_panel_set_editor       (CsAnnotationPanel   *self,
                                                          CsAnnotationEditor  *editor,
                                                          const CsCalibration *calibration);
CsClassTable       *cs_annotation_panel_get_classes      (CsAnnotationPanel   *self);
void                cs_annotation_panel_set_classes      (CsAnnotationPanel   *self,
                                                          CsClassTable        *classes);
/* The annotations as shown: filtered and sorted. */
GListModel         *cs_annotation_panel_get_model        (CsAnnotationPanel   *self);
const char         *cs_annotation_panel_get_count_text   (CsAnnotationPanel   *self);
const char         *cs_annotation_panel_get_points_text  (CsAnnotationPanel   *self);
void                cs_annotation_panel_set_search       (CsAnnotationPanel   *self,
                                                          const char          *text);
/* NULL shows every class / author. */
void                cs_annotation_panel_set_class_filter (CsAnnotationPanel   *self,
                                                          const char          *class_name);
void                cs_annotation_panel_set_author_filter (CsAnnotationPanel  *self,
                                                           const char         *author);
void                cs_annotation_panel_set_sort         (CsAnnotationPanel   *self,
                                                          CsAnnotationSort     sort);
/* Leaves out the annotations marked as a teaching case's answer. */
void                cs_annotation_panel_set_hide_teaching_answers (CsAnnotationPanel *self,
                                                                   gboolean           hide);
/* Selects the next (@step 1) or previous (-1) annotation in the panel's
 * order, wrapping around, and asks for it to be shown. FALSE when empty. */
gboolean            cs_annotation_panel_step             (CsAnnotationPanel   *self,
                                                          int                  step);

G_END_DECLS
