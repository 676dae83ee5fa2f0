/* cs-canonical-json-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-canonical-json.h"

G_BEGIN_DECLS

/* The canonical writer; @indent >= 0 adds newlines and that many spaces a
 * level (same key order and numbers): the stored form of reports. */
char *cs_canonical_json_write        (JsonNode    *node,
                                      int          indent,
                                      GError     **error);
/* SHA-256 of the canonical form of @node without its top-level member
 * @skip. */
char *cs_canonical_json_sha256_without (JsonNode   *node,
                                        const char *skip,
                                        GError    **error);
/* RFC 8785 §3.2.3 key order: UTF-16 code units. */
int   cs_canonical_json_compare_keys (const char  *a,
                                      const char  *b);

G_END_DECLS
