#!/usr/bin/env bash
# Runs the whole system: PostgreSQL, RabbitMQ and every service, until Ctrl+C. Extra arguments go to the app host
# (for example --Upstream:DataDirectory=/srv/upstream or --Upstream:Ports:postgres=5432).
set -euo pipefail
cd "$(dirname "$0")/.."
bash apphost/prerequisites.sh run
dotnet build Upstream.sln -nologo -clp:NoSummary -v quiet
exec dotnet apphost/Upstream.AppHost/bin/Debug/net10.0/Upstream.AppHost.dll "$@"
