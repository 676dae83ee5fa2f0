/* test-locale-numbers.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Numbers shown to the user follow the locale (a Russian decimal comma);
 * numbers written to files never do; the words of the report and the
 * class names come out of the real ru/ja catalogues. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cs-canonical-json.h"
#include "cs-class-table.h"
#include "cs-magnification.h"
#include "cs-measure.h"
#include "cs-report-layout-private.h"
#include "cs-scale-bar.h"
#include "cs-test-utils.h"

static char *locale_dir;

static gboolean
spawn_ok (const char * const *argv)
{
  int status = 1;

  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* The locales the tests use, built with localedef into a temporary
 * LOCPATH when the system lacks one of them: all of them then, because
 * glibc looks only there once LOCPATH is set. Before any is asked for
 * under LOCPATH (glibc remembers a locale it did not find). */
static void
prepare_locales (void)
{
  const char * const locales[] = { "ru_RU", "ja_JP" };
  gboolean all_installed = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *name = g_strconcat (locales[i], ".UTF-8", NULL);

      all_installed &= setlocale (LC_ALL, name) != NULL;
    }
  setlocale (LC_ALL, "C.UTF-8");
  if (all_installed)
    return;

  locale_dir = cs_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *name = g_strconcat (locales[i], ".UTF-8", NULL);
      g_autofree char *target = g_build_filename (locale_dir, name, NULL);

      spawn_ok ((const char * const[]) { "localedef", "-i", locales[i], "-f", "UTF-8",
                                         target, NULL });
    }
  g_setenv ("LOCPATH", locale_dir, TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

/* @locale ("ru_RU") in UTF-8 for @category; FALSE (and the test skipped)
 * when it is neither installed nor could be built. */
static gboolean
use_locale (int         category,
            const char *locale)
{
  g_autofree char *name = g_strconcat (locale, ".UTF-8", NULL);

  if (setlocale (category, name) != NULL)
    return TRUE;
  g_test_skip_printf ("%s is neither installed nor buildable with localedef "
                      "(install the 'locales' package): not checked", name);
  return FALSE;
}

static gboolean
use_russian_numbers (void)
{
  return use_locale (LC_NUMERIC, "ru_RU");
}

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
test_display_numbers_follow_locale (void)
{
  g_autofree char *length = NULL;
  g_autofree char *area = NULL;
  g_autofree char *magnification = NULL;
  g_autofree char *zoom = NULL;
  g_autofree char *bar = NULL;
  g_autofree char *position = NULL;

  if (!use_russian_numbers ())
    return;

  length = cs_measure_format_length (12.5, TRUE);
  area = cs_measure_format_area (0.25e6, TRUE);
  magnification = cs_magnification_format (2.5);
  zoom = cs_magnification_format_zoom (0.063);
  bar = cs_scale_bar_format_length (0.5);
  position = cs_scale_bar_format_position (1000, 2000, 0.25, 0.25);
  setlocale (LC_NUMERIC, "C");

  assert_has (length, "12,5");
  assert_has (area, "0,25");
  assert_has (magnification, "2,5");
  assert_has (zoom, "6,3");
  assert_has (bar, "0,5");
  assert_has (position, "250,0");
}

/* The same locale: a file's numbers keep the dot. */
static void
test_file_numbers_ignore_locale (void)
{
  g_autofree char *json = NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!use_russian_numbers ())
    return;

  g_ascii_dtostr (buffer, sizeof buffer, 0.25);
  json = cs_canonical_json_number (0.252);
  setlocale (LC_NUMERIC, "C");

  g_assert_cmpstr (buffer, ==, "0.25");
  g_assert_cmpstr (json, ==, "0.252");
}

/* The catalogue of @lang compiled from po/@lang.po and bound; the
 * messages in @locale. FALSE (skipped) without msgfmt or the locale. */
static gboolean
use_catalogue (const char *lang,
               const char *locale)
{
  const char *root = g_getenv ("CS_SOURCE_ROOT");
  g_autofree char *po = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *messages = NULL;

  if (root == NULL)
    {
      g_test_skip ("CS_SOURCE_ROOT is not set: the catalogues are not found");
      return FALSE;
    }
  if (!use_locale (LC_ALL, locale))
    return FALSE;
  if (locale_dir == NULL)
    locale_dir = cs_test_make_tmpdir ();
  po = g_strdup_printf ("%s/po/%s.po", root, lang);
  dir = g_build_filename (locale_dir, "messages", lang, "LC_MESSAGES", NULL);
  mo = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
  g_mkdir_with_parents (dir, 0700);
  if (!spawn_ok ((const char * const[]) { "msgfmt", "-o", mo, po, NULL }))
    {
      g_test_skip_printf ("msgfmt cannot compile %s", po);
      return FALSE;
    }
  messages = g_build_filename (locale_dir, "messages", NULL);
  bindtextdomain (GETTEXT_PACKAGE, messages);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", lang, TRUE);
  return TRUE;
}

static void
back_to_c (void)
{
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
}

/* What a language's catalogue must make of the same values. */
typedef struct
{
  const char *lang;
  const char *locale;
  const char *necrosis;   /* the built-in class "Necrosis" */
  const char *urgent;     /* priority "urgent" */
  const char *phrase;     /* "consistent_with", "SCC" */
  const char *time;       /* 2026-08-09T14:02:11Z */
  const char *length;     /* 12.5 µm */
} Expected;

/* Russian: the diagnosis after a colon (it stays in the nominative), the
 * day first, a decimal comma, мкм. Japanese: the diagnosis before its
 * certainty ("SCCに合致", upright: no italic kana), year first, dots, µm. */
static const Expected expected[] = {
  { "ru", "ru_RU", "Некроз", "Срочно", "<i>Картина соответствует: </i><b>SCC</b>",
    "09.08.2026 14:02 UTC", "12,5 мкм" },
  { "ja", "ja_JP", "壊死", "至急", "<b>SCC</b>に合致",
    "2026年8月9日 14:02 UTC", "12.5 µm" },
};

static void
test_catalogue_words (gconstpointer data)
{
  const Expected *want = data;
  g_autofree char *phrase = NULL;
  g_autofree char *time = NULL;
  g_autofree char *length = NULL;
  const char *necrosis, *custom, *urgent;

  if (!use_catalogue (want->lang, want->locale))
    return;
  phrase = _cs_report_layout_diagnosis_markup ("consistent_with", "SCC");
  time = _cs_report_layout_format_time ("2026-08-09T14:02:11Z");
  length = cs_measure_format_length (12.5, TRUE);
  necrosis = cs_class_name_get_display ("Necrosis");
  custom = cs_class_name_get_display ("Tumour, grade 2");
  urgent = _cs_report_layout_priority_label ("urgent");
  back_to_c ();

  g_assert_cmpstr (necrosis, ==, want->necrosis);
  g_assert_cmpstr (custom, ==, "Tumour, grade 2");
  g_assert_cmpstr (urgent, ==, want->urgent);
  g_assert_cmpstr (phrase, ==, want->phrase);
  g_assert_cmpstr (time, ==, want->time);
  g_assert_cmpstr (length, ==, want->length);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Untranslated text: only the numbers change. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  prepare_locales ();

  g_test_add_func ("/cs/locale/display-numbers", test_display_numbers_follow_locale);
  g_test_add_func ("/cs/locale/file-numbers", test_file_numbers_ignore_locale);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cs/locale/words-%s", expected[i].lang);

      g_test_add_data_func (path, &expected[i], test_catalogue_words);
    }

  status = g_test_run ();
  if (locale_dir != NULL)
    cs_test_remove_tree (locale_dir);
  return status;
}
