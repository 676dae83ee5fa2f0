/* cs-test-write-failure.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes that fail, for the full-disk and read-only tests (core and UI). */

/* Files of this process cannot grow past @bytes (RLIMIT_FSIZE, SIGXFSZ
 * ignored): writes fail with EFBIG, as on a full disk. */
void        cs_test_limit_file_size      (guint64      bytes);
/* The limit as it was before. */
void        cs_test_unlimit_file_size    (void);

/* Enters a private mount namespace (root only, before any thread is
 * started: call first in main()). FALSE with the reason in @why (static)
 * when that is not permitted. */
gboolean    cs_test_private_mounts       (const char **why);
/* Mounts a tmpfs of @size_kib at @dir (made when absent); FALSE with a
 * message for g_test_skip (transfer full) when not permitted. */
gboolean    cs_test_mount_tmpfs          (const char  *dir,
                                          guint        size_kib,
                                          char       **why);
/* Remounts it read-only (@read_only) or read-write. */
void        cs_test_remount_tmpfs        (const char  *dir,
                                          gboolean     read_only);
void        cs_test_unmount              (const char  *dir);
/* Folders @dir_mode and files @file_mode, below @dir and itself (a
 * read-only folder when not root). */
void        cs_test_chmod_tree           (const char  *dir,
                                          int          dir_mode,
                                          int          file_mode);

/* Every file under @dir (recursively, by relative path) with its bytes. */
GHashTable *cs_test_snapshot_tree        (const char  *dir);
/* @dir holds exactly @snapshot, byte for byte. */
void        cs_test_assert_tree_equal    (const char  *dir,
                                          GHashTable  *snapshot);
/* Files under @dir whose name contains @part. */
guint       cs_test_count_named          (const char  *dir,
                                          const char  *part);
/* @error is an I/O error naming @file_part and the cause @errnum. */
void        cs_test_assert_write_error   (const GError *error,
                                          const char   *file_part,
                                          int           errnum);

G_END_DECLS
