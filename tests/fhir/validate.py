"""Validates FHIR R4 Bundles exported by Linkwork with an independent implementation: the
`fhir.resources` R4B models (R4B shares R4's resources for everything Linkwork writes). Also checks
what the models cannot: every resource names its UK Core profile, the NHS number uses the NHS
system, and every reference resolves inside the bundle.

Usage: validate.py BUNDLE.json...   Prints resource counts; exits 1 with the problems if any."""

import json
import sys
from collections import Counter

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-"
NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"


def references(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "reference" and isinstance(v, str):
                yield v
            else:
                yield from references(v)
    elif isinstance(value, list):
        for v in value:
            yield from references(v)


def check(path, counts, problems):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    try:
        Bundle.model_validate_json(raw)
    except Exception as e:  # the validator's own report, whatever its type
        problems.append(f"{path}: Bundle: {e}")
    data = json.loads(raw)
    if data.get("type") != "collection":
        problems.append(f"{path}: Bundle.type is {data.get('type')!r}, not 'collection'")
    resources = [("Bundle", data)] + [
        (e.get("resource", {}).get("resourceType"), e.get("resource", {})) for e in data.get("entry", [])
    ]
    full_urls = {e.get("fullUrl") for e in data.get("entry", [])}
    for e in data.get("entry", []):
        r = e.get("resource", {})
        if e.get("fullUrl") != f"urn:uuid:{r.get('id')}":
            problems.append(f"{path}: fullUrl {e.get('fullUrl')} does not match id {r.get('id')}")
    for kind, r in resources:
        counts[kind] += 1
        if kind != "Bundle":
            try:
                get_fhir_model_class(kind).model_validate(r)
            except Exception as e:
                problems.append(f"{path}: {kind} {r.get('id')}: {e}")
        if r.get("meta", {}).get("profile") != [PROFILE + str(kind)]:
            problems.append(f"{path}: {kind} {r.get('id')} does not name {PROFILE}{kind}")
        if kind == "Patient":
            for ident in r.get("identifier", []):
                if ident.get("system") != NHS_SYSTEM or not (
                    len(ident.get("value", "")) == 10 and ident["value"].isdigit()
                ):
                    problems.append(f"{path}: Patient identifier {ident} is not an NHS number in {NHS_SYSTEM}")
            if not r.get("identifier"):
                counts["Patient without NHS number"] += 1
        if kind != "Bundle":
            for ref in references(r):
                if ref not in full_urls:
                    problems.append(f"{path}: {kind} {r.get('id')} refers to {ref}, not in the bundle")


def main(paths):
    counts, problems = Counter(), []
    for p in paths:
        check(p, counts, problems)
    print(", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
