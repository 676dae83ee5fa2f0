/* test-cli-help.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-cli-private.h"
#include "cs-test-cli.h"

/* The help of consilium-cli and of consilium. The commands come from the
 * dispatcher's own tables (cs_cli_commands and their subcommands) and
 * each command's options from the GOptionEntry table it builds, read
 * through cs_cli_set_inspector (): an option or command added without
 * help fails here. Each --help is then run as the user runs it. */

typedef CsTestCli Fixture;

/* The options of the command being inspected. */
typedef struct
{
  const char *target;
  GArray     *entries;
  gboolean    found;
} Inspection;

static gboolean
inspect_cb (const char         *prgname,
            const GOptionEntry *entries,
            gpointer            user_data)
{
  Inspection *inspection = user_data;

  if (!g_str_equal (prgname, inspection->target))
    return FALSE;
  for (guint i = 0; entries[i].long_name != NULL; i++)
    g_array_append_val (inspection->entries, entries[i]);
  inspection->found = TRUE;
  return TRUE;
}

/* The entries of the command @path (NULL-terminated, as typed after
 * consilium-cli) as its own code declares them; strings point into the
 * code's tables. */
static GArray *
inspect_options (const char *const *path)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) path);
  g_autofree char *target = *path != NULL ? g_strconcat ("consilium-cli ", joined, NULL)
                                          : g_strdup ("consilium-cli");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Inspection inspection = { target, g_array_new (FALSE, FALSE, sizeof (GOptionEntry)), FALSE };

  g_ptr_array_add (argv, (char *) "consilium-cli");
  for (guint i = 0; path[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) path[i]);
  g_ptr_array_add (argv, NULL);

  cs_cli_set_inspector (inspect_cb, &inspection);
  g_assert_false (cs_cli_run ((int) argv->len - 1, (char **) argv->pdata, &error));
  cs_cli_set_inspector (NULL, NULL);

  g_assert_error (error, CS_CLI_ERROR, CS_CLI_ERROR_INSPECTED);
  g_assert_true (inspection.found);
  return inspection.entries;
}

static void
assert_contains (const char *text,
                 const char *wanted,
                 const char *what)
{
  if (strstr (text, wanted) == NULL)
    g_error ("the help of %s lacks “%s”:\n%s", what, wanted, text);
}

/* Every option of @entries in @help, with its short name and argument,
 * and described. */
static void
assert_options_described (const char *help,
                          GArray     *entries,
                          const char *what)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const GOptionEntry *e = &g_array_index (entries, GOptionEntry, i);
      g_autofree char *shown = NULL;

      if (e->flags & G_OPTION_FLAG_HIDDEN)
        continue;
      g_assert_nonnull (e->description);
      g_assert_cmpstr (e->description, !=, "");
      if (e->arg != G_OPTION_ARG_NONE)
        {
          g_assert_nonnull (e->arg_description);
          shown = g_strdup_printf ("--%s=%s  ", e->long_name, e->arg_description);
        }
      else
        shown = g_strdup_printf ("--%s  ", e->long_name);
      assert_contains (help, shown, what);
      if (e->short_name != 0)
        {
          g_autofree char *both = g_strdup_printf ("-%c, --%s", e->short_name, e->long_name);

          assert_contains (help, both, what);
        }
      assert_contains (help, e->description, what);
    }
}

static void
assert_commands_listed (const char         *help,
                        const CsCliCommand *commands,
                        const char         *what)
{
  for (const CsCliCommand *c = commands; c->name != NULL; c++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s  ", c->name);

      assert_contains (help, line, what);
      assert_contains (help, c->summary, what);
    }
}

/* Calls @func for every command below @parent (NULL-terminated, as typed
 * after consilium-cli) and their commands, depth first; "help", whose
 * help is consilium-cli's own, is left to test_cli_help_top (). */
typedef void (*CommandFunc) (const char *const  *path,
                             const CsCliCommand *command,
                             gpointer            data);

static guint
walk_commands (const char *const  *parent,
               const CsCliCommand *commands,
               CommandFunc         func,
               gpointer            data)
{
  guint n = 0;

  for (const CsCliCommand *c = commands; c->name != NULL; c++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) path = NULL;

      if (parent[0] == NULL && g_str_equal (c->name, "help"))
        continue;
      g_strv_builder_addv (builder, (const char **) parent);
      g_strv_builder_add (builder, c->name);
      path = g_strv_builder_end (builder);
      func ((const char *const *) path, c, data);
      n++;
      if (c->subcommands != NULL)
        n += walk_commands ((const char *const *) path, c->subcommands, func, data);
    }
  return n;
}

/* @path --help and help @path: the same text on stdout, status 0, the
 * usage line, every option, examples of this command, the exit status. */
static void
check_help (const char *const  *path,
            const CsCliCommand *command,
            gpointer            data)
{
  Fixture *f = data;
  const CsCliCommand *subcommands = command->subcommands;
  g_autofree char *joined = g_strjoinv (" ", (char **) path);
  g_autofree char *what = g_strconcat ("consilium-cli ", joined, NULL);
  g_autofree char *usage = g_strdup_printf ("Usage:\n  %s [OPTION…]", what);
  g_autofree char *example = g_strdup_printf ("Examples:\n  %s", what);
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) help_args = g_strv_builder_new ();
  g_autoptr(GArray) entries = inspect_options (path);
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) help_argv = NULL;
  g_autofree char *help = NULL;

  g_strv_builder_addv (args, (const char **) path);
  g_strv_builder_add (args, "--help");
  argv = g_strv_builder_end (args);
  g_assert_cmpint (cs_test_cli_runv (f, (const char *const *) argv), ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  help = g_steal_pointer (&f->out);

  assert_contains (help, usage, what);
  assert_contains (help, example, what);
  assert_contains (help, "\nExit status:\n  0 ", what);
  assert_options_described (help, entries, what);
  if (subcommands != NULL)
    {
      assert_commands_listed (help, subcommands, what);
      g_assert_cmpuint (entries->len, ==, 0);
    }

  g_strv_builder_add (help_args, "help");
  g_strv_builder_addv (help_args, (const char **) path);
  help_argv = g_strv_builder_end (help_args);
  g_assert_cmpint (cs_test_cli_runv (f, (const char *const *) help_argv), ==, 0);
  g_assert_cmpstr (f->out, ==, help);
}

static void
test_cli_help_top (Fixture *f, gconstpointer data)
{
  const char *const none[] = { NULL };
  g_autoptr(GArray) entries = inspect_options (none);
  g_autofree char *help = NULL;

  g_assert_cmpint (cs_test_cli_run (f, "--help", NULL), ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  help = g_steal_pointer (&f->out);
  assert_contains (help, "Usage:\n  consilium-cli [OPTION…] COMMAND", "consilium-cli");
  assert_contains (help, "Examples:\n  consilium-cli ", "consilium-cli");
  assert_contains (help, "\nExit status:\n  0 ", "consilium-cli");
  assert_commands_listed (help, cs_cli_commands, "consilium-cli");
  assert_options_described (help, entries, "consilium-cli");

  /* "help" alone, and "help --help", are the same text. */
  g_assert_cmpint (cs_test_cli_run (f, "help", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, help);
  g_assert_cmpint (cs_test_cli_run (f, "help", "--help", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, help);
}

static void
test_cli_help_commands (Fixture *f, gconstpointer data)
{
  const char *const root[] = { NULL };

  /* info, render, annotations and its 2, report and its 3, associated,
   * deidentify, package and its 3, bench at least */
  g_assert_cmpuint (walk_commands (root, cs_cli_commands, check_help, f), >=, 16);
}

static void
test_cli_help_unknown (Fixture *f, gconstpointer data)
{
  const struct
  {
    const char *args[4];
    const char *message;
    const char *try_help;
  } cases[] = {
    { { "frobnicate", NULL }, "Unknown command “frobnicate”", "“consilium-cli --help”" },
    { { "help", "frobnicate", NULL }, "Unknown command “frobnicate”", "“consilium-cli --help”" },
    { { "report", "frobnicate", NULL }, "Unknown command “frobnicate”",
      "“consilium-cli report --help”" },
    { { "help", "package", "frobnicate", NULL }, "Unknown command “frobnicate”",
      "“consilium-cli package --help”" },
    { { "annotations", NULL }, "No command given", "“consilium-cli annotations --help”" },
    { { NULL }, "No command given", "“consilium-cli --help”" },
    { { "--frobnicate", NULL }, "--frobnicate", "“consilium-cli --help”" },
    { { "info", "--frobnicate", NULL }, "--frobnicate", "“consilium-cli info --help”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cs_test_cli_runv (f, cases[i].args);
      cs_test_cli_assert_error (f, 2, cases[i].message);
      g_assert_nonnull (strstr (f->err, cases[i].try_help));
    }
}

/* consilium --help and --version answer in the terminal, with no display
 * to connect to. */
static void
test_app_help_without_display (Fixture *f, gconstpointer data)
{
  const char *app = g_getenv ("CS_APP");
  g_auto(GStrv) envp = g_strdupv (f->envp);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (app);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "GDK_BACKEND", "wayland", TRUE);

  g_spawn_sync (NULL, (char *[]) { (char *) app, (char *) "--help", NULL }, envp,
                G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Usage:\n  consilium [OPTION…] [FILE…]"));
  g_assert_nonnull (strstr (out, "--version  "));
  g_assert_nonnull (strstr (out, "Show the version and exit"));
  g_assert_nonnull (strstr (out, ".consilium"));
  g_assert_nonnull (strstr (out, "Examples:\n  consilium "));
  g_assert_nonnull (strstr (out, "\nExit status:\n  0 "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_spawn_sync (NULL, (char *[]) { (char *) app, (char *) "--version", NULL }, envp,
                G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "consilium " PACKAGE_VERSION "\n");
}

/* groff -man -ww renders @page without a warning; its text is returned. */
static char *
render_man_page (const char *page)
{
  const char *groff = g_getenv ("CS_GROFF");
  const char *argv[] = { groff, "-man", "-ww", "-Tutf8", "-P-cbou", page, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (groff);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (strlen (out), >, 1000);
  return g_steal_pointer (&out);
}

/* consilium-cli.1 has a section for each command, with its options. */
static void
check_man_command (const char *const  *path,
                   const CsCliCommand *command,
                   gpointer            data)
{
  const char *page = data;
  g_autofree char *joined = g_strjoinv (" ", (char **) path);
  g_autofree char *heading = g_strdup_printf (".SS \"consilium\\-cli %s\"\n", joined);
  g_autoptr(GArray) entries = inspect_options (path);
  const char *section = strstr (page, heading);
  const char *next = NULL;

  assert_contains (page, heading, "consilium-cli.1");
  next = strstr (section + strlen (heading), ".SS ");
  for (guint i = 0; i < entries->len; i++)
    {
      const GOptionEntry *e = &g_array_index (entries, GOptionEntry, i);
      g_auto(GStrv) parts = g_strsplit (e->long_name, "-", -1);
      g_autofree char *escaped = g_strjoinv ("\\-", parts);
      g_autofree char *option = g_strdup_printf ("\\fB\\-\\-%s\\fR", escaped);
      const char *found = strstr (section, option);

      g_assert_true (found != NULL && (next == NULL || found < next));
    }
}

static void
check_cli_man_page (const char *path)
{
  const char *const root[] = { NULL };
  g_autofree char *page = NULL;

  g_assert_true (g_str_has_suffix (path, "consilium-cli.1"));
  g_assert_true (g_file_get_contents (path, &page, NULL, NULL));
  assert_contains (page, ".SH COMMANDS\n", path);
  g_assert_cmpuint (walk_commands (root, cs_cli_commands, check_man_command, page), >=, 16);
}

static void
test_man_pages (Fixture *f, gconstpointer data)
{
  const char *pages = g_getenv ("CS_MAN_PAGES");
  const char *sections[] = { ".SH SYNOPSIS\n", ".SH DESCRIPTION\n", ".SH FILES\n",
                             ".SH ENVIRONMENT\n", ".SH EXAMPLES\n", ".SH \"EXIT STATUS\"\n",
                             ".SH \"SEE ALSO\"\n" };
  g_auto(GStrv) paths = NULL;

  if (pages == NULL)
    {
      g_test_skip ("The man pages are not built (-Dman=disabled, or no help2man)");
      return;
    }
  if (g_getenv ("CS_GROFF") == NULL)
    {
      g_test_skip ("groff is not installed (Debian: groff-base): the man pages cannot be "
                   "rendered");
      return;
    }
  paths = g_strsplit (pages, ":", -1);
  g_assert_cmpuint (g_strv_length (paths), ==, 2);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *page = NULL;
      g_autofree char *text = render_man_page (paths[i]);

      g_assert_true (g_file_get_contents (paths[i], &page, NULL, NULL));
      for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
        assert_contains (page, sections[s], paths[i]);
      /* groff escapes only: the page renders the same in any encoding */
      for (const char *p = page; *p != '\0'; p++)
        g_assert_cmpint ((guchar) *p, <, 128);
      /* …and the escapes become the characters: “consilium-cli”, [FILE…] */
      assert_contains (text, "\nEXIT STATUS\n", paths[i]);
      assert_contains (text, "…]", paths[i]);
    }

  check_cli_man_page (paths[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cs/cli-help/top", Fixture, NULL, cs_test_cli_setup, test_cli_help_top,
              cs_test_cli_teardown);
  g_test_add ("/cs/cli-help/commands", Fixture, NULL, cs_test_cli_setup, test_cli_help_commands,
              cs_test_cli_teardown);
  g_test_add ("/cs/cli-help/unknown", Fixture, NULL, cs_test_cli_setup, test_cli_help_unknown,
              cs_test_cli_teardown);
  g_test_add ("/cs/app-help/without-display", Fixture, NULL, cs_test_cli_setup,
              test_app_help_without_display, cs_test_cli_teardown);
  g_test_add ("/cs/man/pages", Fixture, NULL, cs_test_cli_setup, test_man_pages,
              cs_test_cli_teardown);

  return g_test_run ();
}
