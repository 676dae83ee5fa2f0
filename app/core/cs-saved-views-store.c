/* cs-saved-views-store.c: a slide's saved views and tours on disk
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cs-saved-views-store.h"
#include "cs-utils.h"

char *
cs_saved_views_path (const char *directory,
                     const char *slide_sha256)
{
  g_autofree char *name = g_strconcat (slide_sha256, ".views.json", NULL);

  return g_build_filename (directory, name, NULL);
}

CsSavedViews *
cs_saved_views_load (const char *directory,
                     const char *slide_sha256,
                     GError    **error)
{
  g_autofree char *path = cs_saved_views_path (directory, slide_sha256);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return cs_saved_views_new ();
  if (!json_parser_load_from_mapped_file (parser, path, &local))
    {
      g_set_error (error, CS_SAVED_VIEWS_ERROR, CS_SAVED_VIEWS_ERROR_PARSE,
                   /* Translators: %s: a file name; %s: the cause */
                   _("%s: saved views cannot be read: %s"), path, local->message);
      return NULL;
    }
  return cs_saved_views_from_json (json_parser_get_root (parser), path, error);
}

static gboolean
write_json (GOutputStream *stream,
            gpointer       data,
            GError       **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len;

  json_generator_set_root (generator, data);
  json_generator_set_pretty (generator, TRUE);
  /* Not json_generator_to_stream(): it makes one g_output_stream_write()
   * and takes a short write (a full disk) for success, so a cut file
   * would replace the good one. */
  text = json_generator_to_data (generator, &len);
  return g_output_stream_write_all (stream, text, len, NULL, NULL, error);
}

gboolean
cs_saved_views_save (const CsSavedViews *views,
                     const char         *directory,
                     const char         *slide_sha256,
                     GError            **error)
{
  g_autofree char *path = cs_saved_views_path (directory, slide_sha256);
  g_autoptr(JsonNode) root = NULL;
  int saved;

  if (cs_saved_views_is_empty (views) && views->extra == NULL)
    {
      if (g_unlink (path) == 0 || errno == ENOENT)
        return TRUE;
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s cannot be removed: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s cannot be made: %s"), directory, g_strerror (saved));
      return FALSE;
    }
  root = cs_saved_views_to_json (views, slide_sha256);
  return cs_write_file_atomically (path, TRUE, write_json, root, error);
}

void
cs_saved_views_merge (CsSavedViews       *receiver,
                      const CsSavedViews *incoming,
                      guint              *added,
                      guint              *kept)
{
  guint n_added = 0, n_kept = 0;

  for (guint i = 0; i < incoming->views->len; i++)
    {
      const CsSavedView *view = g_ptr_array_index (incoming->views, i);

      if (cs_saved_views_find_view (receiver, view->id) != NULL)
        n_kept++;
      else
        n_added++, g_ptr_array_add (receiver->views, cs_saved_view_copy (view));
    }
  for (guint i = 0; i < incoming->tours->len; i++)
    {
      const CsTour *tour = g_ptr_array_index (incoming->tours, i);

      if (cs_saved_views_find_tour (receiver, tour->id) != NULL)
        n_kept++;
      else
        n_added++, g_ptr_array_add (receiver->tours, cs_tour_copy (tour));
    }
  if (added != NULL)
    *added = n_added;
  if (kept != NULL)
    *kept = n_kept;
}
