/* test-window-compare.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-compare"

#include "config.h"

#include "cs-cases.h"
#include "cs-report-pane.h"
#include "cs-test-annotation-ui.h"

#include <string.h>

/* Comparing opinions in the window: a case with two consultants' opinions
 * on the sample slide, the referrer's and one consultant's regions on it;
 * the compare view lists the agreement categories side by side and the
 * regions measured (GEOS), a listed region is shown on the slide when
 * clicked, and the view hatches the consultant-only part and nothing
 * else. With CS_SCREENSHOT_DIR set, the window is saved there as
 * compare.png. Needs a display (Xvfb). */

#define REFERRER   "Dr Rui Referrer"
#define CONSULTANT "Dr Ada Lovelace"

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
label_text (CsReportPane *pane,
            const char   *what)
{
  g_autofree char *name = g_strdup_printf ("overlap.%s.%s", CONSULTANT, what);
  GtkWidget *label = find_named (GTK_WIDGET (pane), name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
pane_compared (gpointer data)
{
  return cs_report_pane_get_comparison (data) != NULL &&
         find_named (data, "overlap." CONSULTANT ".regions") != NULL;
}

static gboolean
one_region (gpointer data)
{
  g_autofree char *name = g_strdup_printf ("overlap.%s.regions", CONSULTANT);
  GtkWidget *label = find_named (data, name);

  return label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), "1") == 0;
}

static CsCase *
make_case (CsSlide *slide)
{
  CsCase *kase = cs_case_new ();
  g_autoptr(GError) error = NULL;
  CsReport *report;

  g_assert_nonnull (cs_case_add_slide (kase, slide, &error));
  g_assert_no_error (error);
  cs_case_set_text (kase, "case.consult_accession", "CONS-26-00777");
  cs_case_set_text (kase, "requesting.pathologist.name", REFERRER);
  report = cs_case_add_opinion (kase, CONSULTANT, "MD", "Institut Pasteur");
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_MAJOR, &error));
  g_assert_true (cs_report_set_agreement_flag (report, "diagnosis_changed", TRUE, &error));
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text",
                                     "Invasive carcinoma of no special type, grade 3", &error));
  g_assert_true (cs_report_set_text (report, "diagnosis.0.certainty", "consistent_with", &error));
  report = cs_case_add_opinion (kase, "Dr Bea Okafor", "MD", "University Hospital");
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_AGREE, &error));
  g_assert_true (cs_report_set_text (report, "diagnosis.0.text",
                                     "Invasive carcinoma of no special type, grade 2", &error));
  g_assert_no_error (error);
  cs_case_store_add (cs_cases_get_default (), kase);
  return kase;
}

/* Pixels of @view that change when the highlights go, in a box of
 * ±8 device pixels around level-0 (@x, @y). */
static guint
count_highlighted (CsSlideView     *view,
                   cairo_surface_t *with,
                   cairo_surface_t *without,
                   double           x,
                   double           y)
{
  CsViewport viewport;
  double sx, sy;
  guint n = 0;

  cs_slide_view_get_viewport (view, &viewport);
  cs_viewport_to_screen (&viewport, x, y, &sx, &sy);
  for (int j = (int) sy - 8; j < (int) sy + 8; j++)
    for (int i = (int) sx - 8; i < (int) sx + 8; i++)
      n += cs_test_ui_pixel (with, i, j) != cs_test_ui_pixel (without, i, j);
  return n;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
check_highlights (CsSlidePage *page,
                  double       cx,
                  double       cy,
                  double       s)
{
  CsSlideView *view = cs_slide_page_get_active_view (page);
  g_autoptr(GPtrArray) highlights = g_ptr_array_ref (cs_slide_view_get_highlights (view));
  cairo_surface_t *with, *without;

  g_assert_cmpuint (highlights->len, ==, 2);
  /* The pane widened for the columns: the view settles at its new size. */
  cs_test_wait_until (never, NULL, 500);
  cs_test_ui_wait_complete (view);
  with = cs_test_ui_render_widget (GTK_WIDGET (view));
  cs_slide_view_set_highlights (view, NULL);
  without = cs_test_ui_render_widget (GTK_WIDGET (view));
  /* Hatched where only the consultant marked; the shared half as drawn
   * before. */
  g_assert_cmpuint (count_highlighted (view, with, without, cx + s / 4, cy), >, 30);
  g_assert_cmpuint (count_highlighted (view, with, without, cx - s / 4, cy), ==, 0);
  cs_slide_view_set_highlights (view, highlights);
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

static void
save_screenshot (CsWindow     *window,
                 CsReportPane *pane)
{
  const char *dir = g_getenv ("CS_SCREENSHOT_DIR");
  GtkScrolledWindow *scrolled;
  GtkWidget *overlap;
  graphene_point_t at;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;

  if (dir == NULL || *dir == '\0')
    return;
  /* Room for the columns and the regions, scrolled to the regions. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  cs_test_wait_until (never, NULL, 500);
  overlap = find_named (GTK_WIDGET (pane), "overlap");
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (overlap, GTK_TYPE_SCROLLED_WINDOW));
  g_assert_true (gtk_widget_compute_point (overlap, GTK_WIDGET (scrolled),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), at.y - 300);
  cs_test_wait_until (never, NULL, 500);
  path = g_build_filename (dir, "compare.png", NULL);
  surface = cs_test_ui_render_widget (GTK_WIDGET (window));
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_test_message ("screenshot: %s", path);
}

static void
test_compare_regions (CsAnnotationFixture *fixture,
                      gconstpointer        data)
{
  CsSlidePage *page;
  CsReportPane *pane;
  CsSlideView *view;
  g_autoptr(CsCase) kase = NULL;
  GtkWidget *apart, *agreement;
  gint64 width, height;
  double cx, cy, s;
  CsAnnotation *far;

  if (!cs_test_ui_have_display)
    {
      g_test_skip ("no display");
      return;
    }
  page = cs_test_annotations_open_empty (fixture->window, fixture->sample);
  view = cs_slide_page_get_active_view (page);
  cs_slide_get_level_size (cs_slide_page_get_slide (page), 0, &width, &height);
  cx = width / 2.0;
  cy = height / 2.0;
  s = MIN (width, height) / 8.0;
  /* The consultant's first square half over the referrer's, the second
   * apart. */
  cs_test_annotations_add (page, cs_test_annotations_rectangle (cx - s, cy - s / 2, s, s,
                                                                "Focus", NULL, REFERRER));
  cs_test_annotations_add (page, cs_test_annotations_rectangle (cx - s / 2, cy - s / 2, s, s,
                                                                "Tumour edge", NULL, CONSULTANT));
  far = cs_test_annotations_rectangle (cx + s, cy - s / 2, s / 2, s / 2, "Satellite", NULL,
                                       CONSULTANT);
  cs_test_annotations_add (page, g_object_ref (far));
  kase = make_case (cs_slide_page_get_slide (page));
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->window), "show-report",
                                      g_variant_new_boolean (TRUE));
  pane = cs_test_window_child (fixture->window, CS_TYPE_WINDOW, "report_pane");
  g_assert_true (cs_test_wait_until (pane_compared, pane, 100) == FALSE);
  g_object_set (pane, "compare", TRUE, NULL);
  g_assert_true (cs_slide_view_get_color_by_author (view));
  g_assert_true (cs_test_wait_until (pane_compared, pane, CS_TEST_UI_TIMEOUT_MS));

  /* The categories side by side, the first column the first opinion's. */
  agreement = find_named (GTK_WIDGET (pane), "compare-agreement");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (agreement)), ==,
                   cs_agreement_get_label (CS_AGREEMENT_MAJOR));
  g_assert_true (gtk_widget_has_css_class (agreement, "error"));
  g_assert_cmpstr (cs_opinion_comparison_get_reference (cs_report_pane_get_comparison (pane)),
                   ==, REFERRER);
  /* 1.25 s² marked, 0.5 s² shared; Dice 2 × 0.5 / (1.25 + 1). */
  g_assert_cmpstr (label_text (pane, "regions"), ==, "2");
  g_assert_cmpstr (label_text (pane, "shared"), ==, "40 %");
  g_assert_cmpstr (label_text (pane, "disjoint"), ==, "1");
  g_assert_cmpstr (label_text (pane, "dice"), ==, "0.44");

  /* Both consultant regions are listed; the one apart is shown when
   * clicked. */
  apart = find_named (GTK_WIDGET (pane), "overlap." CONSULTANT ".marked");
  g_assert_nonnull (apart);
  gtk_expander_set_expanded (GTK_EXPANDER (apart), TRUE);
  apart = gtk_widget_get_first_child (gtk_expander_get_child (GTK_EXPANDER (apart)));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (apart)), "Satellite"));
  g_signal_emit_by_name (apart, "clicked");
  cs_test_annotations_assert_shown (page, far);

  cs_slide_page_show_annotation (page, cs_annotation_list_lookup (
    cs_slide_page_get_annotation_list (page),
    cs_annotation_get_id (((CsOverlapRegion *) cs_opinion_comparison_get_author (
      cs_report_pane_get_comparison (pane), 0)->marked.regions->pdata[0])->annotation)));
  check_highlights (page, cx, cy, s);
  save_screenshot (fixture->window, pane);

  /* Measured again when the annotations change. */
  cs_annotation_list_remove (cs_slide_page_get_annotation_list (page), far);
  g_object_unref (far);
  g_assert_true (cs_test_wait_until (one_region, pane, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (label_text (pane, "disjoint"), ==, "0");
  g_assert_cmpstr (label_text (pane, "shared"), ==, "50 %");

  g_object_set (pane, "compare", FALSE, NULL);
  g_assert_false (cs_slide_view_get_color_by_author (view));
  g_assert_null (cs_slide_view_get_highlights (view));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  CS_TEST_ANNOTATION_ADD ("/window-compare/regions", test_compare_regions);

  return cs_test_window_run ();
}
