#!/usr/bin/env bash
# Memory after an hour idle (issue 11): Debian's NUT 2.8.0 and NutSharp side by side, same device data,
# no client but upsmon. Records the RSS of upsd, the driver and upsmon 10 s after start and after the
# duration, prints NUT / NutSharp / ratio, and replaces the section "Memory after an hour idle" of
# docs/performance.md (only that section, between its markers; the rest of the file is bench.sh's).
#
#   bench/idle-hour.sh [--duration 1h|30m|90s] [--bin DIR] [--out DIR] [--no-docs]
#
#   --bin     NutSharp programs (default artifacts/bin, the NativeAOT build users run)
#   --out     where idle-hour.csv (a sample a minute), the table and both stacks' files go
#   --no-docs print only, do not touch docs/performance.md
# Needs root (the daemons run with -u root, as NUT's own tests do) and Debian's nut-server/nut-client.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=1h bin="$root/artifacts/bin" out="" docs=1
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --no-docs) docs=0; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "idle-hour.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$duration" in
    *h) seconds=$(( ${duration%h} * 3600 )) ;;
    *m) seconds=$(( ${duration%m} * 60 )) ;;
    *s) seconds=${duration%s} ;;
    *[0-9]) seconds=$duration ;;
    *) echo "idle-hour.sh: --duration '$duration': expected a number with s, m or h" >&2; exit 2 ;;
esac
bin=$(cd "$bin" && pwd)
# Debian's /sbin/upsd and /sbin/upsmon are wrappers that refuse to start unless /etc/nut/nut.conf sets MODE;
# the programs themselves are in /lib/nut.
for p in "$bin/upsd" "$bin/dummy-ups" "$bin/upsmon" "$bin/upsc" /lib/nut/upsd /lib/nut/dummy-ups /lib/nut/upsmon /bin/upsc; do
    [ -x "$p" ] || { echo "idle-hour.sh: $p: not found (Debian's NUT: scripts/install-test-deps.sh; ours: --bin)" >&2; exit 2; }
done
[ -n "$out" ] || out=$(mktemp -d /tmp/idle-hour-XXXXXX)
mkdir -p "$out"
out=$(cd "$out" && pwd)
# The device bench.sh (bench/NutBench) serves: an APC Back-UPS RS 1000MS dump, static (dummy-once).
device=/work/shared/testdata/ddl/APC/APC__Back-UPS_RS_1000MS__usbhid-ups__2.7.4__01.dev
[ -f "$device" ] || device="$root/../shared/testdata/ddl/APC/APC__Back-UPS_RS_1000MS__usbhid-ups__2.7.4__01.dev"

used_ports() { ss -Htan | awk '{ n = split($4, a, ":"); print a[n] }'; }
free_port() {
    local p
    while :; do
        p=$(( 20000 + RANDOM % 40000 ))
        used_ports | grep -qx "$p" || { echo "$p"; return; }
    done
}

declare -A pid=()
cleanup() {
    local k p
    # upsmon's monitoring child first: it outlives its parent, as in NUT.
    for k in nut-upsmon nutsharp-upsmon; do
        [ -n "${pid[$k]:-}" ] && for p in $(pgrep -P "${pid[$k]}" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    done
    for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_stack IMPL UPSD DRIVER UPSMON UPSC: one stack in $out/IMPL, its daemons' pids in pid[IMPL-*].
start_stack() {
    local impl=$1 upsd=$2 driver=$3 upsmon=$4 upsc=$5 d="$out/$1" port
    rm -rf "$d"; mkdir -p "$d"
    port=$(free_port)
    cp "$device" "$d/ups.dev"
    touch -d 2020-01-01 "$d/ups.dev"
    printf '[ups]\n\tdriver = dummy-ups\n\tport = ups.dev\n' > "$d/ups.conf"
    printf 'LISTEN 127.0.0.1 %s\n' "$port" > "$d/upsd.conf"
    printf '[mon]\n\tpassword = monpw\n\tupsmon primary\n' > "$d/upsd.users"
    # A primary with power value 1, as on a real machine; the UPS stays on line, and SHUTDOWNCMD only writes.
    cat > "$d/upsmon.conf" <<EOF
RUN_AS_USER root
MONITOR ups@127.0.0.1:$port 1 mon monpw primary
MINSUPPLIES 1
SHUTDOWNCMD "/bin/sh -c 'date >> $d/shutdown.log'"
POWERDOWNFLAG $d/killpower
EOF
    chmod 600 "$d/upsd.users" "$d/upsd.conf" "$d/upsmon.conf"
    (
        export NUT_CONFPATH="$d" NUT_STATEPATH="$d" NUT_ALTPIDPATH="$d" NUT_PIDPATH="$d"
        "$driver" -a ups -u root -F > "$d/driver.log" 2>&1 & echo "driver $!" > "$d/pids"
        "$upsd" -u root -F > "$d/upsd.log" 2>&1 & echo "upsd $!" >> "$d/pids"
        for _ in $(seq 100); do "$upsc" "ups@127.0.0.1:$port" ups.status >/dev/null 2>&1 && break; sleep 0.2; done
        # No -p: upsmon runs as NUT installs it, a privileged parent and a monitoring child.
        if [ "$impl" = nut ]; then
            # Debian's upsmon keeps its PID file in /run/nut whatever the environment says; for an hour that
            # file would make every other upsmon started on this machine refuse ("previous instance is
            # running"). So it gets a /run/nut of its own, in a private mount namespace (same PID).
            unshare -m sh -c 'mount -t tmpfs -o mode=0770 tmpfs /run/nut && exec "$@"' sh "$upsmon" -F > "$d/upsmon.log" 2>&1 &
        else
            "$upsmon" -F > "$d/upsmon.log" 2>&1 &
        fi
        echo "upsmon $!" >> "$d/pids"
    )
    local name p
    while read -r name p; do pid[$impl-$name]=$p; done < "$d/pids"
    echo "$impl: upsd on 127.0.0.1:$port, status $("$upsc" "ups@127.0.0.1:$port" ups.status 2>/dev/null || echo '?')"
}

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
child_of() { pgrep -P "$1" 2>/dev/null | head -1; }
# sample LABEL T: a row per process of both stacks; upsmon's child found anew each time.
sample() {
    local impl name p c
    for impl in nut nutsharp; do
        for name in upsd driver upsmon; do
            p=${pid[$impl-$name]}
            echo "$2,$impl,$name,$p,$(rss "$p")" >> "$out/idle-hour.csv"
            if [ "$name" = upsmon ] && c=$(child_of "$p") && [ -n "$c" ]; then
                echo "$2,$impl,upsmon-child,$c,$(rss "$c")" >> "$out/idle-hour.csv"
            fi
        done
    done
}

start_stack nut /lib/nut/upsd /lib/nut/dummy-ups /lib/nut/upsmon /bin/upsc
start_stack nutsharp "$bin/upsd" "$bin/dummy-ups" "$bin/upsmon" "$bin/upsc"
echo "seconds,impl,process,pid,rss_kib" > "$out/idle-hour.csv"
start=$(date +%s)
sleep 10
sample start 10
echo "idle for ${seconds}s (a sample a minute into $out/idle-hour.csv)"
while :; do
    t=$(( $(date +%s) - start ))
    [ "$t" -ge "$seconds" ] && break
    sleep $(( 60 < seconds - t ? 60 : seconds - t ))
    t=$(( $(date +%s) - start ))
    sample "$t" "$t"
done
for k in "${!pid[@]}"; do kill -0 "${pid[$k]}" 2>/dev/null || { echo "idle-hour.sh: $k died; see $out" >&2; exit 1; }; done

# The table: first and last sample per process; upsmon = parent + child (both are upsmon's memory).
table=$(awk -F, -v dur="$duration" '
    NR == 1 { next }
    { key = $2 SUBSEP $3; if (!(key in first)) first[key] = $5; last[key] = $5 }
    function v(which, impl, proc) { return which == "s" ? first[impl, proc] : last[impl, proc] }
    function row(label, a, b) { printf "| %s | %d | %d | %s |\n", label, a, b, (a > 0 ? sprintf("%.2fx", b / a) : "-") }
    END {
        print "| process (RSS, KiB) | NUT 2.8.0 | NutSharp | ratio |"
        print "| --- | ---: | ---: | --- |"
        split("upsd driver", procs, " ")
        names["upsd"] = "upsd"; names["driver"] = "dummy-ups"
        for (w = 1; w <= 2; w++) {
            which = (w == 1 ? "s" : "e"); when = (w == 1 ? "10 s after start" : "after " dur)
            for (i = 1; i <= 2; i++) row(names[procs[i]] ", " when, v(which, "nut", procs[i]), v(which, "nutsharp", procs[i]))
            row("upsmon (parent + child), " when, v(which, "nut", "upsmon") + v(which, "nut", "upsmon-child"), v(which, "nutsharp", "upsmon") + v(which, "nutsharp", "upsmon-child"))
        }
    }' "$out/idle-hour.csv")
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
section=$(cat <<EOF
<!-- idle-hour:begin (written by bench/idle-hour.sh; edit that script, not this section) -->
## Memory after an hour idle

Measured by \`bench/idle-hour.sh --duration $duration\` on $(date -u '+%Y-%m-%d %H:%M') UTC: $(nproc) CPU ($cpu), $(uname -sr).
Both stacks ran at the same time on this machine with the same device data (the APC Back-UPS RS 1000MS
dump bench.sh uses, each served by its own dummy-ups), each with upsd and upsmon (a primary, as NUT
installs it: privileged parent and monitoring child), and no other client. NutSharp: the NativeAOT
build ($bin). Ratio = NutSharp / NUT; lower is better.

$table
EOF
)
section+=$'\n<!-- idle-hour:end -->'
echo
echo "$section"
echo "$section" > "$out/section.md"
if [ "$docs" = 1 ]; then
    doc="$root/docs/performance.md"
    [ -f "$doc" ] || touch "$doc"
    # Replace our marked section in place (or append it), leaving every other line of the file as it is.
    python3 - "$doc" "$out/section.md" <<'PY'
import re, sys
doc, new = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(doc).read()
pattern = re.compile(r"<!-- idle-hour:begin.*?<!-- idle-hour:end -->", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: new, text, count=1)
else:
    text = text.rstrip("\n") + "\n\n" + new + "\n"
open(doc, "w").write(text)
PY
    echo "section written to $doc"
fi
