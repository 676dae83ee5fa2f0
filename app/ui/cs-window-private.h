/* cs-window-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"
#include "cs-deidentify-dialog.h"
#include "cs-live-controller.h"
#include "cs-report-pane.h"
#include "cs-slide-page.h"
#include "cs-start-page.h"
#include "cs-tour-player.h"
#include "cs-window.h"

G_BEGIN_DECLS

typedef struct _CsWindowLiveJoin CsWindowLiveJoin;

struct _CsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkStack             *main_stack;
  CsStartPage          *start_page;
  AdwTabBar            *tab_bar;
  AdwTabView           *tab_view;
  GtkWidget            *split_button;
  GtkWidget            *info_button;
  GtkWidget            *annotations_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkMenuButton        *magnification_button;
  GtkSpinner           *export_spinner;
  GtkWidget            *export_cancel_button;
  GtkRevealer          *report_revealer;
  CsReportPane         *report_pane;
  GtkWidget            *report_button;

  /* Owned References */
  GSettings            *settings;          /* NULL when no schema is found */
  GSignalGroup         *page_signals;      /* the selected CsSlidePage */
  GSignalGroup         *area_signals;      /* its CsReviewArea */
  GSignalGroup         *view_signals;      /* its active CsSlideView */
  GSignalGroup         *list_signals;      /* its CsAnnotationList */
  GSignalGroup         *editor_signals;    /* its CsAnnotationEditor */
  GtkFileChooserNative *open_chooser;
  GtkFileChooserNative *split_chooser;
  GtkFileChooserNative *save_chooser;
  GtkFileChooserNative *import_chooser;
  GtkFileChooserNative *export_chooser;
  GtkFileChooserNative *package_chooser;
  GCancellable         *import_cancellable;
  GCancellable         *snapshot_cancellable;
  GtkFileChooserNative *deidentify_chooser;
  GCancellable         *deidentify_cancellable; /* while a copy is written */
  GHashTable           *live_controllers;  /* CsSlidePage → CsLiveController */
  CsWindowLiveJoin     *live_join;         /* while the join dialog is open */

  /* Borrowed References (weak pointers) */
  CsDeidentifyDialog   *deidentify_dialog;
  CsSlidePage          *deidentify_page;

  double                export_factor;     /* chosen in the export dialog */
  double                export_magnification;
  guint                 magnification_source;

  guint                 show_info : 1;
  guint                 show_annotations : 1;
  guint                 privacy_mode : 1;
  guint                 exporting : 1;
};

CsSlidePage *_cs_window_get_page               (CsWindow      *self);
CsSlideView *_cs_window_get_ready_view         (CsWindow      *self);
void         _cs_window_toast                  (CsWindow      *self,
                                                const char    *text);
void         _cs_window_set_last_folder        (CsWindow      *self,
                                                GFile         *file);
void         _cs_window_set_chooser_folder     (CsWindow      *self,
                                                GtkFileChooser *chooser);
void         _cs_window_update_split           (CsWindow      *self);

void         _cs_window_class_actions_init     (CsWindowClass *klass);
void         _cs_window_actions_init           (CsWindow      *self);
void         _cs_window_actions_update         (CsWindow      *self);
void         _cs_window_actions_dispose        (CsWindow      *self);
void         _cs_window_actions_choose_split   (CsWindow      *self);

void         _cs_window_class_annotations_init (CsWindowClass *klass);
void         _cs_window_annotations_init       (CsWindow      *self);
void         _cs_window_annotations_update     (CsWindow      *self);
void         _cs_window_annotations_follow     (CsWindow      *self);
void         _cs_window_annotations_flush      (CsWindow      *self);
void         _cs_window_annotations_dispose    (CsWindow      *self);
void         _cs_window_annotations_copy       (CsWindow      *self);
void         _cs_window_class_annotation_files_init (CsWindowClass *klass);
void         _cs_window_annotation_files_dispose    (CsWindow      *self);
GHashTable  *_cs_window_class_colors           (void);
void         _cs_window_add_import_classes     (CsAnnotationImport *import);

void         _cs_window_class_reports_init     (CsWindowClass *klass);
void         _cs_window_reports_init           (CsWindow      *self);
void         _cs_window_reports_follow         (CsWindow      *self);
void         _cs_window_reports_flush          (CsWindow      *self);

void         _cs_window_class_archive_init     (CsWindowClass *klass);
void         _cs_window_class_library_init     (CsWindowClass *klass);
void         _cs_window_class_views_init       (CsWindowClass *klass);
void         _cs_window_class_tour_init        (CsWindowClass *klass);
CsTourPlayer *_cs_window_get_tour_player       (CsWindow      *self);
void          _cs_window_refresh_tour_editor   (CsWindow      *self);
CsSavedViews *_cs_window_load_saved_views      (CsWindow      *self,
                                                const char   **sha256,
                                                GError       **error);
CsSavedViews *_cs_window_toast_saved_views     (CsWindow      *self);
typedef void (*CsViewEdit) (CsSavedViews *views,
                            guint         index,
                            gpointer      data);
gboolean      _cs_window_edit_view             (CsWindow      *self,
                                                const char    *id,
                                                CsViewEdit     edit,
                                                gpointer       data);
GMenuModel   *_cs_window_views_edit_menu       (const CsSavedView *view);
void          _cs_window_class_views_edit_init (CsWindowClass *klass);
void         _cs_window_views_init             (CsWindow      *self);
char        *_cs_window_save_view              (CsWindow      *self,
                                                const char    *name,
                                                const char    *note,
                                                GError       **error);

void         _cs_window_class_package_init     (CsWindowClass *klass);
void         _cs_window_package_dispose        (CsWindow      *self);

void         _cs_window_class_snapshot_init    (CsWindowClass *klass);
void         _cs_window_snapshot_dispose       (CsWindow      *self);

GtkFileChooserNative *_cs_window_actions_chooser_new (CsWindow   *self,
                                                     const char *title,
                                                     gboolean    multiple,
                                                     GCallback   response_cb);
void         _cs_window_actions_destroy_chooser (CsWindow              *self,
                                                 GtkFileChooserNative **chooser);

void         _cs_window_class_live_init        (CsWindowClass *klass);
void         _cs_window_live_init              (CsWindow      *self);
void         _cs_window_live_update            (CsWindow      *self);
void         _cs_window_live_dispose           (CsWindow      *self);
CsLiveController *_cs_window_live_get          (CsWindow      *self,
                                                CsSlidePage   *page);
void         _cs_window_live_attach            (CsWindow      *self,
                                                CsSlidePage   *page,
                                                CsLiveSession *session);
void         _cs_window_live_page_closed       (CsWindow      *self,
                                                CsSlidePage   *page);
void         _cs_window_live_join_dispose      (CsWindow      *self);

void         _cs_window_class_deidentify_init  (CsWindowClass *klass);
void         _cs_window_deidentify_cancel      (CsWindow      *self);
void         _cs_window_deidentify_page_closed (CsWindow      *self,
                                                CsSlidePage   *page);
void         _cs_window_deidentify_dispose     (CsWindow      *self);

G_END_DECLS
