/* cs-annotation-render-editor.c
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

/* Labels in readable boxes, and the editor's live layer: the shape being
 * drawn (dashed, in the class it will get), the polygon's rubber band,
 * the brush disc, the live measurement beside the pointer, the hovered
 * annotation and the selection's handles. This layer changes with every
 * pointer motion while drawing, so the view draws it apart from the
 * annotations, which it caches. Main thread. */

static PangoLayout *
make_layout (CsRenderContext *ctx,
             const char      *text)
{
  PangoLayout *layout = pango_cairo_create_layout (ctx->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, CS_RENDER_FONT_PX * ctx->ui * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
stripe_width (CsRenderContext *ctx,
              guint32          rgb)
{
  return rgb == CS_COLOR_UNSET ? 0 : 3 * ctx->ui;
}

void
_cs_render_label_size (CsRenderContext *ctx,
                       const char      *text,
                       double          *width,
                       double          *height)
{
  g_autoptr(PangoLayout) layout = make_layout (ctx, text);
  double pad = CS_RENDER_LABEL_PAD * ctx->ui;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  /* The stripe is counted in: callers centre the whole box. */
  *width = w + 2 * pad + 3 * ctx->ui;
  *height = h + pad;
}

void
_cs_render_label (CsRenderContext *ctx,
                  const char      *text,
                  double           x,
                  double           y,
                  guint32          rgb)
{
  g_autoptr(PangoLayout) layout = make_layout (ctx, text);
  double pad = CS_RENDER_LABEL_PAD * ctx->ui, stripe = stripe_width (ctx, rgb);
  cairo_t *cr = ctx->cr;
  double width, height;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  width = w + 2 * pad + stripe;
  height = h + pad;

  /* Inside the view, on whole pixels: crisp, and never cut off. */
  x = round (CLAMP (x, 0, MAX (0, ctx->viewport->width - width)));
  y = round (CLAMP (y, 0, MAX (0, ctx->viewport->height - height)));

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.68);
  cairo_fill (cr);
  if (stripe > 0)
    {
      cairo_rectangle (cr, x, y, stripe, height);
      _cs_render_set_rgb (cr, rgb, 1.0);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + stripe + pad, y + pad / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
render_handles (CsRenderContext    *ctx,
                CsAnnotationEditor *editor)
{
  GArray *handles = cs_annotation_editor_get_handles (editor);
  double half = CS_RENDER_HANDLE_SIZE * ctx->ui / 2;
  double last_x = 0, last_y = 0;

  if (handles == NULL || handles->len == 0)
    return;

  /* Vertices closer than a handle to the last one drawn get none: a brush
   * stroke's round ends would be a smear of squares. */
  cairo_new_path (ctx->cr);
  for (guint i = 0; i < handles->len; i++)
    {
      const CsPoint *p = &g_array_index (handles, CsPoint, i);
      double sx = p->x, sy = p->y;

      cairo_matrix_transform_point (&ctx->matrix, &sx, &sy);
      if (i > 0 && fabs (sx - last_x) < 3 * half && fabs (sy - last_y) < 3 * half)
        continue;
      cairo_rectangle (ctx->cr, round (sx) - half, round (sy) - half, 2 * half, 2 * half);
      last_x = sx;
      last_y = sy;
    }
  cairo_set_source_rgb (ctx->cr, 1, 1, 1);
  cairo_fill_preserve (ctx->cr);
  cairo_set_source_rgba (ctx->cr, 0, 0, 0, 0.85);
  cairo_set_line_width (ctx->cr, 1.5 * ctx->ui);
  cairo_stroke (ctx->cr);
}

/* The hovered annotation, outlined a little thicker in its own colour. */
static void
render_hovered (CsRenderContext    *ctx,
                CsAnnotationEditor *editor)
{
  CsAnnotation *hovered = cs_annotation_editor_get_hovered (editor);
  const CsAnnotationRenderOptions *options = ctx->options;
  CsShape shape;

  if (hovered == NULL || cs_annotation_get_hidden (hovered) ||
      (options->hide_teaching_answers && cs_annotation_get_teaching_answer (hovered)) ||
      (options->classes != NULL && !cs_class_table_is_visible (options->classes, hovered)))
    return;
  shape = cs_annotation_get_shape (hovered);
  if (shape == CS_SHAPE_POINTS || shape == CS_SHAPE_TEXT)
    return;

  cairo_new_path (ctx->cr);
  _cs_render_path_geometry (ctx, cs_annotation_get_geometry (hovered), cs_shape_is_area (shape));
  _cs_render_set_rgb (ctx->cr, cs_annotation_render_color (options, hovered), 1.0);
  cairo_set_line_width (ctx->cr, 4 * ctx->ui);
  cairo_set_line_join (ctx->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (ctx->cr);
}

/* A polygon being clicked in: its edges so far, its vertices, and the
 * rubber band from the last vertex to the pointer. */
static void
render_open_polygon (CsRenderContext       *ctx,
                     const CsEditorPreview *preview,
                     guint32                rgb)
{
  double dash[] = { 6 * ctx->ui, 4 * ctx->ui };
  guint n;
  const CsPoint *points = cs_geometry_get_ring (preview->geometry, 0, 0, &n);
  double sx, sy;

  if (n == 0)
    return;

  cairo_new_path (ctx->cr);
  _cs_render_path_geometry (ctx, preview->geometry, FALSE);
  cairo_set_line_width (ctx->cr, CS_RENDER_LINE_WIDTH * ctx->ui);
  cairo_set_line_join (ctx->cr, CAIRO_LINE_JOIN_ROUND);
  _cs_render_set_rgb (ctx->cr, rgb, 1.0);
  cairo_stroke (ctx->cr);

  if (preview->shape == CS_SHAPE_POLYGON)
    {
      sx = points[n - 1].x;
      sy = points[n - 1].y;
      cairo_matrix_transform_point (&ctx->matrix, &sx, &sy);
      cairo_move_to (ctx->cr, sx, sy);
      sx = preview->cursor.x;
      sy = preview->cursor.y;
      cairo_matrix_transform_point (&ctx->matrix, &sx, &sy);
      cairo_line_to (ctx->cr, sx, sy);
      cairo_set_dash (ctx->cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (ctx->cr);
      cairo_set_dash (ctx->cr, NULL, 0, 0);

      for (guint i = 0; i < n; i++)
        {
          sx = points[i].x;
          sy = points[i].y;
          cairo_matrix_transform_point (&ctx->matrix, &sx, &sy);
          cairo_new_sub_path (ctx->cr);
          cairo_arc (ctx->cr, sx, sy, 3 * ctx->ui, 0, 2 * G_PI);
        }
      cairo_set_source_rgb (ctx->cr, 1, 1, 1);
      cairo_fill_preserve (ctx->cr);
      _cs_render_set_rgb (ctx->cr, rgb, 1.0);
      cairo_set_line_width (ctx->cr, 1.5 * ctx->ui);
      cairo_stroke (ctx->cr);
    }
}

/* The brush's footprint: a two-tone ring that shows on any stain, red and
 * dashed when it erases. */
static void
render_brush (CsRenderContext       *ctx,
              const CsEditorPreview *preview)
{
  double dash[] = { 4 * ctx->ui, 3 * ctx->ui };
  double sx = preview->cursor.x, sy = preview->cursor.y;
  double radius = preview->brush_radius * ctx->viewport->zoom;

  cairo_matrix_transform_point (&ctx->matrix, &sx, &sy);
  cairo_new_path (ctx->cr);
  cairo_arc (ctx->cr, sx, sy, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (ctx->cr, 0, 0, 0, 0.6);
  cairo_set_line_width (ctx->cr, 3 * ctx->ui);
  cairo_stroke_preserve (ctx->cr);
  if (preview->erasing)
    {
      cairo_set_dash (ctx->cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_source_rgb (ctx->cr, 1, 0.25, 0.25);
    }
  else
    {
      cairo_set_source_rgb (ctx->cr, 1, 1, 1);
    }
  cairo_set_line_width (ctx->cr, 1.5 * ctx->ui);
  cairo_stroke (ctx->cr);
  cairo_set_dash (ctx->cr, NULL, 0, 0);
}

static void
render_preview (CsRenderContext    *ctx,
                CsAnnotationEditor *editor)
{
  const CsEditorPreview *preview = cs_annotation_editor_get_preview (editor);
  guint32 rgb;

  if (preview == NULL)
    return;
  /* Nothing follows a pointer that is elsewhere, but a polygon being
   * clicked in stays. */
  if (ctx->options->pointer_away && !cs_annotation_editor_is_drawing (editor))
    return;

  rgb = _cs_render_class_color (ctx->options, cs_annotation_editor_get_class_name (editor));
  if (preview->geometry != NULL && !cs_geometry_is_empty (preview->geometry))
    {
      /* The brush's preview is the painted area; a polygon's or a
       * freehand line's, the points so far. */
      if (cs_annotation_editor_get_tool (editor) == CS_TOOL_BRUSH)
        _cs_render_shape (ctx, CS_SHAPE_POLYGON, preview->geometry, rgb, FALSE, FALSE);
      else if (preview->shape == CS_SHAPE_POLYGON || preview->shape == CS_SHAPE_FREEHAND)
        render_open_polygon (ctx, preview, rgb);
      else
        _cs_render_shape (ctx, preview->shape, preview->geometry, rgb, FALSE, TRUE);
    }
  if (preview->brush_radius > 0)
    render_brush (ctx, preview);
  if (preview->label != NULL && *preview->label != '\0')
    {
      double sx = preview->cursor.x, sy = preview->cursor.y;

      cairo_matrix_transform_point (&ctx->matrix, &sx, &sy);
      /* Below and right of the pointer, clear of the cursor's shape. */
      _cs_render_label (ctx, preview->label, sx + 16 * ctx->ui, sy + 16 * ctx->ui, rgb);
    }
}

/**
 * cs_annotation_render_editor:
 *
 * The editor's live layer, over the annotations; nothing when
 * @options->editor is NULL.
 */
void
cs_annotation_render_editor (cairo_t                         *cr,
                             const CsViewport                *viewport,
                             const CsAnnotationRenderOptions *options)
{
  CsRenderContext ctx;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (viewport != NULL);
  g_return_if_fail (options != NULL);

  if (options->editor == NULL || viewport->width <= 0 || viewport->height <= 0 ||
      !(viewport->zoom > 0))
    return;

  _cs_render_context_init (&ctx, cr, viewport, options);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  cairo_clip (cr);
  if (!options->pointer_away)
    render_hovered (&ctx, options->editor);
  render_handles (&ctx, options->editor);
  render_preview (&ctx, options->editor);
  cairo_restore (cr);
}
