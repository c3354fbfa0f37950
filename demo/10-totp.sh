#!/usr/bin/env bash
# Demo: a new seed, its codes, a verification with replay protection, and the AWS two-code check.
set -euo pipefail
BIN=${CREDKIT_BIN:-.build/release/credkit}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
T=1700000000   # a fixed time so the demo prints the same steps every run

echo "== credkit totp: a new virtual-MFA seed (written to a 0600 file; only a redacted URI is shown)"
"$BIN" totp new --issuer "credkit demo" --account alice@example.com --output "$work/alice.otpauth"
ls -l "$work/alice.otpauth" | awk '{print "   file mode:", $1}'

echo "== its codes at $T and the four steps after"
"$BIN" totp code --secret-file "$work/alice.otpauth" --time "$T" --count 5

code=$("$BIN" totp code --secret-file "$work/alice.otpauth" --time "$T")
echo "== verify $code, with replay protection (prints the step offset)"
"$BIN" totp verify "$code" --secret-file "$work/alice.otpauth" --time "$T" --state "$work/alice.state"
echo "== the same code again is refused (exit 1)"
"$BIN" totp verify "$code" --secret-file "$work/alice.otpauth" --time "$T" --state "$work/alice.state" || echo "   exit status $?"

echo "== enrollment check: two consecutive codes from a phone whose clock is one step ahead"
read -r first second < <("$BIN" totp code --secret-file "$work/alice.otpauth" --time $((T + 30)) --count 2 | paste -sd' ')
"$BIN" totp verify "$first" "$second" --secret-file "$work/alice.otpauth" --time "$T"
echo "== the same two codes in the wrong order (exit 1, with the reason)"
"$BIN" totp verify "$second" "$first" --secret-file "$work/alice.otpauth" --time "$T" || echo "   exit status $?"

echo "== RFC 6238 test vector (SHA-256, T=1234567890): expect 91819424"
printf 12345678901234567890123456789012 | base32 | "$BIN" totp code --algorithm sha256 --digits 8 --time 1234567890
