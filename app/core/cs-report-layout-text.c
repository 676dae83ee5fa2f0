/* cs-report-layout-text.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-report-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-report-layout-private.h"

/* The printed words for the report's stored values, in the reader's
 * language: times in the locale's order, the priority, and a diagnosis
 * with its certainty as one sentence. The stored values (JSON) never
 * change. */

/* "2026-08-09T14:02:11Z" → "2026-08-09 14:02 UTC" (English),
 * "09.08.2026 14:02 UTC" (Russian), "2026年08月09日 14:02 UTC" (Japanese). */
char *
_cs_report_layout_format_time (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;

  if (iso == NULL)
    return NULL;
  time = g_date_time_new_from_iso8601 (iso, NULL);
  if (time == NULL)
    return g_strdup (iso);
  /* Translators: a date and time in a printed report, as
   * g_date_time_format() takes it: put the day, month and year in your
   * locale's order (%d day, %m month, %Y year, %H:%M hours:minutes);
   * keep "UTC", the time is in UTC */
  return g_date_time_format (time, C_("report time", "%Y-%m-%d %H:%M UTC"));
}

/* "routine" → "Routine"; a value this version does not know, as it is. */
const char *
_cs_report_layout_priority_label (const char *priority)
{
  if (g_strcmp0 (priority, "routine") == 0)
    /* Translators: the priority of a consultation request */
    return C_("priority", "Routine");
  if (g_strcmp0 (priority, "urgent") == 0)
    /* Translators: the priority of a consultation request */
    return C_("priority", "Urgent");
  return priority;
}

static const struct
{
  const char *name;
  const char *label;
  const char *sentence;
} certainties[] = {
  /* Translators: the certainty of a diagnosis, alone (the diagnosis is
   * not written yet) */
  { "definitive", N_("Definitive"),
    /* Translators: %s is a diagnosis as the pathologist wrote it
     * ("adenocarcinoma"), printed in bold; make a whole phrase in which
     * the diagnosis can stay in the nominative, e.g. with a colon */
    N_("%s (definitive)") },
  { "consistent_with", N_("Consistent with"), N_("Consistent with %s") },
  { "suggestive_of", N_("Suggestive of"), N_("Suggestive of %s") },
  { "cannot_exclude", N_("Cannot exclude"), N_("Cannot exclude %s") },
  { "indeterminate", N_("Indeterminate"), N_("Indeterminate: %s") },
};

/* The certainty alone: "Consistent with"; an unknown value as it is. */
const char *
_cs_report_layout_certainty_label (const char *certainty)
{
  for (guint i = 0; certainty != NULL && i < G_N_ELEMENTS (certainties); i++)
    if (g_str_equal (certainty, certainties[i].name))
      return _(certainties[i].label);
  return certainty;
}

/* Chinese, Japanese and Korean have no italics (a slanted kana is a
 * fault, not emphasis): their words are set upright. */
static gboolean
has_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL)
        return TRUE;
    }
  return FALSE;
}

/* @part (@length bytes, or -1) escaped, in italics unless empty or CJK. */
static char *
phrase_markup (const char *part,
               gssize      length)
{
  g_autofree char *copy = g_strndup (part, length >= 0 ? (gsize) length : strlen (part));
  g_autofree char *escaped = g_markup_escape_text (copy, -1);

  if (*copy == '\0' || has_cjk (copy))
    return g_steal_pointer (&escaped);
  return g_strdup_printf ("<i>%s</i>", escaped);
}

/* Pango markup of a diagnosis with its certainty, as one translated
 * phrase: "<i>Consistent with</i> <b>adenocarcinoma</b>". The words of
 * the phrase are italic (upright in CJK), the diagnosis bold.
 * @certainty may be NULL; @text may not. */
char *
_cs_report_layout_diagnosis_markup (const char *certainty,
                                    const char *text)
{
  const char *format = NULL;
  const char *at;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; certainty != NULL && i < G_N_ELEMENTS (certainties); i++)
    if (g_str_equal (certainty, certainties[i].name))
      format = _(certainties[i].sentence);
  if (certainty != NULL && format == NULL)
    /* A certainty this version does not know: its word, then the text. */
    return g_markup_printf_escaped ("<i>%s</i> <b>%s</b>", certainty, text);
  at = format != NULL ? strstr (format, "%s") : NULL;
  /* No certainty, or a translation without its %s: the diagnosis alone. */
  if (at == NULL)
    return g_markup_printf_escaped ("<b>%s</b>", text);
  before = phrase_markup (format, at - format);
  after = phrase_markup (at + 2, -1);
  escaped = g_markup_escape_text (text, -1);
  return g_strdup_printf ("%s<b>%s</b>%s", before, escaped, after);
}
