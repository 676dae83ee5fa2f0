/* cs-archive-browse-rows.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-archive-browse-rows"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-archive-browse-rows.h"

/* "20260131" → "2026-01-31"; anything else as it is. */
static char *
format_date (const char *date)
{
  if (date != NULL && strlen (date) == 8 && g_ascii_isdigit (date[0]))
    return g_strdup_printf ("%.4s-%.2s-%.2s", date, date + 4, date + 6);

  return g_strdup (date != NULL ? date : "");
}

static const char *
or_else (const char *text,
         const char *fallback)
{
  return text != NULL && text[0] != '\0' ? text : fallback;
}

static GtkWidget *
make_labels (const char *title,
             const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label = gtk_label_new (subtitle);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);

  return box;
}

GtkWidget *
cs_archive_study_row_new (const CsDicomwebStudy *study)
{
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *date = format_date (study->study_date);
  /* Translators: a study: the patient's ID (or pseudonym) and the study date */
  g_autofree char *title = g_strdup_printf (_("%s · %s"),
                                            or_else (study->patient_id, _("No patient ID")), date);
  g_autofree char *series = g_strdup_printf (ngettext ("%u series", "%u series", study->n_series),
                                             study->n_series);
  /* Translators: the study's description, its accession number, "N series" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · accession %s · %s"),
                                               or_else (study->description, _("No description")),
                                               or_else (study->accession, _("none")), series);
  GtkWidget *labels = make_labels (title, subtitle);

  g_object_set (labels, "margin-start", 12, "margin-end", 12, "margin-top", 8,
                "margin-bottom", 8, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), labels);
  g_object_set_data_full (G_OBJECT (row), "study-uid", g_strdup (study->study_uid), g_free);

  return row;
}

GtkWidget *
cs_archive_series_row_new (const CsDicomwebSeries *series,
                           guint                   index,
                           GtkWidget              *thumbnail)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u instance · %s", "%u instances · %s",
                                                         series->n_instances),
                                               series->n_instances, series->series_uid);

  g_object_set (box, "margin-start", 6, "margin-end", 12, "margin-top", 6,
                "margin-bottom", 6, NULL);
  gtk_box_append (GTK_BOX (box), thumbnail);
  gtk_box_append (GTK_BOX (box),
                  make_labels (or_else (series->description, _("Untitled slide")), subtitle));
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "browse.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "u", index);
  gtk_box_append (GTK_BOX (box), open);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "series-uid", g_strdup (series->series_uid), g_free);

  return row;
}

gboolean
cs_archive_series_row_has_thumbnail (GtkListBoxRow *row)
{
  GtkWidget *stack = gtk_widget_get_first_child (gtk_list_box_row_get_child (row));

  return GTK_IS_STACK (stack) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "picture") == 0;
}

GtkWidget *
cs_archive_thumbnail_stack_new (int size)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *none = gtk_image_new_from_icon_name ("image-missing-symbolic");
  GtkWidget *picture = gtk_picture_new ();

  gtk_widget_set_size_request (stack, size, size);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_image_set_pixel_size (GTK_IMAGE (none), size / 2);
  gtk_widget_add_css_class (none, "dim-label");
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_stack_add_named (GTK_STACK (stack), spinner, "loading");
  gtk_stack_add_named (GTK_STACK (stack), none, "none");
  gtk_stack_add_named (GTK_STACK (stack), picture, "picture");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "loading");

  return stack;
}

void
cs_archive_thumbnail_stack_set (GtkStack     *stack,
                                GdkTexture   *texture,
                                const GError *error)
{
  if (texture == NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (stack), error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (stack, "none");
      return;
    }
  gtk_picture_set_paintable (GTK_PICTURE (gtk_stack_get_child_by_name (stack, "picture")),
                             GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (stack, "picture");
}
