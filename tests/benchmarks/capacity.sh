#!/usr/bin/env bash
# Issue 21's capacity benchmarks in one command: every service's hot paths at 1x, 10x and 100x on the real servers,
# through the services' gRPC (and feed HTTP) endpoints. Writes results/capacity.md and results/capacity.json.
#   bash tests/benchmarks/capacity.sh                                   # every path, 1x, 10x and 100x
#   bash tests/benchmarks/capacity.sh --paths events,grants --scales 1,10   # a quick look
# Paths: events, grants, network-events, insights-patterns, insights-feeds, insights-webhooks, idle.
# --budget-minutes N (default 12): a scale estimated to take longer than N minutes is not run, and the results say so.
# --results DIR: write elsewhere (e.g. a quick look that must not replace the committed results).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
paths=all
for ((i = 1; i <= $#; i++)); do
    if [[ ${!i} == --paths ]]; then j=$((i + 1)); paths=${!j}; fi
done
if [[ $paths == all || ,$paths, == *,idle,* ]]; then
    # The idle system is the Aspire app host as apphost/run.sh runs it: its prerequisites and the Debug build.
    bash apphost/prerequisites.sh run
    dotnet build Upstream.sln -nologo -clp:NoSummary -v quiet
fi
dotnet build tests/benchmarks/Upstream.Benchmarks.Capacity -c Release -nologo -clp:NoSummary -v quiet
dotnet tests/benchmarks/Upstream.Benchmarks.Capacity/bin/Release/net10.0/Upstream.Benchmarks.Capacity.dll "$@"
