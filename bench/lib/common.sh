# Helpers shared by the benchmark scripts (sourced, not run). Each check stops the benchmark: a benchmark whose output
# is wrong has no rate worth printing.

# Size argument: "2" is 2 GiB, "256M" is 256 MiB. Prints bytes.
size_bytes() {
  case "$1" in
    *M) echo $(( ${1%M} * 1024 * 1024 )) ;;
    *) echo $(( $1 * 1024 * 1024 * 1024 )) ;;
  esac
}

# Test hook: VB_BENCH_FLIP_BYTE_AT=<offset> flips one bit of that byte of every restored volume before it is checked,
# to show that a wrong byte stops the benchmark with a non-zero exit.
corrupt_for_test() {
  local file=$1 at=${VB_BENCH_FLIP_BYTE_AT:-}
  [ -n "$at" ] || return 0
  local byte
  byte=$(od -An -tu1 -j "$at" -N1 "$file" | tr -d ' ')
  # shellcheck disable=SC2059 # the format is the octal escape of the flipped byte
  printf "$(printf '\\%03o' $(( byte ^ 1 )))" | dd of="$file" bs=1 seek="$at" conv=notrunc status=none
  echo "test hook: flipped a bit of byte $at of $file" >&2
}

# Compares a restored volume with the original byte for byte; the first differing byte ends the run (exit 1).
verify_identical() {
  local original=$1 restored=$2 what=$3
  corrupt_for_test "$restored"
  if ! cmp "$original" "$restored" >&2; then
    echo "FAILED: $what differs from the original volume; stopping the benchmark" >&2
    exit 1
  fi
  echo "$what: bytes identical (cmp)"
}

# Drops the page cache so that the next step reads from the disk. Needs root; says so when it cannot.
cold_caches() {
  sync
  if [ -w /proc/sys/vm/drop_caches ] && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
    cache_state="cold (page cache dropped)"
  else
    cache_state="NOT cold: could not drop the page cache (needs root), so part of it may still be cached"
  fi
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
mb_per_s() { awk -v n="$1" -v s="$2" 'BEGIN { if (s == 0) print "-"; else printf "%.0f", n / 1e6 / s }'; }
mib() { awk -v n="$1" 'BEGIN { printf "%.0f", n / 1048576 }'; }

# Seconds sha256sum takes over a file (the SHA-256 baseline over the same bytes, read from the page cache).
sha256sum_seconds() {
  local start
  cat "$1" >/dev/null
  start=$(now)
  sha256sum "$1" >/dev/null
  elapsed "$start" "$(now)"
}

# Checks the report of an e2e verify step: a good backup must show no damaged block and no missing object, and must have
# had blocks to check (a verification that read nothing proves nothing). Anything else ends the run (exit 1).
verify_reports_clean() {
  local report=$1 what=$2 checked damaged missing
  checked=$(echo "$report" | grep '^blocks_checked=' | cut -d= -f2)
  damaged=$(echo "$report" | grep '^damaged_blocks=' | cut -d= -f2)
  missing=$(echo "$report" | grep '^missing_objects=' | cut -d= -f2)
  if [ "${damaged:-x}" != 0 ] || [ "${missing:-x}" != 0 ] || [ "${checked:-0}" -le 0 ]; then
    echo "$report" | grep -E '^(damaged|missing)=' >&2 || true
    echo "FAILED: $what found ${damaged:-?} damaged blocks and ${missing:-?} missing objects in ${checked:-?} blocks" \
         "checked; stopping the benchmark" >&2
    exit 1
  fi
  echo "$what: $checked blocks checked, none damaged, no object missing"
}
