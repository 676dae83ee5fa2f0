/* cs-test-cli.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-test-cli.h"
#include "cs-test-utils.h"

/* Runs the built consilium-cli ($CS_CLI) as a user would, for test-cli.c
 * and test-cli-package.c. */

void
cs_test_cli_setup (CsTestCli     *f,
                   gconstpointer  data)
{
  g_autofree char *cache = NULL;

  f->tmpdir = cs_test_make_tmpdir ();
  cache = g_build_filename (f->tmpdir, "cache", NULL);
  f->sample = cs_test_sample_slide ();
  g_assert_nonnull (f->sample);
  f->envp = g_get_environ ();
  f->envp = g_environ_setenv (f->envp, "LC_ALL", "C.UTF-8", TRUE);
  f->envp = g_environ_setenv (f->envp, "XDG_CACHE_HOME", cache, TRUE);
}

void
cs_test_cli_teardown (CsTestCli     *f,
                      gconstpointer  data)
{
  cs_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->sample);
  g_strfreev (f->envp);
  g_free (f->out);
  g_free (f->err);
}

char *
cs_test_cli_path (CsTestCli  *f,
                  const char *name)
{
  return g_build_filename (f->tmpdir, name, NULL);
}

int
cs_test_cli_run (CsTestCli  *f,
                 const char *first,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return cs_test_cli_runv (f, (const char *const *) args->pdata);
}

int
cs_test_cli_runv (CsTestCli         *f,
                  const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("CS_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_spawn_sync (NULL, (char **) argv->pdata, f->envp, G_SPAWN_DEFAULT, NULL, NULL,
                &f->out, &f->err, &wait_status, &error);
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &error))
    f->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    f->status = error->code;
  else
    g_error ("consilium-cli crashed: %s\n%s", error->message, f->err);

  line = g_strjoinv (" ", (char **) argv->pdata + 1);
  g_test_message ("consilium-cli %s -> %d; stderr: %.*s", line, f->status,
                  (int) strcspn (f->err, "\n"), f->err);
  return f->status;
}

void
cs_test_cli_assert_error (CsTestCli  *f,
                          int         status,
                          const char *text)
{
  g_assert_cmpint (f->status, ==, status);
  g_assert_true (g_str_has_prefix (f->err, "consilium-cli: "));
  g_assert_nonnull (strstr (f->err, text));
  g_assert_cmpstr (f->out, ==, "");
}

