/* cs-test-live-cli.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-annotation.h"

G_BEGIN_DECLS

/* consilium-cli live host and join as two processes, for
 * test-cli-live.c: each with its own XDG data and cache folders (its own
 * annotation store), its standard output read line by line and its
 * standard error kept, waited for with timeouts on the default main
 * context. A process still running when freed is killed. */

typedef struct _CsTestLiveProcess CsTestLiveProcess;

/* Starts "$CS_CLI @args…" (or "@prefix… $CS_CLI @args…", e.g. ip netns
 * exec NS) with @home (created) as its XDG_DATA_HOME/XDG_CACHE_HOME
 * parent, in the environment @envp. */
CsTestLiveProcess *cs_test_live_spawn       (char              **envp,
                                             const char         *home,
                                             const char *const  *prefix,
                                             const char *const  *args);
void               cs_test_live_process_free (CsTestLiveProcess *self);
/* The rest of the first stdout line beginning with @prefix (e.g.
 * "Code: "), waiting up to @timeout_ms; NULL when it did not come (the
 * process's stderr is then in the test log). */
char              *cs_test_live_wait_line   (CsTestLiveProcess  *self,
                                             const char         *prefix,
                                             guint               timeout_ms);
/* Waits up to @timeout_ms for the process to exit; its exit status, or
 * -1 on timeout (the process is then left running). */
int                cs_test_live_wait_exit   (CsTestLiveProcess  *self,
                                             guint               timeout_ms);
/* Sends SIGTERM (consilium-cli then ends the session with a bye). */
void               cs_test_live_terminate   (CsTestLiveProcess  *self);
/* Everything it wrote so far. */
const char        *cs_test_live_get_stdout  (CsTestLiveProcess  *self);
const char        *cs_test_live_get_stderr  (CsTestLiveProcess  *self);
/* The folder its annotation stores are in. */
char              *cs_test_live_annotation_dir (const char      *home);
/* The annotations saved for @sha256 under @home, by their id. */
GHashTable        *cs_test_live_read_store  (const char         *home,
                                             const char         *sha256);
/* A record's lines of @type, parsed (element-type JsonObject). */
GPtrArray         *cs_test_live_read_record (const char         *path,
                                             const char         *type);
/* Writes @script (JSON lines) to @dir/@name; returns its path. */
char              *cs_test_live_write_script (const char        *dir,
                                              const char        *name,
                                              const char        *script);
/* A GeoJSON point Feature with the id @uuid, on one line. */
char              *cs_test_live_feature     (const char         *uuid,
                                             double              x,
                                             double              y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTestLiveProcess, cs_test_live_process_free)

/* How long a side may take to start, join or end: generous, so that a
 * loaded machine (sanitizers, valgrind) does not fail the tests. */
#define CS_TEST_LIVE_TIMEOUT_MS 60000

#define CS_TEST_LIVE_HOST_NAME "Д-р Иванова (Москва)"
#define CS_TEST_LIVE_GUEST_NAME "佐藤医師 (大阪)"

/* A host and a guest on the sample slide, in a temporary folder with a
 * home each ("host", "guest"). */
typedef struct
{
  char              *tmpdir;
  char              *sample;
  char             **envp;
  char              *host_home;
  char              *guest_home;
  CsTestLiveProcess *host;
  CsTestLiveProcess *guest;
  char              *link;
  char              *code;
  char              *sha256;
} CsTestLive;

void  cs_test_live_setup       (CsTestLive        *f,
                                gconstpointer      data);
void  cs_test_live_teardown    (CsTestLive        *f,
                                gconstpointer      data);
char *cs_test_live_path        (CsTestLive        *f,
                                const char        *name);
/* Starts the host on the sample slide (port 0 on 127.0.0.1 unless
 * @prefix and @address say otherwise) with the NULL-terminated extra
 * arguments, and waits for its link and code. */
void  cs_test_live_start_host  (CsTestLive        *f,
                                const char *const *prefix,
                                const char        *address,
                                const char        *first,
                                ...);
/* Starts the guest on @link (NULL: the host's) with the host's code and
 * the sample slide, and the extra arguments. */
void  cs_test_live_start_guest (CsTestLive        *f,
                                const char *const *prefix,
                                const char        *link,
                                const char        *first,
                                ...);

G_END_DECLS
