/* cs-cli-associated.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>

#include "cs-core-private.h"
#include "cs-slide.h"

/* consilium-cli associated: saves one of a slide's associated images
 * (label, macro, thumbnail…) as PNG. An unknown name fails with the core's
 * message, which lists the names the slide has. */

gboolean
cs_cli_associated (int      argc,
                   char   **argv,
                   GError **error)
{
  const char *arg_names[] = { _("SLIDE"), _("NAME"), NULL };
  g_autofree char *parameters = g_strjoinv (" ", (char **) arg_names);
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The PNG file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsSlide) slide = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(CsCliOutput) out = NULL;

  context = cs_cli_option_context (parameters,
                                   _("Saves an associated image of a slide, such as its label, "
                                     "macro or thumbnail, as a PNG image. “consilium-cli info” "
                                     "lists the names a slide has."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli associated slide.svs thumbnail -o thumbnail.png",
                     "consilium-cli associated slide.svs label -o label.png",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error))
    return FALSE;

  if (output == NULL)
    {
      g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                           _("No output file given: add -o FILE.png"));
      return FALSE;
    }

  slide = cs_slide_new (argv[1], error);
  if (slide == NULL)
    return FALSE;

  out = cs_cli_output_new (output, error);
  if (out == NULL)
    return FALSE;

  surface = cs_slide_read_associated (slide, argv[2], error);
  if (surface == NULL)
    return FALSE;

  return cs_cli_output_write_png (out, surface, error);
}
