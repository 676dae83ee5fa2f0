/* cs-live-join-dialog.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-join-dialog"

#include "config.h"

#include "cs-live-join-dialog.h"

struct _CsLiveJoinDialog
{
  AdwWindow     parent_instance;

  /* Template Widgets */
  GtkWidget    *join_button;
  AdwEntryRow  *link_row;
  AdwEntryRow  *code_row;
  GtkSpinner   *spinner;
  GtkLabel     *message_label;

  guint         busy : 1;
  guint         failed : 1;
};

G_DEFINE_FINAL_TYPE (CsLiveJoinDialog, cs_live_join_dialog, ADW_TYPE_WINDOW)

enum {
  JOIN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_filled (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0';
}

static void
cs_live_join_dialog_update (CsLiveJoinDialog *self)
{
  gtk_widget_set_sensitive (self->join_button,
                            !self->busy && is_filled (self->link_row) && is_filled (self->code_row));
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
on_changed_cb (CsLiveJoinDialog *self)
{
  cs_live_join_dialog_update (self);
}

static void
cs_live_join_dialog_show_message (CsLiveJoinDialog *self,
                                  const char       *message,
                                  gboolean          error)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  self->failed = error;
}

void
cs_live_join_dialog_join (CsLiveJoinDialog *self)
{
  g_autofree char *link = NULL;
  g_autofree char *code = NULL;

  g_return_if_fail (CS_IS_LIVE_JOIN_DIALOG (self));

  if (self->busy || !is_filled (self->link_row) || !is_filled (self->code_row))
    return;
  link = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->link_row))));
  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
  cs_live_join_dialog_show_message (self, NULL, FALSE);
  g_signal_emit (self, signals[JOIN], 0, link, code);
}

void
cs_live_join_dialog_set_link (CsLiveJoinDialog *self,
                              const char       *link)
{
  g_return_if_fail (CS_IS_LIVE_JOIN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->link_row), link != NULL ? link : "");
}

void
cs_live_join_dialog_set_code (CsLiveJoinDialog *self,
                              const char       *code)
{
  g_return_if_fail (CS_IS_LIVE_JOIN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code != NULL ? code : "");
}

/**
 * cs_live_join_dialog_set_busy:
 * @message: (nullable): what is being done; NULL when done
 */
void
cs_live_join_dialog_set_busy (CsLiveJoinDialog *self,
                              const char       *message)
{
  g_return_if_fail (CS_IS_LIVE_JOIN_DIALOG (self));

  self->busy = message != NULL;
  cs_live_join_dialog_show_message (self, message, FALSE);
  cs_live_join_dialog_update (self);
}

void
cs_live_join_dialog_set_error (CsLiveJoinDialog *self,
                               const char       *message)
{
  g_return_if_fail (CS_IS_LIVE_JOIN_DIALOG (self));

  self->busy = FALSE;
  cs_live_join_dialog_show_message (self, message, message != NULL);
  cs_live_join_dialog_update (self);
}

gboolean
cs_live_join_dialog_get_busy (CsLiveJoinDialog *self)
{
  g_return_val_if_fail (CS_IS_LIVE_JOIN_DIALOG (self), FALSE);

  return self->busy;
}

const char *
cs_live_join_dialog_get_error (CsLiveJoinDialog *self)
{
  g_return_val_if_fail (CS_IS_LIVE_JOIN_DIALOG (self), NULL);

  return self->failed ? gtk_label_get_label (self->message_label) : NULL;
}

static void
cs_live_join_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_LIVE_JOIN_DIALOG);

  G_OBJECT_CLASS (cs_live_join_dialog_parent_class)->dispose (object);
}

static void
cs_live_join_dialog_class_init (CsLiveJoinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_live_join_dialog_dispose;

  signals[JOIN] =
    g_signal_new ("join", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-live-join-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsLiveJoinDialog, join_button);
  gtk_widget_class_bind_template_child (widget_class, CsLiveJoinDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, CsLiveJoinDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, CsLiveJoinDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsLiveJoinDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cs_live_join_dialog_join);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_live_join_dialog_init (CsLiveJoinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CsLiveJoinDialog *
cs_live_join_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CS_TYPE_LIVE_JOIN_DIALOG, "transient-for", parent, NULL);
}
