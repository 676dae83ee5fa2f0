/* cs-report-pane-archive.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-archive-servers.h"
#include "cs-report-dicom.h"
#include "cs-report-pane-private.h"
#include "cs-settings.h"
#include "cs-toast.h"
#include "cs-ui-task.h"

/* "File in Archive…": a signed opinion on a remote (dicomweb:) slide goes
 * back into the slide's study as a DICOM Encapsulated PDF, with STOW-RS
 * (cs_report_dicom_send ()). The user first confirms what will be sent:
 * the study, the document title with the content hash, the consultant as
 * author, the server. The PDF is laid out and sent in a worker, from
 * copies, with the credentials of the server in the preferences. */

typedef struct
{
  CsReport         *report;
  CsReportLayout   *layout;
  CsDicomwebClient *client;
  char             *study_uid;
  char             *series_uid;
} FileJob;

static void
file_job_free (gpointer data)
{
  FileJob *job = data;

  g_clear_object (&job->report);
  g_clear_object (&job->layout);
  g_clear_object (&job->client);
  g_free (job->study_uid);
  g_free (job->series_uid);
  g_free (job);
}

/* The page's slide when it is a remote one: its base URL, study and
 * series; %FALSE for a local slide. */
static gboolean
cs_report_pane_remote_slide (CsReportPane  *self,
                             char         **base_url,
                             char         **study_uid,
                             char         **series_uid)
{
  CsSlide *slide = self->page != NULL ? cs_slide_page_get_slide (self->page) : NULL;
  const char *path = slide != NULL ? cs_slide_get_path (slide) : NULL;

  if (path == NULL || !g_str_has_prefix (path, CS_DICOMWEB_URL_SCHEME))
    return FALSE;

  return cs_dicomweb_parse_slide_url (path, base_url, study_uid, series_uid, NULL);
}

/* A client for @base_url, named as in the preferences when it is there. */
static CsDicomwebClient *
cs_report_pane_archive_client (const char  *base_url,
                               GError     **error)
{
  GSettings *settings = cs_settings_get_default ();
  g_autoptr(GPtrArray) servers = settings != NULL ? cs_archive_servers_load (settings) : NULL;
  g_autofree char *url = cs_archive_normalize_url (base_url);

  for (guint i = 0; servers != NULL && i < servers->len; i++)
    {
      const CsArchiveServer *server = g_ptr_array_index (servers, i);

      if (g_str_equal (server->url, url))
        return cs_archive_server_make_client (server, error);
    }

  return cs_dicomweb_client_new (base_url, error);
}

/* Whether the opinion shown may be filed: signed, untouched, on a remote
 * slide, nothing being filed already. */
gboolean
_cs_report_pane_can_file (CsReportPane *self)
{
  g_autofree char *base_url = NULL;

  return !self->filing && self->report != NULL &&
         cs_report_dicom_check (self->report, NULL) &&
         cs_report_pane_remote_slide (self, &base_url, NULL, NULL);
}

static void
cs_report_pane_file_thread (GTask        *task,
                            gpointer      source,
                            gpointer      data,
                            GCancellable *cancellable)
{
  FileJob *job = data;
  g_autoptr(GBytes) pdf = NULL;
  char *sop_instance_uid = NULL;
  GError *error = NULL;

  pdf = cs_report_dicom_render_pdf (job->layout, &error);
  if (pdf == NULL ||
      !cs_report_dicom_send (job->report, pdf, job->client, job->study_uid, job->series_uid,
                             &sop_instance_uid, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, sop_instance_uid, g_free);
}

/**
 * cs_report_pane_file_in_archive_async:
 *
 * Files the opinion shown into its remote slide's study, without asking:
 * the action asks first.
 */
void
cs_report_pane_file_in_archive_async (CsReportPane        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *data = NULL;
  GError *error = NULL;
  FileJob *job;

  g_return_if_fail (CS_IS_REPORT_PANE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_report_pane_file_in_archive_async);
  job = g_new0 (FileJob, 1);
  if (self->report == NULL ||
      !cs_report_pane_remote_slide (self, &base_url, &job->study_uid, &job->series_uid))
    {
      file_job_free (job);
      cs_ui_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                          _("Only opinions on slides opened from an archive can be filed in it")));
      return;
    }
  job->client = cs_report_pane_archive_client (base_url, &error);
  if (job->client == NULL)
    {
      file_job_free (job);
      cs_ui_task_return_error (task, error);
      return;
    }
  data = cs_report_to_data (self->report, NULL);
  job->report = cs_report_new_from_data (data, -1, NULL);
  job->layout = _cs_report_pane_layout_new (self, _cs_report_pane_paper ());
  cs_ui_task_run_in_thread (task, job, file_job_free, cs_report_pane_file_thread);
}

/* Returns: the SOP Instance UID of the filed document, or %NULL */
char *
cs_report_pane_file_in_archive_finish (CsReportPane  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return cs_ui_task_propagate_pointer (G_TASK (result), error);
}

static void
on_filed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CsReportPane *self = CS_REPORT_PANE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = cs_report_pane_file_in_archive_finish (self, result, &error);

  self->filing = FALSE;
  if (self->cases == NULL)
    return;  /* disposed */
  _cs_report_pane_queue_refresh (self);
  if (uid == NULL)
    _cs_report_pane_error (self, _("Could Not File the Opinion"), error);
  else
    cs_toast_show (GTK_WIDGET (self), adw_toast_new (_("Opinion filed in the archive")));
}

static void
on_confirm_response_cb (CsReportPane     *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "file") != 0 || !_cs_report_pane_can_file (self))
    return;
  self->filing = TRUE;
  _cs_report_pane_queue_refresh (self);
  cs_report_pane_file_in_archive_async (self, NULL, on_filed_cb, NULL);
}

/**
 * _cs_report_pane_file_confirmation:
 *
 * Returns: (transfer full): what "File in Archive…" says it will send
 */
char *
_cs_report_pane_file_confirmation (CsReportPane *self)
{
  g_autofree char *base_url = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *title = NULL;
  g_autoptr(CsDicomwebClient) client = NULL;
  const char *consultant;

  if (self->report == NULL || !cs_report_pane_remote_slide (self, &base_url, &study_uid, NULL))
    return NULL;
  client = cs_report_pane_archive_client (base_url, NULL);
  title = cs_report_dicom_title (self->report);
  consultant = cs_report_get_text (self->report, "consultant.name");

  return g_strdup_printf (_("The signed opinion goes as a PDF document into study %s on %s, "
                            "titled “%s”, with %s as its author. The referring hospital "
                            "then sees it in its own archive."),
                          study_uid, client != NULL ? cs_dicomweb_client_get_name (client) : base_url,
                          title, consultant != NULL && *consultant != '\0' ? consultant : _("the consultant"));
}

void
_cs_report_pane_file_in_archive (CsReportPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = _cs_report_pane_file_confirmation (self);
  GtkWidget *dialog;

  if (body == NULL || !_cs_report_pane_can_file (self))
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("File the Opinion in the Archive?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "file", _("_File"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "file",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
