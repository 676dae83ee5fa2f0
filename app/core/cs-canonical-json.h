/* cs-canonical-json.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* RFC 8785 (JSON Canonicalization Scheme) as docs/FORMATS.md §8 states it:
 * keys sorted by UTF-16 code units at every depth, no whitespace, minimal
 * string escapes, numbers as ECMAScript prints doubles. Errors for NaN,
 * infinities and invalid UTF-8. */
char  *cs_canonical_json          (JsonNode    *node,
                                   GError     **error);
/* ECMAScript Number.prototype.toString of @value (finite). */
char  *cs_canonical_json_number   (double       value);
/* SHA-256 (64 lowercase hex) of the canonical form. */
char  *cs_canonical_json_sha256   (JsonNode    *node,
                                   GError     **error);
/* Parses @data refusing duplicate keys and lone surrogates (I-JSON), which
 * json-glib accepts; errors name the line. */
JsonNode *cs_canonical_json_parse (const char  *data,
                                   gssize       len,
                                   GError     **error);

G_END_DECLS
