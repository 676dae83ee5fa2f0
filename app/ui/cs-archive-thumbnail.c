/* cs-archive-thumbnail.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-archive-thumbnail"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-archive-thumbnail.h"

/* The instances of a series are read from its WADO-RS metadata (DICOM
 * JSON). An instance whose Image Type (0008,0008) names THUMBNAIL or
 * OVERVIEW is a picture of the whole slide in one frame; otherwise the
 * pyramid level (VOLUME, or no Image Type given) with the smallest Total
 * Pixel Matrix is put together
 * from its frames, each reduced into its place (Plane Position (Slide)
 * per frame, else TILED_FULL order: row by row). Frames are decoded
 * with GdkPixbuf's loaders (JPEG baseline, PNG); a series whose frames
 * they cannot decode (JPEG 2000) has no thumbnail. */

typedef struct
{
  JsonObject *object;
  const char *uid;
  guint       frames;
  guint       columns;        /* of a frame */
  guint       rows;
  guint       total_columns;  /* of the level */
  guint       total_rows;
  gboolean    whole;          /* THUMBNAIL or OVERVIEW */
  gboolean    volume;
} Instance;

static JsonArray *
tag_values (JsonObject *instance,
            const char *tag)
{
  JsonObject *element;

  if (!json_object_has_member (instance, tag) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (instance, tag)))
    return NULL;
  element = json_object_get_object_member (instance, tag);
  if (!json_object_has_member (element, "Value") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (element, "Value")))
    return NULL;

  return json_object_get_array_member (element, "Value");
}

static const char *
tag_string (JsonObject *instance,
            const char *tag,
            guint       index)
{
  JsonArray *values = tag_values (instance, tag);
  JsonNode *node;

  if (values == NULL || index >= json_array_get_length (values))
    return NULL;
  node = json_array_get_element (values, index);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* US and UL are numbers; IS (Number of Frames) may come as either. */
static guint
tag_uint (JsonObject *instance,
          const char *tag)
{
  JsonArray *values = tag_values (instance, tag);
  JsonNode *node;
  gint64 value;

  if (values == NULL || json_array_get_length (values) == 0)
    return 0;
  node = json_array_get_element (values, 0);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    value = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  else
    value = json_node_get_int (node);

  return value > 0 && value <= G_MAXUINT32 ? (guint) value : 0;
}

static gboolean
read_instance (JsonNode *node,
               Instance *instance)
{
  JsonObject *object;
  JsonArray *types;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  *instance = (Instance) {
    .object = object,
    .uid = tag_string (object, "00080018", 0),
    .frames = MAX (tag_uint (object, "00280008"), 1),
    .columns = tag_uint (object, "00280011"),
    .rows = tag_uint (object, "00280010"),
    .total_columns = tag_uint (object, "00480006"),
    .total_rows = tag_uint (object, "00480007"),
  };
  /* Servers may leave Image Type out of the metadata: an instance is then
   * a pyramid level. A LABEL, which may show patient details, is never
   * drawn. */
  instance->volume = TRUE;
  types = tag_values (object, "00080008");
  for (guint i = 0; types != NULL && i < json_array_get_length (types); i++)
    {
      const char *type = tag_string (object, "00080008", i);

      if (g_strcmp0 (type, "THUMBNAIL") == 0 || g_strcmp0 (type, "OVERVIEW") == 0)
        instance->whole = TRUE;
      if (g_strcmp0 (type, "LABEL") == 0)
        instance->volume = FALSE;
    }
  if (instance->whole)
    instance->volume = FALSE;
  if (instance->total_columns == 0)
    instance->total_columns = instance->columns;
  if (instance->total_rows == 0)
    instance->total_rows = instance->rows;

  return instance->uid != NULL && instance->columns > 0 && instance->rows > 0;
}

/* Where frame @index (0-based) of @instance goes, in pixels of its level:
 * from its Plane Position (Slide) in the Per-Frame Functional Groups
 * (0048,021E/021F, 1-based), which give the frames in any order; without
 * them, TILED_FULL order, row by row. */
static void
frame_position (const Instance *instance,
                guint           index,
                guint           across,
                double         *x,
                double         *y)
{
  JsonArray *frames = tag_values (instance->object, "52009230");
  JsonNode *frame = frames != NULL && index < json_array_get_length (frames)
                    ? json_array_get_element (frames, index) : NULL;

  *x = (double) (index % across) * instance->columns;
  *y = (double) (index / across) * instance->rows;
  if (frame != NULL && JSON_NODE_HOLDS_OBJECT (frame))
    {
      JsonArray *positions = tag_values (json_node_get_object (frame), "0048021A");
      JsonNode *position = positions != NULL && json_array_get_length (positions) > 0
                           ? json_array_get_element (positions, 0) : NULL;
      guint column;
      guint row;

      if (position == NULL || !JSON_NODE_HOLDS_OBJECT (position))
        return;
      column = tag_uint (json_node_get_object (position), "0048021E");
      row = tag_uint (json_node_get_object (position), "0048021F");
      if (column > 0 && row > 0)
        {
          *x = column - 1;
          *y = row - 1;
        }
    }
}

/* The instance to draw: a whole-slide picture, else the smallest level. */
static gboolean
choose_instance (JsonNode *metadata,
                 Instance *chosen)
{
  JsonArray *instances;
  gboolean found = FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (metadata))
    return FALSE;
  instances = json_node_get_array (metadata);
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      Instance instance;

      if (!read_instance (json_array_get_element (instances, i), &instance))
        continue;
      if (instance.whole && instance.frames == 1)
        {
          *chosen = instance;
          return TRUE;
        }
      if (instance.volume &&
          (!found || (guint64) instance.total_columns * instance.total_rows <
                     (guint64) chosen->total_columns * chosen->total_rows))
        {
          *chosen = instance;
          found = TRUE;
        }
    }

  return found;
}

static GdkPixbuf *
decode_frame (GBytes  *data,
              int      width,
              int      height,
              GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;

  /* -1: as stored */
  if (width > 0 && height > 0)
    gdk_pixbuf_loader_set_size (loader, width, height);
  if (!gdk_pixbuf_loader_write_bytes (loader, data, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _("A frame could not be decoded"));
      return NULL;
    }

  return g_object_ref (pixbuf);
}

static GBytes *
fetch_frame (CsDicomwebClient  *client,
             const char        *study_uid,
             const char        *series_uid,
             const Instance    *instance,
             guint              frame,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autofree char *syntax = NULL;

  return cs_dicomweb_client_get_frame (client, study_uid, series_uid, instance->uid, frame,
                                       &syntax, cancellable, error);
}

/* Draws the frames of @instance, scaled by @scale, into one picture: each
 * frame decoded whole and reduced into its place (bilinear reduction
 * averages over the frame's pixels). */
static GdkPixbuf *
assemble (CsDicomwebClient  *client,
          const char        *study_uid,
          const char        *series_uid,
          const Instance    *instance,
          double             scale,
          GCancellable      *cancellable,
          GError           **error)
{
  guint across = (instance->total_columns + instance->columns - 1) / instance->columns;
  guint down = (instance->total_rows + instance->rows - 1) / instance->rows;
  int width = MAX ((int) (instance->total_columns * scale + 0.5), 1);
  int height = MAX ((int) (instance->total_rows * scale + 0.5), 1);
  g_autoptr(GdkPixbuf) picture = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (picture, 0xffffffff);
  for (guint i = 0; i < MIN (instance->frames, across * down); i++)
    {
      g_autoptr(GBytes) data = fetch_frame (client, study_uid, series_uid, instance, i + 1,
                                            cancellable, error);
      g_autoptr(GdkPixbuf) tile = NULL;
      double x;
      double y;
      int x0;
      int y0;
      int x1;
      int y1;

      frame_position (instance, i, across, &x, &y);
      x *= scale;
      y *= scale;
      x0 = (int) x;
      y0 = (int) y;
      x1 = MIN ((int) ceil (x + instance->columns * scale), width);
      y1 = MIN ((int) ceil (y + instance->rows * scale), height);

      if (data == NULL || (tile = decode_frame (data, -1, -1, error)) == NULL)
        return NULL;
      if (x1 <= x0 || y1 <= y0)
        continue;
      gdk_pixbuf_scale (tile, picture, x0, y0, x1 - x0, y1 - y0, x, y,
                        (double) instance->columns * scale / gdk_pixbuf_get_width (tile),
                        (double) instance->rows * scale / gdk_pixbuf_get_height (tile),
                        GDK_INTERP_BILINEAR);
    }

  return g_steal_pointer (&picture);
}

GdkPixbuf *
cs_archive_thumbnail_fetch (CsDicomwebClient  *client,
                            const char        *study_uid,
                            const char        *series_uid,
                            int                size,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(JsonNode) metadata = NULL;
  Instance instance;
  double scale;

  g_return_val_if_fail (CS_IS_DICOMWEB_CLIENT (client), NULL);
  g_return_val_if_fail (size > 0, NULL);

  metadata = cs_dicomweb_client_get_series_metadata (client, study_uid, series_uid,
                                                     cancellable, error);
  if (metadata == NULL)
    return NULL;
  if (!choose_instance (metadata, &instance))
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_UNSUPPORTED,
                   _("%s: the series has no image to show"), cs_dicomweb_client_get_name (client));
      return NULL;
    }
  scale = MIN (1.0, (double) size / MAX (instance.total_columns, instance.total_rows));
  if (instance.whole)
    {
      g_autoptr(GBytes) data = fetch_frame (client, study_uid, series_uid, &instance, 1,
                                            cancellable, error);

      return data != NULL ? decode_frame (data, MAX ((int) (instance.columns * scale), 1),
                                          MAX ((int) (instance.rows * scale), 1), error)
                          : NULL;
    }
  if (instance.frames > CS_ARCHIVE_THUMBNAIL_MAX_FRAMES)
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_UNSUPPORTED,
                   _("%s: the series has no thumbnail and its smallest level is too large to draw one"),
                   cs_dicomweb_client_get_name (client));
      return NULL;
    }

  return assemble (client, study_uid, series_uid, &instance, scale, cancellable, error);
}
