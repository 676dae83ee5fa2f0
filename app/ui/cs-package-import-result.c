/* cs-package-import-result.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-import-dialog"

#include "config.h"

#include "cs-cases.h"
#include "cs-package-import-private.h"
#include "cs-package-rows.h"
#include "cs-window-package.h"

#include <glib/gi18n.h>

/* The import dialog's result page: the opinions not trusted first, then
 * each opinion added or updated (activated: shown in the report pane, to
 * be read at once), what the user should know, the annotations and the
 * slides. The opinions changed are told from the case's opinions as they
 * were before the commit (note_before). Main thread only. */

static CsCase *
lookup_case (const char *id)
{
  return id != NULL ? cs_case_store_lookup (cs_cases_get_default (), id) : NULL;
}

/* The case's opinions as they are, before the commit changes them. */
void
_cs_package_import_dialog_note_before (CsPackageImportDialog *self)
{
  CsCase *kase = lookup_case (self->manifest->case_id);
  GListModel *opinions = kase != NULL ? cs_case_get_opinions (kase) : NULL;

  g_clear_pointer (&self->before, g_hash_table_unref);
  self->before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; opinions != NULL && i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);

      g_hash_table_insert (self->before, g_strdup (cs_report_get_id (report)),
                           cs_report_to_data (report, NULL));
    }
}

static void
add_tampered (CsPackageImportDialog *self)
{
  GPtrArray *tampered = self->result->tampered;
  GtkWidget *group;

  if (tampered == NULL || tampered->len == 0)
    return;
  group = cs_package_rows_group (self->result_box, _("Not Trusted"),
                                 _("Changed after they were signed: kept, marked as not "
                                   "trusted, never replacing a trusted revision"));
  gtk_widget_set_name (group, "not-trusted");
  for (guint i = 0; i < tampered->len; i++)
    cs_package_rows_mark_error (cs_package_rows_add (group, g_ptr_array_index (tampered, i),
                                                     NULL));
}

/* A count, when not zero, named @id for the tests. */
static void
add_counts (GtkWidget  *group,
            const char *id,
            const char *title,
            guint       count)
{
  GtkWidget *row;

  if (count == 0)
    return;
  row = cs_package_rows_add_count (group, title, count);
  gtk_widget_set_name (row, id);
}

static guint
count_by_author (CsPackageManifest *manifest,
                 const char        *author)
{
  guint count = 0;

  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *set = g_ptr_array_index (manifest->annotations, i);

      if (g_strcmp0 (set->author, author) == 0)
        count += set->count;
    }
  return count;
}

static void
add_annotations (CsPackageImportDialog *self)
{
  CsPackageImportResult *result = self->result;
  GtkWidget *group;

  if (result->annotations_added + result->annotations_updated +
      result->annotations_unchanged == 0 && (result->authors == NULL || result->authors->len == 0))
    return;
  group = cs_package_rows_group (self->result_box, _("Annotations"), NULL);
  add_counts (group, "annotations-added", _("Added"), result->annotations_added);
  add_counts (group, "annotations-updated", _("Updated"), result->annotations_updated);
  add_counts (group, "annotations-unchanged", _("Unchanged"), result->annotations_unchanged);
  for (guint i = 0; result->authors != NULL && i < result->authors->len; i++)
    {
      const char *author = g_ptr_array_index (result->authors, i);
      guint n = count_by_author (self->manifest, author);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation",
                                                            "%u annotations", n), n);

      cs_package_rows_add (group, *author != '\0' ? author : _("Unknown author"), text);
    }
}

static void
add_slides (CsPackageImportDialog *self)
{
  GPtrArray *slides = self->result->slides;
  GtkWidget *group;

  if (slides->len == 0)
    return;
  group = cs_package_rows_group (self->result_box, _("Slides"), NULL);
  for (guint i = 0; i < slides->len; i++)
    {
      CsPackageSlideResult *slide = g_ptr_array_index (slides, i);
      g_autofree char *text = NULL;
      GtkWidget *row;

      if (slide->path == NULL)
        text = g_strdup (_("Not found: open it yourself, or import again with its folder"));
      else if (slide->stored)
        /* Translators: %s is a file's path */
        text = g_strdup_printf (_("Stored as %s"), slide->path);
      else
        text = g_strdup_printf (_("Found at %s"), slide->path);
      row = cs_package_rows_add (group, slide->file_name, text);
      if (slide->path == NULL)
        gtk_widget_add_css_class (row, "warning");
    }
}

/* The case's slides the import stored or found (borrowed paths). */
static GPtrArray *
slide_paths (CsPackageImportDialog *self)
{
  GPtrArray *paths = g_ptr_array_new_null_terminated (0, NULL, TRUE);

  for (guint i = 0; i < self->result->slides->len; i++)
    {
      CsPackageSlideResult *slide = g_ptr_array_index (self->result->slides, i);

      if (slide->path != NULL)
        g_ptr_array_add (paths, slide->path);
    }
  return paths;
}

static void
on_opinion_activated_cb (AdwActionRow          *row,
                         CsPackageImportDialog *self)
{
  CsCase *kase = lookup_case (self->result->case_id);
  g_autoptr(GPtrArray) paths = slide_paths (self);
  const char *id = g_object_get_data (G_OBJECT (row), "report-id");

  if (self->window == NULL || kase == NULL)
    return;
  cs_window_show_opinion (self->window, kase, id, (const char * const *) paths->pdata);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* "Dr Grace Hopper — Final opinion, added", activated to read it. */
static void
add_opinion_row (CsPackageImportDialog *self,
                 GtkWidget             *group,
                 CsReport              *report,
                 gboolean               added)
{
  const char *consultant = cs_report_get_text (report, "consultant.name");
  const char *status = cs_report_status_get_label (cs_report_get_status (report));
  g_autoptr(GPtrArray) paths = slide_paths (self);
  /* The pane shows the case of a slide open in a tab. */
  gboolean readable = paths->len > 0;
  g_autofree char *title = NULL;
  GtkWidget *row;

  if (consultant == NULL || *consultant == '\0')
    consultant = _("Unknown consultant");
  if (added)
    /* Translators: "Dr Grace Hopper — Final opinion, added" */
    title = g_strdup_printf (_("%s — %s, added"), consultant, status);
  else
    /* Translators: "Dr Grace Hopper — Final opinion, updated" */
    title = g_strdup_printf (_("%s — %s, updated"), consultant, status);
  row = cs_package_rows_add (group, title,
                             cs_report_get_tampered (report)
                             ? _("Modified after signing: not trusted")
                             : readable ? _("Open it in the report pane")
                             : _("Open its slide to read it in the report pane"));
  gtk_widget_set_name (row, added ? "opinion-added" : "opinion-updated");
  if (cs_report_get_tampered (report))
    cs_package_rows_mark_error (row);
  if (!readable)
    return;
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "report-id", g_strdup (cs_report_get_id (report)),
                          g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_opinion_activated_cb), self);
}

/* Each opinion the import added or changed, then how many it left. */
static void
add_opinions (CsPackageImportDialog *self)
{
  CsPackageImportResult *result = self->result;
  CsCase *kase = lookup_case (result->case_id);
  GListModel *opinions = kase != NULL ? cs_case_get_opinions (kase) : NULL;
  GtkWidget *group = cs_package_rows_group (self->result_box, _("Opinions"), NULL);

  if (result->opinions_added + result->opinions_updated + result->opinions_unchanged == 0)
    cs_package_rows_add (group, _("None in the package"), NULL);
  for (guint i = 0; opinions != NULL && i < g_list_model_get_n_items (opinions); i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);
      g_autofree char *data = cs_report_to_data (report, NULL);
      const char *before = self->before != NULL
                           ? g_hash_table_lookup (self->before, cs_report_get_id (report))
                           : NULL;

      if (before == NULL || g_strcmp0 (before, data) != 0)
        add_opinion_row (self, group, report, before == NULL);
    }
  add_counts (group, "opinions-unchanged", _("Unchanged"), result->opinions_unchanged);
}

static void
add_warnings (CsPackageImportDialog *self)
{
  GPtrArray *warnings = self->result->warnings;
  GtkWidget *group;

  if (warnings == NULL || warnings->len == 0)
    return;
  group = cs_package_rows_group (self->result_box, _("Please Note"), NULL);
  gtk_widget_set_name (group, "warnings");
  for (guint i = 0; i < warnings->len; i++)
    {
      GtkWidget *row = cs_package_rows_add (group, g_ptr_array_index (warnings, i), NULL);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-information-symbolic"));
    }
}

void
_cs_package_import_dialog_build_result (CsPackageImportDialog *self)
{
  CsPackageImportResult *result = self->result;
  gboolean trusted = result->tampered == NULL || result->tampered->len == 0;

  cs_package_rows_clear (self->result_box);
  gtk_box_append (self->result_box,
                  cs_package_rows_heading (trusted ? "emblem-ok-symbolic"
                                                   : "dialog-warning-symbolic",
                                           trusted ? "success" : "warning",
                                           result->case_created ? _("Case Imported")
                                                                : _("Case Updated"),
                                           self->manifest->case_title));
  add_tampered (self);
  add_opinions (self);
  add_warnings (self);
  add_annotations (self);
  add_slides (self);
}
