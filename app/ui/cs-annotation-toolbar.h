/* cs-annotation-toolbar.h
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

/* The annotation tools over a slide: one toggle per tool (with its key in
 * the tooltip), the class given to new annotations, and the options of
 * the chosen tool (the brush's size, temporary rulers). It follows and
 * sets the editor's tool.
 *
 * Properties: "editor" (CsAnnotationEditor), "class-table" (CsClassTable),
 * both nullable; "show-labels" (bool): the labels toggle. */

#define CS_TYPE_ANNOTATION_TOOLBAR (cs_annotation_toolbar_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotationToolbar, cs_annotation_toolbar, CS, ANNOTATION_TOOLBAR, GtkWidget)

GtkWidget          *cs_annotation_toolbar_new             (void);
CsAnnotationEditor *cs_annotation_toolbar_get_editor      (CsAnnotationToolbar *self);
void                cs_annotation_toolbar_set_editor      (CsAnnotationToolbar *self,
                                                           CsAnnotationEditor  *editor);
CsClassTable       *cs_annotation_toolbar_get_class_table (CsAnnotationToolbar *self);
void                cs_annotation_toolbar_set_class_table (CsAnnotationToolbar *self,
                                                           CsClassTable        *classes);

G_END_DECLS
