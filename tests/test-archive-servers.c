/* test-archive-servers.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-archive-servers"

#include "config.h"

#include <string.h>

#include "cs-archive-preferences.h"
#include "cs-archive-server-editor.h"
#include "cs-archive-servers.h"
#include "cs-preferences-window.h"
#include "cs-secret-store.h"
#include "cs-settings.h"
#include "cs-test-window.h"

/* The slide archives in the preferences, driven through their widgets:
 * servers added, edited and removed persist in GSettings (the memory
 * backend of the tests), and their passwords and tokens go to the secret
 * store (its in-memory backend: no keyring daemon runs under Xvfb), never
 * into the settings. The credentials the DICOMweb client is given come
 * from both. */

#define URL       "https://pacs.example.org/dicom-web"
#define URL2      "https://archive.example.net/dicomweb"
#define PASSWORD  "correct horse battery"
#define TOKEN     "eyJhbGciOiJIUzI1NiJ9.token"

static GSettings *
reset_settings (void)
{
  GSettings *settings = cs_settings_get_default ();

  g_assert_nonnull (settings);
  g_settings_reset (settings, "dicomweb-servers");
  cs_secret_store_clear (URL, NULL);
  cs_secret_store_clear (URL2, NULL);

  return settings;
}

static void
collect_entry_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, rows);
}

static gpointer
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Fills the editor as the user would: name, URL, user name, secret (in
 * the order of its rows) and the authentication method. */
static void
fill_editor (GtkWidget      *editor,
             const char     *name,
             const char     *url,
             CsDicomwebAuth  auth,
             const char     *user,
             const char     *secret)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  AdwComboRow *auth_row = find_widget (editor, ADW_TYPE_COMBO_ROW);

  collect_entry_rows (editor, rows);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (rows->pdata[3]));
  adw_combo_row_set_selected (auth_row, auth);
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), name);
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (rows->pdata[1]), url);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (rows->pdata[2]), user);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[3]), secret != NULL ? secret : "");
  g_assert_cmpint (gtk_widget_get_visible (rows->pdata[2]), ==, auth == CS_DICOMWEB_AUTH_BASIC);
  g_assert_cmpint (gtk_widget_get_visible (rows->pdata[3]), ==, auth != CS_DICOMWEB_AUTH_NONE);
}

static char *
settings_text (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "dicomweb-servers");

  return g_variant_print (value, FALSE);
}

static CsArchivePreferences *
open_preferences (GSettings  *settings,
                  GtkWidget **window)
{
  *window = cs_preferences_window_new (settings);
  gtk_window_present (GTK_WINDOW (*window));

  return find_widget (*window, CS_TYPE_ARCHIVE_PREFERENCES);
}

static gboolean
lists_row (GtkWidget  *widget,
           const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (lists_row (child, title))
      return TRUE;

  return FALSE;
}

static void
test_add_edit_remove (void)
{
  GSettings *settings;
  GtkWidget *window;
  CsArchivePreferences *prefs;
  GtkWidget *editor;
  g_autofree char *stored = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GSettings) fresh = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();
  settings = reset_settings ();
  prefs = open_preferences (settings, &window);
  g_assert_nonnull (prefs);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (prefs),
                                                                                         ADW_TYPE_PREFERENCES_PAGE)));
  g_assert_true (lists_row (GTK_WIDGET (prefs), "No slide archives yet"));

  /* Add: name, URL (its trailing slash dropped), basic authentication. */
  editor = cs_archive_preferences_edit (prefs, -1);
  fill_editor (editor, " Pathology PACS ", URL "/", CS_DICOMWEB_AUTH_BASIC, "alice", PASSWORD);
  cs_test_window_save_screenshot (GTK_WIDGET (gtk_widget_get_root (editor)),
                                  "archive-server-editor.png");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  text = settings_text (settings);
  g_assert_cmpstr (text, ==, "[('Pathology PACS', '" URL "', 'basic', 'alice')]");
  g_assert_null (strstr (text, PASSWORD));
  stored = cs_secret_store_lookup (URL, NULL);
  g_assert_cmpstr (stored, ==, PASSWORD);
  g_assert_cmpuint (_cs_secret_store_memory_count (), ==, 1);
  g_assert_true (lists_row (GTK_WIDGET (prefs), "Pathology PACS"));
  cs_test_window_save_screenshot (window, "archive-servers.png");

  /* Persisted: another GSettings object reads the same list. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  fresh = g_settings_new_full (schema, NULL, NULL);
  servers = cs_archive_servers_load (fresh);
  g_assert_cmpuint (servers->len, ==, 1);
  g_assert_cmpstr (((CsArchiveServer *) servers->pdata[0])->username, ==, "alice");

  /* Edit: a new URL with the password left empty moves the stored one. */
  editor = cs_archive_preferences_edit (prefs, 0);
  fill_editor (editor, NULL, URL2, CS_DICOMWEB_AUTH_BASIC, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_clear_pointer (&text, g_free);
  text = settings_text (settings);
  g_assert_cmpstr (text, ==, "[('Pathology PACS', '" URL2 "', 'basic', 'alice')]");
  moved = cs_secret_store_lookup (URL2, NULL);
  g_assert_cmpstr (moved, ==, PASSWORD);
  g_assert_null (cs_secret_store_lookup (URL, NULL));

  /* Edit: a bearer token replaces the password; no user name is kept. */
  editor = cs_archive_preferences_edit (prefs, 0);
  fill_editor (editor, NULL, NULL, CS_DICOMWEB_AUTH_BEARER, NULL, TOKEN);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_clear_pointer (&text, g_free);
  text = settings_text (settings);
  g_assert_cmpstr (text, ==, "[('Pathology PACS', '" URL2 "', 'bearer', '')]");
  g_assert_null (strstr (text, TOKEN));
  g_clear_pointer (&moved, g_free);
  moved = cs_secret_store_lookup (URL2, NULL);
  g_assert_cmpstr (moved, ==, TOKEN);

  /* Remove: the list is empty again and the secret gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "archives.remove", "u", 0));
  g_clear_pointer (&text, g_free);
  text = settings_text (settings);
  g_assert_cmpstr (text, ==, "[]");
  g_assert_cmpuint (_cs_secret_store_memory_count (), ==, 0);
  g_assert_true (lists_row (GTK_WIDGET (prefs), "No slide archives yet"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What cannot be saved says why and saves nothing. */
static void
test_editor_refuses (void)
{
  const struct {
    const char     *name;
    const char     *url;
    CsDicomwebAuth  auth;
    const char     *user;
    const char     *secret;
  } cases[] = {
    { "", URL, CS_DICOMWEB_AUTH_NONE, NULL, NULL },
    { "PACS", "ftp://pacs.example.org", CS_DICOMWEB_AUTH_NONE, NULL, NULL },
    { "PACS", URL, CS_DICOMWEB_AUTH_BASIC, "", PASSWORD },
    { "PACS", URL, CS_DICOMWEB_AUTH_BEARER, NULL, "" },
  };
  GSettings *settings;
  GtkWidget *window;
  CsArchivePreferences *prefs;

  CS_TEST_UI_SKIP_WITHOUT_DISPLAY ();
  settings = reset_settings ();
  prefs = open_preferences (settings, &window);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *editor = cs_archive_preferences_edit (prefs, -1);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      fill_editor (editor, cases[i].name, cases[i].url, cases[i].auth, cases[i].user,
                   cases[i].secret);
      g_assert_false (cs_archive_server_editor_save (CS_ARCHIVE_SERVER_EDITOR (editor), &error));
      g_assert_nonnull (error);
      g_test_message ("refused: %s", error->message);
      text = settings_text (settings);
      g_assert_cmpstr (text, ==, "[]");
      g_assert_cmpuint (_cs_secret_store_memory_count (), ==, 0);
      gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (editor)));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The client's credentials: the method and user from the list (followed
 * as it changes), the secret from the store; none for unknown servers. */
static void
test_credentials (void)
{
  GSettings *settings;
  g_autoptr(GPtrArray) servers = cs_archive_servers_new ();
  g_autoptr(CsDicomwebCredentials) basic = NULL;
  g_autoptr(CsDicomwebCredentials) none = NULL;
  g_autoptr(CsDicomwebCredentials) unknown = NULL;

  settings = reset_settings ();
  cs_archive_servers_install (settings);
  g_ptr_array_add (servers, cs_archive_server_new ("PACS", URL, CS_DICOMWEB_AUTH_BASIC, "alice"));
  g_ptr_array_add (servers, cs_archive_server_new ("Open", URL2, CS_DICOMWEB_AUTH_NONE, ""));
  g_assert_true (cs_secret_store_save (URL, "PACS", PASSWORD, NULL));
  cs_archive_servers_save (settings, servers);

  basic = cs_archive_servers_lookup_credentials (URL "/");
  g_assert_nonnull (basic);
  g_assert_cmpint (basic->auth, ==, CS_DICOMWEB_AUTH_BASIC);
  g_assert_cmpstr (basic->username, ==, "alice");
  g_assert_cmpstr (basic->secret, ==, PASSWORD);
  none = cs_archive_servers_lookup_credentials (URL2);
  g_assert_null (none);
  unknown = cs_archive_servers_lookup_credentials ("https://elsewhere.example.com/dicom-web");
  g_assert_null (unknown);
}

int
main (int   argc,
      char *argv[])
{
  _cs_secret_store_use_memory ();
  cs_test_window_init (&argc, &argv);

  g_test_add_func ("/archive-servers/add-edit-remove", test_add_edit_remove);
  g_test_add_func ("/archive-servers/editor-refuses", test_editor_refuses);
  g_test_add_func ("/archive-servers/credentials", test_credentials);

  return cs_test_window_run ();
}
