#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs every libFuzzer target of a -Dfuzzing=true build for a bounded time,
# starting from its seeds (seeds/TARGET.txt) and regression files.
#
#   tests/fuzz/run-fuzzers.sh BUILD_DIR SECONDS RESULTS.json [TARGET...]
#
# Writes one line per target to RESULTS.json in the format of meson's
# testlog.json ({"name": ..., "result": "OK" or "FAIL"}), so that
# build-aux/count-tests.py counts the runs.  A finding (crash, sanitizer
# report, leak, timeout, out of memory) fails the target; its reproducer is
# left in BUILD_DIR/fuzz-artifacts/TARGET/.  Exits 1 if any target failed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data="$here/../data"
build=$1
seconds=$2
results=$3
shift 3
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(backup badge bundle jsonld jws nquads pathway png svg)

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$here/../lsan.supp:print_suppressions=0"
export G_DEBUG="fatal-criticals"

dictionary () {
  case "$1" in
    badge|bundle|jsonld) echo "$here/jsonld.dict" ;;
    png) echo "$here/png.dict" ;;
    svg) echo "$here/svg.dict" ;;
  esac
}

# The longest input worth trying.  Bundles are read line by line, and a
# 125 KB seed (three.credence-bundle) only makes every run slower: the
# mutations work on the small seeds instead.
max_len () {
  case "$1" in
    bundle) echo 16384 ;;
  esac
}

: > "$results"
status=0
for t in "${targets[@]}"; do
  exe="$build/tests/fuzz/fuzz-$t"
  corpus="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts/$t"
  log="$build/fuzz-$t.log"
  mkdir -p "$corpus" "$artifacts"

  args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  dict=$(dictionary "$t")
  [ -z "$dict" ] || args+=(-dict="$dict")
  len=$(max_len "$t")
  [ -z "$len" ] || args+=(-max_len="$len")
  dirs=("$corpus")
  while read -r line; do
    [ -n "$line" ] && dirs+=("$data/$line")
  done < "$here/seeds/$t.txt"
  [ -d "$here/regressions/$t" ] && dirs+=("$here/regressions/$t")

  start=$(date +%s)
  if [ -x "$exe" ] && "$exe" "${args[@]}" "${dirs[@]}" > "$log" 2>&1; then
    result=OK
  else
    result=FAIL
    status=1
    tail -n 60 "$log" >&2
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "fuzz-$t: $result, ${execs:-0} execs in $(( $(date +%s) - start )) s" >&2
  printf '{"name": "fuzz-run-%s", "result": "%s", "execs": %s}\n' "$t" "$result" "${execs:-0}" >> "$results"
done
exit $status
