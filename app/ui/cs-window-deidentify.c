/* cs-window-deidentify.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-deidentify"

#include "config.h"

#include "cs-cases.h"
#include "cs-deidentify.h"
#include "cs-window-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

/* win.deidentify: a de-identified copy of the selected tab's slide. It asks
 * for the copy's file (never suggesting the original's name, which may
 * hold an accession number), then runs cs_deidentify_slide () in a worker
 * while a CsDeidentifyDialog shows progress and, at the end, the summary
 * or the refusal. Cancel, closing the dialog, the tab or the window cancel
 * the worker; the core then removes its temporary file, and a copy that
 * was renamed into place just before the cancellation is removed here, so
 * that a cancelled copy leaves nothing. The application is held while the
 * worker runs, so that quitting waits for it to clean up. */

/* The worker's task's data: the worker may drop the last reference to the
 * task, so it holds nothing of the UI (see cs-ui-task.c). */
typedef struct
{
  char         *in;
  char         *out;
  CsSlide      *original;
} DeidentifyJob;

/* The callback's data, released on the main thread. */
typedef struct
{
  GWeakRef      window;
  GApplication *application;   /* held, may be NULL */
} DeidentifyCaller;

static void
deidentify_caller_free (DeidentifyCaller *caller)
{
  g_weak_ref_clear (&caller->window);
  if (caller->application != NULL)
    g_application_release (caller->application);
  g_clear_object (&caller->application);
  g_free (caller);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeidentifyCaller, deidentify_caller_free)

static void
deidentify_job_free (gpointer data)
{
  DeidentifyJob *job = data;

  g_clear_object (&job->original);
  g_clear_pointer (&job->in, g_free);
  g_clear_pointer (&job->out, g_free);
  g_free (job);
}

static void
report_free (gpointer report)
{
  cs_deidentify_report_free (report);
}

static void
deidentify_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DeidentifyJob *job = task_data;
  CsDeidentifyReport *report = NULL;
  GError *error = NULL;

  if (!cs_deidentify_slide (job->in, job->out, &report, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, report_free);
}

static void
deidentify_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DeidentifyCaller) caller = user_data;
  g_autoptr(CsWindow) self = g_weak_ref_get (&caller->window);
  DeidentifyJob *job = g_task_get_task_data (G_TASK (result));
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(CsDeidentifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = g_file_new_for_path (job->out);
  CsDeidentifyDialog *dialog;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled after the worker's last check (check-cancellable is off, so
   * that its success shows): the copy is complete, but unwanted. */
  if (report != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_unlink (job->out);
      g_clear_pointer (&report, cs_deidentify_report_free);
    }

  /* The window may have gone while the worker finished. */
  if (self == NULL || self->toast_overlay == NULL)
    return;

  dialog = self->deidentify_dialog;
  g_clear_weak_pointer (&self->deidentify_dialog);
  g_clear_weak_pointer (&self->deidentify_page);
  g_clear_object (&self->deidentify_cancellable);
  _cs_window_actions_update (self);

  if (dialog == NULL)
    return;
  if (g_cancellable_is_cancelled (cancellable))
    gtk_window_destroy (GTK_WINDOW (dialog));
  else if (report != NULL)
    cs_deidentify_dialog_show_report (dialog, report, job->original, copy);
  else
    cs_deidentify_dialog_show_error (dialog, error);
}

static void
on_open_copy_cb (CsWindow           *self,
                 GFile              *copy,
                 CsDeidentifyDialog *dialog)
{
  cs_window_open (self, copy);
}

/**
 * cs_window_deidentify:
 * @path: the de-identified copy to write; not the slide itself
 *
 * Writes a de-identified copy of the selected tab's slide to @path in a
 * worker, showing its progress, then the summary, in a dialog. This is
 * what win.deidentify does once the user has chosen the file.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when no slide
 *   is open or a copy is being written already
 */
CsDeidentifyDialog *
cs_window_deidentify (CsWindow   *self,
                      const char *path)
{
  g_autoptr(GTask) task = NULL;
  CsSlidePage *page;
  CsDeidentifyDialog *dialog;
  DeidentifyJob *job;
  GtkApplication *application;
  DeidentifyCaller *caller;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  page = _cs_window_get_page (self);
  if (_cs_window_get_ready_view (self) == NULL || self->deidentify_cancellable != NULL)
    return NULL;

  self->deidentify_cancellable = g_cancellable_new ();
  dialog = cs_deidentify_dialog_new (GTK_WINDOW (self), self->deidentify_cancellable);
  g_object_bind_property (self, "privacy-mode", cs_deidentify_dialog_get_summary (dialog),
                          "privacy-mode", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (dialog, "open-copy", G_CALLBACK (on_open_copy_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->deidentify_dialog, dialog);
  g_set_weak_pointer (&self->deidentify_page, page);

  job = g_new0 (DeidentifyJob, 1);
  job->original = g_object_ref (cs_slide_page_get_slide (page));
  job->in = g_strdup (cs_slide_get_path (job->original));
  job->out = g_strdup (path);

  /* Not the task's source object: closing the window must dispose it,
   * which cancels the worker, without waiting for it. */
  caller = g_new0 (DeidentifyCaller, 1);
  g_weak_ref_init (&caller->window, self);
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application != NULL)
    {
      caller->application = g_object_ref (G_APPLICATION (application));
      g_application_hold (caller->application);
    }
  task = g_task_new (NULL, self->deidentify_cancellable, deidentify_done_cb, caller);
  g_task_set_source_tag (task, cs_window_deidentify);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, deidentify_job_free);
  g_task_run_in_thread (task, deidentify_worker);

  _cs_window_actions_update (self);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/* The case's name for the slide when it is in a case ("A1-HE"), else
 * "deidentified", with the slide's extension: never its file name. */
static char *
suggest_name (CsWindow *self)
{
  CsSlidePage *page = _cs_window_get_page (self);
  g_autofree char *base = g_file_get_basename (cs_slide_page_get_file (page));
  const char *sha256 = cs_slide_get_sha256 (cs_slide_page_get_slide (page));
  const char *dot = strrchr (base, '.');
  g_autofree char *stem = NULL;

  if (sha256 != NULL)
    {
      g_autoptr(GPtrArray) cases = cs_case_store_find_by_slide (cs_cases_get_default (), sha256);
      const CsCaseSlide *entry = cases->len > 0 ? cs_case_find_slide (cases->pdata[0], sha256)
                                                : NULL;

      if (entry != NULL && entry->slide_id != NULL && *entry->slide_id != '\0')
        stem = g_strcanon (g_strdup (entry->slide_id),
                           G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "-_", '_');
    }
  if (stem == NULL)
    /* Translators: the file name suggested for a de-identified copy,
     * without its extension */
    stem = g_strdup (_("deidentified"));

  return g_strconcat (stem, dot != NULL && dot != base ? dot : "", NULL);
}

static void
deidentify_response_cb (CsWindow             *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  CsSlidePage *page = _cs_window_get_page (self);

  if (response != GTK_RESPONSE_ACCEPT || page == NULL)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      _cs_window_toast (self, _("Could not save the copy: choose a local file"));
      return;
    }
  if (g_file_equal (file, cs_slide_page_get_file (page)))
    {
      _cs_window_toast (self, _("The copy cannot replace the original slide: choose another "
                                "file name"));
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }

  cs_window_deidentify (self, path);
}

static void
cs_window_deidentify_activate (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autofree char *name = NULL;

  if (_cs_window_get_ready_view (self) == NULL || self->deidentify_cancellable != NULL)
    return;

  if (self->deidentify_chooser == NULL)
    {
      self->deidentify_chooser =
        gtk_file_chooser_native_new (_("Save De-identified Copy"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->deidentify_chooser), TRUE);
      g_signal_connect_object (self->deidentify_chooser, "response",
                               G_CALLBACK (deidentify_response_cb), self, G_CONNECT_SWAPPED);
    }
  if (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (self->deidentify_chooser)))
    return;

  name = suggest_name (self);
  _cs_window_set_chooser_folder (self, GTK_FILE_CHOOSER (self->deidentify_chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->deidentify_chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->deidentify_chooser));
}

/* Closing the window cancels the copy (close-request comes before the
 * window is destroyed, while the worker may still report success). */
void
_cs_window_deidentify_cancel (CsWindow *self)
{
  if (self->deidentify_cancellable != NULL)
    g_cancellable_cancel (self->deidentify_cancellable);
}

/* A tab closing cancels the copy of its slide. */
void
_cs_window_deidentify_page_closed (CsWindow    *self,
                                   CsSlidePage *page)
{
  if (page == self->deidentify_page)
    _cs_window_deidentify_cancel (self);
}

void
_cs_window_class_deidentify_init (CsWindowClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.deidentify", NULL,
                                   cs_window_deidentify_activate);
}

void
_cs_window_deidentify_dispose (CsWindow *self)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->deidentify_chooser);

  _cs_window_deidentify_cancel (self);
  g_clear_object (&self->deidentify_cancellable);
  g_clear_weak_pointer (&self->deidentify_dialog);
  g_clear_weak_pointer (&self->deidentify_page);
  if (chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
    }
}
