#!/usr/bin/env bash
# Runs the whole system under .NET Aspire (DCP starts PostgreSQL, RabbitMQ, every service and the gateway; the Aspire
# dashboard shows them) until Ctrl+C. Extra arguments go to the app host, for example
# --Upstream:DataDirectory=/srv/upstream, --Upstream:Ports:postgres=5432 or --Upstream:Infrastructure=containers.
# --demo (--Upstream:Demo=true) fills an empty system with a demo programme through the gateway once all is healthy.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for arg in "$@"; do
  if [[ $arg == --demo ]]; then args+=(--Upstream:Demo=true); else args+=("$arg"); fi
done
bash apphost/prerequisites.sh run
dotnet build Upstream.sln -nologo -clp:NoSummary -v quiet
# The "http" launch profile: dashboard at http://localhost:18888, OTLP and the resource service on loopback.
exec dotnet run --project apphost/Upstream.AppHost --no-build --launch-profile http -- ${args[@]+"${args[@]}"}
