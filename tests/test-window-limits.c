/* test-window-limits.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-load.h"
#include "cs-test-slide.h"
#include "cs-test-window.h"
#include "cs-utils.h"

/* Resource limits in the window (issue 11): opening 200 slides one after
 * another in a tab, each drawn and then closed, frees every slide and
 * gives back every file descriptor and thread; resident memory returns
 * near where it was. */

#define N_OPENS 200
#define N_WARM_UP 10
#define RSS_TOLERANCE_KIB (32 * 1024)

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Draws, closes and waits for the slide to be freed. */
static void
open_close (CsWindow   *window,
            const char *path)
{
  CsSlidePage *page = cs_test_window_open_drawn (window, path);
  gpointer slide = cs_slide_page_get_slide (page);

  g_object_add_weak_pointer (slide, &slide);
  cs_test_window_activate (window, "win.close-tab", NULL);
  g_assert_cmpuint (cs_window_get_n_pages (window), ==, 0);
  g_assert_true (cs_test_wait_until (is_null, &slide, CS_TEST_UI_TIMEOUT_MS));
}

static gboolean
settled (gpointer data)
{
  const CsTestProc *baseline = data;
  CsTestProc proc;

  cs_test_proc_sample (&proc);

  return proc.n_fds <= baseline->n_fds && proc.n_threads <= baseline->n_threads;
}

static void
test_open_close (void)
{
  g_autoptr(CsWindow) window = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = cs_test_make_tmpdir ();
  char *boxes = cs_test_shared_slide ("boxes.tiff");
  CsTestProc baseline, proc;
  CsTestPyramid spec;
  gint64 start;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_test_pyramid_init_simple (&spec);
  g_ptr_array_add (paths, cs_test_sample_slide ());
  g_ptr_array_add (paths, cs_test_write_pyramid (dir, "pyramid.tif", &spec, NULL));
  g_ptr_array_add (paths, cs_test_write_png (dir, "plain.png", 600, 400, NULL));
  g_ptr_array_add (paths, cs_test_write_jpeg (dir, "plain.jpg", 600, 400, NULL));
  if (boxes != NULL)
    g_ptr_array_add (paths, boxes);
  for (guint i = 0; i < paths->len; i++)
    g_assert_nonnull (g_ptr_array_index (paths, i));

  window = cs_test_window_new (NULL);
  for (guint i = 0; i < N_WARM_UP; i++)
    open_close (window, g_ptr_array_index (paths, i % paths->len));
  g_thread_pool_set_max_idle_time (500);
  g_usleep (G_USEC_PER_SEC);
  cs_test_proc_sample (&baseline);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_OPENS; i++)
    {
      open_close (window, g_ptr_array_index (paths, i % paths->len));
      if (i % 50 == 49)
        {
          cs_test_proc_sample (&proc);
          g_test_message ("%u opens, %.1f s, RSS %" G_GINT64_FORMAT " KiB", i + 1,
                          (g_get_monotonic_time () - start) / 1e6, proc.rss_kib);
        }
    }
  g_assert_true (cs_test_wait_until (settled, &baseline, 5000));
  cs_test_proc_sample (&proc);
  g_test_message ("%d opens in the window in %.1f s; RSS %" G_GINT64_FORMAT " -> %"
                  G_GINT64_FORMAT " KiB, fds %u -> %u, threads %u -> %u", N_OPENS,
                  (g_get_monotonic_time () - start) / 1e6, baseline.rss_kib, proc.rss_kib,
                  baseline.n_fds, proc.n_fds, baseline.n_threads, proc.n_threads);
  if (cs_test_memory_is_measurable ())
    g_assert_cmpint (proc.rss_kib, <=, baseline.rss_kib + RSS_TOLERANCE_KIB);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);
  /* As the application starts. */
  cs_tune_allocator ();

  g_test_add_func ("/cs/window-limits/open-close", test_open_close);

  return cs_test_window_run ();
}
