#!/usr/bin/env bash
# Refreshes the dashboard's vendored Chart.js (the UMD build and its licence) from the npm registry.
# The dashboard has no build step and the server serves every asset itself, so the file is committed.
# Usage: bash scripts/update-dashboard-vendor.sh [version]   (needs npm; the running service does not)
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-4.6.1}"
target=src/VolumeBackup.Server/Dashboard/wwwroot/vendor/chartjs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chart.js@$version" >/dev/null && tar -xzf chart.js-"$version".tgz)
mkdir -p "$target"
cp "$work/package/dist/chart.umd.min.js" "$target/chart.umd.min.js"
cp "$work/package/LICENSE.md" "$target/LICENSE.md"
echo "$version" > "$target/VERSION"
echo "Chart.js $version -> $target"
