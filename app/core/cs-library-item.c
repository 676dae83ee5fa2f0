/* cs-library-item.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-library"

#include "config.h"

#include <string.h>

#include "cs-library-private.h"

struct _CsLibraryItem
{
  GObject            parent_instance;

  char              *folder;
  char              *path;
  char              *display_name;
  CsLibraryItemData  data;
};

G_DEFINE_FINAL_TYPE (CsLibraryItem, cs_library_item, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_data (CsLibraryItemData *data)
{
  g_clear_pointer (&data->vendor, g_free);
  g_clear_pointer (&data->identity, g_free);
  g_clear_pointer (&data->stain, g_free);
  g_clear_pointer (&data->organ, g_free);
  g_clear_pointer (&data->tags, g_strfreev);
  g_clear_pointer (&data->case_text, g_free);
  g_clear_pointer (&data->thumbnail_path, g_free);
  g_clear_pointer (&data->error, g_free);
}

void
_cs_library_item_data_free (CsLibraryItemData *data)
{
  clear_data (data);
  g_free (data);
}

static void
cs_library_item_finalize (GObject *object)
{
  CsLibraryItem *self = CS_LIBRARY_ITEM (object);

  g_free (self->folder);
  g_free (self->path);
  g_free (self->display_name);
  clear_data (&self->data);

  G_OBJECT_CLASS (cs_library_item_parent_class)->finalize (object);
}

static void
cs_library_item_class_init (CsLibraryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_library_item_finalize;

  /**
   * CsLibraryItem::changed:
   *
   * The scan has filled the item in (READY or FAILED), or its tags changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_library_item_init (CsLibraryItem *self)
{
}

CsLibraryItem *
_cs_library_item_new (const char *folder,
                      const char *path)
{
  CsLibraryItem *self = g_object_new (CS_TYPE_LIBRARY_ITEM, NULL);

  self->folder = g_strdup (folder);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_basename (path);

  return self;
}

void
_cs_library_item_apply (CsLibraryItem     *self,
                        CsLibraryItemData *data)
{
  clear_data (&self->data);
  self->data = *data;
  memset (data, 0, sizeof *data);
  g_signal_emit (self, signals[CHANGED], 0);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
_cs_library_item_set_tags (CsLibraryItem      *self,
                           const char         *stain,
                           const char         *organ,
                           const char * const *tags)
{
  g_free (self->data.stain);
  g_free (self->data.organ);
  g_strfreev (self->data.tags);
  self->data.stain = dup_nonempty (stain);
  self->data.organ = dup_nonempty (organ);
  self->data.tags = g_strdupv ((char **) tags);
  g_signal_emit (self, signals[CHANGED], 0);
}

CsLibraryItemState
cs_library_item_get_state (CsLibraryItem *self)
{
  return self->data.state;
}

const char *
cs_library_item_get_path (CsLibraryItem *self)
{
  return self->path;
}

const char *
cs_library_item_get_folder (CsLibraryItem *self)
{
  return self->folder;
}

const char *
cs_library_item_get_display_name (CsLibraryItem *self)
{
  return self->display_name;
}

const char *
cs_library_item_get_vendor (CsLibraryItem *self)
{
  return self->data.vendor;
}

const char *
cs_library_item_get_identity (CsLibraryItem *self)
{
  return self->data.identity;
}

void
cs_library_item_get_size (CsLibraryItem *self,
                          gint64        *width,
                          gint64        *height)
{
  *width = self->data.width;
  *height = self->data.height;
}

double
cs_library_item_get_objective_power (CsLibraryItem *self)
{
  return self->data.objective_power;
}

guint
cs_library_item_get_n_annotations (CsLibraryItem *self)
{
  return self->data.n_annotations;
}

guint
cs_library_item_get_n_opinions (CsLibraryItem *self)
{
  return self->data.n_opinions;
}

const char *
cs_library_item_get_stain (CsLibraryItem *self)
{
  return self->data.stain;
}

const char *
cs_library_item_get_organ (CsLibraryItem *self)
{
  return self->data.organ;
}

const char * const *
cs_library_item_get_tags (CsLibraryItem *self)
{
  return (const char * const *) self->data.tags;
}

const char *
cs_library_item_get_case_text (CsLibraryItem *self)
{
  return self->data.case_text;
}

const char *
cs_library_item_get_thumbnail_path (CsLibraryItem *self)
{
  return self->data.thumbnail_path;
}

const char *
cs_library_item_get_error (CsLibraryItem *self)
{
  return self->data.error;
}
