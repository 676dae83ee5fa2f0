/* cs-archive-browse-dialog.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-archive-browse-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-archive-browse-dialog.h"
#include "cs-archive-browse-rows.h"
#include "cs-archive-browse-tasks.h"
#include "cs-archive-servers.h"

/* Browsing a slide archive: the filters make a QIDO-RS study search
 * (limit one more than a page, to know whether "More Results" has any);
 * selecting a study lists its SM series, each with a thumbnail fetched on
 * its own. Every request runs in a worker (cs-archive-browse-tasks.c) with
 * a cancellable: a new search cancels the previous one, another study the
 * previous series and their thumbnails, Stop and closing the dialog all.
 * Cancelled requests only count themselves out: the dialog may be gone. */

#define DEFAULT_PAGE_SIZE 25
#define THUMBNAIL_SIZE    96

struct _CsArchiveBrowseDialog
{
  AdwWindow           parent_instance;

  /* Template Widgets */
  GtkStack           *main_stack;
  GtkDropDown        *server_dropdown;
  GtkEntry           *patient_entry;
  GtkEntry           *accession_entry;
  GtkEntry           *date_entry;
  GtkEntry           *modality_entry;
  GtkWidget          *search_button;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
  GtkWidget          *stop_button;
  GtkListBox         *studies_list;
  GtkWidget          *more_button;
  GtkListBox         *series_list;

  /* Owned References */
  GSettings          *settings;
  GPtrArray          *servers;             /* CsArchiveServer */
  CsDicomwebClient   *client;              /* of the last search */
  GCancellable       *search_cancellable;
  GCancellable       *series_cancellable;  /* and its thumbnails */
  char               *error;
  char               *study_uid;           /* whose series are listed */

  guint               page_size;
  guint               offset;              /* studies shown */
  guint               n_requests;
  guint               n_thumbnails;
  guint               n_series;
  guint               has_more : 1;
};

G_DEFINE_FINAL_TYPE (CsArchiveBrowseDialog, cs_archive_browse_dialog, ADW_TYPE_WINDOW)

enum {
  OPEN_URL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
cs_archive_browse_dialog_alive (CsArchiveBrowseDialog *self)
{
  return self->status_label != NULL;
}

static void
cs_archive_browse_dialog_set_status (CsArchiveBrowseDialog *self,
                                     const char            *text,
                                     const GError          *error)
{
  g_clear_pointer (&self->error, g_free);
  if (error != NULL)
    {
      const CsArchiveServer *server = NULL;
      guint selected = gtk_drop_down_get_selected (self->server_dropdown);

      if (selected < self->servers->len)
        server = g_ptr_array_index (self->servers, selected);
      self->error = cs_archive_describe_error (server != NULL ? server->name : "", error);
      text = self->error;
    }
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
cs_archive_browse_dialog_update_busy (CsArchiveBrowseDialog *self)
{
  gboolean busy = self->n_requests > 0 || self->n_thumbnails > 0;

  if (!cs_archive_browse_dialog_alive (self))
    return;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (self->stop_button, busy);
  gtk_widget_set_visible (self->more_button, self->has_more);
  gtk_widget_set_sensitive (self->more_button, self->n_requests == 0);
}

/* Cancels what runs with *@cancellable; what starts next gets a new one. */
static void
replace_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_object_unref (*cancellable);
  *cancellable = g_cancellable_new ();
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder stays. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
on_thumbnail_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CsArchiveBrowseDialog *self = CS_ARCHIVE_BROWSE_DIALOG (source);
  g_autoptr(GtkWidget) stack = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = cs_archive_thumbnail_finish (result, &error);

  self->n_thumbnails--;
  cs_archive_browse_dialog_update_busy (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !cs_archive_browse_dialog_alive (self))
    return;
  cs_archive_thumbnail_stack_set (GTK_STACK (stack), texture, error);
}

static GtkWidget *
make_thumbnail (CsArchiveBrowseDialog  *self,
                const CsDicomwebSeries *series)
{
  GtkWidget *stack = cs_archive_thumbnail_stack_new (THUMBNAIL_SIZE);

  self->n_thumbnails++;
  cs_archive_thumbnail_async (self, self->client, self->study_uid, series->series_uid,
                              THUMBNAIL_SIZE, self->series_cancellable, on_thumbnail_cb,
                              g_object_ref (stack));

  return stack;
}

static void
on_series_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CsArchiveBrowseDialog *self = CS_ARCHIVE_BROWSE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = cs_archive_list_series_finish (result, &error);

  self->n_requests--;
  cs_archive_browse_dialog_update_busy (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !cs_archive_browse_dialog_alive (self))
    return;
  if (series == NULL)
    {
      cs_archive_browse_dialog_set_status (self, NULL, error);
      return;
    }
  for (guint i = 0; i < series->len; i++)
    gtk_list_box_append (self->series_list,
                         cs_archive_series_row_new (series->pdata[i], i,
                                                    make_thumbnail (self, series->pdata[i])));
  self->n_series = series->len;
  if (series->len == 0)
    cs_archive_browse_dialog_set_status (self, _("The study has no whole-slide images (SM series)"),
                                         NULL);
  else
    {
      g_autofree char *status = g_strdup_printf (ngettext ("%u whole-slide image in the study",
                                                           "%u whole-slide images in the study",
                                                           series->len), series->len);

      cs_archive_browse_dialog_set_status (self, status, NULL);
    }
  cs_archive_browse_dialog_update_busy (self);
}

static void
on_study_selected_cb (CsArchiveBrowseDialog *self,
                      GtkListBoxRow         *row,
                      GtkListBox            *list)
{
  const char *study_uid = row != NULL ? g_object_get_data (G_OBJECT (row), "study-uid") : NULL;

  if (study_uid == NULL || g_strcmp0 (study_uid, self->study_uid) == 0)
    return;
  replace_cancellable (&self->series_cancellable);
  clear_list (self->series_list);
  self->n_series = 0;
  g_free (self->study_uid);
  self->study_uid = g_strdup (study_uid);

  self->n_requests++;
  cs_archive_browse_dialog_set_status (self, _("Listing the study’s slides…"), NULL);
  cs_archive_list_series_async (self, self->client, study_uid, self->series_cancellable,
                                on_series_cb, NULL);
  cs_archive_browse_dialog_update_busy (self);
}

static void
on_studies_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CsArchiveBrowseDialog *self = CS_ARCHIVE_BROWSE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) studies = cs_archive_search_studies_finish (result, &error);
  g_autofree char *status = NULL;
  guint shown;

  self->n_requests--;
  cs_archive_browse_dialog_update_busy (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !cs_archive_browse_dialog_alive (self))
    return;
  if (studies == NULL)
    {
      cs_archive_browse_dialog_set_status (self, NULL, error);
      return;
    }
  shown = MIN (studies->len, self->page_size);
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->studies_list, cs_archive_study_row_new (studies->pdata[i]));
  self->offset += shown;
  self->has_more = studies->len > self->page_size;
  status = self->offset == 0
           ? g_strdup (_("No studies match the filters"))
           : g_strdup_printf (ngettext ("%u study", "%u studies", self->offset), self->offset);
  cs_archive_browse_dialog_set_status (self, status, NULL);
  cs_archive_browse_dialog_update_busy (self);
}

static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
cs_archive_browse_dialog_start_search (CsArchiveBrowseDialog *self,
                                       gboolean               more)
{
  guint selected = gtk_drop_down_get_selected (self->server_dropdown);
  g_autofree char *patient_id = entry_text (self->patient_entry);
  g_autofree char *accession = entry_text (self->accession_entry);
  g_autofree char *study_date = entry_text (self->date_entry);
  g_autofree char *modality = entry_text (self->modality_entry);
  g_autoptr(GError) error = NULL;
  CsDicomwebQuery query = {
    .patient_id = patient_id, .accession = accession, .study_date = study_date,
    .modality = modality, .limit = self->page_size + 1,
  };

  if (selected >= self->servers->len)
    return;
  replace_cancellable (&self->search_cancellable);
  if (!more || self->client == NULL)
    {
      cs_archive_browse_dialog_stop (self);
      clear_list (self->studies_list);
      clear_list (self->series_list);
      self->offset = self->n_series = 0;
      self->has_more = FALSE;
      g_clear_pointer (&self->study_uid, g_free);
      g_clear_object (&self->client);
      self->client = cs_archive_server_make_client (self->servers->pdata[selected], &error);
      if (self->client == NULL)
        {
          cs_archive_browse_dialog_set_status (self, NULL, error);
          return;
        }
    }
  query.offset = self->offset;

  self->n_requests++;
  cs_archive_browse_dialog_set_status (self, _("Searching…"), NULL);
  cs_archive_search_studies_async (self, self->client, &query, self->search_cancellable,
                                   on_studies_cb, NULL);
  cs_archive_browse_dialog_update_busy (self);
}

void
cs_archive_browse_dialog_search (CsArchiveBrowseDialog *self)
{
  g_return_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self));

  cs_archive_browse_dialog_start_search (self, FALSE);
}

void
cs_archive_browse_dialog_more (CsArchiveBrowseDialog *self)
{
  g_return_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self));

  if (self->has_more)
    cs_archive_browse_dialog_start_search (self, TRUE);
}

void
cs_archive_browse_dialog_stop (CsArchiveBrowseDialog *self)
{
  g_return_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self));

  replace_cancellable (&self->search_cancellable);
  replace_cancellable (&self->series_cancellable);
  g_clear_pointer (&self->study_uid, g_free);
  if (cs_archive_browse_dialog_alive (self))
    gtk_list_box_unselect_all (self->studies_list);
}

static void
cs_archive_browse_dialog_search_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  cs_archive_browse_dialog_search (CS_ARCHIVE_BROWSE_DIALOG (widget));
}

static void
cs_archive_browse_dialog_more_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  cs_archive_browse_dialog_more (CS_ARCHIVE_BROWSE_DIALOG (widget));
}

static void
cs_archive_browse_dialog_stop_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CsArchiveBrowseDialog *self = CS_ARCHIVE_BROWSE_DIALOG (widget);

  cs_archive_browse_dialog_stop (self);
  cs_archive_browse_dialog_set_status (self, _("Stopped"), NULL);
}

static void
cs_archive_browse_dialog_open_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  cs_archive_browse_dialog_open_series (CS_ARCHIVE_BROWSE_DIALOG (widget),
                                        g_variant_get_uint32 (param));
}

gboolean
cs_archive_browse_dialog_get_busy (CsArchiveBrowseDialog *self)
{
  g_return_val_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self), FALSE);

  return self->n_requests > 0;
}

guint
cs_archive_browse_dialog_get_n_loading_thumbnails (CsArchiveBrowseDialog *self)
{
  g_return_val_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self), 0);

  return self->n_thumbnails;
}

guint
cs_archive_browse_dialog_get_n_studies (CsArchiveBrowseDialog *self)
{
  g_return_val_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self), 0);

  return self->offset;
}

gboolean
cs_archive_browse_dialog_get_has_more (CsArchiveBrowseDialog *self)
{
  g_return_val_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self), FALSE);

  return self->has_more;
}

void
cs_archive_browse_dialog_select_study (CsArchiveBrowseDialog *self,
                                       guint                  index)
{
  GtkListBoxRow *row;

  g_return_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self));

  row = gtk_list_box_get_row_at_index (self->studies_list, index);
  if (row != NULL)
    gtk_list_box_select_row (self->studies_list, row);
}

const char *
cs_archive_browse_dialog_get_study_uid (CsArchiveBrowseDialog *self,
                                        guint                  index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self), NULL);

  row = gtk_list_box_get_row_at_index (self->studies_list, index);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "study-uid") : NULL;
}

guint
cs_archive_browse_dialog_get_n_series (CsArchiveBrowseDialog *self)
{
  g_return_val_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self), 0);

  return self->n_series;
}

gboolean
cs_archive_browse_dialog_get_series_has_thumbnail (CsArchiveBrowseDialog *self,
                                                   guint                  index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->series_list, index);

  return row != NULL && cs_archive_series_row_has_thumbnail (row);
}

void
cs_archive_browse_dialog_open_series (CsArchiveBrowseDialog *self,
                                      guint                  index)
{
  GtkListBoxRow *row;
  g_autofree char *url = NULL;

  g_return_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self));

  row = gtk_list_box_get_row_at_index (self->series_list, index);
  if (row == NULL || self->client == NULL || self->study_uid == NULL)
    return;
  url = cs_dicomweb_make_slide_url (cs_dicomweb_client_get_base_url (self->client),
                                    self->study_uid, g_object_get_data (G_OBJECT (row), "series-uid"));
  g_signal_emit (self, signals[OPEN_URL], 0, url);
  gtk_window_close (GTK_WINDOW (self));
}

const char *
cs_archive_browse_dialog_get_error (CsArchiveBrowseDialog *self)
{
  g_return_val_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self), NULL);

  return self->error;
}

void
cs_archive_browse_dialog_set_page_size (CsArchiveBrowseDialog *self,
                                        guint                  page_size)
{
  g_return_if_fail (CS_IS_ARCHIVE_BROWSE_DIALOG (self));

  self->page_size = MAX (page_size, 1);
}

static void
cs_archive_browse_dialog_load_servers (CsArchiveBrowseDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->servers, g_ptr_array_unref);
  self->servers = cs_archive_servers_load (self->settings);
  for (guint i = 0; i < self->servers->len; i++)
    gtk_string_list_append (names, ((CsArchiveServer *) self->servers->pdata[i])->name);
  gtk_drop_down_set_model (self->server_dropdown, G_LIST_MODEL (names));
  gtk_stack_set_visible_child_name (self->main_stack,
                                    self->servers->len > 0 ? "browse" : "empty");
}

static void
on_server_selected_cb (CsArchiveBrowseDialog *self)
{
  cs_archive_browse_dialog_stop (self);
  clear_list (self->studies_list);
  clear_list (self->series_list);
  self->offset = self->n_series = 0;
  self->has_more = FALSE;
  g_clear_object (&self->client);
  cs_archive_browse_dialog_set_status (self, NULL, NULL);
  cs_archive_browse_dialog_update_busy (self);
}

static void
cs_archive_browse_dialog_dispose (GObject *object)
{
  CsArchiveBrowseDialog *self = CS_ARCHIVE_BROWSE_DIALOG (object);

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->series_cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_ARCHIVE_BROWSE_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->series_cancellable);
  g_clear_pointer (&self->servers, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->study_uid, g_free);

  G_OBJECT_CLASS (cs_archive_browse_dialog_parent_class)->dispose (object);
}

static void
cs_archive_browse_dialog_class_init (CsArchiveBrowseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_archive_browse_dialog_dispose;

  signals[OPEN_URL] = g_signal_new ("open-url", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/consilium/Consilium/ui/cs-archive-browse-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, server_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, patient_entry);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, accession_entry);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, modality_entry);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, search_button);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, studies_list);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, more_button);
  gtk_widget_class_bind_template_child (widget_class, CsArchiveBrowseDialog, series_list);
  gtk_widget_class_install_action (widget_class, "browse.search", NULL,
                                   cs_archive_browse_dialog_search_action);
  gtk_widget_class_install_action (widget_class, "browse.more", NULL,
                                   cs_archive_browse_dialog_more_action);
  gtk_widget_class_install_action (widget_class, "browse.stop", NULL,
                                   cs_archive_browse_dialog_stop_action);
  gtk_widget_class_install_action (widget_class, "browse.open", "u",
                                   cs_archive_browse_dialog_open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 24);
  gtk_widget_set_margin_bottom (label, 24);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
cs_archive_browse_dialog_init (CsArchiveBrowseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->page_size = DEFAULT_PAGE_SIZE;
  self->search_cancellable = g_cancellable_new ();
  self->series_cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->search_button);
  gtk_list_box_set_placeholder (self->studies_list,
                                make_placeholder (_("Search to list the server’s studies")));
  gtk_list_box_set_placeholder (self->series_list,
                                make_placeholder (_("Choose a study to see its slides")));
  /* A DICOM code, not words: whole-slide microscopy by default. */
  gtk_editable_set_text (GTK_EDITABLE (self->modality_entry), "SM");
  g_signal_connect_object (self->studies_list, "row-selected",
                           G_CALLBACK (on_study_selected_cb), self, G_CONNECT_SWAPPED);
  cs_archive_browse_dialog_update_busy (self);
}

CsArchiveBrowseDialog *
cs_archive_browse_dialog_new (GtkWindow *parent,
                              GSettings *settings)
{
  CsArchiveBrowseDialog *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CS_TYPE_ARCHIVE_BROWSE_DIALOG, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  cs_archive_browse_dialog_load_servers (self);
  g_signal_connect_object (settings, "changed::dicomweb-servers",
                           G_CALLBACK (cs_archive_browse_dialog_load_servers), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->server_dropdown, "notify::selected",
                           G_CALLBACK (on_server_selected_cb), self, G_CONNECT_SWAPPED);

  return self;
}
