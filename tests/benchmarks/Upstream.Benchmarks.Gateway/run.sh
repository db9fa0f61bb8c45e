#!/usr/bin/env bash
# The gateway benchmark in one command: installs the peers it measures against (Debian's nginx, nghttp2's
# h2load) if missing, builds in Release, runs, and writes tests/benchmarks/results/gateway.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
missing=()
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Install first: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
dotnet build "$here/Upstream.Benchmarks.Gateway.csproj" -c Release -v quiet -nologo
mkdir -p "$repo/tests/benchmarks/results"
dotnet "$here/bin/Release/net10.0/Upstream.Benchmarks.Gateway.dll" "$repo/tests/benchmarks/results/gateway.md"
