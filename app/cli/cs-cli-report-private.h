/* cs-cli-report-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n.h>

#include "cs-cli-private.h"
#include "cs-report-layout.h"

G_BEGIN_DECLS

/* The options of report pdf and report send that shape the figures. */
typedef struct
{
  char   **annotation_paths;
  char    *paper_name;
  double   magnification;
} CsCliReportFigures;

void cs_cli_report_figures_clear (CsCliReportFigures *figures);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsCliReportFigures, cs_cli_report_figures_clear)

/* Their entries, to put in a command's option table. */
#define CS_CLI_REPORT_FIGURE_ENTRIES(figures)                                               \
  { "annotations", 'a', 0, G_OPTION_ARG_FILENAME_ARRAY, &(figures)->annotation_paths,        \
    N_("Annotations holding the cited regions (repeat for several)"), N_("FILE") },          \
  { "paper", 'p', 0, G_OPTION_ARG_STRING, &(figures)->paper_name,                            \
    N_("Paper size: a4 or letter (default: a4)"), N_("PAPER") },                             \
  { "magnification", 'm', 0, G_OPTION_ARG_DOUBLE, &(figures)->magnification,                 \
    N_("Magnification of the figures, as an objective: each shows the field around its "     \
       "region at that magnification (default: fit each region)"), N_("M") }

/* cs-cli-report.c: what report pdf and report send share; see there. */
CsReport       *cs_cli_report_load           (const char          *path,
                                              GError             **error);
gboolean        cs_cli_report_figure_options (CsCliReportFigures  *figures,
                                              CsPaper             *paper,
                                              GError             **error);
CsReportLayout *cs_cli_report_layout         (CsReport            *report,
                                              char               **slide_paths,
                                              CsCliReportFigures  *figures,
                                              const char          *optional_slide,
                                              CsPaper              paper,
                                              GError             **error);
void            cs_cli_report_warn_figures   (CsReportLayout      *layout,
                                              CsReport            *report);

CsCase         *cs_cli_report_parse_case     (GOptionContext      *context,
                                              int                  argc,
                                              char               **argv,
                                              const char         **arg_names,
                                              GError             **error);

/* cs-cli-report-teaching.c: report teaching. */
gboolean        cs_cli_report_teaching       (int                  argc,
                                              char               **argv,
                                              GError             **error);

G_END_DECLS
