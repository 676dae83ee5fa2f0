/* test-bench-results.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cs-bench.h"

/* What consilium-cli bench reports with: nearest-rank percentiles, the
 * figures and targets, their table and JSON, and the resident memory
 * read from /proc. The benchmark itself is never run here. */

static GArray *
doubles (const double *values,
         guint         n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (array, values, n);
  return array;
}

static void
test_percentile_nearest_rank (void)
{
  /* The textbook example of the nearest-rank method. */
  const double values[] = { 35, 20, 50, 15, 40 };
  g_autoptr(GArray) a = doubles (values, G_N_ELEMENTS (values));

  g_assert_cmpfloat (cs_bench_percentile (a, 5), ==, 15);
  g_assert_cmpfloat (cs_bench_percentile (a, 30), ==, 20);
  g_assert_cmpfloat (cs_bench_percentile (a, 40), ==, 20);
  g_assert_cmpfloat (cs_bench_percentile (a, 50), ==, 35);
  g_assert_cmpfloat (cs_bench_percentile (a, 100), ==, 50);
  g_assert_cmpfloat (cs_bench_percentile (a, 0), ==, 15);
  /* Sorted in place. */
  g_assert_cmpfloat (g_array_index (a, double, 0), ==, 15);
  g_assert_cmpfloat (g_array_index (a, double, 4), ==, 50);
}

static void
test_percentile_hundred (void)
{
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (double));

  /* 100, 99, ..., 1: p95 is the 95th smallest, p99 the 99th. */
  for (int i = 100; i >= 1; i--)
    {
      double v = i;

      g_array_append_val (a, v);
    }
  g_assert_cmpfloat (cs_bench_percentile (a, 50), ==, 50);
  g_assert_cmpfloat (cs_bench_percentile (a, 95), ==, 95);
  g_assert_cmpfloat (cs_bench_percentile (a, 99), ==, 99);
  g_assert_cmpfloat (cs_bench_percentile (a, 99.5), ==, 100);
  g_assert_true (isnan (cs_bench_percentile (empty, 50)));
}

static void
test_results_figures (void)
{
  g_autoptr(CsBenchResults) results = cs_bench_results_new ();

  g_assert_true (isnan (cs_bench_results_get (results, "viewer.frame_p95_ms")));
  cs_bench_results_add (results, "viewer", "frame_p95_ms", 4.5, "ms", "frame p95");
  cs_bench_results_add (results, "naive", "frame_p95_ms", 450, "ms", "naive frame p95");
  g_assert_cmpfloat (cs_bench_results_get (results, "viewer.frame_p95_ms"), ==, 4.5);
  g_assert_cmpfloat (cs_bench_results_get (results, "naive.frame_p95_ms"), ==, 450);

  /* Added again: replaced, not repeated. */
  cs_bench_results_add (results, "viewer", "frame_p95_ms", 5.5, "ms", "frame p95");
  g_assert_cmpfloat (cs_bench_results_get (results, "viewer.frame_p95_ms"), ==, 5.5);
  g_assert_true (isnan (cs_bench_results_get (results, "viewer")));
}

static void
test_results_missed (void)
{
  g_autoptr(CsBenchResults) results = cs_bench_results_new ();
  g_autofree char *table = NULL;

  g_assert_cmpuint (cs_bench_results_get_n_missed (results), ==, 0);
  cs_bench_results_add_target (results, "below", "below", 0.01, 0.02, FALSE);
  cs_bench_results_add_target (results, "equal", "equal", 12, 12, FALSE);
  g_assert_cmpuint (cs_bench_results_get_n_missed (results), ==, 0);

  cs_bench_results_add_target (results, "above", "above", 0.03, 0.02, FALSE);
  g_assert_cmpuint (cs_bench_results_get_n_missed (results), ==, 1);
  cs_bench_results_add_target (results, "speedup", "speedup", 1.9, 1.7, TRUE);
  g_assert_cmpuint (cs_bench_results_get_n_missed (results), ==, 1);
  cs_bench_results_add_target (results, "slow", "slow", 1.2, 1.7, TRUE);
  g_assert_cmpuint (cs_bench_results_get_n_missed (results), ==, 2);
  /* Not measured is not met. */
  cs_bench_results_add_target (results, "absent", "absent target", NAN, 1, FALSE);
  g_assert_cmpuint (cs_bench_results_get_n_missed (results), ==, 3);

  table = cs_bench_results_to_table (results);
  g_assert_nonnull (strstr (table, "✓ below"));
  g_assert_nonnull (strstr (table, "✗ above"));
  g_assert_nonnull (strstr (table, "✗ absent target"));
  g_assert_nonnull (strstr (table, "not measured"));
  g_assert_nonnull (strstr (table, "3 of 6 targets missed"));
}

static JsonObject *
find_target (JsonArray  *targets,
             const char *name)
{
  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *target = json_array_get_object_element (targets, i);

      if (g_strcmp0 (json_object_get_string_member (target, "name"), name) == 0)
        return target;
    }

  g_assert_not_reached ();
}

static void
test_results_json (void)
{
  g_autoptr(CsBenchResults) results = cs_bench_results_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *figures, *figure, *machine;
  JsonArray *targets;
  gsize len = 0;

  /* A locale with decimal commas must not leak into the JSON. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    g_test_message ("de_DE.UTF-8 is not available: decimal commas not checked");

  cs_bench_results_add (results, "viewer", "frame_p95_ms", 4.25, "ms", "frame p95");
  cs_bench_results_add (results, "viewer", "first_paint_ms", NAN, "ms", "first paint");
  cs_bench_results_add_target (results, "replay_p95", "replay p95", 4.25, 12, FALSE);
  cs_bench_results_add_target (results, "loader_speedup", "speedup", 1.5, 1.7, TRUE);
  json = cs_bench_results_to_json (results, &len);
  setlocale (LC_NUMERIC, "C");
  g_assert_cmpuint (len, ==, strlen (json));

  json_parser_load_from_data (parser, json, (gssize) len, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  figures = json_object_get_object_member (root, "figures");
  figure = json_object_get_object_member (figures, "viewer.frame_p95_ms");
  g_assert_cmpfloat (json_object_get_double_member (figure, "value"), ==, 4.25);
  g_assert_cmpstr (json_object_get_string_member (figure, "unit"), ==, "ms");
  g_assert_cmpstr (json_object_get_string_member (figure, "label"), ==, "frame p95");
  figure = json_object_get_object_member (figures, "viewer.first_paint_ms");
  g_assert_true (json_object_get_null_member (figure, "value"));

  targets = json_object_get_array_member (root, "targets");
  g_assert_cmpuint (json_array_get_length (targets), ==, 2);
  g_assert_true (json_object_get_boolean_member (find_target (targets, "replay_p95"), "met"));
  g_assert_cmpfloat (json_object_get_double_member (find_target (targets, "replay_p95"),
                                                    "limit"), ==, 12);
  g_assert_false (json_object_get_boolean_member (find_target (targets, "loader_speedup"),
                                                  "met"));
  g_assert_true (json_object_get_boolean_member (find_target (targets, "loader_speedup"),
                                                 "at_least"));
  g_assert_cmpint (json_object_get_int_member (root, "n_missed"), ==, 1);

  machine = json_object_get_object_member (root, "machine");
  g_assert_cmpint (json_object_get_int_member (machine, "cores"), ==, g_get_num_processors ());
  g_assert_cmpint (json_object_get_int_member (machine, "memory_bytes"), >, 0);
  g_assert_nonnull (json_object_get_string_member (machine, "openslide"));
  g_assert_nonnull (json_object_get_string_member (machine, "cairo"));
  g_assert_nonnull (json_object_get_string_member (machine, "libjpeg"));
}

static double
target_value (const char *json,
              const char *name,
              gboolean   *met)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *targets;
  JsonObject *target;
  JsonNode *value;
  guint n = 0;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  targets = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "targets");
  for (guint i = 0; i < json_array_get_length (targets); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (targets, i),
                                                  "name"), name) == 0)
      n++;
  g_assert_cmpuint (n, ==, 1);

  target = find_target (targets, name);
  *met = json_object_get_boolean_member (target, "met");
  value = json_object_get_member (target, "value");
  return JSON_NODE_HOLDS_NULL (value) ? NAN : json_node_get_double (value);
}

static void
test_check_targets (void)
{
  CsBenchContext ctx = { 0 };
  g_autofree char *json = NULL;
  gboolean met;

  ctx.results = cs_bench_results_new ();
  cs_bench_results_add (ctx.results, "naive", "frame_p95_ms", 500, "ms", NULL);
  cs_bench_results_add (ctx.results, "naive", "first_frame_ms", 300, "ms", NULL);
  cs_bench_results_add (ctx.results, "viewer", "replay_frame_p95_ms", 5, "ms", NULL);
  cs_bench_results_add (ctx.results, "viewer", "cold_frame_p95_ms", 15, "ms", NULL);
  cs_bench_results_add (ctx.results, "viewer", "first_paint_ms", 20, "ms", NULL);
  cs_bench_results_add (ctx.results, "viewer", "loader_speedup", 1.6, "×", NULL);
  /* What the annotations section checked itself stays as it is. */
  cs_bench_results_add_target (ctx.results, "dropped", "dropped", 0, 0, FALSE);

  cs_bench_check_targets (&ctx);
  json = cs_bench_results_to_json (ctx.results, NULL);

  /* Ratios against the naive viewer of the same run. */
  g_assert_cmpfloat_with_epsilon (target_value (json, "replay_p95_ratio", &met), 0.01, 1e-12);
  g_assert_true (met);
  g_assert_cmpfloat_with_epsilon (target_value (json, "cold_p95_ratio", &met), 0.03, 1e-12);
  g_assert_false (met);
  g_assert_cmpfloat_with_epsilon (target_value (json, "first_paint_ratio", &met), 20.0 / 300,
                                  1e-12);
  g_assert_true (met);
  /* Absolute limits. */
  g_assert_cmpfloat (target_value (json, "replay_p95", &met), ==, 5);
  g_assert_true (met);
  g_assert_cmpfloat (target_value (json, "cold_p95", &met), ==, 15);
  g_assert_true (met);
  g_assert_cmpfloat (target_value (json, "loader_speedup", &met), ==, 1.6);
  g_assert_false (met);
  /* Not measured: missed. */
  g_assert_true (isnan (target_value (json, "first_sharp_ratio", &met)));
  g_assert_false (met);
  g_assert_true (isnan (target_value (json, "geojson_load_s", &met)));
  g_assert_false (met);
  g_assert_cmpfloat (target_value (json, "dropped", &met), ==, 0);
  g_assert_true (met);

  cs_bench_results_free (ctx.results);
}

static void
test_rss (void)
{
  const gsize size = 64 * 1024 * 1024;
  guint64 current = cs_bench_current_rss ();
  guint64 peak = cs_bench_peak_rss ();
  g_autofree guint8 *block = NULL;

  g_assert_cmpuint (current, >, 0);
  g_assert_cmpuint (peak, >=, current);

  /* Touched pages count; the peak follows them. */
  block = g_malloc (size);
  memset (block, 1, size);
  g_assert_cmpuint (cs_bench_current_rss (), >=, current + size / 2);
  peak = cs_bench_peak_rss ();
  g_assert_cmpuint (peak, >=, current + size / 2);
  g_clear_pointer (&block, g_free);

  if (!cs_bench_reset_peak_rss ())
    {
      g_test_skip ("/proc/self/clear_refs cannot be written here");
      return;
    }
#ifdef CS_SANITIZERS
  /* AddressSanitizer keeps the freed block resident in its quarantine,
   * so the peak cannot drop below it: only the reset itself is checked. */
  g_test_message ("built with sanitizers: the peak's drop after the reset is not checked");
#else
  g_assert_cmpuint (cs_bench_peak_rss (), <, peak);
#endif
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/bench-results/percentile-nearest-rank", test_percentile_nearest_rank);
  g_test_add_func ("/cs/bench-results/percentile-hundred", test_percentile_hundred);
  g_test_add_func ("/cs/bench-results/figures", test_results_figures);
  g_test_add_func ("/cs/bench-results/missed", test_results_missed);
  g_test_add_func ("/cs/bench-results/json", test_results_json);
  g_test_add_func ("/cs/bench-results/check-targets", test_check_targets);
  g_test_add_func ("/cs/bench-results/rss", test_rss);

  return g_test_run ();
}
