#!/usr/bin/env bash
# Starts the demo stack on this machine: a simulated UPS (dummy-ups playing conf/demo/outage.seq, a
# power outage in a loop) and upsd on 127.0.0.1 on a free port. Prints how to query it. Ctrl-C stops
# everything it started. Needs only the .NET SDK (builds first if needed).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
[ -x artifacts/bin/upsd ] && [ -x artifacts/bin/dummy-ups ] && [ -x artifacts/bin/upsc ] || ./build.sh
bin=$root/artifacts/bin

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))
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
export NUT_CONFPATH=$run/conf NUT_STATEPATH=$run/state NUT_ALTPIDPATH=$run/state
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

cat <<MSG
NutSharp demo is running (logs in $run).
  UPS:     demo@127.0.0.1:$port   (a power outage plays in a loop, about 2 minutes per cycle)
  Now:     $(query 'GET VAR demo ups.status')
  Try:
           $bin/upsc demo@127.0.0.1:$port
           $bin/upsc demo@127.0.0.1:$port ups.status
           $bin/upsrw -u admin -p demo demo@127.0.0.1:$port
           $bin/upscmd -l demo@127.0.0.1:$port
  or with nothing but bash:
           exec 3<>/dev/tcp/127.0.0.1/$port; echo 'LIST VAR demo' >&3; timeout 1 cat <&3
Press Ctrl-C to stop.
MSG
wait
