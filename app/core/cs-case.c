/* cs-case.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-case"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cs-canonical-json-private.h"
#include "cs-case.h"
#include "cs-case-private.h"
#include "cs-json-path.h"
#include "cs-utils.h"

/* A consultation, kept as its case.json document (docs/FORMATS.md §8
 * member names): who asks, what, about which slides, and the opinions. */

#define CS_CASE_SCHEMA "io.github.consilium.case/1.0"

struct _CsCase
{
  GObject     parent_instance;

  JsonObject *root;
  GPtrArray  *slides;    /* CsCaseSlide, read from root's "slides" */
  GListStore *opinions;  /* CsReport */
};

G_DEFINE_FINAL_TYPE (CsCase, cs_case, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The members a new opinion copies from its case. */
static const char * const case_members[] = {
  "case", "requesting", "clinical_history", "question", "referring_diagnosis",
};

static void
case_slide_free (gpointer data)
{
  CsCaseSlide *slide = data;

  g_free (slide->slide_id);
  g_free (slide->sha256);
  g_free (slide->uuid);
  g_free (slide->file_name);
  g_free (slide->stain);
  g_free (slide->part);
  g_free (slide->block);
  g_free (slide);
}

static void
cs_case_finalize (GObject *object)
{
  CsCase *self = CS_CASE (object);

  g_clear_pointer (&self->root, json_object_unref);
  g_clear_pointer (&self->slides, g_ptr_array_unref);
  g_clear_object (&self->opinions);
  G_OBJECT_CLASS (cs_case_parent_class)->finalize (object);
}

static void
cs_case_class_init (CsCaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_case_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_case_init (CsCase *self)
{
  self->slides = g_ptr_array_new_with_free_func (case_slide_free);
  self->opinions = g_list_store_new (CS_TYPE_REPORT);
}

static JsonArray *
get_array (CsCase     *self,
           const char *member)
{
  JsonNode *node = json_object_get_member (self->root, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (self->root, member, json_array_new ());
      node = json_object_get_member (self->root, member);
    }
  return json_node_get_array (node);
}

static void
read_slides (CsCase *self)
{
  JsonArray *slides = get_array (self, "slides");

  g_ptr_array_set_size (self->slides, 0);
  for (guint i = 0; i < json_array_get_length (slides); i++)
    {
      JsonNode *node = json_array_get_element (slides, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CsCaseSlide *slide;

      if (cs_json_object_get_text (object, "sha256") == NULL)
        continue;
      slide = g_new0 (CsCaseSlide, 1);
      slide->slide_id = g_strdup (cs_json_object_get_text (object, "slide_id"));
      slide->sha256 = g_strdup (cs_json_object_get_text (object, "sha256"));
      slide->uuid = g_strdup (cs_json_object_get_text (object, "slide_uuid"));
      slide->file_name = g_strdup (cs_json_object_get_text (object, "file_name"));
      slide->stain = g_strdup (cs_json_object_get_text (object, "stain"));
      slide->part = g_strdup (cs_json_object_get_text (object, "specimen_part"));
      slide->block = g_strdup (cs_json_object_get_text (object, "block"));
      g_ptr_array_add (self->slides, slide);
    }
}

static void
changed (CsCase *self)
{
  g_autofree char *now = cs_utc_now_iso8601 ();

  json_object_set_string_member (self->root, "modified", now);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The case.json document itself, for the members kept by other files
 * (cs-case-teaching.c); a change to it is followed by _cs_case_changed(). */
JsonObject *
_cs_case_get_root (CsCase *self)
{
  return self->root;
}

void
_cs_case_changed (CsCase *self)
{
  changed (self);
}

static void
on_report_changed (CsCase *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * cs_case_new:
 *
 * Returns: (transfer full): an empty case with a fresh id
 */
CsCase *
cs_case_new (void)
{
  CsCase *self = g_object_new (CS_TYPE_CASE, NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("urn:uuid:", uuid, NULL);
  g_autofree char *now = cs_utc_now_iso8601 ();

  self->root = json_object_new ();
  json_object_set_string_member (self->root, "schema", CS_CASE_SCHEMA);
  json_object_set_string_member (self->root, "case_id", id);
  json_object_set_string_member (self->root, "created", now);
  json_object_set_string_member (self->root, "modified", now);
  get_array (self, "slides");
  get_array (self, "opinions");
  return self;
}

/**
 * cs_case_new_from_data:
 * @data: a case.json
 * @len: its length, or -1
 * @error: return location for an error
 *
 * Returns: (transfer full): the case, without its opinions, or %NULL
 */
CsCase *
cs_case_new_from_data (const char *data,
                       gssize      len,
                       GError    **error)
{
  g_autoptr(JsonNode) node = cs_canonical_json_parse (data, len, error);
  JsonObject *root;
  const char *schema;
  CsCase *self;

  if (node == NULL)
    return NULL;
  root = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  schema = cs_json_object_get_text (root, "schema");
  if (schema == NULL || !g_str_has_prefix (schema, "io.github.consilium.case/1.") ||
      cs_json_object_get_text (root, "case_id") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Not a case: schema “%s” or its case_id missing"),
                   CS_CASE_SCHEMA);
      return NULL;
    }
  self = g_object_new (CS_TYPE_CASE, NULL);
  self->root = json_object_ref (root);
  read_slides (self);
  get_array (self, "opinions");
  return self;
}

/**
 * cs_case_to_data:
 * @self: a case
 * @len: (out) (optional): its length
 *
 * Returns: (transfer full): case.json, keys in canonical order, indented
 */
char *
cs_case_to_data (CsCase *self,
                 gsize  *len)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), self->root);
  g_autofree char *text = cs_canonical_json_write (node, 2, NULL);
  char *data;

  g_assert (text != NULL);
  data = g_strconcat (text, "\n", NULL);
  if (len != NULL)
    *len = strlen (data);
  return data;
}

const char *
cs_case_get_id (CsCase *self)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  return cs_json_object_get_text (self->root, "case_id");
}

const char *
cs_case_get_text (CsCase     *self,
                  const char *path)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  return cs_json_path_get_string (self->root, path);
}

static gboolean
is_managed (const char *path)
{
  static const char * const managed[] = {
    "schema", "case_id", "created", "modified", "slides", "opinions", "teaching",
  };
  g_auto(GStrv) head = g_strsplit (path, ".", 2);

  return head[0] == NULL || g_strv_contains (managed, head[0]);
}

/**
 * cs_case_set_text:
 * @self: a case
 * @path: a dotted path of the report schema ("question")
 * @value: (nullable): the text (stored NFC), or %NULL to remove it
 */
void
cs_case_set_text (CsCase     *self,
                  const char *path,
                  const char *value)
{
  gboolean was_changed = FALSE;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CS_IS_CASE (self));
  g_return_if_fail (!is_managed (path));
  g_return_if_fail (value == NULL || g_utf8_validate (value, -1, NULL));

  if (!cs_json_path_set_string (self->root, path, value, &was_changed, &error))
    g_critical ("%s", error->message);
  else if (was_changed)
    changed (self);
}

char *
cs_case_dup_title (CsCase *self)
{
  const char *title = cs_case_get_text (self, "case.consult_accession");

  if (title == NULL || *title == '\0')
    title = cs_case_get_text (self, "case.patient.pseudonym");
  if ((title == NULL || *title == '\0') && self->slides->len > 0)
    title = ((CsCaseSlide *) g_ptr_array_index (self->slides, 0))->file_name;
  if (title == NULL || *title == '\0')
    return g_strdup (_("Untitled case"));
  return g_strdup (title);
}

guint
cs_case_get_n_slides (CsCase *self)
{
  g_return_val_if_fail (CS_IS_CASE (self), 0);
  return self->slides->len;
}

const CsCaseSlide *
cs_case_get_slide (CsCase *self,
                   guint   index)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  g_return_val_if_fail (index < self->slides->len, NULL);
  return g_ptr_array_index (self->slides, index);
}

const CsCaseSlide *
cs_case_find_slide (CsCase     *self,
                    const char *sha256)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);

  for (guint i = 0; i < self->slides->len; i++)
    {
      CsCaseSlide *slide = g_ptr_array_index (self->slides, i);

      if (g_strcmp0 (slide->sha256, sha256) == 0)
        return slide;
    }
  return NULL;
}

static gboolean
slide_id_taken (CsCase     *self,
                const char *slide_id)
{
  for (guint i = 0; i < self->slides->len; i++)
    if (g_strcmp0 (((CsCaseSlide *) g_ptr_array_index (self->slides, i))->slide_id, slide_id) == 0)
      return TRUE;
  return FALSE;
}

static JsonObject *
describe_slide (CsCase  *self,
                CsSlide *slide)
{
  JsonObject *object = json_object_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *slide_uuid = g_strconcat ("urn:uuid:", uuid, NULL);
  g_autofree char *file_name = g_path_get_basename (cs_slide_get_path (slide));
  g_autofree char *label = NULL;
  double mpp_x, mpp_y;

  for (guint n = self->slides->len + 1; label == NULL || slide_id_taken (self, label); n++)
    {
      g_free (label);
      label = g_strdup_printf ("S%u", n);
    }
  json_object_set_string_member (object, "slide_id", label);
  json_object_set_string_member (object, "slide_uuid", slide_uuid);
  json_object_set_string_member (object, "sha256", cs_slide_get_sha256 (slide));
  json_object_set_string_member (object, "file_name", file_name);
  if (cs_slide_get_quickhash (slide) != NULL)
    json_object_set_string_member (object, "openslide_quickhash1", cs_slide_get_quickhash (slide));
  if (cs_slide_get_mpp (slide, &mpp_x, &mpp_y) && isfinite (mpp_x + mpp_y))
    json_object_set_double_member (object, "mpp", (mpp_x + mpp_y) / 2);
  if (cs_slide_get_objective_power (slide) > 0 && isfinite (cs_slide_get_objective_power (slide)))
    json_object_set_double_member (object, "objective_power", cs_slide_get_objective_power (slide));
  return object;
}

/**
 * cs_case_add_slide:
 * @self: a case
 * @slide: an open slide whose identity is known
 * @error: return location for an error
 *
 * Returns: (transfer none): its entry (labelled "S1", "S2", … until
 *   labelled), or %NULL when its identity is not known yet
 */
const CsCaseSlide *
cs_case_add_slide (CsCase   *self,
                   CsSlide  *slide,
                   GError  **error)
{
  const char *sha256 = cs_slide_get_sha256 (slide);
  const CsCaseSlide *found;

  g_return_val_if_fail (CS_IS_CASE (self), NULL);

  if (sha256 == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("The identity of %s is not known yet"), cs_slide_get_path (slide));
      return NULL;
    }
  found = cs_case_find_slide (self, sha256);
  if (found != NULL)
    return found;
  json_array_add_object_element (get_array (self, "slides"), describe_slide (self, slide));
  read_slides (self);
  changed (self);
  return cs_case_find_slide (self, sha256);
}

static void
set_or_remove (JsonObject *object,
               const char *member,
               const char *value)
{
  g_autofree char *nfc = value != NULL ? g_utf8_normalize (value, -1, G_NORMALIZE_NFC) : NULL;

  if (nfc == NULL || *nfc == '\0')
    json_object_remove_member (object, member);
  else
    json_object_set_string_member (object, member, nfc);
}

const CsCaseSlide *
cs_case_find_slide_by_uuid (CsCase     *self,
                            const char *uuid)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);

  for (guint i = 0; uuid != NULL && i < self->slides->len; i++)
    {
      CsCaseSlide *slide = g_ptr_array_index (self->slides, i);

      if (g_strcmp0 (slide->uuid, uuid) == 0)
        return slide;
    }
  return NULL;
}

/**
 * cs_case_merge_slide:
 * @self: a case
 * @slide: a slide entry of another copy of the case
 *
 * Returns: (transfer none): the case's entry for @slide
 */
const CsCaseSlide *
cs_case_merge_slide (CsCase            *self,
                     const CsCaseSlide *slide)
{
  const CsCaseSlide *found = cs_case_find_slide_by_uuid (self, slide->uuid);
  JsonObject *object;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CS_IS_CASE (self), NULL);

  if (found == NULL)
    found = cs_case_find_slide (self, slide->sha256);
  if (found != NULL)
    return found;
  if (slide->slide_id != NULL && *slide->slide_id != '\0' && !slide_id_taken (self, slide->slide_id))
    label = g_strdup (slide->slide_id);
  for (guint n = self->slides->len + 1; label == NULL || slide_id_taken (self, label); n++)
    {
      g_free (label);
      label = g_strdup_printf ("S%u", n);
    }
  object = json_object_new ();
  json_object_set_string_member (object, "slide_id", label);
  set_or_remove (object, "slide_uuid", slide->uuid);
  json_object_set_string_member (object, "sha256", slide->sha256);
  set_or_remove (object, "file_name", slide->file_name);
  set_or_remove (object, "stain", slide->stain);
  set_or_remove (object, "specimen_part", slide->part);
  set_or_remove (object, "block", slide->block);
  json_array_add_object_element (get_array (self, "slides"), object);
  read_slides (self);
  changed (self);
  return cs_case_find_slide (self, slide->sha256);
}

void
cs_case_set_slide_sha256 (CsCase     *self,
                          const char *uuid,
                          const char *sha256)
{
  JsonArray *slides = get_array (self, "slides");

  g_return_if_fail (CS_IS_CASE (self));
  g_return_if_fail (sha256 != NULL);

  for (guint i = 0; i < json_array_get_length (slides); i++)
    {
      JsonNode *node = json_array_get_element (slides, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (uuid == NULL || g_strcmp0 (cs_json_object_get_text (object, "slide_uuid"), uuid) != 0 ||
          g_strcmp0 (cs_json_object_get_text (object, "sha256"), sha256) == 0)
        continue;
      json_object_set_string_member (object, "sha256", sha256);
      /* a quickhash of the original does not describe the copy */
      json_object_remove_member (object, "openslide_quickhash1");
      read_slides (self);
      changed (self);
      return;
    }
}

/**
 * cs_case_set_slide_labels:
 * @self: a case
 * @sha256: the slide
 * @slide_id: (nullable): its new label, unless another slide has it
 * @stain: (nullable): stain
 * @part: (nullable): specimen part
 * @block: (nullable): block
 */
void
cs_case_set_slide_labels (CsCase     *self,
                          const char *sha256,
                          const char *slide_id,
                          const char *stain,
                          const char *part,
                          const char *block)
{
  JsonArray *slides = get_array (self, "slides");

  g_return_if_fail (CS_IS_CASE (self));

  for (guint i = 0; i < json_array_get_length (slides); i++)
    {
      JsonNode *node = json_array_get_element (slides, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (cs_json_object_get_text (object, "sha256"), sha256) != 0)
        continue;
      if (slide_id != NULL && *slide_id != '\0' &&
          g_strcmp0 (slide_id, cs_json_object_get_text (object, "slide_id")) != 0 &&
          !slide_id_taken (self, slide_id))
        set_or_remove (object, "slide_id", slide_id);
      set_or_remove (object, "stain", stain);
      set_or_remove (object, "specimen_part", part);
      set_or_remove (object, "block", block);
      read_slides (self);
      changed (self);
      return;
    }
}

GListModel *
cs_case_get_opinions (CsCase *self)
{
  g_return_val_if_fail (CS_IS_CASE (self), NULL);
  return G_LIST_MODEL (self->opinions);
}

GStrv
cs_case_dup_opinion_ids (CsCase *self)
{
  JsonArray *ids = get_array (self, "opinions");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *node = json_array_get_element (ids, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

static void
append_report (CsCase   *self,
               CsReport *report)
{
  g_list_store_append (self->opinions, report);
  g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed), self,
                           G_CONNECT_SWAPPED);
}

void
cs_case_add_report (CsCase   *self,
                    CsReport *report)
{
  g_auto(GStrv) ids = cs_case_dup_opinion_ids (self);

  g_return_if_fail (CS_IS_CASE (self));
  g_return_if_fail (CS_IS_REPORT (report));

  append_report (self, report);
  if (!g_strv_contains ((const char * const *) ids, cs_report_get_id (report)))
    {
      json_array_add_string_element (get_array (self, "opinions"), cs_report_get_id (report));
      changed (self);
    }
}

/**
 * cs_case_replace_report:
 * @self: a case
 * @report: a newer revision of one of its opinions
 *
 * Returns: %TRUE when an opinion with @report's id was replaced
 */
gboolean
cs_case_replace_report (CsCase   *self,
                        CsReport *report)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->opinions));

  g_return_val_if_fail (CS_IS_CASE (self), FALSE);
  g_return_val_if_fail (CS_IS_REPORT (report), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsReport) old = g_list_model_get_item (G_LIST_MODEL (self->opinions), i);

      if (g_strcmp0 (cs_report_get_id (old), cs_report_get_id (report)) != 0)
        continue;
      g_signal_handlers_disconnect_by_data (old, self);
      g_list_store_splice (self->opinions, i, 1, (gpointer *) &report, 1);
      g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_emit (self, signals[CHANGED], 0);
      return TRUE;
    }
  return FALSE;
}

static void
fill_opinion (CsCase     *self,
              CsReport   *report,
              const char *consultant,
              const char *credentials,
              const char *institution)
{
  JsonObject *root = cs_report_get_root (report);
  JsonObject *materials = json_object_new ();
  JsonArray *slides = json_array_new ();
  JsonObject *who = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (case_members); i++)
    if (json_object_has_member (self->root, case_members[i]))
      json_object_set_member (root, case_members[i],
                              cs_json_node_deep_copy (json_object_get_member (self->root, case_members[i])));
  for (guint i = 0; i < json_array_get_length (get_array (self, "slides")); i++)
    json_array_add_element (slides, cs_json_node_deep_copy (json_array_get_element (get_array (self, "slides"), i)));
  json_object_set_string_member (materials, "mode", "digital_only");
  json_object_set_array_member (materials, "slides", slides);
  json_object_set_object_member (root, "materials", materials);
  set_or_remove (who, "name", consultant);
  set_or_remove (who, "credentials", credentials);
  set_or_remove (who, "institution", institution);
  json_object_set_object_member (root, "consultant", who);
}

/**
 * cs_case_add_opinion:
 * @self: a case
 * @consultant: (nullable): the consultant's name
 * @credentials: (nullable): e.g. "MD, FRCPath"
 * @institution: (nullable): where they work
 *
 * Returns: (transfer none): the new draft
 */
CsReport *
cs_case_add_opinion (CsCase     *self,
                     const char *consultant,
                     const char *credentials,
                     const char *institution)
{
  g_autoptr(CsReport) report = cs_report_new ();

  g_return_val_if_fail (CS_IS_CASE (self), NULL);

  fill_opinion (self, report, consultant, credentials, institution);
  cs_case_add_report (self, report);
  return report;
}
