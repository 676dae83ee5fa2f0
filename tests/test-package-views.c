/* test-package-views.c: saved views and tours travel in consult packages
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-package.h"
#include "cs-saved-views-store.h"
#include "cs-test-exchange.h"
#include "cs-test-utils.h"

static CsSavedViews *
referrer_views (CsTestExchange *f)
{
  CsSavedViews *views = cs_saved_views_new ();
  CsSavedView *low = cs_saved_view_new ("Overview", "the whole fragment", 1100.5, 1200.25, 0.0625, 0);
  CsSavedView *high = cs_saved_view_new ("Invasive front", NULL, 300, 400, 1, 270);
  CsTour *tour = cs_tour_new ("Where to look");
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (views->views, low);
  g_ptr_array_add (views->views, high);
  g_ptr_array_add (tour->stops, cs_tour_stop_new (NULL, low->id, "Start here"));
  g_ptr_array_add (tour->stops, cs_tour_stop_new (NULL, high->id, "Then the front"));
  g_ptr_array_add (views->tours, tour);
  g_assert_true (cs_saved_views_save (views, f->referrer.annotations, f->sha256, &error));
  g_assert_no_error (error);
  return views;
}

static CsSavedViews *
load (CsTestSite *site,
      const char *sha256)
{
  g_autoptr(GError) error = NULL;
  CsSavedViews *views = cs_saved_views_load (site->annotations, sha256, &error);

  g_assert_no_error (error);
  return views;
}

static const char *
view_name (CsSavedViews *views,
           guint         i)
{
  return ((CsSavedView *) g_ptr_array_index (views->views, i))->name;
}

/* Sent with a de-identified copy, received under the copy's identity;
 * sent back with a change and an addition: the referrer's own views are
 * kept as they are, the new one added. */
static void
check_round_trip (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = g_object_ref (cs_test_exchange_referrer_case (f));
  g_autoptr(CsSavedViews) sent = referrer_views (f);
  g_autofree char *package = cs_test_exchange_create (f, &f->referrer, kase, f->sha256,
                                                      f->slide_path,
                                                      CS_PACKAGE_SLIDES_DEIDENTIFIED,
                                                      CS_TEST_REFERRER, NULL, "views.consilium");
  g_autoptr(CsPackageImportResult) result = cs_test_site_import (&f->consultant, package, NULL,
                                                                 NULL);
  CsPackageSlideResult *slide = g_ptr_array_index (result->slides, 0);
  g_autoptr(CsSavedViews) received = load (&f->consultant, slide->sha256);
  CsCase *theirs = cs_case_store_lookup (f->consultant.cases, cs_case_get_id (kase));
  g_autoptr(CsSavedViews) changed = NULL;
  g_autoptr(CsSavedViews) merged = NULL;
  g_autoptr(CsPackageImportResult) back_result = NULL;
  g_autofree char *back = NULL;
  g_autoptr(GError) error = NULL;
  CsSavedView *view;
  CsTour *tour;

  g_assert_cmpuint (result->views_added, ==, 3);
  g_assert_cmpuint (result->views_kept, ==, 0);
  g_assert_cmpuint (received->views->len, ==, 2);
  g_assert_cmpuint (received->tours->len, ==, 1);
  view = g_ptr_array_index (received->views, 0);
  g_assert_cmpstr (view->id, ==, ((CsSavedView *) g_ptr_array_index (sent->views, 0))->id);
  g_assert_cmpstr (view->name, ==, "Overview");
  g_assert_cmpstr (view->note, ==, "the whole fragment");
  g_assert_cmpfloat (view->x, ==, 1100.5);
  g_assert_cmpfloat (view->y, ==, 1200.25);
  g_assert_cmpfloat (view->zoom, ==, 0.0625);
  g_assert_cmpfloat (((CsSavedView *) g_ptr_array_index (received->views, 1))->rotation, ==, 270);
  tour = g_ptr_array_index (received->tours, 0);
  g_assert_cmpuint (tour->stops->len, ==, 2);
  g_assert_cmpstr (((CsTourStop *) g_ptr_array_index (tour->stops, 1))->caption, ==,
                   "Then the front");

  /* the consultant renames the first view and adds one */
  changed = cs_saved_views_copy (received);
  view = g_ptr_array_index (changed->views, 0);
  g_free (view->name);
  view->name = g_strdup ("Renamed by the consultant");
  g_ptr_array_add (changed->views, cs_saved_view_new ("Consultant's view", NULL, 5, 6, 2, 0));
  g_assert_true (cs_saved_views_save (changed, f->consultant.annotations, slide->sha256, &error));
  g_assert_no_error (error);
  back = cs_test_exchange_create (f, &f->consultant, theirs, slide->sha256, slide->path,
                                  CS_PACKAGE_SLIDES_NONE, CS_TEST_CONSULTANT, NULL,
                                  "back.consilium");
  back_result = cs_test_site_import (&f->referrer, back, NULL, NULL);
  g_assert_cmpuint (back_result->views_added, ==, 1);
  g_assert_cmpuint (back_result->views_kept, ==, 3);
  merged = load (&f->referrer, f->sha256);
  g_assert_cmpuint (merged->views->len, ==, 3);
  g_assert_cmpstr (view_name (merged, 0), ==, "Overview");
  g_assert_cmpstr (view_name (merged, 2), ==, "Consultant's view");
  g_assert_cmpuint (merged->tours->len, ==, 1);
}

/* No views: no entry, and the manifest has no "views" member (a package
 * older builds read). */
static void
check_none (CsTestExchange *f)
{
  g_autoptr(CsCase) kase = g_object_ref (cs_test_exchange_referrer_case (f));
  g_autofree char *package = cs_test_exchange_create (f, &f->referrer, kase, f->sha256,
                                                      f->slide_path, CS_PACKAGE_SLIDES_NONE,
                                                      CS_TEST_REFERRER, NULL, "none.consilium");
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;

  manifest = cs_package_inspect (package, NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (manifest->views->len, ==, 0);
  g_assert_cmpuint (manifest->annotations->len, >, 0);
}

static const CsTestExchangeCheck checks[] = {
  { "/package-views/round-trip", check_round_trip },
  { "/package-views/none", check_none },
};

int
main (int   argc,
      char *argv[])
{
  return cs_test_exchange_main (argc, argv, checks, G_N_ELEMENTS (checks));
}
