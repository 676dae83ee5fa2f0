#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes a help2man include file with a COMMANDS section for
# consilium-cli.1: one subsection per command and per command of a
# command, made from their own --help, so that the man page documents
# every command the program has (help2man alone sees only the top-level
# help). The command lists are read from the "Commands:" part of each
# help, that is from the program's own command tables.
#
# Usage: commands-h2m.py CONSILIUM-CLI OUTPUT

import subprocess
import sys


def roff(text):
    """Text escaped for roff: backslashes, hyphens, non-ASCII, and a
    leading dot or quote."""
    out = []
    for ch in text:
        if ch == '\\':
            out.append('\\e')
        elif ch == '-':
            out.append('\\-')
        elif ord(ch) > 127:
            out.append('\\[u%04X]' % ord(ch))
        else:
            out.append(ch)
    line = ''.join(out)
    if line.startswith(('.', "'")):
        line = '\\&' + line
    return line


def run_help(program, path):
    result = subprocess.run([program] + path + ['--help'], capture_output=True,
                            text=True, encoding='utf-8', check=False)
    if result.returncode != 0 or result.stderr:
        sys.exit('%s %s --help failed (%d): %s' % (program, ' '.join(path),
                                                   result.returncode, result.stderr))
    return result.stdout


def blocks(text):
    """The help as (heading, lines) pairs: a heading is an unindented
    line ending with ':'; the paragraph after the usage line is the
    summary."""
    parts = []
    heading, lines = None, []
    for line in text.splitlines():
        if line and not line.startswith(' ') and line.endswith(':'):
            parts.append((heading, lines))
            heading, lines = line[:-1], []
        else:
            lines.append(line)
    parts.append((heading, lines))
    return parts


def option_lines(lines):
    """'  -o, --output=FILE   The file' as .TP items."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        names, _, description = line.strip().partition('  ')
        names = names.strip()
        flags = []
        for name in names.split(', '):
            flag, eq, arg = name.partition('=')
            flags.append('\\fB%s\\fR' % roff(flag) + ('=\\fI%s\\fR' % roff(arg) if eq else ''))
        out += ['.TP', ', '.join(flags), roff(description.strip())]
    return out


def command_section(program_name, path, text):
    name = ' '.join([program_name] + path)
    out = ['.SS "%s"' % roff(name)]
    subcommands = []
    for heading, lines in blocks(text):
        body = [l for l in lines if l.strip()]
        if heading is None:
            continue
        if heading == 'Usage':
            usage = body[0].strip()
            out += ['.B %s' % roff(name), roff(usage[len(name):].strip())]
            rest = lines[lines.index(body[0]) + 1:]
            summary = ' '.join(l.strip() for l in rest if l.strip())
            if summary:
                out += ['.PP', roff(summary)]
        elif heading == 'Help Options':
            continue
        elif heading == 'Application Options':
            out += option_lines(body)
        elif heading == 'Commands':
            out += ['.PP', 'Commands:']
            for line in body:
                if not line.startswith('  '):
                    continue
                sub, _, summary = line.strip().partition('  ')
                subcommands.append(sub)
                out += ['.TP', '\\fB%s\\fR' % roff(sub), roff(summary.strip())]
        elif heading == 'Examples':
            out += ['.PP', 'Examples:', '.RS', '.nf']
            out += [roff(l.strip()) for l in body]
            out += ['.fi', '.RE']
        elif heading == 'Exit status':
            out += ['.PP', 'Exit status: ' + roff(' '.join(l.strip() for l in body))]
    return out, subcommands


def main():
    program, output = sys.argv[1], sys.argv[2]
    program_name = 'consilium-cli'
    top = run_help(program, [])
    lines = ['[COMMANDS]',
             'Each command has its own options; '
             '\\fBconsilium\\-cli help\\fR \\fICOMMAND\\fR shows them.']
    _, queue = command_section(program_name, [], top)
    queue = [[c] for c in queue if c != 'help']
    while queue:
        path = queue.pop(0)
        section, subcommands = command_section(program_name, path, run_help(program, path))
        lines += section
        queue[0:0] = [path + [s] for s in subcommands]
    with open(output, 'w', encoding='ascii') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
