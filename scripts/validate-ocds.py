#!/usr/bin/env python3
"""Validates the marketplace's OCDS output (what `market-admin ocds <dir>` writes) against the
OCDS 1.1.5 schemas and codelists kept beside the repository in ../shared/ocds-1.1.5 (never copied
into it), with the marketplace's extension (docs/ocds-extension/) applied to the release schema
first, so the extension's fields are checked too.

Usage: validate-ocds.py <dir>

Checks every release-*.json against release-package-schema.json and every record-*.json against
record-package-schema.json (formats date-time and uri included); every value of a codelist
against its CSV — a closed codelist's codes only, an open one's codes plus those the extension
adds; release ids unique; a record's releases in date order and its compiled release equal to
the merge of its releases by OCDS's merge rules. Fails naming the file, the release and the path.
Before all that, it checks itself: a release broken on purpose must be refused.
"""

import copy
import csv
import datetime
import json
import pathlib
import subprocess
import sys
import urllib.parse

import jsonschema
import referencing
from referencing.jsonschema import DRAFT4

RELEASE_SCHEMA_ID = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
VERSIONED_SCHEMA_ID = "https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json"


def fail(message):
    print(f"validate-ocds: {message}", file=sys.stderr)
    sys.exit(1)


def repo_root():
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True,
                             cwd=pathlib.Path(__file__).resolve().parent)
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"cannot find the repository's root with git: {e}")
    return pathlib.Path(out.stdout.strip())


def load_json(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        fail(f"{path}: {e}")


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch, as OCDS applies an extension's release-schema.json."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def codes(path):
    with path.open(encoding="utf-8", newline="") as f:
        return {row["Code"] for row in csv.DictReader(f)}


def is_date_time(value):
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def is_uri(value):
    if not isinstance(value, str):
        return False
    parts = urllib.parse.urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc) and " " not in value


class Validators:
    """The package validators: OCDS 1.1.5 with the extension, formats and codelists checked."""

    def __init__(self, ocds_dir, extension_dir):
        release_schema = merge_patch(load_json(ocds_dir / "release-schema.json"),
                                     load_json(extension_dir / "release-schema.json"))
        # Without its `$schema`, a referenced release is checked by the extended validator below
        # (jsonschema picks the class a schema's `$schema` names when it follows a `$ref`).
        release_schema.pop("$schema", None)
        core = {p.name: codes(p) for p in (ocds_dir / "codelists").glob("*.csv")}
        extension = load_json(extension_dir / "extension.json")
        added = {}
        for name in extension.get("codelists", []):
            if not name.startswith("+"):
                fail(f"extension codelist {name}: only additions (+name.csv) are expected")
            added[name[1:]] = codes(extension_dir / "codelists" / name)
        self.codelists = core
        self.added = added

        def check_codelist(validator, codelist, instance, schema):
            if codelist not in core:
                yield jsonschema.ValidationError(f"codelist {codelist} is not among the OCDS 1.1.5 codelists")
                return
            allowed = core[codelist] | (added.get(codelist, set()) if schema.get("openCodelist") else set())
            values = instance if isinstance(instance, list) else [instance]
            for value in values:
                if value is not None and value not in allowed:
                    kind = "open" if schema.get("openCodelist") else "closed"
                    yield jsonschema.ValidationError(
                        f"{value!r} is not a code of the {kind} codelist {codelist}"
                        + (" (nor one the extension adds)" if kind == "open" else ""))

        formats = jsonschema.FormatChecker(formats=())
        formats.checks("date-time")(is_date_time)
        formats.checks("uri")(is_uri)
        Validator = jsonschema.validators.extend(jsonschema.Draft4Validator, {"codelist": check_codelist})
        registry = referencing.Registry().with_resources([
            (RELEASE_SCHEMA_ID, DRAFT4.create_resource(release_schema)),
            (VERSIONED_SCHEMA_ID, DRAFT4.create_resource(load_json(ocds_dir / "versioned-release-validation-schema.json"))),
        ])
        self.release_package = Validator(load_json(ocds_dir / "release-package-schema.json"),
                                         registry=registry, format_checker=formats)
        self.record_package = Validator(load_json(ocds_dir / "record-package-schema.json"),
                                        registry=registry, format_checker=formats)


def release_at(package, path):
    """The id of the release an error's path points into, e.g. `records/0/releases/3/...`."""
    node, name = package, None
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "ocid" in node and "tag" in node:
            name = node.get("id")
    return name or "(package)"


def errors_of(validator, instance):
    """Every error, each narrowed to its most relevant cause: within the record schema's oneOf of
    linked or embedded releases, the embedded release's own error."""
    found = []
    for error in validator.iter_errors(instance):
        found.append(jsonschema.exceptions.best_match([error]))
    return found


def describe(file, package, error):
    path = "/".join(str(p) for p in error.absolute_path) or "(root)"
    message = error.message if len(error.message) <= 200 else error.message[:200] + " …"
    return f"{file}: release {release_at(package, error.absolute_path)}: at {path}: {message}"


def ocds_merge(releases):
    """The compiled release by OCDS's merge rules: objects merge field by field, arrays of objects
    with ids merge by id, other values (and other arrays) are replaced; id, date and tag of a
    release are not merged."""
    def merge(old, new):
        if isinstance(old, dict) and isinstance(new, dict):
            out = dict(old)
            for key, value in new.items():
                out[key] = merge(old.get(key), value)
            return out
        if (isinstance(old, list) and isinstance(new, list) and new
                and all(isinstance(x, dict) and "id" in x for x in old + new)):
            out = {x["id"]: x for x in old}
            for x in new:
                out[x["id"]] = merge(out.get(x["id"]), x)
            return list(out.values())
        return copy.deepcopy(new)

    compiled = {}
    for release in releases:
        body = {k: v for k, v in release.items() if k not in ("id", "tag")}
        compiled = merge(compiled, body)
    return compiled


def check_records(file, package, problems):
    for record in package.get("records", []):
        releases = record.get("releases", [])
        dates = [r.get("date") for r in releases]
        if dates != sorted(dates):
            problems.append(f"{file}: record {record.get('ocid')}: releases are not in date order")
        compiled = {k: v for k, v in record.get("compiledRelease", {}).items() if k not in ("id", "tag")}
        if compiled != ocds_merge(releases):
            problems.append(f"{file}: record {record.get('ocid')}: the compiled release is not the merge of its releases")
        for release in releases:
            if release.get("ocid") != record.get("ocid"):
                problems.append(f"{file}: release {release.get('id')}: ocid differs from its record's")


def validate(directory, validators):
    release_files = sorted(directory.glob("releases-*.json"))
    record_files = sorted(directory.glob("record-*.json"))
    if not release_files or not record_files:
        fail(f"{directory}: expected releases-*.json and record-*.json (written by `market-admin ocds {directory}`)")
    problems, ids = [], {}
    releases = records = 0
    for file in release_files:
        package = load_json(file)
        problems += [describe(file.name, package, e) for e in errors_of(validators.release_package, package)]
        for release in package.get("releases", []):
            releases += 1
            rid = release.get("id")
            if rid in ids:
                problems.append(f"{file.name}: release {rid}: id already used in {ids[rid]}")
            ids[rid] = file.name
    for file in record_files:
        package = load_json(file)
        problems += [describe(file.name, package, e) for e in errors_of(validators.record_package, package)]
        records += len(package.get("records", []))
        check_records(file.name, package, problems)
    record_release_ids = set()
    for file in record_files:
        for record in load_json(file).get("records", []):
            record_release_ids |= {r.get("id") for r in record.get("releases", [])}
    if record_release_ids != set(ids):
        problems.append(f"the records hold {len(record_release_ids)} releases, the feed {len(ids)}: they differ")
    return problems, releases, len(release_files), records


def self_check(directory, validators):
    """A release broken three ways must be refused three times, else the validator checks nothing."""
    package = load_json(sorted(directory.glob("releases-*.json"))[0])
    broken = copy.deepcopy(package)
    release = broken["releases"][0]
    release["tender"]["status"] = "opened"  # not in the closed tenderStatus codelist (nor the enum)
    release["tender"]["awardCriteria"] = "coinToss"  # not in the open awardCriteria codelist nor the extension's
    release["tender"]["drawCommitment"] = "not hex"  # the extension's pattern
    release["date"] = "yesterday"  # not a date-time
    found = errors_of(validators.release_package, broken)
    paths = {"/".join(str(p) for p in e.absolute_path) for e in found}
    expected = {"releases/0/tender/status", "releases/0/tender/awardCriteria", "releases/0/tender/drawCommitment",
                "releases/0/date"}
    if not expected <= paths:
        fail(f"self-check: a broken release was not refused at {sorted(expected - paths)} (found {sorted(paths)})")


def main():
    if len(sys.argv) != 2:
        fail("usage: validate-ocds.py <dir written by `market-admin ocds <dir>`>")
    root = repo_root()
    ocds_dir = (root / ".." / "shared" / "ocds-1.1.5").resolve()
    if not (ocds_dir / "release-schema.json").is_file():
        fail(f"the OCDS 1.1.5 schemas are not at {ocds_dir} (they are kept beside the repository, in "
             "../shared/ocds-1.1.5, never in it)")
    validators = Validators(ocds_dir, root / "docs" / "ocds-extension")
    directory = pathlib.Path(sys.argv[1])
    self_check(directory, validators)
    problems, releases, packages, records = validate(directory, validators)
    if problems:
        for problem in problems[:50]:
            print(problem, file=sys.stderr)
        fail(f"{len(problems)} problems" + (" (the first 50 shown)" if len(problems) > 50 else ""))
    print(f"validated {releases} releases in {packages} release packages and {records} records (each with its "
          f"compiled release) against OCDS 1.1.5 with the marketplace's extension, at {ocds_dir}")


if __name__ == "__main__":
    main()
