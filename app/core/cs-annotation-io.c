/* cs-annotation-io.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation-io"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-annotation-io.h"

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

CsAnnotationImport *
cs_annotation_import_new (CsAnnotationFormat format)
{
  CsAnnotationImport *self = g_new0 (CsAnnotationImport, 1);

  self->format = format;
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  self->class_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
cs_annotation_import_free (CsAnnotationImport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->annotations);
  g_hash_table_unref (self->class_colors);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

/* Each distinct warning once: a file of 10,000 splines gets one line. */
void
cs_annotation_import_warn (CsAnnotationImport *self,
                           const char         *format,
                           ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  for (guint i = 0; i < self->warnings->len; i++)
    if (g_str_equal (self->warnings->pdata[i], message))
      {
        g_free (message);
        return;
      }
  g_ptr_array_add (self->warnings, message);
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
