/* cs-test-exchange.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-package.h"

G_BEGIN_DECLS

/* A case sent between two institutions, each with its own data folders
 * (cases, annotation stores, slides): shared by test-package-import.c and
 * test-package-merge.c. */

#define CS_TEST_EXCHANGE_SLIDE "CMU-1-Small-Region.svs"
#define CS_TEST_REFERRER       "Dr. Referrer"
#define CS_TEST_CONSULTANT     "Dr. Consultant"
#define CS_TEST_PASSPHRASE     "a long passphrase for the test"

/* One institution's data folders. */
typedef struct
{
  char        *root;
  char        *cases_dir;
  char        *annotations;
  char        *slides;
  CsCaseStore *cases;
} CsTestSite;

/* Two institutions' data folders in one temporary folder, and the
 * referrer's slide. */
typedef struct
{
  char       *dir;
  char       *slide_path;   /* the referrer's original */
  char       *sha256;       /* its identity */
  CsTestSite  referrer;
  CsTestSite  consultant;
} CsTestExchange;

void                   cs_test_exchange_setup         (CsTestExchange      *f,
                                                       gconstpointer        data);
void                   cs_test_exchange_teardown      (CsTestExchange      *f,
                                                       gconstpointer        data);
void                   cs_test_site_init              (CsTestSite          *site,
                                                       const char          *dir,
                                                       const char          *name);
void                   cs_test_site_clear             (CsTestSite          *site);
/* The slide's annotations as stored in @site (a store opened and closed). */
CsAnnotationList      *cs_test_site_load_annotations  (CsTestSite          *site,
                                                       const char          *sha256);
/* Adds @n rectangles by @author to @site's store of the slide; with
 * @cite, cites them in that opinion and finalises it. */
void                   cs_test_site_annotate          (CsTestSite          *site,
                                                       const char          *sha256,
                                                       const char          *author,
                                                       guint                n,
                                                       CsReport            *cite,
                                                       const char          *slide_id);
void                   cs_test_site_flush             (CsTestSite          *site);
/* Imports @path into @site; asserts success. */
CsPackageImportResult *cs_test_site_import            (CsTestSite          *site,
                                                       const char          *path,
                                                       const char          *passphrase,
                                                       const char * const  *search);
/* The referrer's case: the slide, a question, two annotations. */
CsCase                *cs_test_exchange_referrer_case (CsTestExchange      *f);
/* Writes a package of @kase from @site's data; returns its path. */
char                  *cs_test_exchange_create        (CsTestExchange      *f,
                                                       CsTestSite          *site,
                                                       CsCase              *kase,
                                                       const char          *sha256,
                                                       const char          *slide_path,
                                                       CsPackageSlideMode   mode,
                                                       const char          *sender,
                                                       const char          *passphrase,
                                                       const char          *name);
/* The consultant imports @package, checks what arrived, answers with an
 * annotation and a final opinion; returns the package back. */
char                  *cs_test_exchange_consult       (CsTestExchange      *f,
                                                       const char          *package,
                                                       const char          *case_id);
/* Referrer (de-identified copy) → consultant → the answer; *@kase is the
 * referrer's case. */
char                  *cs_test_exchange_run           (CsTestExchange      *f,
                                                       CsCase             **kase);
guint                  cs_test_count_by_author        (CsAnnotationList    *list,
                                                       const char          *author);
/* The case's only opinion (asserted), a new reference. */
CsReport              *cs_test_first_opinion          (CsCase              *kase);

typedef void (*CsTestExchangeFunc) (CsTestExchange *f);

typedef struct
{
  const char         *path;
  CsTestExchangeFunc  func;
} CsTestExchangeCheck;

/* A test program's main: the identity cache and user data in a temporary
 * folder, each check run on a fresh exchange fixture, skipped when
 * ../shared is absent. */
int                    cs_test_exchange_main          (int                        argc,
                                                       char                     **argv,
                                                       const CsTestExchangeCheck *checks,
                                                       guint                      n_checks);

G_END_DECLS
