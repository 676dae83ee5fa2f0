/* cs-test-cli.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A temporary folder (with the identity cache in "cache"), the sample
 * slide, the environment the CLI runs in, and its last run. */
typedef struct
{
  char  *tmpdir;
  char  *sample;
  char **envp;
  int    status;
  char  *out;
  char  *err;
} CsTestCli;

void  cs_test_cli_setup        (CsTestCli     *f,
                                gconstpointer  data);
void  cs_test_cli_teardown     (CsTestCli     *f,
                                gconstpointer  data);
char *cs_test_cli_path         (CsTestCli     *f,
                                const char    *name);
/* Runs consilium-cli with the NULL-terminated arguments; returns its exit
 * status, stdout and stderr in @f. */
int   cs_test_cli_run          (CsTestCli     *f,
                                const char    *first,
                                ...);
/* The same with the arguments in a %NULL-terminated array. */
int   cs_test_cli_runv         (CsTestCli          *f,
                                const char *const  *args);
/* Failed with @status, a "consilium-cli: " message holding @text, no
 * output. */
void  cs_test_cli_assert_error (CsTestCli     *f,
                                int            status,
                                const char    *text);

G_END_DECLS
