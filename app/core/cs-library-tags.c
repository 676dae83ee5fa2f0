/* cs-library-tags.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-library.h"
#include "cs-utils.h"

/* User tags per slide identity, one JSON file (see cs-library.h). */

typedef struct
{
  char  *stain;
  char  *organ;
  char **tags;
} Entry;

struct _CsLibraryTags
{
  GObject     parent_instance;

  char       *path;
  GMutex      lock;
  GHashTable *entries;   /* identity → Entry */
};

G_DEFINE_FINAL_TYPE (CsLibraryTags, cs_library_tags, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->stain);
  g_free (entry->organ);
  g_strfreev (entry->tags);
  g_free (entry);
}

static void
cs_library_tags_finalize (GObject *object)
{
  CsLibraryTags *self = CS_LIBRARY_TAGS (object);

  g_free (self->path);
  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cs_library_tags_parent_class)->finalize (object);
}

static void
cs_library_tags_class_init (CsLibraryTagsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_library_tags_finalize;
}

static void
cs_library_tags_init (CsLibraryTags *self)
{
  g_mutex_init (&self->lock);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

/**
 * cs_library_tags_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/consilium/library-tags.json
 */
char *
cs_library_tags_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "consilium", "library-tags.json", NULL);
}

CsLibraryTags *
cs_library_tags_new (const char *path)
{
  CsLibraryTags *self = g_object_new (CS_TYPE_LIBRARY_TAGS, NULL);

  self->path = g_strdup (path);

  return self;
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static JsonNode *
member_of_type (JsonObject  *object,
                const char  *name,
                JsonNodeType type)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

static Entry *
entry_from_json (JsonObject *object)
{
  Entry *entry = g_new0 (Entry, 1);
  JsonNode *tags = member_of_type (object, "tags", JSON_NODE_ARRAY);
  JsonArray *array = tags != NULL ? json_node_get_array (tags) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  entry->stain = dup_nonempty (json_object_get_string_member_with_default (object, "stain", NULL));
  entry->organ = dup_nonempty (json_object_get_string_member_with_default (object, "organ", NULL));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  entry->tags = g_strv_builder_end (builder);

  return entry;
}

static gboolean
parse_tags (CsLibraryTags *self,
            const char    *data,
            gsize          len,
            GHashTable    *entries,
            GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonObject *root;
  JsonNode *slides;
  JsonObjectIter iter;
  const char *identity;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, data, (gssize) len, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a library tags file: %s"), self->path,
                   local != NULL ? local->message : _("not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  slides = member_of_type (root, "slides", JSON_NODE_OBJECT);
  if (slides == NULL)
    return TRUE;
  json_object_iter_init (&iter, json_node_get_object (slides));
  while (json_object_iter_next (&iter, &identity, &node))
    if (JSON_NODE_HOLDS_OBJECT (node))
      g_hash_table_replace (entries, g_strdup (identity),
                            entry_from_json (json_node_get_object (node)));

  return TRUE;
}

gboolean
cs_library_tags_load (CsLibraryTags  *self,
                      GError        **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GHashTable) entries = NULL;
  gsize len;

  if (!g_file_get_contents (self->path, &data, &len, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  if (!parse_tags (self, data, len, entries, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  g_hash_table_unref (self->entries);
  self->entries = g_steal_pointer (&entries);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static JsonNode *
build_json_locked (CsLibraryTags *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) keys = g_hash_table_get_keys (self->entries);

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "slides");
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      Entry *entry = g_hash_table_lookup (self->entries, l->data);

      json_builder_set_member_name (builder, l->data);
      json_builder_begin_object (builder);
      if (entry->stain != NULL)
        {
          json_builder_set_member_name (builder, "stain");
          json_builder_add_string_value (builder, entry->stain);
        }
      if (entry->organ != NULL)
        {
          json_builder_set_member_name (builder, "organ");
          json_builder_add_string_value (builder, entry->organ);
        }
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; entry->tags != NULL && entry->tags[i] != NULL; i++)
        json_builder_add_string_value (builder, entry->tags[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
cs_library_tags_save (CsLibraryTags  *self,
                      GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  char *text;
  gsize len;

  g_mutex_lock (&self->lock);
  root = build_json_locked (self);
  g_mutex_unlock (&self->lock);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);
  bytes = g_bytes_new_take (text, len);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot create %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }

  return cs_write_bytes_atomically (self->path, TRUE, bytes, error);
}

gboolean
cs_library_tags_lookup (CsLibraryTags   *self,
                        const char      *identity,
                        char           **stain,
                        char           **organ,
                        char          ***tags)
{
  Entry *entry;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->entries, identity);
  if (stain != NULL)
    *stain = entry != NULL ? g_strdup (entry->stain) : NULL;
  if (organ != NULL)
    *organ = entry != NULL ? g_strdup (entry->organ) : NULL;
  if (tags != NULL)
    *tags = entry != NULL ? g_strdupv (entry->tags) : NULL;
  g_mutex_unlock (&self->lock);

  return entry != NULL;
}

void
cs_library_tags_set (CsLibraryTags      *self,
                     const char         *identity,
                     const char         *stain,
                     const char         *organ,
                     const char * const *tags)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->stain = dup_nonempty (stain);
  entry->organ = dup_nonempty (organ);
  entry->tags = g_strdupv ((char **) tags);

  g_mutex_lock (&self->lock);
  if (entry->stain == NULL && entry->organ == NULL && (tags == NULL || tags[0] == NULL))
    {
      g_hash_table_remove (self->entries, identity);
      entry_free (entry);
    }
  else
    g_hash_table_replace (self->entries, g_strdup (identity), entry);
  g_mutex_unlock (&self->lock);
}
