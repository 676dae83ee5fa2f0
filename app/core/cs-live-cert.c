/* cs-live-cert.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-live-cert"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "cs-live-auth.h"
#include "cs-live-message.h"

/* The host's self-signed certificate, made with GnuTLS (GLib can load
 * certificates but not create them). Nothing touches the disk; the key
 * lives in the GTlsCertificate only, and the guest trusts it by comparing
 * fingerprints, not through a CA. */

#define SERIAL_BYTES 16
#define MAX_DAYS 365

typedef struct
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  gnutls_datum_t key_pem;
  gnutls_datum_t crt_pem;
} CertParts;

static void
cert_parts_clear (CertParts *parts)
{
  if (parts->key_pem.data != NULL)
    {
      explicit_bzero (parts->key_pem.data, parts->key_pem.size);
      gnutls_free (parts->key_pem.data);
    }
  gnutls_free (parts->crt_pem.data);
  if (parts->crt != NULL)
    gnutls_x509_crt_deinit (parts->crt);
  if (parts->key != NULL)
    gnutls_x509_privkey_deinit (parts->key);
}

static gboolean
check (int      ret,
       GError **error)
{
  if (ret >= 0)
    return TRUE;
  g_set_error (error, CS_LIVE_ERROR, CS_LIVE_ERROR_CERTIFICATE,
               _("Could not create the live session’s certificate: %s"),
               gnutls_strerror (ret));
  return FALSE;
}

static gboolean
set_fields (CertParts  *parts,
            const char *common_name,
            guint       days,
            GError    **error)
{
  guint8 serial[SERIAL_BYTES];
  time_t now = time (NULL);

  if (!check (gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial), error))
    return FALSE;
  /* A positive serial number. */
  serial[0] &= 0x7f;
  serial[0] |= 0x01;
  return check (gnutls_x509_crt_set_version (parts->crt, 3), error)
         && check (gnutls_x509_crt_set_serial (parts->crt, serial, sizeof serial), error)
         && check (gnutls_x509_crt_set_activation_time (parts->crt, now - 3600), error)
         && check (gnutls_x509_crt_set_expiration_time (parts->crt, now + (time_t) days * 86400), error)
         && check (gnutls_x509_crt_set_dn_by_oid (parts->crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                                  common_name, strlen (common_name)), error)
         && check (gnutls_x509_crt_set_key (parts->crt, parts->key), error)
         && check (gnutls_x509_crt_set_basic_constraints (parts->crt, 0, -1), error)
         && check (gnutls_x509_crt_set_key_usage (parts->crt, GNUTLS_KEY_DIGITAL_SIGNATURE), error)
         && check (gnutls_x509_crt_set_key_purpose_oid (parts->crt, GNUTLS_KP_TLS_WWW_SERVER, 0), error)
         && check (gnutls_x509_crt_set_subject_alt_name (parts->crt, GNUTLS_SAN_DNSNAME, common_name,
                                                         strlen (common_name), GNUTLS_FSAN_SET),
                   error);
}

static gboolean
make_pem (CertParts  *parts,
          const char *common_name,
          guint       days,
          GError    **error)
{
  return check (gnutls_x509_privkey_init (&parts->key), error)
         && check (gnutls_x509_privkey_generate (parts->key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                   error)
         && check (gnutls_x509_crt_init (&parts->crt), error)
         && set_fields (parts, common_name, days, error)
         && check (gnutls_x509_crt_sign2 (parts->crt, parts->crt, parts->key, GNUTLS_DIG_SHA256, 0), error)
         && check (gnutls_x509_privkey_export2_pkcs8 (parts->key, GNUTLS_X509_FMT_PEM, NULL,
                                                      GNUTLS_PKCS_PLAIN, &parts->key_pem),
                   error)
         && check (gnutls_x509_crt_export2 (parts->crt, GNUTLS_X509_FMT_PEM, &parts->crt_pem), error);
}

GTlsCertificate *
cs_live_auth_new_certificate (const char *common_name,
                              guint       days,
                              GError    **error)
{
  CertParts parts = { 0 };
  GTlsCertificate *certificate = NULL;
  g_autoptr(GString) pem = NULL;

  g_return_val_if_fail (common_name != NULL && *common_name != '\0', NULL);
  g_return_val_if_fail (days > 0 && days <= MAX_DAYS, NULL);

  if (make_pem (&parts, common_name, days, error))
    {
      pem = g_string_new_len ((const char *) parts.crt_pem.data, parts.crt_pem.size);
      g_string_append_len (pem, (const char *) parts.key_pem.data, parts.key_pem.size);
      certificate = g_tls_certificate_new_from_pem (pem->str, (gssize) pem->len, error);
      explicit_bzero (pem->str, pem->len);
    }
  cert_parts_clear (&parts);
  return certificate;
}
