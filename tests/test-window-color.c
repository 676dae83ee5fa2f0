/* test-window-color.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-color"

#include "config.h"

#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-test-color.h"
#include "cs-test-slide.h"
#include "cs-test-window.h"

#include <string.h>

/* A slide's embedded colour profile in the window: the view shows lcms2's
 * sRGB colours, the slide information names the profile (or says why a
 * damaged one is ignored), and the preference switches it off and on in
 * the open tab. The slide is one flat colour under a wide-gamut, gamma 1.0
 * profile. Needs a display (Xvfb). */

#define TOLERANCE 2

typedef struct
{
  char *tmpdir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->tmpdir = cs_test_make_tmpdir ();
  g_settings_reset (cs_settings_get_default (), "apply-color-profile");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_settings_reset (cs_settings_get_default (), "apply-color-profile");
  cs_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

/* The view's centre, as its window draws it: away from the overview and
 * the scale bar. */
static guint32
centre_pixel (CsSlidePage *page)
{
  GtkWidget *view = GTK_WIDGET (cs_slide_page_get_active_view (page));
  cairo_surface_t *surface = cs_test_ui_render_widget (view);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel;

  pixel = *(const guint32 *) (data + (gsize) (height / 2) * cairo_image_surface_get_stride (surface) +
                              (gsize) (width / 2) * 4);
  cairo_surface_destroy (surface);

  return pixel;
}

static const char *
profile_text (CsSlidePage *page)
{
  GtkLabel *label = cs_test_window_child (cs_slide_page_get_info (page), CS_TYPE_SLIDE_INFO,
                                          "color_profile_label");

  return gtk_label_get_text (label);
}

static void
raw_and_srgb (guint32 *raw,
              guint32 *srgb)
{
  guint8 rgb[3];

  cs_test_color_raw_pixel (TRUE, 0, 0, rgb);
  *raw = cs_test_color_pack (rgb);
  cs_test_color_to_srgb (raw, srgb, 1);
}

static void
test_color_preference (Fixture       *fixture,
                       gconstpointer  data)
{
  GSettings *settings = cs_settings_get_default ();
  g_autoptr(CsWindow) window = NULL;
  g_autofree char *path = NULL;
  GtkWidget *preferences;
  GtkSwitch *toggle;
  CsSlidePage *page;
  guint32 raw, srgb;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  raw_and_srgb (&raw, &srgb);
  g_assert_false (cs_test_pixel_near (raw, srgb, 10));
  path = cs_test_write_color_slide (fixture->tmpdir, "wide.tiff", CS_TEST_PROFILE_WIDE,
                                    FALSE, TRUE);
  window = cs_test_window_new (NULL);
  page = cs_test_window_open_drawn (window, path);
  g_assert_true (cs_test_pixel_near (centre_pixel (page), srgb, TOLERANCE));
  g_assert_cmpstr (profile_text (page), ==, CS_TEST_PROFILE_DESCRIPTION);
  cs_test_window_activate (window, "win.show-info", NULL);
  cs_test_window_save_screenshot (GTK_WIDGET (window), "slide-info-color-profile.png");

  preferences = cs_preferences_window_new (settings);
  gtk_window_present (GTK_WINDOW (preferences));
  toggle = cs_test_window_child (preferences, CS_TYPE_PREFERENCES_WINDOW,
                                 "apply_color_profile_switch");
  g_assert_true (gtk_switch_get_active (toggle));
  cs_test_window_save_screenshot (GTK_WIDGET (preferences), "preferences-color-profile.png");

  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "apply-color-profile"));
  g_assert_false (cs_slide_get_apply_color_profile (cs_slide_page_get_slide (page)));
  g_assert_true (cs_test_wait_until (cs_test_window_page_drawn, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_pixel_near (centre_pixel (page), raw, TOLERANCE));

  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (cs_test_wait_until (cs_test_window_page_drawn, page, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_pixel_near (centre_pixel (page), srgb, TOLERANCE));

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Opened with the preference off, the slide never shows the profile's
 * colours, not even in its first frame. */
static void
test_color_off_at_open (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autofree char *path = NULL;
  CsSlidePage *page;
  guint32 raw, srgb;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  raw_and_srgb (&raw, &srgb);
  g_settings_set_boolean (cs_settings_get_default (), "apply-color-profile", FALSE);
  path = cs_test_write_color_slide (fixture->tmpdir, "wide.tiff", CS_TEST_PROFILE_WIDE,
                                    FALSE, TRUE);
  window = cs_test_window_new (NULL);
  page = cs_test_window_open_drawn (window, path);
  g_assert_true (cs_test_pixel_near (centre_pixel (page), raw, TOLERANCE));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_color_damaged (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CsWindow) window = NULL;
  g_autofree char *path = NULL;
  CsSlidePage *page;
  GtkWidget *label;
  guint32 raw, srgb;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  raw_and_srgb (&raw, &srgb);
  path = cs_test_write_color_slide (fixture->tmpdir, "damaged.tiff", CS_TEST_PROFILE_DAMAGED,
                                    FALSE, TRUE);
  window = cs_test_window_new (NULL);
  page = cs_test_window_open_drawn (window, path);
  g_assert_true (cs_test_pixel_near (centre_pixel (page), raw, TOLERANCE));
  g_assert_nonnull (strstr (profile_text (page), "damaged"));
  label = cs_test_window_child (cs_slide_page_get_info (page), CS_TYPE_SLIDE_INFO,
                                "color_profile_label");
  g_assert_true (gtk_widget_has_css_class (label, "warning"));

  cs_test_window_activate (window, "win.show-info", NULL);
  cs_test_window_save_screenshot (GTK_WIDGET (window), "slide-info-color-profile-damaged.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/cs/window-color/preference", Fixture, NULL,
              fixture_setup, test_color_preference, fixture_teardown);
  g_test_add ("/cs/window-color/off-at-open", Fixture, NULL,
              fixture_setup, test_color_off_at_open, fixture_teardown);
  g_test_add ("/cs/window-color/damaged", Fixture, NULL,
              fixture_setup, test_color_damaged, fixture_teardown);

  return cs_test_window_run ();
}
