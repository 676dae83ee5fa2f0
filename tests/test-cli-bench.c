/* test-cli-bench.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-cli.h"

/* consilium-cli bench's command line. The benchmark itself is never run
 * by the test suite (meson test --benchmark runs it): only what is refused
 * before anything is measured. */

typedef CsTestCli Fixture;

static void
test_cli_bench_usage_errors (Fixture       *f,
                             gconstpointer  data)
{
  /* Arguments after "bench", and what stderr must name. */
  const char *cases[][3] = {
    { "--only", "frobnicate", "frobnicate" },
    { "--seed", "-1", "seed" },
    { "--seed", "many", "many" },
    { "extra", NULL, "extra" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cs_test_cli_run (f, "bench", cases[i][0], cases[i][1], NULL);
      cs_test_cli_assert_error (f, 2, cases[i][2]);
    }
}

/* A tissue slide that does not exist is a failure naming it, before any
 * slide is generated into the cache folder. */
static void
test_cli_bench_missing_tissue (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *tissue = cs_test_cli_path (f, "no-such-slide.svs");
  g_autofree char *cache = cs_test_cli_path (f, "bench-cache");

  cs_test_cli_run (f, "bench", "--quick", "--only", "viewer", "--tissue", tissue,
                   "--cache-dir", cache, NULL);
  cs_test_cli_assert_error (f, 1, "no-such-slide.svs");
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/cli-bench/usage-errors", Fixture, NULL,
              cs_test_cli_setup, test_cli_bench_usage_errors, cs_test_cli_teardown);
  g_test_add ("/cs/cli-bench/missing-tissue", Fixture, NULL,
              cs_test_cli_setup, test_cli_bench_missing_tissue, cs_test_cli_teardown);

  return g_test_run ();
}
