/* cs-report-stow.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-dicom"

#include "config.h"

#include "cs-report-dicom.h"

#include <glib/gstdio.h>

/* Filing a signed opinion with STOW-RS: the slide's series metadata
 * (WADO-RS) gives the patient and study, cs_report_dicom_build the
 * instance, cs_dicomweb_client_store sends it. */

/**
 * cs_report_dicom_render_pdf:
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
cs_report_dicom_render_pdf (CsReportLayout  *layout,
                            GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gboolean ok;
  int fd;

  fd = g_file_open_tmp ("consilium-opinion-XXXXXX.pdf", &path, error);
  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  ok = cs_report_layout_write_pdf (layout, path, error) &&
       g_file_get_contents (path, &data, &len, error);
  g_unlink (path);
  if (!ok)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

/**
 * cs_report_dicom_send:
 *
 * Returns: %TRUE once the server has stored the instance; else %FALSE
 *   with @error set (CS_REPORT_DICOM_ERROR for an opinion that may not be
 *   filed, CS_DICOMWEB_ERROR naming the server for a failed request)
 */
gboolean
cs_report_dicom_send (CsReport          *report,
                      GBytes            *pdf,
                      CsDicomwebClient  *client,
                      const char        *study_uid,
                      const char        *series_uid,
                      char             **sop_instance_uid,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(GBytes) part10 = NULL;
  g_autofree char *uid = NULL;

  g_return_val_if_fail (CS_IS_REPORT (report), FALSE);
  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (client), FALSE);

  /* Refuse a draft before asking the server anything. */
  if (!cs_report_dicom_check (report, error))
    return FALSE;
  metadata = cs_dicomweb_client_get_series_metadata (client, study_uid, series_uid,
                                                     cancellable, error);
  if (metadata == NULL)
    return FALSE;
  part10 = cs_report_dicom_build (report, pdf, metadata, study_uid, &uid, error);
  if (part10 == NULL ||
      !cs_dicomweb_client_store (client, study_uid, part10, cancellable, error))
    return FALSE;
  if (sop_instance_uid != NULL)
    *sop_instance_uid = g_steal_pointer (&uid);
  return TRUE;
}
