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
/* Magnification of the figures, as a microscope objective (10 = 10×):
 * each figure is the field that fills its box at that magnification,
 * centred on the cited region. 0 (the default) fits each region, with a
 * margin, to the figure's box. */
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

/**
 * CsReportFigure:
 * @slide_id: the slide it is rendered from
 * @x: level-0 x of the image's top-left pixel
 * @y: level-0 y of the image's top-left pixel
 * @zoom: image pixels per level-0 pixel
 * @width: the embedded image's width in pixels
 * @height: the embedded image's height in pixels
 * @ui_scale: line widths and text size of the outline and scale bar
 * @bar_x, @bar_y, @bar_width, @bar_height: the burned-in scale bar, in
 *   image pixels (0 wide when the slide has no calibration)
 * @page: the page it is printed on, from 0
 * @geometry_changed: the report is signed and the cited annotation's
 *   geometry no longer matches its geometry_sha256: the figure is marked
 *   "Region changed after signing"
 *
 * One cited region as paginate placed it: what a caller needs to render
 * the same pixels (cs_render_region and cs_annotation_render) to check it.
 */
typedef struct
{
  const char *slide_id;
  double      x;
  double      y;
  double      zoom;
  int         width;
  int         height;
  double      ui_scale;
  double      bar_x;
  double      bar_y;
  double      bar_width;
  double      bar_height;
  guint       page;
  gboolean    geometry_changed;
} CsReportFigure;

/* The slide_id under which @report's materials.slides lists a slide: the
 * entry with @sha256, else the one with @file_name (a base name); NULL
 * when neither is listed. */
const char           *cs_report_layout_match_slide   (CsReport       *report,
                                                      const char     *sha256,
                                                      const char     *file_name);

/* After paginate: one figure per cited region, in order (figure 1 is
 * index 0); @width is 0 when its slide or annotation was not given. */
guint                 cs_report_layout_get_n_figures (CsReportLayout *self);
const CsReportFigure *cs_report_layout_get_figure    (CsReportLayout *self,
                                                      guint           index);

G_END_DECLS
