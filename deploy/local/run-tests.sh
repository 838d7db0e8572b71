#!/usr/bin/env bash
# Runs every test against throw-away PostgreSQL and Redis servers, then stops them.
set -euo pipefail
configuration=${1:-Release}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

services=$(mktemp -d /tmp/crmsignal-test.XXXXXX)
trap 'bash deploy/local/services.sh stop "$services"' EXIT
bash deploy/local/services.sh start "$services"
# shellcheck disable=SC1091
source "$services/env"

results=$(mktemp -d /tmp/crmsignal-results.XXXXXX)
status=0
dotnet test CrmSignalWorker.sln -c "$configuration" --no-build -nologo \
  --logger "trx" --results-directory "$results" --logger "console;verbosity=normal" || status=$?

# One closing line for the whole run, summed over the test assemblies' TRX files.
/usr/bin/python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit "$status"
