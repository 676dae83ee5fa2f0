/* cs-application-options.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-application"

#include "config.h"

#include "cs-application-private.h"

#include <glib/gi18n.h>

/* consilium's command line: what --help says (the files it opens, the
 * examples, the exit status) and --version. Both are answered in the
 * launching process, before any display is opened, so they work in a
 * terminal without one. The descriptions are translated through the
 * program's text domain, which main() makes the default one. */

static int
handle_local_options (GApplication *application,
                      GVariantDict *options,
                      gpointer      user_data)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("consilium %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* Go on: open the files, or present the window. */
  return -1;
}

static char *
describe (void)
{
  return g_strdup_printf ("%s\n\n%s\n\n%s\n  consilium slide.svs\n  consilium he.svs ki67.svs\n"
                          "  consilium case.consilium\n\n%s\n  %s",
                          _("Opens each FILE in a tab of the window: a whole-slide image in a "
                            "format OpenSlide reads (Aperio SVS, Hamamatsu NDPI and VMS, Leica "
                            "SCN, MIRAX MRXS, Philips TIFF, Sakura SVSLIDE, Ventana BIF, "
                            "generic tiled TIFF), an ordinary TIFF, PNG or JPEG image, or a "
                            "consult package (.consilium), which is imported after asking for "
                            "its passphrase. Without FILE, the window shows its start page "
                            "with the recent slides. When Consilium is already running, the "
                            "files open in its window."),
                          _("Annotations, cases and opinions are kept in "
                            "$XDG_DATA_HOME/consilium (by default ~/.local/share/consilium); "
                            "“consilium-cli” works with them without a display."),
                          _("Examples:"),
                          _("Exit status:"),
                          _("0 on success, 1 when the command line is wrong or the window "
                            "cannot be opened (for example without a display)."));
}

void
_cs_application_options_init (CsApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };
  GApplication *application = G_APPLICATION (self);
  g_autofree char *description = describe ();

  g_application_add_main_option_entries (application, entries);
  g_application_set_option_context_parameter_string (application, _("[FILE…]"));
  g_application_set_option_context_summary (application,
                                            _("View whole-slide images, annotate and measure "
                                              "them, and write second-opinion reports."));
  g_application_set_option_context_description (application, description);
  g_signal_connect (self, "handle-local-options", G_CALLBACK (handle_local_options), NULL);
}
