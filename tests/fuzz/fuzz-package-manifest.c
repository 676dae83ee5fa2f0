/* fuzz-package-manifest.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include "cs-package.h"

/* A consult package's manifest.json (cs-package-manifest-parse.c):
 * parsed, and what it writes back read again. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CsPackageManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;

  cs_fuzz_init ();
  manifest = cs_package_manifest_parse ((const char *) data, size, "fuzz.consult", &error);
  if (manifest != NULL)
    {
      gsize len = 0;
      g_autofree char *out = cs_package_manifest_to_data (manifest, &len);
      g_autoptr(CsPackageManifest) again = cs_package_manifest_parse (out, len, "again",
                                                                      &error);

      if (again == NULL)
        g_error ("a manifest written back does not read: %s", error->message);
    }
  else
    g_assert (error != NULL);

  return 0;
}
