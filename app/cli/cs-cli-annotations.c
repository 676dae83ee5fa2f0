/* cs-cli-annotations.c
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

#include "cs-annotation-io.h"
#include "cs-measure.h"
#include "cs-slide.h"

/* consilium-cli annotations convert IN OUT [--format F] [--slide SLIDE]
 * consilium-cli annotations stats FILE [--slide SLIDE] [--json]
 *
 * Reading detects the format from the content (cs_annotation_import_file);
 * writing is atomic (cs_annotation_export_file). The slide, when given,
 * names the export's slide and calibrates the areas. */

static gboolean
usage_error (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, message);
  return FALSE;
}

static gboolean
open_slide (const char     *path,
            CsSlide       **slide,
            CsCalibration  *calibration,
            GError        **error)
{
  *calibration = (CsCalibration) { 0, 0 };
  if (path == NULL)
    return TRUE;
  *slide = cs_slide_new (path, error);
  if (*slide == NULL)
    return FALSE;
  if (!cs_slide_get_mpp (*slide, &calibration->mpp_x, &calibration->mpp_y))
    *calibration = (CsCalibration) { 0, 0 };
  return TRUE;
}

static gboolean
format_for_output (const char          *path,
                   const char          *name,
                   CsAnnotationFormat  *format,
                   GError             **error)
{
  if (name != NULL)
    {
      if (cs_annotation_format_from_string (name, format) && cs_annotation_format_can_export (*format))
        return TRUE;
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("Cannot write the format “%s”: choose geojson, asap or imagescope"), name);
      return FALSE;
    }
  if (g_str_has_suffix (path, ".geojson") || g_str_has_suffix (path, ".json"))
    {
      *format = CS_ANNOTATION_FORMAT_GEOJSON;
      return TRUE;
    }
  return usage_error (error, _("Cannot tell the output format from the file name: "
                               "add --format geojson, asap or imagescope"));
}

static gboolean
run_convert (int      argc,
             char   **argv,
             GError **error)
{
  const char *arg_names[] = { _("INPUT"), _("OUTPUT"), NULL };
  g_autofree char *format_name = NULL;
  g_autofree char *slide_path = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("The output format: geojson, asap or imagescope (default: from the file name)"), N_("FORMAT") },
    { "slide", 's', 0, G_OPTION_ARG_FILENAME, &slide_path,
      N_("The slide the annotations belong to, recorded in the output"), N_("SLIDE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsAnnotationImport) import = NULL;
  g_autoptr(CsSlide) slide = NULL;
  CsAnnotationExport export = { 0 };
  CsAnnotationFormat format;
  CsCalibration calibration;

  context = cs_cli_option_context (_("INPUT OUTPUT"),
                                   _("Converts annotations between GeoJSON (QuPath), ASAP XML, "
                                     "Aperio ImageScope XML and, for reading only, Digital Slide "
                                     "Archive JSON."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli annotations convert regions.xml regions.geojson",
                     "consilium-cli annotations convert regions.geojson regions.xml --format asap "
                     "--slide slide.svs",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) ||
      !format_for_output (argv[2], format_name, &format, error) ||
      !open_slide (slide_path, &slide, &calibration, error))
    return FALSE;

  import = cs_annotation_import_file (argv[1], NULL, error);
  if (import == NULL)
    return FALSE;
  for (guint i = 0; i < import->warnings->len; i++)
    g_printerr ("%s: %s\n", argv[1], (char *) import->warnings->pdata[i]);

  export.class_colors = import->class_colors;
  export.microns_per_pixel = import->microns_per_pixel;
  if (slide != NULL)
    {
      export.slide_sha256 = cs_slide_compute_identity (slide, NULL, error);
      if (export.slide_sha256 == NULL)
        return FALSE;
      cs_slide_get_level_size (slide, 0, &export.slide_width, &export.slide_height);
      if (cs_calibration_is_set (&calibration))
        export.microns_per_pixel = (calibration.mpp_x + calibration.mpp_y) / 2;
    }
  if (!cs_annotation_export_file (import->annotations, format, &export, argv[2], error))
    return FALSE;

  g_print (ngettext ("Wrote %u annotation to %s\n", "Wrote %u annotations to %s\n",
                     import->annotations->len),
           import->annotations->len, argv[2]);
  return TRUE;
}

/* Totals for one class. */
typedef struct
{
  char         *name;
  guint         n_by_shape[CS_SHAPE_TEXT + 1];
  guint         n;
  double        area;
  guint         n_points;
} ClassStats;

static void
class_stats_free (gpointer data)
{
  ClassStats *stats = data;

  g_free (stats->name);
  g_free (stats);
}

static GPtrArray *
collect_stats (GPtrArray           *annotations,
               const CsCalibration *calibration)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *classes = g_ptr_array_new_with_free_func (class_stats_free);

  for (guint i = 0; i < annotations->len; i++)
    {
      CsAnnotation *annotation = annotations->pdata[i];
      const char *name = cs_annotation_get_class_name (annotation);
      ClassStats *stats;
      CsMeasurement m;

      if (name == NULL)
        name = "";
      stats = g_hash_table_lookup (by_name, name);
      if (stats == NULL)
        {
          stats = g_new0 (ClassStats, 1);
          stats->name = g_strdup (name);
          g_hash_table_insert (by_name, stats->name, stats);
          g_ptr_array_add (classes, stats);
        }
      cs_measure_annotation (annotation, calibration, &m);
      stats->n++;
      stats->n_by_shape[cs_annotation_get_shape (annotation)]++;
      stats->area += m.area;
      stats->n_points += m.count;
    }
  return classes;
}

static char *
describe_shapes (const ClassStats *stats)
{
  GString *out = g_string_new (NULL);

  for (guint shape = 0; shape < G_N_ELEMENTS (stats->n_by_shape); shape++)
    {
      if (stats->n_by_shape[shape] == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      /* Translators: a count and a shape, e.g. "3 Polygon" */
      g_string_append_printf (out, _("%u %s"), stats->n_by_shape[shape],
                              cs_shape_get_label ((CsShape) shape));
    }
  return g_string_free (out, FALSE);
}

static void
print_stats_text (GPtrArray           *classes,
                  guint                total,
                  const CsCalibration *calibration)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  gboolean calibrated = cs_calibration_is_set (calibration);

  g_ptr_array_add (labels, g_strdup (_("Annotations")));
  g_ptr_array_add (values, g_strdup_printf ("%u", total));
  for (guint i = 0; i < classes->len; i++)
    {
      ClassStats *stats = classes->pdata[i];
      g_autofree char *shapes = describe_shapes (stats);
      g_autofree char *area = cs_measure_format_area (stats->area, calibrated);
      GString *value = g_string_new (shapes);

      if (stats->area > 0)
        /* Translators: the total area of a class's annotations */
        g_string_append_printf (value, _("; area %s"), area);
      if (stats->n_points > 0)
        g_string_append_printf (value, ngettext ("; %u point", "; %u points", stats->n_points),
                                stats->n_points);
      /* Built-in class names in the reader's language; the JSON keeps
       * the stored ones. */
      g_ptr_array_add (labels, g_strdup (*stats->name != '\0' ? cs_class_name_get_display (stats->name)
                                                              : _("Unclassified")));
      g_ptr_array_add (values, g_string_free (value, FALSE));
    }
  cs_cli_print_table (labels, values);
}

static void
print_stats_json (GPtrArray           *classes,
                  guint                total,
                  const CsCalibration *calibration)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "area_unit");
  json_builder_add_string_value (builder, cs_calibration_is_set (calibration) ? "um2" : "px2");
  json_builder_set_member_name (builder, "classes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < classes->len; i++)
    {
      ClassStats *stats = classes->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "class");
      if (*stats->name != '\0')
        json_builder_add_string_value (builder, stats->name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, stats->n);
      json_builder_set_member_name (builder, "shapes");
      json_builder_begin_object (builder);
      for (guint shape = 0; shape < G_N_ELEMENTS (stats->n_by_shape); shape++)
        if (stats->n_by_shape[shape] > 0)
          {
            json_builder_set_member_name (builder, cs_shape_to_string ((CsShape) shape));
            json_builder_add_int_value (builder, stats->n_by_shape[shape]);
          }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "area");
      json_builder_add_double_value (builder, stats->area);
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, stats->n_points);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static gboolean
run_stats (int      argc,
           char   **argv,
           GError **error)
{
  const char *arg_names[] = { _("FILE"), NULL };
  g_autofree char *slide_path = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "slide", 's', 0, G_OPTION_ARG_FILENAME, &slide_path,
      N_("The slide, for areas in µm² (default: pixels)"), N_("SLIDE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsAnnotationImport) import = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  CsCalibration calibration;

  context = cs_cli_option_context (arg_names[0],
                                   _("Counts annotations per class and shape, and adds up "
                                     "their areas."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli annotations stats regions.geojson --slide slide.svs",
                     "consilium-cli annotations stats regions.geojson --json",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) ||
      !open_slide (slide_path, &slide, &calibration, error))
    return FALSE;

  import = cs_annotation_import_file (argv[1], NULL, error);
  if (import == NULL)
    return FALSE;

  classes = collect_stats (import->annotations, &calibration);
  if (json)
    print_stats_json (classes, import->annotations->len, &calibration);
  else
    print_stats_text (classes, import->annotations->len, &calibration);
  return TRUE;
}

const CsCliCommand cs_cli_annotations_commands[] = {
  { "convert", N_("Convert annotations between GeoJSON, ASAP, ImageScope and DSA files"),
    run_convert },
  { "stats", N_("Count annotations per class and shape, and add up their areas"), run_stats },
  { NULL }
};

gboolean
cs_cli_annotations (int      argc,
                    char   **argv,
                    GError **error)
{
  static const char *const examples[] = {
    "consilium-cli annotations convert regions.xml regions.geojson",
    "consilium-cli annotations stats regions.geojson --slide slide.svs",
    NULL
  };

  return cs_cli_dispatch (_("Converts annotation files, or counts and measures their "
                            "annotations."),
                          cs_cli_annotations_commands, examples, argc, argv, error);
}
