/* test-slide-hostile.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cs-core-private.h"
#include "cs-library.h"
#include "cs-slide-identity.h"
#include "cs-slide-preview.h"
#include "cs-slide.h"
#include "cs-test-corpus.h"
#include "cs-test-load.h"
#include "cs-test-utils.h"
#include "cs-utils.h"

/* Hostile and broken slides (issue 11): a corpus written here, in a
 * temporary folder (cs-test-corpus.c), of truncated copies of a real
 * slide, empty and mislabelled files, TIFFs with absurd sizes and tile
 * counts, tiles that do not decode, a folder, a symlink loop, FIFOs,
 * /dev/zero and huge sparse files, all named like slides.
 *
 * Each case runs in a child process under a watchdog: it must end (no
 * hang), pass (no crash), give a GError naming the file or open and
 * render, with error areas for its bad tiles, and its peak resident
 * memory must stay below PEAK_LIMIT_KIB: no allocation sized from a
 * header without a limit. */

#define CASE_TIMEOUT_USEC (30 * G_USEC_PER_SEC)
/* Far below what an absurd header asks (gigabytes), far above what a
 * sane open of these files takes (≈ 60 MiB). */
#define PEAK_LIMIT_KIB (384 * 1024)
/* Files larger than this are not hashed: hashing them is legitimate,
 * only slow. */
#define HASH_MAX_SIZE (G_GINT64_CONSTANT (256) << 20)

static const char *corpus_dir;

/* What each case did, on stderr: the child's stdout is the parent's. */
G_GNUC_PRINTF (1, 2)
static void
hostile_note (const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_printerr ("# %s\n", text);
}

static const CsTestCorpusCase *
find_case (const char *name)
{
  for (const CsTestCorpusCase *c = cs_test_corpus_cases (); c->name != NULL; c++)
    if (g_str_equal (c->name, name))
      return c;
  g_assert_not_reached ();
}

/* Every byte reader of the file: sniffing, hashing, the identity memo. */
static void
check_readers (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *known = NULL;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > HASH_MAX_SIZE)
    return;
  sha = cs_sha256_file (path, NULL, NULL, &error);
  g_assert_true ((sha != NULL) == (error == NULL));
  if (error != NULL)
    g_assert_nonnull (strstr (error->message, path));
  /* A FIFO would block, /dev/zero never end: both refused at once. */
  if (strstr (path, "fifo") != NULL || strstr (path, "zero") != NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  /* Whatever it knows (the library scan may have hashed the file). */
  known = cs_slide_identity_lookup (path);
}

/* Every associated image: read, or refused naming the file. */
static void
check_associated (CsSlide *slide)
{
  const char * const *names = cs_slide_get_associated_names (slide);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(cairo_surface_t) image = cs_slide_read_associated (slide, names[i], &error);

      hostile_note ("%s: associated image %s: %s", cs_slide_get_display_name (slide), names[i],
                    error != NULL ? error->message : "read");
      g_assert_true ((image != NULL) == (error == NULL));
      if (error != NULL)
        g_assert_nonnull (strstr (error->message, cs_slide_get_path (slide)));
    }
}

/* The whole slide through the view's loader, plan and renderer. */
static void
check_renders (CsSlide                *slide,
               const CsTestCorpusCase *c)
{
  CsTestView view;
  g_autoptr(cairo_surface_t) frame = NULL;
  gint64 width, height;
  gboolean complete = FALSE;
  guint n_failed = 0;
  CsViewport vp;
  double zoom;

  cs_slide_get_level_size (slide, 0, &width, &height);
  zoom = MIN (1.0, 1024.0 / MAX (width, height));
  cs_viewport_init (&vp, 0, 0, zoom, MAX (1, (int) (width * zoom)),
                    MAX (1, (int) (height * zoom)));
  cs_test_view_init (&view, CS_TILE_SOURCE (slide), 64 << 20, 2);
  frame = cs_test_view_draw (&view, &vp, 20000, &n_failed, &complete);
  g_assert_true (complete);
  hostile_note ("%s: %ux%u frame, %u failed tiles, %u error pixels", c->name, vp.width,
                  vp.height, n_failed, cs_test_count_error_pixels (frame));
  if (c->expect == CS_TEST_CORPUS_BAD_TILES)
    {
      g_assert_cmpuint (n_failed, ==, 2);
      g_assert_cmpuint (cs_test_count_error_pixels (frame), >, 256 * 256 / 8);
    }
  cs_test_view_clear (&view);
}

static void
run_case (const CsTestCorpusCase *c)
{
  g_autofree char *path = g_build_filename (corpus_dir, c->name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(cairo_surface_t) thumbnail = NULL;
  CsTestProc proc;

  check_readers (path);
  slide = cs_slide_new (path, &error);
  if (slide == NULL)
    {
      hostile_note ("%s: %s", c->name, error->message);
      g_assert_true (error->domain == CS_SLIDE_ERROR);
      if (c->code >= 0)
        g_assert_error (error, CS_SLIDE_ERROR, c->code);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_cmpint (c->expect, !=, CS_TEST_CORPUS_BAD_TILES);
    }
  else
    {
      hostile_note ("%s: opens, vendor %s", c->name, cs_slide_get_vendor (slide));
      g_assert_cmpint (c->expect, !=, CS_TEST_CORPUS_ERROR);
      check_associated (slide);
      check_renders (slide, c);
      thumbnail = cs_slide_render_thumbnail (slide, CS_LIBRARY_THUMBNAIL_SIZE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (thumbnail);
    }
  cs_test_proc_sample (&proc);
  hostile_note ("%s: peak RSS %" G_GINT64_FORMAT " KiB", c->name, proc.peak_rss_kib);
  if (cs_test_memory_is_measurable ())
    g_assert_cmpint (proc.peak_rss_kib, <, PEAK_LIMIT_KIB);
}

static void
test_case (gconstpointer data)
{
  const char *name = data;

  if (g_test_subprocess ())
    {
      run_case (find_case (name));
      return;
    }
  g_test_trap_subprocess (NULL, CASE_TIMEOUT_USEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The library's scan over the corpus: it ends, every slide-named file
 * gets an item, each bad one failed with its reason, bad-tiles.tif read. */
static void
test_library_scan (void)
{
  g_autofree char *cache = g_build_filename (g_get_tmp_dir (), "library-cache", NULL);
  g_autofree char *empty = g_build_filename (g_get_tmp_dir (), "library-empty", NULL);
  g_autoptr(CsLibrary) library = cs_library_new ();
  g_autoptr(GError) error = NULL;
  guint n, n_failed = 0, n_cases = 0;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  cs_library_add_folder (library, corpus_dir);
  cs_library_set_annotation_dir (library, empty);
  cs_library_set_case_dir (library, empty);
  cs_library_set_cache_dir (library, cache);
  g_assert_true (cs_library_scan (library, NULL, &error));
  g_assert_no_error (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (library));
  /* Every case but the folder (walked into: it is empty). */
  for (const CsTestCorpusCase *c = cs_test_corpus_cases (); c->name != NULL; c++)
    n_cases++;
  g_assert_cmpuint (n, ==, n_cases - 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char *name = cs_library_item_get_display_name (item);

      hostile_note ("%s: %s", name, cs_library_item_get_error (item) ?: "read");
      g_assert_cmpint (cs_library_item_get_state (item), !=, CS_LIBRARY_ITEM_PENDING);
      if (cs_library_item_get_state (item) == CS_LIBRARY_ITEM_FAILED)
        {
          g_assert_nonnull (strstr (cs_library_item_get_error (item),
                                    cs_library_item_get_path (item)));
          n_failed++;
        }
      /* As cs_slide_new() does (find_case() knows every name). */
      if (find_case (name)->expect == CS_TEST_CORPUS_BAD_TILES)
        g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_READY);
      else if (find_case (name)->expect == CS_TEST_CORPUS_ERROR)
        g_assert_cmpint (cs_library_item_get_state (item), ==, CS_LIBRARY_ITEM_FAILED);
    }
  g_assert_cmpuint (n_failed, >=, n / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = NULL;
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The parent writes the corpus; the watched children inherit it. */
  corpus_dir = g_getenv ("CS_TEST_HOSTILE_CORPUS");
  if (corpus_dir == NULL)
    {
      sample = cs_test_sample_slide ();
      g_assert_nonnull (sample);
      dir = cs_test_make_tmpdir ();
      g_setenv ("TMPDIR", dir, TRUE);
      g_setenv ("XDG_CACHE_HOME", dir, TRUE);
      corpus_dir = g_build_filename (dir, "corpus", NULL);
      g_assert_cmpint (g_mkdir (corpus_dir, 0755), ==, 0);
      cs_test_corpus_write (corpus_dir, sample);
      g_setenv ("CS_TEST_HOSTILE_CORPUS", corpus_dir, TRUE);
    }

  for (const CsTestCorpusCase *c = cs_test_corpus_cases (); c->name != NULL; c++)
    {
      g_autofree char *test_path = g_strconcat ("/slide-hostile/open/", c->name, NULL);

      g_test_add_data_func (test_path, c->name, test_case);
    }
  g_test_add_func ("/slide-hostile/library-scan", test_library_scan);

  status = g_test_run ();
  if (dir != NULL)
    cs_test_remove_tree (dir);

  return status;
}
