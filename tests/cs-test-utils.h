/* cs-test-utils.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gboolean (*CsTestPredicate) (gpointer data);

gboolean  cs_test_wait_until        (CsTestPredicate  predicate,
                                     gpointer         data,
                                     guint            timeout_ms);
char     *cs_test_shared_slide      (const char      *name);
char     *cs_test_sample_slide      (void);
char     *cs_test_make_tmpdir       (void);
/* The size of a loop that only makes a test heavy: @full, or @light when
 * CS_TEST_LIGHT is set (.ci/sanitize, .ci/valgrind), where every
 * allocation costs many times more. */
guint     cs_test_workload          (guint            full,
                                     guint            light);
void      cs_test_remove_tree       (const char      *path);
/* @needle anywhere in @bytes (binary). */
gboolean  cs_test_bytes_contains    (GBytes          *bytes,
                                     const char      *needle);

/* @tool (from PATH) with up to two arguments (nullable): its stdout and
 * stderr together; @status (nullable) receives its wait status. */
char     *cs_test_run_tool          (const char      *tool,
                                     const char      *arg1,
                                     const char      *arg2,
                                     int             *status);

/* Skips the current test, naming what is missing, when ../shared is absent
 * (a user's clone of the project). Evaluates to the slide's path. */
#define CS_TEST_SHARED_SLIDE_OR_SKIP(var, name)                             \
  g_autofree char *var = cs_test_shared_slide (name);                       \
  if (var == NULL)                                                          \
    {                                                                       \
      g_test_skip ("../shared/slides/" name " is absent: this test needs "  \
                   "the project's shared test slides");                     \
      return;                                                               \
    }

G_END_DECLS
