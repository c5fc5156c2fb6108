#!/usr/bin/env bash
# End-to-end throughput of the data path on a generated mixed volume, beside baselines measured in the same run:
#   bash bench/e2e-throughput.sh [--store filesystem|swift] [size=2 (GiB, or e.g. 256M)] [workdir=${TMPDIR:-/var/tmp}/vb-e2e]
# --store swift backs up to containers of the local Swift (scripts/swift.sh; account test:tester, or VB_SWIFT_AUTH_URL,
# VB_SWIFT_USER, VB_SWIFT_KEY) through the driver with retries, as the service does; the default is a local directory.
# Runs the backup engine in-process (no HTTP server, no database): this measures the data path only.
# Generates a deterministic volume (about 30% zeros, half of them holes; 40% text-like; 30% random; regions of
# 64 KiB-64 MiB), backs it up, restores it from cold packs (page cache dropped) and from cached packs into fresh sparse
# files and compares each restore byte for byte (cmp), then changes 1% of it in scattered 64 KiB writes, backs it up
# again and restores that. The first wrong byte stops the run with exit 1 (VB_BENCH_FLIP_BYTE_AT=<offset> corrupts
# each restored volume on purpose, to show it). Each backup is also verified (BackupEngine.VerifyAsync: every object
# read back, every block's hash checked, nothing written), the full one from cold and from cached packs, the
# incremental one from cached packs; a verification that reports damage on these good backups stops the run with
# exit 1 too (VB_BENCH_DAMAGE_PACK=1 flips a bit of a block stored in one pack before the first verification, to show
# it). Prints MB/s over the logical size and over the bytes the process actually read (holes are skipped; the kernel's
# rchar count), peak RSS and stored bytes, beside baselines of the same run: `sha256sum` of the same volume file from
# the page cache, `cp --sparse=always` + sync of it, and one core's SHA256.HashData over 64 KiB blocks in memory.
# Verification is compared with the restores of the same backup and with sha256sum of the volume.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/common.sh

store_kind=filesystem
if [ "${1:-}" = "--store" ]; then store_kind=$2; shift 2; fi
case "$store_kind" in filesystem|swift) ;; *) echo "--store must be filesystem or swift" >&2; exit 2 ;; esac
size_arg=${1:-2}
work=${2:-${TMPDIR:-/var/tmp}/vb-e2e}
size=$(size_bytes "$size_arg")
rm -rf "$work" && mkdir -p "$work"

# A backup runs inside a long-lived server whose hot code is already optimised; each step here is a fresh process,
# so without this a good part of a short run would time Tier-0 code of the zstd port.
export DOTNET_TieredCompilation=0
dotnet build bench/VolumeBackup.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
tool() { dotnet artifacts/bin/VolumeBackup.Benchmarks/release/VolumeBackup.Benchmarks.dll e2e "$@"; }
val() { echo "$1" | grep "^$2=" | cut -d= -f2; }
# Where backups go: "$work/store" or a Swift container named after this run; sizes and clean-up for either kind.
if [ "$store_kind" = swift ]; then store="swift:vb-e2e-$$"; many="swift:vb-e2e-many-$$"; else store="$work/store"; many="$work/many"; fi
stored_bytes() { if [ "$store_kind" = swift ]; then val "$(tool store-bytes --store "$1")" stored_bytes; else du -sb "$1" | cut -f1; fi; }
clear_store() { if [ "$store_kind" = swift ]; then tool store-clear --store "$1"; else rm -rf "$1"; fi; }
# A run stopped early leaves no objects behind in Swift either.
trap 'if [ "$store_kind" = swift ]; then clear_store "$store" >/dev/null 2>&1 || true; fi; rm -rf "$work"' EXIT
# One step's figures: logical MB/s, MB/s over the bytes it read, seconds, CPU, peak RSS.
rates() {
  local out=$1 seconds
  seconds=$(val "$out" seconds)
  echo "$(val "$out" mb_per_s) MB/s logical, $(mb_per_s "$(val "$out" read_bytes)" "$seconds") MB/s over the" \
       "$(mib "$(val "$out" read_bytes)") MiB read ($seconds s, CPU $(val "$out" cpu_seconds) s," \
       "peak RSS $(mib "$(( $(val "$out" peak_rss_kib) * 1024 ))") MiB)"
}

echo "generating a $size_arg mixed volume ($size bytes) in $work"
tool generate --volume "$work/volume.raw" --size "$size" --seed 1
allocated=$(du -B1 "$work/volume.raw" | cut -f1)

# Baselines over the same file: SHA-256 of every logical byte, and a sparse copy, both from the page cache; and the
# CPU floor of hashing alone: one core's SHA256.HashData over 64 KiB blocks in memory.
sha_seconds=$(sha256sum_seconds "$work/volume.raw")
hashdata_rate=$(val "$(tool sha256-rate --bytes "$size")" mb_per_s)
sync
start=$(now)
cp --sparse=always "$work/volume.raw" "$work/copy.raw"
sync
cp_seconds=$(elapsed "$start" "$(now)")
rm -f "$work/copy.raw"

cat "$work/volume.raw" >/dev/null # page cache: the source is cached, as for the baselines
full=$(tool backup --volume "$work/volume.raw" --store "$store" --id full)
stored_full=$(stored_bytes "$store")

# Restore from cold packs first (nothing of the store in the page cache), then from cached packs.
cold_caches
restore_cold=$(tool restore --volume "$work/restored.raw" --store "$store" --id full --size "$size")
verify_identical "$work/volume.raw" "$work/restored.raw" "restore of full backup, cold packs"
rm -f "$work/restored.raw"

# Verification of the same backup from cold packs. The damage hook comes after the restore, which read it all intact.
if [ "${VB_BENCH_DAMAGE_PACK:-}" = 1 ]; then
  echo "test hook: $(tool damage-pack --store "$store" | tr '\n' ' ')" >&2
fi
cold_caches
verify_cold=$(tool verify --store "$store" --id full)
verify_reports_clean "$verify_cold" "verification of full backup, cold packs"
# Packs are written past the page cache; read them into it, as cp's source is, so both copies start from cached bytes.
if [ "$store_kind" = filesystem ]; then find "$store" -type f -exec cat {} + >/dev/null; fi
restore=$(tool restore --volume "$work/restored.raw" --store "$store" --id full --size "$size")
verify_identical "$work/volume.raw" "$work/restored.raw" "restore of full backup, cached packs"
rm -f "$work/restored.raw"
verify_cached=$(tool verify --store "$store" --id full)
verify_reports_clean "$verify_cached" "verification of full backup, cached packs"

mutate=$(tool mutate --volume "$work/volume.raw" --percent 1 --seed 2)
changed=$(val "$mutate" changed_bytes)
cat "$work/volume.raw" >/dev/null
incr=$(tool backup --volume "$work/volume.raw" --store "$store" --id incr --previous full)
stored_incr=$(stored_bytes "$store")
restore2=$(tool restore --volume "$work/restored.raw" --store "$store" --id incr --size "$size")
verify_identical "$work/volume.raw" "$work/restored.raw" "restore of incremental backup"
rm -f "$work/restored.raw"
verify2=$(tool verify --store "$store" --id incr)
verify_reports_clean "$verify2" "verification of incremental backup"

clear_store "$store"
many_result=$(tool backup-many --volume "$work/volume.raw" --store "$many" --count 8)
# One of the eight, restored and checked: concurrent backups must be as right as a lone one.
if [ "$store_kind" = swift ]; then one="$many-0"; else one="$many/0"; fi
tool restore --volume "$work/restored.raw" --store "$one" --id many-0 --size "$size" >/dev/null
verify_identical "$work/volume.raw" "$work/restored.raw" "restore of one of the 8 concurrent backups"
rm -f "$work/restored.raw"
if [ "$store_kind" = swift ]; then for i in 0 1 2 3 4 5 6 7; do clear_store "$many-$i"; done; else clear_store "$many"; fi

full_seconds=$(val "$full" seconds)
added=$((stored_incr - stored_full))
echo
echo "store: $store_kind; engine in-process"
echo "volume: $size_arg ($((size / 1048576)) MiB) logical, $(mib "$allocated") MiB allocated; $(nproc) cores," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "baseline sha256sum of the volume:    $(mb_per_s "$size" "$sha_seconds") MB/s logical ($sha_seconds s)"
echo "baseline cp --sparse=always + sync:  $(mb_per_s "$size" "$cp_seconds") MB/s logical ($cp_seconds s)"
echo "baseline SHA256.HashData, one core, in memory: $hashdata_rate MB/s"
echo "full backup:          $(rates "$full")"
echo "                      stored $(mib "$stored_full") MiB in $(val "$full" object_count) objects;" \
     "$(ratio "$sha_seconds" "$full_seconds") x the speed of sha256sum over the same file," \
     "$(ratio "$(val "$full" mb_per_s)" "$hashdata_rate") x the in-memory SHA256.HashData rate"
echo "restore, cold packs:  $(rates "$restore_cold"); $cache_state"
echo "restore, cached:      $(rates "$restore");" \
     "$(ratio "$cp_seconds" "$(val "$restore" seconds)") x the speed of the sparse copy"
# Verification speed against the restores of the same backup and sha256sum of the volume, as ratios of seconds over
# the same logical size: on a shared machine these hold better than the MB/s themselves.
echo "verify, cold packs:   $(rates "$verify_cold"); $(val "$verify_cold" blocks_checked) blocks checked"
echo "                      $(ratio "$(val "$restore_cold" seconds)" "$(val "$verify_cold" seconds)") x the speed of the" \
     "cold restore, $(ratio "$sha_seconds" "$(val "$verify_cold" seconds)") x the speed of sha256sum over the volume"
echo "verify, cached:       $(rates "$verify_cached")"
echo "                      $(ratio "$(val "$restore" seconds)" "$(val "$verify_cached" seconds)") x the speed of the" \
     "cached restore, $(ratio "$sha_seconds" "$(val "$verify_cached" seconds)") x the speed of sha256sum over the volume"
echo "incremental (1%):     $(rates "$incr"); $(ratio "$full_seconds" "$(val "$incr" seconds)") x full backup speed"
echo "                      changed $(mib "$changed") MiB, added $(mib "$added") MiB to the store" \
     "-> $(ratio "$added" "$changed") x changed bytes"
echo "restore (incr):       $(rates "$restore2")"
echo "verify (incr):        $(rates "$verify2"); $(ratio "$(val "$restore2" seconds)" "$(val "$verify2" seconds)") x" \
     "the speed of its restore, $(ratio "$sha_seconds" "$(val "$verify2" seconds)") x the speed of sha256sum"
echo "8 concurrent full backups in one process: $(val "$many_result" mb_per_s) MB/s logical in total," \
     "peak RSS $(mib "$(( $(val "$many_result" peak_rss_kib) * 1024 ))") MiB"
