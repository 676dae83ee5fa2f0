/* test-live-auth.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-live-auth.h"
#include "cs-live-message.h"
#include "cs-test-utils.h"

/* One-time codes, proofs, fingerprints and the host's certificate
 * (cs-live-auth.c, cs-live-cert.c). */

static void
test_code (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counts[256] = { 0 };

  for (guint i = 0; i < 2000; i++)
    {
      char *code = cs_live_auth_new_code ();
      g_autofree char *normal = cs_live_auth_normalize_code (code);

      g_assert_cmpuint (strlen (code), ==, CS_LIVE_CODE_LENGTH + 1);
      g_assert_cmpint (code[CS_LIVE_CODE_LENGTH / 2], ==, '-');
      g_assert_nonnull (normal);
      g_assert_cmpuint (strlen (normal), ==, CS_LIVE_CODE_LENGTH);
      for (const char *p = normal; *p != '\0'; p++)
        {
          g_assert_null (strchr ("ILOU", *p));
          counts[(guchar) *p]++;
        }
      /* 40 bits: two thousand codes never repeat. */
      g_assert_true (g_hash_table_add (seen, code));
    }
  /* Every one of the 32 characters turns up (16,000 draws, 500 each on
   * average: missing one has probability about 32 e^-500). */
  for (const char *p = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; *p != '\0'; p++)
    g_assert_cmpuint (counts[(guchar) *p], >, 0);
  g_assert_cmpuint (CS_LIVE_CODE_BITS, >=, 40);
}

static void
test_normalize (void)
{
  const struct
  {
    const char *typed;
    const char *normal;
  } cases[] = {
    { "7KQ2-M9XD", "7KQ2M9XD" },
    { "7kq2 m9xd", "7KQ2M9XD" },
    { "oil0-ABCD", "0110ABCD" },
    { "7KQ2-M9X", NULL },
    { "7KQ2-M9XDE", NULL },
    { "7KQ2-M9XU", NULL },
    { "7KQ2+M9XD", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normal = cs_live_auth_normalize_code (cases[i].typed);

      g_assert_cmpstr (normal, ==, cases[i].normal);
    }
}

static void
test_proof (void)
{
  g_autofree char *nonce = cs_live_auth_new_nonce ();
  g_autofree char *other_nonce = cs_live_auth_new_nonce ();
  g_autofree char *proof = cs_live_auth_proof ("7KQ2-M9XD", nonce);
  g_autofree char *typed = cs_live_auth_proof ("7kq2m9xd", nonce);
  g_autofree char *known = cs_live_auth_proof ("ABCD-EFGH", "nonce");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (nonce), ==, 64);
  g_assert_cmpuint (strspn (nonce, "0123456789abcdef"), ==, 64);
  g_assert_cmpstr (nonce, !=, other_nonce);
  g_assert_cmpstr (proof, ==, typed);
  /* HMAC-SHA256(key "ABCDEFGH", "nonce"), by Python's hmac module. */
  g_assert_cmpstr (known, ==, "70397259b7b69fca4789e24ef544d611f5c42eac22192e72830c3fce86634cce");

  g_assert_true (cs_live_auth_check_proof ("7KQ2-M9XD", nonce, proof, &error));
  g_assert_no_error (error);
  g_assert_false (cs_live_auth_check_proof ("7KQ2-M9XE", nonce, proof, &error));
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (cs_live_auth_check_proof ("7KQ2-M9XD", other_nonce, proof, &error));
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (cs_live_auth_check_proof ("7KQ2-M9XD", nonce, "", &error));
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (cs_live_auth_check_proof ("not a code", nonce, proof, &error));
  g_assert_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH);

  g_assert_true (cs_live_auth_equal ("abc", "abc"));
  g_assert_false (cs_live_auth_equal ("abc", "abd"));
  g_assert_false (cs_live_auth_equal ("abc", "abcd"));
}

static void
test_fingerprint (void)
{
  g_autoptr(GBytes) der = g_bytes_new_static ("abc", 3);
  g_autofree char *fingerprint = cs_live_auth_fingerprint_der (der);

  /* SHA-256("abc"), FIPS 180-2 appendix B.1. */
  g_assert_cmpstr (fingerprint, ==,
                   "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:"
                   "B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD");
}

static void
test_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = cs_live_auth_new_certificate ("consilium-live.local", 2, &error);
  g_autoptr(GTlsCertificate) other = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *private_key_pem = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *other_fingerprint = NULL;
  g_autoptr(GBytes) der_bytes = NULL;
  g_autofree char *from_der = NULL;

  g_assert_no_error (error);
  g_assert_true (G_IS_TLS_CERTIFICATE (certificate));
  g_object_get (certificate, "certificate", &der, "not-valid-before", &not_before,
                "not-valid-after", &not_after, "subject-name", &subject,
                "private-key-pem", &private_key_pem, NULL);
  g_assert_nonnull (der);
  g_assert_nonnull (private_key_pem);
  g_assert_true (g_str_has_prefix (private_key_pem, "-----BEGIN PRIVATE KEY-----"));
  g_assert_nonnull (strstr (subject, "consilium-live.local"));
  g_assert_cmpint (g_date_time_compare (not_before, now), <, 0);
  g_assert_cmpint (g_date_time_difference (not_after, now), >, G_TIME_SPAN_DAY);
  g_assert_cmpint (g_date_time_difference (not_after, now), <=, 2 * G_TIME_SPAN_DAY);

  /* Self-signed: it verifies against itself as the only anchor. */
  g_assert_cmpint (g_tls_certificate_verify (certificate, NULL, certificate), ==, 0);

  fingerprint = cs_live_auth_fingerprint (certificate);
  der_bytes = g_bytes_new (der->data, der->len);
  from_der = cs_live_auth_fingerprint_der (der_bytes);
  g_assert_cmpstr (fingerprint, ==, from_der);
  g_assert_cmpuint (strlen (fingerprint), ==, 32 * 3 - 1);

  /* A fresh key each time. */
  other = cs_live_auth_new_certificate ("consilium-live.local", 2, &error);
  g_assert_no_error (error);
  other_fingerprint = cs_live_auth_fingerprint (other);
  g_assert_cmpstr (fingerprint, !=, other_fingerprint);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/live-auth/code", test_code);
  g_test_add_func ("/cs/live-auth/normalize", test_normalize);
  g_test_add_func ("/cs/live-auth/proof", test_proof);
  g_test_add_func ("/cs/live-auth/fingerprint", test_fingerprint);
  g_test_add_func ("/cs/live-auth/certificate", test_certificate);

  return g_test_run ();
}
