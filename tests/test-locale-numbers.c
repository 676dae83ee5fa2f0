/* test-locale-numbers.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Numbers shown to the user follow the locale (a Russian decimal comma);
 * numbers written to files never do. */

#include "config.h"

#include <locale.h>

#include "cs-canonical-json.h"
#include "cs-magnification.h"
#include "cs-measure.h"
#include "cs-scale-bar.h"
#include "cs-test-utils.h"

static char *locale_dir;

/* ru_RU.UTF-8 for LC_NUMERIC: the system's, else one built with
 * localedef into a temporary LOCPATH. FALSE (and the test skipped) when
 * neither works. */
static gboolean
use_russian_numbers (void)
{
  const char *argv[] = { "localedef", "-i", "ru_RU", "-f", "UTF-8", NULL, NULL };
  g_autofree char *target = NULL;
  int status = 1;

  if (setlocale (LC_NUMERIC, "ru_RU.UTF-8") != NULL)
    return TRUE;
  if (locale_dir == NULL)
    {
      locale_dir = cs_test_make_tmpdir ();
      target = g_build_filename (locale_dir, "ru_RU.UTF-8", NULL);
      argv[5] = target;
      if (g_spawn_sync (NULL, (char **) argv, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                        G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        g_setenv ("LOCPATH", locale_dir, TRUE);
    }
  if (setlocale (LC_NUMERIC, "ru_RU.UTF-8") != NULL)
    return TRUE;
  g_test_skip ("ru_RU.UTF-8 is neither installed nor buildable with localedef "
               "(install the 'locales' package): the decimal comma is not checked");
  return FALSE;
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

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Untranslated text: only the numbers change. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cs/locale/display-numbers", test_display_numbers_follow_locale);
  g_test_add_func ("/cs/locale/file-numbers", test_file_numbers_ignore_locale);

  status = g_test_run ();
  if (locale_dir != NULL)
    cs_test_remove_tree (locale_dir);
  return status;
}
