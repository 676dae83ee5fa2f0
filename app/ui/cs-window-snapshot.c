/* cs-window-snapshot.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-snapshot"

#include "config.h"

#include "cs-core-private.h"
#include "cs-magnification.h"
#include "cs-scale-bar.h"
#include "cs-snapshot-dialog.h"
#include "cs-snapshot.h"
#include "cs-surface-texture.h"
#include "cs-toast.h"
#include "cs-ui-task.h"
#include "cs-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* Copying and exporting the view. Both render the active view's viewport,
 * rotation included, with the scale bar burned in, through the core's
 * cs_snapshot_render () in a worker (it reads tiles from disk), so the
 * window never waits: win.copy-view puts the picture on the clipboard,
 * win.export-view asks for a resolution and a file name and writes a PNG.
 * A higher resolution multiplies the viewport's zoom and size, keeping its
 * origin and rotation: the same area, in more pixels. */

typedef struct
{
  CsSlide    *slide;
  CsViewport  viewport;
  double      mpp;
  double      ui_scale;
  char       *path;      /* NULL when copying */
} SnapshotJob;

static void
snapshot_job_free (gpointer data)
{
  SnapshotJob *job = data;

  g_clear_object (&job->slide);
  g_clear_pointer (&job->path, g_free);
  g_free (job);
}

static void
surface_destroy (gpointer surface)
{
  cairo_surface_destroy (surface);
}

/**
 * cs_window_get_snapshot_viewport:
 * @factor: how many times the screen's resolution
 * @viewport: (out): the viewport to render, in output pixels
 * @ui_scale: (out): the scale of the scale bar's lines and text
 *
 * What cs_window_export_view_async () and win.copy-view render: the active
 * view's viewport with its zoom and size multiplied by @factor, and the
 * scale bar drawn at the view's scale factor times @factor, so that it
 * looks as on screen.
 *
 * Returns: %FALSE when no slide is shown
 */
gboolean
cs_window_get_snapshot_viewport (CsWindow   *self,
                                 double      factor,
                                 CsViewport *viewport,
                                 double     *ui_scale)
{
  CsSlideView *view;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (factor > 0, FALSE);

  view = _cs_window_get_ready_view (self);
  if (view == NULL || cs_slide_view_get_slide (view) == NULL)
    return FALSE;

  cs_slide_view_get_viewport (view, viewport);
  viewport->zoom *= factor;
  viewport->width = (int) round (viewport->width * factor);
  viewport->height = (int) round (viewport->height * factor);
  *ui_scale = gtk_widget_get_scale_factor (GTK_WIDGET (view)) * factor;

  return viewport->width > 0 && viewport->height > 0;
}

static void
snapshot_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SnapshotJob *job = task_data;
  g_autoptr(cairo_surface_t) surface = NULL;
  GError *error = NULL;

  surface = cs_snapshot_render (CS_TILE_SOURCE (job->slide), &job->viewport, job->mpp,
                                job->ui_scale, TRUE, cancellable, &error);
  if (surface == NULL ||
      (job->path != NULL && !cs_snapshot_save_png (surface, job->path, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&surface), surface_destroy);
}

static void
cs_window_snapshot_set_busy (CsWindow *self,
                             gboolean  busy)
{
  /* The worker may finish after the window has gone. */
  if (self->export_spinner == NULL)
    return;

  self->exporting = busy;
  gtk_widget_set_visible (self->export_cancel_button, busy);
  gtk_spinner_set_spinning (self->export_spinner, busy);
  _cs_window_actions_update (self);
}

static void
cs_window_snapshot_start (CsWindow            *self,
                          const char          *path,
                          double               factor,
                          gpointer             source_tag,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GCancellable) own = cancellable != NULL ? g_object_ref (cancellable)
                                                    : g_cancellable_new ();
  g_autoptr(GTask) task = g_task_new (self, own, callback, user_data);
  CsSlideView *view = _cs_window_get_ready_view (self);
  CsViewport viewport;
  SnapshotJob *job;
  double ui_scale;

  g_task_set_source_tag (task, source_tag);
  /* The worker's own result stands: a cancel that comes after the file
   * was written must not report "cancelled" for a file on disk. */
  g_task_set_check_cancellable (task, FALSE);

  if (!cs_window_get_snapshot_viewport (self, factor, &viewport, &ui_scale))
    {
      cs_ui_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                                                          _("There is no slide to take a picture of")));
      return;
    }

  job = g_new0 (SnapshotJob, 1);
  job->viewport = viewport;
  job->ui_scale = ui_scale;
  job->slide = g_object_ref (cs_slide_view_get_slide (view));
  job->path = g_strdup (path);
  {
    double mpp_x = 0, mpp_y = 0;

    /* The same scale as the bar on screen, rotation included. */
    cs_slide_get_mpp (job->slide, &mpp_x, &mpp_y);
    job->mpp = cs_scale_bar_effective_mpp (mpp_x, mpp_y, job->viewport.rotation);
  }

  /* What win.cancel-export cancels. */
  g_set_object (&self->snapshot_cancellable, own);
  cs_window_snapshot_set_busy (self, TRUE);
  cs_ui_task_run_in_thread (task, job, snapshot_job_free, snapshot_worker);
}

/**
 * cs_window_export_view_async:
 * @path: the PNG file to write
 * @factor: the resolution, in times the screen's
 *
 * Renders the active view as cs_window_get_snapshot_viewport () says, scale
 * bar included, and writes it to @path, in a worker. This is what
 * win.export-view does once the user has chosen the resolution and file.
 */
void
cs_window_export_view_async (CsWindow            *self,
                             const char          *path,
                             double               factor,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  cs_window_snapshot_start (self, path, factor, cs_window_export_view_async,
                            cancellable, callback, user_data);
}

gboolean
cs_window_export_view_finish (CsWindow      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  cs_window_snapshot_set_busy (self, FALSE);
  surface = cs_ui_task_propagate_pointer (G_TASK (result), error);

  return surface != NULL;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CsWindow *self = CS_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = user_data;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *text = NULL;

  if (cs_window_export_view_finish (self, result, &error))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* Translators: a toast; %s is a file name */
      text = g_strdup_printf (_("Exported “%s”"), name);
      cs_toast_show (GTK_WIDGET (self->toast_overlay),
                     cs_toast_new_for_file (text, file, CS_TOAST_OPEN));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _cs_window_toast (self, _("Export cancelled"));
  else
    {
      /* Translators: a toast; the first %s is a file name, the second the cause */
      text = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
      _cs_window_toast (self, text);
    }
}

static void
cs_window_save_response_cb (CsWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      _cs_window_toast (self, _("Could not export: choose a local file"));
      return;
    }

  g_clear_object (&self->snapshot_cancellable);
  self->snapshot_cancellable = g_cancellable_new ();
  cs_window_export_view_async (self, path, self->export_factor, self->snapshot_cancellable,
                               export_done_cb, g_strdup (path));
}

static char *
cs_window_snapshot_suggest_name (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);
  g_autofree char *base = g_strdup (cs_slide_page_get_title (page));
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  if (self->export_magnification > 0)
    return g_strdup_printf ("%s %gx.png", base, self->export_magnification);

  /* Translators: the file name suggested for an exported view; %s is the
   * slide's name without its extension */
  return g_strdup_printf (_("%s view.png"), base);
}

static void
cs_window_snapshot_choose_file (CsWindow *self)
{
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = cs_window_snapshot_suggest_name (self);
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  if (self->save_chooser == NULL)
    {
      self->save_chooser = gtk_file_chooser_native_new (_("Export View"), GTK_WINDOW (self),
                                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                                        _("_Export"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
      gtk_file_filter_set_name (png, _("PNG images"));
      gtk_file_filter_add_mime_type (png, "image/png");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), png);
      g_signal_connect_object (self->save_chooser, "response",
                               G_CALLBACK (cs_window_save_response_cb), self, G_CONNECT_SWAPPED);

      folder = g_file_new_for_path (pictures ? pictures : g_get_home_dir ());
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), folder, NULL);
    }

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
on_export_dialog_response_cb (CsWindow         *self,
                              const char       *response,
                              CsSnapshotDialog *dialog)
{
  if (g_strcmp0 (response, "export") != 0 || _cs_window_get_ready_view (self) == NULL)
    return;

  self->export_factor = cs_snapshot_dialog_get_factor (dialog);
  self->export_magnification = cs_snapshot_dialog_get_magnification (dialog);
  cs_window_snapshot_choose_file (self);
}

static void
cs_window_snapshot_export (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  CsSlideView *view = _cs_window_get_ready_view (self);
  CsSnapshotDialog *dialog;
  CsViewport viewport;

  if (view == NULL || cs_slide_view_get_slide (view) == NULL)
    return;

  cs_slide_view_get_viewport (view, &viewport);
  dialog = cs_snapshot_dialog_new (GTK_WINDOW (self), &viewport,
                                   cs_magnification_get_slide_base (cs_slide_view_get_slide (view)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CsWindow *self = CS_WINDOW (object);
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  surface = cs_ui_task_propagate_pointer (G_TASK (result), &error);
  cs_window_snapshot_set_busy (self, FALSE);

  if (surface == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: a toast; %s is the cause */
          text = g_strdup_printf (_("Could not copy the view: %s"), error->message);
          _cs_window_toast (self, text);
        }
      return;
    }

  texture = cs_surface_texture_new (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  _cs_window_toast (self, _("View copied to the clipboard"));
}

static void
cs_window_snapshot_copy (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  g_clear_object (&self->snapshot_cancellable);
  self->snapshot_cancellable = g_cancellable_new ();
  cs_window_snapshot_start (self, NULL, 1.0, cs_window_snapshot_copy,
                            self->snapshot_cancellable, copy_done_cb, NULL);
}

/* win.cancel-export: the header bar's spinner, clicked while a view is
 * being copied or exported. */
static void
cs_window_snapshot_cancel (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->snapshot_cancellable != NULL)
    g_cancellable_cancel (self->snapshot_cancellable);
}

void
_cs_window_class_snapshot_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.copy-view", NULL, cs_window_snapshot_copy);
  gtk_widget_class_install_action (widget_class, "win.export-view", NULL,
                                   cs_window_snapshot_export);
  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL,
                                   cs_window_snapshot_cancel);

  /* Ctrl+C copies the view when no annotation is selected
   * (cs-window-annotations.c). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-view", NULL);
}

void
_cs_window_snapshot_dispose (CsWindow *self)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->save_chooser);

  if (self->snapshot_cancellable != NULL)
    g_cancellable_cancel (self->snapshot_cancellable);
  g_clear_object (&self->snapshot_cancellable);

  if (chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
    }
}
