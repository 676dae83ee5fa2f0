/* cs-cli-render.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-annotation-io.h"
#include "cs-annotation-render.h"
#include "cs-core-private.h"
#include "cs-renderer.h"
#include "cs-slide.h"
#include "cs-viewport.h"

/* consilium-cli render: one region of a slide, in level-0 pixels, at a
 * zoom, through cs_render_region (the render plan and cairo executor the
 * viewer draws with), saved as PNG. This file only checks the command
 * line: a region X,Y,W,H of integers with W, H > 0, a zoom in (0, 64] and
 * an output cairo can hold. */

/* Cairo's limit on an image surface's side. */
#define MAX_OUTPUT_SIDE 32767

/* Coordinates stay exact as the doubles cs_render_region () takes. */
#define MAX_COORDINATE (G_GINT64_CONSTANT (1) << 53)

typedef struct
{
  gint64 x;
  gint64 y;
  gint64 width;
  gint64 height;
} Region;

static gboolean
set_usage_error (GError     **error,
                 const char  *message)
{
  g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, message);
  return FALSE;
}

static gboolean
set_bad_region_error (GError     **error,
                      const char  *text)
{
  g_autofree char *shown = g_utf8_make_valid (text, -1);

  g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
               _("Cannot read the region “%s”: write X,Y,W,H in full-resolution "
                 "(level 0) pixels, for example 1000,2000,512,512"),
               shown);
  return FALSE;
}

static gboolean
parse_region (const char  *text,
              Region      *region,
              GError     **error)
{
  g_auto(GStrv) parts = NULL;
  gint64 values[4];

  if (text == NULL)
    return set_usage_error (error, _("No region given: add --region X,Y,W,H in "
                                     "full-resolution (level 0) pixels"));

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != G_N_ELEMENTS (values))
    return set_bad_region_error (error, text);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, -MAX_COORDINATE,
                                   MAX_COORDINATE, &values[i], NULL))
      return set_bad_region_error (error, text);

  *region = (Region) { values[0], values[1], values[2], values[3] };
  if (region->width <= 0 || region->height <= 0)
    return set_usage_error (error, _("The region is empty: its width and height "
                                     "must be greater than 0"));

  return TRUE;
}

static gboolean
check_zoom (double   zoom,
            GError **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (zoom > 0 && zoom <= CS_VIEWPORT_MAX_ZOOM)
    return TRUE;

  g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
               _("The zoom %s is out of range: it must be greater than 0 and at most 64 "
                 "(output pixels per full-resolution pixel)"),
               g_ascii_formatd (buf, sizeof buf, "%g", zoom));
  return FALSE;
}

/* ceil (W * zoom), forgiving the rounding of zooms like 0.1 that binary
 * floating point cannot hold exactly (300 * 0.1 must give 30, not 31). */
static double
scaled_side (gint64 side,
             double zoom)
{
  return MAX (1.0, ceil (side * zoom - 1e-6));
}

static gboolean
output_size (const Region  *region,
             double         zoom,
             int           *width,
             int           *height,
             GError       **error)
{
  double w = scaled_side (region->width, zoom);
  double h = scaled_side (region->height, zoom);
  char w_text[G_ASCII_DTOSTR_BUF_SIZE];
  char h_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (w <= MAX_OUTPUT_SIDE && h <= MAX_OUTPUT_SIDE)
    {
      *width = (int) w;
      *height = (int) h;
      return TRUE;
    }

  g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
               _("The image would be %s x %s pixels, but at most 32767 pixels per side "
                 "are possible: choose a smaller region or zoom"),
               g_ascii_formatd (w_text, sizeof w_text, "%.0f", w),
               g_ascii_formatd (h_text, sizeof h_text, "%.0f", h));
  return FALSE;
}

/* The overlay, drawn by the view's own code (cs_annotation_render) over
 * the rendered region. */
static gboolean
draw_annotations (cairo_surface_t *surface,
                  const char      *path,
                  CsSlide         *slide,
                  const Region    *region,
                  double           zoom,
                  GError         **error)
{
  g_autoptr(CsAnnotationImport) import = cs_annotation_import_file (path, NULL, error);
  g_autoptr(CsAnnotationList) list = NULL;
  g_autoptr(CsClassTable) classes = NULL;
  CsAnnotationRenderOptions options;
  GHashTableIter iter;
  gpointer name, rgb;
  CsViewport viewport;
  cairo_t *cr;

  if (import == NULL)
    return FALSE;

  classes = cs_class_table_new_default ();
  g_hash_table_iter_init (&iter, import->class_colors);
  while (g_hash_table_iter_next (&iter, &name, &rgb))
    cs_class_table_ensure (classes, name, GPOINTER_TO_UINT (rgb));
  list = cs_annotation_list_new ();
  cs_annotation_list_load (list, import->annotations);

  cs_annotation_render_options_init (&options);
  options.classes = classes;
  if (!cs_slide_get_mpp (slide, &options.calibration.mpp_x, &options.calibration.mpp_y))
    options.calibration = (CsCalibration) { 0, 0 };
  cs_viewport_init (&viewport, region->x, region->y, zoom,
                    cairo_image_surface_get_width (surface),
                    cairo_image_surface_get_height (surface));

  cr = cairo_create (surface);
  cs_annotation_render (cr, list, &viewport, &options);
  cairo_destroy (cr);
  return TRUE;
}

gboolean
cs_cli_render (int      argc,
               char   **argv,
               GError **error)
{
  const char *arg_names[] = { _("SLIDE"), NULL };
  g_autofree char *region_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *annotations = NULL;
  double zoom = 1.0;
  const GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region_text,
      N_("The region to render, in full-resolution (level 0) pixels"), N_("X,Y,W,H") },
    { "zoom", 'z', 0, G_OPTION_ARG_DOUBLE, &zoom,
      N_("Output pixels per full-resolution pixel, up to 64 (default: 1)"), N_("ZOOM") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The PNG file to write"), N_("FILE") },
    { "annotations", 'a', 0, G_OPTION_ARG_FILENAME, &annotations,
      N_("Draw the annotations of this file (GeoJSON, ASAP, ImageScope or DSA) over the region"),
      N_("FILE") },
    { NULL }
  };
  g_auto(CsCliDicomwebAuth) auth = { NULL, NULL, NULL };
  g_autofree GOptionEntry *all_entries = cs_cli_dicomweb_entries (entries, &auth);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(CsCliOutput) out = NULL;
  Region region = { 0, 0, 0, 0 };
  int width, height;

  context = cs_cli_option_context (arg_names[0],
                                   _("Renders a region of a slide, as the viewer shows it at "
                                     "that zoom, and saves it as a PNG image. The slide is a "
                                     "file, or a series on a DICOMweb server named "
                                     "dicomweb:URL/studies/UID/series/UID."),
                                   all_entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli render slide.svs --region 500,800,1000,700 --zoom 0.5 -o "
                     "region.png",
                     "consilium-cli render slide.svs --region 0,0,2220,2967 --zoom 0.3 --annotations "
                     "regions.geojson -o overview.png",
                     "consilium-cli render --token-file token.txt "
                     "dicomweb:https://pacs.example/dicom-web/studies/1.2.3/series/1.2.3.4 "
                     "--region 0,0,4000,3000 --zoom 0.25 -o remote.png",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) ||
      !cs_cli_dicomweb_auth_apply (&auth, error) ||
      !parse_region (region_text, &region, error) ||
      !check_zoom (zoom, error) ||
      !output_size (&region, zoom, &width, &height, error))
    return FALSE;

  if (output == NULL)
    return set_usage_error (error, _("No output file given: add -o FILE.png"));

  slide = cs_slide_new (argv[1], error);
  if (slide == NULL)
    return FALSE;

  out = cs_cli_output_new (output, error);
  if (out == NULL)
    return FALSE;

  if (!cs_render_region (CS_TILE_SOURCE (slide), region.x, region.y, zoom, width, height,
                         &surface, error))
    return FALSE;

  if (annotations != NULL &&
      !draw_annotations (surface, annotations, slide, &region, zoom, error))
    return FALSE;

  return cs_cli_output_write_png (out, surface, error);
}
