/* cs-fuzz-driver.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include <stdio.h>

/* Without libFuzzer (any compiler): feeds every file of the folders given
 * on the command line to the target, once, as TAP; a crash, a sanitizer
 * report or a critical fails the test. The seeds and the regression
 * inputs of each target run this way in the ordinary test suite. */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static guint
run_folder (const char *folder,
            guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      printf ("not ok %u - %s\n", n + 1, error->message);
      return n + 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      n++;
      if (!g_file_get_contents (path, &data, &len, &error))
        {
          printf ("not ok %u - %s\n", n, error->message);
          g_clear_error (&error);
          continue;
        }
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
      printf ("ok %u - %s\n", n, path);
    }

  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  setvbuf (stdout, NULL, _IOLBF, 0);
  for (int i = 1; i < argc; i++)
    n = run_folder (argv[i], n);
  printf ("1..%u\n", n);

  return 0;
}
