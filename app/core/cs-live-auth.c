/* cs-live-auth.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-auth"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "cs-live-auth.h"
#include "cs-live-message.h"

/* One-time codes, their proofs and certificate fingerprints. */

static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define NONCE_BYTES 32

static gboolean
read_urandom (guint8 *buf,
              gsize   len)
{
  int fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  gsize done = 0;

  if (fd < 0)
    return FALSE;
  while (done < len)
    {
      ssize_t n = read (fd, buf + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (fd);
  return done == len;
}

/* Secrets come from the kernel or not at all: a guessable code would
 * let anyone join. */
static void
random_bytes (guint8 *buf,
              gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  if (done < len && !read_urandom (buf, len))
    g_error ("No random source for a live-session secret: %s", g_strerror (errno));
}

char *
cs_live_auth_new_code (void)
{
  guint8 bytes[CS_LIVE_CODE_LENGTH];
  GString *code = g_string_sized_new (CS_LIVE_CODE_LENGTH + 1);

  random_bytes (bytes, sizeof bytes);
  for (guint i = 0; i < CS_LIVE_CODE_LENGTH; i++)
    {
      if (i == CS_LIVE_CODE_LENGTH / 2)
        g_string_append_c (code, '-');
      /* 256 is a multiple of 32: every character equally likely. */
      g_string_append_c (code, code_alphabet[bytes[i] % 32]);
    }
  explicit_bzero (bytes, sizeof bytes);
  return g_string_free (code, FALSE);
}

char *
cs_live_auth_normalize_code (const char *typed)
{
  g_autoptr(GString) code = g_string_new (NULL);

  g_return_val_if_fail (typed != NULL, NULL);

  for (const char *p = typed; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (c == '\0' || strchr (code_alphabet, c) == NULL || code->len >= CS_LIVE_CODE_LENGTH)
        return NULL;
      g_string_append_c (code, c);
    }
  if (code->len != CS_LIVE_CODE_LENGTH)
    return NULL;
  return g_string_free (g_steal_pointer (&code), FALSE);
}

char *
cs_live_auth_new_nonce (void)
{
  guint8 bytes[NONCE_BYTES];
  GString *nonce = g_string_sized_new (2 * NONCE_BYTES);

  random_bytes (bytes, sizeof bytes);
  for (guint i = 0; i < NONCE_BYTES; i++)
    g_string_append_printf (nonce, "%02x", bytes[i]);
  return g_string_free (nonce, FALSE);
}

char *
cs_live_auth_proof (const char *code,
                    const char *nonce)
{
  g_autofree char *key = NULL;
  char *proof;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (nonce != NULL, NULL);

  key = cs_live_auth_normalize_code (code);
  if (key == NULL)
    return NULL;
  proof = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) key, strlen (key),
                                     nonce, -1);
  explicit_bzero (key, strlen (key));
  return proof;
}

gboolean
cs_live_auth_equal (const char *a,
                    const char *b)
{
  gsize len;
  guchar diff = 0;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  len = strlen (a);
  if (len != strlen (b))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i];
  return diff == 0;
}

char *
cs_live_auth_resume_proof (const char *token,
                           const char *nonce)
{
  g_return_val_if_fail (token != NULL && nonce != NULL, NULL);

  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) token, strlen (token),
                                    nonce, -1);
}

gboolean
cs_live_auth_check_proof (const char *code,
                          const char *nonce,
                          const char *proof,
                          GError    **error)
{
  g_autofree char *expected = NULL;

  g_return_val_if_fail (code != NULL && nonce != NULL && proof != NULL, FALSE);

  expected = cs_live_auth_proof (code, nonce);
  if (expected != NULL && cs_live_auth_equal (expected, proof))
    return TRUE;
  g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_AUTH,
               _("The one-time code given to join the live session is wrong"));
  return FALSE;
}

char *
cs_live_auth_fingerprint_der (GBytes *der)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  GString *out = g_string_sized_new (3 * sizeof digest);
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (der != NULL, NULL);

  data = g_bytes_get_data (der, &size);
  g_checksum_update (checksum, data, size);
  g_checksum_get_digest (checksum, digest, &digest_len);
  for (gsize i = 0; i < digest_len; i++)
    g_string_append_printf (out, i == 0 ? "%02X" : ":%02X", digest[i]);
  return g_string_free (out, FALSE);
}

char *
cs_live_auth_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  bytes = g_bytes_new (der->data, der->len);
  return cs_live_auth_fingerprint_der (bytes);
}
