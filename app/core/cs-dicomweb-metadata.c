/* cs-dicomweb-metadata.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb-slide"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-dicomweb-slide-private.h"
#include "cs-slide.h"

/* One instance of a WSI series in the DICOM JSON model (PS3.18 F.2): each
 * attribute is "GGGGEEEE": { "vr": …, "Value": [ … ] }; numbers of VR IS
 * and DS may come as JSON numbers or as strings, depending on the server.
 * Only what the pyramid needs is read; a missing or senseless required
 * attribute is an error naming the instance and the attribute. */

#define TAG_IMAGE_TYPE         "00080008"
#define TAG_SOP_INSTANCE_UID   "00080018"
#define TAG_DIMENSION_ORG_TYPE "00209311"
#define TAG_SAMPLES_PER_PIXEL  "00280002"
#define TAG_PHOTOMETRIC        "00280004"
#define TAG_NUMBER_OF_FRAMES   "00280008"
#define TAG_ROWS               "00280010"
#define TAG_COLUMNS            "00280011"
#define TAG_BITS_ALLOCATED     "00280100"
#define TAG_TOTAL_COLUMNS      "00480006"
#define TAG_TOTAL_ROWS         "00480007"
#define TAG_PLANE_POSITION     "0048021A"
#define TAG_COLUMN_POSITION    "0048021E"
#define TAG_ROW_POSITION       "0048021F"
#define TAG_PER_FRAME_GROUPS   "52009230"

/* Largest frame decoded: 4096 × 4096 (CS_JPEG_MAX_WIDTH). Most tiles in
 * one instance: 2^24 (a 4-gigapixel level in 16-pixel tiles), so that a
 * server's nonsense cannot make the frame map huge. */
#define MAX_FRAME_SIDE 4096
#define MAX_TILES      (G_GINT64_CONSTANT (1) << 24)

static JsonArray *
get_values (JsonObject *object,
            const char *tag)
{
  JsonNode *element = json_object_get_member (object, tag);
  JsonNode *value;

  if (element == NULL || !JSON_NODE_HOLDS_OBJECT (element))
    return NULL;
  value = json_object_get_member (json_node_get_object (element), "Value");
  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return NULL;

  return json_node_get_array (value);
}

static JsonNode *
get_value (JsonObject *object,
           const char *tag,
           guint       index)
{
  JsonArray *values = get_values (object, tag);

  if (values == NULL || index >= json_array_get_length (values))
    return NULL;

  return json_array_get_element (values, index);
}

/* Returns: (nullable): a string value, %NULL when absent or not a string */
const char *
_cs_dicom_json_get_string (JsonObject *object,
                           const char *tag,
                           guint       index)
{
  JsonNode *value = get_value (object, tag, index);

  if (value == NULL || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (value);
}

/* A number given as a JSON number or as a decimal string (IS, DS). */
gboolean
_cs_dicom_json_get_double (JsonObject *object,
                           const char *tag,
                           guint       index,
                           double     *out)
{
  JsonNode *value = get_value (object, tag, index);
  GType type = value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : 0;
  char *end = NULL;
  const char *text;

  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (value);
      return isfinite (*out);
    }
  if (type != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (value);
  *out = g_ascii_strtod (text, &end);

  return end != text && isfinite (*out);
}

/* Returns: (nullable): the first item of a sequence attribute */
JsonObject *
_cs_dicom_json_get_item (JsonObject *object,
                         const char *tag)
{
  JsonNode *value = object ? get_value (object, tag, 0) : NULL;

  return value && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
}

static gboolean
get_count (JsonObject  *object,
           const char  *tag,
           const char  *name,
           guint        index,
           gint64       max,
           gint64      *out,
           GError     **error)
{
  double value = 0;

  if (!_cs_dicom_json_get_double (object, tag, 0, &value) || value < 1 || value > max ||
      value != floor (value))
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("instance %u has no valid %s (%s)"), index + 1, name, tag);
      return FALSE;
    }

  *out = (gint64) value;
  return TRUE;
}

void
_cs_dicomweb_image_free (CsDicomwebImage *image)
{
  if (image == NULL)
    return;

  g_free (image->instance_uid);
  g_free (image->flavor);
  g_free (image->frame_map);
  g_free (image);
}

static gboolean
check_pixels (CsDicomwebImage  *image,
              JsonObject       *instance,
              guint             index,
              GError          **error)
{
  const char *photometric = _cs_dicom_json_get_string (instance, TAG_PHOTOMETRIC, 0);
  gint64 samples = 0, bits = 0;

  if (!get_count (instance, TAG_SAMPLES_PER_PIXEL, "SamplesPerPixel", index, 4, &samples,
                  error) ||
      !get_count (instance, TAG_BITS_ALLOCATED, "BitsAllocated", index, 64, &bits, error))
    return FALSE;
  if ((samples != 1 && samples != 3) || bits != 8 || photometric == NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_UNSUPPORTED,
                   _("instance %u has pixels Consilium cannot show (%d samples of %d bits, "
                     "%s)"),
                   index + 1, (int) samples, (int) bits, photometric ? photometric : "?");
      return FALSE;
    }

  image->samples = (guint) samples;
  image->ycbcr = g_str_has_prefix (photometric, "YBR");

  return TRUE;
}

/* Where frame @frame (1-based) sits, from its PlanePositionSlideSequence:
 * 1-based pixel positions on tile boundaries. Another focal plane or
 * optical path at a position already mapped is left out. */
static gboolean
map_frame (CsDicomwebImage  *image,
           JsonObject       *group,
           guint             frame,
           guint             index,
           GError          **error)
{
  JsonObject *position = _cs_dicom_json_get_item (group, TAG_PLANE_POSITION);
  double x = 0, y = 0;
  gint64 col, row;

  if (position == NULL ||
      !_cs_dicom_json_get_double (position, TAG_COLUMN_POSITION, 0, &x) ||
      !_cs_dicom_json_get_double (position, TAG_ROW_POSITION, 0, &y) ||
      x < 1 || y < 1 || fmod (x - 1, image->tile_width) != 0 ||
      fmod (y - 1, image->tile_height) != 0)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("frame %u of instance %u has no valid position on the tile grid"),
                   frame, index + 1);
      return FALSE;
    }

  col = (gint64) (x - 1) / image->tile_width;
  row = (gint64) (y - 1) / image->tile_height;
  if (col < image->cols && row < image->rows && image->frame_map[row * image->cols + col] == 0)
    image->frame_map[row * image->cols + col] = frame;

  return TRUE;
}

/* Frame positions, when the instance lists them per frame (as
 * OrthancWSIDicomizer does, in its own order); PS3.3 C.7.6.17.3. */
static gboolean
read_frame_positions (CsDicomwebImage  *image,
                      JsonObject       *instance,
                      guint             index,
                      GError          **error)
{
  JsonArray *groups = NULL;
  JsonNode *element = json_object_get_member (instance, TAG_PER_FRAME_GROUPS);
  JsonNode *value = element && JSON_NODE_HOLDS_OBJECT (element)
                      ? json_object_get_member (json_node_get_object (element), "Value") : NULL;

  if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    groups = json_node_get_array (value);
  if (groups == NULL || json_array_get_length (groups) == 0)
    return TRUE;
  if (json_array_get_length (groups) != image->n_frames)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("instance %u describes %u frames of its %u"), index + 1,
                   json_array_get_length (groups), image->n_frames);
      return FALSE;
    }

  image->frame_map = g_new0 (guint32, (gsize) image->cols * image->rows);
  for (guint i = 0; i < image->n_frames; i++)
    {
      JsonNode *item = json_array_get_element (groups, i);

      if (!JSON_NODE_HOLDS_OBJECT (item) ||
          !map_frame (image, json_node_get_object (item), i + 1, index, error))
        return FALSE;
    }

  return TRUE;
}

guint
_cs_dicomweb_image_get_frame (const CsDicomwebImage *image,
                              gint64                 col,
                              gint64                 row)
{
  if (image->frame_map != NULL)
    return image->frame_map[row * image->cols + col];

  return (guint) (row * image->cols + col + 1);
}

/* Where the frames are: listed per frame, or every frame of the grid row
 * by row (TILED_FULL, PS3.3 C.7.6.17.3); an instance without the
 * attribute is taken as TILED_FULL when its frames fill the grid. */
static gboolean
check_organisation (CsDicomwebImage  *image,
                    JsonObject       *instance,
                    guint             index,
                    GError          **error)
{
  const char *organisation = _cs_dicom_json_get_string (instance, TAG_DIMENSION_ORG_TYPE, 0);
  gint64 grid = (gint64) image->cols * image->rows;

  if (!read_frame_positions (image, instance, index, error))
    return FALSE;
  if (image->frame_map != NULL)
    return TRUE;
  if (organisation != NULL && g_strcmp0 (organisation, "TILED_FULL") != 0)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_UNSUPPORTED,
                   _("instance %u is organised as %s without frame positions; Consilium "
                     "reads such slides only as TILED_FULL"),
                   index + 1, organisation);
      return FALSE;
    }
  if (image->n_frames < grid)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("instance %u has %u frames where its tiles need %d"), index + 1,
                   image->n_frames, (int) grid);
      return FALSE;
    }

  return TRUE;
}

/**
 * _cs_dicomweb_image_parse:
 * @index: the instance's position in the metadata, for messages
 *
 * Returns: (nullable): the instance's geometry, or %NULL with @error set
 *   (CS_SLIDE_ERROR_OPEN or _UNSUPPORTED, without the slide's name)
 */
CsDicomwebImage *
_cs_dicomweb_image_parse (JsonObject  *instance,
                          guint        index,
                          GError     **error)
{
  g_autoptr(CsDicomwebImage) image = g_new0 (CsDicomwebImage, 1);
  const char *uid = _cs_dicom_json_get_string (instance, TAG_SOP_INSTANCE_UID, 0);
  const char *flavor = _cs_dicom_json_get_string (instance, TAG_IMAGE_TYPE, 2);
  gint64 width = 0, height = 0, tw = 0, th = 0, frames = 1;

  if (uid == NULL)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("instance %u has no SOPInstanceUID (%s)"), index + 1, TAG_SOP_INSTANCE_UID);
      return NULL;
    }
  if (!get_count (instance, TAG_TOTAL_COLUMNS, "TotalPixelMatrixColumns", index,
                  G_GINT64_CONSTANT (1) << 31, &width, error) ||
      !get_count (instance, TAG_TOTAL_ROWS, "TotalPixelMatrixRows", index,
                  G_GINT64_CONSTANT (1) << 31, &height, error) ||
      !get_count (instance, TAG_COLUMNS, "Columns", index, MAX_FRAME_SIDE, &tw, error) ||
      !get_count (instance, TAG_ROWS, "Rows", index, MAX_FRAME_SIDE, &th, error) ||
      (get_value (instance, TAG_NUMBER_OF_FRAMES, 0) != NULL &&
       !get_count (instance, TAG_NUMBER_OF_FRAMES, "NumberOfFrames", index, G_MAXINT32,
                   &frames, error)))
    return NULL;

  image->instance_uid = g_strdup (uid);
  image->flavor = g_strdup (flavor ? flavor : "VOLUME");
  image->width = width;
  image->height = height;
  image->tile_width = (int) tw;
  image->tile_height = (int) th;
  image->n_frames = (guint) frames;
  if (((width + tw - 1) / tw) * ((height + th - 1) / th) > MAX_TILES)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_TOO_LARGE,
                   _("instance %u has more tiles than Consilium reads (%d × %d)"), index + 1,
                   (int) ((width + tw - 1) / tw), (int) ((height + th - 1) / th));
      return NULL;
    }
  image->cols = (gint32) ((width + tw - 1) / tw);
  image->rows = (gint32) ((height + th - 1) / th);

  if (!check_pixels (image, instance, index, error) ||
      !check_organisation (image, instance, index, error))
    return NULL;

  return g_steal_pointer (&image);
}
