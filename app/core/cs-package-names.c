/* cs-package-names.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The names of a package's entries (cs-package.h): what the writer gives
 * them and what the manifest parser and the reader accept. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-package-private.h"

G_DEFINE_QUARK (cs-package-error-quark, cs_package_error)

void
_cs_package_entry_name_clear (CsPackageEntryName *name)
{
  g_clear_pointer (&name->key, g_free);
  g_clear_pointer (&name->file_name, g_free);
  name->revision = 0;
  name->author = 0;
}

gboolean
_cs_package_is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
is_lower_uuid (const char *text,
               gsize       len)
{
  g_autofree char *copy = g_strndup (text, len);

  if (!g_uuid_string_is_valid (copy))
    return FALSE;
  for (const char *p = copy; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

char *
_cs_package_report_key (const char *report_id)
{
  const char *uuid = g_str_has_prefix (report_id, "urn:uuid:") ? report_id + strlen ("urn:uuid:") : NULL;

  if (uuid != NULL && g_uuid_string_is_valid (uuid))
    return g_ascii_strdown (uuid, -1);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, report_id, -1);
}

char *
_cs_package_slide_key (const char *uuid)
{
  if (uuid == NULL || !g_str_has_prefix (uuid, "urn:uuid:")
      || !g_uuid_string_is_valid (uuid + strlen ("urn:uuid:")))
    return NULL;
  return g_ascii_strdown (uuid + strlen ("urn:uuid:"), -1);
}

/* A decimal number of 1 to @max_digits digits without a leading zero. */
static gboolean
parse_number (const char *text,
              gsize       len,
              guint       max_digits,
              gint64     *value)
{
  guint64 result = 0;

  if (len == 0 || len > max_digits || text[0] == '0')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      result = result * 10 + (text[i] - '0');
    }
  *value = (gint64) result;
  return TRUE;
}

static gboolean
fail (GError     **error,
      gint         code,
      const char  *path,
      const char  *reason)
{
  g_autofree char *quoted = g_strescape (path, NULL);

  g_set_error (error, CS_PACKAGE_ERROR, code,
               /* Translators: an entry of a package archive, then why it is refused */
               _("Entry “%s”: %s"), quoted, reason);
  return FALSE;
}

/* What makes a name dangerous to extract, whatever its form. */
static gboolean
check_safe (const char  *path,
            GError     **error)
{
  if (*path == '\0')
    return fail (error, CS_PACKAGE_ERROR_UNSAFE, path, _("the name is empty"));
  if (!g_utf8_validate (path, -1, NULL))
    return fail (error, CS_PACKAGE_ERROR_UNSAFE, path, _("the name is not valid UTF-8"));
  if (path[0] == '/')
    return fail (error, CS_PACKAGE_ERROR_UNSAFE, path, _("the name is an absolute path"));
  if (strchr (path, '\\') != NULL)
    return fail (error, CS_PACKAGE_ERROR_UNSAFE, path, _("the name holds a backslash"));
  for (const guchar *p = (const guchar *) path; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f)
      return fail (error, CS_PACKAGE_ERROR_UNSAFE, path, _("the name holds a control character"));

  {
    g_auto(GStrv) parts = g_strsplit (path, "/", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      if (g_str_equal (parts[i], "..") || g_str_equal (parts[i], ".") || parts[i][0] == '\0')
        return fail (error, CS_PACKAGE_ERROR_UNSAFE, path,
                     _("the name has an empty, “.” or “..” component"));
  }
  return TRUE;
}

gboolean
_cs_package_check_file_name (const char  *file_name,
                             GError     **error)
{
  if (!check_safe (file_name, error))
    return FALSE;
  if (strchr (file_name, '/') != NULL)
    return fail (error, CS_PACKAGE_ERROR_UNSAFE, file_name, _("a file name holds a “/”"));
  if (strlen (file_name) > CS_PACKAGE_MAX_FILE_NAME)
    return fail (error, CS_PACKAGE_ERROR_INVALID, file_name, _("the file name is longer than 255 bytes"));
  return TRUE;
}

/* "<n>.json", "<n>.r<rev>.json", "<n>.pdf" */
static gboolean
parse_report (const char         *name,
              CsPackageEntryName *parsed)
{
  const char *dot = strchr (name, '.');
  gsize key_len = dot != NULL ? (gsize) (dot - name) : 0;
  g_autofree char *key = g_strndup (name, key_len);

  if (dot == NULL || !(is_lower_uuid (key, key_len) || _cs_package_is_sha256 (key)))
    return FALSE;

  if (g_str_equal (dot, ".json"))
    parsed->kind = CS_PACKAGE_ENTRY_REPORT;
  else if (g_str_equal (dot, ".pdf"))
    parsed->kind = CS_PACKAGE_ENTRY_PDF;
  else if (g_str_has_prefix (dot, ".r") && g_str_has_suffix (dot, ".json")
           && parse_number (dot + 2, strlen (dot) - 2 - strlen (".json"), 18,
                            &parsed->revision))
    parsed->kind = CS_PACKAGE_ENTRY_REVISION;
  else
    return FALSE;

  parsed->key = g_steal_pointer (&key);
  return TRUE;
}

/* "<s>-<a>.geojson" */
static gboolean
parse_annotations (const char         *name,
                   CsPackageEntryName *parsed)
{
  gint64 author = 0;
  gsize len = strlen (name);
  gsize tail = strlen (".geojson");

  if (len <= 37 + tail || name[36] != '-' || !g_str_has_suffix (name, ".geojson")
      || !is_lower_uuid (name, 36)
      || !parse_number (name + 37, len - 37 - tail, 6, &author))
    return FALSE;

  parsed->kind = CS_PACKAGE_ENTRY_ANNOTATIONS;
  parsed->key = g_strndup (name, 36);
  parsed->author = (guint) author;
  return TRUE;
}

/* "<s>.json" */
static gboolean
parse_views (const char         *name,
             CsPackageEntryName *parsed)
{
  if (strlen (name) != 36 + strlen (".json") || !g_str_has_suffix (name, ".json")
      || !is_lower_uuid (name, 36))
    return FALSE;
  parsed->kind = CS_PACKAGE_ENTRY_VIEWS;
  parsed->key = g_strndup (name, 36);
  return TRUE;
}

/* "<s>/<file name>"; returns why not, or NULL */
static const char *
parse_slide (const char         *name,
             CsPackageEntryName *parsed,
             gint               *code)
{
  const char *slash = strchr (name, '/');
  g_autoptr(GError) local_error = NULL;

  *code = CS_PACKAGE_ERROR_INVALID;
  if (slash == NULL || slash - name != 36 || !is_lower_uuid (name, 36))
    return _("not slides/<slide>/<file name>");
  if (!_cs_package_check_file_name (slash + 1, &local_error))
    {
      *code = local_error->code;
      return *code == CS_PACKAGE_ERROR_UNSAFE
             ? _("the slide’s file name is not a plain file name")
             : _("the slide’s file name is longer than 255 bytes");
    }

  parsed->kind = CS_PACKAGE_ENTRY_SLIDE;
  parsed->key = g_strndup (name, 36);
  parsed->file_name = g_strdup (slash + 1);
  return NULL;
}

static gboolean
parse_name (const char         *path,
            CsPackageEntryName *parsed,
            GError            **error)
{
  if (g_str_equal (path, CS_PACKAGE_MANIFEST_NAME))
    parsed->kind = CS_PACKAGE_ENTRY_MANIFEST;
  else if (g_str_equal (path, CS_PACKAGE_CASE_NAME))
    parsed->kind = CS_PACKAGE_ENTRY_CASE;
  else if (g_str_has_prefix (path, "reports/"))
    {
      if (!parse_report (path + strlen ("reports/"), parsed))
        return fail (error, CS_PACKAGE_ERROR_INVALID, path,
                     _("not reports/<report>.json, .r<revision>.json or .pdf"));
    }
  else if (g_str_has_prefix (path, "annotations/"))
    {
      if (!parse_annotations (path + strlen ("annotations/"), parsed))
        return fail (error, CS_PACKAGE_ERROR_INVALID, path,
                     _("not annotations/<slide>-<author>.geojson"));
    }
  else if (g_str_has_prefix (path, "views/"))
    {
      if (!parse_views (path + strlen ("views/"), parsed))
        return fail (error, CS_PACKAGE_ERROR_INVALID, path, _("not views/<slide>.json"));
    }
  else if (g_str_has_prefix (path, "slides/"))
    {
      gint code = 0;
      const char *reason = parse_slide (path + strlen ("slides/"), parsed, &code);

      if (reason != NULL)
        return fail (error, code, path, reason);
    }
  else
    return fail (error, CS_PACKAGE_ERROR_INVALID, path, _("not an entry of a consult package"));
  return TRUE;
}

gboolean
_cs_package_parse_entry_name (const char         *path,
                              CsPackageEntryName *parsed,
                              GError            **error)
{
  g_auto(CsPackageEntryName) local = { 0 };

  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_safe (path, error) || !parse_name (path, &local, error))
    return FALSE;
  if (parsed != NULL)
    {
      _cs_package_entry_name_clear (parsed);
      *parsed = local;
      local.key = NULL;
      local.file_name = NULL;
    }
  return TRUE;
}

gboolean
_cs_package_check_entry_name (const char  *path,
                              GError     **error)
{
  return _cs_package_parse_entry_name (path, NULL, error);
}
