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
 * windows then use their defaults and remember nothing.
 *
 * The annotation classes are one table for the whole application, kept in
 * "annotation-classes" and saved on every change; the author and the
 * institution given to new annotations are read from here too. */

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

static void
cs_settings_save_classes_cb (CsClassTable *classes,
                             GSettings    *settings)
{
  g_autofree char *text = cs_class_table_serialize (classes);
  g_autofree char *saved = g_settings_get_string (settings, "annotation-classes");

  if (g_strcmp0 (text, saved) != 0)
    g_settings_set_string (settings, "annotation-classes", text);
}

/**
 * cs_settings_get_class_table:
 *
 * Returns the application's annotation classes, made on first use from
 * "annotation-classes" (the default classes when it is empty or cannot be
 * read) and saved there whenever they change. Main thread only.
 *
 * Returns: (transfer none): the class table
 */
CsClassTable *
cs_settings_get_class_table (void)
{
  static CsClassTable *classes;
  GSettings *settings;
  g_autofree char *text = NULL;

  if (classes != NULL)
    return classes;

  settings = cs_settings_get_default ();
  text = settings != NULL ? g_settings_get_string (settings, "annotation-classes") : NULL;
  classes = cs_class_table_new ();
  if (text == NULL || *text == '\0' || !cs_class_table_deserialize (classes, text) ||
      g_list_model_get_n_items (G_LIST_MODEL (classes)) == 0)
    {
      if (text != NULL && *text != '\0')
        g_message ("Unreadable annotation classes in the settings: using the defaults");
      g_object_unref (classes);
      classes = cs_class_table_new_default ();
    }

  if (settings != NULL)
    g_signal_connect_object (classes, "changed", G_CALLBACK (cs_settings_save_classes_cb),
                             settings, 0);

  return classes;
}

/**
 * cs_settings_dup_author:
 *
 * Returns: (transfer full): the author of new annotations: the
 *   "annotation-author" setting, else the user's full name, else the login
 */
char *
cs_settings_dup_author (void)
{
  GSettings *settings = cs_settings_get_default ();
  g_autofree char *author = settings ? g_settings_get_string (settings, "annotation-author")
                                     : NULL;
  const char *real_name = g_get_real_name ();

  if (author != NULL && *author != '\0')
    return g_steal_pointer (&author);

  /* GLib says "Unknown" when the password database has no full name. */
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return g_strdup (g_get_user_name ());
}

/**
 * cs_settings_dup_institution:
 *
 * Returns: (transfer full): the institution recorded with new annotations,
 *   possibly empty
 */
char *
cs_settings_dup_institution (void)
{
  GSettings *settings = cs_settings_get_default ();

  return settings != NULL ? g_settings_get_string (settings, "annotation-institution")
                          : g_strdup ("");
}
