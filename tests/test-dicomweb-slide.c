/* test-dicomweb-slide.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>
#include <tiffio.h>

#include "cs-annotation-list.h"
#include "cs-annotation-store.h"
#include "cs-core-private.h"
#include "cs-dicomweb-slide-private.h"
#include "cs-renderer.h"
#include "cs-slide.h"
#include "cs-slide-identity.h"
#include "cs-tile-loader.h"
#include "cs-test-annotation-set.h"
#include "cs-test-cli.h"
#include "cs-test-orthanc.h"
#include "cs-test-remote.h"
#include "cs-test-utils.h"

/* Remote slides against a real Orthanc (tests/cs-test-orthanc.h): the
 * shared CMU-1-Small-Region.svs and a synthetic three-level JPEG TIFF,
 * loaded with OrthancWSIDicomizer, opened as "dicomweb:" slides. Their
 * geometry is the local slide's; their pixels are the local rendering's
 * within RENDER_TOLERANCE; a second visit reads frames from the disk
 * cache only; a stopped server fails reads (tile errors), not the
 * program; wrong credentials and unknown series fail the open with the
 * server's cause. One server and one frame cache (a temporary
 * XDG_CACHE_HOME) for the whole program; the tests run in order. */

#define CMU_SLIDE "CMU-1-Small-Region.svs"
#define CMU_DATASET "{\"PatientID\": \"CS-SLIDE-SVS\"}"
#define TIFF_DATASET "{\"PatientID\": \"CS-SLIDE-TIFF\"}"

/* How far a remote pixel may be from the local rendering of the same
 * slide, per channel. OrthancWSIDicomizer 1.1 copies the slide's JPEG
 * tiles into frames (JPEGTables merged in) without re-encoding, and both
 * sides decode them with libjpeg-turbo: measured 0 on both slides (the
 * test prints it). The bound allows a dicomizer that re-encodes at its
 * quality 90 (one JPEG generation on these images): at most 12 per
 * channel, mean below 2. */
#define RENDER_TOLERANCE 12

static char *cache_home;
static char *tiff_dir;

/* Level @level of the synthetic slide: smooth ramps, a colour per level. */
static void
fill_tile (guint8 *rgb,
           int     level,
           int     side,
           int     x0,
           int     y0)
{
  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      {
        guint8 *p = rgb + 3 * (y * 256 + x);

        p[0] = (guint8) ((x0 + x) * 255 / (side - 1));
        p[1] = (guint8) ((y0 + y) * 255 / (side - 1));
        p[2] = (guint8) (60 + 60 * level);
      }
}

/* 2048², 1024², 512², 256-pixel JPEG tiles, written with libtiff. */
static char *
write_tiff (const char *dir)
{
  char *path = g_build_filename (dir, "synthetic.tiff", NULL);
  g_autofree guint8 *rgb = g_malloc (256 * 256 * 3);
  TIFF *tiff = TIFFOpen (path, "w");

  g_assert_nonnull (tiff);
  for (int level = 0; level < 3; level++)
    {
      int side = 2048 >> level;

      TIFFSetField (tiff, TIFFTAG_SUBFILETYPE, level == 0 ? 0 : FILETYPE_REDUCEDIMAGE);
      TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, side);
      TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, side);
      TIFFSetField (tiff, TIFFTAG_TILEWIDTH, 256);
      TIFFSetField (tiff, TIFFTAG_TILELENGTH, 256);
      TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
      TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, 3);
      TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
      TIFFSetField (tiff, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
      TIFFSetField (tiff, TIFFTAG_JPEGQUALITY, 90);
      TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
      TIFFSetField (tiff, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
      for (int y = 0; y < side; y += 256)
        for (int x = 0; x < side; x += 256)
          {
            fill_tile (rgb, level, side, x, y);
            g_assert_cmpint (TIFFWriteTile (tiff, rgb, (guint32) x, (guint32) y, 0, 0), >, 0);
          }
      g_assert_true (TIFFWriteDirectory (tiff));
    }
  TIFFClose (tiff);

  return path;
}

/* The local file of @which ("svs" or "tiff"); NULL (test skipped) when
 * the shared slides are absent. */
static char *
local_slide (const char *which)
{
  static char *tiff;
  char *svs;

  if (g_str_equal (which, "tiff"))
    {
      if (tiff == NULL)
        tiff = write_tiff (tiff_dir);
      return g_strdup (tiff);
    }
  svs = cs_test_shared_slide (CMU_SLIDE);
  if (svs == NULL)
    g_test_skip ("../shared/slides/" CMU_SLIDE " is absent: this test needs the project's "
                 "shared test slides");

  return svs;
}

typedef struct
{
  CsTestOrthanc *orthanc;
  CsSlide       *local;
  CsSlide       *remote;
  char          *url;
} Pair;

static void
pair_clear (Pair *pair)
{
  g_clear_object (&pair->local);
  g_clear_object (&pair->remote);
  g_clear_pointer (&pair->url, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pair, pair_clear)

/* Opens @which locally and from the server; FALSE when skipped. */
static gboolean
open_pair (Pair       *pair,
           const char *which)
{
  g_autofree char *path = local_slide (which);
  gboolean svs = g_str_equal (which, "svs");
  g_autoptr(GError) error = NULL;

  if (path == NULL || (pair->orthanc = cs_test_orthanc_get_or_skip ()) == NULL)
    return FALSE;

  pair->url = cs_test_remote_slide_url (pair->orthanc, path, svs ? CMU_DATASET : TIFF_DATASET,
                                        svs ? "CS-SLIDE-SVS" : "CS-SLIDE-TIFF");
  pair->local = cs_slide_new (path, &error);
  g_assert_no_error (error);
  pair->remote = cs_slide_new (pair->url, &error);
  g_assert_no_error (error);

  return TRUE;
}

static void
assert_same_geometry (CsSlide *local,
                      CsSlide *remote)
{
  g_assert_cmpuint (cs_slide_get_n_levels (remote), ==, cs_slide_get_n_levels (local));
  for (guint level = 0; level < cs_slide_get_n_levels (local); level++)
    {
      gint64 lw, lh, rw, rh;

      cs_slide_get_level_size (local, level, &lw, &lh);
      cs_slide_get_level_size (remote, level, &rw, &rh);
      g_assert_cmpint (rw, ==, lw);
      g_assert_cmpint (rh, ==, lh);
      g_assert_cmpfloat_with_epsilon (cs_slide_get_level_downsample (remote, level),
                                      cs_slide_get_level_downsample (local, level), 1e-3);
    }
}

/* Renders the same region of both and compares (RENDER_TOLERANCE). */
static void
assert_same_render (Pair   *pair,
                    double  x,
                    double  y,
                    double  zoom,
                    int     width,
                    int     height)
{
  g_autoptr(cairo_surface_t) local = NULL;
  g_autoptr(cairo_surface_t) remote = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;
  int worst = 0;

  g_assert_true (cs_render_region (CS_TILE_SOURCE (pair->local), x, y, zoom, width, height,
                                   &local, &error));
  g_assert_no_error (error);
  g_assert_true (cs_render_region (CS_TILE_SOURCE (pair->remote), x, y, zoom, width, height,
                                   &remote, &error));
  g_assert_no_error (error);

  for (int row = 0; row < height; row++)
    {
      const guint8 *a = cairo_image_surface_get_data (local) +
                        row * cairo_image_surface_get_stride (local);
      const guint8 *b = cairo_image_surface_get_data (remote) +
                        row * cairo_image_surface_get_stride (remote);

      for (int i = 0; i < width * 4; i++)
        {
          int d = ABS ((int) a[i] - (int) b[i]);

          worst = MAX (worst, d);
          total += (guint64) d;
        }
    }
  g_test_message ("%s at zoom %g: worst channel difference %d, mean %g", pair->url, zoom,
                  worst, (double) total / ((double) width * height * 4));
  g_assert_cmpint (worst, <=, RENDER_TOLERANCE);
  g_assert_cmpfloat ((double) total / ((double) width * height * 4), <, 2.0);
}

static void
test_svs (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  g_autofree char *identity = NULL;
  double lx = 0, ly = 0, rx = 0, ry = 0;
  guint fetches;
  int tw = 0, th = 0;

  if (!open_pair (&pair, "svs"))
    return;

  assert_same_geometry (pair.local, pair.remote);
  cs_tile_source_get_native_tile_size (CS_TILE_SOURCE (pair.remote), 0, &tw, &th);
  g_assert_cmpint (tw, ==, 240);
  g_assert_cmpint (th, ==, 240);
  g_assert_cmpstr (cs_slide_get_vendor (pair.remote), ==, "dicomweb");
  g_assert_cmpstr (cs_slide_get_path (pair.remote), ==, pair.url);
  g_assert_false (cs_slide_get_failed (pair.remote));

  /* The dicomizer writes PixelSpacing from the imaged size the harness
   * gives it from the slide's own mpp (0.499): the remote slide reads it
   * back, column spacing across, row spacing down. */
  g_assert_true (cs_slide_get_mpp (pair.local, &lx, &ly));
  g_assert_cmpfloat_with_epsilon (lx, 0.499, 1e-6);
  g_assert_true (cs_slide_get_mpp (pair.remote, &rx, &ry));
  g_assert_cmpfloat_with_epsilon (rx, 0.499, 1e-4);
  g_assert_cmpfloat_with_epsilon (ry, 0.499, 1e-4);

  /* Its identity is its series, known without hashing anything. */
  identity = g_strconcat ("dicom-series:", strrchr (pair.url, '/') + 1, NULL);
  g_assert_cmpstr (cs_slide_get_sha256 (pair.remote), ==, identity);
  g_assert_cmpstr (cs_slide_compute_identity (pair.remote, NULL, NULL), ==, identity);
  g_assert_true (cs_slide_identity_is_remote (identity));

  /* Frames across tile edges, at full resolution and zoomed out. */
  fetches = _cs_dicomweb_get_n_frame_fetches ();
  assert_same_render (&pair, 700, 900, 1.0, 500, 400);
  g_assert_cmpuint (_cs_dicomweb_get_n_frame_fetches (), >, fetches);
  assert_same_render (&pair, 0, 0, 0.1, 222, 296);
}

static void
test_tiff (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };

  if (!open_pair (&pair, "tiff"))
    return;

  assert_same_geometry (pair.local, pair.remote);
  g_assert_cmpuint (cs_slide_get_n_levels (pair.remote), ==, 3);
  assert_same_render (&pair, 200, 300, 1.0, 600, 500);
  assert_same_render (&pair, 0, 0, 0.5, 1024, 1024);
  assert_same_render (&pair, 0, 0, 0.25, 512, 512);
}

/* A second visit: the same region of the same series, from a new slide
 * object, reads every frame from the disk cache. */
static void
test_cache (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  g_autofree char *dir = g_build_filename (cache_home, "consilium", "dicomweb", NULL);
  guint fetches;

  if (!open_pair (&pair, "svs"))
    return;

  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  fetches = _cs_dicomweb_get_n_frame_fetches ();
  assert_same_render (&pair, 700, 900, 1.0, 500, 400);
  g_assert_cmpuint (_cs_dicomweb_get_n_frame_fetches (), ==, fetches);
}

/* Annotations made on a remote slide are stored under its identity and
 * found again. */
static void
test_annotations (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(CsAnnotationList) list = NULL;
  g_autoptr(CsAnnotationStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *identity;

  if (!open_pair (&pair, "svs"))
    return;

  dir = cs_test_make_tmpdir ();
  identity = cs_slide_get_sha256 (pair.remote);
  annotations = cs_test_annotations_every_shape ();
  list = cs_annotation_list_new ();
  store = cs_annotation_store_new (list, dir, identity);
  g_assert_true (cs_annotation_store_load (store, &error));
  g_assert_no_error (error);
  cs_annotation_list_add_many (list, annotations, "Import");
  g_assert_true (cs_annotation_store_close (store, &error));
  g_assert_no_error (error);

  read = cs_annotation_store_read (dir, identity, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, annotations->len);
  cs_test_remove_tree (dir);
}

static void
test_wrong_password (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;

  if (!open_pair (&pair, "svs"))
    return;

  cs_test_remote_set_password ("not-the-password");
  slide = cs_slide_new (pair.url, &error);
  cs_test_remote_set_password (NULL);
  g_assert_null (slide);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, pair.url));
}

static void
test_unknown_series (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!open_pair (&pair, "svs"))
    return;

  url = g_strconcat (pair.url, "9", NULL);
  slide = cs_slide_new (url, &error);
  g_assert_null (slide);
  g_assert_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, url));
}

/* Opening is cancellable (the window cancels a slow server's). */
static void
test_cancelled_open (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GObject) slide = NULL;
  g_autoptr(GError) error = NULL;

  if (!open_pair (&pair, "svs"))
    return;

  g_cancellable_cancel (cancellable);
  slide = g_initable_new (CS_TYPE_SLIDE, cancellable, &error, "path", pair.url, NULL);
  g_assert_null (slide);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  guint   n_loaded;
  guint   n_failed;
  guint   n_expired;
  GError *error;
} LoaderEvents;

static void
on_loaded (CsTileLoader *loader,
           CsTile       *tile,
           LoaderEvents *events)
{
  events->n_loaded++;
}

static void
on_failed (CsTileLoader *loader,
           gpointer      key,
           const GError *error,
           LoaderEvents *events)
{
  events->n_failed++;
  g_clear_error (&events->error);
  events->error = g_error_copy (error);
}

static void
on_expired (CsTileLoader *loader,
            LoaderEvents *events)
{
  events->n_expired++;
}

static gboolean
has_failed (gpointer data)
{
  return ((LoaderEvents *) data)->n_failed > 0;
}

static gboolean
has_expired (gpointer data)
{
  return ((LoaderEvents *) data)->n_expired > 0;
}

static gboolean
has_loaded (gpointer data)
{
  return ((LoaderEvents *) data)->n_loaded > 0;
}

/* A tile loader on @slide with its cache, asked for @key alone, counting
 * what it reports. */
typedef struct
{
  CsTileCache  *cache;
  CsTileLoader *loader;
  GArray       *keys;
  LoaderEvents  events;
} Watch;

static void
watch_init (Watch     *watch,
            CsSlide   *slide,
            CsTileKey  key)
{
  watch->cache = cs_tile_cache_new (64 << 20);
  watch->loader = cs_tile_loader_new (CS_TILE_SOURCE (slide), watch->cache, 2);
  watch->keys = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  g_array_append_val (watch->keys, key);
  g_signal_connect (watch->loader, "tile-loaded", G_CALLBACK (on_loaded), &watch->events);
  g_signal_connect (watch->loader, "tile-failed", G_CALLBACK (on_failed), &watch->events);
  g_signal_connect (watch->loader, "failures-expired", G_CALLBACK (on_expired),
                    &watch->events);
}

static void
watch_clear (Watch *watch)
{
  g_clear_object (&watch->loader);
  g_clear_object (&watch->cache);
  g_clear_pointer (&watch->keys, g_array_unref);
  g_clear_error (&watch->events.error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Watch, watch_clear)

/* The server stops while the slide is open: a tile not cached fails as a
 * tile error (the slide is not failed; cached regions still read); the
 * loader forgets the failure after its retry interval, and once the
 * server is back, the tile asked for again loads. */
static void
test_server_stopped (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  g_auto(Watch) watch = { NULL, NULL, NULL, { 0, 0, 0, NULL } };
  g_autofree guint32 *pixels = g_new (guint32, 256 * 256);
  g_autoptr(GError) error = NULL;
  CsTileKey key = { 0, 7, 7 };

  if (!open_pair (&pair, "tiff"))
    return;

  watch_init (&watch, pair.remote, key);
  cs_tile_loader_set_retry_interval (watch.loader, 300);
  cs_test_orthanc_stop (pair.orthanc);
  cs_tile_loader_request (watch.loader, watch.keys);
  g_assert_true (cs_test_wait_until (has_failed, &watch.events, 60000));
  g_assert_error (watch.events.error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_REMOTE);
  g_assert_nonnull (strstr (watch.events.error->message, pair.url));
  g_assert_true (cs_tile_cache_is_failed (watch.cache, &key));
  g_assert_false (cs_slide_get_failed (pair.remote));

  /* Cached by test_tiff: still there. */
  g_assert_true (cs_slide_read_region (pair.remote, pixels, 200, 300, 0, 256, 256, &error));
  g_assert_no_error (error);

  g_assert_true (cs_test_orthanc_restart (pair.orthanc, &error));
  g_assert_no_error (error);
  g_assert_true (cs_test_wait_until (has_expired, &watch.events, 5000));
  g_assert_false (cs_tile_cache_is_failed (watch.cache, &key));
  cs_tile_loader_request (watch.loader, watch.keys);
  g_assert_true (cs_test_wait_until (has_loaded, &watch.events, 30000));
  g_assert_nonnull (cs_tile_cache_lookup (watch.cache, &key));
}

/* consilium-cli info and render of a dicomweb: URL, with the password
 * from a file; without it, the server's refusal names the slide. */
static void
test_cli (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  CsTestCli cli = { NULL };
  g_autofree char *password = NULL;
  g_autofree char *png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) image = NULL;

  if (!open_pair (&pair, "svs"))
    return;

  cs_test_cli_setup (&cli, NULL);
  password = cs_test_cli_path (&cli, "password.txt");
  png = cs_test_cli_path (&cli, "remote.png");
  g_file_set_contents (password, CS_TEST_ORTHANC_PASSWORD "\n", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (cs_test_cli_run (&cli, "info", "--user", CS_TEST_ORTHANC_USER,
                                    "--password-file", password, pair.url, NULL), ==, 0);
  g_test_message ("consilium-cli info %s:\n%s", pair.url, cli.out);
  g_assert_nonnull (strstr (cli.out, "dicomweb"));
  g_assert_nonnull (strstr (cli.out, "2220 x 2967"));
  g_assert_nonnull (strstr (cli.out, cs_slide_get_sha256 (pair.remote)));

  g_assert_cmpint (cs_test_cli_run (&cli, "render", "--user", CS_TEST_ORTHANC_USER,
                                    "--password-file", password, pair.url, "--region",
                                    "100,100,400,300", "-o", png, NULL), ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 300);

  cs_test_cli_run (&cli, "info", pair.url, NULL);
  cs_test_cli_assert_error (&cli, 1, pair.url);
  cs_test_cli_run (&cli, "info", "--password-file", password, pair.url, NULL);
  cs_test_cli_assert_error (&cli, 2, "--user");

  cs_test_cli_teardown (&cli, NULL);
}

static gboolean
loader_idle (gpointer data)
{
  return !cs_tile_loader_is_busy (data);
}

/* A tile the view no longer wants is not waited for: its fetch from a
 * stopped server (which the client retries for 3 s) is cancelled at once,
 * and it is neither failed nor delivered. */
static void
test_fetch_cancelled (void)
{
  g_auto(Pair) pair = { NULL, NULL, NULL, NULL };
  g_auto(Watch) watch = { NULL, NULL, NULL, { 0, 0, 0, NULL } };
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (CsTileKey));
  g_autoptr(GError) error = NULL;
  CsTileKey key = { 0, 6, 7 };
  gint64 start;

  if (!open_pair (&pair, "tiff"))
    return;

  watch_init (&watch, pair.remote, key);
  cs_test_orthanc_stop (pair.orthanc);
  cs_tile_loader_request (watch.loader, watch.keys);
  g_usleep (300 * 1000);
  g_assert_true (cs_tile_loader_is_busy (watch.loader));
  start = g_get_monotonic_time ();
  cs_tile_loader_request (watch.loader, none);
  g_assert_true (cs_test_wait_until (loader_idle, watch.loader, 5000));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpuint (watch.events.n_failed, ==, 0);
  g_assert_cmpuint (watch.events.n_loaded, ==, 0);
  g_assert_false (cs_tile_cache_is_failed (watch.cache, &key));

  g_assert_true (cs_test_orthanc_restart (pair.orthanc, &error));
  g_assert_no_error (error);
}

/* A loopback server, in a thread of its own, answering every request
 * with @body: valid DICOM JSON that is no WSI series metadata. */
typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  const char   *body;
  guint         port;
  GMutex        mutex;
  GCond         ready;
} BadServer;

static void
bad_handler (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  BadServer *bad = user_data;

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/dicom+json", SOUP_MEMORY_STATIC,
                                    bad->body, strlen (bad->body));
}

static gpointer
bad_server_thread (gpointer data)
{
  BadServer *bad = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (bad->context);
  bad->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (bad->server, NULL, bad_handler, bad, NULL);
  soup_server_listen_local (bad->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (bad->server);
  g_mutex_lock (&bad->mutex);
  bad->port = (guint) g_uri_get_port (uris->data);
  g_cond_signal (&bad->ready);
  g_mutex_unlock (&bad->mutex);
  for (GSList *l = uris; l != NULL; l = l->next)
    g_uri_unref (l->data);
  g_slist_free (uris);

  g_main_loop_run (bad->loop);
  g_clear_object (&bad->server);
  g_main_context_pop_thread_default (bad->context);

  return NULL;
}

/* The open of a slide whose server answers metadata that describes no
 * pyramid fails, naming the slide and the cause. */
static void
test_malformed_answer (void)
{
  BadServer bad = { NULL };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  bad.context = g_main_context_new ();
  bad.loop = g_main_loop_new (bad.context, FALSE);
  /* A WSI instance without its size. */
  bad.body = "[{\"00080016\": {\"vr\": \"UI\", \"Value\": "
             "[\"1.2.840.10008.5.1.4.1.1.77.1.6\"]}, "
             "\"00080018\": {\"vr\": \"UI\", \"Value\": [\"1.2.3.4\"]}}]";
  g_mutex_init (&bad.mutex);
  g_cond_init (&bad.ready);
  g_mutex_lock (&bad.mutex);
  thread = g_thread_new ("bad-server", bad_server_thread, &bad);
  while (bad.port == 0)
    g_cond_wait (&bad.ready, &bad.mutex);
  g_mutex_unlock (&bad.mutex);

  url = g_strdup_printf ("dicomweb:http://127.0.0.1:%u/dicom-web/studies/1.2/series/1.2.3",
                         bad.port);
  slide = cs_slide_new (url, &error);
  g_assert_null (slide);
  g_assert_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "TotalPixelMatrixColumns (00480006)"));

  g_main_loop_quit (bad.loop);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (bad.loop);
  g_main_context_unref (bad.context);
  g_mutex_clear (&bad.mutex);
  g_cond_clear (&bad.ready);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Frames are cached here, not in the user's cache. */
  cache_home = cs_test_make_tmpdir ();
  tiff_dir = cs_test_make_tmpdir ();
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  cs_test_remote_set_password (NULL);

  g_test_add_func ("/cs/dicomweb-slide/malformed-answer", test_malformed_answer);
  g_test_add_func ("/cs/dicomweb-slide/svs", test_svs);
  g_test_add_func ("/cs/dicomweb-slide/tiff", test_tiff);
  g_test_add_func ("/cs/dicomweb-slide/cache", test_cache);
  g_test_add_func ("/cs/dicomweb-slide/annotations", test_annotations);
  g_test_add_func ("/cs/dicomweb-slide/wrong-password", test_wrong_password);
  g_test_add_func ("/cs/dicomweb-slide/unknown-series", test_unknown_series);
  g_test_add_func ("/cs/dicomweb-slide/cancelled-open", test_cancelled_open);
  g_test_add_func ("/cs/dicomweb-slide/cli", test_cli);
  g_test_add_func ("/cs/dicomweb-slide/server-stopped", test_server_stopped);
  g_test_add_func ("/cs/dicomweb-slide/fetch-cancelled", test_fetch_cancelled);

  status = g_test_run ();
  cs_test_remove_tree (cache_home);
  cs_test_remove_tree (tiff_dir);
  g_free (cache_home);
  g_free (tiff_dir);

  return status;
}
