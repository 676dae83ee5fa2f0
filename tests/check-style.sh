#!/bin/bash
# Style and layering checks (STYLE.md §7.6), in the spirit of OpenSlide's
# pygrep hooks. Usage: check-style.sh SOURCE_ROOT. Prints TAP.
set -u
root=${1:?usage: check-style.sh SOURCE_ROOT}
cd "$root" || exit 1

n=0
failed=0
check() {
  # check DESCRIPTION OUTPUT: fails when OUTPUT is not empty
  n=$((n + 1))
  if [ -n "$2" ]; then
    failed=$((failed + 1))
    echo "not ok $n - $1"
    printf '%s\n' "$2" | head -n 20 | sed 's/^/# /'
  else
    echo "ok $n - $1"
  fi
}

sources=$(git ls-files '*.c' '*.h' 2>/dev/null || find app tests -name '*.[ch]')
[ -n "$sources" ] || sources=$(find app tests -name '*.[ch]')

echo "1..8"

check "no GTK, GDK or libadwaita in app/core or app/cli" \
  "$(grep -nE '#include <(gtk|gdk)/|#include <adwaita\.h>' app/core/*.[ch] app/cli/*.[ch] 2>/dev/null)"

check "g_autoptr/g_autofree always initialised" \
  "$(grep -nP '(g_auto\(|g_autoptr\(|g_autofree )(?!.+=)' $sources)"

check "no malloc/free/strcpy/atoi or (GDestroyNotify) casts" \
  "$(grep -nP '(?<![\w.>])(malloc|free|strcpy|atoi)\s*\(|\(GDestroyNotify\)' $sources | grep -vP '^\S+:\d+:\s*(\*|/\*|//)')"

# Numbers in files must not follow the user's locale (g_ascii_dtostr);
# translatable display strings may.
check "no printf-style float formatting in file writers" \
  "$(grep -nE 'printf[^;]*%[0-9.]*[fg]' app/core/*.c 2>/dev/null | grep -vE '_\(|g_debug|g_message|g_warning')"

# Translatable: C with a gettext keyword (meson's glib preset and libintl),
# .ui with translatable="yes", the desktop entry and metainfo templates,
# a GSettings schema with a gettext-domain, shared-mime-info comments.
missing=""
gettext_c='(^|[^[:alnum:]_])(_|N_|C_|NC_|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext2?|gettext|ngettext|dgettext|dngettext)[[:space:]]*\('
for f in $(find app -name '*.c' -print0 | xargs -0 grep -lE "$gettext_c" 2>/dev/null) \
         $(find app data -name '*.ui' -print0 | xargs -0 grep -l 'translatable="yes"' 2>/dev/null) \
         $(find data -name '*.desktop.in*' -o -name '*.metainfo.xml.in*' -o -name '*.appdata.xml.in*' 2>/dev/null) \
         $(find data -name '*.gschema.xml' -print0 | xargs -0 grep -l 'gettext-domain=' 2>/dev/null) \
         $(find data -name '*.xml*' -print0 | xargs -0 grep -l '<mime-info' 2>/dev/null | \
             xargs -r grep -l '<comment'); do
  grep -qxF "$f" po/POTFILES.in || missing="$missing$f"$'\n'
done
check "every file with translatable strings is in po/POTFILES.in" "$missing"

stale=""
while IFS= read -r f; do
  case $f in ''|'#'*) continue ;; esac
  [ -e "$f" ] || stale="$stale$f"$'\n'
done < po/POTFILES.in
check "po/POTFILES.in lists only existing files" "$stale"

check "po/POTFILES.in is sorted" \
  "$(grep -v '^#' po/POTFILES.in | LC_ALL=C sort -c 2>&1)"

check "no tabs or trailing whitespace in C sources" \
  "$(grep -nP '\t| +$' $sources)"

[ "$failed" -eq 0 ]
