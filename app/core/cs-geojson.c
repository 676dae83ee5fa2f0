/* cs-geojson.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-geojson"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "cs-geojson.h"
#include "cs-geojson-private.h"
#include "cs-geojson-reader.h"
#include "cs-json-number.h"

/* The GeoJSON reader (docs/FORMATS.md §2, §7 "Reading"). yajl delivers
 * events; we build a small value tree for one Feature (or one bare
 * geometry) at a time and turn it into annotations when it closes, so a
 * FeatureCollection of 100,000 polygons never exists as a DOM. The
 * elements of the top-level array, or of the top-level object's
 * "features" array, are the streamed units.
 *
 * All or nothing: annotations are collected aside and handed to the
 * result only when the whole file has been read. Pure functions, any
 * thread. The conversion of a closed value tree is in
 * cs-geojson-feature.c and cs-geojson-geometry.c. */

#define CHUNK_SIZE (64 * 1024)

/* About 1 GiB of value tree at most for one Feature: a 3,000,000-point
 * polygon needs 9,000,000 values. */
#define DEFAULT_MAX_VALUES (16 * 1000 * 1000)

static guint64 max_values = DEFAULT_MAX_VALUES;

void
_cs_geojson_set_max_values (guint64 value)
{
  max_values = value != 0 ? value : DEFAULT_MAX_VALUES;
}

void
_cs_geojson_value_free (gpointer data)
{
  Value *value = data;

  if (value == NULL)
    return;
  g_free (value->key);
  if (value->type == VALUE_STRING)
    g_free (value->v.string);
  else if (value->type == VALUE_ARRAY || value->type == VALUE_OBJECT)
    g_ptr_array_unref (value->v.items);
  g_free (value);
}

static guint
reader_line (Reader *self)
{
  gsize consumed;

  if (self->chunk == NULL)
    return self->line;
  consumed = MIN (yajl_get_bytes_consumed (self->handle), self->chunk_len);
  /* memchr, not a loop over every byte: this runs for every value. */
  while (self->counted < consumed)
    {
      const char *from = (const char *) self->chunk + self->counted;
      const char *newline = memchr (from, '\n', consumed - self->counted);

      if (newline == NULL)
        {
          self->counted = consumed;
          break;
        }
      self->line++;
      self->counted += (gsize) (newline - from) + 1;
    }
  return self->line;
}

void
_cs_geojson_reader_fail (Reader     *self,
                         int         code,
                         guint       line,
                         const char *format,
                         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  if (self->error != NULL)
    return;
  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&self->error, CS_ANNOTATION_ERROR, code, _("%s, line %u: %s"), self->name, line,
               detail);
}


/* ---- yajl callbacks ---------------------------------------------------- */

static Value *
value_new (Reader   *self,
           ValueType type)
{
  Value *value = g_new0 (Value, 1);

  value->type = type;
  value->line = reader_line (self);
  value->key = g_steal_pointer (&self->key);
  return value;
}

static int
finish_value (Reader *self,
              Value  *value)
{
  Value *parent;
  gboolean ok;
  guint before;

  if (++self->n_values > self->max_values)
    {
      _cs_geojson_reader_fail (self, CS_ANNOTATION_ERROR_TOO_LARGE, value->line,
                               _("a feature holds more than %" PRIu64 " values"),
                               self->max_values);
      _cs_geojson_value_free (value);
      return 0;
    }

  if (self->stack->len == 0)
    {
      self->root = value;
      self->done = TRUE;
      return 1;
    }
  parent = g_ptr_array_index (self->stack, self->stack->len - 1);
  if (!parent->stream)
    {
      /* Our header precedes "features": the features that follow are ours. */
      if (self->stack->len == 1 && value->type == VALUE_OBJECT &&
          g_strcmp0 (value->key, "consilium") == 0)
        self->keep_ids = TRUE;
      g_ptr_array_add (parent->v.items, value);
      return 1;
    }
  before = self->scratch->annotations->len;
  ok = _cs_geojson_convert_element (self, value);
  _cs_geojson_value_free (value);
  self->n_values = 0;
  if (!ok && self->lenient)
    {
      /* The whole Feature is left out, not a part of it. */
      g_ptr_array_set_size (self->scratch->annotations, before);
      self->n_skipped++;
      if (self->skipped == NULL)
        self->skipped = g_steal_pointer (&self->error);
      g_clear_error (&self->error);
      return 1;
    }
  return ok;
}

static int
on_null (void *data)
{
  return finish_value (data, value_new (data, VALUE_NULL));
}

static int
on_boolean (void *data,
            int   boolean)
{
  Value *value = value_new (data, VALUE_BOOL);

  value->v.boolean = boolean != 0;
  return finish_value (data, value);
}

static int
on_number (void       *data,
           const char *text,
           size_t      len)
{
  Reader *self = data;
  Value *value;

  value = value_new (self, VALUE_NUMBER);
  value->v.number = _cs_json_parse_double (text, len);
  if (!isfinite (value->v.number))
    {
      g_autofree char *copy = g_strndup (text, len);

      reader_fail (self, value->line, _("the number %s is out of range"), copy);
      _cs_geojson_value_free (value);
      return 0;
    }
  return finish_value (self, value);
}

static int
on_string (void                *data,
           const unsigned char *text,
           size_t               len)
{
  Value *value = value_new (data, VALUE_STRING);

  value->v.string = g_strndup ((const char *) text, len);
  return finish_value (data, value);
}

static int
on_map_key (void                *data,
            const unsigned char *text,
            size_t               len)
{
  Reader *self = data;

  g_free (self->key);
  self->key = g_strndup ((const char *) text, len);
  return 1;
}

static int
start_container (Reader   *self,
                 ValueType type)
{
  Value *value;

  if (self->stack->len >= MAX_DEPTH)
    {
      reader_fail (self, reader_line (self), _("nested more than %d levels deep"), MAX_DEPTH);
      return 0;
    }
  value = value_new (self, type);
  value->v.items = g_ptr_array_new_with_free_func (_cs_geojson_value_free);
  if (type == VALUE_ARRAY && self->stack->len == 0)
    value->stream = TRUE;
  if (type == VALUE_ARRAY && self->stack->len == 1 && g_strcmp0 (value->key, "features") == 0)
    value->stream = TRUE;
  g_ptr_array_add (self->stack, value);
  return 1;
}

static int
end_container (void *data)
{
  Reader *self = data;

  return finish_value (self, g_ptr_array_steal_index (self->stack, self->stack->len - 1));
}

static int
on_start_map (void *data)
{
  return start_container (data, VALUE_OBJECT);
}

static int
on_start_array (void *data)
{
  return start_container (data, VALUE_ARRAY);
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_null,
  .yajl_boolean = on_boolean,
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = end_container,
  .yajl_start_array = on_start_array,
  .yajl_end_array = end_container,
};

/* ---- Driving the parser ------------------------------------------------ */

static void
reader_init (Reader     *self,
             const char *name)
{
  memset (self, 0, sizeof *self);
  self->name = name;
  self->line = 1;
  self->max_values = max_values;
  self->max_coordinate = MAX_COORDINATE;
  self->handle = yajl_alloc (&callbacks, NULL, self);
  self->stack = g_ptr_array_new_with_free_func (_cs_geojson_value_free);
  self->scratch = cs_annotation_import_new (CS_ANNOTATION_FORMAT_GEOJSON);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
reader_clear (Reader *self)
{
  yajl_free (self->handle);
  g_ptr_array_unref (self->stack);
  g_free (self->key);
  _cs_geojson_value_free (self->root);
  cs_annotation_import_free (self->scratch);
  g_hash_table_unref (self->ids);
  g_clear_error (&self->error);
  g_clear_error (&self->skipped);
}

static void
set_yajl_error (Reader *self)
{
  unsigned char *message = yajl_get_error (self->handle, 0, NULL, 0);
  g_autofree char *text = g_strchomp (g_strdup ((const char *) message));

  yajl_free_error (self->handle, message);
  reader_fail (self, reader_line (self), _("not valid JSON (%s)"), text);
}

static gboolean
reader_feed (Reader       *self,
             const guchar *data,
             gsize         len)
{
  for (gsize i = 0; !self->content && i < len; i++)
    self->content = !g_ascii_isspace (data[i]);
  self->chunk = data;
  self->chunk_len = len;
  self->counted = 0;
  if (yajl_parse (self->handle, data, len) != yajl_status_ok)
    {
      set_yajl_error (self);
      return FALSE;
    }
  /* Count the rest of the chunk: a later error may come at its end. */
  self->counted = MIN (self->counted, len);
  for (; self->counted < len; self->counted++)
    if (data[self->counted] == '\n')
      self->line++;
  self->chunk = NULL;
  return TRUE;
}

static gboolean
reader_finish (Reader *self)
{
  if (!self->content)
    {
      reader_fail (self, self->line, _("the file holds no JSON value"));
      return FALSE;
    }
  if (yajl_complete_parse (self->handle) != yajl_status_ok)
    {
      set_yajl_error (self);
      return FALSE;
    }
  if (!self->done)
    {
      reader_fail (self, self->line, _("the file holds no JSON value"));
      return FALSE;
    }
  return self->root == NULL || _cs_geojson_convert_root (self, self->root);
}

static void
reader_move_to (Reader             *self,
                CsAnnotationImport *result)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < self->scratch->annotations->len; i++)
    g_ptr_array_add (result->annotations, g_object_ref (self->scratch->annotations->pdata[i]));
  g_hash_table_iter_init (&iter, self->scratch->class_colors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (result->class_colors, key))
      g_hash_table_insert (result->class_colors, g_strdup (key), value);
  for (guint i = 0; i < self->scratch->warnings->len; i++)
    cs_annotation_import_warn (result, "%s", (const char *) self->scratch->warnings->pdata[i]);
  result->format = CS_ANNOTATION_FORMAT_GEOJSON;
}

static gboolean
reader_fail_with (Reader  *self,
                  GError **error)
{
  g_assert (self->error != NULL);
  g_propagate_error (error, g_steal_pointer (&self->error));
  return FALSE;
}

/* Feeds the whole of @stream to @reader; FALSE with reader.error set. */
static gboolean
reader_read_stream (Reader       *reader,
                    GInputStream *stream,
                    GCancellable *cancellable)
{
  g_autofree guchar *buffer = g_malloc (CHUNK_SIZE);
  gboolean first = TRUE;
  gboolean ok = TRUE;

  while (ok)
    {
      gssize n = g_input_stream_read (stream, buffer, CHUNK_SIZE, cancellable, &reader->error);
      gsize skip = 0;

      if (n < 0)
        {
          g_prefix_error (&reader->error, "%s: ", reader->name);
          return FALSE;
        }
      if (n == 0)
        break;
      if (first && n >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
        skip = 3; /* a UTF-8 byte order mark */
      first = FALSE;
      ok = reader_feed (reader, buffer + skip, n - skip);
    }
  return ok && reader_finish (reader);
}

gboolean
cs_geojson_read (GInputStream       *stream,
                 const char         *name,
                 CsAnnotationImport *result,
                 GCancellable       *cancellable,
                 GError            **error)
{
  Reader reader;
  gboolean ok;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  reader_init (&reader, name != NULL ? name : "GeoJSON");
  ok = reader_read_stream (&reader, stream, cancellable);
  if (ok)
    reader_move_to (&reader, result);
  else
    reader_fail_with (&reader, error);
  reader_clear (&reader);
  return ok;
}

gboolean
_cs_geojson_read_own (GInputStream       *stream,
                      const char         *name,
                      CsAnnotationImport *result,
                      guint              *n_skipped,
                      GError            **damage)
{
  Reader reader;
  gboolean read_all;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  reader_init (&reader, name);
  reader.max_values = G_MAXUINT64;
  reader.max_coordinate = MAX_COORDINATE_OWN;
  reader.lenient = TRUE;
  reader.keep_ids = TRUE;
  read_all = reader_read_stream (&reader, stream, NULL);
  /* What came before a cut or a damaged byte is kept. */
  reader_move_to (&reader, result);
  *n_skipped = reader.n_skipped;
  if (!read_all)
    g_propagate_error (damage, g_steal_pointer (&reader.error));
  else if (reader.skipped != NULL)
    g_propagate_error (damage, g_steal_pointer (&reader.skipped));
  reader_clear (&reader);
  return read_all && *n_skipped == 0;
}

CsAnnotation *
cs_geojson_parse_feature (const char *json,
                          gsize       len,
                          GError    **error)
{
  Reader reader;
  CsAnnotation *annotation = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  reader_init (&reader, _("feature"));
  /* A journal line: written by us, read back whatever its size. */
  reader.max_values = G_MAXUINT64;
  reader.max_coordinate = MAX_COORDINATE_OWN;
  reader.keep_ids = TRUE;
  if (reader_feed (&reader, (const guchar *) json, len) && reader_finish (&reader))
    {
      if (reader.scratch->annotations->len > 0)
        annotation = g_object_ref (reader.scratch->annotations->pdata[0]);
      else
        reader_fail (&reader, 1, _("no annotation in the feature"));
    }
  if (annotation == NULL)
    reader_fail_with (&reader, error);
  reader_clear (&reader);
  return annotation;
}

/* ---- Times ------------------------------------------------------------- */

static gboolean
parse_digits (const char **p,
              guint        n,
              gint        *out)
{
  *out = 0;
  for (guint i = 0; i < n; i++, (*p)++)
    {
      if (!g_ascii_isdigit (**p))
        return FALSE;
      *out = *out * 10 + (**p - '0');
    }
  return TRUE;
}

/* "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" exactly (what we write), to the
 * microsecond; anything else through GDateTime's ISO 8601 parser. */
gboolean
_cs_geojson_parse_time (const char *str,
                        gint64     *usec)
{
  const char *p = str;
  gint year, month, day, hour, minute, second, fraction = 0;
  guint digits = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (parse_digits (&p, 4, &year) && *p++ == '-' && parse_digits (&p, 2, &month) &&
      *p++ == '-' && parse_digits (&p, 2, &day) && *p++ == 'T' &&
      parse_digits (&p, 2, &hour) && *p++ == ':' && parse_digits (&p, 2, &minute) &&
      *p++ == ':' && parse_digits (&p, 2, &second))
    {
      if (*p == '.')
        for (p++; g_ascii_isdigit (*p) && digits < 6; p++, digits++)
          fraction = fraction * 10 + (*p - '0');
      for (; digits > 0 && digits < 6; digits++)
        fraction *= 10;
      if (g_str_equal (p, "Z"))
        dt = g_date_time_new_utc (year, month, day, hour, minute, second);
      if (dt != NULL)
        {
          *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + fraction;
          return TRUE;
        }
    }
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

    g_clear_pointer (&dt, g_date_time_unref);
    dt = g_date_time_new_from_iso8601 (str, utc);
  }
  if (dt == NULL)
    return FALSE;
  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}
