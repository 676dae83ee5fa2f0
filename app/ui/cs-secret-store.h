/* cs-secret-store.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the passwords and tokens of slide archives are kept, keyed by the
 * server's base URL: the desktop keyring (libsecret), or, for tests and
 * sessions without a keyring daemon, memory. Every call may be made from
 * any thread; secrets are never written to files or logs. */

typedef struct
{
  gboolean (*store)  (const char  *url,
                      const char  *label,
                      const char  *secret,
                      GError     **error);
  char    *(*lookup) (const char  *url,
                      GError     **error);
  gboolean (*clear)  (const char  *url,
                      GError     **error);
} CsSecretStoreBackend;

gboolean cs_secret_store_save   (const char  *url,
                                 const char  *label,
                                 const char  *secret,
                                 GError     **error);
char    *cs_secret_store_lookup (const char  *url,
                                 GError     **error);
gboolean cs_secret_store_clear  (const char  *url,
                                 GError     **error);
void     cs_secret_store_free_secret (char *secret);

/* The store in use: memory when CONSILIUM_SECRET_STORE=memory is set in
 * the environment (the tests under Xvfb, which have no keyring daemon) or
 * after _cs_secret_store_use_memory (), else the keyring. */
const CsSecretStoreBackend *cs_secret_store_get_backend (void);

/* Tests only. */
void     _cs_secret_store_use_memory (void);
guint    _cs_secret_store_memory_count (void);

G_END_DECLS
