#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (real SQLite, PostgreSQL, Swift, loopback HTTP) and end-to-end.
# As root it first installs and starts the real services (scripts/services.sh up); as another user it uses
# whatever already runs, and the tests that need a missing service skip (they fail instead when CI=true).
# Ends with one line "N passed, M failed[, K skipped]" summed over every test assembly.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && [ "${VB_SKIP_SERVICES:-0}" != 1 ]; then
  bash scripts/services.sh up
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build VolumeBackup.slnx -c Release -nologo -clp:ErrorsOnly
# The test assemblies run side by side, each writing its results to its own directory: in one directory their TRX
# files are named by the time alone, and one assembly's file can replace another's.
status=0
projects=(tests/*/*Tests.csproj)
pids=()
for project in "${projects[@]}"; do
  dotnet test --project "$project" -c Release --no-build \
    --report-xunit-trx --results-directory "$results/$(basename "$project" .csproj)" "$@" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || status=$?
done

# Sum the counters of every TRX file: CI reads the plain closing line, not dotnet test's own summary.
passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  total=$(get total); executed=$(get executed)
  skipped=$((skipped + total - executed))
done
if [ "$files" -lt "${#projects[@]}" ]; then
  echo "only $files of ${#projects[@]} test assemblies wrote results" >&2
  failed=$((failed + 1))
fi
# Name every failed test and the first lines of its message just above the closing line, where CI's
# excerpt of the output shows them.
if [ "$failed" != 0 ]; then
  for trx in "$results"/*/*.trx; do
    [ -e "$trx" ] || continue
    python3 - "$trx" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
        continue
    # ErrorInfo holds the assertion; the other Message elements hold what the test wrote to its output.
    error = r.find(".//t:ErrorInfo", ns)
    message = error.find("t:Message", ns) if error is not None else None
    trace = error.find("t:StackTrace", ns) if error is not None else None
    lines = (message.text or "").strip().splitlines() if message is not None else []
    frames = [l.strip() for l in (trace.text or "").splitlines() if l.strip().startswith("at ")] if trace is not None else []
    print("FAILED " + r.get("testName", "?") + " (" + r.get("duration", "?") + ")")
    for line in lines[:12]:
        print("    " + line)
    for frame in frames[:3]:
        print("    " + frame)
PY
  done
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" != 0 ]; then exit 1; fi
exit "$status"
