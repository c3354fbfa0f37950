"""Every ```console and ```sh block of README.md, run in order in one temporary folder.

An example that stops working fails `make test`. Rules the README follows:
- console blocks: `$ ` lines are commands (a trailing backslash continues them); the lines
  after a command are its expected output. Each expected line must match a line credkit
  printed (stdout or stderr), where runs of digits match any digits (codes, ages), `...`
  matches anything, and text after two spaces and `#` is a comment; a line that is only a
  small number (a step offset) must be printed exactly. A line that starts with
  `...` stands for more output and is not checked.
- sh blocks: every line is a command; its output is not checked.
- Exit status: 0, unless the command or its output says `# exit N`.
- `# needs AWS` on a command: not run here (no AWS account in CI; the live calls are tested
  against moto in Tests/CLITests/KeysLiveTests.swift and PolicyLiveTests.swift). When such a
  command writes a file (`> FILE`), the file comes from the fixtures below, so later
  examples run on realistic data.
- `<!-- readme-test: skip: REASON -->` right before a block skips the block.
The folder is a git repository with one commit (for scan --history and hook install), HOME is
a temporary folder, COLUMNS=80, NO_COLOR=1, and credkit is the one under test.
"""
import datetime
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CREDKIT = pathlib.Path(os.environ.get("CREDKIT_BIN", ROOT / ".build/debug/credkit")).resolve()
README = pathlib.Path(os.environ.get("CREDKIT_README", ROOT / "README.md"))
# What the `# needs AWS` commands would write, from the repository's own samples. The sample
# credential report is as of 2025-06-01; its times are moved so that it is as of today.
REPORT_DAY = datetime.date(2025, 6, 1)


def report_as_of_today(target):
    text = (ROOT / "Vectors/aws/credential-report-basic.csv").read_text()
    shift = datetime.date.today() - REPORT_DAY

    def moved(match):
        when = datetime.datetime.fromisoformat(match[0]) + shift
        return when.isoformat()
    target.write_text(re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00", moved, text))


FIXTURES = {
    "report.json": report_as_of_today,
    "current.json": ROOT / "demo/samples/policy/current-policy.json",
    "policy.json": ROOT / "Vectors/aws/password-policy-cis.json",
    "report-secured.json": ROOT / "Vectors/aws/checklist/credential-report-secured.csv",
    "trails.json": ROOT / "Vectors/aws/checklist/describe-trails.json",
    "trail-status.json": ROOT / "Vectors/aws/checklist/get-trail-status-logging.json",
    "selectors.json": ROOT / "Vectors/aws/checklist/get-event-selectors-all.json",
    "bucket-access.json": ROOT / "Vectors/aws/checklist/get-public-access-block-all.json",
    "cur.json": ROOT / "Vectors/aws/checklist/describe-report-definitions.json",
    "exports.json": ROOT / "Vectors/aws/checklist/list-exports-none.json",
}
# Inputs the README names as the reader's own files (placeholders): small stand-ins.
PLACEHOLDERS = {
    "candidates.txt": ROOT / "demo/samples/policy/candidates.txt",
    "src/app.py": "DEBUG = True\n",
    "config.yml": "region: us-east-1\n",
    "pwned-passwords-sha1-ordered-by-hash.txt": "".join(sorted(
        f"{hashlib.sha1(password.encode()).hexdigest().upper()}:{count}\n" for password, count in (("Password123!", 1000), ("Summer2025!", 50)))),
}


def blocks(text):
    """(language, lines, skip reason, line number) for each console/sh block."""
    lines = text.splitlines()
    index, previous = 0, ""
    while index < len(lines):
        match = re.match(r"^```(console|sh)\s*$", lines[index])
        if match:
            start = index + 1
            end = start
            while not lines[end].startswith("```"):
                end += 1
            skip = re.match(r"<!-- readme-test: skip: (.*) -->", previous)
            yield match[1], lines[start:end], skip[1] if skip else None, start
            index = end
        if lines[index].strip():
            previous = lines[index].strip()
        index += 1


def commands(language, lines):
    """(command, expected output lines) pairs."""
    result, current = [], None
    for line in lines:
        if language == "console" and not line.startswith("$ ") and current is None:
            continue
        if current is not None and current[0].endswith("\\"):
            current[0] = current[0] + "\n" + line
            continue
        if language == "sh":
            if line.strip() and not line.lstrip().startswith("#"):
                current = [line, []]
                result.append(current)
            continue
        if line.startswith("$ "):
            current = [line[2:], []]
            result.append(current)
        else:
            current[1].append(line)
    return result


def pattern(expected):
    text = re.split(r"\s{2,}#", expected, maxsplit=1)[0].rstrip()
    if not text.strip() or text.lstrip().startswith("..."):
        return None
    if re.fullmatch(r"[+-]?\d{1,2}", text.strip()):  # a step offset or a count: exactly this line
        return re.compile(r"^" + re.escape(text.strip()) + r"$")
    parts = re.split(r"(\d+|\.\.\.)", text.strip())
    regex = "".join(r"\d+" if p.isdigit() else ".*" if p == "..." else re.escape(p) for p in parts)
    return re.compile(regex)


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="credkit-readme-"))
    home = work / "home"
    folder = work / "examples"
    (home / ".aws").mkdir(parents=True)
    folder.mkdir()
    bin_dir = work / "bin"
    bin_dir.mkdir()
    (bin_dir / "credkit").symlink_to(CREDKIT)
    env = {"PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "COLUMNS": "80", "NO_COLOR": "1", "AWS_EC2_METADATA_DISABLED": "true",
           "LANG": "C.UTF-8", "GIT_AUTHOR_NAME": "readme", "GIT_AUTHOR_EMAIL": "readme@example.invalid",
           "GIT_COMMITTER_NAME": "readme", "GIT_COMMITTER_EMAIL": "readme@example.invalid"}
    for name, source in PLACEHOLDERS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, str):
            (folder / name).write_text(source)
        else:
            shutil.copy(source, folder / name)
    subprocess.run("git init -q . && git add -A && git commit -q -m start", shell=True, cwd=folder, env=env, check=True)
    failures, ran, skipped = [], 0, 0
    state = ""  # shell variables carry over from one command to the next, as in one terminal
    for language, lines, skip, line_number in blocks(README.read_text()):
        if skip:
            print(f"skip: README.md:{line_number}: {skip}")
            skipped += 1
            continue
        for command, expected in commands(language, lines):
            shown = command.splitlines()[0][:90]
            if "# needs AWS" in command:
                target = re.search(r">\s*(\S+)\s*(#|$)", command.split("# needs AWS")[0])
                if target:
                    name = target[1]
                    if name not in FIXTURES:
                        failures.append(f"README.md:{line_number}: `{shown}` needs AWS and writes {name}, which has no fixture")
                        continue
                    fixture = FIXTURES[name]
                    fixture(folder / name) if callable(fixture) else shutil.copy(fixture, folder / name)
                print(f"not run (needs AWS): {shown}")
                skipped += 1
                continue
            wanted = re.search(r"#.*\bexit (\d+)", "\n".join([command] + expected))
            status_wanted = int(wanted[1]) if wanted else 0
            script = f"{state}\n{command}\nstatus=$?\ndeclare -p | grep -v -E '^declare -[a-zA-Z]*r' > {work}/state\nexit $status"
            result = subprocess.run(["bash", "-c", script], cwd=folder, env=env, capture_output=True, text=True, timeout=120,
                                    stdin=subprocess.DEVNULL)
            state_file = work / "state"
            state = f"source {state_file} 2>/dev/null" if state_file.exists() else ""
            ran += 1
            printed = (result.stdout + result.stderr).splitlines()
            problems = []
            if result.returncode != status_wanted:
                problems.append(f"exit {result.returncode}, README says {status_wanted}")
            for line in expected:
                regex = pattern(line)
                if regex and not any(regex.search(out) for out in printed):
                    problems.append(f"no output line matches {line.strip()!r}")
            if problems:
                failures.append(f"README.md:{line_number}: `{shown}`: " + "; ".join(problems)
                                + "\n    printed:\n      " + "\n      ".join(printed[:25]))
    shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print(f"FAIL: {failure}")
    print(f"readme-examples: {ran} commands run, {skipped} not run (reasons above), {len(failures)} failed")
    return 1 if failures or ran == 0 else 0


sys.exit(main())
