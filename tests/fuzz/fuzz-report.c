/* fuzz-report.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include "cs-report.h"

/* An opinion's JSON (cs-report.c): parsed (a signed one hashed and
 * checked), and what it writes back read again. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CsReport) report = NULL;
  g_autoptr(GError) error = NULL;

  cs_fuzz_init ();
  report = cs_report_new_from_data ((const char *) data, (gssize) size, &error);
  if (report != NULL)
    {
      gsize len = 0;
      g_autofree char *out = cs_report_to_data (report, &len);
      g_autoptr(CsReport) again = cs_report_new_from_data (out, (gssize) len, &error);

      if (again == NULL)
        g_error ("a report written back does not read: %s", error->message);
    }
  else
    g_assert (error != NULL);

  return 0;
}
