/* cs-package-rows.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-rows"

#include "config.h"

#include "cs-package-rows.h"
#include "cs-report.h"

#include <glib/gi18n.h>

/* What a package holds, as rows: built from its manifest by the send
 * dialog (what was written) and the import dialog (what will be read). */

void
cs_package_rows_clear (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

GtkWidget *
cs_package_rows_group (GtkBox     *box,
                       const char *title,
                       const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);

  return group;
}

GtkWidget *
cs_package_rows_add (GtkWidget  *group,
                     const char *title,
                     const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (subtitle != NULL && *subtitle != '\0')
    {
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

/* A row with a number at its end. */
GtkWidget *
cs_package_rows_add_count (GtkWidget  *group,
                           const char *title,
                           guint       count)
{
  GtkWidget *row = cs_package_rows_add (group, title, NULL);
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, "count");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

/* An icon, a title and a line of text, centred, atop a page. */
GtkWidget *
cs_package_rows_heading (const char *icon_name,
                         const char *style,
                         const char *title,
                         const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
  if (style != NULL)
    gtk_widget_add_css_class (icon, style);
  gtk_widget_set_margin_bottom (icon, 6);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_add_css_class (label, "title-2");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* A case title or file name without spaces wraps too, never widening
   * a narrow window. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  if (text != NULL && *text != '\0')
    {
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

/* The label of a status as the schema names it ("final"). */
const char *
cs_package_rows_status_label (const char *status)
{
  for (CsReportStatus s = CS_REPORT_STATUS_DRAFT; s <= CS_REPORT_STATUS_WITHDRAWN; s++)
    if (g_strcmp0 (cs_report_status_to_string (s), status) == 0)
      return cs_report_status_get_label (s);

  return status;
}

/* A date from the manifest, in local time, for people. */
char *
cs_package_rows_format_date (const char *iso8601)
{
  g_autoptr(GDateTime) utc = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (iso8601 != NULL ? iso8601 : "");

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static void
add_slides (GtkBox            *box,
            CsPackageManifest *manifest)
{
  GtkWidget *group;

  if (manifest->slides->len == 0)
    return;
  group = cs_package_rows_group (box, _("Slides"), NULL);
  for (guint i = 0; i < manifest->slides->len; i++)
    {
      const CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);
      g_autofree char *size = g_format_size (slide->size);
      g_autofree char *subtitle = NULL;

      if (slide->file == NULL && slide->size == 0)
        subtitle = g_strdup (_("Not included: found by its identity"));
      else if (slide->file == NULL)
        /* Translators: %s is a size ("1.2 GB") */
        subtitle = g_strdup_printf (_("Not included: found by its identity (%s)"), size);
      else if (slide->deidentified)
        subtitle = g_strdup_printf (_("De-identified copy included (%s)"), size);
      else
        subtitle = g_strdup_printf (_("Original file included (%s)"), size);
      cs_package_rows_add (group, slide->file_name, subtitle);
    }
}

static CsReport *
find_report (GPtrArray  *reports,
             const char *id)
{
  for (guint i = 0; reports != NULL && i < reports->len; i++)
    if (g_strcmp0 (cs_report_get_id (g_ptr_array_index (reports, i)), id) == 0)
      return g_ptr_array_index (reports, i);

  return NULL;
}

/* A row drawn as a problem: the warning icon, in the error colour. */
void
cs_package_rows_mark_error (GtkWidget *row)
{
  gtk_widget_add_css_class (row, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
}

static void
add_opinions (GtkBox            *box,
              CsPackageManifest *manifest,
              GPtrArray         *reports)
{
  GtkWidget *group;

  if (manifest->opinions->len == 0)
    return;
  group = cs_package_rows_group (box, _("Opinions"), NULL);
  for (guint i = 0; i < manifest->opinions->len; i++)
    {
      const CsPackageOpinion *opinion = g_ptr_array_index (manifest->opinions, i);
      const char *name = opinion->consultant && *opinion->consultant ? opinion->consultant
                                                                     : _("Unknown consultant");
      CsReport *report = find_report (reports, opinion->id);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (report == NULL || !cs_report_get_tampered (report))
        {
          cs_package_rows_add (group, name, cs_package_rows_status_label (opinion->status));
          continue;
        }
      /* Translators: "Final opinion — Modified after signing: …" */
      subtitle = g_strdup_printf (_("%s — Modified after signing: will not be trusted"),
                                  cs_package_rows_status_label (opinion->status));
      row = cs_package_rows_add (group, name, subtitle);
      gtk_widget_set_name (row, "opinion-not-trusted");
      cs_package_rows_mark_error (row);
    }
}

static void
add_annotations (GtkBox            *box,
                 CsPackageManifest *manifest)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  GtkWidget *group;

  /* By author, over every slide, in the order they first appear. */
  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      const CsPackageAnnotations *set = g_ptr_array_index (manifest->annotations, i);
      gpointer count = NULL;

      if (!g_hash_table_lookup_extended (counts, set->author, NULL, &count))
        g_ptr_array_add (authors, set->author);
      g_hash_table_insert (counts, set->author,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + set->count));
    }
  if (authors->len == 0)
    return;
  group = cs_package_rows_group (box, _("Annotations"), NULL);
  for (guint i = 0; i < authors->len; i++)
    {
      const char *author = g_ptr_array_index (authors, i);

      cs_package_rows_add_count (group, *author != '\0' ? author : _("Unknown author"),
                                 GPOINTER_TO_UINT (g_hash_table_lookup (counts, author)));
    }
}

/* The slides, opinions and annotations (by author) @manifest lists;
 * @reports (nullable, element-type CsReport): the opinions read and
 * checked (cs_package_inspect_opinions), those not trusted marked. */
void
cs_package_rows_add_contents (GtkBox            *box,
                              CsPackageManifest *manifest,
                              GPtrArray         *reports)
{
  add_slides (box, manifest);
  add_opinions (box, manifest, reports);
  add_annotations (box, manifest);
}
