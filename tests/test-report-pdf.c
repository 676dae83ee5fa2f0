/* test-report-pdf.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <string.h>

#include "cs-annotation-render.h"
#include "cs-core-private.h"
#include "cs-renderer.h"
#include "cs-report-layout-private.h"
#include "cs-report-layout.h"
#include "cs-test-utils.h"

/* The printed opinion, read back with poppler's tools: its text (Latin,
 * Cyrillic, Japanese), its pages and paper, and its figures' pixels
 * against the viewer's renderer for the same region. */

#define CYRILLIC "Заключение: аденокарцинома"
#define JAPANESE "腺癌の所見"

typedef struct
{
  char             *dir;
  CsSlide          *slide;
  CsAnnotationList *annotations;
  CsReport         *report;
  double            magnification;
} Fixture;

static gboolean
have_poppler (void)
{
  for (const char * const *tool = (const char * const[]) { "pdftotext", "pdfimages", "pdfinfo",
                                                           "pdffonts", NULL };
       *tool != NULL; tool++)
    {
      g_autofree char *path = g_find_program_in_path (*tool);

      if (path == NULL)
        {
          g_test_skip ("poppler-utils (pdftotext, pdfimages, pdfinfo, pdffonts) is not installed: "
                       ".ci/install-deps installs it");
          return FALSE;
        }
    }
  return TRUE;
}

/* The sample slide and poppler's tools are there, or the test is skipped. */
static gboolean
ready (Fixture *f)
{
  if (f->slide == NULL)
    {
      g_test_skip ("The sample slide CMU-1-Small-Region.svs is absent");
      return FALSE;
    }
  return have_poppler ();
}

static void
set (CsReport   *report,
     const char *path,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_report_set_text (report, path, value, &error));
  g_assert_no_error (error);
}

static CsAnnotation *
add_annotation (CsAnnotationList *list,
                CsShape           shape,
                CsGeometry       *geometry)
{
  g_autoptr(CsAnnotation) annotation = cs_annotation_new (shape, geometry);

  cs_annotation_list_add (list, annotation);
  return annotation;
}

static char *
long_description (void)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < 14; i++)
    g_string_append_printf (text, "Paragraph %d: the glands are crowded and back-to-back, lined "
                            "by columnar cells with enlarged, hyperchromatic nuclei and "
                            "prominent nucleoli; mitoses are frequent.\n\n", i + 1);
  g_string_append (text, "End of the description.");
  return g_string_free (text, FALSE);
}

static void
fill_report (Fixture *f)
{
  g_autofree char *description = long_description ();

  set (f->report, "case.consult_accession", "CONS-26-00123");
  set (f->report, "case.referring_accession", "S26-4567");
  set (f->report, "case.patient.pseudonym", "P-7f3a");
  set (f->report, "requesting.institution", "Клиника № 1");
  set (f->report, "requesting.pathologist.name", "Dr. Ito 伊藤");
  set (f->report, "consultant.name", "Dr. Müller");
  set (f->report, "consultant.institution", "University Hospital");
  set (f->report, "clinical_history", "Colonic mass, 4 cm.");
  set (f->report, "question", "Is this invasive?");
  set (f->report, "materials.mode", "digital_only");
  set (f->report, "materials.slides.0.slide_id", "A1-HE");
  set (f->report, "materials.slides.0.stain", "H&E");
  set (f->report, "referring_diagnosis.text", "Tubular adenoma");
  set (f->report, "microscopic_description", description);
  set (f->report, "diagnosis.0.text", CYRILLIC);
  set (f->report, "diagnosis.0.certainty", "consistent_with");
  set (f->report, "agreement.rationale", "Invasion through the muscularis mucosae.");
  set (f->report, "comment", JAPANESE);
  set (f->report, "recommendations", "Staging CT.");
  g_assert_true (cs_report_set_agreement (f->report, CS_AGREEMENT_MAJOR, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = cs_test_sample_slide ();
  g_autoptr(GError) error = NULL;
  CsRect rect = { 1150, 600, 350, 250 };
  g_autoptr(CsGeometry) square = cs_geometry_new_rectangle (&rect);
  g_autoptr(CsGeometry) ellipse = cs_geometry_new_ellipse (1400, 1900, 700, 500, 0);
  CsAnnotation *first, *second;

  f->dir = cs_test_make_tmpdir ();
  if (path == NULL)
    return;
  f->slide = cs_slide_new (path, &error);
  g_assert_no_error (error);
  f->annotations = cs_annotation_list_new ();
  first = add_annotation (f->annotations, CS_SHAPE_RECTANGLE, square);
  second = add_annotation (f->annotations, CS_SHAPE_ELLIPSE, ellipse);
  f->report = cs_report_new ();
  fill_report (f);
  g_assert_true (cs_report_cite (f->report, first, "A1-HE", "Invasive front", &error));
  g_assert_true (cs_report_cite (f->report, second, "A1-HE", "Desmoplastic stroma", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->report);
  g_clear_object (&f->annotations);
  g_clear_object (&f->slide);
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

static CsReportLayout *
write_pdf (Fixture    *f,
           CsPaper     paper,
           const char *path)
{
  CsReportLayout *layout = cs_report_layout_new (f->report);
  g_autoptr(GError) error = NULL;

  cs_report_layout_add_slide (layout, "A1-HE", f->slide, f->annotations);
  cs_report_layout_set_paper (layout, paper);
  cs_report_layout_set_figure_magnification (layout, f->magnification);
  g_assert_true (cs_report_layout_write_pdf (layout, path, &error));
  g_assert_no_error (error);
  return layout;
}

static char *
pdf_text (const char *pdf)
{
  return run ((const char * const[]) { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL });
}

static guint
pdf_pages (const char *pdf,
           char      **page_size)
{
  g_autofree char *info = run ((const char * const[]) { "pdfinfo", pdf, NULL });
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  guint64 pages = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        g_assert_true (g_ascii_string_to_unsigned (g_strstrip (lines[i] + 6), 10, 1, 1000,
                                                   &pages, NULL));
      if (g_str_has_prefix (lines[i], "Page size:"))
        *page_size = g_strdup (g_strstrip (lines[i] + 10));
    }
  return pages;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("The PDF's text lacks “%s”:\n%s", needle, text);
}

/* Every font, the Japanese one included, travels inside the PDF. */
static void
assert_fonts_embedded (const char *pdf)
{
  g_autofree char *list = run ((const char * const[]) { "pdffonts", pdf, NULL });
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  guint n_fonts = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; columns[j] != NULL; j++)
        if (*columns[j] != '\0')
          g_ptr_array_add (words, columns[j]);
      if (words->len == 0)
        continue;
      /* … emb sub uni object ID */
      g_assert_cmpuint (words->len, >=, 6);
      if (!g_str_equal (words->pdata[words->len - 5], "yes"))
        g_error ("A font is not embedded: %s", lines[i]);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "draft.pdf", NULL);
  g_autoptr(CsReportLayout) layout = NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *page_text = NULL;
  guint pages;

  if (!ready (f))
    return;

  layout = write_pdf (f, CS_PAPER_A4, pdf);
  text = pdf_text (pdf);
  for (const char * const *needle = (const char * const[]) {
         "CONS-26-00123", "S26-4567", "P-7f3a", "Клиника № 1", "Dr. Ito 伊藤", "Dr. Müller",
         "University Hospital", "Colonic mass, 4 cm.", "Is this invasive?", "Tubular adenoma",
         "End of the description.", CYRILLIC, "Consistent with",
         JAPANESE, "Invasion through the muscularis mucosae.", "Staging CT.", "Figure 1.",
         "Invasive front", "Figure 2.", "Desmoplastic stroma", "DRAFT — not signed",
         "Overview of slide A1-HE", NULL };
       *needle != NULL; needle++)
    assert_contains (text, *needle);
  g_assert_null (strstr (text, "Content SHA-256"));
  /* no line lost where the description breaks across pages */
  for (int i = 1; i <= 14; i++)
    {
      g_autofree char *paragraph = g_strdup_printf ("Paragraph %d:", i);

      assert_contains (text, paragraph);
    }

  assert_fonts_embedded (pdf);

  /* the long description breaks across pages */
  pages = pdf_pages (pdf, &size);
  g_assert_cmpuint (pages, >=, 3);
  page_text = g_strdup_printf ("Page %u of %u", pages, pages);
  assert_contains (text, page_text);
  g_assert_true (g_str_has_suffix (size, "(A4)"));
}

static void
test_signed_letter (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "final.pdf", NULL);
  g_autoptr(CsReportLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  if (!ready (f))
    return;

  g_assert_true (cs_report_finalize (f->report, "Dr. Müller", f->annotations, &error));
  g_assert_no_error (error);
  layout = write_pdf (f, CS_PAPER_LETTER, pdf);
  text = pdf_text (pdf);
  g_assert_null (strstr (text, "DRAFT"));
  assert_contains (text, "Signed by");
  assert_contains (text, "Content SHA-256");
  /* the hash may wrap: compare without white space */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (joined, *p);
  assert_contains (joined->str, cs_report_get_text (f->report, "signature.content_sha256"));
  pdf_pages (pdf, &size);
  g_assert_true (g_str_has_prefix (size, "612 x 792 pts"));
}

/* Altered after signing, or withdrawn: said on the first page. */
static void
test_status_marks (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "marks.pdf", NULL);
  g_autoptr(CsReportLayout) layout = NULL;
  g_autoptr(CsReport) tampered = NULL;
  g_autoptr(CsReport) signed_report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  char *question;

  if (!ready (f))
    return;

  g_assert_true (cs_report_finalize (f->report, "Dr. Müller", f->annotations, &error));
  g_assert_no_error (error);
  json = cs_report_to_data (f->report, NULL);
  question = strstr (json, "Is this invasive?");
  g_assert_nonnull (question);
  memcpy (question, "Is this BENIGN??", 16);
  tampered = cs_report_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (cs_report_get_tampered (tampered));
  signed_report = g_object_ref (f->report);
  g_set_object (&f->report, tampered);
  layout = write_pdf (f, CS_PAPER_A4, pdf);
  text = pdf_text (pdf);
  assert_contains (text, "MODIFIED AFTER SIGNING");
  assert_contains (text, "Is this BENIGN??");

  g_clear_object (&layout);
  g_clear_pointer (&text, g_free);
  g_set_object (&f->report, signed_report);
  g_assert_true (cs_report_withdraw (f->report, "Dr. Müller", "Wrong patient", &error));
  g_assert_no_error (error);
  layout = write_pdf (f, CS_PAPER_A4, pdf);
  text = pdf_text (pdf);
  assert_contains (text, "WITHDRAWN");
  assert_contains (text, "Wrong patient");
  g_assert_null (strstr (text, "MODIFIED AFTER SIGNING"));
}

/* The image cs_render_region and cs_annotation_render make of a figure's
 * region, on white, as the test's own reference. */
static cairo_surface_t *
reference_figure (Fixture              *f,
                  const CsReportFigure *figure,
                  CsAnnotation         *cited)
{
  g_autoptr(cairo_surface_t) rendered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotation) copy = cs_annotation_copy (cited);
  g_autoptr(CsClassTable) classes = cs_class_table_new_default ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, figure->width,
                                                         figure->height);
  cairo_t *cr = cairo_create (surface);
  CsAnnotationRenderOptions options;
  CsViewport viewport;

  g_assert_true (cs_render_region (CS_TILE_SOURCE (f->slide), figure->x, figure->y, figure->zoom,
                                   figure->width, figure->height, &rendered, &error));
  g_assert_no_error (error);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, rendered, 0, 0);
  cairo_paint (cr);

  cs_annotation_list_add (list, copy);
  cs_annotation_render_options_init (&options);
  options.classes = classes;
  options.ui_scale = figure->ui_scale;
  options.fill_alpha = 0;
  g_assert_true (cs_slide_get_mpp (f->slide, &options.calibration.mpp_x,
                                   &options.calibration.mpp_y));
  cs_viewport_init (&viewport, figure->x, figure->y, figure->zoom, figure->width, figure->height);
  cs_annotation_render (cr, list, &viewport, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
in_bar (const CsReportFigure *figure,
        int                   x,
        int                   y)
{
  return x >= figure->bar_x - 1 && x <= figure->bar_x + figure->bar_width + 1 &&
         y >= figure->bar_y - 1 && y <= figure->bar_y + figure->bar_height + 1;
}

/* Outside the scale bar, the embedded figure is the renderer's image;
 * inside it, the burned-in bar changed pixels. */
static void
compare_figure (const CsReportFigure *figure,
                cairo_surface_t      *embedded,
                cairo_surface_t      *reference)
{
  int stride_a = cairo_image_surface_get_stride (embedded);
  int stride_b = cairo_image_surface_get_stride (reference);
  const guint8 *a = cairo_image_surface_get_data (embedded);
  const guint8 *b = cairo_image_surface_get_data (reference);
  guint outside = 0, inside = 0;

  g_assert_cmpint (cairo_image_surface_get_width (embedded), ==, figure->width);
  g_assert_cmpint (cairo_image_surface_get_height (embedded), ==, figure->height);
  g_assert_cmpfloat (figure->bar_width, >, 0);
  for (int y = 0; y < figure->height; y++)
    for (int x = 0; x < figure->width; x++)
      {
        guint32 pa = *(const guint32 *) (a + y * stride_a + 4 * x) & 0xffffff;
        guint32 pb = *(const guint32 *) (b + y * stride_b + 4 * x) & 0xffffff;

        if (pa == pb)
          continue;
        if (in_bar (figure, x, y))
          inside++;
        else
          outside++;
      }
  g_assert_cmpuint (outside, ==, 0);
  g_assert_cmpuint (inside, >, 100);
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "figures.pdf", NULL);
  g_autofree char *prefix = g_build_filename (f->dir, "img", NULL);
  g_autoptr(CsReportLayout) layout = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_images = 0;
  int tallest = 0;

  if (!ready (f))
    return;

  layout = write_pdf (f, CS_PAPER_A4, pdf);
  g_assert_cmpuint (cs_report_layout_get_n_figures (layout), ==, 2);

  /* two figures and one slide overview, each embedded once, losslessly */
  list = run ((const char * const[]) { "pdfimages", "-list", pdf, NULL });
  lines = g_strsplit (list, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      {
        g_assert_null (strstr (lines[i], " jpeg "));
        n_images++;
      }
  g_assert_cmpuint (n_images, ==, 3);

  g_free (run ((const char * const[]) { "pdfimages", "-png", pdf, prefix, NULL }));
  for (guint i = 0; i < 2; i++)
    {
      const CsReportFigure *figure = cs_report_layout_get_figure (layout, i);
      g_autofree char *name = g_strdup_printf ("%s-%03u.png", prefix, i);
      g_autoptr(cairo_surface_t) embedded = cairo_image_surface_create_from_png (name);
      g_autoptr(cairo_surface_t) reference = NULL;
      CsAnnotation *cited = cs_annotation_list_lookup (
        f->annotations, cs_report_get_region_annotation (f->report, i));

      g_assert_cmpint (cairo_surface_status (embedded), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpstr (figure->slide_id, ==, "A1-HE");
      reference = reference_figure (f, figure, cited);
      compare_figure (figure, embedded, reference);
      tallest = MAX (tallest, figure->height);
    }
  /* at 40× (2 image pixels per slide pixel) a figure is read in several
   * strips, seamlessly */
  if (f->magnification > 0)
    g_assert_cmpint (tallest, >, 1024);
}

/* A cited region moved after signing is drawn as it is now, but marked. */
static void
test_region_changed (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "moved.pdf", NULL);
  g_autoptr(CsReportLayout) layout = NULL;
  g_autoptr(CsAnnotation) moved = NULL;
  g_autoptr(CsGeometry) geometry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CsAnnotation *cited;
  CsRect bounds;

  if (!ready (f))
    return;

  g_assert_true (cs_report_finalize (f->report, "Dr. Müller", f->annotations, &error));
  g_assert_no_error (error);
  cited = cs_annotation_list_lookup (f->annotations, cs_report_get_region_annotation (f->report, 1));
  cs_annotation_get_bounds (cited, &bounds);
  bounds.x += 10;
  geometry = cs_geometry_new_rectangle (&bounds);
  moved = cs_annotation_copy (cited);
  cs_annotation_set_geometry (moved, geometry);
  cs_annotation_list_update (f->annotations, moved);

  layout = write_pdf (f, CS_PAPER_A4, pdf);
  g_assert_false (cs_report_layout_get_figure (layout, 0)->geometry_changed);
  g_assert_true (cs_report_layout_get_figure (layout, 1)->geometry_changed);
  text = pdf_text (pdf);
  assert_contains (text, "Region changed after signing: figure 2");
  assert_contains (text, "Figure 2. Region changed after signing");
  g_assert_null (strstr (text, "Figure 1. Region changed"));
}

/* A 200,000-character question without a single break opportunity is
 * laid out (pango alone takes minutes over such a run). */
static void
test_unbroken_text (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "unbroken.pdf", NULL);
  g_autoptr(CsReport) report = cs_report_new ();
  g_autoptr(CsReportLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *question = g_strnfill (200000, 'A');
  g_autofree char *text = NULL;

  set (report, "question", question);
  layout = cs_report_layout_new (report);
  g_assert_true (cs_report_layout_write_pdf (layout, pdf, &error));
  g_assert_no_error (error);
  /* the stored text is untouched; the printed one is all there */
  g_assert_cmpstr (cs_report_get_text (report, "question"), ==, question);
  text = pdf_text (pdf);
  assert_contains (text, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  cs_test_remove_tree (dir);
}

static void
test_figures_magnified (Fixture       *f,
                        gconstpointer  data)
{
  f->magnification = 40;
  test_figures (f, data);
}

/* Without the slide, the figures are named but not drawn; the PDF is
 * still written. */
static void
test_missing_slide (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "noslide.pdf", NULL);
  g_autoptr(CsReportLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!ready (f))
    return;

  layout = cs_report_layout_new (f->report);
  g_assert_true (cs_report_layout_write_pdf (layout, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cs_report_layout_get_n_figures (layout), ==, 2);
  g_assert_cmpint (cs_report_layout_get_figure (layout, 0)->width, ==, 0);
  text = pdf_text (pdf);
  assert_contains (text, "Figure 2.");
  assert_contains (text, "the slide “A1-HE” was not provided");
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "missing", "out.pdf", NULL);
  g_autoptr(CsReportLayout) layout = NULL;
  g_autoptr(GError) error = NULL;

  if (f->report == NULL)
    {
      g_test_skip ("The sample slide CMU-1-Small-Region.svs is absent");
      return;
    }
  layout = cs_report_layout_new (f->report);
  g_assert_false (cs_report_layout_write_pdf (layout, pdf, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, pdf));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* Stored values as printed words: the certainty and the diagnosis as one
 * phrase (translations may put the diagnosis first), the priority, the
 * time; unknown values printed as they are, markup escaped. */
static void
test_printed_words (void)
{
  g_autofree char *consistent = _cs_report_layout_diagnosis_markup ("consistent_with", "SCC <x>");
  g_autofree char *definitive = _cs_report_layout_diagnosis_markup ("definitive", "SCC");
  g_autofree char *plain = _cs_report_layout_diagnosis_markup (NULL, "SCC");
  g_autofree char *unknown = _cs_report_layout_diagnosis_markup ("probable", "SCC");
  g_autofree char *time = _cs_report_layout_format_time ("2026-08-09T14:02:11Z");
  g_autofree char *bad_time = _cs_report_layout_format_time ("yesterday");

  g_assert_cmpstr (consistent, ==, "<i>Consistent with </i><b>SCC &lt;x&gt;</b>");
  g_assert_cmpstr (definitive, ==, "<b>SCC</b><i> (definitive)</i>");
  g_assert_cmpstr (plain, ==, "<b>SCC</b>");
  g_assert_cmpstr (unknown, ==, "<i>probable</i> <b>SCC</b>");
  g_assert_true (pango_parse_markup (consistent, -1, 0, NULL, NULL, NULL, NULL));
  g_assert_cmpstr (_cs_report_layout_certainty_label ("cannot_exclude"), ==, "Cannot exclude");
  g_assert_cmpstr (_cs_report_layout_priority_label ("urgent"), ==, "Urgent");
  g_assert_cmpstr (_cs_report_layout_priority_label ("routine"), ==, "Routine");
  g_assert_cmpstr (_cs_report_layout_priority_label ("asap"), ==, "asap");
  g_assert_null (_cs_report_layout_priority_label (NULL));
  g_assert_cmpstr (time, ==, "2026-08-09 14:02 UTC");
  g_assert_cmpstr (bad_time, ==, "yesterday");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-pdf/printed-words", test_printed_words);

  g_test_add ("/report-pdf/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/report-pdf/signed-letter", Fixture, NULL, fixture_set_up, test_signed_letter,
              fixture_tear_down);
  g_test_add ("/report-pdf/status-marks", Fixture, NULL, fixture_set_up, test_status_marks,
              fixture_tear_down);
  g_test_add ("/report-pdf/figures", Fixture, NULL, fixture_set_up, test_figures,
              fixture_tear_down);
  g_test_add ("/report-pdf/figures-magnified", Fixture, NULL, fixture_set_up,
              test_figures_magnified, fixture_tear_down);
  g_test_add ("/report-pdf/region-changed", Fixture, NULL, fixture_set_up, test_region_changed,
              fixture_tear_down);
  g_test_add_func ("/report-pdf/unbroken-text", test_unbroken_text);
  g_test_add ("/report-pdf/missing-slide", Fixture, NULL, fixture_set_up, test_missing_slide,
              fixture_tear_down);
  g_test_add ("/report-pdf/unwritable", Fixture, NULL, fixture_set_up, test_unwritable,
              fixture_tear_down);
  return g_test_run ();
}
