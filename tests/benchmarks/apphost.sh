#!/usr/bin/env bash
# The app host benchmark in one command: builds the system as apphost/run.sh does, builds our old app host
# (Upstream.Hosting, at a081694) from git history in a temporary folder to measure it the same way beside it,
# then times `run` to all healthy (cold and warm), weighs the idle system, and writes results/apphost.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
bash apphost/prerequisites.sh run
dotnet build Upstream.sln -nologo -clp:NoSummary -v quiet
old_args=()
if git cat-file -e a081694^{commit} 2>/dev/null; then
    old=$(mktemp -d)
    trap 'rm -rf "$old"' EXIT
    git archive a081694 | tar -x -C "$old"
    dotnet build "$old/apphost/Upstream.AppHost" -nologo -clp:NoSummary -v quiet
    old_args=(--old "$old")
fi
dotnet build tests/benchmarks/Upstream.Benchmarks.AppHost -c Release -nologo -clp:NoSummary -v quiet
dotnet tests/benchmarks/Upstream.Benchmarks.AppHost/bin/Release/net10.0/Upstream.Benchmarks.AppHost.dll "$repo" "${old_args[@]}"
