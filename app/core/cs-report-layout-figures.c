/* cs-report-layout-figures.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-annotation-render.h"
#include "cs-core-private.h"
#include "cs-magnification.h"
#include "cs-renderer.h"
#include "cs-report-layout-private.h"
#include "cs-scale-bar.h"

/* The cited regions as numbered figures, and an overview of each slide
 * with the figures' places marked. A figure is rendered by the viewer's
 * own executor (cs_render_region) in strips of at most STRIP_ROWS rows
 * onto one image of the figure's printed size at most MAX_DPI, so no
 * export holds more of a slide than that image; the cited outline is
 * drawn over it by cs_annotation_render and a scale bar burned in. The
 * PDF embeds each image losslessly at its own resolution. */

#define STRIP_ROWS       1024
#define MAX_DPI          300.0
#define OVERVIEW_DPI     200.0
#define FIGURE_SHARE     0.42   /* of the text height, at most: two a page */
#define OVERVIEW_SHARE   0.38
#define REGION_PAD       0.2    /* of the outline's size, around it */
#define MIN_REGION       256.0  /* level-0 pixels */
#define BAR_MARGIN       8.0    /* image pixels at ui_scale 1 */
#define RGB_FRAME        0x707070
#define RGB_MARKER       0x0a3fbf

static double
text_height (CsReportLayout *self)
{
  return _cs_report_layout_bottom (self) - CS_LAYOUT_MARGIN;
}

/* Renders level-0 (@x, @y) at @zoom into a @width × @height image on
 * white, STRIP_ROWS rows per call. @x and @y are whole output pixels. */
static cairo_surface_t *
render_strips (CsSlide  *slide,
               double    x,
               double    y,
               double    zoom,
               int       width,
               int       height,
               GError  **error)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                                   width, height);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (int row = 0; row < height; row += STRIP_ROWS)
    {
      g_autoptr(cairo_surface_t) strip = NULL;

      if (!cs_render_region (CS_TILE_SOURCE (slide), x, (round (y * zoom) + row) / zoom, zoom,
                             width, MIN (STRIP_ROWS, height - row), &strip, error))
        return NULL;
      cairo_set_source_surface (cr, strip, 0, row);
      cairo_paint (cr);
    }
  cairo_surface_flush (surface);
  return g_steal_pointer (&surface);
}

/* The region around @bounds to show, inside the slide. */
static void
choose_region (CsSlide      *slide,
               const CsRect *bounds,
               CsRect       *region)
{
  gint64 slide_w, slide_h;
  double pad = MAX (bounds->width, bounds->height) * REGION_PAD;
  double w = MAX (bounds->width + 2 * pad, MIN_REGION);
  double h = MAX (bounds->height + 2 * pad, MIN_REGION);

  cs_slide_get_level_size (slide, 0, &slide_w, &slide_h);
  w = MIN (w, slide_w);
  h = MIN (h, slide_h);
  region->x = CLAMP (bounds->x + bounds->width / 2 - w / 2, 0, slide_w - w);
  region->y = CLAMP (bounds->y + bounds->height / 2 - h / 2, 0, slide_h - h);
  region->width = w;
  region->height = h;
}

/* Fills @figure (zoom, size, origin) and the printed size in points. */
static void
size_figure (CsReportLayout *self,
             CsSlide        *slide,
             CsRect         *region,
             CsReportFigure *figure,
             double         *printed_w,
             double         *printed_h)
{
  double box_w = _cs_report_layout_content_width (self);
  double box_h = text_height (self) * FIGURE_SHARE;
  double max_px_per_pt = MAX_DPI / 72.0;
  double base = cs_magnification_get_slide_base (slide);
  gboolean magnified = self->magnification > 0 && base > 0;
  double zoom = 1.0;

  /* A slide without objective power or calibration is fitted instead. */
  if (magnified)
    {
      double cx = region->x + region->width / 2, cy = region->y + region->height / 2;

      gint64 slide_w, slide_h;

      zoom = CLAMP (cs_magnification_zoom_for (base, self->magnification), 1.0 / 4096,
                    CS_VIEWPORT_MAX_ZOOM);
      /* A photograph at that magnification: the field that fills the
       * figure's box at MAX_DPI, around the cited region (cropping a large
       * one, showing the context of a small one), inside the slide when
       * the slide is large enough. */
      cs_slide_get_level_size (slide, 0, &slide_w, &slide_h);
      region->width = floor (box_w * max_px_per_pt) / zoom;
      region->height = floor (box_h * max_px_per_pt) / zoom;
      region->x = cx - region->width / 2;
      region->y = cy - region->height / 2;
      if (region->width <= slide_w)
        region->x = CLAMP (region->x, 0, slide_w - region->width);
      if (region->height <= slide_h)
        region->y = CLAMP (region->y, 0, slide_h - region->height);
    }
  *printed_w = MIN (box_w, box_h * region->width / region->height);
  *printed_h = *printed_w * region->height / region->width;
  if (!magnified)
    zoom = MIN (1.0, *printed_w * max_px_per_pt / region->width);

  figure->zoom = zoom;
  figure->x = round (region->x * zoom) / zoom;
  figure->y = round (region->y * zoom) / zoom;
  figure->width = MAX (1, (int) ceil (region->width * zoom - 1e-6));
  figure->height = MAX (1, (int) ceil (region->height * zoom - 1e-6));
  figure->ui_scale = MAX (0.5, 0.7 * figure->width / *printed_w);
}

static void
draw_outline (CsReportLayout *self,
              cairo_surface_t *surface,
              CsSlide        *slide,
              CsAnnotation   *annotation,
              const CsReportFigure *figure)
{
  g_autoptr(CsAnnotationList) list = cs_annotation_list_new ();
  g_autoptr(CsAnnotation) copy = cs_annotation_copy (annotation);
  g_autoptr(CsClassTable) classes = self->classes != NULL ? g_object_ref (self->classes)
                                                          : cs_class_table_new_default ();
  g_autoptr(cairo_t) cr = cairo_create (surface);
  CsAnnotationRenderOptions options;
  CsViewport viewport;

  cs_annotation_list_add (list, copy);
  cs_annotation_render_options_init (&options);
  options.classes = classes;
  options.ui_scale = figure->ui_scale;
  options.fill_alpha = 0;
  options.show_labels = FALSE;
  if (!cs_slide_get_mpp (slide, &options.calibration.mpp_x, &options.calibration.mpp_y))
    options.calibration = (CsCalibration) { 0, 0 };
  cs_viewport_init (&viewport, figure->x, figure->y, figure->zoom, figure->width, figure->height);
  cs_annotation_render (cr, list, &viewport, &options);
}

static void
draw_scale_bar (cairo_surface_t *surface,
                CsSlide         *slide,
                CsReportFigure  *figure)
{
  g_autoptr(cairo_t) cr = NULL;
  double mpp_x, mpp_y;

  if (!cs_slide_get_mpp (slide, &mpp_x, &mpp_y))
    return;
  cs_scale_bar_measure (cs_scale_bar_effective_mpp (mpp_x, mpp_y, 0) / figure->zoom,
                        figure->ui_scale, &figure->bar_width, &figure->bar_height);
  figure->bar_x = BAR_MARGIN * figure->ui_scale;
  figure->bar_y = figure->height - figure->bar_height - BAR_MARGIN * figure->ui_scale;
  cr = cairo_create (surface);
  cs_scale_bar_draw (cr, figure->bar_x, figure->bar_y,
                     cs_scale_bar_effective_mpp (mpp_x, mpp_y, 0) / figure->zoom, figure->ui_scale);
  cairo_surface_flush (surface);
}

static void
add_caption (CsReportLayout       *self,
             guint                 number,
             const char           *caption,
             const char           *detail,
             gboolean              changed)
{
  /* Translators: a figure's number in the report, "Figure 1." */
  g_autofree char *label = g_strdup_printf (_("Figure %u."), number);
  g_autofree char *markup = g_markup_printf_escaped (
    "<b>%s</b> <span weight='bold' foreground='#9b0000'>%s</span>%s"
    "%s  <span foreground='#555555' size='8pt'>%s</span>",
    label, changed ? _("Region changed after signing") : "", changed ? " — " : "",
    caption != NULL ? caption : "", detail);
  g_autoptr(PangoLayout) layout = _cs_report_layout_markup (self, markup, 0);

  _cs_report_layout_flow (self, layout, CS_LAYOUT_MARGIN);
  self->y += CS_LAYOUT_PARAGRAPH * 1.5;
}

/* "Slide A1-HE · 10×" when a magnification was chosen; a fitted figure
 * has no magnification of its own, so it gives the field it shows:
 * "Slide A1-HE · field 250 × 180 µm". */
static char *
describe_figure (CsReportLayout       *self,
                 const CsReportFigure *figure,
                 CsSlide              *slide)
{
  double base = cs_magnification_get_slide_base (slide);
  double mpp_x, mpp_y;
  g_autofree char *magnification = NULL;

  if (self->magnification > 0 && base > 0)
    magnification = cs_magnification_format (cs_magnification_for_zoom (base, figure->zoom));
  else if (cs_slide_get_mpp (slide, &mpp_x, &mpp_y))
    {
      g_autofree char *w = cs_measure_format_length (figure->width / figure->zoom * mpp_x, TRUE);
      g_autofree char *h = cs_measure_format_length (figure->height / figure->zoom * mpp_y, TRUE);

      /* Translators: the part of the slide a figure shows, e.g. "field 250 µm × 180 µm" */
      magnification = g_strdup_printf (_("field %s × %s"), w, h);
    }
  else
    magnification = cs_magnification_format_zoom (figure->zoom);

  /* Translators: a figure's source: slide id, magnification or field size */
  return g_strdup_printf (_("Slide %s · %s"), figure->slide_id, magnification);
}

static void
place_image (CsReportLayout  *self,
             cairo_surface_t *surface,
             double           printed_w,
             double           printed_h)
{
  double x = CS_LAYOUT_MARGIN + (_cs_report_layout_content_width (self) - printed_w) / 2;
  CsLayoutItem *item = _cs_report_layout_add_item (self, CS_LAYOUT_ITEM_IMAGE, x, self->y,
                                                   printed_w, printed_h);
  CsLayoutItem *frame;

  item->surface = cairo_surface_reference (surface);
  frame = _cs_report_layout_add_item (self, CS_LAYOUT_ITEM_FRAME, x, self->y, printed_w, printed_h);
  frame->rgb = RGB_FRAME;
  self->y += printed_h + 4;
}

static gboolean
add_figure (CsReportLayout *self,
            const char     *heading,
            guint           index,
            CsLayoutSlide  *entry,
            CsAnnotation   *annotation,
            CsReportFigure *figure,
            GError        **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autofree char *detail = NULL;
  double printed_w, printed_h;
  CsRect bounds, region;

  cs_annotation_get_bounds (annotation, &bounds);
  choose_region (entry->slide, &bounds, &region);
  size_figure (self, entry->slide, &region, figure, &printed_w, &printed_h);
  surface = render_strips (entry->slide, figure->x, figure->y, figure->zoom, figure->width,
                           figure->height, error);
  if (surface == NULL)
    return FALSE;
  draw_outline (self, surface, entry->slide, annotation, figure);
  draw_scale_bar (surface, entry->slide, figure);

  if (heading != NULL)
    _cs_report_layout_add_heading_keep (self, heading, printed_h + 40);
  _cs_report_layout_need (self, printed_h + 40);
  figure->page = self->n_pages - 1;
  place_image (self, surface, printed_w, printed_h);
  detail = describe_figure (self, figure, entry->slide);
  add_caption (self, index + 1, cs_report_get_region_caption (self->report, index), detail,
               figure->geometry_changed);
  return TRUE;
}

static void
add_missing_figure (CsReportLayout *self,
                    const char     *heading,
                    guint           index,
                    const char     *slide_id,
                    CsLayoutSlide  *entry)
{
  g_autofree char *detail = NULL;

  if (entry == NULL || entry->slide == NULL)
    detail = g_strdup_printf (_("Not shown: the slide “%s” was not provided."),
                              slide_id != NULL ? slide_id : "");
  else
    detail = g_strdup (_("Not shown: the cited annotation was not provided."));
  if (heading != NULL)
    _cs_report_layout_add_heading (self, heading);
  add_caption (self, index + 1, cs_report_get_region_caption (self->report, index), detail,
               FALSE);
}

/* An overview of @slide_id with the figures on it marked and numbered. */
static gboolean
add_overview (CsReportLayout *self,
              const char     *heading,
              const char     *slide_id,
              CsLayoutSlide  *entry,
              GError        **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autofree char *markup = NULL;
  g_autoptr(PangoLayout) caption = NULL;
  gint64 slide_w, slide_h;
  double box_w = _cs_report_layout_content_width (self);
  double box_h = text_height (self) * OVERVIEW_SHARE;
  double printed_w, printed_h, zoom, x0, y0, pt_per_px;
  guint n_marked;
  int width, height;

  cs_slide_get_level_size (entry->slide, 0, &slide_w, &slide_h);
  printed_w = MIN (box_w, box_h * slide_w / (double) slide_h);
  printed_h = printed_w * slide_h / (double) slide_w;
  zoom = MIN (1.0, printed_w * OVERVIEW_DPI / 72.0 / slide_w);
  width = MAX (1, (int) ceil (slide_w * zoom - 1e-6));
  height = MAX (1, (int) ceil (slide_h * zoom - 1e-6));
  surface = render_strips (entry->slide, 0, 0, zoom, width, height, error);
  if (surface == NULL)
    return FALSE;

  if (heading != NULL)
    _cs_report_layout_add_heading_keep (self, heading, printed_h + 46);
  _cs_report_layout_need (self, printed_h + 46);
  x0 = CS_LAYOUT_MARGIN + (box_w - printed_w) / 2;
  y0 = self->y + 6;
  self->y = y0;
  place_image (self, surface, printed_w, printed_h);
  pt_per_px = printed_w / slide_w;
  n_marked = 0;
  for (guint i = 0; i < self->figures->len; i++)
    {
      const CsReportFigure *figure = &g_array_index (self->figures, CsReportFigure, i);
      double left, top, right, bottom;
      CsLayoutItem *marker;

      if (figure->width == 0 || g_strcmp0 (figure->slide_id, slide_id) != 0)
        continue;
      /* the figure's field, within the picture of the slide */
      left = MAX (figure->x, 0);
      top = MAX (figure->y, 0);
      right = MIN (figure->x + figure->width / figure->zoom, slide_w);
      bottom = MIN (figure->y + figure->height / figure->zoom, slide_h);
      marker = _cs_report_layout_add_item (self, CS_LAYOUT_ITEM_MARKER,
                                           x0 + left * pt_per_px, y0 + top * pt_per_px,
                                           (right - left) * pt_per_px, (bottom - top) * pt_per_px);
      marker->rgb = RGB_MARKER;
      marker->text = g_strdup_printf ("%u", i + 1);
      g_string_append_printf (numbers, "%s%u", numbers->len > 0 ? ", " : "", i + 1);
      n_marked++;
    }
  /* Translators: below a slide's overview; the numbers are figure numbers */
  markup = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE,
                                                 "<b>Overview of slide %s</b> (%s). The box marks figure %s.",
                                                 "<b>Overview of slide %s</b> (%s). Boxes mark figures %s.",
                                                 n_marked),
                                    slide_id, cs_slide_get_display_name (entry->slide),
                                    numbers->str);
  caption = _cs_report_layout_markup (self, markup, 0);
  _cs_report_layout_flow (self, caption, CS_LAYOUT_MARGIN);
  self->y += CS_LAYOUT_PARAGRAPH * 1.5;
  return TRUE;
}

/* The annotation region @index cites, when its slide and annotations
 * were given. */
static CsAnnotation *
region_annotation (CsReportLayout *self,
                   guint           index,
                   CsLayoutSlide **entry_out)
{
  const char *slide_id = cs_report_get_region_slide (self->report, index);
  const char *uuid = cs_report_get_region_annotation (self->report, index);
  CsLayoutSlide *entry = slide_id != NULL ? g_hash_table_lookup (self->slides, slide_id) : NULL;

  if (entry_out != NULL)
    *entry_out = entry;
  if (entry == NULL || entry->slide == NULL || entry->annotations == NULL || uuid == NULL)
    return NULL;
  return cs_annotation_list_lookup (entry->annotations, uuid);
}

/* A signed report's region whose annotation no longer has the geometry
 * that was signed (its geometry_sha256). */
static gboolean
region_changed (CsReportLayout *self,
                guint           index,
                CsAnnotation   *annotation)
{
  g_autofree char *path = g_strdup_printf ("referenced_regions.%u.geometry_sha256", index);
  const char *stored = cs_report_get_text (self->report, path);
  g_autofree char *hash = NULL;

  if (annotation == NULL || stored == NULL ||
      !cs_report_status_is_signed (cs_report_get_status (self->report)))
    return FALSE;
  hash = cs_report_geometry_sha256 (annotation, NULL);
  return g_strcmp0 (hash, stored) != 0;
}

char *
_cs_report_layout_changed_figures (CsReportLayout *self)
{
  g_autoptr(GString) numbers = g_string_new (NULL);

  for (guint i = 0; i < cs_report_get_n_regions (self->report); i++)
    if (region_changed (self, i, region_annotation (self, i, NULL)))
      g_string_append_printf (numbers, "%s%u", numbers->len > 0 ? ", " : "", i + 1);
  return numbers->len > 0 ? g_string_free (g_steal_pointer (&numbers), FALSE) : NULL;
}

static gboolean
add_overviews (CsReportLayout *self,
               GError        **error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new ();

  for (guint i = 0; i < self->figures->len; i++)
    {
      const CsReportFigure *figure = &g_array_index (self->figures, CsReportFigure, i);
      CsLayoutSlide *entry;

      if (figure->width == 0 || g_ptr_array_find_with_equal_func (done, figure->slide_id,
                                                                   g_str_equal, NULL))
        continue;
      entry = g_hash_table_lookup (self->slides, figure->slide_id);
      if (!add_overview (self, done->len == 0 ? _("Slide overviews") : NULL, figure->slide_id,
                         entry, error))
        return FALSE;
      g_ptr_array_add (done, (gpointer) figure->slide_id);
    }
  return TRUE;
}

gboolean
_cs_report_layout_add_figures (CsReportLayout *self,
                               GError        **error)
{
  guint n = cs_report_get_n_regions (self->report);

  for (guint i = 0; i < n; i++)
    {
      const char *slide_id = cs_report_get_region_slide (self->report, i);
      CsLayoutSlide *entry = NULL;
      CsAnnotation *annotation = region_annotation (self, i, &entry);
      /* interned: valid whatever later happens to the report */
      CsReportFigure figure = { g_intern_string (slide_id), 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, FALSE };

      figure.geometry_changed = region_changed (self, i, annotation);
      /* the heading goes with the first figure */
      if (annotation == NULL)
        add_missing_figure (self, i == 0 ? _("Figures") : NULL, i, slide_id, entry);
      else if (!add_figure (self, i == 0 ? _("Figures") : NULL, i, entry, annotation, &figure,
                            error))
        return FALSE;
      g_array_append_val (self->figures, figure);
    }
  return add_overviews (self, error);
}
