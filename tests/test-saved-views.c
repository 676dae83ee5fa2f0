/* test-saved-views.c: saved views and tours, on disk and merged
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-geometry.h"
#include "cs-saved-views-store.h"
#include "cs-tour-place.h"
#include "cs-test-utils.h"

#define SHA256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static CsSavedViews *
make_views (void)
{
  CsSavedViews *views = cs_saved_views_new ();
  CsSavedView *first = cs_saved_view_new ("Cribriform focus", "pattern 4, see the lumina",
                                          1234.5, 678.25, 0.5, 90);
  CsSavedView *second = cs_saved_view_new ("Margin", NULL, 40000.125, 3.0, 1.0 / 64, 0);
  CsTour *tour = cs_tour_new ("Prostate biopsy, core 3");

  g_ptr_array_add (views->views, first);
  g_ptr_array_add (views->views, second);
  g_ptr_array_add (tour->stops, cs_tour_stop_new (NULL, second->id, "Start at low power"));
  g_ptr_array_add (tour->stops, cs_tour_stop_new ("6423a977-ffff-48db-affc-cd11632010f0", NULL,
                                                  "The cribriform gland"));
  g_ptr_array_add (tour->stops, cs_tour_stop_new (NULL, first->id, NULL));
  g_ptr_array_add (views->tours, tour);
  return views;
}

static void
assert_same (const CsSavedViews *a,
             const CsSavedViews *b)
{
  g_assert_cmpuint (a->views->len, ==, b->views->len);
  g_assert_cmpuint (a->tours->len, ==, b->tours->len);
  for (guint i = 0; i < a->views->len; i++)
    {
      const CsSavedView *x = g_ptr_array_index (a->views, i);
      const CsSavedView *y = g_ptr_array_index (b->views, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpfloat (x->x, ==, y->x);
      g_assert_cmpfloat (x->y, ==, y->y);
      g_assert_cmpfloat (x->zoom, ==, y->zoom);
      g_assert_cmpfloat (x->rotation, ==, y->rotation);
    }
  for (guint i = 0; i < a->tours->len; i++)
    {
      const CsTour *x = g_ptr_array_index (a->tours, i);
      const CsTour *y = g_ptr_array_index (b->tours, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->stops->len, ==, y->stops->len);
      for (guint j = 0; j < x->stops->len; j++)
        {
          const CsTourStop *s = g_ptr_array_index (x->stops, j);
          const CsTourStop *t = g_ptr_array_index (y->stops, j);

          g_assert_cmpstr (s->annotation_id, ==, t->annotation_id);
          g_assert_cmpstr (s->view_id, ==, t->view_id);
          g_assert_cmpstr (s->caption, ==, t->caption);
        }
    }
}

static void
test_round_trip (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsSavedViews) views = make_views ();
  g_autoptr(CsSavedViews) none = NULL;
  g_autoptr(CsSavedViews) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_saved_views_path (dir, SHA256);

  none = cs_saved_views_load (dir, SHA256, &error);
  g_assert_no_error (error);
  g_assert_true (cs_saved_views_is_empty (none));

  g_assert_true (cs_saved_views_save (views, dir, SHA256, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  loaded = cs_saved_views_load (dir, SHA256, &error);
  g_assert_no_error (error);
  assert_same (views, loaded);

  /* emptied: the file goes */
  g_ptr_array_set_size (loaded->views, 0);
  g_ptr_array_set_size (loaded->tours, 0);
  g_assert_true (cs_saved_views_save (loaded, dir, SHA256, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  cs_test_remove_tree (dir);
}

/* A file from a later version, same format, with members we do not know:
 * they survive a load and a save. */
static void
test_unknown_kept (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = cs_saved_views_path (dir, SHA256);
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *json =
    "{ \"consilium\": { \"format\": 1 }, \"future\": [1, 2],"
    "  \"views\": [ { \"id\": \"v1\", \"name\": \"A\", \"center\": [10, 20], \"zoom\": 2,"
    "                 \"colour\": \"#ff0000\" } ],"
    "  \"tours\": [ { \"id\": \"t1\", \"name\": \"T\", \"audience\": \"residents\","
    "                 \"stops\": [ { \"view\": \"v1\", \"caption\": \"c\", \"pause\": 3 } ] } ] }";

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  views = cs_saved_views_load (dir, SHA256, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->views->len, ==, 1);
  g_assert_cmpfloat (((CsSavedView *) g_ptr_array_index (views->views, 0))->rotation, ==, 0);
  g_assert_true (cs_saved_views_save (views, dir, SHA256, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"future\""));
  g_assert_nonnull (strstr (text, "\"#ff0000\""));
  g_assert_nonnull (strstr (text, "\"residents\""));
  g_assert_nonnull (strstr (text, "\"pause\""));
  g_assert_nonnull (strstr (text, SHA256));
  cs_test_remove_tree (dir);
}

static void
expect_error (const char *json,
              int         code,
              const char *fragment)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = cs_saved_views_path (dir, SHA256);
  g_autoptr(CsSavedViews) views = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  views = cs_saved_views_load (dir, SHA256, &error);
  g_assert_null (views);
  g_assert_error (error, CS_SAVED_VIEWS_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, fragment));
  /* a damaged file is left as it is */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  cs_test_remove_tree (dir);
}

static void
test_bad_files (void)
{
  expect_error ("{ \"views\": [", CS_SAVED_VIEWS_ERROR_PARSE, "cannot be read");
  expect_error ("[]", CS_SAVED_VIEWS_ERROR_PARSE, "not a JSON object");
  expect_error ("{ \"views\": [] }", CS_SAVED_VIEWS_ERROR_PARSE, "header");
  expect_error ("{ \"consilium\": { \"format\": 2 } }", CS_SAVED_VIEWS_ERROR_FORMAT, "newer");
  expect_error ("{ \"consilium\": { \"format\": 1 }, \"views\": {} }",
                CS_SAVED_VIEWS_ERROR_PARSE, "arrays");
  expect_error ("{ \"consilium\": { \"format\": 1 }, \"views\": [ { \"id\": \"a\", \"name\": \"b\","
                " \"center\": [1], \"zoom\": 1 } ] }", CS_SAVED_VIEWS_ERROR_PARSE, "centre");
  expect_error ("{ \"consilium\": { \"format\": 1 }, \"views\": [ { \"id\": \"a\", \"name\": \"b\","
                " \"center\": [1, 2], \"zoom\": 0 } ] }", CS_SAVED_VIEWS_ERROR_PARSE, "zoom");
  expect_error ("{ \"consilium\": { \"format\": 1 }, \"views\": [ { \"name\": \"b\" } ] }",
                CS_SAVED_VIEWS_ERROR_PARSE, "id");
  expect_error ("{ \"consilium\": { \"format\": 1 }, \"tours\": [ { \"id\": \"t\", \"name\": \"n\","
                " \"stops\": [ { \"annotation\": \"a\", \"view\": \"v\" } ] } ] }",
                CS_SAVED_VIEWS_ERROR_PARSE, "stop");
  expect_error ("{ \"consilium\": { \"format\": 1 }, \"tours\": [ { \"id\": \"t\", \"name\": \"n\","
                " \"stops\": [ { \"caption\": \"c\" } ] } ] }", CS_SAVED_VIEWS_ERROR_PARSE, "stop");
  expect_error ("{ \"consilium\": { \"format\": 1 }, \"tours\": [ { \"id\": \"t\", \"name\": 3,"
                " \"stops\": [] } ] }", CS_SAVED_VIEWS_ERROR_PARSE, "tour");
}

/* The receiver's own views and tours are never replaced nor lost. */
static void
test_merge (void)
{
  g_autoptr(CsSavedViews) mine = make_views ();
  g_autoptr(CsSavedViews) theirs = cs_saved_views_copy (mine);
  CsSavedView *changed = g_ptr_array_index (theirs->views, 0);
  CsTour *new_tour = cs_tour_new ("Their tour");
  guint added = 99, kept = 99;

  g_free (changed->name);
  changed->name = g_strdup ("renamed by the sender");
  g_ptr_array_add (theirs->views, cs_saved_view_new ("Theirs", "a note", 5, 6, 1, 180));
  g_ptr_array_add (new_tour->stops, cs_tour_stop_new ("ann", NULL, "theirs"));
  g_ptr_array_add (theirs->tours, new_tour);

  cs_saved_views_merge (mine, theirs, &added, &kept);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (kept, ==, 3);
  g_assert_cmpuint (mine->views->len, ==, 3);
  g_assert_cmpuint (mine->tours->len, ==, 2);
  g_assert_cmpstr (((CsSavedView *) g_ptr_array_index (mine->views, 0))->name, ==, "Cribriform focus");
  g_assert_cmpstr (((CsSavedView *) g_ptr_array_index (mine->views, 2))->name, ==, "Theirs");
  g_assert_nonnull (cs_saved_views_find_tour (mine, new_tour->id));

  /* merging again adds nothing */
  cs_saved_views_merge (mine, theirs, &added, &kept);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (kept, ==, 5);
  g_assert_cmpuint (mine->views->len, ==, 3);
}

/* A view stop goes to the saved view; an annotation stop fits the
 * annotation (turned with the view) with a margin, never beyond 1:1; a
 * stop whose target is gone says so. */
static void
test_places (void)
{
  g_autoptr(CsSavedViews) views = make_views ();
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  CsRect rect = { 1000, 2000, 400, 100 };
  CsRect dot = { 50, 60, 0, 0 };
  g_autoptr(CsGeometry) wide_shape = cs_geometry_new_rectangle (&rect);
  g_autoptr(CsGeometry) dot_shape = cs_geometry_new_rectangle (&dot);
  g_autoptr(CsAnnotation) wide = cs_annotation_new (CS_SHAPE_RECTANGLE, wide_shape);
  g_autoptr(CsAnnotation) point = cs_annotation_new (CS_SHAPE_RECTANGLE, dot_shape);
  CsSavedView *first = g_ptr_array_index (views->views, 0);
  g_autoptr(CsTourStop) to_view = cs_tour_stop_new (NULL, first->id, "v");
  g_autoptr(CsTourStop) to_wide = cs_tour_stop_new (cs_annotation_get_id (wide), NULL, "a");
  g_autoptr(CsTourStop) to_point = cs_tour_stop_new (cs_annotation_get_id (point), NULL, "p");
  g_autoptr(CsTourStop) to_gone = cs_tour_stop_new (NULL, "no such view", NULL);
  g_autoptr(CsTourStop) to_deleted = cs_tour_stop_new ("no such annotation", NULL, NULL);
  g_autoptr(GError) error = NULL;
  CsTourPlace place = { 0 };

  cs_annotation_list_add (list, wide);
  cs_annotation_list_add (list, point);

  g_assert_true (cs_tour_stop_get_place (to_view, views, list, 800, 600, 0, &place, &error));
  g_assert_cmpfloat (place.x, ==, 1234.5);
  g_assert_cmpfloat (place.y, ==, 678.25);
  g_assert_cmpfloat (place.zoom, ==, 0.5);
  g_assert_cmpfloat (place.rotation, ==, 90);

  /* 400 wide in 800 px: 0.8 × 800 / 400 = 1.6, held at 1:1 */
  g_assert_true (cs_tour_stop_get_place (to_wide, views, list, 800, 600, 0, &place, &error));
  g_assert_cmpfloat (place.x, ==, 1200);
  g_assert_cmpfloat (place.y, ==, 2050);
  g_assert_cmpfloat (place.zoom, ==, 1.0);
  /* in 200 × 600: 0.8 × 200 / 400 */
  g_assert_true (cs_tour_stop_get_place (to_wide, views, list, 200, 600, 0, &place, &error));
  g_assert_cmpfloat_with_epsilon (place.zoom, 0.4, 1e-12);
  /* turned a quarter, in 200 × 300: 400 tall → 0.8 × 300 / 400 */
  g_assert_true (cs_tour_stop_get_place (to_wide, views, list, 200, 300, 90, &place, &error));
  g_assert_cmpfloat_with_epsilon (place.zoom, 0.6, 1e-12);
  g_assert_cmpfloat (place.rotation, ==, 90);
  g_assert_true (cs_tour_stop_get_place (to_point, views, list, 800, 600, 0, &place, &error));
  g_assert_cmpfloat (place.zoom, ==, 1.0);
  g_assert_no_error (error);

  g_assert_false (cs_tour_stop_get_place (to_gone, views, list, 800, 600, 0, &place, &error));
  g_assert_error (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cs_tour_stop_get_place (to_deleted, views, list, 800, 600, 0, &place, &error));
  g_assert_error (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saved-views/round-trip", test_round_trip);
  g_test_add_func ("/saved-views/unknown-kept", test_unknown_kept);
  g_test_add_func ("/saved-views/bad-files", test_bad_files);
  g_test_add_func ("/saved-views/merge", test_merge);
  g_test_add_func ("/saved-views/places", test_places);
  return g_test_run ();
}
