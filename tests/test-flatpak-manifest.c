/* test-flatpak-manifest.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The Flatpak manifest is a release artefact that CI cannot build (no
 * runtimes here), so its promises are checked as data: it parses; its id
 * is the application ID that meson gives the desktop entry and the
 * metainfo; every source of every module is pinned, so that a build is
 * reproducible; the command is an executable this project installs; host
 * access stays read-only and offline; Consilium itself is built last,
 * without its tests. */

static JsonObject *
load_manifest (JsonParser *parser)
{
  const char *path = g_getenv ("CS_FLATPAK_MANIFEST");
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (path);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_node_get_object (root);
}

static const char *
release_app_id (void)
{
  const char *id = g_getenv ("CS_RELEASE_APP_ID");

  g_assert_nonnull (id);
  return id;
}

static void
test_app_id (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  const char *desktop = g_getenv ("CS_DESKTOP_FILE");
  const char *metainfo = g_getenv ("CS_METAINFO_FILE");
  g_autofree char *desktop_name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id_element = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, release_app_id ());
  /* A development build adds .Devel to the same ID, nothing else. */
  g_assert_true (g_str_has_prefix (APP_ID, release_app_id ()));
  g_assert_true (strcmp (APP_ID, release_app_id ()) == 0 ||
                 strcmp (APP_ID + strlen (release_app_id ()), ".Devel") == 0);

  desktop_name = g_path_get_basename (desktop);
  g_assert_cmpstr (desktop_name, ==, APP_ID ".desktop");

  g_file_get_contents (metainfo, &contents, NULL, &error);
  g_assert_no_error (error);
  id_element = g_strdup_printf ("<id>%s</id>", APP_ID);
  g_assert_nonnull (strstr (contents, id_element));
}

/* git: a commit or a tag; archive and file: a sha256. The project's own
 * directory source is allowed only for the project's module. */
static void
assert_source_pinned (const char *module,
                      JsonNode   *node,
                      gboolean    own)
{
  JsonObject *source;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    g_error ("module %s: a source that is not an object (an unpinned file reference)", module);

  source = json_node_get_object (node);
  type = json_object_get_string_member_with_default (source, "type", "");
  if (strcmp (type, "git") == 0)
    {
      if (!json_object_has_member (source, "commit") && !json_object_has_member (source, "tag"))
        g_error ("module %s: git source without commit or tag", module);
    }
  else if (strcmp (type, "archive") == 0 || strcmp (type, "file") == 0)
    {
      const char *sum = json_object_get_string_member_with_default (source, "sha256", "");

      if (strlen (sum) != 64 || strspn (sum, "0123456789abcdef") != 64)
        g_error ("module %s: %s source without a sha256", module, type);
    }
  else if (!(own && strcmp (type, "dir") == 0))
    {
      g_error ("module %s: source of type “%s” is not pinned", module, type);
    }
}

static void
assert_modules_pinned (JsonArray *modules,
                       guint     *n_modules)
{
  guint n = json_array_get_length (modules);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      const char *name = json_object_get_string_member (module, "name");
      JsonArray *sources = json_object_get_array_member (module, "sources");
      gboolean own = g_strcmp0 (name, "consilium") == 0;

      g_assert_nonnull (name);
      g_assert_nonnull (sources);
      g_assert_cmpuint (json_array_get_length (sources), >, 0);
      for (guint j = 0; j < json_array_get_length (sources); j++)
        assert_source_pinned (name, json_array_get_element (sources, j), own);
      if (json_object_has_member (module, "modules"))
        assert_modules_pinned (json_object_get_array_member (module, "modules"), n_modules);
      (*n_modules)++;
    }
}

static void
test_sources_pinned (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  guint n_modules = 0;

  assert_modules_pinned (json_object_get_array_member (manifest, "modules"), &n_modules);
  /* uthash, libdicom and OpenSlide 4, GEOS, yajl, Consilium. */
  g_assert_cmpuint (n_modules, >=, 6);
}

static void
test_command (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  const char *command = json_object_get_string_member (manifest, "command");
  const char *executables[] = { g_getenv ("CS_APP_EXE"), g_getenv ("CS_CLI") };
  gboolean found = FALSE;

  g_assert_nonnull (command);
  for (guint i = 0; i < G_N_ELEMENTS (executables); i++)
    {
      g_autofree char *name = NULL;

      g_assert_nonnull (executables[i]);
      name = g_path_get_basename (executables[i]);
      if (strcmp (name, command) == 0)
        {
          g_assert_true (g_file_test (executables[i], G_FILE_TEST_IS_EXECUTABLE));
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* Read-only host access for multi-file slides; the network for slide
 * archives (DICOMweb); no session or system bus access beyond the two
 * services the application calls (the file manager's ShowItems, the
 * keyring for archive secrets). */
static void
test_permissions_narrow (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");

  g_assert_nonnull (args);
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      if (g_str_has_prefix (arg, "--filesystem="))
        {
          if (!g_str_has_suffix (arg, ":ro"))
            g_error ("host access is not read-only: %s", arg);
          if (strstr (arg, "host") != NULL)
            g_error ("access to the whole host: %s", arg);
        }
      if (g_str_has_prefix (arg, "--talk-name=") &&
          g_strcmp0 (arg, "--talk-name=org.freedesktop.FileManager1") != 0 &&
          g_strcmp0 (arg, "--talk-name=org.freedesktop.secrets") != 0)
        g_error ("a bus name the application does not call: %s", arg);
      g_assert_false (g_str_has_prefix (arg, "--own-name="));
      g_assert_cmpstr (arg, !=, "--socket=session-bus");
      g_assert_cmpstr (arg, !=, "--socket=system-bus");
      g_assert_false (g_str_has_prefix (arg, "--device=all"));
    }
}

static void
test_last_module_is_consilium (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *last = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  JsonArray *opts = json_object_get_array_member (last, "config-opts");
  JsonObject *source = json_array_get_object_element (json_object_get_array_member (last,
                                                                                    "sources"), 0);
  gboolean tests_off = FALSE;

  g_assert_cmpstr (json_object_get_string_member (last, "name"), ==, "consilium");
  g_assert_cmpstr (json_object_get_string_member (last, "buildsystem"), ==, "meson");
  g_assert_cmpstr (json_object_get_string_member (source, "type"), ==, "dir");
  g_assert_cmpstr (json_object_get_string_member (source, "path"), ==, "..");
  g_assert_nonnull (opts);
  for (guint i = 0; i < json_array_get_length (opts); i++)
    if (g_strcmp0 (json_array_get_string_element (opts, i), "-Dtests=false") == 0)
      tests_off = TRUE;
  g_assert_true (tests_off);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/flatpak-manifest/app-id", test_app_id);
  g_test_add_func ("/cs/flatpak-manifest/sources-pinned", test_sources_pinned);
  g_test_add_func ("/cs/flatpak-manifest/command", test_command);
  g_test_add_func ("/cs/flatpak-manifest/permissions-narrow", test_permissions_narrow);
  g_test_add_func ("/cs/flatpak-manifest/last-module", test_last_module_is_consilium);

  return g_test_run ();
}
