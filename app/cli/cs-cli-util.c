/* cs-cli-util.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cli"

#include "config.h"

#include "cs-cli-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

/* Plumbing shared by the subcommands: option contexts that report usage
 * errors instead of exiting, positional-argument checks, label/value
 * tables aligned for any translation, and atomic PNG files (a temporary
 * file in the output's folder, renamed over it once complete, so a failed
 * export never leaves a truncated image behind). */

G_DEFINE_QUARK (cs-cli-error-quark, cs_cli_error)

GOptionContext *
cs_cli_option_context (const char         *parameters,
                       const char         *summary,
                       const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  cs_cli_inspect_context (context, entries);

  return context;
}

/**
 * cs_cli_parse:
 * @arg_names: (array zero-terminated=1): the positional arguments the
 *   command needs, as its --help names them ("SLIDE", "NAME")
 *
 * Parses options, then checks that exactly the named positional
 * arguments remain, in (*@argv)[1] onwards.
 */
gboolean
cs_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              const char *const *arg_names,
              GError          **error)
{
  guint n_wanted = g_strv_length ((char **) arg_names);

  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if ((guint) *argc - 1 < n_wanted)
    {
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("Missing argument %s"), arg_names[*argc - 1]);
      return FALSE;
    }

  if ((guint) *argc - 1 > n_wanted)
    {
      g_autofree char *shown = g_filename_display_name ((*argv)[n_wanted + 1]);

      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("Unexpected argument “%s”"), shown);
      return FALSE;
    }

  return TRUE;
}

GOptionEntry *
cs_cli_join_entries (const GOptionEntry *entries,
                     const GOptionEntry *more)
{
  guint n = 0;
  guint n_more = 0;
  GOptionEntry *all;

  while (entries[n].long_name != NULL)
    n++;
  while (more[n_more].long_name != NULL)
    n_more++;
  all = g_new0 (GOptionEntry, n + n_more + 1);
  memcpy (all, entries, n * sizeof (GOptionEntry));
  memcpy (all + n, more, n_more * sizeof (GOptionEntry));
  return all;
}

gboolean
cs_cli_is_usage_error (const GError *error)
{
  return error->domain == G_OPTION_ERROR ||
         g_error_matches (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE);
}

/* Columns on a terminal: wide (CJK) characters take two. */
static glong
display_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/**
 * cs_cli_print_table:
 * @labels: (element-type utf8): translated labels, without the colon
 * @values: (element-type utf8): one value per label
 *
 * Prints "label:  value" lines with the values aligned in one column,
 * whatever length the labels have in the user's language.
 */
void
cs_cli_print_table (GPtrArray *labels,
                    GPtrArray *values)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  glong column = 0;

  g_assert (labels->len == values->len);

  for (guint i = 0; i < labels->len; i++)
    {
      /* Translators: a label of consilium-cli's aligned output, as in
       * "Format:  aperio" */
      char *label = g_strdup_printf (_("%s:"), (const char *) g_ptr_array_index (labels, i));

      column = MAX (column, display_width (label));
      g_ptr_array_add (shown, label);
    }

  for (guint i = 0; i < shown->len; i++)
    {
      const char *label = g_ptr_array_index (shown, i);
      int pad = (int) (column - display_width (label)) + 2;

      g_print ("%s%*s%s\n", label, pad, "", (const char *) g_ptr_array_index (values, i));
    }
}

/**
 * cs_cli_print_columns:
 * @header: (element-type utf8): the column titles
 * @rows: (element-type GPtrArray): rows of as many strings as @header
 *
 * Prints @header and @rows in columns aligned by display width, two
 * spaces apart; the last column is not padded.
 */
void
cs_cli_print_columns (GPtrArray *header,
                      GPtrArray *rows)
{
  g_autofree glong *widths = g_new0 (glong, header->len);

  for (guint i = 0; i <= rows->len; i++)
    {
      GPtrArray *row = i == 0 ? header : g_ptr_array_index (rows, i - 1);

      g_assert (row->len == header->len);
      for (guint c = 0; c < row->len; c++)
        widths[c] = MAX (widths[c], display_width (g_ptr_array_index (row, c)));
    }

  for (guint i = 0; i <= rows->len; i++)
    {
      GPtrArray *row = i == 0 ? header : g_ptr_array_index (rows, i - 1);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < row->len; c++)
        {
          const char *cell = g_ptr_array_index (row, c);

          g_string_append (line, cell);
          if (c + 1 < row->len)
            g_string_append_printf (line, "%*s", (int) (widths[c] - display_width (cell)) + 2,
                                    "");
        }
      /* An empty last cell leaves the padding of the one before it. */
      g_print ("%s\n", g_strchomp (line->str));
    }
}

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} PngWriter;

static cairo_status_t
png_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PngWriter *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!g_output_stream_write_all (writer->stream, data, length, NULL, NULL,
                                  &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          code,
                 const char  *cause)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, code, _("Cannot write “%s”: %s"), shown, cause);
}

/* Streams @surface as PNG into the temporary file @tmp_path. */
static gboolean
write_png_to (cairo_surface_t  *surface,
              const char       *tmp_path,
              const char       *path,
              GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (tmp_path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) cause = NULL;
  PngWriter writer = { NULL, NULL };
  cairo_status_t status;

  /* The file exists and is empty, created by g_mkstemp_full (). */
  stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &cause);
  if (stream == NULL)
    {
      set_write_error (error, path, cause->code, cause->message);
      return FALSE;
    }

  writer.stream = G_OUTPUT_STREAM (stream);
  status = cairo_surface_write_to_png_stream (surface, png_write_cb, &writer);
  cause = g_steal_pointer (&writer.error);
  if (cause == NULL && status != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, path, G_IO_ERROR_FAILED, cairo_status_to_string (status));
      return FALSE;
    }

  if (cause != NULL || !g_output_stream_close (writer.stream, NULL, &cause))
    {
      set_write_error (error, path, cause->code, cause->message);
      return FALSE;
    }

  return TRUE;
}

struct _CsCliOutput
{
  char *path;
  char *tmp_path;     /* NULL once renamed into place */
};

/**
 * cs_cli_output_new:
 * @path: the file to create or replace
 *
 * Creates an empty temporary file in @path's folder, so that a missing or
 * read-only folder is reported before any slow work.
 *
 * Returns: (transfer full) (nullable): the output, or %NULL with @error
 *   naming @path and the cause
 */
CsCliOutput *
cs_cli_output_new (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  CsCliOutput *self;
  int fd;

  /* Renaming over a device, a pipe or a folder would replace it. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_write_error (error, path, G_IO_ERROR_IS_DIRECTORY, _("it is a folder"));
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      set_write_error (error, path, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("it exists and is not a regular file"));
      return NULL;
    }

  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (fd < 0)
    {
      int errsv = errno;

      set_write_error (error, path, g_io_error_from_errno (errsv), g_strerror (errsv));
      return NULL;
    }
  g_close (fd, NULL);

  self = g_new0 (CsCliOutput, 1);
  self->path = g_strdup (path);
  self->tmp_path = g_steal_pointer (&tmp_path);

  return self;
}

/**
 * cs_cli_output_write_png:
 *
 * Writes @surface as PNG to the temporary file and renames it over the
 * output path, which is then either the complete new image or untouched.
 *
 * Returns: %TRUE, or %FALSE with @error naming the output and the cause
 */
gboolean
cs_cli_output_write_png (CsCliOutput      *self,
                         cairo_surface_t  *surface,
                         GError          **error)
{
  g_assert (self->tmp_path != NULL);

  if (!write_png_to (surface, self->tmp_path, self->path, error))
    return FALSE;

  if (g_rename (self->tmp_path, self->path) != 0)
    {
      int errsv = errno;

      set_write_error (error, self->path, g_io_error_from_errno (errsv), g_strerror (errsv));
      return FALSE;
    }

  g_clear_pointer (&self->tmp_path, g_free);
  return TRUE;
}

void
cs_cli_output_free (CsCliOutput *self)
{
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);

  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
}

/* CASE is a case folder (with its case.json or reports) or the id of a
 * case in the user's case store. Only that folder is read, and no file
 * is changed: damaged ones are reported, not set aside. */
CsCase *
cs_cli_open_case (const char  *name,
                  GError     **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  CsCase *kase;

  if (g_file_test (name, G_FILE_TEST_IS_DIR))
    folder = g_strdup (name);
  else
    {
      g_autofree char *directory = cs_case_store_default_directory ();

      folder = cs_case_store_dup_case_folder (directory, name);
      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("No case “%s” in %s"), name, directory);
          return NULL;
        }
    }
  kase = cs_case_store_read_case (folder, problems, error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *) problems->pdata[i]);
  return kase;
}

void
cs_cli_wipe (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

gboolean
cs_cli_read_passphrase (const char  *file,
                        char       **passphrase,
                        GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  char *end;

  *passphrase = NULL;
  if (file == NULL)
    {
      const char *value = g_getenv ("CONSILIUM_PACKAGE_PASSPHRASE");

      /* set but empty: a mistake, never "not encrypted" */
      if (value != NULL && *value == '\0')
        {
          g_set_error_literal (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                               _("CONSILIUM_PACKAGE_PASSPHRASE is set but empty: give a "
                                 "passphrase, or unset it"));
          return FALSE;
        }
      *passphrase = g_strdup (value);
      return TRUE;
    }
  if (!g_file_get_contents (file, &data, &len, error))
    return FALSE;
  end = strpbrk (data, "\r\n");
  if (end != NULL)
    *end = '\0';
  if (*data == '\0' || !g_utf8_validate (data, -1, NULL))
    {
      explicit_bzero (data, len);
      g_set_error (error, CS_CLI_ERROR, CS_CLI_ERROR_USAGE,
                   _("The passphrase file %s holds no passphrase on its first line"), file);
      return FALSE;
    }
  *passphrase = g_strdup (data);
  explicit_bzero (data, len);
  return TRUE;
}

const char *
cs_cli_safe (GPtrArray  *pool,
             const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *safe = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0))
        g_string_append_unichar (safe, 0xfffd);
      else
        g_string_append_unichar (safe, c);
    }
  g_ptr_array_add (pool, g_string_free (safe, FALSE));
  return g_ptr_array_index (pool, pool->len - 1);
}
