/* cs-package-import-dialog.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-import-dialog"

#include "config.h"

#include "cs-annotation-store.h"
#include "cs-cases.h"
#include "cs-package-import-private.h"
#include "cs-settings.h"
#include "cs-ui-task.h"
#include "cs-window-package.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

/* The import's steps: the package read and verified for the preview
 * (cs_package_inspect for the manifest, cs_package_inspect_opinions for
 * each opinion's trust, shown before importing), the passphrase asked
 * for, the import prepared in a worker and committed here.
 *
 * Objects are created, mutated, and emit signals on the main thread only.
 * The workers never see the dialog (see cs-ui-task.c): they are given its
 * path, a copy of its passphrase and its options, whose strings the dialog
 * keeps, unchanged, until its task completes (it shows its progress page);
 * the commit, which changes the cases and the open tabs' annotations, runs
 * on the main thread. The passphrase is wiped once the import is done or
 * abandoned. */

G_DEFINE_FINAL_TYPE (CsPackageImportDialog, cs_package_import_dialog, ADW_TYPE_WINDOW)

static void
cs_package_import_dialog_wipe (CsPackageImportDialog *self)
{
  if (self->passphrase != NULL)
    memset (self->passphrase, 0, strlen (self->passphrase));
  g_clear_pointer (&self->passphrase, g_free);
}

static void
cs_package_import_dialog_update (CsPackageImportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean sensitive = TRUE;

  if (g_strcmp0 (page, "passphrase") == 0)
    sensitive = *gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)) != '\0';
  gtk_widget_set_sensitive (GTK_WIDGET (self->action_button), sensitive);
}

void
_cs_package_import_dialog_show (CsPackageImportDialog *self,
                                const char            *page)
{
  gboolean progress = g_str_equal (page, "progress");
  gboolean asks = g_str_equal (page, "passphrase") || g_str_equal (page, "preview");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, progress);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), progress || asks);
  gtk_widget_set_visible (GTK_WIDGET (self->action_button), !progress);
  if (g_str_equal (page, "passphrase"))
    gtk_button_set_label (self->action_button, _("_Unlock"));
  else if (g_str_equal (page, "preview"))
    gtk_button_set_label (self->action_button, _("_Import"));
  else
    gtk_button_set_label (self->action_button, _("_Close"));
  if (asks)
    gtk_widget_add_css_class (GTK_WIDGET (self->action_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->action_button), "suggested-action");
  gtk_widget_set_visible (GTK_WIDGET (self->open_slides_button), FALSE);
  if (g_str_equal (page, "passphrase"))
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  cs_package_import_dialog_update (self);
}

static void
cs_package_import_dialog_fail (CsPackageImportDialog *self,
                               const char            *title,
                               const GError          *error)
{
  g_autofree char *text = g_strdup_printf ("%s\n\n%s", error->message,
                                           _("Nothing was imported."));

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, text);
  cs_package_import_dialog_wipe (self);
  _cs_package_import_dialog_show (self, "error");
}

/* Reading the manifest. */

/* What the preview's worker read: the manifest, and the opinions with
 * their trust checked (the package verified). */
typedef struct
{
  CsPackageManifest *manifest;
  GPtrArray         *opinions;
} Inspected;

static void
inspected_free (gpointer data)
{
  Inspected *inspected = data;

  g_clear_pointer (&inspected->manifest, cs_package_manifest_free);
  g_clear_pointer (&inspected->opinions, g_ptr_array_unref);
  g_free (inspected);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Inspected, inspected_free)

static void
import_free (gpointer data)
{
  cs_package_import_free (data);
}

/* What a worker reads: never the dialog. */
typedef struct
{
  CsPackageImportOptions  options;
  char                   *path;
  char                   *passphrase;
} Job;

static Job *
job_new (CsPackageImportDialog *self)
{
  Job *job = g_new0 (Job, 1);

  job->options = self->options;
  job->path = g_strdup (self->path);
  job->passphrase = g_strdup (self->passphrase);

  return job;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->passphrase != NULL)
    memset (job->passphrase, 0, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job->path);
  g_free (job);
}

static void
inspect_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(Inspected) inspected = g_new0 (Inspected, 1);
  GError *error = NULL;

  inspected->manifest = cs_package_inspect (job->path, job->passphrase, FALSE, cancellable,
                                            &error);
  if (inspected->manifest != NULL)
    inspected->opinions = cs_package_inspect_opinions (job->path, job->passphrase,
                                                       cancellable, &error);
  if (inspected->opinions == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&inspected), inspected_free);
}

static void
inspect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CsPackageImportDialog *self = CS_PACKAGE_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(Inspected) inspected = cs_ui_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed)
    return;
  if (inspected != NULL)
    {
      self->manifest = g_steal_pointer (&inspected->manifest);
      self->inspected = g_steal_pointer (&inspected->opinions);
      _cs_package_import_dialog_build_preview (self);
      _cs_package_import_dialog_show (self, "preview");
    }
  else if (g_error_matches (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_PASSPHRASE) ||
           g_error_matches (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_WRONG_PASSPHRASE))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->passphrase_error),
                              error->code == CS_PACKAGE_ERROR_WRONG_PASSPHRASE);
      cs_package_import_dialog_wipe (self);
      _cs_package_import_dialog_show (self, "passphrase");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_window_destroy (GTK_WINDOW (self));
  else
    cs_package_import_dialog_fail (self, _("Could Not Read the Package"), error);
}

static void
cs_package_import_dialog_inspect (CsPackageImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_reset (self->cancellable);
  task = g_task_new (self, self->cancellable, inspect_done_cb, NULL);

  g_task_set_source_tag (task, cs_package_import_dialog_inspect);
  adw_status_page_set_title (self->progress_page, _("Reading the Package…"));
  _cs_package_import_dialog_show (self, "progress");
  cs_ui_task_run_in_thread (task, job_new (self), job_free, inspect_thread);
}

/* Importing: prepared in a worker, committed here. */

static CsAnnotationList *
cs_package_import_dialog_live_list (const char *sha256,
                                    gpointer    user_data)
{
  return cs_window_find_annotation_list (sha256);
}

static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  CsPackageImport *import;
  GError *error = NULL;

  if (job->options.slide_directory != NULL &&
      g_mkdir_with_parents (job->options.slide_directory, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not make the folder “%s”: %s"),
                               job->options.slide_directory, g_strerror (saved));
      return;
    }
  /* The options' strings are the dialog's: the import is committed with
   * them, on the main thread, before the dialog can go. */
  import = cs_package_import_prepare (&job->options, job->path, cancellable, &error);
  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, import_free);
}

static void
cs_package_import_dialog_remember_folder (CsPackageImportDialog *self)
{
  GSettings *settings = cs_settings_get_default ();

  if (settings != NULL && self->options.slide_directory != NULL)
    g_settings_set_string (settings, "package-slide-folder", self->options.slide_directory);
}

static gboolean
cs_package_import_dialog_has_slides (CsPackageImportResult *result)
{
  for (guint i = 0; i < result->slides->len; i++)
    if (((CsPackageSlideResult *) g_ptr_array_index (result->slides, i))->path != NULL)
      return TRUE;

  return FALSE;
}

static void
prepare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CsPackageImportDialog *self = CS_PACKAGE_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsPackageImport) import = cs_ui_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed)
    return;
  if (import == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _cs_package_import_dialog_show (self, "preview");
      return;
    }
  if (import != NULL)
    {
      _cs_package_import_dialog_note_before (self);
      self->result = cs_package_import_commit (import, &error);
    }
  if (self->result == NULL)
    {
      cs_package_import_dialog_fail (self, _("Could Not Import the Package"), error);
      return;
    }
  cs_package_import_dialog_wipe (self);
  cs_package_import_dialog_remember_folder (self);
  _cs_package_import_dialog_build_result (self);
  _cs_package_import_dialog_show (self, "result");
  gtk_widget_set_visible (GTK_WIDGET (self->open_slides_button),
                          cs_package_import_dialog_has_slides (self->result));
}

static void
cs_package_import_dialog_import (CsPackageImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  gboolean has_files = FALSE;

  g_cancellable_reset (self->cancellable);
  task = g_task_new (self, self->cancellable, prepare_done_cb, NULL);

  g_free (self->receiver_author);
  self->receiver_author = cs_settings_dup_author ();
  for (guint i = 0; i < self->manifest->slides->len; i++)
    has_files |= ((CsPackageSlide *) g_ptr_array_index (self->manifest->slides, i))->file != NULL;
  self->options = (CsPackageImportOptions) {
    .cases = cs_cases_get_default (),
    .annotation_directory = self->annotation_directory,
    .list_func = cs_package_import_dialog_live_list,
    .slide_directory = has_files ? self->slide_folder : NULL,
    .search_folders = (const char * const *) self->search_folders->pdata,
    .passphrase = self->passphrase,
    .receiver_author = self->receiver_author,
  };
  g_task_set_source_tag (task, cs_package_import_dialog_import);
  adw_status_page_set_title (self->progress_page, _("Importing…"));
  _cs_package_import_dialog_show (self, "progress");
  cs_ui_task_run_in_thread (task, job_new (self), job_free, prepare_thread);
}

static void
on_action_clicked_cb (CsPackageImportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->action_button)))
    return;
  if (g_strcmp0 (page, "passphrase") == 0)
    {
      cs_package_import_dialog_wipe (self);
      self->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
      gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
      cs_package_import_dialog_inspect (self);
    }
  else if (g_strcmp0 (page, "preview") == 0)
    cs_package_import_dialog_import (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (CsPackageImportDialog *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "progress") == 0)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
cs_package_import_dialog_is_open (CsWindow *window,
                                  GFile    *file)
{
  for (guint i = 0; i < cs_window_get_n_pages (window); i++)
    if (g_file_equal (cs_slide_page_get_file (cs_window_get_nth_page (window, i)), file))
      return TRUE;

  return FALSE;
}

/* Opens the slides the import stored or found, in the window, those not
 * open already. */
static void
on_open_slides_clicked_cb (CsPackageImportDialog *self)
{
  CsWindow *window = self->window;

  if (window != NULL && self->result != NULL)
    for (guint i = 0; i < self->result->slides->len; i++)
      {
        CsPackageSlideResult *slide = g_ptr_array_index (self->result->slides, i);
        g_autoptr(GFile) file = slide->path ? g_file_new_for_path (slide->path) : NULL;

        if (file != NULL && !cs_package_import_dialog_is_open (window, file))
          cs_window_open (window, file);
      }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cs_package_import_dialog_dispose (GObject *object)
{
  CsPackageImportDialog *self = CS_PACKAGE_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (cs_package_import_dialog_parent_class)->dispose (object);
}

static void
cs_package_import_dialog_finalize (GObject *object)
{
  CsPackageImportDialog *self = CS_PACKAGE_IMPORT_DIALOG (object);

  cs_package_import_dialog_wipe (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->manifest, cs_package_manifest_free);
  g_clear_pointer (&self->inspected, g_ptr_array_unref);
  g_clear_pointer (&self->before, g_hash_table_unref);
  g_clear_pointer (&self->receiver_author, g_free);
  g_clear_pointer (&self->slide_folder, g_free);
  g_clear_pointer (&self->search_folders, g_ptr_array_unref);
  g_clear_pointer (&self->search_rows, g_ptr_array_unref);
  g_clear_pointer (&self->annotation_directory, g_free);
  g_clear_pointer (&self->result, cs_package_import_result_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cs_package_import_dialog_parent_class)->finalize (object);
}

static void
cs_package_import_dialog_class_init (CsPackageImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_package_import_dialog_dispose;
  object_class->finalize = cs_package_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/"
                                               "cs-package-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, action_button);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, open_slides_button);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, passphrase_error);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, preview_box);
  gtk_widget_class_bind_template_child (widget_class, CsPackageImportDialog, result_box);
  gtk_widget_class_bind_template_callback (widget_class, on_action_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_slides_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
on_passphrase_changed_cb (CsPackageImportDialog *self)
{
  cs_package_import_dialog_update (self);
}

static void
cs_package_import_dialog_init (CsPackageImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->search_folders = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->annotation_directory = cs_annotation_store_default_directory ();
  g_signal_connect_swapped (self->passphrase_row, "changed",
                            G_CALLBACK (on_passphrase_changed_cb), self);
}

/**
 * cs_package_import_dialog_new:
 * @window: the window importing: its tabs receive annotations
 * @path: the package
 *
 * Returns: (transfer none): the dialog, shown, reading the package
 */
CsPackageImportDialog *
cs_package_import_dialog_new (CsWindow   *window,
                              const char *path)
{
  CsPackageImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CS_TYPE_PACKAGE_IMPORT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->path = g_strdup (path);
  name = g_path_get_basename (path);
  adw_window_title_set_subtitle (self->window_title, name);
  self->slide_folder = _cs_package_import_dialog_default_folder ();
  _cs_package_import_dialog_add_recent_folders (self);
  cs_package_import_dialog_inspect (self);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}
