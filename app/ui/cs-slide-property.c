/* cs-slide-property.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-slide-property"

#include "config.h"

#include "cs-slide-property.h"

#include <string.h>

struct _CsSlideProperty
{
  GObject  parent_instance;

  char    *name;
  char    *value;
  char    *folded;   /* name and value, case-folded, for searching */
};

G_DEFINE_FINAL_TYPE (CsSlideProperty, cs_slide_property, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cs_slide_property_finalize (GObject *object)
{
  CsSlideProperty *self = CS_SLIDE_PROPERTY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->folded, g_free);

  G_OBJECT_CLASS (cs_slide_property_parent_class)->finalize (object);
}

static void
cs_slide_property_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CsSlideProperty *self = CS_SLIDE_PROPERTY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_slide_property_class_init (CsSlidePropertyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_slide_property_finalize;
  object_class->get_property = cs_slide_property_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_slide_property_init (CsSlideProperty *self)
{
}

CsSlideProperty *
cs_slide_property_new (const char *name,
                       const char *value)
{
  CsSlideProperty *self;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CS_TYPE_SLIDE_PROPERTY, NULL);
  self->name = g_strdup (name);
  self->value = g_strdup (value ? value : "");
  joined = g_strconcat (self->name, "\n", self->value, NULL);
  self->folded = g_utf8_casefold (joined, -1);

  return self;
}

const char *
cs_slide_property_get_name (CsSlideProperty *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PROPERTY (self), NULL);

  return self->name;
}

const char *
cs_slide_property_get_value (CsSlideProperty *self)
{
  g_return_val_if_fail (CS_IS_SLIDE_PROPERTY (self), NULL);

  return self->value;
}

/**
 * cs_slide_property_matches:
 * @folded_text: search text, case-folded with g_utf8_casefold ()
 *
 * Returns: whether the name or the value contains @folded_text, in any case
 */
gboolean
cs_slide_property_matches (CsSlideProperty *self,
                           const char      *folded_text)
{
  g_return_val_if_fail (CS_IS_SLIDE_PROPERTY (self), FALSE);

  return folded_text == NULL || strstr (self->folded, folded_text) != NULL;
}

/**
 * cs_slide_property_to_string:
 *
 * Returns: (transfer full): "name = value" on one line, as "Copy All"
 *   copies it: line breaks in the value (Aperio descriptions have them)
 *   are written as "\n"
 */
char *
cs_slide_property_to_string (CsSlideProperty *self)
{
  GString *line;

  g_return_val_if_fail (CS_IS_SLIDE_PROPERTY (self), NULL);

  line = g_string_new (self->name);
  g_string_append (line, " = ");
  for (const char *p = self->value; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (line, "\\n");
      else if (*p != '\r')
        g_string_append_c (line, *p);
    }

  return g_string_free (line, FALSE);
}
