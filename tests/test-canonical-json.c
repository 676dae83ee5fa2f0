/* test-canonical-json.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-canonical-json.h"
#include "cs-report.h"

static char *
canonical_of (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cs_canonical_json_parse (json, -1, &error);
  char *text;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  text = cs_canonical_json (node, &error);
  g_assert_no_error (error);
  return text;
}

/* docs/FORMATS.md §8 test vector */
static void
test_vector (void)
{
  const char *input = "{\"revision\": 3, \"mpp\": 0.2520, \"b\": [1.0, 0.1, -0.0, 1e21, 5e-7],\n"
                      " \"Z\": \"x\", \"\\u00e9\": \"y\", \"t\": \"\\u00dc\\n\\\"/\\u0001\", \"local_id\": null}";
  const char *expected = "{\"Z\":\"x\",\"b\":[1,0.1,0,1e+21,5e-7],\"local_id\":null,\"mpp\":0.252,"
                         "\"revision\":3,\"t\":\"\xc3\x9c\\n\\\"/\\u0001\",\"\xc3\xa9\":\"y\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cs_canonical_json_parse (input, -1, &error);
  g_autofree char *text = canonical_of (input);
  g_autofree char *sum = cs_canonical_json_sha256 (node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (sum, ==, "cdd7bf93c8fc8c9c6b837bc1ae4b8ca152b3317cd2e1b78968dc79e83dcac46a");
}

static double
from_bits (guint64 bits)
{
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* RFC 8785 Appendix B: IEEE-754 bit patterns and their ECMAScript text */
static void
test_numbers_appendix_b (void)
{
  static const struct { guint64 bits; const char *text; } cases[] = {
    { 0x0000000000000000, "0" },
    { 0x8000000000000000, "0" },
    { 0x0000000000000001, "5e-324" },
    { 0x8000000000000001, "-5e-324" },
    { 0x7fefffffffffffff, "1.7976931348623157e+308" },
    { 0xffefffffffffffff, "-1.7976931348623157e+308" },
    { 0x4340000000000000, "9007199254740992" },
    { 0xc340000000000000, "-9007199254740992" },
    { 0x4430000000000000, "295147905179352830000" },
    { 0x44b52d02c7e14af5, "9.999999999999997e+22" },
    { 0x44b52d02c7e14af6, "1e+23" },
    { 0x44b52d02c7e14af7, "1.0000000000000001e+23" },
    { 0x444b1ae4d6e2ef4e, "999999999999999700000" },
    { 0x444b1ae4d6e2ef4f, "999999999999999900000" },
    { 0x444b1ae4d6e2ef50, "1e+21" },
    { 0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7" },
    { 0x3eb0c6f7a0b5ed8d, "0.000001" },
    { 0x41b3de4355555553, "333333333.3333332" },
    { 0x41b3de4355555554, "333333333.33333325" },
    { 0x41b3de4355555555, "333333333.3333333" },
    { 0x41b3de4355555556, "333333333.3333334" },
    { 0x41b3de4355555557, "333333333.33333343" },
    { 0xbecbf647612f3696, "-0.0000033333333333333333" },
    { 0x43143ff3c1cb0959, "1424953923781206.2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cs_canonical_json_number (from_bits (cases[i].bits));

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_numbers_decimal (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0.0, "0" }, { -0.0, "0" }, { 1.0, "1" }, { 40.0, "40" }, { -1.5, "-1.5" },
    { 4.5, "4.5" }, { 0.1, "0.1" }, { 0.252, "0.252" }, { 1e21, "1e+21" },
    { 1e20, "100000000000000000000" }, { 1e-7, "1e-7" }, { 5e-7, "5e-7" },
    { 0.000001, "0.000001" }, { 123456789012345680000.0, "123456789012345680000" },
    { 1e23, "1e+23" }, { 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 9007199254740992.0, "9007199254740992" }, { 1.25e-5, "0.0000125" }, { 2.5e25, "2.5e+25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cs_canonical_json_number (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Integer literals (json-glib gives gint64) print as the same doubles. */
static void
test_integers (void)
{
  g_autofree char *text = canonical_of ("[0, -0, 40, 9007199254740993, -12, 1E2, 1.0e0, 123456789012345680000]");

  g_assert_cmpstr (text, ==, "[0,0,40,9007199254740992,-12,100,1,123456789012345680000]");
}

static void
test_non_finite (void)
{
  g_autoptr(JsonNode) nan_node = json_node_init_double (json_node_alloc (), NAN);
  g_autoptr(JsonNode) inf_node = json_node_init_double (json_node_alloc (), -INFINITY);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = cs_canonical_json (nan_node, &error);

  g_assert_null (text);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (cs_canonical_json_sha256 (inf_node, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
}

/* RFC 8785 §3.2.3's example: UTF-16 order puts U+1F600 (a surrogate pair,
 * D83D DE00) before U+FB33; UTF-8 byte order would not. */
static void
test_key_order (void)
{
  const char *input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                      "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                      "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\",\"nested\":{\"b\":[{\"z\":1,\"a\":2}],\"a\":true}}";
  const char *expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"nested\":{\"a\":true,\"b\":[{\"a\":2,\"z\":1}]},"
                         "\"\xc2\x80\":\"Control\",\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\","
                         "\"\xe2\x82\xac\":\"Euro Sign\",\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
                         "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}";
  g_autofree char *text = canonical_of (input);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_strings (void)
{
  g_autofree char *text = canonical_of ("[\"\\b\\t\\n\\f\\r\\u001f\", \"\\/\\u007f\\u2028\\u2029\", \"\\\\\\\"\", "
                                        "\"\\u00e9\", \"e\\u0301\"]");

  /* escapes only where needed, lowercase hex; no normalisation */
  g_assert_cmpstr (text, ==, "[\"\\b\\t\\n\\f\\r\\u001f\",\"/\x7f\xe2\x80\xa8\xe2\x80\xa9\",\"\\\\\\\"\","
                             "\"\xc3\xa9\",\"e\xcc\x81\"]");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_node_set_string (node, "caf\xe9");
  text = cs_canonical_json (node, &error);
  g_assert_null (text);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (cs_canonical_json_parse ("[\"caf\xe9\"]", -1, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
}

static void
assert_refused (const char *json,
                const char *expected_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cs_canonical_json_parse (json, -1, &error);

  g_assert_null (node);
  g_assert_nonnull (error);
  if (strstr (error->message, expected_part) == NULL)
    g_error ("“%s” does not name “%s”", error->message, expected_part);
}

static void
test_duplicate_keys (void)
{
  g_autofree char *ok = canonical_of ("{\"a\":{\"c\":1},\"b\":{\"c\":2}}");

  /* the same key in different objects is fine */
  g_assert_cmpstr (ok, ==, "{\"a\":{\"c\":1},\"b\":{\"c\":2}}");
  assert_refused ("{\"a\": 1,\n \"b\": {\"c\": 1,\n  \"c\": 2}}", "Line 3");
  assert_refused ("{\"a\": 1,\n \"b\": {\"c\": 1,\n  \"c\": 2}}", "“c”");
  assert_refused ("{\"a\": 1, \"\\u0061\": 2}", "“a”");
}

static void
test_surrogates (void)
{
  g_autofree char *pair = canonical_of ("[\"\\uD83D\\uDE00\"]");

  g_assert_cmpstr (pair, ==, "[\"\xf0\x9f\x98\x80\"]");
  assert_refused ("[\n\"\\ud800\"]", "Line 2");
  assert_refused ("[\"\\udc00\"]", "surrogate");
  assert_refused ("[\"\\ud800\\u0041\"]", "surrogate");
  assert_refused ("{\"\\ud800x\": 1}", "surrogate");
  /* json-glib strings end at a nul */
  assert_refused ("{\"a\\u0000b\": 1}", "u0000");
  assert_refused ("[\"x\\u0000\"]", "u0000");
}

static void
test_malformed (void)
{
  assert_refused ("{\"a\": 1,\n\n \"b\": }", "Line 3");
  assert_refused ("", "JSON");
  assert_refused ("[1] [2]", "JSON");
}

/* A number beyond double range is refused, never turned into Infinity
 * (which nothing can write back). */
static void
test_out_of_range (void)
{
  g_autoptr(CsReport) report = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused ("{\"a\":\n 1e400}", "Line 2: number out of range");
  assert_refused ("[-1e400]", "out of range");
  report = cs_report_new_from_data ("{\"schema\":\"io.github.consilium.report/1.0\","
                                    "\"report_id\":\"urn:uuid:x\",\"revision\":1,"
                                    "\"status\":\"draft\",\"mpp\":1e400}", -1, &error);
  g_assert_null (report);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
}

/* Deep nesting is refused with a clear error, not a stack overflow. */
static void
test_deep_nesting (void)
{
  GString *deep = g_string_new (NULL);
  g_autofree char *ok = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (deep, i % 2 == 0 ? "[" : "{\"a\":");
  assert_refused (deep->str, "nested more than 512 levels");
  g_string_truncate (deep, 0);
  for (guint i = 0; i < 512; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 512; i++)
    g_string_append_c (deep, ']');
  ok = canonical_of (deep->str);
  g_assert_cmpstr (ok, ==, deep->str);
  g_string_free (deep, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/canonical-json/vector", test_vector);
  g_test_add_func ("/canonical-json/numbers/appendix-b", test_numbers_appendix_b);
  g_test_add_func ("/canonical-json/numbers/decimal", test_numbers_decimal);
  g_test_add_func ("/canonical-json/numbers/integers", test_integers);
  g_test_add_func ("/canonical-json/numbers/non-finite", test_non_finite);
  g_test_add_func ("/canonical-json/key-order", test_key_order);
  g_test_add_func ("/canonical-json/strings", test_strings);
  g_test_add_func ("/canonical-json/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/canonical-json/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/canonical-json/surrogates", test_surrogates);
  g_test_add_func ("/canonical-json/malformed", test_malformed);
  g_test_add_func ("/canonical-json/out-of-range", test_out_of_range);
  g_test_add_func ("/canonical-json/deep-nesting", test_deep_nesting);

  return g_test_run ();
}
