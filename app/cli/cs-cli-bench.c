/* cs-cli-bench.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cs-bench.h"
#include "cs-bench-memory-private.h"
#include "cs-utils.h"

/* consilium-cli bench: runs the benchmark's sections (the generated
 * slide, the viewer, the baselines, the annotations), checks the targets
 * of issue 7 and prints every figure as a table; --json writes them too.
 * Missed targets are printed, and make the exit status 1 only with
 * --strict: a benchmark measures, it does not fail a build by default. */

#define SAMPLE_NAME "CMU-1-Small-Region.svs"

static const char *const sections[] = { "memory", "viewer", "baselines", "annotations",
                                         "library", NULL };

/* The real slide the generated one is built from: the sample installed
 * with Consilium, else the one of the shared test data. */
static char *
find_tissue (GError **error)
{
  const char *shared = g_getenv ("CS_SHARED_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", SAMPLE_NAME, NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);

  if (shared != NULL)
    {
      g_autofree char *path = g_build_filename (shared, "slides", SAMPLE_NAME, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The sample slide %s is not installed in %s; name a copy with --tissue"),
               SAMPLE_NAME, PKGDATADIR);
  return NULL;
}

static gboolean
check_only (char   **only,
            GError **error)
{
  for (guint i = 0; only != NULL && only[i] != NULL; i++)
    if (!g_strv_contains (sections, only[i]))
      {
        g_autofree char *known = g_strjoinv (", ", (char **) sections);

        g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                     _("Unknown section “%s” (sections: %s)"), only[i], known);
        return FALSE;
      }

  return TRUE;
}

static gboolean
wanted (char       **only,
        const char  *section)
{
  return only == NULL || g_strv_contains ((const char *const *) only, section);
}

/* The sections that read the generated slide, built from the tissue. */
static gboolean
needs_tissue (char **only)
{
  return wanted (only, "memory") || wanted (only, "viewer") || wanted (only, "baselines");
}

/* @tissue (owned; NULL: the installed sample) into @ctx, if it exists. */
static gboolean
resolve_tissue (CsBenchContext  *ctx,
                char            *tissue,
                GError         **error)
{
  g_autofree char *shown = NULL;

  ctx->tissue_path = tissue != NULL ? tissue : find_tissue (error);
  if (ctx->tissue_path == NULL)
    return FALSE;
  if (g_file_test (ctx->tissue_path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  shown = g_filename_display_name (ctx->tissue_path);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The tissue slide “%s” does not exist"), shown);

  return FALSE;
}

static void
context_clear (CsBenchContext *ctx)
{
  g_clear_pointer (&ctx->cache_dir, g_free);
  g_clear_pointer (&ctx->tissue_path, g_free);
  g_clear_pointer (&ctx->slide_path, g_free);
  g_clear_pointer (&ctx->results, cs_bench_results_free);
}

/* Gives what a section freed back to the system, so that the next
 * section's memory figures start from what is really in use. */
static void
release_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static gboolean
run_sections (CsBenchContext  *ctx,
              char           **only,
              GError         **error)
{
  if ((wanted (only, "memory") || wanted (only, "viewer") || wanted (only, "baselines")) &&
      !cs_bench_ensure_slide (ctx, NULL, error))
    return FALSE;
  release_memory ();

  /* First, while the process has not yet allocated and freed much. */
  if (wanted (only, "memory") && !cs_bench_run_memory (ctx, error))
    return FALSE;
  release_memory ();

  if (wanted (only, "viewer") && !cs_bench_run_viewer (ctx, error))
    return FALSE;
  release_memory ();
  if (wanted (only, "baselines") && !cs_bench_run_baselines (ctx, error))
    return FALSE;
  release_memory ();
  if (wanted (only, "annotations") && !cs_bench_run_annotations (ctx, error))
    return FALSE;
  release_memory ();
  if (wanted (only, "library") && !cs_bench_run_library (ctx, error))
    return FALSE;

  cs_bench_check_targets (ctx);

  return TRUE;
}

static gboolean
write_json (CsBenchResults  *results,
            const char      *path,
            GError         **error)
{
  gsize len = 0;
  g_autofree char *json = cs_bench_results_to_json (results, &len);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&json), len);

  return cs_write_bytes_atomically (path, FALSE, bytes, error);
}

gboolean
cs_cli_bench (int      argc,
              char   **argv,
              GError **error)
{
  static const char *const arg_names[] = { NULL };
  gboolean quick = FALSE, strict = FALSE;
  gint64 seed = 1;
  g_autofree char *json = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *tissue = NULL;
  g_auto(GStrv) only = NULL;
  const GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      N_("A smaller slide (about 20000 × 20000) and fewer frames, in under a minute"), NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json,
      N_("Also write every figure and target to this JSON file"), N_("FILE") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The seed of the generated slide and of the review (default: 1)"), N_("N") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir,
      N_("Where generated slides are kept between runs"), N_("DIR") },
    { "tissue", 0, 0, G_OPTION_ARG_FILENAME, &tissue,
      N_("The real slide the generated one is built from (default: the installed sample)"),
      N_("SLIDE") },
    { "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only,
      N_("Run only this section: memory, viewer, baselines, annotations or library (repeatable)"),
      N_("SECTION") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Exit with status 1 when a target is missed"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *table = NULL;
  CsBenchContext ctx = { 0 };
  gboolean ok;
  guint n_missed;

  context = cs_cli_option_context (NULL,
                                   _("Measures the viewer, the annotation overlay and "
                                     "annotation files against a naive viewer and the "
                                     "decoding limit, in the same run."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli bench --json bench.json",
                     "consilium-cli bench --quick --only viewer",
                     NULL },
                   _("0 when the run completes, even with missed targets; 1 on failure, "
                     "or with --strict when a target is missed; 2 when the command line "
                     "is wrong."));
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) || !check_only (only, error))
    return FALSE;
  if (seed < 0)
    {
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("The seed must be a whole number of at least 0"));
      return FALSE;
    }

  ctx.quick = quick;
  ctx.seed = (guint64) seed;
  ctx.n_frames = quick ? 60 : 300;
  ctx.cache_dir = cache_dir ? g_steal_pointer (&cache_dir)
                            : g_build_filename (g_get_user_cache_dir (), "consilium", "bench",
                                                NULL);
  if (needs_tissue (only) && !resolve_tissue (&ctx, g_steal_pointer (&tissue), error))
    {
      context_clear (&ctx);
      return FALSE;
    }
  ctx.results = cs_bench_results_new ();

  ok = run_sections (&ctx, only, error);
  if (ok)
    {
      table = cs_bench_results_to_table (ctx.results);
      g_print ("%s", table);
      ok = json == NULL || write_json (ctx.results, json, error);
    }
  n_missed = ok ? cs_bench_results_get_n_missed (ctx.results) : 0;
  context_clear (&ctx);

  if (ok && strict && n_missed > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE, "%u target missed", "%u targets missed",
                                n_missed),
                   n_missed);
      return FALSE;
    }

  return ok;
}
