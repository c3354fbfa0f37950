#!/usr/bin/env python3
"""Writes the scan fixtures in corpus/ and the findings expected from them (expected.json).

Every key-shaped value is freshly random (never a real key). Accounts in expected.json are
decoded here, independently of credkit: Base32-decode the 16 characters after the prefix,
first 6 bytes big-endian, mask 0x7fffffffff80, shift right 7; none when the fifth
character is I or J. Run it again to regenerate; the .credkit.toml at the repository root
allows this folder, so `credkit scan .` stays clean.
"""
import base64, json, os, secrets, string

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B64 = string.ascii_letters + string.digits + "+/"
here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "corpus")
os.makedirs(corpus, exist_ok=True)

def rand(alphabet, n):
    return "".join(secrets.choice(alphabet) for _ in range(n))

def key(prefix="AKIA", legacy=False):
    while True:
        body = rand(B32, 16)
        if legacy:
            return prefix + secrets.choice("IJ") + body[1:]
        if body[0] not in "IJ" and int(account(prefix + body)) < 10**12:
            return prefix + body

def secret():
    return rand(B64, 40)

def token():
    return "IQoJb3JpZ2luX2Vj" + rand(B64, 320)

def account(kid):
    if kid[4] in "IJ":
        return None
    z = int.from_bytes(base64.b32decode(kid[4:20])[0:6], "big")
    return "%012d" % ((z & 0x7FFFFFFFFF80) >> 7)

expected = []

def locate(text, value):
    offset = text.index(value)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column

def finding(name, text, rule, value, secret_value=None, token_value=None):
    line, column = locate(text, value)
    item = {"file": name, "rule": rule, "line": line, "column": column,
            "account": account(value) if rule == "aws-access-key-id" else None}
    if secret_value:
        item["secretLine"] = locate(text, secret_value)[0]
    if token_value:
        item["tokenLine"] = locate(text, token_value)[0]
    expected.append(item)

def write(name, text):
    with open(os.path.join(corpus, name), "w") as f:
        f.write(text)

# An AWS CLI credentials file: a long-term pair and a temporary one with its token.
k1, s1, k2, s2, t2 = key(), secret(), key("ASIA"), secret(), token()
text = (f"[default]\naws_access_key_id = {k1}\naws_secret_access_key = {s1}\n\n"
        f"[ci]\naws_access_key_id = {k2}\naws_secret_access_key = {s2}\naws_session_token = {t2}\nregion = eu-west-1\n")
write("credentials.ini", text)
finding("credentials.ini", text, "aws-access-key-id", k1, s1)
finding("credentials.ini", text, "aws-access-key-id", k2, s2, t2)

# A .env file: the pair, plus an unrelated secret and a git hash that are not AWS's.
k3, s3 = key(), secret()
text = (f"DATABASE_URL=postgres://localhost/app\nAWS_ACCESS_KEY_ID={k3}\nAWS_SECRET_ACCESS_KEY={s3}\n"
        f"STRIPE_SECRET={secret()}\nGIT_SHA={secrets.token_hex(20)}\n")
write("app.env", text)
finding("app.env", text, "aws-access-key-id", k3, s3)

# Terraform: the AWS word is on the provider line, above the secret.
s4 = secret()
text = f'provider "aws" {{\n  region     = "us-east-1"\n  secret_key = "{s4}"\n}}\n'
write("main.tf", text)
finding("main.tf", text, "aws-secret-access-key", s4)

# STS output as JSON, secret before nothing, token after.
k5, s5, t5 = key("ASIA"), secret(), token()
text = ('{\n  "Credentials": {\n    "AccessKeyId": "%s",\n    "SecretAccessKey": "%s",\n'
        '    "SessionToken": "%s",\n    "Expiration": "2030-01-01T00:00:00Z"\n  }\n}\n') % (k5, s5, t5)
write("sts-output.json", text)
finding("sts-output.json", text, "aws-access-key-id", k5, s5, t5)

# A legacy ID (no account), an A3T ID, and a 40-character value without AWS context: paired
# when within 5 lines of a key ID or in its block, not reported when farther away in another block.
k6, k7, s7 = key("AKIA", legacy=True), key("A3T" + secrets.choice(B32)), secret()
text = f'LEGACY = "{k6}"\nOTHER = "{k7}"\nblob = "{s7}"\n' + "pass\n" * 5 + "\n" + f'far = "{secret()}"\n'
write("keys.py", text)
finding("keys.py", text, "aws-access-key-id", k6)
finding("keys.py", text, "aws-access-key-id", k7, s7)

# Only false alarms.
text = "\n".join([
    "Documented examples: AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    f"aws_secret_access_key = {secrets.token_hex(20)}",
    f"part of a word: X{key()} and {key()}_suffix and {key()}9",
    f"invalid Base32: AKIA{rand('0189', 16)}",
    f"unique IDs: {key('AIDA')} {key('AROA')} {key('AGPA')}",
    f"lowercase: {key().lower()}",
    "placeholder: AKIAXXXXXXXXXXXXXXXX",
    f"allowed inline: {key()}  # credkit:allow",
    "",
])
write("false-alarms.md", text)

expected.sort(key=lambda e: (e["file"], e["line"]))
with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(expected, f, indent=2, sort_keys=True)
    f.write("\n")
