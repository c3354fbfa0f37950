"""action.yml and examples/github-actions/*.yml: schema-valid, and their steps run here.

1. Validates action.yml and every workflow against SchemaStore's schemas in ../shared/schemas.
2. Checks what a schema cannot: no example.com, credkit pinned to this version's tag, only
   inputs the action declares.
3. Runs each workflow's job on this machine: `run:` steps as written under bash, the credkit
   action through its own scripts (action/install.sh, action/run.sh) with the built credkit,
   and the third-party actions replaced by what they do here (checkout: the test workspace;
   configure-aws-credentials: moto's credentials; upload-sarif: validate the SARIF file).
   `gh` is a recording stand-in. The only change to a step: moto's keys are new, so the
   rotation job's clock is moved ahead with --now to make them due (said where it happens).
"""
import base64
import datetime
import json
import os
import pathlib
import re
import secrets
import shutil
import subprocess
import sys
import tempfile

import boto3
import jsonschema
import yaml

sys.path.insert(0, str(pathlib.Path(__file__).parent / "lib"))
from moto_account import moto_iam  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = pathlib.Path(os.environ.get("CREDKIT_SCHEMAS", ROOT.parent / "shared" / "schemas"))
CREDKIT = pathlib.Path(os.environ.get("CREDKIT_BIN", ROOT / ".build/debug/credkit")).resolve()
VERSION = subprocess.run([str(CREDKIT), "version"], capture_output=True, text=True, check=True).stdout.strip()
failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL: {message}")


def load(path):
    document = yaml.safe_load(path.read_text())
    if True in document:  # YAML 1.1 reads the key `on:` as the boolean true
        document["on"] = document.pop(True)
    return document


def validate(path, schema_name):
    schema = json.loads((SCHEMAS / schema_name).read_text())
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(load(path)), key=lambda e: list(e.path))
    for error in errors:
        fail(f"{path.relative_to(ROOT)}: {'/'.join(map(str, error.path))}: {error.message[:300]}")
    if not errors:
        print(f"ok: {path.relative_to(ROOT)} validates against {schema_name}")


# --- 1 and 2: static checks -------------------------------------------------------------------
action = load(ROOT / "action.yml")
validate(ROOT / "action.yml", "github-action.json")
workflows = sorted((ROOT / "examples/github-actions").glob("*.yml"))
if len(workflows) < 3:
    fail(f"expected the three example workflows, found {[w.name for w in workflows]}")
for path in workflows:
    validate(path, "github-workflow.json")
    text = path.read_text()
    if "example.com" in text:
        fail(f"{path.name}: mentions example.com")
    for job in load(path)["jobs"].values():
        for step in job["steps"]:
            uses = step.get("uses", "")
            if uses.startswith("OWNER/credkit"):
                if uses != f"OWNER/credkit@v{VERSION}":
                    fail(f"{path.name}: {uses} is not pinned to this version's tag v{VERSION}")
                unknown = set(step.get("with", {})) - set(action["inputs"])
                if unknown:
                    fail(f"{path.name}: inputs {sorted(unknown)} are not declared in action.yml")


# --- 3: run the jobs --------------------------------------------------------------------------
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Job:
    def __init__(self, workflow, name, job, workspace, env, matrix=None, extra_args=""):
        self.workflow, self.name, self.job, self.workspace = workflow, name, job, workspace
        self.env, self.matrix, self.extra_args = dict(env), matrix or {}, extra_args
        self.outputs, self.failed, self.log = {}, False, []
        self.summary = workspace.parent / f"summary-{name}.md"
        self.summary.write_text("")

    def value(self, expression):
        if m := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            return self.outputs.get(m[1], {}).get(m[2], "")
        if m := re.fullmatch(r"matrix\.([\w-]+)", expression):
            return str(self.matrix[m[1]])
        if expression == "github.token":
            return "token-for-the-test"
        raise ValueError(f"expression not understood by this runner: {expression}")

    def substitute(self, text):
        return EXPRESSION.sub(lambda m: self.value(m[1]), str(text))

    def condition(self, expression):
        if expression is None:
            return not self.failed
        expression = EXPRESSION.sub(lambda m: m[1], str(expression))
        python = re.sub(r"(steps\.[\w-]+\.outputs\.[\w-]+|matrix\.[\w-]+)", lambda m: repr(self.value(m[1])), expression)
        python = python.replace("always()", "True").replace("success()", repr(not self.failed)).replace("failure()", repr(self.failed))
        python = python.replace("&&", " and ").replace("||", " or ").replace("!=", " != ")
        if not re.fullmatch(r"[\s\w'()!=.-]*", python):
            raise ValueError(f"condition not understood by this runner: {expression}")
        result = eval(python, {"__builtins__": {}}, {"True": True, "False": False})  # only literals and and/or/==/!=
        return bool(result) if "always()" in expression or "failure()" in expression else bool(result) and not self.failed

    def bash(self, script, env, step_id):
        output_file = self.workspace.parent / f"output-{self.name}-{step_id}"
        output_file.write_text("")
        env = {**env, "GITHUB_OUTPUT": str(output_file), "GITHUB_STEP_SUMMARY": str(self.summary),
               "GITHUB_PATH": str(self.workspace.parent / "github-path"), "GITHUB_WORKSPACE": str(self.workspace)}
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=self.workspace, env=env,
                                capture_output=True, text=True, timeout=120)
        outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
        self.log.append((step_id, result.returncode, result.stdout, result.stderr))
        return result.returncode, outputs

    def run(self):
        for index, step in enumerate(self.job["steps"]):
            step_id = step.get("id", f"step{index}")
            if not self.condition(step.get("if")):
                self.log.append((step_id, "skipped", "", ""))
                continue
            env = {**self.env, **{k: self.substitute(v) for k, v in step.get("env", {}).items()}}
            uses = step.get("uses", "")
            with_ = {k: self.substitute(v) for k, v in step.get("with", {}).items()}
            status, outputs = 0, {}
            if "run" in step:
                status, outputs = self.bash(self.substitute(step["run"]), env, step_id)
            elif uses.startswith("actions/checkout@"):
                pass
            elif uses.startswith("aws-actions/configure-aws-credentials@"):
                if not re.fullmatch(r"arn:aws:iam::\d{12}:role/[\w+=,.@-]+", with_["role-to-assume"]):
                    fail(f"{self.workflow}: role-to-assume {with_['role-to-assume']!r} is not a role ARN")
                self.env.update(self.moto_env, AWS_REGION=with_["aws-region"])
            elif uses.startswith("github/codeql-action/upload-sarif@"):
                sarif = json.loads((self.workspace / with_["sarif_file"]).read_text())
                schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
                jsonschema.Draft7Validator(schema).validate(sarif)
                self.uploaded = sarif
            elif uses.startswith("OWNER/credkit@"):
                inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
                inputs.update(with_)
                action_env = {**env, "CREDKIT_VERSION": inputs["version"], "CREDKIT_COMMAND": inputs["command"],
                              "CREDKIT_ARGS": (inputs["args"] + " " + self.extra_args).strip(), "CREDKIT_OUTPUT": inputs["output"]}
                status, outputs = self.bash(f'"{ROOT}/action/install.sh" && "{ROOT}/action/run.sh"', action_env, step_id)
            else:
                fail(f"{self.workflow}: this runner does not know {uses}")
            self.outputs[step_id] = outputs
            if status != 0 and not step.get("continue-on-error", False):
                self.failed = True
        return self

    def step(self, step_id):
        return next(entry for entry in self.log if entry[0] == step_id)


def workspace_with(files):
    parent = pathlib.Path(tempfile.mkdtemp(prefix="credkit-workflow-"))
    workspace = parent / "repo"
    workspace.mkdir()
    for name, content in files.items():
        (workspace / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / name).write_text(content)
    subprocess.run(["git", "init", "-q", str(workspace)], check=True)
    bin_dir = parent / "bin"
    bin_dir.mkdir()
    (bin_dir / "credkit").symlink_to(CREDKIT)
    # gh stand-in: records its arguments and the body it would post; `issue list` answers $FAKE_GH_OPEN_ISSUE.
    (bin_dir / "gh").write_text("""#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$FAKE_GH_LOG"
if [ "$1 $2" = "issue list" ]; then echo "${FAKE_GH_OPEN_ISSUE:-}"; exit 0; fi
while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cat "$2" > "$FAKE_GH_LOG.body"; shift; done
""")
    (bin_dir / "gh").chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(parent), "FAKE_GH_LOG": str(parent / "gh.log"), "LANG": "C.UTF-8"}
    return workspace, env


def expect(condition, message, job=None):
    if not condition:
        fail(message)
        if job:
            for entry in job.log:
                print("   ", entry[0], entry[1], entry[2][-1500:], entry[3][-800:])


def workflow_job(name):
    document = load(ROOT / "examples/github-actions" / name)
    return next(iter(document["jobs"].items()))


# pr-scan: a planted key fails the scan, the SARIF still validates and is uploaded; a clean tree passes.
_, job = workflow_job("pr-scan.yml")
while True:  # a 12-digit account: one random body in eleven decodes to 13 digits, a note that does not fail
    key = "AKIA" + "".join(secrets.choice("ABCDEFGHKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    if (int.from_bytes(base64.b32decode(key[4:])[0:6], "big") & 0x7fffffffff80) >> 7 < 10**12:
        break
for planted in (True, False):
    files = {"app/settings.py": f'AWS_ACCESS_KEY_ID = "{key}"\n' if planted else "DEBUG = True\n"}
    workspace, env = workspace_with(files)
    run = Job("pr-scan.yml", "scan", job, workspace, env).run()
    code = run.outputs.get("scan", {}).get("exit-code")
    uploaded = getattr(run, "uploaded", None)
    results = [r for rs in (uploaded or {}).get("runs", []) for r in rs.get("results", [])]
    if planted:
        expect(code == "1" and run.failed and len(results) == 1 and "app/settings.py" in json.dumps(results),
               f"pr-scan with a leak: exit-code {code}, failed {run.failed}, {len(results)} SARIF results", run)
    else:
        expect(code == "0" and not run.failed and uploaded is not None and not results,
               f"pr-scan clean: exit-code {code}, failed {run.failed}", run)
print("ok: pr-scan.yml blocks a leak with SARIF for code scanning, passes a clean tree")

now_plus = lambda days: (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
with moto_iam(users=("alice", "_svc_deploy")) as (endpoint, moto_env):
    Job.moto_env = moto_env
    # key-rotation: keys 80 days old (due in 10): a reminder issue whose body is credkit's Markdown.
    _, job = workflow_job("key-rotation.yml")
    for open_issue in ("", "42"):
        workspace, env = workspace_with({".github/credkit-exemptions.json": "[]\n"})
        env["FAKE_GH_OPEN_ISSUE"] = open_issue
        # The one change to the workflow: moto's keys are minutes old, so the clock moves 80 days on.
        run = Job("key-rotation.yml", "keys", job, workspace, env, extra_args=f"--now {now_plus(80)}").run()
        gh_log = pathlib.Path(env["FAKE_GH_LOG"])
        calls = gh_log.read_text() if gh_log.exists() else ""
        body = pathlib.Path(env["FAKE_GH_LOG"] + ".body").read_text() if pathlib.Path(env["FAKE_GH_LOG"] + ".body").exists() else ""
        wanted = "issue comment 42" if open_issue else "issue create --title Access keys due for rotation --label key-rotation"
        expect(run.outputs.get("audit", {}).get("exit-code") == "1" and wanted in calls, f"key-rotation: gh calls {calls!r}", run)
        expect("`key-due-soon`" in body and "\\_svc\\_deploy" in body and "create a new key" in body
               and re.search(r"`AKIA\*+[A-Z0-9]{4}`", body), f"key-rotation issue body: {body[:600]!r}", run)
        expect(run.summary.read_text() == body and run.failed and run.step("step5")[1] == 1,
               "key-rotation: summary equals the issue body and the job fails while keys are due", run)
    # Nothing due (clock as it is): no issue, green job.
    workspace, env = workspace_with({".github/credkit-exemptions.json": "[]\n"})
    run = Job("key-rotation.yml", "keys", job, workspace, env).run()
    code = run.outputs.get("audit", {}).get("exit-code")
    calls = pathlib.Path(env["FAKE_GH_LOG"]).read_text() if pathlib.Path(env["FAKE_GH_LOG"]).exists() else ""
    expect(code in ("0", "1") and ("issue create" not in calls) == (code == "0"), f"key-rotation, nothing due: exit {code}, gh {calls!r}", run)
    print(f"ok: key-rotation.yml reminds on keys due soon (issue created, or commented on), exit {code} with fresh keys")

    # organization: one job walks the organization (three member accounts made with
    # organizations:CreateAccount, a user with a key in each); annotations and the summary by account.
    session_kw = dict(region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id=moto_env["AWS_ACCESS_KEY_ID"],
                      aws_secret_access_key=moto_env["AWS_SECRET_ACCESS_KEY"])
    organizations = boto3.client("organizations", **session_kw)
    organizations.create_organization(FeatureSet="ALL")
    members = []
    for name in ("prod", "staging", "sandbox"):
        account = organizations.create_account(Email=f"{name}@corp.test", AccountName=name)["CreateAccountStatus"]["AccountId"]
        assumed = boto3.client("sts", **session_kw).assume_role(
            RoleArn=f"arn:aws:iam::{account}:role/credkit-audit", RoleSessionName="setup")["Credentials"]
        iam = boto3.client("iam", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id=assumed["AccessKeyId"],
                           aws_secret_access_key=assumed["SecretAccessKey"], aws_session_token=assumed["SessionToken"])
        iam.create_user(UserName=f"deploy-{name}")
        iam.create_access_key(UserName=f"deploy-{name}")
        members.append((account, name))
    _, job = workflow_job("organization.yml")
    workspace, env = workspace_with({})
    run = Job("organization.yml", "keys", job, workspace, env, extra_args=f"--now {now_plus(100)}").run()
    out, summary = run.log[-1][2], run.summary.read_text()
    expect(run.failed and run.outputs.get("step2", {}).get("exit-code") == "1", "organization.yml: the job fails on key-age findings", run)
    for account, name in members:
        expect(f"account {account} ({name}): deploy-{name}" in out and f"# Account {account} ({name})" in summary,
               f"organization.yml: annotations and summary for {account} ({name})", run)
    expect("::error title=credkit key-age" in out and "organization, 4 accounts read" in out,
           "organization.yml: key-age annotations, the management account and three members read", run)
    print("ok: organization.yml walks the organization in one job (--organization-role), grouped by account")

if failures:
    print(f"github-actions: {len(failures)} failure(s)")
    sys.exit(1)
print("github-actions: action.yml and the example workflows validate and run")
