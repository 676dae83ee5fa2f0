/* cs-package-manifest-parse.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads a package's manifest.json, which comes from elsewhere: every member
 * is checked for its presence, type and form, every entry path against
 * the names of cs-package.h and against its role, and each path may be
 * listed once. Members this version does not know are ignored. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "cs-canonical-json.h"
#include "cs-package-private.h"
#include "cs-report.h"

typedef struct
{
  const char *name;
  GHashTable *paths;
  GHashTable *slide_keys;
} Parser;

static gboolean
refuse (Parser      *p,
        GError     **error,
        gint         code,
        const char  *member,
        const char  *reason)
{
  g_set_error (error, CS_PACKAGE_ERROR, code,
               /* Translators: the package file, a manifest member ("slides[0].sha256"), why */
               _("%s: manifest member “%s”: %s"), p->name, member, reason);
  return FALSE;
}

static char *
member_path (const char *prefix,
             const char *key)
{
  return prefix != NULL ? g_strdup_printf ("%s.%s", prefix, key) : g_strdup (key);
}

/* The member @key of @object, of @type; NULL with an error when it is
 * missing or of another type, NULL without one when absent and
 * @optional. */
static JsonNode *
get_node (Parser      *p,
          JsonObject  *object,
          const char  *prefix,
          const char  *key,
          GType        type,
          gboolean     optional,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *member = member_path (prefix, key);

  if (node == NULL || (optional && JSON_NODE_HOLDS_NULL (node)))
    {
      if (!optional)
        refuse (p, error, CS_PACKAGE_ERROR_INVALID, member, _("missing"));
      return NULL;
    }
  if ((type == JSON_TYPE_OBJECT && !JSON_NODE_HOLDS_OBJECT (node))
      || (type == JSON_TYPE_ARRAY && !JSON_NODE_HOLDS_ARRAY (node))
      || (type != JSON_TYPE_OBJECT && type != JSON_TYPE_ARRAY
          && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)))
    {
      const char *expected = type == JSON_TYPE_OBJECT ? _("not an object")
                             : type == JSON_TYPE_ARRAY ? _("not an array")
                             : type == G_TYPE_STRING ? _("not a string")
                             : type == G_TYPE_BOOLEAN ? _("not true or false")
                             : _("not an integer");

      refuse (p, error, CS_PACKAGE_ERROR_INVALID, member, expected);
      return NULL;
    }
  return node;
}

/* Copies a string member into @out (left NULL when absent and
 * @optional). */
static gboolean
get_string (Parser      *p,
            JsonObject  *object,
            const char  *prefix,
            const char  *key,
            gboolean     optional,
            char       **out,
            GError     **error)
{
  GError *local_error = NULL;
  JsonNode *node = get_node (p, object, prefix, key, G_TYPE_STRING, optional, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (node != NULL)
    *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_int (Parser      *p,
         JsonObject  *object,
         const char  *prefix,
         const char  *key,
         gint64       max,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = get_node (p, object, prefix, key, G_TYPE_INT64, FALSE, error);
  g_autofree char *member = member_path (prefix, key);

  if (node == NULL)
    return FALSE;
  *out = json_node_get_int (node);
  if (*out < 0)
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, member, _("negative"));
  if (*out > max)
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, member, _("too large"));
  return TRUE;
}

static gboolean
get_sha256 (Parser      *p,
            JsonObject  *object,
            const char  *prefix,
            const char  *key,
            gboolean     optional,
            char       **out,
            GError     **error)
{
  g_autofree char *member = member_path (prefix, key);

  if (!get_string (p, object, prefix, key, optional, out, error))
    return FALSE;
  if (*out != NULL && !_cs_package_is_sha256 (*out))
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, member,
                   _("not a SHA-256 (64 lower-case hexadecimal digits)"));
  return TRUE;
}

/* A {path, size, sha256} object; @parsed receives the parts of its
 * path. */
static CsPackageFile *
parse_file (Parser             *p,
            JsonNode           *node,
            const char         *member,
            CsPackageEntryName *parsed,
            GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *path_member = member_path (member, "path");
  JsonObject *object;
  gint64 size = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      refuse (p, error, CS_PACKAGE_ERROR_INVALID, member, _("not an object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_string (p, object, member, "path", FALSE, &path, error)
      || !get_int (p, object, member, "size", G_MAXINT64, &size, error)
      || !get_sha256 (p, object, member, "sha256", FALSE, &sha256, error))
    return NULL;

  if (!_cs_package_parse_entry_name (path, parsed, &local_error))
    {
      refuse (p, error, local_error->code, path_member, local_error->message);
      return NULL;
    }
  if (parsed->kind == CS_PACKAGE_ENTRY_MANIFEST)
    {
      refuse (p, error, CS_PACKAGE_ERROR_INVALID, path_member, _("the manifest never lists itself"));
      return NULL;
    }
  if (!g_hash_table_add (p->paths, g_strdup (path)))
    {
      refuse (p, error, CS_PACKAGE_ERROR_INVALID, path_member, _("this entry is listed twice"));
      return NULL;
    }
  return cs_package_file_new (path, (guint64) size, sha256);
}

/* A file member whose path must be of @kind with key @entry_key (when
 * not NULL); @out is left NULL when it is absent and @optional. */
static gboolean
get_file (Parser              *p,
          JsonObject          *object,
          const char          *prefix,
          const char          *key,
          gboolean             optional,
          CsPackageEntryKind   kind,
          const char          *entry_key,
          CsPackageEntryName  *parsed,
          CsPackageFile      **out,
          GError             **error)
{
  g_autofree char *member = member_path (prefix, key);
  g_autofree char *path_member = member_path (member, "path");
  g_auto(CsPackageEntryName) local = { 0 };
  CsPackageEntryName *name = parsed != NULL ? parsed : &local;
  GError *local_error = NULL;
  JsonNode *node = get_node (p, object, prefix, key, JSON_TYPE_OBJECT, optional, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (node == NULL)
    return TRUE;

  *out = parse_file (p, node, member, name, error);
  if (*out == NULL)
    return FALSE;
  if (name->kind != kind || (entry_key != NULL && g_strcmp0 (name->key, entry_key) != 0))
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, path_member,
                   _("the entry’s name does not match what it holds"));
  return TRUE;
}

static JsonObject *
element_object (Parser      *p,
                JsonArray   *array,
                guint        index,
                const char  *member,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      refuse (p, error, CS_PACKAGE_ERROR_INVALID, member, _("not an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
check_slide_file (Parser              *p,
                  CsPackageSlide      *slide,
                  CsPackageEntryName  *name,
                  const char          *member,
                  GError             **error)
{
  g_autofree char *file_member = member_path (member, "file");

  if (slide->file == NULL)
    {
      if (slide->deidentified)
        return refuse (p, error, CS_PACKAGE_ERROR_INVALID, file_member,
                       _("a de-identified slide must be included"));
      return TRUE;
    }
  if (g_strcmp0 (name->file_name, slide->file_name) != 0)
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, file_member,
                   _("the entry’s file name differs from the slide’s"));
  if (slide->file->size != slide->size || g_strcmp0 (slide->file->sha256, slide->sha256) != 0)
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, file_member,
                   _("the entry’s size or SHA-256 differs from the slide’s"));
  return TRUE;
}

static gboolean
parse_slide (Parser             *p,
             JsonObject         *object,
             const char         *member,
             CsPackageManifest  *manifest,
             GError            **error)
{
  g_autofree char *uuid_member = member_path (member, "uuid");
  g_autofree char *name_member = member_path (member, "file_name");
  g_auto(CsPackageEntryName) name = { 0 };
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  CsPackageSlide *slide = g_new0 (CsPackageSlide, 1);
  JsonNode *deidentified;
  gint64 size = 0;

  g_ptr_array_add (manifest->slides, slide);
  if (!get_string (p, object, member, "uuid", FALSE, &slide->uuid, error))
    return FALSE;
  key = _cs_package_slide_key (slide->uuid);
  if (key == NULL)
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, uuid_member,
                   _("not “urn:uuid:” followed by a UUID"));
  if (!g_hash_table_insert (p->slide_keys, g_strdup (key), slide))
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, uuid_member, _("this slide is listed twice"));

  if (!get_sha256 (p, object, member, "sha256", FALSE, &slide->sha256, error)
      || !get_string (p, object, member, "file_name", FALSE, &slide->file_name, error)
      || !get_int (p, object, member, "size", G_MAXINT64, &size, error))
    return FALSE;
  if (!_cs_package_check_file_name (slide->file_name, &local_error))
    return refuse (p, error, local_error->code, name_member, local_error->message);
  slide->size = (guint64) size;

  deidentified = get_node (p, object, member, "deidentified", G_TYPE_BOOLEAN, FALSE, error);
  if (deidentified == NULL)
    return FALSE;
  slide->deidentified = json_node_get_boolean (deidentified);

  return get_file (p, object, member, "file", TRUE, CS_PACKAGE_ENTRY_SLIDE, key,
                   &name, &slide->file, error)
         && check_slide_file (p, slide, &name, member, error);
}

/* "slide_uuid", naming a slide of the package; @key: its key. */
static gboolean
get_slide_uuid (Parser      *p,
                JsonObject  *object,
                const char  *member,
                char       **uuid,
                char       **key,
                GError     **error)
{
  g_autofree char *uuid_member = member_path (member, "slide_uuid");

  if (!get_string (p, object, member, "slide_uuid", FALSE, uuid, error))
    return FALSE;
  *key = _cs_package_slide_key (*uuid);
  if (*key == NULL || !g_hash_table_contains (p->slide_keys, *key))
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, uuid_member, _("not a slide of the package"));
  return TRUE;
}

static gboolean
parse_annotations (Parser             *p,
                   JsonObject         *object,
                   const char         *member,
                   CsPackageManifest  *manifest,
                   GError            **error)
{
  g_autofree char *key = NULL;
  CsPackageAnnotations *annotations = g_new0 (CsPackageAnnotations, 1);
  gint64 count = 0;

  g_ptr_array_add (manifest->annotations, annotations);
  if (!get_slide_uuid (p, object, member, &annotations->slide_uuid, &key, error))
    return FALSE;

  if (!get_string (p, object, member, "author", FALSE, &annotations->author, error)
      || !get_int (p, object, member, "count", G_MAXUINT, &count, error))
    return FALSE;
  annotations->count = (guint) count;

  return get_file (p, object, member, "file", FALSE, CS_PACKAGE_ENTRY_ANNOTATIONS, key,
                   NULL, &annotations->file, error);
}

static gboolean
parse_views (Parser             *p,
             JsonObject         *object,
             const char         *member,
             CsPackageManifest  *manifest,
             GError            **error)
{
  g_autofree char *key = NULL;
  CsPackageViews *views = g_new0 (CsPackageViews, 1);

  g_ptr_array_add (manifest->views, views);
  if (!get_slide_uuid (p, object, member, &views->slide_uuid, &key, error))
    return FALSE;
  return get_file (p, object, member, "file", FALSE, CS_PACKAGE_ENTRY_VIEWS, key,
                   NULL, &views->file, error);
}

static gboolean
is_status (const char *status)
{
  for (CsReportStatus s = CS_REPORT_STATUS_DRAFT; s <= CS_REPORT_STATUS_WITHDRAWN; s++)
    if (g_strcmp0 (status, cs_report_status_to_string (s)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_revisions (Parser            *p,
                 JsonObject        *object,
                 const char        *member,
                 CsPackageOpinion  *opinion,
                 const char        *key,
                 GError           **error)
{
  g_autofree char *revisions_member = member_path (member, "revisions");
  JsonNode *node = get_node (p, object, member, "revisions", JSON_TYPE_ARRAY, FALSE, error);
  JsonArray *array;

  if (node == NULL)
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", revisions_member, i);
      g_autofree char *path_member = member_path (item, "path");
      g_auto(CsPackageEntryName) name = { 0 };
      CsPackageFile *file = parse_file (p, json_array_get_element (array, i), item, &name, error);

      if (file == NULL)
        return FALSE;
      g_ptr_array_add (opinion->revisions, file);
      if (name.kind != CS_PACKAGE_ENTRY_REVISION || g_strcmp0 (name.key, key) != 0
          || name.revision >= opinion->revision)
        return refuse (p, error, CS_PACKAGE_ERROR_INVALID, path_member,
                       _("not an earlier revision of this opinion"));
    }
  return TRUE;
}

static gboolean
parse_opinion (Parser             *p,
               JsonObject         *object,
               const char         *member,
               CsPackageManifest  *manifest,
               GError            **error)
{
  g_autofree char *id_member = member_path (member, "id");
  g_autofree char *status_member = member_path (member, "status");
  g_autofree char *key = NULL;
  CsPackageOpinion *opinion = _cs_package_opinion_new ();

  g_ptr_array_add (manifest->opinions, opinion);
  if (!get_string (p, object, member, "id", FALSE, &opinion->id, error))
    return FALSE;
  if (*opinion->id == '\0')
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, id_member, _("empty"));
  key = _cs_package_report_key (opinion->id);

  if (!get_int (p, object, member, "revision", G_MAXINT64, &opinion->revision, error)
      || !get_string (p, object, member, "status", FALSE, &opinion->status, error))
    return FALSE;
  if (!is_status (opinion->status))
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, status_member, _("not a known status"));

  return get_string (p, object, member, "consultant", FALSE, &opinion->consultant, error)
         && get_sha256 (p, object, member, "content_sha256", TRUE, &opinion->content_sha256, error)
         && get_file (p, object, member, "file", FALSE, CS_PACKAGE_ENTRY_REPORT, key,
                      NULL, &opinion->file, error)
         && parse_revisions (p, object, member, opinion, key, error)
         && get_file (p, object, member, "pdf", TRUE, CS_PACKAGE_ENTRY_PDF, key,
                      NULL, &opinion->pdf, error);
}

typedef gboolean (*ParseItemFunc) (Parser             *p,
                                   JsonObject         *object,
                                   const char         *member,
                                   CsPackageManifest  *manifest,
                                   GError            **error);

/* More items than any real case has (each slide sent by identity is
 * searched for, each list entry costs work): refused. */
#define MAX_SLIDES      1000
#define MAX_ANNOTATIONS 10000
#define MAX_OPINIONS    1000

static gboolean
parse_list (Parser             *p,
            JsonObject         *root,
            const char         *key,
            guint               max,
            ParseItemFunc       func,
            CsPackageManifest  *manifest,
            GError            **error)
{
  JsonNode *node = get_node (p, root, NULL, key, JSON_TYPE_ARRAY, FALSE, error);
  JsonArray *array;

  if (node == NULL)
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > max)
    {
      g_autofree char *reason = g_strdup_printf (_("%u items, more than the %u a package may "
                                                   "list"), json_array_get_length (array),
                                                 max);

      return refuse (p, error, CS_PACKAGE_ERROR_INVALID, key, reason);
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *member = g_strdup_printf ("%s[%u]", key, i);
      JsonObject *object = element_object (p, array, i, member, error);

      if (object == NULL || !func (p, object, member, manifest, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_header (Parser             *p,
              JsonObject         *root,
              CsPackageManifest  *manifest,
              GError            **error)
{
  g_autofree char *format = NULL;
  JsonNode *version;

  if (!get_string (p, root, NULL, "format", FALSE, &format, error))
    return FALSE;
  if (!g_str_equal (format, CS_PACKAGE_FORMAT))
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, "format", _("not a consult package"));

  version = get_node (p, root, NULL, "version", G_TYPE_INT64, FALSE, error);
  if (version == NULL)
    return FALSE;
  manifest->version = json_node_get_int (version);
  if (manifest->version > CS_PACKAGE_VERSION)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_VERSION,
                   _("%s: made by a newer Consilium: format version %" PRId64
                     "; this version reads %d"),
                   p->name, manifest->version, CS_PACKAGE_VERSION);
      return FALSE;
    }
  if (manifest->version != CS_PACKAGE_VERSION)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_VERSION,
                   _("%s: unknown format version %" PRId64 "; this version reads %d"),
                   p->name, manifest->version, CS_PACKAGE_VERSION);
      return FALSE;
    }
  return get_string (p, root, NULL, "created", FALSE, &manifest->created, error)
         && get_string (p, root, NULL, "generator", FALSE, &manifest->generator, error)
         && get_string (p, root, NULL, "message", TRUE, &manifest->message, error);
}

static gboolean
parse_sender_and_case (Parser             *p,
                       JsonObject         *root,
                       CsPackageManifest  *manifest,
                       GError            **error)
{
  JsonNode *sender = get_node (p, root, NULL, "sender", JSON_TYPE_OBJECT, FALSE, error);
  JsonNode *kase;
  JsonObject *object;

  if (sender == NULL)
    return FALSE;
  object = json_node_get_object (sender);
  if (!get_string (p, object, "sender", "name", FALSE, &manifest->sender_name, error)
      || !get_string (p, object, "sender", "institution", FALSE, &manifest->sender_institution, error))
    return FALSE;

  kase = get_node (p, root, NULL, "case", JSON_TYPE_OBJECT, FALSE, error);
  if (kase == NULL)
    return FALSE;
  object = json_node_get_object (kase);
  if (!get_string (p, object, "case", "id", FALSE, &manifest->case_id, error))
    return FALSE;
  if (*manifest->case_id == '\0')
    return refuse (p, error, CS_PACKAGE_ERROR_INVALID, "case.id", _("empty"));
  return get_string (p, object, "case", "title", FALSE, &manifest->case_title, error)
         && get_file (p, object, "case", "file", FALSE, CS_PACKAGE_ENTRY_CASE, NULL,
                      NULL, &manifest->case_file, error);
}

CsPackageManifest *
cs_package_manifest_parse (const char  *data,
                           gsize        len,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(CsPackageManifest) manifest = cs_package_manifest_new ();
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) slide_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  Parser p = { name, paths, slide_keys };
  JsonObject *object;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (len > G_MAXSSIZE)
    len = G_MAXSSIZE;
  root = cs_canonical_json_parse (data != NULL ? data : "", (gssize) len, &local_error);
  if (root == NULL)
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s: the manifest is not valid JSON: %s"), name, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_INVALID,
                   _("%s: the manifest is not a JSON object"), name);
      return NULL;
    }
  object = json_node_get_object (root);

  if (!parse_header (&p, object, manifest, error)
      || !parse_sender_and_case (&p, object, manifest, error)
      || !parse_list (&p, object, "slides", MAX_SLIDES, parse_slide, manifest, error)
      || !parse_list (&p, object, "annotations", MAX_ANNOTATIONS, parse_annotations, manifest,
                      error)
      || !parse_list (&p, object, "opinions", MAX_OPINIONS, parse_opinion, manifest, error)
      || (json_object_has_member (object, "views")
          && !parse_list (&p, object, "views", MAX_SLIDES, parse_views, manifest, error)))
    return NULL;
  return g_steal_pointer (&manifest);
}
