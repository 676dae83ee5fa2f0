/* cs-report-sign.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cs-canonical-json-private.h"
#include "cs-geojson.h"
#include "cs-json-path.h"
#include "cs-report-private.h"
#include "cs-utils.h"

/* Status rules of docs/FORMATS.md §8: validation, signing (content and
 * cited-geometry hashes), addenda, amendments and verification. */

#define ROLE "consultant pathologist"

/* ---- hashes ------------------------------------------------------------ */

char *
cs_report_compute_hash (CsReport *self,
                        GError  **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (CS_IS_REPORT (self), NULL);
  node = json_node_init_object (json_node_alloc (), self->root);
  return cs_canonical_json_sha256_without (node, "signature", error);
}

gboolean
_cs_report_check_hash (CsReport *self,
                       GError  **error)
{
  g_autofree char *hash = cs_report_compute_hash (self, NULL);
  const char *stored = cs_json_path_get_string (self->root, "signature.content_sha256");

  if (hash != NULL && g_strcmp0 (hash, stored) == 0)
    return TRUE;
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED,
               _("Revision %" PRId64 " was modified after signing: "
                 "its content hash does not match"),
               cs_report_get_revision (self));
  return FALSE;
}

/* The "by" of the last revisions[] entry, or NULL. */
static const char *
latest_revision_by (CsReport *self)
{
  JsonNode *node = json_object_get_member (self->root, "revisions");
  JsonArray *entries = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = entries != NULL ? json_array_get_length (entries) : 0;
  JsonNode *last = n > 0 ? json_array_get_element (entries, n - 1) : NULL;

  if (last == NULL || !JSON_NODE_HOLDS_OBJECT (last))
    return NULL;
  return cs_json_path_get_string (json_node_get_object (last), "by");
}

/* The signer and the signing time sit outside the hash (§8): sign()
 * sets "modified", which the hash covers, to the signing time, and signs
 * as the consultant or as the author of the latest revision. */
static gboolean
check_signature_block (CsReport *self,
                       GError  **error)
{
  const char *signed_at = cs_json_path_get_string (self->root, "signature.signed_at");
  const char *signer = cs_json_path_get_string (self->root, "signature.signer");

  if (g_strcmp0 (signed_at, cs_json_path_get_string (self->root, "modified")) != 0)
    {
      g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED,
                   _("Revision %" PRId64 " was modified after signing: "
                     "the signing time does not match the time the content was last modified"),
                   cs_report_get_revision (self));
      return FALSE;
    }
  if (signer == NULL ||
      (g_strcmp0 (signer, cs_json_path_get_string (self->root, "consultant.name")) != 0 &&
       g_strcmp0 (signer, latest_revision_by (self)) != 0))
    {
      g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED,
                   _("Revision %" PRId64 " was modified after signing: "
                     "the signer is neither the consultant nor the author of the latest revision"),
                   cs_report_get_revision (self));
      return FALSE;
    }
  return TRUE;
}

gboolean
_cs_report_check_signature (CsReport *self,
                            GError  **error)
{
  return _cs_report_check_hash (self, error) && check_signature_block (self, error);
}

gboolean
_cs_report_has_signature (CsReport *self)
{
  return cs_report_status_is_signed (cs_report_get_status (self)) ||
         cs_json_path_get_string (self->root, "signature.content_sha256") != NULL;
}

/**
 * cs_report_geometry_sha256:
 * @annotation: an annotation
 * @error: return location for an error
 *
 * Returns: (transfer full): the canonical SHA-256 of the GeoJSON
 *   "geometry" member cs-geojson writes for @annotation, or %NULL
 */
char *
cs_report_geometry_sha256 (CsAnnotation *annotation,
                           GError      **error)
{
  g_autoptr(GString) feature = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonNode *geometry;

  cs_geojson_append_feature (feature, annotation, NULL);
  node = cs_canonical_json_parse (feature->str, feature->len, error);
  if (node == NULL)
    return NULL;
  geometry = JSON_NODE_HOLDS_OBJECT (node)
               ? json_object_get_member (json_node_get_object (node), "geometry") : NULL;
  if (geometry == NULL)
    {
      g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                   _("The annotation %s has no geometry"), cs_annotation_get_id (annotation));
      return NULL;
    }
  return cs_canonical_json_sha256 (geometry, error);
}

/* ---- validation -------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
check_diagnoses (CsReport  *self,
                 GPtrArray *missing)
{
  JsonNode *node = json_object_get_member (self->root, "diagnosis");
  JsonArray *entries = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = entries != NULL ? json_array_get_length (entries) : 0;

  if (n == 0)
    g_ptr_array_add (missing, g_strdup ("diagnosis"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("diagnosis.%u.text", i);

      if (is_blank (cs_report_get_text (self, path)))
        g_ptr_array_add (missing, g_steal_pointer (&path));
    }
}

/* What the form calls each required member; the schema path follows in
 * brackets for those who write the JSON themselves. */
static char *
describe_missing (const char *path)
{
  static const struct { const char *path; const char *label; } labels[] = {
    { "case.consult_accession", N_("Consult accession") },
    { "case.referring_accession", N_("Referring accession") },
    { "requesting.institution", N_("Referring institution") },
    { "requesting.pathologist.name", N_("Referring pathologist") },
    { "consultant.name", N_("Consultant") },
    { "clinical_history", N_("Clinical history") },
    { "question", N_("Question") },
    { "materials.mode", N_("Material reviewed") },
    { "diagnosis", N_("Diagnosis") },
    { "agreement.category", N_("Agreement with the referring diagnosis") },
    { "agreement.rationale", N_("Rationale of the disagreement") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (path, labels[i].path))
      return g_strdup_printf ("%s [%s]", _(labels[i].label), path);
  if (g_str_has_prefix (path, "diagnosis."))
    return g_strdup_printf ("%s [%s]", _("Diagnosis"), path);
  return g_strdup (path);
}

/**
 * cs_report_validate:
 * @self: a report
 * @error: return location for an error naming every missing field
 *
 * Checks the members §8 marks required (R) for a final opinion.
 *
 * Returns: %TRUE when complete; else %CS_REPORT_ERROR_INCOMPLETE
 */
gboolean
cs_report_validate (CsReport *self,
                    GError  **error)
{
  static const char * const required[] = {
    "schema", "report_id", "status", "created", "modified",
    "case.consult_accession", "case.referring_accession",
    "requesting.institution", "requesting.pathologist.name",
    "consultant.name", "clinical_history", "question", "materials.mode",
  };
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *names = NULL;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (is_blank (cs_report_get_text (self, required[i])))
      g_ptr_array_add (missing, g_strdup (required[i]));
  check_diagnoses (self, missing);
  /* a prior diagnosis asks for a stated agreement with it */
  if (!is_blank (cs_report_get_text (self, "referring_diagnosis.text")) &&
      cs_report_get_agreement (self) == CS_AGREEMENT_NONE)
    g_ptr_array_add (missing, g_strdup ("agreement.category"));
  /* a disagreement states why (CAP/ADASP: discrepancies documented) */
  if ((cs_report_get_agreement (self) == CS_AGREEMENT_MINOR ||
       cs_report_get_agreement (self) == CS_AGREEMENT_MAJOR) &&
      is_blank (cs_report_get_text (self, "agreement.rationale")))
    g_ptr_array_add (missing, g_strdup ("agreement.rationale"));
  if (missing->len == 0)
    return TRUE;

  for (guint i = 0; i < missing->len; i++)
    {
      char *described = describe_missing (missing->pdata[i]);

      g_free (missing->pdata[i]);
      missing->pdata[i] = described;
    }
  g_ptr_array_add (missing, NULL);
  names = g_strjoinv (", ", (char **) missing->pdata);
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE,
               _("The opinion is incomplete. Missing: %s"), names);
  return FALSE;
}

/* ---- cited regions ----------------------------------------------------- */

/* The geometry hash of each region found in @annotations (NULL where not
 * found), and the annotations found. */
static GPtrArray *
hash_found_regions (CsReport         *self,
                    CsAnnotationList *annotations,
                    GPtrArray        *found,
                    GError          **error)
{
  guint n = cs_report_get_n_regions (self);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    {
      const char *id = cs_report_get_region_annotation (self, i);
      CsAnnotation *annotation = annotations != NULL && id != NULL
                                   ? cs_annotation_list_lookup (annotations, id) : NULL;
      char *hash = NULL;

      if (annotation != NULL && (hash = cs_report_geometry_sha256 (annotation, error)) == NULL)
        return NULL;
      g_ptr_array_add (hashes, hash);
      if (annotation != NULL)
        g_ptr_array_add (found, annotation);
    }
  return g_steal_pointer (&hashes);
}

static void
lock_annotations (CsAnnotationList *annotations,
                  GPtrArray        *found)
{
  gboolean begun = FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      CsAnnotation *annotation = g_ptr_array_index (found, i);
      g_autoptr(CsAnnotation) locked = NULL;

      if (cs_annotation_get_locked (annotation))
        continue;
      if (!begun)
        cs_annotation_list_begin (annotations, _("Lock Cited Annotations"));
      begun = TRUE;
      locked = cs_annotation_copy (annotation);
      cs_annotation_set_locked (locked, TRUE);
      cs_annotation_list_update (annotations, locked);
    }
  if (begun)
    cs_annotation_list_commit (annotations);
}

static void
store_region_hashes (CsReport  *self,
                     GPtrArray *hashes)
{
  JsonArray *regions;

  if (hashes->len == 0)
    return;
  regions = json_object_get_array_member (self->root, "referenced_regions");
  for (guint i = 0; i < hashes->len; i++)
    {
      JsonNode *node = json_array_get_element (regions, i);

      if (g_ptr_array_index (hashes, i) != NULL && JSON_NODE_HOLDS_OBJECT (node))
        json_object_set_string_member (json_node_get_object (node), "geometry_sha256",
                                       g_ptr_array_index (hashes, i));
    }
}

gboolean
cs_report_hash_regions (CsReport         *self,
                        CsAnnotationList *annotations,
                        GError          **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) hashes = NULL;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (CS_IS_ANNOTATION_LIST (annotations), FALSE);

  if (!_cs_report_check_editable (self, error))
    return FALSE;
  hashes = hash_found_regions (self, annotations, found, error);
  if (hashes == NULL)
    return FALSE;
  if (found->len == 0)
    return TRUE;
  lock_annotations (annotations, found);
  store_region_hashes (self, hashes);
  _cs_report_changed (self);
  return TRUE;
}

/* Every region has a hash now or already. */
static gboolean
check_regions_hashed (CsReport  *self,
                      GPtrArray *hashes,
                      GError   **error)
{
  g_autoptr(GString) absent = g_string_new (NULL);

  for (guint i = 0; i < hashes->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("referenced_regions.%u.geometry_sha256", i);

      if (g_ptr_array_index (hashes, i) == NULL && cs_report_get_text (self, path) == NULL)
        g_string_append_printf (absent, "%s%u", absent->len > 0 ? ", " : "", i + 1);
    }
  if (absent->len == 0)
    return TRUE;
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE,
               _("The annotations cited as figures %s are not among the slide’s annotations"),
               absent->str);
  return FALSE;
}

/* ---- signing ----------------------------------------------------------- */

/* Records the signature over the document as it stands. */
/* The revisions[] entry of the current revision, or NULL. */
static JsonObject *
current_entry (CsReport *self)
{
  JsonNode *node = json_object_get_member (self->root, "revisions");
  JsonArray *entries = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = entries != NULL ? json_array_get_length (entries) : 0;
  JsonNode *last = n > 0 ? json_array_get_element (entries, n - 1) : NULL;

  if (last == NULL || !JSON_NODE_HOLDS_OBJECT (last) ||
      json_object_get_int_member_with_default (json_node_get_object (last), "revision", 0) !=
        cs_report_get_revision (self))
    return NULL;
  return json_node_get_object (last);
}

static void
sign (CsReport   *self,
      const char *signer)
{
  g_autofree char *now = cs_utc_now_iso8601 ();
  g_autofree char *hash = NULL;
  JsonObject *signature = json_object_new ();
  g_autofree char *nfc = g_utf8_normalize (signer, -1, G_NORMALIZE_NFC);
  g_autoptr(CsReport) snapshot = NULL;

  json_object_set_string_member (self->root, "modified", now);
  /* An amendment is dated when it is signed, not when it was begun. */
  if (cs_report_get_status (self) == CS_REPORT_STATUS_AMENDED && current_entry (self) != NULL)
    json_object_set_string_member (current_entry (self), "at", now);
  json_object_remove_member (self->root, "signature");
  hash = cs_report_compute_hash (self, NULL);
  g_assert (hash != NULL);
  json_object_set_string_member (signature, "signer", nfc);
  json_object_set_string_member (signature, "role", ROLE);
  json_object_set_string_member (signature, "signed_at", now);
  json_object_set_string_member (signature, "attestation",
                                 _("I personally reviewed the digital whole-slide images listed above."));
  json_object_set_string_member (signature, "content_sha256", hash);
  json_object_set_object_member (self->root, "signature", signature);
  snapshot = _cs_report_snapshot (self);
  cs_report_add_signed_revision (self, snapshot);
}

static CsReport *
find_signed_revision (CsReport *self,
                      gint64    revision)
{
  for (guint i = 0; i < self->signed_revisions->len; i++)
    {
      CsReport *other = g_ptr_array_index (self->signed_revisions, i);

      if (cs_report_get_revision (other) == revision)
        return other;
    }
  return NULL;
}

static gboolean
is_bookkeeping (const char *member)
{
  static const char * const kept[] = {
    "revision", "supersedes_revision", "status", "created", "modified", "signature", "revisions",
  };

  return g_strv_contains (kept, member);
}

static char *
member_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL ? cs_canonical_json (node, NULL) : NULL;
}

/* The top-level members an amendment changed, sorted. */
static JsonArray *
changed_fields (JsonObject *before,
                JsonObject *after)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) a = json_object_get_members (before);
  g_autoptr(GList) b = json_object_get_members (after);
  g_autoptr(GList) keys = NULL;
  JsonArray *changed = json_array_new ();

  for (GList *l = a; l != NULL; l = l->next)
    g_hash_table_add (names, l->data);
  for (GList *l = b; l != NULL; l = l->next)
    g_hash_table_add (names, l->data);
  keys = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) cs_canonical_json_compare_keys);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_autofree char *old = member_text (before, l->data);
      g_autofree char *new = member_text (after, l->data);

      if (!is_bookkeeping (l->data) && g_strcmp0 (old, new) != 0)
        json_array_add_string_element (changed, l->data);
    }
  return changed;
}

static void
record_changed_fields (CsReport *self)
{
  JsonNode *node = json_object_get_member (self->root, "supersedes_revision");
  CsReport *superseded;
  JsonObject *entry = current_entry (self);

  if (node == NULL || entry == NULL)
    return;
  superseded = find_signed_revision (self, json_node_get_int (node));
  if (superseded != NULL)
    json_object_set_array_member (entry, "changed_fields",
                                  changed_fields (superseded->root, self->root));
}

static gboolean
check_signer (const char *signer,
              GError    **error)
{
  if (!is_blank (signer))
    return TRUE;
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE,
               _("The opinion needs the name of who signs it"));
  return FALSE;
}

/**
 * cs_report_finalize:
 * @self: a draft or preliminary report
 * @signer: who signs
 * @annotations: (nullable): the slide's annotations
 * @error: return location for an error
 *
 * Signs the opinion: it must be complete, and every cited region found
 * in @annotations (or hashed before by cs_report_hash_regions()). The
 * cited annotations are locked as one undo step. An amendment records
 * its changed_fields and becomes "amended"; else "final". Nothing
 * changes when it fails.
 *
 * Returns: %TRUE when signed
 */
gboolean
cs_report_finalize (CsReport         *self,
                    const char       *signer,
                    CsAnnotationList *annotations,
                    GError          **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) hashes = NULL;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!_cs_report_check_editable (self, error) || !check_signer (signer, error) ||
      !cs_report_validate (self, error))
    return FALSE;
  hashes = hash_found_regions (self, annotations, found, error);
  if (hashes == NULL || !check_regions_hashed (self, hashes, error))
    return FALSE;

  if (found->len > 0)
    lock_annotations (annotations, found);
  store_region_hashes (self, hashes);
  record_changed_fields (self);
  _cs_report_set_status (self, json_object_has_member (self->root, "supersedes_revision")
                                 ? CS_REPORT_STATUS_AMENDED : CS_REPORT_STATUS_FINAL);
  sign (self, signer);
  g_signal_emit_by_name (self, "changed");
  return TRUE;
}

/* A signed, untampered, not withdrawn opinion: what addenda and
 * amendments start from. */
static gboolean
check_signed (CsReport *self,
              GError  **error)
{
  CsReportStatus status = cs_report_get_status (self);

  /* tampered: whatever was found, never signed again */
  if (self->tampered)
    {
      if (_cs_report_check_signature (self, error))
        g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED,
                     _("Revision %" PRId64 " was modified after signing"),
                     cs_report_get_revision (self));
      return FALSE;
    }
  if (cs_report_status_is_signed (status) && status != CS_REPORT_STATUS_WITHDRAWN)
    return TRUE;
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
               _("Only a signed opinion takes an addendum or an amendment; this one is %s"),
               cs_report_status_get_label (status));
  return FALSE;
}

static gboolean
check_given (const char *text,
             const char *what,
             GError    **error)
{
  if (!is_blank (text))
    return TRUE;
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INCOMPLETE,
               _("The %s is missing"), what);
  return FALSE;
}

/* Appends the revisions[] entry of a new revision and numbers it. */
static JsonObject *
begin_revision (CsReport   *self,
                const char *type,
                const char *by,
                const char *reason)
{
  gint64 revision = cs_report_get_revision (self) + 1;
  g_autofree char *now = cs_utc_now_iso8601 ();
  g_autofree char *by_nfc = g_utf8_normalize (by, -1, G_NORMALIZE_NFC);
  g_autofree char *reason_nfc = g_utf8_normalize (reason, -1, G_NORMALIZE_NFC);
  JsonNode *node = json_object_get_member (self->root, "revisions");
  JsonObject *entry = json_object_new ();

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    json_object_set_array_member (self->root, "revisions", json_array_new ());
  json_object_set_int_member (entry, "revision", revision);
  json_object_set_string_member (entry, "type", type);
  json_object_set_string_member (entry, "at", now);
  json_object_set_string_member (entry, "by", by_nfc);
  json_object_set_string_member (entry, "reason", reason_nfc);
  json_array_add_object_element (json_object_get_array_member (self->root, "revisions"), entry);
  json_object_set_int_member (self->root, "revision", revision);
  return entry;
}

/* The revision being left is in the history (a report read from one
 * file has only itself). */
static void
keep_current (CsReport *self)
{
  g_autoptr(CsReport) snapshot = NULL;

  if (find_signed_revision (self, cs_report_get_revision (self)) != NULL)
    return;
  snapshot = _cs_report_snapshot (self);
  cs_report_add_signed_revision (self, snapshot);
}

/**
 * cs_report_add_addendum:
 * @self: a signed report
 * @by: who adds it (and signs)
 * @reason: why
 * @text: what is added
 * @error: return location for an error
 *
 * Appends an addendum as a new signed revision ("addended").
 *
 * Returns: %TRUE when added
 */
gboolean
cs_report_add_addendum (CsReport   *self,
                        const char *by,
                        const char *reason,
                        const char *text,
                        GError    **error)
{
  g_autofree char *nfc = NULL;
  JsonObject *entry;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!check_signed (self, error) || !check_signer (by, error) ||
      !check_given (reason, _("reason for the addendum"), error) ||
      !check_given (text, _("text of the addendum"), error))
    return FALSE;
  keep_current (self);
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  entry = begin_revision (self, "addendum", by, reason);
  json_object_set_string_member (entry, "text", nfc);
  _cs_report_set_status (self, CS_REPORT_STATUS_ADDENDED);
  sign (self, by);
  g_signal_emit_by_name (self, "changed");
  return TRUE;
}

/**
 * cs_report_amend:
 * @self: a signed report
 * @by: who amends it
 * @reason: why
 * @error: return location for an error
 *
 * Starts an amendment: a new draft revision superseding the signed one,
 * which stays readable among the signed revisions.
 *
 * Returns: %TRUE when started
 */
gboolean
cs_report_amend (CsReport   *self,
                 const char *by,
                 const char *reason,
                 GError    **error)
{
  gint64 superseded;
  JsonObject *entry;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!check_signed (self, error) || !check_signer (by, error) ||
      !check_given (reason, _("reason for the amendment"), error))
    return FALSE;
  keep_current (self);
  superseded = cs_report_get_revision (self);
  entry = begin_revision (self, "amendment", by, reason);
  json_object_set_array_member (entry, "changed_fields", json_array_new ());
  json_object_set_int_member (self->root, "supersedes_revision", superseded);
  json_object_remove_member (self->root, "signature");
  _cs_report_set_status (self, CS_REPORT_STATUS_DRAFT);
  _cs_report_changed (self);
  return TRUE;
}

/**
 * cs_report_withdraw:
 * @self: a signed report
 * @by: who withdraws it (and signs)
 * @reason: why
 * @error: return location for an error
 *
 * Returns: %TRUE when withdrawn
 */
gboolean
cs_report_withdraw (CsReport   *self,
                    const char *by,
                    const char *reason,
                    GError    **error)
{
  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!check_signed (self, error) || !check_signer (by, error) ||
      !check_given (reason, _("reason for the withdrawal"), error))
    return FALSE;
  keep_current (self);
  begin_revision (self, "withdrawal", by, reason);
  _cs_report_set_status (self, CS_REPORT_STATUS_WITHDRAWN);
  sign (self, by);
  g_signal_emit_by_name (self, "changed");
  return TRUE;
}

/* ---- verification ------------------------------------------------------ */

static gboolean
verify_regions (CsReport         *self,
                CsAnnotationList *annotations,
                GError          **error)
{
  for (guint i = 0; i < cs_report_get_n_regions (self); i++)
    {
      g_autofree char *path = g_strdup_printf ("referenced_regions.%u.geometry_sha256", i);
      const char *stored = cs_report_get_text (self, path);
      const char *id = cs_report_get_region_annotation (self, i);
      CsAnnotation *annotation = id != NULL ? cs_annotation_list_lookup (annotations, id) : NULL;
      g_autofree char *hash = NULL;

      if (stored == NULL)
        continue;
      /* a signed figure that cannot be checked does not pass */
      if (annotation == NULL)
        {
          g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                       _("Figure %u: annotation %s not found in the given annotation files"),
                       i + 1, id != NULL ? id : "?");
          return FALSE;
        }
      hash = cs_report_geometry_sha256 (annotation, error);
      if (hash == NULL)
        return FALSE;
      if (g_strcmp0 (hash, stored) != 0)
        {
          g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED,
                       _("Figure %u: the cited annotation %s changed after signing"),
                       i + 1, id);
          return FALSE;
        }
    }
  return TRUE;
}

/* The document and the signed revision of the same number (kept apart
 * in the case store) are the same signed text. */
static gboolean
check_current_revision (CsReport *self,
                        GError  **error)
{
  CsReport *kept = find_signed_revision (self, cs_report_get_revision (self));
  const char *hash = cs_json_path_get_string (self->root, "signature.content_sha256");

  if (kept == NULL || hash == NULL ||
      g_strcmp0 (cs_json_path_get_string (kept->root, "signature.content_sha256"), hash) == 0)
    return TRUE;
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_TAMPERED,
               _("Revision %" PRId64 " was modified after signing: it differs from "
                 "the signed revision kept apart"),
               cs_report_get_revision (self));
  return FALSE;
}

/**
 * cs_report_verify:
 * @self: a report
 * @annotations: (nullable): the slide's annotations, to check the cited
 *   geometry too
 * @error: return location for an error naming the first mismatch
 *
 * Returns: %TRUE when every signed revision matches its content hash
 */
gboolean
cs_report_verify (CsReport         *self,
                  CsAnnotationList *annotations,
                  GError          **error)
{
  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  for (guint i = 0; i < self->signed_revisions->len; i++)
    if (!_cs_report_check_signature (g_ptr_array_index (self->signed_revisions, i), error))
      return FALSE;
  if (_cs_report_has_signature (self) && !_cs_report_check_signature (self, error))
    return FALSE;
  if (!check_current_revision (self, error))
    return FALSE;
  return annotations == NULL || verify_regions (self, annotations, error);
}
