/* cs-annotation.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-annotation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-annotation.h"
#include "cs-utils.h"

/* One marked region. Plain fields and no properties: a slide may hold a
 * million of these, and a listed annotation never changes (it is frozen),
 * so nothing would ever be notified. */
struct _CsAnnotation
{
  GObject        parent_instance;

  char          *id;
  CsShape        shape;
  CsGeometry    *geometry;
  CsShapeParams  params;
  gboolean       has_params;
  const char    *class_name; /* interned */
  guint32        color;
  char          *name;
  char          *comment;
  const char    *author; /* interned */
  const char    *institution; /* interned */
  gint64         created;
  gint64         modified;
  GHashTable    *extra;
  guint          locked : 1;
  guint          hidden : 1;
  guint          temporary : 1;
  guint          frozen : 1;
};

G_DEFINE_FINAL_TYPE (CsAnnotation, cs_annotation, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CsShape, cs_shape,
                    G_DEFINE_ENUM_VALUE (CS_SHAPE_RECTANGLE, "rectangle"),
                    G_DEFINE_ENUM_VALUE (CS_SHAPE_ELLIPSE, "ellipse"),
                    G_DEFINE_ENUM_VALUE (CS_SHAPE_POLYGON, "polygon"),
                    G_DEFINE_ENUM_VALUE (CS_SHAPE_FREEHAND, "freehand"),
                    G_DEFINE_ENUM_VALUE (CS_SHAPE_POINTS, "points"),
                    G_DEFINE_ENUM_VALUE (CS_SHAPE_LINE, "line"),
                    G_DEFINE_ENUM_VALUE (CS_SHAPE_ARROW, "arrow"),
                    G_DEFINE_ENUM_VALUE (CS_SHAPE_TEXT, "text"))

const char *
cs_shape_to_string (CsShape shape)
{
  GEnumClass *klass = g_type_class_ref (CS_TYPE_SHAPE);
  GEnumValue *value = g_enum_get_value (klass, shape);

  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : NULL;
}

gboolean
cs_shape_from_string (const char *str,
                      CsShape    *shape)
{
  GEnumClass *klass;
  GEnumValue *value;

  if (str == NULL)
    return FALSE;
  klass = g_type_class_ref (CS_TYPE_SHAPE);
  value = g_enum_get_value_by_nick (klass, str);
  g_type_class_unref (klass);
  if (value == NULL)
    return FALSE;
  *shape = value->value;
  return TRUE;
}

gboolean
cs_shape_is_area (CsShape shape)
{
  switch (shape)
    {
    case CS_SHAPE_RECTANGLE:
    case CS_SHAPE_ELLIPSE:
    case CS_SHAPE_POLYGON:
    case CS_SHAPE_FREEHAND:
      return TRUE;
    case CS_SHAPE_POINTS:
    case CS_SHAPE_LINE:
    case CS_SHAPE_ARROW:
    case CS_SHAPE_TEXT:
    default:
      return FALSE;
    }
}

const char *
cs_shape_get_label (CsShape shape)
{
  switch (shape)
    {
    case CS_SHAPE_RECTANGLE:
      return _("Rectangle");
    case CS_SHAPE_ELLIPSE:
      return _("Ellipse");
    case CS_SHAPE_POLYGON:
      return _("Polygon");
    case CS_SHAPE_FREEHAND:
      return _("Freehand");
    case CS_SHAPE_POINTS:
      return _("Points");
    case CS_SHAPE_LINE:
      return _("Line");
    case CS_SHAPE_ARROW:
      return _("Arrow");
    case CS_SHAPE_TEXT:
      return _("Text note");
    default:
      return _("Shape");
    }
}

static void
cs_annotation_finalize (GObject *object)
{
  CsAnnotation *self = (CsAnnotation *) object;

  g_free (self->id);
  g_clear_pointer (&self->geometry, cs_geometry_unref);
  g_free (self->name);
  g_free (self->comment);
  g_clear_pointer (&self->extra, g_hash_table_unref);

  G_OBJECT_CLASS (cs_annotation_parent_class)->finalize (object);
}

static void
cs_annotation_class_init (CsAnnotationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_annotation_finalize;
}

static void
cs_annotation_init (CsAnnotation *self)
{
  self->color = CS_COLOR_UNSET;
}

/* A random (version 4) UUID, lower-case, as g_uuid_string_random() makes
 * one, without its printf: a file of 100,000 annotations makes as many. */
static char *
random_uuid (void)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *text = g_malloc (37), *p = text;

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      for (guint k = 0; k < 4; k++)
        bytes[i + k] = (guint8) (r >> (8 * k));
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0xf];
    }
  *p = '\0';
  return text;
}

CsAnnotation *
cs_annotation_new (CsShape     shape,
                   CsGeometry *geometry)
{
  CsAnnotation *self = g_object_new (CS_TYPE_ANNOTATION, NULL);

  g_return_val_if_fail (geometry != NULL, self);

  self->id = random_uuid ();
  self->shape = shape;
  self->geometry = cs_geometry_ref (geometry);
  self->created = self->modified = g_get_real_time ();
  return self;
}

static CsGeometry *
params_to_geometry (CsShape              shape,
                    const CsShapeParams *p)
{
  if (shape == CS_SHAPE_ELLIPSE)
    return cs_geometry_new_ellipse (p->cx, p->cy, p->width, p->height, p->rotation);
  return cs_geometry_new_rotated_rectangle (p->cx, p->cy, p->width, p->height, p->rotation);
}

CsAnnotation *
cs_annotation_new_with_params (CsShape              shape,
                               const CsShapeParams *params)
{
  g_autoptr(CsGeometry) geometry = params_to_geometry (shape, params);
  CsAnnotation *self = cs_annotation_new (shape, geometry);

  self->params = *params;
  self->has_params = TRUE;
  return self;
}

static GHashTable *
copy_extra (GHashTable *extra)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (extra == NULL)
    return NULL;
  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, extra);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

CsAnnotation *
cs_annotation_copy (CsAnnotation *self)
{
  CsAnnotation *copy;

  g_return_val_if_fail (CS_IS_ANNOTATION (self), NULL);

  copy = g_object_new (CS_TYPE_ANNOTATION, NULL);
  copy->id = g_strdup (self->id);
  copy->shape = self->shape;
  copy->geometry = cs_geometry_ref (self->geometry);
  copy->params = self->params;
  copy->has_params = self->has_params;
  copy->class_name = self->class_name;
  copy->color = self->color;
  copy->name = g_strdup (self->name);
  copy->comment = g_strdup (self->comment);
  copy->author = self->author;
  copy->institution = self->institution;
  copy->created = self->created;
  copy->modified = self->modified;
  copy->extra = copy_extra (self->extra);
  copy->locked = self->locked;
  copy->hidden = self->hidden;
  copy->temporary = self->temporary;
  return copy;
}

CsAnnotation *
cs_annotation_duplicate (CsAnnotation *self)
{
  CsAnnotation *copy = cs_annotation_copy (self);

  g_free (copy->id);
  copy->id = random_uuid ();
  copy->created = copy->modified = g_get_real_time ();
  copy->locked = FALSE;
  return copy;
}

#define RETURN_IF_FROZEN(self) \
  G_STMT_START { \
    g_return_if_fail (CS_IS_ANNOTATION (self)); \
    g_return_if_fail (!(self)->frozen); \
  } G_STMT_END

const char *
cs_annotation_get_id (CsAnnotation *self)
{
  return self->id;
}

void
cs_annotation_set_id (CsAnnotation *self,
                      const char   *id)
{
  RETURN_IF_FROZEN (self);
  g_return_if_fail (id != NULL && *id != '\0');

  cs_set_str (&self->id, id);
}

CsShape
cs_annotation_get_shape (CsAnnotation *self)
{
  return self->shape;
}

void
cs_annotation_set_shape (CsAnnotation *self,
                         CsShape       shape)
{
  RETURN_IF_FROZEN (self);

  self->shape = shape;
  if (shape != CS_SHAPE_RECTANGLE && shape != CS_SHAPE_ELLIPSE)
    self->has_params = FALSE;
}

CsGeometry *
cs_annotation_get_geometry (CsAnnotation *self)
{
  return self->geometry;
}

/* New points drop the exact parameters: the shape is no longer the
 * rectangle or ellipse they describe (an edited vertex, a merge). */
void
cs_annotation_set_geometry (CsAnnotation *self,
                            CsGeometry   *geometry)
{
  RETURN_IF_FROZEN (self);
  g_return_if_fail (geometry != NULL);

  cs_geometry_ref (geometry);
  g_clear_pointer (&self->geometry, cs_geometry_unref);
  self->geometry = geometry;
  self->has_params = FALSE;
}

const CsShapeParams *
cs_annotation_get_params (CsAnnotation *self)
{
  return self->has_params ? &self->params : NULL;
}

void
cs_annotation_set_params (CsAnnotation        *self,
                          const CsShapeParams *params)
{
  g_autoptr(CsGeometry) geometry = NULL;

  RETURN_IF_FROZEN (self);
  g_return_if_fail (self->shape == CS_SHAPE_RECTANGLE || self->shape == CS_SHAPE_ELLIPSE);

  geometry = params_to_geometry (self->shape, params);
  cs_annotation_set_geometry (self, geometry);
  self->params = *params;
  self->has_params = TRUE;
}

void
cs_annotation_get_bounds (CsAnnotation *self,
                          CsRect       *bounds)
{
  cs_geometry_get_bounds (self->geometry, bounds);
}

/* Class names, authors and institutions come from a short vocabulary
 * repeated over thousands of annotations: one interned copy each. */
static void
set_interned (const char **field,
              const char  *value)
{
  *field = g_intern_string (value);
}

#define STRING_ACCESSORS(field, assign) \
  const char * \
  cs_annotation_get_##field (CsAnnotation *self) \
  { \
    return self->field; \
  } \
  void \
  cs_annotation_set_##field (CsAnnotation *self, \
                             const char   *value) \
  { \
    RETURN_IF_FROZEN (self); \
    assign (&self->field, value != NULL && *value != '\0' ? value : NULL); \
  }

STRING_ACCESSORS (class_name, set_interned)
STRING_ACCESSORS (name, cs_set_str)
STRING_ACCESSORS (comment, cs_set_str)
STRING_ACCESSORS (author, set_interned)
STRING_ACCESSORS (institution, set_interned)

guint32
cs_annotation_get_color (CsAnnotation *self)
{
  return self->color;
}

void
cs_annotation_set_color (CsAnnotation *self,
                         guint32       rgb)
{
  RETURN_IF_FROZEN (self);

  self->color = rgb == CS_COLOR_UNSET ? rgb : (rgb & 0xFFFFFF);
}

gint64
cs_annotation_get_created (CsAnnotation *self)
{
  return self->created;
}

void
cs_annotation_set_created (CsAnnotation *self,
                           gint64        usec)
{
  RETURN_IF_FROZEN (self);
  self->created = usec;
}

gint64
cs_annotation_get_modified (CsAnnotation *self)
{
  return self->modified;
}

void
cs_annotation_set_modified (CsAnnotation *self,
                            gint64        usec)
{
  RETURN_IF_FROZEN (self);
  self->modified = usec;
}

void
cs_annotation_touch (CsAnnotation *self)
{
  cs_annotation_set_modified (self, g_get_real_time ());
}

#define FLAG_ACCESSORS(field) \
  gboolean \
  cs_annotation_get_##field (CsAnnotation *self) \
  { \
    return self->field; \
  } \
  void \
  cs_annotation_set_##field (CsAnnotation *self, \
                             gboolean      value) \
  { \
    RETURN_IF_FROZEN (self); \
    self->field = !!value; \
  }

FLAG_ACCESSORS (locked)
FLAG_ACCESSORS (hidden)
FLAG_ACCESSORS (temporary)

GHashTable *
cs_annotation_get_extra (CsAnnotation *self)
{
  return self->extra;
}

void
cs_annotation_set_extra (CsAnnotation *self,
                         const char   *key,
                         const char   *value)
{
  RETURN_IF_FROZEN (self);
  g_return_if_fail (key != NULL);

  if (value == NULL)
    {
      if (self->extra != NULL)
        g_hash_table_remove (self->extra, key);
      return;
    }
  if (self->extra == NULL)
    self->extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->extra, g_strdup (key), g_strdup (value));
}

gboolean
cs_annotation_is_frozen (CsAnnotation *self)
{
  return self->frozen;
}

void
cs_annotation_freeze (CsAnnotation *self)
{
  self->frozen = TRUE;
}

static gboolean
extra_equal (GHashTable *a,
             GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;
  guint na = a != NULL ? g_hash_table_size (a) : 0;
  guint nb = b != NULL ? g_hash_table_size (b) : 0;

  if (na != nb)
    return FALSE;
  if (na == 0)
    return TRUE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
params_equal (CsAnnotation *a,
              CsAnnotation *b)
{
  if (a->has_params != b->has_params)
    return FALSE;
  return !a->has_params || memcmp (&a->params, &b->params, sizeof a->params) == 0;
}

gboolean
cs_annotation_equal (CsAnnotation *a,
                     CsAnnotation *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && a->shape == b->shape &&
         cs_geometry_equal (a->geometry, b->geometry) && params_equal (a, b) &&
         g_strcmp0 (a->class_name, b->class_name) == 0 && a->color == b->color &&
         g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->comment, b->comment) == 0 &&
         g_strcmp0 (a->author, b->author) == 0 &&
         g_strcmp0 (a->institution, b->institution) == 0 &&
         a->created == b->created && a->modified == b->modified &&
         a->locked == b->locked && a->hidden == b->hidden &&
         a->temporary == b->temporary && extra_equal (a->extra, b->extra);
}

gboolean
cs_annotation_hit_test (CsAnnotation *self,
                        double        x,
                        double        y,
                        double        tolerance)
{
  CsRect bounds;
  gboolean area = cs_shape_is_area (self->shape);

  cs_geometry_get_bounds (self->geometry, &bounds);
  if (x < bounds.x - tolerance || x > bounds.x + bounds.width + tolerance ||
      y < bounds.y - tolerance || y > bounds.y + bounds.height + tolerance)
    return FALSE;
  if (area && cs_geometry_contains (self->geometry, x, y))
    return TRUE;
  if (self->shape == CS_SHAPE_POINTS)
    return cs_geometry_distance_to_points (self->geometry, x, y) <= tolerance;
  return cs_geometry_distance_to_outline (self->geometry, x, y, area) <= tolerance;
}
