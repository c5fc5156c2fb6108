#!/usr/bin/env bash
# apt_install PKG...: installs Debian packages that are missing. Tries without `apt-get update` first (fast when the
# lists are fresh) and updates once when that fails; waits for another apt holding the lock.
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  export DEBIAN_FRONTEND=noninteractive
  local opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
  apt-get install "${opts[@]}" "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update -q -o DPkg::Lock::Timeout=300 >/dev/null
    apt-get install "${opts[@]}" "${missing[@]}" >/dev/null
  }
}
