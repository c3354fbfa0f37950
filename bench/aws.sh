#!/usr/bin/env bash
# Credential reports: credkit keys (parse all 22 columns by name, every check, JSON out) on a
# 100,000-user report generated on the fly, against python3's csv module only reading the same
# file into dicts, and awk only counting active keys: the peers do a fraction of the work.
# Peak memory (maximum resident set, /usr/bin/time) of credkit beside python3's csv reader
# streaming the rows (csv.reader over the file, nothing kept) and csv.DictReader into a list;
# then credkit's on the same report as the CLI's JSON (`aws iam get-credential-report`) and on
# five times the rows (issue 11's goal: under 64 MB at any report size).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=${CREDKIT_BIN:-.build/release/credkit}
USERS=${USERS:-100000}
RUNS=${RUNS:-3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

python3 - "$USERS" "$work/report.csv" <<'PY'
import random, sys
from datetime import datetime, timedelta, timezone
users, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
now = datetime(2025, 6, 1, tzinfo=timezone.utc)
def t(days):
    return (now - timedelta(days=days, seconds=rng.randrange(86400))).strftime("%Y-%m-%dT%H:%M:%S+00:00")
cols = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
with open(path, "w") as f:
    f.write(cols + "\n")
    f.write(f"<root_account>,arn:aws:iam::123456789012:root,{t(2000)},not_supported,{t(30)},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n")
    for i in range(users):
        created = rng.randrange(10, 1500)
        console = rng.random() < 0.4
        pw = f"true,{t(rng.randrange(0, 120))},{t(created)},N/A" if console else "false,N/A,N/A,N/A"
        keys = []
        for slot in range(2):
            if rng.random() < (0.8 if slot == 0 else 0.15):
                age = rng.randrange(1, min(created, 400) + 1)
                used = f"{t(rng.randrange(0, age))},us-east-1,s3" if rng.random() < 0.85 else "N/A,N/A,N/A"
                keys.append(f"{'true' if rng.random() < 0.9 else 'false'},{t(age)},{used}")
            else:
                keys.append("false,N/A,N/A,N/A,N/A")
        f.write(f"user-{i:06d},arn:aws:iam::123456789012:user/user-{i:06d},{t(created)},{pw},{'true' if rng.random() < 0.7 else 'false'},{keys[0]},{keys[1]},false,N/A,false,N/A\n")
PY

cat > "$work/read.py" <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.DictReader(f))
print(len(rows))
PY

cat > "$work/stream.py" <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as f:
    print(sum(1 for _ in csv.reader(f)))
PY

# peak_mb CMD...: the command's maximum resident set in MB (exit 1 = findings is fine).
peak_mb() {
  /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
  tail -1 "$work/rss" | awk '{ printf "%.1f", $1 / 1024 }'
}

credkit_keys() { "$BIN" keys --report "$work/report.csv" --now 2025-06-01T00:00:00Z --format json > "$work/out.json" || [ $? -eq 1 ]; }
awk_count() { awk -F, 'NR > 1 && $9 == "true" { n++ } END { print n }' "$work/report.csv"; }

# The CLI's JSON envelope of the same report, and the rows five times over under new names.
python3 - "$work/report.csv" "$work/report.json" <<'PY'
import base64, json, sys
data = open(sys.argv[1], "rb").read()
json.dump({"Content": base64.b64encode(data).decode(), "ReportFormat": "text/csv", "GeneratedTime": "2025-06-01T00:00:00+00:00"},
          open(sys.argv[2], "w"), indent=4)
PY
{ cat "$work/report.csv"; for copy in 1 2 3 4; do tail -n +3 "$work/report.csv" | sed "s/^user-/copy$copy-/"; done; } > "$work/report5.csv"

size=$(du -h "$work/report.csv" | cut -f1)
credkit_keys
findings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$work/out.json")
t_credkit=$(best_of "$RUNS" credkit_keys)
t_python=$(best_of "$RUNS" python3 "$work/read.py" "$work/report.csv")
t_awk=$(best_of "$RUNS" awk_count)
m_credkit=$(peak_mb "$BIN" keys --report "$work/report.csv" --now 2025-06-01T00:00:00Z --format json)
m_stream=$(peak_mb python3 "$work/stream.py" "$work/report.csv")
m_python=$(peak_mb python3 "$work/read.py" "$work/report.csv")
m_json=$(peak_mb "$BIN" keys --report "$work/report.json" --now 2025-06-01T00:00:00Z --format json)
m_five=$(peak_mb "$BIN" keys --report "$work/report5.csv" --now 2025-06-01T00:00:00Z --format json)
m_five_text=$(peak_mb "$BIN" keys --report "$work/report5.csv" --now 2025-06-01T00:00:00Z --format text)
m_five_stream=$(peak_mb python3 "$work/stream.py" "$work/report5.csv")
size_five=$(du -h "$work/report5.csv" | cut -f1)
echo "aws: credential report with $USERS users ($size), best of $RUNS"
echo "  credkit keys (parse + all checks + JSON, $findings findings): ${t_credkit}s"
echo "  python3 csv.DictReader (read only):                     ${t_python}s  -> python/credkit time ratio $(ratio "$t_credkit" "$t_python")"
echo "  awk (count active first keys only):                     ${t_awk}s  -> credkit/awk time ratio $(ratio "$t_awk" "$t_credkit")"
echo "  peak memory: credkit keys ${m_credkit} MB; python3 csv.reader streaming rows ${m_stream} MB; csv.DictReader into a list ${m_python} MB"
echo "  peak memory, same report as the CLI's JSON ($(du -h "$work/report.json" | cut -f1)): credkit keys ${m_json} MB"
echo "  peak memory, $((USERS * 5)) users ($size_five): credkit keys JSON ${m_five} MB, text ${m_five_text} MB; python3 csv.reader streaming ${m_five_stream} MB (goal: credkit under 64 MB)"
