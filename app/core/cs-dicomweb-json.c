/* cs-dicomweb-json.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-dicomweb"

#include "config.h"

#include "cs-dicomweb-private.h"

#include <glib/gi18n.h>

/* The DICOM JSON model (PS3.18 F.2) of QIDO-RS, WADO-RS metadata and
 * STOW-RS answers: attributes keyed by "GGGGEEEE", each an object with
 * "vr" and a "Value" array. Whatever a server sends, the answer is a list
 * or a clear CS_DICOMWEB_ERROR_MALFORMED naming the attribute: never a
 * crash. Pure functions, any thread. */

#define TAG_STUDY_UID        "0020000D"
#define TAG_SERIES_UID       "0020000E"
#define TAG_PATIENT_ID       "00100020"
#define TAG_PATIENT_NAME     "00100010"
#define TAG_ACCESSION        "00080050"
#define TAG_STUDY_DATE       "00080020"
#define TAG_STUDY_DESCRIPTION "00081030"
#define TAG_MODALITIES       "00080061"
#define TAG_N_STUDY_SERIES   "00201206"
#define TAG_MODALITY         "00080060"
#define TAG_SERIES_DESCRIPTION "0008103E"
#define TAG_N_SERIES_INSTANCES "00201209"
#define TAG_FAILED_SOP       "00081198"

static gboolean
malformed (GError    **error,
           const char *tag,
           const char *what)
{
  /* TRANSLATORS: %s is a DICOM attribute tag such as (0020,000D); the
   * second %s says what is wrong with it. */
  g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
               _("attribute (%.4s,%.4s) %s"), tag, tag + 4, what);
  return FALSE;
}

/* The "Value" array of @tag in @dataset, or NULL when absent or empty. */
static gboolean
get_values (JsonObject *dataset,
            const char *tag,
            JsonArray **values,
            GError    **error)
{
  JsonNode *element = json_object_get_member (dataset, tag);
  JsonNode *value;

  *values = NULL;
  if (element == NULL || JSON_NODE_HOLDS_NULL (element))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return malformed (error, tag, _("is not a JSON object"));
  value = json_object_get_member (json_node_get_object (element), "Value");
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (value))
    return malformed (error, tag, _("has a Value that is not an array"));
  if (json_array_get_length (json_node_get_array (value)) > 0)
    *values = json_node_get_array (value);

  return TRUE;
}

/* A string value; person names give their alphabetic form. */
static gboolean
value_string (JsonNode   *node,
              const char *tag,
              char      **out,
              GError    **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *alphabetic = json_object_get_member (json_node_get_object (node),
                                                     "Alphabetic");

      if (alphabetic == NULL)
        return TRUE;
      node = alphabetic;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return malformed (error, tag, _("is not a string"));

  *out = g_strdup (json_node_get_string (node));

  return TRUE;
}

static gboolean
get_string (JsonObject *dataset,
            const char *tag,
            char      **out,
            GError    **error)
{
  JsonArray *values = NULL;

  *out = NULL;
  if (!get_values (dataset, tag, &values, error))
    return FALSE;

  return values == NULL || value_string (json_array_get_element (values, 0), tag, out, error);
}

static gboolean
get_strv (JsonObject *dataset,
          const char *tag,
          char     ***out,
          GError    **error)
{
  JsonArray *values = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (!get_values (dataset, tag, &values, error))
    return FALSE;
  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      g_autofree char *value = NULL;

      if (!value_string (json_array_get_element (values, i), tag, &value, error))
        return FALSE;
      if (value != NULL)
        g_strv_builder_add (builder, value);
    }
  *out = g_strv_builder_end (builder);

  return TRUE;
}

/* An IS/UL/US count: a JSON number, or a string of digits as some
 * servers send. */
static gboolean
get_count (JsonObject *dataset,
           const char *tag,
           guint      *out,
           GError    **error)
{
  JsonArray *values = NULL;
  JsonNode *node;
  char *end = NULL;
  gint64 count;

  *out = 0;
  if (!get_values (dataset, tag, &values, error))
    return FALSE;
  if (values == NULL)
    return TRUE;
  node = json_array_get_element (values, 0);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    count = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    count = (gint64) json_node_get_double (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      count = g_ascii_strtoll (json_node_get_string (node), &end, 10);
      if (end == json_node_get_string (node) || *end != '\0')
        return malformed (error, tag, _("is not a number"));
    }
  else
    return malformed (error, tag, _("is not a number"));
  if (count < 0 || count > G_MAXUINT)
    return malformed (error, tag, _("is out of range"));
  *out = (guint) count;

  return TRUE;
}

static JsonNode *
parse_array (GBytes     *body,
             const char *what,
             GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root;

  if (size == 0)
    {
      root = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (root, json_array_new ());
      return root;
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* TRANSLATORS: the first %s is what was expected ("the study list"),
       * the second the JSON parser's message. */
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
                   _("%s is not valid JSON: %s"), what, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
                   _("%s is not a JSON array"), what);
      return NULL;
    }

  return json_node_copy (root);
}

/* Each element of @root as a dataset object, or an error. */
static JsonObject *
nth_dataset (JsonNode   *root,
             guint       i,
             const char *what,
             GError    **error)
{
  JsonNode *item = json_array_get_element (json_node_get_array (root), i);

  if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      /* TRANSLATORS: %s is what was expected ("the study list"), %u an index. */
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
                   _("item %u of %s is not a JSON object"), i + 1, what);
      return NULL;
    }

  return json_node_get_object (item);
}

static gboolean
require_uid (JsonObject *dataset,
             const char *tag,
             char      **uid,
             GError    **error)
{
  if (!get_string (dataset, tag, uid, error))
    return FALSE;
  if (*uid == NULL || **uid == '\0')
    return malformed (error, tag, _("is missing"));

  return TRUE;
}

static CsDicomwebStudy *
parse_study (JsonObject *dataset,
             GError    **error)
{
  CsDicomwebStudy *study = g_new0 (CsDicomwebStudy, 1);

  if (!require_uid (dataset, TAG_STUDY_UID, &study->study_uid, error) ||
      !get_string (dataset, TAG_PATIENT_ID, &study->patient_id, error) ||
      !get_string (dataset, TAG_PATIENT_NAME, &study->patient_name, error) ||
      !get_string (dataset, TAG_ACCESSION, &study->accession, error) ||
      !get_string (dataset, TAG_STUDY_DATE, &study->study_date, error) ||
      !get_string (dataset, TAG_STUDY_DESCRIPTION, &study->description, error) ||
      !get_strv (dataset, TAG_MODALITIES, &study->modalities, error) ||
      !get_count (dataset, TAG_N_STUDY_SERIES, &study->n_series, error))
    {
      cs_dicomweb_study_free (study);
      return NULL;
    }

  return study;
}

static CsDicomwebSeries *
parse_one_series (JsonObject *dataset,
                  GError    **error)
{
  CsDicomwebSeries *series = g_new0 (CsDicomwebSeries, 1);

  if (!require_uid (dataset, TAG_SERIES_UID, &series->series_uid, error) ||
      !get_string (dataset, TAG_MODALITY, &series->modality, error) ||
      !get_string (dataset, TAG_SERIES_DESCRIPTION, &series->description, error) ||
      !get_count (dataset, TAG_N_SERIES_INSTANCES, &series->n_instances, error))
    {
      cs_dicomweb_series_free (series);
      return NULL;
    }

  return series;
}

typedef gpointer (*ParseItemFunc) (JsonObject *dataset,
                                   GError    **error);

static GPtrArray *
parse_list (GBytes         *body,
            const char     *what,
            ParseItemFunc   parse_item,
            GDestroyNotify  free_item,
            GError        **error)
{
  g_autoptr(JsonNode) root = parse_array (body, what, error);
  g_autoptr(GPtrArray) items = NULL;

  if (root == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func (free_item);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonObject *dataset = nth_dataset (root, i, what, error);
      gpointer item = NULL;

      if (dataset == NULL)
        return NULL;
      item = parse_item (dataset, error);
      if (item == NULL)
        {
          /* TRANSLATORS: %s is what was read ("the study list"), %u an
           * index; an attribute's problem follows. */
          g_prefix_error (error, _("%s, item %u: "), what, i + 1);
          return NULL;
        }
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

static gpointer
parse_study_cb (JsonObject *dataset,
                GError    **error)
{
  return parse_study (dataset, error);
}

static gpointer
parse_series_cb (JsonObject *dataset,
                 GError    **error)
{
  return parse_one_series (dataset, error);
}

static void
study_free_cb (gpointer study)
{
  cs_dicomweb_study_free (study);
}

static void
series_free_cb (gpointer series)
{
  cs_dicomweb_series_free (series);
}

GPtrArray *
_cs_dicomweb_parse_studies (GBytes  *body,
                            GError **error)
{
  return parse_list (body, _("the study list"), parse_study_cb, study_free_cb, error);
}

GPtrArray *
_cs_dicomweb_parse_series (GBytes  *body,
                           GError **error)
{
  return parse_list (body, _("the series list"), parse_series_cb, series_free_cb, error);
}

JsonNode *
_cs_dicomweb_parse_metadata (GBytes  *body,
                             GError **error)
{
  const char *what = _("the series metadata");
  g_autoptr(JsonNode) root = NULL;

  if (g_bytes_get_size (body) == 0)
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
                   _("%s is empty"), what);
      return NULL;
    }
  root = parse_array (body, what, error);
  if (root == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    if (nth_dataset (root, i, what, error) == NULL)
      return NULL;

  return g_steal_pointer (&root);
}

gboolean
_cs_dicomweb_check_stored (GBytes  *body,
                           GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root;
  JsonArray *failed = NULL;

  /* A server may answer 200 with no body: nothing failed. */
  if (size == 0)
    return TRUE;
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
                   _("%s is not valid JSON: %s"), _("the store answer"),
                   local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_MALFORMED,
                   _("%s is not a JSON object"), _("the store answer"));
      return FALSE;
    }
  if (!get_values (json_node_get_object (root), TAG_FAILED_SOP, &failed, error))
    return FALSE;
  if (failed != NULL)
    {
      g_set_error (error, CS_DICOMWEB_ERROR, CS_DICOMWEB_ERROR_SERVER,
                   _("it did not store the instance (its answer lists it as failed)"));
      return FALSE;
    }

  return TRUE;
}
