/* cs-cli-private.h
 *
 * Copyright 2026 The Consilium authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cs-case.h"

G_BEGIN_DECLS

/* What consilium-cli's subcommands share: the command table entry, the
 * usage-error domain that main() turns into exit status 2, and small
 * helpers for option parsing, aligned output and output files. */

#define CS_CLI_ERROR (cs_cli_error_quark ())

/**
 * CsCliError:
 * @CS_CLI_ERROR_USAGE: the command line is wrong; exit status 2
 * @CS_CLI_ERROR_INSPECTED: a command stopped before parsing because an
 *   inspector is set (tests only, see cs_cli_set_inspector())
 *
 * Errors from any other domain are failures (exit status 1), as are
 * #G_OPTION_ERROR ones turned into usage errors by main().
 */
typedef enum
{
  CS_CLI_ERROR_USAGE,
  CS_CLI_ERROR_INSPECTED,
} CsCliError;

typedef struct _CsCliCommand CsCliCommand;

/**
 * CsCliCommand:
 * @name: what the user types after consilium-cli (or after its command)
 * @summary: one translatable line for --help, marked with N_()
 * @run: parses @argv (argv[0] is the command name) and does the work;
 *   returns %FALSE with @error set on failure
 * @subcommands: (nullable): the commands @run dispatches to with
 *   cs_cli_dispatch(), ended by an entry whose @name is %NULL
 */
struct _CsCliCommand
{
  const char *name;
  const char *summary;
  gboolean  (*run) (int      argc,
                    char   **argv,
                    GError **error);
  const CsCliCommand *subcommands;
};

/* cs-cli-commands.c: consilium-cli's commands, ended by a %NULL name, and
 * its whole command line (argv[0] is the program), as main() runs it. */
extern const CsCliCommand cs_cli_commands[];
gboolean        cs_cli_run               (int              argc,
                                          char           **argv,
                                          GError         **error);

/* The commands of the commands that have some. */
extern const CsCliCommand cs_cli_annotations_commands[];
extern const CsCliCommand cs_cli_report_commands[];
extern const CsCliCommand cs_cli_package_commands[];
extern const CsCliCommand cs_cli_dicomweb_commands[];
extern const CsCliCommand cs_cli_library_commands[];
extern const CsCliCommand cs_cli_live_commands[];

/* cs-cli-help.c: runs the command of @commands that @argv[1] names
 * (the program name becomes "PRGNAME NAME"); its --help lists @commands
 * under "Commands:", then @examples. */
gboolean        cs_cli_dispatch          (const char         *summary,
                                          const CsCliCommand *commands,
                                          const char *const  *examples,
                                          int                 argc,
                                          char              **argv,
                                          GError            **error);
char           *cs_cli_describe_commands (const CsCliCommand *commands);
const CsCliCommand *cs_cli_find_command  (const CsCliCommand *commands,
                                          const char         *name);
/* Ends a command's --help with @examples (command lines, not
 * translated, %NULL-terminated) and the exit status: @exit_status
 * (translated) or, when %NULL, the usual 0, 1 and 2. */
void            cs_cli_describe          (GOptionContext     *context,
                                          const char *const  *examples,
                                          const char         *exit_status);
gboolean        cs_cli_set_unknown_command_error (GError    **error,
                                                  const char *name);

/* For tests: while an inspector is set, every context that
 * cs_cli_option_context() makes hands its entries to @func (with the
 * program name, e.g. "consilium-cli report pdf"); when @func returns
 * %TRUE, parsing that context fails with %CS_CLI_ERROR_INSPECTED before
 * any option is read, so that the command reveals its options and does
 * nothing. %NULL unsets it. */
typedef gboolean (*CsCliInspectFunc)     (const char         *prgname,
                                          const GOptionEntry *entries,
                                          gpointer            user_data);
void            cs_cli_set_inspector     (CsCliInspectFunc    func,
                                          gpointer            user_data);
void            cs_cli_inspect_context   (GOptionContext     *context,
                                          const GOptionEntry *entries);

GQuark          cs_cli_error_quark       (void);

gboolean        cs_cli_info              (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_render            (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_annotations       (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_associated        (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_report            (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_library           (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_deidentify        (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_package           (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_package_create    (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_dicomweb          (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_live              (int              argc,
                                          char           **argv,
                                          GError         **error);
gboolean        cs_cli_bench             (int              argc,
                                          char           **argv,
                                          GError         **error);

GOptionContext *cs_cli_option_context    (const char      *parameters,
                                          const char      *summary,
                                          const GOptionEntry *entries);
gboolean        cs_cli_parse             (GOptionContext  *context,
                                          int             *argc,
                                          char          ***argv,
                                          const char      *const *arg_names,
                                          GError         **error);
gboolean        cs_cli_is_usage_error    (const GError    *error);
/* @entries then @more (both NULL-terminated) in one NULL-terminated
 * array, for commands that share options; free with g_free (). */
GOptionEntry   *cs_cli_join_entries      (const GOptionEntry *entries,
                                          const GOptionEntry *more);
/* A package's passphrase: the first line of @file, else the environment
 * variable CONSILIUM_PACKAGE_PASSPHRASE, else NULL (never the command
 * line). Free with cs_cli_wipe(). */
gboolean        cs_cli_read_passphrase   (const char      *file,
                                          char           **passphrase,
                                          GError         **error);
void            cs_cli_wipe              (char            *secret);
/* cs-cli-package.c: whether the package at @path is encrypted (read). */
gboolean        cs_cli_package_is_encrypted (const char   *path);
/* @text (from a file: a package, a case) made safe to print on a
 * terminal: invalid UTF-8 repaired, control characters (C0 but tab, DEL,
 * C1) replaced by U+FFFD, so that no escape sequence reaches it. A
 * string kept in @pool, which frees it; "" for NULL. */
const char     *cs_cli_safe              (GPtrArray       *pool,
                                          const char      *text);
/* A case folder, or the id of a case in the user's case store, read
 * without changing any file (problems printed to stderr). */
CsCase         *cs_cli_open_case         (const char      *name,
                                          GError         **error);
void            cs_cli_print_table       (GPtrArray       *labels,
                                          GPtrArray       *values);
void            cs_cli_print_columns     (GPtrArray       *header,
                                          GPtrArray       *rows);

/* cs-cli-dicomweb-auth.c: the options of every command that talks to a
 * DICOMweb server (--user U --password-file F | --token-file F). The
 * secret is read from a file (its first line), never from the command
 * line, where other users could see it. */
typedef struct
{
  char *user;
  char *password_file;
  char *token_file;
} CsCliDicomwebAuth;

/* @entries (a command's own, %NULL-terminated) followed by the
 * authentication options writing into @auth; free with g_free (). */
GOptionEntry   *cs_cli_dicomweb_entries  (const GOptionEntry *entries,
                                          CsCliDicomwebAuth  *auth);
/* Reads the secret and installs it with cs_dicomweb_set_credentials_func
 * for every DICOMweb client the command makes (a wrong combination of
 * options is a usage error). Without options, no credentials. */
gboolean        cs_cli_dicomweb_auth_apply (CsCliDicomwebAuth *auth,
                                            GError           **error);
void            cs_cli_dicomweb_auth_clear (CsCliDicomwebAuth *auth);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsCliDicomwebAuth, cs_cli_dicomweb_auth_clear)

/* cs-cli-report-send.c: consilium-cli report send */
gboolean        cs_cli_report_send           (int                argc,
                                              char             **argv,
                                              GError           **error);

/* An output file being written: created (as a temporary file next to it)
 * before the slow work, so that an unwritable destination fails at once,
 * and renamed into place by cs_cli_output_write_png (). Freed unwritten,
 * it leaves nothing behind. */
typedef struct _CsCliOutput CsCliOutput;

CsCliOutput    *cs_cli_output_new        (const char      *path,
                                          GError         **error);
gboolean        cs_cli_output_write_png  (CsCliOutput     *self,
                                          cairo_surface_t *surface,
                                          GError         **error);
void            cs_cli_output_free       (CsCliOutput     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCliOutput, cs_cli_output_free)

G_END_DECLS
