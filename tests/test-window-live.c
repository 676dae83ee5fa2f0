/* test-window-live.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-live"

#include "config.h"

#include <math.h>

#include "cs-test-annotation-ui.h"
#include "cs-settings.h"
#include "cs-test-live-proxy.h"

/* Live consultation through two CsWindows in one process, over real TLS
 * on loopback: the host window opens the sample slide and starts a
 * session through its action; the guest window, whose annotations are
 * kept in another directory (as on another computer), opens the same
 * slide and joins through the join dialog with the link and code the host
 * dialog shows. Then: following the host's view, breaking away and
 * rejoining; annotations both ways with their authors; the pointer drawn
 * with the name and pixels of its colour; "look here"; control handed to
 * the guest; ending on one side shown on the other. */

#define HOST_NAME  "Dr Ivanova"
#define GUEST_NAME "Dr Sato"

typedef struct
{
  CsWindow         *host;
  CsWindow         *guest;
  CsSlidePage      *host_page;
  CsSlidePage      *guest_page;
  CsLiveController *host_live;
  CsLiveController *guest_live;
  CsLiveHostDialog *host_dialog;     /* left open, destroyed with the window */
  char             *sample;
  char             *guest_dir;
  GPtrArray        *guest_messages;  /* "message" signals of the guest page */
  char             *host_ended;      /* the host's "ended" message */
} Fixture;

static gboolean
is_joined (gpointer data)
{
  CsLiveController *live = *(CsLiveController **) data;

  return live != NULL &&
         cs_live_session_get_state (cs_live_controller_get_session (live)) == CS_LIVE_STATE_JOINED;
}

static gboolean
guest_joined (gpointer data)
{
  Fixture *fixture = data;

  fixture->guest_live = cs_window_get_live (fixture->guest, fixture->guest_page);
  return is_joined (&fixture->guest_live) && is_joined (&fixture->host_live);
}

static void
on_guest_message_cb (CsSlidePage *page,
                     const char  *text,
                     Fixture     *fixture)
{
  g_ptr_array_add (fixture->guest_messages, g_strdup (text));
}

static void
on_host_ended_cb (CsLiveController *live,
                  const char       *message,
                  Fixture          *fixture)
{
  g_free (fixture->host_ended);
  fixture->host_ended = g_strdup (message);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  CsLiveHostDialog *host_dialog;
  CsLiveJoinDialog *join_dialog;
  g_autofree char *link = NULL;

  if (!cs_test_ui_have_display)
    return;

  fixture->sample = cs_test_sample_slide ();
  g_assert_nonnull (fixture->sample);
  fixture->guest_dir = cs_test_make_tmpdir ();
  fixture->guest_messages = g_ptr_array_new_with_free_func (g_free);
  fixture->host = cs_test_window_new (NULL);
  fixture->guest = cs_test_window_new (NULL);

  fixture->host_page = cs_test_annotations_open_empty (fixture->host, fixture->sample);
  file = g_file_new_for_path (fixture->sample);
  fixture->guest_page = cs_window_open (fixture->guest, file);
  cs_slide_page_set_annotation_directory (fixture->guest_page, fixture->guest_dir);
  g_assert_true (cs_test_wait_until (cs_test_window_page_drawn, fixture->guest_page,
                                     CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_test_wait_until (cs_test_annotations_ready, fixture->guest_page,
                                     CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_slide_page_get_annotation_list (fixture->host_page) !=
                 cs_slide_page_get_annotation_list (fixture->guest_page));
  g_signal_connect (fixture->guest_page, "message", G_CALLBACK (on_guest_message_cb), fixture);

  /* through the menu's actions, as the annotation author */
  g_settings_set_string (cs_settings_get_default (), "annotation-author", HOST_NAME);
  cs_test_window_activate (fixture->host, "win.live-host", NULL);
  host_dialog = find_toplevel (CS_TYPE_LIVE_HOST_DIALOG);
  fixture->host_live = cs_window_get_live (fixture->host, fixture->host_page);
  g_assert_nonnull (fixture->host_live);
  g_signal_connect (fixture->host_live, "ended", G_CALLBACK (on_host_ended_cb), fixture);
  g_assert_cmpint (cs_live_session_get_state (cs_live_controller_get_session (fixture->host_live)),
                   ==, CS_LIVE_STATE_WAITING);
  g_assert_cmpstr (cs_live_host_dialog_get_status_text (host_dialog), ==,
                   "Waiting for the guest to join…");
  g_assert_true (cs_live_bar_get_shown (cs_live_controller_get_bar (fixture->host_live)));

  link = g_strdup (cs_live_host_dialog_get_link_text (host_dialog));
  g_assert_true (g_str_has_prefix (link, "wss://"));
  g_assert_cmpuint (strlen (cs_live_host_dialog_get_code_text (host_dialog)), >, 0);

  g_settings_set_string (cs_settings_get_default (), "annotation-author", GUEST_NAME);
  cs_test_window_activate (fixture->guest, "win.live-join", NULL);
  join_dialog = find_toplevel (CS_TYPE_LIVE_JOIN_DIALOG);
  cs_live_join_dialog_set_link (join_dialog, link);
  cs_live_join_dialog_set_code (join_dialog, cs_live_host_dialog_get_code_text (host_dialog));
  cs_live_join_dialog_join (join_dialog);
  g_assert_true (cs_test_wait_until (guest_joined, fixture, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (cs_live_host_dialog_get_status_text (host_dialog), ==, "Joined by " GUEST_NAME);
  fixture->host_dialog = host_dialog;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->guest != NULL)
    cs_test_ui_window_destroy (GTK_WINDOW (fixture->guest));
  if (fixture->host != NULL)
    cs_test_ui_window_destroy (GTK_WINDOW (fixture->host));
  if (fixture->guest_dir != NULL)
    cs_test_remove_tree (fixture->guest_dir);
  g_clear_pointer (&fixture->guest_dir, g_free);
  g_clear_pointer (&fixture->sample, g_free);
  g_clear_pointer (&fixture->guest_messages, g_ptr_array_unref);
  g_clear_pointer (&fixture->host_ended, g_free);
}

/* Both views show the same place: the same centre within a screen pixel,
 * the same zoom within 1 %, the same rotation within 0.1°. */
typedef struct
{
  CsSlideView *a;
  CsSlideView *b;
} ViewPair;

static gboolean
views_match (gpointer data)
{
  ViewPair *pair = data;
  CsViewport va, vb;
  double ax, ay, bx, by;

  cs_slide_view_get_viewport (pair->a, &va);
  cs_slide_view_get_viewport (pair->b, &vb);
  cs_viewport_get_center (&va, &ax, &ay);
  cs_viewport_get_center (&vb, &bx, &by);
  return fabs (ax - bx) * va.zoom < 1.0 && fabs (ay - by) * va.zoom < 1.0 &&
         fabs (log (va.zoom / vb.zoom)) < 0.01 &&
         fabs (fmod (va.rotation - vb.rotation + 540.0, 360.0) - 180.0) < 0.1;
}

static void
assert_converges (CsSlideView *leader,
                  CsSlideView *follower)
{
  ViewPair pair = { leader, follower };

  g_assert_true (cs_test_wait_until (views_match, &pair, CS_TEST_UI_TIMEOUT_MS));
}

static void
move_somewhere (CsSlideView *view,
                double       fx,
                double       fy,
                double       zoom_factor,
                double       rotation)
{
  CsSlide *slide = cs_slide_view_get_slide (view);
  CsViewport viewport;
  gint64 width, height;

  cs_slide_get_level_size (slide, 0, &width, &height);
  cs_slide_view_get_viewport (view, &viewport);
  cs_slide_view_move_to (view, width * fx, height * fy, viewport.zoom * zoom_factor, rotation);
}

static void
activate_bar (CsLiveController *live,
              const char       *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cs_live_controller_get_bar (live)),
                                             action, NULL));
}

static gboolean
is_following (gpointer data)
{
  return cs_live_controller_get_following (data);
}

static void
test_live_follow (Fixture       *fixture,
                  gconstpointer  data)
{
  CsSlideView *host_view, *guest_view;
  CsViewport before, after;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  host_view = cs_slide_page_get_active_view (fixture->host_page);
  guest_view = cs_slide_page_get_active_view (fixture->guest_page);
  g_assert_true (cs_live_controller_get_following (fixture->guest_live));
  g_assert_false (cs_live_controller_get_following (fixture->host_live));
  g_assert_cmpstr (cs_live_bar_get_title (cs_live_controller_get_bar (fixture->guest_live)), ==,
                   "Live with " HOST_NAME);

  /* the host pans, zooms and turns: the guest glides there */
  move_somewhere (host_view, 0.3, 0.6, 2.5, 30.0);
  assert_converges (host_view, guest_view);
  move_somewhere (host_view, 0.7, 0.4, 0.8, 350.0);
  assert_converges (host_view, guest_view);

  /* the guest pans on its own: it breaks away, and stays away */
  move_somewhere (guest_view, 0.2, 0.2, 1.0, 0.0);
  g_assert_false (cs_live_controller_get_following (fixture->guest_live));
  g_assert_cmpstr (cs_live_bar_get_detail (cs_live_controller_get_bar (fixture->guest_live)), ==,
                   "Not following " HOST_NAME "’s view");
  cs_slide_view_get_viewport (guest_view, &before);
  move_somewhere (host_view, 0.5, 0.5, 1.5, 90.0);
  cs_test_wait_until (cs_test_window_never, NULL, 500);
  cs_slide_view_get_viewport (guest_view, &after);
  g_assert_true (cs_viewport_equal (&before, &after));

  /* one click follows again */
  activate_bar (fixture->guest_live, "live.follow");
  g_assert_true (cs_test_wait_until (is_following, fixture->guest_live, CS_TEST_UI_TIMEOUT_MS));
  assert_converges (host_view, guest_view);
}

static gboolean
has_messages (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

static void
test_live_annotations (Fixture       *fixture,
                       gconstpointer  data)
{
  CsTestWantedAnnotation on_guest = { NULL, "Mitosis", HOST_NAME };
  CsTestWantedAnnotation on_host = { NULL, "Necrosis", GUEST_NAME };

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  on_guest.page = fixture->guest_page;
  on_host.page = fixture->host_page;
  cs_test_annotations_add (fixture->host_page,
                           cs_test_annotations_rectangle (100, 100, 200, 150, "Mitosis", NULL,
                                                          HOST_NAME));
  g_assert_true (cs_test_wait_until (cs_test_annotations_has_wanted, &on_guest, CS_TEST_UI_TIMEOUT_MS));
  cs_test_annotations_add (fixture->guest_page,
                           cs_test_annotations_rectangle (400, 300, 100, 100, "Necrosis", NULL,
                                                          GUEST_NAME));
  g_assert_true (cs_test_wait_until (cs_test_annotations_has_wanted, &on_host, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (cs_test_annotations_count (fixture->host_page), ==, 2);
  g_assert_cmpuint (cs_test_annotations_count (fixture->guest_page), ==, 2);

  /* one too large for a live message stays on the guest, who is told */
  {
    guint n = 60000;
    g_autofree CsPoint *points = g_new (CsPoint, n);
    g_autoptr(CsGeometry) geometry = NULL;

    for (guint i = 0; i < n; i++)
      points[i] = (CsPoint) { 1500.0 + 900.123457 * cos (2 * G_PI * i / n),
                              1000.0 + 700.654321 * sin (2 * G_PI * i / n) };
    geometry = cs_geometry_new_ring (points, n);
    g_assert_cmpuint (fixture->guest_messages->len, ==, 0);
    cs_test_annotations_add (fixture->guest_page, cs_annotation_new (CS_SHAPE_FREEHAND, geometry));
    g_assert_true (cs_test_wait_until (has_messages, fixture->guest_messages,
                                       CS_TEST_UI_TIMEOUT_MS));
    g_test_message ("not shared: %s", (char *) g_ptr_array_index (fixture->guest_messages, 0));
    g_assert_nonnull (strstr (g_ptr_array_index (fixture->guest_messages, 0), "too large"));
    g_assert_cmpuint (cs_test_annotations_count (fixture->guest_page), ==, 3);
    g_assert_cmpuint (cs_test_annotations_count (fixture->host_page), ==, 2);
  }
}

static gboolean
pointer_shown (gpointer data)
{
  return cs_live_overlay_get_pointer (data, NULL, NULL);
}

static gboolean
pointer_hidden (gpointer data)
{
  return !cs_live_overlay_get_pointer (data, NULL, NULL);
}

static gboolean
no_pings (gpointer data)
{
  return cs_live_overlay_get_n_pings (data) == 0;
}


/* How many pixels of the live pointer's colour @page shows in the
 * rectangle (@x0, @y0)–(@x1, @y1) of its active view, logical pixels (the
 * overlay lies over the view, on the page). */
static guint
count_live_pixels (CsSlidePage *page,
                   double       x0,
                   double       y0,
                   double       x1,
                   double       y1)
{
  CsSlideView *view = cs_slide_page_get_active_view (page);
  cairo_surface_t *surface = cs_test_ui_render_widget (GTK_WIDGET (page));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (page));
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  double px, py;
  guint count = 0;

  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), GTK_WIDGET (page),
                                                   0, 0, &px, &py));
  for (int y = MAX ((int) ((py + y0) * scale), 0); y < MIN ((int) ((py + y1) * scale), height); y++)
    for (int x = MAX ((int) ((px + x0) * scale), 0); x < MIN ((int) ((px + x1) * scale), width); x++)
      {
        guint32 pixel = cs_test_ui_pixel (surface, x, y);
        int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        count += r > 180 && g < 80 && b > 160;
      }
  cairo_surface_destroy (surface);
  return count;
}

/* Just below and right of the tip of a pointer at level-0 (@x, @y). */
static guint
count_pointer_pixels (CsSlidePage *page,
                      double       image_x,
                      double       image_y)
{
  CsSlideView *view = cs_slide_page_get_active_view (page);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (view));
  CsViewport viewport;
  double sx, sy;

  cs_slide_view_get_viewport (view, &viewport);
  cs_viewport_to_screen (&viewport, image_x, image_y, &sx, &sy);
  return count_live_pixels (page, sx / scale, sy / scale, sx / scale + 16, sy / scale + 24);
}

static gboolean
has_ping (gpointer data)
{
  return cs_live_overlay_get_n_pings (data) == 1;
}

/* A ping at a point the guest's view does not show (it has broken away):
 * an arrow just inside the view's edge, nothing in its middle. */
static void
check_edge_arrow (Fixture *fixture)
{
  CsSlideView *view = cs_slide_page_get_active_view (fixture->guest_page);
  CsLiveOverlay *overlay = cs_live_controller_get_overlay (fixture->guest_live);
  double width = gtk_widget_get_width (GTK_WIDGET (view));
  double height = gtk_widget_get_height (GTK_WIDGET (view));

  move_somewhere (view, 0.02, 0.02, 8.0, 0.0);
  g_assert_false (cs_live_controller_get_following (fixture->guest_live));
  cs_test_ui_wait_complete (view);
  g_assert_cmpuint (count_live_pixels (fixture->guest_page, 0, 0, width, height), ==, 0);
  cs_test_window_activate (fixture->host, "win.live-ping", NULL);
  g_assert_true (cs_test_wait_until (has_ping, overlay, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpuint (count_live_pixels (fixture->guest_page, 0, 0, width, height), >, 20);
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->guest), "live-ping-edge.png");
  g_assert_cmpuint (count_live_pixels (fixture->guest_page, 60, 60, width - 60, height - 60), ==, 0);
}

static void
test_live_pointer_and_ping (Fixture       *fixture,
                            gconstpointer  data)
{
  CsSlideView *host_view, *guest_view;
  CsLiveOverlay *overlay;
  CsViewport viewport;
  double x, y, expected_x, expected_y;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  host_view = cs_slide_page_get_active_view (fixture->host_page);
  guest_view = cs_slide_page_get_active_view (fixture->guest_page);
  overlay = cs_live_controller_get_overlay (fixture->guest_live);
  assert_converges (host_view, guest_view);
  cs_slide_view_get_viewport (host_view, &viewport);
  cs_viewport_to_image (&viewport, 300 * gtk_widget_get_scale_factor (GTK_WIDGET (host_view)),
                        200 * gtk_widget_get_scale_factor (GTK_WIDGET (host_view)),
                        &expected_x, &expected_y);
  g_assert_cmpuint (count_pointer_pixels (fixture->guest_page, expected_x, expected_y), ==, 0);

  /* the host's pointer over its view: drawn on the guest's, named */
  cs_slide_view_get_viewport (host_view, &viewport);
  cs_viewport_to_image (&viewport, 300 * gtk_widget_get_scale_factor (GTK_WIDGET (host_view)),
                        200 * gtk_widget_get_scale_factor (GTK_WIDGET (host_view)),
                        &expected_x, &expected_y);
  cs_live_controller_pointer_moved (fixture->host_live, 300, 200, TRUE);
  g_assert_true (cs_test_wait_until (pointer_shown, overlay, CS_TEST_UI_TIMEOUT_MS));
  g_assert_true (cs_live_overlay_get_pointer (overlay, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, expected_x, 1e-6 + fabs (expected_x) * 1e-9);
  g_assert_cmpfloat_with_epsilon (y, expected_y, 1e-6 + fabs (expected_y) * 1e-9);
  g_assert_cmpstr (cs_live_overlay_get_name (overlay), ==, HOST_NAME);
  /* drawn there (checked before the rings below blend with its colour) */
  cs_test_ui_wait_complete (guest_view);
  g_assert_cmpuint (count_pointer_pixels (fixture->guest_page, x, y), >, 20);

  /* "look here": rings on the guest, a toast naming the host */
  cs_test_window_activate (fixture->host, "win.live-ping", NULL);
  g_assert_true (cs_test_wait_until (has_messages, fixture->guest_messages, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (g_ptr_array_index (fixture->guest_messages, 0), ==, HOST_NAME ": look here");
  g_assert_cmpuint (cs_live_overlay_get_n_pings (overlay), ==, 1);
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->guest), "live-guest.png");
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->host), "live-host.png");
  cs_test_window_save_screenshot (GTK_WIDGET (fixture->host_dialog), "live-host-dialog.png");
  g_assert_true (cs_test_wait_until (no_pings, overlay, CS_TEST_UI_TIMEOUT_MS));

  /* the pointer leaves the host's view: gone from the guest's */
  cs_live_controller_pointer_moved (fixture->host_live, 0, 0, FALSE);
  g_assert_true (cs_test_wait_until (pointer_hidden, overlay, CS_TEST_UI_TIMEOUT_MS));

  check_edge_arrow (fixture);
}

static gboolean
has_control (gpointer data)
{
  return cs_live_session_has_control (cs_live_controller_get_session (data));
}

static void
test_live_control (Fixture       *fixture,
                   gconstpointer  data)
{
  CsSlideView *host_view, *guest_view;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  host_view = cs_slide_page_get_active_view (fixture->host_page);
  guest_view = cs_slide_page_get_active_view (fixture->guest_page);
  activate_bar (fixture->host_live, "live.give-control");
  g_assert_true (cs_test_wait_until (has_control, fixture->guest_live, CS_TEST_UI_TIMEOUT_MS));
  g_assert_false (cs_live_session_has_control (cs_live_controller_get_session (fixture->host_live)));
  g_assert_true (cs_live_controller_get_following (fixture->host_live));
  g_assert_false (cs_live_controller_get_following (fixture->guest_live));

  /* now the host follows the guest */
  move_somewhere (guest_view, 0.25, 0.75, 3.0, 120.0);
  assert_converges (guest_view, host_view);
}

static gboolean
host_ended (gpointer data)
{
  Fixture *fixture = data;

  return fixture->host_ended != NULL;
}

static void
test_live_end (Fixture       *fixture,
               gconstpointer  data)
{
  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  activate_bar (fixture->guest_live, "live.end");
  g_assert_true (cs_test_wait_until (host_ended, fixture, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpint (cs_live_session_get_state (cs_live_controller_get_session (fixture->host_live)),
                   ==, CS_LIVE_STATE_ENDED);
  g_assert_false (cs_live_bar_get_shown (cs_live_controller_get_bar (fixture->host_live)));
  g_assert_false (cs_live_bar_get_shown (cs_live_controller_get_bar (fixture->guest_live)));
  g_assert_true (g_str_has_prefix (fixture->host_ended, "The live session ended"));
  g_assert_false (cs_live_controller_is_active (fixture->host_live));
}

static GtkWidget *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

static gboolean
join_failed (gpointer data)
{
  return cs_live_join_dialog_get_error (data) != NULL;
}

/* Joins with @link and @code and waits for the error the dialog shows. */
static const char *
join_error (CsLiveJoinDialog *dialog,
            const char       *link,
            const char       *code)
{
  cs_live_join_dialog_set_link (dialog, link);
  cs_live_join_dialog_set_code (dialog, code);
  cs_live_join_dialog_join (dialog);
  g_assert_true (cs_test_wait_until (join_failed, dialog, CS_TEST_UI_TIMEOUT_MS));
  g_assert_false (cs_live_join_dialog_get_busy (dialog));
  return cs_live_join_dialog_get_error (dialog);
}

static gboolean
has_live (gpointer data)
{
  CsWindow *window = data;

  return cs_window_get_n_pages (window) == 1 &&
         cs_window_get_live (window, cs_window_get_nth_page (window, 0)) != NULL;
}

static gboolean
host_dialog_joined (gpointer data)
{
  GtkWidget *link_box = cs_test_window_child (data, CS_TYPE_LIVE_HOST_DIALOG, "link_box");

  return !gtk_widget_get_visible (link_box);
}

/* What the join dialog refuses, each with a message, the dialog staying
 * open: a text that is no link, a wrong code, a link naming another slide
 * (the file chosen for it is refused naming both identities); then the
 * right link and code join, the slide found among the recent ones. */
static void
test_live_join_refused (void)
{
  g_autofree char *sample = cs_test_sample_slide ();
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autofree char *other = NULL;
  g_autofree char *code = NULL;
  CsWindow *host, *guest;
  CsSlidePage *host_page;
  CsLiveHostDialog *host_dialog;
  CsLiveJoinDialog *dialog;
  GtkWidget *chooser;
  g_autoptr(GFile) file = NULL;
  const char *sha256;
  const char *text;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_nonnull (sample);
  host = cs_test_window_new (NULL);
  guest = cs_test_window_new (NULL);
  host_page = cs_test_annotations_open (host, sample);
  sha256 = cs_slide_page_get_annotation_sha256 (host_page);
  host_dialog = cs_window_live_host_as (host, HOST_NAME, &error);
  g_assert_no_error (error);
  link = g_strdup (cs_live_host_dialog_get_link_text (host_dialog));
  code = g_strdup (cs_live_host_dialog_get_code_text (host_dialog));
  /* closed, shown again from the bar while waiting */
  gtk_window_close (GTK_WINDOW (host_dialog));
  activate_bar (cs_window_get_live (host, host_page), "live.show-details");
  host_dialog = find_toplevel (CS_TYPE_LIVE_HOST_DIALOG);
  g_assert_cmpstr (cs_live_host_dialog_get_code_text (host_dialog), ==, code);
  g_assert_cmpstr (cs_live_host_dialog_get_link_text (host_dialog), ==, link);
  dialog = cs_window_live_join_as (guest, GUEST_NAME);

  text = join_error (dialog, "https://example.org/", code);
  g_test_message ("not a link: %s", text);
  text = join_error (dialog, link, "AAAA-AAAA");
  g_assert_true (g_str_has_prefix (text, "Could not join: "));
  g_assert_cmpuint (cs_window_get_n_pages (guest), ==, 1);
  g_assert_null (cs_window_get_live (guest, cs_window_get_nth_page (guest, 0)));

  /* a link naming another slide: the one chosen is refused */
  other = g_strdup (link);
  other[strlen (other) - 1] = other[strlen (other) - 1] == '0' ? '1' : '0';
  cs_window_close_page (guest, cs_window_get_nth_page (guest, 0));
  cs_live_join_dialog_set_link (dialog, other);
  cs_live_join_dialog_set_code (dialog, code);
  cs_live_join_dialog_join (dialog);
  g_assert_true (cs_test_wait_until (chooser_shown, NULL, CS_TEST_UI_TIMEOUT_MS));
  chooser = find_chooser ();
  file = g_file_new_for_path (sample);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  /* the chooser answers only once its folder is read and the file selected */
  g_assert_true (cs_test_wait_until (chooser_has_file, chooser, CS_TEST_UI_TIMEOUT_MS));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (cs_test_wait_until (join_failed, dialog, CS_TEST_UI_TIMEOUT_MS));
  text = cs_live_join_dialog_get_error (dialog);
  g_test_message ("another slide: %s", text);
  g_assert_nonnull (strstr (text, "CMU-1-Small-Region.svs"));
  {
    g_autofree char *mine = g_strndup (sha256, 12);
    g_autofree char *theirs = g_strndup (strstr (other, "slide=") + 6, 12);

    g_assert_nonnull (strstr (text, mine));
    g_assert_nonnull (strstr (text, theirs));
  }
  g_assert_null (cs_window_get_live (guest, cs_window_get_nth_page (guest, 0)));

  /* the right link: the slide is the open tab, and the guest joins */
  cs_live_join_dialog_set_link (dialog, link);
  cs_live_join_dialog_join (dialog);
  g_assert_true (cs_test_wait_until (has_live, guest, CS_TEST_UI_TIMEOUT_MS));

  /* the guest sees the host's certificate fingerprint to compare, not the
   * link and the code */
  {
    CsLiveController *live = cs_window_get_live (guest, cs_window_get_nth_page (guest, 0));
    CsLiveSession *session = cs_live_controller_get_session (live);
    CsLiveHostDialog *details = cs_live_controller_show_details (live);
    GtkLabel *fingerprint = cs_test_window_child (details, CS_TYPE_LIVE_HOST_DIALOG, "fingerprint_label");
    GtkWidget *code_box = cs_test_window_child (details, CS_TYPE_LIVE_HOST_DIALOG, "code_box");
    GtkWidget *link_box = cs_test_window_child (details, CS_TYPE_LIVE_HOST_DIALOG, "link_box");

    g_assert_cmpint (cs_live_session_get_role (session), ==, CS_LIVE_ROLE_GUEST);
    g_assert_cmpstr (gtk_label_get_label (fingerprint), ==,
                     cs_live_session_get_fingerprint (cs_live_controller_get_session (cs_window_get_live (host, host_page))));
    g_assert_cmpuint (strlen (gtk_label_get_label (fingerprint)), ==, 32 * 3 - 1);
    g_assert_false (gtk_widget_get_visible (code_box));
    g_assert_false (gtk_widget_get_visible (link_box));
    gtk_window_close (GTK_WINDOW (details));

    /* the host's dialog, open since it waited, drops the spent code */
    g_assert_true (cs_test_wait_until (host_dialog_joined, host_dialog, CS_TEST_UI_TIMEOUT_MS));
    code_box = cs_test_window_child (host_dialog, CS_TYPE_LIVE_HOST_DIALOG, "code_box");
    g_assert_false (gtk_widget_get_visible (code_box));
  }

  cs_test_ui_window_destroy (GTK_WINDOW (guest));
  cs_test_ui_window_destroy (GTK_WINDOW (host));
}

static gboolean
both_in_state (gpointer data)
{
  CsLiveController **live = data;
  CsLiveState state = GPOINTER_TO_INT (live[2]);

  return cs_live_session_get_state (cs_live_controller_get_session (live[0])) == state &&
         cs_live_session_get_state (cs_live_controller_get_session (live[1])) == state;
}

static void
wait_both (CsLiveController *a,
           CsLiveController *b,
           CsLiveState       state)
{
  gpointer live[3] = { a, b, GINT_TO_POINTER (state) };

  g_assert_true (cs_test_wait_until (both_in_state, live, CS_TEST_UI_TIMEOUT_MS));
}

/* A cut link: both bars say so (and that nothing is lost), what is drawn
 * meanwhile arrives after the guest reconnects, and the bars say who the
 * session is with again. The guest joins through a proxy that cuts. */
static void
test_live_reconnect (void)
{
  g_autofree char *sample = cs_test_sample_slide ();
  g_autofree char *guest_dir = cs_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveLink) link = NULL;
  g_autoptr(CsTestLiveProxy) proxy = NULL;
  g_autofree char *proxied = NULL;
  g_autoptr(GFile) file = NULL;
  CsWindow *host, *guest;
  CsSlidePage *host_page, *guest_page;
  CsLiveHostDialog *host_dialog;
  CsLiveJoinDialog *dialog;
  CsLiveController *host_live, *guest_live;
  CsTestWantedAnnotation on_guest = { NULL, "Drawn while cut", HOST_NAME };

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();

  g_assert_nonnull (sample);
  host = cs_test_window_new (NULL);
  guest = cs_test_window_new (NULL);
  host_page = cs_test_annotations_open_empty (host, sample);
  file = g_file_new_for_path (sample);
  guest_page = cs_window_open (guest, file);
  cs_slide_page_set_annotation_directory (guest_page, guest_dir);
  g_assert_true (cs_test_wait_until (cs_test_annotations_ready, guest_page, CS_TEST_UI_TIMEOUT_MS));
  on_guest.page = guest_page;

  host_dialog = cs_window_live_host_as (host, HOST_NAME, &error);
  g_assert_no_error (error);
  host_live = cs_window_get_live (host, host_page);
  proxy = cs_test_live_proxy_new (cs_live_session_get_port (cs_live_controller_get_session (host_live)),
                                  &error);
  g_assert_no_error (error);
  link = cs_live_link_parse (cs_live_host_dialog_get_link_text (host_dialog), &error);
  g_assert_no_error (error);
  g_free (link->url);
  link->url = g_strdup_printf ("wss://127.0.0.1:%u/live", cs_test_live_proxy_get_port (proxy));
  proxied = cs_live_link_format (link);

  dialog = cs_window_live_join_as (guest, GUEST_NAME);
  cs_live_join_dialog_set_link (dialog, proxied);
  cs_live_join_dialog_set_code (dialog, cs_live_host_dialog_get_code_text (host_dialog));
  cs_live_join_dialog_join (dialog);
  g_assert_true (cs_test_wait_until (has_live, guest, CS_TEST_UI_TIMEOUT_MS));
  guest_live = cs_window_get_live (guest, guest_page);
  wait_both (host_live, guest_live, CS_LIVE_STATE_JOINED);
  cs_live_session_set_timeouts (cs_live_controller_get_session (guest_live), 200, 3000, 100);

  cs_test_live_proxy_set_blocked (proxy, TRUE);
  cs_test_live_proxy_cut (proxy);
  wait_both (host_live, guest_live, CS_LIVE_STATE_RECONNECTING);
  g_assert_cmpstr (cs_live_bar_get_title (cs_live_controller_get_bar (guest_live)), ==,
                   "Connection lost — retrying; nothing you draw is lost");
  g_assert_cmpstr (cs_live_bar_get_title (cs_live_controller_get_bar (host_live)), ==,
                   "Connection lost — retrying; nothing you draw is lost");
  if (g_getenv ("CS_SCREENSHOT_DIR") != NULL)
    cs_test_ui_wait_complete (cs_slide_page_get_active_view (guest_page));
  cs_test_window_save_screenshot (GTK_WIDGET (guest), "live-reconnecting.png");
  cs_test_annotations_add (host_page, cs_test_annotations_rectangle (50, 60, 70, 80,
                                                                     "Drawn while cut", NULL,
                                                                     HOST_NAME));

  cs_test_live_proxy_set_blocked (proxy, FALSE);
  wait_both (host_live, guest_live, CS_LIVE_STATE_JOINED);
  g_assert_true (cs_test_wait_until (cs_test_annotations_has_wanted, &on_guest, CS_TEST_UI_TIMEOUT_MS));
  g_assert_cmpstr (cs_live_bar_get_title (cs_live_controller_get_bar (guest_live)), ==,
                   "Live with " HOST_NAME);

  cs_test_ui_window_destroy (GTK_WINDOW (guest));
  cs_test_ui_window_destroy (GTK_WINDOW (host));
  cs_test_remove_tree (guest_dir);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_window_init (&argc, &argv);

  g_test_add ("/window-live/follow", Fixture, NULL, fixture_set_up, test_live_follow,
              fixture_tear_down);
  g_test_add ("/window-live/annotations", Fixture, NULL, fixture_set_up, test_live_annotations,
              fixture_tear_down);
  g_test_add ("/window-live/pointer-and-ping", Fixture, NULL, fixture_set_up,
              test_live_pointer_and_ping, fixture_tear_down);
  g_test_add ("/window-live/control", Fixture, NULL, fixture_set_up, test_live_control,
              fixture_tear_down);
  g_test_add_func ("/window-live/join-refused", test_live_join_refused);
  g_test_add_func ("/window-live/reconnect", test_live_reconnect);
  g_test_add ("/window-live/end", Fixture, NULL, fixture_set_up, test_live_end,
              fixture_tear_down);

  return cs_test_window_run ();
}
