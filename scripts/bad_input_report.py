#!/usr/bin/env python3
"""Writes the "Bad input" section of docs/performance.md from the figures of
scripts/bench-bad-input.sh: `bad_input_report.py <dir with fuzz.tsv and schemathesis.json> <doc>`.
Replaces only what lies between the section's marker comments (appending the section the first
time); the rest of the document is left as it is.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path

START, END = "<!-- bad-input:start -->", "<!-- bad-input:end -->"
REQUEST_TARGET = 5_000


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def fuzz_section(path: Path) -> list[str]:
    if not path.exists():
        return ["The fuzz run wrote no figures (it failed to build or start)."]
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [
        "| target | what it feeds | runs | time | runs/s | corpus | crashes (target 0) |",
        "|---|---|---|---|---|---|---|",
    ]
    what = {
        "credit_code": "any text as a unified social credit code",
        "money": "any text as an amount; any fen amount through its format",
        "forms": "any bytes as the JSON body of each of the 15 request forms",
        "commands": "lines of forms → commands → `decide` on a draft project, folded",
    }
    for target, runs, seconds, rate, corpus, crashed in rows:
        lines.append(
            f"| `{target}` | {what.get(target, '')} | {int(runs):,} | {seconds} s | {int(rate):,} | {corpus} "
            f"| {crashed} ({verdict(crashed == '0')}) |"
        )
    return lines


def ok_answers(role: dict) -> int:
    return sum(count for status, count in role["statuses"].items() if status.startswith("2"))


def schemathesis_section(path: Path) -> tuple[list[str], dict | None]:
    if not path.exists():
        return ["The schemathesis run wrote no figures (the server did not start)."], None
    summary = json.loads(path.read_text(encoding="utf-8"))
    lines = [
        "| role | requests | of them 2xx | 5xx (target 0) | schema failures (target 0) | other failures | time |",
        "|---|---|---|---|---|---|---|",
    ]
    for role in summary["roles"]:
        others = sum(f["count"] for f in role["failures"] if f["type"] != "response_schema_conformance")
        others += sum(e["count"] for e in role["errors"])
        lines.append(
            f"| {role['role']} | {role['requests']:,} | {ok_answers(role):,} | {role['server_errors']} "
            f"| {role['schema_failures']} | {others} | {role['seconds']} s |"
        )
    total = summary["requests"]
    server_errors = sum(r["server_errors"] for r in summary["roles"])
    schema_failures = sum(r["schema_failures"] for r in summary["roles"])
    lines += [
        f"| **all** | **{total:,}** (target ≥ {REQUEST_TARGET:,}: {verdict(total >= REQUEST_TARGET)}) | "
        f"{sum(ok_answers(r) for r in summary['roles']):,} | {server_errors} ({verdict(server_errors == 0)}) "
        f"| {schema_failures} ({verdict(schema_failures == 0)}) | | |",
    ]
    failing = [(r["role"], f) for r in summary["roles"] for f in r["failures"]]
    if failing:
        lines += ["", "Failures:", ""]
        lines += [f"- {role}: {f['title']} ({f['count']}×) in {', '.join(f['operations'])}" for role, f in failing]
    return lines, summary


def main() -> int:
    figures, doc = Path(sys.argv[1]), Path(sys.argv[2])
    fuzz = fuzz_section(figures / "fuzz.tsv")
    st_lines, summary = schemathesis_section(figures / "schemathesis.json")
    examples = summary["max_examples"] if summary else "?"
    today = datetime.date.today().isoformat()
    section = [
        START,
        "## Bad input",
        "",
        f"`npm run bench` (scripts/bench-bad-input.sh), {today}. **Fuzzing** (scripts/fuzz.sh): each",
        "cargo-fuzz target of the domain crate (shared/fuzz) for the time shown, two at a time on the",
        "two cores, built on the stable toolchain with AddressSanitizer; each asserts properties of",
        "what it parses or decides (round trips, replays, invariants), not only the absence of panics.",
        "",
        *fuzz,
        "",
        f"**Generated requests** (scripts/schemathesis.py): schemathesis {examples} examples per operation",
        "and phase against `/api/v1/openapi.json` of the debug build of market-local with its demo data,",
        "once per role with a demo account's token and once anonymously, the five runs at once (each",
        "time is a run's share of the two cores); every response checked for server errors, a documented",
        "status code and content type, and the documented schema, and every request the document calls",
        "invalid for being refused (schemathesis's `negative_data_rejection`). Most generated requests",
        "are refused (4xx) as they should be: the refusals are what is under test. How to run them, and",
        "what they found: [testing.md](testing.md).",
        "",
        *st_lines,
        END,
    ]
    text = doc.read_text(encoding="utf-8")
    block = "\n".join(section)
    if START in text and END in text:
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")
    print(f"[bad-input] wrote the Bad input section of {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
