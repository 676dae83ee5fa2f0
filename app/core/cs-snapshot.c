/* cs-snapshot.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-snapshot"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-core-private.h"
#include "cs-renderer.h"
#include "cs-scale-bar.h"
#include "cs-snapshot.h"
#include "cs-utils.h"

/* Report-grade pictures of a view: the same executor as the window at any
 * resolution, with the scale bar burned in, written as PNG atomically.
 * Blocks on I/O: run in a worker (GTask) from the UI. */

#define MARGIN 12.0

/**
 * cs_snapshot_render:
 * @viewport: what to show, at the output's resolution (for a picture at
 *   twice the screen resolution, double the zoom, width and height)
 * @mpp: microns per level-0 pixel, or 0 when unknown
 * @ui_scale: size of the scale bar's text and strokes (1 = screen size)
 * @scale_bar: whether to burn the scale bar in (bottom left)
 *
 * Returns: (transfer full) (nullable): an ARGB32 image surface
 */
cairo_surface_t *
cs_snapshot_render (CsTileSource      *source,
                    const CsViewport  *viewport,
                    double             mpp,
                    double             ui_scale,
                    gboolean           scale_bar,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  double width, height;

  g_return_val_if_fail (CS_IS_TILE_SOURCE (source), NULL);
  g_return_val_if_fail (viewport != NULL, NULL);

  if (!cs_render_viewport (source, viewport, &surface, cancellable, error))
    return NULL;

  if (scale_bar)
    {
      double um_per_px = mpp > 0 ? mpp / viewport->zoom : 0;

      cr = cairo_create (surface);
      cs_scale_bar_measure (um_per_px, ui_scale, &width, &height);
      cs_scale_bar_draw (cr, MARGIN * ui_scale, viewport->height - height - MARGIN * ui_scale,
                         um_per_px, ui_scale);
      cairo_surface_flush (surface);
    }

  return g_steal_pointer (&surface);
}

/**
 * cs_snapshot_save_png:
 * @path: where to write; an existing file is replaced only once the new
 *   one is complete
 *
 * Returns: %TRUE, or %FALSE with @error set, naming @path
 */
gboolean
cs_snapshot_save_png (cairo_surface_t  *surface,
                      const char       *path,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_status_t status;
  gboolean existed;

  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* GIO replaces an existing file through a temporary one, but writes a
   * new file in place: a failed write must then remove what it began. */
  existed = g_file_test (path, G_FILE_TEST_EXISTS);

  /* g_file_replace() writes a temporary file and renames it on close. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &local_error);
  if (stream != NULL)
    {
      status = cairo_surface_write_to_png_stream (surface, cs_cairo_write_to_stream, stream);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_autoptr(GCancellable) abort = g_cancellable_new ();

          /* Closing with a cancelled cancellable drops the temporary file
           * and leaves any existing file untouched. */
          g_cancellable_cancel (abort);
          g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
          if (!existed)
            g_file_delete (file, NULL, NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot write “%s”: %s"), path, cairo_status_to_string (status));
          return FALSE;
        }
      if (g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
        return TRUE;
      if (!existed)
        g_file_delete (file, NULL, NULL);
    }

  g_set_error (error, local_error->domain, local_error->code,
               _("Cannot write “%s”: %s"), path, local_error->message);
  return FALSE;
}
