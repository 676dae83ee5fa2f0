/* cs-class-table.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-class-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-class-table.h"
#include "cs-utils.h"

struct _CsClassItem
{
  GObject  parent_instance;

  char    *name;
  guint32  color;
  gboolean visible;
};

G_DEFINE_FINAL_TYPE (CsClassItem, cs_class_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cs_class_item_finalize (GObject *object)
{
  g_free (CS_CLASS_ITEM (object)->name);

  G_OBJECT_CLASS (cs_class_item_parent_class)->finalize (object);
}

static void
cs_class_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CsClassItem *self = CS_CLASS_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOR:
      g_value_set_uint (value, self->color);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_class_item_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CsClassItem *self = CS_CLASS_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      cs_class_item_set_name (self, g_value_get_string (value));
      break;
    case PROP_COLOR:
      cs_class_item_set_color (self, g_value_get_uint (value));
      break;
    case PROP_VISIBLE:
      cs_class_item_set_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_class_item_class_init (CsClassItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_class_item_finalize;
  object_class->get_property = cs_class_item_get_property;
  object_class->set_property = cs_class_item_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_uint ("color", NULL, NULL, 0, 0xFFFFFF, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_class_item_init (CsClassItem *self)
{
  self->visible = TRUE;
}

CsClassItem *
cs_class_item_new (const char *name,
                         guint32     rgb)
{
  return g_object_new (CS_TYPE_CLASS_ITEM, "name", name, "color", rgb & 0xFFFFFF, NULL);
}

const char *
cs_class_item_get_name (CsClassItem *self)
{
  return self->name;
}

void
cs_class_item_set_name (CsClassItem *self,
                              const char        *name)
{
  g_autofree char *clean = g_strdup (name);

  /* One line, no tabs: names are stored as lines of tab-separated fields. */
  if (clean != NULL)
    g_strdelimit (clean, "\t\r\n", ' ');
  if (cs_set_str (&self->name, clean))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

guint32
cs_class_item_get_color (CsClassItem *self)
{
  return self->color;
}

void
cs_class_item_set_color (CsClassItem *self,
                               guint32            rgb)
{
  rgb &= 0xFFFFFF;
  if (self->color == rgb)
    return;
  self->color = rgb;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

gboolean
cs_class_item_get_visible (CsClassItem *self)
{
  return self->visible;
}

void
cs_class_item_set_visible (CsClassItem *self,
                                 gboolean           visible)
{
  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

/* The class table: a GListStore and a name index, "changed" on any edit. */
struct _CsClassTable
{
  GObject     parent_instance;

  GListStore *store;
  GHashTable *by_name; /* name (owned) -> CsClassItem* (borrowed) */
  GHashTable *former;  /* name (owned) -> colour of a class renamed or removed */
};

static void classes_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsClassTable, cs_class_table, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, classes_model_init))

static guint classes_changed_signal;
static guint classes_renamed_signal;

static GType
classes_get_item_type (GListModel *model)
{
  return CS_TYPE_CLASS_ITEM;
}

static guint
classes_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CS_CLASS_TABLE (model)->store));
}

static gpointer
classes_get_item (GListModel *model,
                  guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CS_CLASS_TABLE (model)->store), position);
}

static void
classes_model_init (GListModelInterface *iface)
{
  iface->get_item_type = classes_get_item_type;
  iface->get_n_items = classes_get_n_items;
  iface->get_item = classes_get_item;
}

static void
rebuild_names (CsClassTable *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  g_hash_table_remove_all (self->by_name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsClassItem) klass = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (klass->name != NULL && !g_hash_table_contains (self->by_name, klass->name))
        g_hash_table_insert (self->by_name, g_strdup (klass->name), klass);
    }
}

/* The name @klass was listed under before a rename, if any. */
static char *
steal_old_name (CsClassTable *self,
                CsClassItem  *klass)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->by_name);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value == klass && g_strcmp0 (key, klass->name) != 0)
      return g_strdup (key);
  return NULL;
}

static void
on_class_notify (CsClassTable *self,
                 GParamSpec   *pspec,
                 CsClassItem  *klass)
{
  g_autofree char *old_name = NULL;

  if (g_str_equal (pspec->name, "name"))
    old_name = steal_old_name (self, klass);
  rebuild_names (self);
  if (old_name != NULL)
    {
      g_hash_table_insert (self->former, g_strdup (old_name), GUINT_TO_POINTER (klass->color));
      g_hash_table_remove (self->former, klass->name);
      g_signal_emit (self, classes_renamed_signal, 0, old_name, klass->name);
    }
  g_signal_emit (self, classes_changed_signal, 0);
}

static void
on_items_changed (GListModel          *store,
                  guint                position,
                  guint                removed,
                  guint                added,
                  CsClassTable *self)
{
  rebuild_names (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  g_signal_emit (self, classes_changed_signal, 0);
}

static void
cs_class_table_dispose (GObject *object)
{
  CsClassTable *self = CS_CLASS_TABLE (object);
  guint n = self->store != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsClassItem) klass = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      g_signal_handlers_disconnect_by_data (klass, self);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->former, g_hash_table_unref);

  G_OBJECT_CLASS (cs_class_table_parent_class)->dispose (object);
}

static void
cs_class_table_class_init (CsClassTableClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cs_class_table_dispose;

  classes_changed_signal =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  classes_renamed_signal =
    g_signal_new ("renamed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
cs_class_table_init (CsClassTable *self)
{
  self->store = g_list_store_new (CS_TYPE_CLASS_ITEM);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->former = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (self->store, "items-changed", G_CALLBACK (on_items_changed), self);
}

CsClassTable *
cs_class_table_new (void)
{
  return g_object_new (CS_TYPE_CLASS_TABLE, NULL);
}

/* Stored untranslated: class names travel in files between institutions
 * and must match there (as QuPath's do); only shown translated. */
static const struct
{
  const char *name;
  guint32     rgb;
} default_classes[] = {
  /* Translators: a built-in annotation class (tissue type), shown in
   * lists and reports; files keep the English name */
  { NC_ ("annotation class", "Tumour"), 0xC80000 },
  { NC_ ("annotation class", "Stroma"), 0x96C896 },
  { NC_ ("annotation class", "Necrosis"), 0x323232 },
  { NC_ ("annotation class", "Immune cells"), 0xA05AA0 },
  { NC_ ("annotation class", "Other"), 0xFFC800 },
};

CsClassTable *
cs_class_table_new_default (void)
{
  CsClassTable *self = cs_class_table_new ();

  for (guint i = 0; i < G_N_ELEMENTS (default_classes); i++)
    cs_class_table_ensure (self, default_classes[i].name, default_classes[i].rgb);
  return self;
}

const char *
cs_class_name_get_display (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (default_classes); i++)
    if (g_str_equal (name, default_classes[i].name))
      return g_dpgettext2 (GETTEXT_PACKAGE, "annotation class", name);
  return name;
}

CsClassItem *
cs_class_table_lookup (CsClassTable *self,
                              const char          *name)
{
  g_return_val_if_fail (CS_IS_CLASS_TABLE (self), NULL);

  return name != NULL ? g_hash_table_lookup (self->by_name, name) : NULL;
}

CsClassItem *
cs_class_table_ensure (CsClassTable *self,
                              const char          *name,
                              guint32              rgb)
{
  g_autoptr(CsClassItem) klass = NULL;
  CsClassItem *found = cs_class_table_lookup (self, name);

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  if (found != NULL)
    return found;
  klass = cs_class_item_new (name, rgb);
  g_signal_connect_swapped (klass, "notify", G_CALLBACK (on_class_notify), self);
  g_list_store_append (self->store, klass);
  return klass;
}

void
cs_class_table_remove (CsClassTable *self,
                              CsClassItem   *klass)
{
  guint position;

  g_return_if_fail (CS_IS_CLASS_TABLE (self));

  if (!g_list_store_find (self->store, klass, &position))
    return;
  g_hash_table_insert (self->former, g_strdup (klass->name), GUINT_TO_POINTER (klass->color));
  g_signal_handlers_disconnect_by_data (klass, self);
  g_list_store_remove (self->store, position);
}

/* Colours for names the table never had, by a hash of the name so that a
 * name keeps its colour between runs. */
static const guint32 fallback_colors[] = {
  0x0064C8, 0x00A0A0, 0xE07000, 0x80C000, 0xC00080, 0x6040C0,
};

CsClassItem *
cs_class_table_ensure_known (CsClassTable *self,
                             const char   *name,
                             guint32       rgb)
{
  gpointer former;

  g_return_val_if_fail (CS_IS_CLASS_TABLE (self), NULL);

  if (name == NULL || *name == '\0')
    return NULL;
  if (cs_class_table_lookup (self, name) != NULL)
    return cs_class_table_lookup (self, name);
  if (g_hash_table_lookup_extended (self->former, name, NULL, &former))
    rgb = GPOINTER_TO_UINT (former);
  else if (rgb == CS_COLOR_UNSET)
    rgb = fallback_colors[g_str_hash (name) % G_N_ELEMENTS (fallback_colors)];
  return cs_class_table_ensure (self, name, rgb);
}

guint32
cs_class_table_resolve_color (CsClassTable *self,
                                     CsAnnotation        *annotation)
{
  CsClassItem *klass;

  if (cs_annotation_get_color (annotation) != CS_COLOR_UNSET)
    return cs_annotation_get_color (annotation);
  klass = self != NULL ? cs_class_table_lookup (self, cs_annotation_get_class_name (annotation)) : NULL;
  return klass != NULL ? klass->color : CS_UNCLASSIFIED_COLOR;
}

gboolean
cs_class_table_is_visible (CsClassTable *self,
                                  CsAnnotation        *annotation)
{
  CsClassItem *klass;

  klass = self != NULL ? cs_class_table_lookup (self, cs_annotation_get_class_name (annotation)) : NULL;
  return klass == NULL || klass->visible;
}

char *
cs_class_table_serialize (CsClassTable *self)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsClassItem) klass = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      g_string_append_printf (out, "%s\t#%06x\t%s\n", klass->name, klass->color,
                              klass->visible ? "visible" : "hidden");
    }
  return g_string_free (out, FALSE);
}

/* Replaces the classes with those of @text; FALSE (and no change) when a
 * line is malformed. */
gboolean
cs_class_table_deserialize (CsClassTable *self,
                                   const char          *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      CsClassItem *klass;
      char *end;
      guint64 rgb;

      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      if (g_strv_length (fields) != 3 || *fields[0] == '\0' || fields[1][0] != '#')
        return FALSE;
      rgb = g_ascii_strtoull (fields[1] + 1, &end, 16);
      if (*end != '\0' || end - fields[1] != 7 || rgb > 0xFFFFFF)
        return FALSE;
      klass = cs_class_item_new (fields[0], (guint32) rgb);
      klass->visible = g_strcmp0 (fields[2], "hidden") != 0;
      g_ptr_array_add (parsed, klass);
    }

  for (guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store)); n > 0; n--)
    {
      g_autoptr(CsClassItem) klass = g_list_model_get_item (G_LIST_MODEL (self->store), n - 1);

      g_signal_handlers_disconnect_by_data (klass, self);
    }
  for (guint i = 0; i < parsed->len; i++)
    g_signal_connect_swapped (parsed->pdata[i], "notify", G_CALLBACK (on_class_notify), self);
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       parsed->pdata, parsed->len);
  return TRUE;
}
