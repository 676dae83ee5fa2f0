/* cs-package-export-dialog.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-export-dialog"

#include "config.h"

#include "cs-package-export-dialog.h"
#include "cs-package-export-private.h"
#include "cs-package.h"
#include "cs-settings.h"
#include "cs-slide-identity.h"
#include "cs-ui-task.h"
#include "cs-window.h"

#include <glib/gi18n.h>
#include <string.h>

/* The form of "Send Case…" and the worker writing the package.
 *
 * Objects are created, mutated, and emit signals on the main thread only.
 * The workers (looking up the identities of recent slides, writing the
 * package) get copies of what they read, the case excepted: the dialog is
 * modal, the case does not change while it is written. The passphrase is
 * held only while the package is written, and wiped. */

G_DEFINE_FINAL_TYPE (CsPackageExportDialog, cs_package_export_dialog, ADW_TYPE_WINDOW)

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
cs_package_export_dialog_encrypt (CsPackageExportDialog *self)
{
  return adw_expander_row_get_enable_expansion (self->encrypt_row);
}

static void
cs_package_export_dialog_update (CsPackageExportDialog *self)
{
  const char *passphrase = row_text (self->passphrase_row);
  const char *confirm = row_text (self->confirm_row);
  gboolean encrypt = cs_package_export_dialog_encrypt (self);
  gboolean mismatch = encrypt && *confirm != '\0' && strcmp (passphrase, confirm) != 0;
  gboolean ready = !encrypt || (*passphrase != '\0' && strcmp (passphrase, confirm) == 0);
  gboolean slides = gtk_check_button_get_active (self->none_check) ||
                    self->n_found == cs_case_get_n_slides (self->kase);
  const char *hint = NULL;

  if (mismatch)
    hint = _("The passphrases do not match.");
  else if (!slides && self->n_lookups == 0)
    hint = _("Some of the case’s slides are not on this computer: open them, or choose "
             "“Not included”.");
  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
  if (mismatch)
    gtk_widget_add_css_class (GTK_WIDGET (self->confirm_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button),
                            g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") != 0 ||
                            (ready && slides && self->n_lookups == 0));
}

/* The header bar's buttons say what they do on each page. */
void
_cs_package_export_dialog_show (CsPackageExportDialog *self,
                                const char            *page)
{
  gboolean form = g_str_equal (page, "form");
  gboolean progress = g_str_equal (page, "progress");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, progress);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !g_str_equal (page, "done"));
  gtk_button_set_label (self->cancel_button,
                        g_str_equal (page, "error") ? _("_Back") : _("_Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), !progress);
  gtk_button_set_label (self->send_button, form ? _("_Send…") : _("_Close"));
  if (form)
    gtk_widget_add_css_class (GTK_WIDGET (self->send_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->send_button), "suggested-action");
  cs_package_export_dialog_update (self);
}

static void
on_field_changed_cb (CsPackageExportDialog *self)
{
  cs_package_export_dialog_update (self);
}

/* How many of the case's slides this computer has, under the choices. */
static void
cs_package_export_dialog_count_slides (CsPackageExportDialog *self)
{
  guint n = cs_case_get_n_slides (self->kase);
  guint found = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    if (g_hash_table_contains (self->slide_paths, cs_case_get_slide (self->kase, i)->sha256))
      found++;
  self->n_found = found;
  if (found == n)
    text = g_strdup (g_dngettext (GETTEXT_PACKAGE, "The case’s slide is on this computer.",
                                  "The case’s slides are all on this computer.", n));
  else
    /* Translators: "1 of the case’s 3 slides is on this computer" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of the case’s %u slides is on this computer: "
                                         "open the others to include them.",
                                         "%u of the case’s %u slides are on this computer: "
                                         "open the others to include them.", found),
                            found, n);
  adw_preferences_group_set_description (self->slides_group, text);
}

/* A file name from the case's title: no separators, no leading dot. */
char *
_cs_package_export_file_name (CsCase *kase)
{
  g_autofree char *title = cs_case_dup_title (kase);
  GString *name = g_string_new (NULL);

  for (const char *p = title; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        c = '-';
      if (name->len > 0 || (c != '.' && !g_unichar_isspace (c)))
        g_string_append_unichar (name, c);
    }
  g_strchomp (name->str);
  g_string_set_size (name, strlen (name->str));
  if (name->len == 0)
    /* Translators: the file name of a package whose case has no title */
    g_string_append (name, _("Case"));
  g_string_append (name, CS_PACKAGE_EXTENSION);

  return g_string_free (name, FALSE);
}

static void
on_chooser_response_cb (CsPackageExportDialog *self,
                        int                    response,
                        GtkFileChooserNative  *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path != NULL)
    cs_package_export_dialog_send_to (self, path);
}

static void
on_send_clicked_cb (CsPackageExportDialog *self)
{
  g_autofree char *name = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") != 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (_("Save Consult Package"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                                   _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
      g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb),
                               self, G_CONNECT_SWAPPED);
    }
  name = _cs_package_export_file_name (self->kase);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_cancel_clicked_cb (CsPackageExportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "progress") == 0)
    g_cancellable_cancel (self->cancellable);
  else if (g_strcmp0 (page, "error") == 0)
    _cs_package_export_dialog_show (self, "form");
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Looking up recent slides: path → SHA-256 from the identity cache, kept
 * when the case holds the slide. */

typedef struct
{
  GPtrArray  *paths;
  GHashTable *wanted;   /* the case's SHA-256s */
} LookUp;

static void
look_up_free (gpointer data)
{
  LookUp *look_up = data;

  g_ptr_array_unref (look_up->paths);
  g_hash_table_unref (look_up->wanted);
  g_free (look_up);
}

static void
hash_table_unref (gpointer data)
{
  g_hash_table_unref (data);
}

static void
look_up_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  LookUp *look_up = data;
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < look_up->paths->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const char *path = g_ptr_array_index (look_up->paths, i);
      g_autofree char *sha256 = cs_slide_identity_lookup (path);

      if (sha256 != NULL && g_hash_table_contains (look_up->wanted, sha256) &&
          !g_hash_table_contains (found, sha256))
        g_hash_table_insert (found, g_steal_pointer (&sha256), g_strdup (path));
    }
  g_task_return_pointer (task, found, hash_table_unref);
}

static void
look_up_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GHashTable) found = cs_ui_task_propagate_pointer (G_TASK (result), NULL);
  CsPackageExportDialog *self;
  GHashTableIter iter;
  gpointer sha256, path;

  self = CS_PACKAGE_EXPORT_DIALOG (source);
  self->n_lookups--;
  if (found == NULL || self->disposed)
    return;
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &sha256, &path))
    if (!g_hash_table_contains (self->slide_paths, sha256))
      g_hash_table_insert (self->slide_paths, g_strdup (sha256), g_strdup (path));
  cs_package_export_dialog_count_slides (self);
  cs_package_export_dialog_update (self);
}

static void
cs_package_export_dialog_dispose (GObject *object)
{
  CsPackageExportDialog *self = CS_PACKAGE_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (cs_package_export_dialog_parent_class)->dispose (object);
}

static void
cs_package_export_dialog_finalize (GObject *object)
{
  CsPackageExportDialog *self = CS_PACKAGE_EXPORT_DIALOG (object);

  g_clear_object (&self->kase);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->slide_paths, g_hash_table_unref);
  g_clear_pointer (&self->originals, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cs_package_export_dialog_parent_class)->finalize (object);
}

static void
cs_package_export_dialog_class_init (CsPackageExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_package_export_dialog_dispose;
  object_class->finalize = cs_package_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/"
                                               "cs-package-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, sender_row);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, institution_row);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, message_view);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, slides_group);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, deidentified_check);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, original_check);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, none_check);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, encrypt_row);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, CsPackageExportDialog, summary_box);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_package_export_dialog_init (CsPackageExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->slide_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect_swapped (self->passphrase_row, "changed", G_CALLBACK (on_field_changed_cb),
                            self);
  g_signal_connect_swapped (self->confirm_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->encrypt_row, "notify::enable-expansion",
                            G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->none_check, "toggled", G_CALLBACK (on_field_changed_cb), self);
}

/**
 * cs_package_export_dialog_new:
 * @parent: the window sending
 * @kase: the case to send
 *
 * Returns: (transfer none): the dialog, shown
 */
CsPackageExportDialog *
cs_package_export_dialog_new (GtkWindow *parent,
                              CsCase    *kase)
{
  CsPackageExportDialog *self;
  GSettings *settings = cs_settings_get_default ();
  g_autofree char *name = settings ? g_settings_get_string (settings, "report-consultant") : NULL;
  g_autofree char *institution = settings ? g_settings_get_string (settings, "report-institution")
                                          : NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CS_IS_CASE (kase), NULL);

  self = g_object_new (CS_TYPE_PACKAGE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->kase = g_object_ref (kase);
  title = cs_case_dup_title (kase);
  adw_window_title_set_subtitle (self->window_title, title);
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = cs_settings_dup_author ();
    }
  if (institution == NULL || *institution == '\0')
    {
      g_free (institution);
      institution = cs_settings_dup_institution ();
    }
  gtk_editable_set_text (GTK_EDITABLE (self->sender_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->institution_row), institution);
  cs_package_export_dialog_count_slides (self);
  _cs_package_export_dialog_show (self, "form");
  gtk_window_present (GTK_WINDOW (self));

  return self;
}

/* A slide the sender has open: its file, and the slide for the summary. */
void
cs_package_export_dialog_add_slide (CsPackageExportDialog *self,
                                    const char            *sha256,
                                    const char            *path,
                                    CsSlide               *slide)
{
  g_return_if_fail (CS_IS_PACKAGE_EXPORT_DIALOG (self));
  g_return_if_fail (sha256 != NULL && path != NULL);

  g_hash_table_replace (self->slide_paths, g_strdup (sha256), g_strdup (path));
  if (slide != NULL)
    g_hash_table_replace (self->originals, g_strdup (sha256), g_object_ref (slide));
  cs_package_export_dialog_count_slides (self);
  cs_package_export_dialog_update (self);
}

/* Looks up the identities of @paths (recent slides) in a worker; those of
 * the case's slides become available to include. */
void
cs_package_export_dialog_look_up (CsPackageExportDialog *self,
                                  GPtrArray             *paths)
{
  g_autoptr(GTask) task = NULL;
  LookUp *look_up;

  g_return_if_fail (CS_IS_PACKAGE_EXPORT_DIALOG (self));

  look_up = g_new0 (LookUp, 1);
  look_up->paths = g_ptr_array_ref (paths);
  look_up->wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < cs_case_get_n_slides (self->kase); i++)
    g_hash_table_add (look_up->wanted, g_strdup (cs_case_get_slide (self->kase, i)->sha256));
  task = g_task_new (self, self->cancellable, look_up_done_cb, NULL);
  g_task_set_source_tag (task, cs_package_export_dialog_look_up);
  self->n_lookups++;
  cs_package_export_dialog_update (self);
  cs_ui_task_run_in_thread (task, look_up, look_up_free, look_up_thread);
}
