/* cs-live-auth.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Joining a live session: the host shows a one-time code (and its TLS
 * certificate's fingerprint); the guest types the code; the host sends a
 * fresh nonce in its hello and the guest proves it knows the code with
 * HMAC-SHA256(code, nonce), which the host checks in constant time. The
 * code itself never travels. */

/* Characters of a code: Crockford's base 32 (no I, L, O, U), 5 bits each. */
#define CS_LIVE_CODE_LENGTH 8
#define CS_LIVE_CODE_BITS (CS_LIVE_CODE_LENGTH * 5)

/* A fresh code from the kernel's random source, e.g. "7KQ2-M9XD" (the
 * dash is for reading; codes compare without it). */
char            *cs_live_auth_new_code            (void);
/* The canonical form of a typed code: upper case, dashes and spaces
 * dropped, O read as 0 and I, L as 1; NULL when it cannot be a code. */
char            *cs_live_auth_normalize_code      (const char   *typed);
/* 32 random bytes as 64 lowercase hex digits. */
char            *cs_live_auth_new_nonce           (void);
/* HMAC-SHA256 keyed with the normalised code over the nonce, as 64
 * lowercase hex digits; NULL when @code is not a code. */
char            *cs_live_auth_proof               (const char   *code,
                                                   const char   *nonce);
/* HMAC-SHA256 keyed with a resume token (cs-live-message.h) over the
 * nonce, as 64 lowercase hex digits. */
char            *cs_live_auth_resume_proof        (const char   *token,
                                                   const char   *nonce);
/* Whether @proof is the proof of @code for @nonce (constant time in the
 * proof's content); FALSE with CS_LIVE_ERROR_AUTH otherwise. */
gboolean         cs_live_auth_check_proof         (const char   *code,
                                                   const char   *nonce,
                                                   const char   *proof,
                                                   GError      **error);
/* Equal-length comparison whose time does not depend on the content. */
gboolean         cs_live_auth_equal               (const char   *a,
                                                   const char   *b);

/* SHA-256 of a DER certificate as 32 upper-case hex pairs joined by
 * colons ("AB:CD:…"), for people to compare by phone. */
char            *cs_live_auth_fingerprint_der     (GBytes       *der);
char            *cs_live_auth_fingerprint         (GTlsCertificate *certificate);

/* The host's certificate: a fresh ECDSA P-256 key and a self-signed
 * certificate for @common_name valid from an hour ago for @days days,
 * made in memory (GnuTLS) and loaded as a GTlsCertificate with its key. */
GTlsCertificate *cs_live_auth_new_certificate     (const char   *common_name,
                                                   guint         days,
                                                   GError      **error);

G_END_DECLS
