#!/usr/bin/env python3
"""Signs requests with botocore's SigV4Auth, an implementation independent of credkit's.

Reads JSON from standard input: {"cases": [{"name", "method", "host", "path" (not encoded),
"query": [[name, value], ...] (not encoded), "headers": [[name, value], ...], "body",
"accessKeyId", "secretAccessKey", "sessionToken"?, "region", "service", "date": "YYYYMMDDTHHMMSSZ"}]}
and writes {"results": [{"name", "canonicalRequest", "stringToSign", "signature", "authorization"}]}.
Secrets travel on standard input, never on the command line.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(case):
    pinned = datetime.datetime.strptime(case["date"], "%Y%m%dT%H%M%SZ")
    request = AWSRequest(
        method=case["method"],
        url="https://" + case["host"] + case["path"],
        params=[(k, v) for k, v in case.get("query", [])],
        data=case.get("body", "").encode("utf-8"),
    )
    for name, value in case.get("headers", []):
        request.headers[name] = value  # email.message semantics: repeated names are kept
    credentials = Credentials(case["accessKeyId"], case["secretAccessKey"], case.get("sessionToken"))
    auth = botocore.auth.SigV4Auth(credentials, case["service"], case["region"])
    # The steps of SigV4Auth.add_auth, kept apart so the intermediate texts can be returned.
    request.context["timestamp"] = pinned.strftime(botocore.auth.SIGV4_TIMESTAMP)
    auth._modify_request_before_signing(request)
    canonical = auth.canonical_request(request)
    to_sign = auth.string_to_sign(request, canonical)
    auth._inject_signature_to_request(request, auth.signature(to_sign, request))
    return {
        "name": case["name"],
        "canonicalRequest": canonical,
        "stringToSign": to_sign,
        "signature": auth.signature(to_sign, request),
        "authorization": request.headers["Authorization"],
    }


if __name__ == "__main__":
    cases = json.load(sys.stdin)["cases"]
    json.dump({"results": [sign(case) for case in cases]}, sys.stdout, ensure_ascii=False, indent=1)
