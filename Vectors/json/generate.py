#!/usr/bin/env python3
"""Builds JSONTestSuite.json from Nicolas Seriot's JSONTestSuite (MIT licence,
github.com/nst/JSONTestSuite, test_parsing/): every case's name, bytes (base64) and
expectation: "accept" (y_), "reject" (n_) or "either" (i_, implementation-defined; the
reader must only end without a signal). Usage: generate.py BARE_GIT_DIR > JSONTestSuite.json
"""
import base64, json, subprocess, sys

git = ["git", "--git-dir", sys.argv[1]]
commit = subprocess.check_output(git + ["rev-parse", "HEAD"], text=True).strip()
names = subprocess.check_output(git + ["ls-tree", "--name-only", "HEAD:test_parsing"], text=True).split()
cases = []
for name in sorted(names):
    if not name.endswith(".json"):
        continue
    data = subprocess.check_output(git + ["show", f"HEAD:test_parsing/{name}"])
    expect = {"y": "accept", "n": "reject", "i": "either"}[name[0]]
    cases.append({"name": name[:-5], "expect": expect, "base64": base64.b64encode(data).decode()})
json.dump({"source": "https://github.com/nst/JSONTestSuite test_parsing (MIT)", "commit": commit, "cases": cases},
          sys.stdout, indent=0)
print()
