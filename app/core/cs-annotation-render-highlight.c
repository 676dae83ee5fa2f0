/* cs-annotation-render-highlight.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-render"

#include "config.h"

#include "cs-annotation-render-private.h"

#include <math.h>

/* The highlight layer of cs_annotation_render_annotations(): areas drawn
 * over the annotations with diagonal hatching and a dashed outline in
 * their colour, over a white halo so that they read on any tissue. The
 * comparison of opinions marks with it the parts of a consultant's regions
 * that the referrer's do not cover. Draws only on the context's cairo_t;
 * main thread. */

#define HATCH_SPACING_PX 7.0
#define HATCH_WIDTH_PX   1.5
#define HATCH_ALPHA      0.85

/**
 * cs_annotation_highlight_new:
 * @geometry: areas, level-0 pixels (a reference is taken)
 *
 * Returns: (transfer full): a highlight of @geometry in @rgb
 */
CsAnnotationHighlight *
cs_annotation_highlight_new (CsGeometry *geometry,
                             guint32     rgb)
{
  CsAnnotationHighlight *self;

  g_return_val_if_fail (geometry != NULL, NULL);

  self = g_new0 (CsAnnotationHighlight, 1);
  self->geometry = cs_geometry_ref (geometry);
  self->rgb = rgb;
  cs_geometry_get_bounds (geometry, &self->bounds);
  return self;
}

void
cs_annotation_highlight_free (CsAnnotationHighlight *self)
{
  if (self == NULL)
    return;
  cs_geometry_unref (self->geometry);
  g_free (self);
}

/* Diagonal lines across @screen, clipped to the current path. */
static void
hatch (CsRenderContext *ctx,
       const CsRect    *screen,
       guint32          rgb)
{
  cairo_t *cr = ctx->cr;
  double spacing = HATCH_SPACING_PX * ctx->ui;
  double h = screen->height;
  double start = spacing * floor ((screen->x - h) / spacing);

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip (cr);
  cairo_new_path (cr);
  /* Lines on a grid fixed to the screen, not to the shape, so that
   * neighbouring pieces hatch as one. */
  for (double x = start; x <= screen->x + screen->width + spacing; x += spacing)
    {
      cairo_move_to (cr, x, screen->y + h);
      cairo_line_to (cr, x + h, screen->y);
    }
  /* A light edge under each line keeps it apart from stained tissue of
   * the same hue. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  cairo_set_line_width (cr, (HATCH_WIDTH_PX + 1.5) * ctx->ui);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, HATCH_WIDTH_PX * ctx->ui);
  _cs_render_set_rgb (cr, rgb, HATCH_ALPHA);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
outline (CsRenderContext *ctx,
         guint32          rgb)
{
  cairo_t *cr = ctx->cr;
  double dash[] = { 5 * ctx->ui, 3 * ctx->ui };

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, (CS_RENDER_LINE_WIDTH + 2) * ctx->ui);
  cairo_stroke_preserve (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  _cs_render_set_rgb (cr, rgb, 1.0);
  cairo_set_line_width (cr, CS_RENDER_LINE_WIDTH * ctx->ui);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
_cs_render_highlights (CsRenderContext         *ctx,
                       CsAnnotationRenderStats *stats)
{
  GPtrArray *highlights = ctx->options->highlights;
  CsRect view = { 0, 0, ctx->viewport->width, ctx->viewport->height };

  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    {
      CsAnnotationHighlight *highlight = highlights->pdata[i];
      CsRect screen;

      if (cs_geometry_is_empty (highlight->geometry))
        continue;
      _cs_render_screen_bounds (ctx, &highlight->bounds, &screen);
      if (!cs_rect_intersects (&screen, &view))
        continue;
      cairo_new_path (ctx->cr);
      _cs_render_path_geometry (ctx, highlight->geometry, TRUE);
      cairo_save (ctx->cr);
      hatch (ctx, &screen, highlight->rgb);
      cairo_restore (ctx->cr);
      cairo_new_path (ctx->cr);
      _cs_render_path_geometry (ctx, highlight->geometry, TRUE);
      outline (ctx, highlight->rgb);
      stats->n_highlights++;
    }
}
