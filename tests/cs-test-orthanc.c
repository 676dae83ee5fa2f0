/* cs-test-orthanc.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-slide.h"
#include "cs-test-orthanc.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>

#include "cs-test-utils.h"

/* Orthanc for the DICOMweb tests (see the header). The server is a child
 * process that dies with the test program; readiness is an answered GET
 * /system. */

#define DICOMWEB_PLUGIN "/usr/share/orthanc/plugins/libOrthancDicomWeb.so"
#define START_TIMEOUT_US (30 * G_USEC_PER_SEC)
#define POLL_INTERVAL_US (50 * 1000)

struct _CsTestOrthanc
{
  char        *orthanc;
  char        *tmpdir;
  char        *config;
  guint        port;
  char        *url;
  char        *dicomweb_url;
  GSubprocess *process;
  GHashTable  *loaded;   /* "slide\ndataset" */
};

static CsTestOrthanc *the_server;
static GError *the_start_error;

static char *
find_orthanc (void)
{
  char *path = g_find_program_in_path ("Orthanc");

  if (path == NULL && g_file_test ("/usr/sbin/Orthanc", G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup ("/usr/sbin/Orthanc");

  return path;
}

gboolean
cs_test_orthanc_available (char **reason)
{
  g_autofree char *orthanc = find_orthanc ();
  g_autofree char *dicomizer = g_find_program_in_path ("OrthancWSIDicomizer");
  const char *missing = NULL;

  if (orthanc == NULL)
    missing = "Orthanc (Debian package orthanc)";
  else if (!g_file_test (DICOMWEB_PLUGIN, G_FILE_TEST_EXISTS))
    missing = "Orthanc's DICOMweb plugin (Debian package orthanc-dicomweb)";
  else if (dicomizer == NULL)
    missing = "OrthancWSIDicomizer (Debian package orthanc-wsi)";

  if (missing != NULL && reason != NULL)
    *reason = g_strdup_printf ("%s is not installed: the DICOMweb tests need a real "
                               "Orthanc server", missing);

  return missing == NULL;
}

guint
cs_test_orthanc_unused_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
write_config (CsTestOrthanc *self,
              GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *storage = g_build_filename (self->tmpdir, "storage", NULL);
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Name");
  json_builder_add_string_value (builder, "consilium-test");
  json_builder_set_member_name (builder, "StorageDirectory");
  json_builder_add_string_value (builder, storage);
  json_builder_set_member_name (builder, "IndexDirectory");
  json_builder_add_string_value (builder, storage);
  json_builder_set_member_name (builder, "HttpPort");
  json_builder_add_int_value (builder, self->port);
  json_builder_set_member_name (builder, "DicomPort");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "RemoteAccessAllowed");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "AuthenticationEnabled");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "RegisteredUsers");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, CS_TEST_ORTHANC_USER);
  json_builder_add_string_value (builder, CS_TEST_ORTHANC_PASSWORD);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "Plugins");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, DICOMWEB_PLUGIN);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "DicomWeb");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Enable");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "Root");
  json_builder_add_string_value (builder, "/dicom-web/");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  return g_file_set_contents (self->config, text, -1, error);
}

/* In the child, before exec: die with the test program. */
static void
die_with_parent_cb (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Whether GET /system answers 200 with our credentials. */
static gboolean
answers (CsTestOrthanc *self,
         SoupSession   *session)
{
  g_autofree char *uri = g_strconcat (self->url, "/system", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autofree char *pair = g_strconcat (CS_TEST_ORTHANC_USER ":" CS_TEST_ORTHANC_PASSWORD,
                                       NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", authorization);
  body = soup_session_send_and_read (session, message, NULL, NULL);

  return body != NULL && soup_message_get_status (message) == SOUP_STATUS_OK;
}

static gboolean
wait_until_ready (CsTestOrthanc *self,
                  GError       **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 2, NULL);
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  while (g_get_monotonic_time () < deadline)
    {
      if (g_subprocess_get_identifier (self->process) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "Orthanc exited at start (see %s/orthanc.log)", self->tmpdir);
          return FALSE;
        }
      if (answers (self, session))
        return TRUE;
      g_usleep (POLL_INTERVAL_US);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "Orthanc did not answer on port %u within 30 s (see %s/orthanc.log)",
               self->port, self->tmpdir);
  return FALSE;
}

static gboolean
launch (CsTestOrthanc *self,
        GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *log = g_build_filename (self->tmpdir, "orthanc.log", NULL);

  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb, NULL, NULL);
  g_clear_object (&self->process);
  self->process = g_subprocess_launcher_spawn (launcher, error, self->orthanc,
                                               self->config, NULL);
  if (self->process == NULL)
    return FALSE;

  return wait_until_ready (self, error);
}

void
cs_test_orthanc_stop (CsTestOrthanc *self)
{
  g_return_if_fail (self != NULL);

  if (self->process == NULL)
    return;
  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

gboolean
cs_test_orthanc_restart (CsTestOrthanc *self,
                         GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  cs_test_orthanc_stop (self);

  return launch (self, error);
}

static void
orthanc_free (CsTestOrthanc *self)
{
  cs_test_orthanc_stop (self);
  if (g_getenv ("CS_TEST_ORTHANC_KEEP") == NULL)
    cs_test_remove_tree (self->tmpdir);
  g_free (self->orthanc);
  g_free (self->tmpdir);
  g_free (self->config);
  g_free (self->url);
  g_free (self->dicomweb_url);
  g_hash_table_unref (self->loaded);
  g_free (self);
}

static void
stop_at_exit (void)
{
  g_clear_pointer (&the_server, orthanc_free);
}

static CsTestOrthanc *
start (GError **error)
{
  CsTestOrthanc *self = g_new0 (CsTestOrthanc, 1);

  self->orthanc = find_orthanc ();
  self->tmpdir = cs_test_make_tmpdir ();
  self->config = g_build_filename (self->tmpdir, "orthanc.json", NULL);
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The port is free when chosen; another process may take it before
   * Orthanc binds it, so try a few. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_clear_error (error);
      self->port = cs_test_orthanc_unused_port ();
      g_free (self->url);
      self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
      if (write_config (self, error) && launch (self, error))
        break;
      cs_test_orthanc_stop (self);
    }
  if (self->process == NULL)
    {
      orthanc_free (self);
      return NULL;
    }

  self->dicomweb_url = g_strconcat (self->url, "/dicom-web", NULL);
  g_test_message ("Orthanc listens on %s (files in %s)", self->url, self->tmpdir);

  return self;
}

CsTestOrthanc *
cs_test_orthanc_get_or_skip (void)
{
  g_autofree char *reason = NULL;

  if (!cs_test_orthanc_available (&reason))
    {
      g_test_skip (reason);
      return NULL;
    }

  if (the_server == NULL && the_start_error == NULL)
    {
      the_server = start (&the_start_error);
      if (the_server != NULL)
        atexit (stop_at_exit);
    }

  if (the_server == NULL)
    {
      g_test_message ("Orthanc did not start: %s", the_start_error->message);
      g_test_fail ();
    }

  return the_server;
}

const char *
cs_test_orthanc_get_url (CsTestOrthanc *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

const char *
cs_test_orthanc_get_dicomweb_url (CsTestOrthanc *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dicomweb_url;
}

guint
cs_test_orthanc_get_port (CsTestOrthanc *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

/* The specimen's size in mm, so that the archive's pixel spacing is the
 * slide's own (the dicomizer assumes 15 mm × 15 mm otherwise, which made
 * CMU-1's pixels 13 times too large). orthanc-wsi 1.1 divides the imaged
 * width by the rows and the height by the columns (dcmdump of its
 * PixelSpacing): the two are given crosswise so that the spacing comes
 * out right. Nothing when the slide has no mpp. */
static void
add_imaged_size (GPtrArray  *argv,
                 const char *slide)
{
  g_autoptr(CsSlide) source = cs_slide_new (slide, NULL);
  char width[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];
  double mpp_x = 0, mpp_y = 0;
  gint64 w = 0, h = 0;

  if (source == NULL)
    return;
  cs_slide_get_mpp (source, &mpp_x, &mpp_y);
  cs_slide_get_level_size (source, 0, &w, &h);
  if (mpp_x <= 0 || mpp_y <= 0 || w <= 0 || h <= 0)
    return;
  g_ascii_formatd (width, sizeof width, "%.6f", h * mpp_y / 1000);
  g_ascii_formatd (height, sizeof height, "%.6f", w * mpp_x / 1000);
  g_ptr_array_add (argv, g_strconcat ("--imaged-width=", width, NULL));
  g_ptr_array_add (argv, g_strconcat ("--imaged-height=", height, NULL));
}

/* Runs the dicomizer on @slide with @dataset and @target_args (its
 * destination), or fails naming what it said. */
static gboolean
dicomize (const char         *slide,
          const char         *dataset,
          const char         *workdir,
          const char *const  *target_args,
          GError            **error)
{
  static guint n_datasets;
  g_autofree char *dicomizer = g_find_program_in_path ("OrthancWSIDicomizer");
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  int status = 0;

  g_ptr_array_add (argv, g_strdup (dicomizer));
  for (guint i = 0; target_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (target_args[i]));
  g_ptr_array_add (argv, g_strdup ("--threads=2"));
  add_imaged_size (argv, slide);
  if (dataset != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/dataset-%u.json", workdir, n_datasets++);

      if (!g_file_set_contents (path, dataset, -1, error))
        return FALSE;
      g_ptr_array_add (argv, g_strconcat ("--dataset=", path, NULL));
    }
  g_ptr_array_add (argv, g_strdup (slide));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                     NULL, NULL, &output, &errors, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "OrthancWSIDicomizer %s: ", slide);
      g_test_message ("OrthancWSIDicomizer said: %s%s", output, errors);
      return FALSE;
    }

  return TRUE;
}

gboolean
cs_test_orthanc_load_slide (CsTestOrthanc *self,
                            const char    *slide,
                            const char    *dataset,
                            GError       **error)
{
  g_autofree char *key = NULL;
  g_autofree char *orthanc_arg = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (slide != NULL, FALSE);

  key = g_strconcat (slide, "\n", dataset != NULL ? dataset : "", NULL);
  if (g_hash_table_contains (self->loaded, key))
    return TRUE;

  orthanc_arg = g_strconcat ("--orthanc=", self->url, NULL);
  if (!dicomize (slide, dataset, self->tmpdir,
                 (const char *const[]) { orthanc_arg, "--username=" CS_TEST_ORTHANC_USER,
                                         "--password=" CS_TEST_ORTHANC_PASSWORD, NULL },
                 error))
    return FALSE;
  g_hash_table_add (self->loaded, g_steal_pointer (&key));

  return TRUE;
}

char *
cs_test_orthanc_dicomize (const char *slide,
                          const char *dataset,
                          const char *folder,
                          GError    **error)
{
  g_autofree char *folder_arg = g_strconcat ("--folder=", folder, NULL);
  g_autofree char *pattern_arg = g_strconcat ("--folder-pattern=", "wsi-%06d.dcm", NULL);

  g_return_val_if_fail (slide != NULL && folder != NULL, NULL);

  if (!dicomize (slide, dataset, folder,
                 (const char *const[]) { folder_arg, pattern_arg, NULL }, error))
    return NULL;

  return g_build_filename (folder, "wsi-000000.dcm", NULL);
}

CsTestOrthanc *
cs_test_orthanc_get_with_slide_or_skip (const char *name,
                                        const char *dataset)
{
  g_autofree char *slide = cs_test_shared_slide (name);
  g_autoptr(GError) error = NULL;
  CsTestOrthanc *orthanc;

  if (slide == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("../shared/slides/%s is absent: this test "
                                                 "needs the project's shared test slides",
                                                 name);

      g_test_skip (reason);
      return NULL;
    }
  orthanc = cs_test_orthanc_get_or_skip ();
  if (orthanc == NULL)
    return NULL;
  if (!cs_test_orthanc_load_slide (orthanc, slide, dataset, &error))
    {
      g_test_message ("%s", error->message);
      g_test_fail ();
      return NULL;
    }

  return orthanc;
}
