/* cs-about.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-about"

#include "config.h"

#include "cs-about.h"

#include <geos_c.h>
#include <glib/gi18n.h>
#include <openslide.h>

/* The About window: what Consilium is, who wrote it, its licence, the
 * libraries it stands on (with their licences), the translators, the
 * notes of this release and, for bug reports, the versions it runs with.
 *
 * The release notes are those of the metainfo (the newest <release>),
 * read from the template compiled into the resources: libadwaita 1.2 has
 * no adw_about_window_new_from_appdata (1.4). Each paragraph and list
 * item goes through gettext: the metainfo's own translations, the ones
 * the software centre shows, are the messages it finds. */

#define METAINFO_RESOURCE "/io/github/consilium/Consilium/metainfo.xml"

typedef struct
{
  GString *notes;
  GString *text;
  guint    release_depth;  /* > 0 inside the first <release> */
  gboolean in_description;
  gboolean collecting;
  gboolean done;
} NotesParser;

static void
notes_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  NotesParser *parser = user_data;

  if (parser->done)
    return;
  if (g_str_equal (element, "release"))
    parser->release_depth++;
  else if (parser->release_depth > 0 && g_str_equal (element, "description"))
    parser->in_description = TRUE;
  else if (parser->in_description && g_str_equal (element, "ul"))
    g_string_append (parser->notes, "<ul>");
  else if (parser->in_description && (g_str_equal (element, "p") || g_str_equal (element, "li")))
    {
      parser->collecting = TRUE;
      g_string_truncate (parser->text, 0);
    }
}

/* The text as xgettext's ITS rules make a message of it: whitespace
 * collapsed, trimmed. */
static char *
notes_normalise (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_strv_builder_add (builder, words[i]);
  kept = g_strv_builder_end (builder);

  return g_strjoinv (" ", kept);
}

static void
notes_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  NotesParser *parser = user_data;

  if (parser->done)
    return;
  if (parser->collecting && (g_str_equal (element, "p") || g_str_equal (element, "li")))
    {
      g_autofree char *message = notes_normalise (parser->text->str);
      g_autofree char *escaped = g_markup_escape_text (gettext (message), -1);

      g_string_append_printf (parser->notes, "<%s>%s</%s>", element, escaped, element);
      parser->collecting = FALSE;
    }
  else if (parser->in_description && g_str_equal (element, "ul"))
    g_string_append (parser->notes, "</ul>");
  else if (parser->in_description && g_str_equal (element, "description"))
    parser->in_description = FALSE;
  else if (parser->release_depth > 0 && g_str_equal (element, "release"))
    parser->done = TRUE;
}

static void
notes_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 length,
            gpointer              user_data,
            GError              **error)
{
  NotesParser *parser = user_data;

  if (parser->collecting && !parser->done)
    g_string_append_len (parser->text, text, length);
}

/* The description of the first (newest) <release> of @metainfo, as the
 * markup AdwAboutWindow:release-notes takes, translated; NULL with
 * @error when @metainfo is not well-formed, "" when it has no notes. */
char *
cs_about_release_notes (const char  *metainfo,
                        gssize       length,
                        GError     **error)
{
  static const GMarkupParser callbacks = { notes_start, notes_end, notes_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  NotesParser parser = { g_string_new (NULL), text, 0, FALSE, FALSE, FALSE };

  context = g_markup_parse_context_new (&callbacks, 0, &parser, NULL);
  if (!g_markup_parse_context_parse (context, metainfo, length, error) ||
      !g_markup_parse_context_end_parse (context, error))
    {
      g_string_free (parser.notes, TRUE);
      return NULL;
    }

  return g_string_free (parser.notes, FALSE);
}

static char *
cs_about_debug_info (void)
{
  return g_strdup_printf ("Consilium %s\n"
                          "GTK %u.%u.%u\n"
                          "libadwaita %u.%u.%u\n"
                          "GLib %u.%u.%u\n"
                          "OpenSlide %s\n"
                          "GEOS %s\n",
                          PACKAGE_VERSION,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version (),
                          glib_major_version, glib_minor_version, glib_micro_version,
                          openslide_get_version (), GEOSversion ());
}

static void
cs_about_add_libraries (AdwAboutWindow *about)
{
  static const char *libraries[] = {
    "OpenSlide https://openslide.org",
    "GEOS https://libgeos.org",
    "GTK https://gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "libtiff http://www.simplesystems.org/libtiff/",
    "libjpeg-turbo https://libjpeg-turbo.org",
    "libarchive https://libarchive.org",
    "JSON-GLib https://gitlab.gnome.org/GNOME/json-glib",
    "YAJL https://lloyd.github.io/yajl/",
    "libxml2 https://gitlab.gnome.org/GNOME/libxml2",
    "cairo https://cairographics.org",
    NULL,
  };

  adw_about_window_add_acknowledgement_section (about, _("Built With"), libraries);
  adw_about_window_add_legal_section (about, "OpenSlide",
                                      _("© Carnegie Mellon University and others"),
                                      GTK_LICENSE_LGPL_2_1, NULL);
  adw_about_window_add_legal_section (about, "GEOS",
                                      _("© The GEOS contributors"),
                                      GTK_LICENSE_LGPL_2_1, NULL);
}

static void
cs_about_set_release_notes (AdwAboutWindow *about)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  const char *data;
  gsize size;

  bytes = g_resources_lookup_data (METAINFO_RESOURCE, 0, &error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &size);
      notes = cs_about_release_notes (data, size, &error);
    }
  if (notes == NULL)
    {
      g_warning ("%s: %s", METAINFO_RESOURCE, error->message);
      return;
    }
  if (notes[0] == '\0')
    return;

  adw_about_window_set_release_notes_version (about, PACKAGE_VERSION);
  adw_about_window_set_release_notes (about, notes);
}

GtkWindow *
cs_about_window_new (GtkWindow *parent)
{
  static const char *developers[] = { "The Consilium authors", NULL };
  g_autofree char *debug_info = cs_about_debug_info ();
  AdwAboutWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Consilium"),
                        "application-icon", "io.github.consilium.Consilium",
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Consilium authors"),
                        "developers", developers,
                        "comments", _("View whole-slide images for pathology second opinions."),
                        "copyright", _("© 2026 The Consilium authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/consilium/consilium",
                        "issue-url", "https://github.com/consilium/consilium/issues",
                        "debug-info", debug_info,
                        "debug-info-filename", "consilium-debug-info.txt",
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  cs_about_add_libraries (about);
  cs_about_set_release_notes (about);

  return GTK_WINDOW (about);
}
