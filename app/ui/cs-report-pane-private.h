/* cs-report-pane-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-opinion-compare.h"
#include "cs-report-layout.h"
#include "cs-report-pane.h"

G_BEGIN_DECLS

struct _CsReportPane
{
  GtkWidget      parent_instance;

  /* Template Widgets */
  GtkDropDown   *case_dropdown;
  GtkSpinner    *export_spinner;
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkBox        *form_box;
  GtkBox        *compare_box;

  /* Built in code */
  GtkLabel      *case_summary;
  GtkExpander   *case_expander;
  GtkWidget     *case_group;
  GtkWidget     *slide_group;
  GtkDropDown   *opinion_dropdown;
  GtkLabel      *status_label;
  GtkWidget     *opinion_box;       /* the form, hidden without an opinion */
  GtkWidget     *figures_list;
  GtkWidget     *signature_group;
  GtkWidget     *signed_by_row;
  GtkLabel      *hash_label;
  GtkWidget     *history_box;
  GPtrArray     *case_fields;       /* widgets named by their case path */
  GPtrArray     *report_fields;     /* widgets named by their report path */
  GtkWidget     *opinion_heading;   /* "Opinions" and its drop-down's row */
  GtkWidget     *opinion_header;
  /* Teaching mode (cs-report-pane-teaching.c) */
  GtkWidget     *teaching_group;
  GtkWidget     *teaching_question;
  GtkWidget     *teaching_entry;
  GtkWidget     *teaching_choices;
  GtkWidget     *teaching_record;
  GtkWidget     *teaching_reveal;
  GtkWidget     *teaching_result;
  char          *teaching_key;      /* the options the choices show */
  gboolean       teaching_preview;  /* the teacher sees it as a trainee */

  /* Owned References */
  CsCaseStore   *store;
  GPtrArray     *cases;             /* CsCase holding the page's slide */
  CsCase        *kase;
  CsReport      *report;
  GtkFileChooserNative *export_chooser;
  char          *figures_key;       /* what the figure list shows */
  char          *sha256;            /* the page's slide, once known */

  /* The comparison of regions (cs-report-pane-overlap.c) */
  CsOpinionComparison *comparison;  /* the one shown */
  char          *compare_key;       /* list, generation, reference it is for */
  char          *pending_key;       /* the one being computed */
  GCancellable  *compare_cancellable;
  char          *compare_reference; /* chosen in the drop-down; NULL: default */
  CsAnnotationList *compare_list;   /* followed for changes */
  GPtrArray     *highlights;        /* CsAnnotationHighlight, for the views */
  char          *compare_error;

  /* Borrowed References */
  CsSlidePage   *page;

  guint          refresh_source;
  int            expander_state;    /* 0 no opinion, 1 draft, 2 signed */
  guint          updating : 1;
  guint          compare : 1;
  guint          color_by_author : 1;
  guint          color_before_compare : 1;  /* restored when compare ends */
  guint          exporting : 1;      /* a PDF being written */
  guint          filing : 1;         /* an opinion being filed in an archive */
};

void _cs_report_pane_queue_refresh       (CsReportPane *self);
void _cs_report_pane_set_report          (CsReportPane *self,
                                          CsReport     *report);
void _cs_report_pane_set_choices         (GtkDropDown   *dropdown,
                                          GtkStringList *titles,
                                          guint          selected);
void _cs_report_pane_error               (CsReportPane *self,
                                          const char   *heading,
                                          const GError *error);
void _cs_report_pane_build_forms         (CsReportPane *self);
void _cs_report_pane_refresh_forms       (CsReportPane *self);
void _cs_report_pane_build_figures       (CsReportPane *self);
void _cs_report_pane_refresh_figures     (CsReportPane *self);
void _cs_report_pane_cite                (CsReportPane *self);
void _cs_report_pane_build_signature     (CsReportPane *self);
void _cs_report_pane_refresh_signature   (CsReportPane *self);
void _cs_report_pane_finalize_dialog     (CsReportPane *self);
void _cs_report_pane_addendum_dialog     (CsReportPane *self);
void _cs_report_pane_amend_dialog        (CsReportPane *self);
void _cs_report_pane_refresh_compare     (CsReportPane *self);
const char *_cs_report_pane_certainty_label (const char *name);
char *_cs_report_pane_flags_text         (CsReport     *report);
/* The overlap section under the columns; stopping cancels the work and
 * drops the highlights. */
void _cs_report_pane_build_overlap       (CsReportPane *self,
                                          GtkBox       *parent);
void _cs_report_pane_stop_overlap        (CsReportPane *self);
void _cs_report_pane_notify_highlights   (CsReportPane *self);
void _cs_report_pane_update_width        (CsReportPane *self);
void _cs_report_pane_export_json         (CsReportPane *self);
void _cs_report_pane_new_opinion_dialog  (CsReportPane *self);
void _cs_report_pane_dispose_export      (CsReportPane *self);
void _cs_report_pane_export_pdf          (CsReportPane *self);
void _cs_report_pane_print               (CsReportPane *self);
CsPaper         _cs_report_pane_paper      (void);
CsReportLayout *_cs_report_pane_layout_new (CsReportPane *self,
                                            CsPaper       paper);
/* File in Archive… (cs-report-pane-archive.c) */
gboolean _cs_report_pane_can_file          (CsReportPane *self);
char    *_cs_report_pane_file_confirmation (CsReportPane *self);
void     _cs_report_pane_file_in_archive   (CsReportPane *self);
/* Teaching mode: TRUE while the case's diagnosis, opinions and answer
 * annotations are hidden from the local user. */
gboolean _cs_report_pane_teaching_hides  (CsReportPane *self);
gboolean _cs_report_pane_is_teacher      (CsReportPane *self);
void _cs_report_pane_set_teaching        (CsReportPane *self,
                                          gboolean      teaching);
void _cs_report_pane_build_teaching      (CsReportPane *self,
                                          GtkWidget    *after);
void _cs_report_pane_refresh_teaching    (CsReportPane *self);
void _cs_report_pane_teaching_question_dialog (CsReportPane *self);
void _cs_report_pane_send_case           (GtkWidget    *widget,
                                          const char   *action_name,
                                          GVariant     *param);

G_END_DECLS
