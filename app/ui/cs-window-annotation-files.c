/* cs-window-annotation-files.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-window-annotations"

#include "config.h"

#include "cs-settings.h"
#include "cs-toast.h"
#include "cs-ui-task.h"
#include "cs-window-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

/* win.import-annotations and win.export-annotations. A file is read in a
 * worker, whole, whatever its format (detected from its content); only
 * then, on the main thread, is anything added, in one undo step, "Import
 * Annotations": a file that cannot be read adds nothing and says why in a
 * dialog naming the file. Annotations reaching beyond the slide were
 * likely made for another one: the user is asked first. Export writes the
 * tab's annotations in a worker (frozen annotations are immutable), in the
 * format chosen in the save dialog.
 *
 * Objects are created, mutated, and emit signals on the main thread only.
 * Workers read or write files and build new unlisted annotations; results
 * come back through GTask on the main thread. */

/* The window's task's data, main thread only: the worker is given a copy
 * of the path and returns what it read (see cs-ui-task.c). */
typedef struct
{
  CsSlidePage        *page;          /* weak: the tab may close meanwhile */
  CsAnnotationList   *list;          /* the list imported into */
  char               *path;
  CsAnnotationImport *import;
} ImportData;

static void
import_free (gpointer import)
{
  cs_annotation_import_free (import);
}

static void
import_data_free (gpointer data)
{
  ImportData *import_data = data;

  g_clear_weak_pointer (&import_data->page);
  g_clear_object (&import_data->list);
  g_clear_pointer (&import_data->path, g_free);
  g_clear_pointer (&import_data->import, cs_annotation_import_free);
  g_free (import_data);
}

static void
cs_window_show_error (CsWindow   *self,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  CsAnnotationImport *import = cs_annotation_import_file (path, cancellable, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, import_free);
}

/* Adds everything read, as one step; warnings about what was not kept
 * exactly are listed afterwards. */
static void
cs_window_import_apply (CsWindow   *self,
                        ImportData *data)
{
  CsAnnotationImport *import = data->import;
  g_autofree char *name = g_filename_display_basename (data->path);
  g_autofree char *toast = NULL;
  guint before = g_list_model_get_n_items (G_LIST_MODEL (data->list));
  guint n;

  /* A file exported from this slide comes back as copies, not as
   * nothing: ids already listed are replaced. */
  cs_annotation_import_prepare_for (import, data->list);
  _cs_window_add_import_classes (import);
  cs_annotation_list_add_many (data->list, import->annotations, _("Import Annotations"));
  n = g_list_model_get_n_items (G_LIST_MODEL (data->list)) - before;

  if (import->warnings->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *heading = NULL;

      for (guint i = 0; i < MIN (import->warnings->len, 10); i++)
        g_string_append_printf (body, "%s• %s", i > 0 ? "\n" : "",
                                (const char *) g_ptr_array_index (import->warnings, i));
      if (import->warnings->len > 10)
        g_string_append_printf (body, "\n%s", _("…and more"));
      heading = g_strdup_printf (ngettext ("%u Annotation Imported With Changes",
                                           "%u Annotations Imported With Changes", n), n);
      cs_window_show_error (self, heading, body->str);
      return;
    }

  /* Translators: a toast; %u is a count, %s a file name */
  toast = g_strdup_printf (ngettext ("%u annotation imported from “%s”",
                                     "%u annotations imported from “%s”", n), n, name);
  _cs_window_toast (self, toast);
}

static void
on_exceeds_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GTask            *task)
{
  CsWindow *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);

  /* The tab may have been reloaded (a new list) while the user read. */
  if (g_str_equal (response, "add") && data->page != NULL &&
      cs_slide_page_get_annotation_list (data->page) == data->list)
    cs_window_import_apply (self, data);
  g_object_unref (task);
}

/* When the user is asked first, the dialog finishes. */
static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CsWindow *self = CS_WINDOW (object);
  GTask *task = G_TASK (result);
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (data->path);
  CsSlide *slide;
  gint64 width, height;

  data->import = cs_ui_task_propagate_pointer (task, &error);
  if (data->import == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->toast_overlay)
        cs_window_show_error (self, _("Could Not Import Annotations"), error->message);
      return;
    }

  if (data->page == NULL || (slide = cs_slide_page_get_slide (data->page)) == NULL ||
      cs_slide_page_get_annotation_list (data->page) != data->list)
    return;

  if (data->import->annotations->len == 0)
    {
      g_autofree char *toast = g_strdup_printf (_("“%s” holds no annotations"), name);

      _cs_window_toast (self, toast);
      return;
    }

  cs_slide_get_level_size (slide, 0, &width, &height);
  if (cs_annotation_import_exceeds (data->import, width, height))
    {
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      body = g_strdup_printf (_("“%s” has annotations outside this slide’s %" PRId64
                                " × %" PRId64 " pixels: it was probably made for "
                                "another slide."), name, width, height);
      dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                       _("These annotations reach beyond this slide"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "add", _("_Add Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (on_exceeds_response_cb),
                        g_object_ref (task));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  cs_window_import_apply (self, data);
}

/**
 * cs_window_import_annotations:
 * @path: an annotation file in any format Consilium reads
 *
 * Imports @path into the selected tab's annotations, in the background;
 * the outcome is shown in a toast or a dialog.
 */
void
cs_window_import_annotations (CsWindow   *self,
                              const char *path)
{
  CsSlidePage *page = _cs_window_get_page (self);
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (page == NULL || cs_slide_page_get_annotation_list (page) == NULL)
    return;

  if (self->import_cancellable == NULL)
    self->import_cancellable = g_cancellable_new ();

  data = g_new0 (ImportData, 1);
  g_set_weak_pointer (&data->page, page);
  data->list = g_object_ref (cs_slide_page_get_annotation_list (page));
  data->path = g_strdup (path);

  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, cs_window_import_annotations);
  g_task_set_task_data (task, data, import_data_free);
  cs_ui_task_run_in_thread (task, g_strdup (path), g_free, import_thread);
}

static void
cs_window_add_annotation_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) files = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (files, _("Annotation files (GeoJSON, ASAP, ImageScope, HistomicsUI)"));
  gtk_file_filter_add_suffix (files, "geojson");
  gtk_file_filter_add_suffix (files, "json");
  gtk_file_filter_add_suffix (files, "xml");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, files);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, files);
}

static void
import_response_cb (CsWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path != NULL)
    cs_window_import_annotations (self, path);
}

static void
cs_window_annotations_import (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->import_chooser == NULL)
    {
      self->import_chooser = gtk_file_chooser_native_new (_("Import Annotations"),
                                                          GTK_WINDOW (self),
                                                          GTK_FILE_CHOOSER_ACTION_OPEN,
                                                          _("_Import"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->import_chooser), TRUE);
      cs_window_add_annotation_filters (GTK_FILE_CHOOSER (self->import_chooser));
      g_signal_connect_object (self->import_chooser, "response", G_CALLBACK (import_response_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (!gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (self->import_chooser)))
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

/* Export -------------------------------------------------------------- */

typedef struct
{
  GPtrArray          *annotations;
  CsAnnotationFormat  format;
  char               *path;
  char               *sha256;
  GHashTable         *class_colors;
  CsAnnotationExport  context;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export_data = data;

  g_clear_pointer (&export_data->annotations, g_ptr_array_unref);
  g_clear_pointer (&export_data->path, g_free);
  g_clear_pointer (&export_data->sha256, g_free);
  g_clear_pointer (&export_data->class_colors, g_hash_table_unref);
  g_free (export_data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (cs_annotation_export_file (data->annotations, data->format, &data->context, data->path,
                                 &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CsWindow *self = CS_WINDOW (object);
  ExportData *data = cs_ui_task_get_thread_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (data->path);
  g_autofree char *toast = NULL;
  g_autoptr(GFile) file = NULL;
  guint n = data->annotations->len;

  if (self->toast_overlay == NULL)
    return;

  if (!cs_ui_task_propagate_boolean (G_TASK (result), &error))
    {
      cs_window_show_error (self, _("Could not export annotations"), error->message);
      return;
    }

  /* Translators: a toast; %u is a count, %s a file name */
  toast = g_strdup_printf (ngettext ("%u annotation exported to “%s”",
                                     "%u annotations exported to “%s”", n), n, name);
  file = g_file_new_for_path (data->path);
  cs_toast_show (GTK_WIDGET (self->toast_overlay),
                 cs_toast_new_for_file (toast, file, CS_TOAST_SHOW_IN_FILES));
}

/* @path with @format's suffix, added when missing. */
static char *
export_path (const char         *path,
             CsAnnotationFormat  format)
{
  const char *suffix = cs_annotation_format_get_suffix (format);

  return suffix != NULL && !g_str_has_suffix (path, suffix) ? g_strconcat (path, suffix, NULL)
                                                            : g_strdup (path);
}

/**
 * cs_window_export_annotations:
 * @path: where to write; the format's suffix is added when missing
 *
 * Writes the selected tab's annotations to @path in the background.
 */
void
cs_window_export_annotations (CsWindow           *self,
                              const char         *path,
                              CsAnnotationFormat  format)
{
  CsSlidePage *page = _cs_window_get_page (self);
  CsAnnotationList *list = page ? cs_slide_page_get_annotation_list (page) : NULL;
  g_autoptr(GTask) task = NULL;
  CsCalibration calibration;
  ExportData *data;
  guint n;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (list == NULL)
    return;

  data = g_new0 (ExportData, 1);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  data->annotations = g_ptr_array_new_full (n, g_object_unref);
  /* Temporary rulers are never written: not counted as exported either. */
  for (guint i = 0; i < n; i++)
    {
      CsAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (cs_annotation_get_temporary (annotation))
        g_object_unref (annotation);
      else
        g_ptr_array_add (data->annotations, annotation);
    }
  data->format = format;
  data->path = export_path (path, format);
  data->sha256 = g_strdup (cs_slide_page_get_annotation_sha256 (page));
  data->class_colors = _cs_window_class_colors ();
  cs_slide_page_get_calibration (page, &calibration);
  cs_slide_get_level_size (cs_slide_page_get_slide (page), 0, &data->context.slide_width,
                           &data->context.slide_height);
  data->context.slide_sha256 = data->sha256;
  data->context.microns_per_pixel = calibration.mpp_x;
  data->context.class_colors = data->class_colors;

  task = g_task_new (self, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, cs_window_export_annotations);
  cs_ui_task_run_in_thread (task, data, export_data_free, export_thread);
}

static const CsAnnotationFormat export_formats[] = {
  CS_ANNOTATION_FORMAT_GEOJSON,
  CS_ANNOTATION_FORMAT_ASAP,
  CS_ANNOTATION_FORMAT_IMAGESCOPE,
};

static void
on_replace_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CsWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "cs-path");
  CsAnnotationFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cs-format"));

  if (g_str_equal (response, "replace"))
    cs_window_export_annotations (self, path, format);
}

/* The chooser confirmed replacing the name it was given; when the format's
 * suffix is added to it and that file exists, the user is asked here. */
static void
export_confirm_replace (CsWindow           *self,
                        const char         *path,
                        CsAnnotationFormat  format)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                              _("A file with this name exists already. Replacing it "
                                                "overwrites its contents."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cs-path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (dialog), "cs-format", GINT_TO_POINTER (format));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (CsWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *final = NULL;
  const char *choice;
  CsAnnotationFormat format = CS_ANNOTATION_FORMAT_GEOJSON;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
  if (choice != NULL)
    cs_annotation_format_from_string (choice, &format);
  if (path == NULL)
    return;
  final = export_path (path, format);
  if (!g_str_equal (final, path) && g_file_test (final, G_FILE_TEST_EXISTS))
    export_confirm_replace (self, final, format);
  else
    cs_window_export_annotations (self, final, format);
}

static void
cs_window_annotations_export (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  CsSlidePage *page = _cs_window_get_page (self);
  const char *ids[G_N_ELEMENTS (export_formats) + 1] = { NULL, };
  const char *labels[G_N_ELEMENTS (export_formats) + 1] = { NULL, };
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  CsAnnotationFormat format = CS_ANNOTATION_FORMAT_GEOJSON;
  const char *choice;
  char *dot;

  if (page == NULL || cs_slide_page_get_slide (page) == NULL)
    return;

  if (self->export_chooser == NULL)
    {
      self->export_chooser = gtk_file_chooser_native_new (_("Export Annotations"),
                                                          GTK_WINDOW (self),
                                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                                          _("_Export"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
        {
          ids[i] = cs_annotation_format_to_string (export_formats[i]);
          labels[i] = cs_annotation_format_get_label (export_formats[i]);
        }
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->export_chooser), "format",
                                   _("Format"), ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->export_chooser), "format", ids[0]);
      g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (export_response_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (self->export_chooser)))
    return;

  /* The slide's name, without its suffix: the format adds its own. */
  base = g_strdup (cs_slide_page_get_title (page));
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  /* With the chosen format's suffix, so that the chooser's own question
   * before replacing a file applies. */
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (self->export_chooser), "format");
  if (choice != NULL)
    cs_annotation_format_from_string (choice, &format);
  name = g_strconcat (base, "-annotations", cs_annotation_format_get_suffix (format), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

void
_cs_window_class_annotation_files_init (CsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.import-annotations", NULL,
                                   cs_window_annotations_import);
  gtk_widget_class_install_action (widget_class, "win.export-annotations", NULL,
                                   cs_window_annotations_export);
}

static void
destroy_chooser (CsWindow              *self,
                 GtkFileChooserNative **chooser)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (chooser);

  if (owned == NULL)
    return;

  g_signal_handlers_disconnect_by_data (owned, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (owned));
}

void
_cs_window_annotation_files_dispose (CsWindow *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  destroy_chooser (self, &self->import_chooser);
  destroy_chooser (self, &self->export_chooser);
}
