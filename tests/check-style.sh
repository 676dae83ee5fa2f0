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

missing=""
for f in $(grep -lE '\b_\(|\bN_\(' app/*/*.c app/*.c 2>/dev/null) \
         $(grep -l 'translatable="yes"' app/ui/*.ui app/ui/gtk/*.ui 2>/dev/null); do
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
