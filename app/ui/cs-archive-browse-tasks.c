/* cs-archive-browse-tasks.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-archive-browse-tasks"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-archive-browse-tasks.h"
#include "cs-archive-thumbnail.h"
#include "cs-ui-task.h"

/* The worker is given its own copies: a reference on the client (which
 * may be used from any thread) and the strings of the request, never the
 * widget. */

typedef struct
{
  CsDicomwebClient *client;
  char             *study_uid;
  char             *series_uid;
  char             *patient_id;
  char             *accession;
  char             *study_date;
  char             *modality;
  guint             limit;
  guint             offset;
  int               size;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->client);
  g_free (request->study_uid);
  g_free (request->series_uid);
  g_free (request->patient_id);
  g_free (request->accession);
  g_free (request->study_date);
  g_free (request->modality);
  g_free (request);
}

static Request *
request_new (CsDicomwebClient *client)
{
  Request *request = g_new0 (Request, 1);

  request->client = g_object_ref (client);

  return request;
}

static void
ptr_array_unref (gpointer array)
{
  g_ptr_array_unref (array);
}

static void
search_studies_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  Request *request = data;
  CsDicomwebQuery query = {
    .patient_id = request->patient_id,
    .accession = request->accession,
    .study_date = request->study_date,
    .modality = request->modality,
    .limit = request->limit,
    .offset = request->offset,
  };
  GError *error = NULL;
  GPtrArray *studies = cs_dicomweb_client_search_studies (request->client, &query,
                                                          cancellable, &error);

  if (studies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, studies, ptr_array_unref);
}

void
cs_archive_search_studies_async (gpointer               source,
                                 CsDicomwebClient      *client,
                                 const CsDicomwebQuery *query,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  Request *request = request_new (client);

  g_task_set_source_tag (task, cs_archive_search_studies_async);
  request->patient_id = g_strdup (query->patient_id);
  request->accession = g_strdup (query->accession);
  request->study_date = g_strdup (query->study_date);
  request->modality = g_strdup (query->modality);
  request->limit = query->limit;
  request->offset = query->offset;
  cs_ui_task_run_in_thread (task, request, request_free, search_studies_thread);
}

GPtrArray *
cs_archive_search_studies_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return cs_ui_task_propagate_pointer (G_TASK (result), error);
}

static void
list_series_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  Request *request = data;
  GError *error = NULL;
  GPtrArray *series = cs_dicomweb_client_search_series (request->client, request->study_uid,
                                                        "SM", cancellable, &error);

  if (series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, series, ptr_array_unref);
}

void
cs_archive_list_series_async (gpointer             source,
                              CsDicomwebClient    *client,
                              const char          *study_uid,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  Request *request = request_new (client);

  g_task_set_source_tag (task, cs_archive_list_series_async);
  request->study_uid = g_strdup (study_uid);
  cs_ui_task_run_in_thread (task, request, request_free, list_series_thread);
}

GPtrArray *
cs_archive_list_series_finish (GAsyncResult  *result,
                               GError       **error)
{
  return cs_ui_task_propagate_pointer (G_TASK (result), error);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Request *request = data;
  GError *error = NULL;
  GdkPixbuf *pixbuf = cs_archive_thumbnail_fetch (request->client, request->study_uid,
                                                  request->series_uid, request->size,
                                                  cancellable, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

void
cs_archive_thumbnail_async (gpointer             source,
                            CsDicomwebClient    *client,
                            const char          *study_uid,
                            const char          *series_uid,
                            int                  size,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  Request *request = request_new (client);

  g_task_set_source_tag (task, cs_archive_thumbnail_async);
  request->study_uid = g_strdup (study_uid);
  request->series_uid = g_strdup (series_uid);
  request->size = size;
  cs_ui_task_run_in_thread (task, request, request_free, thumbnail_thread);
}

/* Returns: (transfer full): the thumbnail, made into a texture on the
 * main thread */
GdkTexture *
cs_archive_thumbnail_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = cs_ui_task_propagate_pointer (G_TASK (result), error);

  return pixbuf != NULL ? gdk_texture_new_for_pixbuf (pixbuf) : NULL;
}

char *
cs_archive_describe_error (const char   *server_name,
                           const GError *error)
{
  if (g_error_matches (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_AUTH))
    return g_strdup_printf (_("%s refused access: wrong user name or password. Check the server in Preferences → Slide Archives."),
                            server_name);
  /* The client's messages name the server and the cause (unreachable,
   * not found, a failing status, a malformed answer). */
  return g_strdup (error->message);
}
