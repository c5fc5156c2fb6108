#!/usr/bin/env bash
# Changed-block incremental beside a full-read incremental of the same change, in one run, on XFS with reflink:
#   sudo bash bench/changed-blocks.sh [size=16 (GiB, or e.g. 512M)] [workdir=${TMPDIR:-/var/tmp}/vb-cbt]
# Needs root: it makes its own XFS (reflink) in a sparse 40 GiB image (or 2.5 x size, if larger) on a loop device under
# workdir, and drops the page cache before each incremental. Steps: generate a mixed volume (as bench/e2e-throughput.sh:
# about 30% zeros, half of them holes, 40% text-like, 30% random), clone it (backup-full, cp --reflink), full backup of the
# clone to a filesystem store on the same XFS; 1% of the volume changed in scattered 64 KiB writes; clone it again
# (backup-incr); the store copied as reflinks, so both incrementals start from the same full backup and pack set; then,
# cold, the changed-block incremental (the two clones' extent maps compared with FIEMAP, timed with it) into one store and
# the full-read incremental into the other. Both must write the same root (cmp); the changed-block one is restored and
# compared with the clone byte for byte. The first wrong byte stops the run (exit 1). Each incremental's process first
# backs up a small temporary volume, untimed (--warm-up), as a long-running server has its code compiled already.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/common.sh

[ "$(id -u)" = 0 ] || { echo "needs root (mkfs.xfs, losetup, mount, drop_caches)" >&2; exit 2; }
size_arg=${1:-16}
work=${2:-${TMPDIR:-/var/tmp}/vb-cbt}
size=$(size_bytes "$size_arg")
image_bytes=$(( size * 5 / 2 > 40 * 1073741824 ? size * 5 / 2 : 40 * 1073741824 ))
loop=""
cleanup() {
  if mountpoint -q "$work/mnt"; then umount "$work/mnt"; fi
  if [ -n "$loop" ]; then losetup -d "$loop"; fi
  rm -rf "$work"
}
rm -rf "$work" && mkdir -p "$work/mnt"
trap cleanup EXIT
truncate -s "$image_bytes" "$work/xfs.img"
mkfs.xfs -q -m reflink=1 "$work/xfs.img"
loop=$(losetup --find --show "$work/xfs.img")
mount "$loop" "$work/mnt"
fs="$work/mnt"

export DOTNET_TieredCompilation=0
dotnet build bench/VolumeBackup.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
tool() { dotnet artifacts/bin/VolumeBackup.Benchmarks/release/VolumeBackup.Benchmarks.dll e2e "$@"; }
val() { echo "$1" | grep "^$2=" | cut -d= -f2; }
stored() { du -sb "$1" | cut -f1; }

echo "generating a $size_arg mixed volume ($size bytes) on XFS ($loop, $image_bytes-byte image)"
tool generate --volume "$fs/volume.raw" --size "$size" --seed 1
allocated=$(du -B1 "$fs/volume.raw" | cut -f1)
cp --reflink=always "$fs/volume.raw" "$fs/backup-full"
full=$(tool backup --volume "$fs/backup-full" --store "$fs/store-cbt" --id full)
stored_full=$(stored "$fs/store-cbt")

mutate=$(tool mutate --volume "$fs/volume.raw" --percent 1 --seed 2)
changed=$(val "$mutate" changed_bytes)
cp --reflink=always "$fs/volume.raw" "$fs/backup-incr"
# Same previous backup, same packs: the full-read run's store is a reflink copy of the other's.
cp -a --reflink=always "$fs/store-cbt" "$fs/store-full"

cold_caches
cbt=$(tool backup --volume "$fs/backup-incr" --store "$fs/store-cbt" --id incr --previous full --changes-from "$fs/backup-full" --warm-up 1)
[ "$(val "$cbt" read_changed_blocks_only)" = True ] || { echo "FAILED: the changed-block run read the whole volume" >&2; exit 1; }
added_cbt=$(( $(stored "$fs/store-cbt") - stored_full ))
cold_caches
fullread=$(tool backup --volume "$fs/backup-incr" --store "$fs/store-full" --id incr --previous full --warm-up 1)
added_full=$(( $(stored "$fs/store-full") - stored_full ))

# The same root but for its created_at (each run stamps its own time): same segments, packs and stats.
if ! cmp <(grep -v '"created_at"' "$fs/store-cbt/backups/incr/manifest.json") \
         <(grep -v '"created_at"' "$fs/store-full/backups/incr/manifest.json") >&2; then
  echo "FAILED: the changed-block incremental's root differs from the full-read incremental's" >&2
  exit 1
fi
echo "roots of the two incrementals: identical but for created_at (cmp)"
restore=$(tool restore --volume "$work/restored.raw" --store "$fs/store-cbt" --id incr --size "$size")
verify_identical "$fs/backup-incr" "$work/restored.raw" "restore of the changed-block incremental"
rm -f "$work/restored.raw"

line() {
  local out=$1 added=$2
  echo "$(val "$out" seconds) s wall, CPU $(val "$out" backup_cpu_seconds) s ($(val "$out" cpu_seconds) s with process start), read $(mib "$(val "$out" backup_read_bytes)") MiB" \
       "(disk $(mib "$(val "$out" backup_disk_read_bytes)") MiB), added $(mib "$added") MiB to the store," \
       "peak RSS $(mib "$(( $(val "$out" peak_rss_kib) * 1024 ))") MiB"
}
echo
echo "XFS (reflink) on a loop device; volume $size_arg ($((size / 1048576)) MiB) logical, $(mib "$allocated") MiB allocated;" \
     "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); page cache dropped before each incremental"
echo "full backup:               $(val "$full" seconds) s, CPU $(val "$full" cpu_seconds) s, stored $(mib "$stored_full") MiB"
echo "change:                    $(val "$mutate" changed_bytes) bytes ($(mib "$changed") MiB) in 64 KiB writes at scattered offsets"
echo "changed-block incremental: $(line "$cbt" "$added_cbt")"
echo "                           FIEMAP comparison $(val "$cbt" fiemap_seconds) s (included), $(val "$cbt" changed_ranges)" \
     "ranges, $(mib "$(val "$cbt" changed_range_bytes)") MiB"
echo "full-read incremental:     $(line "$fullread" "$added_full")"
echo "ratios, changed-block / full-read: wall $(ratio "$(val "$cbt" seconds)" "$(val "$fullread" seconds)")," \
     "CPU $(ratio "$(val "$cbt" backup_cpu_seconds)" "$(val "$fullread" backup_cpu_seconds)")," \
     "bytes read $(ratio "$(val "$cbt" backup_read_bytes)" "$(val "$fullread" backup_read_bytes)")"
echo "added / changed bytes: changed-block $(ratio "$added_cbt" "$changed"), full-read $(ratio "$added_full" "$changed")"
echo "restore of the changed-block incremental: $(val "$restore" seconds) s"
