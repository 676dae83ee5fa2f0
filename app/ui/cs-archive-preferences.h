/* cs-archive-preferences.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_ARCHIVE_PREFERENCES (cs_archive_preferences_get_type ())

G_DECLARE_FINAL_TYPE (CsArchivePreferences, cs_archive_preferences, CS, ARCHIVE_PREFERENCES, AdwPreferencesGroup)

GtkWidget *cs_archive_preferences_new         (GSettings            *settings);
/* Shows the editor for server @index (-1: a new one) in a modal window;
 * returns it. */
GtkWidget *cs_archive_preferences_edit        (CsArchivePreferences *self,
                                               int                   index);
void       cs_archive_preferences_remove      (CsArchivePreferences *self,
                                               guint                 index);

G_END_DECLS
