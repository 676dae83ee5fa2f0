/* cs-report.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-canonical-json-private.h"
#include "cs-json-path.h"
#include "cs-report-private.h"
#include "cs-utils.h"

/* The opinion document of docs/FORMATS.md §8, kept whole as a JsonObject;
 * signing, addenda and amendments are in cs-report-sign.c. */

G_DEFINE_QUARK (cs-report-error-quark, cs_report_error)
G_DEFINE_FINAL_TYPE (CsReport, cs_report, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const status_names[] = {
  "draft", "preliminary", "final", "amended", "addended", "withdrawn",
};

static const char * const agreement_names[] = {
  NULL, "agree", "minor_disagreement", "major_disagreement", "cannot_assess", "not_applicable",
};

const char *
cs_report_status_to_string (CsReportStatus status)
{
  g_return_val_if_fail (status <= CS_REPORT_STATUS_WITHDRAWN, NULL);
  return status_names[status];
}

const char *
cs_report_status_get_label (CsReportStatus status)
{
  switch (status)
    {
    case CS_REPORT_STATUS_DRAFT: return _("Draft");
    case CS_REPORT_STATUS_PRELIMINARY: return _("Preliminary");
    case CS_REPORT_STATUS_FINAL: return _("Final");
    case CS_REPORT_STATUS_AMENDED: return _("Amended");
    case CS_REPORT_STATUS_ADDENDED: return _("Addended");
    case CS_REPORT_STATUS_WITHDRAWN: return _("Withdrawn");
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
cs_report_status_is_signed (CsReportStatus status)
{
  return status == CS_REPORT_STATUS_FINAL || status == CS_REPORT_STATUS_AMENDED ||
         status == CS_REPORT_STATUS_ADDENDED || status == CS_REPORT_STATUS_WITHDRAWN;
}

const char *
cs_agreement_to_string (CsAgreement agreement)
{
  g_return_val_if_fail (agreement <= CS_AGREEMENT_NOT_APPLICABLE, NULL);
  return agreement_names[agreement];
}

const char *
cs_agreement_get_label (CsAgreement agreement)
{
  switch (agreement)
    {
    case CS_AGREEMENT_NONE: return _("Not stated");
    case CS_AGREEMENT_AGREE: return _("Agree");
    case CS_AGREEMENT_MINOR: return _("Minor disagreement");
    case CS_AGREEMENT_MAJOR: return _("Major disagreement");
    case CS_AGREEMENT_CANNOT_ASSESS: return _("Cannot assess");
    case CS_AGREEMENT_NOT_APPLICABLE: return _("Not applicable");
    default: g_return_val_if_reached (NULL);
    }
}

static void
cs_report_finalize_object (GObject *object)
{
  CsReport *self = CS_REPORT (object);

  g_clear_pointer (&self->root, json_object_unref);
  g_clear_pointer (&self->signed_revisions, g_ptr_array_unref);
  G_OBJECT_CLASS (cs_report_parent_class)->finalize (object);
}

static void
cs_report_class_init (CsReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_report_finalize_object;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_report_init (CsReport *self)
{
  self->signed_revisions = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cs_report_new:
 *
 * Returns: (transfer full): an empty draft, revision 1, with a fresh id
 */
CsReport *
cs_report_new (void)
{
  CsReport *self = g_object_new (CS_TYPE_REPORT, NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("urn:uuid:", uuid, NULL);
  g_autofree char *now = cs_utc_now_iso8601 ();

  self->root = json_object_new ();
  json_object_set_string_member (self->root, "schema", CS_REPORT_SCHEMA);
  json_object_set_string_member (self->root, "report_id", id);
  json_object_set_int_member (self->root, "revision", 1);
  json_object_set_string_member (self->root, "status", "draft");
  json_object_set_string_member (self->root, "created", now);
  json_object_set_string_member (self->root, "modified", now);
  return self;
}

static gboolean
parse_status (const char     *text,
              CsReportStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

/* What a document needs to be handled as a report at all. */
static gboolean
check_document (JsonObject  *root,
                GError     **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  const char *schema = cs_json_object_get_text (root, "schema");
  JsonNode *revision = json_object_get_member (root, "revision");
  CsReportStatus status;

  if (schema != NULL && !g_str_has_prefix (schema, "io.github.consilium.report/1."))
    {
      g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                   _("Unknown report schema “%s”"), schema);
      return FALSE;
    }
  if (schema == NULL)
    g_ptr_array_add (missing, (char *) "schema");
  if (cs_json_object_get_text (root, "report_id") == NULL)
    g_ptr_array_add (missing, (char *) "report_id");
  if (revision == NULL || json_node_get_value_type (revision) != G_TYPE_INT64 ||
      json_node_get_int (revision) < 1)
    g_ptr_array_add (missing, (char *) "revision");
  if (!parse_status (cs_json_object_get_text (root, "status"), &status))
    g_ptr_array_add (missing, (char *) "status");
  if (missing->len == 0)
    return TRUE;
  g_ptr_array_add (missing, NULL);
  {
    g_autofree char *names = g_strjoinv (", ", (char **) missing->pdata);

    g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                 _("Not a report: missing or invalid %s"), names);
  }
  return FALSE;
}

/**
 * cs_report_new_from_data:
 * @data: JSON text (docs/FORMATS.md §8)
 * @len: its length, or -1
 * @error: return location for an error
 *
 * Returns: (transfer full): the report, or %NULL
 */
CsReport *
cs_report_new_from_data (const char *data,
                         gssize      len,
                         GError    **error)
{
  g_autoptr(JsonNode) node = cs_canonical_json_parse (data, len, error);
  CsReport *self;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                   _("Not a report: the document is not a JSON object"));
      return NULL;
    }
  if (!check_document (json_node_get_object (node), error))
    return NULL;

  self = g_object_new (CS_TYPE_REPORT, NULL);
  self->root = json_object_ref (json_node_get_object (node));
  /* a stored hash is checked whatever the status: a signed file turned
   * back into a draft is tampered, not editable */
  if (_cs_report_has_signature (self))
    {
      g_autoptr(CsReport) snapshot = NULL;

      self->tampered = !_cs_report_check_signature (self, NULL);
      snapshot = _cs_report_snapshot (self);
      cs_report_add_signed_revision (self, snapshot);
    }
  return self;
}

/**
 * cs_report_new_from_file:
 * @path: a report file
 * @error: return location for an error, naming @path
 *
 * Returns: (transfer full): the report, or %NULL
 */
CsReport *
cs_report_new_from_file (const char *path,
                         GError    **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;
  CsReport *self;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  self = cs_report_new_from_data (data, len, &local);
  if (self == NULL)
    g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
  return self;
}

/**
 * cs_report_to_data:
 * @self: a report
 * @len: (out) (optional): the length
 *
 * Returns: (transfer full): the document, keys in canonical order,
 *   indented two spaces, ending in a newline
 */
char *
cs_report_to_data (CsReport *self,
                   gsize    *len)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), self->root);
  g_autoptr(GError) error = NULL;
  char *text = cs_canonical_json_write (node, 2, &error);
  char *data;

  /* every string was checked when it was stored; numbers are finite */
  g_assert_no_error (error);
  data = g_strconcat (text, "\n", NULL);
  g_free (text);
  if (len != NULL)
    *len = strlen (data);
  return data;
}

/**
 * cs_report_save:
 * @self: a report
 * @path: where
 * @error: return location for an error
 *
 * Writes the document atomically.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_report_save (CsReport   *self,
                const char *path,
                GError    **error)
{
  gsize len;
  char *data = cs_report_to_data (self, &len);
  g_autoptr(GBytes) bytes = g_bytes_new_take (data, len);

  return cs_write_bytes_atomically (path, TRUE, bytes, error);
}

JsonObject *
cs_report_get_root (CsReport *self)
{
  g_return_val_if_fail (CS_IS_REPORT (self), NULL);
  return self->root;
}

const char *
cs_report_get_id (CsReport *self)
{
  g_return_val_if_fail (CS_IS_REPORT (self), NULL);
  return cs_json_object_get_text (self->root, "report_id");
}

gint64
cs_report_get_revision (CsReport *self)
{
  g_return_val_if_fail (CS_IS_REPORT (self), 0);
  return json_object_get_int_member_with_default (self->root, "revision", 1);
}

CsReportStatus
cs_report_get_status (CsReport *self)
{
  CsReportStatus status = CS_REPORT_STATUS_DRAFT;

  g_return_val_if_fail (CS_IS_REPORT (self), CS_REPORT_STATUS_DRAFT);
  parse_status (cs_json_object_get_text (self->root, "status"), &status);
  return status;
}

gboolean
cs_report_get_tampered (CsReport *self)
{
  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);
  return self->tampered;
}

gboolean
cs_report_is_frozen (CsReport *self)
{
  g_return_val_if_fail (CS_IS_REPORT (self), TRUE);
  return self->tampered || cs_report_status_is_signed (cs_report_get_status (self));
}

void
_cs_report_changed (CsReport *self)
{
  g_autofree char *now = cs_utc_now_iso8601 ();

  json_object_set_string_member (self->root, "modified", now);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
_cs_report_check_editable (CsReport *self,
                           GError  **error)
{
  if (!cs_report_is_frozen (self))
    return TRUE;
  g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_FROZEN,
               _("The opinion is signed (%s): it changes only by an addendum or an amendment"),
               cs_report_status_get_label (cs_report_get_status (self)));
  return FALSE;
}

void
_cs_report_set_status (CsReport      *self,
                       CsReportStatus status)
{
  json_object_set_string_member (self->root, "status", status_names[status]);
}

/**
 * cs_report_set_preliminary:
 * @self: a draft
 * @error: return location for an error
 *
 * Marks the opinion preliminary: issued as not final, still editable.
 *
 * Returns: %TRUE unless the opinion is signed
 */
gboolean
cs_report_set_preliminary (CsReport *self,
                           GError  **error)
{
  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);

  if (!_cs_report_check_editable (self, error))
    return FALSE;
  if (cs_report_get_status (self) == CS_REPORT_STATUS_PRELIMINARY)
    return TRUE;
  _cs_report_set_status (self, CS_REPORT_STATUS_PRELIMINARY);
  _cs_report_changed (self);
  return TRUE;
}

const char *
cs_report_get_text (CsReport   *self,
                    const char *path)
{
  g_return_val_if_fail (CS_IS_REPORT (self), NULL);
  return cs_json_path_get_string (self->root, path);
}

/* Members the setters may not touch: they follow the status rules. */
static gboolean
is_managed (const char *path)
{
  static const char * const managed[] = {
    "schema", "report_id", "revision", "supersedes_revision", "status",
    "created", "modified", "signature", "revisions", "referenced_regions",
  };
  g_autofree char *head = g_strdup (path);
  char *dot = strchr (head, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strv_contains (managed, head);
}

/**
 * cs_report_set_text:
 * @self: a report
 * @path: a dotted path, e.g. "consultant.name"
 * @value: (nullable): the text (stored NFC), or %NULL to remove it
 * @error: return location for an error
 *
 * Returns: %TRUE when stored; FALSE on a frozen report
 *   (%CS_REPORT_ERROR_FROZEN) or a path that cannot hold text
 */
gboolean
cs_report_set_text (CsReport   *self,
                    const char *path,
                    const char *value,
                    GError    **error)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (value == NULL || g_utf8_validate (value, -1, NULL), FALSE);

  if (!_cs_report_check_editable (self, error))
    return FALSE;
  if (is_managed (path))
    {
      g_set_error (error, CS_REPORT_ERROR, CS_REPORT_ERROR_INVALID,
                   _("The field “%s” is kept by the report itself"), path);
      return FALSE;
    }
  if (!cs_json_path_set_string (self->root, path, value, &changed, error))
    return FALSE;
  if (changed)
    _cs_report_changed (self);
  return TRUE;
}

CsAgreement
cs_report_get_agreement (CsReport *self)
{
  const char *category = cs_report_get_text (self, "agreement.category");

  for (guint i = 1; i < G_N_ELEMENTS (agreement_names); i++)
    if (g_strcmp0 (category, agreement_names[i]) == 0)
      return i;
  return CS_AGREEMENT_NONE;
}

gboolean
cs_report_set_agreement (CsReport   *self,
                         CsAgreement agreement,
                         GError    **error)
{
  g_return_val_if_fail (agreement <= CS_AGREEMENT_NOT_APPLICABLE, FALSE);
  return cs_report_set_text (self, "agreement.category", agreement_names[agreement], error);
}

static JsonObject *
agreement_object (CsReport *self)
{
  JsonNode *node = json_object_get_member (self->root, "agreement");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
is_agreement_flag (const char *flag)
{
  static const char * const flags[] = {
    "diagnosis_changed", "treatment_impact", "prognosis_impact", NULL,
  };

  return flag != NULL && g_strv_contains (flags, flag);
}

/**
 * cs_report_get_agreement_flag:
 * @self: a report
 * @flag: "diagnosis_changed", "treatment_impact" or "prognosis_impact"
 *
 * Returns: the impact flag of the agreement; %FALSE when absent
 */
gboolean
cs_report_get_agreement_flag (CsReport   *self,
                              const char *flag)
{
  JsonObject *agreement;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (is_agreement_flag (flag), FALSE);

  agreement = agreement_object (self);
  if (agreement == NULL || !json_object_has_member (agreement, flag) ||
      json_node_get_value_type (json_object_get_member (agreement, flag)) != G_TYPE_BOOLEAN)
    return FALSE;
  return json_object_get_boolean_member (agreement, flag);
}

/**
 * cs_report_set_agreement_flag:
 * @self: a report
 * @flag: "diagnosis_changed", "treatment_impact" or "prognosis_impact"
 * @value: the flag
 * @error: return location for an error
 *
 * Returns: %TRUE when stored; %FALSE on a frozen report
 */
gboolean
cs_report_set_agreement_flag (CsReport   *self,
                              const char *flag,
                              gboolean    value,
                              GError    **error)
{
  JsonObject *agreement;

  g_return_val_if_fail (CS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (is_agreement_flag (flag), FALSE);

  if (!_cs_report_check_editable (self, error))
    return FALSE;
  agreement = agreement_object (self);
  if (agreement == NULL)
    {
      agreement = json_object_new ();
      json_object_set_object_member (self->root, "agreement", agreement);
    }
  if (json_object_has_member (agreement, flag) &&
      json_node_get_value_type (json_object_get_member (agreement, flag)) == G_TYPE_BOOLEAN &&
      json_object_get_boolean_member (agreement, flag) == !!value)
    return TRUE;
  json_object_set_boolean_member (agreement, flag, !!value);
  _cs_report_changed (self);
  return TRUE;
}

/**
 * cs_report_add_signed_revision:
 * @self: a report
 * @revision: an earlier signed revision of it (its report.r<N>.json)
 *
 * Adds a revision read from its own file to the history, in revision
 * order; one of the same number already there is replaced.
 */
void
cs_report_add_signed_revision (CsReport *self,
                               CsReport *revision)
{
  gint64 number = cs_report_get_revision (revision);
  guint i;

  g_return_if_fail (CS_IS_REPORT (self) && CS_IS_REPORT (revision));

  for (i = 0; i < self->signed_revisions->len; i++)
    {
      gint64 other = cs_report_get_revision (g_ptr_array_index (self->signed_revisions, i));

      if (other == number)
        g_ptr_array_remove_index (self->signed_revisions, i);
      if (other >= number)
        break;
    }
  g_ptr_array_insert (self->signed_revisions, i, g_object_ref (revision));
}

/**
 * cs_report_get_signed_revisions:
 * @self: a report
 *
 * Returns: (transfer none) (element-type CsReport): every signed revision,
 *   oldest first, the current one included once it is signed
 */
GPtrArray *
cs_report_get_signed_revisions (CsReport *self)
{
  g_return_val_if_fail (CS_IS_REPORT (self), NULL);
  return self->signed_revisions;
}

CsReport *
_cs_report_snapshot (CsReport *self)
{
  CsReport *copy = g_object_new (CS_TYPE_REPORT, NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), self->root);
  g_autoptr(JsonNode) deep = cs_json_node_deep_copy (node);

  copy->root = json_object_ref (json_node_get_object (deep));
  copy->tampered = self->tampered;
  return copy;
}
