#!/usr/bin/env python3
"""Builds aws4_testsuite.json from the AWS Signature Version 4 test suite as botocore ships it
(tests/unit/auth/aws4_testsuite in github.com/boto/botocore, Apache-2.0; the suite is AWS's):
each case's name (its folder), the raw request (.req) and AWS's own expected canonical request
(.creq), string to sign (.sts) and Authorization header (.authz), unchanged.
Usage: generate_aws4_testsuite.py BOTOCORE_GIT_DIR > aws4_testsuite.json
"""
import json, subprocess, sys

git = ["git", "--git-dir", sys.argv[1]]
root = "tests/unit/auth/aws4_testsuite"
commit = subprocess.check_output(git + ["rev-parse", "HEAD"], text=True).strip()
files = subprocess.check_output(git + ["ls-tree", "-r", "--name-only", "HEAD", root], text=True).split("\n")


def show(path):
    return subprocess.check_output(git + ["show", f"HEAD:{path}"]).decode("utf-8").replace("\r", "")


cases = []
for path in sorted(f for f in files if f.endswith(".req")):
    stem = path[: -len(".req")]
    name = stem[len(root) + 1:].rsplit("/", 1)[0]
    cases.append({
        "name": name,
        "request": show(stem + ".req"),
        "canonicalRequest": show(stem + ".creq"),
        "stringToSign": show(stem + ".sts"),
        "authorization": show(stem + ".authz"),
    })
json.dump({
    "source": "AWS Signature Version 4 test suite, as shipped in botocore's tests/unit/auth/aws4_testsuite (Apache-2.0)",
    "commit": commit, "accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "region": "us-east-1", "service": "service", "date": "20150830T123600Z", "cases": cases,
}, sys.stdout, indent=1, ensure_ascii=False)
print()
