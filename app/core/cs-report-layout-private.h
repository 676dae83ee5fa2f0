/* cs-report-layout-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "cs-report-layout.h"

G_BEGIN_DECLS

/* What pagination places on the pages, drawn by draw_page in order. All
 * positions in points from the page's top-left corner. */
typedef enum
{
  CS_LAYOUT_ITEM_LINE,    /* one line of @layout, @y its baseline */
  CS_LAYOUT_ITEM_IMAGE,   /* @surface scaled into the box */
  CS_LAYOUT_ITEM_FILL,    /* a box filled with @rgb */
  CS_LAYOUT_ITEM_FRAME,   /* a box outlined with @rgb */
  CS_LAYOUT_ITEM_MARKER,  /* a figure's place on an overview, numbered @text */
} CsLayoutItemKind;

typedef struct
{
  CsLayoutItemKind  kind;
  guint             page;
  double            x;
  double            y;
  double            width;
  double            height;
  PangoLayout      *layout;
  int               line;
  cairo_surface_t  *surface;
  guint32           rgb;
  char             *text;
} CsLayoutItem;

typedef struct
{
  CsSlide          *slide;
  CsAnnotationList *annotations;
} CsLayoutSlide;

struct _CsReportLayout
{
  GObject         parent_instance;

  CsReport       *report;
  GHashTable     *slides;          /* slide_id → CsLayoutSlide */
  CsClassTable   *classes;
  CsPaper         paper;
  double          magnification;

  /* Built by paginate. */
  PangoContext   *context;
  GPtrArray      *items;           /* CsLayoutItem */
  GArray         *figures;         /* CsReportFigure */
  guint           n_pages;
  double          y;               /* the cursor on the last page */
};

/* Page geometry, in points. */
#define CS_LAYOUT_MARGIN        (18.0 * 72.0 / 25.4)
#define CS_LAYOUT_FOOTER        (12.0 * 72.0 / 25.4)
#define CS_LAYOUT_PARAGRAPH     6.0

double   _cs_report_layout_content_width  (CsReportLayout *self);
double   _cs_report_layout_bottom         (CsReportLayout *self);
CsLayoutItem *_cs_report_layout_add_item  (CsReportLayout  *self,
                                           CsLayoutItemKind kind,
                                           double           x,
                                           double           y,
                                           double           width,
                                           double           height);
/* Starts a new page unless @height fits below the cursor. */
void     _cs_report_layout_need           (CsReportLayout *self,
                                           double          height);
void     _cs_report_layout_new_page       (CsReportLayout *self);
/* A layout of @markup at the content width (or @width when > 0). */
PangoLayout *_cs_report_layout_markup     (CsReportLayout *self,
                                           const char     *markup,
                                           double          width);
/* Places @layout's lines at @x from the cursor on, breaking pages between
 * lines; the cursor moves below it. */
void     _cs_report_layout_flow           (CsReportLayout *self,
                                           PangoLayout    *layout,
                                           double          x);
/* Places @layout whole at (@x, @y) on the current page. */
void     _cs_report_layout_place          (CsReportLayout *self,
                                           PangoLayout    *layout,
                                           double          x,
                                           double          y);
double   _cs_report_layout_height         (PangoLayout    *layout);

/* cs-report-layout-sections.c: the text of the report. */
/* cs-report-layout-text.c: stored values as printed words. */
char       *_cs_report_layout_format_time      (const char *iso);
const char *_cs_report_layout_priority_label   (const char *priority);
const char *_cs_report_layout_certainty_label  (const char *certainty);
char       *_cs_report_layout_diagnosis_markup (const char *certainty,
                                                const char *text);

void     _cs_report_layout_add_sections   (CsReportLayout *self);
void     _cs_report_layout_add_signature  (CsReportLayout *self);
void     _cs_report_layout_add_heading    (CsReportLayout *self,
                                           const char     *text);
void     _cs_report_layout_add_heading_keep (CsReportLayout *self,
                                             const char     *text,
                                             double          keep);
void     _cs_report_layout_add_paragraph  (CsReportLayout *self,
                                           const char     *text);

/* cs-report-layout-figures.c: the cited regions and slide overviews. */
/* @markup with zero-width spaces in long runs without a break, for pango. */
char    *_cs_report_layout_break_runs     (const char     *markup);
/* The numbers of the figures whose cited geometry changed after signing
 * ("1, 3"), or NULL when none did. */
char    *_cs_report_layout_changed_figures (CsReportLayout *self);
gboolean _cs_report_layout_add_figures    (CsReportLayout *self,
                                           GError        **error);

G_END_DECLS
