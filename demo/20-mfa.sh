#!/usr/bin/env bash
# Demo: enroll a virtual MFA device end to end. A stand-in "phone" (credkit totp code on the
# URI the enrollment prints) answers the two prompts, as a person would from the app.
set -euo pipefail
BIN=${CREDKIT_BIN:-.build/release/credkit}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

echo "== credkit mfa enroll: new seed, QR code, then the two-consecutive-codes check"
coproc ENROLL { "$BIN" mfa enroll --issuer "credkit demo" --account alice@example.com \
                  --secret-file "$work/alice.otpauth" --format ascii 2>&1; }
enroll_pid=$ENROLL_PID
uri=""
qr_lines=0
while IFS= read -r line <&"${ENROLL[0]}"; do
  # The QR code (and its blank quiet zone) is shown in full by mfa show below.
  if [[ "$line" == *"##"* || -z "${line// /}" ]]; then qr_lines=$((qr_lines + 1)); continue; fi
  [ "$qr_lines" -gt 0 ] && { printf '   (QR code, %d lines of ascii)\n' "$qr_lines"; qr_lines=0; }
  printf '   %s\n' "$line"
  case "$line" in
    "URI:  "*) uri=${line#URI:  } ;;
    "Seed: "*) break ;;
  esac
done
# The phone: two consecutive codes for the scanned URI.
mapfile -t codes < <(printf '%s' "$uri" | "$BIN" totp code --count 2)
echo "   (phone shows ${codes[0]}, then ${codes[1]})"
printf '%s\n%s\n' "${codes[0]}" "${codes[1]}" >&"${ENROLL[1]}"
while IFS= read -r line <&"${ENROLL[0]}"; do printf '   %s\n' "$line"; done
wait "$enroll_pid"
ls -l "$work/alice.otpauth" | awk '{print "   saved with mode", $1}'

echo "== credkit mfa show: the same seed again, for a second device (with a warning)"
"$BIN" mfa show --secret-file "$work/alice.otpauth"
echo "== credkit qr: the URI as SVG and PNG (mode 0600: the image holds the seed)"
printf '%s' "$uri" | "$BIN" qr --format png --output "$work/alice.png"
printf '%s' "$uri" | "$BIN" qr --format svg --output "$work/alice.svg"
ls -l "$work/alice.png" "$work/alice.svg" | awk '{print "  ", $1, $5, "bytes", $NF}'
if command -v zbarimg >/dev/null; then
  echo "   zbarimg reads the PNG back: $(zbarimg --nodbus -q --raw "$work/alice.png" | sed 's/secret=[A-Z2-7]*/secret=.../')"
fi
