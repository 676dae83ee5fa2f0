/* fuzz-case.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include "cs-case.h"

/* case.json (cs-case.c, the case store's loader): parsed, and what it
 * writes back read again. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CsCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  cs_fuzz_init ();
  kase = cs_case_new_from_data ((const char *) data, (gssize) size, &error);
  if (kase != NULL)
    {
      gsize len = 0;
      g_autofree char *out = cs_case_to_data (kase, &len);
      g_autoptr(CsCase) again = cs_case_new_from_data (out, (gssize) len, &error);

      if (again == NULL)
        g_error ("a case written back does not read: %s", error->message);
    }
  else
    g_assert (error != NULL);

  return 0;
}
