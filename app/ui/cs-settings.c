/* cs-settings.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-settings"

#include "config.h"

#include "cs-settings.h"

/* The application's settings, shared by every window and the preferences.
 * An installed Consilium finds its schema in the default places. Run from
 * the build directory, it uses the schema compiled there (CS_BUILD_SCHEMA_DIR)
 * with the default backend. Without either, it runs without settings: the
 * windows then use their defaults and remember nothing. */

static GSettingsSchema *
cs_settings_lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GError) error = NULL;
  GSettingsSchema *schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, CS_SETTINGS_SCHEMA_ID, TRUE);
  if (schema != NULL)
    return schema;

#ifdef CS_BUILD_SCHEMA_DIR
  build_source = g_settings_schema_source_new_from_directory (CS_BUILD_SCHEMA_DIR, source,
                                                              FALSE, &error);
  if (build_source != NULL)
    schema = g_settings_schema_source_lookup (build_source, CS_SETTINGS_SCHEMA_ID, FALSE);
  else
    g_debug ("No schemas in %s: %s", CS_BUILD_SCHEMA_DIR, error->message);
#endif

  return schema;
}

/**
 * cs_settings_get_default:
 *
 * Returns the application's settings, made on first use. Main thread only.
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the
 *   schema is nowhere to be found
 */
GSettings *
cs_settings_get_default (void)
{
  static GSettings *settings;
  static gboolean looked_up;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (looked_up)
    return settings;

  looked_up = TRUE;
  schema = cs_settings_lookup_schema ();
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed: settings will not be saved",
               CS_SETTINGS_SCHEMA_ID);
      return NULL;
    }

  settings = g_settings_new_full (schema, NULL, NULL);

  return settings;
}
