#!/usr/bin/env bash
# Installs the tools the test suite needs, from Debian's packages only:
#   nut-server, nut-client  - the real NUT 2.8.0, our oracle for interop and byte-for-byte tests
#   socat                   - pty pairs for the serial simulators
#   libnss3-tools           - certutil/pk12util: NSS certificate databases for Debian's TLS upsd and clients
#   chromium                - the headless browser the dashboard's Playwright tests drive
#   mosquitto               - an MQTT broker on loopback for the MQTT bridge's tests
#   afl++                   - the fuzzer behind the SharpFuzz harnesses (fuzz/)
#   gcc, libc6-dev          - a tiny LD_PRELOAD shim giving Debian's genericups fake modem lines
#   snmpd, snmp             - a simulated SNMP UPS on loopback (testdata/snmp) and net-snmp's client tools
#   nut-snmp                - Debian's own snmp-ups, the oracle for our snmp-ups
# Safe to run again: installs only what is missing. Needs root (CI runs as root).
set -euo pipefail
need=()
dpkg -s nut-server >/dev/null 2>&1 || need+=(nut-server)
dpkg -s nut-client >/dev/null 2>&1 || need+=(nut-client)
command -v socat >/dev/null 2>&1 || need+=(socat)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
[ -x /usr/lib/chromium/chromium ] || need+=(chromium)
[ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v afl-fuzz >/dev/null 2>&1 || need+=(afl++)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
[ -e /usr/include/dlfcn.h ] || need+=(libc6-dev)
[ -x /usr/sbin/snmpd ] || need+=(snmpd)
command -v snmpget >/dev/null 2>&1 || need+=(snmp)
[ -x /lib/nut/snmp-ups ] || need+=(nut-snmp)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: missing ${need[*]}; run as root, or: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The packages start services on install; keep them off: tests run their own instances.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
