/* cs-deidentify-dialog.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-deidentify-dialog"

#include "config.h"

#include "cs-deidentify-dialog.h"

#include <glib/gi18n.h>

/* One window for the whole de-identification: a status page with a
 * spinner and Cancel while the worker runs, then the summary or the
 * refusal. Cancelling keeps the window (insensitive, "Cancelling…") until
 * the worker has stopped and removed its partial file: the owner then
 * destroys it, so that closing it means the work is over. */

struct _CsDeidentifyDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkStack            *stack;
  AdwStatusPage       *working_page;
  GtkSpinner          *spinner;
  GtkButton           *cancel_button;
  GtkLabel            *copy_label;
  CsDeidentifySummary *summary;
  GtkButton           *open_button;
  AdwStatusPage       *failed_page;
  GtkButton           *failed_close_button;

  /* Owned References */
  GCancellable        *cancellable;
  GFile               *copy;
};

G_DEFINE_FINAL_TYPE (CsDeidentifyDialog, cs_deidentify_dialog, ADW_TYPE_WINDOW)

enum {
  OPEN_COPY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_working (CsDeidentifyDialog *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "working") == 0;
}

static void
cs_deidentify_dialog_cancel (CsDeidentifyDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Whoever cancels (this dialog, the tab or the window closing), the
 * dialog says so until the worker has stopped. */
static void
on_cancelled_cb (CsDeidentifyDialog *self,
                 GCancellable       *cancellable)
{
  if (self->stack == NULL || !is_working (self))
    return;

  adw_status_page_set_title (self->working_page, _("Cancelling…"));
  adw_status_page_set_description (self->working_page,
                                   _("Removing what was written so far."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
on_cancel_clicked_cb (CsDeidentifyDialog *self,
                      GtkButton          *button)
{
  if (is_working (self))
    cs_deidentify_dialog_cancel (self);
}

static void
on_close_clicked_cb (CsDeidentifyDialog *self,
                     GtkButton          *button)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_open_clicked_cb (CsDeidentifyDialog *self,
                    GtkButton          *button)
{
  g_autoptr(GFile) copy = self->copy ? g_object_ref (self->copy) : NULL;

  if (copy == NULL)
    return;

  gtk_window_destroy (GTK_WINDOW (self));
  g_signal_emit (self, signals[OPEN_COPY], 0, copy);
}

/* Closing the window while working cancels: the worker goes on only until
 * it next checks, then removes its file. */
static gboolean
cs_deidentify_dialog_close_request (GtkWindow *window)
{
  CsDeidentifyDialog *self = CS_DEIDENTIFY_DIALOG (window);

  if (is_working (self))
    cs_deidentify_dialog_cancel (self);

  return GTK_WINDOW_CLASS (cs_deidentify_dialog_parent_class)->close_request (window);
}

static void
cs_deidentify_dialog_dispose (GObject *object)
{
  CsDeidentifyDialog *self = CS_DEIDENTIFY_DIALOG (object);

  if (self->stack != NULL && is_working (self))
    cs_deidentify_dialog_cancel (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_DEIDENTIFY_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->copy);

  G_OBJECT_CLASS (cs_deidentify_dialog_parent_class)->dispose (object);
}

static void
cs_deidentify_dialog_class_init (CsDeidentifyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cs_deidentify_dialog_dispose;
  window_class->close_request = cs_deidentify_dialog_close_request;

  signals[OPEN_COPY] =
    g_signal_new ("open-copy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  g_type_ensure (CS_TYPE_DEIDENTIFY_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-deidentify-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, working_page);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, copy_label);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, CsDeidentifyDialog, failed_close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_deidentify_dialog_init (CsDeidentifyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cs_deidentify_dialog_new:
 * @parent: the window whose slide is de-identified
 * @cancellable: cancelled by Cancel, or by closing the dialog while working
 *
 * Returns: (transfer none): a new dialog showing the progress, not yet
 *   presented
 */
CsDeidentifyDialog *
cs_deidentify_dialog_new (GtkWindow    *parent,
                          GCancellable *cancellable)
{
  CsDeidentifyDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (CS_TYPE_DEIDENTIFY_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->cancellable = g_object_ref (cancellable);
  g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (on_cancelled_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * cs_deidentify_dialog_get_state:
 *
 * Returns: "working", "cancelling", "done" or "failed"
 */
const char *
cs_deidentify_dialog_get_state (CsDeidentifyDialog *self)
{
  g_return_val_if_fail (CS_IS_DEIDENTIFY_DIALOG (self), NULL);

  if (is_working (self) && g_cancellable_is_cancelled (self->cancellable))
    return "cancelling";

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cs_deidentify_dialog_get_summary:
 *
 * Returns: (transfer none): the summary shown once done
 */
CsDeidentifySummary *
cs_deidentify_dialog_get_summary (CsDeidentifyDialog *self)
{
  g_return_val_if_fail (CS_IS_DEIDENTIFY_DIALOG (self), NULL);

  return self->summary;
}

/**
 * cs_deidentify_dialog_show_report:
 * @report: what was removed and verified
 * @original: (nullable): the slide de-identified
 * @copy: the copy written
 *
 * Shows the summary, with "Open Copy" and "Close".
 */
void
cs_deidentify_dialog_show_report (CsDeidentifyDialog       *self,
                                  const CsDeidentifyReport *report,
                                  CsSlide                  *original,
                                  GFile                    *copy)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CS_IS_DEIDENTIFY_DIALOG (self));
  g_return_if_fail (report != NULL);
  g_return_if_fail (G_IS_FILE (copy));

  g_set_object (&self->copy, copy);
  path = g_file_get_parse_name (copy);
  gtk_label_set_text (self->copy_label, path);

  cs_deidentify_summary_set_report (self->summary, report, original);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->open_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
}

/**
 * cs_deidentify_dialog_show_error:
 * @error: why no copy was written
 *
 * Shows why no copy was made: a format that cannot be de-identified safely
 * (%CS_DEIDENTIFY_ERROR_UNSUPPORTED) or another failure, and that nothing
 * was written.
 */
void
cs_deidentify_dialog_show_error (CsDeidentifyDialog *self,
                                 const GError       *error)
{
  gboolean unsupported;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (CS_IS_DEIDENTIFY_DIALOG (self));
  g_return_if_fail (error != NULL);

  unsupported = g_error_matches (error, CS_DEIDENTIFY_ERROR, CS_DEIDENTIFY_ERROR_UNSUPPORTED);
  escaped = g_markup_escape_text (error->message, -1);
  if (unsupported)
    /* Translators: %s says which file and why */
    description = g_strdup_printf (_("Only Aperio SVS slides and generic tiled TIFF slides can be "
                                     "de-identified safely: in other formats the label or "
                                     "identifying data may hide where they cannot be removed "
                                     "with certainty.\n\n%s\n\nNothing was written."),
                                   escaped);
  else
    /* Translators: %s says which file and why */
    description = g_strdup_printf (_("%s\n\nNothing was written."), escaped);

  adw_status_page_set_icon_name (self->failed_page, unsupported ? "action-unavailable-symbolic"
                                                                 : "dialog-error-symbolic");
  adw_status_page_set_title (self->failed_page,
                             unsupported ? _("This Slide Cannot Be De-identified")
                                         : _("No De-identified Copy Was Made"));
  adw_status_page_set_description (self->failed_page, description);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "failed");
  gtk_widget_grab_focus (GTK_WIDGET (self->failed_close_button));
}
