/* cs-cli-library.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cs-library.h"

/* consilium-cli library scan: what the library grid shows of some folders
 * (the same scan, counts, tags and thumbnail cache), as text or JSON, with
 * the thumbnails copied into a folder on request. */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
build_item (JsonBuilder   *builder,
            CsLibraryItem *item,
            const char    *thumbnail)
{
  const char * const *tags = cs_library_item_get_tags (item);
  gint64 width, height;

  cs_library_item_get_size (item, &width, &height);
  json_builder_begin_object (builder);
  add_string (builder, "path", cs_library_item_get_path (item));
  add_string (builder, "name", cs_library_item_get_display_name (item));
  add_string (builder, "error", cs_library_item_get_error (item));
  add_string (builder, "identity", cs_library_item_get_identity (item));
  add_string (builder, "vendor", cs_library_item_get_vendor (item));
  add_int (builder, "width", width);
  add_int (builder, "height", height);
  json_builder_set_member_name (builder, "objective_power");
  if (cs_library_item_get_objective_power (item) > 0)
    json_builder_add_double_value (builder, cs_library_item_get_objective_power (item));
  else
    json_builder_add_null_value (builder);
  add_int (builder, "annotations", cs_library_item_get_n_annotations (item));
  add_int (builder, "opinions", cs_library_item_get_n_opinions (item));
  add_string (builder, "stain", cs_library_item_get_stain (item));
  add_string (builder, "organ", cs_library_item_get_organ (item));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  add_string (builder, "thumbnail", thumbnail);
  json_builder_end_object (builder);
}

static void
print_json (CsLibrary *library,
            GPtrArray *thumbnails)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GPtrArray *problems = cs_library_get_problems (library);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "slides");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (library), i);

      build_item (builder, item, g_ptr_array_index (thumbnails, i));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (problems, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  /* Not g_print (): it would convert the UTF-8 to a non-UTF-8 locale. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
print_item (CsLibraryItem *item)
{
  gint64 width, height;
  double power = cs_library_item_get_objective_power (item);
  guint n_annotations = cs_library_item_get_n_annotations (item);
  guint n_opinions = cs_library_item_get_n_opinions (item);

  g_print ("%s\n", cs_library_item_get_path (item));
  if (cs_library_item_get_state (item) != CS_LIBRARY_ITEM_READY)
    {
      g_print ("  %s %s\n", _("Cannot be read:"), cs_library_item_get_error (item));
      return;
    }
  cs_library_item_get_size (item, &width, &height);
  g_print (_("  %s, %" PRId64 " × %" PRId64 " pixels"), cs_library_item_get_vendor (item),
           (int64_t) width, (int64_t) height);
  if (power > 0)
    g_print (_(", objective %d×"), (int) (power + 0.5));
  g_print ("\n  ");
  g_print (ngettext ("%u annotation", "%u annotations", n_annotations), n_annotations);
  g_print (", ");
  g_print (ngettext ("%u opinion", "%u opinions", n_opinions), n_opinions);
  g_print ("\n");
}

/* Copies the cached thumbnails into @dir: <name>.png, or
 * <name>-<identity prefix>.png when two slides share a name. Returns the
 * paths written (NULL for slides without one), in the items' order. */
static GPtrArray *
write_thumbnails (CsLibrary   *library,
                  const char  *dir,
                  GError     **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  if (dir != NULL && g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot create %s: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char *cached = cs_library_item_get_thumbnail_path (item);
      g_autofree char *name = NULL;
      g_autoptr(GFile) source = NULL;
      g_autoptr(GFile) target = NULL;
      char *path;

      if (dir == NULL || cached == NULL || cs_library_item_get_state (item) != CS_LIBRARY_ITEM_READY)
        {
          g_ptr_array_add (written, NULL);
          continue;
        }
      name = g_strconcat (cs_library_item_get_display_name (item), ".png", NULL);
      path = g_build_filename (dir, name, NULL);
      if (g_hash_table_contains (used, path))
        {
          g_autofree char *other = g_strdup_printf ("%s-%.12s.png",
                                                    cs_library_item_get_display_name (item),
                                                    cs_library_item_get_identity (item));

          g_free (path);
          path = g_build_filename (dir, other, NULL);
        }
      g_ptr_array_add (written, path);
      g_hash_table_add (used, path);
      source = g_file_new_for_path (cached);
      target = g_file_new_for_path (path);
      if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
        return NULL;
    }

  return g_steal_pointer (&written);
}

static gboolean
run_scan (int      argc,
          char   **argv,
          GError **error)
{
  gboolean json = FALSE;
  g_autofree char *thumbnails_dir = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the slides as JSON"), NULL },
    { "thumbnails", 0, 0, G_OPTION_ARG_FILENAME, &thumbnails_dir,
      N_("Write each slide’s thumbnail as PNG into DIR"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsLibrary) library = cs_library_new ();
  g_autoptr(GPtrArray) thumbnails = NULL;
  GPtrArray *problems;

  context = cs_cli_option_context (_("FOLDER…"),
                                   _("Finds the slides in the folders and their subfolders and "
                                     "shows what the library shows of each: vendor, size, "
                                     "objective, counts of annotations and opinions, tags, or "
                                     "why it cannot be read. Thumbnails are made once and "
                                     "cached."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli library scan ~/teaching /mnt/share/slides",
                     "consilium-cli library scan ~/teaching --json --thumbnails thumbs",
                     NULL },
                   NULL);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc < 2)
    {
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, _("Missing argument %s"), _("FOLDER"));
      return FALSE;
    }
  for (int i = 1; i < argc; i++)
    cs_library_add_folder (library, argv[i]);
  if (!cs_library_scan (library, NULL, error))
    return FALSE;
  thumbnails = write_thumbnails (library, thumbnails_dir, error);
  if (thumbnails == NULL)
    return FALSE;

  if (json)
    {
      print_json (library, thumbnails);
      return TRUE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(CsLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (library), i);

      print_item (item);
    }
  problems = cs_library_get_problems (library);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));

  return TRUE;
}

const CsCliCommand cs_cli_library_commands[] = {
  { "scan", N_("List the slides found in folders, as the library shows them"), run_scan },
  { NULL }
};

gboolean
cs_cli_library (int      argc,
                char   **argv,
                GError **error)
{
  static const char *const examples[] = {
    "consilium-cli library scan ~/teaching --json",
    NULL
  };

  return cs_cli_dispatch (_("Lists the slides of teaching collections as the library shows "
                            "them."), cs_cli_library_commands, examples, argc, argv, error);
}
