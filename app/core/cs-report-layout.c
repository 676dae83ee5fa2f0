/* cs-report-layout.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "cs-core-private.h"
#include "cs-json-path.h"
#include "cs-utils.h"
#include "cs-report-layout-private.h"

/* The printed form of an opinion. Pagination flows the report's blocks
 * from top to bottom into a list of placed items (text lines, images,
 * boxes); drawing a page replays that page's items, then the running
 * footer. Text breaks between lines, so a long description spans pages;
 * a figure moves whole to the next page when it does not fit. Every
 * length is in points; fonts are sized at 72 dpi so that one point of
 * the layout is one point on paper.
 *
 * Paginate reads the slides (blocking I/O): run it, or write_pdf, in a
 * worker on a layout nothing else touches meanwhile; the layout holds its
 * own references to the report and slides, and draw_page only replays
 * what paginate placed. */

G_DEFINE_TYPE (CsReportLayout, cs_report_layout, G_TYPE_OBJECT)

static void
item_free (gpointer data)
{
  CsLayoutItem *item = data;

  g_clear_object (&item->layout);
  g_clear_pointer (&item->surface, cairo_surface_destroy);
  g_free (item->text);
  g_free (item);
}

static void
slide_free (gpointer data)
{
  CsLayoutSlide *entry = data;

  g_clear_object (&entry->slide);
  g_clear_object (&entry->annotations);
  g_free (entry);
}

static void
clear_pages (CsReportLayout *self)
{
  g_ptr_array_set_size (self->items, 0);
  g_array_set_size (self->figures, 0);
  self->n_pages = 0;
  self->y = 0;
}

static void
cs_report_layout_finalize (GObject *object)
{
  CsReportLayout *self = CS_REPORT_LAYOUT (object);

  g_clear_object (&self->report);
  g_clear_object (&self->classes);
  g_clear_object (&self->context);
  g_clear_pointer (&self->slides, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->figures, g_array_unref);

  G_OBJECT_CLASS (cs_report_layout_parent_class)->finalize (object);
}

static void
cs_report_layout_class_init (CsReportLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_report_layout_finalize;
}

static void
cs_report_layout_init (CsReportLayout *self)
{
  self->slides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, slide_free);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->figures = g_array_new (FALSE, TRUE, sizeof (CsReportFigure));
  self->paper = CS_PAPER_A4;
}

/**
 * cs_report_layout_new:
 * @report: the opinion to print
 *
 * Returns: (transfer full): a layout; add the slides, then paginate
 */
CsReportLayout *
cs_report_layout_new (CsReport *report)
{
  CsReportLayout *self;

  g_return_val_if_fail (CS_IS_REPORT (report), NULL);

  self = g_object_new (CS_TYPE_REPORT_LAYOUT, NULL);
  self->report = g_object_ref (report);
  return self;
}

/**
 * cs_report_layout_add_slide:
 * @slide_id: the id the report's regions and materials use ("A1-HE")
 * @slide: (nullable): the open slide, for figures and the overview
 * @annotations: (nullable): its annotations, where the cited ones are
 */
void
cs_report_layout_add_slide (CsReportLayout   *self,
                            const char       *slide_id,
                            CsSlide          *slide,
                            CsAnnotationList *annotations)
{
  CsLayoutSlide *entry;

  g_return_if_fail (CS_IS_REPORT_LAYOUT (self));
  g_return_if_fail (slide_id != NULL);

  entry = g_new0 (CsLayoutSlide, 1);
  entry->slide = slide != NULL ? g_object_ref (slide) : NULL;
  entry->annotations = annotations != NULL ? g_object_ref (annotations) : NULL;
  g_hash_table_replace (self->slides, g_strdup (slide_id), entry);
}

void
cs_report_layout_set_classes (CsReportLayout *self,
                              CsClassTable   *classes)
{
  g_return_if_fail (CS_IS_REPORT_LAYOUT (self));
  g_set_object (&self->classes, classes);
}

void
cs_report_layout_set_paper (CsReportLayout *self,
                            CsPaper         paper)
{
  g_return_if_fail (CS_IS_REPORT_LAYOUT (self));
  self->paper = paper;
}

void
cs_report_layout_set_figure_magnification (CsReportLayout *self,
                                           double          magnification)
{
  g_return_if_fail (CS_IS_REPORT_LAYOUT (self));
  self->magnification = MAX (magnification, 0);
}

void
cs_report_layout_get_page_size (CsReportLayout *self,
                                double         *width,
                                double         *height)
{
  g_return_if_fail (CS_IS_REPORT_LAYOUT (self));

  /* ISO 216 A4 is 210 × 297 mm; US Letter 8.5 × 11 in. */
  if (self->paper == CS_PAPER_LETTER)
    {
      *width = 612;
      *height = 792;
    }
  else
    {
      *width = 210 * 72 / 25.4;
      *height = 297 * 72 / 25.4;
    }
}

double
_cs_report_layout_content_width (CsReportLayout *self)
{
  double width, height;

  cs_report_layout_get_page_size (self, &width, &height);
  return width - 2 * CS_LAYOUT_MARGIN;
}

double
_cs_report_layout_bottom (CsReportLayout *self)
{
  double width, height;

  cs_report_layout_get_page_size (self, &width, &height);
  return height - CS_LAYOUT_MARGIN - CS_LAYOUT_FOOTER;
}

CsLayoutItem *
_cs_report_layout_add_item (CsReportLayout   *self,
                            CsLayoutItemKind  kind,
                            double            x,
                            double            y,
                            double            width,
                            double            height)
{
  CsLayoutItem *item = g_new0 (CsLayoutItem, 1);

  item->kind = kind;
  item->page = self->n_pages - 1;
  item->x = x;
  item->y = y;
  item->width = width;
  item->height = height;
  g_ptr_array_add (self->items, item);
  return item;
}

void
_cs_report_layout_new_page (CsReportLayout *self)
{
  self->n_pages++;
  self->y = CS_LAYOUT_MARGIN;
}

void
_cs_report_layout_need (CsReportLayout *self,
                        double          height)
{
  if (self->y > CS_LAYOUT_MARGIN && self->y + height > _cs_report_layout_bottom (self))
    _cs_report_layout_new_page (self);
}

/* Longest run of text without a break opportunity given to pango: its
 * line breaking is quadratic in the length of such a run. */
#define MAX_UNBROKEN 64

static gboolean
has_type (GUnicodeBreakType        type,
          const GUnicodeBreakType *types,
          guint                    n)
{
  for (guint i = 0; i < n; i++)
    if (types[i] == type)
      return TRUE;
  return FALSE;
}

/* Where pango may break a line anyway. */
static gboolean
is_break (GUnicodeBreakType type)
{
  static const GUnicodeBreakType breaks[] = {
    G_UNICODE_BREAK_SPACE, G_UNICODE_BREAK_ZERO_WIDTH_SPACE, G_UNICODE_BREAK_MANDATORY,
    G_UNICODE_BREAK_LINE_FEED, G_UNICODE_BREAK_CARRIAGE_RETURN, G_UNICODE_BREAK_IDEOGRAPHIC,
    G_UNICODE_BREAK_HYPHEN, G_UNICODE_BREAK_AFTER,
  };

  return has_type (type, breaks, G_N_ELEMENTS (breaks));
}

/* What must stay joined to the character before it. */
static gboolean
is_joined (GUnicodeBreakType type)
{
  static const GUnicodeBreakType joined[] = {
    G_UNICODE_BREAK_COMBINING_MARK, G_UNICODE_BREAK_ZERO_WIDTH_JOINER,
    G_UNICODE_BREAK_EMOJI_MODIFIER, G_UNICODE_BREAK_SURROGATE,
  };

  return has_type (type, joined, G_N_ELEMENTS (joined));
}

/* @markup with U+200B (zero-width space) inserted in every run of more
 * than MAX_UNBROKEN characters of text without a break opportunity. For
 * display only: what is stored is never changed. Tags are skipped; an
 * entity counts as one character. */
char *
_cs_report_layout_break_runs (const char *markup)
{
  GString *out = g_string_sized_new (strlen (markup) + 16);
  guint run = 0;

  for (const char *p = markup; *p != '\0';)
    {
      GUnicodeBreakType type;
      const char *end;

      if (*p == '<' && (end = strchr (p, '>')) != NULL)
        {
          g_string_append_len (out, p, end + 1 - p);
          p = end + 1;
          continue;
        }
      if (*p == '&' && (end = strchr (p, ';')) != NULL)
        end++;
      else
        end = g_utf8_next_char (p);
      type = g_unichar_break_type (g_utf8_get_char (p));
      if (is_break (type))
        run = 0;
      else if (++run > MAX_UNBROKEN && !is_joined (type))
        {
          g_string_append_unichar (out, 0x200B);
          run = 1;
        }
      g_string_append_len (out, p, end - p);
      p = end;
    }
  return g_string_free (out, FALSE);
}

PangoLayout *
_cs_report_layout_markup (CsReportLayout *self,
                          const char     *markup,
                          double          width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("DejaVu Sans 9.5");
  g_autofree char *breakable = _cs_report_layout_break_runs (markup);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, pango_units_from_double (width > 0 ? width
                                                           : _cs_report_layout_content_width (self)));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, breakable, -1);
  return layout;
}

double
_cs_report_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static void
add_line (CsReportLayout *self,
          PangoLayout    *layout,
          int             line,
          double          x,
          double          baseline)
{
  CsLayoutItem *item = _cs_report_layout_add_item (self, CS_LAYOUT_ITEM_LINE, x, baseline, 0, 0);

  item->layout = g_object_ref (layout);
  item->line = line;
}

void
_cs_report_layout_flow (CsReportLayout *self,
                        PangoLayout    *layout,
                        double          x)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  double shift = 0;  /* layout y of the top of the page's first line */
  double top = self->y;
  int line = 0;

  do
    {
      PangoRectangle logical;
      double line_top, line_bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = pango_units_to_double (logical.y);
      line_bottom = pango_units_to_double (logical.y + logical.height);
      if (top + line_bottom - shift > _cs_report_layout_bottom (self) && line_top > shift)
        {
          _cs_report_layout_new_page (self);
          top = self->y;
          shift = line_top;
        }
      add_line (self, layout, line,
                x + pango_units_to_double (logical.x),
                top + pango_units_to_double (pango_layout_iter_get_baseline (iter)) - shift);
      self->y = top + line_bottom - shift;
      line++;
    }
  while (pango_layout_iter_next_line (iter));
}

void
_cs_report_layout_place (CsReportLayout *self,
                         PangoLayout    *layout,
                         double          x,
                         double          y)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  int line = 0;

  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      add_line (self, layout, line, x + pango_units_to_double (logical.x),
                y + pango_units_to_double (pango_layout_iter_get_baseline (iter)));
      line++;
    }
  while (pango_layout_iter_next_line (iter));
}

static void
setup_context (CsReportLayout *self,
               cairo_t        *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  g_clear_object (&self->context);
  self->context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (self->context, 72);
  /* The same line breaks on screen, in print and in the PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
}

/**
 * cs_report_layout_paginate:
 * @cr: a context of the target (a PDF or print surface), for its fonts
 *
 * Returns: the number of pages, or 0 with @error set (a figure's slide
 *   could not be read)
 */
guint
cs_report_layout_paginate (CsReportLayout *self,
                           cairo_t        *cr,
                           GError        **error)
{
  g_return_val_if_fail (CS_IS_REPORT_LAYOUT (self), 0);
  g_return_val_if_fail (cr != NULL, 0);

  clear_pages (self);
  setup_context (self, cr);
  _cs_report_layout_new_page (self);
  _cs_report_layout_add_sections (self);
  if (!_cs_report_layout_add_figures (self, error))
    {
      clear_pages (self);
      return 0;
    }
  _cs_report_layout_add_signature (self);
  return self->n_pages;
}

static const char *
match_member (JsonArray  *slides,
              const char *member,
              const char *value)
{
  for (guint i = 0; value != NULL && i < json_array_get_length (slides); i++)
    {
      JsonNode *node = json_array_get_element (slides, i);
      JsonObject *slide;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      slide = json_node_get_object (node);
      if (g_strcmp0 (cs_json_object_get_text (slide, member), value) == 0)
        return cs_json_object_get_text (slide, "slide_id");
    }
  return NULL;
}

const char *
cs_report_layout_match_slide (CsReport   *report,
                              const char *sha256,
                              const char *file_name)
{
  JsonNode *node;
  JsonArray *slides;
  const char *slide_id;

  g_return_val_if_fail (CS_IS_REPORT (report), NULL);

  node = cs_json_path_lookup (cs_report_get_root (report), "materials.slides");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  slides = json_node_get_array (node);
  slide_id = match_member (slides, "sha256", sha256);
  return slide_id != NULL ? slide_id : match_member (slides, "file_name", file_name);
}

guint
cs_report_layout_get_n_figures (CsReportLayout *self)
{
  g_return_val_if_fail (CS_IS_REPORT_LAYOUT (self), 0);
  return self->figures->len;
}

const CsReportFigure *
cs_report_layout_get_figure (CsReportLayout *self,
                             guint           index)
{
  g_return_val_if_fail (CS_IS_REPORT_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->figures->len, NULL);
  return &g_array_index (self->figures, CsReportFigure, index);
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
draw_image (cairo_t            *cr,
            const CsLayoutItem *item)
{
  int width = cairo_image_surface_get_width (item->surface);
  int height = cairo_image_surface_get_height (item->surface);

  cairo_save (cr);
  cairo_translate (cr, item->x, item->y);
  cairo_scale (cr, item->width / width, item->height / height);
  cairo_set_source_surface (cr, item->surface, 0, 0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* A figure's place on a slide overview: its outline, and its number in a
 * white disc beside the top-left corner. */
static void
draw_marker (CsReportLayout     *self,
             cairo_t            *cr,
             const CsLayoutItem *item)
{
  g_autoptr(PangoLayout) label = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("DejaVu Sans Bold 7");
  int w, h;
  double radius;

  cairo_save (cr);
  set_rgb (cr, item->rgb);
  cairo_set_line_width (cr, 1.2);
  cairo_rectangle (cr, item->x, item->y, MAX (item->width, 2), MAX (item->height, 2));
  cairo_stroke (cr);

  pango_layout_set_font_description (label, font);
  pango_layout_set_text (label, item->text, -1);
  pango_layout_get_size (label, &w, &h);
  radius = MAX (pango_units_to_double (w), pango_units_to_double (h)) / 2 + 1.5;
  cairo_arc (cr, item->x - radius / 2, item->y - radius / 2, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_rgb (cr, item->rgb);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  cairo_move_to (cr, item->x - radius / 2 - pango_units_to_double (w) / 2,
                 item->y - radius / 2 - pango_units_to_double (h) / 2);
  pango_cairo_show_layout (cr, label);
  cairo_restore (cr);
}

static void
draw_item (CsReportLayout     *self,
           cairo_t            *cr,
           const CsLayoutItem *item)
{
  switch (item->kind)
    {
    case CS_LAYOUT_ITEM_LINE:
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, item->x, item->y);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (item->layout, item->line));
      break;
    case CS_LAYOUT_ITEM_IMAGE:
      draw_image (cr, item);
      break;
    case CS_LAYOUT_ITEM_FILL:
      set_rgb (cr, item->rgb);
      cairo_rectangle (cr, item->x, item->y, item->width, item->height);
      cairo_fill (cr);
      break;
    case CS_LAYOUT_ITEM_FRAME:
      set_rgb (cr, item->rgb);
      cairo_set_line_width (cr, 0.6);
      cairo_rectangle (cr, item->x, item->y, item->width, item->height);
      cairo_stroke (cr);
      break;
    case CS_LAYOUT_ITEM_MARKER:
      draw_marker (self, cr, item);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* "CONS-26-00123 · Second opinion · Page 2 of 5", under a thin rule. */
static void
draw_footer (CsReportLayout *self,
             cairo_t        *cr,
             guint           page)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("DejaVu Sans 7.5");
  const char *accession = cs_report_get_text (self->report, "case.consult_accession");
  g_autofree char *pages = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  g_autofree char *text = NULL;
  double width, height, bottom = _cs_report_layout_bottom (self);
  const char *state;

  cs_report_layout_get_page_size (self, &width, &height);
  if (cs_report_get_tampered (self->report))
    state = _("MODIFIED AFTER SIGNING");
  else if (cs_report_status_is_signed (cs_report_get_status (self->report)))
    state = cs_report_status_get_label (cs_report_get_status (self->report));
  else
    state = _("DRAFT — not signed");
  /* Translators: the running footer: accession, status, page */
  text = g_strdup_printf (_("%s  ·  Second-opinion report  ·  %s  ·  %s"),
                          accession != NULL ? accession : "", state, pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, CS_LAYOUT_MARGIN, bottom + 10);
  cairo_line_to (cr, width - CS_LAYOUT_MARGIN, bottom + 10);
  cairo_stroke (cr);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, pango_units_from_double (width - 2 * CS_LAYOUT_MARGIN));
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_move_to (cr, CS_LAYOUT_MARGIN, bottom + 14);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/**
 * cs_report_layout_draw_page:
 * @cr: user space in points, the page's top-left corner at the origin
 * @page: from 0, below what paginate returned
 */
void
cs_report_layout_draw_page (CsReportLayout *self,
                            cairo_t        *cr,
                            guint           page)
{
  g_return_if_fail (CS_IS_REPORT_LAYOUT (self));
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  for (guint i = 0; i < self->items->len; i++)
    {
      const CsLayoutItem *item = self->items->pdata[i];

      if (item->page == page)
        draw_item (self, cr, item);
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

static void
set_metadata (CsReportLayout   *self,
              cairo_surface_t  *surface)
{
  const char *accession = cs_report_get_text (self->report, "case.consult_accession");
  const char *consultant = cs_report_get_text (self->report, "consultant.name");
  g_autofree char *title = g_strdup_printf (_("Second-opinion report %s"),
                                            accession != NULL ? accession : "");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (consultant != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, consultant);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Consilium");
}

/* Draws every page onto @stream; FALSE with @error naming @path. */
static gboolean
write_pages (CsReportLayout *self,
             GOutputStream  *stream,
             const char     *path,
             GError        **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_status_t status;
  double width, height;
  guint n_pages;

  cs_report_layout_get_page_size (self, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (cs_cairo_write_to_stream, stream, width, height);
  set_metadata (self, surface);
  cr = cairo_create (surface);
  n_pages = cs_report_layout_paginate (self, cr, error);
  if (n_pages == 0)
    return FALSE;
  for (guint page = 0; page < n_pages; page++)
    {
      cs_report_layout_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

/**
 * cs_report_layout_write_pdf:
 * @path: the PDF to write; an existing file is replaced only once the
 *   new one is complete
 *
 * Returns: %TRUE, or %FALSE with @error set (nothing left behind)
 */
gboolean
cs_report_layout_write_pdf (CsReportLayout *self,
                            const char     *path,
                            GError        **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean existed;

  g_return_val_if_fail (CS_IS_REPORT_LAYOUT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* GIO replaces an existing file through a temporary one, but writes a
   * new file in place: a failed write then removes what it began. */
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                           &local_error);
  if (stream == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, _("Cannot write “%s”: %s"),
                   path, local_error->message);
      return FALSE;
    }
  if (write_pages (self, G_OUTPUT_STREAM (stream), path, error))
    {
      if (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
        return TRUE;
      g_set_error (error, local_error->domain, local_error->code, _("Cannot write “%s”: %s"),
                   path, local_error->message);
    }
  /* Closing with a cancelled cancellable drops the temporary file. */
  abort = g_cancellable_new ();
  g_cancellable_cancel (abort);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
  if (!existed)
    g_file_delete (file, NULL, NULL);
  return FALSE;
}
