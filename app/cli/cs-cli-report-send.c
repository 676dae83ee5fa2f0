/* cs-cli-report-send.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include <inttypes.h>

#include "cs-cli-report-private.h"

#include "cs-dicomweb.h"
#include "cs-report-dicom.h"

/* consilium-cli report send REPORT --slide dicomweb:URL/studies/S/series/SE
 *                           [--slide SLIDE…] [--annotations FILE…]
 *                           [--paper a4|letter] [--magnification M]
 *                           [--user NAME --password-file FILE | --token-file FILE]
 *
 * Files a signed opinion into the study of the slide it was given for: the
 * PDF that report pdf writes (the figures rendered from the slides given,
 * the remote one included when the report lists it), as an Encapsulated
 * PDF instance sent with STOW-RS (cs_report_dicom_send). */

/* The one "dicomweb:" slide among @slide_paths: where the opinion goes. */
static const char *
find_target (char    **slide_paths,
             GError  **error)
{
  const char *target = NULL;

  for (guint i = 0; slide_paths != NULL && slide_paths[i] != NULL; i++)
    {
      if (!g_str_has_prefix (slide_paths[i], CS_DICOMWEB_URL_SCHEME))
        continue;
      if (target != NULL && g_strcmp0 (target, slide_paths[i]) != 0)
        {
          g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                               _("Give one slide on a DICOMweb server (dicomweb:URL): the "
                                 "opinion is filed into its study"));
          return NULL;
        }
      target = slide_paths[i];
    }
  if (target == NULL)
    g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                         _("No slide on a DICOMweb server given: add --slide "
                           "dicomweb:URL/studies/UID/series/UID, the slide whose study "
                           "receives the opinion"));
  return target;
}

static gboolean
send_report (CsReport        *report,
             CsReportLayout  *layout,
             const char      *target,
             GError         **error)
{
  g_autofree char *base_url = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *series_uid = NULL;
  g_autofree char *instance_uid = NULL;
  g_autofree char *series = NULL;
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GBytes) pdf = NULL;

  if (!cs_dicomweb_parse_slide_url (target, &base_url, &study_uid, &series_uid, error))
    return FALSE;
  client = cs_dicomweb_client_new (base_url, error);
  if (client == NULL)
    return FALSE;
  pdf = cs_report_dicom_render_pdf (layout, error);
  if (pdf == NULL)
    return FALSE;
  cs_cli_report_warn_figures (layout, report);
  if (!cs_report_dicom_send (report, pdf, client, study_uid, series_uid, &instance_uid, NULL,
                             error))
    return FALSE;
  series = cs_report_dicom_series_uid (report, study_uid);
  g_print (_("Filed the opinion %s (revision %" PRId64 ") into study %s on %s\n"
             "Series: %s\nInstance: %s\n"),
           cs_report_get_id (report), cs_report_get_revision (report), study_uid,
           cs_dicomweb_client_get_name (client), series, instance_uid);
  return TRUE;
}

gboolean
cs_cli_report_send (int      argc,
                    char   **argv,
                    GError **error)
{
  const char *arg_names[] = { _("REPORT"), NULL };
  g_auto(GStrv) slide_paths = NULL;
  g_auto(CsCliReportFigures) figures = { NULL, NULL, 0 };
  const GOptionEntry entries[] = {
    { "slide", 's', 0, G_OPTION_ARG_FILENAME_ARRAY, &slide_paths,
      N_("The slide on a DICOMweb server whose study receives the opinion "
         "(dicomweb:URL/studies/UID/series/UID); repeat for other slides the figures are "
         "rendered from"), N_("SLIDE") },
    CS_CLI_REPORT_FIGURE_ENTRIES (&figures),
    { NULL }
  };
  g_auto(CsCliDicomwebAuth) auth = { NULL, NULL, NULL };
  g_autofree GOptionEntry *all_entries = cs_cli_dicomweb_entries (entries, &auth);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsReport) report = NULL;
  g_autoptr(CsReportLayout) layout = NULL;
  const char *target;
  CsPaper paper;

  context = cs_cli_option_context (_("REPORT"),
                                   _("Files a final, signed opinion into the study of its slide "
                                     "on a DICOMweb server (STOW-RS): its PDF as a DICOM "
                                     "Encapsulated PDF with the patient and study as the "
                                     "archive has them, the signer as verifying observer and "
                                     "the content hash in the document title. Drafts are "
                                     "refused; the same signed revision sent again is the "
                                     "same instance, not a second one."),
                                   all_entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli report send report.json --slide "
                     "dicomweb:https://pacs.example/dicom-web/studies/1.2.3/series/1.2.3.4 "
                     "--user alice --password-file pw.txt",
                     "consilium-cli report send report.json --slide "
                     "dicomweb:https://pacs.example/dicom-web/studies/1.2.3/series/1.2.3.4 "
                     "--annotations regions.geojson --token-file token.txt",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) ||
      !cs_cli_report_figure_options (&figures, &paper, error) ||
      !cs_cli_dicomweb_auth_apply (&auth, error))
    return FALSE;
  target = find_target (slide_paths, error);
  if (target == NULL)
    return FALSE;

  report = cs_cli_report_load (argv[1], error);
  /* A draft is refused before any slide or server is read. */
  if (report == NULL || !cs_report_dicom_check (report, error))
    return FALSE;
  layout = cs_cli_report_layout (report, slide_paths, &figures, target, paper, error);
  if (layout == NULL)
    return FALSE;
  return send_report (report, layout, target, error);
}
