/* cs-cli-dicomweb.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cs-dicomweb.h"

/* consilium-cli dicomweb studies URL [filters] [--limit N] [--offset N]
 * consilium-cli dicomweb series URL STUDY [--modality M]
 *
 * QIDO-RS searches on a DICOMweb server (CsDicomwebClient), printed as
 * columns or --json. What the server sends is shown through
 * cs_cli_safe (): a hostile archive cannot write escape sequences to the
 * terminal. */

#define STUDIES_EXAMPLES                                                              \
  "consilium-cli dicomweb studies https://pacs.example.org/dicom-web --modality SM",   \
  "consilium-cli dicomweb studies https://pacs.example.org/dicom-web --patient-id "   \
  "PSEUDO-17 --user alice --password-file ~/.pacs-password"
#define SERIES_EXAMPLES                                                               \
  "consilium-cli dicomweb series https://pacs.example.org/dicom-web "                  \
  "1.2.826.0.1.3680043.8.498.1 --modality SM --token-file ~/.pacs-token --json"

static const char *const studies_examples[] = { STUDIES_EXAMPLES, NULL };
static const char *const series_examples[] = { SERIES_EXAMPLES, NULL };
static const char *const dicomweb_examples[] = { STUDIES_EXAMPLES, SERIES_EXAMPLES, NULL };

static CsDicomwebClient *
connect_client (const char        *url,
                CsCliDicomwebAuth *auth,
                GError           **error)
{
  if (!cs_cli_dicomweb_auth_apply (auth, error))
    return NULL;

  return cs_dicomweb_client_new (url, error);
}

static gboolean
check_count (int         value,
             const char *option,
             GError    **error)
{
  if (value >= 0)
    return TRUE;

  g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
               _("%s must be 0 or more"), option);
  return FALSE;
}

/* A member whose value comes from the server: valid UTF-8, or null. */
static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  g_autofree char *valid = value != NULL ? g_utf8_make_valid (value, -1) : NULL;

  json_builder_set_member_name (builder, name);
  if (valid != NULL)
    json_builder_add_string_value (builder, valid);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  /* Not g_print (): it would convert the UTF-8 to a non-UTF-8 locale. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
print_studies_json (GPtrArray *studies)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < studies->len; i++)
    {
      CsDicomwebStudy *study = studies->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "study_uid", study->study_uid);
      add_string (builder, "patient_id", study->patient_id);
      add_string (builder, "patient_name", study->patient_name);
      add_string (builder, "accession", study->accession);
      add_string (builder, "study_date", study->study_date);
      add_string (builder, "description", study->description);
      json_builder_set_member_name (builder, "modalities");
      json_builder_begin_array (builder);
      for (guint m = 0; study->modalities != NULL && study->modalities[m] != NULL; m++)
        {
          g_autofree char *valid = g_utf8_make_valid (study->modalities[m], -1);

          json_builder_add_string_value (builder, valid);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "n_series");
      json_builder_add_int_value (builder, study->n_series);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  print_json (builder);
}

static GPtrArray *
new_row (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
row_free (gpointer row)
{
  g_ptr_array_unref (row);
}

static void
print_studies (GPtrArray *studies)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);

  if (studies->len == 0)
    {
      g_print ("%s\n", _("No study matches."));
      return;
    }
  g_ptr_array_add (header, _("Study UID"));
  g_ptr_array_add (header, _("Date"));
  g_ptr_array_add (header, _("Patient ID"));
  g_ptr_array_add (header, _("Accession"));
  g_ptr_array_add (header, _("Modalities"));
  g_ptr_array_add (header, _("Series"));
  g_ptr_array_add (header, _("Description"));
  for (guint i = 0; i < studies->len; i++)
    {
      CsDicomwebStudy *study = studies->pdata[i];
      g_autofree char *modalities = study->modalities != NULL
                                    ? g_strjoinv (",", study->modalities) : NULL;
      GPtrArray *row = new_row ();

      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, study->study_uid)));
      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, study->study_date)));
      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, study->patient_id)));
      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, study->accession)));
      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, modalities)));
      g_ptr_array_add (row, g_strdup_printf ("%u", study->n_series));
      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, study->description)));
      g_ptr_array_add (rows, row);
    }
  cs_cli_print_columns (header, rows);
}

static void
print_series (CsDicomwebClient *client,
              const char       *study_uid,
              GPtrArray        *series,
              gboolean          json)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  g_ptr_array_add (header, _("Series UID"));
  g_ptr_array_add (header, _("Modality"));
  g_ptr_array_add (header, _("Instances"));
  g_ptr_array_add (header, _("Description"));
  for (guint i = 0; i < series->len; i++)
    {
      CsDicomwebSeries *one = series->pdata[i];
      /* The address under which Consilium opens the series as a slide. */
      g_autofree char *url = cs_dicomweb_make_slide_url (cs_dicomweb_client_get_base_url (client),
                                                         study_uid, one->series_uid);
      GPtrArray *row = new_row ();

      json_builder_begin_object (builder);
      add_string (builder, "series_uid", one->series_uid);
      add_string (builder, "modality", one->modality);
      add_string (builder, "description", one->description);
      json_builder_set_member_name (builder, "n_instances");
      json_builder_add_int_value (builder, one->n_instances);
      add_string (builder, "slide_url", url);
      json_builder_end_object (builder);

      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, one->series_uid)));
      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, one->modality)));
      g_ptr_array_add (row, g_strdup_printf ("%u", one->n_instances));
      g_ptr_array_add (row, g_strdup (cs_cli_safe (pool, one->description)));
      g_ptr_array_add (rows, row);
    }
  json_builder_end_array (builder);

  if (json)
    print_json (builder);
  else if (series->len == 0)
    g_print ("%s\n", _("No series matches."));
  else
    cs_cli_print_columns (header, rows);
}

static gboolean
run_studies (int      argc,
             char   **argv,
             GError **error)
{
  const char *arg_names[] = { _("URL"), NULL };
  g_autofree char *patient_id = NULL;
  g_autofree char *patient_name = NULL;
  g_autofree char *accession = NULL;
  g_autofree char *date = NULL;
  g_autofree char *modality = NULL;
  int limit = 0;
  int offset = 0;
  gboolean json = FALSE;
  CsCliDicomwebAuth auth = { NULL };
  const GOptionEntry entries[] = {
    { "patient-id", 0, 0, G_OPTION_ARG_STRING, &patient_id,
      N_("Only studies of this patient ID or pseudonym (* matches any text)"), N_("ID") },
    { "patient-name", 0, 0, G_OPTION_ARG_STRING, &patient_name,
      N_("Only studies of this patient name (* matches any text)"), N_("NAME") },
    { "accession", 0, 0, G_OPTION_ARG_STRING, &accession,
      N_("Only studies with this accession number"), N_("NUMBER") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("Only studies of this date or range (YYYYMMDD or YYYYMMDD-YYYYMMDD)"), N_("DATE") },
    { "modality", 0, 0, G_OPTION_ARG_STRING, &modality,
      N_("Only studies with series of this modality (SM: slide microscopy)"), N_("MODALITY") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("Return at most N studies (default: as many as the server gives)"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset,
      N_("Skip the first N matching studies, to page with --limit"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the studies as JSON"), NULL },
    { NULL }
  };
  g_autofree GOptionEntry *all = cs_cli_dicomweb_entries (entries, &auth);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GPtrArray) studies = NULL;
  CsDicomwebQuery query = { NULL };
  gboolean ok = FALSE;

  context = cs_cli_option_context (_("URL"),
                                    _("Searches the studies of a DICOMweb server (QIDO-RS). URL is "
                                      "the server’s DICOMweb base address."),
                                    all);
  cs_cli_describe (context, studies_examples, NULL);
  if (cs_cli_parse (context, &argc, &argv, arg_names, error) &&
      check_count (limit, "--limit", error) && check_count (offset, "--offset", error))
    client = connect_client (argv[1], &auth, error);
  if (client != NULL)
    {
      query = (CsDicomwebQuery) { patient_id, patient_name, accession, date, modality,
                                  (guint) limit, (guint) offset };
      studies = cs_dicomweb_client_search_studies (client, &query, NULL, error);
    }
  if (studies != NULL)
    {
      if (json)
        print_studies_json (studies);
      else
        print_studies (studies);
      ok = TRUE;
    }
  cs_cli_dicomweb_auth_clear (&auth);

  return ok;
}

static gboolean
run_series (int      argc,
            char   **argv,
            GError **error)
{
  const char *arg_names[] = { _("URL"), _("STUDY"), NULL };
  g_autofree char *modality = NULL;
  gboolean json = FALSE;
  CsCliDicomwebAuth auth = { NULL };
  const GOptionEntry entries[] = {
    { "modality", 0, 0, G_OPTION_ARG_STRING, &modality,
      N_("Only series of this modality (SM: slide microscopy)"), N_("MODALITY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the series as JSON, with the dicomweb: address that opens each"), NULL },
    { NULL }
  };
  g_autofree GOptionEntry *all = cs_cli_dicomweb_entries (entries, &auth);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(GPtrArray) series = NULL;
  gboolean ok = FALSE;

  context = cs_cli_option_context (_("URL STUDY"),
                                    _("Lists the series of a study on a DICOMweb server "
                                      "(QIDO-RS). STUDY is its Study Instance UID."),
                                    all);
  cs_cli_describe (context, series_examples, NULL);
  if (cs_cli_parse (context, &argc, &argv, arg_names, error))
    client = connect_client (argv[1], &auth, error);
  if (client != NULL)
    series = cs_dicomweb_client_search_series (client, argv[2], modality, NULL, error);
  if (series != NULL)
    {
      print_series (client, argv[2], series, json);
      ok = TRUE;
    }
  cs_cli_dicomweb_auth_clear (&auth);

  return ok;
}

const CsCliCommand cs_cli_dicomweb_commands[] = {
  { "studies", N_("Search the studies of a DICOMweb server"), run_studies },
  { "series", N_("List the series of a study on a DICOMweb server"), run_series },
  { NULL }
};

gboolean
cs_cli_dicomweb (int      argc,
                 char   **argv,
                 GError **error)
{
  return cs_cli_dispatch (_("Searches the studies and series of a DICOMweb server (a slide "
                            "archive)."),
                          cs_cli_dicomweb_commands, dicomweb_examples, argc, argv, error);
}
