/* cs-secret-store.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-secret-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "cs-secret-store.h"

/* Two backends behind one small table of functions: the desktop keyring
 * through libsecret's synchronous calls (they may be made from the
 * client's worker threads), under the schema
 * "io.github.consilium.Consilium.DicomwebServer" with the base URL as its
 * one attribute; and a table in memory, for tests under Xvfb where no
 * keyring daemon runs. */

static const SecretSchema *
cs_secret_store_schema (void)
{
  static const SecretSchema schema = {
    "io.github.consilium.Consilium.DicomwebServer", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static gboolean
keyring_store (const char  *url,
               const char  *label,
               const char  *secret,
               GError     **error)
{
  return secret_password_store_sync (cs_secret_store_schema (), SECRET_COLLECTION_DEFAULT,
                                     label, secret, NULL, error, "url", url, NULL);
}

static char *
keyring_lookup (const char  *url,
                GError     **error)
{
  return secret_password_lookup_sync (cs_secret_store_schema (), NULL, error,
                                      "url", url, NULL);
}

static gboolean
keyring_clear (const char  *url,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_password_clear_sync (cs_secret_store_schema (), NULL, &local_error,
                                   "url", url, NULL)
      && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static const CsSecretStoreBackend keyring_backend = {
  keyring_store, keyring_lookup, keyring_clear,
};

static GMutex memory_mutex;
static GHashTable *memory_table;   /* base URL → secret */

static void
wipe_secret (gpointer data)
{
  cs_secret_store_free_secret (data);
}

static GHashTable *
memory_get_table (void)
{
  if (memory_table == NULL)
    memory_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_secret);

  return memory_table;
}

static gboolean
memory_store (const char  *url,
              const char  *label,
              const char  *secret,
              GError     **error)
{
  g_mutex_lock (&memory_mutex);
  g_hash_table_replace (memory_get_table (), g_strdup (url), g_strdup (secret));
  g_mutex_unlock (&memory_mutex);

  return TRUE;
}

static char *
memory_lookup (const char  *url,
               GError     **error)
{
  char *secret;

  g_mutex_lock (&memory_mutex);
  secret = g_strdup (g_hash_table_lookup (memory_get_table (), url));
  g_mutex_unlock (&memory_mutex);

  return secret;
}

static gboolean
memory_clear (const char  *url,
              GError     **error)
{
  g_mutex_lock (&memory_mutex);
  g_hash_table_remove (memory_get_table (), url);
  g_mutex_unlock (&memory_mutex);

  return TRUE;
}

static const CsSecretStoreBackend memory_backend = {
  memory_store, memory_lookup, memory_clear,
};

static gboolean use_memory;

const CsSecretStoreBackend *
cs_secret_store_get_backend (void)
{
  static gsize from_environment;

  if (g_once_init_enter (&from_environment))
    g_once_init_leave (&from_environment,
                       g_strcmp0 (g_getenv ("CONSILIUM_SECRET_STORE"), "memory") == 0 ? 2 : 1);

  if (g_atomic_int_get (&use_memory) || from_environment == 2)
    return &memory_backend;

  return &keyring_backend;
}

/**
 * _cs_secret_store_use_memory:
 *
 * Tests only: from now on, secrets are kept in memory, not the keyring.
 */
void
_cs_secret_store_use_memory (void)
{
  g_atomic_int_set (&use_memory, TRUE);
}

guint
_cs_secret_store_memory_count (void)
{
  guint count;

  g_mutex_lock (&memory_mutex);
  count = g_hash_table_size (memory_get_table ());
  g_mutex_unlock (&memory_mutex);

  return count;
}

static void
cs_secret_store_prefix_error (GError     **error,
                              const char  *url)
{
  g_prefix_error (error, _("The keyring could not keep the secret for %s: "), url);
}

gboolean
cs_secret_store_save (const char  *url,
                      const char  *label,
                      const char  *secret,
                      GError     **error)
{
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  if (!cs_secret_store_get_backend ()->store (url, label, secret, error))
    {
      cs_secret_store_prefix_error (error, url);
      return FALSE;
    }

  return TRUE;
}

/* Returns: (nullable): the secret, to free with cs_secret_store_free_secret (). */
char *
cs_secret_store_lookup (const char  *url,
                        GError     **error)
{
  GError *local_error = NULL;
  char *secret;

  g_return_val_if_fail (url != NULL, NULL);

  secret = cs_secret_store_get_backend ()->lookup (url, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error,
                                  _("The keyring could not give the secret for %s: "), url);
      return NULL;
    }

  return secret;
}

gboolean
cs_secret_store_clear (const char  *url,
                       GError     **error)
{
  g_return_val_if_fail (url != NULL, FALSE);

  if (!cs_secret_store_get_backend ()->clear (url, error))
    {
      g_prefix_error (error, _("The keyring could not remove the secret for %s: "), url);
      return FALSE;
    }

  return TRUE;
}

/* Overwrites @secret before freeing it. */
void
cs_secret_store_free_secret (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}
