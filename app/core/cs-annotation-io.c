/* cs-annotation-io.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_parse.h>

#include "cs-annotation-io.h"
#include "cs-annotation-io-private.h"
#include "cs-annotation-xml.h"
#include "cs-annotation-list.h"
#include "cs-asap-xml.h"
#include "cs-dsa-json.h"
#include "cs-geojson.h"
#include "cs-imagescope-xml.h"

G_DEFINE_QUARK (cs-annotation-error-quark, cs_annotation_error)

static const struct
{
  CsAnnotationFormat format;
  const char        *name;
  const char        *suffix;
  const char        *label;
  gboolean           export;
} formats[] = {
  { CS_ANNOTATION_FORMAT_GEOJSON, "geojson", ".geojson", N_("GeoJSON (QuPath)"), TRUE },
  { CS_ANNOTATION_FORMAT_ASAP, "asap", ".xml", N_("ASAP XML"), TRUE },
  { CS_ANNOTATION_FORMAT_IMAGESCOPE, "imagescope", ".xml", N_("Aperio ImageScope XML"), TRUE },
  { CS_ANNOTATION_FORMAT_DSA, "dsa", ".json", N_("Digital Slide Archive JSON"), FALSE },
};

const char *
cs_annotation_format_to_string (CsAnnotationFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;
  return "unknown";
}

gboolean
cs_annotation_format_from_string (const char         *str,
                                  CsAnnotationFormat *format)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (formats[i].name, str) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

const char *
cs_annotation_format_get_label (CsAnnotationFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return _(formats[i].label);
  return _("Unknown format");
}

const char *
cs_annotation_format_get_suffix (CsAnnotationFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].suffix;
  return "";
}

gboolean
cs_annotation_format_can_export (CsAnnotationFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].export;
  return FALSE;
}

/* Warnings are counted, not piled up: messages embed the offending
 * value, so a file of 80,000 bad times would otherwise list 80,000 lines
 * (and compare each new one with all before it). A message seen again is
 * counted on its line; a kind of problem (the format string) lists at most
 * MAX_LINES_PER_KIND values, the further ones counted on its last line
 * ("… (and 1,234 more like it)"); past MAX_WARNING_LINES lines, one last
 * line counts the further problems. A message passed through as "%s" (one
 * reader's result merged into another's) is a kind of its own. */
#define MAX_WARNING_LINES  20
#define MAX_LINES_PER_KIND 3

typedef struct
{
  char  *message;
  guint  index;   /* in warnings */
  guint  more;    /* further problems counted on this line */
} WarningLine;

typedef struct
{
  guint        n_lines;
  WarningLine *last;
} WarningKind;

typedef struct
{
  CsAnnotationImport  public;
  GHashTable         *lines;        /* message -> WarningLine */
  GHashTable         *kinds;        /* format, or message for "%s" -> WarningKind */
  guint               n_more;       /* problems beyond the lines */
} ImportPrivate;

static void
warning_line_free (gpointer data)
{
  WarningLine *line = data;

  g_free (line->message);
  g_free (line);
}

CsAnnotationImport *
cs_annotation_import_new (CsAnnotationFormat format)
{
  ImportPrivate *priv = g_new0 (ImportPrivate, 1);
  CsAnnotationImport *self = &priv->public;

  self->format = format;
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  self->class_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  priv->lines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, warning_line_free);
  priv->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
cs_annotation_import_free (CsAnnotationImport *self)
{
  ImportPrivate *priv = (ImportPrivate *) self;

  if (self == NULL)
    return;
  g_ptr_array_unref (self->annotations);
  g_hash_table_unref (self->class_colors);
  g_ptr_array_unref (self->warnings);
  g_hash_table_unref (priv->lines);
  g_hash_table_unref (priv->kinds);
  g_free (priv);
}

static void
count_on_line (CsAnnotationImport *self,
               WarningLine        *line)
{
  line->more++;
  g_free (self->warnings->pdata[line->index]);
  /* Translators: an import warning, then how many more problems of its
   * kind there were */
  self->warnings->pdata[line->index] =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %'u more like it)",
                                  "%s (and %'u more like it)", line->more),
                     line->message, line->more);
}

static void
count_more (CsAnnotationImport *self,
            ImportPrivate      *priv)
{
  /* Translators: the last line of a list of import warnings */
  char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %'u more problem",
                                             "…and %'u more problems", priv->n_more + 1),
                                priv->n_more + 1);

  if (priv->n_more++ == 0)
    g_ptr_array_add (self->warnings, text);
  else
    {
      g_free (self->warnings->pdata[self->warnings->len - 1]);
      self->warnings->pdata[self->warnings->len - 1] = text;
    }
}

void
cs_annotation_import_warn (CsAnnotationImport *self,
                           const char         *format,
                           ...)
{
  ImportPrivate *priv = (ImportPrivate *) self;
  g_autofree char *message = NULL;
  const char *key;
  WarningLine *line;
  WarningKind *kind;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  key = g_str_equal (format, "%s") ? message : format;
  kind = g_hash_table_lookup (priv->kinds, key);
  line = g_hash_table_lookup (priv->lines, message);
  if (line == NULL && kind != NULL && kind->n_lines >= MAX_LINES_PER_KIND)
    line = kind->last;
  if (line != NULL)
    {
      count_on_line (self, line);
      return;
    }
  if (g_hash_table_size (priv->lines) >= MAX_WARNING_LINES)
    {
      count_more (self, priv);
      return;
    }
  if (kind == NULL)
    {
      kind = g_new0 (WarningKind, 1);
      g_hash_table_insert (priv->kinds, g_strdup (key), kind);
    }
  line = g_new0 (WarningLine, 1);
  line->message = g_steal_pointer (&message);
  line->index = self->warnings->len;
  g_ptr_array_add (self->warnings, g_strdup (line->message));
  g_hash_table_insert (priv->lines, line->message, line);
  kind->n_lines++;
  kind->last = line;
}

/* Keeps "consilium.parentId" pointing at the parent under its new id. */
static void
follow_new_ids (CsAnnotationImport *self,
                GHashTable         *renamed)
{
  for (guint i = 0; i < self->annotations->len; i++)
    {
      CsAnnotation *annotation = self->annotations->pdata[i];
      GHashTable *extra = cs_annotation_get_extra (annotation);
      const char *parent = extra != NULL ? g_hash_table_lookup (extra, "consilium.parentId") : NULL;
      const char *renamed_parent = parent != NULL ? g_hash_table_lookup (renamed, parent) : NULL;

      if (renamed_parent != NULL)
        cs_annotation_set_extra (annotation, "consilium.parentId", renamed_parent);
    }
}

guint
cs_annotation_import_prepare_for (CsAnnotationImport *self,
                                  CsAnnotationList   *list)
{
  g_autoptr(GHashTable) renamed = NULL;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (list), 0);

  renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      CsAnnotation *annotation = self->annotations->pdata[i];
      const char *id = cs_annotation_get_id (annotation);
      g_autofree char *fresh = NULL;

      g_return_val_if_fail (!cs_annotation_is_frozen (annotation), 0);
      if (cs_annotation_list_lookup (list, id) == NULL && !g_hash_table_contains (seen, id))
        {
          g_hash_table_add (seen, (gpointer) id);
          continue;
        }
      do
        {
          g_free (fresh);
          fresh = g_uuid_string_random ();
        }
      while (cs_annotation_list_lookup (list, fresh) != NULL || g_hash_table_contains (seen, fresh));
      if (!g_hash_table_contains (renamed, id))
        g_hash_table_insert (renamed, g_strdup (id), g_strdup (fresh));
      cs_annotation_set_id (annotation, fresh);
      g_hash_table_add (seen, (gpointer) cs_annotation_get_id (annotation));
    }
  if (g_hash_table_size (renamed) > 0)
    follow_new_ids (self, renamed);
  return g_hash_table_size (renamed);
}

gboolean
cs_annotation_import_get_bounds (CsAnnotationImport *self,
                                 CsRect             *bounds)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->annotations->len; i++)
    {
      CsRect r;

      if (cs_geometry_is_empty (cs_annotation_get_geometry (self->annotations->pdata[i])))
        continue;
      cs_annotation_get_bounds (self->annotations->pdata[i], &r);
      if (any)
        cs_rect_union (bounds, &r);
      else
        *bounds = r;
      any = TRUE;
    }
  return any;
}

gboolean
cs_annotation_import_exceeds (CsAnnotationImport *self,
                              gint64              width,
                              gint64              height)
{
  CsRect b;

  if (width <= 0 || height <= 0 || !cs_annotation_import_get_bounds (self, &b))
    return FALSE;
  return b.x < -1 || b.y < -1 || b.x + b.width > width + 1 || b.y + b.height > height + 1;
}

/* ---- Detection ---------------------------------------------------------- */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* Skips from @p past the first @marker; NULL when it is not there. */
static const char *
skip_past (const char *p,
           const char *end,
           const char *marker)
{
  gsize n = strlen (marker);

  for (; p + n <= end; p++)
    if (memcmp (p, marker, n) == 0)
      return p + n;
  return NULL;
}

/* The local name of the root element, past the declaration, comments,
 * processing instructions and a DOCTYPE. */
static char *
xml_root_name (const char *p,
               const char *end)
{
  const char *name, *colon = NULL;

  while (p != NULL && (p = skip_space (p, end)) < end && *p == '<')
    {
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        p = skip_past (p, end, "-->");
      else if (end - p >= 2 && (p[1] == '?' || p[1] == '!'))
        p = skip_past (p, end, p[1] == '?' ? "?>" : ">");
      else
        break;
    }
  if (p == NULL || p >= end || *p != '<')
    return NULL;
  for (name = ++p; p < end && !g_ascii_isspace (*p) && *p != '>' && *p != '/'; p++)
    if (*p == ':')
      colon = p;
  if (colon != NULL)
    name = colon + 1;
  return p > name ? g_strndup (name, p - name) : NULL;
}

typedef struct
{
  int                depth;
  int                key_depth;   /* where the deciding keys sit */
  CsAnnotationFormat format;
} Detect;

static int
detect_start (void *data)
{
  Detect *d = data;

  d->depth++;
  if (d->key_depth == 0)
    d->key_depth = 1;
  return 1;
}

static int
detect_start_array (void *data)
{
  Detect *d = data;

  if (d->depth == 0)
    d->key_depth = 2; /* a list: look at its first element */
  d->depth++;
  return 1;
}

/* Stops once the first object at the deciding depth has closed. */
static int
detect_end (void *data)
{
  Detect *d = data;

  return --d->depth >= d->key_depth;
}

static int
detect_scalar (void *data)
{
  Detect *d = data;

  return d->depth >= d->key_depth;
}

static int
detect_bool (void *data,
             int   value)
{
  return detect_scalar (data);
}

static int
detect_value (void                *data,
              const unsigned char *text,
              size_t               len)
{
  return detect_scalar (data);
}

static int
detect_number (void       *data,
               const char *text,
               size_t      len)
{
  return detect_scalar (data);
}

static int
detect_key (void                *data,
            const unsigned char *key,
            size_t               len)
{
  static const char *const dsa[] = { "elements", "annotation" };
  static const char *const geojson[] = { "type", "features", "geometry", "coordinates" };
  Detect *d = data;

  if (d->depth != d->key_depth)
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (dsa); i++)
    if (strlen (dsa[i]) == len && memcmp (dsa[i], key, len) == 0)
      d->format = CS_ANNOTATION_FORMAT_DSA;
  for (guint i = 0; i < G_N_ELEMENTS (geojson); i++)
    if (strlen (geojson[i]) == len && memcmp (geojson[i], key, len) == 0)
      d->format = CS_ANNOTATION_FORMAT_GEOJSON;
  return d->format == CS_ANNOTATION_FORMAT_UNKNOWN;
}

static CsAnnotationFormat
detect_json (const char *p,
             gsize       len)
{
  static const yajl_callbacks callbacks = {
    .yajl_null = detect_scalar,
    .yajl_boolean = detect_bool,
    .yajl_number = detect_number,
    .yajl_string = detect_value,
    .yajl_start_map = detect_start,
    .yajl_map_key = detect_key,
    .yajl_end_map = detect_end,
    .yajl_start_array = detect_start_array,
    .yajl_end_array = detect_end,
  };
  Detect d = { 0, 0, CS_ANNOTATION_FORMAT_UNKNOWN };
  yajl_handle handle = yajl_alloc (&callbacks, NULL, &d);

  yajl_parse (handle, (const guchar *) p, len);
  yajl_free (handle);
  return d.format;
}

CsAnnotationFormat
cs_annotation_format_detect (const char *head,
                             gsize       len)
{
  const char *end = head + len;
  const char *p = head;
  g_autofree char *root = NULL;

  g_return_val_if_fail (head != NULL || len == 0, CS_ANNOTATION_FORMAT_UNKNOWN);

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  p = skip_space (p, end);
  if (p >= end)
    return CS_ANNOTATION_FORMAT_UNKNOWN;
  if (*p == '{' || *p == '[')
    return detect_json (p, end - p);
  if (*p != '<')
    return CS_ANNOTATION_FORMAT_UNKNOWN;
  root = xml_root_name (p, end);
  if (g_strcmp0 (root, "ASAP_Annotations") == 0)
    return CS_ANNOTATION_FORMAT_ASAP;
  if (g_strcmp0 (root, "Annotations") == 0)
    return CS_ANNOTATION_FORMAT_IMAGESCOPE;
  return CS_ANNOTATION_FORMAT_UNKNOWN;
}

/* ---- Import ------------------------------------------------------------- */

#define MAX_FILE_SIZE (G_GINT64_CONSTANT (2) << 30)

static gboolean
read_format (CsAnnotationFormat  format,
             GBytes             *bytes,
             const char         *name,
             CsAnnotationImport *result,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GInputStream) stream = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  switch (format)
    {
    case CS_ANNOTATION_FORMAT_GEOJSON:
      stream = g_memory_input_stream_new_from_bytes (bytes);
      return cs_geojson_read (stream, name, result, cancellable, error);
    case CS_ANNOTATION_FORMAT_ASAP:
      return cs_asap_xml_read (data, len, name, result, error);
    case CS_ANNOTATION_FORMAT_IMAGESCOPE:
      return cs_imagescope_xml_read (data, len, name, result, error);
    case CS_ANNOTATION_FORMAT_DSA:
      return cs_dsa_json_read (data, len, name, result, error);
    case CS_ANNOTATION_FORMAT_UNKNOWN:
    default:
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_UNKNOWN_FORMAT,
                   _("%s is not an annotation file that Consilium reads (GeoJSON, ASAP XML, "
                     "Aperio ImageScope XML or Digital Slide Archive JSON)"), name);
      return FALSE;
    }
}

/* Records where each annotation came from, keeping an earlier record
 * (a native file that was itself imported). */
static void
mark_source (CsAnnotationImport *result,
             const char         *name)
{
  g_autofree char *basename = g_path_get_basename (name);
  g_autofree char *source =
    g_strdup_printf ("%s:%s", cs_annotation_format_to_string (result->format), basename);

  for (guint i = 0; i < result->annotations->len; i++)
    {
      CsAnnotation *annotation = result->annotations->pdata[i];
      GHashTable *extra = cs_annotation_get_extra (annotation);

      if (extra == NULL || !g_hash_table_contains (extra, "consilium.source"))
        cs_annotation_set_extra (annotation, "consilium.source", source);
    }
}

/* Every number of a file is checked, but a shape built from them (an
 * ellipse or rectangle from its centre and size, a circle from its radius)
 * may reach further: such a shape could not be kept, nor drawn sensibly. */
static gboolean
check_extent (CsAnnotationImport *result,
              const char         *name,
              GError            **error)
{
  for (guint i = 0; i < result->annotations->len; i++)
    {
      CsAnnotation *annotation = result->annotations->pdata[i];
      CsRect b;
      const char *label, *shape;

      cs_annotation_get_bounds (annotation, &b);
      if (isfinite (b.x) && isfinite (b.y) && isfinite (b.x + b.width) &&
          isfinite (b.y + b.height) && fabs (b.x) <= CS_ANNOTATION_MAX_COORDINATE &&
          fabs (b.y) <= CS_ANNOTATION_MAX_COORDINATE &&
          fabs (b.x + b.width) <= CS_ANNOTATION_MAX_COORDINATE &&
          fabs (b.y + b.height) <= CS_ANNOTATION_MAX_COORDINATE)
        continue;
      label = cs_annotation_get_name (annotation);
      shape = cs_shape_to_string (cs_annotation_get_shape (annotation));
      if (label != NULL && *label != '\0')
        g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID,
                     /* Translators: %u is the annotation's position in the file, “%s” its
                      * name, (%s) its shape */
                     _("%s: annotation %u “%s” (%s) reaches beyond ±1e9 pixels"), name, i + 1,
                     label, shape);
      else
        g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID,
                     /* Translators: %u is the annotation's position in the file, (%s) its
                      * shape */
                     _("%s: annotation %u (%s) reaches beyond ±1e9 pixels"), name, i + 1, shape);
      return FALSE;
    }
  return TRUE;
}

static CsAnnotationImport *
import_bytes (GBytes       *bytes,
              const char   *name,
              GCancellable *cancellable,
              GError      **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  CsAnnotationFormat format = cs_annotation_format_detect (data, len);
  g_autoptr(CsAnnotationImport) result = cs_annotation_import_new (format);

  if (!read_format (format, bytes, name, result, cancellable, error) ||
      !check_extent (result, name, error))
    return NULL;
  result->format = format;
  mark_source (result, name);
  return g_steal_pointer (&result);
}

CsAnnotationImport *
cs_annotation_import_bytes (GBytes     *bytes,
                            const char *name,
                            GError    **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return import_bytes (bytes, name, NULL, error);
}

CsAnnotationImport *
cs_annotation_import_file (const char   *path,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (gint64) st.st_size > MAX_FILE_SIZE)
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_TOO_LARGE,
                   _("%s is too large to be an annotation file (over 2 GiB)"), name);
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, G_FILE_ERROR, local_error->code, _("Cannot read %s: %s"), name,
                   local_error->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  return import_bytes (bytes, name, cancellable, error);
}

/* ---- Export ------------------------------------------------------------- */

gboolean
_cs_write_file_atomically (const char  *path,
                           gboolean     private,
                           CsWriteFunc  func,
                           gpointer     data,
                           GError     **error)
{
  return cs_write_file_atomically (path, private, func, data, error);
}

typedef struct
{
  GPtrArray                *annotations;
  CsAnnotationFormat        format;
  const CsAnnotationExport *context;
} ExportJob;

static gboolean
export_write (GOutputStream *stream,
              gpointer       data,
              GError       **error)
{
  ExportJob *job = data;

  switch (job->format)
    {
    case CS_ANNOTATION_FORMAT_GEOJSON:
      return cs_geojson_write (stream, job->annotations, job->context, NULL, error);
    case CS_ANNOTATION_FORMAT_ASAP:
      return cs_asap_xml_write (stream, job->annotations, job->context, error);
    case CS_ANNOTATION_FORMAT_IMAGESCOPE:
      return cs_imagescope_xml_write (stream, job->annotations, job->context, error);
    case CS_ANNOTATION_FORMAT_DSA:
    case CS_ANNOTATION_FORMAT_UNKNOWN:
    default:
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_UNKNOWN_FORMAT,
                   _("Annotations cannot be written as %s"),
                   cs_annotation_format_get_label (job->format));
      return FALSE;
    }
}

gboolean
cs_annotation_export_file (GPtrArray                *annotations,
                           CsAnnotationFormat        format,
                           const CsAnnotationExport *context,
                           const char               *path,
                           GError                  **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *name = NULL;
  ExportJob job = { kept, format, context };
  CsAnnotationExport empty = { 0 };

  g_return_val_if_fail (annotations != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!cs_annotation_format_can_export (format))
    {
      g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_UNKNOWN_FORMAT,
                   _("Annotations cannot be written as %s"),
                   cs_annotation_format_get_label (format));
      return FALSE;
    }
  for (guint i = 0; i < annotations->len; i++)
    if (!cs_annotation_get_temporary (annotations->pdata[i]))
      g_ptr_array_add (kept, annotations->pdata[i]);
  if (context == NULL)
    job.context = &empty;
  if (_cs_write_file_atomically (path, FALSE, export_write, &job, error))
    return TRUE;
  name = g_filename_display_basename (path);
  g_prefix_error (error, _("Cannot export to %s: "), name);
  return FALSE;
}
