/* cs-test-annotations.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"

G_BEGIN_DECLS

typedef gboolean (*CsTestReadFunc)  (const char               *data,
                                     gsize                     len,
                                     const char               *name,
                                     CsAnnotationImport       *result,
                                     GError                  **error);
typedef gboolean (*CsTestWriteFunc) (GOutputStream            *stream,
                                     GPtrArray                *annotations,
                                     const CsAnnotationExport *context,
                                     GError                  **error);

/* The bytes of $CS_SHARED_DIR/annotations/@path, or NULL when absent. */
GBytes             *cs_test_annotation_sample   (const char         *path);
/* Reads @bytes with @read; asserts success. */
CsAnnotationImport *cs_test_read_bytes          (CsTestReadFunc      read,
                                                 CsAnnotationFormat  format,
                                                 GBytes             *bytes);
/* Reads @text (NUL-terminated) with @read; asserts success. */
CsAnnotationImport *cs_test_read_string         (CsTestReadFunc      read,
                                                 CsAnnotationFormat  format,
                                                 const char         *text);
/* Reads @text with @read, asserts failure with @code and that the
 * message names @fragment (a line, an element); returns nothing. */
void                cs_test_assert_rejected     (CsTestReadFunc      read,
                                                 const char         *text,
                                                 int                 code,
                                                 const char         *fragment);
/* Writes @annotations to a file in a temporary directory with @write,
 * reads it back with @read; asserts both succeed. */
CsAnnotationImport *cs_test_round_trip          (CsTestWriteFunc           write,
                                                 CsTestReadFunc            read,
                                                 CsAnnotationFormat        format,
                                                 GPtrArray                *annotations,
                                                 const CsAnnotationExport *context);
/* What @write writes, as a string; asserts success. */
char               *cs_test_write_string        (CsTestWriteFunc           write,
                                                 GPtrArray                *annotations,
                                                 const CsAnnotationExport *context);
/* Writes the polygon with holes of cs_test_make_shapes() twice (a copy
 * in one file) and a point set; asserts that both copies come back whole,
 * the first with the UUID, the second with another. Then asserts that
 * writing to a closed stream fails with its GIO error. */
void                cs_test_check_copies_and_failure (CsTestWriteFunc    write,
                                                      CsTestReadFunc     read,
                                                      CsAnnotationFormat format);
/* A class whose only annotation has a colour of its own: both colours
 * come back. */
void                cs_test_check_lone_colour   (CsTestWriteFunc     write,
                                                 CsTestReadFunc      read,
                                                 CsAnnotationFormat  format);
/* cs_test_annotations_every_shape(), which sets every field (comment,
 * author, institution, times, locked, hidden, extra keys), written with
 * @write and read back with @read: each annotation is found by its UUID
 * and cs_annotation_equal() to the original. */
void                cs_test_check_every_property (CsTestWriteFunc    write,
                                                  CsTestReadFunc     read,
                                                  CsAnnotationFormat format);
/* Same shape, points (exactly), parameters, name, class and colour; the
 * UUID too when @same_id. */
void                cs_test_assert_same         (CsAnnotation       *expected,
                                                 CsAnnotation       *actual,
                                                 gboolean            same_id);
/* The colour the file declares for @klass; asserts there is one. */
guint32             cs_test_class_color         (CsAnnotationImport *result,
                                                 const char         *klass);
/* The number of distinct warnings containing @fragment. */
guint               cs_test_count_warnings      (CsAnnotationImport *result,
                                                 const char         *fragment);

/* One annotation of every shape, with awkward numbers (0.1, 1e-7,
 * 123456.789012345, rotations), names (with markup, quotes, a newline
 * and a tab), classes "Tumour"/"Stroma" and
 * none, own colours and unset ones, a polygon with two holes and a second
 * part; @colors receives the class colours. */
GPtrArray          *cs_test_make_shapes         (GHashTable         *colors);

/* After `g_autoptr(GBytes) var = cs_test_annotation_sample (path);`:
 * skips the test, naming what is missing, when the sample is absent. */
#define CS_TEST_SKIP_WITHOUT_SAMPLE(var, path)                              \
  if (var == NULL)                                                          \
    {                                                                       \
      g_test_skip ("../shared/annotations/" path " is absent: this test "   \
                   "needs the project's shared annotation samples");        \
      return;                                                               \
    }

G_END_DECLS
