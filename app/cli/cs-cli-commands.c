/* cs-cli-commands.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>

/* consilium-cli's command line: the global options (--help, --version),
 * the table of commands and "consilium-cli help COMMAND…". main() in
 * cs-cli.c maps the errors to exit statuses (0 success, 1 failure, 2
 * usage error). Each command lives in its own cs-cli-<command>.c and
 * only calls the core and prints. */

static gboolean cs_cli_help (int      argc,
                             char   **argv,
                             GError **error);

const CsCliCommand cs_cli_commands[] = {
  { "info", N_("Show the format, levels, resolution and identity of a slide"), cs_cli_info },
  { "render", N_("Render a region of a slide to a PNG image"), cs_cli_render },
  { "annotations", N_("Convert annotation files, or count and measure their annotations"),
    cs_cli_annotations, cs_cli_annotations_commands },
  { "report", N_("Write a report as PDF, print a case's opinions as JSON, verify a signed "
                 "report, or file it in a DICOMweb archive"), cs_cli_report, cs_cli_report_commands },
  { "associated", N_("Save the label, macro or thumbnail image of a slide as PNG"),
    cs_cli_associated },
  { "deidentify", N_("Write a copy of a slide without its label, macro and identifying "
                     "metadata"), cs_cli_deidentify },
  { "package", N_("Create, inspect or import a consult package (.consilium)"), cs_cli_package,
    cs_cli_package_commands },
  { "dicomweb", N_("Search the studies and series of a DICOMweb server (slide archive)"),
    cs_cli_dicomweb, cs_cli_dicomweb_commands },
  { "library", N_("List the slides of teaching collections, with their thumbnails"),
    cs_cli_library, cs_cli_library_commands },
  { "live", N_("Host or join a live consultation on a slide, sharing the view, pointers and "
               "annotations"), cs_cli_live, cs_cli_live_commands },
  { "bench", N_("Measure the viewer and annotations against a naive viewer and the decoding "
                "limit"), cs_cli_bench },
  { "help", N_("Show the help of consilium-cli or of one command"), cs_cli_help },
  { NULL }
};

static GOptionContext *
global_context (gboolean *show_version)
{
  static const char *const examples[] = {
    "consilium-cli info slide.svs",
    "consilium-cli render slide.svs --region 500,800,1000,700 --zoom 0.5 -o region.png",
    "consilium-cli help report pdf",
    NULL
  };
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, show_version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };
  g_autofree char *description = NULL;
  GOptionContext *context;

  g_set_prgname ("consilium-cli");
  description = cs_cli_describe_commands (cs_cli_commands);
  context = cs_cli_option_context (_("COMMAND [ARGUMENT…]"),
                                   _("Inspect whole-slide images, export their pixels, "
                                     "annotations and reports, and exchange consult packages, "
                                     "without a display."),
                                   entries);
  g_option_context_set_description (context, description);
  cs_cli_describe (context, examples, NULL);
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

/* consilium-cli help [COMMAND [SUBCOMMAND]]: the same as
 * consilium-cli [COMMAND [SUBCOMMAND]] --help. */
static gboolean
cs_cli_help (int      argc,
             char   **argv,
             GError **error)
{
  g_autoptr(GPtrArray) help_argv = g_ptr_array_new ();
  const CsCliCommand *command;
  gboolean show_version = FALSE;

  if (argc < 2 || g_str_equal (argv[1], "help") || g_str_has_prefix (argv[1], "-"))
    {
      g_autoptr(GOptionContext) context = global_context (&show_version);
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", help);
      return TRUE;
    }

  /* Errors here are about consilium-cli's own command line. */
  g_set_prgname ("consilium-cli");
  command = cs_cli_find_command (cs_cli_commands, argv[1]);
  if (command == NULL)
    return cs_cli_set_unknown_command_error (error, argv[1]);

  /* The command's own option parser prints its help and exits with 0;
   * a command with commands passes the rest on. */
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (help_argv, argv[i]);
  g_ptr_array_add (help_argv, (char *) "--help");
  g_ptr_array_add (help_argv, NULL);
  set_command_prgname (command);
  return command->run ((int) help_argv->len - 1, (char **) help_argv->pdata, error);
}

gboolean
cs_cli_run (int      argc,
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

  command = cs_cli_find_command (cs_cli_commands, argv[1]);
  if (command == NULL)
    return cs_cli_set_unknown_command_error (error, argv[1]);

  set_command_prgname (command);
  return command->run (argc - 1, argv + 1, error);
}
