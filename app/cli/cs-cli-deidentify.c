/* cs-cli-deidentify.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>

#include "cs-deidentify.h"

/* consilium-cli deidentify: writes a de-identified, verified copy of an
 * Aperio SVS or generic TIFF and prints what was removed. */

static void
print_list (const char *title,
            GPtrArray  *items)
{
  g_print ("%s\n", title);
  if (items->len == 0)
    g_print ("  %s\n", _("(none)"));
  for (guint i = 0; i < items->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (items, i));
}

gboolean
cs_cli_deidentify (int      argc,
                   char   **argv,
                   GError **error)
{
  const char *arg_names[] = { _("IN"), _("OUT"), NULL };
  g_autofree char *parameters = g_strjoinv (" ", (char **) arg_names);
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsDeidentifyReport) report = NULL;

  context = cs_cli_option_context (parameters,
                                   _("Writes a copy of an Aperio SVS or generic TIFF slide "
                                     "without its label and macro images and without "
                                     "identifying metadata, verifies it, and lists what "
                                     "was removed. The input is never modified."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli deidentify slide.svs slide-deidentified.svs",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error))
    return FALSE;

  if (!cs_deidentify_slide (argv[1], argv[2], &report, NULL, error))
    return FALSE;

  g_print (_("De-identified copy written to %s (%s)"), argv[2], report->vendor);
  g_print ("\n");
  print_list (_("Removed images:"), report->removed_images);
  print_list (_("Removed description fields:"), report->removed_fields);
  print_list (_("Removed tags:"), report->removed_tags);
  g_print (ngettext ("Verified: %u level", "Verified: %u levels", report->n_levels),
           report->n_levels);
  g_print (ngettext (", %u region with identical pixels", ", %u regions with identical pixels",
                     report->n_regions_compared), report->n_regions_compared);
  g_print ("%s\n", _(", no label or macro, no removed value in the file"));
  if (report->n_levels_unreliable > 0)
    {
      g_print (ngettext ("%u level copied byte for byte but not compared: OpenSlide cannot "
                         "read it reliably",
                         "%u levels copied byte for byte but not compared: OpenSlide cannot "
                         "read them reliably", report->n_levels_unreliable),
               report->n_levels_unreliable);
      g_print ("\n");
    }
  return TRUE;
}
