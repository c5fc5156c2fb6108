#!/usr/bin/env bash
# VolumeBackup beside restic and borg on one generated volume, in one run on one machine:
#   bash bench/compare-tools.sh [size=1 (GiB, or e.g. 256M)] [workdir=${TMPDIR:-/var/tmp}/vb-compare]
# Our side is the backup engine in-process, as bench/e2e-throughput.sh runs it (no HTTP server or database), writing to
# a filesystem store; restic and borg write to local repositories on the same disk. restic and borg come from the
# Debian packages `restic` and `borgbackup` (installed with apt-get when missing and run as root).
# Each tool, in turn for each step: full backup of the volume, restore into a fresh file, 1% of the volume changed in
# scattered 64 KiB writes, incremental backup, restore of it. Every restore is compared byte for byte with the volume
# (cmp); the first wrong byte stops the run with exit 1 (VB_BENCH_FLIP_BYTE_AT=<offset> corrupts each restore on purpose).
# Backups read a cached volume; restores read cold repositories (the page cache is dropped before each restore).
# Each step's wall time, CPU time and peak RSS come from /usr/bin/time. Settings are each tool's defaults except where noted:
#   ours:   64 KiB blocks, zstd level 1, SHA-256, no encryption
#   restic: repository version 2 (zstd "auto"), content-defined chunks, AES-256 + Poly1305 (always on)
#   borg:   --encryption none, lz4 (the default), content-defined chunks
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/common.sh

size_arg=${1:-1}
work=${2:-${TMPDIR:-/var/tmp}/vb-compare}
size=$(size_bytes "$size_arg")
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

if ! command -v restic >/dev/null || ! command -v borg >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get install -y -q restic borgbackup time >/dev/null
fi

export DOTNET_TieredCompilation=0 # as in e2e-throughput.sh: each step is a fresh process standing in for a warm server
dotnet build bench/VolumeBackup.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
vb() { dotnet artifacts/bin/VolumeBackup.Benchmarks/release/VolumeBackup.Benchmarks.dll e2e "$@"; }

export RESTIC_PASSWORD=bench RESTIC_CACHE_DIR="$work/restic-cache"
export BORG_BASE_DIR="$work/borg-home" BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
volume="$work/volume.raw"

# One tool's commands for a step: backup <name> [previous], restore <name> <target file>.
backup_vb() { vb backup --volume "$volume" --store "$work/vb" --id "$1" ${2:+--previous "$2"} >/dev/null; }
restore_vb() { vb restore --volume "$2" --store "$work/vb" --id "$1" --size "$size" >/dev/null; }
backup_restic() { restic -r "$work/restic" backup --quiet --tag "$1" "$volume" >/dev/null; }
restore_restic() {
  rm -rf "$work/restic-out"
  restic -r "$work/restic" restore latest --tag "$1" --target "$work/restic-out" >/dev/null
  mv "$work/restic-out$volume" "$2"
}
backup_borg() { (cd "$work" && borg create "$work/borg::$1" volume.raw); }
restore_borg() {
  rm -rf "$work/borg-out" && mkdir "$work/borg-out"
  (cd "$work/borg-out" && borg extract --sparse "$work/borg::$1")
  mv "$work/borg-out/volume.raw" "$2"
}
export -f vb backup_vb restore_vb backup_restic restore_restic backup_borg restore_borg
export work volume size
repo_bytes() { case $1 in vb) du -sb "$work/vb" ;; restic) du -sb "$work/restic" ;; borg) du -sb "$work/borg" ;; esac | cut -f1; }

get() { local name="$1_$2_$3"; echo "${!name}"; }
# timed <tool> <step> <command...>: runs it under /usr/bin/time; keeps seconds, CPU seconds (user + system, the steadier
# figure on a shared machine) and peak RSS (KiB) as seconds_<tool>_<step>, cpu_... and rss_...
timed() {
  local tool=$1 step=$2
  shift 2
  # A child bash runs the step's function: time(1) runs programs, and reports the largest process's peak RSS.
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" bash -c '"$@"' step "$@"
  read -r seconds rss user system <"$work/time"
  printf -v "seconds_${tool}_${step}" '%s' "$seconds"
  printf -v "rss_${tool}_${step}" '%s' "$rss"
  printf -v "cpu_${tool}_${step}" '%s' "$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')"
  echo "  $tool $step: $seconds s, CPU $(get cpu "$tool" "$step") s, peak RSS $((rss / 1024)) MiB" >&2
}

tools="vb restic borg"
echo "generating a $size_arg mixed volume ($size bytes) in $work"
vb generate --volume "$volume" --size "$size" --seed 1
allocated=$(du -B1 "$volume" | cut -f1)
restic -r "$work/restic" init --repository-version 2 >/dev/null
borg init --encryption none "$work/borg"
mkdir -p "$work/vb"
sha_seconds=$(sha256sum_seconds "$volume")

run_backups() { # <step> [previous]
  for tool in $tools; do
    cat "$volume" >/dev/null
    timed "$tool" "$1" "backup_$tool" "$1" "${2:-}"
    printf -v "stored_${tool}_$1" '%s' "$(repo_bytes "$tool")"
  done
}
run_restores() { # <backup>
  for tool in $tools; do
    cold_caches
    timed "$tool" "restore_$1" "restore_$tool" "$1" "$work/restored.raw"
    verify_identical "$volume" "$work/restored.raw" "$tool restore of the $1 backup" >&2
    rm -f "$work/restored.raw"
  done
}

echo "full backups"; run_backups full
echo "restores of the full backups"; run_restores full
changed=$(vb mutate --volume "$volume" --percent 1 --seed 2 | grep '^changed_bytes=' | cut -d= -f2)
echo "incremental backups (1% changed)"; run_backups incr full
echo "restores of the incremental backups"; run_restores incr

echo
echo "volume: $size_arg ($((size / 1048576)) MiB) logical, $(mib "$allocated") MiB allocated, $(mib "$changed") MiB changed" \
     "for the incremental; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); restores: $cache_state"
echo "restic $(restic version | cut -d' ' -f2), $(borg --version); ours: the backup engine in-process to a filesystem store"
echo "baseline: sha256sum of the volume $sha_seconds s ($(mb_per_s "$size" "$sha_seconds") MB/s)"
printf '%-14s %10s %10s %10s %14s %14s\n' step "ours s" "restic s" "borg s" "restic/ours" "borg/ours"
for step in full restore_full incr restore_incr; do
  printf '%-14s %10s %10s %10s %14s %14s\n' "$step" "$(get seconds vb $step)" "$(get seconds restic $step)" \
    "$(get seconds borg $step)" "$(ratio "$(get seconds restic $step)" "$(get seconds vb $step)")x" \
    "$(ratio "$(get seconds borg $step)" "$(get seconds vb $step)")x"
done
printf '%-14s %10s %10s %10s %14s %14s\n' "CPU s" "" "" "" "" ""
for step in full restore_full incr restore_incr; do
  printf '%-14s %10s %10s %10s %14s %14s\n' "$step" "$(get cpu vb $step)" "$(get cpu restic $step)" \
    "$(get cpu borg $step)" "$(ratio "$(get cpu restic $step)" "$(get cpu vb $step)")x" \
    "$(ratio "$(get cpu borg $step)" "$(get cpu vb $step)")x"
done
printf '%-14s %10s %10s %10s %14s %14s\n' "peak RSS MiB" "" "" "" "" ""
for step in full restore_full incr restore_incr; do
  printf '%-14s %10s %10s %10s %14s %14s\n' "$step" "$(( $(get rss vb $step) / 1024 ))" \
    "$(( $(get rss restic $step) / 1024 ))" "$(( $(get rss borg $step) / 1024 ))" \
    "$(ratio "$(get rss restic $step)" "$(get rss vb $step)")x" "$(ratio "$(get rss borg $step)" "$(get rss vb $step)")x"
done
printf '%-14s %10s %10s %10s\n' "stored MiB" "" "" ""
for step in full incr; do
  printf '%-14s %10s %10s %10s\n' "after $step" "$(mib "$(get stored vb $step)")" "$(mib "$(get stored restic $step)")" \
    "$(mib "$(get stored borg $step)")"
done
echo "(ratios are the other tool's figure over ours: above 1, ours took less; all restores byte-identical)"
