#!/usr/bin/env python3
"""Sends generated requests to the whole API with schemathesis, as each role and anonymously.

Starts the local marketplace (`market-local`, with its demo data, on a free loopback port, on a
fresh data directory), signs in as one demo account of each role, and runs schemathesis against
the API's own OpenAPI document (/api/v1/openapi.json) once per role (its access token on every
request) and once without one. Each response must be no server error (5xx) and match what the
document says of the operation: a documented status code, the documented content type and the
documented schema; a request the document calls invalid must be refused. Prints the requests
sent per role and writes them, with every failure, to `--summary` (JSON) for docs/performance.md.

    scripts/schemathesis.py --max-examples 5          # the short run of `npm test`
    scripts/schemathesis.py --max-examples 100 --summary target/bad-input/schemathesis.json

The driver signs in from 127.0.0.2 while schemathesis sends from 127.0.0.1, so the failed
sign-ins it generates (throttled per address, 5 in 15 minutes) never hold up the driver's own;
and it signs in afresh right before each role's run, so the 15-minute access token outlives it.
Exits non-zero on any failure. Needs schemathesis (infra/requirements.txt) in the venv that runs
it or on PATH.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import http.client
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "zhongjie-demo-2026"
# Anonymous (no token), then the first demo account of each role in README.md's "Demo accounts".
ROLES = ["anonymous", "enterprise", "department", "provider", "supervisor"]
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
]
SIGN_IN_FROM = "127.0.0.2"


def demo_account(role: str) -> str:
    """The first demo account of `role` in the README's table."""
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*" + role + r"\s*\|\s*`([^`]+@[^`]+)`", line)
        if match:
            return match.group(1)
    raise SystemExit(f"no demo account of role {role} in README.md")


class Server:
    """market-local on a free loopback port, on a fresh data directory."""

    def __init__(self, binary: Path, log: Path) -> None:
        self.data_dir = tempfile.mkdtemp(prefix="market-schemathesis-")
        self.log = log.open("w", encoding="utf-8")
        env = dict(
            os.environ,
            PORT="0",
            MARKET_DATA_DIR=self.data_dir,
            MARKET_STATIC_DIR=self.data_dir,  # no front-end: the API only
            RUST_LOG=os.environ.get("RUST_LOG", "warn"),
        )
        self.process = subprocess.Popen(
            [str(binary)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=self.log, text=True
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                lines.put(line)
                self.log.write(line)
                self.log.flush()
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + 60
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                self.stop()
                raise SystemExit(f"market-local did not start; see {log}")
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                self.base_url = match.group(1)
                return

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def call(base_url: str, method: str, path: str, body: dict | None = None, token: str | None = None) -> dict:
    """One request of the driver's own (from 127.0.0.2); the answer's JSON, or exits."""
    host, port = base_url.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(SIGN_IN_FROM, 0))
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{method} {path}: {response.status} {payload[:300]!r}")
    return json.loads(payload)


def sign_in(base_url: str, email: str) -> str:
    return call(base_url, "POST", "/api/v1/sessions", {"email": email, "password": PASSWORD})["access_token"]


def every_item(base_url: str, path: str, token: str | None = None) -> list[dict]:
    """Every item of a list, page by page."""
    items, cursor = [], None
    while True:
        query = f"?limit=100&cursor={urllib.parse.quote(cursor)}" if cursor else "?limit=100"
        page = call(base_url, "GET", path + query, token=token)
        items += page["items"]
        cursor = page.get("next")
        if not cursor:
            return items


def known_ids(base_url: str, token: str | None) -> dict[str, list[str]]:
    """The ids the demo data holds, as the role sees them: path parameters and body fields drawn
    from these reach past "no such project" into the rules."""
    projects = every_item(base_url, "/api/v1/projects", token)
    if token:
        try:
            projects += every_item(base_url, "/api/v1/me/projects", token)
        except SystemExit:
            pass  # not a buyer
    ids: dict[str, set[str]] = collections.defaultdict(set)
    for summary in projects:
        ids["projects"].add(summary["id"])
        view = call(base_url, "GET", f"/api/v1/projects/{summary['id']}", token=token)["project"]
        ids["quotes"].update(q["id"] for q in view.get("quotes") or [])
        ids["questions"].update(q["id"] for q in view.get("questions") or [])
        ids["objections"].update(o["id"] for o in view.get("objections") or [])
    ids["providers"].update(p["id"] for p in every_item(base_url, "/api/v1/providers", token))
    ids["inspections"].update(i["id"] for i in every_item(base_url, "/api/v1/inspections", token))
    return {name: sorted(values) for name, values in ids.items() if values}


def config_file(ids: dict[str, list[str]], path: Path) -> Path:
    """A schemathesis.toml that draws path ids (and the quote a choice or an upholding names) from
    the known ones most of the time, and generates the rest."""
    lines = ["[dictionaries]"]
    lines += [f"{name} = {{ values = {json.dumps(values)} }}" for name, values in ids.items()]

    def bind(regex: str, parameters: dict[str, str]) -> None:
        bound = {k: v for k, v in parameters.items() if v in ids}
        if bound:
            lines.extend(["", "[[operations]]", f"include-path-regex = {json.dumps(regex)}", "[operations.parameters]"])
            lines.extend(f'"{key}" = {{ dictionary = "{name}", probability = 0.8 }}' for key, name in bound.items())

    bind(r"^/api/v1/projects/\{id\}$", {"path.id": "projects"})
    bind(r"^/api/v1/projects/\{id\}/(choice)$", {"path.id": "projects", "body.quote": "quotes"})
    bind(r"^/api/v1/projects/\{id\}/quotes/\{quote\}", {"path.id": "projects", "path.quote": "quotes"})
    bind(r"^/api/v1/projects/\{id\}/questions/\{question\}", {"path.id": "projects", "path.question": "questions"})
    bind(
        r"^/api/v1/projects/\{id\}/objections/\{objection\}/uphold$",
        {"path.id": "projects", "path.objection": "objections", "body.disqualify": "quotes"},
    )
    bind(r"^/api/v1/projects/\{id\}/objections/\{objection\}/reject$", {"path.id": "projects", "path.objection": "objections"})
    bind(r"^/api/v1/projects/\{id\}/(?!choice|quotes/|questions/|objections/)", {"path.id": "projects"})
    bind(r"^/api/v1/(supervision/)?providers/\{id\}", {"path.id": "providers"})
    bind(r"^/api/v1/inspections/\{id\}", {"path.id": "inspections"})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def schemathesis() -> str:
    here = Path(sys.executable).parent / "st"
    found = str(here) if here.exists() else shutil.which("st")
    if not found:
        raise SystemExit("schemathesis (st) is not installed: run scripts/setup.sh")
    return found


def run_role(role: str, token: str | None, base_url: str, args: argparse.Namespace, out: Path) -> dict:
    report_dir = out / role
    shutil.rmtree(report_dir, ignore_errors=True)
    config = config_file(known_ids(base_url, token), out / f"{role}.toml")
    command = [
        schemathesis(),
        "--config-file",
        str(config),
        "run",
        f"{base_url}/api/v1/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--max-examples",
        str(args.max_examples),
        "--workers",
        str(args.workers),
        "--report",
        "json,har",
        "--report-json-path",
        str(report_dir / "report.json"),
        "--report-har-path",
        str(report_dir / "requests.har"),
        "--no-color",
        "--request-timeout",
        "30",
        # Every run starts afresh: no examples database left in the work tree.
        "--generation-database",
        "none",
        "--suppress-health-check",
        "too_slow",
    ]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    if args.phases:
        command += ["--phases", args.phases]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    started = time.monotonic()
    # Run from the reports' directory: schemathesis keeps its cache of failures (for `st replay`)
    # in the working directory.
    result = subprocess.run(command, cwd=out, capture_output=True, text=True)
    seconds = time.monotonic() - started
    (report_dir / "output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")

    statuses: collections.Counter[str] = collections.Counter()
    server_errors = []
    har = report_dir / "requests.har"
    entries = json.loads(har.read_text(encoding="utf-8"))["log"]["entries"] if har.exists() else []
    if True:
        for entry in entries:
            status = entry["response"]["status"]
            statuses[str(status)] += 1
            if status >= 500:
                server_errors.append(f'{entry["request"]["method"]} {entry["request"]["url"]} → {status}')
    report = report_dir / "report.json"
    document = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    failures = document.get("failures", [])
    schema_failures = sum(f["count"] for f in failures if f["type"] == "response_schema_conformance")
    return {
        "role": role,
        "requests": sum(statuses.values()),
        "test_cases": document.get("test_cases", {}).get("generated", 0),
        "operations": (document.get("operations") or {}).get("tested", 0),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": len(server_errors),
        "server_error_examples": server_errors[:10],
        "schema_failures": schema_failures,
        "failures": failures,
        "errors": document.get("errors", []),
        "exit_code": result.returncode,
        "seconds": round(seconds, 1),
        "output": str(report_dir / "output.txt"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=5, help="test cases per operation and phase")
    # One worker by default: hypothesis parses lambdas' sources with ast.parse as it describes
    # its strategies, and CPython 3.11's ast module keeps its recursion depth in state shared by
    # threads (CPython issue 106905), so two workers now and then fail with "SystemError: AST
    # constructor recursion depth mismatch". The roles still run at once (--jobs), as processes.
    parser.add_argument("--workers", default="1", help="concurrent requests (schemathesis --workers)")
    parser.add_argument(
        "--phases",
        help="schemathesis's phases (default all: examples, coverage, fuzzing, stateful); the coverage "
        "phase sends about 2,000 requests per role whatever the example count",
    )
    parser.add_argument("--jobs", type=int, default=1, help="roles run at once (each its own schemathesis)")
    parser.add_argument("--seed", type=int, help="schemathesis's random seed, for a repeatable run")
    parser.add_argument("--roles", default=",".join(ROLES), help="comma-separated, of " + ", ".join(ROLES))
    parser.add_argument(
        "--bin",
        type=Path,
        default=Path(os.environ.get("MARKET_LOCAL_BIN", ROOT / "target/debug/market-local")),
        help="the market-local binary (default: $MARKET_LOCAL_BIN or target/debug/market-local)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "target/schemathesis", help="reports go here")
    parser.add_argument("--summary", type=Path, help="write the per-role figures here (JSON)")
    args = parser.parse_args()

    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        parser.error(f"unknown roles: {', '.join(unknown)}")
    args.out = args.out.resolve()
    args.bin = args.bin.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    server = Server(args.bin, args.out / "server.log")
    results = []
    try:
        print(f"[schemathesis] market-local on {server.base_url}, {args.max_examples} examples per operation")
        def run(role: str) -> dict:
            token = None if role == "anonymous" else sign_in(server.base_url, demo_account(role))
            return run_role(role, token, server.base_url, args, args.out)

        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(run, roles))
        for result in results:
            role = result["role"]
            failed = sum(f["count"] for f in result["failures"]) + len(result["errors"])
            print(
                f"[schemathesis] {role:<10} {result['requests']:>6} requests "
                f"({result['test_cases']} test cases, {result['operations']} operations) in {result['seconds']} s: "
                f"{result['server_errors']} server errors, {result['schema_failures']} schema failures, "
                f"{failed} failures in all; statuses {result['statuses']}"
            )
            if result["exit_code"] != 0 or failed or result["server_errors"]:
                print(f"[schemathesis] {role}: FAILED, see {result['output']}", file=sys.stderr)
                output = Path(result["output"]).read_text(encoding="utf-8")
                print(output[-6000:], file=sys.stderr)
    finally:
        server.stop()
    total = sum(r["requests"] for r in results)
    ok = all(
        r["exit_code"] == 0 and not r["failures"] and not r["errors"] and not r["server_errors"] for r in results
    )
    print(f"[schemathesis] {total} requests in all, {'no failures' if ok else 'FAILURES'}")
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        summary = {"max_examples": args.max_examples, "seed": args.seed, "requests": total, "ok": ok, "roles": results}
        args.summary.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
