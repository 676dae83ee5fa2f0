/* cs-library-collections.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library-collections"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-library-collections.h"

GStrv
cs_library_collections_load (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_settings_get_strv (settings, CS_LIBRARY_COLLECTIONS_KEY);
}

static gboolean
check_folder (GFile   *folder,
              GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (folder);

  info = g_file_query_info (folder, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Cannot add the collection “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("Cannot add the collection “%s”: it is not a folder"), name);
      return FALSE;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)
      && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Cannot add the collection “%s”: the folder cannot be read"), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
cs_library_collections_add (GSettings  *settings,
                            GFile      *folder,
                            GError    **error)
{
  g_auto(GStrv) paths = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  if (!check_folder (folder, error))
    return FALSE;
  path = g_file_get_path (folder);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot add the collection “%s”: it is not a local or mounted folder"), name);
      return FALSE;
    }
  canonical = g_canonicalize_filename (path, NULL);
  paths = cs_library_collections_load (settings);
  if (g_strv_contains ((const char * const *) paths, canonical))
    return TRUE;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) paths);
  g_strv_builder_add (builder, canonical);
  g_clear_pointer (&paths, g_strfreev);
  paths = g_strv_builder_end (builder);

  return g_settings_set_strv (settings, CS_LIBRARY_COLLECTIONS_KEY,
                              (const char * const *) paths);
}

gboolean
cs_library_collections_remove (GSettings  *settings,
                               const char *path)
{
  g_auto(GStrv) paths = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) kept = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  paths = cs_library_collections_load (settings);
  builder = g_strv_builder_new ();
  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_str_equal (paths[i], path))
        found = TRUE;
      else
        g_strv_builder_add (builder, paths[i]);
    }
  if (!found)
    return FALSE;
  kept = g_strv_builder_end (builder);
  g_settings_set_strv (settings, CS_LIBRARY_COLLECTIONS_KEY, (const char * const *) kept);

  return TRUE;
}
