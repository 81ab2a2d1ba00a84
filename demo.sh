#!/usr/bin/env bash
# Starts the demo stack on this machine: a simulated UPS (dummy-ups playing conf/demo/outage.seq, a
# power outage in a loop), upsd on 127.0.0.1 on a free port, upsmon watching it (notifications to a
# file; it never shuts this machine down: MINSUPPLIES 0 and a SHUTDOWNCMD that only writes a line), and
# the web dashboard (upsweb) on 127.0.0.1, opened in a browser when there is a desktop.
# Prints how to query it. Ctrl-C stops everything it started. Needs only the .NET SDK (builds first if needed).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
[ -x artifacts/bin/upsd ] && [ -x artifacts/bin/dummy-ups ] && [ -x artifacts/bin/upsc ] && [ -x artifacts/bin/upsmon ] \
  && [ -x artifacts/bin/upsweb ] || ./build.sh
bin=$root/artifacts/bin

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}
port=$(free_port)
webport=$(free_port)
run=$(mktemp -d /tmp/nutsharp-demo.XXXXXX)
chmod 755 "$run"
mkdir -p "$run/conf" "$run/state"
cp conf/demo/outage.seq "$run/conf/"
cat > "$run/conf/ups.conf" <<CONF
[demo]
	driver = dummy-ups
	port = outage.seq
	desc = "NutSharp demo UPS (simulated outage)"
CONF
cat > "$run/conf/upsd.conf" <<CONF
LISTEN 127.0.0.1 $port
MAXAGE 15
CONF
cat > "$run/conf/upsd.users" <<CONF
[admin]
	password = demo
	actions = SET FSD
	instcmds = ALL
[monuser]
	password = demo
	upsmon primary
CONF
chmod 600 "$run/conf/upsd.users"
cat > "$run/notify.sh" <<'SH'
#!/bin/sh
echo "$(date '+%H:%M:%S') $NOTIFYTYPE $*" >> "$(dirname "$0")/notify.log"
SH
chmod 755 "$run/notify.sh"
: > "$run/notify.log"
{
  echo "# Demo: a monitoring-only upsmon (MINSUPPLIES 0 never shuts down) that logs every notification."
  echo "MONITOR demo@127.0.0.1:$port 1 monuser demo primary"
  echo "MINSUPPLIES 0"
  echo "SHUTDOWNCMD \"echo demo: upsmon would shut down now >> $run/notify.log\""
  echo "NOTIFYCMD $run/notify.sh"
  echo "POLLFREQ 2"
  echo "POLLFREQALERT 1"
  for t in ONLINE ONBATT LOWBATT FSD COMMOK COMMBAD SHUTDOWN REPLBATT NOCOMM NOPARENT; do
    echo "NOTIFYFLAG $t SYSLOG+EXEC"
  done
} > "$run/conf/upsmon.conf"
chmod 600 "$run/conf/upsmon.conf"
export NUT_CONFPATH=$run/conf NUT_STATEPATH=$run/state NUT_ALTPIDPATH=$run/state NUT_PIDPATH=$run/state
user=$(id -un)

pids=()
cleanup() {
  trap - INT TERM EXIT
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$run"
  echo "demo stopped."
}
trap cleanup INT TERM EXIT

"$bin/dummy-ups" -a demo -F -u "$user" >"$run/dummy-ups.log" 2>&1 & pids+=($!)
"$bin/upsd" -F -u "$user" >"$run/upsd.log" 2>&1 & pids+=($!)

# Ask upsd one question over its plain-text protocol (no client program needed).
query() {
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s\n' "$1" >&3
  local line; IFS= read -r -t 2 line <&3; exec 3<&-; exec 3>&-
  printf '%s\n' "$line"
}
for _ in $(seq 100); do
  case "$(query 'GET VAR demo ups.status' 2>/dev/null)" in VAR*) break ;; esac
  sleep 0.2
done
# One process (-p): the demo runs as you, with nothing to switch to for a privileged parent.
"$bin/upsmon" -F -p -f "$run/conf/upsmon.conf" >"$run/upsmon.log" 2>&1 & pids+=($!)
# The dashboard: a plain NUT client of this upsd (admin/demo logs in for commands), history kept for the demo.
"$bin/upsweb" --listen "127.0.0.1:$webport" --ups "demo@127.0.0.1:$port" --history "$run/history.db" \
  >"$run/upsweb.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do
  grep -q "Listening on" "$run/upsweb.log" 2>/dev/null && break
  sleep 0.1
done
url="http://127.0.0.1:$webport/"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null 2>&1; then
  xdg-open "$url" >/dev/null 2>&1 || true
fi

cat <<MSG
NutSharp demo is running (logs in $run).
  UPS:     demo@127.0.0.1:$port   (a power outage plays in a loop, about 2 minutes per cycle)
  Now:     $(query 'GET VAR demo ups.status')
  Web:     $url   (dashboard; log in as admin / demo for commands)
           ${url}api/ups   ${url}metrics   ${url}openapi/v1.json
  Try:
           $bin/upsc demo@127.0.0.1:$port
           $bin/upsc demo@127.0.0.1:$port ups.status
           $bin/upsrw -u admin -p demo demo@127.0.0.1:$port
           $bin/upscmd -l demo@127.0.0.1:$port
           tail -f $run/notify.log          # upsmon's notifications as the outage plays
           $bin/nut-drill -f $run/conf/upsmon.conf outage 2m   # what this upsmon.conf does in an outage
  or with nothing but bash:
           exec 3<>/dev/tcp/127.0.0.1/$port; echo 'LIST VAR demo' >&3; timeout 1 cat <&3
Press Ctrl-C to stop.
MSG
wait
