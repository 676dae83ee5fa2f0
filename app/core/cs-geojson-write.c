/* cs-geojson-write.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-geojson"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "cs-class-table.h"
#include "cs-geojson.h"
#include "cs-geojson-private.h"
#include "cs-json-number.h"

/* The GeoJSON writer (docs/FORMATS.md §7 "Writing"): one Feature per line,
 * built in a GString and flushed to the stream in chunks, so a file of
 * 100,000 polygons never sits whole in memory. Numbers read back exactly:
 * integers and numbers on a 10^-6 grid as short decimals, others with
 * g_ascii_dtostr's 17 digits. Pure functions, any thread. */

#define FLUSH_SIZE (256 * 1024)

void
_cs_json_append_string (GString    *out,
                        const char *str)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) str; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Numbers on a grid of 10^-6 (QuPath's two decimals, halves, quarters)
 * print from integers: if r / 10^6 rounds to @value, the decimal r·10^-6
 * reads back as @value too, both being the double nearest to it. */
static gboolean
append_micro_grid (GString *out,
                   double   value)
{
  double scaled = round (value * 1e6);
  gint64 r, whole, fraction;
  char digits[8];
  int n = 6;

  if (fabs (value) >= 1e9 || scaled / 1e6 != value)
    return FALSE;
  r = (gint64) scaled;
  if (r < 0)
    g_string_append_c (out, '-');
  r = ABS (r);
  whole = r / 1000000;
  fraction = r % 1000000;
  g_string_append_printf (out, "%" G_GINT64_FORMAT, whole);
  if (fraction == 0)
    return TRUE;
  for (int i = 5; i >= 0; i--, fraction /= 10)
    digits[i] = (char) ('0' + fraction % 10);
  while (digits[n - 1] == '0')
    n--;
  g_string_append_c (out, '.');
  g_string_append_len (out, digits, n);
  return TRUE;
}

void
_cs_json_append_number (GString *out,
                        double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean negative_zero = value == 0 && signbit (value);

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  if (value == floor (value) && fabs (value) < 1e15 && !negative_zero)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }
  if (!negative_zero && append_micro_grid (out, value))
    return;
  /* Otherwise 17 significant digits, which always read back exactly
   * (trying 16 first costs more time than the byte it may save). */
  if (!_cs_json_format_double (value, buf))
    g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (out, buf);
}

/* Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * civil_from_days): a file of 100,000 annotations writes 200,000 times,
 * which GDateTime and its format string made a tenth of a save. */
static void
civil_from_days (gint64  days,
                 gint64 *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;

  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

static void
append_digits (GString *out,
               gint64   value,
               int      width)
{
  char digits[8];

  for (int i = width - 1; i >= 0; i--, value /= 10)
    digits[i] = (char) ('0' + value % 10);
  g_string_append_len (out, digits, width);
}

/* "YYYY-MM-DDTHH:MM:SS[.ffffff]Z", as GDateTime would print it; null
 * outside years 1 to 9999. */
void
_cs_geojson_append_time (GString *out,
                         gint64   usec)
{
  gint64 seconds = usec >= 0 ? usec / G_USEC_PER_SEC
                              : -((-usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  gint64 fraction = usec - seconds * G_USEC_PER_SEC;
  gint64 days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  gint64 of_day = seconds - days * 86400, year;
  int month, day;

  civil_from_days (days, &year, &month, &day);
  if (year < 1 || year > 9999)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  append_digits (out, year, 4);
  g_string_append_c (out, '-');
  append_digits (out, month, 2);
  g_string_append_c (out, '-');
  append_digits (out, day, 2);
  g_string_append_c (out, 'T');
  append_digits (out, of_day / 3600, 2);
  g_string_append_c (out, ':');
  append_digits (out, of_day / 60 % 60, 2);
  g_string_append_c (out, ':');
  append_digits (out, of_day % 60, 2);
  if (fraction != 0)
    {
      g_string_append_c (out, '.');
      append_digits (out, fraction, 6);
    }
  g_string_append (out, "Z\"");
}

gboolean
_cs_geojson_is_reserved_key (const char *key)
{
  static const char *const reserved[] = {
    CS_GEOJSON_KEY_DESCRIPTION, CS_GEOJSON_KEY_AUTHOR, CS_GEOJSON_KEY_INSTITUTION,
    CS_GEOJSON_KEY_CREATED, CS_GEOJSON_KEY_MODIFIED, CS_GEOJSON_KEY_HIDDEN,
    CS_GEOJSON_EXTRA_PLANE, CS_GEOJSON_EXTRA_OBJECT_TYPE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (g_str_equal (key, reserved[i]))
      return TRUE;
  return g_str_has_prefix (key, CS_GEOJSON_EXTRA_MEASUREMENT);
}

static void
append_key (GString    *out,
            const char *key)
{
  _cs_json_append_string (out, key);
  g_string_append_c (out, ':');
}

static void
append_point (GString       *out,
              const CsPoint *p)
{
  g_string_append_c (out, '[');
  _cs_json_append_number (out, p->x);
  g_string_append_c (out, ',');
  _cs_json_append_number (out, p->y);
  g_string_append_c (out, ']');
}

static void
append_ring (GString          *out,
             const CsGeometry *geometry,
             guint             part,
             guint             ring,
             gboolean          closed)
{
  guint n;
  const CsPoint *points = cs_geometry_get_ring (geometry, part, ring, &n);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_point (out, &points[i]);
    }
  if (closed && n > 0)
    {
      g_string_append_c (out, ',');
      append_point (out, &points[0]);
    }
  g_string_append_c (out, ']');
}

static void
append_polygon (GString          *out,
                const CsGeometry *geometry,
                guint             part)
{
  g_string_append_c (out, '[');
  for (guint r = 0; r < cs_geometry_get_n_rings (geometry, part); r++)
    {
      if (r > 0)
        g_string_append_c (out, ',');
      append_ring (out, geometry, part, r, TRUE);
    }
  g_string_append_c (out, ']');
}

static void
append_area_coordinates (GString          *out,
                         const CsGeometry *geometry)
{
  guint n_parts = cs_geometry_get_n_parts (geometry);

  if (n_parts == 1)
    {
      g_string_append (out, "\"Polygon\",\"coordinates\":");
      append_polygon (out, geometry, 0);
      return;
    }
  g_string_append (out, "\"MultiPolygon\",\"coordinates\":[");
  for (guint part = 0; part < n_parts; part++)
    {
      if (part > 0)
        g_string_append_c (out, ',');
      append_polygon (out, geometry, part);
    }
  g_string_append_c (out, ']');
}

/* Every point of every ring, in order: a point set is one ring. */
static void
append_all_points (GString          *out,
                   const CsGeometry *geometry)
{
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  for (guint part = 0; part < cs_geometry_get_n_parts (geometry); part++)
    for (guint r = 0; r < cs_geometry_get_n_rings (geometry, part); r++)
      {
        guint n;
        const CsPoint *points = cs_geometry_get_ring (geometry, part, r, &n);

        for (guint i = 0; i < n; i++, first = FALSE)
          {
            if (!first)
              g_string_append_c (out, ',');
            append_point (out, &points[i]);
          }
      }
  g_string_append_c (out, ']');
}

static void
append_point_coordinates (GString          *out,
                          CsShape           shape,
                          const CsGeometry *geometry)
{
  if (shape == CS_SHAPE_TEXT && cs_geometry_get_n_points (geometry) == 1)
    {
      guint n;
      const CsPoint *p = cs_geometry_get_ring (geometry, 0, 0, &n);

      g_string_append (out, "\"Point\",\"coordinates\":");
      append_point (out, p);
      return;
    }
  g_string_append (out, "\"MultiPoint\",\"coordinates\":");
  append_all_points (out, geometry);
}

static void
append_line_coordinates (GString          *out,
                         const CsGeometry *geometry)
{
  guint n_parts = cs_geometry_get_n_parts (geometry);

  if (n_parts == 1 && cs_geometry_get_n_rings (geometry, 0) == 1)
    {
      g_string_append (out, "\"LineString\",\"coordinates\":");
      append_ring (out, geometry, 0, 0, FALSE);
      return;
    }
  g_string_append (out, "\"MultiLineString\",\"coordinates\":[");
  for (guint part = 0; part < n_parts; part++)
    for (guint r = 0; r < cs_geometry_get_n_rings (geometry, part); r++)
      {
        if (part > 0 || r > 0)
          g_string_append_c (out, ',');
        append_ring (out, geometry, part, r, FALSE);
      }
  g_string_append_c (out, ']');
}

/* The plane is kept as the JSON text the reader found; check it is one
 * well-formed object before writing it into a file raw. */
static gboolean
is_json_object (const char *text)
{
  yajl_handle handle;
  gboolean ok;

  if (text == NULL || text[0] != '{')
    return FALSE;
  handle = yajl_alloc (NULL, NULL, NULL);
  ok = yajl_parse (handle, (const guchar *) text, strlen (text)) == yajl_status_ok &&
       yajl_complete_parse (handle) == yajl_status_ok;
  yajl_free (handle);
  return ok;
}

static void
append_geometry (GString      *out,
                 CsAnnotation *annotation)
{
  CsShape shape = cs_annotation_get_shape (annotation);
  CsGeometry *geometry = cs_annotation_get_geometry (annotation);
  GHashTable *extra = cs_annotation_get_extra (annotation);
  const char *plane = extra != NULL ? g_hash_table_lookup (extra, CS_GEOJSON_EXTRA_PLANE) : NULL;

  g_string_append (out, "\"geometry\":{");
  if (shape == CS_SHAPE_ELLIPSE)
    g_string_append (out, "\"isEllipse\":true,");
  if (is_json_object (plane))
    g_string_append_printf (out, "\"plane\":%s,", plane);
  g_string_append (out, "\"type\":");
  switch (shape)
    {
    case CS_SHAPE_RECTANGLE:
    case CS_SHAPE_ELLIPSE:
    case CS_SHAPE_POLYGON:
    case CS_SHAPE_FREEHAND:
      append_area_coordinates (out, geometry);
      break;
    case CS_SHAPE_POINTS:
    case CS_SHAPE_TEXT:
      append_point_coordinates (out, shape, geometry);
      break;
    case CS_SHAPE_LINE:
    case CS_SHAPE_ARROW:
    default:
      append_line_coordinates (out, geometry);
      break;
    }
  g_string_append_c (out, '}');
}

static void
append_color (GString *out,
              guint32  rgb)
{
  g_string_append_printf (out, "[%u,%u,%u]", (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
}

static void
append_classification (GString      *out,
                       CsAnnotation *annotation,
                       GHashTable   *class_colors)
{
  const char *klass = cs_annotation_get_class_name (annotation);
  gpointer found = NULL;
  guint32 rgb = cs_annotation_get_color (annotation);

  if (class_colors != NULL && g_hash_table_lookup_extended (class_colors, klass, NULL, &found))
    rgb = GPOINTER_TO_UINT (found);
  else if (rgb == CS_COLOR_UNSET)
    rgb = CS_UNCLASSIFIED_COLOR;

  g_string_append (out, ",\"classification\":{\"name\":");
  _cs_json_append_string (out, klass);
  g_string_append (out, ",\"color\":");
  append_color (out, rgb);
  g_string_append_c (out, '}');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Extra keys in a stable order, so that equal annotations give equal
 * text (journal diffs, tests). */
static GPtrArray *
sorted_extra_keys (CsAnnotation *annotation)
{
  GHashTable *extra = cs_annotation_get_extra (annotation);
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (extra != NULL)
    {
      g_hash_table_iter_init (&iter, extra);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (keys, key);
    }
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

static void
append_measurements (GString      *out,
                     CsAnnotation *annotation,
                     GPtrArray    *keys)
{
  GHashTable *extra = cs_annotation_get_extra (annotation);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      const char *value = g_hash_table_lookup (extra, key);
      char *end = NULL;
      double number;

      if (!g_str_has_prefix (key, CS_GEOJSON_EXTRA_MEASUREMENT))
        continue;
      g_string_append (out, first ? ",\"measurements\":{" : ",");
      first = FALSE;
      append_key (out, key + strlen (CS_GEOJSON_EXTRA_MEASUREMENT));
      /* A number only when it reads back as the very same text: "0x10"
       * or "+5" parse, but are not JSON. */
      number = g_ascii_strtod (value, &end);
      g_string_truncate (text, 0);
      _cs_json_append_number (text, number);
      if (*value != '\0' && *end == '\0' && isfinite (number) && g_str_equal (text->str, value))
        g_string_append (out, value);
      else
        _cs_json_append_string (out, value);
    }
  if (!first)
    g_string_append_c (out, '}');
}

static void
append_meta_string (GString    *out,
                    gboolean   *first,
                    const char *key,
                    const char *value)
{
  if (value == NULL)
    return;
  g_string_append (out, *first ? ",\"metadata\":{" : ",");
  *first = FALSE;
  append_key (out, key);
  _cs_json_append_string (out, value);
}

static void
append_meta_time (GString    *out,
                  gboolean   *first,
                  const char *key,
                  gint64      usec)
{
  g_string_append (out, *first ? ",\"metadata\":{" : ",");
  *first = FALSE;
  append_key (out, key);
  _cs_geojson_append_time (out, usec);
}

static void
append_metadata (GString      *out,
                 CsAnnotation *annotation,
                 GPtrArray    *keys)
{
  GHashTable *extra = cs_annotation_get_extra (annotation);
  gboolean first = TRUE;

  append_meta_string (out, &first, CS_GEOJSON_KEY_DESCRIPTION,
                      cs_annotation_get_comment (annotation));
  append_meta_string (out, &first, CS_GEOJSON_KEY_AUTHOR, cs_annotation_get_author (annotation));
  append_meta_string (out, &first, CS_GEOJSON_KEY_INSTITUTION,
                      cs_annotation_get_institution (annotation));
  append_meta_time (out, &first, CS_GEOJSON_KEY_CREATED, cs_annotation_get_created (annotation));
  append_meta_time (out, &first, CS_GEOJSON_KEY_MODIFIED,
                    cs_annotation_get_modified (annotation));
  if (cs_annotation_get_hidden (annotation))
    append_meta_string (out, &first, CS_GEOJSON_KEY_HIDDEN, "true");
  for (guint i = 0; i < keys->len; i++)
    if (!_cs_geojson_is_reserved_key (keys->pdata[i]))
      append_meta_string (out, &first, keys->pdata[i], g_hash_table_lookup (extra, keys->pdata[i]));
  g_string_append_c (out, '}');
}

static void
append_number_member (GString    *out,
                      const char *key,
                      double      value)
{
  g_string_append_c (out, ',');
  append_key (out, key);
  _cs_json_append_number (out, value);
}

static void
append_consilium (GString      *out,
                  CsAnnotation *annotation)
{
  const CsShapeParams *params = cs_annotation_get_params (annotation);

  g_string_append (out, ",\"consilium\":{\"shape\":");
  _cs_json_append_string (out, cs_shape_to_string (cs_annotation_get_shape (annotation)));
  if (params != NULL)
    {
      g_string_append (out, ",\"center\":");
      append_point (out, &(CsPoint) { params->cx, params->cy });
      append_number_member (out, "width", params->width);
      append_number_member (out, "height", params->height);
      append_number_member (out, "rotation", params->rotation);
    }
  if (cs_annotation_get_temporary (annotation))
    g_string_append (out, ",\"temporary\":true");
  g_string_append_c (out, '}');
}

static void
append_properties (GString      *out,
                   CsAnnotation *annotation,
                   GHashTable   *class_colors)
{
  GHashTable *extra = cs_annotation_get_extra (annotation);
  const char *object_type =
    extra != NULL ? g_hash_table_lookup (extra, CS_GEOJSON_EXTRA_OBJECT_TYPE) : NULL;
  const char *name = cs_annotation_get_name (annotation);
  g_autoptr(GPtrArray) keys = sorted_extra_keys (annotation);

  g_string_append (out, "\"properties\":{\"objectType\":");
  _cs_json_append_string (out, object_type != NULL ? object_type : "annotation");
  if (name != NULL)
    {
      g_string_append (out, ",\"name\":");
      _cs_json_append_string (out, name);
    }
  if (cs_annotation_get_color (annotation) != CS_COLOR_UNSET)
    {
      g_string_append (out, ",\"color\":");
      append_color (out, cs_annotation_get_color (annotation));
    }
  if (cs_annotation_get_class_name (annotation) != NULL)
    append_classification (out, annotation, class_colors);
  if (cs_annotation_get_locked (annotation))
    g_string_append (out, ",\"isLocked\":true");
  append_measurements (out, annotation, keys);
  append_metadata (out, annotation, keys);
  if (cs_annotation_get_class_name (annotation) != NULL)
    {
      g_string_append (out, ",\"group\":");
      _cs_json_append_string (out, cs_annotation_get_class_name (annotation));
    }
  if (name != NULL)
    {
      g_string_append (out, ",\"label\":{\"value\":");
      _cs_json_append_string (out, name);
      g_string_append_c (out, '}');
    }
  append_consilium (out, annotation);
  g_string_append_c (out, '}');
}

void
cs_geojson_append_feature (GString      *out,
                           CsAnnotation *annotation,
                           GHashTable   *class_colors)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (CS_IS_ANNOTATION (annotation));

  g_string_append (out, "{\"type\":\"Feature\",\"id\":");
  _cs_json_append_string (out, cs_annotation_get_id (annotation));
  g_string_append_c (out, ',');
  append_geometry (out, annotation);
  g_string_append_c (out, ',');
  append_properties (out, annotation, class_colors);
  g_string_append_c (out, '}');
}

static gboolean
flush_buffer (GOutputStream *stream,
              GString       *buffer,
              GCancellable  *cancellable,
              GError       **error)
{
  if (!g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

static void
append_header (GString                  *out,
               const CsAnnotationExport *context)
{
  g_string_append (out, "{\"type\":\"FeatureCollection\",\"consilium\":{\"format\":1");
  if (context != NULL && context->slide_uuid != NULL)
    {
      g_string_append (out, ",\"slide_uuid\":");
      _cs_json_append_string (out, context->slide_uuid);
    }
  if (context != NULL && context->slide_sha256 != NULL)
    {
      g_string_append (out, ",\"slide_sha256\":");
      _cs_json_append_string (out, context->slide_sha256);
    }
  g_string_append (out, "},\"features\":[");
}

gboolean
cs_geojson_write (GOutputStream            *stream,
                  GPtrArray                *annotations,
                  const CsAnnotationExport *context,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(GString) out = g_string_sized_new (FLUSH_SIZE + 64 * 1024);
  GHashTable *class_colors = context != NULL ? context->class_colors : NULL;
  gboolean first = TRUE;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  append_header (out, context);
  for (guint i = 0; i < annotations->len; i++)
    {
      CsAnnotation *annotation = annotations->pdata[i];

      if (cs_annotation_get_temporary (annotation))
        continue;
      if (!cs_geometry_is_finite (cs_annotation_get_geometry (annotation)))
        {
          g_set_error (error, CS_ANNOTATION_ERROR, CS_ANNOTATION_ERROR_INVALID,
                       _("Annotation %s has coordinates that are not numbers"),
                       cs_annotation_get_id (annotation));
          return FALSE;
        }
      g_string_append (out, first ? "\n" : ",\n");
      first = FALSE;
      cs_geojson_append_feature (out, annotation, class_colors);
      if (out->len >= FLUSH_SIZE && !flush_buffer (stream, out, cancellable, error))
        return FALSE;
    }
  g_string_append (out, "\n]}\n");
  return flush_buffer (stream, out, cancellable, error);
}
