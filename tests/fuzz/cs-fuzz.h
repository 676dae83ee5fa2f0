/* cs-fuzz.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* Fuzz targets (tests/fuzz/README in .ci/fuzz): each file defines this
 * libFuzzer entry point; cs-fuzz-driver.c calls it on every file of the
 * seed and regression folders in the ordinary test suite. */
int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

/* Once per process: criticals (a failed g_return_if_fail, a bug whatever
 * the input) abort, so that the fuzzer reports them. */
void  cs_fuzz_init           (void);

/* A file holding @data, for the entry points that take a path: an
 * anonymous memory file (memfd), named by its /proc/self/fd path; nothing
 * is written to disk. Close @fd with cs_fuzz_close_file(). */
char *cs_fuzz_open_file      (const uint8_t *data,
                              size_t         size,
                              int           *fd);
void  cs_fuzz_close_file     (char          *path,
                              int            fd);

G_END_DECLS
