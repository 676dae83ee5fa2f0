/* cs-cli-report.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-report-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-annotation-io.h"
#include "cs-case.h"
#include "cs-report-layout.h"

/* consilium-cli report pdf REPORT.json --slide SLIDE… [--annotations FILE…]
 *                          [--paper a4|letter] [--magnification M] -o OUT.pdf
 * consilium-cli report json CASE
 * consilium-cli report verify REPORT.json [--annotations FILE…]
 *
 * The report is the §8 JSON document (cs_report_new_from_file keeps what
 * it does not know). This file matches the files given on the command
 * line to the report's slides and hands them to the core: the layout
 * (cs_report_layout_write_pdf), the case store, cs_report_verify. */

typedef struct
{
  char             *path;
  char             *sha256;
  char             *slide_id;
  CsSlide          *slide;
  CsAnnotationList *annotations;
} GivenSlide;

static void
given_slide_free (gpointer data)
{
  GivenSlide *given = data;

  g_free (given->path);
  g_free (given->sha256);
  g_free (given->slide_id);
  g_clear_object (&given->slide);
  g_clear_object (&given->annotations);
  g_free (given);
}

static gboolean
usage_error (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, message);
  return FALSE;
}

static CsReport *
load_report (const char  *path,
             GError     **error)
{
  CsReport *report = cs_report_new_from_file (path, error);

  if (report != NULL && cs_report_get_tampered (report))
    g_printerr (_("%s: modified after signing: its content does not match its signature\n"),
                path);
  return report;
}

/* The slide ids the report cites or lists, for error messages. */
static char *
list_slide_ids (CsReport *report)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < cs_report_get_n_regions (report); i++)
    {
      const char *id = cs_report_get_region_slide (report, i);

      if (id != NULL && strstr (ids->str, id) == NULL)
        g_string_append_printf (ids, "%s%s", ids->len > 0 ? ", " : "", id);
    }
  if (ids->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The one slide id the regions cite, or NULL when they cite several. */
static const char *
single_cited_slide (CsReport *report)
{
  const char *single = NULL;

  for (guint i = 0; i < cs_report_get_n_regions (report); i++)
    {
      const char *id = cs_report_get_region_slide (report, i);

      if (single != NULL && g_strcmp0 (single, id) != 0)
        return NULL;
      single = id;
    }
  return single;
}

/* NULL with @error set on failure; NULL without an error for an
 * @optional slide the report does not list. */
static GivenSlide *
open_slide (CsReport   *report,
            const char *path,
            guint       n_slides,
            gboolean    optional,
            GError    **error)
{
  g_autoptr(CsSlide) slide = cs_slide_new (path, error);
  g_autofree char *base = g_path_get_basename (path);
  const char *sha256, *slide_id;
  GivenSlide *given;

  if (slide == NULL)
    return NULL;
  sha256 = cs_slide_compute_identity (slide, NULL, error);
  if (sha256 == NULL)
    return NULL;
  slide_id = cs_report_layout_match_slide (report, sha256, base);
  /* A report that lists no materials yet, citing one slide: that one. */
  if (slide_id == NULL && n_slides == 1)
    slide_id = single_cited_slide (report);
  if (slide_id == NULL && optional)
    return NULL;
  if (slide_id == NULL)
    {
      g_autofree char *ids = list_slide_ids (report);

      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("The slide %s is not among the report’s materials (by SHA-256 or file "
                     "name); the report cites %s"),
                   path, ids != NULL ? ids : _("no slide"));
      return NULL;
    }
  given = g_new0 (GivenSlide, 1);
  given->path = g_strdup (path);
  given->sha256 = g_strdup (sha256);
  given->slide_id = g_strdup (slide_id);
  given->slide = g_steal_pointer (&slide);
  given->annotations = cs_annotation_list_new ();
  return given;
}

/* The "slide_sha256" of a Consilium GeoJSON file's header, if any. */
static char *
read_header_sha256 (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root, *header;

  if (!json_parser_load_from_mapped_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  header = json_object_get_member (json_node_get_object (root), "consilium");
  if (header == NULL || !JSON_NODE_HOLDS_OBJECT (header))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (header),
                                                               "slide_sha256", NULL));
}

static GivenSlide *
slide_for_annotations (GPtrArray   *slides,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *sha256 = read_header_sha256 (path);

  for (guint i = 0; sha256 != NULL && i < slides->len; i++)
    {
      GivenSlide *given = slides->pdata[i];

      if (g_str_equal (given->sha256, sha256))
        return given;
    }
  if (sha256 == NULL && slides->len == 1)
    return slides->pdata[0];
  if (sha256 != NULL)
    g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                 _("The annotations %s belong to a slide that was not given (SHA-256 %s)"),
                 path, sha256);
  else
    g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                 _("Cannot tell which slide the annotations %s belong to: give one slide, or "
                   "a Consilium GeoJSON file that names its slide"),
                 path);
  return NULL;
}

static gboolean
load_annotations (CsAnnotationList  *list,
                  const char        *path,
                  GError           **error)
{
  g_autoptr(CsAnnotationImport) import = cs_annotation_import_file (path, NULL, error);

  if (import == NULL)
    return FALSE;
  for (guint i = 0; i < import->warnings->len; i++)
    g_printerr ("%s: %s\n", path, (char *) import->warnings->pdata[i]);
  cs_annotation_import_prepare_for (import, list);
  cs_annotation_list_add_many (list, import->annotations, NULL);
  return TRUE;
}

static gboolean
parse_paper (const char  *name,
             CsPaper     *paper,
             GError     **error)
{
  if (name == NULL || g_ascii_strcasecmp (name, "a4") == 0)
    *paper = CS_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = CS_PAPER_LETTER;
  else
    return usage_error (error, _("Unknown paper size: choose a4 or letter"));
  return TRUE;
}

/* Signed reports must be complete; drafts print what they have. */
static gboolean
check_report (CsReport  *report,
              GError   **error)
{
  if (!cs_report_status_is_signed (cs_report_get_status (report)))
    return TRUE;
  return cs_report_validate (report, error);
}

static gboolean
open_inputs (CsReport   *report,
             char      **slide_paths,
             char      **annotation_paths,
             const char *optional_slide,
             GPtrArray  *slides,
             GError    **error)
{
  guint n_slides = slide_paths != NULL ? g_strv_length (slide_paths) : 0;

  for (guint i = 0; i < n_slides; i++)
    {
      gboolean optional = g_strcmp0 (slide_paths[i], optional_slide) == 0;
      g_autoptr(GError) local_error = NULL;
      GivenSlide *given = open_slide (report, slide_paths[i], n_slides, optional, &local_error);

      if (given == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (given != NULL)
        g_ptr_array_add (slides, given);
    }
  for (guint i = 0; annotation_paths != NULL && annotation_paths[i] != NULL; i++)
    {
      GivenSlide *given = slide_for_annotations (slides, annotation_paths[i], error);

      if (given == NULL || !load_annotations (given->annotations, annotation_paths[i], error))
        return FALSE;
    }
  return TRUE;
}

/* --paper and --magnification, checked before anything is read. */
void
cs_cli_report_figures_clear (CsCliReportFigures *figures)
{
  g_clear_pointer (&figures->annotation_paths, g_strfreev);
  g_clear_pointer (&figures->paper_name, g_free);
}

gboolean
cs_cli_report_figure_options (CsCliReportFigures  *figures,
                              CsPaper             *paper,
                              GError             **error)
{
  if (!parse_paper (figures->paper_name, paper, error))
    return FALSE;
  if (figures->magnification < 0 || figures->magnification > 400)
    return usage_error (error, _("The magnification must be between 0 (fit) and 400"));
  return TRUE;
}

/**
 * cs_cli_report_layout:
 * @optional_slide: (nullable): one of @slide_paths that is used for the
 *   figures when the report lists it, and skipped otherwise
 *
 * The report's printed form, its figures rendered from the slides given.
 */
CsReportLayout *
cs_cli_report_layout (CsReport           *report,
                      char              **slide_paths,
                      CsCliReportFigures *figures,
                      const char         *optional_slide,
                      CsPaper             paper,
                      GError            **error)
{
  g_autoptr(GPtrArray) slides = g_ptr_array_new_with_free_func (given_slide_free);
  g_autoptr(CsReportLayout) layout = NULL;

  if (!check_report (report, error) ||
      !open_inputs (report, slide_paths, figures->annotation_paths, optional_slide, slides,
                    error))
    return NULL;

  layout = cs_report_layout_new (report);
  for (guint i = 0; i < slides->len; i++)
    {
      GivenSlide *given = slides->pdata[i];

      cs_report_layout_add_slide (layout, given->slide_id, given->slide, given->annotations);
    }
  cs_report_layout_set_paper (layout, paper);
  cs_report_layout_set_figure_magnification (layout, figures->magnification);
  return g_steal_pointer (&layout);
}

/* After the layout was drawn: what its figures could not show. */
void
cs_cli_report_warn_figures (CsReportLayout *layout,
                            CsReport       *report)
{
  for (guint i = 0; i < cs_report_layout_get_n_figures (layout); i++)
    {
      const CsReportFigure *figure = cs_report_layout_get_figure (layout, i);

      if (figure->geometry_changed)
        g_printerr (_("Warning: figure %u: the cited annotation %s changed after signing; "
                      "the PDF marks it “Region changed after signing”\n"),
                    i + 1, cs_report_get_region_annotation (report, i));
      else if (figure->width == 0)
        g_printerr (_("Warning: figure %u is not shown: its slide “%s” or its annotations "
                      "were not given\n"),
                    i + 1, figure->slide_id != NULL ? figure->slide_id : "");
    }
}

CsReport *
cs_cli_report_load (const char  *path,
                    GError     **error)
{
  return load_report (path, error);
}

static gboolean
run_pdf (int      argc,
         char   **argv,
         GError **error)
{
  const char *arg_names[] = { _("REPORT"), NULL };
  g_auto(GStrv) slide_paths = NULL;
  g_auto(CsCliReportFigures) figures = { NULL, NULL, 0 };
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "slide", 's', 0, G_OPTION_ARG_FILENAME_ARRAY, &slide_paths,
      N_("A slide the report is about (repeat for several)"), N_("SLIDE") },
    CS_CLI_REPORT_FIGURE_ENTRIES (&figures),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsReport) report = NULL;
  g_autoptr(CsReportLayout) layout = NULL;
  CsPaper paper;

  context = cs_cli_option_context (_("REPORT"),
                                   _("Writes a second-opinion report (JSON) as a PDF, with the "
                                     "cited regions rendered from the slides as figures."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli report pdf report.json --slide slide.svs --annotations "
                     "regions.geojson --paper a4 -o report.pdf",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) ||
      !cs_cli_report_figure_options (&figures, &paper, error))
    return FALSE;
  if (output == NULL)
    return usage_error (error, _("No output file given: add -o FILE.pdf"));

  report = load_report (argv[1], error);
  if (report == NULL)
    return FALSE;
  layout = cs_cli_report_layout (report, slide_paths, &figures, NULL, paper, error);
  if (layout == NULL || !cs_report_layout_write_pdf (layout, output, error))
    return FALSE;
  cs_cli_report_warn_figures (layout, report);
  g_print (_("Wrote %s\n"), output);
  return TRUE;
}

/* Parses a command whose one argument names a stored case, and opens
 * the case (read-only). */
CsCase *
cs_cli_report_parse_case (GOptionContext *context,
                          int             argc,
                          char          **argv,
                          const char    **arg_names,
                          GError        **error)
{
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error))
    return NULL;
  return cs_cli_open_case (argv[1], error);
}

static gboolean
run_json (int      argc,
          char   **argv,
          GError **error)
{
  const char *arg_names[] = { _("CASE"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsCase) kase = NULL;
  GListModel *opinions;
  guint n;

  context = cs_cli_option_context (_("CASE"),
                                   _("Prints the opinions of a stored case (a case id, or its "
                                     "folder) as report JSON: an object for one opinion, an "
                                     "array for several."),
                                   NULL);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli report json ~/.local/share/consilium/cases/58853308-14fc-4db1-b742-"
                     "5bc4bee2713c > opinions.json",
                     NULL },
                   NULL);
  kase = cs_cli_report_parse_case (context, argc, argv, arg_names, error);
  if (kase == NULL)
    return FALSE;

  opinions = cs_case_get_opinions (kase);
  n = g_list_model_get_n_items (opinions);
  if (n != 1)
    g_print ("[\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsReport) report = g_list_model_get_item (opinions, i);
      g_autofree char *data = cs_report_to_data (report, NULL);

      g_print ("%s%s", g_strchomp (data), i + 1 < n ? ",\n" : "\n");
    }
  if (n != 1)
    g_print ("]\n");
  return TRUE;
}

static gboolean
run_verify (int      argc,
            char   **argv,
            GError **error)
{
  const char *arg_names[] = { _("REPORT"), NULL };
  g_auto(GStrv) annotation_paths = NULL;
  const GOptionEntry entries[] = {
    { "annotations", 'a', 0, G_OPTION_ARG_FILENAME_ARRAY, &annotation_paths,
      N_("Annotations holding the cited regions, to check their geometry too"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsReport) report = NULL;
  g_autoptr(CsAnnotationList) annotations = NULL;

  context = cs_cli_option_context (_("REPORT"),
                                   _("Checks the content hash of every signed revision of a "
                                     "report, and the cited geometry when the annotations are "
                                     "given."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli report verify report.json --annotations regions.geojson",
                     NULL },
                   _("0 when every signed revision matches its content; 1 when one does "
                     "not, or on another failure; 2 when the command line is wrong."));
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error))
    return FALSE;
  report = cs_report_new_from_file (argv[1], error);
  if (report == NULL)
    return FALSE;
  if (annotation_paths != NULL)
    {
      annotations = cs_annotation_list_new ();
      for (guint i = 0; annotation_paths[i] != NULL; i++)
        if (!load_annotations (annotations, annotation_paths[i], error))
          return FALSE;
    }
  if (!cs_report_verify (report, annotations, error))
    return FALSE;
  if (!cs_report_status_is_signed (cs_report_get_status (report)))
    g_print (_("%s: verified (not signed: nothing signed to check)\n"), argv[1]);
  else
    g_print (_("%s: verified (revision %" PRId64 ", content SHA-256 %s)\n"), argv[1],
             cs_report_get_revision (report),
             cs_report_get_text (report, "signature.content_sha256"));
  return TRUE;
}

const CsCliCommand cs_cli_report_commands[] = {
  { "pdf", N_("Write a second-opinion report as a PDF with its figures"), run_pdf },
  { "json", N_("Print the opinions of a stored case as report JSON"), run_json },
  { "verify", N_("Check the signatures of a report, and its cited regions"), run_verify },
  { "teaching", N_("Print a stored teaching case’s teacher, question and answers"),
    cs_cli_report_teaching },
  { "send", N_("File a signed report into its slide’s study on a DICOMweb server"),
    cs_cli_report_send },
  { NULL }
};

gboolean
cs_cli_report (int      argc,
               char   **argv,
               GError **error)
{
  static const char *const examples[] = {
    "consilium-cli report pdf report.json --slide slide.svs -o report.pdf",
    "consilium-cli report verify report.json --annotations regions.geojson",
    "consilium-cli report send report.json --slide "
    "dicomweb:https://pacs.example/dicom-web/studies/1.2.3/series/1.2.3.4 --user alice "
    "--password-file pw.txt",
    NULL
  };

  return cs_cli_dispatch (_("Writes a report as PDF, prints a case’s opinions as JSON, "
                            "verifies a signed report, or files it into a DICOMweb archive."),
                          cs_cli_report_commands, examples, argc, argv, error);
}
