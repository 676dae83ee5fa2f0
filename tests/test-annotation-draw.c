/* test-annotation-draw.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-annotation-draw"

#include "config.h"

#include "cs-annotation-render.h"
#include "cs-annotation-toolbar.h"
#include "cs-core-private.h"
#include "cs-slide-view-private.h"
#include "cs-slide-viewer.h"
#include "cs-test-slide.h"
#include "cs-test-ui.h"

#include <math.h>

/* Each tool drawn with the pointer, as a user would (through the view's
 * gesture handlers: GTK 4.8 cannot synthesise events): the list gets the
 * shape, in level-0 coordinates matching the view's transform, and the
 * view as GSK renders it shows the overlay, equal to the core's
 * cs_annotation_render over the slide alone. Needs a display. */

#define COLOR 0xFF00FF

typedef struct
{
  char               *dir;
  GtkWindow          *window;
  CsSlideViewer      *viewer;
  CsSlideView        *view;
  CsAnnotationList   *list;
  CsAnnotationEditor *editor;
  CsClassTable       *classes;
  cairo_surface_t    *base;  /* the slide alone, as GSK drew it */
  guint               n_paints;
} Fixture;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Fixture       *f)
{
  f->n_paints++;
}

typedef struct
{
  Fixture *f;
  guint    since;
} FrameWait;

static gboolean
painted_since (gpointer data)
{
  FrameWait *wait = data;

  return wait->f->n_paints > wait->since;
}

/* Waits for a frame drawn after now. */
static void
wait_frame (Fixture *f)
{
  FrameWait wait = { f, f->n_paints };

  gtk_widget_queue_draw (GTK_WIDGET (f->view));
  g_assert_true (cs_test_wait_until (painted_since, &wait, CS_TEST_UI_TIMEOUT_MS));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autofree char *path = NULL;
  CsTestPyramid spec;

  if (!cs_test_ui_have_display)
    return;

  f->dir = cs_test_make_tmpdir ();
  cs_test_pyramid_init_simple (&spec);
  path = cs_test_write_pyramid (f->dir, "slide.tiff", &spec, &error);
  g_assert_no_error (error);
  slide = cs_test_ui_open (path);

  f->list = cs_annotation_list_new ();
  f->editor = cs_annotation_editor_new (f->list);
  f->classes = cs_class_table_new ();
  cs_class_table_ensure (f->classes, "Tumour", COLOR);
  cs_annotation_editor_set_class_name (f->editor, "Tumour");

  f->viewer = CS_SLIDE_VIEWER (cs_slide_viewer_new ());
  f->view = cs_slide_viewer_get_view (f->viewer);
  cs_slide_viewer_set_slide (f->viewer, slide);
  f->window = cs_test_ui_window_new (GTK_WIDGET (f->viewer), 640, 480);
  cs_test_ui_wait_complete (f->view);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->view)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), f);
  wait_frame (f);
  f->base = cs_test_ui_render_widget (GTK_WIDGET (f->view));

  g_object_set (f->viewer,
                "annotation-list", f->list,
                "annotation-editor", f->editor,
                "class-table", f->classes,
                NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (!cs_test_ui_have_display)
    return;

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (f->view)), f);
  cs_test_ui_window_destroy (f->window);
  g_clear_object (&f->editor);
  g_clear_object (&f->list);
  g_clear_object (&f->classes);
  g_clear_pointer (&f->base, cairo_surface_destroy);
  cs_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
to_image (Fixture *f,
          double   x,
          double   y,
          CsPoint *p)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (f->view));
  CsViewport viewport;

  cs_slide_view_get_viewport (f->view, &viewport);
  cs_viewport_to_image (&viewport, x * scale, y * scale, &p->x, &p->y);
}

/* A press at the first point, the pointer through the others, a release
 * at the last. */
static void
stroke (Fixture       *f,
        CsTool         tool,
        const double (*xy)[2],
        guint          n)
{
  cs_annotation_editor_set_tool (f->editor, tool);
  _cs_slide_view_editor_hover (f->view, xy[0][0], xy[0][1], 0);
  g_assert_true (_cs_slide_view_editor_press (f->view, xy[0][0], xy[0][1], 1, 0));
  for (guint i = 1; i < n; i++)
    _cs_slide_view_editor_drag (f->view, xy[i][0], xy[i][1], 0);
  _cs_slide_view_editor_release (f->view, xy[n - 1][0], xy[n - 1][1], 0);
}

static void
click (Fixture *f,
       double   x,
       double   y,
       guint    n_press)
{
  _cs_slide_view_editor_hover (f->view, x, y, 0);
  g_assert_true (_cs_slide_view_editor_press (f->view, x, y, n_press, 0));
  _cs_slide_view_editor_release (f->view, x, y, 0);
}

static CsAnnotation *
last_added (Fixture *f,
            guint    n_items,
            CsShape  shape)
{
  g_autoptr(CsAnnotation) last = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, n_items);
  last = g_list_model_get_item (G_LIST_MODEL (f->list), n_items - 1);
  g_assert_cmpint (cs_annotation_get_shape (last), ==, shape);
  g_assert_cmpstr (cs_annotation_get_class_name (last), ==, "Tumour");

  return last;
}

static void
assert_point (const CsPoint *actual,
              Fixture       *f,
              double         x,
              double         y)
{
  CsPoint expected;

  to_image (f, x, y, &expected);
  g_assert_cmpfloat_with_epsilon (actual->x, expected.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (actual->y, expected.y, 1e-6);
}

static void
assert_bounds (CsAnnotation *annotation,
               Fixture      *f,
               double        x0,
               double        y0,
               double        x1,
               double        y1)
{
  CsPoint a, b;
  CsRect bounds;

  to_image (f, x0, y0, &a);
  to_image (f, x1, y1, &b);
  cs_annotation_get_bounds (annotation, &bounds);
  g_assert_cmpfloat_with_epsilon (bounds.x, a.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (bounds.y, a.y, 1e-6);
  g_assert_cmpfloat_with_epsilon (bounds.x + bounds.width, b.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (bounds.y + bounds.height, b.y, 1e-6);
}

/* The view as GSK drew it equals the slide with the core's overlay drawn
 * over it (annotations and the editor's layer), within rounding. */
static cairo_surface_t *
assert_view_shows_overlay (Fixture *f)
{
  g_autoptr(cairo_surface_t) expected = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_surface_t *actual;
  CsAnnotationRenderOptions options;
  CsViewport viewport;
  guint n_different = 0;

  wait_frame (f);
  actual = cs_test_ui_render_widget (GTK_WIDGET (f->view));

  expected = cairo_surface_create_similar_image (f->base, CAIRO_FORMAT_ARGB32,
                                                 cairo_image_surface_get_width (f->base),
                                                 cairo_image_surface_get_height (f->base));
  cr = cairo_create (expected);
  cairo_set_source_surface (cr, f->base, 0, 0);
  cairo_paint (cr);
  cs_slide_view_get_viewport (f->view, &viewport);
  cs_annotation_render_options_init (&options);
  options.classes = f->classes;
  options.editor = f->editor;
  options.ui_scale = gtk_widget_get_scale_factor (GTK_WIDGET (f->view));
  cs_annotation_render (cr, f->list, &viewport, &options);
  cairo_surface_flush (expected);

  for (int y = 0; y < cairo_image_surface_get_height (expected); y++)
    for (int x = 0; x < cairo_image_surface_get_width (expected); x++)
      {
        guint32 a = cs_test_ui_pixel (actual, x, y), e = cs_test_ui_pixel (expected, x, y);

        for (int shift = 0; shift < 32; shift += 8)
          if (ABS ((int) ((a >> shift) & 0xff) - (int) ((e >> shift) & 0xff)) > 2)
            {
              if (n_different++ == 0)
                g_test_message ("(%d, %d): 0x%08x, expected 0x%08x", x, y, a, e);
              break;
            }
      }
  g_assert_cmpuint (n_different, ==, 0);

  return actual;
}

static guint32
color_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  return cs_test_ui_pixel (surface, x, y) & 0xffffff;
}

static void
test_rectangle_and_select (Fixture       *f,
                           gconstpointer  data)
{
  const double drag[][2] = { { 100, 100 }, { 150, 130 }, { 200, 160 } };
  const double move[][2] = { { 150, 130 }, { 160, 135 }, { 170, 140 } };
  g_autoptr(cairo_surface_t) shown = NULL;
  CsAnnotation *rectangle;
  guint renders;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  stroke (f, CS_TOOL_RECTANGLE, drag, G_N_ELEMENTS (drag));
  rectangle = last_added (f, 1, CS_SHAPE_RECTANGLE);
  assert_bounds (rectangle, f, 100, 100, 200, 160);

  shown = assert_view_shows_overlay (f);
  /* The outline, in the class colour, where the pointer went down; inside,
   * the slide tinted towards it; outside, the slide. */
  g_assert_cmphex (color_at (shown, 100, 110), ==, COLOR);
  g_assert_cmphex (color_at (shown, 120, 99), ==, COLOR);
  g_assert_cmphex (color_at (shown, 150, 130), !=, color_at (f->base, 150, 130));
  g_assert_cmphex (color_at (shown, 250, 130), ==, color_at (f->base, 250, 130));

  /* Nothing about the overlay changed: it is not drawn again. */
  renders = f->view->overlay_renders;
  wait_frame (f);
  g_assert_cmpuint (f->view->overlay_renders, ==, renders);

  /* Select drags the rectangle itself, not the slide. */
  stroke (f, CS_TOOL_SELECT, move, G_N_ELEMENTS (move));
  rectangle = last_added (f, 1, CS_SHAPE_RECTANGLE);
  assert_bounds (rectangle, f, 120, 110, 220, 170);
  g_clear_pointer (&shown, cairo_surface_destroy);
  shown = assert_view_shows_overlay (f);
  g_assert_cmphex (color_at (shown, 120, 120), ==, COLOR);
}

static void
test_ellipse_polygon_freehand (Fixture       *f,
                               gconstpointer  data)
{
  const double ellipse[][2] = { { 300, 100 }, { 400, 180 } };
  const double freehand[][2] = { { 100, 300 }, { 130, 320 }, { 160, 300 }, { 190, 340 },
                                 { 150, 380 }, { 110, 360 } };
  g_autoptr(cairo_surface_t) shown = NULL;
  const CsShapeParams *params;
  CsAnnotation *annotation;
  const CsPoint *ring;
  CsPoint centre;
  guint n;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  stroke (f, CS_TOOL_ELLIPSE, ellipse, G_N_ELEMENTS (ellipse));
  annotation = last_added (f, 1, CS_SHAPE_ELLIPSE);
  params = cs_annotation_get_params (annotation);
  to_image (f, 350, 140, &centre);
  g_assert_cmpfloat_with_epsilon (params->cx, centre.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (params->cy, centre.y, 1e-6);

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_POLYGON);
  click (f, 450, 250, 1);
  click (f, 550, 260, 1);
  click (f, 500, 350, 1);
  click (f, 500, 350, 2);
  annotation = last_added (f, 2, CS_SHAPE_POLYGON);
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (annotation), 0, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  assert_point (&ring[0], f, 450, 250);
  assert_point (&ring[1], f, 550, 260);
  assert_point (&ring[2], f, 500, 350);

  stroke (f, CS_TOOL_FREEHAND, freehand, G_N_ELEMENTS (freehand));
  annotation = last_added (f, 3, CS_SHAPE_FREEHAND);
  assert_bounds (annotation, f, 100, 300, 190, 380);

  shown = assert_view_shows_overlay (f);
  g_assert_cmphex (color_at (shown, 450, 250), ==, COLOR);
}

static void
test_brush_points (Fixture       *f,
                   gconstpointer  data)
{
  const double brush[][2] = { { 100, 300 }, { 150, 310 }, { 200, 320 } };
  g_autoptr(cairo_surface_t) shown = NULL;
  CsAnnotation *annotation;
  const CsPoint *ring;
  CsPoint inside, outside;
  guint n;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  cs_annotation_editor_set_brush_radius (f->editor, 15);
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_BRUSH);

  /* The brush's disc follows the pointer, and goes when it leaves. */
  _cs_slide_view_editor_hover (f->view, 300, 200, 0);
  shown = assert_view_shows_overlay (f);
  g_assert_cmphex (color_at (shown, 315, 200), !=, color_at (f->base, 315, 200));
  f->view->pointer_x = f->view->pointer_y = -1;
  wait_frame (f);
  g_clear_pointer (&shown, cairo_surface_destroy);
  shown = cs_test_ui_render_widget (GTK_WIDGET (f->view));
  g_assert_cmphex (color_at (shown, 315, 200), ==, color_at (f->base, 315, 200));
  g_clear_pointer (&shown, cairo_surface_destroy);

  stroke (f, CS_TOOL_BRUSH, brush, G_N_ELEMENTS (brush));
  annotation = last_added (f, 1, CS_SHAPE_POLYGON);
  /* The painted band covers the path, 15 px to each side, no more. */
  for (guint i = 0; i < G_N_ELEMENTS (brush); i++)
    {
      to_image (f, brush[i][0], brush[i][1] - 13, &inside);
      g_assert_true (cs_geometry_contains (cs_annotation_get_geometry (annotation),
                                           inside.x, inside.y));
      to_image (f, brush[i][0], brush[i][1] + 17, &outside);
      g_assert_false (cs_geometry_contains (cs_annotation_get_geometry (annotation),
                                            outside.x, outside.y));
    }

  cs_annotation_editor_set_tool (f->editor, CS_TOOL_POINTS);
  click (f, 400, 100, 1);
  click (f, 450, 120, 1);
  click (f, 420, 180, 1);
  annotation = last_added (f, 2, CS_SHAPE_POINTS);
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (annotation), 0, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  assert_point (&ring[2], f, 420, 180);

  /* Unselected (no handles over them), the points are discs. */
  cs_annotation_editor_select_none (f->editor);
  shown = assert_view_shows_overlay (f);
  g_assert_cmphex (color_at (shown, 450, 120), ==, COLOR);
  g_assert_cmphex (color_at (shown, 451, 121), ==, COLOR);
}

static void
test_ruler_arrow_text_split (Fixture       *f,
                             gconstpointer  data)
{
  const double ruler[][2] = { { 100, 400 }, { 300, 400 } };
  const double arrow[][2] = { { 350, 350 }, { 450, 300 } };
  const double box[][2] = { { 100, 100 }, { 300, 250 } };
  const double cut[][2] = { { 200, 80 }, { 200, 170 }, { 200, 270 } };
  g_autoptr(cairo_surface_t) shown = NULL;
  CsAnnotation *annotation;
  const CsPoint *ring;
  guint n;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  stroke (f, CS_TOOL_RULER, ruler, G_N_ELEMENTS (ruler));
  annotation = last_added (f, 1, CS_SHAPE_LINE);
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (annotation), 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_point (&ring[0], f, 100, 400);
  assert_point (&ring[1], f, 300, 400);

  stroke (f, CS_TOOL_ARROW, arrow, G_N_ELEMENTS (arrow));
  annotation = last_added (f, 2, CS_SHAPE_ARROW);
  ring = cs_geometry_get_ring (cs_annotation_get_geometry (annotation), 0, 0, &n);
  assert_point (&ring[n - 1], f, 450, 300);

  /* A text note asks for its text where it was placed, and is listed
   * once it has one. */
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_TEXT);
  click (f, 500, 200, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2);
  {
    GtkWidget *entry = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (f->viewer),
                                                      CS_TYPE_SLIDE_VIEWER, "note_entry");

    g_assert_true (gtk_widget_get_mapped (entry));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Mitosis");
    g_signal_emit_by_name (entry, "activate");
  }
  annotation = last_added (f, 3, CS_SHAPE_TEXT);
  g_assert_cmpstr (cs_annotation_get_name (annotation), ==, "Mitosis");

  shown = assert_view_shows_overlay (f);
  g_assert_cmphex (color_at (shown, 150, 400), ==, COLOR);

  /* Split: a line across a rectangle leaves two pieces. */
  stroke (f, CS_TOOL_RECTANGLE, box, G_N_ELEMENTS (box));
  last_added (f, 4, CS_SHAPE_RECTANGLE);
  stroke (f, CS_TOOL_SPLIT, cut, G_N_ELEMENTS (cut));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 5);
  g_clear_pointer (&shown, cairo_surface_destroy);
  shown = assert_view_shows_overlay (f);
}

static gboolean
overlay_drawn_since (gpointer data)
{
  FrameWait *wait = data;

  return wait->f->view->overlay_renders > wait->since;
}

static gboolean
near_color (guint32 pixel,
            guint32 rgb,
            int     tolerance)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((pixel >> shift) & 0xff) - (int) ((rgb >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* A layer slow to draw follows a zoom transformed, then is drawn anew
 * once the view rests. */
static void
test_slow_layer_follows_zoom (Fixture       *f,
                              gconstpointer  data)
{
  const double drag[][2] = { { 100, 100 }, { 200, 160 } };
  g_autoptr(cairo_surface_t) shown = NULL;
  CsViewport viewport;
  FrameWait wait;
  CsPoint corner;
  double sx, sy;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  stroke (f, CS_TOOL_RECTANGLE, drag, G_N_ELEMENTS (drag));
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_SELECT);
  cs_annotation_editor_select_none (f->editor);
  wait_frame (f);
  to_image (f, 100, 100, &corner);

  f->view->overlay_render_us = G_MAXINT32;
  wait.f = f;
  wait.since = f->view->overlay_renders;
  cs_slide_view_get_viewport (f->view, &viewport);
  cs_slide_view_zoom_at (f->view, viewport.zoom * 1.5, 150, 130);
  wait_frame (f);
  g_assert_cmpuint (f->view->overlay_renders, ==, wait.since);

  /* The old pixels, scaled about the pointer: the corner is where the
   * new viewport puts it. */
  shown = cs_test_ui_render_widget (GTK_WIDGET (f->view));
  cs_slide_view_get_viewport (f->view, &viewport);
  cs_viewport_to_screen (&viewport, corner.x, corner.y, &sx, &sy);
  g_assert_true (near_color (cs_test_ui_pixel (shown, (int) sx, (int) sy + 20), COLOR, 48));
  g_assert_true (near_color (cs_test_ui_pixel (shown, (int) sx + 20, (int) sy), COLOR, 48));

  /* Drawn anew, sharp: the 2 px outline on the corner's column. */
  g_assert_true (cs_test_wait_until (overlay_drawn_since, &wait, CS_TEST_UI_TIMEOUT_MS));
  wait_frame (f);
  g_clear_pointer (&shown, cairo_surface_destroy);
  shown = cs_test_ui_render_widget (GTK_WIDGET (f->view));
  g_assert_true (near_color (cs_test_ui_pixel (shown, (int) round (sx), (int) sy + 20), COLOR, 2));
  g_assert_true (near_color (cs_test_ui_pixel (shown, (int) round (sx) - 1, (int) sy + 20), COLOR, 2));
}

/* The tool bar shows the editor's tool and changes it; its options follow
 * the tool; the class drop-down names the class of what is drawn next. */
static void
test_toolbar (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *toolbar, *tools_box, *button, *options_box;
  GtkDropDown *drop_down;
  guint i = 0;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  toolbar = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->viewer),
                                                      CS_TYPE_SLIDE_VIEWER, "toolbar"));
  g_assert_true (gtk_widget_get_mapped (toolbar));
  tools_box = GTK_WIDGET (gtk_widget_get_template_child (toolbar, CS_TYPE_ANNOTATION_TOOLBAR,
                                                        "tools_box"));
  options_box = GTK_WIDGET (gtk_widget_get_template_child (toolbar, CS_TYPE_ANNOTATION_TOOLBAR,
                                                          "options_box"));
  drop_down = GTK_DROP_DOWN (gtk_widget_get_template_child (toolbar, CS_TYPE_ANNOTATION_TOOLBAR,
                                                            "class_drop_down"));

  /* The buttons, in the order of cs_slide_view_tools. */
  for (button = gtk_widget_get_first_child (tools_box);
       button != NULL && GTK_IS_TOGGLE_BUTTON (button) && i < CS_SLIDE_VIEW_N_TOOLS;
       button = gtk_widget_get_next_sibling (button), i++)
    {
      g_signal_emit_by_name (button, "clicked");
      g_assert_cmpint (cs_annotation_editor_get_tool (f->editor), ==, cs_slide_view_tools[i].tool);
      g_assert_cmpint (gtk_widget_get_visible (options_box), ==,
                       cs_slide_view_tools[i].tool == CS_TOOL_BRUSH ||
                       cs_slide_view_tools[i].tool == CS_TOOL_RULER);
    }
  g_assert_cmpuint (i, ==, CS_SLIDE_VIEW_N_TOOLS);

  /* A key (or anything else) changing the tool presses its button. */
  cs_annotation_editor_set_tool (f->editor, CS_TOOL_ELLIPSE);
  button = gtk_widget_get_first_child (tools_box);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_true (gtk_toggle_button_get_active (
                   GTK_TOGGLE_BUTTON (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (button)))));

  cs_class_table_ensure (f->classes, "Stroma", 0x00ff00);
  gtk_drop_down_set_selected (drop_down, 1);
  g_assert_cmpstr (cs_annotation_editor_get_class_name (f->editor), ==, "Stroma");
}

static gboolean
raster_settled (gpointer data)
{
  Fixture *f = data;
  const CsAnnotationRasterStats *stats = &f->view->raster_stats;

  return !stats->vector && stats->n_tiles > 0 && stats->n_ready == stats->n_tiles;
}

/* Many annotations go through the raster layer: drawn from its tiles
 * once the worker has them, none left out, and an annotation added shows
 * in the next frame. */
static void
test_many_through_raster (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GPtrArray) squares = g_ptr_array_new_with_free_func (g_object_unref);
  CsRect big = { 450, 250, 100, 100 };
  g_autoptr(CsGeometry) big_geometry = cs_geometry_new_rectangle (&big);
  g_autoptr(CsAnnotation) added = cs_annotation_new (CS_SHAPE_RECTANGLE, big_geometry);
  g_autoptr(cairo_surface_t) shown = NULL;
  CsViewport viewport;
  double sx, sy;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  for (guint i = 0; i < 1500; i++)
    {
      CsRect rect = { g_rand_double_range (rand, 0, 990), g_rand_double_range (rand, 0, 590), 6, 6 };
      g_autoptr(CsGeometry) geometry = cs_geometry_new_rectangle (&rect);
      CsAnnotation *square = cs_annotation_new (CS_SHAPE_RECTANGLE, geometry);

      cs_annotation_set_class_name (square, "Tumour");
      g_ptr_array_add (squares, square);
    }
  cs_annotation_list_load (f->list, squares);
  wait_frame (f);
  g_assert_true (cs_test_wait_until (raster_settled, f, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (f->view->raster_stats.n_visible, >=, 1500);
  g_assert_cmpuint (f->view->raster_stats.n_drawn, ==, f->view->raster_stats.n_visible);

  cs_annotation_set_class_name (added, "Tumour");
  cs_annotation_list_add (f->list, added);
  wait_frame (f);
  g_assert_false (f->view->raster_stats.vector);
  shown = cs_test_ui_render_widget (GTK_WIDGET (f->view));
  cs_slide_view_get_viewport (f->view, &viewport);
  cs_viewport_to_screen (&viewport, big.x, big.y + big.height / 2, &sx, &sy);
  g_assert_cmphex (color_at (shown, (int) round (sx), (int) round (sy)), ==, COLOR);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cs/annotation-draw/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("rectangle-and-select", test_rectangle_and_select);
  ADD ("ellipse-polygon-freehand", test_ellipse_polygon_freehand);
  ADD ("brush-points", test_brush_points);
  ADD ("ruler-arrow-text-split", test_ruler_arrow_text_split);
  ADD ("slow-layer-follows-zoom", test_slow_layer_follows_zoom);
  ADD ("toolbar", test_toolbar);
  ADD ("many-through-raster", test_many_through_raster);

  return g_test_run ();
}
