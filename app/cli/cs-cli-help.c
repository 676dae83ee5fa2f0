/* cs-cli-help.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* What every --help of consilium-cli shares: the list of commands of a
 * command that has some (consilium-cli itself, annotations, report,
 * package) and the dispatch to them, the examples and exit status that
 * end each help, and the inspector through which the tests learn every
 * command's options from the option tables themselves. */

static CsCliInspectFunc inspector;
static gpointer inspector_data;

void
cs_cli_set_inspector (CsCliInspectFunc func,
                      gpointer         user_data)
{
  inspector = func;
  inspector_data = user_data;
}

static gboolean
refuse_to_parse (GOptionContext  *context,
                 GOptionGroup    *group,
                 gpointer         data,
                 GError         **error)
{
  g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_INSPECTED,
                       "Options inspected; nothing parsed");
  return FALSE;
}

/* Called by cs_cli_option_context () for each context it makes. */
void
cs_cli_inspect_context (GOptionContext     *context,
                        const GOptionEntry *entries)
{
  static const GOptionEntry none[] = { { NULL } };

  if (inspector == NULL)
    return;

  if (!inspector (g_get_prgname (), entries != NULL ? entries : none, inspector_data))
    return;
  if (g_option_context_get_main_group (context) == NULL)
    g_option_context_add_main_entries (context, none, GETTEXT_PACKAGE);
  g_option_group_set_parse_hooks (g_option_context_get_main_group (context),
                                  refuse_to_parse, NULL);
}

char *
cs_cli_describe_commands (const CsCliCommand *commands)
{
  GString *text = g_string_new (_("Commands:"));
  int width = 0;

  for (const CsCliCommand *c = commands; c->name != NULL; c++)
    width = MAX (width, (int) strlen (c->name));

  for (const CsCliCommand *c = commands; c->name != NULL; c++)
    g_string_append_printf (text, "\n  %-*s  %s", width, c->name, _(c->summary));

  g_string_append (text, "\n\n");
  /* Translators: %s is the program and its command, e.g. "consilium-cli report" */
  g_string_append_printf (text, _("Run “%s COMMAND --help” for the options of a command."),
                          g_get_prgname ());

  return g_string_free (text, FALSE);
}

void
cs_cli_describe (GOptionContext    *context,
                 const char *const *examples,
                 const char        *exit_status)
{
  const char *before = g_option_context_get_description (context);
  GString *text = g_string_new (before);

  if (before != NULL)
    g_string_append (text, "\n\n");
  g_string_append (text, _("Examples:"));
  for (guint i = 0; examples != NULL && examples[i] != NULL; i++)
    g_string_append_printf (text, "\n  %s", examples[i]);

  g_string_append_printf (text, "\n\n%s\n  ", _("Exit status:"));
  g_string_append (text, exit_status != NULL
                           ? exit_status
                           : _("0 on success, 1 on failure, 2 when the command line is wrong."));

  g_option_context_set_description (context, text->str);
  g_string_free (text, TRUE);
}

gboolean
cs_cli_set_unknown_command_error (GError    **error,
                                  const char *name)
{
  g_autofree char *shown = g_utf8_make_valid (name, -1);

  g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, _("Unknown command “%s”"), shown);
  return FALSE;
}

const CsCliCommand *
cs_cli_find_command (const CsCliCommand *commands,
                     const char         *name)
{
  for (const CsCliCommand *c = commands; c->name != NULL; c++)
    if (g_strcmp0 (c->name, name) == 0)
      return c;

  return NULL;
}

gboolean
cs_cli_dispatch (const char         *summary,
                 const CsCliCommand *commands,
                 const char *const  *examples,
                 int                 argc,
                 char              **argv,
                 GError            **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = cs_cli_describe_commands (commands);
  g_autofree char *prgname = NULL;
  const CsCliCommand *command;

  context = cs_cli_option_context (_("COMMAND [ARGUMENT…]"), summary, NULL);
  g_option_context_set_description (context, description);
  cs_cli_describe (context, examples, NULL);
  /* Stop at the command name: what follows belongs to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;

  if (argc < 2)
    {
      g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE, _("No command given"));
      return FALSE;
    }

  command = cs_cli_find_command (commands, argv[1]);
  if (command == NULL)
    return cs_cli_set_unknown_command_error (error, argv[1]);

  prgname = g_strdup_printf ("%s %s", g_get_prgname (), command->name);
  g_set_prgname (prgname);
  return command->run (argc - 1, argv + 1, error);
}
