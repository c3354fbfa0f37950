#!/usr/bin/env bash
# Demo: what an IAM password policy really guarantees, a hardened policy, and candidate passwords
# checked against the policy, zxcvbn and a local Have I Been Pwned-style list.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${CREDKIT_BIN:-.build/release/credkit}
S=demo/samples/policy
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

echo "== An account without a policy: the AWS CLI says NoSuchEntity, so AWS's default applies"
"$BIN" policy check - --baseline aws-default --baseline nist < "$S/no-such-entity.txt"
echo "   exit status $? (1: NIST's rules fail)"

echo
echo "== A typical 'complex' policy ($S/current-policy.json) against CIS and NIST"
"$BIN" policy check "$S/current-policy.json" --baseline cis --baseline nist
echo "   exit status $?"

echo
echo "== The same policy hardened for NIST: JSON on stdout, the changes on stderr"
"$BIN" policy suggest --baseline nist "$S/current-policy.json" > "$work/policy.json"
cat "$work/policy.json"
echo "== ...which passes NIST and CIS (ready for: aws iam update-account-password-policy --cli-input-json file://policy.json)"
"$BIN" policy check "$work/policy.json" --baseline nist --baseline cis | tail -n 1

echo
echo "== A local breach list in Have I Been Pwned's format (SHA1:COUNT, sorted), built from $S/common-passwords.txt"
while IFS= read -r p; do printf '%s' "$p" | sha1sum | awk '{ print toupper($1) ":1" }'; done < "$S/common-passwords.txt" \
  | LC_ALL=C sort > "$work/pwned.txt"
head -n 3 "$work/pwned.txt"

echo
echo "== Candidate passwords on standard input, checked against the hardened policy; never echoed, named by line"
"$BIN" password check --policy "$work/policy.json" --breach-file "$work/pwned.txt" --user-input acme < "$S/candidates.txt"
echo "   exit status $? (1: some passwords fail)"
