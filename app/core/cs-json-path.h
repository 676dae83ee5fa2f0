/* cs-json-path.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Members of a JSON document addressed by a dotted path:
 * "consultant.name", "diagnosis.0.text" (a number indexes an array). */
JsonNode   *cs_json_path_lookup     (JsonObject  *root,
                                     const char  *path);
/* The string at @path, or NULL when absent or not a string. */
const char *cs_json_path_get_string (JsonObject  *root,
                                     const char  *path);
/* Stores @value (NFC; NULL removes the member), creating the objects and
 * arrays on the way (an index may be the array's length: appended).
 * *@changed tells whether the document changed. FALSE when the path runs
 * through a value that is not an object or array, or past an array. */
gboolean    cs_json_path_set_string (JsonObject  *root,
                                     const char  *path,
                                     const char  *value,
                                     gboolean    *changed,
                                     GError     **error);
/* A string member, or NULL. */
const char *cs_json_object_get_text (JsonObject  *object,
                                     const char  *member);

/* A copy sharing nothing with @node (json_node_copy() shares objects and
 * arrays). */
JsonNode   *cs_json_node_deep_copy  (JsonNode    *node);

/* json-glib's parser recurses: the line (from 1) of JSON text where
 * arrays and objects first nest deeper than @max_depth, or 0 if they
 * never do; checked before parsing untrusted text. */
int         cs_json_find_deep_nesting (const char *data,
                                       gsize       len,
                                       int         max_depth);

G_END_DECLS
