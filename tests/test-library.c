/* test-library.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>
#include <json-glib/json-glib.h>

#include "cs-annotation-store.h"
#include "cs-bench-gen.h"
#include "cs-case.h"
#include "cs-geometry.h"
#include "cs-library-private.h"
#include "cs-slide.h"
#include "cs-test-cli.h"
#include "cs-test-color.h"
#include "cs-test-report.h"
#include "cs-test-utils.h"

/* The library scan: good, bad and nested slides, counts, placeholders
 * with reasons, the thumbnail cache (a second scan opens no readable
 * slide), tags, the asynchronous scan and consilium-cli library scan. */

typedef struct
{
  char *tmpdir;
  char *folder;
  char *annotations;
  char *cases;
  char *cache;
  char *tags;
} Fixture;

static void
link_slide (const char *name,
            const char *dir)
{
  g_autofree char *source = cs_test_shared_slide (name);
  g_autofree char *target = g_build_filename (dir, name, NULL);

  g_assert_cmpint (symlink (source, target), ==, 0);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
}

/* folder/CMU-1-Small-Region.svs, folder/unopenable.tiff, folder/empty.svs,
 * folder/.hidden.svs, folder/notes.txt, folder/nested/boxes.tiff,
 * folder/nested/deeper/small.svs (a copy), folder/nested/not-a-slide.svs */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *nested = NULL;
  g_autofree char *deeper = NULL;
  g_autofree char *small = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  f->tmpdir = cs_test_make_tmpdir ();
  f->folder = g_build_filename (f->tmpdir, "collection", NULL);
  f->annotations = g_build_filename (f->tmpdir, "annotations", NULL);
  f->cases = g_build_filename (f->tmpdir, "cases", NULL);
  f->cache = g_build_filename (f->tmpdir, "cache", NULL);
  f->tags = g_build_filename (f->tmpdir, "tags.json", NULL);
  small = cs_test_shared_slide ("small.svs");
  if (small == NULL)
    return;

  nested = g_build_filename (f->folder, "nested", NULL);
  deeper = g_build_filename (nested, "deeper", NULL);
  g_assert_cmpint (g_mkdir_with_parents (deeper, 0700), ==, 0);
  link_slide ("CMU-1-Small-Region.svs", f->folder);
  link_slide ("unopenable.tiff", f->folder);
  link_slide ("boxes.tiff", nested);
  link_slide ("not-a-slide.svs", nested);
  g_assert_true (g_file_get_contents (small, &contents, &len, NULL));
  write_file (deeper, "small.svs", contents, len);
  write_file (f->folder, "empty.svs", "", 0);
  write_file (f->folder, ".hidden.svs", "", 0);
  write_file (f->folder, "notes.txt", "x", 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cs_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->folder);
  g_free (f->annotations);
  g_free (f->cases);
  g_free (f->cache);
  g_free (f->tags);
}

#define SKIP_WITHOUT_SLIDES(f)                                                  \
  if (!g_file_test ((f)->folder, G_FILE_TEST_IS_DIR))                           \
    {                                                                           \
      g_test_skip ("../shared/slides is absent: this test needs the project's " \
                   "shared test slides");                                       \
      return;                                                                   \
    }

static CsLibrary *
new_library (Fixture *f)
{
  CsLibrary *library = cs_library_new ();
  g_autoptr(CsLibraryTags) tags = cs_library_tags_new (f->tags);

  cs_library_add_folder (library, f->folder);
  cs_library_set_annotation_dir (library, f->annotations);
  cs_library_set_case_dir (library, f->cases);
  cs_library_set_cache_dir (library, f->cache);
  g_assert_true (cs_library_tags_load (tags, NULL));
  cs_library_set_tags (library, tags);

  return library;
}

static CsLibrary *
scan (Fixture *f)
{
  CsLibrary *library = new_library (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_library_scan (library, NULL, &error));
  g_assert_no_error (error);

  return library;
}

static CsLibraryItem *
find (CsLibrary  *library,
      const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (g_strcmp0 (cs_library_item_get_display_name (item), name) == 0)
        return item;
    }
  g_assert_not_reached ();
}

static void
assert_failed (CsLibrary  *library,
               const char *name)
{
  CsLibraryItem *item = find (library, name);

  g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_FAILED);
  g_assert_nonnull (strstr (cs_library_item_get_error (item), name));
  g_assert_null (cs_library_item_get_thumbnail_path (item));
  g_assert_null (cs_library_item_get_identity (item));
}

static void
test_scan_counts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsLibrary) library = NULL;
  CsLibraryItem *item;
  gint64 width, height;

  SKIP_WITHOUT_SLIDES (f);
  library = scan (f);

  /* 3 good, 3 bad; the hidden file and the text file are not slides. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 6);
  g_assert_cmpuint (cs_library_get_problems (library)->len, ==, 0);

  item = find (library, "CMU-1-Small-Region.svs");
  g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_READY);
  g_assert_cmpstr (cs_library_item_get_vendor (item), ==, "aperio");
  cs_library_item_get_size (item, &width, &height);
  g_assert_cmpint (width, ==, 2220);
  g_assert_cmpint (height, ==, 2967);
  g_assert_cmpfloat (cs_library_item_get_objective_power (item), ==, 20);
  g_assert_cmpstr (cs_library_item_get_folder (item), ==, f->folder);
  g_assert_true (g_file_test (cs_library_item_get_thumbnail_path (item), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (cs_library_item_get_thumbnail_path (item), f->cache));

  item = find (library, "boxes.tiff");
  g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_READY);
  g_assert_cmpfloat (cs_library_item_get_objective_power (item), ==, 0);
  item = find (library, "small.svs");
  g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_READY);
  g_assert_cmpuint (strlen (cs_library_item_get_identity (item)), ==, 64);

  assert_failed (library, "unopenable.tiff");
  assert_failed (library, "empty.svs");
  assert_failed (library, "not-a-slide.svs");
}

static void
test_scan_missing_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CsLibrary) library = NULL;
  g_autofree char *missing = g_build_filename (f->tmpdir, "gone", NULL);
  GPtrArray *problems;

  SKIP_WITHOUT_SLIDES (f);
  library = new_library (f);
  cs_library_add_folder (library, missing);
  g_assert_true (cs_library_scan (library, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 6);
  problems = cs_library_get_problems (library);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), missing));
}

static void
test_thumbnail_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsLibrary) first = NULL;
  g_autoptr(CsLibrary) second = NULL;
  g_autoptr(CsLibrary) third = NULL;
  g_autofree char *thumbnail = NULL;
  g_autofree char *small = NULL;
  guint before;

  SKIP_WITHOUT_SLIDES (f);
  before = _cs_library_get_n_slides_opened ();
  first = scan (f);
  g_assert_cmpuint (_cs_library_get_n_slides_opened () - before, ==, 6);
  thumbnail = g_strdup (cs_library_item_get_thumbnail_path (find (first, "small.svs")));

  /* A second visit opens only the slides that could not be read: none of
   * the readable ones, so no pixels are read; the items are the same. */
  before = _cs_library_get_n_slides_opened ();
  second = scan (f);
  g_assert_cmpuint (_cs_library_get_n_slides_opened () - before, ==, 3);
  g_assert_cmpstr (cs_library_item_get_thumbnail_path (find (second, "small.svs")), ==, thumbnail);
  g_assert_cmpstr (cs_library_item_get_vendor (find (second, "CMU-1-Small-Region.svs")), ==, "aperio");
  g_assert_cmpfloat (cs_library_item_get_objective_power (find (second, "CMU-1-Small-Region.svs")),
                     ==, 20);
  assert_failed (second, "unopenable.tiff");

  /* A changed file is read again. */
  small = g_strdup (cs_library_item_get_path (find (second, "small.svs")));
  g_assert_cmpint (g_utime (small, &(struct utimbuf) { 1000, 1000 }), ==, 0);
  before = _cs_library_get_n_slides_opened ();
  third = scan (f);
  g_assert_cmpuint (_cs_library_get_n_slides_opened () - before, ==, 4);
  g_assert_cmpstr (cs_library_item_get_thumbnail_path (find (third, "small.svs")), ==, thumbnail);
}

static guint32
center_pixel (const char *png)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface) + (gsize) stride * (height / 2)
                        + (gsize) 4 * (width / 2));
  cairo_surface_destroy (surface);

  return pixel;
}

static CsLibraryItem *
scan_colors (Fixture    *f,
             const char *dir,
             gboolean    apply,
             guint       expect_opened,
             CsLibrary **library)
{
  g_autoptr(GError) error = NULL;
  guint before = _cs_library_get_n_slides_opened ();

  g_clear_object (library);
  *library = cs_library_new ();
  cs_library_add_folder (*library, dir);
  cs_library_set_annotation_dir (*library, f->annotations);
  cs_library_set_case_dir (*library, f->cases);
  cs_library_set_cache_dir (*library, f->cache);
  cs_library_set_apply_color_profile (*library, apply);
  g_assert_true (cs_library_scan (*library, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_cs_library_get_n_slides_opened () - before, ==, expect_opened);
  g_assert_cmpint (cs_library_item_get_state (find (*library, "plain.tiff")), ==,
                   CS_LIBRARY_ITEM_READY);

  return find (*library, "wide.tiff");
}

/* Whether the colour profile was applied is part of the thumbnail's key:
 * switching the preference renders the slide with a profile again (other
 * colours), not the one without; switching back reads nothing. */
static void
test_thumbnail_color (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->tmpdir, "color", NULL);
  g_autofree char *wide = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *applied = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(CsLibrary) library = NULL;
  CsLibraryItem *item;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  wide = cs_test_write_color_slide (dir, "wide.tiff", CS_TEST_PROFILE_WIDE, FALSE, TRUE);
  plain = cs_test_write_color_slide (dir, "plain.tiff", CS_TEST_PROFILE_NONE, FALSE, TRUE);
  slide = cs_slide_new (wide, NULL);
  if (slide == NULL || !cs_slide_has_color_profile (slide))
    {
      g_test_skip ("this build reads no colour profile from the test slide");
      return;
    }

  item = scan_colors (f, dir, TRUE, 2, &library);
  applied = g_strdup (cs_library_item_get_thumbnail_path (item));
  g_assert_true (g_str_has_suffix (applied, ".icc.png"));
  g_assert_true (g_str_has_suffix (cs_library_item_get_thumbnail_path (find (library, "plain.tiff")),
                                   ".raw.png"));

  item = scan_colors (f, dir, FALSE, 1, &library);
  g_assert_true (g_str_has_suffix (cs_library_item_get_thumbnail_path (item), ".raw.png"));
  g_assert_cmphex (center_pixel (cs_library_item_get_thumbnail_path (item)), !=,
                   center_pixel (applied));

  item = scan_colors (f, dir, TRUE, 0, &library);
  g_assert_cmpstr (cs_library_item_get_thumbnail_path (item), ==, applied);
}

/* The benchmark's collection: slides that open, as two-level pyramids,
 * each of its own identity; a folder that cannot be made is an error. */
static void
test_bench_generator (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->tmpdir, "generated", NULL);
  g_autofree char *blocker = g_build_filename (f->tmpdir, "file", NULL);
  g_autofree char *under = g_build_filename (blocker, "sub", NULL);
  g_autoptr(GHashTable) identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_bench_write_library (dir, 4, 1, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("slide-%04u.tiff", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(CsSlide) slide = cs_slide_new (path, &error);
      gint64 width, height;

      g_assert_no_error (error);
      g_assert_cmpuint (cs_slide_get_n_levels (slide), ==, 2);
      cs_slide_get_level_size (slide, 0, &width, &height);
      g_assert_cmpint (width, ==, 512);
      g_assert_cmpint (height, ==, 384);
      g_assert_true (g_hash_table_add (identities,
                                       g_strdup (cs_slide_compute_identity (slide, NULL, &error))));
      g_assert_no_error (error);
    }

  write_file (f->tmpdir, "file", "x", 1);
  g_assert_false (cs_bench_write_library (under, 1, 1, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "sub"));
}

static void
add_annotations (Fixture    *f,
                 const char *identity,
                 guint       n)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, f->annotations, identity);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_annotation_store_load (store, &error));
  for (guint i = 0; i < n; i++)
    {
      CsRect rect = { 10.0 * (i + 1), 10, 20, 20 };
      CsGeometry *geometry = cs_geometry_new_rectangle (&rect);
      g_autoptr(CsAnnotation) annotation = cs_annotation_new (CS_SHAPE_RECTANGLE, geometry);

      cs_geometry_unref (geometry);
      cs_annotation_list_add (list, annotation);
    }
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);
}

static void
add_case (Fixture    *f,
          const char *path,
          guint       n_opinions)
{
  g_autoptr(CsCase) kase = cs_test_case_new_citing (path, "Granulomatous hepatitis?");
  g_autoptr(GError) error = NULL;

  cs_case_set_text (kase, "clinical_history", "Fever of unknown origin");
  for (guint i = 0; i < n_opinions; i++)
    {
      CsReport *report = cs_case_add_opinion (kase, "Dr. Müller", "MD", "Universitätsklinikum");

      g_assert_true (cs_report_set_text (report, "diagnosis.0.text", "Sarcoidosis", &error));
      g_assert_no_error (error);
    }
  cs_test_case_save (f->cases, kase);
}

static void
test_counts_and_tags (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsLibrary) first = NULL;
  g_autoptr(CsLibrary) second = NULL;
  g_autoptr(CsLibraryTags) reloaded = cs_library_tags_new (f->tags);
  const char *const tags[] = { "exam", "week 3", NULL };
  g_autofree char *identity = NULL;
  g_autofree char *stain = NULL;
  g_auto(GStrv) read_tags = NULL;
  CsLibraryItem *item;

  SKIP_WITHOUT_SLIDES (f);
  first = scan (f);
  item = find (first, "CMU-1-Small-Region.svs");
  g_assert_cmpuint (cs_library_item_get_n_annotations (item), ==, 0);
  identity = g_strdup (cs_library_item_get_identity (item));
  add_annotations (f, identity, 3);
  add_case (f, cs_library_item_get_path (item), 2);

  cs_library_tags_set (cs_library_get_tags (first), identity, "H&E", "Liver", tags);
  g_assert_true (cs_library_tags_save (cs_library_get_tags (first), NULL));
  g_assert_true (cs_library_tags_load (reloaded, NULL));
  g_assert_true (cs_library_tags_lookup (reloaded, identity, &stain, NULL, &read_tags));
  g_assert_cmpstr (stain, ==, "H&E");
  g_assert_cmpstrv (read_tags, tags);

  second = scan (f);
  item = find (second, "CMU-1-Small-Region.svs");
  g_assert_cmpuint (cs_library_item_get_n_annotations (item), ==, 3);
  g_assert_cmpuint (cs_library_item_get_n_opinions (item), ==, 2);
  g_assert_nonnull (strstr (cs_library_item_get_case_text (item), "Granulomatous hepatitis?\n"));
  g_assert_nonnull (strstr (cs_library_item_get_case_text (item), "Fever of unknown origin\n"));
  g_assert_nonnull (strstr (cs_library_item_get_case_text (item), "Sarcoidosis\n"));
  g_assert_cmpstr (cs_library_item_get_stain (item), ==, "H&E");
  g_assert_cmpstr (cs_library_item_get_organ (item), ==, "Liver");
  g_assert_cmpstrv ((char **) cs_library_item_get_tags (item), tags);
  item = find (second, "boxes.tiff");
  g_assert_cmpuint (cs_library_item_get_n_annotations (item), ==, 0);
  g_assert_null (cs_library_item_get_case_text (item));
  g_assert_null (cs_library_item_get_stain (item));

  /* Cleared tags leave no entry. */
  cs_library_tags_set (reloaded, identity, "", NULL, NULL);
  g_assert_false (cs_library_tags_lookup (reloaded, identity, NULL, NULL, NULL));
}

static void
on_changed (CsLibraryItem *item,
            guint         *n)
{
  (*n)++;
}

static void
test_set_item_tags (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsLibrary) library = NULL;
  g_autoptr(CsLibrary) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = NULL;
  const char *const tags[] = { "exam", NULL };
  CsLibraryItem *item;
  guint n_changed = 0;

  SKIP_WITHOUT_SLIDES (f);
  library = scan (f);
  item = find (library, "boxes.tiff");
  g_signal_connect (item, "changed", G_CALLBACK (on_changed), &n_changed);
  g_assert_true (cs_library_set_item_tags (library, item, "PAS", "Kidney", tags, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpstr (cs_library_item_get_stain (item), ==, "PAS");
  again = scan (f);
  g_assert_cmpstr (cs_library_item_get_organ (find (again, "boxes.tiff")), ==, "Kidney");

  /* A slide that cannot be read has no identity to tag. */
  g_assert_false (cs_library_set_item_tags (library, find (library, "empty.svs"), "H&E", NULL,
                                            NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* A tags file that cannot be written changes nothing. */
  g_assert_cmpint (g_unlink (f->tags), ==, 0);
  g_assert_cmpint (g_mkdir (f->tags, 0700), ==, 0);
  blocker = g_build_filename (f->tags, "x", NULL);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_assert_false (cs_library_set_item_tags (library, item, "H&E", NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (cs_library_item_get_stain (item), ==, "PAS");
  g_assert_true (cs_library_tags_lookup (cs_library_get_tags (library),
                                         cs_library_item_get_identity (item), NULL, NULL, NULL));
  g_assert_cmpuint (n_changed, ==, 1);
}

static void
test_tags_damaged (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsLibraryTags) tags = cs_library_tags_new (f->tags);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_library_tags_load (tags, &error));
  g_assert_true (g_file_set_contents (f->tags, "{\"slides\": [", -1, NULL));
  g_assert_false (cs_library_tags_load (tags, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, f->tags));
}

typedef struct
{
  guint     n_added;
  guint     n_changed;
  guint     n_items_at_first_change;
  gboolean  done;
} AsyncState;

static void
on_item_changed (CsLibraryItem *item,
                 AsyncState    *state)
{
  g_assert_cmpint (cs_library_item_get_state (item), !=, CS_LIBRARY_ITEM_PENDING);
  state->n_changed++;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  AsyncState *state)
{
  state->n_added += added;
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (model, position + i);

      g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_PENDING);
      g_signal_connect (item, "changed", G_CALLBACK (on_item_changed), state);
    }
}

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_library_scan_finish (CS_LIBRARY (source), result, &error));
  g_assert_no_error (error);
  state->done = TRUE;
}

static gboolean
scan_done (gpointer data)
{
  return ((AsyncState *) data)->done;
}

static void
test_scan_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CsLibrary) library = NULL;
  AsyncState state = { 0 };

  SKIP_WITHOUT_SLIDES (f);
  library = new_library (f);
  g_signal_connect (library, "items-changed", G_CALLBACK (on_items_changed), &state);
  cs_library_scan_async (library, NULL, on_scanned, &state);
  g_assert_cmpuint (state.n_added, ==, 0);
  g_assert_true (cs_test_wait_until (scan_done, &state, 60000));
  g_assert_cmpuint (state.n_added, ==, 6);
  g_assert_cmpuint (state.n_changed, ==, 6);
}

static void
test_cli_json (CsTestCli     *f,
               gconstpointer  data)
{
  g_autofree char *folder = cs_test_cli_path (f, "slides");
  g_autofree char *nested = g_build_filename (folder, "nested", NULL);
  g_autofree char *thumbs = cs_test_cli_path (f, "thumbs");
  g_autofree char *thumb = g_build_filename (thumbs, "boxes.tiff.png", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *slides;
  JsonObject *good, *bad;

  CS_TEST_SHARED_SLIDE_OR_SKIP (boxes, "boxes.tiff");
  g_assert_cmpint (g_mkdir_with_parents (nested, 0700), ==, 0);
  link_slide ("boxes.tiff", nested);
  link_slide ("not-a-slide.svs", folder);

  g_assert_cmpint (cs_test_cli_run (f, "library", "scan", folder, "--json", "--thumbnails", thumbs,
                                    NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, f->out, -1, NULL));
  slides = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "slides");
  g_assert_cmpuint (json_array_get_length (slides), ==, 2);
  good = json_array_get_object_element (slides, 0);
  bad = json_array_get_object_element (slides, 1);
  g_assert_cmpstr (json_object_get_string_member (good, "name"), ==, "boxes.tiff");
  g_assert_cmpint (json_object_get_int_member (good, "width"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (good, "annotations"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (good, "thumbnail"), ==, thumb);
  g_assert_true (g_file_test (thumb, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (json_object_get_string_member (bad, "name"), ==, "not-a-slide.svs");
  g_assert_nonnull (strstr (json_object_get_string_member (bad, "error"), "not-a-slide.svs"));
  g_assert_true (json_object_get_null_member (bad, "thumbnail"));

  g_assert_cmpint (cs_test_cli_run (f, "library", "scan", NULL), ==, 2);
}

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *change)
{
  change[0] = position;
  change[1] = removed;
  change[2] = added;
  change[3]++;
}

/* A rescan keeps the items of the files it finds again (a view keeps its
 * selection) and announces only what changed. */
static void
test_rescan_keeps_items (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsLibrary) library = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *extra = NULL;
  g_autoptr(GError) error = NULL;
  guint change[4] = { 0 };
  guint n;

  SKIP_WITHOUT_SLIDES (f);
  library = scan (f);
  n = g_list_model_get_n_items (G_LIST_MODEL (library));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (before, g_list_model_get_item (G_LIST_MODEL (library), i));
  g_signal_connect (library, "items-changed", G_CALLBACK (record_change), change);

  /* Sorted after empty.svs, the second file. */
  write_file (f->folder, "extra.svs", "", 0);
  g_assert_true (cs_library_scan (library, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change[3], ==, 1);
  g_assert_cmpuint (change[0], ==, 2);
  g_assert_cmpuint (change[1], ==, 0);
  g_assert_cmpuint (change[2], ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (library),
                                                             i < 2 ? i : i + 1);

      g_assert_true (item == g_ptr_array_index (before, i));
    }
  g_assert_cmpint (cs_library_item_get_state (find (library, "CMU-1-Small-Region.svs")), ==,
                   CS_LIBRARY_ITEM_READY);

  /* Nothing changed: nothing announced. */
  g_assert_true (cs_library_scan (library, NULL, NULL));
  g_assert_cmpuint (change[3], ==, 1);

  extra = g_build_filename (f->folder, "extra.svs", NULL);
  g_assert_cmpint (g_unlink (extra), ==, 0);
  g_assert_true (cs_library_scan (library, NULL, NULL));
  g_assert_cmpuint (change[3], ==, 2);
  g_assert_cmpuint (change[0], ==, 2);
  g_assert_cmpuint (change[1], ==, 1);
  g_assert_cmpuint (change[2], ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (library), i);

      g_assert_true (item == g_ptr_array_index (before, i));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/library/scan-counts", Fixture, NULL, fixture_setup, test_scan_counts,
              fixture_teardown);
  g_test_add ("/library/scan-missing-folder", Fixture, NULL, fixture_setup,
              test_scan_missing_folder, fixture_teardown);
  g_test_add ("/library/thumbnail-cache", Fixture, NULL, fixture_setup, test_thumbnail_cache,
              fixture_teardown);
  g_test_add ("/library/thumbnail-color", Fixture, NULL, fixture_setup, test_thumbnail_color,
              fixture_teardown);
  g_test_add ("/library/bench-generator", Fixture, NULL, fixture_setup, test_bench_generator,
              fixture_teardown);
  g_test_add ("/library/counts-and-tags", Fixture, NULL, fixture_setup, test_counts_and_tags,
              fixture_teardown);
  g_test_add ("/library/set-item-tags", Fixture, NULL, fixture_setup, test_set_item_tags,
              fixture_teardown);
  g_test_add ("/library/tags-damaged", Fixture, NULL, fixture_setup, test_tags_damaged,
              fixture_teardown);
  g_test_add ("/library/rescan-keeps-items", Fixture, NULL, fixture_setup,
              test_rescan_keeps_items, fixture_teardown);
  g_test_add ("/library/scan-async", Fixture, NULL, fixture_setup, test_scan_async,
              fixture_teardown);
  g_test_add ("/library/cli-json", CsTestCli, NULL, cs_test_cli_setup, test_cli_json,
              cs_test_cli_teardown);

  return g_test_run ();
}
