/* cs-package-export-send.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-export-dialog"

#include "config.h"

#include "cs-annotation-store.h"
#include "cs-deidentify-summary.h"
#include "cs-package-export-private.h"
#include "cs-package-rows.h"
#include "cs-package.h"
#include "cs-ui-task.h"
#include "cs-widget-utils.h"
#include "cs-window-package.h"

#include <glib/gi18n.h>
#include <string.h>

/* Writing the package (cs_package_create in a GTask worker, cancellable),
 * then the summary of what it holds, read back from the file.
 *
 * Objects are created, mutated, and emit signals on the main thread only.
 * The worker reads copies of the choices, and the case, which does not
 * change while the modal dialog shows its progress. */

typedef struct
{
  CsCase             *kase;
  GHashTable         *slide_paths;
  CsPackageSlideMode  mode;
  char               *sender_name;
  char               *sender_institution;
  char               *message;
  char               *passphrase;
  char               *path;
  char               *annotation_directory;
} Send;

typedef struct
{
  CsPackageManifest *manifest;
  GPtrArray         *reports;   /* CsDeidentifyReport, or NULL */
  guint64            size;
} Sent;

static void
wipe_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static void
send_free (gpointer data)
{
  Send *send = data;

  g_object_unref (send->kase);
  g_hash_table_unref (send->slide_paths);
  g_free (send->sender_name);
  g_free (send->sender_institution);
  g_free (send->message);
  wipe_free (send->passphrase);
  g_free (send->path);
  g_free (send->annotation_directory);
  g_free (send);
}

static void
sent_free (gpointer data)
{
  Sent *sent = data;

  g_clear_pointer (&sent->manifest, cs_package_manifest_free);
  g_clear_pointer (&sent->reports, g_ptr_array_unref);
  g_free (sent);
}

static void
send_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Send *send = data;
  CsPackageCreateOptions options = {
    .kase = send->kase,
    .annotation_directory = send->annotation_directory,
    .slide_paths = send->slide_paths,
    .slide_mode = send->mode,
    .sender_name = send->sender_name,
    .sender_institution = send->sender_institution,
    .message = send->message,
    .passphrase = send->passphrase,
  };
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (send->path);
  g_autoptr(GFileInfo) info = NULL;
  GError *error = NULL;
  Sent *sent;

  if (!cs_package_create (&options, send->path, &reports, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  sent = g_new0 (Sent, 1);
  sent->reports = g_steal_pointer (&reports);
  /* What the summary shows is what the file holds. */
  sent->manifest = cs_package_inspect (send->path, send->passphrase, FALSE, cancellable, &error);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error != NULL ? NULL : &error);
  if (error != NULL)
    {
      sent_free (sent);
      g_task_return_error (task, error);
      return;
    }
  sent->size = g_file_info_get_size (info);
  g_task_return_pointer (task, sent, sent_free);
}

/* The before/after of each de-identified slide: the reports come in the
 * order of the case's slides, as the manifest lists them; the original
 * (open in a tab, for the summary's pictures) is found by the slide's
 * UUID, which de-identification keeps. */
/* A title over a slide's summary: which slide, under which name it
 * travels. */
static GtkWidget *
deidentification_title (const char *original,
                        const char *copy)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* Translators: %s is a slide's file name */
  title = g_strdup_printf (_("De-identified Copy of %s"), original);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (box), label);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("In the package as %s, without what is marked removed below"), copy);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static void
add_deidentification (CsPackageExportDialog *self,
                      CsPackageManifest     *manifest,
                      GPtrArray             *reports)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gboolean privacy = FALSE;
  guint next = 0;

  if (reports == NULL || reports->len == 0)
    return;
  /* The label and macro removed are shown as the window shows slides. */
  if (parent != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (parent), "privacy-mode"))
    g_object_get (parent, "privacy-mode", &privacy, NULL);
  for (guint i = 0; i < manifest->slides->len && next < reports->len; i++)
    {
      const CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);
      const CsCaseSlide *entry = cs_case_find_slide_by_uuid (self->kase, slide->uuid);
      GtkWidget *summary;

      if (!slide->deidentified)
        continue;
      gtk_box_append (self->summary_box,
                      deidentification_title (entry != NULL && entry->file_name != NULL
                                              ? entry->file_name : slide->file_name,
                                              slide->file_name));
      summary = cs_deidentify_summary_new ();
      gtk_widget_set_name (summary, "deidentify-summary");
      cs_deidentify_summary_set_privacy_mode (CS_DEIDENTIFY_SUMMARY (summary), privacy);
      cs_deidentify_summary_set_report (CS_DEIDENTIFY_SUMMARY (summary),
                                        g_ptr_array_index (reports, next++),
                                        entry != NULL ? g_hash_table_lookup (self->originals,
                                                                             entry->sha256)
                                                      : NULL);
      gtk_box_append (self->summary_box, summary);
    }
}

/* The package's folder, the package selected: where the user picks it up
 * to attach it (app.show-in-files, cs-application-actions.c). */
static void
on_show_package_cb (GtkButton  *button,
                    const char *path)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "show-in-files"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "show-in-files",
                                    g_variant_new_string (uri));
}

static void
free_path (gpointer  data,
           GClosure *closure)
{
  g_free (data);
}

static void
cs_package_export_dialog_add_show_button (CsPackageExportDialog *self,
                                          GtkWidget             *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("folder-open-symbolic");

  gtk_widget_set_name (button, "show-package");
  cs_widget_set_tooltip_label (button, _("Show in Files"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_show_package_cb),
                         g_strdup (self->path), free_path, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
cs_package_export_dialog_summary (CsPackageExportDialog *self,
                                  Sent                  *sent)
{
  g_autofree char *size = g_format_size (sent->size);
  GtkWidget *group;
  GtkWidget *row;

  cs_package_rows_clear (self->summary_box);
  gtk_box_append (self->summary_box,
                  cs_package_rows_heading ("emblem-ok-symbolic", "success", _("Package Ready"),
                                           _("Send the file to your colleague by e-mail or "
                                             "a file transfer service.")));
  group = cs_package_rows_group (self->summary_box, _("Package"), NULL);
  row = cs_package_rows_add (group, _("Saved As"), self->path);
  gtk_widget_set_name (row, "package-path");
  cs_package_export_dialog_add_show_button (self, row);
  cs_package_rows_add (group, _("Size"), size);
  cs_package_rows_add (group, _("Protection"),
                       adw_expander_row_get_enable_expansion (self->encrypt_row)
                       ? _("Encrypted: give the passphrase by another channel")
                       : _("Not encrypted"));
  cs_package_rows_add_contents (self->summary_box, sent->manifest, NULL);
  add_deidentification (self, sent->manifest, sent->reports);
}

static void
send_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CsPackageExportDialog *self = CS_PACKAGE_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  Sent *sent = cs_ui_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed)
    {
      g_clear_pointer (&sent, sent_free);
      return;
    }
  if (sent == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _cs_package_export_dialog_show (self, "form");
      return;
    }
  if (sent == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      _cs_package_export_dialog_show (self, "error");
      return;
    }
  cs_package_export_dialog_summary (self, sent);
  sent_free (sent);
  /* Written: the passphrase is not kept, not even in the form. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  _cs_package_export_dialog_show (self, "done");
}

static CsPackageSlideMode
cs_package_export_dialog_get_mode (CsPackageExportDialog *self)
{
  if (gtk_check_button_get_active (self->deidentified_check))
    return CS_PACKAGE_SLIDES_DEIDENTIFIED;
  if (gtk_check_button_get_active (self->original_check))
    return CS_PACKAGE_SLIDES_ORIGINAL;
  return CS_PACKAGE_SLIDES_NONE;
}

static char *
dup_text (gpointer editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
dup_message (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static GHashTable *
copy_paths (GHashTable *paths)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer sha256, path;

  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, &sha256, &path))
    g_hash_table_insert (copy, g_strdup (sha256), g_strdup (path));

  return copy;
}

/**
 * cs_package_export_dialog_send_to:
 * @path: where to write the package
 *
 * Writes the package as the form says: what "Send…" does once its file
 * chooser answers (tests call it directly). The open slides' annotations
 * are written first, since the package reads the stores on disk.
 */
void
cs_package_export_dialog_send_to (CsPackageExportDialog *self,
                                  const char            *path)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean encrypt;
  Send *send;

  g_return_if_fail (CS_IS_PACKAGE_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (gtk_widget_get_sensitive (GTK_WIDGET (self->send_button)));

  if (!cs_window_flush_all_annotations (&error))
    {
      adw_status_page_set_description (self->error_page, error->message);
      _cs_package_export_dialog_show (self, "error");
      return;
    }
  encrypt = adw_expander_row_get_enable_expansion (self->encrypt_row);
  g_free (self->path);
  self->path = g_strdup (path);
  send = g_new0 (Send, 1);
  send->kase = g_object_ref (self->kase);
  send->slide_paths = copy_paths (self->slide_paths);
  send->mode = cs_package_export_dialog_get_mode (self);
  send->sender_name = dup_text (self->sender_row);
  send->sender_institution = dup_text (self->institution_row);
  send->message = dup_message (self->message_view);
  send->passphrase = encrypt ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)))
                             : NULL;
  send->path = g_strdup (path);
  send->annotation_directory = cs_annotation_store_default_directory ();

  g_cancellable_reset (self->cancellable);
  task = g_task_new (self, self->cancellable, send_done_cb, NULL);
  g_task_set_source_tag (task, cs_package_export_dialog_send_to);
  _cs_package_export_dialog_show (self, "progress");
  cs_ui_task_run_in_thread (task, send, send_free, send_thread);
}
