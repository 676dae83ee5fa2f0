/* cs-cli.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"
#include "cs-utils.h"

#include <glib/gi18n.h>
#include <locale.h>

/* consilium-cli's main: gettext, the global options (--help, --version),
 * the subcommand table and the mapping of errors to exit statuses
 * (0 success, 1 failure, 2 usage error). Each subcommand lives in its own
 * cs-cli-<command>.c and only calls the core and prints. */

#define EXIT_USAGE 2

static gboolean cs_cli_help (int      argc,
                             char   **argv,
                             GError **error);

static const CsCliCommand commands[] = {
  { "info", N_("Show the format, levels, resolution and identity of a slide"), cs_cli_info },
  { "render", N_("Render a region of a slide to a PNG image"), cs_cli_render },
  { "annotations", N_("Convert annotation files, or count and measure their annotations"),
    cs_cli_annotations },
  { "report", N_("Write a report as PDF, print a case's opinions as JSON, or verify a "
                 "signed report"), cs_cli_report },
  { "associated", N_("Save the label, macro or thumbnail image of a slide as PNG"),
    cs_cli_associated },
  { "deidentify", N_("Write a copy of a slide without its label, macro and identifying "
                     "metadata"), cs_cli_deidentify },
  { "package", N_("Create, inspect or import a consult package (.consilium)"), cs_cli_package },
  { "bench", N_("Measure the viewer and annotations against a naive viewer and the decoding "
                "limit"), cs_cli_bench },
  { "help", N_("Show the help of consilium-cli or of one command"), cs_cli_help },
};

static const CsCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-*s  %s", width, commands[i].name,
                            _(commands[i].summary));

  g_string_append (text, "\n\n");
  g_string_append (text, _("Run “consilium-cli COMMAND --help” for the options of a command."));

  return g_string_free (text, FALSE);
}

static GOptionContext *
global_context (gboolean *show_version)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, show_version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };
  g_autofree char *description = describe_commands ();
  GOptionContext *context;

  context = cs_cli_option_context (_("COMMAND [ARGUMENT…]"),
                                   _("Inspect whole-slide images and export their pixels."),
                                   entries);
  g_option_context_set_description (context, description);
  /* Stop at the command name: what follows belongs to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  return context;
}

/* Gives a command's --help "Usage: consilium-cli render …", as flatpak
 * does for its subcommands. */
static void
set_command_prgname (const CsCliCommand *command)
{
  g_autofree char *prgname = g_strdup_printf ("consilium-cli %s", command->name);

  g_set_prgname (prgname);
}

static gboolean
set_unknown_command_error (GError     **error,
                           const char  *name)
{
  g_autofree char *shown = g_utf8_make_valid (name, -1);

  g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, _("Unknown command “%s”"), shown);
  return FALSE;
}

static gboolean
cs_cli_help (int      argc,
             char   **argv,
             GError **error)
{
  char *help_argv[] = { NULL, (char *) "--help", NULL };
  const CsCliCommand *command;
  gboolean show_version = FALSE;

  if (argc < 2 || g_str_equal (argv[1], "help") || g_str_has_prefix (argv[1], "-"))
    {
      g_autoptr(GOptionContext) context = global_context (&show_version);
      g_autofree char *help = NULL;

      g_set_prgname ("consilium-cli");
      help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      return TRUE;
    }

  /* Errors here are about consilium-cli's own command line. */
  g_set_prgname ("consilium-cli");
  command = find_command (argv[1]);
  if (command == NULL)
    return set_unknown_command_error (error, argv[1]);

  if (argc > 2)
    {
      g_autofree char *shown = g_utf8_make_valid (argv[2], -1);

      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, _("Unexpected argument “%s”"),
                   shown);
      return FALSE;
    }

  /* The command's own option parser prints its help and exits with 0. */
  set_command_prgname (command);
  help_argv[0] = (char *) command->name;
  return command->run (2, help_argv, error);
}

static int
report_error (const GError *error)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

  /* messages quote files' contents: no escape sequence reaches the
   * terminal (line breaks of the message itself kept) */
  for (guint i = 0; lines[i] != NULL; i++)
    g_printerr ("%s%s\n", i == 0 ? "consilium-cli: " : "", cs_cli_safe (pool, lines[i]));

  if (!cs_cli_is_usage_error (error))
    return EXIT_FAILURE;

  g_printerr (_("Try “%s --help” for more information.\n"), g_get_prgname ());
  return EXIT_USAGE;
}

static gboolean
run (int      argc,
     char   **argv,
     GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  const CsCliCommand *command;
  gboolean show_version = FALSE;

  context = global_context (&show_version);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;

  if (show_version)
    {
      g_print ("consilium-cli %s\n", PACKAGE_VERSION);
      return TRUE;
    }

  if (argc < 2)
    {
      g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, _("No command given"));
      return FALSE;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return set_unknown_command_error (error, argv[1]);

  set_command_prgname (command);
  return command->run (argc - 1, argv + 1, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  cs_tune_allocator ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("consilium-cli");

  if (!run (argc, argv, &error))
    return report_error (error);

  return EXIT_SUCCESS;
}
