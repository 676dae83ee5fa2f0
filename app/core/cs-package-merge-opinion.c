/* cs-package-merge-opinion.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-package-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "cs-package-import-private.h"

/* Whether a received opinion may replace the receiver's of the same id
 * (main thread, from _cs_package_merge_case()). A signed opinion is the
 * record of what its consultant attested: a draft never replaces it, and
 * a newer signed revision only when the same consultant signed it and its
 * signed history holds every signed revision the receiver has, unchanged.
 * An unsigned opinion here (a draft, a preliminary opinion) is replaced
 * by a newer one of the same consultant (a later revision, the same one
 * signed, or changed later) that keeps its signed history. Everything else keeps the receiver's, with a warning saying
 * why. */

static const char *
who (CsReport *report)
{
  const char *name = cs_report_get_text (report, "consultant.name");

  return name != NULL && *name != '\0' ? name : _("an unknown author");
}

static const char *
content_hash (CsReport *report)
{
  return cs_report_get_text (report, "signature.content_sha256");
}

static gboolean
is_signed (CsReport *report)
{
  return cs_report_status_is_signed (cs_report_get_status (report)) &&
         content_hash (report) != NULL;
}

/* The signed revision @revision of @report, or NULL. */
static CsReport *
signed_revision (CsReport *report,
                 gint64    revision)
{
  GPtrArray *revisions = cs_report_get_signed_revisions (report);

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      CsReport *candidate = g_ptr_array_index (revisions, i);

      if (cs_report_get_revision (candidate) == revision)
        return candidate;
    }
  return NULL;
}

/* Every signed revision of @own is in @incoming's history with the same
 * content hash. */
static gboolean
keeps_history (CsReport *own,
               CsReport *incoming)
{
  GPtrArray *revisions = cs_report_get_signed_revisions (own);

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      CsReport *mine = g_ptr_array_index (revisions, i);
      CsReport *theirs = signed_revision (incoming, cs_report_get_revision (mine));

      if (theirs == NULL || content_hash (mine) == NULL ||
          g_strcmp0 (content_hash (mine), content_hash (theirs)) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_content (CsReport *own,
              CsReport *incoming)
{
  g_autofree char *mine = cs_report_compute_hash (own, NULL);
  g_autofree char *theirs = cs_report_compute_hash (incoming, NULL);

  return mine != NULL && g_strcmp0 (mine, theirs) == 0 &&
         g_strcmp0 (content_hash (own), content_hash (incoming)) == 0;
}

/* A later revision; of the same revision, the signed one when only one
 * is (signing a draft keeps its revision), else the one changed later. */
static gboolean
is_newer (CsReport *own,
          CsReport *incoming)
{
  gint64 revision = cs_report_get_revision (incoming);

  if (revision != cs_report_get_revision (own))
    return revision > cs_report_get_revision (own);
  if (is_signed (own) || is_signed (incoming))
    return !is_signed (own);
  return g_strcmp0 (cs_report_get_text (incoming, "modified"),
                    cs_report_get_text (own, "modified")) > 0;
}

/* NULL when @incoming may replace @own (or is the same), else why not
 * (translated). */
static char *
refusal (CsReport *own,
         CsReport *incoming)
{
  gint64 revision = cs_report_get_revision (incoming);

  if (cs_report_get_tampered (incoming))
    return g_strdup (_("the received one was modified after signing"));
  if (same_content (own, incoming))
    return NULL;
  if (revision == cs_report_get_revision (own) && is_signed (own))
    return g_strdup_printf (_("the received revision %" PRId64 " differs from "
                              "yours of the same revision"), revision);
  if (!is_newer (own, incoming))
    return g_strdup (_("yours is later"));
  if (is_signed (own) && !is_signed (incoming))
    return g_strdup (_("yours is signed and the received one is not: an unsigned draft "
                       "never replaces a signed opinion"));
  if (is_signed (own) ? g_strcmp0 (cs_report_get_text (own, "signature.signer"),
                                   cs_report_get_text (incoming, "signature.signer")) != 0
                      : g_strcmp0 (cs_report_get_text (own, "consultant.name"),
                                   cs_report_get_text (incoming, "consultant.name")) != 0)
    return g_strdup (_("the received one is by another consultant"));
  if (!keeps_history (own, incoming))
    return g_strdup (_("the received one does not carry your signed revisions unchanged"));
  return NULL;
}

/* Returns TRUE when @incoming replaced @own; else a warning in @result
 * unless they are the same. */
gboolean
_cs_package_merge_opinion_into (CsCase                *kase,
                                CsReport              *own,
                                CsReport              *incoming,
                                CsPackageImportResult *result)
{
  g_autofree char *why = refusal (own, incoming);

  if (why == NULL)
    return !same_content (own, incoming) && cs_case_replace_report (kase, incoming);
  /* a tampered one is reported in result->tampered already */
  if (!cs_report_get_tampered (incoming))
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (_("The opinion by %s (%s), revision %" PRId64
                                        ": kept yours (revision %" PRId64 "): %s"),
                                      who (incoming), cs_report_get_id (incoming),
                                      cs_report_get_revision (incoming),
                                      cs_report_get_revision (own), why));
  return FALSE;
}
