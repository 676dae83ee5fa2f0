/* cs-annotation-row.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-class-table.h"
#include "cs-measure.h"

G_BEGIN_DECLS

/* One annotation in the panel's list: its colour, name (or "Unnamed
 * polygon"), class, author and measurement, with marks for locked and
 * hidden annotations; the comment in the tooltip. */

#define CS_TYPE_ANNOTATION_ROW (cs_annotation_row_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotationRow, cs_annotation_row, CS, ANNOTATION_ROW, GtkWidget)

GtkWidget    *cs_annotation_row_new            (void);
void          cs_annotation_row_set_annotation (CsAnnotationRow     *self,
                                                CsAnnotation        *annotation,
                                                CsClassTable        *classes,
                                                const CsCalibration *calibration);
CsAnnotation *cs_annotation_row_get_annotation (CsAnnotationRow     *self);
const char   *cs_annotation_row_get_title      (CsAnnotationRow     *self);
const char   *cs_annotation_row_get_subtitle   (CsAnnotationRow     *self);
const char   *cs_annotation_row_get_measurement (CsAnnotationRow    *self);

char         *cs_annotation_dup_display_name   (CsAnnotation        *annotation);
char         *cs_annotation_dup_measurement    (CsAnnotation        *annotation,
                                                const CsCalibration *calibration);

G_END_DECLS
