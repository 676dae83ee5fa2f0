/* cs-cli-info.c
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

#include "cs-slide.h"
#include "cs-slide-identity.h"

/* consilium-cli info: what a slide is (format, levels, resolution,
 * associated images) and which file it is (SHA-256, and OpenSlide's
 * quickhash as a lookup hint), as aligned text or one JSON object.
 * Unknown values are said to be unknown, never guessed. Numbers are
 * written with g_ascii_*, so a locale with decimal commas changes
 * neither the text nor the JSON. */

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

static char *
format_size (gint64 width,
             gint64 height)
{
  g_autofree char *w = g_strdup_printf ("%" G_GINT64_FORMAT, width);
  g_autofree char *h = g_strdup_printf ("%" G_GINT64_FORMAT, height);

  /* Translators: width and height of an image, e.g. "2220 x 2967 pixels" */
  return g_strdup_printf (_("%s x %s pixels"), w, h);
}

static void
add_row (GPtrArray  *labels,
         GPtrArray  *values,
         const char *label,
         char       *value)
{
  g_ptr_array_add (labels, g_strdup (label));
  g_ptr_array_add (values, value);
}

static void
add_level_rows (GPtrArray *labels,
                GPtrArray *values,
                CsSlide   *slide)
{
  guint n_levels = cs_slide_get_n_levels (slide);

  add_row (labels, values, _("Levels"), g_strdup_printf ("%u", n_levels));

  for (guint level = 0; level < n_levels; level++)
    {
      g_autofree char *label = g_strdup_printf (_("Level %u"), level);
      g_autofree char *indented = g_strconcat ("  ", label, NULL);
      g_autofree char *downsample = format_number (cs_slide_get_level_downsample (slide, level));
      g_autofree char *size = NULL;
      gint64 width, height;

      cs_slide_get_level_size (slide, level, &width, &height);
      size = format_size (width, height);
      /* Translators: a pyramid level's size, then how many full-resolution
       * pixels one of its pixels spans, e.g. "2220 x 2967 pixels, downsample 4" */
      add_row (labels, values, indented,
               g_strdup_printf (_("%s, downsample %s"), size, downsample));
    }
}

static char *
describe_mpp (CsSlide *slide)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  double mpp_x, mpp_y;

  if (!cs_slide_get_mpp (slide, &mpp_x, &mpp_y))
    return g_strdup (_("unknown (the slide does not record it)"));

  x = format_number (mpp_x);
  y = format_number (mpp_y);
  if (g_str_equal (x, y))
    return g_steal_pointer (&x);

  /* Translators: microns per pixel across and down, e.g. "0.25 (x), 0.26 (y)" */
  return g_strdup_printf (_("%s (x), %s (y)"), x, y);
}

static char *
describe_objective_power (CsSlide *slide)
{
  double power = cs_slide_get_objective_power (slide);
  g_autofree char *number = NULL;

  if (!(power > 0))
    return g_strdup (_("unknown (the slide does not record it)"));

  number = format_number (power);
  /* Translators: an objective's magnification, e.g. "20x" */
  return g_strdup_printf (_("%sx"), number);
}

static char *
describe_associated (CsSlide *slide)
{
  const char * const *names = cs_slide_get_associated_names (slide);

  if (names == NULL || names[0] == NULL)
    return g_strdup (_("none"));

  return g_strjoinv (", ", (char **) names);
}

static void
print_text (CsSlide    *slide,
            const char *sha256)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  const char *quickhash = cs_slide_get_quickhash (slide);
  gint64 width, height;

  cs_slide_get_level_size (slide, 0, &width, &height);

  if (cs_slide_identity_is_remote (sha256))
    add_row (labels, values, _("Series"), g_strdup (cs_slide_get_path (slide)));
  else
    add_row (labels, values, _("File"), g_filename_display_basename (cs_slide_get_path (slide)));
  add_row (labels, values, _("Format"), g_strdup (cs_slide_get_vendor (slide)));
  add_row (labels, values, _("Dimensions"), format_size (width, height));
  add_level_rows (labels, values, slide);
  add_row (labels, values, _("Microns per pixel"), describe_mpp (slide));
  add_row (labels, values, _("Objective power"), describe_objective_power (slide));
  add_row (labels, values, _("Associated images"), describe_associated (slide));
  add_row (labels, values, cs_slide_identity_is_remote (sha256) ? _("Identity") : _("SHA-256"),
           g_strdup (sha256));
  add_row (labels, values, _("Quickhash (lookup hint)"),
           g_strdup (quickhash != NULL ? quickhash : _("not available")));

  cs_cli_print_table (labels, values);
}

/* Slide metadata comes from files, not always as valid UTF-8; JSON must be. */
static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  g_autofree char *valid_name = g_utf8_make_valid (name, -1);

  json_builder_set_member_name (builder, valid_name);
  if (value == NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      json_builder_add_string_value (builder, valid);
    }
}

static void
add_positive_member (JsonBuilder *builder,
                     const char  *name,
                     gboolean     known,
                     double       value)
{
  json_builder_set_member_name (builder, name);
  if (known)
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_json_levels (JsonBuilder *builder,
                 CsSlide     *slide)
{
  json_builder_set_member_name (builder, "levels");
  json_builder_begin_array (builder);

  for (guint level = 0; level < cs_slide_get_n_levels (slide); level++)
    {
      gint64 width, height;

      cs_slide_get_level_size (slide, level, &width, &height);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, level);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, height);
      json_builder_set_member_name (builder, "downsample");
      json_builder_add_double_value (builder, cs_slide_get_level_downsample (slide, level));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
add_json_names (JsonBuilder        *builder,
                const char         *member,
                const char * const *names)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *valid = g_utf8_make_valid (names[i], -1);

      json_builder_add_string_value (builder, valid);
    }
  json_builder_end_array (builder);
}

static void
add_json_properties (JsonBuilder *builder,
                     CsSlide     *slide)
{
  const char * const *names = cs_slide_get_property_names (slide);

  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    add_string_member (builder, names[i], cs_slide_get_property (slide, names[i]));
  json_builder_end_object (builder);
}

static void
print_json (CsSlide    *slide,
            const char *sha256)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = g_filename_display_name (cs_slide_get_path (slide));
  g_autofree char *file_name = g_filename_display_basename (cs_slide_get_path (slide));
  g_autofree char *text = NULL;
  double mpp_x, mpp_y;
  gboolean has_mpp = cs_slide_get_mpp (slide, &mpp_x, &mpp_y);
  double power = cs_slide_get_objective_power (slide);

  json_builder_begin_object (builder);
  add_string_member (builder, "path", path);
  add_string_member (builder, "file_name", file_name);
  add_string_member (builder, "vendor", cs_slide_get_vendor (slide));
  add_json_levels (builder, slide);
  add_positive_member (builder, "mpp_x", has_mpp, mpp_x);
  add_positive_member (builder, "mpp_y", has_mpp, mpp_y);
  add_positive_member (builder, "objective_power", power > 0, power);
  add_json_names (builder, "associated_images", cs_slide_get_associated_names (slide));
  /* A remote slide's identity is no SHA-256 (FORMATS.md §9). */
  add_string_member (builder, "sha256", cs_slide_identity_is_remote (sha256) ? NULL : sha256);
  add_string_member (builder, "identity", sha256);
  add_string_member (builder, "openslide_quickhash1", cs_slide_get_quickhash (slide));
  add_json_properties (builder, slide);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  /* Not g_print (): it would convert the UTF-8 to a non-UTF-8 locale. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

gboolean
cs_cli_info (int      argc,
             char   **argv,
             GError **error)
{
  const char *arg_names[] = { _("SLIDE"), NULL };
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print everything, with every slide property, as one JSON object"), NULL },
    { NULL }
  };
  g_auto(CsCliDicomwebAuth) auth = { NULL, NULL, NULL };
  g_autofree GOptionEntry *all_entries = cs_cli_dicomweb_entries (entries, &auth);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsSlide) slide = NULL;
  const char *sha256;

  context = cs_cli_option_context (arg_names[0],
                                   _("Shows the format, levels, resolution, associated images "
                                     "and identity (SHA-256) of a slide: a file, or a series "
                                     "on a DICOMweb server named "
                                     "dicomweb:URL/studies/UID/series/UID (its identity is then "
                                     "its Series Instance UID)."),
                                   all_entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli info slide.svs",
                     "consilium-cli info slide.svs --json",
                     "consilium-cli info --user alice --password-file pw.txt "
                     "dicomweb:https://pacs.example/dicom-web/studies/1.2.3/series/1.2.3.4",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) ||
      !cs_cli_dicomweb_auth_apply (&auth, error))
    return FALSE;

  slide = cs_slide_new (argv[1], error);
  if (slide == NULL)
    return FALSE;

  sha256 = cs_slide_compute_identity (slide, NULL, error);
  if (sha256 == NULL)
    return FALSE;

  if (json)
    print_json (slide, sha256);
  else
    print_text (slide, sha256);

  return TRUE;
}
