/* cs-cli-package-create.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>

#include "cs-annotation-store.h"
#include "cs-deidentify.h"
#include "cs-package.h"

/* consilium-cli package create CASE --slide PATH… [--deidentify |
 *   --include-slides] [--passphrase-file F] [--sender NAME]
 *   [--institution I] [--message TEXT] -o OUT.consilium
 *
 * CASE is a case folder or the id of a case in the user's store (read,
 * never changed); the slides given are matched to the case's by identity;
 * the annotations come from the user's annotation stores. The core writes
 * the package (cs_package_create); this file only gathers and prints. */

/* SHA-256 → path of each slide given; every one must be in the case. */
static GHashTable *
match_slides (CsCase  *kase,
              GStrv    paths,
              GError **error)
{
  g_autoptr(GHashTable) slides = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, g_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(CsSlide) slide = cs_slide_new (paths[i], error);
      const char *sha256 = slide != NULL ? cs_slide_compute_identity (slide, NULL, error) : NULL;

      if (sha256 == NULL)
        return NULL;
      if (cs_case_find_slide (kase, sha256) == NULL)
        {
          g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                       _("The slide %s is not one of the case’s slides (by SHA-256)"), paths[i]);
          return NULL;
        }
      g_hash_table_insert (slides, g_strdup (sha256), g_strdup (paths[i]));
    }
  return g_steal_pointer (&slides);
}

static void
print_deidentified (GPtrArray *reports)
{
  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      CsDeidentifyReport *report = g_ptr_array_index (reports, i);

      g_print (_("De-identified a %s slide: %u images, %u description fields and %u TIFF "
                 "tags removed; %u regions compared\n"),
               report->vendor, report->removed_images->len, report->removed_fields->len,
               report->removed_tags->len, report->n_regions_compared);
    }
}

static void
deidentify_report_free (gpointer data)
{
  cs_deidentify_report_free (data);
}

gboolean
cs_cli_package_create (int      argc,
                       char   **argv,
                       GError **error)
{
  const char *arg_names[] = { _("CASE"), NULL };
  g_auto(GStrv) slide_paths = NULL;
  gboolean deidentify = FALSE;
  gboolean include = FALSE;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *institution = NULL;
  g_autofree char *message = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "slide", 's', 0, G_OPTION_ARG_FILENAME_ARRAY, &slide_paths,
      N_("A slide file of the case (repeat for several)"), N_("SLIDE") },
    { "deidentify", 0, 0, G_OPTION_ARG_NONE, &deidentify,
      N_("Include de-identified copies of the slides (no label, macro or identifying "
         "metadata)"), NULL },
    { "include-slides", 0, 0, G_OPTION_ARG_NONE, &include,
      N_("Include the slide files as they are"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Encrypt with the passphrase on the first line of FILE"), N_("FILE") },
    { "sender", 0, 0, G_OPTION_ARG_STRING, &sender, N_("Who sends it"), N_("NAME") },
    { "institution", 0, 0, G_OPTION_ARG_STRING, &institution, N_("Where they work"),
      N_("INSTITUTION") },
    { "message", 0, 0, G_OPTION_ARG_STRING, &message, N_("A note to the receiver"),
      N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The package to write"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsCase) kase = NULL;
  g_autoptr(GHashTable) slides = NULL;
  g_autoptr(GPtrArray) deidentified = NULL;
  g_autofree char *annotations = cs_annotation_store_default_directory ();
  CsPackageCreateOptions options = { NULL };
  char *passphrase = NULL;
  gboolean ok;

  context = cs_cli_option_context (_("CASE"),
                                   _("Writes a consult package of a case (its id, or its "
                                     "folder): the case, its opinions, the annotations of its "
                                     "slides and, if asked, the slide files."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli package create ~/.local/share/consilium/cases/58853308-14fc-"
                     "4db1-b742-5bc4bee2713c --slide slide.svs --deidentify --passphrase-file "
                     "pass.txt --sender \"Dr. A\" -o case.consilium",
                     "consilium-cli package create urn:uuid:58853308-14fc-4db1-b742-5bc4bee2713c "
                     "-o case.consilium",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error))
    return FALSE;
  if (output == NULL)
    {
      g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                           _("No output file given: add -o FILE.consilium"));
      return FALSE;
    }
  if (deidentify && include)
    {
      g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                           _("--deidentify and --include-slides exclude each other"));
      return FALSE;
    }
  kase = cs_cli_open_case (argv[1], error);
  if (kase == NULL || (slides = match_slides (kase, slide_paths, error)) == NULL ||
      !cs_cli_read_passphrase (passphrase_file, &passphrase, error))
    return FALSE;
  options.kase = kase;
  options.annotation_directory = annotations;
  options.slide_paths = slides;
  options.slide_mode = deidentify ? CS_PACKAGE_SLIDES_DEIDENTIFIED
                       : include ? CS_PACKAGE_SLIDES_ORIGINAL : CS_PACKAGE_SLIDES_NONE;
  options.sender_name = sender;
  options.sender_institution = institution;
  options.message = message;
  options.passphrase = passphrase;
  ok = cs_package_create (&options, output, &deidentified, NULL, error);
  cs_cli_wipe (passphrase);
  if (deidentified != NULL)
    g_ptr_array_set_free_func (deidentified, deidentify_report_free);
  if (!ok)
    return FALSE;
  print_deidentified (deidentified);
  g_print (cs_cli_package_is_encrypted (output) ? _("Wrote %s (encrypted)\n") : _("Wrote %s\n"), output);
  return TRUE;
}
