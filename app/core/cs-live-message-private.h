/* cs-live-message-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-live-message.h"

G_BEGIN_DECLS

/* Sets a CS_LIVE_ERROR and returns FALSE. */
gboolean cs_live_fail                 (GError        **error,
                                       CsLiveError     code,
                                       const char     *format,
                                       ...) G_GNUC_PRINTF (3, 4);
/* A string member of at most @max bytes of UTF-8 without control
 * characters other than tab and newline; absent is an error only when
 * @required (then *out stays NULL). */
gboolean cs_live_get_string           (JsonObject     *object,
                                       const char     *member,
                                       gboolean        required,
                                       gsize           max,
                                       char          **out,
                                       GError        **error);
/* Reads the members @message->type uses from @root. */
gboolean cs_live_message_read_fields  (CsLiveMessage  *message,
                                       JsonObject     *root,
                                       GError        **error);

G_END_DECLS
