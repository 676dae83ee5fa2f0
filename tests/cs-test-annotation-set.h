/* cs-test-annotation-set.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-io.h"

G_BEGIN_DECLS

/* One annotation of every shape with every field set (unicode and quotes
 * in the texts, microsecond times, extra keys, holes, several parts,
 * exact rectangle and ellipse parameters). Not frozen. */
GPtrArray          *cs_test_annotations_every_shape (void);
/* Asserts that @a and @b hold equal annotations in the same order. */
void                cs_test_assert_annotations_equal (GPtrArray  *a,
                                                      GPtrArray  *b);
/* The path of a file under $CS_SHARED_DIR/annotations, or NULL. */
char               *cs_test_shared_annotation       (const char *relative);

G_END_DECLS
