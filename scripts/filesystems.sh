#!/usr/bin/env bash
# Real file systems and block devices for the volume tests, on loop devices backed by sparse image files:
#   /mnt/vbtest/xfs     XFS with reflink (clones and shared extents)
#   /mnt/vbtest/btrfs   btrfs (clones and shared extents)
#   /mnt/vbtest/ext4    ext4 (no reflink: the fallbacks)
#   /mnt/vbtest/devices the loop block devices free for tests, one path per line (each 256 MiB, contents random)
# Tests take a device by holding an exclusive lock on /mnt/vbtest/locks/<name>.lock, so the test assemblies that
# run side by side never share one.
#   scripts/filesystems.sh up     install the tools if missing, create, mount (idempotent)
#   scripts/filesystems.sh stop   unmount and detach
# Needs root (mount, losetup). Images live in /var/lib/vbtest; they are sparse, so they cost what tests write.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/apt.sh"
root=/mnt/vbtest
images=/var/lib/vbtest
devices=4
device_mib=256

# attached IMAGE: the loop device already backed by IMAGE, if any.
attached() { losetup -j "$1" -O NAME -n 2>/dev/null | head -1; }

attach() {
  local image=$1 dev
  dev=$(attached "$image")
  [ -n "$dev" ] || dev=$(losetup -f --show "$image")
  echo "$dev"
}

mount_fs() {
  local kind=$1 size=$2 mkfs=$3 image=$images/$1.img dir=$root/$1 dev
  mountpoint -q "$dir" && return 0
  mkdir -p "$dir"
  [ -f "$image" ] || { truncate -s "$size" "$image"; $mkfs "$image" >/dev/null; }
  dev=$(attach "$image")
  mount "$dev" "$dir"
  chmod 1777 "$dir"
}

up() {
  [ "$(id -u)" = 0 ] || { echo "filesystems.sh needs root (mount, losetup)" >&2; exit 1; }
  apt_install xfsprogs btrfs-progs e2fsprogs util-linux
  modprobe loop 2>/dev/null || true
  mkdir -p "$root/locks" "$images"
  mount_fs xfs 4G "mkfs.xfs -q -m reflink=1"
  mount_fs btrfs 4G "mkfs.btrfs -q"
  mount_fs ext4 1G "mkfs.ext4 -q -F"
  : >"$root/devices.new"
  for i in $(seq 0 $((devices - 1))); do
    local image=$images/blk$i.img
    if [ ! -f "$image" ]; then
      # Random contents: a device is never handed out holding zeros that a restore could leave "right" by accident.
      head -c $((device_mib << 20)) /dev/urandom >"$image"
    fi
    attach "$image" >>"$root/devices.new"
  done
  mv "$root/devices.new" "$root/devices"
  echo "filesystems ready in $root: xfs, btrfs, ext4; block devices: $(paste -sd ' ' "$root/devices")"
}

stop() {
  for kind in xfs btrfs ext4; do
    mountpoint -q "$root/$kind" && umount "$root/$kind"
  done
  for image in "$images"/*.img; do
    [ -e "$image" ] || continue
    dev=$(attached "$image")
    [ -z "$dev" ] || losetup -d "$dev"
  done
  rm -f "$root/devices"
}

case "${1:-up}" in
  up) up ;;
  stop) stop ;;
  *) echo "usage: $0 up|stop" >&2; exit 2 ;;
esac
