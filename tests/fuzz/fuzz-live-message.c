/* fuzz-live-message.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz.h"

#include <string.h>

#include "cs-live-message.h"

/* Live-consultation messages (cs-live-message*.c): whatever parses must
 * serialise, and its text must parse again to the same text. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsLiveMessage) message = NULL;
  g_autoptr(CsLiveMessage) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  cs_fuzz_init ();
  message = cs_live_message_parse ((const char *) data, size, &error);
  if (message == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  json = cs_live_message_to_json (message, &error);
  g_assert_no_error (error);
  again = cs_live_message_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  json_again = cs_live_message_to_json (again, &error);
  g_assert_no_error (error);
  g_assert (g_str_equal (json, json_again));

  return 0;
}
