/* cs-bench-slide-section.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-bench"

#include "config.h"

#include "cs-bench-gen.h"

#include <glib/gi18n.h>
#include <inttypes.h>

/* The generator section of consilium-cli bench: the slide at the size
 * --quick asks for; how long generating it took when it was not cached. */
gboolean
cs_bench_ensure_slide (CsBenchContext *ctx,
                       GCancellable   *cancellable,
                       GError        **error)
{
  guint64 width, height;
  gboolean generated = FALSE;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (ctx != NULL, FALSE);

  cs_bench_slide_size (ctx->quick, &width, &height);
  /* Tens of seconds to minutes the first time: say what is going on. */
  if (!cs_bench_slide_is_cached (ctx, width, height))
    g_printerr (_("Generating a %" PRIu64 "×%" PRIu64
                  " benchmark slide in %s (kept for later runs)…\n"),
                width, height, ctx->cache_dir);
  if (!cs_bench_ensure_slide_sized (ctx, width, height, &generated, cancellable, error))
    return FALSE;

  if (generated && ctx->results != NULL)
    cs_bench_results_add (ctx->results, "slide", "generate_s",
                          (g_get_monotonic_time () - start) / 1e6, "s",
                          _("Generating the benchmark slide (not cached)"));
  return TRUE;
}
