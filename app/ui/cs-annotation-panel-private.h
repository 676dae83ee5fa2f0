/* cs-annotation-panel-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-annotation-panel.h"
#include "cs-settings.h"

#include <string.h>

G_BEGIN_DECLS

struct _CsAnnotationPanel
{
  GtkWidget           parent_instance;

  /* Template Widgets */
  GtkLabel           *count_label;
  GtkLabel           *points_label;
  GtkMenuButton      *trash_button;
  GtkStack           *trash_stack;
  GtkListView        *trash_view;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *class_dropdown;
  GtkDropDown        *author_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkStack           *content_stack;
  GtkSpinner         *waiting_spinner;
  GtkLabel           *empty_label;
  GtkListView        *list_view;
  GtkRevealer        *edit_revealer;
  GtkLabel           *edit_title;
  GtkToggleButton    *answer_button;  /* a teaching case's answer */
  GtkToggleButton    *hide_button;
  GtkToggleButton    *lock_button;
  GtkEntry           *name_entry;
  GtkDropDown        *edit_class_dropdown;
  GtkLabel           *comment_label;
  GtkTextView        *comment_view;

  /* Owned References */
  CsAnnotationEditor *editor;
  CsAnnotationList   *list;
  CsClassTable       *classes;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkMultiSelection  *selection;
  GtkNoSelection     *trash_selection;
  GHashTable         *areas;          /* CsAnnotation * → double *, for sorting */
  GPtrArray          *edit_classes;   /* class names of the edit drop-down, "" unclassified */
  char               *search;         /* casefolded, or NULL */
  char               *class_filter;   /* "" for unclassified, NULL for all */
  gboolean            hide_teaching_answers;  /* a teaching case not revealed */
  char               *author_filter;
  char               *editing_id;     /* the single selected annotation's */
  GPtrArray          *used_classes;   /* class names the annotations use, last scan */
  GPtrArray          *authors;        /* their authors, sorted */
  char               *count_text;
  char               *points_text;

  CsCalibration       calibration;
  CsAnnotationSort    sort;
  guint               refresh_source;
  guint               updating;       /* drop-downs set by code, not the user */
  guint               syncing : 1;    /* selection copied between list and editor */
  guint               has_unclassified : 1;
};

GPtrArray *_cs_annotation_panel_collect_classes (CsAnnotationPanel      *self,
                                                 gboolean                with_unclassified);
void       _cs_annotation_panel_update_edit     (CsAnnotationPanel      *self);
void       _cs_annotation_panel_commit_pending  (CsAnnotationPanel      *self);
void       _cs_annotation_panel_bind_trash      (CsAnnotationPanel      *self);
void       _cs_annotation_panel_class_edit_init (CsAnnotationPanelClass *klass);
void       _cs_annotation_panel_edit_init       (CsAnnotationPanel      *self);
void       _cs_annotation_panel_edit_dispose    (CsAnnotationPanel      *self);

G_END_DECLS
