#!/bin/bash
# What `meson install` puts where: installs the build into a temporary
# DESTDIR (nothing outside it; meson logs the install in BUILD_DIR as
# always) and checks each expected file, then that the installed schema,
# desktop entry, metainfo and MIME XML pass their tools. Prints TAP.
#
# Usage: check-install.sh BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID
#                         GETTEXT_PACKAGE MANDIR man|no-man
# (directories as meson's options give them: relative to PREFIX or
# absolute)
set -u
build=${1:?usage: check-install.sh BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID GETTEXT_PACKAGE MANDIR man|no-man}
prefix=$2
app_id=$6
domain=$7
with_man=${9:-no-man}

under_prefix() {
  case $1 in
    /*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$prefix" "$1" ;;
  esac
}
bindir=$(under_prefix "$3")
datadir=$(under_prefix "$4")
localedir=$(under_prefix "$5")
mandir=$(under_prefix "${8:-share/man}")

# The settings keep the release ID in a .Devel build (CS_SETTINGS_SCHEMA_ID).
schema_id=io.github.consilium.Consilium

# Every installed file the project promises: KIND PATH, one a line. KIND
# is "exec" (an executable file) or "file". Add new files here.
expected="
exec $bindir/consilium
exec $bindir/consilium-cli
file $datadir/applications/$app_id.desktop
file $datadir/metainfo/$app_id.metainfo.xml
file $datadir/icons/hicolor/scalable/apps/$app_id.svg
file $datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg
file $datadir/glib-2.0/schemas/$schema_id.gschema.xml
file $datadir/mime/packages/$app_id.xml
file $datadir/dbus-1/services/$app_id.service
file $localedir/ru/LC_MESSAGES/$domain.mo
file $localedir/ja/LC_MESSAGES/$domain.mo
file $datadir/$domain/samples/CMU-1-Small-Region.svs
"
# The man pages, when this build makes them (-Dman, with help2man).
if [ "$with_man" = man ]; then
  expected="$expected
file $mandir/man1/consilium.1
file $mandir/man1/consilium-cli.1
"
fi

n_expected=$(printf '%s\n' "$expected" | grep -c .)
n_extra=7 # the checks after the list
echo "1..$((n_expected + n_extra))"

n=0
ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok() {
  n=$((n + 1))
  echo "not ok $n - $1"
  [ -z "${2:-}" ] || printf '%s\n' "$2" | head -n 20 | sed 's/^/# /'
}
# run_check DESCRIPTION COMMAND…: passes when COMMAND succeeds
run_check() {
  local description=$1 output
  shift
  if output=$("$@" 2>&1); then
    ok "$description"
  else
    not_ok "$description" "$output"
  fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/consilium-install-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest

if output=$(meson install --no-rebuild --quiet --destdir "$dest" -C "$build" 2>&1); then
  ok "meson install --destdir"
else
  not_ok "meson install --destdir" "$output"
fi

while read -r kind path; do
  [ -n "$kind" ] || continue
  if [ "$kind" = exec ] && [ -f "$dest$path" ] && [ -x "$dest$path" ]; then
    ok "$path (executable)"
  elif [ "$kind" = file ] && [ -f "$dest$path" ] && [ -s "$dest$path" ]; then
    ok "$path"
  else
    not_ok "$path is not installed" "$(ls -la "$(dirname "$dest$path")" 2>&1)"
  fi
done <<< "$expected"

# Nothing lands outside the prefix.
stray=$(cd "$dest" 2>/dev/null && find . -type f | sed 's/^\.//' | grep -v "^$prefix/")
if [ -z "$stray" ]; then
  ok "every installed file is under $prefix"
else
  not_ok "files installed outside $prefix" "$stray"
fi

run_check "the installed schema compiles with --strict" \
  glib-compile-schemas --strict --targetdir "$tmp" "$dest$datadir/glib-2.0/schemas"

run_check "the installed desktop entry is valid" \
  desktop-file-validate "$dest$datadir/applications/$app_id.desktop"

run_check "the installed metainfo is valid" \
  appstreamcli validate --no-net "$dest$datadir/metainfo/$app_id.metainfo.xml"

mkdir -p "$tmp/mime/packages" && cp "$dest$datadir/mime/packages/$app_id.xml" "$tmp/mime/packages/"
run_check "the installed MIME XML compiles" \
  env XDG_DATA_DIRS="$tmp" update-mime-database "$tmp/mime"

exec_line=$(grep '^Exec=' "$dest$datadir/dbus-1/services/$app_id.service" 2>/dev/null)
if [ "$exec_line" = "Exec=$bindir/consilium --gapplication-service" ]; then
  ok "the D-Bus service starts the installed consilium"
else
  not_ok "the D-Bus service's Exec= is wrong" "$exec_line"
fi

[ "$n" -eq "$((n_expected + n_extra))" ] || echo "# ran $n checks, planned $((n_expected + n_extra))"
