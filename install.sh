#!/usr/bin/env bash
# Installs NutSharp where a NUT installation keeps its programs (Debian's layout), with systemd units and
# sample configuration, and records every file it adds so that --uninstall removes exactly those.
# See docs/install.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")" && pwd)

usage() {
	cat <<EOF
usage: ./install.sh [OPTIONS]            install (again: it is idempotent)
       ./install.sh [OPTIONS] --uninstall   remove what the install added

  --prefix DIR       root of the installation (default /); every directory below is under it
  --bindir DIR       client tools: upsc, upscmd, upsrw, upslog, upsweb, ... (default PREFIX/bin)
  --sbindir DIR      daemons: upsd, upsmon, upsdrvctl, upssched (default PREFIX/sbin)
  --driverdir DIR    drivers: dummy-ups, nutdrv_qx, ... (default PREFIX/lib/nut)
  --libdir DIR       the executables, helper scripts and the manifest (default PREFIX/lib/nutsharp)
  --confdir DIR      sample configuration, only where a file is missing (default PREFIX/etc/nut)
  --unitdir DIR      systemd units (default PREFIX/lib/systemd/system)
  --tmpfilesdir DIR  systemd-tmpfiles entry for /run/nut (default PREFIX/lib/tmpfiles.d)
  --from DIR         the build to install (default artifacts/, built by ./build.sh when missing)
  --force            replace programs or units of another installation (e.g. Debian's NUT); the
                     originals are kept as NAME.nutsharp-orig and put back by --uninstall
  --uninstall        remove every file the install recorded; configuration you changed is kept
  -h, --help         this text

Every program name is a symbolic link to the one multi-call executable LIBDIR/nut (or LIBDIR/upsweb);
keep the names: the program is chosen by the name it is run as.
EOF
}

prefix=/ from= uninstall=no force=no
bindir= sbindir= driverdir= libdir= confdir= unitdir= tmpfilesdir=
while [ $# -gt 0 ]; do
	opt=$1 val=
	case "$opt" in
		--*=*) val=${opt#*=}; opt=${opt%%=*} ;;
	esac
	case "$opt" in
		--prefix|--bindir|--sbindir|--driverdir|--libdir|--confdir|--unitdir|--tmpfilesdir|--from)
			if [ -z "$val" ]; then
				[ $# -ge 2 ] || { echo "install.sh: $opt needs a directory" >&2; exit 2; }
				val=$2; shift
			fi
			declare "${opt#--}=$val" ;;
		--uninstall) uninstall=yes ;;
		--force) force=yes ;;
		-h|--help) usage; exit 0 ;;
		*) echo "install.sh: unknown option $opt (see --help)" >&2; exit 2 ;;
	esac
	shift
done

abs() { realpath -m -- "$1"; }
p=$(abs "$prefix"); p=${p%/}
bindir=$(abs "${bindir:-$p/bin}")
sbindir=$(abs "${sbindir:-$p/sbin}")
driverdir=$(abs "${driverdir:-$p/lib/nut}")
libdir=$(abs "${libdir:-$p/lib/nutsharp}")
confdir=$(abs "${confdir:-$p/etc/nut}")
unitdir=$(abs "${unitdir:-$p/lib/systemd/system}")
tmpfilesdir=$(abs "${tmpfilesdir:-$p/lib/tmpfiles.d}")
manifest=$libdir/install-manifest
is_root=no; [ "$(id -u)" = 0 ] && is_root=yes
# systemctl only when this installs into the running system, never into a test prefix.
live_systemd=no
[ "$is_root" = yes ] && [ -z "$p" ] && [ -d /run/systemd/system ] && live_systemd=yes

units="nut.target nut-driver.target nut-driver@.service nut-server.service nut-monitor.service
	nut-driver-enumerator.service nut-driver-enumerator.path nut-logger.service nut-web.service"

# ---------------------------------------------------------------- uninstall
if [ "$uninstall" = yes ]; then
	[ -f "$manifest" ] || { echo "install.sh: nothing to uninstall: $manifest not found" >&2; exit 1; }
	if [ "$live_systemd" = yes ]; then
		systemctl disable --now $units 'nut-driver@*.service' >/dev/null 2>&1 || true
	fi
	kept=0
	# Files first (in reverse order of installation), then directories deepest first.
	while IFS=$'\t' read -r kind path sum; do
		case "$kind" in
			file|link)
				rm -f -- "$path"
				if [ -e "$path.nutsharp-orig" ] || [ -L "$path.nutsharp-orig" ]; then
					mv -- "$path.nutsharp-orig" "$path"
					echo "restored $path"
				fi ;;
			conf)
				if [ -f "$path" ] && [ "$(sha256sum < "$path" | cut -d' ' -f1)" = "$sum" ]; then
					rm -f -- "$path"
				elif [ -e "$path" ]; then
					echo "kept $path (changed since the install)"
					kept=$((kept + 1))
				fi ;;
		esac
	done < <(tac "$manifest")
	# Deepest first, so a directory is empty when its turn comes.
	dirs=$(awk -F'\t' '$1 == "dir" { print length($2) "\t" $2 }' "$manifest.dirs" 2>/dev/null | sort -rn | cut -f2-)
	rm -f -- "$manifest" "$manifest.dirs"
	while IFS= read -r dir; do
		[ -n "$dir" ] || continue
		rmdir -- "$dir" 2>/dev/null || { [ -d "$dir" ] && echo "kept $dir (not empty)"; }
	done <<< "$dirs"
	if [ "$live_systemd" = yes ]; then systemctl daemon-reload; fi
	echo "uninstalled NutSharp from ${p:-/}"
	[ "$kept" -eq 0 ] || echo "$kept configuration file(s) you changed were kept"
	exit 0
fi

# ---------------------------------------------------------------- install: what to install from
if [ -z "$from" ]; then
	from=$repo/artifacts
	if [ ! -d "$from/bin" ] || [ ! -x "$from/nut/nut" ]; then
		echo "install.sh: no build in $from: running ./build.sh"
		"$repo/build.sh"
	fi
fi
from=$(abs "$from")
for f in "$from/nut/nut" "$from/upsweb/upsweb"; do
	[ -x "$f" ] || { echo "install.sh: $f is missing (build with ./build.sh, or give --from DIR)" >&2; exit 1; }
done
names=$("$from/nut/nut" --list)

# Where each program goes: drivers are the programs whose usage offers "-a <id>" (a ups.conf section).
daemons=" upsd upsmon upsdrvctl upssched "
declare -A target
for name in $names; do
	if [[ "$daemons" == *" $name "* ]]; then
		target[$name]=$sbindir/$name
	elif "$from/nut/nut" "$name" -h 2>&1 | grep -q -- '-a <id>'; then
		target[$name]=$driverdir/$name
	else
		target[$name]=$bindir/$name
	fi
done
target[upsweb]=$bindir/upsweb
# upsdrvctl finds the drivers beside itself when ups.conf sets no driverpath, so the real link lives with
# the drivers and sbin/upsdrvctl is a wrapper that runs it there.
target[upsdrvctl]=$driverdir/upsdrvctl

# ---------------------------------------------------------------- the manifest
# Lines "kind<TAB>path[<TAB>sha256]": file, link, conf (a sample configuration, removed only while
# unchanged). Directories the install created are in install-manifest.dirs. A new run keeps the old
# records, so a second install still knows what the first one created.
declare -A owned
new_manifest=$(mktemp) new_dirs=$(mktemp)
trap 'rm -f "$new_manifest" "$new_dirs"' EXIT
if [ -f "$manifest" ]; then
	while IFS=$'\t' read -r kind path sum; do owned[$path]=$kind; done < "$manifest"
	grep -v $'^dir\t' "$manifest" | grep -v $'^conf\t' >> "$new_manifest" || true
	grep $'^conf\t' "$manifest" | while IFS=$'\t' read -r kind path sum; do
		[ -e "$path" ] && printf '%s\t%s\t%s\n' "$kind" "$path" "$sum"
	done >> "$new_manifest" || true
fi
[ -f "$manifest.dirs" ] && cat "$manifest.dirs" >> "$new_dirs"
record() { printf '%s\t%s\n' "$1" "$2" >> "$new_manifest"; }

mkdirs() { # DIR: create it and each missing parent, recording those it created
	local d=$1 missing=()
	while [ ! -d "$d" ]; do missing=("$d" "${missing[@]}"); d=$(dirname "$d"); done
	for d in "${missing[@]}"; do
		mkdir -m 0755 -- "$d"
		printf 'dir\t%s\n' "$d" >> "$new_dirs"
	done
}

# ---------------------------------------------------------------- conflicts with another installation
ours() { # PATH: recorded by an earlier install, or a link into our libdir
	[ -n "${owned[$1]:-}" ] && return 0
	[ -L "$1" ] && [[ "$(readlink -f -- "$1")" == "$libdir"/* ]]
}
# A driver of another installation stays: NUT's drivers cover transports ours do not yet (USB for the Qx
# family, for one), and our upsd runs any NUT driver. Ours is installed only where none is.
for name in "${!target[@]}"; do
	f=${target[$name]}
	if [ "$name" != upsdrvctl ] && [ "$(dirname -- "$f")" = "$driverdir" ] && { [ -e "$f" ] || [ -L "$f" ]; } && ! ours "$f"; then
		echo "kept the driver of another installation: $f (ours is not installed over it)"
		unset "target[$name]"
	fi
done
planned=()
for name in "${!target[@]}"; do planned+=("${target[$name]}"); done
planned+=("$sbindir/upsdrvctl" "$tmpfilesdir/nutsharp.conf")
for u in $units; do planned+=("$unitdir/$u"); done
conflicts=()
for f in "${planned[@]}"; do
	if { [ -e "$f" ] || [ -L "$f" ]; } && ! ours "$f"; then conflicts+=("$f"); fi
done
if [ ${#conflicts[@]} -gt 0 ] && [ "$force" = no ]; then
	echo "install.sh: these files belong to another installation (NUT's packages?):" >&2
	printf '  %s\n' "${conflicts[@]}" >&2
	echo "Nothing was changed. Run again with --force to replace them (kept as NAME.nutsharp-orig, put back by --uninstall)." >&2
	exit 1
fi
for f in "${conflicts[@]}"; do
	mv -- "$f" "$f.nutsharp-orig"
	echo "moved aside $f -> $f.nutsharp-orig"
done

# ---------------------------------------------------------------- executables, links, helpers, units
install_file() { # SRC DEST MODE [substitute]
	mkdirs "$(dirname "$2")"
	local tmp="$2.nutsharp-new"
	if [ "${4:-}" = substitute ]; then
		sed -e "s|@CONFDIR@|$confdir|g" -e "s|@BINDIR@|$bindir|g" -e "s|@SBINDIR@|$sbindir|g" \
			-e "s|@DRIVERDIR@|$driverdir|g" -e "s|@LIBDIR@|$libdir|g" "$1" > "$tmp"
	else
		cp -- "$1" "$tmp"
	fi
	chmod "$3" "$tmp"
	mv -f -- "$tmp" "$2"   # a rename, so a running program keeps its old file
	record file "$2"
}
link() { # DEST TARGET
	mkdirs "$(dirname "$1")"
	ln -sfn -- "$(realpath -m --relative-to="$(dirname "$1")" "$2")" "$1"
	record link "$1"
}

for dir in nut upsweb; do
	for f in "$from/$dir"/*; do
		case "$f" in *.pdb|*.dbg) continue ;; esac
		[ -f "$f" ] || continue
		if [ -x "$f" ]; then mode=0755; else mode=0644; fi
		install_file "$f" "$libdir/$(basename "$f")" $mode
	done
done
for name in "${!target[@]}"; do
	if [ "$name" = upsweb ]; then link "${target[$name]}" "$libdir/upsweb"; else link "${target[$name]}" "$libdir/nut"; fi
done
mkdirs "$sbindir"
printf '#!/bin/sh\n# upsdrvctl runs from the drivers'"'"' directory: it finds them beside itself.\nexec %s "$@"\n' \
	"${target[upsdrvctl]}" > "$sbindir/upsdrvctl.nutsharp-new"
chmod 0755 "$sbindir/upsdrvctl.nutsharp-new"
mv -f -- "$sbindir/upsdrvctl.nutsharp-new" "$sbindir/upsdrvctl"
record file "$sbindir/upsdrvctl"

for s in nut-mode-allows nut-driver-enumerator nut-driver-exec; do
	install_file "$repo/conf/systemd/scripts/$s" "$libdir/$s" 0755 substitute
done
for u in $units; do
	install_file "$repo/conf/systemd/$u" "$unitdir/$u" 0644 substitute
done
install_file "$repo/conf/systemd/nutsharp-tmpfiles.conf" "$tmpfilesdir/nutsharp.conf" 0644

# ---------------------------------------------------------------- sample configuration, never over a file
nut_group=no
[ "$is_root" = yes ] && getent group nut >/dev/null 2>&1 && nut_group=yes
mkdirs "$confdir"
skipped=()
samples=("$repo"/conf/install/* "$repo"/conf/examples/home/{ups.conf,upsd.conf,upsd.users,upsmon.conf,upssched.conf,upssched-cmd} "$repo"/conf/demo/outage.seq)
for src in "${samples[@]}"; do
	name=$(basename "$src") dest=$confdir/$(basename "$src")
	if [ -e "$dest" ] || [ -L "$dest" ]; then
		[ "${owned[$dest]:-}" = conf ] || skipped+=("$name")
		continue
	fi
	case "$name" in
		upsd.users|upsmon.conf|upsweb.conf) mode=0640 ;;  # passwords
		upssched-cmd) mode=0755 ;;
		*) mode=0644 ;;
	esac
	cp -- "$src" "$dest"
	chmod "$mode" "$dest"
	if [ "$nut_group" = yes ]; then chown root:nut "$dest"; fi
	printf 'conf\t%s\t%s\n' "$dest" "$(sha256sum < "$dest" | cut -d' ' -f1)" >> "$new_manifest"
done

# Later records win: keep one line per path, in the order first installed.
awk -F'\t' '!seen[$2]++' "$new_manifest" > "$manifest.nutsharp-new" && mv -f -- "$manifest.nutsharp-new" "$manifest"
awk -F'\t' '!seen[$2]++' "$new_dirs" > "$manifest.dirs"

if [ "$live_systemd" = yes ]; then
	systemd-tmpfiles --create "$tmpfilesdir/nutsharp.conf" || true
	systemctl daemon-reload
fi
echo "installed NutSharp ($(echo $names | wc -w) programs and upsweb) into ${p:-/}: programs in $bindir, $sbindir, $driverdir; units in $unitdir"
if [ ${#skipped[@]} -gt 0 ]; then
	echo "kept your configuration in $confdir (no sample written over): ${skipped[*]}"
fi
echo "next: set MODE in $confdir/nut.conf, then: systemctl enable --now nut.target nut-driver-enumerator.path nut-driver-enumerator.service"
