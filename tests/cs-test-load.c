/* cs-test-load.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-core-private.h"
#include "cs-test-load.h"
#include "cs-test-utils.h"

static gint64
status_kib (const char *status,
            const char *field)
{
  const char *line = strstr (status, field);

  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

void
cs_test_proc_sample (CsTestProc *out)
{
  g_autofree char *status = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  out->rss_kib = status_kib (status, "\nVmRSS:");
  out->peak_rss_kib = status_kib (status, "\nVmHWM:");
  /* The listing's own descriptor is one of them. */
  out->n_fds = count_entries ("/proc/self/fd") - 1;
  out->n_threads = count_entries ("/proc/self/task");
  g_assert_cmpint (out->rss_kib, >, 0);
  g_assert_cmpint (out->peak_rss_kib, >, 0);
}

gboolean
cs_test_memory_is_measurable (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

#if defined(__SANITIZE_ADDRESS__)
  return FALSE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return FALSE;
#endif
#endif
  /* valgrind preloads its vgpreload_*.so into the program it runs. */
  return preload == NULL || strstr (preload, "vgpreload") == NULL;
}

double
cs_test_slope (const double *x,
               const double *y,
               guint         n)
{
  double mx = 0, my = 0, sxx = 0, sxy = 0;

  if (n < 2)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      mx += x[i];
      my += y[i];
    }
  mx /= n;
  my /= n;
  for (guint i = 0; i < n; i++)
    {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }

  return sxx > 0 ? sxy / sxx : 0;
}

void
cs_test_view_init (CsTestView   *view,
                   CsTileSource *source,
                   gsize         cache_bytes,
                   guint         n_threads)
{
  view->source = g_object_ref (source);
  view->cache = cs_tile_cache_new (cache_bytes);
  view->loader = cs_tile_loader_new (source, view->cache, n_threads);
  view->renderer = cs_renderer_new ();
}

static gboolean
loader_idle (gpointer loader)
{
  return !cs_tile_loader_is_busy (loader);
}

void
cs_test_view_clear (CsTestView *view)
{
  cs_tile_loader_cancel (view->loader);
  /* Cancelled reads end without a delivery to wake the context: poll. */
  g_assert_true (cs_test_wait_until (loader_idle, view->loader, 10000));
  g_clear_object (&view->loader);
  /* Deliveries still queued hold a ref to the loader: let them run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&view->renderer);
  g_clear_object (&view->cache);
  g_clear_object (&view->source);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

cairo_surface_t *
cs_test_view_draw (CsTestView       *view,
                   const CsViewport *viewport,
                   guint             timeout_ms,
                   guint            *n_failed,
                   gboolean         *complete)
{
  cairo_surface_t *frame = NULL;
  g_autoptr(CsRenderPlan) plan = NULL;
  g_autoptr(cairo_t) cr = NULL;
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  plan = cs_render_plan_compute (viewport, view->source, view->cache);
  while (!plan->complete && !timed_out)
    {
      g_autoptr(GArray) requests = cs_render_plan_get_requests (plan);

      cs_tile_loader_request (view->loader, requests);
      /* One delivery (or the timeout) at a time, then plan again. */
      g_main_context_iteration (NULL, TRUE);
      g_clear_pointer (&plan, cs_render_plan_free);
      plan = cs_render_plan_compute (viewport, view->source, view->cache);
    }
  if (!timed_out)
    g_source_remove (timeout);

  frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, viewport->width, viewport->height);
  cr = cairo_create (frame);
  cs_renderer_draw (view->renderer, plan, cr);
  cairo_surface_flush (frame);
  if (n_failed != NULL)
    *n_failed = plan->n_failed;
  if (complete != NULL)
    *complete = plan->complete;

  return frame;
}

guint
cs_test_count_error_pixels (cairo_surface_t *frame)
{
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (frame); y++)
    for (int x = 0; x < cairo_image_surface_get_width (frame); x++)
      {
        guint32 p;

        memcpy (&p, data + (gsize) y * stride + (gsize) x * 4, 4);
        /* The hatching's red (0.85, 0.15, 0.15), opaque. */
        if ((p >> 24) == 0xff && ((p >> 16) & 0xff) > 0xc0 && ((p >> 8) & 0xff) < 0x50 &&
            (p & 0xff) < 0x50)
          n++;
      }

  return n;
}
