#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Valgrind memcheck of the import → verify → store path: credence-cli
# import, verify and reverify over a few corpus badges (OB 2.0 signed and
# hosted through a URL map, OB 3.0 Data Integrity and a baked PNG), in a
# fresh collection, offline (the URL map and the bundled contexts only).
# Any memory error or definite leak fails (GLib's
# suppressions; possibly-lost and still-reachable blocks are GLib's and
# GObject's type system, not counted).
#
#   tests/valgrind-import.sh CREDENCE_CLI SOURCE_DIR
#
# Run by `meson test -C BUILD --setup valgrind --suite valgrind` (the
# default test setup leaves it out: it takes a few minutes).  TAP output.
set -uo pipefail

cli=$1
src=$2
data="$src/tests/data/corpus"
ob20="$data/1edtech-dc-public-validator/ob20"
map="https://example.org/=$ob20/assets"
badges=("$ob20/simple.jwt" "$ob20/basic-assertion.json"
        "$src/data/samples/dcc-test-credential.json" "$src/data/samples/text-analysis.json"
        "$src/data/samples/teamwork.png")

if ! command -v valgrind > /dev/null; then
  echo "1..0 # SKIP valgrind is not installed"
  exit 0
fi

supp=()
for f in /usr/share/glib-2.0/valgrind/glib.supp /usr/share/gtk-4.0/valgrind/gtk.supp; do
  [ -f "$f" ] && supp+=(--suppressions="$f")
done
supp+=(--suppressions="$src/tests/valgrind.supp")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export CREDENCE_DATA_DIR="$tmp/data"

steps=(
  "import --offline --jobs 1 --url-map $map ${badges[*]}"
  "verify --json --jobs 1 --offline --url-map $map ${badges[*]}"
  "reverify --all --offline --jobs 1 --url-map $map"
  "list --json"
)
echo "1..${#steps[@]}"
n=0
status=0
for step in "${steps[@]}"; do
  n=$((n + 1))
  log="$tmp/valgrind-$n.log"
  start=$(date +%s)
  # shellcheck disable=SC2086
  valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    --track-origins=yes --num-callers=30 "${supp[@]}" --log-file="$log" \
    "$cli" --data-dir "$tmp/data" $step > "$tmp/out-$n.txt" 2>&1
  rc=$?
  summary=$(grep -E "ERROR SUMMARY|definitely lost" "$log" | sed 's/^==[0-9]*== //' | tr '\n' ' ')
  if [ "$rc" -eq 99 ] || [ "$rc" -ge 128 ]; then
    echo "not ok $n - credence-cli ${step%% *}: $summary"
    sed 's/^/# /' "$log" | tail -n 200
    status=1
  else
    echo "ok $n - credence-cli ${step%% *} (exit $rc, $(( $(date +%s) - start )) s): $summary"
  fi
  # The path must really have run: badges stored, verdicts printed.
  if [ "$rc" -eq 2 ]; then
    echo "# credence-cli ${step%% *} could not run:"
    sed 's/^/# /' "$tmp/out-$n.txt" | tail -n 20
    echo "not ok $n - credence-cli ${step%% *} exited with a usage or read error"
    status=1
  fi
done
exit $status
