/* cs-dicomweb-slide.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb-slide"

#include "config.h"

#include <glib/gi18n.h>

#include "cs-dicomweb-slide-private.h"
#include "cs-slide.h"

/* The pyramid of a remote slide (issue 9): a DICOMweb series of VL Whole
 * Slide Microscopy instances. Built once from the series metadata
 * (WADO-RS): VOLUME instances are the levels, largest first; LABEL,
 * OVERVIEW and THUMBNAIL instances are the associated images "label",
 * "macro" and "thumbnail", named as OpenSlide names a local slide's.
 * Immutable after
 * construction. Reading regions: cs-dicomweb-read.c. */

#define WSI_SOP_CLASS "1.2.840.10008.5.1.4.1.1.77.1.6"

#define TAG_SOP_CLASS_UID      "00080016"
#define TAG_SERIES_DESCRIPTION "0008103E"
#define TAG_MANUFACTURER       "00080070"
#define TAG_MODEL_NAME         "00081090"
#define TAG_OPTICAL_PATHS      "00220016"
#define TAG_PIXEL_SPACING      "00280030"
#define TAG_PIXEL_MEASURES     "00289110"
#define TAG_OBJECTIVE_POWER    "00480112"
#define TAG_SHARED_GROUPS      "52009229"


void
_cs_dicomweb_pyramid_free (CsDicomwebPyramid *self)
{
  if (self == NULL)
    return;

  g_free (self->url);
  g_free (self->base_url);
  g_free (self->study_uid);
  g_free (self->series_uid);
  g_clear_object (&self->client);
  g_clear_pointer (&self->decoded, _cs_dicomweb_memory_free);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_clear_pointer (&self->associated, g_ptr_array_unref);
  g_clear_pointer (&self->associated_names, g_ptr_array_unref);
  g_free (self->downsamples);
  g_free (self->display_name);
  g_clear_pointer (&self->properties, g_hash_table_unref);
  g_free (self);
}

static void
image_free (gpointer image)
{
  _cs_dicomweb_image_free (image);
}

static int
compare_size (gconstpointer a,
              gconstpointer b)
{
  const CsDicomwebImage *x = *(const CsDicomwebImage * const *) a;
  const CsDicomwebImage *y = *(const CsDicomwebImage * const *) b;
  gint64 ax = x->width * x->height, ay = y->width * y->height;

  return (ax < ay) - (ax > ay);
}

static const char *
associated_name (const char *flavor)
{
  if (g_str_equal (flavor, "LABEL"))
    return "label";
  if (g_str_equal (flavor, "OVERVIEW"))
    return "macro";
  if (g_str_equal (flavor, "THUMBNAIL"))
    return "thumbnail";

  return NULL;
}

/* Files @image as a level or an associated image; a second instance of
 * the same size or name (another optical path, a concatenation) is left
 * out. */
static void
add_image (CsDicomwebPyramid *self,
           CsDicomwebImage   *image)
{
  const char *name = associated_name (image->flavor);

  if (name == NULL && g_str_equal (image->flavor, "VOLUME"))
    {
      for (guint i = 0; i < self->levels->len; i++)
        {
          const CsDicomwebImage *other = g_ptr_array_index (self->levels, i);

          if (other->width == image->width && other->height == image->height)
            {
              _cs_dicomweb_image_free (image);
              return;
            }
        }
      g_ptr_array_add (self->levels, image);
    }
  else if (name != NULL &&
           !g_ptr_array_find_with_equal_func (self->associated_names, name, g_str_equal, NULL))
    {
      g_ptr_array_add (self->associated_names, g_strdup (name));
      g_ptr_array_add (self->associated, image);
    }
  else
    _cs_dicomweb_image_free (image);
}

static gboolean
parse_instances (CsDicomwebPyramid  *self,
                 JsonNode           *metadata,
                 GError            **error)
{
  JsonArray *instances;

  if (metadata == NULL || !JSON_NODE_HOLDS_ARRAY (metadata))
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                   _("the series metadata is not a list of instances"));
      return FALSE;
    }

  instances = json_node_get_array (metadata);
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonNode *node = json_array_get_element (instances, i);
      JsonObject *instance = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *sop_class = instance ? _cs_dicom_json_get_string (instance,
                                                                   TAG_SOP_CLASS_UID, 0) : NULL;
      CsDicomwebImage *image;

      if (instance == NULL)
        {
          g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_OPEN,
                       _("instance %u of the series metadata is not a JSON object"), i + 1);
          return FALSE;
        }
      /* Other objects of the series (a filed-back PDF, say) are no image. */
      if (sop_class != NULL && !g_str_equal (sop_class, WSI_SOP_CLASS))
        continue;
      image = _cs_dicomweb_image_parse (instance, i, error);
      if (image == NULL)
        return FALSE;
      add_image (self, image);
    }

  if (self->levels->len == 0)
    {
      g_set_error (error, CS_SLIDE_ERROR, CS_SLIDE_ERROR_NOT_A_SLIDE,
                   _("the series holds no whole-slide image (no VOLUME instance)"));
      return FALSE;
    }
  g_ptr_array_sort (self->levels, compare_size);

  return TRUE;
}

static JsonObject *
find_instance (JsonNode   *metadata,
               const char *instance_uid)
{
  JsonArray *instances = json_node_get_array (metadata);

  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonObject *instance = json_array_get_object_element (instances, i);

      if (g_strcmp0 (_cs_dicom_json_get_string (instance, "00080018", 0), instance_uid) == 0)
        return instance;
    }

  return NULL;
}

static void
set_property (CsDicomwebPyramid *self,
              const char        *name,
              const char        *value)
{
  if (value != NULL && *value != '\0')
    g_hash_table_insert (self->properties, g_strdup (name), g_strdup (value));
}

/* Scale, objective and descriptive properties from level 0's instance. */
static void
read_description (CsDicomwebPyramid *self,
                  JsonObject        *level0)
{
  JsonObject *shared = _cs_dicom_json_get_item (level0, TAG_SHARED_GROUPS);
  JsonObject *measures = _cs_dicom_json_get_item (shared, TAG_PIXEL_MEASURES);
  JsonObject *optics = _cs_dicom_json_get_item (level0, TAG_OPTICAL_PATHS);
  const char *description = _cs_dicom_json_get_string (level0, TAG_SERIES_DESCRIPTION, 0);
  double row_mm = 0, col_mm = 0, power = 0;

  /* PixelSpacing is "row spacing \ column spacing", in millimetres. */
  if (measures != NULL &&
      _cs_dicom_json_get_double (measures, TAG_PIXEL_SPACING, 0, &row_mm) &&
      _cs_dicom_json_get_double (measures, TAG_PIXEL_SPACING, 1, &col_mm) &&
      row_mm > 0 && col_mm > 0)
    {
      self->mpp_x = col_mm * 1000;
      self->mpp_y = row_mm * 1000;
    }
  if (optics != NULL && _cs_dicom_json_get_double (optics, TAG_OBJECTIVE_POWER, 0, &power) &&
      power > 0)
    self->objective_power = power;

  self->display_name = g_strdup (description && *description ? description : self->series_uid);
  set_property (self, "dicom.StudyInstanceUID", self->study_uid);
  set_property (self, "dicom.SeriesInstanceUID", self->series_uid);
  set_property (self, "dicom.SeriesDescription", description);
  set_property (self, "dicom.Manufacturer",
                _cs_dicom_json_get_string (level0, TAG_MANUFACTURER, 0));
  set_property (self, "dicom.ManufacturerModelName",
                _cs_dicom_json_get_string (level0, TAG_MODEL_NAME, 0));
  set_property (self, "dicomweb.server", self->base_url);
}

static void
describe_levels (CsDicomwebPyramid *self)
{
  const CsDicomwebImage *base = g_ptr_array_index (self->levels, 0);

  self->downsamples = g_new0 (double, self->levels->len);
  for (guint i = 0; i < self->levels->len; i++)
    {
      const CsDicomwebImage *level = g_ptr_array_index (self->levels, i);
      g_autofree char *name = g_strdup_printf ("dicom.level[%u].instance", i);

      /* As OpenSlide: the mean of the two axes' ratios. */
      self->downsamples[i] = ((double) base->width / (double) level->width +
                              (double) base->height / (double) level->height) / 2;
      set_property (self, name, level->instance_uid);
    }
}

/**
 * _cs_dicomweb_pyramid_new_from_metadata:
 * @url: the slide's "dicomweb:" URL
 * @metadata: the series' WADO-RS metadata
 *
 * The pyramid, without a client: reads fail until one is set (the open
 * path sets it). Used by tests to check the parsing alone.
 *
 * Returns: (nullable): the pyramid, or %NULL with @error set, naming @url
 */
CsDicomwebPyramid *
_cs_dicomweb_pyramid_new_from_metadata (const char  *url,
                                        JsonNode    *metadata,
                                        GError     **error)
{
  g_autoptr(CsDicomwebPyramid) self = g_new0 (CsDicomwebPyramid, 1);
  g_autoptr(GError) local_error = NULL;

  self->url = g_strdup (url);
  self->cache = _cs_dicomweb_cache_get_default ();
  self->decoded = _cs_dicomweb_memory_new (CS_DICOMWEB_MEMORY_SIZE);
  self->levels = g_ptr_array_new_with_free_func (image_free);
  self->associated = g_ptr_array_new_with_free_func (image_free);
  self->associated_names = g_ptr_array_new_with_free_func (g_free);
  self->properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!cs_dicomweb_parse_slide_url (url, &self->base_url, &self->study_uid, &self->series_uid,
                                    &local_error) ||
      !parse_instances (self, metadata, &local_error))
    {
      g_set_error (error, CS_SLIDE_ERROR,
                   local_error->domain == CS_SLIDE_ERROR ? local_error->code
                                                         : CS_SLIDE_ERROR_OPEN,
                   _("Cannot open slide “%s”: %s"), url, local_error->message);
      return NULL;
    }

  describe_levels (self);
  read_description (self, find_instance (metadata,
                                         ((CsDicomwebImage *) self->levels->pdata[0])->instance_uid));

  return g_steal_pointer (&self);
}

/**
 * _cs_dicomweb_pyramid_open:
 * @url: "dicomweb:BASE/studies/UID/series/UID"
 *
 * Fetches the series metadata (blocking) and builds the pyramid.
 *
 * Returns: (nullable): the pyramid, or %NULL with @error set: in
 *   CS_DICOMWEB_ERROR (the server's answer: auth, not found, connect…)
 *   or CS_SLIDE_ERROR (what it holds), the message naming @url
 */
CsDicomwebPyramid *
_cs_dicomweb_pyramid_open (const char    *url,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *base_url = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *series_uid = NULL;
  g_autoptr(CsDicomwebClient) client = NULL;
  g_autoptr(JsonNode) metadata = NULL;
  g_autoptr(GError) local_error = NULL;
  CsDicomwebPyramid *self;

  if (cs_dicomweb_parse_slide_url (url, &base_url, &study_uid, &series_uid, &local_error))
    client = cs_dicomweb_client_new (base_url, &local_error);
  if (client != NULL)
    metadata = cs_dicomweb_client_get_series_metadata (client, study_uid, series_uid,
                                                       cancellable, &local_error);
  if (metadata == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot open slide “%s”: "), url);
      return NULL;
    }

  self = _cs_dicomweb_pyramid_new_from_metadata (url, metadata, error);
  if (self != NULL)
    self->client = g_steal_pointer (&client);

  return self;
}

guint
_cs_dicomweb_pyramid_get_n_levels (CsDicomwebPyramid *self)
{
  return self->levels->len;
}

const CsDicomwebImage *
_cs_dicomweb_pyramid_get_level (CsDicomwebPyramid *self,
                                guint              level)
{
  g_return_val_if_fail (level < self->levels->len, NULL);

  return g_ptr_array_index (self->levels, level);
}

double
_cs_dicomweb_pyramid_get_downsample (CsDicomwebPyramid *self,
                                     guint              level)
{
  g_return_val_if_fail (level < self->levels->len, 1.0);

  return self->downsamples[level];
}

gboolean
_cs_dicomweb_pyramid_get_mpp (CsDicomwebPyramid *self,
                              double            *mpp_x,
                              double            *mpp_y)
{
  *mpp_x = self->mpp_x;
  *mpp_y = self->mpp_y;

  return self->mpp_x > 0 && self->mpp_y > 0;
}

double
_cs_dicomweb_pyramid_get_objective_power (CsDicomwebPyramid *self)
{
  return self->objective_power;
}

const char *
_cs_dicomweb_pyramid_get_series_uid (CsDicomwebPyramid *self)
{
  return self->series_uid;
}

const char *
_cs_dicomweb_pyramid_get_display_name (CsDicomwebPyramid *self)
{
  return self->display_name;
}

/* Returns: (transfer none): name -> value */
GHashTable *
_cs_dicomweb_pyramid_get_properties (CsDicomwebPyramid *self)
{
  return self->properties;
}

char **
_cs_dicomweb_pyramid_dup_associated_names (CsDicomwebPyramid *self)
{
  char **names = g_new0 (char *, self->associated_names->len + 1);

  for (guint i = 0; i < self->associated_names->len; i++)
    names[i] = g_strdup (g_ptr_array_index (self->associated_names, i));

  return names;
}
