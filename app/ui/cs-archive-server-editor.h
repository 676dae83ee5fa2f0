/* cs-archive-server-editor.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_ARCHIVE_SERVER_EDITOR (cs_archive_server_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsArchiveServerEditor, cs_archive_server_editor, CS, ARCHIVE_SERVER_EDITOR, GtkBox)

/* Edits server @index of the "dicomweb-servers" key in @settings, or adds
 * one when @index is -1; "finished" is emitted after saving or cancelling. */
GtkWidget *cs_archive_server_editor_new  (GSettings             *settings,
                                          int                    index);
gboolean   cs_archive_server_editor_save (CsArchiveServerEditor *self,
                                          GError               **error);

G_END_DECLS
