/* test-cli.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cs-annotation-io.h"
#include "cs-case-teaching.h"
#include "cs-case.h"
#include "cs-core-private.h"
#include "cs-report.h"
#include "cs-test-cli.h"
#include "cs-test-slide.h"
#include "cs-test-utils.h"

/* Runs the built consilium-cli ($CS_CLI) as a user would: exit statuses,
 * messages, JSON, and PNG pixels checked against OpenSlide itself. Each
 * test has its own directory, also used as $XDG_CACHE_HOME so the slide
 * identity is really hashed and no user cache is touched. */

#define SAMPLE_SHA256 "ed92d5a9f2e86df67640d6f92ce3e231419ce127131697fbbce42ad5e002c8a7"
#define SAMPLE_QUICKHASH "6335ea0e6cc54c2cba64bb265d3c713a50cd84484924e3a9c109558c13521d5c"

typedef CsTestCli Fixture;

/* Nothing but @name (and the identity cache): no temporary file is left. */
static void
assert_only_file (Fixture    *f,
                  const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (f->tmpdir, 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (entry, "cache") && g_strcmp0 (entry, name) != 0)
      g_error ("unexpected file %s", entry);
}

static void
test_cli_version (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (cs_test_cli_run (f, "--version", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "consilium-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (f->err, ==, "");
}

static void
test_cli_help (Fixture *f, gconstpointer data)
{
  const char *commands[] = { "\n  info ", "\n  render ", "\n  associated ", "\n  help " };
  const char *command_help[][2] = { { "help", "render" }, { "render", "--help" } };

  g_assert_cmpint (cs_test_cli_run (f, "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (f->out, commands[i]));
  g_assert_nonnull (strstr (f->out, "Render a region of a slide to a PNG image"));

  for (guint i = 0; i < G_N_ELEMENTS (command_help); i++)
    {
      g_assert_cmpint (cs_test_cli_run (f, command_help[i][0], command_help[i][1], NULL), ==, 0);
      g_assert_nonnull (strstr (f->out, "consilium-cli render"));
      g_assert_nonnull (strstr (f->out, "--region"));
      g_assert_nonnull (strstr (f->out, "--zoom"));
    }
}

static void
test_cli_usage_errors (Fixture *f, gconstpointer data)
{
  /* Arguments after the command and slide, and what stderr must name. */
  const char *cases[][5] = {
    { "frobnicate", NULL, NULL, NULL, "frobnicate" },
    { "info", NULL, NULL, NULL, "SLIDE" },
    { "info", "SLIDE", "extra", NULL, "extra" },
    { "render", "SLIDE", "--region", "1,2,3", "1,2,3" },
    { "render", "SLIDE", "--region", "0,0,x,10", "0,0,x,10" },
    { "render", "SLIDE", "--region", "0,0,0,10", "greater than 0" },
    { "render", "SLIDE", "--zoom", "0", "zoom" },
    { "render", "SLIDE", "--zoom", "65", "64" },
    { "render", "SLIDE", "--zoom", "abc", "abc" },
    { "render", "SLIDE", "--region", "0,0,40000,10", "32767" },
    { "associated", "SLIDE", NULL, NULL, "NAME" },
  };

  g_assert_cmpint (cs_test_cli_run (f, NULL), ==, 2);
  cs_test_cli_assert_error (f, 2, "command");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *slide = g_strcmp0 (cases[i][1], "SLIDE") == 0 ? f->sample : cases[i][1];
      const char *region = g_strcmp0 (cases[i][2], "--zoom") == 0 ? "--region=0,0,8,8" : NULL;

      cs_test_cli_run (f, cases[i][0], slide, cases[i][2], cases[i][3], "-o", "x.png", region, NULL);
      cs_test_cli_assert_error (f, 2, cases[i][4]);
    }

  cs_test_cli_run (f, "render", f->sample, "--region", "0,0,8,8", NULL);
  cs_test_cli_assert_error (f, 2, "-o");
}

static void
test_cli_missing_file (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = cs_test_cli_path (f, "absent.svs");

  cs_test_cli_run (f, "info", missing, NULL);
  cs_test_cli_assert_error (f, 1, missing);
}

static void
test_cli_not_a_slide (Fixture *f, gconstpointer data)
{
  g_autofree char *text = cs_test_cli_path (f, "x.svs");
  g_autoptr(GError) error = NULL;

  g_file_set_contents (text, "This is a text file, not a slide.\n", -1, &error);
  g_assert_no_error (error);

  cs_test_cli_run (f, "info", text, NULL);
  cs_test_cli_assert_error (f, 1, text);
}

static void
test_cli_info_text (Fixture *f, gconstpointer data)
{
  const char *expected[] = { "aperio", "2220", "2967", "0.499", "20x", "thumbnail",
                             SAMPLE_SHA256, SAMPLE_QUICKHASH };

  g_assert_cmpint (cs_test_cli_run (f, "info", f->sample, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (f->out, expected[i]));
  g_assert_cmpstr (f->err, ==, "");
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static void
assert_sample_json (const char *text)
{
  g_autoptr(JsonObject) info = parse_object (text);
  JsonObject *level0;

  g_assert_cmpstr (json_object_get_string_member (info, "vendor"), ==, "aperio");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "levels")), ==, 1);
  level0 = json_array_get_object_element (json_object_get_array_member (info, "levels"), 0);
  g_assert_cmpint (json_object_get_int_member (level0, "width"), ==, 2220);
  g_assert_cmpint (json_object_get_int_member (level0, "height"), ==, 2967);
  g_assert_cmpfloat (json_object_get_double_member (level0, "downsample"), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (info, "mpp_x"), 0.499, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (info, "mpp_y"), 0.499, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (info, "objective_power"), ==, 20.0);
  g_assert_true (array_has_string (json_object_get_array_member (info, "associated_images"),
                                   "thumbnail"));
  g_assert_cmpstr (json_object_get_string_member (info, "sha256"), ==, SAMPLE_SHA256);
  g_assert_cmpstr (json_object_get_string_member (info, "openslide_quickhash1"), ==,
                   SAMPLE_QUICKHASH);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (info,
                                                                                 "properties"),
                                                  "aperio.AppMag"), ==, "20");
}

static void
test_cli_info_json (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (cs_test_cli_run (f, "info", f->sample, "--json", NULL), ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  assert_sample_json (f->out);
}

/* A slide without resolution metadata: mpp and objective power are null,
 * never made up; three levels with OpenSlide's downsamples. */
static void
test_cli_info_json_pyramid (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CsTestPyramid spec;
  JsonArray *levels;

  cs_test_pyramid_init_simple (&spec);
  path = cs_test_write_pyramid (f->tmpdir, "pyramid.tiff", &spec, &error);
  g_assert_no_error (error);

  g_assert_cmpint (cs_test_cli_run (f, "info", "--json", path, NULL), ==, 0);
  info = parse_object (f->out);
  levels = json_object_get_array_member (info, "levels");
  g_assert_cmpuint (json_array_get_length (levels), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *level = json_array_get_object_element (levels, i);

      g_assert_cmpint (json_object_get_int_member (level, "width"), ==, spec.widths[i]);
      g_assert_cmpfloat (json_object_get_double_member (level, "downsample"), ==, 1 << i);
    }
  g_assert_true (json_object_get_null_member (info, "mpp_x"));
  g_assert_true (json_object_get_null_member (info, "objective_power"));

  g_assert_cmpint (cs_test_cli_run (f, "info", path, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "unknown"));
}

/* Under a locale writing "0,499", text and JSON still use '.'. */
static void
test_cli_info_decimal_comma (Fixture *f, gconstpointer data)
{
  g_autofree char *locales = cs_test_cli_path (f, "locales");
  const char *localedef[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", NULL, NULL };
  g_autofree char *target = g_build_filename (locales, "de_DE.UTF-8", NULL);
  int wait_status = 1;

  localedef[5] = target;
  g_mkdir (locales, 0700);
  if (!g_spawn_sync (NULL, (char **) localedef, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &wait_status, NULL) ||
      !g_spawn_check_wait_status (wait_status, NULL))
    {
      g_test_skip ("localedef cannot build de_DE.UTF-8 here");
      return;
    }

  f->envp = g_environ_setenv (f->envp, "LOCPATH", locales, TRUE);
  f->envp = g_environ_setenv (f->envp, "LC_ALL", "de_DE.UTF-8", TRUE);
  g_assert_cmpint (cs_test_cli_run (f, "info", f->sample, "--json", NULL), ==, 0);
  assert_sample_json (f->out);
  g_assert_cmpint (cs_test_cli_run (f, "info", f->sample, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "0.499"));
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  return surface;
}

/* @expected: opaque ARGB32, stride width * 4, as OpenSlide returns it. */
static void
assert_png_equals (const char    *path,
                   const guint32 *expected,
                   int            width,
                   int            height)
{
  g_autoptr(cairo_surface_t) png = load_png (path);
  const guchar *data = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);
  /* Cairo writes an opaque image as an RGB PNG, read back as RGB24. */
  guint32 alpha = cairo_image_surface_get_format (png) == CAIRO_FORMAT_RGB24 ? 0xff000000 : 0;

  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 got = ((const guint32 *) (data + y * stride))[x] | alpha;

        /* A PNG round trip is exact only for opaque pixels. */
        g_assert_cmphex (expected[y * width + x] >> 24, ==, 0xff);
        if (got != expected[y * width + x])
          g_error ("pixel (%d, %d): %08x, OpenSlide has %08x", x, y, got,
                   expected[y * width + x]);
      }
}

static void
test_cli_render_exact (Fixture *f, gconstpointer data)
{
  g_autofree char *out = cs_test_cli_path (f, "region.png");
  g_autoptr(openslide_t) osr = openslide_open (f->sample);
  g_autofree guint32 *expected = g_new (guint32, 300 * 200);

  /* Crosses the slide's 240-pixel tiles and the 256-pixel display tiles. */
  g_assert_cmpint (cs_test_cli_run (f, "render", f->sample, "--region", "1000,950,300,200",
                            "-o", out, NULL), ==, 0);
  g_assert_cmpstr (f->err, ==, "");

  g_assert_nonnull (osr);
  openslide_read_region (osr, expected, 1000, 950, 0, 300, 200);
  g_assert_null (openslide_get_error (osr));
  assert_png_equals (out, expected, 300, 200);
  assert_only_file (f, "region.png");
}

static void
test_cli_render_zoom (Fixture *f, gconstpointer data)
{
  g_autofree char *out = cs_test_cli_path (f, "quarter.png");
  g_autoptr(cairo_surface_t) png = NULL;

  g_assert_cmpint (cs_test_cli_run (f, "render", f->sample, "--region=0,0,2220,2967",
                            "--zoom=0.25", "-o", out, NULL), ==, 0);
  png = load_png (out);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 555);  /* 2220 / 4 */
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 742); /* ceil (741.75) */
}

static void
test_cli_render_unwritable (Fixture *f, gconstpointer data)
{
  g_autofree char *out = cs_test_cli_path (f, "no-such-folder/out.png");

  cs_test_cli_run (f, "render", f->sample, "--region", "0,0,64,64", "-o", out, NULL);
  cs_test_cli_assert_error (f, 1, out);

  cs_test_cli_run (f, "render", f->sample, "--region", "0,0,64,64", "-o", f->tmpdir, NULL);
  cs_test_cli_assert_error (f, 1, f->tmpdir);
  assert_only_file (f, NULL);
}

static void
test_cli_render_unreadable (Fixture *f, gconstpointer data)
{
  g_autofree char *out = cs_test_cli_path (f, "out.png");
  CS_TEST_SHARED_SLIDE_OR_SKIP (path, "unreadable.svs");

  cs_test_cli_run (f, "render", path, "--region", "0,0,16,16", "-o", out, NULL);
  cs_test_cli_assert_error (f, 1, path);
  assert_only_file (f, NULL);
}

static void
test_cli_associated (Fixture *f, gconstpointer data)
{
  g_autofree char *out = cs_test_cli_path (f, "thumbnail.png");
  g_autoptr(openslide_t) osr = openslide_open (f->sample);
  g_autofree guint32 *expected = NULL;
  gint64 width = -1, height = -1;

  g_assert_cmpint (cs_test_cli_run (f, "associated", f->sample, "thumbnail", "-o", out, NULL), ==, 0);
  g_assert_cmpstr (f->err, ==, "");

  g_assert_nonnull (osr);
  openslide_get_associated_image_dimensions (osr, "thumbnail", &width, &height);
  g_assert_cmpint (width, >, 0);
  expected = g_new (guint32, width * height);
  openslide_read_associated_image (osr, "thumbnail", expected);
  assert_png_equals (out, expected, width, height);
}

static void
test_cli_associated_unknown (Fixture *f, gconstpointer data)
{
  g_autofree char *out = cs_test_cli_path (f, "label.png");

  cs_test_cli_run (f, "associated", f->sample, "no-such-image", "-o", out, NULL);
  cs_test_cli_assert_error (f, 1, "no-such-image");
  g_assert_nonnull (strstr (f->err, "thumbnail"));
  assert_only_file (f, NULL);
}

/* consilium-cli annotations and render --annotations */

#define SQUARE_GEOJSON \
  "{\"type\": \"FeatureCollection\", \"features\": [\n" \
  " {\"type\": \"Feature\", \"id\": \"6423a977-ffff-48db-affc-cd11632010f0\",\n" \
  "  \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " \
  "[[[100, 100], [200, 100], [200, 200], [100, 200], [100, 100]]]},\n" \
  "  \"properties\": {\"objectType\": \"annotation\", \"name\": \"Focus 1\",\n" \
  "   \"classification\": {\"name\": \"Tumour\", \"color\": [255, 0, 0]}}},\n" \
  " {\"type\": \"Feature\", \"id\": \"7423a977-ffff-48db-affc-cd11632010f0\",\n" \
  "  \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": [[10, 10], [20, 20], [30, 30]]},\n" \
  "  \"properties\": {\"objectType\": \"annotation\",\n" \
  "   \"classification\": {\"name\": \"Immune cells\", \"color\": [0, 0, 255]}}}\n" \
  "]}\n"

static char *
write_square_file (Fixture *f)
{
  char *path = cs_test_cli_path (f, "square.geojson");

  g_assert_true (g_file_set_contents (path, SQUARE_GEOJSON, -1, NULL));
  return path;
}

static JsonObject *
find_class (JsonArray  *classes,
            const char *name)
{
  for (guint i = 0; i < json_array_get_length (classes); i++)
    {
      JsonObject *o = json_array_get_object_element (classes, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "class", NULL), name) == 0)
        return o;
    }
  return NULL;
}

static void
test_cli_annotations_stats (Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_square_file (f);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *tumour, *immune;

  g_assert_cmpint (cs_test_cli_run (f, "annotations", "stats", in, "--slide", f->sample, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, f->out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "annotations"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "area_unit"), ==, "um2");
  tumour = find_class (json_object_get_array_member (root, "classes"), "Tumour");
  immune = find_class (json_object_get_array_member (root, "classes"), "Immune cells");
  g_assert_nonnull (tumour);
  g_assert_nonnull (immune);
  /* 100 x 100 px at 0.499 µm/px */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (tumour, "area"),
                                  100 * 100 * 0.499 * 0.499, 1e-6);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tumour, "shapes"),
                                               "polygon"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (immune, "points"), ==, 3);

  /* Without a slide, areas are in pixels, and say so. */
  g_assert_cmpint (cs_test_cli_run (f, "annotations", "stats", in, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Tumour"));
  g_assert_nonnull (strstr (f->out, "px²"));
}

static void
test_cli_annotations_convert (Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_square_file (f);
  g_autofree char *asap = cs_test_cli_path (f, "square.xml");
  g_autofree char *back = cs_test_cli_path (f, "back.geojson");
  g_autofree char *text = NULL;

  g_assert_cmpint (cs_test_cli_run (f, "annotations", "convert", in, asap, "--format", "asap", NULL), ==, 0);
  g_assert_true (g_file_get_contents (asap, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "ASAP_Annotations"));
  g_assert_nonnull (strstr (text, "Tumour"));

  /* The format of the input is found from its content. */
  g_assert_cmpint (cs_test_cli_run (f, "annotations", "convert", asap, back, "--slide", f->sample, NULL), ==, 0);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (back, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"FeatureCollection\""));
  g_assert_nonnull (strstr (text, SAMPLE_SHA256));
  g_assert_cmpint (cs_test_cli_run (f, "annotations", "stats", back, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Immune cells"));

  /* .xml alone does not say which XML format */
  g_assert_cmpint (cs_test_cli_run (f, "annotations", "convert", in, asap, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--format"));
}

static void
test_cli_annotations_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = cs_test_cli_path (f, "bad.geojson");
  g_autofree char *out = cs_test_cli_path (f, "out.geojson");

  g_assert_true (g_file_set_contents (bad, "{\"type\": \"FeatureCollection\", \"features\": [\n"
                                      "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\",\n"
                                      "\"coordinates\": [[[1, 2], [3,", -1, NULL));
  g_assert_cmpint (cs_test_cli_run (f, "annotations", "convert", bad, out, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "bad.geojson"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (cs_test_cli_run (f, "annotations", "frobnicate", NULL), ==, 2);
}

static void
test_cli_render_annotations (Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_square_file (f);
  g_autofree char *plain = cs_test_cli_path (f, "plain.png");
  g_autofree char *overlay = cs_test_cli_path (f, "overlay.png");
  g_autoptr(cairo_surface_t) a = NULL;
  g_autoptr(cairo_surface_t) b = NULL;
  guint32 pa, pb;

  g_assert_cmpint (cs_test_cli_run (f, "render", f->sample, "--region", "0,0,300,300", "-o", plain, NULL), ==, 0);
  g_assert_cmpint (cs_test_cli_run (f, "render", f->sample, "--region", "0,0,300,300", "-o", overlay,
                            "--annotations", in, NULL), ==, 0);
  a = load_png (plain);
  b = load_png (overlay);
  /* Inside the red square the overlay is redder; far outside it is not. */
  pa = ((guint32 *) cairo_image_surface_get_data (a))[150 * 300 + 150];
  pb = ((guint32 *) cairo_image_surface_get_data (b))[150 * 300 + 150];
  g_assert_cmpint ((int) ((pb >> 16) & 0xff) - (int) (pb & 0xff), >, (int) ((pa >> 16) & 0xff) - (int) (pa & 0xff));
  pa = ((guint32 *) cairo_image_surface_get_data (a))[280 * 300 + 280];
  pb = ((guint32 *) cairo_image_surface_get_data (b))[280 * 300 + 280];
  g_assert_cmphex (pa, ==, pb);
}

/* A report citing the square of SQUARE_GEOJSON on slide "A1-HE", whose
 * materials name the sample by file name; signed when @sign. */
static char *
write_report (Fixture    *f,
              const char *geojson,
              gboolean    sign)
{
  g_autoptr(CsAnnotationImport) import = cs_annotation_import_file (geojson, NULL, NULL);
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsReport) report = cs_report_new ();
  g_autoptr(GError) error = NULL;
  char *path = cs_test_cli_path (f, "report.json");
  const char * const fields[] = {
    "case.consult_accession", "CONS-26-00123", "case.referring_accession", "S26-4567",
    "requesting.institution", "Клиника № 1", "requesting.pathologist.name", "Dr. Ito",
    "consultant.name", "Dr. Müller", "clinical_history", "not provided",
    "question", "Invasive?", "materials.mode", "digital_only",
    "materials.slides.0.slide_id", "A1-HE", "materials.slides.0.file_name",
    "CMU-1-Small-Region.svs", "diagnosis.0.text", "腺癌の所見", NULL
  };

  g_assert_nonnull (import);
  cs_annotation_list_load (list, import->annotations);
  for (guint i = 0; fields[i] != NULL; i += 2)
    g_assert_true (cs_report_set_text (report, fields[i], fields[i + 1], NULL));
  g_assert_true (cs_report_set_agreement (report, CS_AGREEMENT_NOT_APPLICABLE, NULL));
  g_assert_true (cs_report_cite (report,
                                 cs_annotation_list_lookup (list, "6423a977-ffff-48db-affc-cd11632010f0"),
                                 "A1-HE", "The square", &error));
  g_assert_no_error (error);
  if (sign)
    g_assert_true (cs_report_finalize (report, "Dr. Müller", list, &error));
  g_assert_no_error (error);
  g_assert_true (cs_report_save (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_cli_report_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *geojson = write_square_file (f);
  g_autofree char *report = write_report (f, geojson, FALSE);
  g_autofree char *pdf = cs_test_cli_path (f, "report.pdf");
  g_autofree char *text = NULL;
  gsize len;

  g_assert_cmpint (cs_test_cli_run (f, "report", "pdf", report, "--slide", f->sample, "--annotations",
                            geojson, "--paper", "letter", "-o", pdf, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_nonnull (strstr (f->out, pdf));

  /* usage: paper, output, magnification */
  g_assert_cmpint (cs_test_cli_run (f, "report", "pdf", report, "--slide", f->sample, "--paper", "a3",
                            "-o", pdf, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "letter"));
  g_assert_cmpint (cs_test_cli_run (f, "report", "pdf", report, "--slide", f->sample, NULL), ==, 2);
  g_assert_cmpint (cs_test_cli_run (f, "report", "pdf", report, "-m", "-3", "-o", pdf, NULL), ==, 2);
  g_assert_cmpint (cs_test_cli_run (f, "report", "frobnicate", NULL), ==, 2);
}

static void
test_cli_report_pdf_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *geojson = write_square_file (f);
  g_autofree char *report = write_report (f, geojson, TRUE);
  g_autofree char *pdf = cs_test_cli_path (f, "report.pdf");
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *foreign = cs_test_cli_path (f, "foreign.geojson");
  g_autoptr(GRegex) question = g_regex_new ("\"question\": \"[^\"]*\",", 0, 0, NULL);
  g_autoptr(GString) moved = NULL;

  /* annotations that name another slide */
  g_assert_true (g_file_set_contents (foreign, "{\"type\": \"FeatureCollection\", "
                                      "\"consilium\": {\"format\": 1, \"slide_sha256\": \"00\"}, "
                                      "\"features\": []}", -1, NULL));
  g_assert_cmpint (cs_test_cli_run (f, "report", "pdf", report, "--slide", f->sample, "--annotations",
                            foreign, "-o", pdf, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "foreign.geojson"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* the cited square moved after signing: drawn, with a warning */
  moved = g_string_new (SQUARE_GEOJSON);
  g_string_replace (moved, "[200, 200]", "[260, 260]", 1);
  g_assert_true (g_file_set_contents (geojson, moved->str, -1, NULL));
  g_assert_cmpint (cs_test_cli_run (f, "report", "pdf", report, "--slide", f->sample, "--annotations",
                            geojson, "-o", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (f->err, "figure 1"));
  g_assert_nonnull (strstr (f->err, "changed after signing"));
  g_assert_cmpint (g_unlink (pdf), ==, 0);

  /* a signed report lacking a required field: named */
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  stripped = g_regex_replace_literal (question, text, -1, 0, "", 0, NULL);
  g_assert_cmpstr (stripped, !=, text);
  g_assert_true (g_file_set_contents (report, stripped, -1, NULL));
  g_assert_cmpint (cs_test_cli_run (f, "report", "pdf", report, "--slide", f->sample, "-o", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "question"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static void
test_cli_report_verify (Fixture *f, gconstpointer data)
{
  g_autofree char *geojson = write_square_file (f);
  g_autofree char *report = write_report (f, geojson, TRUE);
  g_autofree char *text = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(GString) moved = NULL;

  g_assert_cmpint (cs_test_cli_run (f, "report", "verify", report, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "verified"));
  g_assert_cmpint (cs_test_cli_run (f, "report", "verify", report, "--annotations", geojson, NULL), ==, 0);

  /* the cited square is not among the given annotations */
  moved = g_string_new (SQUARE_GEOJSON);
  g_string_replace (moved, "6423a977", "5423a977", 1);
  g_assert_true (g_file_set_contents (geojson, moved->str, -1, NULL));
  g_assert_cmpint (cs_test_cli_run (f, "report", "verify", report, "--annotations", geojson, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "Figure 1: annotation"));
  g_assert_nonnull (strstr (f->err, "not found in the given annotation files"));
  g_string_free (g_steal_pointer (&moved), TRUE);

  /* the cited square moved: its geometry no longer matches */
  moved = g_string_new (SQUARE_GEOJSON);
  g_string_replace (moved, "[200, 200]", "[260, 260]", 1);
  g_assert_true (g_file_set_contents (geojson, moved->str, -1, NULL));
  g_assert_cmpint (cs_test_cli_run (f, "report", "verify", report, "--annotations", geojson, NULL), ==, 1);

  /* the signed text changed */
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  tampered = g_strdup (text);
  g_assert_nonnull (strstr (tampered, "Invasive?"));
  memcpy (strstr (tampered, "Invasive?"), "Benign???", 9);
  g_assert_true (g_file_set_contents (report, tampered, -1, NULL));
  g_assert_cmpint (cs_test_cli_run (f, "report", "verify", report, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "Revision 1"));
  g_assert_cmpstr (f->out, ==, "");
}

static void
test_cli_report_json (Fixture *f, gconstpointer data)
{
  g_autofree char *home = cs_test_cli_path (f, "data");
  g_autofree char *cases = g_build_filename (home, "consilium", "cases", NULL);
  g_autoptr(CsCaseStore) store = cs_case_store_new (cases);
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *id = NULL;
  g_autoptr(CsCase) other = NULL;
  g_autofree char *other_folder = NULL;
  g_autofree char *other_json = NULL;
  JsonArray *opinions;

  cs_case_set_text (kase, "case.consult_accession", "CONS-26-00777");
  cs_case_set_text (kase, "question", "Лимфома?");
  cs_case_add_opinion (kase, "Dr. A", NULL, NULL);
  cs_case_add_opinion (kase, "Dr. B", NULL, NULL);
  id = g_strdup (cs_case_get_id (kase));
  cs_case_store_add (store, kase);
  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);

  /* by id, in the user's store */
  f->envp = g_environ_setenv (f->envp, "XDG_DATA_HOME", home, TRUE);
  g_assert_cmpint (cs_test_cli_run (f, "report", "json", id, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, f->out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  opinions = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (opinions), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (opinions, 0),
                                                  "question"), ==, "Лимфома?");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (opinions, 1),
                                                  "schema"), ==, CS_REPORT_SCHEMA);

  /* by folder */
  dir = g_dir_open (cases, 0, NULL);
  folder = g_build_filename (cases, g_dir_read_name (dir), NULL);
  g_assert_cmpint (cs_test_cli_run (f, "report", "json", folder, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "CONS-26-00777"));

  g_assert_cmpint (cs_test_cli_run (f, "report", "json", "no-such-case", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "no-such-case"));

  /* read-only: another case's damaged file is neither read nor set aside */
  other = cs_case_new ();
  cs_case_store_add (store, other);
  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);
  other_folder = cs_case_store_dup_case_folder (cases, cs_case_get_id (other));
  other_json = g_build_filename (other_folder, "case.json", NULL);
  g_assert_true (g_file_set_contents (other_json, "{", -1, NULL));
  g_assert_cmpint (cs_test_cli_run (f, "report", "json", id, NULL), ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  g_assert_true (g_file_test (other_json, G_FILE_TEST_IS_REGULAR));
}

static void
test_cli_report_teaching (Fixture *f, gconstpointer data)
{
  g_autofree char *home = cs_test_cli_path (f, "data");
  g_autofree char *cases = g_build_filename (home, "consilium", "cases", NULL);
  g_autoptr(CsCaseStore) store = cs_case_store_new (cases);
  g_autoptr(CsCase) kase = cs_case_new ();
  g_autoptr(CsCase) plain = cs_case_new ();
  g_autoptr(GError) error = NULL;
  const char * const options[] = { "Adenoma", "Adenocarcinoma", NULL };

  cs_case_set_teaching (kase, TRUE);
  cs_case_set_teaching_teacher (kase, "tess", "Dr Tess Teacher");
  g_assert_true (cs_case_set_teaching_choice_question (kase, "Diagnosis?", options, 1, &error));
  g_assert_true (cs_case_record_teaching_choice (kase, "anna", 0, &error));
  g_assert_true (cs_case_reveal_teaching (kase, "anna", &error));
  g_assert_no_error (error);
  cs_case_store_add (store, kase);
  cs_case_store_add (store, plain);
  g_assert_true (cs_case_store_flush (store, &error));
  g_assert_no_error (error);

  f->envp = g_environ_setenv (f->envp, "XDG_DATA_HOME", home, TRUE);
  g_assert_cmpint (cs_test_cli_run (f, "report", "teaching", cs_case_get_id (kase), NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Teacher: tess (Dr Tess Teacher)\n"));
  g_assert_nonnull (strstr (f->out, "Question: Diagnosis?\n"));
  g_assert_nonnull (strstr (f->out, "  2. Adenocarcinoma (correct)\n"));
  g_assert_nonnull (strstr (f->out, "  1. Adenoma\n"));
  g_assert_nonnull (strstr (f->out, "Answers: 1\n"));
  g_assert_nonnull (strstr (f->out, "  anna: option 1 ("));
  g_assert_nonnull (strstr (f->out, "), incorrect, revealed\n"));
  g_assert_cmpint (cs_test_cli_run (f, "report", "teaching", cs_case_get_id (plain), NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "Not a teaching case\n");
  g_assert_cmpint (cs_test_cli_run (f, "report", "teaching", "no-such-case", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "no-such-case"));
}

static void
test_cli_deidentify (Fixture *f, gconstpointer data)
{
  g_autofree char *out = cs_test_cli_path (f, "copy.svs");
  const char *expected[] = { "Removed images:", "label 387x463", "macro 1280x431",
                             "Filename = CMU-1", "ScanScope ID = CPAPERIOCS",
                             "Date = 12/29/09", "Verified:" };

  g_assert_cmpint (cs_test_cli_run (f, "deidentify", f->sample, out, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (f->out, expected[i]));
  g_assert_cmpstr (f->err, ==, "");
  assert_only_file (f, "copy.svs");

  g_assert_cmpint (cs_test_cli_run (f, "info", out, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "aperio"));
  g_assert_null (strstr (f->out, "label"));
}

static void
test_cli_deidentify_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *text = cs_test_cli_path (f, "x.svs");
  g_autofree char *out = cs_test_cli_path (f, "out.svs");

  g_assert_true (g_file_set_contents (text, "not a slide\n", -1, NULL));

  g_assert_cmpint (cs_test_cli_run (f, "deidentify", f->sample, NULL), ==, 2);
  g_assert_cmpint (cs_test_cli_run (f, "deidentify", text, text, NULL), ==, 1);
  cs_test_cli_assert_error (f, 1, "onto itself");
  g_assert_cmpint (cs_test_cli_run (f, "deidentify", text, out, NULL), ==, 1);
  cs_test_cli_assert_error (f, 1, "x.svs");
  assert_only_file (f, "x.svs");
}

int
main (int   argc,
      char *argv[])
{
  const struct { const char *path; void (*func) (Fixture *, gconstpointer); } tests[] = {
    { "/cs/cli/version", test_cli_version },
    { "/cs/cli/help", test_cli_help },
    { "/cs/cli/usage-errors", test_cli_usage_errors },
    { "/cs/cli/missing-file", test_cli_missing_file },
    { "/cs/cli/not-a-slide", test_cli_not_a_slide },
    { "/cs/cli/info-text", test_cli_info_text },
    { "/cs/cli/info-json", test_cli_info_json },
    { "/cs/cli/info-json-pyramid", test_cli_info_json_pyramid },
    { "/cs/cli/info-decimal-comma", test_cli_info_decimal_comma },
    { "/cs/cli/render-exact", test_cli_render_exact },
    { "/cs/cli/render-zoom", test_cli_render_zoom },
    { "/cs/cli/render-unwritable", test_cli_render_unwritable },
    { "/cs/cli/render-unreadable", test_cli_render_unreadable },
    { "/cs/cli/associated", test_cli_associated },
    { "/cs/cli/associated-unknown", test_cli_associated_unknown },
    { "/cs/cli/annotations-stats", test_cli_annotations_stats },
    { "/cs/cli/annotations-convert", test_cli_annotations_convert },
    { "/cs/cli/annotations-bad-input", test_cli_annotations_bad_input },
    { "/cs/cli/render-annotations", test_cli_render_annotations },
    { "/cs/cli/report-pdf", test_cli_report_pdf },
    { "/cs/cli/report-pdf-errors", test_cli_report_pdf_errors },
    { "/cs/cli/report-verify", test_cli_report_verify },
    { "/cs/cli/report-json", test_cli_report_json },
    { "/cs/cli/report-teaching", test_cli_report_teaching },
    { "/cs/cli/deidentify", test_cli_deidentify },
    { "/cs/cli/deidentify-errors", test_cli_deidentify_errors },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, cs_test_cli_setup, tests[i].func, cs_test_cli_teardown);

  return g_test_run ();
}
