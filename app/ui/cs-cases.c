/* cs-cases.c
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cs-cases"

#include "config.h"

#include "cs-cases.h"

/* The application's cases: one CsCaseStore for every window, read once
 * from $XDG_DATA_HOME/consilium/cases on first use, like the class table.
 * What could not be read (damaged files set aside, reports modified after
 * signing) is handed once to the first window that asks, which shows it. */

static CsCaseStore *store;
static GPtrArray *pending_problems;

/**
 * cs_cases_get_default:
 *
 * Returns the application's case store, read on first use. Main thread
 * only.
 *
 * Returns: (transfer none): the store
 */
CsCaseStore *
cs_cases_get_default (void)
{
  g_autofree char *directory = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  if (store != NULL)
    return store;

  directory = cs_case_store_default_directory ();
  store = cs_case_store_new (directory);
  pending_problems = g_ptr_array_new_with_free_func (g_free);
  if (!cs_case_store_load (store, &error))
    g_ptr_array_add (pending_problems, g_strdup (error->message));
  problems = cs_case_store_get_problems (store);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (pending_problems, g_strdup (problems->pdata[i]));

  return store;
}

/**
 * cs_cases_take_problems:
 *
 * Returns: (transfer full) (nullable): the problems found when the store
 *   was read, once; %NULL when there were none or they were taken
 */
GStrv
cs_cases_take_problems (void)
{
  GPtrArray *problems = g_steal_pointer (&pending_problems);

  if (problems == NULL || problems->len == 0)
    {
      g_clear_pointer (&problems, g_ptr_array_unref);
      return NULL;
    }
  g_ptr_array_set_free_func (problems, NULL);
  g_ptr_array_add (problems, NULL);
  return (GStrv) g_ptr_array_free (problems, FALSE);
}

/**
 * cs_cases_shutdown:
 *
 * Writes what is pending and lets the store go (the application quits).
 */
void
cs_cases_shutdown (void)
{
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  if (!cs_case_store_flush (store, &error))
    g_warning ("Cases could not be saved: %s", error->message);
  g_clear_object (&store);
  g_clear_pointer (&pending_problems, g_ptr_array_unref);
}
