#!/usr/bin/env bash
# Runs the ingest benchmarks (tests/CrmSignalWorker.Benchmarks) against a throw-away PostgreSQL, then stops it.
# The markdown tables go to stdout, progress to stderr. See docs/benchmarks.md.
#
#   bench.sh [CONFIGURATION] [history | change-stream] [--quick]
#
# make bench builds first and passes $(CONFIGURATION); with no benchmark named, both run.
set -euo pipefail
configuration=${1:-Release}
shift || true
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bench_dll="tests/CrmSignalWorker.Benchmarks/bin/$configuration/net10.0/CrmSignalWorker.Benchmarks.dll"
if [[ ! -f "$bench_dll" ]]; then
  echo "missing $bench_dll; build first: make build CONFIGURATION=$configuration (or run make bench)" >&2
  exit 1
fi

services=$(mktemp -d /tmp/crmsignal-bench.XXXXXX)
trap 'bash deploy/local/services.sh stop "$services"' EXIT
bash deploy/local/services.sh start "$services"
# shellcheck disable=SC1091
source "$services/env"

dotnet "$bench_dll" "$@"
