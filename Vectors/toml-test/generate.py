#!/usr/bin/env python3
"""Writes cases.json from the official toml-lang/toml-test suite.

    python3 Vectors/toml-test/generate.py /path/to/toml-test.git > Vectors/toml-test/cases.json

The argument is a git directory of https://github.com/toml-lang/toml-test (a bare clone
works); files are read with `git show`, nothing is checked out. The cases are the ones the
suite lists for TOML 1.0.0 (tests/files-toml-1.0.0):

- every invalid case: rejecting invalid input is always right, so all of them must fail;
- the valid cases within the subset credkit reads (tables, arrays of tables, bare, quoted
  and dotted keys, basic and literal strings, decimal integers, booleans, arrays, comments).
  Valid cases using anything else are listed under "skipped" with the reason, because
  credkit rejects those features on purpose.
"""
import base64
import json
import re
import subprocess
import sys

SUPPORTED_TYPES = {"string", "integer", "bool"}


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True).stdout


def unsupported_types(tagged, found):
    """Adds to `found` the tagged-JSON leaf types credkit does not read."""
    if isinstance(tagged, list):
        for item in tagged:
            unsupported_types(item, found)
    elif isinstance(tagged, dict):
        if set(tagged) == {"type", "value"} and isinstance(tagged["type"], str):
            if tagged["type"] not in SUPPORTED_TYPES:
                found.add(tagged["type"])
        else:
            for item in tagged.values():
                unsupported_types(item, found)


def unsupported_syntax(text):
    """Syntax outside credkit's subset that the tagged JSON does not show: multi-line
    strings, inline tables, hexadecimal/octal/binary integers. Strings and comments are
    skipped so their content is not mistaken for syntax."""
    found = set()
    i, n = 0, len(text)
    while i < n:
        if text.startswith('"""', i) or text.startswith("'''", i):
            found.add("multi-line string")
            return found  # its end is not needed: the case is skipped anyway
        c = text[i]
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c == '"':
            i += 1
            while i < n and text[i] not in '"\n':
                i += 2 if text[i] == "\\" else 1
            i += 1
        elif c == "'":
            i += 1
            while i < n and text[i] not in "'\n":
                i += 1
            i += 1
        else:
            if c == "{":
                found.add("inline table")
            match = re.match(r"[=\[,][ \t\r\n]*[+-]?0[xob]", text[i:])
            if match:
                found.add("non-decimal integer")
            i += 1
    return found


def case_input(data):
    """The input as text when it is UTF-8, else as base64 (the encoding cases)."""
    try:
        return {"input": data.decode("utf-8")}
    except UnicodeDecodeError:
        return {"inputBase64": base64.b64encode(data).decode("ascii")}


def main():
    git_dir = sys.argv[1]
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    listed = git(git_dir, "show", "HEAD:tests/files-toml-1.0.0").decode().split()
    valid, invalid, skipped = [], [], []
    for path in sorted(p for p in listed if p.endswith(".toml")):
        name = path[: -len(".toml")]
        data = git(git_dir, "show", f"HEAD:tests/{path}")
        if name.startswith("invalid/"):
            invalid.append({"name": name, **case_input(data)})
            continue
        expected = json.loads(git(git_dir, "show", f"HEAD:tests/{name}.json"))
        reasons = set()
        unsupported_types(expected, reasons)
        reasons |= unsupported_syntax(data.decode("utf-8"))
        if reasons:
            skipped.append({"name": name, "reason": ", ".join(sorted(reasons))})
        else:
            valid.append({"name": name, **case_input(data), "expected": expected})
    document = {
        "source": "https://github.com/toml-lang/toml-test",
        "commit": commit,
        "list": "tests/files-toml-1.0.0",
        "license": "MIT, Copyright (c) 2018 TOML authors",
        "generator": "Vectors/toml-test/generate.py",
        "valid": valid,
        "invalid": invalid,
        "skipped": skipped,
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
