#!/usr/bin/env bash
# Runs every test: installs what is missing, builds without warnings, runs all test projects against real
# PostgreSQL and RabbitMQ (started and stopped by the tests themselves), then prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash apphost/prerequisites.sh test
dotnet build Upstream.sln -nologo -clp:NoSummary -v quiet

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
# A hung test is reported with a dump instead of eating the CI budget.
dotnet test Upstream.sln --no-build -nologo --logger "trx" --results-directory "$results" \
    --blame-hang-timeout 10m -- RunConfiguration.TestSessionTimeout=1500000 || status=$?

# dotnet test prints one summary per assembly; CI wants one line for the whole run.
sum() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed); failed=$(sum failed); total=$(sum total); executed=$(sum executed)
skipped=$((total - executed))
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
    echo "No test ran." >&2
    exit 1
fi
exit "$status"
