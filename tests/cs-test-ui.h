/* cs-test-ui.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-core-private.h"
#include "cs-slide-view.h"
#include "cs-test-utils.h"

G_BEGIN_DECLS

/* Helpers for the UI test programs (test-slide-viewer, test-review-area,
 * test-slide-view-render): one display check, windows that go away before
 * the next test, and the widget as GSK draws it. Header-only (static
 * inline), so that each program compiles them without a shared library
 * that would need GTK. */

#define CS_TEST_UI_TIMEOUT_MS 20000

static gboolean cs_test_ui_have_display;

#define CS_TEST_UI_SKIP_WITHOUT_DISPLAY()                 \
  if (!cs_test_ui_have_display)                           \
    {                                                     \
      g_test_skip ("no display");                         \
      return;                                             \
    }

/* Each test case gets its own XDG directories: the saved alignments of
 * slide pairs and the identity cache live there. */
static inline void
cs_test_ui_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cs_test_ui_have_display = gtk_init_check ();
  if (cs_test_ui_have_display)
    adw_init ();
}

static inline GtkWindow *
cs_test_ui_window_new (GtkWidget *child,
                       int        width,
                       int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  g_object_ref (window);
  gtk_window_set_child (window, child);
  /* No keyboard focus ring over the pixels compared. */
  gtk_window_set_focus_visible (window, FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);

  return window;
}

static inline gboolean
cs_test_ui_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static inline void
cs_test_ui_window_destroy (GtkWindow *window)
{
  gpointer pointer = window;

  g_object_add_weak_pointer (pointer, &pointer);
  gtk_window_destroy (window);
  g_object_unref (window);
  g_assert_true (cs_test_wait_until (cs_test_ui_is_null, &pointer, CS_TEST_UI_TIMEOUT_MS));
}

static inline CsSlide *
cs_test_ui_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  CsSlide *slide;

  g_assert_nonnull (path);
  slide = cs_slide_new (path, &error);
  g_assert_no_error (error);

  return slide;
}

static inline gboolean
cs_test_ui_view_complete (gpointer data)
{
  CsViewport viewport;

  cs_slide_view_get_viewport (data, &viewport);

  return viewport.width > 0 && cs_slide_view_is_complete (data);
}

static inline void
cs_test_ui_wait_complete (CsSlideView *view)
{
  g_assert_true (cs_test_wait_until (cs_test_ui_view_complete, view, CS_TEST_UI_TIMEOUT_MS));
}

static GskRenderNode *cs_test_ui_node;

/* A new paintable holds the widget's last frame: no node until drawn.
 * Drawn at its own size: a window's paintable includes its shadow, and
 * squeezing that into the window's size would resample every pixel (and
 * show seams between the slide's tiles that the screen never shows). */
static inline gboolean
cs_test_ui_capture_node (gpointer data)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (data);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  g_clear_pointer (&cs_test_ui_node, gsk_render_node_unref);
  gdk_paintable_snapshot (paintable, snapshot,
                          gdk_paintable_get_intrinsic_width (paintable),
                          gdk_paintable_get_intrinsic_height (paintable));
  cs_test_ui_node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return cs_test_ui_node != NULL;
}

/* @widget as its window's renderer draws it, in CAIRO_FORMAT_ARGB32, in
 * device pixels. */
static inline cairo_surface_t *
cs_test_ui_render_widget (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int scale = gtk_widget_get_scale_factor (widget);
  int width = gtk_widget_get_width (widget) * scale;
  int height = gtk_widget_get_height (widget) * scale;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds;
  cairo_surface_t *surface;

  g_assert_nonnull (renderer);
  g_assert_true (cs_test_wait_until (cs_test_ui_capture_node, widget, CS_TEST_UI_TIMEOUT_MS));
  /* The node is in logical pixels: scale it to device pixels. The widget
   * itself starts where its bounds (shadow included) end. */
  if (scale == 1)
    node = g_steal_pointer (&cs_test_ui_node);
  else
    node = gsk_transform_node_new (cs_test_ui_node, gsk_transform_scale (NULL, scale, scale));
  g_clear_pointer (&cs_test_ui_node, gsk_render_node_unref);
  if (!gtk_widget_compute_bounds (widget, widget, &bounds))
    graphene_rect_init (&bounds, 0, 0, width, height);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (-bounds.origin.x * scale,
                                                              -bounds.origin.y * scale,
                                                              width, height));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  return surface;
}

static inline guint32
cs_test_ui_pixel (cairo_surface_t *surface,
                  int              x,
                  int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

G_END_DECLS
