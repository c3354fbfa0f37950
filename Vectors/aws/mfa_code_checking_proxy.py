"""A loopback proxy in front of moto that checks EnableMFADevice codes as AWS does.

moto's EnableMFADevice accepts any two codes. This proxy remembers the seed moto returned for
each CreateVirtualMFADevice (Base32StringSeed: base64 of Base32 text) and, for EnableMFADevice,
accepts only two codes of consecutive 30-second steps within ten steps of now (AWS's rule);
otherwise it answers AWS's InvalidAuthenticationCode error itself. Everything else is
forwarded unchanged, Host header included, so moto's signature check still passes.

Usage: python3 mfa_code_checking_proxy.py UPSTREAM_URL PORT LOG_FILE
The log gets one line per checked pair: "accepted SERIAL" or "rejected SERIAL".
"""
import base64, hashlib, hmac, http.client, struct, sys, threading, time, urllib.parse
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

upstream = urllib.parse.urlsplit(sys.argv[1])
port = int(sys.argv[2])
log_path = sys.argv[3]
seeds = {}
lock = threading.Lock()


def code(seed, step):
    digest = hmac.new(seed, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def consecutive(seed, first, second, window=10):
    now = int(time.time()) // 30
    return any(code(seed, s - 1) == first and code(seed, s) == second for s in range(now - window + 1, now + window + 1))


def log(line):
    with lock, open(log_path, "a") as f:
        f.write(line + "\n")


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        form = urllib.parse.parse_qs(body.decode(), keep_blank_values=True)
        action = form.get("Action", [""])[0]
        if action == "EnableMFADevice":
            serial = form.get("SerialNumber", [""])[0]
            seed = seeds.get(serial)
            if seed is not None:
                first, second = form.get("AuthenticationCode1", [""])[0], form.get("AuthenticationCode2", [""])[0]
                if not consecutive(seed, first, second):
                    log("rejected " + serial)
                    error = (b'<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>'
                             b'<Code>InvalidAuthenticationCode</Code><Message>Authentication code for device is not valid.</Message>'
                             b'</Error><RequestId>proxy-0001</RequestId></ErrorResponse>')
                    return self.answer(403, "text/xml", error)
                log("accepted " + serial)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "proxy-connection")}
        connection.request("POST", self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if action == "CreateVirtualMFADevice" and response.status == 200:
            root = ET.fromstring(data)
            serial = next(e.text for e in root.iter() if e.tag.endswith("SerialNumber"))
            encoded = next(e.text for e in root.iter() if e.tag.endswith("Base32StringSeed"))
            seeds[serial] = base64.b32decode(base64.b64decode(encoded))
        self.answer(response.status, response.getheader("Content-Type", "text/xml"), data)

    def answer(self, status, content_type, data):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


ThreadingHTTPServer(("127.0.0.1", port), Proxy).serve_forever()
