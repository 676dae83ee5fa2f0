/* cs-cli-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "cs-annotation-store.h"
#include "cs-package.h"

/* consilium-cli package create … (cs-cli-package-create.c)
 * consilium-cli package inspect PKG [--verify] [--passphrase-file F]
 * consilium-cli package import PKG [--slides-to DIR] [--search DIR…]
 *                                  [--passphrase-file F]
 *
 * A passphrase never comes on the command line (other users see it in
 * the process list): it is read from --passphrase-file, else from the
 * CONSILIUM_PACKAGE_PASSPHRASE environment variable, used once and never
 * stored. Import merges into the user's data ($XDG_DATA_HOME/consilium:
 * cases, annotations; slides from a package under slides/ unless
 * --slides-to says where) as the application does. */

/* ---- inspect --------------------------------------------------------------- */

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static const char *
slide_name (CsPackageManifest *manifest,
            const char        *uuid)
{
  for (guint i = 0; i < manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);

      if (g_strcmp0 (slide->uuid, uuid) == 0)
        return slide->file_name;
    }
  return uuid;
}

static void
print_header (const char        *path,
              CsPackageManifest *manifest)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (labels, _("Package"));
  g_ptr_array_add (values, g_strdup (cs_cli_safe (pool, path)));
  g_ptr_array_add (labels, _("Case"));
  g_ptr_array_add (values, g_strdup_printf ("%s (%s)", cs_cli_safe (pool, manifest->case_title),
                                            cs_cli_safe (pool, manifest->case_id)));
  g_ptr_array_add (labels, _("Sender"));
  g_ptr_array_add (values, g_strdup_printf ("%s, %s",
                                            cs_cli_safe (pool, or_dash (manifest->sender_name)),
                                            cs_cli_safe (pool,
                                                         or_dash (manifest->sender_institution))));
  g_ptr_array_add (labels, _("Created"));
  g_ptr_array_add (values, g_strdup_printf ("%s (%s)", cs_cli_safe (pool, manifest->created),
                                            cs_cli_safe (pool, manifest->generator)));
  g_ptr_array_add (labels, _("Message"));
  g_ptr_array_add (values, g_strdup (cs_cli_safe (pool, or_dash (manifest->message))));
  g_ptr_array_add (labels, _("Format version"));
  g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, manifest->version));
  cs_cli_print_table (labels, values);
}

static void
print_slides (CsPackageManifest *manifest)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

  g_print ("\n%s\n", _("Slides:"));
  for (guint i = 0; i < manifest->slides->len; i++)
    {
      CsPackageSlide *slide = g_ptr_array_index (manifest->slides, i);
      g_autofree char *size = g_format_size (slide->size);
      const char *how = slide->file == NULL ? _("by identity only (not included)")
                        : slide->deidentified ? _("included, de-identified copy")
                        : _("included, original file");

      g_print ("  %s  %s  %s\n    SHA-256 %s\n", cs_cli_safe (pool, slide->file_name), size, how,
               cs_cli_safe (pool, slide->sha256));
    }
}

static void
print_annotations (CsPackageManifest *manifest)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

  g_print ("\n%s\n", _("Annotations:"));
  if (manifest->annotations->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < manifest->annotations->len; i++)
    {
      CsPackageAnnotations *entry = g_ptr_array_index (manifest->annotations, i);

      g_print (ngettext ("  %s: %u annotation by %s\n", "  %s: %u annotations by %s\n",
                         entry->count),
               cs_cli_safe (pool, slide_name (manifest, entry->slide_uuid)), entry->count,
               *entry->author != '\0' ? cs_cli_safe (pool, entry->author)
                                      : _("an unknown author"));
    }
}

static CsReport *
find_report (GPtrArray  *reports,
             const char *id)
{
  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      CsReport *report = g_ptr_array_index (reports, i);

      if (g_strcmp0 (cs_report_get_id (report), id) == 0)
        return report;
    }
  return NULL;
}

static const char *
trust_of (CsReport *report)
{
  if (report == NULL)
    return _("not verified (add --verify)");
  if (cs_report_get_tampered (report))
    return _("TAMPERED: modified after signing, not trusted");
  if (cs_report_status_is_signed (cs_report_get_status (report)))
    return _("signed, verified");
  return _("not signed");
}

/* What the document says when it was read (--verify), else the
 * manifest's listing. */
static void
print_opinions (CsPackageManifest *manifest,
                GPtrArray         *reports)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

  g_print ("\n%s\n", _("Opinions:"));
  if (manifest->opinions->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < manifest->opinions->len; i++)
    {
      CsPackageOpinion *opinion = g_ptr_array_index (manifest->opinions, i);
      CsReport *report = find_report (reports, opinion->id);
      const char *consultant = report != NULL ? cs_report_get_text (report, "consultant.name")
                                              : opinion->consultant;
      const char *status = report != NULL
                           ? cs_report_status_to_string (cs_report_get_status (report))
                           : opinion->status;
      gint64 revision = report != NULL ? cs_report_get_revision (report) : opinion->revision;

      g_print (_("  %s: %s, revision %" PRId64 ", %s\n    %s\n"),
               cs_cli_safe (pool, or_dash (consultant)), cs_cli_safe (pool, status), revision,
               trust_of (report), cs_cli_safe (pool, opinion->id));
    }
}

/* Whether the package at @path is encrypted: read, not assumed. */
gboolean
cs_cli_package_is_encrypted (const char *path)
{
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GError) local = NULL;

  manifest = cs_package_inspect (path, NULL, FALSE, NULL, &local);
  return g_error_matches (local, CS_PACKAGE_ERROR, CS_PACKAGE_ERROR_PASSPHRASE);
}

static gboolean
run_inspect (int      argc,
             char   **argv,
             GError **error)
{
  const char *arg_names[] = { _("PACKAGE"), NULL };
  gboolean verify = FALSE;
  g_autofree char *passphrase_file = NULL;
  const GOptionEntry entries[] = {
    { "verify", 0, 0, G_OPTION_ARG_NONE, &verify,
      N_("Also check every entry against the manifest and the opinions’ signatures"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase of an encrypted package from the first line of FILE"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  char *passphrase = NULL;
  gboolean given;

  context = cs_cli_option_context (_("PACKAGE"),
                                   _("Shows what a consult package holds: the case, who sent "
                                     "it, its slides, annotations and opinions. Changes "
                                     "nothing."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli package inspect case.consilium",
                     "consilium-cli package inspect case.consilium --verify --passphrase-file pass.txt",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) ||
      !cs_cli_read_passphrase (passphrase_file, &passphrase, error))
    return FALSE;
  manifest = cs_package_inspect (argv[1], passphrase, FALSE, NULL, error);
  if (manifest != NULL && verify)
    reports = cs_package_inspect_opinions (argv[1], passphrase, NULL, error);
  given = passphrase != NULL;
  cs_cli_wipe (passphrase);
  if (manifest == NULL || (verify && reports == NULL))
    return FALSE;
  if (given && !cs_cli_package_is_encrypted (argv[1]))
    g_printerr (_("Note: %s is not encrypted: the passphrase was not needed\n"),
                cs_cli_safe (pool, argv[1]));
  print_header (argv[1], manifest);
  print_slides (manifest);
  print_annotations (manifest);
  print_opinions (manifest, reports);
  if (verify)
    g_print ("\n%s\n", _("Every entry matches the manifest."));
  return TRUE;
}

/* ---- import ---------------------------------------------------------------- */

static void
print_result (CsPackageImportResult *result)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  const char *id = cs_cli_safe (pool, result->case_id);

  g_print (result->case_created ? _("Imported the case %s (new)\n")
                                : _("Imported into the case %s\n"), id);
  g_print (_("Opinions: %u added, %u updated, %u unchanged\n"), result->opinions_added,
           result->opinions_updated, result->opinions_unchanged);
  g_print (_("Annotations: %u added, %u updated, %u unchanged\n"), result->annotations_added,
           result->annotations_updated, result->annotations_unchanged);
  for (guint i = 0; i < result->authors->len; i++)
    g_print (_("Annotations by: %s\n"), cs_cli_safe (pool, g_ptr_array_index (result->authors, i)));
  for (guint i = 0; i < result->slides->len; i++)
    {
      CsPackageSlideResult *slide = g_ptr_array_index (result->slides, i);
      const char *name = cs_cli_safe (pool, slide->file_name);

      if (slide->path == NULL)
        g_print (_("Slide %s: not found\n"), name);
      else
        g_print (slide->stored ? _("Slide %s: stored as %s\n") : _("Slide %s: found at %s\n"),
                 name, cs_cli_safe (pool, slide->path));
    }
  for (guint i = 0; i < result->tampered->len; i++)
    g_printerr (_("Warning: %s\n"), cs_cli_safe (pool, g_ptr_array_index (result->tampered, i)));
  for (guint i = 0; i < result->warnings->len; i++)
    g_printerr (_("Warning: %s\n"), cs_cli_safe (pool, g_ptr_array_index (result->warnings, i)));
}

static CsCaseStore *
open_cases (GError **error)
{
  g_autofree char *directory = cs_case_store_default_directory ();
  g_autoptr(CsCaseStore) store = cs_case_store_new (directory);
  GPtrArray *problems;

  if (!cs_case_store_load (store, error))
    return NULL;
  problems = cs_case_store_get_problems (store);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (problems, i));
  return g_steal_pointer (&store);
}

/* The application's "annotation-author" setting when its schema is
 * installed and the setting given, else NULL. */
static char *
settings_author (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *author = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.consilium.Consilium", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "annotation-author"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  author = g_settings_get_string (settings, "annotation-author");
  return author != NULL && *author != '\0' ? g_steal_pointer (&author) : NULL;
}

static gboolean
run_import (int      argc,
            char   **argv,
            GError **error)
{
  const char *arg_names[] = { _("PACKAGE"), NULL };
  g_autofree char *slides_to = NULL;
  g_auto(GStrv) search = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *author = NULL;
  const GOptionEntry entries[] = {
    { "slides-to", 0, 0, G_OPTION_ARG_FILENAME, &slides_to,
      N_("Store the slide files of the package below DIR, a folder per case (default: "
         "slides in the data folder)"), N_("DIR") },
    { "search", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &search,
      N_("Look for the slides the package names by identity in DIR and its subfolders "
         "(repeat for several)"), N_("DIR") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase of an encrypted package from the first line of FILE"),
      N_("FILE") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author,
      N_("Your name as the author of your annotations, which a package never changes "
         "(default: the application's setting)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsCaseStore) cases = NULL;
  g_autoptr(CsPackageImportResult) result = NULL;
  g_autofree char *annotations = cs_annotation_store_default_directory ();
  CsPackageImportOptions options = { NULL };
  char *passphrase = NULL;

  context = cs_cli_option_context (_("PACKAGE"),
                                   _("Imports a consult package into your cases: its opinions "
                                     "and annotations are merged without duplicates, its "
                                     "slides stored or found by identity."),
                                   entries);
  cs_cli_describe (context,
                   (const char *const[]) {
                     "consilium-cli package import case.consilium --passphrase-file pass.txt",
                     "consilium-cli package import case.consilium --slides-to ~/Slides --search "
                     "~/Scans",
                     NULL },
                   NULL);
  if (!cs_cli_parse (context, &argc, &argv, arg_names, error) ||
      !cs_cli_read_passphrase (passphrase_file, &passphrase, error))
    return FALSE;
  if (slides_to == NULL)
    slides_to = g_build_filename (g_get_user_data_dir (), "consilium", "slides", NULL);
  cases = open_cases (error);
  if (cases != NULL)
    {
      options.cases = cases;
      options.annotation_directory = annotations;
      options.slide_directory = slides_to;
      options.search_folders = (const char * const *) search;
      options.passphrase = passphrase;
      if (author == NULL)
        author = settings_author ();
      options.receiver_author = author;
      result = cs_package_import (&options, argv[1], NULL, error);
    }
  cs_cli_wipe (passphrase);
  if (result == NULL)
    return FALSE;
  print_result (result);
  return TRUE;
}

const CsCliCommand cs_cli_package_commands[] = {
  { "create", N_("Write a consult package of a stored case"), cs_cli_package_create },
  { "inspect", N_("Show what a consult package holds, without changing anything"),
    run_inspect },
  { "import", N_("Merge a consult package into your cases and annotations"), run_import },
  { NULL }
};

gboolean
cs_cli_package (int      argc,
                char   **argv,
                GError **error)
{
  static const char *const examples[] = {
    "consilium-cli package create urn:uuid:58853308-14fc-4db1-b742-5bc4bee2713c "
    "--slide slide.svs --deidentify "
    "--passphrase-file pass.txt -o case.consilium",
    "consilium-cli package inspect case.consilium --verify --passphrase-file pass.txt",
    "consilium-cli package import case.consilium --search ~/Slides",
    NULL
  };

  return cs_cli_dispatch (_("Creates, inspects or imports a consult package (.consilium). "
                            "An encrypted package’s passphrase comes from --passphrase-file "
                            "or the environment variable CONSILIUM_PACKAGE_PASSPHRASE, never "
                            "from the command line."),
                          cs_cli_package_commands, examples, argc, argv, error);
}
