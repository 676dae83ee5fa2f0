/* cs-test-corpus.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The hostile-slide corpus (test-slide-hostile.c), written by the test
 * into a temporary folder: damaged, absurd and special files named like
 * slides. */

typedef enum
{
  CS_TEST_CORPUS_ERROR,       /* opening fails, the error names the file */
  CS_TEST_CORPUS_ANY,         /* an error naming the file, or it opens and renders */
  CS_TEST_CORPUS_BAD_TILES,   /* opens; some tiles render as error areas */
} CsTestCorpusExpect;

typedef struct
{
  const char         *name;
  CsTestCorpusExpect  expect;
  int                 code;   /* CsSlideError for CS_TEST_CORPUS_ERROR, or -1 */
} CsTestCorpusCase;

/* The cases, ending with a { NULL } entry. */
const CsTestCorpusCase *cs_test_corpus_cases (void);
/* Writes every case into @dir (@sample: a real slide to truncate). */
void                    cs_test_corpus_write (const char *dir,
                                              const char *sample);

G_END_DECLS
