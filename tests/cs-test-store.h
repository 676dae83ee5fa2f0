/* cs-test-store.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotation-store.h"

G_BEGIN_DECLS

/* Shared by the annotation store tests. */

#define CS_TEST_STORE_SHA "0123abcd"

/* A folder for a store, inside a temporary one: the store makes it. */
typedef struct
{
  char *dir;
} CsTestStoreFixture;

void              cs_test_store_setup      (CsTestStoreFixture *f,
                                            gconstpointer       data);
void              cs_test_store_teardown   (CsTestStoreFixture *f,
                                            gconstpointer       data);
/* The list's annotations, in order (references). */
GPtrArray        *cs_test_store_list_items (CsAnnotationList   *list);
/* The store of @dir (CS_TEST_STORE_SHA) loaded into a new list; asserts
 * that it loads cleanly. */
CsAnnotationList *cs_test_store_load_clean (const char         *dir,
                                            CsAnnotationStore **store_out);

#define CS_TEST_STORE_ADD(path, func)                                                       \
  g_test_add (path, CsTestStoreFixture, NULL, cs_test_store_setup, func,                    \
              cs_test_store_teardown)

G_END_DECLS
