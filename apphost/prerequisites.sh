#!/usr/bin/env bash
# Installs what Upstream needs from Debian's packages, if it is missing. Used by both set-up commands.
#   prerequisites.sh run    what running the system needs
#   prerequisites.sh test   that, plus what the tests need (the official gRPC clients, headless chromium)
#   prerequisites.sh bench  what running needs, plus the benchmarks' tools (h2load, the grpcio peer server)
set -euo pipefail
purpose=${1:-run}
repo=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is not installed (dotnet is not on PATH); see global.json for the version." >&2
    exit 1
fi

missing=()
compgen -G "/usr/lib/postgresql/1[5-9]/bin/postgres" >/dev/null || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
    # Debian's own python3 (not a pyenv one first on PATH) with the official gRPC C-core bindings.
    # The benchmarks use it too: the grpcio server is the peer our server is compared with.
    [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || missing+=(python3 python3-grpcio python3-protobuf)
fi
if [ "$purpose" = test ]; then
    command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
    # Headless Debian chromium for the dashboard's browser test (Playwright drives it; no browser is downloaded).
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    # An independent iCalendar (RFC 5545) parser that reads the Events service's calendar feeds back.
    [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import icalendar' 2>/dev/null || missing+=(python3-icalendar)
    # The independent Atom parser the Insights feed tests read the feed with.
    /usr/bin/python3 -c 'import feedparser' 2>/dev/null || missing+=(python3-feedparser)
fi
if [ "$purpose" = bench ]; then
    # h2load drives the servers (taskset, which pins them to cores, comes with util-linux above).
    command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)
fi

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing Debian packages: ${missing[*]}" >&2
        echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "Installing ${missing[*]} ..."
    apt-get update -qq
    # Debian starts a system RabbitMQ and PostgreSQL where it can; ours run on their own ports and folders either way.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "$purpose" = test ]; then
    # The official Node gRPC client, pinned by the lock file.
    for dir in "$repo"/tests/*/node; do
        if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules" ]; then
            (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        fi
    done
fi
