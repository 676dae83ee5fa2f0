/* cs-snapshot-dialog.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-snapshot-dialog"

#include "config.h"

#include "cs-magnification.h"
#include "cs-snapshot-dialog.h"

#include <glib/gi18n.h>

/* The export dialog offers a few resolutions as radio rows, each with the
 * size of the image it makes. The area exported is always the one in view;
 * only the number of pixels changes, by a factor applied to the viewport's
 * zoom and size. Options too large to make are shown, but cannot be
 * chosen. */

#define MAX_OPTIONS 8

typedef struct
{
  double factor;
  double magnification;   /* 0 for "screen resolution" or plain factors */
} Option;

struct _CsSnapshotDialog
{
  AdwMessageDialog  parent_instance;

  /* Template Widgets */
  GtkListBox       *options_list;

  CsViewport        viewport;
  double            base;
  Option            options[MAX_OPTIONS];
  guint             n_options;
  guint             selected;
};

G_DEFINE_FINAL_TYPE (CsSnapshotDialog, cs_snapshot_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_option_toggled_cb (GtkCheckButton   *check,
                      CsSnapshotDialog *self)
{
  if (gtk_check_button_get_active (check))
    self->selected = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "option"));
}

static char *
option_title (const Option *option)
{
  g_autofree char *magnification = NULL;

  if (option->magnification > 0)
    {
      magnification = cs_magnification_format (option->magnification);
      /* Translators: an export resolution, e.g. "As Seen at 40×" */
      return g_strdup_printf (_("As Seen at %s"), magnification);
    }

  if (option->factor == 1.0)
    return g_strdup (_("Screen Resolution"));

  /* Translators: an export resolution, e.g. "2 × Screen Resolution" */
  return g_strdup_printf (_("%g × Screen Resolution"), option->factor);
}

static GtkCheckButton *
cs_snapshot_dialog_add_row (CsSnapshotDialog *self,
                            guint             index,
                            GtkCheckButton   *group)
{
  const Option *option = &self->options[index];
  g_autofree char *title = option_title (option);
  g_autofree char *subtitle = NULL;
  int width = (int) round (self->viewport.width * option->factor);
  int height = (int) round (self->viewport.height * option->factor);
  gboolean possible = MAX (width, height) <= CS_SNAPSHOT_MAX_SIDE;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  if (possible)
    /* Translators: the size of an image to export */
    subtitle = g_strdup_printf (_("%d × %d pixels"), width, height);
  else
    /* Translators: the size of an image too large to export */
    subtitle = g_strdup_printf (_("%d × %d pixels: too large"), width, height);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_sensitive (row, possible);

  g_object_set_data (G_OBJECT (check), "option", GUINT_TO_POINTER (index));
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_option_toggled_cb), self, 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), index == 0);

  gtk_list_box_append (self->options_list, row);

  return GTK_CHECK_BUTTON (check);
}

static void
cs_snapshot_dialog_add_option (CsSnapshotDialog *self,
                               double            factor,
                               double            magnification)
{
  if (self->n_options == MAX_OPTIONS)
    return;

  self->options[self->n_options].factor = factor;
  self->options[self->n_options].magnification = magnification;
  self->n_options++;
}

static void
cs_snapshot_dialog_build (CsSnapshotDialog *self)
{
  GtkCheckButton *group = NULL;
  double current;

  cs_snapshot_dialog_add_option (self, 1.0, 0);

  /* Beyond the scan's own magnification, more pixels add no detail. */
  if (self->base > 0)
    {
      current = cs_magnification_for_zoom (self->base, self->viewport.zoom);
      for (guint i = 0; i < CS_MAGNIFICATION_N_PRESETS; i++)
        {
          double preset = cs_magnification_presets[i];

          if (preset > current * 1.01 && preset <= self->base * 1.0001)
            cs_snapshot_dialog_add_option (self,
                                           cs_magnification_zoom_for (self->base, preset) /
                                           self->viewport.zoom,
                                           preset);
        }
    }
  else
    {
      cs_snapshot_dialog_add_option (self, 2.0, 0);
      cs_snapshot_dialog_add_option (self, 4.0, 0);
    }

  for (guint i = 0; i < self->n_options; i++)
    {
      GtkCheckButton *check = cs_snapshot_dialog_add_row (self, i, group);

      if (group == NULL)
        group = check;
    }
}

static void
cs_snapshot_dialog_class_init (CsSnapshotDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-snapshot-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsSnapshotDialog, options_list);
}

static void
cs_snapshot_dialog_init (CsSnapshotDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cs_snapshot_dialog_new:
 * @parent: the window exporting
 * @viewport: the view to export, in device pixels
 * @base_magnification: the scan's magnification, or 0 when unknown
 *
 * Returns: (transfer none): a new modal dialog, not yet shown
 */
CsSnapshotDialog *
cs_snapshot_dialog_new (GtkWindow        *parent,
                        const CsViewport *viewport,
                        double            base_magnification)
{
  CsSnapshotDialog *self;

  g_return_val_if_fail (viewport != NULL && viewport->zoom > 0, NULL);

  self = g_object_new (CS_TYPE_SNAPSHOT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->viewport = *viewport;
  self->base = base_magnification;
  cs_snapshot_dialog_build (self);

  return self;
}

/**
 * cs_snapshot_dialog_get_factor:
 *
 * Returns: how many times the view's pixels the chosen resolution has
 */
double
cs_snapshot_dialog_get_factor (CsSnapshotDialog *self)
{
  g_return_val_if_fail (CS_IS_SNAPSHOT_DIALOG (self), 1.0);

  return self->options[self->selected].factor;
}

/**
 * cs_snapshot_dialog_get_magnification:
 *
 * Returns: the magnification chosen, or 0 for a resolution not given as one
 */
double
cs_snapshot_dialog_get_magnification (CsSnapshotDialog *self)
{
  g_return_val_if_fail (CS_IS_SNAPSHOT_DIALOG (self), 0);

  return self->options[self->selected].magnification;
}
