#!/usr/bin/env bash
# End-to-end throughput of the data path on a generated mixed volume, beside baselines measured in the same run:
#   bash bench/e2e-throughput.sh [--store filesystem|swift] [size_gib=2] [workdir=${TMPDIR:-/var/tmp}/vb-e2e]
# --store swift backs up to containers of the local Swift (scripts/swift.sh; account test:tester, or VB_SWIFT_AUTH_URL,
# VB_SWIFT_USER, VB_SWIFT_KEY) through the driver with retries, as the service does; the default is a local directory.
# Generates a deterministic volume (about 30% zeros, half of them holes; 40% text-like; 30% random; regions of
# 64 KiB-64 MiB), backs it up to a filesystem store, restores it to a fresh sparse file and compares bytes (cmp),
# then changes 1% of it in scattered 64 KiB writes and backs it up again. Prints MB/s over the logical size, peak RSS,
# stored bytes, and the baselines: single-core SHA256.HashData and `cp --sparse=always` + sync of the same volume.
set -euo pipefail
cd "$(dirname "$0")/.."

store_kind=filesystem
if [ "${1:-}" = "--store" ]; then store_kind=$2; shift 2; fi
case "$store_kind" in filesystem|swift) ;; *) echo "--store must be filesystem or swift" >&2; exit 2 ;; esac
size_gib=${1:-2}
work=${2:-${TMPDIR:-/var/tmp}/vb-e2e}
size=$((size_gib * 1024 * 1024 * 1024))
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# A backup runs inside a long-lived server whose hot code is already optimised; each step here is a fresh process,
# so without this a good part of a short run would time Tier-0 code of the zstd port.
export DOTNET_TieredCompilation=0
dotnet build bench/VolumeBackup.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
tool() { dotnet artifacts/bin/VolumeBackup.Benchmarks/release/VolumeBackup.Benchmarks.dll e2e "$@"; }
val() { echo "$1" | grep "^$2=" | cut -d= -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
# Where backups go: "$work/store" or a Swift container named after this run; sizes and clean-up for either kind.
if [ "$store_kind" = swift ]; then store="swift:vb-e2e-$$"; many="swift:vb-e2e-many-$$"; else store="$work/store"; many="$work/many"; fi
stored_bytes() { if [ "$store_kind" = swift ]; then val "$(tool store-bytes --store "$1")" stored_bytes; else du -sb "$1" | cut -f1; fi; }
clear_store() { if [ "$store_kind" = swift ]; then tool store-clear --store "$1"; else rm -rf "$1"; fi; }

echo "generating a ${size_gib} GiB mixed volume in $work"
tool generate --volume "$work/volume.raw" --size "$size" --seed 1
allocated=$(du -B1 "$work/volume.raw" | cut -f1)
cat "$work/volume.raw" >/dev/null # page cache: the targets are stated for a cached source

sha=$(tool sha256-rate --bytes "$size")
sha_rate=$(val "$sha" mb_per_s)

sync
start=$(date +%s.%N)
cp --sparse=always "$work/volume.raw" "$work/copy.raw" && sync
end=$(date +%s.%N)
cp_rate=$(awk -v s="$size" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", s / 1e6 / (b - a) }')
rm -f "$work/copy.raw"

full=$(tool backup --volume "$work/volume.raw" --store "$store" --id full)
stored_full=$(stored_bytes "$store")
sync
# Packs are written past the page cache; read them into it, as cp's source is, so both copies start from cached bytes.
if [ "$store_kind" = filesystem ]; then find "$store" -type f -exec cat {} + >/dev/null; fi
restore=$(tool restore --volume "$work/restored.raw" --store "$store" --id full --size "$size")
sync
cmp "$work/volume.raw" "$work/restored.raw" && echo "restore of full backup: bytes identical (cmp)"
rm -f "$work/restored.raw"

mutate=$(tool mutate --volume "$work/volume.raw" --percent 1 --seed 2)
changed=$(val "$mutate" changed_bytes)
cat "$work/volume.raw" >/dev/null
incr=$(tool backup --volume "$work/volume.raw" --store "$store" --id incr --previous full)
stored_incr=$(stored_bytes "$store")
restore2=$(tool restore --volume "$work/restored.raw" --store "$store" --id incr --size "$size")
cmp "$work/volume.raw" "$work/restored.raw" && echo "restore of incremental backup: bytes identical (cmp)"

clear_store "$store"
many_result=$(tool backup-many --volume "$work/volume.raw" --store "$many" --count 8)
if [ "$store_kind" = swift ]; then for i in 0 1 2 3 4 5 6 7; do clear_store "$many-$i"; done; else clear_store "$many"; fi

full_rate=$(val "$full" mb_per_s); restore_rate=$(val "$restore" mb_per_s); incr_rate=$(val "$incr" mb_per_s)
added=$((stored_incr - stored_full))
echo
echo "store: $store_kind"
echo "volume: ${size_gib} GiB logical, $((allocated / 1048576)) MiB allocated; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "baseline SHA256.HashData, one core:  ${sha_rate} MB/s"
echo "baseline cp --sparse=always + sync:  ${cp_rate} MB/s"
echo "full backup:    ${full_rate} MB/s ($(val "$full" seconds) s), peak RSS $(mib "$(val "$full" peak_rss_kib)") MiB," \
     "stored $((stored_full / 1048576)) MiB, $(val "$full" object_count) objects" \
     "-> $(ratio "$full_rate" "$sha_rate") x SHA-256 rate"
echo "                CPU $(val "$full" cpu_seconds) s: $(awk -v s="$size" -v c="$(val "$full" cpu_seconds)" 'BEGIN { printf "%.0f", s / 1e6 / c }') MB per CPU-second"
echo "restore:        ${restore_rate} MB/s ($(val "$restore" seconds) s), peak RSS $(mib "$(val "$restore" peak_rss_kib)") MiB" \
     "-> $(ratio "$restore_rate" "$cp_rate") x sparse copy rate, CPU $(val "$restore" cpu_seconds) s"
echo "incremental:    ${incr_rate} MB/s ($(val "$incr" seconds) s), peak RSS $(mib "$(val "$incr" peak_rss_kib)") MiB," \
     "-> $(ratio "$incr_rate" "$full_rate") x full backup speed, CPU $(val "$incr" cpu_seconds) s"
echo "                changed $((changed / 1048576)) MiB, added $((added / 1048576)) MiB to the store" \
     "-> $(ratio "$added" "$changed") x changed bytes"
echo "restore (incr): $(val "$restore2" mb_per_s) MB/s"
echo "8 concurrent full backups in one process: $(val "$many_result" mb_per_s) MB/s in total," \
     "peak RSS $(mib "$(val "$many_result" peak_rss_kib)") MiB"
