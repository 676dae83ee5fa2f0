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

/* consilium-cli's main: gettext, the command line (cs_cli_run () in
 * cs-cli-commands.c) and the mapping of errors to exit statuses (0
 * success, 1 failure, 2 usage error). */

#define EXIT_USAGE 2

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

  if (!cs_cli_run (argc, argv, &error))
    return report_error (error);

  return EXIT_SUCCESS;
}
