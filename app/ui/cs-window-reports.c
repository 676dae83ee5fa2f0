/* cs-window-reports.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-reports"

#include "config.h"

#include "cs-cases.h"
#include "cs-window-private.h"

#include <glib/gi18n.h>

/* The report pane of the window: beside the tabs, following the selected
 * one, shown with win.show-report (F8, remembered in "show-report"). The
 * cases are the application's (cs-cases.c); what could not be read when
 * they were loaded is shown once, in the first window. */

static void
cs_window_reports_show_problems (CsWindow *self)
{
  g_auto(GStrv) problems = cs_cases_take_problems ();
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (problems == NULL)
    return;
  body = g_strjoinv ("\n\n", problems);
  /* Damaged files and opinions changed after signing alike: each line
   * says which. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Some Cases Need Attention"), body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A case could not be written (a full disk, a read-only folder): told in
 * the application's active window, once per cause; the store keeps the
 * changes and tries again. */
static void
on_cases_save_failed_cb (CsWindow     *self,
                         const GError *error,
                         CsCaseStore  *store)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (app != NULL && gtk_application_get_active_window (app) != GTK_WINDOW (self))
    return;
  /* Translators: %s is the cause, naming the file */
  body = g_strdup_printf (_("%s. Consilium keeps the changes and tries again."), error->message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cases Could Not Be Saved"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
cs_window_reports_problems_cb (gpointer data)
{
  cs_window_reports_show_problems (data);
  return G_SOURCE_REMOVE;
}

/* Every view of @page in its annotations' authors' colours, or not, with
 * the comparison's highlights when they are @page's. */
static void
cs_window_reports_color_page (CsWindow    *self,
                              CsSlidePage *page,
                              gboolean     color_by_author)
{
  CsReviewArea *area = cs_slide_page_get_review_area (page);
  CsSlideViewer *viewers[] = { cs_review_area_get_primary (area),
                               cs_review_area_get_secondary (area) };
  GPtrArray *highlights = cs_report_pane_get_highlights (self->report_pane, page);
  /* The pane's case is the shown page's: a teaching case's answers wait
   * for Reveal there. */
  gboolean hide = page == _cs_window_get_page (self) &&
                  cs_report_pane_get_teaching_hides (self->report_pane);
  CsAnnotationList *list = cs_slide_page_get_annotation_list (page);
  CsAnnotationPanel *panel = cs_slide_page_get_annotation_panel (page);

  if (list != NULL)
    cs_annotation_list_set_hide_teaching_answers (list, hide);
  if (panel != NULL)
    cs_annotation_panel_set_hide_teaching_answers (panel, hide);
  if (cs_slide_page_get_info (page) != NULL)
    cs_slide_info_set_teaching_hidden (cs_slide_page_get_info (page), hide);

  for (guint i = 0; i < G_N_ELEMENTS (viewers); i++)
    if (viewers[i] != NULL)
      {
        CsSlideView *view = cs_slide_viewer_get_view (viewers[i]);

        cs_slide_view_set_color_by_author (view, color_by_author);
        cs_slide_view_set_hide_teaching_answers (view, hide);
        /* The comparison is of the primary slide's annotations. */
        cs_slide_view_set_highlights (view, cs_slide_view_get_annotation_list (view) ==
                                            cs_slide_page_get_annotation_list (page)
                                            ? highlights : NULL);
      }
}

static void
cs_window_reports_color_pages (CsWindow *self)
{
  gboolean color;

  g_object_get (self->report_pane, "color-by-author", &color, NULL);
  for (guint i = 0; i < cs_window_get_n_pages (self); i++)
    cs_window_reports_color_page (self, cs_window_get_nth_page (self, i), color);
}

static void
on_color_by_author_cb (CsWindow     *self,
                       GParamSpec   *pspec,
                       CsReportPane *pane)
{
  cs_window_reports_color_pages (self);
}

static void
on_highlights_changed_cb (CsWindow     *self,
                          CsReportPane *pane)
{
  cs_window_reports_color_pages (self);
}

void
_cs_window_reports_follow (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);
  gboolean color;

  if (self->report_pane != NULL && page != NULL)
    {
      g_object_get (self->report_pane, "color-by-author", &color, NULL);
      cs_window_reports_color_page (self, page, color);
    }
  /* Not once the window is disposed: its tabs go after the pane. */
  if (self->report_pane != NULL)
    cs_report_pane_set_page (self->report_pane, _cs_window_get_page (self));
}

void
_cs_window_reports_flush (CsWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* Told by "save-failed", and tried again by the store. */
  if (!cs_case_store_flush (cs_cases_get_default (), &error))
    g_debug ("Cases could not be saved: %s", error->message);
}

static void
on_show_report_change_state_cb (GSimpleAction *action,
                                GVariant      *state,
                                CsWindow      *self)
{
  gtk_revealer_set_reveal_child (self->report_revealer, g_variant_get_boolean (state));
}

static void
on_reveal_child_cb (CsWindow    *self,
                    GParamSpec  *pspec,
                    GtkRevealer *revealer)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-report");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (gtk_revealer_get_reveal_child (revealer)));
}

/* win.show-report: a stateful action following the revealer (a
 * GPropertyAction would hold the revealer, and with it the tabs, past the
 * window's end). */
/* F8 in the capture phase: a class binding would be seen only after the
 * focused widget's ancestors, and GtkPaned (the split of the review area)
 * takes F8 for itself ("cycle-handle-focus"). */
static void
cs_window_reports_add_shortcut (CsWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F8, 0),
                                            gtk_named_action_new ("win.show-report"));

  gtk_event_controller_set_name (controller, "report-shortcut");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_cs_window_reports_init (CsWindow *self)
{
  g_autoptr(GSimpleAction) show = g_simple_action_new_stateful ("show-report", NULL,
                                                               g_variant_new_boolean (FALSE));

  cs_report_pane_set_store (self->report_pane, cs_cases_get_default ());
  g_signal_connect_object (cs_cases_get_default (), "save-failed",
                           G_CALLBACK (on_cases_save_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (show, "change-state", G_CALLBACK (on_show_report_change_state_cb),
                           self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show));
  g_signal_connect_object (self->report_pane, "notify::color-by-author",
                           G_CALLBACK (on_color_by_author_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->report_pane, "notify::teaching",
                           G_CALLBACK (on_color_by_author_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->report_pane, "highlights-changed",
                           G_CALLBACK (on_highlights_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->report_revealer, "notify::reveal-child",
                           G_CALLBACK (on_reveal_child_cb), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "show-report", self->report_revealer, "reveal-child",
                     G_SETTINGS_BIND_DEFAULT);
  on_reveal_child_cb (self, NULL, self->report_revealer);
  cs_window_reports_add_shortcut (self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, cs_window_reports_problems_cb,
                   g_object_ref (self), g_object_unref);
}

void
_cs_window_class_reports_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CS_TYPE_REPORT_PANE);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, report_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, report_pane);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, report_button);
}
