"""A moto IAM endpoint on loopback for the repository checks (the Swift tests' MotoServer in Python).

moto accepts any credentials; the checks only need IAM answers, never the network."""
import contextlib
import logging
import socket

import boto3
from moto.server import ThreadedMotoServer


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def moto_iam(users=("alice", "bob")):
    """Starts moto, creates `users` with one access key each; yields (endpoint, environment)."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        env = {"AWS_ACCESS_KEY_ID": "AKIAMOTOTESTING00000", "AWS_SECRET_ACCESS_KEY": "moto-testing-secret",
               "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint,
               "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}
        iam = boto3.client("iam", region_name="us-east-1", endpoint_url=endpoint,
                           aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
        for user in users:
            iam.create_user(UserName=user)
            iam.create_access_key(UserName=user)
        yield endpoint, env
    finally:
        server.stop()
