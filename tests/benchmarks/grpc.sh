#!/usr/bin/env bash
# The gRPC benchmark in one command: installs h2load and the grpcio peer if missing, builds in Release, runs
# every server and client scenario, and writes tests/benchmarks/results/grpc.md and grpc.json.
#   bash tests/benchmarks/grpc.sh [--rounds 3] [--duration 10] [--warmup 5] [--max-warmup 240] [--connections 4] [--streams 16]
#                                 [--client-concurrency 64] [--request-bytes 128] [--response-bytes 128] [--scenarios all|NAME,NAME...]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash apphost/prerequisites.sh bench
project=tests/benchmarks/Upstream.Benchmarks.Grpc
dotnet build "$project/Upstream.Benchmarks.Grpc.csproj" -c Release -nologo -clp:NoSummary -v quiet
exec dotnet "$project/bin/Release/net10.0/Upstream.Benchmarks.Grpc.dll" run --results tests/benchmarks/results "$@"
