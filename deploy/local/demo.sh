#!/usr/bin/env bash
# `make demo`: the whole slice on this machine. Starts PostgreSQL and Redis (unless
# CRMSIGNAL_POSTGRES and CRMSIGNAL_REDIS name running ones), the simulated Salesforce org with a
# Slack webhook sink, and an SMTP server (aiosmtpd, from Debian); runs one worker cycle
# (poll → signal → digest → send); pauses an automation with a stop-the-line flag; shows where the
# digest can be read; and stops everything it started.
set -euo pipefail
configuration=${1:-Release}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

demo="$root/.demo"
rm -rf "$demo"
# aiosmtpd lays out a maildir only when the folder does not exist yet; make the whole layout up front.
mkdir -p "$demo/slack" "$demo/mail/tmp" "$demo/mail/new" "$demo/mail/cur"
pids=()
started_services=""

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n "$started_services" ]]; then bash deploy/local/services.sh stop "$started_services"; fi
}
trap cleanup EXIT

if [[ -z "${CRMSIGNAL_POSTGRES:-}" || -z "${CRMSIGNAL_REDIS:-}" ]]; then
  started_services="$demo/services"
  bash deploy/local/services.sh start "$started_services"
  # shellcheck disable=SC1091
  source "$started_services/env"
fi

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
wait_for_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing is listening on 127.0.0.1:$1 ($2 did not start); see $demo/*.log" >&2
  exit 1
}

org_port=$(free_port)
hook_port=$(free_port)
smtp_port=$(free_port)

bin="src/CrmSignalWorker/bin/$configuration/net10.0"
sim="src/CrmSignalWorker.Simulator/bin/$configuration/net10.0"

dotnet "$sim/crmsignal-simulator.dll" --port "$org_port" --seed 42 \
  --webhook-port "$hook_port" --webhook-dir "$demo/slack" --ground-truth "$demo/ground-truth.json" \
  >"$demo/simulator.log" 2>&1 &
pids+=($!)
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$demo/mail" >"$demo/smtp.log" 2>&1 &
pids+=($!)
wait_for_port "$org_port" "the simulated org"
wait_for_port "$hook_port" "the webhook sink"
wait_for_port "$smtp_port" "the SMTP server"

export Postgres__ConnectionString="$CRMSIGNAL_POSTGRES"
export Redis__Configuration="$CRMSIGNAL_REDIS"
export Salesforce__LoginUrl="http://127.0.0.1:$org_port"
export Salesforce__ClientId="sim-client-id"
export Salesforce__ClientSecret="sim-client-secret"
export History__InitialBackfill="35.00:00:00"
export Attribution__MarketField="Market__c" Attribution__RecordMarketField="Market__c"
export Slack__WebhookUrl="http://127.0.0.1:$hook_port/hooks/revops"
export Smtp__Host="127.0.0.1" Smtp__Port="$smtp_port" Smtp__Security="None" Smtp__From="crmsignal@example.test"
export Digest__EmailTo__0="revops@example.test"
export Logging__LogLevel__Default="Warning"

echo
echo "== one worker cycle: poll history → normalize → store → evaluate → digest → send"
dotnet "$bin/crmsignal.dll" once --days 30 | tee "$demo/digest.txt"

jumping_actor=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jumpingActorId"])' "$demo/ground-truth.json" 2>/dev/null || echo "")
echo
echo "== stop-the-line: pause the automation behind most jumps, then list the flags"
dotnet "$bin/crmsignal.dll" flags pause Marketo_Stage_Sync --reason "most same-day stage jumps come from integration user ${jumping_actor:-?}" --by demo.oncall
dotnet "$bin/crmsignal.dll" flags list
redis_endpoint=${CRMSIGNAL_REDIS%%,*}
echo "redis crmsignal:flag:Marketo_Stage_Sync = $(redis-cli -h "${redis_endpoint%:*}" -p "${redis_endpoint##*:}" GET crmsignal:flag:Marketo_Stage_Sync)"

# The email as delivered: its HTML part becomes a page to open in a browser.
/usr/bin/python3 - "$demo" <<'PY'
import json, mailbox, pathlib, sys
demo = pathlib.Path(sys.argv[1])
box = mailbox.Maildir(str(demo / "mail"), create=False)
messages = list(box)
if not messages:
    sys.exit("no email reached the SMTP server")
for part in messages[0].walk():
    if part.get_content_type() == "text/html":
        (demo / "digest.html").write_bytes(part.get_payload(decode=True))
truth = json.loads((demo / "ground-truth.json").read_text())
ids = truth["stageJumpOpportunityIds"]
text = (demo / "digest.txt").read_text()
named = [i for i in ids if i in text]
print(f"\nthe digest names {len(named)} of the scenario's {len(ids)} stage-jumping opportunities")
if len(named) != len(ids):
    sys.exit("the digest missed some of the scenario's jumping records")
PY

echo
echo "== where to read the digest"
echo "  email (HTML):  $demo/digest.html"
echo "  email (raw):   $demo/mail/new/"
echo "  slack message: $(ls "$demo"/slack/* | head -1)"
echo "  plain text:    $demo/digest.txt"
