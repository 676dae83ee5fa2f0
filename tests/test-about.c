/* test-about.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-about"

#include "config.h"

#include "cs-about.h"
#include "cs-test-ui.h"

/* The About window: its release notes are the newest <release> of the
 * metainfo, as the markup AdwAboutWindow takes. */

static void
test_about_release_notes (void)
{
  static const char metainfo[] =
    "<component><releases>\n"
    "  <release version=\"2.0\"><description>\n"
    "    <p>Faster\n      tiles &amp; more.</p>\n"
    "    <ul><li>One</li><li>Two &lt;b&gt;</li></ul>\n"
    "  </description></release>\n"
    "  <release version=\"1.0\"><description><p>Old</p></description></release>\n"
    "</releases></component>";
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *none = NULL;
  char *broken;

  notes = cs_about_release_notes (metainfo, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (notes, ==,
                   "<p>Faster tiles &amp; more.</p><ul><li>One</li><li>Two &lt;b&gt;</li></ul>");

  none = cs_about_release_notes ("<component/>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (none, ==, "");

  broken = cs_about_release_notes ("<component><releases>", -1, &error);
  g_assert_null (broken);
  g_assert_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE);
}

/* The shipped metainfo, from the resources, has notes for this version. */
static void
test_about_window (void)
{
  g_autoptr(GtkWindow) about = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *version = NULL;
  g_autofree char *notes_version = NULL;
  g_autofree char *license = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  about = g_object_ref_sink (cs_about_window_new (NULL));
  g_object_get (about, "release-notes", &notes, "version", &version,
                "release-notes-version", &notes_version, NULL);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (notes_version, ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (notes, "<p>"));
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (ADW_ABOUT_WINDOW (about)),
                            "OpenSlide"));
  gtk_window_destroy (about);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_ui_init (&argc, &argv);

  g_test_add_func ("/about/release-notes", test_about_release_notes);
  g_test_add_func ("/about/window", test_about_window);

  return g_test_run ();
}
