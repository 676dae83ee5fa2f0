#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs help2man on one of Consilium's executables and makes the page fit
# man(7): GLib prints "Usage:" on a line of its own, which help2man does
# not take for the synopsis, so that block becomes the SYNOPSIS section;
# the help's examples (one command a line) keep their lines, its "Exit
# status:" becomes the EXIT STATUS section; and characters beyond ASCII (“”, …, ×) become groff escapes, so that
# the page renders the same whatever encoding groff assumes.
#
# Usage: help2man-page.py HELP2MAN OUTPUT [HELP2MAN-ARGUMENT…] EXECUTABLE

import re
import subprocess
import sys


def escape(text):
    return ''.join(ch if ord(ch) < 128 else '\\[u%04X]' % ord(ch) for ch in text)


def synopsis(page):
    """The .SS "Usage:" block of the help moved to a SYNOPSIS section."""
    match = re.search(r'^\.SS "Usage:"\n\.IP\n(.+)\n(?:\.IP\n)?', page, re.M)
    if match is None:
        sys.exit('help2man-page.py: no "Usage:" block in the page')
    page = page[:match.start()] + page[match.end():]
    program, _, arguments = match.group(1).partition(' ')
    lines = ['.SH SYNOPSIS', '.B %s' % program, arguments]
    return page.replace('.SH DESCRIPTION\n', '\n'.join(lines) + '\n.SH DESCRIPTION\n', 1)


def examples_and_exit_status(page):
    """help2man fills the help's example lines into one paragraph and
    makes "Exit status:" a subsection of EXAMPLES."""
    page = re.sub(r'^\.IP\n((?:consilium.*\n)+)', r'.PP\n.nf\n.RS\n\1.RE\n.fi\n', page,
                  flags=re.M)
    page, n = re.subn(r'^\.SS "Exit status:"\n\.IP\n', '.SH "EXIT STATUS"\n', page, flags=re.M)
    if n != 1:
        sys.exit('help2man-page.py: no "Exit status:" in the page')
    return page


def main():
    help2man, output = sys.argv[1], sys.argv[2]
    result = subprocess.run([help2man, '--locale=C.UTF-8', '--no-info'] + sys.argv[3:],
                            capture_output=True, text=True, encoding='utf-8', check=False)
    if result.returncode != 0:
        sys.exit('help2man failed (%d): %s' % (result.returncode, result.stderr))
    page = escape(examples_and_exit_status(synopsis(result.stdout)))
    with open(output, 'w', encoding='ascii') as f:
        f.write(page)


if __name__ == '__main__':
    main()
