#!/usr/bin/env python3
"""Writes the libFuzzer seed corpora, Vectors/fuzz/<target>/, from the repository's own
fixtures and test inputs (fuzz/README.md). Seeds are small on purpose: libFuzzer mutates
from them. Keys come from the generated fixtures in Vectors/scan/corpus, never real ones.
Inputs the fuzzer found and that were kept as regressions are named crash-* or
regression-* and are not touched by this script.

    python3 Vectors/fuzz/generate.py
"""
import base64
import hashlib
import json
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Vectors", "fuzz")


def read(*path):
    with open(os.path.join(ROOT, *path), "rb") as f:
        return f.read()


def write(target, name, data):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# Base32: RFC 4648 section 10, and what users paste (lowercase, groups, no padding).
for case in json.loads(read("Vectors", "base32", "rfc4648.json"))["cases"]:
    write("base32", "rfc4648-" + case["plain"], case["encoded"])
write("base32", "grouped-lowercase", "jbsw y3dp-ehpk 3pxp")
write("base32", "bad-character", "JBSWY3DP1HPK3PXP")

# AWS shared config and credentials files: the profile forms the credential chain reads.
write("aws-config", "credentials", "[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = not-a-secret\n\n[ci]\naws_access_key_id=AKIACI00000000000002\r\naws_secret_access_key=x\r\n")
write("aws-config", "config-profiles", "[default]\nregion = eu-west-1\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\nmfa_serial = arn:aws:iam::123456789012:mfa/me\nexternal_id = x\n  s3 =\n    max_concurrent_requests = 2\n")
write("aws-config", "config-sso", "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[services local]\niam =\n  endpoint_url = http://127.0.0.1:5000\n")
write("aws-config", "process-and-web-identity", "; comment\n# comment\n[profile p]\ncredential_process = /usr/bin/true --json\n[profile w]\nweb_identity_token_file = /var/run/token\nrole_arn = arn:aws:iam::123456789012:role/ci\n")
write("aws-config", "broken", "region = x\n[unterminated\n[]\n= value\n")

# libpam-google-authenticator files (RFC 6238's seed), as google-authenticator(1) writes them.
write("google-authenticator", "totp", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n\" RATE_LIMIT 3 30\n\" WINDOW_SIZE 17\n\" DISALLOW_REUSE\n\" TOTP_AUTH\n12345678\n87654321\n")
write("google-authenticator", "hotp", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n\" HOTP_COUNTER 5\n")
write("google-authenticator", "step-size", "GEZDGNBVGY3TQOJQ\n\"STEP_SIZE 60\n\" UNKNOWN_OPTION a b\n")

# otpauth URIs: Tests/CredKitOTPTests/OTPAuthURITests.swift.
uris = {
    "totp-full": "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60",
    "hotp-counter": "otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&counter=42&issuer=Example",
    "issuer-mismatch": "otpauth://totp/Microsoft:alice@contoso.com?secret=JBSWY3DPEHPK3PXP&issuer=Contoso",
    "escaped-colon": "otpauth://totp/Issuer%3Aaccount?secret=JBSWY3DPEHPK3PXP&issuer=Issuer+Name&image=x",
    "duplicate-parameter": "otpauth://TOTP/a?secret=JBSWY3DPEHPK3PXP&digits=7&digits=8&period=45&algorithm=sha512",
    "bad-escape": "otpauth://totp/al%2ice?secret=JBSWY3DPEHPK3PXP",
}
for name, uri in uris.items():
    write("otpauth-uri", name, uri)

# Credential reports: the fixtures, and the same as GetCredentialReport base64 and CLI JSON.
basic = read("Vectors", "aws", "credential-report-basic.csv")
basic_head = b"\n".join(basic.split(b"\n")[:4]) + b"\n"
write("credential-report", "basic.csv", basic_head)
write("credential-report", "quirks.csv", b"\n".join(read("Vectors", "aws", "credential-report-quirks.csv").split(b"\n")[:5]) + b"\n")
write("credential-report", "basic.base64", base64.b64encode(basic_head))
write("credential-report", "basic-cli.json", json.dumps({
    "Content": base64.b64encode(basic_head).decode(), "ReportFormat": "text/csv",
    "GeneratedTime": "2025-06-01T12:00:00+00:00"}))
write("credential-report", "bom-crlf.csv", b"\xef\xbb\xbf" + basic_head.replace(b"\n", b"\r\n"))

# Exemptions and password policies: the fixtures.
write("exemptions", "basic.json", read("Vectors", "aws", "exemptions-basic.json"))
write("exemptions", "bare-array.json", '[{"user": "svc-[a-c]?", "reason": "r", "expires": "2030-01-31"}]')
for name in sorted(os.listdir(os.path.join(ROOT, "Vectors", "policy", "policies"))):
    write("password-policy", name, read("Vectors", "policy", "policies", name))
write("password-policy", "aws-cis.json", read("Vectors", "aws", "password-policy-cis.json"))
for name in ["age-without-expire.json", "length-fraction.json", "unknown-field.json", "truncated.json"]:
    write("password-policy", "malformed-" + name, read("Vectors", "policy", "malformed", name))

# JSON: a spread of JSONTestSuite cases (accepted, refused, implementation-defined).
cases = json.loads(read("Vectors", "json", "JSONTestSuite.json"))["cases"]
wanted = ["y_object_basic", "y_array_arraysWithSpaces", "y_string_unicode_escaped_double_quote",
          "y_string_surrogates_U+1D11E_MUSICAL_SYMBOL_G_CLEF", "y_number_real_capital_e_neg_exp",
          "y_structure_lonely_null", "n_object_trailing_comma", "n_string_unescaped_tab",
          "n_number_-01", "n_structure_unclosed_array", "i_number_huge_exp",
          "i_string_lone_second_surrogate", "i_structure_UTF-8_BOM_empty_object"]
by_name = {case["name"]: case for case in cases}
for name in wanted:
    if name in by_name:
        write("json", name, base64.b64decode(by_name[name]["base64"]))
write("json", "duplicate-key", '{"a": 1,\n "a": 2}')
write("json", "nested", '{"x": [[[{"y": [1, -2.5e3, true, null, "\\u00e9"]}]]]}')

# .credkit.toml: this repository's own, and documents from ConfigurationTests.
write("scan-config", "repository.toml", read(".credkit.toml"))
write("scan-config", "full.toml", """# credkit settings
[allow]
paths = [
  "Vectors/scan/**",   # fixtures
  "*.pem",
]
values = ["AKIA2TEST0000000000A"]
patterns = ['^AKIA2TEST', "x\\\\d+"]

[rules]
enable = ["aws-unique-id"]
disable = ['aws-session-token']

[scan]
baseline = ".credkit-baseline.json"
""")
write("scan-config", "toml-subset.toml",
      "a = 1\nb = -20\nd = 1_000\ns = \"tab\\there \\u00e9 \\U0001F600\"\nl = 'C:\\path'\n"
      "[[rule]]\nid = \"a\"\nk = [\"x\", 'y',]\n[x.y]\n\"quoted key\" = [ [1, 2], [\"a\"] ]  # c\r\n")
write("scan-config", "inline-table.toml", "[scan]\nbaseline = {a = 1}\n")

# Baseline files: the format Baseline.fileText writes.
# The generated key of Vectors/scan/corpus/app.env, read rather than written here.
key = next(line.split(b"=", 1)[1] for line in read("Vectors", "scan", "corpus", "app.env").splitlines()
           if line.startswith(b"AWS_ACCESS_KEY_ID="))
fingerprint = hashlib.sha256(b"aws-access-key-id:" + key).hexdigest()
write("baseline", "one.json", json.dumps({"version": 1, "tool": "credkit", "findings": [
    {"fingerprint": fingerprint, "rule": "aws-access-key-id", "match": key[:4].decode() + "************" + key[-4:].decode()}]},
    indent=2) + "\n")
write("baseline", "empty.json", '{"version": 1, "tool": "credkit", "findings": []}\n')
write("baseline", "wrong-version.json", '{"version": 2, "findings": []}')

# Path globs: "pattern\npath", from Tests/CredKitScanTests/PathGlobTests.swift.
globs = [("Vectors/scan/**", "Vectors/scan/deep/er/a.txt"), ("*.pem", "keys/deep/server.pem"),
         ("src/**/*.txt", "src/x/y/a.txt"), ("**/fixtures", "a/b/fixtures/c.json"),
         ("test?.cfg", "test1.cfg"), ("[!abc]*.txt", "b-file.txt"), ("[a-c]x", "bx"),
         ("\\*literal", "*literal"), ("/Vectors/scan/", "./Vectors/scan/a.txt"), ("[unclosed", "[unclosed")]
for index, (pattern, path) in enumerate(globs):
    write("path-glob", "glob-%02d" % index, pattern + "\n" + path)

# HTTP responses, as servers and proxies send them.
responses = {
    "content-length": b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5\r\n\r\nhello",
    "chunked-trailer": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n",
    "chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n",
    "continue-then-ok": b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "folded-header": b"HTTP/1.0 403 Forbidden\r\nX-Amzn-RequestId: abc\r\nX-Long: one\r\n\ttwo\r\n\r\nbody until close",
    "proxy-auth": b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\n\r\n",
    "no-content": b"HTTP/1.1 204 No Content\r\n\r\n",
    "content-length-list": b"HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc",
    "not-http": b"SSH-2.0-OpenSSH_9.6\r\n",
}
for name, body in responses.items():
    write("http-response", name, body)

# AWS Query XML answers (IAM and STS).
xml = {
    "get-user": '<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User><UserName>alice</UserName><Arn>arn:aws:iam::123456789012:user/alice</Arn></User></GetUserResult></GetUserResponse>',
    "list-users": '<?xml version="1.0" encoding="UTF-8"?>\n<ListUsersResponse><ListUsersResult><IsTruncated>true</IsTruncated><Marker>m1</Marker><Users><member><UserName>a</UserName></member><member><UserName>b&amp;c</UserName></member></Users></ListUsersResult></ListUsersResponse>',
    "error": '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>',
    "list-service-specific-credentials": '<ListServiceSpecificCredentialsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListServiceSpecificCredentialsResult><ServiceSpecificCredentials><member><UserName>alice</UserName><Status>Active</Status><ServiceCredentialAlias>BedrockAPIKey-abcd-at-123456789012</ServiceCredentialAlias><CreateDate>2026-02-01T00:00:00Z</CreateDate><ExpirationDate>2026-03-03T00:00:00Z</ExpirationDate><ServiceSpecificCredentialId>ACCAEXAMPLEBEDROCK01</ServiceSpecificCredentialId><ServiceName>bedrock.amazonaws.com</ServiceName></member></ServiceSpecificCredentials><IsTruncated>true</IsTruncated><Marker>1</Marker></ListServiceSpecificCredentialsResult></ListServiceSpecificCredentialsResponse>',
    "namespaced-cdata": '<a:Root xmlns:a="urn:x"><a:B><![CDATA[text <here>]]></a:B>  <!-- c --> </a:Root>',
}
for name, text in xml.items():
    write("query-xml", name, text)

# Diffs: real `git diff --cached -U0` and `git log -p -U0` output over the scan fixtures.
# The first byte of a diff seed is where the harness cuts the stream in two.
def git(repo, *args, stdin=None):
    # Fixed dates, so commit ids and the history seed are the same on every run.
    env = dict(os.environ, GIT_AUTHOR_DATE="2025-01-01T00:00:00Z", GIT_COMMITTER_DATE="2025-01-01T00:00:00Z")
    return subprocess.run(["git", "-C", repo, "-c", "user.name=fuzz", "-c", "user.email=fuzz@example.invalid",
                           "-c", "core.quotepath=true", "-c", "init.defaultBranch=main", *args],
                          check=True, capture_output=True, input=stdin, env=env).stdout

with tempfile.TemporaryDirectory() as repo:
    git(repo, "init", "-q")
    with open(os.path.join(repo, "old.txt"), "w") as f:
        f.write("one\ntwo\nthree\n")
    git(repo, "add", "old.txt")
    git(repo, "commit", "-q", "-m", "first")
    with open(os.path.join(repo, "old.txt"), "w") as f:
        f.write("one\n+++ b/not-a-header\nthree\nfour\n")
    os.makedirs(os.path.join(repo, "deep dir"))
    with open(os.path.join(repo, "deep dir", "caf\u00e9 app.env"), "wb") as f:
        f.write(read("Vectors", "scan", "corpus", "app.env"))
    git(repo, "add", "-A")
    staged = git(repo, "diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "--no-relative", "-M",
                 "--src-prefix=a/", "--dst-prefix=b/")
    write("diff", "staged.diff", bytes([40]) + staged)
    git(repo, "commit", "-q", "-m", "second")
    git(repo, "mv", "old.txt", "renamed.txt")
    git(repo, "rm", "-q", "deep dir/caf\u00e9 app.env")
    git(repo, "commit", "-q", "-m", "third")
    history = git(repo, "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-relative", "--diff-merges=off", "-M",
                  "--src-prefix=a/", "--dst-prefix=b/", "--format=%x01credkit-commit %H%x00%an <%ae>%x00%aI", "--all", "--")
    write("diff", "history.diff", bytes([200]) + history)
    # What `scan --history` reads: the raw listing (with a merge that resolves a conflict) and
    # the cat-file stream of every blob.
    git(repo, "checkout", "-q", "-b", "side", "HEAD~1")
    with open(os.path.join(repo, "old.txt"), "w") as f:
        f.write("side\n")
    git(repo, "commit", "-q", "-a", "-m", "side")
    git(repo, "checkout", "-q", "main")
    subprocess.run(["git", "-C", repo, "-c", "user.name=fuzz", "-c", "user.email=fuzz@example.invalid", "merge", "-q", "--no-ff", "--no-commit", "side"], capture_output=True)
    with open(os.path.join(repo, "renamed.txt"), "w") as f:
        f.write("resolved\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "merge side")
    listing = git(repo, "log", "--raw", "--no-abbrev", "--diff-merges=separate", "-M", "--no-color",
                  "--format=%x01credkit-commit %H%x00%P%x00%an <%ae>%x00%aI", "--all", "--")
    write("git-history", "merge.raw", bytes([64]) + listing)
    objects = git(repo, "rev-list", "--all", "--objects")
    names = b"".join(line[:40] + b"\n" for line in objects.splitlines())
    write("git-history", "objects.batch", bytes([32]) + git(repo, "cat-file", "--batch", stdin=names))

# The scanner: the generated key fixtures, one file each.
for name in sorted(os.listdir(os.path.join(ROOT, "Vectors", "scan", "corpus"))):
    write("scanner", name, read("Vectors", "scan", "corpus", name))

# The scanner's decoders: the same generated keys under Base64, base64url (JWT), percent
# encoding and escapes, nested up to the layer limit and one past it.
credentials = read("Vectors", "scan", "corpus", "credentials.ini")
pair = b"\n".join(credentials.splitlines()[1:3])
write("scanner", "decode-kubernetes-secret.yaml",
      b"apiVersion: v1\nkind: Secret\ndata:\n  credentials: " + base64.b64encode(credentials) + b"\n")
payload = base64.urlsafe_b64encode(b'{"sub":"ci","aws_access_key_id":"' + key + b'"}').rstrip(b"=")
write("scanner", "decode-jwt.txt", b"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9." + payload + b".c2ln\n")
percent = pair.replace(b"\n", b"&").replace(b" = ", b"%3D").replace(b"+", b"%2B").replace(b"/", b"%2F")
write("scanner", "decode-percent.txt", b"https://example.invalid/?" + percent + b"\n")
escaped = pair.replace(b"/", b"\\/").replace(b"\n", b"\\n")
write("scanner", "decode-escapes.json", b'{"log": "\\n' + escaped + b'\\u0022\\x22"}\n')
nested = pair
for _ in range(6):
    nested = b"v: " + base64.b64encode(nested)
write("scanner", "decode-six-layers.txt", nested + b"\n")

# Archives (zip, tar): small real files from Python's zipfile, tarfile and gzip, fixed dates so
# the bytes do not change between runs. No keys: the repository scans itself, archives included.
import gzip as _gzip
import io
import tarfile
import zipfile


def _zip(members, method=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data, compress_type=method)
    return out.getvalue()


def _tar(members, fmt=tarfile.USTAR_FORMAT):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=fmt) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1704067200
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


text = [("conf/settings.ini", b"[default]\nregion = eu-west-1\n"), ("README.md", b"# notes\n")]
write("zip", "deflated.zip", _zip(text))
write("zip", "stored.jar", _zip(text, zipfile.ZIP_STORED))
write("zip", "nested.zip", _zip([("inner.zip", _zip(text))]))
write("zip", "empty.zip", _zip([]))
write("tar", "ustar.tar", b"\x00" + _tar(text))
write("tar", "gnu-long-name.tar", b"\x00" + _tar([("d/" * 60 + "f.txt", b"x\n")], tarfile.GNU_FORMAT))
write("tar", "pax.tar", b"\x00" + _tar([("p/" * 60 + "f.txt", b"x\n")], tarfile.PAX_FORMAT))
write("tar", "tar.gz", b"\x01" + _gzip.compress(_tar(text), mtime=0))
write("tar", "plain.gz", b"\x01" + _gzip.compress(b"line one\nline two\n", mtime=0))
