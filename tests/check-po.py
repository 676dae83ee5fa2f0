#!/usr/bin/env python3
# Translation checks (issue 8 item 3). Usage: check-po.py SOURCE_ROOT.
# Prints TAP; each failure names the file and the string.
#
#  - every user-visible string in a .ui file is marked translatable
#    (allow-list: tests/po-ui-allowlist.txt, one "FILE<TAB>TEXT<TAB>REASON");
#  - each language in po/LINGUAS passes msgfmt --check with no fuzzy and no
#    untranslated message, and carries the right Plural-Forms header;
#  - each .po holds every msgid of a template freshly extracted from
#    po/POTFILES.in with the options meson's i18n.gettext (preset glib) uses.
#
# tests/check-style.sh checks that po/POTFILES.in is complete and sorted.

import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# meson's i18n module, PRESET_ARGS['glib'] (po/meson.build: preset: 'glib').
XGETTEXT_GLIB = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format', '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format', '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

# The CLDR / gettext manual plural rules of the languages we carry.
PLURAL_FORMS = {
    'ru': 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
          'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
    'ja': 'nplurals=1; plural=0;',
}

# GtkBuilder properties a user reads or a screen reader speaks.
VISIBLE_PROPERTIES = {
    'label', 'title', 'subtitle', 'tooltip-text', 'tooltip-markup',
    'placeholder-text', 'description', 'text', 'heading', 'body',
    'secondary-text', 'button-label', 'accessible-name', 'name',
    'primary-text', 'secondary-label', 'message',
}
# Element names whose text a user reads: menu attributes, accessibility.
VISIBLE_ATTRIBUTES = {'label'}

results = []


def check(description, problems):
    results.append((description, problems))


def ui_files(root):
    for top in ('app', 'data'):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if name.endswith('.ui'):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def load_allowlist(root):
    allowed = set()
    path = os.path.join(root, 'tests', 'po-ui-allowlist.txt')
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            parts = line.split('\t')
            if len(parts) != 3 or not parts[2].strip():
                raise SystemExit(f'{path}: "{line}": want FILE<TAB>TEXT<TAB>REASON')
            allowed.add((parts[0], parts[1]))
    return allowed


def is_technical(text):
    # Numbers, symbols and empty text carry no language.
    return not re.search(r'[^\W\d_]', text)


def untranslated_ui_strings(root):
    allowed = load_allowlist(root)
    problems = []
    for path in ui_files(root):
        tree = ET.parse(os.path.join(root, path))
        for element in tree.iter():
            if element.tag == 'property':
                visible = element.get('name') in VISIBLE_PROPERTIES
                # GtkWidget:name is a CSS/debug name, not text.
                if element.get('name') == 'name':
                    visible = False
            elif element.tag == 'attribute':
                visible = element.get('name') in VISIBLE_ATTRIBUTES
            elif element.tag in ('item',) and element.text and element.text.strip():
                visible = True  # GtkStringList / GtkComboBoxText items
            else:
                visible = False
            text = (element.text or '').strip()
            if not visible or is_technical(text) or element.get('translatable') == 'yes':
                continue
            if element.get('bind-source') is not None or (path, text) in allowed:
                continue
            problems.append(f'{path}: <{element.tag} name="{element.get("name")}">'
                            f'{text}</{element.tag}> is not translatable="yes"')
    return problems


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def languages(root):
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        return [w for line in f for w in line.split('#')[0].split()]


def header_field(po_path, field):
    with open(po_path, encoding='utf-8') as f:
        text = f.read()
    match = re.search(r'^msgid ""\nmsgstr ""\n((?:".*"\n)+)', text, re.M)
    if not match:
        return None
    header = ''.join(re.findall(r'"(.*)"', match.group(1))).replace('\\n', '\n')
    for line in header.split('\n'):
        if line.startswith(field + ':'):
            return line[len(field) + 1:].strip()
    return None


def msgfmt_problems(root, lang):
    po = os.path.join('po', lang + '.po')
    if not os.path.exists(os.path.join(root, po)):
        return [f'{po}: listed in po/LINGUAS but missing']
    out = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po], cwd=root)
    problems = [f'{po}: {line}' for line in out.stderr.splitlines()
                if out.returncode != 0 or 'fuzzy' in line or 'untranslated' in line]
    if out.returncode != 0 and not problems:
        problems.append(f'{po}: msgfmt --check failed')
    return problems


def plural_problems(root, lang):
    po = os.path.join('po', lang + '.po')
    if lang not in PLURAL_FORMS:
        return [f'{po}: no known Plural-Forms for "{lang}"; add it to tests/check-po.py']
    found = header_field(os.path.join(root, po), 'Plural-Forms')
    norm = lambda s: re.sub(r'\s+', '', s or '')
    if norm(found) != norm(PLURAL_FORMS[lang]):
        return [f'{po}: Plural-Forms is "{found}", want "{PLURAL_FORMS[lang]}"']
    return []


def fresh_template(root, tmp):
    pot = os.path.join(tmp, 'consilium.pot')
    out = run(['xgettext', '--package-name=consilium', '-D', root,
               '-f', os.path.join(root, 'po', 'POTFILES.in'), '-o', pot]
              + XGETTEXT_GLIB)
    if out.returncode != 0:
        raise SystemExit('xgettext failed:\n' + out.stderr)
    return pot


def stale_problems(root, lang, pot):
    po = os.path.join('po', lang + '.po')
    out = run(['msgcmp', po, pot], cwd=root)
    if out.returncode == 0:
        return []
    problems = []
    lines = out.stderr.splitlines()
    for line in lines:
        if 'this message is used but not defined' in line:
            # "FILE:LINE: this message is used but not defined in ru.po";
            # the msgid is in the template at that line.
            problems.append(f'{po}: lacks {msgid_at(pot, line)}, which the sources use')
    return problems or [f'{po}: ' + l for l in lines]


def msgid_at(pot, line):
    match = re.match(r'.*?:(\d+):', line)
    if not match:
        return '?'
    with open(pot, encoding='utf-8') as f:
        rows = f.read().split('\n')
    # msgcmp names the line of the msgstr or of the msgid's last line.
    start = int(match.group(1)) - 1
    while start > 0 and not rows[start].startswith('msgid '):
        start -= 1
    text = ''
    for row in rows[start:]:
        if row.startswith('msgid ') or (text and row.startswith('"')):
            text += row.split('"', 1)[1].rsplit('"', 1)[0]
        elif text or row.startswith('msgstr') or row.startswith('msgid_plural'):
            break
    first = start
    while first > 0 and rows[first - 1].startswith(('#', 'msgctxt')):
        first -= 1
    refs = [r[3:] for r in rows[first:start] if r.startswith('#: ')]
    return f'msgid "{text}" ({" ".join(refs) or "no source reference"})'


def main():
    root = os.path.abspath(sys.argv[1])
    check('every user-visible string in a .ui file is translatable',
          untranslated_ui_strings(root))
    langs = languages(root)
    check('po/LINGUAS lists languages', [] if langs else ['po/LINGUAS: empty'])
    with tempfile.TemporaryDirectory() as tmp:
        pot = fresh_template(root, tmp)
        for lang in langs:
            check(f'{lang}.po passes msgfmt --check, nothing fuzzy or untranslated',
                  msgfmt_problems(root, lang))
            check(f'{lang}.po has the Plural-Forms of its language', plural_problems(root, lang))
            check(f'{lang}.po translates every msgid of a fresh template',
                  stale_problems(root, lang, pot))
    print(f'1..{len(results)}')
    failed = 0
    for n, (description, problems) in enumerate(results, 1):
        if problems:
            failed += 1
            print(f'not ok {n} - {description}')
            for p in problems[:40]:
                print('# ' + p)
            if len(problems) > 40:
                print(f'# … and {len(problems) - 40} more')
        else:
            print(f'ok {n} - {description}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
