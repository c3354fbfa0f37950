#!/usr/bin/env bash
# Builds dist/credkit_VERSION_ARCH.deb from a staged `make install-files PREFIX=/usr` tree.
# Depends: is computed by dpkg-shlibdeps from the libraries the binary really links, never typed.
# Usage: packaging/build-deb.sh STAGE_DIR VERSION OUTPUT.deb   (run from the repository root)
set -euo pipefail
stage=$1 version=$2 output=$3
arch=$(dpkg --print-architecture)
maintainer=${DEB_MAINTAINER:-credkit maintainers <credkit@localhost>}

# Debian wants its copyright file; the licence text follows a short header.
doc="$stage/usr/share/doc/credkit"
{ printf 'credkit\nLicense: Apache-2.0 (below; also /usr/share/common-licenses/Apache-2.0)\n\n'; cat LICENSE; } > "$doc/copyright"
chmod 0644 "$doc/copyright"

# dpkg-shlibdeps reads debian/control from its working folder: give it a minimal one.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debian"
printf 'Source: credkit\n\nPackage: credkit\nArchitecture: any\n' > "$work/debian/control"
binary=$(cd "$stage" && pwd)/usr/bin/credkit
depends=$(cd "$work" && dpkg-shlibdeps -O "$binary" 2>"$work/shlibdeps.err" | sed -n 's/^shlibs:Depends=//p') || {
  cat "$work/shlibdeps.err" >&2; exit 1; }
[ -n "$depends" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; cat "$work/shlibdeps.err" >&2; exit 1; }

size=$(du -k -s --apparent-size "$stage" | cut -f1)
mkdir -p "$stage/DEBIAN"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: credkit
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Suggests: bash-completion, man-db
Section: utils
Priority: optional
Description: MFA and credential hygiene for the command line, CI and git hooks
 TOTP/HOTP codes and MFA enrollment with QR codes, scanning for leaked AWS
 access keys (trees, staged changes, git history, a pre-commit hook),
 access-key age and rotation from IAM credential reports, and password
 policy checks against CIS, Security Hub and NIST SP 800-63B.
CONTROL
mkdir -p "$(dirname "$output")"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$output" >/dev/null
echo "build-deb: $output ($(du -h "$output" | cut -f1)); Depends: $depends"
