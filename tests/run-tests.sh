#!/usr/bin/env bash
# The test command: installs what the tests need, builds, starts the real sshd test fleet, runs the whole
# xunit suite against it, tears the fleet down, and ends with "Tests: N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export FLEET_STATE="${FLEET_STATE:-$root/.fleet}"
fleet_size="${FLEET_SIZE:-6}"
results="$root/out/test-results"

step() { printf '\n=== %s (%ss)\n' "$1" "$SECONDS"; }

step "Installing OS packages"
bash tests/bootstrap-os.sh || { echo "bootstrap failed"; echo "Tests: 0 passed, 1 failed"; exit 1; }

step "Building"
bash tools/build.sh || { echo "build failed"; echo "Tests: 0 passed, 1 failed"; exit 1; }

step "Starting a test fleet of $fleet_size nodes"
bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true
trap 'bash tests/fleet/fleet.sh down >/dev/null 2>&1 || true' EXIT
bash tests/fleet/fleet.sh up "$fleet_size" || { echo "fleet failed to start"; echo "Tests: 0 passed, 1 failed"; exit 1; }

step "Running the test suite"
rm -rf "$results"
dotnet test tests/NodeOps.Tests -c Release --no-build --nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory "$results" 2>&1 \
  | grep -vE '^\s*$|Passed NodeOps'
test_rc=${PIPESTATUS[0]}

step "Summary"
trx="$results/results.trx"
if [[ ! -f "$trx" ]]; then
  echo "no test results were written"
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
skipped=$(( ${total:-0} - ${executed:-0} ))
echo "Tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
if [[ "$test_rc" -ne 0 || "${failed:-1}" -ne 0 || "${passed:-0}" -eq 0 ]]; then exit 1; fi
exit 0
