/* cs-test-package-ui.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-package-export-dialog.h"
#include "cs-package-import-dialog.h"
#include "cs-report-pane.h"
#include "cs-test-annotation-ui.h"

G_BEGIN_DECLS

/* Helpers for the consult package dialogs' tests (test-window-package,
 * test-window-package-import): widgets found by name, the dialogs' pages
 * waited for, a case made from the shared slide in the report pane.
 * Header-only. */

#define SLIDE_NAME  "CMU-1-Small-Region.svs"
#define SENDER      "Dr Ada Lovelace"
#define CONSULTANT  "Dr Grace Hopper"
#define PASSPHRASE  "correct horse battery staple"
#define PASSPHRASE2 "a passphrase told on the phone"

static inline GtkWidget *
cs_test_pkg_field (gpointer    widget,
                   const char *name)
{
  GtkWidget *found = cs_test_window_find_named (GTK_WIDGET (widget), name);

  if (found == NULL)
    g_error ("no widget named %s", name);
  return found;
}

static inline void
cs_test_pkg_type_into (gpointer    widget,
                       const char *name,
                       const char *text)
{
  GtkWidget *found = cs_test_pkg_field (widget, name);

  if (GTK_IS_TEXT_VIEW (found))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (found)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (found), text);
}

static inline void
cs_test_pkg_settle (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* A screenshot (cs_test_window_save_screenshot) of @dialog's visible
 * page scrolled to @target (NULL: the end). */
static inline void
cs_test_pkg_screenshot_at (gpointer    dialog,
                           GType       type,
                           GtkWidget  *target,
                           const char *name)
{
  GtkStack *stack = cs_test_window_child (dialog, type, "stack");
  GtkWidget *page = gtk_stack_get_visible_child (stack);
  GtkAdjustment *adjustment;
  graphene_point_t at = GRAPHENE_POINT_INIT (0, G_MAXFLOAT);

  if (g_getenv ("CS_SCREENSHOT_DIR") == NULL || !GTK_IS_SCROLLED_WINDOW (page))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  if (target != NULL)
    g_assert_true (gtk_widget_compute_point (target, page, &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (adjustment, at.y - 90);
  cs_test_window_save_screenshot (dialog, name);
  gtk_adjustment_set_value (adjustment, 0);
}

static inline gpointer
cs_test_pkg_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static inline gboolean
cs_test_pkg_toplevel_shown (gpointer data)
{
  return cs_test_pkg_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static inline gpointer
cs_test_pkg_wait_toplevel (GType type)
{
  g_assert_true (cs_test_wait_until (cs_test_pkg_toplevel_shown, GSIZE_TO_POINTER (type),
                                     CS_TEST_UI_TIMEOUT_MS));
  return cs_test_pkg_find_toplevel (type);
}

/* Every step passes by "progress" at once, and ends elsewhere. */
static inline gboolean
cs_test_pkg_page_settled (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (data), "progress") != 0;
}

/* Waits for @dialog's step to end, on @page, failing with the error
 * page's text. */
static inline void
cs_test_pkg_wait_page (gpointer    dialog,
                       GType       type,
                       const char *page)
{
  GtkStack *stack = cs_test_window_child (dialog, type, "stack");
  AdwStatusPage *error_page = cs_test_window_child (dialog, type, "error_page");

  g_assert_true (cs_test_wait_until (cs_test_pkg_page_settled, stack, 120000));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), page) != 0)
    g_error ("on %s, not %s: %s: %s", gtk_stack_get_visible_child_name (stack), page,
             adw_status_page_get_title (error_page), adw_status_page_get_description (error_page));
}

static inline CsReportPane *
cs_test_pkg_show_report (CsWindow *window)
{
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-report",
                                      g_variant_new_boolean (TRUE));
  return cs_test_window_child (window, CS_TYPE_WINDOW, "report_pane");
}

/* The shared slide open, with a new case from it asking a question. */
static inline CsSlidePage *
cs_test_pkg_open_case (CsWindow      *window,
                       const char    *slide,
                       CsReportPane **pane)
{
  CsSlidePage *page = cs_test_annotations_open_empty (window, slide);

  *pane = cs_test_pkg_show_report (window);
  cs_test_pkg_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (*pane), "report.new-case", NULL));
  g_assert_nonnull (cs_report_pane_get_case (*pane));
  cs_test_pkg_settle ();
  cs_test_pkg_type_into (*pane, "case.consult_accession", "CONS-26-00321");
  cs_test_pkg_type_into (*pane, "case.referring_accession", "S26-4567");
  cs_test_pkg_type_into (*pane, "requesting.institution", "Royal Infirmary");
  cs_test_pkg_type_into (*pane, "requesting.pathologist.name", SENDER);
  cs_test_pkg_type_into (*pane, "clinical_history", "62-year-old woman, 18 mm mass.");
  cs_test_pkg_type_into (*pane, "question", "Grade, and is there lymphovascular invasion?");
  return page;
}

/* The case of the open slide, with an annotation by the sender; NULL
 * (skipped) without a display or the shared slides. */
static inline CsSlidePage *
cs_test_pkg_start (CsAnnotationFixture  *fixture,
                   CsReportPane        **pane)
{
  g_autofree char *slide = cs_test_shared_slide (SLIDE_NAME);
  CsSlidePage *page;

  if (!cs_test_ui_have_display)
    {
      g_test_skip ("no display");
      return NULL;
    }
  if (slide == NULL)
    {
      g_test_skip ("the shared slides (CS_SHARED_DIR) are absent");
      return NULL;
    }
  page = cs_test_pkg_open_case (fixture->window, slide, pane);
  cs_test_annotations_add (page, cs_test_annotations_rectangle (600, 700, 160, 120, "Emboli",
                                                                "Tumor", SENDER));
  return page;
}

/* @dialog as it is, nothing in it needing more than a narrow window's
 * width; with CS_SCREENSHOT_DIR set, saved at that width as @name. */
#define CS_TEST_PKG_NARROW 360

/* Asked again until it is so: a window just shown takes the size the
 * display gives it first. */
static inline gboolean
cs_test_pkg_is_narrow (gpointer dialog)
{
  int width, height;

  if (gtk_widget_get_width (dialog) <= CS_TEST_PKG_NARROW)
    return TRUE;
  /* GTK 4.6 fills both. */
  gtk_window_get_default_size (GTK_WINDOW (dialog), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (dialog), CS_TEST_PKG_NARROW, height);
  return FALSE;
}

/* @dialog's page as it is, nothing in it needing more than a narrow
 * window's width; with CS_SCREENSHOT_DIR set, saved at that width as
 * @name, scrolled to @target (nullable: as it is; a GType of 0 with
 * it). */
/* Back to @data's width (the window's default width, given). */
static inline gboolean
cs_test_pkg_is_restored (gpointer data)
{
  gpointer *args = data;
  int width, height;

  if (gtk_widget_get_width (args[0]) > CS_TEST_PKG_NARROW)
    return TRUE;
  gtk_window_get_default_size (GTK_WINDOW (args[0]), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (args[0]), GPOINTER_TO_INT (args[1]), height);
  return FALSE;
}

static inline void
cs_test_pkg_narrow_at (gpointer    dialog,
                       GType       type,
                       GtkWidget  *target,
                       const char *name)
{
  int minimum = 0;
  int width, height;

  gtk_widget_measure (dialog, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s: at least %d px wide", name, minimum);
  g_assert_cmpint (minimum, <=, CS_TEST_PKG_NARROW);
  if (g_getenv ("CS_SCREENSHOT_DIR") == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (dialog), &width, &height);
  g_assert_true (cs_test_wait_until (cs_test_pkg_is_narrow, dialog, CS_TEST_UI_TIMEOUT_MS));
  if (target != NULL)
    cs_test_pkg_screenshot_at (dialog, type, target, name);
  else
    cs_test_window_save_screenshot (dialog, name);
  gtk_window_set_default_size (GTK_WINDOW (dialog), width, height);
  g_assert_true (cs_test_wait_until (cs_test_pkg_is_restored,
                                     (gpointer []) { dialog, GINT_TO_POINTER (width) },
                                     CS_TEST_UI_TIMEOUT_MS));
}

static inline void
cs_test_pkg_narrow (gpointer    dialog,
                    const char *name)
{
  cs_test_pkg_narrow_at (dialog, 0, NULL, name);
}

static inline gboolean
cs_test_pkg_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

G_END_DECLS
