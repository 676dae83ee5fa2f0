/* cs-test-live-cli.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-live-cli.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "cs-annotation-store.h"
#include "cs-live-session.h"
#include "cs-test-utils.h"

/* Long-running consilium-cli processes for the live tests: their output
 * is read asynchronously on the default main context, so that a test
 * waits for a line or for the exit with cs_test_wait_until () and never
 * blocks on a pipe. */

struct _CsTestLiveProcess
{
  GSubprocess      *process;
  GDataInputStream *out;
  GInputStream     *err;
  GCancellable     *cancellable;
  GString          *out_text;
  GString          *err_text;
  guint             pending;
  gboolean          exited;
  int               status;
  char             *command;
};

static void read_out (CsTestLiveProcess *self);
static void read_err (CsTestLiveProcess *self);

static void
on_line_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CsTestLiveProcess *self = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                                      result, NULL, NULL);

  self->pending--;
  if (line == NULL)
    return;
  g_string_append_printf (self->out_text, "%s\n", line);
  read_out (self);
}

static void
read_out (CsTestLiveProcess *self)
{
  self->pending++;
  g_data_input_stream_read_line_async (self->out, G_PRIORITY_DEFAULT, self->cancellable,
                                       on_line_cb, self);
}

static void
on_err_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CsTestLiveProcess *self = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              NULL);

  self->pending--;
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return;
  g_string_append_len (self->err_text, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  read_err (self);
}

static void
read_err (CsTestLiveProcess *self)
{
  self->pending++;
  g_input_stream_read_bytes_async (self->err, 4096, G_PRIORITY_DEFAULT, self->cancellable,
                                   on_err_cb, self);
}

static void
on_exit_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CsTestLiveProcess *self = user_data;
  gboolean done = g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);

  self->pending--;
  if (!done)
    return;
  self->exited = TRUE;
  if (g_subprocess_get_if_exited (self->process))
    self->status = g_subprocess_get_exit_status (self->process);
  else
    self->status = 128 + g_subprocess_get_term_sig (self->process);
}

CsTestLiveProcess *
cs_test_live_spawn (char              **envp,
                    const char         *home,
                    const char *const  *prefix,
                    const char *const  *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  CsTestLiveProcess *self = g_new0 (CsTestLiveProcess, 1);

  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  for (guint i = 0; prefix != NULL && prefix[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) prefix[i]);
  g_ptr_array_add (argv, (char *) g_getenv ("CS_CLI"));
  g_assert_nonnull (g_getenv ("CS_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  self->command = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("starting %s", self->command);

  self->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);
  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  self->err = g_object_ref (g_subprocess_get_stderr_pipe (self->process));
  self->cancellable = g_cancellable_new ();
  self->out_text = g_string_new (NULL);
  self->err_text = g_string_new (NULL);
  read_out (self);
  read_err (self);
  self->pending++;
  g_subprocess_wait_async (self->process, self->cancellable, on_exit_cb, self);
  return self;
}

static gboolean
no_pending (gpointer data)
{
  CsTestLiveProcess *self = data;

  return self->pending == 0;
}

void
cs_test_live_process_free (CsTestLiveProcess *self)
{
  if (self == NULL)
    return;
  /* Asked to end first, as a user would; killed when it does not. */
  if (!self->exited)
    {
      g_test_message ("terminating %s", self->command);
      cs_test_live_terminate (self);
      if (cs_test_live_wait_exit (self, CS_TEST_LIVE_TIMEOUT_MS) < 0)
        {
          g_test_message ("killing %s", self->command);
          g_subprocess_force_exit (self->process);
          cs_test_live_wait_exit (self, CS_TEST_LIVE_TIMEOUT_MS);
        }
    }
  g_test_message ("%s -> %d; stderr:\n%s", self->command, self->status, self->err_text->str);
  g_cancellable_cancel (self->cancellable);
  /* Every callback has run before the memory they use goes. */
  g_assert_true (cs_test_wait_until (no_pending, self, 10000));
  g_object_unref (self->process);
  g_object_unref (self->out);
  g_object_unref (self->err);
  g_object_unref (self->cancellable);
  g_string_free (self->out_text, TRUE);
  g_string_free (self->err_text, TRUE);
  g_free (self->command);
  g_free (self);
}

typedef struct
{
  CsTestLiveProcess *process;
  const char        *prefix;
  char              *value;
} LineWait;

static gboolean
has_line (gpointer data)
{
  LineWait *wait = data;
  g_auto(GStrv) lines = g_strsplit (wait->process->out_text->str, "\n", -1);

  for (guint i = 0; lines[i] != NULL && wait->value == NULL; i++)
    if (g_str_has_prefix (lines[i], wait->prefix) && lines[i + 1] != NULL)
      wait->value = g_strdup (lines[i] + strlen (wait->prefix));
  return wait->value != NULL || wait->process->exited;
}

char *
cs_test_live_wait_line (CsTestLiveProcess *self,
                        const char        *prefix,
                        guint              timeout_ms)
{
  LineWait wait = { self, prefix, NULL };

  cs_test_wait_until (has_line, &wait, timeout_ms);
  if (wait.value == NULL)
    g_test_message ("no “%s” line from %s; stdout:\n%s\nstderr:\n%s", prefix, self->command,
                    self->out_text->str, self->err_text->str);
  return wait.value;
}

static gboolean
has_exited (gpointer data)
{
  CsTestLiveProcess *self = data;

  /* The exit, and the output read to its end. */
  return self->exited && self->pending == 0;
}

int
cs_test_live_wait_exit (CsTestLiveProcess *self,
                        guint              timeout_ms)
{
  if (!cs_test_wait_until (has_exited, self, timeout_ms))
    return self->exited ? self->status : -1;
  return self->status;
}

void
cs_test_live_terminate (CsTestLiveProcess *self)
{
  g_subprocess_send_signal (self->process, SIGTERM);
}

const char *
cs_test_live_get_stdout (CsTestLiveProcess *self)
{
  return self->out_text->str;
}

const char *
cs_test_live_get_stderr (CsTestLiveProcess *self)
{
  return self->err_text->str;
}

char *
cs_test_live_annotation_dir (const char *home)
{
  return g_build_filename (home, "data", "consilium", "annotations", NULL);
}

GHashTable *
cs_test_live_read_store (const char *home,
                         const char *sha256)
{
  g_autofree char *dir = cs_test_live_annotation_dir (home);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = cs_annotation_store_read (dir, sha256, NULL, &error);
  GHashTable *by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      CsAnnotation *annotation = annotations->pdata[i];

      g_hash_table_insert (by_id, (char *) cs_annotation_get_id (annotation),
                           g_object_ref (annotation));
    }
  return by_id;
}

static void
json_object_free_cb (gpointer data)
{
  json_object_unref (data);
}

GPtrArray *
cs_test_live_read_record (const char *path,
                          const char *type)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *objects = g_ptr_array_new_with_free_func (json_object_free_cb);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (lines[i][0] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      object = json_node_get_object (json_parser_get_root (parser));
      if (g_str_equal (json_object_get_string_member (object, "type"), type))
        g_ptr_array_add (objects, json_object_ref (object));
    }
  return objects;
}

char *
cs_test_live_write_script (const char *dir,
                           const char *name,
                           const char *script)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
cs_test_live_feature (const char *uuid,
                      double      x,
                      double      y)
{
  char xs[G_ASCII_DTOSTR_BUF_SIZE];
  char ys[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("{\"type\":\"Feature\",\"id\":\"%s\",\"geometry\":{\"type\":\"Point\","
                          "\"coordinates\":[%s,%s]},\"properties\":{\"objectType\":"
                          "\"annotation\"}}", uuid, g_ascii_dtostr (xs, sizeof xs, x),
                          g_ascii_dtostr (ys, sizeof ys, y));
}

void
cs_test_live_setup (CsTestLive   *f,
                    gconstpointer data)
{
  f->tmpdir = cs_test_make_tmpdir ();
  f->sample = cs_test_sample_slide ();
  g_assert_nonnull (f->sample);
  f->envp = g_get_environ ();
  f->envp = g_environ_setenv (f->envp, "LC_ALL", "C.UTF-8", TRUE);
  f->host_home = g_build_filename (f->tmpdir, "host", NULL);
  f->guest_home = g_build_filename (f->tmpdir, "guest", NULL);
}

void
cs_test_live_teardown (CsTestLive   *f,
                       gconstpointer data)
{
  g_clear_pointer (&f->guest, cs_test_live_process_free);
  g_clear_pointer (&f->host, cs_test_live_process_free);
  cs_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->sample);
  g_strfreev (f->envp);
  g_free (f->host_home);
  g_free (f->guest_home);
  g_free (f->link);
  g_free (f->code);
  g_free (f->sha256);
}

char *
cs_test_live_path (CsTestLive *f,
                   const char *name)
{
  return g_build_filename (f->tmpdir, name, NULL);
}

static void
add_args (GPtrArray  *args,
          const char *first,
          va_list     ap)
{
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  g_ptr_array_add (args, NULL);
}

void
cs_test_live_start_host (CsTestLive        *f,
                         const char *const *prefix,
                         const char        *address,
                         const char        *first,
                         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CsLiveLink) link = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) "live");
  g_ptr_array_add (args, (char *) "host");
  g_ptr_array_add (args, f->sample);
  g_ptr_array_add (args, (char *) "--port=0");
  g_ptr_array_add (args, (char *) "--address");
  g_ptr_array_add (args, (char *) (address != NULL ? address : "127.0.0.1"));
  g_ptr_array_add (args, (char *) "--name=" CS_TEST_LIVE_HOST_NAME);
  va_start (ap, first);
  add_args (args, first, ap);
  va_end (ap);
  f->host = cs_test_live_spawn (f->envp, f->host_home, prefix, (const char *const *) args->pdata);
  f->link = cs_test_live_wait_line (f->host, "Link: ", CS_TEST_LIVE_TIMEOUT_MS);
  g_assert_nonnull (f->link);
  f->code = cs_test_live_wait_line (f->host, "Code: ", CS_TEST_LIVE_TIMEOUT_MS);
  g_assert_nonnull (f->code);
  fingerprint = cs_test_live_wait_line (f->host, "Fingerprint: ", CS_TEST_LIVE_TIMEOUT_MS);
  g_assert_nonnull (fingerprint);
  link = cs_live_link_parse (f->link, &error);
  g_assert_no_error (error);
  f->sha256 = g_strdup (link->slide_sha256);
  g_assert_cmpstr (fingerprint, ==, link->fingerprint);
}

void
cs_test_live_start_guest (CsTestLive        *f,
                          const char *const *prefix,
                          const char        *link,
                          const char        *first,
                          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (char *) "live");
  g_ptr_array_add (args, (char *) "join");
  g_ptr_array_add (args, (char *) (link != NULL ? link : f->link));
  g_ptr_array_add (args, (char *) "--code");
  g_ptr_array_add (args, f->code);
  g_ptr_array_add (args, (char *) "--slide");
  g_ptr_array_add (args, f->sample);
  g_ptr_array_add (args, (char *) "--name=" CS_TEST_LIVE_GUEST_NAME);
  va_start (ap, first);
  add_args (args, first, ap);
  va_end (ap);
  f->guest = cs_test_live_spawn (f->envp, f->guest_home, prefix,
                                 (const char *const *) args->pdata);
}
