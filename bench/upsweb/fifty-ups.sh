#!/usr/bin/env bash
# What watching 50 UPSes costs upsweb (and the upsd it polls): one upsd with 50 dummy-ups UPSes (real
# device dumps), upsweb polling each every 0.5 s with history on. Prints CPU, memory and request latency
# after a warm-up. There is no NUT counterpart to compare with, so the figures stand alone.
#   bench/upsweb/fifty-ups.sh [seconds]     (default 30)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x artifacts/bin/upsweb ] && [ -x artifacts/bin/upsd ] || ./build.sh
seconds=${1:-30}
bin=$(pwd)/artifacts/bin
run=$(mktemp -d /tmp/upsweb-bench.XXXXXX)
export NUT_CONFPATH=$run NUT_STATEPATH=$run NUT_ALTPIDPATH=$run
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); webport=$(free_port)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT

mapfile -t dumps < <(ls ../shared/testdata/ddl/APC/*.dev | head -50)
: > "$run/ups.conf"
for i in $(seq 0 49); do
  cp "${dumps[$i]}" "$run/u$i.dev"
  printf '[u%d]\n\tdriver = dummy-ups\n\tport = u%d.dev\n' "$i" "$i" >> "$run/ups.conf"
done
printf 'LISTEN 127.0.0.1 %s\n' "$port" > "$run/upsd.conf"
printf '[admin]\n\tpassword = x\n\tactions = SET\n' > "$run/upsd.users"; chmod 600 "$run/upsd.users"
for i in $(seq 0 49); do "$bin/dummy-ups" -a "u$i" -u "$(id -un)" -F >/dev/null 2>&1 & pids+=($!); done
"$bin/upsd" -u "$(id -un)" -F >/dev/null 2>&1 & upsd=$!; pids+=($upsd)
sleep 3
"$bin/upsweb" --listen "127.0.0.1:$webport" --ups "*@127.0.0.1:$port" --history "$run/h.db" >"$run/web.log" 2>&1 & web=$!; pids+=($web)
until curl -sf "http://127.0.0.1:$webport/api/ups" | grep -q '"u49@'; do sleep 0.2; done
sleep 5   # warm-up: every poller running, history writing

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
w0=$(ticks $web); u0=$(ticks $upsd); t0=$(date +%s.%N)
# A browser with the live stream open for the whole measurement.
curl -sN "http://127.0.0.1:$webport/api/stream" > "$run/stream.out" & pids+=($!)
sleep "$seconds"
w1=$(ticks $web); u1=$(ticks $upsd); t1=$(date +%s.%N)
el=$(echo "$t1 - $t0" | bc -l)
lat() { # path -> median and max ms over 20 requests
  for _ in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$webport$1"; done \
    | sort -n | awk '{a[NR]=$1*1000} END {printf "%.1f ms median, %.1f ms max", a[int((NR+1)/2)], a[NR]}'
}
readable=$(curl -s "http://127.0.0.1:$webport/api/ups" | grep -o '"reachability":"ok"' | wc -l)
printf 'upsweb watching 50 UPSes (poll 0.5 s, history on), %s s measured on %s cores\n' "$seconds" "$(nproc)"
printf '  UPSes readable:         %s of 50\n' "$readable"
printf '  upsweb CPU:             %.1f %% of one core\n' "$(echo "($w1 - $w0) / $hz / $el * 100" | bc -l)"
printf '  upsd CPU (its polling): %.1f %% of one core\n' "$(echo "($u1 - $u0) / $hz / $el * 100" | bc -l)"
printf '  upsweb RSS:             %s KiB\n' "$(awk '/VmRSS/ {print $2}' /proc/$web/status)"
printf '  live stream:            %s KiB sent to one browser in %s s\n' "$(( $(stat -c %s "$run/stream.out") / 1024 ))" "$seconds"
printf '  GET /api/ups:           %s\n' "$(lat /api/ups)"
printf '  GET /metrics:           %s (%s series)\n' "$(lat /metrics)" "$(curl -s "http://127.0.0.1:$webport/metrics" | grep -vc '^#')"
printf '  GET history (1 h):      %s\n' "$(lat "/api/ups/u0@127.0.0.1:$port/history")"
printf '  history file:           %s KiB (with its WAL)\n' "$(( $(cat "$run"/h.db* | wc -c) / 1024 ))"
