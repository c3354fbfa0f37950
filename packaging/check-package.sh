#!/usr/bin/env bash
# Proof that the .deb works on a fresh Debian 12: a minimal root made by debootstrap (cached in
# .build/check-package/root, so only the first run downloads it), copied for each run, where
# `apt-get install ./credkit_*.deb` alone must give a working credkit, man pages and completions.
# minbase has no man-db (a standard Debian install does), so the cached root includes it.
# Needs root (debootstrap, chroot) and the Debian mirror (CREDKIT_DEBIAN_MIRROR).
# Usage: packaging/check-package.sh dist/credkit_VERSION_ARCH.deb
set -euo pipefail
deb=$(realpath "$1")
mirror=${CREDKIT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${CREDKIT_PACKAGE_CACHE:-.build/check-package}
root="$cache/root"
start=$SECONDS
say() { echo "check-package: $*"; }
fail() { echo "check-package: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root for debootstrap and chroot (run as root, as CI does)"

if [ ! -e "$root/.credkit-root-ready" ]; then
  say "making a Debian 12 root with debootstrap (once; cached in $root)"
  rm -rf "$root.tmp"
  mkdir -p "$cache"
  debootstrap --variant=minbase --include=man-db bookworm "$root.tmp" "$mirror" > "$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log" >&2; fail "debootstrap failed (log: $cache/debootstrap.log)"; }
  touch "$root.tmp/.credkit-root-ready"
  rm -rf "$root" && mv "$root.tmp" "$root"
fi
# Security and point-release updates, as on an installed system (libssl3 comes from there).
security=${mirror%/debian}/debian-security
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
  "$mirror" "$mirror" "$security" > "$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Package lists are refreshed in the cache at most every 6 hours.
if [ -z "$(find "$root/.credkit-apt-updated" -mmin -360 2>/dev/null)" ]; then
  chroot "$root" apt-get update -qq || fail "apt-get update in the cached root"
  touch "$root/.credkit-apt-updated"
fi

# Each run installs into a fresh copy, so the cached root stays as debootstrap made it.
run=$(mktemp -d "$cache/run.XXXXXX")
cleanup() { umount "$run/var/cache/apt/archives" 2>/dev/null || true; umount "$run/proc" 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
cp -a "$root/." "$run/"
say "fresh copy of the cached root: $((SECONDS - start)) s"
# Swift reads its arguments from /proc/self/cmdline on Linux: every real system has /proc.
mount -t proc proc "$run/proc"
# Downloaded packages are kept between runs (apt still resolves and checks them every time).
mkdir -p "$cache/archives/partial"
mount --bind "$cache/archives" "$run/var/cache/apt/archives"
mkdir -p "$run/root/check"
cp "$deb" "$run/root/check/"
name=$(basename "$deb")
in_root() { chroot "$run" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

say "apt-get install ./$name"
in_root sh -c "cd /root/check && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./$name" > "$run/root/check/apt.log" 2>&1 \
  || { tail -30 "$run/root/check/apt.log" >&2; fail "apt-get install ./$name"; }
sed -n '/^The following NEW packages/,/^[^ ]/p' "$run/root/check/apt.log" | grep '^ ' | sed 's/^ */  new packages: /'

version=$(dpkg-deb -f "$deb" Version)
got=$(in_root credkit --version) && [ "$got" = "$version" ] || fail "credkit --version printed '$got', expected '$version'"
got=$(in_root credkit version) && [ "$got" = "$version" ] || fail "credkit version printed '$got'"
say "credkit --version: $got"
missing=$(in_root ldd /usr/bin/credkit | grep 'not found' || true)
[ -z "$missing" ] || fail "libraries not found: $missing"

# A scan: a planted key (random, so no real one is ever committed here) is found, exit 1;
# a clean folder exits 0.
key="AKIA$(python3 -c 'import secrets; print("".join(secrets.choice("ABCDEFGHKLMNOPQRSTUVWXYZ234567") for _ in range(16)))')"
mkdir -p "$run/root/check/project"
printf 'region = "us-east-1"\naws_access_key_id = %s\n' "$key" > "$run/root/check/project/settings.cfg"
status=0; out=$(in_root credkit scan /root/check/project 2>&1) || status=$?
[ "$status" = 1 ] && grep -q 'settings.cfg:2:21: aws-access-key-id' <<<"$out" || fail "scan (exit $status): $out"
rm "$run/root/check/project/settings.cfg"; echo fine > "$run/root/check/project/ok.txt"
in_root credkit scan /root/check/project > /dev/null || fail "a clean scan exited $?"
say "scan: a planted key found (exit 1), a clean folder passes (exit 0)"

# totp code: RFC 6238's SHA-1 vector at T=59 s.
in_root sh -c 'umask 077; printf 12345678901234567890 | base32 > /root/check/seed'
got=$(in_root credkit totp code --secret-file /root/check/seed --digits 8 --time 1970-01-01T00:00:59Z)
[ "$got" = 94287082 ] || fail "totp code printed '$got', RFC 6238 says 94287082"
say "totp code: $got (RFC 6238)"

# Man pages through man(1), and completions that the shells' own parsers accept.
page=$(in_root sh -c 'MANPAGER=cat MANWIDTH=80 man credkit 2>&1') || fail "man credkit: $page"
grep -q 'generate-completion-script' <<<"$page" || fail "man credkit did not show the page: $page"
in_root sh -c 'MANPAGER=cat man credkit-scan' | grep -q 'staged' || fail "man credkit-scan"
in_root bash -c 'source /usr/share/bash-completion/completions/credkit && complete -p credkit' > /dev/null \
  || fail "the bash completion does not load"
for file in /usr/share/zsh/vendor-completions/_credkit /usr/share/fish/vendor_completions.d/credkit.fish; do
  [ -s "$run$file" ] || fail "$file missing"
done
say "man credkit, man credkit-scan, completions for bash, zsh and fish"

in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q credkit' > /dev/null 2>&1 || fail "apt-get remove"
[ ! -e "$run/usr/bin/credkit" ] && [ ! -e "$run/usr/share/man/man1/credkit.1.gz" ] || fail "apt-get remove left files"
say "ok: installed, ran and removed on a fresh Debian 12 root in $((SECONDS - start)) s"
