/* cs-report-layout.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-annotation-list.h"
#include "cs-class-table.h"
#include "cs-report.h"
#include "cs-slide.h"

G_BEGIN_DECLS

typedef enum
{
  CS_PAPER_A4,
  CS_PAPER_LETTER,
} CsPaper;

/**
 * CsReportLayout:
 *
 * The printed form of an opinion, page by page, drawn with cairo and
 * pango: one layout serves the PDF export and GtkPrintOperation. Header
 * (case, referring site, consultant, dates, status, content hash), the
 * question and referring diagnosis, the opinion's fields, each cited
 * region as a figure rendered from its slide with the annotation outline
 * and a burned-in scale bar, an overview of each slide with numbered
 * markers, the addenda, page numbers and the signature block.
 *
 * Slides and annotation lists are looked up by the report's slide_id.
 */
#define CS_TYPE_REPORT_LAYOUT (cs_report_layout_get_type ())

G_DECLARE_FINAL_TYPE (CsReportLayout, cs_report_layout, CS, REPORT_LAYOUT, GObject)

CsReportLayout *cs_report_layout_new          (CsReport         *report);
void            cs_report_layout_add_slide    (CsReportLayout   *self,
                                               const char       *slide_id,
                                               CsSlide          *slide,
                                               CsAnnotationList *annotations);
void            cs_report_layout_set_classes  (CsReportLayout   *self,
                                               CsClassTable     *classes);
void            cs_report_layout_set_paper    (CsReportLayout   *self,
                                               CsPaper           paper);
/* Magnification of the figures, as a microscope objective (10 = 10×);
 * 0 fits each region to the figure's width. */
void            cs_report_layout_set_figure_magnification (CsReportLayout *self,
                                                           double          magnification);
/* Page size in points (1/72 in). */
void            cs_report_layout_get_page_size (CsReportLayout  *self,
                                                double          *width,
                                                double          *height);
/* Lays out the pages for @cr's font options; returns the number of pages.
 * Figures are rendered here (in strips, never the whole slide at once). */
guint           cs_report_layout_paginate     (CsReportLayout   *self,
                                               cairo_t          *cr,
                                               GError          **error);
void            cs_report_layout_draw_page    (CsReportLayout   *self,
                                               cairo_t          *cr,
                                               guint             page);
gboolean        cs_report_layout_write_pdf    (CsReportLayout   *self,
                                               const char       *path,
                                               GError          **error);

G_END_DECLS
