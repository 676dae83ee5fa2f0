/* cs-test-store.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-test-store.h"
#include "cs-test-utils.h"

void
cs_test_store_setup (CsTestStoreFixture *f,
                     gconstpointer       data)
{
  g_autofree char *tmp = cs_test_make_tmpdir ();

  f->dir = g_build_filename (tmp, "annotations", NULL);
}

void
cs_test_store_teardown (CsTestStoreFixture *f,
                        gconstpointer       data)
{
  g_autofree char *parent = g_path_get_dirname (f->dir);

  cs_test_remove_tree (parent);
  g_clear_pointer (&f->dir, g_free);
}

GPtrArray *
cs_test_store_list_items (CsAnnotationList *list)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (list), i));
  return items;
}

CsAnnotationList *
cs_test_store_load_clean (const char         *dir,
                          CsAnnotationStore **store_out)
{
  CsAnnotationList *list = cs_annotation_list_new ();
  g_autoptr(CsAnnotationStore) store = cs_annotation_store_new (list, dir, CS_TEST_STORE_SHA);
  g_autoptr(GError) error = NULL;

  gboolean loaded = cs_annotation_store_load (store, &error);

  g_assert_no_error (error);
  g_assert_true (loaded);
  if (store_out != NULL)
    *store_out = g_steal_pointer (&store);
  return list;
}
