/* test-json-number.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-geojson-private.h"
#include "cs-json-number.h"
#include "cs-test-utils.h"

/* The GeoJSON writer's and reader's own numbers (cs-json-number.c) and
 * times: the same text and the same doubles as GLib's, over a million
 * seeded numbers of the kinds files hold (20,000 under CS_TEST_LIGHT),
 * and the edges. */

static double
random_number (GRand *rand,
               guint  i)
{
  switch (i % 5)
    {
    case 0:
      return g_rand_double_range (rand, 0, 200000);
    case 1:
      return g_rand_double_range (rand, -1, 1);
    case 2:
      return round (g_rand_double_range (rand, 0, 1e6) * 100) / 100;
    case 3:
      return ldexp (g_rand_double (rand), g_rand_int_range (rand, -12, 50));
    default:
      return g_rand_double_range (rand, -1e15, 1e15);
    }
}

static void
check_format (double value)
{
  char ours[CS_JSON_NUMBER_BUF_SIZE];
  char glib[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (glib, sizeof glib, value);
  if (_cs_json_format_double (value, ours))
    g_assert_cmpstr (ours, ==, glib);
}

static void
check_parse (const char *text)
{
  double ours = _cs_json_parse_double (text, strlen (text));
  double glib = g_ascii_strtod (text, NULL);

  if (memcmp (&ours, &glib, sizeof ours) != 0)
    g_error ("“%s” read as %.17g, GLib reads %.17g", text, ours, glib);
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  const guint n_random = cs_test_workload (1000000, 20000);
  guint n_fast = 0;

  for (guint i = 0; i < n_random; i++)
    {
      double value = random_number (rand, i);
      char text[G_ASCII_DTOSTR_BUF_SIZE];
      char two[64];
      char buf[CS_JSON_NUMBER_BUF_SIZE];

      check_format (value);
      n_fast += _cs_json_format_double (value, buf);
      g_ascii_dtostr (text, sizeof text, value);
      check_parse (text);
      g_ascii_formatd (two, sizeof two, "%.2f", value);
      check_parse (two);
    }
  /* The fast paths are taken, not only the fallbacks. */
  g_assert_cmpuint (n_fast, >, n_random / 2);
}

static void
test_edges (void)
{
  const double values[] = {
    0.001, 0.1, 0.5, 1.5, 9.999999999999998, 10.000000000000002, 99.99999999999999,
    123456789012345.6, 999999999999999.9, 0.30000000000000004, 1e-3 * 7, 5e-324, 1e300,
    -0.25, -1234.5678, G_PI, 2 * G_PI * 1000,
  };
  const char *texts[] = {
    "0", "-0", "-0.0", "1", "0.1", "1e5", "1E-7", "-2.5e3", "12345678901234567890",
    "0.1234567890123456789012345678", "9007199254740993", "9007199254740993.0",
    "0.3", "179769313486231570000000000000", "4.9e-324", "1.7976931348623157e308",
    /* Halfway between two doubles and just past: 2^53 + 1 and beyond. */
    "9007199254740993.5", "9007199254740992.5", "0.000000000000000000000000001",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      check_format (values[i]);
      check_format (-values[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_parse (texts[i]);
}

static void
check_time (gint64      usec,
            const char *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);

  _cs_geojson_append_time (out, usec);
  g_assert_cmpstr (out->str, ==, expected);
}

/* Days from the epoch, leap years, microseconds, the years GDateTime
 * knows (1 to 9999), four digits always. */
static void
test_times (void)
{
  check_time (0, "\"1970-01-01T00:00:00Z\"");
  check_time (-1, "\"1969-12-31T23:59:59.999999Z\"");
  check_time (951782400 * G_GINT64_CONSTANT (1000000), "\"2000-02-29T00:00:00Z\"");
  check_time (1796000000 * G_GINT64_CONSTANT (1000000) + 120, "\"2026-11-30T00:53:20.000120Z\"");
  check_time (G_GINT64_CONSTANT (-62135596800000000), "\"0001-01-01T00:00:00Z\"");
  check_time (G_GINT64_CONSTANT (253402300799999999), "\"9999-12-31T23:59:59.999999Z\"");
  check_time (G_GINT64_CONSTANT (253402300800000000), "null");
  check_time (G_GINT64_CONSTANT (-62135596800000001), "null");
}

/* Against GDateTime over a spread of instants. */
static void
test_times_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const guint n = cs_test_workload (200000, 5000);

  for (guint i = 0; i < n; i++)
    {
      gint64 usec = (gint64) g_rand_double_range (rand, -3e16, 2.5e17);
      gint64 seconds = usec >= 0 ? usec / G_USEC_PER_SEC
                                  : -((-usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);
      g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      g_autoptr(GString) out = g_string_new (NULL);

      _cs_geojson_append_time (out, usec);
      g_assert_true (g_str_has_prefix (out->str + 1, text));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/json-number/random", test_random);
  g_test_add_func ("/cs/json-number/edges", test_edges);
  g_test_add_func ("/cs/json-number/times", test_times);
  g_test_add_func ("/cs/json-number/times-random", test_times_random);

  return g_test_run ();
}
