/* fuzz-package.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include "cs-package.h"

/* A whole consult package (cs-package-read.c, -extract.c, -import.c):
 * opened, the manifest read, every entry checked against it, the text
 * entries extracted into a temporary folder (g_dir_make_tmp, removed
 * after) and the opinions read, as before an import. The archive is a
 * memory file; encrypted seeds use the passphrase "fuzz" (a plain
 * package opens with it too). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) opinions = NULL;
  g_autoptr(GError) error = NULL;
  int fd = -1;
  char *path = NULL;

  cs_fuzz_init ();
  path = cs_fuzz_open_file (data, size, &fd);
  opinions = cs_package_inspect_opinions (path, "fuzz", NULL, &error);
  if (opinions == NULL)
    g_assert (error != NULL);
  cs_fuzz_close_file (path, fd);

  return 0;
}
