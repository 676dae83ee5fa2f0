/* cs-annotation-render.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-render"

#include "config.h"

#include "cs-case-teaching.h"
#include "cs-annotation-render-private.h"

#include <math.h>

/* The one cairo function that draws annotations: the view's overlay,
 * exports, the command line and pixel tests. Points are turned into the
 * viewport's device pixels here, with the transform the tile renderer
 * uses, and paths are built there: line widths and dots are whole device
 * pixels at any zoom, and vertices closer than half a pixel are skipped.
 *
 * Level of detail, so that 100,000 polygons stay interactive and
 * 1,000,000 points viewable, without ever dropping one:
 *  - an annotation smaller than CS_RENDER_TINY_PX on screen is one dot;
 *  - when more than CS_RENDER_DENSITY_LOAD annotations and points are in view, the
 *    small ones are counted into a grid of DENSITY_CELL px cells painted
 *    as a heat layer in their class colours; a cell with one annotation
 *    in it is still painted, so nothing disappears.
 * The density layer is in cs-annotation-render-density.c; labels and the
 * editor's live layer in cs-annotation-render-editor.c.
 *
 * Reads the list and the class table; draws only on @cr. Main thread. */

/* A point's disc, ring and rim cost cairo about fifteen times a small
 * polygon's outline: 2,000 points in view are as much as 30,000 shapes. */
#define POINT_LOAD           15
/* The query reaches this far past the view, logical pixels: strokes,
 * point discs and ruler labels of annotations just outside still show. */
#define QUERY_MARGIN_PX      16.0

void
cs_annotation_render_options_init (CsAnnotationRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CsAnnotationRenderOptions) {
    .classes = NULL,
    .calibration = { 0, 0 },
    .editor = NULL,
    .ui_scale = 1.0,
    .show_labels = FALSE,
    .fill_alpha = 0.06,
    .pointer_away = FALSE,
  };
}

/**
 * cs_annotation_render_get_matrix:
 * @matrix: (out): level-0 image pixels to device pixels
 *
 * screen = P + R (rotation) ((image - (x, y)) * zoom - P), exactly as
 * cs_viewport_to_screen(), quarter turns exact.
 */
void
cs_annotation_render_get_matrix (const CsViewport *viewport,
                                 cairo_matrix_t   *matrix)
{
  double c, s, px, py, ux, uy;

  g_return_if_fail (viewport != NULL);
  g_return_if_fail (matrix != NULL);

  cs_viewport_rotate_vector (viewport->rotation, 1, 0, &c, &s);
  cs_viewport_get_pivot (viewport, &px, &py);
  ux = viewport->x * viewport->zoom + px;
  uy = viewport->y * viewport->zoom + py;
  cairo_matrix_init (matrix,
                     c * viewport->zoom, s * viewport->zoom,
                     -s * viewport->zoom, c * viewport->zoom,
                     px - (c * ux - s * uy),
                     py - (s * ux + c * uy));
}

void
cs_annotation_render_set_image_matrix (cairo_t          *cr,
                                       const CsViewport *viewport)
{
  cairo_matrix_t matrix;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (viewport != NULL);

  cs_annotation_render_get_matrix (viewport, &matrix);
  cairo_transform (cr, &matrix);
}

void
_cs_render_context_init (CsRenderContext                 *ctx,
                         cairo_t                         *cr,
                         const CsViewport                *viewport,
                         const CsAnnotationRenderOptions *options)
{
  ctx->cr = cr;
  ctx->viewport = viewport;
  ctx->options = options;
  ctx->ui = options->ui_scale > 0 ? options->ui_scale : 1.0;
  cs_annotation_render_get_matrix (viewport, &ctx->matrix);
}

void
_cs_render_set_rgb (cairo_t *cr,
                    guint32  rgb,
                    double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0,
                         ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0,
                         alpha);
}

/* Okabe and Ito's colours, told apart with any colour vision, then
 * three more of the same strength. */
static const guint32 author_palette[] = {
  0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
  0x7B3294, 0x1B7837, 0x8C510A,
};

/**
 * cs_annotation_render_author_color:
 * @author: (nullable): an annotation's author
 *
 * Returns: its colour when annotations are coloured by author (FNV-1a of
 *   the name picks the palette entry: stable across runs and machines)
 */
guint32
cs_annotation_render_author_color (const char *author)
{
  guint32 hash = 2166136261u;

  if (author == NULL || *author == '\0')
    return CS_UNCLASSIFIED_COLOR;
  for (const guchar *p = (const guchar *) author; *p != '\0'; p++)
    hash = (hash ^ *p) * 16777619u;
  return author_palette[hash % G_N_ELEMENTS (author_palette)];
}

guint32
cs_annotation_render_color (const CsAnnotationRenderOptions *options,
                            CsAnnotation                    *annotation)
{
  if (options->color_by_author)
    return cs_annotation_render_author_color (cs_annotation_get_author (annotation));
  return cs_class_table_resolve_color (options->classes, annotation);
}

guint32
_cs_render_class_color (const CsAnnotationRenderOptions *options,
                        const char                      *class_name)
{
  CsClassItem *klass = NULL;

  if (options->classes != NULL && class_name != NULL)
    klass = cs_class_table_lookup (options->classes, class_name);

  return klass != NULL ? cs_class_item_get_color (klass) : CS_UNCLASSIFIED_COLOR;
}

/* The annotation's bounds on screen. */
void
_cs_render_screen_bounds (const CsRenderContext *ctx,
                          const CsRect          *bounds,
                          CsRect                *screen)
{
  const double corners[4][2] = {
    { bounds->x, bounds->y },
    { bounds->x + bounds->width, bounds->y },
    { bounds->x, bounds->y + bounds->height },
    { bounds->x + bounds->width, bounds->y + bounds->height },
  };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < 4; i++)
    {
      double sx, sy;

      _cs_render_to_screen (ctx, corners[i][0], corners[i][1], &sx, &sy);
      x0 = MIN (x0, sx);
      y0 = MIN (y0, sy);
      x1 = MAX (x1, sx);
      y1 = MAX (y1, sy);
    }
  *screen = (CsRect) { x0, y0, x1 - x0, y1 - y0 };
}

static void
path_ring (CsRenderContext *ctx,
           const CsPoint   *points,
           guint            n_points,
           gboolean         closed)
{
  double min_sq = CS_RENDER_DECIMATE_PX * CS_RENDER_DECIMATE_PX;
  double lx, ly;

  if (n_points == 0)
    return;

  _cs_render_to_screen (ctx, points[0].x, points[0].y, &lx, &ly);
  cairo_move_to (ctx->cr, lx, ly);
  for (guint i = 1; i < n_points; i++)
    {
      double sx, sy;

      _cs_render_to_screen (ctx, points[i].x, points[i].y, &sx, &sy);
      /* An open line keeps its end wherever it is. */
      if ((sx - lx) * (sx - lx) + (sy - ly) * (sy - ly) < min_sq &&
          (closed || i + 1 < n_points))
        continue;
      cairo_line_to (ctx->cr, sx, sy);
      lx = sx;
      ly = sy;
    }
  if (closed)
    cairo_close_path (ctx->cr);
}

void
_cs_render_path_geometry (CsRenderContext *ctx,
                          CsGeometry      *geometry,
                          gboolean         closed)
{
  guint n_parts = cs_geometry_get_n_parts (geometry);

  for (guint part = 0; part < n_parts; part++)
    {
      guint n_rings = cs_geometry_get_n_rings (geometry, part);

      for (guint ring = 0; ring < n_rings; ring++)
        {
          guint n_points;
          const CsPoint *points = cs_geometry_get_ring (geometry, part, ring, &n_points);

          path_ring (ctx, points, n_points, closed);
        }
    }
}

/* The selection's white halo under the coloured line, then the line. */
static void
stroke_path (CsRenderContext *ctx,
             guint32          rgb,
             gboolean         selected,
             gboolean         dashed)
{
  cairo_t *cr = ctx->cr;
  double dash[] = { 6 * ctx->ui, 4 * ctx->ui };

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (selected)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, CS_RENDER_HALO_WIDTH * ctx->ui);
      cairo_stroke_preserve (cr);
    }
  if (dashed)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  _cs_render_set_rgb (cr, rgb, 1.0);
  cairo_set_line_width (cr, CS_RENDER_LINE_WIDTH * ctx->ui);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
render_area (CsRenderContext *ctx,
             CsGeometry      *geometry,
             guint32          rgb,
             gboolean         selected,
             gboolean         dashed)
{
  double alpha = CLAMP (ctx->options->fill_alpha, 0, 1);

  cairo_new_path (ctx->cr);
  _cs_render_path_geometry (ctx, geometry, TRUE);
  if (selected && alpha > 0)
    alpha = MIN (1.0, alpha + 0.08);
  if (alpha > 0)
    {
      /* Rings test even-odd (cs-geometry.h): holes stay clear. */
      cairo_set_fill_rule (ctx->cr, CAIRO_FILL_RULE_EVEN_ODD);
      _cs_render_set_rgb (ctx->cr, rgb, alpha);
      cairo_fill_preserve (ctx->cr);
    }
  stroke_path (ctx, rgb, selected, dashed);
}

/* The last segment's direction on screen, as a unit vector; FALSE when
 * the line has no length. */
static gboolean
end_direction (CsRenderContext *ctx,
               CsGeometry      *geometry,
               gboolean         at_start,
               double          *ex,
               double          *ey,
               double          *dx,
               double          *dy)
{
  guint n;
  const CsPoint *points = cs_geometry_get_ring (geometry, 0, 0, &n);

  if (n < 2)
    return FALSE;

  _cs_render_to_screen (ctx, points[at_start ? 0 : n - 1].x, points[at_start ? 0 : n - 1].y, ex, ey);
  for (guint k = 1; k < n; k++)
    {
      const CsPoint *p = &points[at_start ? k : n - 1 - k];
      double px, py, length;

      _cs_render_to_screen (ctx, p->x, p->y, &px, &py);
      length = hypot (*ex - px, *ey - py);
      if (length >= 0.5)
        {
          *dx = (*ex - px) / length;
          *dy = (*ey - py) / length;
          return TRUE;
        }
    }
  return FALSE;
}

/* A ruler's end ticks, across the line. */
static void
render_ticks (CsRenderContext *ctx,
              CsGeometry      *geometry)
{
  double half = 5 * ctx->ui;

  for (guint end = 0; end < 2; end++)
    {
      double ex, ey, dx, dy;

      if (!end_direction (ctx, geometry, end == 0, &ex, &ey, &dx, &dy))
        continue;
      cairo_move_to (ctx->cr, ex - dy * half, ey + dx * half);
      cairo_line_to (ctx->cr, ex + dy * half, ey - dx * half);
    }
}

static void
render_arrow_head (CsRenderContext *ctx,
                   CsGeometry      *geometry,
                   guint32          rgb)
{
  double ex, ey, dx, dy;
  double length = 14 * ctx->ui, half = 6 * ctx->ui;

  if (!end_direction (ctx, geometry, FALSE, &ex, &ey, &dx, &dy))
    return;

  cairo_move_to (ctx->cr, ex + dx * 2 * ctx->ui, ey + dy * 2 * ctx->ui);
  cairo_line_to (ctx->cr, ex - dx * length - dy * half, ey - dy * length + dx * half);
  cairo_line_to (ctx->cr, ex - dx * length + dy * half, ey - dy * length - dx * half);
  cairo_close_path (ctx->cr);
  _cs_render_set_rgb (ctx->cr, rgb, 1.0);
  cairo_fill (ctx->cr);
}

static void
render_points (CsRenderContext *ctx,
               CsGeometry      *geometry,
               guint32          rgb,
               gboolean         selected)
{
  double radius = CS_RENDER_POINT_RADIUS * ctx->ui;
  guint n;
  const CsPoint *points = cs_geometry_get_ring (geometry, 0, 0, &n);

  double margin = (radius + 4 * ctx->ui) / ctx->viewport->zoom;
  double x0, y0, x1, y1;

  /* A set may hold a million points with a hundred in view: test in
   * level-0 pixels before transforming. */
  cs_viewport_get_visible (ctx->viewport, 0, &x0, &y0, &x1, &y1);
  x0 -= margin, y0 -= margin, x1 += margin, y1 += margin;
  cairo_new_path (ctx->cr);
  for (guint i = 0; i < n; i++)
    {
      double sx, sy;

      if (points[i].x < x0 || points[i].y < y0 || points[i].x > x1 || points[i].y > y1)
        continue;
      _cs_render_to_screen (ctx, points[i].x, points[i].y, &sx, &sy);
      cairo_new_sub_path (ctx->cr);
      cairo_arc (ctx->cr, sx, sy, radius, 0, 2 * G_PI);
    }
  /* A light ring outside a dark rim: the discs stand out on stain of
   * their own colour and on white glass alike; wider when selected. */
  cairo_set_source_rgba (ctx->cr, 1, 1, 1, selected ? 0.95 : 0.8);
  cairo_set_line_width (ctx->cr, (selected ? 6 : 4) * ctx->ui);
  cairo_stroke_preserve (ctx->cr);
  cairo_set_fill_rule (ctx->cr, CAIRO_FILL_RULE_WINDING);
  _cs_render_set_rgb (ctx->cr, rgb, 1.0);
  cairo_fill_preserve (ctx->cr);
  cairo_set_source_rgba (ctx->cr, 0, 0, 0, 0.6);
  cairo_set_line_width (ctx->cr, 1 * ctx->ui);
  cairo_stroke (ctx->cr);
}

/* A text note's marker: a pin head at its anchor. */
static void
render_marker (CsRenderContext *ctx,
               CsGeometry      *geometry,
               guint32          rgb,
               gboolean         selected)
{
  guint n;
  const CsPoint *points = cs_geometry_get_ring (geometry, 0, 0, &n);
  double sx, sy;

  if (n == 0)
    return;

  _cs_render_to_screen (ctx, points[0].x, points[0].y, &sx, &sy);
  cairo_new_path (ctx->cr);
  cairo_arc (ctx->cr, sx, sy, (selected ? 7 : 5) * ctx->ui, 0, 2 * G_PI);
  _cs_render_set_rgb (ctx->cr, rgb, 1.0);
  cairo_fill_preserve (ctx->cr);
  cairo_set_source_rgba (ctx->cr, 1, 1, 1, 0.95);
  cairo_set_line_width (ctx->cr, 2 * ctx->ui);
  cairo_stroke (ctx->cr);
  if (!selected)
    return;
  /* Selected: a ring around the pin, as other shapes show handles. */
  cairo_new_path (ctx->cr);
  cairo_arc (ctx->cr, sx, sy, 12 * ctx->ui, 0, 2 * G_PI);
  cairo_set_source_rgba (ctx->cr, 1, 1, 1, 0.95);
  cairo_set_line_width (ctx->cr, 4 * ctx->ui);
  cairo_stroke_preserve (ctx->cr);
  _cs_render_set_rgb (ctx->cr, rgb, 1.0);
  cairo_set_line_width (ctx->cr, 2 * ctx->ui);
  cairo_stroke (ctx->cr);
}

void
_cs_render_shape (CsRenderContext *ctx,
                  CsShape          shape,
                  CsGeometry      *geometry,
                  guint32          rgb,
                  gboolean         selected,
                  gboolean         dashed)
{
  if (geometry == NULL || cs_geometry_is_empty (geometry))
    return;

  cairo_save (ctx->cr);
  switch (shape)
    {
    case CS_SHAPE_RECTANGLE:
    case CS_SHAPE_ELLIPSE:
    case CS_SHAPE_POLYGON:
    case CS_SHAPE_FREEHAND:
      render_area (ctx, geometry, rgb, selected, dashed);
      break;

    case CS_SHAPE_LINE:
      cairo_new_path (ctx->cr);
      _cs_render_path_geometry (ctx, geometry, FALSE);
      render_ticks (ctx, geometry);
      stroke_path (ctx, rgb, selected, dashed);
      break;

    case CS_SHAPE_ARROW:
      cairo_new_path (ctx->cr);
      _cs_render_path_geometry (ctx, geometry, FALSE);
      stroke_path (ctx, rgb, selected, dashed);
      render_arrow_head (ctx, geometry, rgb);
      break;

    case CS_SHAPE_POINTS:
      render_points (ctx, geometry, rgb, selected);
      break;

    case CS_SHAPE_TEXT:
      render_marker (ctx, geometry, rgb, selected);
      break;

    default:
      g_assert_not_reached ();
    }
  cairo_restore (ctx->cr);
}

static void
render_dot (CsRenderContext *ctx,
            const CsRect    *screen,
            guint32          rgb)
{
  cairo_new_path (ctx->cr);
  cairo_arc (ctx->cr, screen->x + screen->width / 2, screen->y + screen->height / 2,
             CS_RENDER_DOT_RADIUS * ctx->ui, 0, 2 * G_PI);
  _cs_render_set_rgb (ctx->cr, rgb, 1.0);
  cairo_fill (ctx->cr);
}

static gboolean
is_selected (const CsRenderContext *ctx,
             CsAnnotation          *annotation)
{
  return ctx->options->editor != NULL &&
         cs_annotation_editor_is_selected (ctx->options->editor, annotation);
}

static gboolean
is_shown (const CsAnnotationRenderOptions *options,
          CsAnnotation                    *annotation)
{
  return !cs_annotation_get_hidden (annotation) &&
         !(options->hide_teaching_answers && cs_annotation_get_teaching_answer (annotation)) &&
         (options->classes == NULL || cs_class_table_is_visible (options->classes, annotation));
}

/* The text of a text note, or of a label. */
static const char *
annotation_text (CsAnnotation *annotation)
{
  const char *name = cs_annotation_get_name (annotation);

  if (name != NULL && *name != '\0')
    return name;
  name = cs_annotation_get_comment (annotation);

  return name != NULL && *name != '\0' ? name : NULL;
}

/* A ruler's length, or a label's name and measurement; NULL for none. */
static char *
annotation_label (CsRenderContext *ctx,
                  CsAnnotation    *annotation,
                  gboolean         with_name)
{
  CsShape shape = cs_annotation_get_shape (annotation);
  const char *name = with_name ? annotation_text (annotation) : NULL;
  g_autofree char *measure = NULL;
  CsMeasurement measurement;

  if (shape == CS_SHAPE_TEXT)
    return NULL;
  if (with_name || shape == CS_SHAPE_LINE)
    {
      cs_measure_annotation (annotation, &ctx->options->calibration, &measurement);
      measure = cs_measure_format (shape, &measurement);
    }
  if (name != NULL && measure != NULL && *measure != '\0')
    return g_strdup_printf ("%s\n%s", name, measure);
  if (name != NULL)
    return g_strdup (name);

  return g_steal_pointer (&measure);
}

/* Beside a line, across its middle, on the side facing up the screen. */
static void
place_line_label (CsRenderContext *ctx,
                  CsAnnotation    *annotation,
                  double           width,
                  double           height,
                  double          *x,
                  double          *y)
{
  guint n;
  const CsPoint *points = cs_geometry_get_ring (cs_annotation_get_geometry (annotation),
                                               0, 0, &n);
  double ax, ay, bx, by, nx, ny, length, reach;

  _cs_render_to_screen (ctx, points[0].x, points[0].y, &ax, &ay);
  _cs_render_to_screen (ctx, points[n - 1].x, points[n - 1].y, &bx, &by);
  length = MAX (hypot (bx - ax, by - ay), 1e-9);
  nx = -(by - ay) / length;
  ny = (bx - ax) / length;
  if (ny > 0 || (ny == 0 && nx > 0))
    {
      nx = -nx;
      ny = -ny;
    }
  reach = fabs (nx) * width / 2 + fabs (ny) * height / 2 + 6 * ctx->ui;
  *x = (ax + bx) / 2 + nx * reach - width / 2;
  *y = (ay + by) / 2 + ny * reach - height / 2;
}

/* Rulers always show their length; with labels on, areas show their name
 * and measurement above them, if there is room. */
static void
render_annotation_label (CsRenderContext *ctx,
                         CsAnnotation    *annotation,
                         const CsRect    *screen,
                         guint32          rgb)
{
  CsShape shape = cs_annotation_get_shape (annotation);
  g_autofree char *text = NULL;
  double width, height, x, y;

  if (shape == CS_SHAPE_TEXT)
    {
      const char *note = annotation_text (annotation);

      if (note == NULL)
        return;
      _cs_render_label_size (ctx, note, &width, &height);
      _cs_render_label (ctx, note, screen->x + 10 * ctx->ui, screen->y - height / 2, rgb);
      return;
    }
  if (MAX (screen->width, screen->height) < 24 * ctx->ui)
    return;
  if (shape != CS_SHAPE_LINE && !ctx->options->show_labels)
    return;

  text = annotation_label (ctx, annotation, ctx->options->show_labels);
  if (text == NULL)
    return;
  _cs_render_label_size (ctx, text, &width, &height);
  if (shape == CS_SHAPE_LINE || shape == CS_SHAPE_ARROW)
    {
      place_line_label (ctx, annotation, width, height, &x, &y);
    }
  else
    {
      x = screen->x + screen->width / 2 - width / 2;
      y = screen->y - height - 4 * ctx->ui;
    }
  _cs_render_label (ctx, text, x, y, rgb);
}

void
_cs_render_annotation (CsRenderContext         *ctx,
            CsAnnotation            *annotation,
            const CsRect            *screen,
            CsAnnotationRenderStats *stats)
{
  guint32 rgb = cs_annotation_render_color (ctx->options, annotation);
  CsShape shape = cs_annotation_get_shape (annotation);

  if (shape != CS_SHAPE_TEXT && MAX (screen->width, screen->height) < CS_RENDER_TINY_PX)
    {
      render_dot (ctx, screen, rgb);
      stats->n_dots++;
      return;
    }

  _cs_render_shape (ctx, shape, cs_annotation_get_geometry (annotation), rgb,
                    is_selected (ctx, annotation), cs_annotation_get_temporary (annotation));
  render_annotation_label (ctx, annotation, screen, rgb);
  stats->n_shapes++;
}

static guint
count_points_in (CsGeometry   *geometry,
                 const CsRect *rect)
{
  guint n, count = 0;
  const CsPoint *points = cs_geometry_get_ring (geometry, 0, 0, &n);

  for (guint i = 0; i < n; i++)
    if (points[i].x >= rect->x && points[i].x <= rect->x + rect->width &&
        points[i].y >= rect->y && points[i].y <= rect->y + rect->height)
      count++;
  return count;
}

/* What is in view and shown, with its screen bounds; returns the load
 * (annotations, counting each point of a point set). */
static guint64
collect_shown (CsRenderContext   *ctx,
               CsAnnotationIndex *index,
               GPtrArray         *shown,
               GArray            *screens)
{
  double x0, y0, x1, y1, margin = QUERY_MARGIN_PX * ctx->ui / ctx->viewport->zoom;
  g_autoptr(GPtrArray) found = NULL;
  guint64 load = 0;
  CsRect rect;

  cs_viewport_get_visible (ctx->viewport, 0, &x0, &y0, &x1, &y1);
  rect = (CsRect) { x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin };
  found = cs_annotation_index_query (index, &rect);

  for (guint i = 0; i < found->len; i++)
    {
      CsAnnotation *annotation = found->pdata[i];
      CsRect bounds, screen;

      if (!is_shown (ctx->options, annotation))
        continue;
      if (!cs_annotation_index_get_bounds (index, annotation, &bounds))
        cs_annotation_get_bounds (annotation, &bounds);
      _cs_render_screen_bounds (ctx, &bounds, &screen);
      g_ptr_array_add (shown, annotation);
      g_array_append_val (screens, screen);
      if (cs_annotation_get_shape (annotation) == CS_SHAPE_POINTS &&
          MAX (screen.width, screen.height) >= CS_RENDER_TINY_PX)
        load += (guint64) count_points_in (cs_annotation_get_geometry (annotation), &rect) * POINT_LOAD;
      else
        load++;
    }
  return load;
}

/* cs_annotation_render_annotations() on the annotations of @index, with
 * the density layer beyond @density_load; for the raster layer's tiles
 * (cs-annotation-raster.c), whose worker holds its own index. */
void
_cs_render_annotations_indexed (cairo_t                         *cr,
                                CsAnnotationIndex               *index,
                                const CsViewport                *viewport,
                                const CsAnnotationRenderOptions *options,
                                double                           density_load,
                                CsAnnotationRenderStats         *stats)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GArray) screens = g_array_new (FALSE, FALSE, sizeof (CsRect));
  CsRenderContext ctx;
  guint64 load;

  *stats = (CsAnnotationRenderStats) { 0 };
  if (viewport->width <= 0 || viewport->height <= 0 || !(viewport->zoom > 0))
    return;

  _cs_render_context_init (&ctx, cr, viewport, options);
  load = collect_shown (&ctx, index, shown, screens);
  stats->n_visible = shown->len;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  cairo_clip (cr);
  if (load > density_load)
    {
      stats->density = TRUE;
      _cs_render_dense (&ctx, shown, screens, stats);
    }
  else
    {
      for (guint i = 0; i < shown->len; i++)
        _cs_render_annotation (&ctx, shown->pdata[i], &g_array_index (screens, CsRect, i), stats);
    }
  _cs_render_highlights (&ctx, stats);
  cairo_restore (cr);
}

/**
 * cs_annotation_render_annotations:
 * @stats: (out) (optional): what was drawn
 *
 * Draws the annotations in view, in list order, selected ones highlighted,
 * without the editor's live layer.
 */
void
cs_annotation_render_annotations (cairo_t                         *cr,
                                  CsAnnotationList                *list,
                                  const CsViewport                *viewport,
                                  const CsAnnotationRenderOptions *options,
                                  CsAnnotationRenderStats         *stats)
{
  CsAnnotationRenderStats local = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (CS_IS_ANNOTATION_LIST (list));
  g_return_if_fail (viewport != NULL);
  g_return_if_fail (options != NULL);

  _cs_render_annotations_indexed (cr, _cs_annotation_list_get_index (list), viewport, options,
                                  CS_RENDER_DENSITY_LOAD, stats != NULL ? stats : &local);
}

/**
 * cs_annotation_render:
 *
 * The annotations, then the editor's live layer when @options->editor is
 * set.
 */
void
cs_annotation_render (cairo_t                         *cr,
                      CsAnnotationList                *list,
                      const CsViewport                *viewport,
                      const CsAnnotationRenderOptions *options)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (CS_IS_ANNOTATION_LIST (list));
  g_return_if_fail (viewport != NULL);
  g_return_if_fail (options != NULL);

  cs_annotation_render_annotations (cr, list, viewport, options, NULL);
  cs_annotation_render_editor (cr, viewport, options);
}
